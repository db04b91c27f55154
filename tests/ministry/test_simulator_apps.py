"""APP filing at the simulated ministry (issue 17 #4), over real HTTP through the platform's adapter: `apps` in a
submission (its shape checked, a bad one refused with a code), the SMS code to APP principals, APP numbers
`<subject>-<N>A` in their own sequence per subject reported as `app_numbers` (position i = apps[i]), the public
query by APP name, package name and number, the bureau page, and change / cancel access / deregister of an APP
named by its number.

The simulator is shared by the session: every test uses its own certificates, mobiles, domains and package names."""

import http.cookiejar
import json
import re
import urllib.parse
import urllib.request
import uuid

import pytest

from beian.ministry.port import MinistryRejected
from tests.ministry.test_simulator import _app, _client, _fresh_mobile
from tests.ministry_sim import unique_uscc

pytestmark = pytest.mark.usefixtures("simulator")
APP_PERSON = {"name": "王五", "cert_type": "resident_id", "cert_number": "110105194912310037",
              "cert_valid_until": "长期", "email": "wangwu@example.com"}


def _package() -> str:
    return f"com.t{uuid.uuid4().hex[:10]}.shop"


def app_entry(name: str, platforms: list[tuple[str, str]], *, principal: dict | None = None, domains=()) -> dict:
    """An `apps[i]` as precheck.md "APP filing" has it; signatures of the length each platform needs."""
    rows = [{"platform": p, "package_name": pkg, "public_key": "30820122300d06092a864886f70d0101010500",
             "signature": ("9F" * 20 if p == "ios" else "9F" * 16)} for p, pkg in platforms]
    return {"name": name, "content": "其他", "languages": ["中文简体"], "pre_approvals": [], "remark": "",
            "platforms": rows, "domains": list(domains), "principal": principal,
            "access": {"product": "ecs", "instance_id": "i-app", "ip": "47.96.1.2", "service_number": None}}


def _submit(simulator, kind, application, **extra):
    rid = uuid.uuid4().hex
    return rid, _client(simulator).submit(request_id=rid, order_ref=f"AP{rid[:6]}", kind=kind,
                                          application=application, **extra)


def _people(application) -> dict[str, str]:
    """mobile -> certificate, for everyone who may be sent a code (subject, websites, APPs)."""
    subject = application["subject"]["principal"]
    found = {subject["mobile"]: subject["cert_number"]}
    for entry in [*application.get("websites", []), *application.get("apps", [])]:
        person = entry.get("principal") or {}
        if person.get("mobile"):
            found.setdefault(person["mobile"], person["cert_number"])
    return found


def _answer_and_approve(simulator, rid, application, mobiles):
    people = _people(application)
    for mobile in mobiles:
        simulator.sms_post(code=simulator.codes(mobile)[0], mobile=mobile, cert_last6=people[mobile][-6:])
    assert _client(simulator).status(request_id=rid).status == "bureau"
    simulator.manage("ministry_decide", rid)
    return _client(simulator).status(request_id=rid)


def _query(simulator, q):
    return simulator.get_json(f"/query/api?q={urllib.parse.quote(q)}")["results"]


def _filed_with_apps(simulator):
    """A first filing: one website, an Android + iOS APP whose principal has their own mobile, a HarmonyOS APP
    (its principal: the subject's). Returns (application, status, mobiles, packages)."""
    subject_mobile, app_mobile = _fresh_mobile(), _fresh_mobile()
    shop, news = _package(), _package()
    application = _app("浙江省", cert=unique_uscc(), principal_mobile=subject_mobile)
    application["apps"] = [
        app_entry(f"示例商城{shop[-6:]}", [("android", shop), ("ios", shop + ".ios")],
                  principal={**APP_PERSON, "mobile": app_mobile}, domains=["api.shop.example.com"]),
        app_entry(f"示例资讯{news[-6:]}", [("harmony", news)]),
    ]
    rid, accepted = _submit(simulator, "first", application)
    assert accepted.status == "sms"
    assert simulator.codes(app_mobile), "the APP principal with their own mobile gets a code"
    status = _answer_and_approve(simulator, rid, application, [subject_mobile, app_mobile])
    return application, status, (subject_mobile, app_mobile), (shop, news)


