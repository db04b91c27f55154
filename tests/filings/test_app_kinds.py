"""Issue 17 #4 on the platform: 变更APP, 取消接入 and 注销 of an APP (FiledWebsite.service_type "app") through the
code paths of the website kinds — the change order carries the APP under `apps`, the diff shows its fields and
platforms, the ministry submission names it by its number (`app_number`, …号-NA), and approval sets the row's
status."""

import copy
from datetime import timedelta

import pytest
from django.utils import timezone

from beian.filings import changes, checks, diff, release, states, transitions
from beian.filings.models import FiledWebsite, Filing, Order
from beian.filings.services import create_order, submit_order, transition, update_application
from beian.ministry import services as ministry
from beian.ministry.port import Status
from beian.notifications.models import Message
from tests.filings.test_release import SITE_PRINCIPAL, _approve, two_sites
from tests.verification.support import pass_verification

pytestmark = pytest.mark.django_db

APP_PRINCIPAL = {**SITE_PRINCIPAL, "name": "王五", "cert_number": "110105194912310037", "mobile": "13600002222",
                 "email": "wangwu@example.com"}
ANDROID_SIG = "9F:1A:2B:3C:4D:5E:6F:70:81:92:A3:B4:C5:D6:E7:7C"
NEW_SIG = "00:11:22:33:44:55:66:77:88:99:AA:BB:CC:DD:EE:FF"
IOS_SIG = "3B5C" + "0" * 34 + "E1"
APP = {"name": "示例商城", "content": "其他", "languages": ["中文简体"], "pre_approvals": [], "remark": "",
       "platforms": [{"platform": "android", "package_name": "com.example.shop", "public_key": "30820122300d0609" + "ab" * 40,
                      "signature": ANDROID_SIG},
                     {"platform": "ios", "package_name": "com.example.shop", "public_key": "3059301306072a86" + "cd" * 40,
                      "signature": IOS_SIG}],
       "domains": ["api.release-a.com"],
       "access": {"product": "ecs", "instance_id": "i-rel", "ip": "47.96.10.12", "service_number": None},
       "principal": None}


def add_app(filing, seq=1, *, name="示例商城", principal=None, **changes_) -> FiledWebsite:
    """A filed APP under `filing` (its number …号-{seq}A), made directly as issue 17's groundwork allows."""
    entry = copy.deepcopy(APP)
    entry.update(name=name, principal=copy.deepcopy(principal), **changes_)
    return FiledWebsite.objects.create(filing=filing, service_type=FiledWebsite.APP, seq=seq, domain="", name=name,
                                       instance_id="i-rel", ip="47.96.10.12",
                                       approved_at=timezone.now() - timedelta(days=9), website=entry)


def with_apps(account, number="浙ICP备2025000078号", prefix="apps") -> Filing:
    """Two websites (as test_release's) and two APPs: 示例商城 with its own principal, 示例工具 reusing the subject's."""
    filing = two_sites(account, number=number, prefix=prefix)
    add_app(filing, 1, principal=APP_PRINCIPAL)
    add_app(filing, 2, name="示例工具", platforms=[{"platform": "android", "package_name": "com.example.tool",
                                                  "public_key": "3082" + "ef" * 40, "signature": "AB" * 16}])
    return filing


def app_of(filing, seq=1) -> FiledWebsite:
    return filing.websites.get(service_type=FiledWebsite.APP, seq=seq)


class FakeMinistry:
    """The port: records each submission and approves it at once."""

    def __init__(self):
        self.sent = []

    def submit(self, **kwargs):
        self.sent.append(kwargs)
        return Status(request_id=kwargs["request_id"], status="approved", icp_number=kwargs["filing_number"],
                      website_numbers={})


@pytest.fixture
def fake(monkeypatch):
    adapter = FakeMinistry()
    monkeypatch.setattr(ministry, "ADAPTER", adapter)
    return adapter


def _to_ministry(order) -> Order:
    """初审 passed (the way tests/ministry/test_change_kinds.py moves a change order), then the submission."""
    Order.objects.filter(pk=order.pk).update(state=states.PROVIDER_REVIEW)
    pass_verification(order)
    order = transition(order=order, to_state=states.PENDING_MINISTRY, role=transitions.REVIEWER)
    ministry.submit(order=order)
    order.refresh_from_db()
    return order


# ---- the starting application -----------------------------------------------------------------------------

