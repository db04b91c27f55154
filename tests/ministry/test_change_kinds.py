"""Issue 15 item 1 at the ministry: a change filing carries its changes, reaches the people seed 003 §9 names, and
its approval changes the public record (simulator) and the platform's copy alike."""

import copy
import json

import pytest

from beian.filings import changes, states, transitions
from beian.filings.models import FiledWebsite, Order
from beian.filings.services import create_order, transition
from beian.ministry import services
from beian.ministry.adapter_http import HttpMinistry
from tests.e2e import filing_kinds_support as kinds
from tests.rules.support import enterprise, principal
from tests.verification.support import pass_verification

KINDS = ("change_subject", "change_website", "change_access")


def _apps():
    base = copy.deepcopy(enterprise())
    own = copy.deepcopy(base)
    own["websites"][0]["principal"] = principal(mobile="13700001234")
    two = copy.deepcopy(own)
    two["websites"].append({**copy.deepcopy(base["websites"][0]), "principal": None, "domains": ["two.com"]})
    same = copy.deepcopy(own)
    same["websites"][0]["principal"]["mobile"] = base["subject"]["principal"]["mobile"]  # one mobile, one code
    return {"reused": base, "own": own, "two": two, "same": same}


def _simulator_targets(simulator_process, cases: dict) -> dict:
    """The simulator's own sms_targets, run in its process (its models are not the platform's to import)."""
    code = ("import json, sys; from beian.ministry.simulator.services import sms_targets; "
            f"cases = json.loads({json.dumps(json.dumps(cases))}); "
            "print(json.dumps({k: [m for m, _ in sms_targets(kind, app)] for k, (kind, app) in cases.items()}))")
    return json.loads(simulator_process.manage("shell", "-c", code).strip().splitlines()[-1])


def test_the_platform_and_the_simulator_agree_on_whom_the_codes_reach(simulator):
    cases = {f"{kind}/{name}": (kind, app) for kind in KINDS for name, app in _apps().items()}
    theirs = _simulator_targets(simulator, cases)
    assert {key: changes.sms_targets(kind, app) for key, (kind, app) in cases.items()} == theirs
    # and they are seed 003 §9's: 变更主体 → subject principal, 变更网站 → website principal, 变更接入 → nobody
    assert theirs["change_subject/own"] == ["13800000000"]
    assert theirs["change_website/own"] == ["13700001234"]
    assert theirs["change_website/two"] == ["13700001234", "13800000000"]
    assert theirs["change_access/own"] == []


class Recording(HttpMinistry):
    sent: list = []

    def submit(self, **kwargs):
        Recording.sent.append(kwargs)
        return super().submit(**kwargs)


@pytest.fixture
def recording(ministry, monkeypatch):
    Recording.sent = []
    monkeypatch.setattr(services, "ADAPTER", Recording(base_url=ministry.url, provider="beian-demo-provider",
                                                       secret="demo-ministry-secret"))
    return Recording.sent


def _change(owner, filing, kind, edit, website=None) -> Order:
    app = dict(filing.application)
    app["websites"] = [dict(website.website)] if website else [dict(w.website) for w in filing.websites.order_by("seq")]
    order = create_order(account=owner, application=app, kind=kind, filing=filing, filed_website=website)
    edit(order.application)
    order.save()
    Order.objects.filter(pk=order.pk).update(state=states.PROVIDER_REVIEW)
    pass_verification(order)
    return transition(order=order, to_state=states.PENDING_MINISTRY, role=transitions.REVIEWER)


