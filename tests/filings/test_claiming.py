"""Issue 15 item 5, 认领备案: a filing of this provider moves to the account that proves control of its subject (code to
the FILED principal's mobile + face check of that principal), confirmed by the ministry, audited, the old account told.

The ministry is a fake adapter here (its claim lookup and confirmation); the simulator's side is tested in
tests/ministry/test_claim_simulator.py and the whole path in tests/e2e/test_filing_kinds.py::test_claim."""

import copy
import html

import pytest

from beian.filings import claiming, states, transitions
from beian.filings.claims import ClaimConflict
from beian.filings.demo import FILED_SUBJECT, seed_approved_filing, seed_business
from beian.filings.models import FiledWebsite, Filing, InFlightClaim, Order, OrderEvent
from beian.filings.services import OrderError, create_order, transition
from beian.ministry import services as ministry
from beian.ministry.port import MinistryUnavailable, Status
from beian.notifications.models import Message
from beian.pii.mask import mask_mobile
from beian.verification import messages as vmsg
from beian.verification import persons
from beian.verification.models import FaceAttempt
from beian.wizard.models import MobileCode
from tests.verification.support import pass_verification
from tests.wizard.support import applicant_with_products, setup_registry

pytestmark = pytest.mark.django_db

NUMBER, DOMAIN, SITE = "浙ICP备2025000019号", "claim-old.com", "认领示例网站"
OFFLINE_NUMBER = "浙ICP备2019000042号"
PRINCIPAL = FILED_SUBJECT["principal"]


class FakeMinistry:
    """The port's claim lookup and confirmation, answering as configured."""

    def __init__(self):
        self.answer = {"found": False}
        self.raise_on_lookup = None
        self.submitted = []

    def claim_record(self, *, subject_number="", domain="", cert_number=""):
        if self.raise_on_lookup:
            raise self.raise_on_lookup
        return self.answer

    def submit(self, *, request_id, order_ref, kind, application, filing_number="", domain="", changes=None):
        self.submitted.append({"kind": kind, "filing_number": filing_number, "application": application})
        number = filing_number or OFFLINE_NUMBER
        sites = {(w.get("domains") or [""])[0]: f"{number}-{i + 1}" for i, w in enumerate(application.get("websites") or ())}
        return Status(request_id=request_id, status="approved", icp_number=number, website_numbers=sites)


@pytest.fixture
def fake(monkeypatch):
    adapter = FakeMinistry()
    monkeypatch.setattr(ministry, "ADAPTER", adapter)
    return adapter


@pytest.fixture
def accounts(fake):
    setup_registry()
    seed_business((FILED_SUBJECT["cert_number"], FILED_SUBJECT["name"], PRINCIPAL["name"]))
    account_a, _ = applicant_with_products("claim-a@example.com", prefix="ca")
    account_b, _ = applicant_with_products("claim-b@example.com", prefix="cb")
    filing = seed_approved_filing(account_a, subject=FILED_SUBJECT, province="浙江省", number=NUMBER, domain=DOMAIN,
                                  site_name=SITE, instance_id="i-claim", ip="47.96.10.12")
    return account_a, account_b, filing


def _start(account, query=NUMBER, cert=None):
    return claiming.start_claim(account=account, query=query, cert_number=cert or FILED_SUBJECT["cert_number"])


def _code(order):
    """Send the code as the claim page does; the code as the filed principal's phone receives it."""
    import re

    from beian.wizard import mobile

    mobile.send_code(order=order, mobile=PRINCIPAL["mobile"])
    sent = Message.objects.filter(event="sms_code", order=order).latest("id")
    assert sent.to == PRINCIPAL["mobile"]
    body = sent.body
    return re.search(r"验证码为(\d{6})", body).group(1)


def _proved(order):
    from beian.wizard import mobile

    mobile.verify_code(order=order, mobile=PRINCIPAL["mobile"], code=_code(order))
    pass_verification(order)
    return order


# Starting: what the applicant names, and every refusal ------------------------------------------------------