def test_a_change_of_an_app_carries_the_app_under_apps_and_a_website_change_none(applicant):
    filing = with_apps(applicant)
    app = changes.starting_application(filing, app_of(filing))
    assert app["websites"] == [] and [a["name"] for a in app["apps"]] == ["示例商城"]
    site = changes.starting_application(filing, filing.websites.get(service_type="website", seq=1))
    assert "apps" not in site and [w["domains"] for w in site["websites"]] == [["apps-a.com"]]  # near miss
    subject = changes.starting_application(filing)  # 变更主体: every website and APP served here
    assert len(subject["websites"]) == 2 and [a["name"] for a in subject["apps"]] == ["示例商城", "示例工具"]
    FiledWebsite.objects.filter(pk=app_of(filing, 2).pk).update(status=FiledWebsite.ACCESS_CANCELLED)
    assert [a["name"] for a in changes.starting_application(filing)["apps"]] == ["示例商城"]


def test_change_app_sms_goes_to_the_app_principal(applicant):
    filing = with_apps(applicant)
    row = app_of(filing)
    order = create_order(account=applicant, application=changes.starting_application(filing, row), kind="change_website",
                         filing=filing, filed_website=row)
    result = checks.run(order.application, order=order)
    assert result["filing_type"] == "change_website" and result["sms_targets"] == [APP_PRINCIPAL["mobile"]]
    assert not [f for f in result["findings"] if f["code"].startswith("CHANGE_")]
    # Near miss: an APP reusing the subject principal — the subject principal's mobile.
    reused = changes.starting_application(filing, app_of(filing, 2))
    assert changes.sms_targets("change_website", reused) == [filing.application["subject"]["principal"]["mobile"]]


def test_no_app_is_added_in_a_change_order(applicant):
    filing = with_apps(applicant)
    row = app_of(filing)
    application = changes.starting_application(filing, row)
    application["apps"][0].update(name="示例商城Pro", platforms=[dict(APP["platforms"][0], package_name="com.example.pro")])
    order = create_order(account=applicant, application=application, kind="change_website", filing=filing, filed_website=row)
    # Near miss: renamed, with another package name — still the same APP.
    assert not [f for f in checks.run(order.application, order=order)["findings"] if f["code"].startswith("CHANGE_")]
    added = copy.deepcopy(order.application)
    added["apps"].append(dict(copy.deepcopy(APP), name="另一个APP",
                              platforms=[dict(APP["platforms"][0], package_name="com.example.other")]))
    (finding,) = [f for f in checks.run(added, order=order)["findings"] if f["code"] == changes.CHANGE_WEBSITE_ADD_FORBIDDEN]
    assert finding["path"] == "apps[1].name" and "不能新增APP" in finding["message"]


# ---- the diff ------------------------------------------------------------------------------------------------

def _filed_and_new():
    filed = {"subject": {"principal": {"name": "张三", "mobile": "13800000000"}}, "websites": [],
             "apps": [copy.deepcopy(APP)]}
    return filed, copy.deepcopy(filed)


def test_the_diff_shows_a_changed_signature_and_ignores_how_it_is_written():
    filed, new = _filed_and_new()
    new["apps"][0]["platforms"][0]["signature"] = ANDROID_SIG.replace(":", "").lower()
    assert diff.diff(filed, new) == []  # near miss: the same fingerprint pasted another way
    new["apps"][0]["platforms"][0]["signature"] = NEW_SIG
    (entry,) = diff.diff(filed, new)
    assert entry == {"path": "apps[0].platforms[0].signature", "group": "APP（示例商城）", "label": "安卓 签名证书指纹",
                     "before": ANDROID_SIG, "after": NEW_SIG}


def test_the_diff_shows_platforms_added_and_removed_domains_name_and_principal():
    filed, new = _filed_and_new()
    harmony = {"platform": "harmony", "package_name": "com.example.shop", "public_key": "3082" + "aa" * 40,
               "signature": "CD" * 32}
    new["apps"][0].update(name="示例商城新版", domains=["api.release-a.com", "cdn.release-a.com"],
                          platforms=[new["apps"][0]["platforms"][0], harmony], principal=dict(APP_PRINCIPAL))
    entries = {e["path"]: e for e in diff.diff(filed, new)}
    assert entries["apps[0].platforms"]["before"] == "安卓 com.example.shop、iOS com.example.shop"
    assert entries["apps[0].platforms"]["after"] == "安卓 com.example.shop、鸿蒙 com.example.shop"
    assert entries["apps[0].name"]["after"] == "示例商城新版" and entries["apps[0].name"]["group"] == "APP（示例商城）"
    assert entries["apps[0].domains"]["after"] == "api.release-a.com、cdn.release-a.com"
    assert entries["apps[0].principal"]["before"] == "同主体负责人" and entries["apps[0].principal"]["after"] == "王五"
    assert entries["apps[0].principal.mobile"]["group"] == "APP负责人（示例商城）"
    assert not [p for p in entries if p.startswith("apps[0].platforms[0].")]  # the Android row is unchanged
    # The new principal is another person: their ID is what the change touches (materials owner apps[0].principal).
    assert "apps[0].principal" in changes.touched_owners(list(entries.values()))
    shown = {e["path"]: e for e in diff.shown(diff.masked(list(entries.values())))}
    assert shown["apps[0].principal.mobile"]["after"] == "136****2222"


