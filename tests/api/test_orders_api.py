"""Issue 16 #3: the order API — create with Idempotency-Key, read (masked), list (filters, keyset cursor), cancel,
history, the phone-page link, filings and orders started from them; scopes and per-key throttling."""

import json

import pytest
from django.core.cache import cache

from beian.api.models import IdempotencyKey
from beian.filings import states
from beian.filings.models import Order
from tests.api.support import bearer, body, filing_for, key, user

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh_throttle():
    cache.clear()


def post(client, path, data, raw, **headers):
    return client.post(path, json.dumps(data), content_type="application/json", **bearer(raw), **headers)


# ---- create, idempotency -------------------------------------------------------------------------------------

def test_create_with_an_idempotency_key_returns_the_same_order_on_retry_and_409_on_another_body(client):
    owner = user("idem@example.com")
    raw = key(owner)
    data, _ = body()
    first = post(client, "/api/v1/orders", data, raw, HTTP_IDEMPOTENCY_KEY="k-1")
    assert first.status_code == 201, first.content
    order = first.json()
    assert order["reference"].startswith("BA") and order["kind"] == "first" and order["state"] == states.DRAFT
    again = post(client, "/api/v1/orders", data, raw, HTTP_IDEMPOTENCY_KEY="k-1")
    assert again.status_code == 200 and again["Idempotent-Replayed"] == "true"
    assert again.json() == order
    assert Order.objects.filter(account=owner).count() == 1
    other, _ = body()
    clash = post(client, "/api/v1/orders", other, raw, HTTP_IDEMPOTENCY_KEY="k-1")
    assert clash.status_code == 409 and clash.json()["code"] == "idempotency_conflict"
    assert Order.objects.filter(account=owner).count() == 1
    # Keys are per account: another account's "k-1" is its own.
    stranger = user("idem2@example.com")
    theirs = post(client, "/api/v1/orders", other, key(stranger), HTTP_IDEMPOTENCY_KEY="k-1")
    assert theirs.status_code == 201 and theirs.json()["reference"] != order["reference"]
    assert IdempotencyKey.objects.filter(key="k-1").count() == 2


def test_an_expired_idempotency_key_is_forgotten(client):
    from django.utils import timezone

    owner = user("idem3@example.com")
    raw = key(owner)
    data, _ = body()
    assert post(client, "/api/v1/orders", data, raw, HTTP_IDEMPOTENCY_KEY="old").status_code == 201
    IdempotencyKey.objects.filter(key="old").update(expires_at=timezone.now())
    other, _ = body()
    assert post(client, "/api/v1/orders", other, raw, HTTP_IDEMPOTENCY_KEY="old").status_code == 201


@pytest.mark.parametrize("value", ["", "x" * 201, "空格 key"])
def test_a_malformed_idempotency_key_is_400(client, value):
    raw = key(user("idem4@example.com"))
    data, _ = body()
    answer = post(client, "/api/v1/orders", data, raw, HTTP_IDEMPOTENCY_KEY=value)
    assert answer.status_code == 400 and answer.json()["code"] == "idempotency_key_invalid"


def test_create_refuses_what_step_one_refuses_with_the_findings(client):
    raw = key(user("bad@example.com"))
    data, _ = body()
    data["application"]["subject"]["cert_number"] = "123"
    answer = post(client, "/api/v1/orders", data, raw)
    assert answer.status_code == 422 and answer.json()["code"] == "order_has_errors"
    paths = {f["path"] for f in answer.json()["details"]["findings"]}
    assert "subject.cert_number" in paths
    assert not Order.objects.exists()
    unknown = post(client, "/api/v1/orders", {**data, "province": "火星"}, raw)
    assert unknown.status_code == 422 and unknown.json()["code"] == "province_unknown"
    change = post(client, "/api/v1/orders", {**data, "kind": "change_subject"}, raw)
    assert change.status_code == 422 and change.json()["code"] == "kind_not_allowed"
    shape = post(client, "/api/v1/orders", {**data, "application": {"subject": []}}, raw)
    assert shape.status_code == 422 and shape.json()["code"] == "application_invalid"