@pytest.mark.parametrize("query", [NUMBER, f"{NUMBER}-1", DOMAIN, f"https://{DOMAIN.upper()}/"])
def test_a_number_or_a_domain_with_the_certificate_finds_the_filing(accounts, query):
    account_a, account_b, filing = accounts
    order, created = _start(account_b, query=query)
    assert created and order.kind == "claim" and order.account == account_b and order.filing == filing
    assert order.meta["claim"]["source"] == "platform" and order.meta["claim"]["from_account"] == account_a.pk
    assert order.application["subject"]["principal"]["mobile"] == PRINCIPAL["mobile"]  # the FILED principal
    assert not InFlightClaim.objects.filter(order=order).exists()  # held from submit on, not by a draft
    again, created = _start(account_b, query=query)
    assert again == order and not created  # the open claim, not a second one


@pytest.mark.parametrize("query, cert, code", [
    ("not a number", None, "CLAIM_QUERY_INVALID"),
    (NUMBER, " ", "CLAIM_CERT_REQUIRED"),
    (NUMBER, "91330106MA2XXXXX0X", "CLAIM_NOT_FOUND"),  # the right number with another certificate: not found
])
def test_start_refusals(accounts, query, cert, code):
    _, account_b, _ = accounts
    with pytest.raises(OrderError) as exc:
        _start(account_b, query=query, cert=cert)
    assert exc.value.code == code and exc.value.message
    assert not Order.objects.filter(kind="claim").exists()


def test_claiming_your_own_filing_is_refused(accounts):
    account_a, _, _ = accounts
    with pytest.raises(OrderError) as exc:
        _start(account_a)
    assert exc.value.code == "CLAIM_ALREADY_YOURS" and "无需认领" in exc.value.message


def test_a_filing_without_access_here_is_not_at_this_provider(accounts):
    _, account_b, filing = accounts
    filing.websites.update(status=FiledWebsite.ACCESS_CANCELLED)
    with pytest.raises(OrderError) as exc:
        _start(account_b)
    assert exc.value.code == "CLAIM_NOT_AT_PROVIDER"


def test_a_record_at_another_provider_is_refused(accounts, fake):
    _, account_b, _ = accounts
    fake.answer = {"found": True, "at_provider": False}
    with pytest.raises(OrderError) as exc:
        _start(account_b, query=OFFLINE_NUMBER)
    assert exc.value.code == "CLAIM_NOT_AT_PROVIDER" and "未接入本服务商" in exc.value.message
    fake.answer = {"found": False}
    with pytest.raises(OrderError) as exc:
        _start(account_b, query=OFFLINE_NUMBER)
    assert exc.value.code == "CLAIM_NOT_FOUND"
    fake.raise_on_lookup = MinistryUnavailable("down")
    with pytest.raises(OrderError) as exc:
        _start(account_b, query=OFFLINE_NUMBER)
    assert exc.value.code == "CLAIM_MINISTRY_UNAVAILABLE"


def test_the_old_accounts_order_in_flight_refuses_the_claim(accounts):
    account_a, account_b, filing = accounts
    change = create_order(account=account_a, application={**filing.application, "websites": [filing.websites.get().website]},
                          kind="change_website", filing=filing, filed_website=filing.websites.get())
    with pytest.raises(OrderError) as exc:
        _start(account_b)
    assert exc.value.code == "CLAIM_IN_FLIGHT"
    transition(order=change, to_state=states.CANCELLED, role=transitions.APPLICANT, actor=account_a)
    assert _start(account_b)[1]  # once it is closed, the claim may start


def test_a_claim_in_flight_refuses_another_claim_and_the_old_accounts_change(accounts):
    account_a, account_b, filing = accounts
    order = _proved(_start(account_b)[0])
    claiming.submit_claim(order=order, actor=account_b)
    account_c, _ = applicant_with_products("claim-c@example.com", prefix="cc")
    with pytest.raises(OrderError) as exc:
        _start(account_c)
    assert exc.value.code == "CLAIM_IN_FLIGHT"
    with pytest.raises(ClaimConflict):
        create_order(account=account_a, application={**filing.application, "websites": []}, kind="change_subject",
                     filing=filing)


# Proof of control --------------------------------------------------------------------------------------------

