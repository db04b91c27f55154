"""The simulator over real HTTP, through the platform's HTTP adapter."""

import datetime as dt
import json
import re
import urllib.error
import urllib.request
import uuid

import pytest

from beian.ministry import signing
from beian.ministry.adapter_http import HttpMinistry
from beian.ministry.port import MinistryRejected, MinistryUnavailable
from tests.filings.conftest import application
from tests.ministry_sim import unique_uscc


def _client(sim, **kwargs):
    return HttpMinistry(base_url=sim.url, provider="beian-demo-provider", secret="demo-ministry-secret", **kwargs)


def _app(province="四川省", domain=None, cert=None, principal_mobile="13811112222", site_principal=None):
    app = application(domain or f"{uuid.uuid4().hex[:10]}.com", cert or unique_uscc("510107"))
    app["region"]["province"] = province
    app["subject"]["principal"]["mobile"] = principal_mobile
    app["websites"][0]["principal"] = site_principal
    return app


def _raw(sim, method, path, body=b"", **header_overrides):
    headers = signing.headers(provider="beian-demo-provider", secret="demo-ministry-secret", method=method, path=path,
                              body=body)
    headers.update(header_overrides)
    req = urllib.request.Request(sim.url + path, data=body or None, method=method, headers=headers)
    try:
        with urllib.request.urlopen(req, timeout=5) as r:
            return r.status, json.loads(r.read())
    except urllib.error.HTTPError as exc:
        return exc.code, json.loads(exc.read())


@pytest.mark.parametrize(
    ("override", "code"),
    [({"X-Provider": "nobody"}, "unknown_provider"), ({"X-Signature": "0" * 64}, "bad_signature"),
     ({"X-Timestamp": "1000"}, "stale_timestamp")],
)
def test_requests_must_be_signed(simulator, override, code):
    status, body = _raw(simulator, "GET", "/api/v1/results?cursor=0", **override)
    assert status == 401 and body["code"] == code


def test_a_nonce_is_single_use(simulator):
    headers = signing.headers(provider="beian-demo-provider", secret="demo-ministry-secret", method="GET",
                              path="/api/v1/results?cursor=0", body=b"")
    assert _raw(simulator, "GET", "/api/v1/results?cursor=0", **headers)[0] == 200
    status, body = _raw(simulator, "GET", "/api/v1/results?cursor=0", **headers)
    assert status == 401 and body["code"] == "replayed_nonce"


def test_submit_is_idempotent_by_request_id(simulator):
    client = _client(simulator)
    rid = uuid.uuid4().hex
    first = client.submit(request_id=rid, order_ref="BA1", kind="first", application=_app())
    again = client.submit(request_id=rid, order_ref="BA1", kind="first", application=_app())
    assert first.status == again.status == "sms"
    assert len(simulator.codes("13811112222")) >= 1
    assert client.status(request_id=rid).status == "sms"


def test_invalid_submissions_are_rejected_permanently(simulator):
    with pytest.raises(MinistryRejected) as info:
        _client(simulator).submit(request_id=uuid.uuid4().hex, order_ref="BA", kind="nonsense", application={})
    assert info.value.code == "invalid_kind"


def test_simulator_down_is_unavailable_after_retries():
    client = HttpMinistry(base_url="http://127.0.0.1:9", provider="p", secret="s", retries=2, backoff=0.01, timeout=1)
    with pytest.raises(MinistryUnavailable):
        client.results(cursor=0)


def _fresh_mobile():
    return "139" + uuid.uuid4().int.__str__()[:8]


def test_sms_verification_rules(simulator):
    client = _client(simulator)
    subject_mobile, site_mobile = _fresh_mobile(), _fresh_mobile()
    site = {"name": "李四", "cert_type": "resident_id", "cert_number": "110105194912310029", "mobile": site_mobile}
    rid = uuid.uuid4().hex
    assert client.submit(request_id=rid, order_ref="BA2", kind="first",
                         application=_app(principal_mobile=subject_mobile, site_principal=site)).status == "sms"
    code = simulator.codes(subject_mobile)[0]
    wrong = simulator.sms_post(code="000000" if code != "000000" else "111111", mobile=subject_mobile, cert_last6="01123X")
    assert "有误" in wrong
    partial = simulator.sms_post(code=code, mobile=subject_mobile, cert_last6="01123X")
    assert "请等待其他核验人进行短信核验" in partial
    for _ in range(2):
        assert "已重新发送" in simulator.sms_post(action="resend", mobile=site_mobile, cert_last6="310029")
    assert "仅可重发2次" in simulator.sms_post(action="resend", mobile=site_mobile, cert_last6="310029")
    latest = simulator.codes(site_mobile)[0]
    done = simulator.sms_post(code=latest, mobile=site_mobile, cert_last6="310029")
    assert "已提交管局审核" in done
    assert client.status(request_id=rid).status == "bureau"