@pytest.mark.django_db(transaction=True)
def test_change_website_removes_a_domain_and_renames(ministry, recording):
    n = kinds.unique()
    owner, filing, _ = kinds.filed(ministry, email=f"cw-{n}@example.com", n=n,
                                   domains=[[f"cw-{n}.com"], [f"cw-{n}-b.com", f"cw-{n}-c.com"]])
    website = filing.websites.get(seq=2)

    def edit(app):
        app["websites"][0].update(name="示例科技新名网站", domains=[f"cw-{n}-c.com"])

    order = kinds.to_result(ministry, _change(owner, filing, "change_website", edit, website))
    assert order.state == states.APPROVED
    sent = recording[-1]
    assert {(c["path"], c["after"]) for c in sent["changes"]} == {
        ("websites[0].name", "示例科技新名网站"), ("websites[0].domains", f"cw-{n}-c.com")}
    assert sent["domain"] == f"cw-{n}-b.com" and sent["filing_number"] == filing.subject_number
    assert kinds.public_query(ministry, f"cw-{n}-b.com") == []  # the removed domain left the public record
    (row,) = kinds.public_query(ministry, f"cw-{n}-c.com")
    assert row["website_name"] == "示例科技新名网站" and row["domains"] == [f"cw-{n}-c.com"]
    assert row["website_number"] == f"{filing.subject_number}-2"
    assert kinds.public_query(ministry, f"cw-{n}.com")[0]["website_name"] == "示例科技网站一"  # the other site untouched
    website.refresh_from_db()
    assert (website.domain, website.name, website.status) == (f"cw-{n}-c.com", "示例科技新名网站", FiledWebsite.ACTIVE)
    # the website reuses the subject principal: their mobile got the code (seed 003 §9 变更网站 → 网站负责人)
    assert kinds.sms_sent(ministry, order) == [order.application["subject"]["principal"]["mobile"]]
    assert order.meta["changes"] and all("*" not in c["after"] for c in order.meta["changes"])


@pytest.mark.django_db(transaction=True)
def test_change_subject_renames_the_subject_and_verifies_the_new_mobile(ministry, recording):
    n = kinds.unique()
    owner, filing, _ = kinds.filed(ministry, email=f"cs-{n}@example.com", n=n)
    new_mobile = kinds.mobile(n, prefix="159")

    def edit(app):
        app["subject"]["principal"]["mobile"] = new_mobile

    order = kinds.to_result(ministry, _change(owner, filing, "change_subject", edit))
    assert order.state == states.APPROVED
    assert kinds.sms_sent(ministry, order) == [new_mobile]  # the new number, not the filed one
    (change,) = order.meta["changes"]
    assert change["path"] == "subject.principal.mobile" and change["after"] == new_mobile[:3] + "****" + new_mobile[-4:]
    filing.refresh_from_db()
    assert filing.application["subject"]["principal"]["mobile"] == new_mobile
    assert kinds.public_query(ministry, f"kinds-{n}.com")[0]["subject_name"] == filing.subject_name


@pytest.mark.django_db(transaction=True)
def test_change_access_goes_straight_to_the_bureau_and_moves_the_platform_record(ministry, recording):
    n = kinds.unique()
    owner, filing, _ = kinds.filed(ministry, email=f"ca-{n}@example.com", n=n)
    website = filing.websites.get()
    instance = kinds.add_instance(owner, n)
    new_ip = "47.96.77.1" if instance.public_ip != "47.96.77.1" else "47.96.77.2"

    def edit(app):
        app["websites"][0]["access"].update(instance_id=instance.instance_id, ip=new_ip)

    order = _change(owner, filing, "change_access", edit, website)
    services.poll_results()
    order.refresh_from_db()
    assert order.state == states.BUREAU_REVIEW and kinds.sms_sent(ministry, order) == []  # no code for 变更接入
    assert {c["path"] for c in recording[-1]["changes"]} >= {"websites[0].access.instance_id", "websites[0].access.ip"}
    order = kinds.to_result(ministry, order)
    website.refresh_from_db()
    assert (website.instance_id, website.ip) == (instance.instance_id, new_ip)
    assert kinds.public_query(ministry, f"kinds-{n}.com")[0]["domain"] == f"kinds-{n}.com"
