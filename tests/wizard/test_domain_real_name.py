"""Issue 13 #3 in the wizard: the domain registry's real-name facts show where the domain is typed (步骤 1
验证备案类型 and 网站信息), block going on, and a domain the registry does not know passes as before."""

import datetime as dt
import html

import pytest
from django.utils import timezone

from beian.filings.models import Order
from beian.registries.domains import seed_domain
from beian.rules.codes import Code
from beian.rules.messages import FINDINGS

from .support import ZJ_COMPANY, applicant_with_products, basic_post, setup_registry, website_post

pytestmark = pytest.mark.django_db

REGISTRAR = "示例域名注册服务有限公司"


def _record(domain: str, **changes):
    values = {"holder_name": ZJ_COMPANY[1], "holder_cert_type": "business_license", "holder_cert_number": ZJ_COMPANY[0],
              "holder_verified": True, "registrar": REGISTRAR, "registrar_approved": True,
              "expires": timezone.localdate() + dt.timedelta(days=900), **changes}
    return seed_domain(domain=domain, replace=True, **values)


@pytest.fixture
def applicant(client):
    setup_registry()
    account, _instances = applicant_with_products()
    client.force_login(account)
    return client


def _text(response) -> str:
    return html.unescape(response.content.decode())


def test_step_one_shows_each_code_of_a_domain_and_creates_no_order(applicant):
    _record("zj-overseas.com", registrar="Example Overseas Domains Inc.", registrar_approved=False,
            holder_cert_number="91310101MA1FPHP8QH", expires=timezone.localdate() + dt.timedelta(days=20))
    page = _text(applicant.post("/orders/new/", basic_post(**{"websites[0].domains[0]": "zj-overseas.com"})))
    for code in (Code.DOMAIN_REGISTRAR_NOT_APPROVED, Code.DOMAIN_HOLDER_CERT_MISMATCH):
        assert FINDINGS[code] in page, code
    assert "要求备案域名距到期须大于3个月" in page
    assert not Order.objects.exists()


def test_step_one_goes_on_with_a_domain_held_by_the_subject_or_unknown_to_the_registry(applicant):
    _record("zj-demo-one.com")
    response = applicant.post("/orders/new/", basic_post())
    assert response.status_code == 302 and Order.objects.count() == 1
    Order.objects.all().delete()
    response = applicant.post("/orders/new/", basic_post(**{"websites[0].domains[0]": "zj-never-registered.com"}))
    assert response.status_code == 302 and Order.objects.count() == 1


def test_the_website_step_shows_what_the_registry_says_now(applicant):
    _record("zj-demo-one.com")
    applicant.post("/orders/new/", basic_post())
    order = Order.objects.get()
    saved = applicant.post(f"/orders/{order.pk}/websites/", website_post(
        order.version, [("示例科技官方网站", "zj-demo-one.com")], action="save"))
    assert FINDINGS[Code.DOMAIN_NOT_VERIFIED] not in _text(saved)
    # The holder has not finished the real-name verification yet (or changed the holder) since step 1.
    _record("zj-demo-one.com", holder_verified=False, holder_name="王小明", holder_cert_type="resident_id",
            holder_cert_number="110105194912310029")
    page = _text(applicant.get(f"/orders/{order.pk}/websites/"))
    assert FINDINGS[Code.DOMAIN_NOT_VERIFIED] in page
    assert "域名持有者“王*明”与主办单位名称不一致" in page and "王小明" not in page
    assert "110105194912310029" not in page
