"""Error pages: Chinese, in the site's look, saying what to do next, with a request id and a stable code; JSON
routes answer {"code", "message", "request_id"}. Never Django's English defaults."""

import json
import re

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from tests.crawler.crawler import ENGLISH_DEFAULTS
from tests.web import error_urls

pytestmark = pytest.mark.django_db
BRAND = "beian · ICP代备案管理系统"


def assert_error_page(response, status: int, code: str, *, brand: str = BRAND) -> str:
    body = response.content.decode()
    assert response.status_code == status, body[:300]
    assert response["Content-Type"].startswith("text/html")
    request_id = response["X-Request-ID"]
    assert re.fullmatch(r"[A-Za-z0-9._-]{8,64}", request_id)
    assert f'data-code="{code}"' in body and f'data-status="{status}"' in body
    assert f'<code id="request-id">{request_id}</code>' in body
    assert brand in body and 'href="/"' in body  # the site's own header and a way home
    assert re.search(r"[\u4e00-\u9fff]{4}", body)
    for marker in ENGLISH_DEFAULTS:
        assert marker not in body
    return body


def assert_error_json(response, status: int, code: str) -> dict:
    assert response.status_code == status
    assert response["Content-Type"].startswith("application/json")
    data = json.loads(response.content)
    assert data["code"] == code and data["request_id"] == response["X-Request-ID"]
    assert re.search(r"[\u4e00-\u9fff]", data["message"])
    return data


def test_404_is_chinese_with_a_request_id_and_a_way_home(client):
    body = assert_error_page(client.get("/no-such-page/"), 404, "not_found")
    assert "页面不存在" in body


def test_404_on_an_api_route_is_json(client):
    assert_error_json(client.get("/api/no-such-endpoint"), 404, "not_found")
    assert_error_json(client.get("/api/"), 404, "not_found")


def test_400_for_a_bad_host(client):
    assert_error_page(client.get("/", HTTP_HOST="evil.example"), 400, "bad_request")


def test_403_for_a_non_reviewer_offers_to_log_in_again(client):
    client.force_login(get_user_model().objects.create_user("a@example.com", "a@example.com", "pw-12345678"))
    body = assert_error_page(client.get("/review/"), 403, "forbidden")
    assert 'href="/accounts/login/?next=/review/"' in body and "重新登录" in body


def test_csrf_failure_is_chinese_and_says_to_reload(client):
    csrf_client = Client(enforce_csrf_checks=True)
    body = assert_error_page(csrf_client.post("/precheck/", {"application": "{}"},
                                              HTTP_REFERER="http://testserver/precheck/"), 403, "csrf_failed")
    assert "刷新" in body and 'href="/precheck/"' in body  # back to the form, which carries a fresh token


def test_405_keeps_the_allow_header(client):
    response = client.get("/accounts/logout/")
    assert_error_page(response, 405, "method_not_allowed")
    assert "POST" in response["Allow"]


def test_405_on_an_api_route_is_json(client):
    response = client.get("/api/v1/precheck")
    assert_error_json(response, 405, "method_not_allowed")
    assert "POST" in response["Allow"]


