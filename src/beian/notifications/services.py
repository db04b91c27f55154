"""Writing outbox rows (inside the caller's transaction) and delivering them (a background task)."""

import logging

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone

from beian.notifications import recipients
from beian.notifications.messages import (
    EMAIL_WHY_EXTRA,
    EMAIL_WHY_PRINCIPAL,
    EVENTS,
    KIND_TEXTS,
    SETTINGS_ERRORS,
    SITE_NAME,
    VARIANT_TEXTS,
)
from beian.notifications.models import Message, NotificationSettings, SettingsChange
from beian.queue import enqueue_on_commit

log = logging.getLogger(__name__)

MAX_ATTEMPTS = 5


class _Default(dict):
    def __missing__(self, key):
        return ""


def render(event: str, channel: str, context: dict, *, kind: str | None = None) -> str:
    """The event's text: the kind's own (KIND_TEXTS; `<kind>:app` first when the order concerns one filed APP), else the context's `variant` (VARIANT_TEXTS), else the event's."""
    template = ((context.get("variant") == "app" and KIND_TEXTS.get((event, f"{kind}:app"), {}).get(channel))
                or KIND_TEXTS.get((event, kind or ""), {}).get(channel)
                or VARIANT_TEXTS.get((event, context.get("variant") or ""), {}).get(channel) or EVENTS[event][channel])
    # A reason written as a sentence ends in its own 。; the templates add theirs after it.
    context = {k: v.rstrip("。.；; ") if k == "reason" and isinstance(v, str) else v for k, v in context.items()}
    return template.format_map(_Default({"site": SITE_NAME, **context}))


def notification_events() -> list[str]:
    """Every notification of the catalogue (an event with a site message), in catalogue order: what
    备案消息通知设置 lists. Codes (`sms_code`) are not notifications and are never switched off."""
    return [event for event, spec in EVENTS.items() if "body" in spec]


def channels_of(event: str) -> list[str]:
    return [Message.SITE, Message.EMAIL] + ([Message.SMS] if "sms" in EVENTS[event] else [])


def notify(*, account, event: str, context: dict, order=None, mobile: str | None = None) -> list[Message]:
    """Queue the event's messages. Rows are written now (so they commit or roll back with the cause); delivery
    starts after commit.

    A notification (an event with a site message) goes to the account as a site message; by email to the
    account's address, every principal's address on the order's form and the account's extra recipients; by
    SMS (where the catalogue has a text) to `mobile`, every principal's mobile on the form and the extra mobiles.
    Each address and mobile once (case-insensitive); email and SMS only where the account's
    备案消息通知设置 leave them on. Any other event (a code) goes by SMS to `mobile` only."""
    spec = EVENTS[event]
    notification = "body" in spec
    prefs = NotificationSettings.of(account) if notification else None
    rows = []
    if notification and account is not None:
        kind = order.kind if order is not None else None
        title, body = render(event, "title", context, kind=kind), render(event, "body", context, kind=kind)
        rows.append(Message(account=account, order=order, channel=Message.SITE, to=account.get_username(), event=event,
                            subject=title, body=body, status=Message.SENT, sent_at=timezone.now()))
        if prefs.wants(event, Message.EMAIL):
            rows += _emails(account, order, prefs, event, title, body, context)
    if "sms" in spec:
        if not notification:
            targets = [mobile or ""]
        elif prefs.wants(event, Message.SMS):
            targets = [mobile or "", *(recipients.principal_mobiles(order) if order is not None else []),
                       *prefs.extra_mobiles]
        else:
            targets = []
        text = render(event, "sms", context, kind=order.kind if order is not None else None)
        rows += [Message(account=account, order=order, channel=Message.SMS, to=to, event=event, body=text)
                 for to in recipients.unique(targets, recipients.mobile_key)]
    Message.objects.bulk_create(rows)  # returns primary keys on SQLite >= 3.35 and PostgreSQL
    pending = [m.id for m in rows if m.status == Message.PENDING]
    if pending:
        log.info("%s%s: %d email(s), %d SMS queued", event, f" of {order.reference}" if order is not None else "",
                 sum(m.channel == Message.EMAIL for m in rows), sum(m.channel == Message.SMS for m in rows))
        enqueue_on_commit("beian.notifications.tasks.deliver_messages", pending)
    return rows


def _emails(account, order, prefs, event, title, body, context) -> list[Message]:
    link = f"\n\n{settings.SITE_URL}/orders/"
    own = [account.email]
    principals = recipients.principal_emails(order) if order is not None else []
    why = {recipients.email_key(a): EMAIL_WHY_EXTRA for a in prefs.extra_emails}
    reference = context.get("reference") or (order.reference if order is not None else "")
    why.update({recipients.email_key(a): EMAIL_WHY_PRINCIPAL.format(reference=reference) for a in principals})
    why[recipients.email_key(account.email)] = ""
    out = []
    for address in recipients.unique([*own, *principals, *prefs.extra_emails], recipients.email_key):
        note = why.get(recipients.email_key(address), "")
        out.append(Message(account=account, order=order, channel=Message.EMAIL, to=address, event=event,
                           subject=title, body=body + link + (f"\n\n{note}" if note else "")))
    return out


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


