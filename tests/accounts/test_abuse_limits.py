"""Issue 12 findings 5 and 7: registration, password reset and login are limited per address and per account or
email, wherever the request comes from; behind a trusted proxy one client does not lock out the others."""

import pytest
from django.contrib.auth import get_user_model
from django.core import mail

pytestmark = pytest.mark.django_db
PASSWORD = "Str0ng-pass-99"


@pytest.fixture
def user():
    return get_user_model().objects.create_user("victim@example.com", "victim@example.com", PASSWORD)


def _register(client, email, ip):
    return client.post("/accounts/register/", {"email": email, "password1": PASSWORD, "password2": PASSWORD},
                       REMOTE_ADDR=ip)


def _refused(response, needle):
    page = response.content.decode()
    assert response.status_code == 429, page[:500]
    assert needle in page and int(response["Retry-After"]) > 0
    return page


def test_registration_is_limited_per_address(client, settings):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "register_ip": "3/h"}
    for i in range(3):
        assert _register(client, f"bulk{i}@example.com", "198.51.100.1").status_code == 302
        client.logout()
    _refused(_register(client, "bulk3@example.com", "198.51.100.1"), "注册次数过多")
    assert not get_user_model().objects.filter(username="bulk3@example.com").exists()
    assert _register(client, "bulk3@example.com", "198.51.100.2").status_code == 302  # another address


def test_registration_attempts_are_limited_per_email(client, settings):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "register_email": "3/h"}
    for i in range(3):  # probing whether an address has an account, from ever new addresses
        _register(client, "probe@example.com", f"198.51.100.{i + 10}")
        client.logout()
    _refused(_register(client, "Probe@Example.com", "198.51.100.99"), "该邮箱注册尝试次数过多")


def test_password_reset_is_limited_per_email_across_addresses(client, user, settings):
    for i in range(3):
        assert client.post("/accounts/password_reset/", {"email": "victim@example.com"},
                           REMOTE_ADDR=f"198.51.100.{i + 1}").status_code == 302
    page = _refused(client.post("/accounts/password_reset/", {"email": "VICTIM@example.com"},
                                REMOTE_ADDR="198.51.100.50"), "找回密码次数过多")
    assert "1 小时" in page or "60 分钟" in page
    assert len(mail.outbox) == 3
    # An unknown address is counted the same way: the answer does not tell which emails have accounts.
    for _ in range(3):
        client.post("/accounts/password_reset/", {"email": "nobody@example.com"}, REMOTE_ADDR="198.51.100.60")
    _refused(client.post("/accounts/password_reset/", {"email": "nobody@example.com"}, REMOTE_ADDR="198.51.100.61"),
             "找回密码次数过多")


def test_password_reset_is_limited_per_address(client, settings):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "reset_ip": "4/h"}
    for i in range(4):
        assert client.post("/accounts/password_reset/", {"email": f"r{i}@example.com"},
                           REMOTE_ADDR="198.51.100.7").status_code == 302
    _refused(client.post("/accounts/password_reset/", {"email": "r9@example.com"}, REMOTE_ADDR="198.51.100.7"),
             "您所在网络找回密码次数过多")


def test_an_account_is_locked_after_failures_from_many_addresses(client, user):
    for i in range(10):
        response = client.post("/accounts/login/", {"username": "victim@example.com", "password": f"guess{i}"},
                               REMOTE_ADDR=f"203.0.113.{i + 1}")
        assert response.status_code == 200
    # Even the right password, from yet another address, is refused until the window ends (not confirmed).
    locked = client.post("/accounts/login/", {"username": "Victim@example.com", "password": PASSWORD},
                         REMOTE_ADDR="203.0.113.200")
    _refused(locked, "该账号登录失败次数过多")
    assert "_auth_user_id" not in client.session
    # The admin's login is the same lock, not a way around it.
    admin = client.post("/django-admin/login/?next=/django-admin/",
                        {"username": "victim@example.com", "password": PASSWORD}, REMOTE_ADDR="203.0.113.201")
    assert admin.status_code == 200 and "_auth_user_id" not in client.session
    # Another account is not affected.
    get_user_model().objects.create_user("other@example.com", "other@example.com", PASSWORD)
    ok = client.post("/accounts/login/", {"username": "other@example.com", "password": PASSWORD},
                     REMOTE_ADDR="203.0.113.202")
    assert ok.status_code == 302


def test_an_address_is_locked_after_failures_on_many_accounts(client, user):
    for i in range(30):
        client.post("/accounts/login/", {"username": f"guess{i}@example.com", "password": "x"}, REMOTE_ADDR="192.0.2.5")
    _refused(client.post("/accounts/login/", {"username": "victim@example.com", "password": PASSWORD},
                         REMOTE_ADDR="192.0.2.5"), "您所在网络登录失败次数过多")
    ok = client.post("/accounts/login/", {"username": "victim@example.com", "password": PASSWORD},
                     REMOTE_ADDR="192.0.2.6")
    assert ok.status_code == 302


def test_behind_a_trusted_proxy_one_client_does_not_lock_out_the_others(client, user, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    get_user_model().objects.create_user("other@example.com", "other@example.com", PASSWORD)
    for i in range(30):  # one client behind the proxy guessing many accounts
        client.post("/accounts/login/", {"username": f"guess{i}@example.com", "password": "x"},
                    REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="192.0.2.5")
    _refused(client.post("/accounts/login/", {"username": "other@example.com", "password": PASSWORD},
                         REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="192.0.2.5"), "登录失败次数过多")
    # Everyone else behind the same proxy still logs in.
    ok = client.post("/accounts/login/", {"username": "victim@example.com", "password": PASSWORD},
                     REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="192.0.2.77")
    assert ok.status_code == 302


def test_without_trusted_proxies_a_forged_header_does_not_escape_the_address_limit(client, user):
    for i in range(30):
        client.post("/accounts/login/", {"username": f"guess{i}@example.com", "password": "x"},
                    REMOTE_ADDR="192.0.2.5", HTTP_X_FORWARDED_FOR=f"10.9.{i}.1")
    _refused(client.post("/accounts/login/", {"username": "victim@example.com", "password": PASSWORD},
                         REMOTE_ADDR="192.0.2.5", HTTP_X_FORWARDED_FOR="10.9.99.1"), "登录失败次数过多")