def test_the_code_goes_to_the_filed_principals_mobile_shown_masked(client, accounts):
    _, account_b, _ = accounts
    order, _ = _start(account_b)
    client.force_login(account_b)
    page = html.unescape(client.get(f"/orders/{order.pk}/claim/").content.decode())
    assert mask_mobile(PRINCIPAL["mobile"]) in page and PRINCIPAL["mobile"] not in page
    assert PRINCIPAL["cert_number"] not in page
    response = client.post(f"/orders/{order.pk}/claim/", {"action": "send_code"})
    assert response.status_code == 302
    assert [m.to for m in Message.objects.filter(event="sms_code", order=order)] == [PRINCIPAL["mobile"]]
    again = client.post(f"/orders/{order.pk}/claim/", {"action": "send_code"})  # within the minute: refused
    assert 'data-code="code_too_soon"' in again.content.decode()


def test_a_wrong_code_does_not_prove_control_and_five_wrong_codes_end_the_code(client, accounts):
    _, account_b, _ = accounts
    order, _ = _start(account_b)
    code = _code(order)
    wrong = "000000" if code != "000000" else "111111"
    client.force_login(account_b)
    for _ in range(5):
        response = client.post(f"/orders/{order.pk}/claim/", {"action": "verify_code", "sms_code": wrong})
        assert 'data-code="code_wrong"' in response.content.decode()
    response = client.post(f"/orders/{order.pk}/claim/", {"action": "verify_code", "sms_code": code})
    assert 'data-code="code_attempts"' in response.content.decode()  # the right code is too late now
    pass_verification(order)
    response = client.post(f"/orders/{order.pk}/claim/", {"action": "submit"})
    assert 'data-code="CLAIM_SMS_REQUIRED"' in response.content.decode()
    assert Order.objects.get(pk=order.pk).state == states.DRAFT


def test_an_expired_code_does_not_prove_control(accounts):
    from beian.wizard import mobile

    _, account_b, _ = accounts
    order, _ = _start(account_b)
    code = _code(order)
    MobileCode.objects.filter(order=order).update(expires_at=order.created_at)
    with pytest.raises(mobile.CodeError):
        mobile.verify_code(order=order, mobile=PRINCIPAL["mobile"], code=code)
    assert not claiming.sms_verified(order)


def test_the_face_check_is_the_filed_principals_and_another_persons_face_does_not_count(accounts):
    from beian.wizard import mobile

    _, account_b, _ = accounts
    order, _ = _start(account_b)
    mobile.verify_code(order=order, mobile=PRINCIPAL["mobile"], code=_code(order))
    with pytest.raises(OrderError) as exc:
        claiming.submit_claim(order=order, actor=account_b)
    assert exc.value.code == "verification_required" and "主体负责人" in exc.value.message
    # The claimant's own face (another person: another name and ID number) passed: not the filed principal's.
    someone = {**PRINCIPAL, "name": "李四", "cert_number": "330106199003071234"}
    FaceAttempt.objects.create(order=order, person="subject_principal", status=FaceAttempt.PASSED, code="passed",
                               message=vmsg.FACE_PASSED, identity=persons.identity(someone),
                               evidence={"method": "registry", "liveness": {"passed": True}})
    with pytest.raises(OrderError) as exc:
        claiming.submit_claim(order=order, actor=account_b)
    assert exc.value.code == "verification_required"
    pass_verification(order)
    claiming.submit_claim(order=order, actor=account_b)
    order.refresh_from_db()
    assert order.state == states.PROVIDER_REVIEW
    assert InFlightClaim.objects.filter(order=order, kind=InFlightClaim.CERT).exists()


def test_the_phone_link_is_for_the_filed_principal(client, accounts):
    _, account_b, _ = accounts
    order, _ = _start(account_b)
    client.force_login(account_b)
    client.post(f"/orders/{order.pk}/claim/", {"action": "phone_link"})
    link = order.phone_links.get()
    assert link.person == "subject_principal"
    page = client.get(f"/orders/{order.pk}/claim/").content.decode()
    assert "/m/" in page and 'data-person="subject_principal"' in page


# The ministry's answer ---------------------------------------------------------------------------------------

