"""The account's Webhook page: endpoints, their secret (shown once), the delivery log. Every view finds objects
through the signed-in account (another account's endpoint or delivery is "not found"); forms carry CSRF tokens;
every change is audited (services, EndpointChange)."""

from django.contrib import messages as flash
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from beian.webhooks import messages as msg
from beian.webhooks import services
from beian.webhooks.models import Attempt, Delivery, Endpoint, EndpointChange

LOG_SIZE = 30
SECRET_KEY = "webhooks.secret"  # session key of the secret to show once: {"endpoint": pk, "secret": …}


def _endpoint(request, pk) -> Endpoint:
    found = Endpoint.objects.filter(pk=pk, account=request.user).first()
    if found is None:
        raise Http404(msg.ERRORS["not_found"])
    return found


def _events(selected=()) -> list[dict]:
    return [{"value": e, "label": label, "checked": e in selected} for e, label in msg.EVENT_LABELS.items()]


def _form(request) -> dict:
    return {"url": request.POST.get("url", "")[:500], "description": request.POST.get("description", "")[:100],
            "events": [e for e in request.POST.getlist("events") if isinstance(e, str)],
            "is_active": bool(request.POST.get("is_active"))}


@login_required
@require_http_methods(["GET", "POST"])
def index(request):
    error, typed = None, {"url": "", "description": "", "events": list(services.EVENTS)}
    if request.method == "POST":
        typed = _form(request)
        try:
            endpoint, secret = services.create_endpoint(account=request.user, actor=request.user, url=typed["url"],
                                                        events=typed["events"], description=typed["description"])
        except services.WebhookError as exc:
            error = exc
        else:
            request.session[SECRET_KEY] = {"endpoint": endpoint.pk, "secret": secret}
            flash.success(request, msg.CREATED)
            return redirect("webhooks:endpoint", pk=endpoint.pk)
    endpoints = Endpoint.objects.filter(account=request.user)
    return render(request, "webhooks/index.html", {
        "title": msg.TITLE, "msg": msg, "endpoints": endpoints, "typed": typed, "error": error,
        "events": _events(typed["events"]), "limit": services.ENDPOINT_LIMIT,
        "history": EndpointChange.objects.filter(account=request.user).select_related("actor")[:20]})


@login_required
@require_http_methods(["GET", "POST"])
def endpoint(request, pk):
    found = _endpoint(request, pk)
    error, typed = None, {"url": found.url, "description": found.description, "events": found.events,
                          "is_active": found.is_active}
    if request.method == "POST":
        typed = _form(request)
        try:
            services.update_endpoint(found, actor=request.user, **typed)
        except services.WebhookError as exc:
            error = exc
            found.refresh_from_db()  # nothing was saved
        else:
            flash.success(request, msg.UPDATED)
            return redirect("webhooks:endpoint", pk=found.pk)
    shown = request.session.get(SECRET_KEY)
    secret = None
    if shown and shown.get("endpoint") == found.pk:
        secret = shown.get("secret")
        del request.session[SECRET_KEY]  # shown once
    deliveries = list(Delivery.objects.filter(endpoint=found)[:LOG_SIZE])
    attempts = {}
    for attempt in Attempt.objects.filter(delivery__in=deliveries).order_by("at", "id"):
        attempts.setdefault(attempt.delivery_id, []).append(attempt)
    for d in deliveries:
        d.log = attempts.get(d.pk, [])
        d.status_label = msg.STATUS_LABELS.get(d.status, d.status)
    return render(request, "webhooks/endpoint.html", {
        "title": msg.TITLE, "msg": msg, "endpoint": found, "typed": typed, "error": error, "secret": secret,
        "events": _events(typed["events"]), "deliveries": deliveries})


@login_required
@require_POST
def delete(request, pk):
    services.delete_endpoint(_endpoint(request, pk), actor=request.user)
    flash.success(request, msg.DELETED)
    return redirect("webhooks:index")


@login_required
@require_POST
def rotate(request, pk):
    found = _endpoint(request, pk)
    secret = services.rotate_secret(found, actor=request.user)
    request.session[SECRET_KEY] = {"endpoint": found.pk, "secret": secret}
    flash.success(request, msg.ROTATED)
    return redirect("webhooks:endpoint", pk=found.pk)


@login_required
@require_POST
def test(request, pk):
    services.send_test(_endpoint(request, pk), actor=request.user)
    flash.success(request, msg.TEST_SENT)
    return redirect("webhooks:endpoint", pk=pk)


@login_required
@require_POST
def redeliver(request, pk):
    delivery = Delivery.objects.select_related("endpoint").filter(pk=pk, endpoint__account=request.user).first()
    if delivery is None:
        raise Http404(msg.ERRORS["not_found"])
    services.redeliver(delivery, actor=request.user)
    flash.success(request, msg.REDELIVERED)
    return redirect("webhooks:endpoint", pk=delivery.endpoint_id)
