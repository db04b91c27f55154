"""Issue 17 #4 in the API: /api/v1/filings lists a subject's APPs (service_type, number …号-NA, platforms, status),
finds a filing by an APP's number, masks APP principals, and starts 变更APP / 取消接入 / 注销APP from an APP's id."""

import pytest

from beian.filings import states
from beian.filings.models import Order
from tests.api.support import bearer, filing_for, key, user
from tests.api.test_orders_api import post
from tests.filings.test_app_kinds import APP_PRINCIPAL, add_app, app_of

pytestmark = pytest.mark.django_db


def test_filings_list_and_read_apps_with_their_numbers(client):
    owner = user("api-apps@example.com")
    raw = key(owner)
    filing = filing_for(owner)
    add_app(filing, 1, principal=APP_PRINCIPAL)
    (listed,) = client.get("/api/v1/filings", **bearer(raw)).json()["items"]
    assert [w["service_type"] for w in listed["websites"]] == ["website"]  # the websites stay websites
    (app,) = listed["apps"]
    assert (app["service_type"], app["website_number"], app["name"], app["status"]) == (
        "app", f"{filing.subject_number}-1A", "示例商城", "active")
    assert app["platforms"] == [{"platform": "android", "package_name": "com.example.shop"},
                                {"platform": "ios", "package_name": "com.example.shop"}]
    got = client.get(f"/api/v1/filings/{app['website_number']}", **bearer(raw))
    assert got.status_code == 200 and got.json()["id"] == filing.pk
    text = got.content.decode()
    assert got.json()["application"]["apps"][0]["principal"]["mobile"] == "136****2222"
    assert APP_PRINCIPAL["mobile"] not in text and APP_PRINCIPAL["cert_number"] not in text
    # Near miss: a number of an APP that does not exist, and a website seq written as an APP's.
    assert client.get(f"/api/v1/filings/{filing.subject_number}-2A", **bearer(raw)).status_code == 404


def test_orders_from_an_app(client):
    owner = user("api-app-orders@example.com")
    raw = key(owner)
    filing = filing_for(owner)
    row = add_app(filing, 1, principal=APP_PRINCIPAL)
    refused = post(client, f"/api/v1/filings/{filing.pk}/orders", {"kind": "change_access", "website": row.pk}, raw)
    assert refused.status_code == 422 and refused.json()["code"] == "kind_not_allowed"
    started = post(client, f"/api/v1/filings/{filing.pk}/orders", {"kind": "change_website", "website": row.pk}, raw)
    assert started.status_code == 201, started.content
    assert started.json()["application"]["websites"] == [] and started.json()["application"]["apps"][0]["name"] == "示例商城"
    Order.objects.filter(filing=filing).delete()
    gone = post(client, f"/api/v1/filings/{filing.pk}/orders",
                {"kind": "deregister_website", "website": app_of(filing).pk, "acknowledged": True}, raw)
    assert gone.status_code == 201, gone.content
    assert gone.json()["state"] == states.PROVIDER_REVIEW and gone.json()["kind"] == "deregister_website"
