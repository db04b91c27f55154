"""Writing outbox rows (inside the caller's transaction) and delivering them (a background task)."""

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone

from beian.notifications.messages import EVENTS, SITE_NAME
from beian.notifications.models import Message
from beian.queue import enqueue_on_commit

MAX_ATTEMPTS = 5


class _Default(dict):
    def __missing__(self, key):
        return ""


def render(event: str, channel: str, context: dict) -> str:
    template = EVENTS[event][channel]
    # A reason written as a sentence ends in its own 。; the templates add theirs after it.
    context = {k: v.rstrip("。.；; ") if k == "reason" and isinstance(v, str) else v for k, v in context.items()}
    return template.format_map(_Default({"site": SITE_NAME, **context}))


def notify(*, account, event: str, context: dict, order=None, mobile: str | None = None) -> list[Message]:
    """Queue the event's messages: site message + email to the account, SMS to `mobile` when given.
    Rows are written now (so they commit or roll back with the cause); delivery starts after commit."""
    spec = EVENTS[event]
    rows = []
    if "body" in spec and account is not None:
        title, body = render(event, "title", context), render(event, "body", context)
        rows.append(Message(account=account, order=order, channel=Message.SITE, to=account.get_username(), event=event,
                            subject=title, body=body, status=Message.SENT, sent_at=timezone.now()))
        if account.email:
            rows.append(Message(account=account, order=order, channel=Message.EMAIL, to=account.email, event=event,
                                subject=title, body=body + f"\n\n{settings.SITE_URL}/orders/"))
    if "sms" in spec and mobile:
        rows.append(Message(account=account, order=order, channel=Message.SMS, to=mobile, event=event,
                            body=render(event, "sms", context)))
    Message.objects.bulk_create(rows)  # returns primary keys on SQLite >= 3.35 and PostgreSQL
    pending = [m.id for m in rows if m.status == Message.PENDING]
    if pending:
        enqueue_on_commit("beian.notifications.tasks.deliver_messages", pending)
    return rows


def deliver(message_id: int) -> str:
    """Send one pending message; idempotent (a sent message is never sent twice)."""
    with transaction.atomic():
        message = Message.objects.select_for_update().filter(id=message_id).first()
        if message is None or message.status != Message.PENDING:
            return "skipped"
        message.attempts += 1
        try:
            if message.channel == Message.EMAIL:
                send_mail(message.subject, message.body, settings.DEFAULT_FROM_EMAIL, [message.to])
            elif message.channel == Message.SMS:
                from beian.notifications.sms import gateway

                gateway().send(to=message.to, text=message.body)
        except Exception as exc:  # delivery failures are data (retried, shown to staff), not crashes
            message.last_error = f"{type(exc).__name__}: {exc}"[:2000]
            if message.attempts >= MAX_ATTEMPTS:
                message.status = Message.FAILED
            message.save()
            return "failed"
        message.status, message.sent_at, message.last_error = Message.SENT, timezone.now(), ""
        message.save()
        return "sent"


def retry_pending() -> int:
    """Re-deliver messages whose first attempt failed (run by the periodic sweep)."""
    count = 0
    for message_id in Message.objects.filter(status=Message.PENDING, attempts__gt=0).values_list("id", flat=True)[:200]:
        count += deliver(message_id) == "sent"
    return count
