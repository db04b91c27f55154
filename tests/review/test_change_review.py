"""Issue 15 item 1: a change order's changes, shown to the applicant (信息确认, progress) and the reviewer (the
console highlights the changed fields, so they review only what changed)."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from beian.filings import demo
from beian.filings.models import FiledWebsite, Order
from beian.filings.services import create_order
from tests.filings.conftest import application

pytestmark = pytest.mark.django_db
NEW_MOBILE = "13912345678"


@pytest.fixture
def applicant(db):
    return get_user_model().objects.create_user("app-change@example.com", "app-change@example.com", "pw-12345678")


@pytest.fixture
def order(client, applicant):
    filing = demo.seed_approved_filing(applicant, subject={**demo.FILED_SUBJECT}, province="浙江省",
                                       number="浙ICP备2025000003号", domain="review-change.com", site_name="示例网站",
                                       instance_id="i-one", ip="47.96.10.12")
    website = FiledWebsite.objects.get(filing=filing)
    client.force_login(applicant)
    client.post(f"/orders/filings/{filing.pk}/change/", {"kind": "change_website", "website": website.pk})
    order = Order.objects.get(kind="change_website")
    order.application["websites"][0]["name"] = "西溪示例新名网站"
    order.application["subject"]["principal"]["mobile"] = NEW_MOBILE
    order.save()
    return order


def _changes_table(html: str) -> str:
    match = re.search(r'<table class="changes">.*?</table>', html, re.S)
    assert match, "no table of changes"
    return match.group(0)


def test_confirm_shows_each_change_in_full(client, order):
    table = _changes_table(client.get(f"/orders/{order.pk}/confirm/").content.decode())
    assert 'data-path="websites[0].name"' in table and "示例网站" in table and "西溪示例新名网站" in table
    assert NEW_MOBILE in table
    assert 'data-path="websites[0].content"' not in table  # near miss: an unchanged field is not listed


def test_an_unchanged_order_says_so(client, order):
    order.application = {**order.application, "websites": [order.filed_website.website]}
    order.application["subject"] = dict(order.filing.application["subject"])
    order.save()
    html = client.get(f"/orders/{order.pk}/confirm/").content.decode()
    assert 'id="no-changes"' in html


def test_progress_masks_the_mobile(client, order):
    table = _changes_table(client.get(f"/orders/{order.pk}/").content.decode())
    assert "139****5678" in table and NEW_MOBILE not in table


def test_a_new_filing_shows_no_changes(client, applicant):
    fresh = create_order(account=applicant, application=application("fresh-review.com"))
    assert 'class="changes"' not in client.get(f"/orders/{fresh.pk}/confirm/").content.decode()


def test_the_console_highlights_the_changed_fields(client, order):
    reviewer = get_user_model().objects.create_user("rev-change@example.com", "rev-change@example.com", "pw-12345678",
                                                is_staff=True)
    reviewer.groups.add(Group.objects.get_or_create(name="reviewers")[0])
    client.force_login(reviewer)
    html = client.get(f"/review/{order.pk}/").content.decode()
    assert "西溪示例新名网站" in _changes_table(html)
    row = re.search(r'<tr data-path="websites\[0\]\.name" class="([^"]*)">(.*?)</tr>', html, re.S)
    assert "changed" in row.group(1) and "变更前：示例网站" in row.group(2)
    unchanged = re.search(r'<tr data-path="websites\[0\]\.content" class="([^"]*)">', html)
    assert "changed" not in unchanged.group(1)
    assert re.search(r'<tr data-path="subject.principal.mobile" class="[^"]*changed', html)
