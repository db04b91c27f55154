// 填写网站信息 — an APP's platform rows (wizard/_app.html): the package and fingerprint labels follow the chosen
// platform, and a signing file over the size limit is refused before the form is sent (what is typed stays).
(function () {
  function labels() {
    var holder = document.getElementById("platform-labels");
    try { return JSON.parse(holder ? holder.getAttribute("data-labels") : "{}"); } catch (e) { return {}; }
  }
  function setText(field, selector, text) {
    var el = field && field.querySelector(selector);
    if (el && text) el.textContent = text;
  }
  document.addEventListener("change", function (event) {
    var target = event.target;
    if (target.matches && target.matches("select[name$='.platform']")) {
      var row = target.closest("[data-platform-row]");
      var map = labels()[target.value];
      if (!row || !map) return;
      var prefix = target.name.slice(0, -".platform".length);
      var pkg = row.querySelector("[data-field='" + prefix + ".package_name']");
      var sig = row.querySelector("[data-field='" + prefix + ".signature']");
      setText(pkg, "label", map.package); setText(pkg, ".help", map.package_help);
      setText(sig, "label", map.signature); setText(sig, ".help", map.signature_help);
      setText(row, "[data-platform-help]", map.help);
      row.setAttribute("data-platform", target.value);
    }
    if (target.matches && target.matches("input[type=file][data-max-bytes]")) {
      var max = parseInt(target.getAttribute("data-max-bytes"), 10) || 0;
      var warn = target.closest(".field").querySelector("[data-file-size-error]");
      var big = max && target.files && target.files[0] && target.files[0].size > max;
      if (warn) warn.hidden = !big;
      if (big) target.value = "";
    }
  });
})();
