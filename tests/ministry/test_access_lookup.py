"""Seed 003 §9 接入备案 at the platform: the ministry lookup (ministry/lookup.py, the simulator's provider_check)
tells a shell site and whether the applicant's website principal mobile is the filed one (compared there, never
returned), and the precheck finds ACCESS_SHELL_SITE / ACCESS_MOBILE_CHANGED — at step 1 for the shell, where the
filing type is determined. Near misses: the filed mobile passes; a domain with a provider passes."""

import json
import uuid

import pytest
from django.contrib.auth import get_user_model

from beian.filings import checks
from beian.filings.demo import seed_business
from beian.filings.models import Order
from beian.filings.selectors import external_lookup
from tests.filings.conftest import application
from tests.ministry_sim import unique_uscc

pytestmark = pytest.mark.django_db
NAME = "杭州示例科技有限公司"


def _filed_elsewhere(ministry, *, shell=False):
    cert, domain, mobile = unique_uscc(), f"acc-{uuid.uuid4().hex[:10]}.com", "137" + str(uuid.uuid4().int)[:8]
    ministry.manage("ministry_record", "--cert", cert, "--name", NAME, "--province", "浙江省", "--domain", domain,
                    "--mobile", mobile, *(["--shell"] if shell else []))
    return cert, domain, mobile


def _access_app(cert, domain, mobile):
    app = application(domain, cert)
    app["subject"]["name"] = app["subject"]["investor"] = NAME
    app["websites"][0]["principal"] = {"name": "李四", "cert_type": "resident_id", "cert_number": "110105194912310029",
                                       "cert_valid_until": "长期", "mobile": mobile, "contact2": "13600000000",
                                       "emergency_mobile": "", "email": "lisi@example.com"}
    return app


def _codes(result, code):
    return [f for f in result["findings"] if f["code"] == code]


def test_a_mobile_that_is_not_the_filed_one_is_found_and_the_filed_one_passes(ministry):
    cert, domain, mobile = _filed_elsewhere(ministry)
    changed = checks.run(_access_app(cert, domain, "13911112222"))
    assert changed["filing_type"] == "access"
    [finding] = _codes(changed, "ACCESS_MOBILE_CHANGED")
    assert finding["path"] == "websites[0].principal.mobile" and "先到原备案接入服务商处变更手机号码" in finding["message"]
    assert mobile not in finding["message"], "the filed mobile is compared, never shown"
    same = checks.run(_access_app(cert, domain, mobile))
    assert same["filing_type"] == "access" and not _codes(same, "ACCESS_MOBILE_CHANGED")
    assert not _codes(same, "ACCESS_SHELL_SITE"), "a site with a provider is no shell"


def test_a_shell_site_is_found_and_the_lookup_never_returns_the_mobile(ministry):
    cert, domain, mobile = _filed_elsewhere(ministry, shell=True)
    result = checks.run(_access_app(cert, domain, mobile))
    [finding] = _codes(result, "ACCESS_SHELL_SITE")
    assert result["filing_type"] == "access" and not result["ok"]
    assert finding["path"] == "websites[0].domains[0]" and "需注销备案后重新提交新增网站备案" in finding["message"]
    answer = external_lookup(cert_number=cert, domains=[domain], mobiles={domain: "13911112222"})
    assert answer["sites"] == {domain: {"shell": True, "mobile_matches": False}}
    assert mobile not in json.dumps(answer)


def test_the_lookup_is_unknown_when_the_ministry_cannot_be_reached(settings):
    settings.MINISTRY_URL = "http://127.0.0.1:9"
    assert external_lookup(cert_number=unique_uscc(), domains=["x.com"], mobiles={"x.com": "13911112222"}) == {}


def _basic_post(client, cert, domain):
    return client.post("/orders/new/", {
        "region.province": "浙江省", "region.city": "杭州市", "region.district": "西湖区", "subject.nature": "enterprise",
        "subject.cert_type": "business_license", "subject.name": NAME, "subject.cert_number": cert,
        "subject.cert_address": "浙江省杭州市西湖区文三路100号", "websites[0].domains[0]": domain, "requested_type": "",
        "action": "next"})


@pytest.mark.parametrize("shell", [True, False])
def test_step_1_explains_a_shell_site_and_goes_on_for_a_site_with_a_provider(ministry, client, shell):
    cert, domain, _mobile = _filed_elsewhere(ministry, shell=shell)
    seed_business((cert, NAME, "张三"))
    user = get_user_model().objects.create_user(f"{domain}@example.com", f"{domain}@example.com", "Str0ng-pass-99")
    client.force_login(user)
    response = _basic_post(client, cert, domain)
    if shell:
        page = response.content.decode()
        assert response.status_code == 200 and 'data-code="ACCESS_SHELL_SITE"' in page
        assert "需注销备案后重新提交新增网站备案" in page and not Order.objects.filter(account=user).exists()
    else:
        assert response.status_code == 302, response.content.decode()[:2000]
        assert Order.objects.get(account=user).kind == "access"
