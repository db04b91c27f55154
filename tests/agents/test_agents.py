"""Agent (reseller) accounts, issue 16 #2: two agents A1, A2 with customers; isolation, invitations, leaving,
who acted, and what stays with the person (SMS code, face check, hand-off)."""

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.test import Client

from beian.agents import selectors, services
from beian.agents.models import AgentEvent, AgentLink
from beian.filings import states
from beian.filings.models import Order, OrderEvent
from beian.filings.services import create_order
from beian.notifications.models import Message
from beian.verification import services as phone
from beian.wizard import handoff as handoffs
from tests.e2e.filing_kinds_support import unique, uscc
from tests.filings.conftest import application
from tests.wizard.support import basic_post

PASSWORD = "agent-test-pass-1"
pytestmark = pytest.mark.django_db


def _user(email):
    return get_user_model().objects.create_user(email, email, PASSWORD)


def _client(user, *, acting_for=None) -> Client:
    client = Client()
    client.force_login(user)
    if acting_for is not None:
        assert client.post("/agents/act/", {"customer": acting_for.pk}).status_code == 302
    return client


def _order(account, tag):
    n = unique()
    order = create_order(account=account, application=application(f"agent-{tag}-{n}.com", uscc(n)))
    Order.objects.filter(pk=order.pk).update(state=states.MATERIALS)
    order.refresh_from_db()
    return order


@pytest.fixture
def world():
    a1, a2 = _user("a1@example.com"), _user("a2@example.com")
    services.make_agent(user=a1, name="渠道一")
    services.make_agent(user=a2, name="渠道二")
    c1 = services.create_customer(agent_user=a1, email="c1@example.com", name="客户一").customer
    c2 = services.create_customer(agent_user=a2, email="c2@example.com", name="客户二").customer
    stranger = _user("stranger@example.com")
    return {"a1": a1, "a2": a2, "c1": c1, "c2": c2, "stranger": stranger,
            "o1": _order(c1, "c1"), "o2": _order(c2, "c2"), "o_stranger": _order(stranger, "s")}


def _order_urls(order):
    pk = order.pk
    return [f"/orders/{pk}/", f"/orders/{pk}/basic/", f"/orders/{pk}/subject/", f"/orders/{pk}/websites/",
            f"/orders/{pk}/materials/", f"/orders/{pk}/confirm/", f"/orders/{pk}/product/"]


def test_created_customer_gets_a_password_mail_and_is_linked(world):
    link = AgentLink.objects.get(customer=world["c1"])
    assert link.status == AgentLink.ACTIVE and link.created_account
    assert not world["c1"].has_usable_password()
    mail = Message.objects.get(account=world["c1"], channel=Message.EMAIL)
    assert "/accounts/reset/" in mail.body and "渠道一" in mail.subject
    assert AgentEvent.objects.filter(link=link, kind="created", actor=world["a1"]).exists()


def test_matrix_agents_see_only_their_own_customers(world):
    a1, a2, c1, c2 = world["a1"], world["a2"], world["c1"], world["c2"]
    assert set(selectors.accessible_accounts(a1)) == {a1, c1}
    assert set(selectors.accessible_accounts(a2)) == {a2, c2}
    # A1 cannot switch to A2's customer, nor to a stranger.
    client = _client(a1)
    assert client.post("/agents/act/", {"customer": c2.pk}).status_code == 404
    assert client.post("/agents/act/", {"customer": world["stranger"].pk}).status_code == 404
    # Acting for its own customer, A1 reaches c1's order and nothing of c2's or the stranger's.
    acting = _client(a1, acting_for=c1)
    for url in _order_urls(world["o1"]):
        assert acting.get(url).status_code == 200, url
    for other in (world["o2"], world["o_stranger"]):
        for url in _order_urls(other):
            assert acting.get(url).status_code == 404, url
        assert acting.get(f"/materials/{other.pk}/authorization_letter/").status_code == 404
        assert acting.post(f"/orders/{other.pk}/cancel/").status_code == 404
        assert acting.post(f"/orders/{other.pk}/handoff/", {"step": "materials"}).status_code == 404
        assert acting.post(f"/orders/{other.pk}/materials/", {"action": "create_link",
                                                               "person": "subject_principal"}).status_code == 404
    # Not acting, A1 is just an account: its customers' orders are not in its own pages.
    for url in _order_urls(world["o1"]):
        assert client.get(url).status_code == 404, url
    # The dashboard lists A1's customers' orders only.
    page = client.get("/agents/").content.decode()
    assert world["o1"].reference in page
    assert world["o2"].reference not in page and world["o_stranger"].reference not in page
    assert "c2@example.com" not in page
    # A customer is an ordinary account: it sees neither the other customer's orders nor any agent page.
    customer = _client(c1)
    for url in _order_urls(world["o2"]):
        assert customer.get(url).status_code == 404, url
    assert customer.get("/agents/").status_code == 404
    assert customer.post("/agents/act/", {"customer": c2.pk}).status_code == 404
    assert world["o2"].reference not in customer.get("/orders/").content.decode()


def test_order_list_while_acting_is_the_customers(world):
    acting = _client(world["a1"], acting_for=world["c1"])
    page = acting.get("/orders/").content.decode()
    assert world["o1"].reference in page and world["o2"].reference not in page
    assert 'id="acting-banner"' in page and "c1@example.com" in page