def _to_ministry(order, reviewer_now=None):
    """初审通过 and the ministry's answer (the on-commit submit, run here directly)."""
    transition(order=order, to_state=states.PENDING_MINISTRY, role=transitions.REVIEWER)
    ministry.submit(order=order)
    order.refresh_from_db()
    return order


def test_the_ministry_confirms_and_the_filing_moves_audited_and_the_old_account_is_told(accounts, fake):
    account_a, account_b, filing = accounts
    order = _proved(_start(account_b)[0])
    claiming.submit_claim(order=order, actor=account_b)
    order = _to_ministry(order)
    assert order.state == states.APPROVED and fake.submitted[0]["kind"] == "claim"
    assert fake.submitted[0]["filing_number"] == NUMBER
    filing.refresh_from_db()
    assert filing.account == account_b and filing.websites.get().domain == DOMAIN
    assert order.filing == filing
    event = OrderEvent.objects.get(order=order, kind="claim")
    assert event.payload["from_account"] == account_a.pk and event.payload["to_account"] == account_b.pk
    told = Message.objects.filter(account=account_a, event="filing_claimed")
    assert {m.channel for m in told} == {"site", "email"} and NUMBER in told.first().subject
    assert "claim-b@example.com" not in " ".join(m.body for m in told)  # the new holder is not named
    assert not InFlightClaim.objects.filter(order=order).exists()
    assert not Filing.objects.filter(account=account_a, status=Filing.ACTIVE).exists()


def test_a_filing_that_changed_hands_meanwhile_is_not_claimed(accounts):
    account_a, account_b, filing = accounts
    order = _proved(_start(account_b)[0])
    filing.websites.update(status=FiledWebsite.DEREGISTERED)
    with pytest.raises(OrderError) as exc:
        claiming.submit_claim(order=order, actor=account_b)
    assert exc.value.code == "CLAIM_CHANGED"


def test_an_offline_record_becomes_the_claimants_filing(accounts, fake):
    _, account_b, _ = accounts
    subject = copy.deepcopy(FILED_SUBJECT)
    subject.update(name="线下示例科技有限公司", cert_number="91330106MA27XR0L2K")
    website = {"name": "线下网站", "domains": ["offline-claim.com"], "content": "单位门户网站", "principal": None}
    fake.answer = {"found": True, "at_provider": True, "record": {
        "subject_number": OFFLINE_NUMBER, "province": "浙江省", "name": subject["name"], "nature": "enterprise",
        "region": {"province": "浙江省", "city": "杭州市"}, "subject": subject,
        "websites": [{"number": f"{OFFLINE_NUMBER}-1", "domain": "offline-claim.com", "name": "线下网站", "website": website}]}}
    order, _ = claiming.start_claim(account=account_b, query="offline-claim.com", cert_number=subject["cert_number"])
    assert order.filing is None and order.meta["claim"]["source"] == "ministry"
    _proved(order)
    claiming.submit_claim(order=order, actor=account_b)
    order = _to_ministry(order)
    filing = Filing.objects.get(subject_number=OFFLINE_NUMBER)
    assert order.state == states.APPROVED and filing.account == account_b and order.filing == filing
    assert [(w.domain, w.website_number) for w in filing.websites.all()] == [("offline-claim.com", f"{OFFLINE_NUMBER}-1")]
    assert not Message.objects.filter(event="filing_claimed").exists()  # nobody held it here


# Pages ---------------------------------------------------------------------------------------------------------

def test_the_order_list_links_to_the_claim_and_the_claim_page_refuses_plainly(client, accounts):
    account_a, account_b, _ = accounts
    client.force_login(account_b)
    assert 'href="/orders/claim/"' in client.get("/orders/").content.decode()
    response = client.post("/orders/claim/", {"query": NUMBER, "cert_number": "91330106MA2XXXXX0X"})
    assert response.status_code == 200 and 'data-code="CLAIM_NOT_FOUND"' in response.content.decode()
    assert NUMBER in response.content.decode()  # what was typed stays
    response = client.post("/orders/claim/", {"query": NUMBER, "cert_number": FILED_SUBJECT["cert_number"]})
    order = Order.objects.get(kind="claim", account=account_b)
    assert response.status_code == 302 and response["Location"] == f"/orders/{order.pk}/claim/"
    client.force_login(account_a)
    assert client.get(f"/orders/{order.pk}/claim/").status_code == 404  # another account's order