def test_413_for_a_request_over_the_limit(client, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1024 * 1024
    body = assert_error_page(client.post("/precheck/", {"application": "x" * (1024 * 1024 + 1)}), 413, "too_large")
    assert "1 MB" in body


@pytest.mark.urls("tests.web.error_urls")
def test_413_for_an_upload_over_the_request_limit_before_the_view_reads_it(client, settings):
    from django.core.files.uploadedfile import SimpleUploadedFile

    settings.REQUEST_MAX_BYTES = 2 * 1024 * 1024
    error_urls.calls.clear()
    upload = SimpleUploadedFile("big.png", b"\x89PNG" + b"0" * (2 * 1024 * 1024), content_type="image/png")
    body = assert_error_page(client.post("/test/spy/", {"file": upload}), 413, "too_large")
    assert "2 MB" in body and error_urls.calls == []


@pytest.mark.urls("tests.web.error_urls")
def test_429_from_a_view_gets_the_page_and_keeps_retry_after(client):
    response = client.get("/test/throttled/")
    body = assert_error_page(response, 429, "throttled")
    assert response["Retry-After"] == "30" and "30 秒后重试" in body


def test_429_after_too_many_failed_logins(client):
    for _ in range(10):
        client.post("/accounts/login/", {"username": "x@example.com", "password": "wrong"})
    response = client.post("/accounts/login/", {"username": "x@example.com", "password": "wrong"})
    body = assert_error_page(response, 429, "throttled")
    assert "登录失败次数过多" in body and int(response["Retry-After"]) > 0


@pytest.mark.urls("tests.web.error_urls")
def test_500_is_the_standalone_chinese_page():
    client = Client(raise_request_exception=False)
    response = client.get("/test/boom/", HTTP_X_REQUEST_ID="req-from-proxy-123")
    body = assert_error_page(response, 500, "server_error")
    assert response["X-Request-ID"] == "req-from-proxy-123"
    assert "请稍后重试" in body and 'href="/test/boom/"' in body  # retry


@pytest.mark.urls("tests.web.error_urls")
def test_500_on_an_api_route_is_json():
    client = Client(raise_request_exception=False)
    # An API path that raises: the JSON envelope, not a page (wants_json by path).
    from beian.web.errors import server_error

    request = client.get("/api/no-such-endpoint").wsgi_request
    response = server_error(request)
    assert response.status_code == 500 and json.loads(response.content)["code"] == "server_error"


@pytest.mark.urls("tests.web.error_urls")
def test_the_request_id_is_in_the_log_lines_of_the_request(client, caplog):
    from beian.web.requestid import RequestIdFilter

    caplog.handler.addFilter(RequestIdFilter())
    response = client.get("/test/logs/")
    record = next(r for r in caplog.records if r.getMessage() == "inside the view")
    assert record.request_id == response["X-Request-ID"]


@pytest.mark.parametrize("incoming", ["<script>x</script>", "a b c d e f g h", "x" * 65, "short", "id\nwith-newline"])
def test_an_unsafe_incoming_request_id_is_replaced(client, incoming):
    response = client.get("/no-such-page/", HTTP_X_REQUEST_ID=incoming)
    assert response["X-Request-ID"] != incoming and re.fullmatch(r"[0-9a-f]{16}", response["X-Request-ID"])
    assert incoming not in response.content.decode()


def test_a_safe_incoming_request_id_is_kept(client):
    assert client.get("/", HTTP_X_REQUEST_ID="lb-2f9c.7a_01")["X-Request-ID"] == "lb-2f9c.7a_01"


def test_a_template_failure_falls_back_to_the_standalone_page(client, settings):
    settings.ERROR_PAGE_TEMPLATE = "no/such/template.html"
    assert_error_page(client.get("/no-such-page/"), 404, "not_found")


# ---- control characters ------------------------------------------------------------------------------------

@pytest.mark.parametrize("value", ["abc\x00def", "a\x1bb", "\x7f", "x\x85"])
def test_a_control_character_in_a_form_is_refused_naming_the_input(client, value):
    body = assert_error_page(client.post("/precheck/", {"application": value}), 400, "input_control_characters")
    assert "“备案申请 JSON”" in body and "未保存任何内容" in body


def test_a_control_character_in_a_wizard_field_names_the_field(client):
    client.force_login(get_user_model().objects.create_user("a@example.com", "a@example.com", "pw-12345678"))
    body = assert_error_page(client.post("/orders/new/", {"subject.name": "示例\x00公司", "action": "check"}), 400,
                             "input_control_characters")
    assert "“主办单位名称”" in body


@pytest.mark.urls("tests.web.error_urls")
def test_a_refused_input_never_reaches_the_view(client):
    error_urls.calls.clear()
    assert client.post("/test/spy/", {"note": "a\x00"}).status_code == 400
    assert client.get("/test/spy/?q=%00").status_code == 400
    assert client.get("/test/spy/%00").status_code in (400, 404)
    assert error_urls.calls == []
    assert client.post("/test/spy/", {"note": "line one\r\nline two\ttabbed"}).status_code == 200
    assert error_urls.calls == ["POST"]


def test_a_control_character_in_a_json_api_body_is_a_json_error(client):
    response = client.post("/api/v1/precheck", {"subject": {"name": "示例\u0000"}}, content_type="application/json")
    data = assert_error_json(response, 400, "input_control_characters")
    assert "主办单位名称" in data["message"]
