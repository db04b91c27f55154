"""Demo or production (issue 12: build item 1, findings 1, 2 and 10).

A run without BEIAN_DEMO refuses to start until the production settings are given, naming each one
that is missing or a public demo value; with them `check --deploy` has nothing to warn about. The demo
sink (SMS codes, password-reset mails) exists only in demo runs, behind a login, and shows each person
only what was sent to them.
"""

import email.message
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model

from beian.filings.services import create_order
from beian.wizard.mobile import send_code
from tests.filings.conftest import application

SRC = Path(__file__).resolve().parents[1] / "src"
PLATFORM, SIMULATOR = "beian.settings", "beian.ministry.simulator.settings"
# A production environment: every required setting given, none a demo value.
PRODUCTION = {
    "SECRET_KEY": "k7#Qm2vX9pL4rT8wZ1nB6cF3hJ5dG0sY-aE_uI*oP!eR@tW&yU^x",
    "MINISTRY_SHARED_SECRET": "9d1f6c0e4b7a2358e6f0c1d2b3a49587",
    "ALLOWED_HOSTS": "beian.example.com",
    "SITE_URL": "https://beian.example.com",
    "MINISTRY_URL": "https://ministry.example.cn",
    "BEIAN_DATA_KEYS": "k1:q0dKzXb3QvQy8M6o3b2fN1ZkPq9bR5sT7uV8wX0yZ1A=",
}
# Settings of the developer's shell (or of the browser tests' conftest) that would change the answers below.
UNSET = {"BEIAN_DEMO", "DEBUG", "DJANGO_ALLOW_ASYNC_UNSAFE", "SECURE_SSL_REDIRECT", "SECURE_HSTS_SECONDS", "SESSION_COOKIE_SECURE",
         "CSRF_COOKIE_SECURE", "SECURE_PROXY_SSL_HEADER", "MINISTRY_AUTO_DELAY_WORKDAYS", *PRODUCTION}


def run(tmp_path, *args, settings=PLATFORM, command=("manage",), **env):
    base = {k: v for k, v in os.environ.items() if k not in UNSET}
    base.update(DJANGO_SETTINGS_MODULE=settings, BEIAN_DATA_DIR=str(tmp_path), PYTHONPATH=str(SRC), **env)
    return subprocess.run([sys.executable, "-m", "beian", *command, *args], env=base, capture_output=True,
                          text=True, timeout=120)


def test_production_run_without_settings_refuses_to_start_naming_each(tmp_path):
    out = run(tmp_path, "check")
    assert out.returncode != 0
    for name in ("SECRET_KEY", "MINISTRY_SHARED_SECRET", "ALLOWED_HOSTS", "SITE_URL", "MINISTRY_URL", "BEIAN_DATA_KEYS", "BEIAN_DEMO"):
        assert name in out.stderr, (name, out.stderr[-2000:])


def test_production_run_refuses_a_demo_secret_and_plain_http_by_name(tmp_path):
    out = run(tmp_path, "check", **{**PRODUCTION, "MINISTRY_SHARED_SECRET": "demo-ministry-secret",
                                    "SITE_URL": "http://beian.example.com", "MINISTRY_URL": "http://127.0.0.1:8001"})
    assert out.returncode != 0
    assert "MINISTRY_SHARED_SECRET" in out.stderr and "SITE_URL" in out.stderr
    assert "MINISTRY_URL: 'http://127.0.0.1:8001' is not an https:// URL" in out.stderr, out.stderr[-2000:]
    assert "SECRET_KEY" not in out.stderr and "ALLOWED_HOSTS" not in out.stderr, out.stderr[-2000:]


def test_production_run_refuses_a_weak_secret_key_and_debug(tmp_path):
    out = run(tmp_path, "check", **{**PRODUCTION, "SECRET_KEY": "short", "DEBUG": "1"})
    assert out.returncode != 0
    assert "SECRET_KEY" in out.stderr and "DEBUG" in out.stderr, out.stderr[-2000:]


def test_production_settings_pass_the_deploy_check(tmp_path):
    out = run(tmp_path, "check", "--deploy", "--fail-level", "WARNING", **PRODUCTION)
    assert out.returncode == 0, out.stderr[-3000:]


def _setting(tmp_path, expression, settings=PLATFORM, **env):
    out = run(tmp_path, "shell", "-c", f"from django.conf import settings; print(repr({expression}))",
              settings=settings, **env)
    assert out.returncode == 0, out.stderr[-2000:]
    return out.stdout.strip().splitlines()[-1]


