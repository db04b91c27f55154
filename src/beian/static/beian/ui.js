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
