// Precheck form: a website's own principal fields show only while "不复用" is chosen.
// Without JavaScript every field stays visible and the server ignores them when reusing.
document.addEventListener("DOMContentLoaded", function () {
  document.querySelectorAll("[data-reuse-target]").forEach(function (block) {
    var name = "websites[" + block.dataset.reuseTarget + "].reuse";
    var radios = document.querySelectorAll('input[type="radio"][name="' + name + '"]');
    function sync() {
      var reuse = document.querySelector('input[type="radio"][name="' + name + '"]:checked');
      block.hidden = !!reuse && reuse.value === "1";
    }
    radios.forEach(function (radio) { radio.addEventListener("change", sync); });
    sync();
  });
});
