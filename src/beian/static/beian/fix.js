// One-click fixes next to a field (e.g. a subdomain -> its registrable domain): put the suggested value
// into the field, then check the page again so the person sees the result of the fix at once.
document.addEventListener("click", function (event) {
  var button = event.target.closest("[data-fix-for]");
  if (!button) return;
  var input = document.getElementById(button.getAttribute("data-fix-for"));
  if (!input) return;
  input.value = button.getAttribute("data-fix-value");
  input.dispatchEvent(new Event("input", { bubbles: true }));
  var form = input.form;
  var again = form && (form.querySelector('button[name="action"][value="check"]') ||
                       form.querySelector('button[name="action"][value="save"]'));
  if (again && form.requestSubmit) form.requestSubmit(again);
  else input.focus();
});
