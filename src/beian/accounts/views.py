from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth import views as auth_views
from django.core.cache import cache
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from beian.accounts import messages as msg
from beian.accounts.forms import EmailLoginForm, RegisterForm
from beian.web.errors import error_response

LOGIN_LIMIT, LOGIN_WINDOW = 10, 15 * 60  # failed logins per client address per window


@require_http_methods(["GET", "POST"])
def register(request):
    form = RegisterForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = form.save()
        login(request, user, backend="django.contrib.auth.backends.ModelBackend")
        messages.success(request, msg.REGISTERED)
        return redirect("/orders/")
    return render(request, "accounts/register.html", {"form": form})


class LoginView(auth_views.LoginView):
    """Email login with a simple per-address throttle on failures (brute force protection)."""

    form_class = EmailLoginForm
    template_name = "accounts/login.html"

    def _key(self):
        return f"login-fail:{self.request.META.get('REMOTE_ADDR', '')}"

    def post(self, request, *args, **kwargs):
        if cache.get(self._key(), 0) >= LOGIN_LIMIT:
            response = error_response(request, 429, message=msg.LOGIN_THROTTLED.format(minutes=LOGIN_WINDOW // 60))
            response["Retry-After"] = str(LOGIN_WINDOW)
            return response
        return super().post(request, *args, **kwargs)

    def form_invalid(self, form):
        key = self._key()
        cache.add(key, 0, LOGIN_WINDOW)
        cache.incr(key)
        return super().form_invalid(form)