def test_lookups_are_rate_limited(client, accounts, settings):
    _, account_b, _ = accounts
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "claim_lookup_account": "2/h"}
    client.force_login(account_b)
    for _ in range(2):
        client.post("/orders/claim/", {"query": NUMBER, "cert_number": "91330106MA2XXXXX0X"})
    response = client.post("/orders/claim/", {"query": NUMBER, "cert_number": FILED_SUBJECT["cert_number"]})
    assert response.status_code == 429 and not Order.objects.filter(kind="claim").exists()


def test_the_other_account_refusal_points_to_the_claim(accounts):
    from beian.filings import messages as msg

    assert "认领备案" in msg.SUBJECT_FILED_UNDER_OTHER_ACCOUNT and "认领备案" in msg.DOMAIN_FILED_UNDER_OTHER_ACCOUNT


@pytest.mark.parametrize("path", ["basic/", "product/", "subject/", "websites/", "materials/", "confirm/",
                                  "template/authorization_letter.pdf"])
def test_the_claimant_never_sees_nor_rewrites_the_filed_application(client, accounts, path):
    """The wizard's steps would show the filed principal's ID and mobile and let the claimant type their own mobile
    in to receive the code: a claim order has only its own page, its progress and cancel."""
    _, account_b, _ = accounts
    order, _ = _start(account_b)
    client.force_login(account_b)
    url = f"/materials/{order.pk}/{path}" if path.startswith("template") else f"/orders/{order.pk}/{path}"
    assert client.get(url).status_code == 404
    if not path.startswith("template"):
        assert client.post(url, {"subject.principal.mobile": "13900000001", "version": order.version}).status_code == 404
    order.refresh_from_db()
    assert order.application["subject"]["principal"]["mobile"] == PRINCIPAL["mobile"]
    assert client.get(f"/orders/{order.pk}/").status_code == 200
    assert PRINCIPAL["cert_number"] not in client.get(f"/orders/{order.pk}/").content.decode()


def test_the_websites_public_security_follow_up_moves_with_the_claim(client, accounts, fake):
    """A's approved order carried the website's 公安联网备案 follow-up: after the claim its reminders reach B and A's
    pages no longer act on a website A does not hold."""
    from django.urls import reverse
    from django.utils import timezone

    from beian.compliance.models import PsbFollowup

    account_a, account_b, filing = accounts
    website = filing.websites.get()
    old = create_order(account=account_a, application=copy.deepcopy(filing.application) | {"websites": [website.website]},
                       kind="change_website", filing=filing, filed_website=website)
    Order.objects.filter(pk=old.pk).update(state=states.APPROVED)
    InFlightClaim.objects.filter(order=old).delete()
    PsbFollowup.objects.create(website=website, order=old, opened_on=timezone.localdate())
    order = _proved(_start(account_b)[0])
    claiming.submit_claim(order=order, actor=account_b)
    _to_ministry(order)
    assert PsbFollowup.objects.get(website=website).order_id == order.pk
    client.force_login(account_a)
    assert client.post(reverse("compliance:psb", args=[website.pk]), {"action": "done"}).status_code == 404
    client.force_login(account_b)
    assert client.post(reverse("compliance:psb", args=[website.pk]), {"action": "done"}).status_code == 302
    assert PsbFollowup.objects.get(website=website).done_at is not None


# APPs (issue 17): a claimed subject's APPs move with its websites ------------------------------------------------

SHOP = {"name": "认领示例商城", "content": "其他", "languages": ["中文简体"], "pre_approvals": [], "remark": "",
        "platforms": [{"platform": "android", "package_name": "com.example.claimshop", "public_key": "3082",
                       "signature": "9F1A2B3C4D5E6F708192A3B4C5D6E77C"}], "domains": [], "access": None, "principal": None}


