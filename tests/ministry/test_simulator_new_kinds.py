"""The simulated ministry's rules for the new-filing kinds (issue 15 #4, #6): each kind is checked against its
registry on receipt — a contradicted filing is returned at once with the reason, no SMS sent — and the public
query shows each result (新增 → the site under the subject's number; 接入 → this provider among the site's access).

Records filed through ANOTHER provider are made per test with `manage ministry_record` (the simulator is shared
by the session), each with its own certificate and domain."""

import json
import urllib.request
import uuid

import pytest

from tests.filings.conftest import application
from tests.ministry.test_simulator import _client, _fresh_mobile
from tests.ministry_sim import unique_uscc

pytestmark = pytest.mark.usefixtures("simulator")
SITE_PERSON = {"name": "李四", "cert_type": "resident_id", "cert_number": "110105194912310029"}


def _domain() -> str:
    return f"nk-{uuid.uuid4().hex[:10]}.com"


def _app(cert, domain, *, province="浙江省", site_mobile=None):
    app = application(domain, cert)
    app["region"]["province"] = province
    app["subject"]["principal"]["mobile"] = _fresh_mobile()
    if site_mobile:
        app["websites"][0]["principal"] = {**SITE_PERSON, "mobile": site_mobile}
    return app


def _record(simulator, cert, domain="", *, mobile="", province="浙江省", shell=False) -> dict:
    args = ["ministry_record", "--cert", cert, "--name", f"示例{cert[-6:]}有限公司", "--province", province,
            "--mobile", mobile] + (["--domain", domain] if domain else []) + (["--shell"] if shell else [])
    return json.loads(simulator.manage(*args))


def _submit(simulator, kind, app, **extra):
    rid = uuid.uuid4().hex
    return rid, _client(simulator).submit(request_id=rid, order_ref=f"NK{rid[:6]}", kind=kind, application=app, **extra)


def _sms_and_approve(simulator, rid, mobile, last6):
    simulator.sms_post(code=simulator.codes(mobile)[0], mobile=mobile, cert_last6=last6)
    simulator.manage("ministry_decide", rid)
    return _client(simulator).status(request_id=rid)


def _query(simulator, q):
    return simulator.get_json(f"/query/api?q={q}")["results"]


def test_first_filing_for_a_filed_subject_is_returned_and_a_new_subject_is_not(simulator):
    cert = unique_uscc()
    _record(simulator, cert, _domain())
    _, refused = _submit(simulator, "first", _app(cert, _domain()))
    assert refused.status == "returned" and "此证件已存在备案信息" in refused.reason
    _, accepted = _submit(simulator, "first", _app(unique_uscc(), _domain()))
    assert accepted.status == "sms"


def test_first_filing_of_a_filed_domain_is_returned(simulator):
    domain = _domain()
    _record(simulator, unique_uscc(), domain)
    _, refused = _submit(simulator, "first", _app(unique_uscc(), domain))
    assert refused.status == "returned" and domain in refused.reason and "此域名已存在备案" in refused.reason


def test_new_site_needs_an_active_subject_and_an_unfiled_domain(simulator):
    site_mobile = _fresh_mobile()
    _, unfiled = _submit(simulator, "new_site_elsewhere", _app(unique_uscc(), _domain()))
    assert unfiled.status == "returned" and "主体未备案或已注销" in unfiled.reason
    cert, taken = unique_uscc(), _domain()
    filed = _record(simulator, cert, taken)
    _, domain_taken = _submit(simulator, "new_site_elsewhere", _app(cert, taken))
    assert domain_taken.status == "returned" and "此域名已存在备案" in domain_taken.reason
    new = _domain()
    rid, accepted = _submit(simulator, "new_site_elsewhere", _app(cert, new, site_mobile=site_mobile))
    assert accepted.status == "sms" and simulator.codes(site_mobile)
    approved = _sms_and_approve(simulator, rid, site_mobile, "310029")
    assert approved.status == "approved" and approved.icp_number == filed["subject_number"]
    row = _query(simulator, new)[0]
    assert row["subject_number"] == filed["subject_number"] and row["website_number"] == filed["subject_number"] + "-2"
    assert row["providers"] == ["beian-demo-provider"]


def test_access_adds_this_provider_to_the_sites_access(simulator):
    cert, domain, mobile = unique_uscc(), _domain(), _fresh_mobile()
    filed = _record(simulator, cert, domain, mobile=mobile)
    rid, accepted = _submit(simulator, "access", _app(cert, domain, site_mobile=mobile))
    assert accepted.status == "sms" and simulator.codes(mobile)
    approved = _sms_and_approve(simulator, rid, mobile, "310029")
    assert approved.status == "approved" and approved.website_numbers == {domain: filed["website_number"]}
    row = _query(simulator, domain)[0]
    assert row["providers"] == ["other-provider", "beian-demo-provider"] and row["website_number"] == filed["website_number"]
    assert "beian 演示接入商" in row["provider_names"]
    with urllib.request.urlopen(f"{simulator.url}/query/?q={domain}", timeout=5) as response:
        assert "beian 演示接入商" in response.read().decode()  # the public page names who gives access
    _, again = _submit(simulator, "access", _app(cert, domain, site_mobile=mobile))
    assert again.status == "returned" and "已接入本接入商" in again.reason