def test_https_settings_on_in_production_and_switchable_by_environment(tmp_path):
    names = "[settings.SECURE_SSL_REDIRECT, settings.SECURE_HSTS_SECONDS, settings.SESSION_COOKIE_SECURE, " \
            "settings.CSRF_COOKIE_SECURE]"
    assert _setting(tmp_path, names, **PRODUCTION) == "[True, 31536000, True, True]"
    assert _setting(tmp_path, names, BEIAN_DEMO="1") == "[False, 0, False, False]"
    switched = {"SECURE_SSL_REDIRECT": "1", "SECURE_HSTS_SECONDS": "600", "SESSION_COOKIE_SECURE": "on",
                "CSRF_COOKIE_SECURE": "true", "SECURE_PROXY_SSL_HEADER": "X-Forwarded-Proto"}
    assert _setting(tmp_path, names, BEIAN_DEMO="1", **switched) == "[True, 600, True, True]"
    assert _setting(tmp_path, "settings.SECURE_PROXY_SSL_HEADER", BEIAN_DEMO="1", **switched) == \
        "('HTTP_X_FORWARDED_PROTO', 'https')"
    assert _setting(tmp_path, "[settings.SECURE_SSL_REDIRECT, settings.X_FRAME_OPTIONS]", settings=SIMULATOR,
                    **PRODUCTION) == "[True, 'DENY']"


def test_demo_conveniences_are_off_in_production_even_when_asked_for(tmp_path):
    asked = {"PRODUCTS_DEMO_PURCHASE": "1", "MINISTRY_AUTO_DELAY_WORKDAYS": "0"}
    assert _setting(tmp_path, "[settings.BEIAN_DEMO, settings.PRODUCTS_DEMO_PURCHASE]", **PRODUCTION, **asked) == \
        "[False, False]"
    assert _setting(tmp_path, "settings.MINISTRY_AUTO_DELAY_WORKDAYS", settings=SIMULATOR, **PRODUCTION,
                    **asked) == "None"
    assert _setting(tmp_path, "settings.MINISTRY_AUTO_DELAY_WORKDAYS", settings=SIMULATOR, BEIAN_DEMO="1",
                    **asked) == "0"


def test_demo_run_needs_no_settings(tmp_path):
    out = run(tmp_path, "check", BEIAN_DEMO="1")
    assert out.returncode == 0, out.stderr[-2000:]


def test_demo_data_command_refused_in_production(tmp_path):
    out = run(tmp_path, command=("demo",), **PRODUCTION)
    assert out.returncode != 0 and "BEIAN_DEMO" in out.stderr, out.stderr[-2000:]


def test_simulator_refuses_to_start_without_its_settings(tmp_path):
    out = run(tmp_path, "check", settings=SIMULATOR)
    assert out.returncode != 0
    for name in ("SECRET_KEY", "MINISTRY_SHARED_SECRET", "ALLOWED_HOSTS"):
        assert name in out.stderr, (name, out.stderr[-2000:])
    out = run(tmp_path, "check", settings=SIMULATOR, **{**PRODUCTION, "MINISTRY_SHARED_SECRET": "demo-ministry-secret"})
    assert out.returncode != 0 and "MINISTRY_SHARED_SECRET" in out.stderr, out.stderr[-2000:]


def test_simulator_production_settings_pass_the_deploy_check(tmp_path):
    out = run(tmp_path, "check", "--deploy", "--fail-level", "WARNING", settings=SIMULATOR, **PRODUCTION)
    assert out.returncode == 0, out.stderr[-3000:]


def test_simulator_seed_takes_the_secret_from_the_environment(tmp_path):
    env = {**PRODUCTION, "MINISTRY_DATABASE_URL": f"sqlite:///{tmp_path / 'ministry.sqlite3'}"}
    assert run(tmp_path, "migrate", "-v0", settings=SIMULATOR, **env).returncode == 0
    out = run(tmp_path, "ministry_seed", settings=SIMULATOR, **env)
    assert out.returncode == 0, out.stderr[-2000:]
    out = run(tmp_path, "shell", "-c", "from beian.ministry.simulator.models import Provider;"
              "print([p.secret for p in Provider.objects.all()])", settings=SIMULATOR, **env)
    assert out.stdout.strip().splitlines()[-1] == repr([PRODUCTION["MINISTRY_SHARED_SECRET"]]), out.stderr[-2000:]
    # Nothing of the demo without BEIAN_DEMO: no demo bureau login, no demo submissions.
    out = run(tmp_path, "ministry_seed", "--demo", settings=SIMULATOR, **env)
    assert out.returncode != 0 and "BEIAN_DEMO" in out.stderr