def test_one_order_in_flight_per_certificate_and_domain(client):
    raw = key(user("flight@example.com"))
    data, n = body()
    assert post(client, "/api/v1/orders", data, raw).status_code == 201
    again, _ = body(n, domain=f"other-{n}.com")  # same certificate, another domain
    answer = post(client, "/api/v1/orders", again, raw)
    assert answer.status_code in (409, 422)
    codes = {f["code"] for f in answer.json()["details"]["findings"]} | {answer.json()["code"]}
    assert "CERT_ORDER_IN_PROGRESS" in codes


def test_read_masks_ids_and_mobiles_and_says_the_next_step(client):
    owner = user("read@example.com")
    raw = key(owner)
    data, n = body()
    reference = post(client, "/api/v1/orders", data, raw).json()["reference"]
    answer = client.get(f"/api/v1/orders/{reference}", **bearer(raw))
    assert answer.status_code == 200
    out = answer.json()
    principal = out["application"]["subject"]["principal"]
    typed = data["application"]["subject"]["principal"]
    assert principal["cert_number"] != typed["cert_number"] and "*" in principal["cert_number"]
    assert principal["mobile"] == typed["mobile"][:3] + "****" + typed["mobile"][-4:]
    text = answer.content.decode()
    assert typed["cert_number"] not in text and typed["mobile"] not in text
    assert out["application"]["subject"]["cert_number"] == data["application"]["subject"]["cert_number"]  # a USCC
    assert out["next_step"]["text"] and out["editable"] is True and out["icp"] is None
    assert isinstance(out["findings"], list)


def test_another_accounts_order_answers_404_like_a_missing_one(client):
    owner, stranger = user("own@example.com"), user("str@example.com")
    data, _ = body()
    reference = post(client, "/api/v1/orders", data, key(owner)).json()["reference"]
    theirs = key(stranger)
    for path in ("", "/events"):
        answer = client.get(f"/api/v1/orders/{reference}{path}", **bearer(theirs))
        assert answer.status_code == 404 and answer.json()["code"] == "not_found"
    assert post(client, f"/api/v1/orders/{reference}/cancel", {}, theirs).status_code == 404
    assert client.get(f"/api/v1/orders/{reference}/phone-link?person=subject_principal", **bearer(theirs)).status_code == 404
    assert client.get("/api/v1/orders/BA%00x", **bearer(theirs)).status_code in (400, 404)
    assert client.get("/api/v1/orders/" + "B" * 300, **bearer(theirs)).status_code == 404
    assert Order.objects.get(reference=reference).state == states.DRAFT


# ---- list ---------------------------------------------------------------------------------------------------

def test_list_filters_and_pages_with_a_cursor(client):
    owner = user("list@example.com")
    raw = key(owner)
    refs = []
    for _ in range(5):
        data, n = body()
        refs.append((post(client, "/api/v1/orders", data, raw).json()["reference"], f"api-{n}.com"))
    user_other = user("list2@example.com")
    post(client, "/api/v1/orders", body()[0], key(user_other))
    seen, cursor = [], None
    while True:
        url = "/api/v1/orders?limit=2" + (f"&cursor={cursor}" if cursor else "")
        page = client.get(url, **bearer(raw)).json()
        seen += [o["reference"] for o in page["items"]]
        cursor = page["next_cursor"]
        if not cursor:
            break
    assert seen == [r for r, _ in reversed(refs)]  # newest first, each once, none of the other account's
    reference, domain = refs[2]
    found = client.get(f"/api/v1/orders?q={domain}", **bearer(raw)).json()["items"]
    assert [o["reference"] for o in found] == [reference]
    Order.objects.filter(reference=reference).update(state=states.CANCELLED)
    cancelled = client.get("/api/v1/orders?state=cancelled", **bearer(raw)).json()["items"]
    assert [o["reference"] for o in cancelled] == [reference]
    assert client.get("/api/v1/orders?kind=change_subject", **bearer(raw)).json()["items"] == []
    bad = client.get("/api/v1/orders?cursor=zzz", **bearer(raw))
    assert bad.status_code == 400 and bad.json()["code"] == "cursor_invalid"
    later = client.get("/api/v1/orders?created_after=2999-01-01T00:00:00Z", **bearer(raw)).json()["items"]
    assert later == []


# ---- cancel, events, phone link -----------------------------------------------------------------------------