@pytest.mark.parametrize(("case", "reason"), [
    ("not_filed", "未备案，不能办理接入备案"),
    ("other_subject", "已由其他主体备案"),
    ("shell", "需注销备案后重新提交新增网站备案"),
    ("mobile_changed", "需先到原备案接入服务商处变更手机号码，再接入备案"),
])
def test_access_is_returned_with_the_reason(simulator, case, reason):
    cert, domain, mobile = unique_uscc(), _domain(), _fresh_mobile()
    if case != "not_filed":
        _record(simulator, unique_uscc() if case == "other_subject" else cert, domain, mobile=mobile,
                shell=case == "shell")
    typed = _fresh_mobile() if case == "mobile_changed" else mobile
    _, status = _submit(simulator, "access", _app(cert, domain, site_mobile=typed))
    assert status.status == "returned" and reason in status.reason
    assert not simulator.codes(typed), "a refused filing sends no SMS"


def test_provider_check_tells_a_shell_and_compares_the_mobile_without_revealing_it(simulator):
    cert, shell, live, mobile = unique_uscc(), _domain(), _domain(), _fresh_mobile()
    _record(simulator, cert, shell, mobile=mobile, shell=True)
    _record(simulator, cert, live, mobile=mobile)
    other = _fresh_mobile()
    answer = simulator.get_json(f"/query/api/provider-check?cert_number={cert}&domains={shell},{live}"
                                f"&exclude_provider=beian-demo-provider&mobiles={shell}:{mobile},{live}:{other}")
    assert answer["domains"] == {shell: cert, live: cert}
    assert answer["sites"] == {shell: {"shell": True, "mobile_matches": True}, live: {"shell": False, "mobile_matches": False}}
    assert mobile not in json.dumps(answer) and mobile[-4:] not in json.dumps(answer["sites"])
    unasked = simulator.get_json(f"/query/api/provider-check?cert_number={cert}&domains={live}&exclude_provider=x")
    assert unasked["sites"] == {live: {"shell": False}}


def test_no_new_site_while_a_subject_change_is_in_flight(simulator):
    """HW流程 (reference.md): while 主体 is being changed no 新增网站; once the change is decided it is accepted.
    A 变更网站 does not hold it outside 河北, nor does a change of another subject."""
    cert, other_cert = unique_uscc(), unique_uscc()
    filed = _record(simulator, cert, _domain())
    _record(simulator, other_cert, _domain())
    change_rid, change = _submit(simulator, "change_subject", _app(cert, _domain()), filing_number=filed["subject_number"])
    assert change.status == "sms"
    _, refused = _submit(simulator, "new_site_elsewhere", _app(cert, _domain()))
    assert refused.status == "returned" and "正在办理变更主体" in refused.reason
    _, unaffected = _submit(simulator, "new_site_elsewhere", _app(other_cert, _domain()))
    assert unaffected.status == "sms"
    site_change_cert = unique_uscc()
    site_filed = _record(simulator, site_change_cert, _domain())
    _submit(simulator, "change_website", _app(site_change_cert, _domain()), filing_number=site_filed["subject_number"])
    _, beside_site_change = _submit(simulator, "new_site_elsewhere", _app(site_change_cert, _domain()))
    assert beside_site_change.status == "sms"
    simulator.manage("ministry_tick", "--once", "--now", "2099-01-01T00:00:00+00:00")  # the change's SMS times out
    assert _client(simulator).status(request_id=change_rid).status == "returned"
    _, accepted = _submit(simulator, "new_site_elsewhere", _app(cert, _domain()))
    assert accepted.status == "sms"


def test_hebei_refuses_new_site_and_access_beside_any_change_with_its_rule(simulator):
    cert, domain, mobile = unique_uscc("130102"), _domain(), _fresh_mobile()
    filed = _record(simulator, cert, domain, mobile=mobile, province="河北省")
    _submit(simulator, "change_website", _app(cert, domain, province="河北省"), filing_number=filed["subject_number"])
    _, new_site = _submit(simulator, "new_site_elsewhere", _app(cert, _domain(), province="河北省"))
    _, access = _submit(simulator, "access", _app(cert, domain, province="河北省", site_mobile=mobile))
    for status in (new_site, access):
        assert status.status == "returned" and "河北管局不支持新增网站/接入与变更同时办理" in status.reason
