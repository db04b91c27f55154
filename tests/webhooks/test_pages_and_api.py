"""The Webhook page (CSRF forms, secret shown once, another account's endpoint not found, every change audited)
and /api/v1/webhooks (scope `webhooks`, the error envelope, another account's ids answer 404)."""

import json

import pytest
from django.test import Client

from beian.api.models import ApiToken
from beian.webhooks.models import Delivery, Endpoint, EndpointChange
from tests.webhooks.conftest import new_account
from tests.webhooks.test_delivery import docs_verify


def _csrf(client, path):
    page = client.get(path)
    assert page.status_code == 200
    return page.content.decode().split('name="csrfmiddlewaretoken" value="')[1].split('"')[0]


def _signed_in(account):
    client = Client(enforce_csrf_checks=True)
    client.force_login(account)
    return client


@pytest.mark.django_db
def test_page_adds_an_endpoint_shows_the_secret_once_and_sends_a_test_event(receiver):
    account = new_account()
    client = _signed_in(account)
    token = _csrf(client, "/webhooks/")
    response = client.post("/webhooks/", {"csrfmiddlewaretoken": token, "url": receiver.hook(), "description": "CI",
                                          "events": ["order.state_changed", "order.approved"]})
    endpoint = Endpoint.objects.get(account=account)
    assert response.status_code == 302 and response["Location"] == f"/webhooks/{endpoint.pk}/"
    page = client.get(response["Location"]).content.decode()
    assert endpoint.secret in page and "只显示这一次" in page
    assert endpoint.secret not in client.get(response["Location"]).content.decode()  # once only
    assert endpoint.events == ["order.state_changed", "order.approved"]

    token = _csrf(client, f"/webhooks/{endpoint.pk}/")
    assert client.post(f"/webhooks/{endpoint.pk}/test/", {"csrfmiddlewaretoken": token}).status_code == 302
    assert len(receiver.requests) == 1 and json.loads(receiver.requests[0].body)["type"] == "webhook.test"
    assert docs_verify()(endpoint.secret, receiver.requests[0].headers, receiver.requests[0].body)
    log = client.get(f"/webhooks/{endpoint.pk}/").content.decode()
    assert "webhook.test" in log and "HTTP 200" in log and "已送达" in log

    delivery = Delivery.objects.get(endpoint=endpoint)
    assert client.post(f"/webhooks/deliveries/{delivery.pk}/redeliver/", {"csrfmiddlewaretoken": token}).status_code == 302
    assert len(receiver.requests) == 2

    rotated = client.post(f"/webhooks/{endpoint.pk}/rotate/", {"csrfmiddlewaretoken": token})
    assert rotated.status_code == 302
    endpoint.refresh_from_db()
    assert endpoint.secret in client.get(f"/webhooks/{endpoint.pk}/").content.decode()

    assert client.post(f"/webhooks/{endpoint.pk}/delete/", {"csrfmiddlewaretoken": token}).status_code == 302
    assert not Endpoint.objects.filter(pk=endpoint.pk).exists()
    actions = list(EndpointChange.objects.filter(account=account).order_by("at", "id").values_list("action", "actor"))
    assert actions == [(a, account.pk) for a in ("created", "tested", "redelivered", "rotated", "deleted")]


@pytest.mark.django_db
def test_page_refuses_a_bad_url_keeps_what_was_typed_and_saves_nothing(settings):
    account = new_account()
    client = _signed_in(account)
    token = _csrf(client, "/webhooks/")
    response = client.post("/webhooks/", {"csrfmiddlewaretoken": token, "url": "https://10.0.0.1/x",
                                          "events": ["order.created"]})
    body = response.content.decode()
    assert response.status_code == 200 and 'data-code="webhook_url_private"' in body and "内网" in body
    assert 'value="https://10.0.0.1/x"' in body and not Endpoint.objects.exists()
    for hostile in ("abc\x00def", "长" * 5000, "<script>alert(1)</script>"):
        r = client.post("/webhooks/", {"csrfmiddlewaretoken": token, "url": hostile, "description": hostile,
                                       "events": ["bogus"]})
        # NUL is refused for every form by the platform's middleware (400, a Chinese page); the rest re-show the form.
        assert r.status_code == (400 if "\x00" in hostile else 200) and "<script>alert" not in r.content.decode()
    assert not Endpoint.objects.exists()


@pytest.mark.django_db
def test_another_account_cannot_see_or_change_an_endpoint_or_its_deliveries(receiver):
    owner, other = new_account("owner"), new_account("other")
    client = _signed_in(owner)
    token = _csrf(client, "/webhooks/")
    client.post("/webhooks/", {"csrfmiddlewaretoken": token, "url": receiver.hook(), "events": ["order.created"]})
    endpoint = Endpoint.objects.get(account=owner)
    client.post(f"/webhooks/{endpoint.pk}/test/", {"csrfmiddlewaretoken": token})
    delivery = Delivery.objects.get(endpoint=endpoint)
    sent = len(receiver.requests)

    intruder = _signed_in(other)
    token = _csrf(intruder, "/webhooks/")
    assert intruder.get(f"/webhooks/{endpoint.pk}/").status_code == 404
    for path in (f"/webhooks/{endpoint.pk}/", f"/webhooks/{endpoint.pk}/rotate/", f"/webhooks/{endpoint.pk}/test/",
                 f"/webhooks/{endpoint.pk}/delete/", f"/webhooks/deliveries/{delivery.pk}/redeliver/"):
        assert intruder.post(path, {"csrfmiddlewaretoken": token, "url": "http://127.0.0.1:9999/",
                                    "events": ["order.created"]}).status_code == 404
    assert receiver.hook() not in intruder.get("/webhooks/").content.decode()
    endpoint.refresh_from_db()
    assert endpoint.url == receiver.hook() and len(receiver.requests) == sent
    assert not EndpointChange.objects.filter(account=other).exists()
    # A form posted without the CSRF token is refused.
    assert client.post(f"/webhooks/{endpoint.pk}/delete/").status_code == 403
    assert Endpoint.objects.filter(pk=endpoint.pk).exists()