def test_simulator_bureau_console_cannot_be_framed(simulator):
    import urllib.request

    with urllib.request.urlopen(simulator.url + "/bureau/login/", timeout=5) as r:
        assert r.headers["X-Frame-Options"] == "DENY"


# The demo sink: a login, each person's own messages, staff see all, no sink outside demo runs.

User = get_user_model()


@pytest.fixture
def people(db):
    return {name: User.objects.create_user(f"{name}@example.com", f"{name}@example.com", "pw-12345678",
                                           is_staff=name == "staff")
            for name in ("a", "b", "staff")}


def _code_sent(order, mobile, capture) -> str:
    from beian.notifications.models import SmsRecord

    with capture(execute=True):
        send_code(order=order, mobile=mobile)
    return re.search(r"验证码为(\d{6})", SmsRecord.objects.filter(SmsRecord.for_mobile(mobile)).first().body).group(1)


def _mail(directory: Path, to: str, subject: str, body: str, n: int) -> None:
    msg = email.message.EmailMessage()
    msg["To"], msg["From"], msg["Subject"] = to, "noreply@beian.localhost", subject
    msg.set_content(body)
    directory.mkdir(parents=True, exist_ok=True)
    (directory / f"{n}.eml").write_bytes(msg.as_bytes())


@pytest.fixture
def sink_content(people, settings, tmp_path, client, django_capture_on_commit_callbacks):
    settings.DATA_DIR = tmp_path
    a_order = create_order(account=people["a"], application=application("a.example.com", "91310115MA4U2WB18C"))
    b_order = create_order(account=people["b"], application=application("b.example.com", "91110105MA01CY7X23"))
    codes = {"a": _code_sent(a_order, "13800000001", django_capture_on_commit_callbacks),
             "b": _code_sent(b_order, "13800000002", django_capture_on_commit_callbacks)}
    _mail(tmp_path / "mail", "a@example.com", "重置密码 A", "reset-link-for-a", 1)
    _mail(tmp_path / "mail", "Reviewer <B@Example.com>", "重置密码 B", "reset-link-for-b", 2)
    return codes


def _sink(client, user, query=""):
    client.force_login(user)
    return client.get("/notifications/sink/" + query).content.decode()


def test_sink_needs_a_login(client, sink_content):
    response = client.get("/notifications/sink/")
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")


def test_sink_shows_each_person_only_their_own_messages(client, people, sink_content):
    page = _sink(client, people["a"])
    assert sink_content["a"] in page and "reset-link-for-a" in page
    assert sink_content["b"] not in page and "reset-link-for-b" not in page and "13800000002" not in page
    # Asking for the other person's mobile shows nothing either.
    assert sink_content["b"] not in _sink(client, people["a"], "?mobile=13800000002")
    page = _sink(client, people["b"])
    assert sink_content["b"] in page and "reset-link-for-b" in page and sink_content["a"] not in page


def test_sink_shows_a_code_to_a_mobile_only_for_the_order_it_was_sent_for(client, people, sink_content,
                                                                         django_capture_on_commit_callbacks):
    # A types B's mobile into A's own order: A sees that code, still not the one B was sent.
    order = create_order(account=people["a"], application=application("c.example.com", "91510107MA5KHX3X6D"))
    with django_capture_on_commit_callbacks(execute=True):
        send_code(order=order, mobile="13800000002")
    page = _sink(client, people["a"], "?mobile=13800000002")
    assert "13800000002" in page and sink_content["b"] not in page


def test_staff_see_every_message_on_the_sink(client, people, sink_content):
    page = _sink(client, people["staff"])
    assert all(code in page for code in sink_content.values())
    assert "reset-link-for-a" in page and "reset-link-for-b" in page


def test_no_sink_outside_demo_runs(client, people, sink_content, settings):
    settings.BEIAN_DEMO = False
    assert client.get("/notifications/sink/").status_code == 404
    client.force_login(people["staff"])
    assert client.get("/notifications/sink/").status_code == 404