def test_cancel_follows_the_wizard_rules_and_shows_in_the_history(client):
    owner = user("cancel@example.com")
    raw = key(owner)
    reference = post(client, "/api/v1/orders", body()[0], raw).json()["reference"]
    done = post(client, f"/api/v1/orders/{reference}/cancel", {}, raw)
    assert done.status_code == 200 and done.json()["state"] == states.CANCELLED
    again = post(client, f"/api/v1/orders/{reference}/cancel", {}, raw)
    assert again.status_code == 409 and again.json()["code"] == "transition_not_allowed"
    history = client.get(f"/api/v1/orders/{reference}/events", **bearer(raw)).json()["items"]
    assert [e["kind"] for e in history][0] == "created"
    assert history[-1]["to_state"] == states.CANCELLED


def test_phone_link_for_a_person_is_created_once_and_returned(client):
    owner = user("phone@example.com")
    raw = key(owner)
    reference = post(client, "/api/v1/orders", body()[0], raw).json()["reference"]
    first = client.get(f"/api/v1/orders/{reference}/phone-link?person=subject_principal", **bearer(raw))
    assert first.status_code == 200, first.content
    out = first.json()
    assert "/m/" in out["url"] and "本人" in out["note"] and "*" in out["name"]
    again = client.get(f"/api/v1/orders/{reference}/phone-link?person=subject_principal", **bearer(raw)).json()
    order = Order.objects.get(reference=reference)
    assert order.phone_links.filter(revoked_at__isnull=True).count() == 1 and again["expires_at"] == out["expires_at"]
    assert client.get(f"/api/v1/orders/{reference}/m/", **bearer(raw)).status_code == 404
    nobody = client.get(f"/api/v1/orders/{reference}/phone-link?person=websites[7].principal", **bearer(raw))
    assert nobody.status_code == 422 and nobody.json()["code"] == "unknown_person"
    # The link works on the phone page (what the person opens).
    page = client.get(out["url"].replace("http://testserver", ""))
    assert page.status_code == 200


# ---- scopes, throttling ---------------------------------------------------------------------------------------

def test_scopes_are_enforced_on_every_endpoint(client):
    owner = user("scope@example.com")
    reader = key(owner, scopes=["orders:read"])
    refused = post(client, "/api/v1/orders", body()[0], reader)
    assert refused.status_code == 403 and refused.json()["code"] == "scope_missing"
    reference = post(client, "/api/v1/orders", body()[0], key(owner, scopes=["orders:write"])).json()["reference"]
    assert client.get(f"/api/v1/orders/{reference}", **bearer(reader)).status_code == 200
    writer = key(owner, scopes=["orders:write"])
    assert client.get(f"/api/v1/orders/{reference}", **bearer(writer)).status_code == 403
    assert client.get("/api/v1/orders", **bearer(writer)).status_code == 403
    assert client.get("/api/v1/filings", **bearer(writer)).status_code == 403
    assert post(client, f"/api/v1/orders/{reference}/cancel", {}, reader).status_code == 403
    precheck_only = key(owner, scopes=["precheck"])
    assert client.get(f"/api/v1/orders/{reference}/events", **bearer(precheck_only)).status_code == 403
    # A signed-in browser session holds every scope.
    client.force_login(owner)
    assert client.get(f"/api/v1/orders/{reference}").status_code == 200
    assert client.get("/api/v1/orders").status_code == 200


def test_the_throttle_counts_per_key_not_per_address(client, settings):
    settings.API_KEY_RATE = "3/min"
    owner = user("rate@example.com")
    one, two = key(owner, name="one"), key(owner, name="two")
    for i in range(3):  # three addresses, one key: one allowance
        assert client.get("/api/v1/orders", REMOTE_ADDR=f"192.0.2.{i}", **bearer(one)).status_code == 200
    refused = client.get("/api/v1/orders", REMOTE_ADDR="192.0.2.99", **bearer(one))
    assert refused.status_code == 429 and refused.json()["code"] == "throttled" and int(refused["Retry-After"]) >= 1
    assert set(refused.json()) >= {"code", "message", "details"}
    assert client.get("/api/v1/orders", REMOTE_ADDR="192.0.2.0", **bearer(two)).status_code == 200  # its own


# ---- filings ----------------------------------------------------------------------------------------------