# ---- 备案消息通知设置 -------------------------------------------------------------------------------------

EXTRA_LIMIT = 5  # extra emails, and extra mobiles, per account
SWITCHABLE = (Message.EMAIL, Message.SMS)  # the site message is always sent (messages.SETTINGS_SITE_ALWAYS)


def field_name(channel: str, event: str) -> str:
    return f"{channel}:{event}"


def _error(code: str, field: str = "", **values) -> dict:
    values = {k: (v[:40] + "…" if isinstance(v, str) and len(v) > 40 else v) for k, v in values.items()}
    return {"code": code, "field": field, "message": SETTINGS_ERRORS[code].format(**values)}


def read_settings_form(data) -> tuple[dict, list[dict]]:
    """The posted settings form -> (cleaned {off, extra_emails, extra_mobiles, typed}, errors).

    A channel box that is not ticked is off (a box only the page shows is only posted when ticked); names the
    page does not show are ignored, so no posted name can switch off the site message or reach another
    account's settings. Recipients: blank lines dropped, a second spelling of one kept address dropped."""
    off = {}
    for event in notification_events():
        turned_off = [c for c in channels_of(event) if c in SWITCHABLE and not data.get(field_name(c, event))]
        if turned_off:
            off[event] = turned_off
    errors, cleaned = [], {"off": off}
    typed = {}
    for kind, clean, key in (("email", recipients.clean_email, recipients.email_key),
                             ("mobile", recipients.clean_mobile, recipients.mobile_key)):
        values = [str(v).strip() for v in data.getlist(f"extra_{kind}")]
        typed[kind] = values
        filled = [v for v in values if v]
        if len(filled) > EXTRA_LIMIT:
            errors.append(_error(f"extra_{kind}_too_many", limit=EXTRA_LIMIT, count=len(filled)))
        good = []
        for n, value in enumerate(values, start=1):
            if not value:
                continue
            checked = clean(value)
            if checked is None:
                errors.append(_error(f"extra_{kind}_invalid", field=f"extra_{kind}-{n}", n=n, value=value))
            else:
                good.append(checked)
        cleaned[f"extra_{kind}s"] = recipients.unique(good, key)
    cleaned["typed"] = typed
    return cleaned, errors


def _diff(old: NotificationSettings, cleaned: dict) -> dict:
    changes = {}
    channels = {}
    for event in notification_events():
        was, now = set((old.off or {}).get(event, [])), set(cleaned["off"].get(event, []))
        if was != now:
            channels[event] = {"off": sorted(now - was), "on": sorted(was - now)}
    if channels:
        changes["channels"] = channels
    for kind, key in (("email", recipients.email_key), ("mobile", recipients.mobile_key)):
        channel = Message.SMS if kind == "mobile" else Message.EMAIL
        was = {key(v): v for v in getattr(old, f"extra_{kind}s") or []}
        now = {key(v): v for v in cleaned[f"extra_{kind}s"]}
        added = [recipients.mask(channel, now[k]) for k in now if k not in was]
        removed = [recipients.mask(channel, was[k]) for k in was if k not in now]
        if added:
            changes[f"{kind}s_added"] = added
        if removed:
            changes[f"{kind}s_removed"] = removed
    return changes


def save_settings(*, account, actor, cleaned: dict) -> dict:
    """Store the account's 备案消息通知设置 (validated by `read_settings_form`); returns what changed (masked),
    written to the audit trail (`SettingsChange`) and the log. Nothing changed: nothing written."""
    with transaction.atomic():
        current, _ = NotificationSettings.objects.select_for_update().get_or_create(account=account)
        changes = _diff(current, cleaned)
        if not changes:
            return {}
        current.off = cleaned["off"]
        current.extra_emails, current.extra_mobiles = cleaned["extra_emails"], cleaned["extra_mobiles"]
        current.save()
        SettingsChange.objects.create(account=account, actor=actor, at=timezone.now(), changes=changes)
    log.info("notification settings of account %s changed by %s: %s", account.pk,
             getattr(actor, "pk", None), changes)
    return changes


def notify_account(*, account, event: str, title: str, body: str) -> list[Message]:
    """A message about the account itself (not an order, not a catalogue event: e.g. an agent's invitation):
    a site message and an email to the account's address, through the same outbox and delivery task."""
    rows = [Message(account=account, channel=Message.SITE, to=account.get_username(), event=event, subject=title[:200],
                    body=body, status=Message.SENT, sent_at=timezone.now())]
    if account.email:
        rows.append(Message(account=account, channel=Message.EMAIL, to=account.email, event=event, subject=title[:200],
                            body=body))
    Message.objects.bulk_create(rows)
    pending = [m.id for m in rows if m.status == Message.PENDING]
    if pending:
        enqueue_on_commit("beian.notifications.tasks.deliver_messages", pending)
    return rows