def test_sms_targets_websites_first_then_apps_each_mobile_once(simulator):
    base = _app("浙江省", principal_mobile="13800000001",
                site_principal={**APP_PERSON, "name": "李四", "mobile": "13800000002"})
    base["apps"] = [app_entry("甲", [("android", "com.a.b")], principal={**APP_PERSON, "mobile": "13800000003"}),
                    app_entry("乙", [("ios", "com.a.c")], principal={**APP_PERSON, "mobile": "13800000002"}),
                    app_entry("丙", [("other", "com.a.d")])]  # no principal of its own: the subject's
    apps_only = {**base, "websites": []}
    code = ("import json, sys; from beian.ministry.simulator.services import sms_targets; "
            f"cases = json.loads({json.dumps(json.dumps({'first': base, 'new': apps_only}))}); "
            "print(json.dumps({'first': [m for m, _ in sms_targets('first', cases['first'])], "
            "'new': [m for m, _ in sms_targets('new_site_here', cases['new'])], "
            "'dereg': [m for m, _ in sms_targets('deregister_website', cases['new'])]}))")
    got = json.loads(simulator.manage("shell", "-c", code).strip().splitlines()[-1])
    assert got["first"] == ["13800000001", "13800000002", "13800000003"]
    assert got["new"] == ["13800000003", "13800000002", "13800000001"]  # APP principals in order, each once
    assert got["dereg"] == got["new"]


def test_approval_numbers_apps_in_their_own_sequence_and_a_later_app_continues_it(simulator):
    application, first, _, (shop, news) = _filed_with_apps(simulator)
    number = first.icp_number
    assert re.fullmatch(r"浙ICP备\d{10}号", number)
    domain = application["websites"][0]["domains"][0]
    assert first.website_numbers == {domain: f"{number}-1"}
    assert first.app_numbers == [f"{number}-1A", f"{number}-2A"]  # position i is apps[i]
    # 新增网站/APP: one more APP for the filed subject, no website, its principal the subject's
    later = {**application, "websites": [], "apps": [app_entry(f"示例工具{uuid.uuid4().hex[:6]}", [("android", _package())])]}
    rid, accepted = _submit(simulator, "new_site_here", later)
    assert accepted.status == "sms"
    again = _answer_and_approve(simulator, rid, later, [application["subject"]["principal"]["mobile"]])
    assert again.icp_number == number and again.website_numbers == {} and again.app_numbers == [f"{number}-3A"]
    # and a website after it still takes the websites' next number
    site = _app("浙江省", cert=application["subject"]["cert_number"], principal_mobile=_fresh_mobile())
    rid, _ = _submit(simulator, "new_site_here", site)
    website = _answer_and_approve(simulator, rid, site, [site["subject"]["principal"]["mobile"]])
    assert list(website.website_numbers.values()) == [f"{number}-2"] and website.app_numbers == []


def test_public_query_finds_an_app_by_name_package_name_and_number(simulator):
    application, status, _, (shop, news) = _filed_with_apps(simulator)
    name = application["apps"][0]["name"]
    for q in (name, shop, shop + ".ios", f"{status.icp_number}-1A"):
        rows = _query(simulator, q)
        assert [r["website_number"] for r in rows] == [f"{status.icp_number}-1A"], q
        (row,) = rows
        assert row["service_type"] == "app" and row["website_name"] == name and row["domain"] == ""
        assert [(p["platform"], p["package_name"], p["label"]) for p in row["platforms"]] == [
            ("android", shop, "安卓"), ("ios", shop + ".ios", "iOS")]
        assert row["domains"] == ["api.shop.example.com"] and row["providers"] == ["beian-demo-provider"]
        assert "public_key" not in json.dumps(row) and "signature" not in json.dumps(row)
    assert [r["website_number"] for r in _query(simulator, news)] == [f"{status.icp_number}-2A"]
    # near misses: a package name is matched whole, a number exactly (the website -1 is not the APP -1A)
    assert _query(simulator, shop[:-1]) == []
    assert [r["service_type"] for r in _query(simulator, f"{status.icp_number}-1")] == ["website"]
    everything = _query(simulator, status.icp_number)
    assert [r["website_number"] for r in everything] == [f"{status.icp_number}-{s}" for s in ("1", "1A", "2A")]
    with urllib.request.urlopen(f"{simulator.url}/query/?q={urllib.parse.quote(shop)}", timeout=5) as response:
        page = response.read().decode()
    assert f"{status.icp_number}-1A" in page and f"安卓：{shop}" in page and f"iOS：{shop}.ios" in page


