"""代理商工作台 (the agent's customers and their orders), 代客户办理 on/off, and the customer's 我的代理商."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_GET, require_POST

from beian.agents import messages as msg
from beian.agents import selectors, services
from beian.agents.models import AgentLink
from beian.filings.models import Order
from beian.web import limits


def _agent_or_404(request):
    agent = selectors.agent_of(request.user)
    if agent is None:
        raise Http404(msg.NOT_AGENT)
    return agent


@login_required
@require_GET
def dashboard(request):
    """Every active customer's orders with their state (never an invited account's: it has not accepted)."""
    agent = _agent_or_404(request)
    customers = list(selectors.customers_of(request.user))
    orders = (Order.objects.filter(account__in=customers).select_related("account")
              .order_by("account__email", "-created_at")[:500])
    links = AgentLink.objects.filter(agent=agent).select_related("customer").order_by("status", "-created_at")[:500]
    return render(request, "agents/dashboard.html", {"agent": agent, "customers": customers, "orders": orders,
                                                     "links": links, "title": msg.DASHBOARD_TITLE})


def _post_limited(request):
    try:
        limits.hit(("agent_customer", f"account:{request.user.pk}"), ("agent_customer", limits.ip_key(request)))
    except limits.Limited as exc:
        return limits.response(request, exc)
    return None


@login_required
@require_POST
def customer_create(request):
    _agent_or_404(request)
    if response := _post_limited(request):
        return response
    try:
        link = services.create_customer(agent_user=request.user, email=request.POST.get("email", ""),
                                        name=request.POST.get("name", ""))
        messages.success(request, msg.CUSTOMER_CREATED.format(email=link.customer.get_username()))
    except services.AgentError as exc:
        messages.error(request, exc.message)
    return redirect("agents:dashboard")


@login_required
@require_POST
def customer_invite(request):
    _agent_or_404(request)
    if response := _post_limited(request):
        return response
    try:
        link = services.invite(agent_user=request.user, email=request.POST.get("email", ""))
        messages.success(request, msg.INVITED.format(email=link.customer.get_username()))
    except services.AgentError as exc:
        messages.error(request, exc.message)
    return redirect("agents:dashboard")


@login_required
@require_POST
def customer_remove(request, pk):
    _agent_or_404(request)
    try:
        link = services.remove(agent_user=request.user, pk=pk)
        messages.success(request, msg.REMOVED.format(email=link.customer.get_username()))
    except services.AgentError as exc:
        messages.error(request, exc.message)
    return redirect("agents:dashboard")


def _next(request, default: str) -> str:
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()},
                                                  require_https=request.is_secure()):
        return target
    return default


@login_required
@require_POST
def act(request):
    """代客户办理: from here on every page acts in the customer's account (banner in base.html)."""
    _agent_or_404(request)
    try:
        link = services.start_acting(request, request.POST.get("customer", ""))
    except services.AgentError as exc:
        raise Http404(exc.message) from None
    messages.info(request, msg.ACTING_STARTED.format(customer=link.customer.get_username()))
    return redirect(_next(request, "/orders/"))


@login_required
@require_POST
def act_stop(request):
    services.stop_acting(request)
    messages.info(request, msg.ACTING_STOPPED)
    return redirect("agents:dashboard" if selectors.is_agent(request.user) else "/orders/")


@login_required
@require_GET
def mine(request):
    """The customer's own page: invitations to accept or decline, the active agent to leave. Always the signed-in
    account's own (an agent acting for a customer sees its own links here, never the customer's)."""
    links = AgentLink.objects.filter(customer=request.user).select_related("agent", "agent__user")
    return render(request, "agents/mine.html", {"title": msg.MINE_TITLE, "links": links[:100]})


def _customer_action(request, pk, action, done):
    try:
        link = action(customer=request.user, pk=pk)
        messages.success(request, done.format(agent=selectors.label(link.agent)))
    except services.AgentError as exc:
        messages.error(request, exc.message)
    return redirect("agents:mine")


def _own_session(request):
    # An agent acting for a customer is still itself: it cannot accept, decline or leave in the customer's name.
    if selectors.acting_for(request) is not None:
        raise Http404(msg.LINK_NOT_FOUND)


@login_required
@require_POST
def accept(request, pk):
    _own_session(request)
    return _customer_action(request, pk, services.accept, msg.ACCEPTED)


@login_required
@require_POST
def decline(request, pk):
    _own_session(request)
    return _customer_action(request, pk, services.decline, msg.DECLINED)


@login_required
@require_POST
def leave(request, pk):
    _own_session(request)
    return _customer_action(request, pk, services.leave, msg.LEFT)
