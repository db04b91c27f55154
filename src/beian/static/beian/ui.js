// Small behaviours every page may use, declared with data attributes: the Content-Security-Policy
// (beian.web.csp) refuses inline handlers (onclick=, onsubmit=) and inline <script> blocks.
//   <form data-confirm="确定吗？">      asks before submitting (a "取消" keeps the page as it is)
//   <a data-open="supplement">         opens the <details id="supplement"> it points to
//   <input data-select>                selects its whole text on click, for copying a link
//   <span data-countdown="ISO time">   counts down to that time (e.g. the 24 h SMS check)
(function () {
  "use strict";

  document.addEventListener("submit", function (event) {
    var form = event.target.closest("form[data-confirm]");
    if (form && !window.confirm(form.getAttribute("data-confirm"))) event.preventDefault();
  });

  document.addEventListener("click", function (event) {
    var opener = event.target.closest("[data-open]");
    if (opener) {
      var target = document.getElementById(opener.getAttribute("data-open"));
      if (target) target.open = true;
    }
    var input = event.target.closest("input[data-select]");
    if (input) input.select();
  });

  function countdown(el) {
    var deadline = new Date(el.getAttribute("data-countdown"));
    if (isNaN(deadline)) return;
    function tick() {
      var ms = deadline - new Date();
      if (ms <= 0) { el.textContent = el.getAttribute("data-expired") || "已超时"; return; }
      var h = Math.floor(ms / 3600000), m = Math.floor(ms % 3600000 / 60000), s = Math.floor(ms % 60000 / 1000);
      el.textContent = h + "小时" + m + "分" + s + "秒";
      setTimeout(tick, 1000);
    }
    tick();
  }

  function start() {
    document.querySelectorAll("[data-countdown]").forEach(countdown);
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();

// A certificate number's phone keyboard follows its type select (wizard/_field.html, beian.wizard.fields
// input_hints): a 居民身份证 number gets the digit pad and the X key beside the field; any other type the full
// keyboard. The X key puts the final X in (an ID number's check character), replacing a lower-case x.
(function () {
  "use strict";
  var ID_CARD = "resident_id";

  function follow(select) {
    var input = document.querySelector('input[data-cert-number][name="' + select.name.replace(/cert_type$/, "cert_number") + '"]');
    if (!input || input.readOnly) return;
    var idCard = select.value === ID_CARD;
    input.setAttribute("inputmode", idCard ? "numeric" : "text");
    var key = document.querySelector('[data-append-x="' + input.id + '"]');
    if (key) key.hidden = !idCard;
  }

  document.addEventListener("change", function (event) {
    if (event.target.matches && event.target.matches('select[name$="cert_type"]')) follow(event.target);
  });
  document.addEventListener("click", function (event) {
    var key = event.target.closest("[data-append-x]");
    if (!key) return;
    var input = document.getElementById(key.getAttribute("data-append-x"));
    if (!input) return;
    input.value = input.value.replace(/[xX]$/, "") + "X";
    input.dispatchEvent(new Event("input", { bubbles: true }));
    input.focus();
  });

  // The account menu (base.html, a <details>) closes on a click or tap elsewhere and on Escape, as menus do.
  document.addEventListener("click", function (event) {
    document.querySelectorAll("details.menu[open]").forEach(function (menu) {
      if (!menu.contains(event.target)) menu.removeAttribute("open");
    });
  });
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape") document.querySelectorAll("details.menu[open]").forEach(function (m) { m.removeAttribute("open"); });
  });

  function start() {
    document.querySelectorAll('select[name$="cert_type"]').forEach(follow);
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
