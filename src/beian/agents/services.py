"""Agent accounts: making agents, creating and inviting customers, accepting and ending links, 代客户办理.

Every change of a link is an AgentEvent (who, when); the orders' own events name the agent (signals.py)."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.tokens import default_token_generator
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from beian.agents import messages as msg
from beian.agents import selectors
from beian.agents.models import Agent, AgentEvent, AgentLink


class AgentError(Exception):
    def __init__(self, code: str, message: str):
        super().__init__(message)
        self.code, self.message = code, message


def _event(link, kind: str, actor, **payload) -> AgentEvent:
    return AgentEvent.objects.create(link=link, at=timezone.now(), actor=actor, kind=kind, payload=payload)


def make_agent(*, user, name: str = "", active: bool = True) -> Agent:
    agent, created = Agent.objects.get_or_create(user=user, defaults={"name": (name or user.get_username())[:100],
                                                                     "active": active})
    if not created:
        agent.active, agent.name = active, (name or agent.name)[:100]
        agent.save(update_fields=["active", "name"])
    return agent


def _clean_email(email: str) -> str:
    email = (email or "").strip().lower()[:254]
    try:
        validate_email(email)
    except Exception:
        raise AgentError("agent_email_invalid", msg.EMAIL_INVALID) from None
    return email


def _agent(user) -> Agent:
    agent = selectors.agent_of(user)
    if agent is None:
        raise AgentError("not_agent", msg.NOT_AGENT)
    return agent


def create_customer(*, agent_user, email: str, name: str) -> AgentLink:
    """A new account for the customer, linked at once; the customer sets a password from the mail."""
    agent = _agent(agent_user)
    email, name = _clean_email(email), (name or "").strip()[:150]
    if not name:
        raise AgentError("agent_name_required", msg.NAME_REQUIRED)
    User = get_user_model()
    if User.objects.filter(username__iexact=email).exists() or User.objects.filter(email__iexact=email).exists():
        raise AgentError("agent_email_taken", msg.EMAIL_TAKEN)
    now = timezone.now()
    with transaction.atomic():
        customer = User.objects.create_user(username=email, email=email, first_name=name[:150])
        customer.set_unusable_password()
        customer.save(update_fields=["password"])
        link = AgentLink.objects.create(agent=agent, customer=customer, status=AgentLink.ACTIVE, created_account=True,
                                        created_at=now, accepted_at=now)
        _event(link, "created", agent_user, email=email)
        url = (f"{settings.SITE_URL}/accounts/reset/{urlsafe_base64_encode(force_bytes(customer.pk))}/"
               f"{default_token_generator.make_token(customer)}/")
        _mail(customer, msg.CREATED_SUBJECT.format(agent=agent.name),
              msg.CREATED_BODY.format(agent=selectors.label(agent), name=name, email=email, url=url), "agent_created")
    return link


def invite(*, agent_user, email: str) -> AgentLink:
    """An invitation to an existing account: nothing of it is visible to the agent until it is accepted."""
    agent = _agent(agent_user)
    email = _clean_email(email)
    customer = get_user_model().objects.filter(username__iexact=email).first()
    if customer is None:
        raise AgentError("agent_email_unknown", msg.EMAIL_UNKNOWN)
    if customer.pk == agent_user.pk:
        raise AgentError("agent_self", msg.SELF_LINK)
    try:
        with transaction.atomic():
            link = AgentLink.objects.create(agent=agent, customer=customer, created_at=timezone.now())
            _event(link, "invited", agent_user, email=email)
            _mail(customer, msg.INVITE_SUBJECT.format(agent=agent.name),
                  msg.INVITE_BODY.format(agent=selectors.label(agent), email=customer.get_username(),
                                         url=f"{settings.SITE_URL}/agents/mine/"), "agent_invited")
    except IntegrityError:
        raise AgentError("agent_already_linked", msg.ALREADY_LINKED) from None
    return link


def _mail(account, title: str, body: str, event: str) -> None:
    from beian.notifications.services import notify_account

    notify_account(account=account, event=event, title=title, body=body)


def _customer_link(customer, pk, statuses) -> AgentLink:
    link = (AgentLink.objects.select_related("agent", "agent__user")
            .filter(pk=pk if str(pk).isdigit() else 0, customer=customer, status__in=statuses).first())
    if link is None:
        raise AgentError("agent_link_not_found", msg.LINK_NOT_FOUND)
    return link


def accept(*, customer, pk) -> AgentLink:
    link = _customer_link(customer, pk, [AgentLink.INVITED])
    try:
        with transaction.atomic():
            AgentLink.objects.filter(pk=link.pk).update(status=AgentLink.ACTIVE, accepted_at=timezone.now())
            _event(link, "accepted", customer)
    except IntegrityError:
        raise AgentError("agent_other_active", msg.HAS_OTHER_AGENT) from None
    link.refresh_from_db()
    return link


def decline(*, customer, pk) -> AgentLink:
    link = _customer_link(customer, pk, [AgentLink.INVITED])
    return _end(link, AgentLink.DECLINED, customer, "declined")


def leave(*, customer, pk) -> AgentLink:
    """The customer ends the link: the agent's access ends with this request (every check reads the link)."""
    link = _customer_link(customer, pk, [AgentLink.ACTIVE])
    return _end(link, AgentLink.LEFT, customer, "left")


def remove(*, agent_user, pk) -> AgentLink:
    link = (AgentLink.objects.filter(pk=pk if str(pk).isdigit() else 0, agent__user=agent_user,
                                     status__in=AgentLink.OPEN).first())
    if link is None:
        raise AgentError("agent_link_not_found", msg.LINK_NOT_FOUND)
    return _end(link, AgentLink.REMOVED, agent_user, "removed")


def _end(link, status, actor, kind) -> AgentLink:
    with transaction.atomic():
        link.status, link.ended_at = status, timezone.now()
        link.save(update_fields=["status", "ended_at"])
        _event(link, kind, actor)
    return link


def start_acting(request, customer_id) -> AgentLink:
    link = selectors.active_link(agent_user=request.user, customer_id=customer_id)
    if link is None:
        raise AgentError("agent_customer_not_found", msg.CUSTOMER_NOT_FOUND)
    request.session[selectors.SESSION_KEY] = link.customer_id
    request.acting_for = link.customer
    _event(link, "acting_started", request.user)
    return link


def stop_acting(request) -> None:
    customer_id = request.session.pop(selectors.SESSION_KEY, None)
    link = selectors.active_link(agent_user=request.user, customer_id=customer_id) if customer_id else None
    if link is not None:
        _event(link, "acting_stopped", request.user)
    request.acting_for = None


def on_behalf(*, actor_id, account_id) -> dict | None:
    """{"agent", "agent_name", "customer", "text"} when `actor_id` acted in `account_id` as its agent."""
    if not actor_id or not account_id or actor_id == account_id:
        return None
    link = (AgentLink.objects.select_related("agent", "agent__user", "customer")
            .filter(agent__user_id=actor_id, customer_id=account_id, status=AgentLink.ACTIVE).first())
    if link is None:
        return None
    customer = link.customer.get_username()
    return {"agent": link.agent.user.get_username(), "agent_name": link.agent.name, "customer": customer,
            "text": msg.ON_BEHALF.format(agent=selectors.label(link.agent), customer=customer)}