def test_a_public_key_is_shortened_on_pages_only():
    filed, new = _filed_and_new()
    new["apps"][0]["platforms"][1]["public_key"] = "3059301306072a86" + "ee" * 40
    (entry,) = diff.diff(filed, new)
    assert entry["path"] == "apps[0].platforms[1].public_key" and entry["after"] == new["apps"][0]["platforms"][1]["public_key"]
    (page,) = diff.shown([entry])
    assert page["after_shown"].startswith("3059301306072a86") and "…" in page["after_shown"] and len(page["after_shown"]) < 40


# ---- 变更APP at the ministry ------------------------------------------------------------------------------------

def test_changing_an_apps_signature_reaches_the_ministry_by_number_and_the_filed_row(applicant, fake):
    filing = with_apps(applicant)
    row = app_of(filing)
    order = create_order(account=applicant, application=changes.starting_application(filing, row), kind="change_website",
                         filing=filing, filed_website=row)
    application = copy.deepcopy(order.application)
    application["apps"][0]["platforms"][0]["signature"] = NEW_SIG
    order = update_application(order=order, actor=applicant, application=application, version=order.version)
    assert [e["path"] for e in diff.order_changes(order)] == ["apps[0].platforms[0].signature"]
    order = _to_ministry(order)
    (sent,) = fake.sent
    assert sent["kind"] == "change_website" and sent["app_number"] == "浙ICP备2025000078号-1A" == row.website_number
    assert sent["domain"] == ""  # an APP has none: the ministry knows it by its number (decisions 71)
    assert sent["filing_number"] == filing.subject_number
    assert sent["application"]["websites"] == [] and sent["application"]["apps"][0]["platforms"][0]["signature"] == NEW_SIG
    assert [(c["path"], c["before"], c["after"]) for c in sent["changes"]] == [
        ("apps[0].platforms[0].signature", ANDROID_SIG, NEW_SIG)]
    assert order.state == states.APPROVED
    row.refresh_from_db()
    assert row.website["platforms"][0]["signature"] == NEW_SIG and row.status == FiledWebsite.ACTIVE
    assert app_of(filing, 2).website["platforms"][0]["signature"] == "AB" * 16  # the other APP untouched
    assert order.meta["changes"][0]["path"] == "apps[0].platforms[0].signature"


def test_a_website_change_still_names_the_website_by_its_domain(applicant, fake):
    filing = with_apps(applicant)
    site = filing.websites.get(service_type="website", seq=1)
    order = create_order(account=applicant, application=changes.starting_application(filing, site), kind="change_website",
                         filing=filing, filed_website=site)
    application = copy.deepcopy(order.application)
    application["websites"][0]["name"] = "示例网站一新名"
    order = update_application(order=order, actor=applicant, application=application, version=order.version)
    _to_ministry(order)
    assert fake.sent[0]["domain"] == "apps-a.com" and "apps" not in fake.sent[0]["application"]
    assert "app_number" not in fake.sent[0]


# ---- 取消接入 / 注销 of an APP ---------------------------------------------------------------------------------------

def _release(filing, kind, website=None):
    return create_order(account=filing.account, application=release.application_for(filing, kind, website), kind=kind,
                        filing=filing, filed_website=website)


def test_cancel_access_for_an_app_needs_no_code_and_cancels_only_that_row(applicant):
    filing = with_apps(applicant)
    row = app_of(filing)
    order = _release(filing, "cancel_access", row)
    assert order.application["websites"] == [] and [a["name"] for a in order.application["apps"]] == ["示例商城"]
    assert checks.run(order.application, order=order)["sms_targets"] == []
    assert submit_order(order=order, actor=applicant, agreement=True).state == states.PENDING_MINISTRY
    _approve(order, filing.subject_number)
    assert dict(filing.websites.values_list("pk", "status")) == {
        row.pk: FiledWebsite.ACCESS_CANCELLED, app_of(filing, 2).pk: FiledWebsite.ACTIVE,
        **{w.pk: FiledWebsite.ACTIVE for w in filing.websites.filter(service_type="website")}}
    filing.refresh_from_db()
    assert filing.status == Filing.ACTIVE


