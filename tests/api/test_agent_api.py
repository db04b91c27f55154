"""Issue 16: an agent's API key acts for its customers (the `Beian-Customer` header), with the web's isolation.

Two agents A1, A2, each with a customer (C1, C2), and a stranger. A1 files C1's order end to end by API; A1 can act
for nobody else (404 `customer_not_found`, the same for an unknown account); after C1 leaves, A1's requests for
C1 are 404 and C1's events no longer reach A1's webhook; `customer=all` lists A1's customers' orders only; the
principal's SMS code is refused while acting."""

import json
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from beian.agents import services as agents
from beian.filings import states
from beian.filings.demo import seed_products
from beian.filings.models import Order, OrderEvent
from beian.notifications.models import SmsRecord
from beian.webhooks import services as webhooks
from beian.webhooks.models import Delivery
from tests.api.support import body, key, user
from tests.e2e.filing_kinds_support import unique
from tests.verification.support import pass_verification
from tests.webhooks.conftest import receiver  # noqa: F401 (the fixture)
from tests.wizard.support import image_bytes

pytestmark = pytest.mark.django_db


class Api:
    """A key's calls, optionally for a customer (the header)."""

    def __init__(self, raw: str, customer=None):
        self.client = Client()
        self.headers = {"Authorization": f"Bearer {raw}"}
        if customer is not None:
            self.headers["Beian-Customer"] = str(customer)

    def get(self, path):
        return self.client.get(f"/api/v1{path}", headers=self.headers)

    def post(self, path, data=None, **headers):
        return self.client.post(f"/api/v1{path}", data or {}, content_type="application/json",
                                headers={**self.headers, **headers})

    def put(self, path, data):
        return self.client.put(f"/api/v1{path}", data, content_type="application/json", headers=self.headers)

    def upload(self, path):
        return self.client.post(f"/api/v1{path}", {"file": SimpleUploadedFile("x.png", image_bytes())},
                                headers=self.headers)


@pytest.fixture
def world():
    n = unique()
    a1, a2 = user(f"api-a1-{n}@example.com"), user(f"api-a2-{n}@example.com")
    agents.make_agent(user=a1, name="渠道一")
    agents.make_agent(user=a2, name="渠道二")
    c1 = agents.create_customer(agent_user=a1, email=f"api-c1-{n}@example.com", name="客户一").customer
    c2 = agents.create_customer(agent_user=a2, email=f"api-c2-{n}@example.com", name="客户二").customer
    stranger = user(f"api-s-{n}@example.com")
    return {"n": n, "a1": a1, "a2": a2, "c1": c1, "c2": c2, "stranger": stranger,
            "k_a1": key(a1), "k_a2": key(a2), "k_c1": key(c1), "k_s": key(stranger),
            "instances": seed_products(c1, prefix=f"ag{n}")}


def _create(api, domain=None, **headers):
    payload, _ = body(domain=domain)
    response = api.post("/orders", payload, **headers)
    assert response.status_code == 201, response.content
    return response.json(), payload


def _subject(app):
    subject = app["subject"]
    principal = {k: subject["principal"].get(k) or "" for k in (
        "name", "cert_type", "cert_number", "cert_valid_until", "mobile", "contact2", "emergency_mobile", "email")}
    return {k: subject.get(k) or "" for k in ("mailing_address", "investor", "remark")} | {"principal": principal}


def _site(site):
    return {"name": site["name"], "domains": site["domains"], "content": site.get("content") or "单位门户网站",
            "service_type": site.get("service_type") or "网站应用服务", "languages": site.get("languages") or ["中文简体"],
            "pre_approvals": [], "remark": "", "principal": None}


