"""Login limits for every place that checks a password (the login page and /django-admin/ alike).

A failed login counts against the account (from any address: one attacker rotating addresses still locks only
the guessed account, for a short window) and against the address (one address guessing many accounts). While
either is at its limit the backend refuses before checking the password, so a correct guess is not confirmed.
"""

from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.signals import user_login_failed
from django.core.exceptions import PermissionDenied
from django.dispatch import receiver

from beian.web import limits


def login_keys(request, username) -> tuple:
    account = str(username or "").strip().lower()[:150] or None
    return ("login_account", account), ("login_ip", limits.ip_key(request) if request is not None else None)


class LimitedModelBackend(ModelBackend):
    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is not None:
            try:
                limits.check(*login_keys(request, username))
            except limits.Limited:
                raise PermissionDenied from None  # authenticate() stops here; the page says why (LoginView)
        return super().authenticate(request, username=username, password=password, **kwargs)


@receiver(user_login_failed)
def _count_failure(sender, credentials, request=None, **kwargs):
    if request is not None:
        limits.record(*login_keys(request, credentials.get("username")))
