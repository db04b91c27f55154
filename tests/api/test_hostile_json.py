"""Hostile JSON to every surface that reads JSON: the precheck page, the API, the ministry callback receiver
and the wizard's hidden `base` field. Each answers with a Chinese message and a stable code, never a 500
(issue 12, finding 4); a fuzzed API body never gets a 5xx."""

import json
import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from beian.web.views import SAMPLE
from tests.ministry.test_push import _signed_post

pytestmark = pytest.mark.django_db

DEEP = "[" * 50_000 + "]" * 50_000
SHALLOW_BUT_TOO_DEEP = '{"a":' * 40 + "1" + "}" * 40  # below Python's recursion limit: parsed before the fix
HUGE_INT = '{"region": ' + "9" * 5000 + "}"
BIG_INT = '{"region": ' + "9" * 4000 + "}"  # under int()'s 4,300-digit limit: it reached the engine


def _material(**fields) -> str:
    item = {"kind": "principal_id", "owner": "subject_principal", "side": "front", "format": "jpg", "bytes": 1,
            "width": 1600, "height": 1000, **fields}
    return json.dumps({**json.loads(SAMPLE), "materials": [item, {**item, "side": "back"}]})


def _chinese(text: str) -> bool:
    return bool(re.search(r"[\u4e00-\u9fff]{4}", text))


# ---- the precheck page (JSON tab) ---------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "code"), [
    (DEEP, "json_too_deep"), (SHALLOW_BUT_TOO_DEEP, "json_too_deep"), (HUGE_INT, "json_number_too_large"),
    (BIG_INT, "json_number_too_large"), ("[1e999]", "json_number_too_large"), ("{oops", "json_invalid"),
    (_material(bytes=10**30), "json_number_too_large"), (_material(width=10**19), "input_error"),
])
def test_the_precheck_page_names_the_limit(client, text, code):
    response = client.post("/precheck/", {"mode": "json", "application": text})
    body = response.content.decode()
    assert response.status_code == 200
    assert f'id="precheck-error" data-code="{code}"' in body and _chinese(body)


def test_the_precheck_page_refuses_an_oversized_file_by_its_size(client):
    from django.core.files.uploadedfile import SimpleUploadedFile

    upload = SimpleUploadedFile("app.json", b"[" + b"1," * 300_000 + b"1]", content_type="application/json")
    body = client.post("/precheck/", {"mode": "json", "file": upload}).content.decode()
    assert 'data-code="json_too_large"' in body


# ---- the API ------------------------------------------------------------------------------------------------

@pytest.mark.parametrize(("body", "status", "code"), [
    (DEEP, 400, "body_too_deep"),  # the code published before the limits existed is kept
    (SHALLOW_BUT_TOO_DEEP, 400, "body_too_deep"),
    (HUGE_INT, 400, "json_number_too_large"),
    (BIG_INT, 400, "json_number_too_large"),
    ('{"region": NaN}', 400, "json_number_too_large"),
    (_material(bytes=10**4000), 400, "json_number_too_large"),
    (_material(bytes=10**19), 400, "input_error"),
    (_material(width=10**19, height=1), 400, "input_error"),
    (_material(owner="websites[²].principal"), 400, "input_error"),
    ("[" + "0," * 300_000 + "0]", 413, "json_too_large"),
])
def test_the_api_answers_hostile_json_with_a_code(client, body, status, code):
    response = client.post("/api/v1/precheck", data=body, content_type="application/json")
    assert response.status_code == status, response.content[:300]
    data = response.json()
    assert data["code"] == code and _chinese(data["message"])


def test_the_api_schema_documents_the_codes(client):
    operation = client.get("/api/openapi.json").json()["paths"]["/api/v1/precheck"]["post"]
    for code in ("body_not_json", "body_too_deep", "json_number_too_large", "json_too_large", "input_error"):
        assert code in operation["description"]


def test_a_nul_in_a_json_body_is_refused_whatever_type_it_declares(client):
    body = json.dumps({**json.loads(SAMPLE), "subject": {"name": "a\x00b"}})
    for content_type in ("application/json", "text/plain", ""):
        response = client.post("/api/v1/precheck", data=body, content_type=content_type)
        assert response.status_code == 400 and response.json()["code"] == "input_control_characters"
    query = client.get("/api/openapi.json?q=a%00b")
    assert query.status_code == 400 and query.json()["code"] == "input_control_characters"


