"""The 在手机上继续 widget's data, read on every wizard page (wizard/_handoff.html): no view passes it."""

from django import template
from django.utils import timezone

from beian.wizard import handoff as service
from beian.wizard import messages as msg

register = template.Library()


@register.simple_tag(takes_context=True)
def handoff_widget(context, order, step=""):
    import segno

    request = context["request"]
    stamp = service.stamp(order)
    scope = service.scope_of(request)
    if scope is not None:  # this device came by a hand-off: what it is, not another QR code
        until = getattr(getattr(request, "handoff", None), "session_until", None)
        return {"stamp": stamp, "scoped": True, "note": msg.HANDOFF_PHONE_NOTE.format(
            reference=order.reference, until=timezone.localtime(until).strftime("%H:%M") if until else "")}
    now = timezone.now()
    rows, qr, url = [], None, None
    for h in service.active(order, now):
        if h.used_at is None:
            label = msg.HANDOFF_WAITING.format(until=timezone.localtime(h.expires_at).strftime("%H:%M"))
            if url is None:  # the newest link waiting to be scanned; a fresh signature of the same row
                url = request.build_absolute_uri(f"/h/{service.token_for(h)}/")
                qr = segno.make(url, error="m").svg_inline(scale=3)
        else:
            label = msg.HANDOFF_SIGNED_IN.format(at=timezone.localtime(h.used_at).strftime("%H:%M"),
                                                 until=timezone.localtime(h.session_until).strftime("%H:%M"))
        rows.append({"h": h, "label": label, "used": h.used_at is not None})
    minutes, hours = int(service.TOKEN_TTL.total_seconds() // 60), int(service.SESSION_TTL.total_seconds() // 3600)
    return {"stamp": stamp, "scoped": False, "rows": rows, "qr": qr, "url": url, "step": step or "progress",
            "title": msg.HANDOFF_TITLE, "intro": msg.HANDOFF_INTRO.format(minutes=minutes, hours=hours),
            "make": msg.HANDOFF_MAKE_AGAIN if url else msg.HANDOFF_MAKE, "revoke": msg.HANDOFF_REVOKE}