def _api(account, scopes=("webhooks",)):
    _, raw = ApiToken.issue(account=account, name="t", scopes=list(scopes))
    return Client(HTTP_AUTHORIZATION=f"Bearer {raw}")


@pytest.mark.django_db
def test_api_create_list_test_deliveries_rotate_delete(receiver):
    account = new_account()
    api = _api(account)
    created = api.post("/api/v1/webhooks", {"url": receiver.hook(), "events": ["order.created"]},
                       content_type="application/json")
    assert created.status_code == 201, created.content
    body = created.json()
    assert body["secret"].startswith("whsec_") and body["events"] == ["order.created"]
    listed = api.get("/api/v1/webhooks").json()
    assert [e["id"] for e in listed] == [body["id"]] and "secret" not in listed[0]
    tested = api.post(f"/api/v1/webhooks/{body['id']}/test")
    assert tested.status_code == 200 and tested.json()["status"] == "succeeded"
    assert docs_verify()(body["secret"], receiver.requests[-1].headers, receiver.requests[-1].body)
    deliveries = api.get(f"/api/v1/webhooks/{body['id']}/deliveries").json()
    assert deliveries[0]["event_type"] == "webhook.test" and deliveries[0]["log"][0]["status_code"] == 200
    again = api.post(f"/api/v1/webhooks/{body['id']}/deliveries/{deliveries[0]['id']}/redeliver")
    assert again.status_code == 200 and [a["manual"] for a in again.json()["log"]] == [False, True]
    patched = api.patch(f"/api/v1/webhooks/{body['id']}", {"events": ["order.approved"], "is_active": False},
                        content_type="application/json")
    assert patched.status_code == 200 and patched.json()["events"] == ["order.approved"]
    assert patched.json()["is_active"] is False
    rotated = api.post(f"/api/v1/webhooks/{body['id']}/rotate").json()
    assert rotated["secret"] != body["secret"] and Endpoint.objects.get().secret == rotated["secret"]
    assert api.delete(f"/api/v1/webhooks/{body['id']}").status_code == 204
    assert not Endpoint.objects.exists()
    assert set(EndpointChange.objects.values_list("via", flat=True)) == {"api"}


@pytest.mark.django_db
def test_api_errors_scope_and_isolation(receiver):
    owner, other = new_account("o"), new_account("x")
    api = _api(owner)
    bad = api.post("/api/v1/webhooks", {"url": "https://192.168.0.1/", "events": ["order.created"]},
                   content_type="application/json")
    assert bad.status_code == 400 and bad.json()["code"] == "webhook_url_private"
    assert bad.json()["details"]["path"] == "url" and "内网" in bad.json()["message"]
    assert api.post("/api/v1/webhooks", {"url": receiver.hook(), "events": ["nope"]},
                    content_type="application/json").json()["code"] == "webhook_events_invalid"
    assert api.post("/api/v1/webhooks", {"events": []}, content_type="application/json").status_code == 422
    endpoint_id = api.post("/api/v1/webhooks", {"url": receiver.hook(), "events": ["order.created"]},
                           content_type="application/json").json()["id"]
    no_scope = _api(owner, scopes=("orders:read",))
    refused = no_scope.get("/api/v1/webhooks")
    assert refused.status_code == 403 and refused.json()["code"] == "scope_missing"
    intruder = _api(other)
    assert intruder.get("/api/v1/webhooks").json() == []
    for method, path in (("get", ""), ("patch", ""), ("delete", ""), ("post", "/rotate"), ("post", "/test"),
                         ("get", "/deliveries")):
        r = getattr(intruder, method)(f"/api/v1/webhooks/{endpoint_id}{path}", {}, content_type="application/json")
        assert r.status_code == 404 and r.json()["code"] == "not_found", (method, path)
    assert receiver.requests == [] and Endpoint.objects.filter(pk=endpoint_id).exists()
    assert Client().get("/api/v1/webhooks").status_code == 401


@pytest.mark.django_db
def test_openapi_declares_the_webhook_routes(client):
    paths = client.get("/api/openapi.json").json()["paths"]
    assert {"/api/v1/webhooks", "/api/v1/webhooks/{endpoint_id}", "/api/v1/webhooks/{endpoint_id}/rotate",
            "/api/v1/webhooks/{endpoint_id}/deliveries"} <= set(paths)
    assert "201" in paths["/api/v1/webhooks"]["post"]["responses"]
