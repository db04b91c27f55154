"""Issue 13 item 4: a subject filed here under another account is refused with seed 003 §1.1's
"该域名对应的主体信息在系统中已经存在" (and what to do), never added to that account's filing, and nothing of
that filing reaches the asking account. Each query of filings that ignores the account is tested where the
account matters."""

import copy
import html
import json

import pytest

from beian.filings import checks
from beian.filings.claims import ClaimConflict, release_claims
from beian.filings.demo import FILED_SUBJECT, seed_approved_filing, seed_business
from beian.filings.models import FiledWebsite, Filing, Order
from beian.filings.selectors import filed_under_other_account
from beian.filings.services import OrderError, create_order, submit_order
from tests.wizard.support import applicant_with_products, basic_post, setup_registry

pytestmark = pytest.mark.django_db

SEED_MESSAGE = "该域名对应的主体信息在系统中已经存在"
CODE = "SUBJECT_FILED_UNDER_OTHER_ACCOUNT"
NUMBER, OLD_DOMAIN, SITE_NAME = "浙ICP备2025000009号", "xixi-old.com", "西溪示例官方网站"


def _leaks(text: str) -> list[str]:
    """What of account A's filing shows in `text`: its numbers, its domain and site, its principal's contacts and
    ID, A's login. (The principal's name is also the 法定代表人 in the business registry, a public record.)"""
    principal = FILED_SUBJECT["principal"]
    secrets = [NUMBER, NUMBER.removesuffix("号"), OLD_DOMAIN, SITE_NAME, principal["mobile"], principal["email"],
               principal["cert_number"], principal["contact2"], "a@example.com"]
    return [s for s in secrets if s and s in text]


@pytest.fixture
def two_accounts():
    setup_registry()
    seed_business((FILED_SUBJECT["cert_number"], FILED_SUBJECT["name"], FILED_SUBJECT["principal"]["name"]))
    account_a, _ = applicant_with_products("a@example.com", prefix="a")
    account_b, _ = applicant_with_products("b@example.com", prefix="b")
    filing = seed_approved_filing(account_a, subject=FILED_SUBJECT, province="浙江省", number=NUMBER, domain=OLD_DOMAIN,
                                  site_name=SITE_NAME, instance_id="i-x", ip="47.96.10.11")
    return account_a, account_b, filing


def _basic(**overrides) -> dict:
    return basic_post(**{"subject.name": FILED_SUBJECT["name"], "subject.cert_number": FILED_SUBJECT["cert_number"],
                         "subject.cert_address": FILED_SUBJECT["cert_address"], "websites[0].domains[0]": "xixi-new.com",
                         **overrides})


def _application(domain="xixi-new.com", cert=None) -> dict:
    app = checks.blank_application()
    app["region"] = {"province": "浙江省", "city": "杭州市", "district": "西湖区"}
    app["subject"].update({k: FILED_SUBJECT[k] for k in ("nature", "cert_type", "name", "cert_number", "cert_address")})
    if cert:
        app["subject"]["cert_number"] = cert
    app["websites"][0]["domains"] = [domain]
    return app


def _text(response) -> str:
    return html.unescape(response.content.decode())


# The wizard's step 1 --------------------------------------------------------------------------------------

@pytest.mark.parametrize("action", ["next", "check"])
@pytest.mark.parametrize("requested", ["", "first", "new_site_here"])
def test_step_one_refuses_a_subject_filed_under_another_account(client, two_accounts, action, requested):
    _, account_b, filing = two_accounts
    client.force_login(account_b)
    response = client.post("/orders/new/", _basic(action=action, requested_type=requested))
    page = _text(response)
    assert response.status_code == 200 and not Order.objects.exists(), "an order was created for B"
    assert SEED_MESSAGE in page and "此证件已存在备案信息，由本服务商的其他账号办理" in page and "请登录办理该备案的账号" in page
    assert f'data-code="{CODE}"' in page
    assert "可以备案" not in page and "校验通过" not in page
    assert "不能办理首次备案" not in page  # CERT_ALREADY_FILED's advice assumes the filing is B's own
    assert _leaks(page) == []
    assert filing.websites.count() == 1


