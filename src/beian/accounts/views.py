from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth import views as auth_views
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from beian.accounts import messages as msg
from beian.accounts.backends import login_keys
from beian.accounts.forms import EmailLoginForm, RegisterForm
from beian.web import limits


def _email(request, field: str) -> str | None:
    return request.POST.get(field, "").strip().lower()[:150] or None


@require_http_methods(["GET", "POST"])
def register(request):
    form = RegisterForm(request.POST or None)
    if request.method == "POST":
        # Every attempt counts (not only accounts made): "该邮箱已注册" must not become a free address-book probe.
        try:
            limits.hit(("register_ip", limits.ip_key(request)), ("register_email", _email(request, "email")))
        except limits.Limited as exc:
            return limits.response(request, exc)
    if request.method == "POST" and form.is_valid():
        user = form.save()
        login(request, user, backend="beian.accounts.backends.LimitedModelBackend")
        messages.success(request, msg.REGISTERED)
        return redirect("/orders/")
    return render(request, "accounts/register.html", {"form": form})


class LoginView(auth_views.LoginView):
    """Email login; failures are limited per account and per address (beian.accounts.backends)."""

    form_class = EmailLoginForm
    template_name = "accounts/login.html"

    def post(self, request, *args, **kwargs):
        try:
            limits.check(*login_keys(request, request.POST.get("username")))
        except limits.Limited as exc:
            return limits.response(request, exc)
        return super().post(request, *args, **kwargs)


class PasswordResetView(auth_views.PasswordResetView):
    """Each request may send a mail: limited per address and per email (known or not, so it reveals nothing)."""

    def form_valid(self, form):
        try:
            limits.hit(("reset_ip", limits.ip_key(self.request)),
                       ("reset_email", form.cleaned_data["email"].strip().lower()[:254]))
        except limits.Limited as exc:
            return limits.response(self.request, exc)
        return super().form_valid(form)
