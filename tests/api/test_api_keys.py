"""Issue 16 #3: API keys created and revoked on the account page (CSRF, shown once, audited) and by
`python -m beian manage create_api_key`."""

import subprocess
import sys

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import Client

from beian.api.models import ApiToken, ApiTokenEvent, hash_token
from tests.api.support import bearer, user

pytestmark = pytest.mark.django_db


def test_the_account_page_creates_a_key_once_and_revokes_it(client):
    owner = user("keys@example.com")
    client.force_login(owner)
    page = client.get("/accounts/api-tokens/")
    assert page.status_code == 200 and "API 令牌" in page.content.decode()
    made = client.post("/accounts/api-tokens/", {"action": "create", "name": "面板", "scopes": ["orders:read"]})
    assert made.status_code == 200 and "no-store" in made.get("Cache-Control", "")
    token = ApiToken.objects.get(account=owner)
    raw = made.content.decode().split('id="token-value">')[1].split("<")[0]
    assert hash_token(raw) == token.token_hash and token.scopes == ["orders:read"]
    again = client.get("/accounts/api-tokens/").content.decode()
    assert raw not in again and token.prefix in again  # shown once
    program = Client()  # the key alone, no browser session
    assert program.get("/api/v1/orders", **bearer(raw)).status_code == 200
    assert client.post("/accounts/api-tokens/", {"action": "revoke", "token": token.pk}).status_code == 302
    assert program.get("/api/v1/orders", **bearer(raw)).status_code == 401
    assert list(ApiTokenEvent.objects.filter(token=token).values_list("action", "via", "actor")) == [
        ("created", "web", owner.pk), ("revoked", "web", owner.pk)]


def test_the_page_refuses_bad_input_and_other_accounts_keys(client):
    owner, stranger = user("keys2@example.com"), user("keys3@example.com")
    theirs, _ = ApiToken.issue(account=stranger, name="theirs")
    client.force_login(owner)
    assert client.post("/accounts/api-tokens/", {"action": "create", "name": "", "scopes": ["orders:read"]}).status_code == 400
    none = client.post("/accounts/api-tokens/", {"action": "create", "name": "x"})
    assert none.status_code == 400 and 'data-code="scope_required"' in none.content.decode()
    assert not ApiToken.objects.filter(account=owner).exists()
    client.post("/accounts/api-tokens/", {"action": "revoke", "token": theirs.pk})
    theirs.refresh_from_db()
    assert theirs.revoked_at is None
    assert client.post("/accounts/api-tokens/", {"action": "revoke", "token": "1\x00"}).status_code in (302, 400)


def test_the_page_needs_csrf_and_a_sign_in(client):
    owner = user("keys4@example.com")
    assert client.get("/accounts/api-tokens/").status_code == 302  # to the login page
    strict = Client(enforce_csrf_checks=True)
    strict.force_login(owner)
    assert strict.post("/accounts/api-tokens/", {"action": "create", "name": "x", "scopes": ["precheck"]}).status_code == 403
    assert not ApiToken.objects.filter(account=owner).exists()


def test_the_command_prints_the_key_once(capsys):
    owner = user("cli@example.com")
    call_command("create_api_key", email="CLI@example.com", scopes="orders:read,orders:write", name="ci")
    out = capsys.readouterr()
    raw = out.out.strip()
    token = ApiToken.objects.get(account=owner)
    assert hash_token(raw) == token.token_hash and token.scopes == ["orders:read", "orders:write"]
    assert raw not in out.err and token.prefix in out.err
    assert ApiTokenEvent.objects.get(token=token).via == "cli"
    with pytest.raises(CommandError, match="未知的权限：orders:delete"):
        call_command("create_api_key", email="cli@example.com", scopes="orders:delete")
    with pytest.raises(CommandError, match="没有使用该邮箱的有效账号"):
        call_command("create_api_key", email="nobody@example.com", scopes="precheck")
    assert ApiToken.objects.filter(account=owner).count() == 1


def test_the_command_exits_non_zero_on_an_unknown_scope(tmp_path):
    import os

    env = {**os.environ, "PYTHONPATH": "src", "BEIAN_DEMO": "1", "BEIAN_DATA_DIR": str(tmp_path)}
    done = subprocess.run([sys.executable, "-m", "beian", "manage", "create_api_key", "--email", "a@example.com",
                           "--scopes", "nope"], capture_output=True, text=True, env=env, timeout=120)
    assert done.returncode != 0 and done.stdout == ""
