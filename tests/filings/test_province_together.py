"""Issue 13 item 5, 河北 `no_new_site_with_change`: one order cannot hold both a 新增网站 and a 变更, so order
creation refuses one while the other is in flight for the same subject, naming the province's rule."""

import pytest
from django.contrib.messages import get_messages

from beian.filings import demo
from beian.filings.claims import ClaimConflict
from beian.filings.models import FiledWebsite, Order

from .conftest import application

RULE = "河北管局不支持新增网站/接入与变更同时办理"


def _in(province, domain):
    app = application(domain)
    app["region"]["province"] = province
    return app


@pytest.mark.django_db
@pytest.mark.parametrize(("first", "then"), [("change_website", "new_site_here"), ("new_site_elsewhere", "change_subject"),
                                             ("access", "change_access")])
def test_hebei_refuses_new_site_and_change_together_with_its_rule(applicant, first, then):
    from beian.filings.services import create_order

    held = create_order(account=applicant, application=_in("河北省", "hb-one.com"), kind=first)
    with pytest.raises(ClaimConflict) as info:
        create_order(account=applicant, application=_in("河北省", "hb-two.com"), kind=then)
    assert RULE in info.value.message and held.reference in info.value.message
    assert held.kind_label in info.value.message and info.value.code == "CERT_ORDER_IN_PROGRESS"
    assert Order.objects.count() == 1


@pytest.mark.django_db
def test_elsewhere_the_same_refusal_says_only_that_an_order_is_in_flight(applicant):
    from beian.filings.services import create_order

    create_order(account=applicant, application=_in("浙江省", "zj-one.com"), kind="change_website")
    with pytest.raises(ClaimConflict) as info:
        create_order(account=applicant, application=_in("浙江省", "zj-two.com"), kind="new_site_here")
    assert "此证件存在进行中的订单" in info.value.message and "管局" not in info.value.message


@pytest.mark.django_db
def test_hebei_change_button_says_why_while_a_new_site_is_in_flight(client, applicant):
    from beian.filings.services import create_order

    subject = {**demo.FILED_SUBJECT}
    filing = demo.seed_approved_filing(applicant, subject=subject, province="河北省", number="冀ICP备2025000001号",
                                       domain="hb-filed.com", site_name="示例网站", instance_id="i-hb", ip="47.96.10.12")
    app = _in("河北省", "hb-new.com")
    app["subject"] = subject
    new_site = create_order(account=applicant, application=app, kind="new_site_here")
    client.force_login(applicant)
    website = FiledWebsite.objects.get(filing=filing)
    response = client.post(f"/orders/filings/{filing.pk}/change/", {"kind": "change_website", "website": website.pk})
    assert response.status_code == 302 and response["Location"] == "/orders/"
    shown = [str(m) for m in get_messages(response.wsgi_request)]
    assert any(RULE in m and new_site.reference in m for m in shown), shown
    assert not Order.objects.filter(kind="change_website").exists()
