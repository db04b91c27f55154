"""Forms changed by hand (found by the crawler's "tampered" variant) get a plain message, never a 500."""

import pytest
from django.contrib.auth import get_user_model

from beian.filings import demo
from beian.filings.models import Order

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("website", ["x'<>", "", "-1", "99999"])
def test_a_change_naming_a_website_that_is_not_one_of_the_filing_is_refused_plainly(client, website):
    account = get_user_model().objects.create_user("a@example.com", "a@example.com", "pw-12345678")
    filing = demo.seed_approved_filing(account, subject=demo.FILED_SUBJECT, province="浙江省", number="浙ICP备2025000009号",
                                       domain="tampered-demo.com", site_name="示例网站", instance_id="i-x", ip="47.96.10.11")
    client.force_login(account)
    response = client.post(f"/orders/filings/{filing.pk}/change/", {"kind": "change_website", "website": website},
                           follow=True)
    assert response.status_code == 200 and not Order.objects.exists()
    assert any("网站" in str(m) for m in response.context["messages"])