def test_filings_list_read_and_a_change_order_started_from_one(client):
    owner = user("filings@example.com")
    raw = key(owner)
    filing = filing_for(owner)
    listed = client.get("/api/v1/filings", **bearer(raw)).json()["items"]
    assert [f["subject_number"] for f in listed] == [filing.subject_number]
    site = listed[0]["websites"][0]
    for k in (filing.pk, filing.subject_number, site["website_number"]):
        got = client.get(f"/api/v1/filings/{k}", **bearer(raw))
        assert got.status_code == 200 and got.json()["id"] == filing.pk
    detail = client.get(f"/api/v1/filings/{filing.pk}", **bearer(raw))
    principal = (filing.application["subject"]["principal"])
    assert principal["mobile"] not in detail.content.decode() and principal["cert_number"] not in detail.content.decode()
    started = post(client, f"/api/v1/filings/{filing.pk}/orders", {"kind": "change_website", "website": site["id"]}, raw)
    assert started.status_code == 201, started.content
    assert started.json()["kind"] == "change_website" and started.json()["filing_id"] == filing.pk
    twice = post(client, f"/api/v1/filings/{filing.pk}/orders", {"kind": "change_subject"}, raw)
    assert twice.status_code == 409 and twice.json()["code"] in ("CERT_ORDER_IN_PROGRESS", "DOMAIN_ORDER_IN_PROGRESS")
    no_site = post(client, f"/api/v1/filings/{filing.pk}/orders", {"kind": "deregister_website"}, raw)
    assert no_site.status_code == 422 and no_site.json()["code"] == "website_required"
    bad = post(client, f"/api/v1/filings/{filing.pk}/orders", {"kind": "first"}, raw)
    assert bad.status_code == 422 and bad.json()["code"] == "kind_not_allowed"


def test_a_release_order_needs_the_acknowledgement_and_is_submitted(client):
    owner = user("release@example.com")
    raw = key(owner)
    filing = filing_for(owner)
    refused = post(client, f"/api/v1/filings/{filing.pk}/orders", {"kind": "cancel_access"}, raw)
    assert refused.status_code == 422 and refused.json()["code"] == "release_not_acknowledged"
    assert not Order.objects.filter(filing=filing).exists()
    done = post(client, f"/api/v1/filings/{filing.pk}/orders", {"kind": "cancel_access", "acknowledged": True}, raw)
    assert done.status_code == 201, done.content
    assert done.json()["state"] == states.PENDING_MINISTRY and done.json()["kind"] == "cancel_access"


def test_another_accounts_filing_is_404(client):
    owner, stranger = user("f-own@example.com"), user("f-str@example.com")
    filing = filing_for(owner)
    theirs = key(stranger)
    assert client.get(f"/api/v1/filings/{filing.pk}", **bearer(theirs)).status_code == 404
    assert client.get(f"/api/v1/filings/{filing.subject_number}", **bearer(theirs)).status_code == 404
    answer = post(client, f"/api/v1/filings/{filing.pk}/orders", {"kind": "change_subject"}, theirs)
    assert answer.status_code == 404
    assert client.get("/api/v1/filings", **bearer(theirs)).json()["items"] == []


@pytest.mark.parametrize("query", ["created_after=0606-10-29T18:47:21-17:49", "created_before=0001-01-01T00:00:00%2B10:00",
                                   "cursor=WyIwMDAxLTAxLTAxVDAwOjAwOjAwKzEwOjAwIiwgMV0"])
def test_times_out_of_any_databases_range_are_400_not_500(client, query):
    raw = key(user("times@example.com"))
    answer = client.get(f"/api/v1/orders?{query}", **bearer(raw))
    assert answer.status_code in (200, 400) and answer.json().get("code", "ok") in ("ok", "date_invalid", "cursor_invalid")


def test_a_control_character_anywhere_in_the_application_is_refused(client):
    raw = key(user("nul@example.com"))
    data, n = body()
    data["application"]["websites"].append({**data["application"]["websites"][0], "domains": [f"x-{n}.com\x01"]})
    answer = post(client, "/api/v1/orders", data, raw)
    # The platform's guard answers first (400 input_control_characters); the API's own (422) stands behind it.
    assert (answer.status_code, answer.json()["code"]) in ((400, "input_control_characters"), (422, "application_invalid"))
    assert not Order.objects.exists()
    from beian.api.errors import ApiError
    from beian.api.orders import _refuse_control

    with pytest.raises(ApiError) as refused:
        _refuse_control({"websites": [{"domains": ["a.com", "b\x01.com"]}]}, "")
    assert refused.value.details["path"] == "websites[0].domains[1]"