# Leaves an application can hold, and some it cannot: any JSON value, with hostile strings and numbers.
_leaves = (st.none() | st.booleans() | st.integers(min_value=-10**25, max_value=10**25)
           | st.floats(allow_nan=False) | st.text(max_size=30)
           | st.sampled_from(["", "\x00", "浙江省", "enterprise", "resident_id", "websites[0].principal", "²", "١",
                              "subject_principal", "front", "jpg", "2035-01-01", "长期", "ｅｘａｍｐｌｅ．ｃｏｍ"]))
_values = st.recursive(_leaves, lambda inner: st.lists(inner, max_size=4)
                       | st.dictionaries(st.text(max_size=12), inner, max_size=4), max_leaves=12)


def _paths(value, prefix=()):
    if isinstance(value, dict):
        for key, inner in value.items():
            yield from _paths(inner, (*prefix, key))
    elif isinstance(value, list):
        for index, inner in enumerate(value):
            yield from _paths(inner, (*prefix, index))
    yield prefix


@st.composite
def _mutated_applications(draw):
    """The sample application (with materials) with a few of its values, at any depth, replaced."""
    app = json.loads(_material())
    for _ in range(draw(st.integers(1, 4))):
        paths = list(_paths(app))
        path = draw(st.sampled_from(paths))
        if not path:
            continue
        parent = app
        for step in path[:-1]:
            parent = parent[step]
        parent[path[-1]] = draw(_values)
    return app


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                    HealthCheck.too_slow])
@given(body=_mutated_applications() | _values)
def test_fuzzed_precheck_bodies_never_get_a_5xx(client, body):
    from django.core.cache import cache

    cache.clear()  # the API's throttle counts every example as one client's request
    response = client.post("/api/v1/precheck", data=json.dumps(body), content_type="application/json")
    assert response.status_code in (200, 400), response.content[:300]
    data = response.json()
    assert "findings" in data if response.status_code == 200 else {"code", "message"} <= set(data)


# ---- the ministry callback receiver ----------------------------------------------------------------------

@pytest.mark.parametrize(("body", "code"), [
    (DEEP, "json_too_deep"), ('{"results": ' + "[" * 40 + "]" * 40 + "}", "json_too_deep"),
    ('{"results": [' + "9" * 5000 + "]}", "json_number_too_large"),
    ('{"results": [' + "9" * 4000 + "]}", "json_number_too_large"),
])
def test_the_callback_answers_hostile_json_with_a_code(client, body, code):
    response = _signed_post(client, body.encode())
    assert response.status_code == 400 and response.json()["code"] == code and _chinese(response.json()["message"])


def test_a_signed_callback_with_a_nul_is_refused_whatever_type_it_declares(client):
    from beian.ministry import signing
    from tests.ministry.test_push import CALLBACK, PROVIDER, SECRET

    raw = json.dumps({"results": [{"result_id": "r\x00", "request_id": "x", "status": "approved",
                                   "reason": "a\x00b"}]}).encode()
    headers = signing.headers(provider=PROVIDER, secret=SECRET, method="POST", path=CALLBACK, body=raw)
    response = client.post(CALLBACK, data=raw, content_type="text/plain", headers=headers)
    assert response.status_code == 400 and response.json()["code"] == "input_control_characters"


# ---- the wizard's hidden base field ----------------------------------------------------------------------

def test_a_tampered_base_field_is_ignored_not_a_crash(client):
    from tests.wizard.support import applicant_with_products, basic_post, setup_registry, subject_post

    setup_registry()
    account, _ = applicant_with_products()
    client.force_login(account)
    client.post("/orders/new/", basic_post())
    from beian.filings.models import Order

    order = Order.objects.get()
    client.post(f"/orders/{order.pk}/subject/", subject_post(order.version, action="save"))
    order.refresh_from_db()
    assert order.version > 0
    # The base is read only for a stale page: an earlier version, as from a second tab.
    for base in (DEEP[:199_998], SHALLOW_BUT_TOO_DEEP, HUGE_INT):
        response = client.post(f"/orders/{order.pk}/subject/", subject_post(order.version - 1, action="save",
                                                                            base=base))
        assert response.status_code in (200, 302)
