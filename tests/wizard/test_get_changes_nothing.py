"""Issue 12 finding 6: a GET never changes state. `/orders/filings/<pk>/change/?kind=…` created an order on GET,
so a link on another site (SameSite=Lax sends the cookie on top-level navigation) opened a draft that then
blocked the person's real change. Every route is walked with GET as each role, with query strings that name
actions, and no row may appear or disappear."""

import re

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.urls import URLPattern, URLResolver, get_resolver

from beian.filings import checks, demo
from beian.filings.models import FiledWebsite, Order
from beian.filings.services import create_order
from beian.verification import services as phone

pytestmark = pytest.mark.django_db

# Records of a view, not changes a third party could cause: the step bar's visit marks, evidence access logs
# (issue 12 item 5 wants every read of evidence logged) and sessions.
VIEW_RECORDS = {"wizard.StepVisit", "sessions.Session", "admin.LogEntry"}
VIEW_EVENTS = {"evidence_view", "material_view"}


def _filing(account):
    return demo.seed_approved_filing(account, subject=demo.FILED_SUBJECT, province="浙江省", number="浙ICP备2025000009号",
                                     domain="get-audit.com", site_name="示例网站", instance_id="i-get", ip="47.96.10.11")


def test_get_on_the_change_address_creates_nothing(client):
    account = get_user_model().objects.create_user("a@example.com", "a@example.com", "pw-12345678")
    filing = _filing(account)
    website = FiledWebsite.objects.filter(filing=filing).first()
    client.force_login(account)
    for kind in ("change_subject", "change_website", "cancel_access", "deregister_subject"):
        response = client.get(f"/orders/filings/{filing.pk}/change/?kind={kind}&website={website.pk}")
        assert response.status_code == 302 and response["Location"] == "/orders/"
    assert not Order.objects.exists()
    # The list's button (a POST with the CSRF token) still starts the change.
    response = client.post(f"/orders/filings/{filing.pk}/change/", {"kind": "change_subject"})
    assert response.status_code == 302 and Order.objects.filter(kind="change_subject").count() == 1


def _routes(resolver=None, prefix=""):
    for entry in (resolver or get_resolver()).url_patterns:
        route = prefix + str(entry.pattern)
        if isinstance(entry, URLResolver):
            yield from _routes(entry, route)
        elif isinstance(entry, URLPattern):
            yield route.lstrip("^").rstrip("$")


def _fill(route: str, values: dict) -> str | None:
    """The route with its parameters filled from `values` (1 when not named there)."""
    if "(?P<" in route or "\\" in route:  # the admin's regular expressions: not this product's pages
        return None
    return "/" + re.sub(r"<(?:\w+:)?(\w+)>", lambda m: str(values.get(m.group(1), 1)), route)


def _counts() -> dict:
    counts = {}
    for model in apps.get_models():
        if model._meta.label in VIEW_RECORDS:
            continue
        rows = model.objects.all()
        if model._meta.label == "filings.OrderEvent":
            rows = rows.exclude(kind__in=VIEW_EVENTS)
        counts[model._meta.label] = rows.count()
    return counts


def test_no_route_changes_anything_on_get(client):
    owner = get_user_model().objects.create_user("owner@example.com", "owner@example.com", "pw-12345678")
    reviewer = get_user_model().objects.create_user("rev@example.com", "rev@example.com", "pw-12345678", is_staff=True)
    reviewer.groups.add(Group.objects.get_or_create(name="reviewers")[0])
    filing = _filing(owner)
    website = FiledWebsite.objects.filter(filing=filing).first()
    app = checks.blank_application()
    app["region"] = {"province": "浙江省", "city": "杭州市", "district": "西湖区"}
    app["subject"].update(nature="individual", cert_type="resident_id", name="李四", cert_number="330106199001011234")
    app["websites"][0].update(name="李四的个人博客", domains=["get-audit-two.com"], content="其他")
    order = create_order(account=owner, application=app, kind="first")
    link, _ = phone.create_link(order=order, person=phone.people(order)[0]["person"], user=owner)
    values = {"pk": order.pk, "filing_pk": filing.pk, "token": phone.token_for(link), "index": 0,
              "kind": "principal_id", "request_id": "x"}
    query = (f"?kind=change_subject&website={website.pk}&action=send_code&person=subject_principal&decision=approve"
             f"&instance_id=i-get&next=/orders/")
    paths = [p for p in (_fill(route, values) for route in _routes()) if p]
    assert f"/orders/filings/{filing.pk}/change/" in paths and len(paths) > 40
    before = _counts()
    for user in (None, owner, reviewer):
        client.logout()
        if user:
            client.force_login(user)
        for path in paths:
            client.get(path + query)
    after = _counts()
    assert {k: (before[k], after[k]) for k in before if before[k] != after[k]} == {}
