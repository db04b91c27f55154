import re

import pytest
from django.contrib.auth import get_user_model

pytestmark = pytest.mark.django_db


def test_register_logs_in_and_rejects_duplicates(client):
    response = client.post("/accounts/register/", {"email": "New@Example.com", "password1": "Str0ng-pass-99",
                                                   "password2": "Str0ng-pass-99"})
    assert response.status_code == 302
    assert get_user_model().objects.filter(username="new@example.com").exists()
    client.logout()
    again = client.post("/accounts/register/", {"email": "new@example.com", "password1": "Str0ng-pass-99",
                                                "password2": "Str0ng-pass-99"})
    assert "该邮箱已注册" in again.content.decode()


def test_register_form_errors_are_chinese(client):
    page = client.post("/accounts/register/", {"email": "not-an-email", "password1": "a", "password2": "b"}).content.decode()
    assert "有效" in page or "邮箱" in page


def test_login_logout(client):
    get_user_model().objects.create_user("u@example.com", "u@example.com", "Str0ng-pass-99")
    bad = client.post("/accounts/login/", {"username": "u@example.com", "password": "wrong"})
    assert "邮箱或密码不正确" in bad.content.decode()
    ok = client.post("/accounts/login/", {"username": "U@example.com ", "password": "Str0ng-pass-99"})
    assert ok.status_code == 302
    assert client.post("/accounts/logout/").status_code == 302
    assert client.get("/orders/").status_code == 302


def test_login_failures_are_throttled(client):
    for _ in range(10):
        client.post("/accounts/login/", {"username": "x@example.com", "password": "wrong"})
    blocked = client.post("/accounts/login/", {"username": "x@example.com", "password": "wrong"})
    assert blocked.status_code == 429 and "过多" in blocked.content.decode()


def test_password_reset_mail_goes_through_smtp(client, smtp_server):
    get_user_model().objects.create_user("r@example.com", "r@example.com", "Old-pass-123")
    client.post("/accounts/password_reset/", {"email": "r@example.com"})
    assert len(smtp_server.messages) == 1
    mail = smtp_server.messages[0]
    body = mail.get_content()
    link = re.search(r"http://testserver(/accounts/reset/\S+/)", body).group(1)
    form = client.get(link, follow=True)
    assert "设置新密码" in form.content.decode()
    done = client.post(form.redirect_chain[-1][0], {"new_password1": "New-pass-456x", "new_password2": "New-pass-456x"})
    assert done.status_code == 302
    assert client.login(username="r@example.com", password="New-pass-456x")