def test_a_claimed_subjects_apps_move_with_its_websites(accounts, fake):
    from django.utils import timezone

    account_a, account_b, filing = accounts
    FiledWebsite.objects.create(filing=filing, service_type=FiledWebsite.APP, seq=1, domain="", name=SHOP["name"],
                                status=FiledWebsite.ACTIVE, approved_at=timezone.now(), website=SHOP)
    order, _ = _start(account_b)
    # The claim carries the APP as an APP, not as a website without a domain.
    assert [w.get("domains") for w in order.application["websites"]] == [[DOMAIN]]
    assert [a["name"] for a in order.application["apps"]] == [SHOP["name"]]
    assert order.meta["claim"]["apps"] == [{"name": SHOP["name"], "number": f"{NUMBER}-1A"}]
    assert order.meta["claim"]["websites"] == [{"domain": DOMAIN, "name": SITE, "number": f"{NUMBER}-1"}]
    _proved(order)
    claiming.submit_claim(order=order, actor=account_b)
    order = _to_ministry(order)
    assert order.state == states.APPROVED
    moved = {(w.service_type, w.website_number): w.filing.account for w in FiledWebsite.objects.filter(filing=filing)}
    assert moved == {("website", f"{NUMBER}-1"): account_b, ("app", f"{NUMBER}-1A"): account_b}
    event = OrderEvent.objects.get(order=order, kind="claim")
    assert event.payload["websites"] == [DOMAIN] and event.payload["apps"] == [f"{NUMBER}-1A"]


def test_a_subject_with_only_an_app_left_here_is_still_claimable(accounts):
    from django.utils import timezone

    _, account_b, filing = accounts
    filing.websites.update(status=FiledWebsite.ACCESS_CANCELLED)
    FiledWebsite.objects.create(filing=filing, service_type=FiledWebsite.APP, seq=1, domain="", name=SHOP["name"],
                                status=FiledWebsite.ACTIVE, approved_at=timezone.now(), website=SHOP)
    order, _ = _start(account_b)
    assert order.application["websites"] == [] and order.meta["claim"]["apps"][0]["number"] == f"{NUMBER}-1A"


def test_an_offline_records_apps_become_the_claimants_filed_apps(accounts, fake, monkeypatch):
    _, account_b, _ = accounts
    subject = copy.deepcopy(FILED_SUBJECT)
    subject.update(name="线下示例科技有限公司", cert_number="91330106MA27XR0L2K")
    website = {"name": "线下网站", "domains": ["offline-claim.com"], "content": "单位门户网站", "principal": None}
    fake.answer = {"found": True, "at_provider": True, "record": {
        "subject_number": OFFLINE_NUMBER, "province": "浙江省", "name": subject["name"], "nature": "enterprise",
        "region": {"province": "浙江省", "city": "杭州市"}, "subject": subject,
        "websites": [{"number": f"{OFFLINE_NUMBER}-1", "domain": "offline-claim.com", "name": "线下网站", "website": website}],
        "apps": [{"number": f"{OFFLINE_NUMBER}-2A", "name": SHOP["name"], "app": SHOP}]}}
    answered = FakeMinistry.submit

    def submit(self, **kwargs):
        status = answered(self, **kwargs)
        status.app_numbers = [f"{OFFLINE_NUMBER}-2A" for _ in kwargs["application"].get("apps") or ()]
        return status

    monkeypatch.setattr(FakeMinistry, "submit", submit)
    order, _ = claiming.start_claim(account=account_b, query="offline-claim.com", cert_number=subject["cert_number"])
    assert order.application["apps"][0]["platforms"][0]["package_name"] == "com.example.claimshop"
    _proved(order)
    claiming.submit_claim(order=order, actor=account_b)
    order = _to_ministry(order)
    filing = Filing.objects.get(subject_number=OFFLINE_NUMBER)
    assert order.state == states.APPROVED and filing.account == account_b
    assert sorted((w.service_type, w.website_number) for w in filing.websites.all()) == [
        ("app", f"{OFFLINE_NUMBER}-2A"), ("website", f"{OFFLINE_NUMBER}-1")]
    assert filing.websites.get(service_type="app").website["name"] == SHOP["name"]
