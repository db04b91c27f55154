import email
import email.policy
from pathlib import Path

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import render
from django.utils import timezone

from beian.notifications.messages import INBOX_TITLE, SINK_TITLE
from beian.notifications.models import Message, SmsRecord


@login_required
def inbox(request):
    """The applicant's own site messages only (object-level: filtered by account)."""
    messages = Message.objects.filter(account=request.user, channel=Message.SITE).select_related("order")[:200]
    response = render(request, "notifications/inbox.html", {"title": INBOX_TITLE, "items": messages})
    Message.objects.filter(account=request.user, channel=Message.SITE, read_at__isnull=True).update(read_at=timezone.now())
    return response


def sink_enabled() -> bool:
    # The sink shows SMS codes: it exists only while no real SMS gateway is configured (demo, tests).
    return settings.SMS_GATEWAY.endswith("SinkGateway")


def _mails(limit: int = 50) -> list[dict]:
    directory = Path(settings.DATA_DIR) / "mail"
    if not directory.is_dir():
        return []
    out = []
    for path in sorted(directory.glob("*.eml"), reverse=True)[:limit]:
        try:
            msg = email.message_from_bytes(path.read_bytes(), policy=email.policy.default)
            body = msg.get_body(preferencelist=("plain",))
            out.append({"to": msg["To"], "subject": msg["Subject"], "body": body.get_content() if body else ""})
        except (OSError, ValueError):
            continue
    return out


def sink(request):
    if not sink_enabled():
        raise Http404
    mobile = request.GET.get("mobile", "").strip()[:20]
    sms = SmsRecord.objects.all()
    if mobile:
        sms = sms.filter(SmsRecord.for_mobile(mobile))
    return render(request, "notifications/sink.html", {"title": SINK_TITLE, "sms": sms[:100], "mails": _mails(),
                                                       "mobile": mobile})
