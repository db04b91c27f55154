"""Content-Security-Policy (issue 12, finding 10): both services send a policy without 'unsafe-inline', and no
template needs one (no inline script, style or event handler). The browser side is tests/e2e/test_csp.py."""

import re
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.http import HttpResponse
from django.test import Client, RequestFactory

import beian

SRC = Path(beian.__file__).parent
TEMPLATES = sorted(p for p in SRC.rglob("*.html") if "templates" in p.parts)
# What a policy without 'unsafe-inline' refuses: style attributes and <style> blocks, inline event handlers
# (onclick=...), htmx's hx-on (inline script by another name), <script> with a body, javascript: URLs.
INLINE = {
    "style attribute": re.compile(r"""[\s"']style\s*=""", re.I),
    "<style> block": re.compile(r"<style[\s>]", re.I),
    "event-handler attribute": re.compile(r"""[\s"']on[a-z]+\s*=""", re.I),
    "hx-on attribute": re.compile(r"""[\s"'](hx|data-hx)-on""", re.I),
    "inline <script>": re.compile(r"<script(?![^>]*\bsrc\s*=)(?![^>]*type=[\"']application/(ld\+)?json)[^>]*>", re.I),
    "javascript: URL": re.compile(r"javascript:", re.I),
}
STRICT = ("script-src 'self'", "style-src 'self'", "frame-ancestors 'none'", "object-src 'none'",
          "base-uri 'none'", "form-action 'self'")


def test_templates_of_both_services_are_found():
    names = {p.name for p in TEMPLATES}
    assert {"base.html", "bureau.html", "sms.html", "phone.html", "order.html", "progress.html"} <= names
    assert any("simulator" in p.parts for p in TEMPLATES)


@pytest.mark.parametrize("path", TEMPLATES, ids=lambda p: str(p.relative_to(SRC)))
def test_no_template_needs_unsafe_inline(path):
    text = path.read_text()
    found = [f"{what}: {m.group(0)!r} (line {text.count(chr(10), 0, m.start()) + 1})"
             for what, pattern in INLINE.items() for m in pattern.finditer(text)]
    assert not found, found


def test_the_scanner_catches_each_kind():
    samples = ['<p style="x">', "<style>p{}</style>", '<a onclick="x()">', '<form onsubmit="f()">',
               '<div hx-on:click="x">', "<script>alert(1)</script>", '<a href="javascript:x()">']
    for sample in samples:
        assert any(p.search(sample) for p in INLINE.values()), sample
    for fine in ['<script src="/static/a.js" defer></script>', '<p class="x" data-confirm="确定？">',
                 '<script type="application/json" id="s">{}</script>']:
        assert not any(p.search(fine) for p in INLINE.values()), fine


def assert_strict(header: str):
    assert header, "no Content-Security-Policy header"
    assert "unsafe-inline" not in header and "unsafe-eval" not in header, header
    for directive in STRICT:
        assert directive in header, (directive, header)


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/", "/accounts/login/", "/precheck/", "/precheck/?mode=json",
                                  "/accounts/register/", "/no-such-page/", "/api/docs"])
def test_platform_pages_send_the_policy(client, path):
    response = client.get(path)
    assert response.status_code in (200, 404)
    assert_strict(response.get("Content-Security-Policy", ""))
    assert "Content-Security-Policy-Report-Only" not in response


@pytest.mark.django_db
def test_logged_in_pages_and_error_pages_send_the_policy():
    user = get_user_model().objects.create_user("csp@example.com", "csp@example.com", "Str0ng-pass-99")
    client = Client()
    client.force_login(user)
    for path in ["/orders/", "/orders/new/", "/notifications/", "/review/"]:
        response = client.get(path)
        assert response.status_code in (200, 403), path
        assert_strict(response.get("Content-Security-Policy", ""))


@pytest.mark.django_db
def test_report_only_switch(client, settings):
    settings.SECURE_CSP_REPORT_ONLY, settings.SECURE_CSP = settings.SECURE_CSP, {}
    response = client.get("/")
    assert "Content-Security-Policy" not in response
    assert_strict(response["Content-Security-Policy-Report-Only"])


def test_policy_is_built_from_the_setting(settings):
    settings.SECURE_CSP = {"default-src": ["'self'"], "img-src": ["'self'", "data:"], "upgrade-insecure-requests": True}
    settings.SECURE_CSP_REPORT_ONLY = {}
    from beian.web.csp import ContentSecurityPolicyMiddleware

    response = ContentSecurityPolicyMiddleware(lambda r: HttpResponse("<p>x</p>"))(RequestFactory().get("/"))
    assert response["Content-Security-Policy"] == "default-src 'self'; img-src 'self' data:; upgrade-insecure-requests"


def test_a_pdf_keeps_chromes_viewer_working():
    """Chrome shows a PDF through a plugin document that object-src 'none' blocks (crbug.com/271452); a PDF
    cannot run script, so it gets no policy."""
    from beian.web.csp import ContentSecurityPolicyMiddleware

    pdf = HttpResponse(b"%PDF-1.4", content_type="application/pdf")
    response = ContentSecurityPolicyMiddleware(lambda r: pdf)(RequestFactory().get("/x.pdf"))
    assert "Content-Security-Policy" not in response


def _simulator_headers(url: str):
    try:
        with urllib.request.urlopen(url, timeout=5) as r:
            return r.headers
    except urllib.error.HTTPError as e:
        return e.headers


@pytest.mark.parametrize("path", ["/", "/sms/", "/query/?q=example.com", "/sms/outbox/", "/bureau/login/",
                                  "/no-such-page/"])
def test_simulator_pages_send_the_policy(simulator, path):
    assert_strict(_simulator_headers(simulator.url + path).get("Content-Security-Policy", ""))
