"""What the demo sink shows a person: the SMS and mails sent to them, or everything to staff."""

import email
import email.policy
import email.utils
from pathlib import Path

from django.conf import settings
from django.db.models import Exists, OuterRef, Q

from beian.notifications.models import Message, SmsRecord


def sink_sms(user, *, mobile: str = ""):
    """The SMS the demo gateway 'sent' that the user may read.

    An applicant reads an SMS only when one of their own outbox rows (their account, or an order of theirs)
    caused it, matched by recipient and exact text: typing a stranger's mobile into one's own order shows the
    code sent for that order, never the codes the stranger was sent for theirs.
    """
    sms = SmsRecord.objects.all()
    if not user.is_staff:
        own = Message.objects.filter(Q(account=user) | Q(order__account=user), channel=Message.SMS,
                                     to=OuterRef("to"), body=OuterRef("body"))
        sms = sms.filter(Exists(own))
    if mobile:
        sms = sms.filter(to=mobile)
    return sms


def sink_mails(user, *, limit: int = 50, scan: int = 1000) -> list[dict]:
    """The mails the demo SMTP sink stored (beian.notifications.mailsink) addressed to the user's email."""
    directory = Path(settings.DATA_DIR) / "mail"
    if not directory.is_dir():
        return []
    own = (user.email or "").strip().lower()
    if not user.is_staff and not own:
        return []
    out = []
    for path in sorted(directory.glob("*.eml"), reverse=True)[:scan]:  # the newest; a demo's mails pile up
        if len(out) >= limit:
            break
        try:
            msg = email.message_from_bytes(path.read_bytes(), policy=email.policy.default)
            to = [addr.lower() for _, addr in email.utils.getaddresses([str(msg["To"] or "")])]
            if not user.is_staff and own not in to:
                continue
            body = msg.get_body(preferencelist=("plain",))
            out.append({"to": msg["To"], "subject": msg["Subject"], "body": body.get_content() if body else ""})
        except (OSError, ValueError):
            continue
    return out
