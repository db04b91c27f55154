"""What the demo sink shows a person: the SMS and mails sent to them, or everything to staff."""

import email
import email.policy
import email.utils
from pathlib import Path

from django.conf import settings
from django.db.models import Q

from beian.notifications.models import Message, SmsRecord
from beian.notifications.recipients import mask_email


def sink_sms(user, *, mobile: str = "", limit: int = 100):
    """The SMS the demo gateway 'sent' that the user may read.

    An applicant reads an SMS only when one of their own outbox rows (their account, or an order of theirs)
    caused it, matched by recipient and exact text: typing a stranger's mobile into one's own order shows the
    code sent for that order, never the codes the stranger was sent for theirs. Recipients are sealed at rest
    (beian.pii), so the match on the recipient is made on the decrypted values of the newest rows.
    """
    sms = SmsRecord.objects.all()
    if mobile:
        sms = sms.filter(SmsRecord.for_mobile(mobile))
    if user.is_staff:
        return list(sms[:limit])
    own = Message.objects.filter(Q(account=user) | Q(order__account=user), channel=Message.SMS).order_by("-id")[:500]
    pairs = {(m.to, m.body) for m in own}
    candidates = sms.filter(body__in={body for _, body in pairs})[:500]
    return [s for s in candidates if (s.to, s.body) in pairs][:limit]


def sink_mails(user, *, limit: int = 50, scan: int = 1000) -> list[dict]:
    """The mails the demo SMTP sink stored (beian.notifications.mailsink) that the user may read: those addressed
    to the user's email, and the copies of the user's own notifications sent to the principals and extra
    recipients (matched, like `sink_sms`, on recipient and subject against the user's own outbox rows); staff
    read them all. An address other than the user's own is shown masked."""
    directory = Path(settings.DATA_DIR) / "mail"
    if not directory.is_dir():
        return []
    own = (user.email or "").strip().lower()
    copies = set()
    if not user.is_staff:
        rows = Message.objects.filter(Q(account=user) | Q(order__account=user), channel=Message.EMAIL).order_by("-id")
        copies = {(m.to.strip().lower(), m.subject) for m in rows[:500]}
        if not own and not copies:
            return []
    out = []
    for path in sorted(directory.glob("*.eml"), reverse=True)[:scan]:  # the newest; a demo's mails pile up
        if len(out) >= limit:
            break
        try:
            msg = email.message_from_bytes(path.read_bytes(), policy=email.policy.default)
            to = [addr.lower() for _, addr in email.utils.getaddresses([str(msg["To"] or "")])]
            subject = str(msg["Subject"] or "")
            mine = own in to
            if not user.is_staff and not mine and not any((addr, subject) in copies for addr in to):
                continue
            body = msg.get_body(preferencelist=("plain",))
            shown = msg["To"] if user.is_staff or mine else ", ".join(mask_email(a) for a in to)
            out.append({"to": shown, "subject": msg["Subject"], "body": body.get_content() if body else ""})
        except (OSError, ValueError):
            continue
    return out


def settings_history(account, *, limit: int = 10) -> list[dict]:
    """The account's own 备案消息通知设置 changes, newest first, as sentences (recipients masked when stored)."""
    from beian.notifications.messages import CHANNEL_LABELS, EVENT_LABELS
    from beian.notifications.models import SettingsChange

    out = []
    for change in SettingsChange.objects.filter(account=account).select_related("actor")[:limit]:
        parts = []
        for event, moved in (change.changes.get("channels") or {}).items():
            label = EVENT_LABELS.get(event, event)
            if moved.get("off"):
                parts.append(f"{label}：关闭{'、'.join(CHANNEL_LABELS.get(c, c) for c in moved['off'])}")
            if moved.get("on"):
                parts.append(f"{label}：开启{'、'.join(CHANNEL_LABELS.get(c, c) for c in moved['on'])}")
        for key, label in (("emails_added", "新增接收邮箱"), ("emails_removed", "删除接收邮箱"),
                           ("mobiles_added", "新增接收手机号"), ("mobiles_removed", "删除接收手机号")):
            if change.changes.get(key):
                parts.append(f"{label} {'、'.join(change.changes[key])}")
        out.append({"at": change.at, "actor": change.actor.get_username() if change.actor else "—", "parts": parts})
    return out
