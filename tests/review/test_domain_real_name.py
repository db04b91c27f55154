"""Issue 13 #3 in the reviewer console: the order page shows the real-name findings of the engine at the
domain and what the domain registry holds, beside the subject — masked (a person's name, every number)."""

import datetime as dt

import pytest
from django.utils import timezone

from beian.registries.domains import seed_domain
from beian.rules.codes import Code
from beian.rules.messages import FINDINGS

from .support import console_order, make_reviewer, raw_codes_in, visible_text

pytestmark = pytest.mark.django_db
PERSON_ID = "110105194912310029"


@pytest.fixture
def reviewer_client(client):
    client.force_login(make_reviewer())
    return client


def test_the_order_page_shows_the_real_name_findings_and_the_registry_facts_masked(reviewer_client):
    order = console_order()
    seed_domain(domain="example.com", holder_name="王小明", holder_cert_type="resident_id", holder_cert_number=PERSON_ID,
                holder_verified=False, registrar="Example Overseas Domains Inc.", registrar_approved=False,
                expires=timezone.localdate() + dt.timedelta(days=10))
    page = reviewer_client.get(f"/review/{order.pk}/").content.decode()
    text = visible_text(page)
    for code in (Code.DOMAIN_NOT_VERIFIED, Code.DOMAIN_HOLDER_CERT_MISMATCH, Code.DOMAIN_REGISTRAR_NOT_APPROVED):
        assert FINDINGS[code] in text, code
        assert f'data-code="{code.value}"' in page
    assert "域名持有者“王*明”与主办单位名称不一致" in text and "要求备案域名距到期须大于3个月" in text
    # The registry's facts, masked: a person's name and every certificate number.
    assert "域名实名信息" in text and "Example Overseas Domains Inc." in text and "未获工信部批准" in text
    assert "王*明" in text and "1101**********0029" in text
    assert "王小明" not in page and PERSON_ID not in page
    assert raw_codes_in(text) == []


def test_a_domain_the_registry_does_not_know_is_said_to_be_unknown(reviewer_client):
    order = console_order()
    seed_domain(domain="example.com", holder_name="杭州示例科技有限公司", holder_cert_type="business_license",
                holder_cert_number="91330106MA2GL0XX7U", registrar="示例域名注册服务有限公司",
                expires=timezone.localdate() + dt.timedelta(days=900))
    text = visible_text(reviewer_client.get(f"/review/{order.pk}/").content.decode())
    assert "杭州示例科技有限公司（与主办者一致）" in text and "9133**********XX7U" in text
    assert "shop-example.com" in text and "域名注册局没有此域名的记录" in text
    for code in ("DOMAIN_HOLDER_MISMATCH", "DOMAIN_HOLDER_CERT_MISMATCH", "DOMAIN_NOT_VERIFIED"):
        assert FINDINGS[Code(code)].split("“")[0] not in text, code
    assert raw_codes_in(text) == []