def test_agent_starts_an_order_for_the_customer_and_the_actor_is_recorded(world):
    a1, c1 = world["a1"], world["c1"]
    from beian.filings.demo import seed_business
    from tests.wizard.support import ZJ_COMPANY

    seed_business(ZJ_COMPANY)
    acting = _client(a1, acting_for=c1)
    n = unique()
    response = acting.post("/orders/new/", basic_post(**{"websites[0].domains[0]": f"agent-new-{n}.com"}))
    assert response.status_code == 302, response.content.decode()[-3000:]
    order = Order.objects.get(pk=int(response["Location"].strip("/").split("/")[1]))
    assert order.account == c1  # filed in the customer's account
    created = order.events.get(kind="created")
    assert created.actor == a1 and created.role == "applicant"
    assert created.payload["on_behalf"]["text"] == "代理商 渠道一（a1@example.com） 代客户 c1@example.com"
    # The customer sees in its own history that the agent acted.
    history = _client(c1).get(f"/orders/{order.pk}/").content.decode()
    assert "代理商 渠道一（a1@example.com） 代客户 c1@example.com" in history


def test_reviewer_console_shows_the_agent(world):
    from tests.review.support import make_reviewer

    reviewer = make_reviewer("rev-agents@example.com", PASSWORD)
    client = Client()
    client.force_login(reviewer)
    page = client.get(f"/review/{world['o1'].pk}/").content.decode()
    assert 'id="agent"' in page and "渠道一（a1@example.com）" in page
    assert 'id="agent"' not in client.get(f"/review/{world['o_stranger'].pk}/").content.decode()


def test_invitation_grants_nothing_until_accepted_and_leaving_cuts_access(world):
    a1, stranger = world["a1"], world["stranger"]
    client = _client(a1)
    client.post("/agents/customers/invite/", {"email": "stranger@example.com"})
    link = AgentLink.objects.get(agent__user=a1, customer=stranger)
    assert link.status == AgentLink.INVITED
    assert client.post("/agents/act/", {"customer": stranger.pk}).status_code == 404
    assert world["o_stranger"].reference not in client.get("/agents/").content.decode()
    # Only the invited account may accept: A2 and A1 itself cannot.
    assert _client(world["a2"]).post(f"/agents/mine/{link.pk}/accept/").status_code == 302
    assert _client(a1).post(f"/agents/mine/{link.pk}/accept/").status_code == 302
    link.refresh_from_db()
    assert link.status == AgentLink.INVITED
    own = _client(stranger)
    assert "渠道一" in own.get("/agents/mine/").content.decode()
    own.post(f"/agents/mine/{link.pk}/accept/")
    link.refresh_from_db()
    assert link.status == AgentLink.ACTIVE
    acting = _client(a1, acting_for=stranger)
    assert acting.get(f"/orders/{world['o_stranger'].pk}/").status_code == 200
    # The customer leaves: the agent's very next request has no access, and the leaving is audited.
    own.post(f"/agents/mine/{link.pk}/leave/")
    link.refresh_from_db()
    assert link.status == AgentLink.LEFT and link.ended_at
    assert AgentEvent.objects.filter(link=link, kind="left", actor=stranger).exists()
    assert acting.get(f"/orders/{world['o_stranger'].pk}/").status_code == 404
    assert "acting-banner" not in acting.get("/orders/").content.decode()
    assert world["o_stranger"].reference not in acting.get("/agents/").content.decode()


def test_an_account_with_an_agent_cannot_accept_a_second(world):
    link = services.invite(agent_user=world["a2"], email="c1@example.com")
    with pytest.raises(services.AgentError) as exc:
        services.accept(customer=world["c1"], pk=link.pk)
    assert exc.value.code == "agent_other_active"


def test_the_sms_code_face_check_and_hand_off_stay_with_the_person(world):
    a1, c1, order = world["a1"], world["c1"], world["o1"]
    acting = _client(a1, acting_for=c1)
    page = acting.post(f"/orders/{order.pk}/subject/", {"version": order.version, "sms_code": "123456",
                                                        "subject.principal.mobile": "13800000000"})
    assert "短信验证码须由负责人本人填写" in page.content.decode()
    # The phone page's face check refuses a browser signed in as the customer's agent.
    _link, token = phone.create_link(order=order, person="subject_principal", user=a1)
    response = acting.post(f"/m/{token}/face/", {})
    assert response.status_code == 403 and response.json()["code"] == "face_agent"
    # The hand-off link signs in as the customer: the agent's own device may not use it.
    _handoff, htoken = handoffs.create(order=order, user=a1, step="subject")
    response = acting.post(f"/h/{htoken}/")
    assert response.status_code == 410
    assert "须由本人打开" in response.content.decode()
    # The person's own phone (no session) may.
    assert Client().post(f"/h/{htoken}/").status_code == 302


def test_agent_cannot_accept_or_leave_in_the_customers_name(world):
    link = AgentLink.objects.get(customer=world["c1"])
    acting = _client(world["a1"], acting_for=world["c1"])
    assert acting.post(f"/agents/mine/{link.pk}/leave/").status_code == 404
    link.refresh_from_db()
    assert link.status == AgentLink.ACTIVE


def test_make_agent_command():
    user = _user("cmd-agent@example.com")
    call_command("make_agent", "--email", "cmd-agent@example.com", "--name", "命令渠道")
    assert selectors.is_agent(user)
    call_command("make_agent", "--email", "cmd-agent@example.com", "--off")
    assert not selectors.is_agent(user)


def test_events_by_the_customer_itself_carry_no_agent(world):
    order = world["o1"]
    event = OrderEvent.objects.create(order=order, at=order.created_at, actor=world["c1"], role="applicant", kind="note")
    assert "on_behalf" not in event.payload
