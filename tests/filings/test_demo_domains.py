"""Issue 13 #3, the demo: every demo order's domain is in the domain registry simulator, held by its company
(so nothing stands in a demo order's way), and the documented domains to try (README, demo_data.TRY_DOMAINS)
each show their finding in the 上海 draft. Re-seeding keeps what the demo changed."""

import datetime as dt

import pytest
from django.utils import timezone

from beian import demo_data as data
from beian.filings import checks
from beian.filings.demo import seed_domains
from beian.registries import domains as registry
from beian.registries.models import DomainRecord

pytestmark = pytest.mark.django_db
REAL_NAME_CODES = {"DOMAIN_HOLDER_MISMATCH", "DOMAIN_NOT_VERIFIED", "DOMAIN_HOLDER_CERT_MISMATCH", "DOMAIN_EXPIRING",
                   "DOMAIN_REGISTRAR_NOT_APPROVED"}
EXPECTED = {
    "pujiang-shop.com": set(),
    "pujiang-other.com": {"DOMAIN_HOLDER_MISMATCH", "DOMAIN_HOLDER_CERT_MISMATCH"},
    "pujiang-chenming.com": {"DOMAIN_HOLDER_MISMATCH", "DOMAIN_HOLDER_CERT_MISMATCH"},
    "pujiang-orgcode.com": {"DOMAIN_HOLDER_CERT_MISMATCH"},
    "pujiang-unverified.com": {"DOMAIN_NOT_VERIFIED"},
    "pujiang-expiring.com": {"DOMAIN_EXPIRING"},
    "pujiang-overseas.com": {"DOMAIN_REGISTRAR_NOT_APPROVED"},
}


def _codes(application: dict) -> set[str]:
    return {f["code"] for f in checks.run(application)["findings"]} & REAL_NAME_CODES


def _draft_with(domain: str, province: str | None = None) -> dict:
    application = data.application(data.ORDERS_BY_KEY["draft"])
    application["websites"][0]["domains"] = [domain]
    if province:
        application["region"]["province"] = province
    return application


def test_every_demo_domain_is_held_by_its_company_for_long_enough():
    seed_domains()
    records = registry.records([o["site"][1] for o in data.ORDERS])
    for order in data.ORDERS:
        _province, _city, _district, name, cert, *_ = data.COMPANIES[order["company"]]
        record = records[order["site"][1]]
        assert (record["holder_name"], record["holder_cert_number"], record["holder_cert_type"]) == (
            name, cert, "business_license"), order["key"]
        assert record["holder_verified"] and record["registrar_approved"], order["key"]
        assert record["expires"] > timezone.localdate() + dt.timedelta(days=365), order["key"]
        assert _codes(data.application(order)) == set(), order["key"]


def test_the_domains_to_try_show_their_findings_in_the_shanghai_draft():
    seed_domains()
    assert set(EXPECTED) == set(data.TRY_DOMAINS)
    for domain, expected in EXPECTED.items():
        assert _codes(_draft_with(domain)) == expected, domain
    # 120 days left fails only where the bureau asks for 180 (上海); elsewhere 3 months are enough.
    assert _codes(_draft_with("pujiang-expiring.com", province="浙江省")) == set()
    # The principal holding it personally is named masked.
    messages = [f["message"] for f in checks.run(_draft_with("pujiang-chenming.com"))["findings"]
                if f["code"] == "DOMAIN_HOLDER_MISMATCH"]
    assert messages and "陈*" in messages[0] and data.PERSON["name"] not in messages[0]


def test_seeding_again_keeps_what_the_demo_changed():
    seed_domains()
    count = DomainRecord.objects.count()
    DomainRecord.objects.filter(domain="pujiang-demo.com").update(holder_verified=False)
    seed_domains()
    assert DomainRecord.objects.count() == count == len(data.ORDERS) + len(data.TRY_DOMAINS)
    assert DomainRecord.objects.get(domain="pujiang-demo.com").holder_verified is False
