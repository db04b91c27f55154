"""Who may act in which account: the ONE place that grants an agent access to a customer's account.

Every page that reads or writes an account's orders, filings and materials takes the account from
`acting_account(request)`: the signed-in user's own account, or, while an agent has switched to 代客户办理,
the customer's (only through an ACTIVE link of an active agent). The API (request.auth is the key's account)
uses `accessible_accounts(user)` to list, and `acts_for(user, account)` to check one account.
"""

from django.contrib.auth import get_user_model

from beian.agents.models import Agent, AgentLink

SESSION_KEY = "beian.acting_for"


def agent_of(user) -> Agent | None:
    """The user's agent profile when it is active (an inactive agent acts for nobody)."""
    if user is None or not getattr(user, "is_authenticated", False):
        return None
    return Agent.objects.filter(user=user, active=True).first()


def is_agent(user) -> bool:
    return agent_of(user) is not None


def active_link(*, agent_user, customer_id) -> AgentLink | None:
    if agent_user is None or not getattr(agent_user, "is_authenticated", False) or not str(customer_id).isdigit():
        return None
    return (AgentLink.objects.select_related("agent", "customer")
            .filter(agent__user=agent_user, agent__active=True, customer_id=int(customer_id), status=AgentLink.ACTIVE)
            .first())


def customer_named(*, agent_user, key: str):
    """The agent's ACTIVE customer named by `key` (its account id, or its e-mail / user name), else None: an
    unknown account, another agent's customer, an ended link and a non-agent all answer None alike (the API's
    `Beian-Customer` header; nobody can tell from the answer whether an account exists)."""
    key = (key or "").strip()
    if not key or len(key) > 254 or not key.isprintable():
        return None
    if key.isdigit():
        link = active_link(agent_user=agent_user, customer_id=key) if len(key) < 19 else None
        return link.customer if link else None
    if "@" not in key or agent_user is None or not getattr(agent_user, "is_authenticated", False):
        return None
    from django.db.models import Q

    link = (AgentLink.objects.select_related("customer")
            .filter(Q(customer__username__iexact=key) | Q(customer__email__iexact=key), agent__user=agent_user,
                    agent__active=True, status=AgentLink.ACTIVE).first())
    return link.customer if link else None


def active_links_of(agent_user):
    """The agent's ACTIVE links with their customers (what /api/v1/customers lists); none for a non-agent."""
    if agent_user is None or not getattr(agent_user, "is_authenticated", False):
        return AgentLink.objects.none()
    return (AgentLink.objects.select_related("customer")
            .filter(agent__user=agent_user, agent__active=True, status=AgentLink.ACTIVE))


def acts_for(user, account) -> bool:
    """Whether `user` may act in `account`: their own, or an active customer's."""
    if user is None or account is None or not getattr(user, "is_authenticated", False):
        return False
    return user.pk == account.pk or active_link(agent_user=user, customer_id=account.pk) is not None


def customers_of(user):
    """The agent's active customers (accounts), newest link first; none for a non-agent."""
    return get_user_model().objects.filter(agent_links__agent__user=user, agent_links__agent__active=True,
                                           agent_links__status=AgentLink.ACTIVE).order_by("email")


def accessible_accounts(user):
    """Every account `user` may act in: their own plus their active customers (a queryset of users)."""
    from django.db.models import Q

    if user is None or not getattr(user, "is_authenticated", False):
        return get_user_model().objects.none()
    return get_user_model().objects.filter(
        Q(pk=user.pk) | Q(agent_links__agent__user=user, agent_links__agent__active=True,
                          agent_links__status=AgentLink.ACTIVE)).distinct()


def acting_for(request):
    """The customer the signed-in agent is acting for (代客户办理), or None. Set by ActingMiddleware; computed
    here when the middleware did not run (a view called directly)."""
    if hasattr(request, "acting_for"):
        return request.acting_for
    session = getattr(request, "session", None)
    customer_id = session.get(SESSION_KEY) if session is not None else None
    link = active_link(agent_user=getattr(request, "user", None), customer_id=customer_id) if customer_id else None
    return link.customer if link else None


def acting_account(request):
    """The account this request acts in: the customer while acting for one, else the signed-in user."""
    return acting_for(request) or request.user


def current_agent(account) -> Agent | None:
    """The agent currently filing for `account` (the reviewer console shows it)."""
    link = (AgentLink.objects.select_related("agent", "agent__user")
            .filter(customer=account, status=AgentLink.ACTIVE, agent__active=True).first())
    return link.agent if link else None


def label(agent: Agent) -> str:
    return f"{agent.name}（{agent.user.get_username()}）"


def agent_line(order) -> str:
    """The reviewer console's 代理商 line: the agent filing for the order's account now, else the last agent that
    acted on the order (its link since ended), else empty."""
    agent = current_agent(order.account)
    if agent is not None:
        return label(agent)
    last = (order.events.filter(payload__has_key="on_behalf").order_by("-at", "-id")
            .values_list("payload", flat=True).first())
    if last:
        from beian.agents import messages as msg

        found = last["on_behalf"]
        return msg.AGENT_ENDED_LINE.format(agent=f"{found.get('agent_name', '')}（{found.get('agent', '')}）")
    return ""
