"""在手机上继续: making and revoking hand-offs (the PC), the link itself (the other device), and the watch that tells
an open page what the other device changed (docs/decisions.md)."""

from urllib.parse import urlsplit

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from beian.agents.selectors import acting_account
from beian.filings.release import is_release
from beian.filings.selectors import order_for
from beian.web import limits
from beian.web.errors import error_response
from beian.wizard import handoff as service
from beian.wizard import messages as msg
from beian.wizard.models import HandOff

STEP_URLS = {"basic": "wizard:basic", "product": "wizard:product", "subject": "wizard:subject",
             "websites": "wizard:websites", "materials": "wizard:materials", "confirm": "wizard:confirm",
             "progress": "wizard:progress"}


def landing(order, step: str) -> str:
    """Where a device lands: the step it was handed at while the order can be edited there, else its progress."""
    if order.kind == "claim":
        return reverse("wizard:claim" if order.editable else "wizard:progress", args=[order.pk])
    if not order.editable or step not in STEP_URLS or (is_release(order.kind) and step != "confirm"):
        step = "progress"
    return reverse(STEP_URLS[step], args=[order.pk])


def _own(request, pk):
    order = order_for(account=acting_account(request), pk=pk)
    if order is None:
        raise Http404(msg.NOT_FOUND)
    return order


@login_required
@require_POST
def handoff_create(request, pk):
    order = _own(request, pk)
    step = request.POST.get("step", "")[:16]
    if service.scope_of(request) is not None:
        messages.error(request, msg.HANDOFF_NOT_HERE)
        return redirect(landing(order, step))
    try:
        limits.hit(("handoff_create", order.pk), ("handoff_create", f"account:{request.user.pk}"))
    except limits.Limited as exc:
        return limits.response(request, exc)
    service.create(order=order, user=request.user, step=step)
    messages.success(request, msg.HANDOFF_CREATED.format(minutes=int(service.TOKEN_TTL.total_seconds() // 60)))
    return redirect(landing(order, step) + "#handoff")


@login_required
@require_POST
def handoff_revoke(request, pk, handoff_pk):
    order = _own(request, pk)
    handoff = HandOff.objects.filter(order=order, pk=handoff_pk).first()
    if handoff is None:
        raise Http404(msg.NOT_FOUND)
    if service.scope_of(request) is not None:  # the middleware refuses this address to a phone; say so if it did not
        messages.error(request, msg.HANDOFF_NOT_HERE)
    elif service.revoke(handoff=handoff, user=request.user):
        messages.success(request, msg.HANDOFF_REVOKED_OK)
    return redirect(landing(order, request.POST.get("step", "")[:16]) + "#handoff")


@login_required
@require_GET
def handoff_watch(request, pk):
    """htmx polls this from every wizard page with the stamp the page was drawn with: 204 while nothing changed
    (htmx swaps nothing), else a notice saying what the other device did and a link to see it."""
    order = _own(request, pk)
    seen = request.GET.get("stamp", "")[:80]
    what = service.changes(order, seen)
    if not what:
        return HttpResponse(status=204)
    current = urlsplit(getattr(getattr(request, "htmx", None), "current_url", None) or "").path
    url = current if order.editable and current.startswith(f"/orders/{order.pk}/") else reverse("wizard:progress",
                                                                                              args=[order.pk])
    return render(request, "wizard/_handoff_changed.html", {
        "text": msg.HANDOFF_CHANGED.format(what="；".join(what)), "url": url, "reload": msg.HANDOFF_RELOAD,
        "note": msg.HANDOFF_RELOAD_NOTE if order.editable else ""})


def _refusal(request, exc: service.HandOffError):
    service.refused(exc.handoff, exc.code, ip=limits.ip_key(request))
    status = 404 if exc.code == "handoff_invalid" else 410
    return error_response(request, status, code=exc.code, title=exc.title, message=exc.message)


@require_http_methods(["GET", "POST"])
def handoff_open(request, token):
    """The link in the QR code. GET: what confirming does (nothing changes); POST: sign this device in."""
    try:
        limits.hit(("handoff_open", limits.ip_key(request)))
    except limits.Limited as exc:
        return limits.response(request, exc)
    if request.method == "POST":
        try:
            handoff = service.use(request, token)
        except service.HandOffError as exc:
            return _refusal(request, exc)
        return redirect(landing(handoff.order, handoff.step))
    try:
        handoff = service.resolve(token)
    except service.HandOffError as exc:
        return _refusal(request, exc)
    order = handoff.order
    hours = int(service.SESSION_TTL.total_seconds() // 3600)
    current = request.user.get_username() if request.user.is_authenticated and (
        request.user.pk != order.account_id or service.scope_of(request) is not None) else None
    return render(request, "wizard/handoff_open.html", {
        "title": msg.HANDOFF_CONFIRM_TITLE, "button": msg.HANDOFF_CONFIRM_BUTTON, "warn": msg.HANDOFF_CONFIRM_WARN,
        "text": msg.HANDOFF_CONFIRM_TEXT.format(account=_masked_account(order.account.get_username()),
                                                reference=order.reference, kind=order.kind_label, hours=hours),
        "other": msg.HANDOFF_CONFIRM_OTHER.format(current=current) if current and current != order.account.get_username()
        else None})


def _masked_account(name: str) -> str:
    """The account, recognisable to its owner without spelling it out to whoever finds the link."""
    local, at, domain = name.partition("@")
    return (local[:2] + "***" + at + domain) if at else name[:2] + "***"