def test_an_agent_files_its_customers_order_end_to_end(world, django_capture_on_commit_callbacks):
    a1, c1 = world["a1"], world["c1"]
    api = Api(world["k_a1"], customer=c1.pk)
    created, payload = _create(api, **{"Idempotency-Key": "agent-1"})
    ref = f"/orders/{created['reference']}"
    order = Order.objects.get(reference=created["reference"])
    assert order.account == c1  # the customer's order, not the agent's
    assert created["customer"] == {"id": c1.pk, "email": c1.email}
    assert not Order.objects.filter(account=a1).exists()

    # A retry with the same Idempotency-Key (kept in the customer's account) answers the same order.
    replay = api.post("/orders", payload, **{"Idempotency-Key": "agent-1"})
    assert replay.status_code == 200 and replay.json()["reference"] == created["reference"]
    assert Order.objects.filter(account=c1).count() == 1

    product = api.put(f"{ref}/product", {"websites": [{"instance_id": world["instances"][0].instance_id}]})
    assert product.status_code == 200, product.content
    subject = api.put(f"{ref}/subject", {"version": product.json()["version"],
                                         "subject": _subject(payload["application"])})
    assert subject.status_code == 200, subject.content
    sites = api.put(f"{ref}/websites", {"version": subject.json()["version"],
                                        "websites": [_site(s) for s in payload["application"]["websites"]]})
    assert sites.status_code == 200, sites.content

    # The principal's SMS code stays with the person: the agent may have it sent, not type it in.
    with django_capture_on_commit_callbacks(execute=True):
        assert api.post(f"{ref}/mobile/send-code").status_code == 200
    phone = payload["application"]["subject"]["principal"]["mobile"]
    code = re.search(r"验证码为(\d{6})", SmsRecord.objects.filter(SmsRecord.for_mobile(phone)).latest("pk").body).group(1)
    refused = api.post(f"{ref}/mobile/verify", {"code": code})
    assert refused.status_code == 403 and refused.json()["code"] == "agent_sms_code"
    assert "本人" in refused.json()["message"]
    # The customer, in their own account, enters it.
    assert Api(world["k_c1"]).post(f"{ref}/mobile/verify", {"code": code}).status_code == 200

    # The phone page's link is handed to the person: fine while acting.
    link = api.get(f"{ref}/phone-link?person=subject_principal")
    assert link.status_code == 200 and "/m/" in link.json()["url"]

    listing = api.get(f"{ref}/materials").json()
    for slot in [s["slot"] for s in listing["slots"] if s["required"]]:
        assert api.upload(f"{ref}/materials/{slot}").status_code == 201, slot
    pass_verification(Order.objects.get(pk=order.pk))
    submitted = api.post(f"{ref}/submit", {"agreement_accepted": True})
    assert submitted.status_code == 200, submitted.content
    assert submitted.json()["state"] == states.PROVIDER_REVIEW

    # Who acted: the agent, named on every event it caused ("代理商 X 代客户 Y"), as on the web's 代客户办理.
    events = OrderEvent.objects.filter(order=order)
    for kind in ("created", "edit", "transition"):
        mine = events.filter(kind=kind, actor=a1)
        assert mine.exists(), kind
        assert all(e.payload["on_behalf"]["agent"] == a1.get_username() for e in mine), kind
    submit = events.get(kind="transition", to_state=states.PROVIDER_REVIEW)
    assert submit.actor == a1 and submit.payload["on_behalf"]["customer"] == c1.get_username()
    assert not events.filter(actor=c1, kind__in=("created", "edit", "transition")).exists()


def test_an_agent_acts_only_for_its_own_active_customers(world):
    c2, stranger = world["c2"], world["stranger"]
    own, _ = _create(Api(world["k_c1"]))
    for customer in (c2.pk, c2.email, stranger.pk, stranger.email, 99999999, "nobody@example.com", "", "abc",
                     world["a2"].pk):
        response = Api(world["k_a1"], customer=customer).get("/orders")
        assert response.status_code == 404, customer
        assert response.json()["code"] == "customer_not_found"
    # A non-agent's key (even the customer's own) cannot name an account, not even an existing one.
    for raw, customer in ((world["k_s"], world["c1"].pk), (world["k_c1"], world["c1"].pk),
                          (world["k_c1"], world["a1"].pk)):
        response = Api(raw, customer=customer).get("/orders")
        assert response.status_code == 404 and response.json()["code"] == "customer_not_found"
    # By e-mail, any case.
    by_email = Api(world["k_a1"], customer=world["c1"].email.upper()).get(f"/orders/{own['reference']}")
    assert by_email.status_code == 200 and by_email.json()["customer"]["id"] == world["c1"].pk
    # Without the header the agent acts in its own account: the customer's order is not there.
    assert Api(world["k_a1"]).get(f"/orders/{own['reference']}").status_code == 404
    # A2 cannot see C1's order under any header.
    assert Api(world["k_a2"]).get(f"/orders/{own['reference']}").status_code == 404
    assert Api(world["k_a2"], customer=world["c1"].pk).get(f"/orders/{own['reference']}").status_code == 404


def test_after_the_customer_leaves_the_agent_is_refused(world):
    c1 = world["c1"]
    api = Api(world["k_a1"], customer=c1.pk)
    created, _ = _create(api)
    assert api.get(f"/orders/{created['reference']}").status_code == 200
    link = c1.agent_links.get(status="active")
    agents.leave(customer=c1, pk=link.pk)
    for response in (api.get(f"/orders/{created['reference']}"), api.get("/orders"),
                     api.post(f"/orders/{created['reference']}/cancel")):
        assert response.status_code == 404 and response.json()["code"] == "customer_not_found"
    assert Order.objects.get(reference=created["reference"]).state != states.CANCELLED
    assert Api(world["k_a1"]).get("/customers").json()["items"] == []
    everything = Api(world["k_a1"]).get("/orders?customer=all").json()["items"]
    assert created["reference"] not in {o["reference"] for o in everything}
    # The customer still has its order.
    assert Api(world["k_c1"]).get(f"/orders/{created['reference']}").status_code == 200