def test_deregistering_an_app_verifies_its_principal_and_keeps_the_rest(applicant):
    filing = with_apps(applicant)
    row = app_of(filing)
    order = _release(filing, "deregister_website", row)
    assert release.sms_targets("deregister_website", order.application) == [APP_PRINCIPAL["mobile"]]
    assert checks.run(order.application, order=order)["sms_targets"] == [APP_PRINCIPAL["mobile"]]
    # Near miss: the APP that reuses the subject principal — the subject principal gets the code.
    reused = release.application_for(filing, "deregister_website", app_of(filing, 2))
    assert release.sms_targets("deregister_website", reused) == [filing.application["subject"]["principal"]["mobile"]]
    assert submit_order(order=order, actor=applicant, agreement=True).state == states.PROVIDER_REVIEW
    _approve(order, filing.subject_number)
    row.refresh_from_db()
    assert row.status == FiledWebsite.DEREGISTERED
    assert set(filing.websites.exclude(pk=row.pk).values_list("status", flat=True)) == {FiledWebsite.ACTIVE}


def test_deregistering_an_app_at_the_ministry_names_it_by_number(applicant, fake):
    filing = with_apps(applicant)
    row = app_of(filing, 2)
    order = submit_order(order=_release(filing, "deregister_website", row), actor=applicant, agreement=True)
    order = _to_ministry(Order.objects.get(pk=order.pk))
    assert fake.sent[0]["app_number"] == f"{filing.subject_number}-2A" and fake.sent[0]["application"]["websites"] == []
    row.refresh_from_db()
    assert order.state == states.APPROVED and row.status == FiledWebsite.DEREGISTERED
    # The approval message speaks of the APP by name, not of a website.
    message = Message.objects.get(order=order, channel=Message.SITE, event="state:approved")
    assert message.subject.startswith("注销APP已办结") and "APP“示例工具”的备案号已注销" in message.body
    assert "网站" not in message.body


def test_deregister_subject_takes_the_apps_with_the_websites(applicant):
    filing = with_apps(applicant)
    gone = app_of(filing, 2)
    gone.status = FiledWebsite.DEREGISTERED
    gone.save()
    concerned = release.websites_concerned(filing, "deregister_subject", None)
    assert [(w.service_type, w.seq) for w in concerned] == [("website", 1), ("website", 2), ("app", 1)]
    order = _release(filing, "deregister_subject")
    assert [a["name"] for a in order.application["apps"]] == ["示例商城"] and len(order.application["websites"]) == 2
    assert release.sms_targets("deregister_subject", order.application) == [
        filing.application["subject"]["principal"]["mobile"]]  # the subject principal only, not the APP's
    _approve(order, filing.subject_number)
    filing.refresh_from_db()
    assert filing.status == Filing.DEREGISTERED
    assert set(filing.websites.values_list("status", flat=True)) == {FiledWebsite.DEREGISTERED}


def test_cancel_access_of_the_subject_cancels_its_apps_too(applicant):
    filing = with_apps(applicant)
    order = _release(filing, "cancel_access")
    assert len(order.application["websites"]) == 2 and len(order.application["apps"]) == 2
    _approve(order, filing.subject_number)
    assert set(filing.websites.values_list("status", flat=True)) == {FiledWebsite.ACCESS_CANCELLED}
    # Nothing is served here any more: the subject is a shell (an APP counts as served, a cancelled one not).
    assert release.offline_reason(filing, "cancel_access", None) == "shell"


def test_an_app_principal_is_a_person_of_the_order(applicant):
    filing = with_apps(applicant)
    application = changes.starting_application(filing)
    assert checks.person_record(application, "apps[0].principal")["mobile"] == APP_PRINCIPAL["mobile"]
    assert checks.person_record(application, "apps[1].principal") == filing.application["subject"]["principal"]
    assert checks.person_record(application, "apps[9].principal") is None  # near miss: no such APP


def test_an_app_only_new_filing_is_labelled_as_an_app():
    order = Order(kind="new_site_here", application={"websites": [], "apps": [copy.deepcopy(APP)]})
    assert order.kind_label == "新增APP（原备案在本服务商）"
    order.application = {"websites": [{"name": "示例网站"}], "apps": [copy.deepcopy(APP)]}  # near miss: with a site
    assert order.kind_label == "新增网站（原备案在本服务商）"