def test_the_filing_account_still_adds_a_site(client, two_accounts):
    account_a, _, filing = two_accounts
    client.force_login(account_a)
    response = client.post("/orders/new/", _basic())
    assert response.status_code == 302
    order = Order.objects.get()
    assert order.account == account_a and order.kind == "new_site_here"
    assert order.application["subject"]["principal"] == FILED_SUBJECT["principal"]  # prefilled from A's filing
    assert SEED_MESSAGE not in _text(client.get(f"/orders/{order.pk}/basic/"))


def test_an_existing_draft_turned_to_the_subject_is_kept_but_goes_no_further(client, two_accounts):
    _, account_b, _ = two_accounts
    client.force_login(account_b)
    client.post("/orders/new/", basic_post())  # B's own company: a first filing
    order = Order.objects.get()
    response = client.post(f"/orders/{order.pk}/basic/", _basic(version=order.version))
    page = _text(response)
    assert response.status_code == 200 and SEED_MESSAGE in page and _leaks(page) == []
    order.refresh_from_db()
    assert order.kind == "first", "the order became 新增网站（原备案在本服务商） of A's filing"
    assert order.application["subject"]["cert_number"] == FILED_SUBJECT["cert_number"]  # what was typed is kept
    assert order.application["subject"]["principal"]["mobile"] == ""  # nothing copied from A's filing


def test_a_domain_filed_under_another_account(client, two_accounts):
    account_a, account_b, _ = two_accounts
    client.force_login(account_b)
    page = _text(client.post("/orders/new/", basic_post(**{"websites[0].domains[0]": OLD_DOMAIN})))
    assert not Order.objects.exists()
    assert SEED_MESSAGE in page and "此域名已存在备案，由本服务商的其他账号办理" in page
    assert "请办理变更备案" not in page  # DOMAIN_ALREADY_FILED's advice: B cannot change A's filing
    client.force_login(account_a)
    page = _text(client.post("/orders/new/", _basic(**{"websites[0].domains[0]": OLD_DOMAIN})))
    assert SEED_MESSAGE not in page and "请办理变更备案" in page  # A's own filing: the change filing it is


# The services (what an order API builds on) -----------------------------------------------------------------

@pytest.mark.parametrize("kind", ["first", "new_site_here", "new_site_elsewhere", "access"])
def test_create_order_refuses_another_accounts_subject(two_accounts, kind):
    account_a, account_b, filing = two_accounts
    with pytest.raises(OrderError) as refused:
        create_order(account=account_b, application=_application(), kind=kind)
    assert refused.value.code == CODE and SEED_MESSAGE in refused.value.message
    assert _leaks(json.dumps([refused.value.message, refused.value.details], ensure_ascii=False)) == []
    assert not Order.objects.exists()
    assert create_order(account=account_a, application=_application(), kind="new_site_here").account == account_a


def test_submit_refuses_an_order_made_before_the_other_filing(two_accounts):
    # An order of B's made before A's filing existed (or before this rule): it cannot be submitted.
    account_a, account_b, filing = two_accounts
    filing.status = Filing.DEREGISTERED
    filing.save()
    order = create_order(account=account_b, application=_application(), kind="first")
    filing.status = Filing.ACTIVE
    filing.save()
    result = checks.run(order.application, order=order)
    assert [f["code"] for f in result["findings"] if f["path"] == "subject.cert_number"] == [CODE]
    assert result["filing_type"] is None and not result["ok"] and result["sms_targets"] == []
    with pytest.raises(OrderError) as refused:
        submit_order(order=order, actor=account_b, agreement=True)
    assert CODE in [d["code"] for d in refused.value.details]


def test_change_orders_are_not_refused(two_accounts):
    account_a, _, filing = two_accounts
    order = create_order(account=account_a, application=_application(domain=OLD_DOMAIN), kind="change_website",
                         filing=filing, filed_website=filing.websites.get())
    assert CODE not in [f["code"] for f in checks.run(order.application, order=order)["findings"]]


# The queries -----------------------------------------------------------------------------------------------

