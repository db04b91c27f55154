from django.conf import settings
from django.contrib import messages as flash
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from beian.notifications import messages as msg
from beian.notifications import selectors, services
from beian.notifications.messages import INBOX_TITLE, SINK_INTRO_ALL, SINK_INTRO_OWN, SINK_TITLE
from beian.notifications.models import Message, NotificationSettings


@login_required
def inbox(request):
    """The applicant's own site messages only (object-level: filtered by account)."""
    messages = Message.objects.filter(account=request.user, channel=Message.SITE).select_related("order")[:200]
    response = render(request, "notifications/inbox.html", {"title": INBOX_TITLE, "items": messages})
    Message.objects.filter(account=request.user, channel=Message.SITE, read_at__isnull=True).update(read_at=timezone.now())
    return response


def sink_enabled() -> bool:
    # The sink shows SMS codes and password-reset links: only in demo runs (BEIAN_DEMO) and only while no
    # real SMS gateway is configured.
    return settings.BEIAN_DEMO and settings.SMS_GATEWAY.endswith("SinkGateway")


def sink(request):
    if not sink_enabled():
        raise Http404  # outside demo runs there is no sink, whoever asks
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    mobile = request.GET.get("mobile", "").strip()[:20]
    return render(request, "notifications/sink.html", {
        "title": SINK_TITLE, "sms": selectors.sink_sms(request.user, mobile=mobile)[:100],
        "mails": selectors.sink_mails(request.user), "mobile": mobile,
        "intro": SINK_INTRO_ALL if request.user.is_staff else SINK_INTRO_OWN.format(email=request.user.email or "无")})


@login_required
@require_http_methods(["GET", "POST"])
def notification_settings(request):
    """备案消息通知设置 of the signed-in account, and only theirs: the URL names no account and the form's fields
    name none, so nobody can read or change another account's settings (object-level authorisation)."""
    saved = NotificationSettings.of(request.user)
    if request.method == "POST":
        cleaned, errors = services.read_settings_form(request.POST)
        if not errors:
            services.save_settings(account=request.user, actor=request.user, cleaned=cleaned)
            flash.success(request, msg.SETTINGS_SAVED)
            return redirect("notifications:settings")
        # Nothing is saved: the page shows what was typed, with the errors, over the unchanged saved settings.
        return render(request, "notifications/settings.html",
                      _settings_page(request.user, off=cleaned["off"], typed=cleaned["typed"], errors=errors),
                      status=200)
    return render(request, "notifications/settings.html", _settings_page(
        request.user, off=saved.off or {}, typed={"email": saved.extra_emails, "mobile": saved.extra_mobiles}))


def _settings_page(account, *, off: dict, typed: dict, errors=()) -> dict:
    by_field = {e["field"]: e for e in errors if e["field"]}
    events = []
    for event in services.notification_events():
        channels = services.channels_of(event)
        events.append({"event": event, "label": msg.EVENT_LABELS.get(event, event), "cells": [
            {"channel": c, "label": msg.CHANNEL_LABELS[c], "name": services.field_name(c, event),
             "available": c in channels, "always": c == Message.SITE,
             "on": c == Message.SITE or (c in channels and c not in off.get(event, []))}
            for c in (Message.SITE, Message.EMAIL, Message.SMS)]})
    extras = {}
    for kind in ("email", "mobile"):
        values = list(typed.get(kind) or [])[:services.EXTRA_LIMIT]
        values += [""] * (services.EXTRA_LIMIT - len(values))
        extras[kind] = [{"n": n, "value": v, "error": by_field.get(f"extra_{kind}-{n}")}
                        for n, v in enumerate(values, start=1)]
    return {"title": msg.SETTINGS_TITLE, "events": events, "extras": extras,
            "errors": [e for e in errors if not e["field"]], "has_errors": bool(errors),
            "history": selectors.settings_history(account), "msg": msg,
            "extra_help": msg.SETTINGS_EXTRA_HELP.format(limit=services.EXTRA_LIMIT)}
