"""Issue 13 item 5: the console shows the province rules that are instructions, for the orders they apply to."""

import copy

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone

from beian.filings import states
from beian.filings.models import Order
from beian.filings.services import create_order
from tests.rules.support import enterprise

from .support import make_reviewer, raw_codes_in, visible_text

pytestmark = pytest.mark.django_db


@pytest.fixture
def reviewer_client(client):
    client.force_login(make_reviewer())
    return client


def _in_review(province, kind, n):
    email = f"p{n}@example.com"
    account = get_user_model().objects.create_user(email, email, "Str0ng-pass-99")
    app = copy.deepcopy(enterprise())
    app.pop("context")
    app["region"]["province"] = province
    app["subject"]["cert_number"] += str(n)
    app["websites"][0]["domains"] = [f"rules{n}.com"]
    order = create_order(account=account, application=app, kind=kind)
    Order.objects.filter(pk=order.pk).update(state=states.PROVIDER_REVIEW, submitted_at=timezone.now())
    return order


def _rules_box(client, order) -> str:
    page = client.get(f"/review/{order.pk}/").content.decode()
    if 'id="province-rules"' not in page:
        return ""
    return page.split('id="province-rules"', 1)[1].split("</div>", 1)[0]


def test_hunan_new_site_shows_the_site_plan_mail_to_the_reviewer(reviewer_client):
    box = _rules_box(reviewer_client, _in_review("湖南省", "new_site_here", 1))
    assert "hunanbeian@xca.gov.cn" in box and "上传资料" in box and "S3 §3.2" in box
    assert raw_codes_in(visible_text(box)) == [] and "hunan_site_plan_mail" not in visible_text(box)


def test_hunan_first_filing_has_no_site_plan_mail(reviewer_client):
    assert "hunanbeian@xca.gov.cn" not in _rules_box(reviewer_client, _in_review("湖南省", "first", 2))


def test_xinjiang_party_letter_for_new_filings_not_for_changes(reviewer_client):
    assert "党建确认函" in _rules_box(reviewer_client, _in_review("新疆维吾尔自治区", "first", 3))
    assert "党建确认函" not in _rules_box(reviewer_client, _in_review("新疆维吾尔自治区", "change_website", 4))


def test_rules_that_are_checks_are_not_repeated_as_instructions(reviewer_client):
    """北京's two rules are engine checks (their findings show under 规则引擎结果): no instruction box."""
    assert _rules_box(reviewer_client, _in_review("北京市", "first", 5)) == ""