def test_an_app_filed_already_is_refused_on_receipt(simulator):
    _, _, _, (shop, _) = _filed_with_apps(simulator)
    again = _app("浙江省", cert=unique_uscc(), principal_mobile=_fresh_mobile())
    again["apps"] = [app_entry("仿冒商城", [("android", shop)])]
    _, refused = _submit(simulator, "first", again)
    assert refused.status == "returned" and "此APP已存在备案" in refused.reason and shop in refused.reason
    # near miss: the same package name on another platform is another APP
    other = _app("浙江省", cert=unique_uscc(), principal_mobile=_fresh_mobile())
    other["apps"] = [app_entry("鸿蒙版", [("harmony", shop)])]
    assert _submit(simulator, "first", other)[1].status == "sms"


def _bad(application, path, value):
    entry = application["apps"][0]
    if path == "apps":
        application["apps"] = value
    elif path.startswith("platforms[0]."):
        entry["platforms"][0][path.split(".", 1)[1]] = value
    else:
        entry[path] = value
    return application


@pytest.mark.parametrize(("path", "value", "where"), [
    ("apps", {"name": "x"}, "apps 应为列表"),
    ("apps", ["x"], "apps[0] 应为对象"),
    ("name", "  ", "apps[0].name 不能为空"),
    ("name", 5, "apps[0].name 应为字符串"),
    ("platforms", [], "apps[0].platforms 不能为空"),
    ("platforms", "android", "apps[0].platforms 应为列表"),
    ("platforms[0].platform", "windows", "apps[0].platforms[0].platform 应为 android、ios、harmony 或 other"),
    ("platforms[0].package_name", None, "apps[0].platforms[0].package_name"),
    ("platforms[0].signature", ["9F"], "apps[0].platforms[0].signature 应为字符串"),
    ("domains", "a.example.com", "apps[0].domains 应为字符串列表"),
    ("principal", "王五", "apps[0].principal 应为对象或 null"),
])
def test_a_malformed_apps_is_refused_with_a_code_and_nothing_is_filed(simulator, path, value, where):
    mobile = _fresh_mobile()
    application = _app("浙江省", cert=unique_uscc(), principal_mobile=mobile)
    application["apps"] = [app_entry("示例", [("android", _package())])]
    with pytest.raises(MinistryRejected) as info:
        _submit(simulator, "first", _bad(application, path, value))
    assert info.value.code == "invalid_apps" and where in info.value.message
    assert not simulator.codes(mobile), "refused before anything was stored or sent"


def test_app_number_must_be_an_app_number(simulator):
    with pytest.raises(MinistryRejected) as info:
        _submit(simulator, "deregister_website", _app(), app_number="浙ICP备2026000001号-1")  # a website's
    assert info.value.code == "invalid_app_number"


def _bureau_page(simulator) -> str:
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    opener.open(simulator.url + "/bureau/login/", timeout=5).read()
    token = next(c.value for c in jar if c.name == "csrftoken")
    data = urllib.parse.urlencode({"csrfmiddlewaretoken": token, "username": "bureau@beian.local",
                                   "password": "bureau12345"}).encode()
    opener.open(urllib.request.Request(simulator.url + "/bureau/login/", data=data,
                                       headers={"Referer": simulator.url + "/bureau/login/"}), timeout=5).read()
    return opener.open(simulator.url + "/bureau/", timeout=5).read().decode()


