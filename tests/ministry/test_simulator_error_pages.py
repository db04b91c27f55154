"""The ministry simulator's error pages: the platform's Chinese pages in the simulator's own look, with a
request id and a stable code; its JSON routes answer the JSON envelope. Over real HTTP (its own process)."""

import json
import re
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from django.test import RequestFactory

import beian.ministry.simulator
from tests.crawler.crawler import ENGLISH_DEFAULTS

BRAND = "工业和信息化部政务服务平台"  # the simulator's header (simulator/base.html)


def fetch(sim, path: str, *, method: str = "GET", data: bytes | None = None, headers: dict | None = None):
    if data is not None and len(data) > 1024 * 1024:
        return _fetch_oversized(sim, path, method=method, data=data, headers=headers or {})
    request = urllib.request.Request(sim.url + path, data=data, method=method, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, response.headers, response.read().decode()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.headers, exc.read().decode()


def _fetch_oversized(sim, path, *, method, data, headers):
    """A body the server refuses before reading it all: it answers 413 and closes, and the rest of the body may
    then meet a closed socket (a broken pipe, more often on a loaded machine). Its answer is read all the same."""
    import http.client

    connection = http.client.HTTPConnection("127.0.0.1", sim.port, timeout=10)
    try:
        try:
            connection.request(method, path, body=data, headers=headers)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the server has answered and stopped reading; its answer is waiting on the socket
        response = connection.getresponse()
        return response.status, response.headers, response.read().decode()
    finally:
        connection.close()


def assert_page(status, headers, body, expected_status: int, code: str, brand: str = BRAND):
    assert status == expected_status, body[:300]
    request_id = headers["X-Request-ID"]
    assert f'data-code="{code}"' in body and f'<code id="request-id">{request_id}</code>' in body
    assert brand in body and re.search(r"[\u4e00-\u9fff]{4}", body) and 'href="/"' in body
    for marker in ENGLISH_DEFAULTS:
        assert marker not in body


def test_404(simulator):
    assert_page(*fetch(simulator, "/no-such-page/"), 404, "not_found")


def test_404_on_an_api_route_is_json(simulator):
    status, headers, body = fetch(simulator, "/api/v1/no-such-thing")
    data = json.loads(body)
    assert status == 404 and data["code"] == "not_found" and data["request_id"] == headers["X-Request-ID"]


def test_405_keeps_the_allow_header(simulator):
    status, headers, body = fetch(simulator, "/sms/", method="OPTIONS")  # a safe method: no CSRF check first
    assert_page(status, headers, body, 405, "method_not_allowed")
    assert "POST" in headers["Allow"]
    status, headers, body = fetch(simulator, "/api/v1/filings")  # require_POST's bare 405 on a JSON route
    assert status == 405 and json.loads(body)["code"] == "method_not_allowed" and "POST" in headers["Allow"]


def test_csrf_failure(simulator):
    status, headers, body = fetch(simulator, "/sms/", method="POST", data=b"code=1",
                                  headers={"Content-Type": "application/x-www-form-urlencoded"})
    assert_page(status, headers, body, 403, "csrf_failed")


def test_control_characters_are_refused(simulator):
    status, headers, body = fetch(simulator, "/query/?q=abc%00")
    assert_page(status, headers, body, 400, "input_control_characters")
    assert "查询内容" in body
    status, headers, body = fetch(simulator, "/api/v1/filings/abc%00")
    assert status == 400 and json.loads(body)["code"] == "input_control_characters"


def test_413(simulator):
    status, headers, body = fetch(simulator, "/sms/", method="POST", data=b"code=" + b"1" * (3 * 1024 * 1024),
                                  headers={"Content-Type": "application/x-www-form-urlencoded"})
    assert_page(status, headers, body, 413, "too_large")


def test_every_response_has_a_request_id(simulator):
    status, headers, _ = fetch(simulator, "/query/", headers={"X-Request-ID": "sim-trace-0001"})
    assert status == 200 and headers["X-Request-ID"] == "sim-trace-0001"


@pytest.fixture
def simulator_look(settings):
    """The simulator's error settings in this process (its templates directory added)."""
    settings.ERROR_PAGE_TEMPLATE = "simulator/error.html"
    settings.ERROR_PAGE_BRAND = "工信部备案管理系统（模拟）"
    settings.LOGIN_URL = "/bureau/login/"
    templates = Path(beian.ministry.simulator.__file__).parent / "templates"
    settings.TEMPLATES = [{**settings.TEMPLATES[0], "DIRS": [templates]}]


@pytest.mark.parametrize(("view", "status", "code"), [
    ("permission_denied", 403, "forbidden"), ("page_not_found", 404, "not_found"), ("bad_request", 400, "bad_request")])
def test_the_other_pages_render_in_the_simulator_look(simulator_look, view, status, code):
    from beian.web import errors

    view = getattr(errors, view)
    request = RequestFactory().get("/bureau/")
    request.request_id = "sim-page-0001"
    response = view(request, None)
    body = response.content.decode()
    assert response.status_code == status and f'data-code="{code}"' in body and "sim-page-0001" in body
    assert BRAND in body
    if status == 403:
        assert 'href="/bureau/login/?next=/bureau/"' in body


def test_429_and_500_in_the_simulator_look(simulator_look):
    from beian.web import errors

    request = RequestFactory().get("/sms/")
    request.request_id = "sim-page-0002"
    throttled = errors.error_response(request, 429)
    assert throttled.status_code == 429 and BRAND in throttled.content.decode()
    failed = errors.server_error(request).content.decode()
    assert "工信部备案管理系统（模拟）" in failed and 'data-code="server_error"' in failed and "sim-page-0002" in failed