def test_filed_under_other_account(two_accounts):
    account_a, account_b, filing = two_accounts
    app = _application(domain=OLD_DOMAIN)
    assert filed_under_other_account(account=account_b, application=app) == {"subject": True, "domains": {OLD_DOMAIN}}
    assert filed_under_other_account(account=account_a, application=app) == {"subject": False, "domains": set()}
    assert filed_under_other_account(account=None, application=app) == {"subject": False, "domains": set()}
    other_cert = _application(domain="unfiled-example.com", cert="91330106MA2GL0XX7U")
    assert filed_under_other_account(account=account_b, application=other_cert) == {"subject": False, "domains": set()}
    # The account's own filing of the subject (two records of one subject, from before this rule): B's own.
    seed_approved_filing(account_b, subject=FILED_SUBJECT, province="浙江省", number="浙ICP备2025000010号",
                         domain="xixi-b.com", site_name="西溪B网站", instance_id="i-y", ip="47.96.10.12")
    assert filed_under_other_account(account=account_b, application=app)["subject"] is False
    # A filing that is no longer active is nobody's.
    Filing.objects.update(status=Filing.DEREGISTERED)
    FiledWebsite.objects.update(status=FiledWebsite.DEREGISTERED)
    assert filed_under_other_account(account=account_b, application=app) == {"subject": False, "domains": set()}


def test_precheck_context_stays_global(two_accounts):
    # The ministry sees one subject filed via this provider: the engine's context says "self" for every account;
    # who may add to the filing is the platform check's question.
    from beian.filings.selectors import precheck_context

    context = precheck_context(application=_application(domain=OLD_DOMAIN))
    assert context["subject_filed_with"] == "self" and context["domains"][OLD_DOMAIN]["filed_with"] == "self"


def test_an_in_flight_order_of_another_account_is_not_named(two_accounts):
    account_a, account_b, _ = two_accounts
    mine = create_order(account=account_b, application=_application(domain="shared-one.com", cert="91330106MA2GL0XX7U"))
    other_app = _application(domain="shared-one.com", cert="91330106MA2GL0XX7U")
    with pytest.raises(ClaimConflict) as conflict:
        create_order(account=account_a, application=other_app)
    assert mine.reference not in conflict.value.message and "不在当前账号下" in conflict.value.message
    with pytest.raises(ClaimConflict) as own:
        create_order(account=account_b, application=other_app)
    assert mine.reference in own.value.message  # the account's own order: named, so they can find it


def test_approval_never_adds_a_site_to_another_accounts_filing(two_accounts, monkeypatch):
    # An order of B's approved under the subject number A's filing holds (data from before this rule).
    from beian.filings import states
    from beian.ministry.port import Status
    from beian.ministry.services import record_approval

    account_a, account_b, filing = two_accounts
    monkeypatch.setattr(checks, "refuse_other_accounts_filing", lambda **kw: None)
    order = create_order(account=account_b, application=_application(domain="xixi-b-new.com"), kind="new_site_here")
    Order.objects.filter(pk=order.pk).update(state=states.APPROVED)
    release_claims(order=order)
    record_approval(order=order, status=Status(request_id="r1", status="approved", icp_number=NUMBER,
                                               website_numbers={"xixi-b-new.com": f"{NUMBER}-2"}), now=order.created_at)
    assert list(filing.websites.values_list("domain", flat=True)) == [OLD_DOMAIN]
    own = create_order(account=account_a, application=_application(domain="xixi-a-new.com"), kind="new_site_here")
    record_approval(order=own, status=Status(request_id="r2", status="approved", icp_number=NUMBER,
                                             website_numbers={"xixi-a-new.com": f"{NUMBER}-2"}), now=own.created_at)
    assert set(filing.websites.values_list("domain", flat=True)) == {OLD_DOMAIN, "xixi-a-new.com"}


# The other surfaces ------------------------------------------------------------------------------------------

def test_the_signed_in_precheck_page_answers_for_the_account(client, two_accounts):
    _, account_b, _ = two_accounts
    post = {"website_count": "1", "action": "check", **{k: v for k, v in _basic().items() if k != "action"}}
    client.force_login(account_b)
    page = _text(client.post("/precheck/", post))
    assert SEED_MESSAGE in page and _leaks(page) == []


def test_the_api_precheck_reads_no_platform_data(client, two_accounts):
    # /api/v1/precheck is the engine on the caller's application and context: it cannot reveal A's filing.
    app = copy.deepcopy(_application(domain=OLD_DOMAIN))
    app["context"] = {"today": "2026-01-05"}
    response = client.post("/api/v1/precheck", json.dumps(app, ensure_ascii=False), content_type="application/json")
    assert response.status_code == 200
    assert response.json()["filing_type"] == "first"
    assert _leaks(json.dumps(response.json(), ensure_ascii=False)) == []