def test_the_bureau_reviews_the_apps_with_their_platforms(simulator):
    mobile, shop = _fresh_mobile(), _package()
    application = _app("浙江省", cert=unique_uscc(), principal_mobile=mobile)
    application["apps"] = [app_entry("待审商城", [("android", shop), ("ios", shop)])]
    rid, _ = _submit(simulator, "first", application)
    _people_mobile = application["subject"]["principal"]
    simulator.sms_post(code=simulator.codes(mobile)[0], mobile=mobile, cert_last6=_people_mobile["cert_number"][-6:])
    page = _bureau_page(simulator)
    row = page[page.index(f'data-ref="AP{rid[:6]}"'):]
    row = row[:row.index("</tr>", row.index('class="services"'))]
    assert "待审商城" in row and f"安卓：{shop}" in row and f"iOS：{shop}" in row and "签名 " + "9F" * 16 in row
    assert application["websites"][0]["domains"][0] in row  # the website beside it


def test_change_cancel_access_and_deregister_an_app_named_by_its_number(simulator):
    application, status, (subject_mobile, app_mobile), (shop, news) = _filed_with_apps(simulator)
    number = status.icp_number
    # 变更网站 of the APP -1A: a new name, its iOS row dropped; the code goes to the APP's principal
    changed = {**application, "websites": [], "apps": [app_entry("新名商城", [("android", shop)],
                                                                 principal={**APP_PERSON, "mobile": app_mobile})]}
    rid, accepted = _submit(simulator, "change_website", changed, filing_number=number, app_number=f"{number}-1A")
    assert accepted.status == "sms"
    done = _answer_and_approve(simulator, rid, changed, [app_mobile])
    assert done.app_numbers == [f"{number}-1A"]
    (row,) = _query(simulator, f"{number}-1A")
    assert row["website_name"] == "新名商城" and [p["package_name"] for p in row["platforms"]] == [shop]
    assert _query(simulator, shop + ".ios") == []
    assert _query(simulator, f"{number}-2A")[0]["website_name"] == application["apps"][1]["name"]  # untouched
    # 取消接入 of the APP -2A: it stays filed with no provider (空壳); the website and -1A keep this provider
    rid, _ = _submit(simulator, "cancel_access", {**application, "websites": [], "apps": [application["apps"][1]]},
                     filing_number=number, app_number=f"{number}-2A")
    simulator.manage("ministry_decide", rid)
    assert _client(simulator).status(request_id=rid).status == "approved"
    (shell,) = _query(simulator, news)
    assert shell["status"] == "shell" and shell["providers"] == []
    assert _query(simulator, f"{number}-1A")[0]["providers"] == ["beian-demo-provider"]
    # 注销网站 of the APP -1A: gone from the public query; the website stays
    dereg = {**application, "websites": [], "apps": [changed["apps"][0]]}
    rid, _ = _submit(simulator, "deregister_website", dereg, filing_number=number, app_number=f"{number}-1A")
    _answer_and_approve(simulator, rid, dereg, [app_mobile])
    assert _query(simulator, shop) == [] and _query(simulator, f"{number}-1A") == []
    assert [r["website_number"] for r in _query(simulator, number)] == [f"{number}-1", f"{number}-2A"]


def test_a_claim_lookup_describes_the_records_apps_and_the_confirmation_numbers_them(simulator):
    """认领 (issue 17): the record's APPs at this provider are described with their filed values, and a claim
    that carries them gets their numbers back by position, so the claimed subject's APPs move with its websites."""
    application, status, _, (shop, news) = _filed_with_apps(simulator)
    client, cert = _client(simulator), application["subject"]["cert_number"]
    record = client.claim_record(subject_number=status.icp_number, cert_number=cert)["record"]
    assert [(a["number"], a["name"]) for a in record["apps"]] == [
        (status.app_numbers[0], application["apps"][0]["name"]), (status.app_numbers[1], application["apps"][1]["name"])]
    assert record["apps"][0]["app"]["platforms"][1]["package_name"] == shop + ".ios"
    claim = {**application, "websites": [w["website"] for w in record["websites"]],
             "apps": [a["app"] for a in reversed(record["apps"])]}  # any order: each is matched by its packages
    confirmed = client.submit(request_id=uuid.uuid4().hex, order_ref="BA-CLAIM-APP", kind="claim", application=claim,
                              filing_number=status.icp_number)
    assert confirmed.status == "approved" and confirmed.app_numbers == list(reversed(status.app_numbers))
    assert confirmed.website_numbers == status.website_numbers