def test_wrong_entries_return_the_filing(simulator):
    client = _client(simulator)
    mobile = _fresh_mobile()
    rid = uuid.uuid4().hex
    client.submit(request_id=rid, order_ref="BA3", kind="first", application=_app(principal_mobile=mobile))
    for _ in range(4):
        simulator.sms_post(code="999999", mobile=mobile, cert_last6="01123X")
    assert "退回" in simulator.sms_post(code="999999", mobile=mobile, cert_last6="01123X")
    status = client.status(request_id=rid)
    assert status.status == "returned" and "错误次数过多" in status.reason


def test_sms_timeout_returns_the_filing(simulator):
    client = _client(simulator)
    rid = uuid.uuid4().hex
    client.submit(request_id=rid, order_ref="BA4", kind="first", application=_app(principal_mobile=_fresh_mobile()))
    later = (dt.datetime.now(dt.UTC) + dt.timedelta(hours=25)).isoformat()
    simulator.manage("ministry_tick", "--once", "--now", later)
    status = client.status(request_id=rid)
    assert status.status == "returned" and "超时" in status.reason


def _approve(simulator, client, kind, app):
    rid = uuid.uuid4().hex
    status = client.submit(request_id=rid, order_ref="BA", kind=kind, application=app)
    if status.status == "sms":
        mobile = app["subject"]["principal"]["mobile"]
        simulator.sms_post(code=simulator.codes(mobile)[0], mobile=mobile,
                           cert_last6=app["subject"]["principal"]["cert_number"][-6:])
    simulator.manage("ministry_decide", rid)
    return client.status(request_id=rid)


def test_numbers_per_province_and_site_ordinals(simulator):
    client = _client(simulator)
    cert = unique_uscc("510107")
    first = _approve(simulator, client, "first", _app("四川省", cert=cert, principal_mobile=_fresh_mobile()))
    assert re.fullmatch(r"蜀ICP备\d{4}\d{6}号", first.icp_number)
    assert list(first.website_numbers.values()) == [first.icp_number + "-1"]
    second = _approve(simulator, client, "new_site_here", _app("四川省", cert=cert, principal_mobile=_fresh_mobile()))
    assert second.icp_number == first.icp_number
    assert list(second.website_numbers.values()) == [first.icp_number + "-2"]
    guizhou = _approve(simulator, client, "first", _app("贵州省", cert=unique_uscc("520100"),
                                                          principal_mobile=_fresh_mobile()))
    assert guizhou.icp_number.startswith("黔ICP备")


def test_public_query_and_rejection(simulator):
    client = _client(simulator)
    domain = f"{uuid.uuid4().hex[:8]}.cn"
    approved = _approve(simulator, client, "first", _app("云南省", domain=domain, cert=unique_uscc("530100"),
                                                         principal_mobile=_fresh_mobile()))
    found = simulator.get_json(f"/query/api?q={domain}")["results"]
    assert found and found[0]["subject_number"] == approved.icp_number and approved.icp_number.startswith("滇")
    rid = uuid.uuid4().hex
    client.submit(request_id=rid, order_ref="BA5", kind="change_access", application=_app())
    simulator.manage("ministry_decide", rid, "--reject", "网站名称不符合命名规范")
    rejected = client.status(request_id=rid)
    assert rejected.status == "rejected" and rejected.reason == "网站名称不符合命名规范"


def test_public_query_gives_the_approval_date_in_beijing_time(simulator):
    """Approved at 04:00 Beijing time (20:00 UTC the day before): the query shows the Beijing date, not UTC's."""
    domain = f"{uuid.uuid4().hex[:8]}.cn"
    _approve(simulator, _client(simulator), "first", _app("云南省", domain=domain, cert=unique_uscc("530100"),
                                                        principal_mobile=_fresh_mobile()))
    simulator.manage("shell", "-c", "import datetime; from beian.ministry.simulator.models import WebsiteRecord; "
                     f"WebsiteRecord.objects.filter(domain='{domain}').update("
                     "approved_at=datetime.datetime(2026, 11, 30, 20, 0, tzinfo=datetime.UTC))")
    assert [r["approved_at"] for r in simulator.get_json(f"/query/api?q={domain}")["results"]] == ["2026-12-01"]


def test_sms_page_words_its_two_not_found_cases_as_the_seed_does(simulator):
    """Seed 003 §9's FAQ: “暂无待短信核验的备案申请，无需重发短信。” when nothing waits for the mobile, and
    “该条验证库里找不到记录。” when a mobile that has a filing waiting is given with a last 6 of no record."""
    client = _client(simulator)
    waiting, idle = _fresh_mobile(), _fresh_mobile()
    client.submit(request_id=uuid.uuid4().hex, order_ref="BA9", kind="first", application=_app(principal_mobile=waiting))
    assert "暂无待短信核验的备案申请，无需重发短信。" in simulator.sms_post(action="resend", mobile=idle, cert_last6="01123X")
    assert "该条验证库里找不到记录。" in simulator.sms_post(action="resend", mobile=waiting, cert_last6="999999")
    code = simulator.codes(waiting)[0]
    assert "该条验证库里找不到记录。" in simulator.sms_post(code=code, mobile=waiting, cert_last6="999999")
    assert "暂无待短信核验的备案申请" in simulator.sms_post(code=code, mobile=idle, cert_last6="01123X")