def test_customers_and_all_orders_of_an_agent(world):
    a1, c1, c2 = world["a1"], world["c1"], world["c2"]
    second = agents.create_customer(agent_user=a1, email=f"api-c1b-{world['n']}@example.com", name="客户三").customer
    mine, _ = _create(Api(world["k_a1"]))  # the agent's own
    refs = {mine["reference"]}
    for customer in (c1, second, c1):
        refs.add(_create(Api(world["k_a1"], customer=customer.pk))[0]["reference"])
    other = _create(Api(world["k_a2"], customer=c2.pk))[0]["reference"]
    strangers = _create(Api(world["k_s"]))[0]["reference"]

    customers = Api(world["k_a1"]).get("/customers")
    assert customers.status_code == 200
    assert [(c["id"], c["email"], c["status"]) for c in customers.json()["items"]] == [
        (c1.pk, c1.email, "active"), (second.pk, second.email, "active")]
    assert customers.json()["items"][0]["name"] == "客户一"
    paged = Api(world["k_a1"]).get("/customers?limit=1").json()
    assert len(paged["items"]) == 1 and paged["next_cursor"] == c1.pk
    assert [c["id"] for c in Api(world["k_a1"]).get(f"/customers?cursor={c1.pk}").json()["items"]] == [second.pk]
    refused = Api(world["k_s"]).get("/customers")
    assert refused.status_code == 403 and refused.json()["code"] == "not_agent"

    # customer=all, two at a time: every page in order, no repeats, only A1's and its customers' orders.
    seen, cursor = [], None
    while True:
        page = Api(world["k_a1"]).get("/orders?customer=all&limit=2" + (f"&cursor={cursor}" if cursor else "")).json()
        seen += page["items"]
        cursor = page["next_cursor"]
        if not cursor:
            break
    assert [o["reference"] for o in seen if o["reference"] in refs] == [o["reference"] for o in seen]
    assert {o["reference"] for o in seen} == refs and len(seen) == len(refs)
    assert other not in refs and strangers not in refs
    assert [(o["created_at"], o["reference"]) for o in seen] == sorted(
        ((o["created_at"], o["reference"]) for o in seen), reverse=True)
    by_ref = {o["reference"]: o["customer"] for o in seen}
    assert by_ref[mine["reference"]] is None
    assert {json.dumps(v, sort_keys=True) for r, v in by_ref.items() if r != mine["reference"]} == {
        json.dumps({"id": c1.pk, "email": c1.email}, sort_keys=True),
        json.dumps({"id": second.pk, "email": second.email}, sort_keys=True)}
    # A plain list is still the account's own; a non-agent's customer=all is its own orders only.
    assert [o["reference"] for o in Api(world["k_a1"]).get("/orders").json()["items"]] == [mine["reference"]]
    assert [o["reference"] for o in Api(world["k_s"]).get("/orders?customer=all").json()["items"]] == [strangers]
    conflict = Api(world["k_a1"], customer=c1.pk).get("/orders?customer=all")
    assert conflict.status_code == 400 and conflict.json()["code"] == "customer_conflict"


def test_an_agents_webhook_gets_its_customers_events_and_no_others(world, receiver,  # noqa: F811
                                                                   django_capture_on_commit_callbacks):
    a1, c1, c2 = world["a1"], world["c1"], world["c2"]
    events = ["order.created", "order.state_changed"]
    agent_hook, _ = webhooks.create_endpoint(account=a1, actor=a1, url=receiver.hook("/a1"), events=events)
    customer_hook, _ = webhooks.create_endpoint(account=c1, actor=c1, url=receiver.hook("/c1"), events=events)
    with django_capture_on_commit_callbacks(execute=True):
        mine = _create(Api(world["k_a1"], customer=c1.pk))[0]
        others = _create(Api(world["k_a2"], customer=c2.pk))[0]
    to_agent = [json.loads(r.body) for r in receiver.requests if r.path == "/a1"]
    to_customer = [json.loads(r.body) for r in receiver.requests if r.path == "/c1"]
    assert [(e["type"], e["data"]["order"]["reference"], e["data"]["customer"]) for e in to_agent] == [
        ("order.created", mine["reference"], {"id": c1.pk})]
    assert [(e["type"], e["data"]["order"]["reference"]) for e in to_customer] == [("order.created", mine["reference"])]
    assert "customer" not in to_customer[0]["data"]
    assert not Delivery.objects.filter(order__reference=others["reference"], endpoint__account__in=[a1, c1]).exists()

    # After C1 leaves A1, C1's events reach C1's endpoint only.
    agents.leave(customer=c1, pk=c1.agent_links.get(status="active").pk)
    with django_capture_on_commit_callbacks(execute=True):
        assert Api(world["k_c1"]).post(f"/orders/{mine['reference']}/cancel").status_code == 200
    assert Delivery.objects.filter(endpoint=customer_hook, event_type="order.state_changed").count() == 1
    assert not Delivery.objects.filter(endpoint=agent_hook, event_type="order.state_changed").exists()
    assert Delivery.objects.filter(endpoint=agent_hook).count() == 1
