"""SMS code for the principal's mobile: sent through the notifications outbox, rate limited, hashed.

Limits: one code a minute and 10 a day per order (the page's resend timer), and across orders the shared
abuse limits per mobile, per account and per client address (beian.web.limits), so nobody can flood a
stranger's phone by opening more orders or accounts.
"""

import secrets
from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from beian.notifications.services import notify
from beian.rules.validators import is_mobile
from beian.web import limits
from beian.wizard import messages as msg
from beian.wizard.models import MobileCode

RESEND_AFTER = timedelta(seconds=60)
DAILY_LIMIT = 10
VALID_FOR = timedelta(minutes=10)
MAX_ATTEMPTS = 5


class CodeError(Exception):
    def __init__(self, code: str, message: str):
        super().__init__(message)
        self.code, self.message = code, message


def send_code(*, order, mobile: str, ip: str | None = None, now=None) -> None:
    now = now or timezone.now()
    if not is_mobile(mobile):
        raise CodeError("mobile_invalid", msg.MOBILE_FIRST)
    recent = MobileCode.objects.filter(order=order, created_at__gt=now - timedelta(days=1))
    last = recent.first()
    if last and now - last.created_at < RESEND_AFTER:
        wait = int((RESEND_AFTER - (now - last.created_at)).total_seconds()) + 1
        raise CodeError("code_too_soon", msg.CODE_TOO_SOON.format(seconds=wait))
    if recent.count() >= DAILY_LIMIT:
        raise CodeError("code_daily_limit", msg.CODE_LIMIT)
    try:
        limits.hit(("sms_mobile", mobile), ("sms_account", order.account_id), ("sms_ip", ip))
    except limits.Limited as exc:
        raise CodeError("code_rate_limited", exc.message) from None
    code = f"{secrets.randbelow(10**6):06d}"
    with transaction.atomic():
        MobileCode.objects.create(order=order, mobile=mobile, code_hash=MobileCode.hash(order.pk, code), created_at=now,
                                  expires_at=now + VALID_FOR)
        notify(account=None, event="sms_code", context={"code": code}, order=order, mobile=mobile)


def verify_code(*, order, mobile: str, code: str, now=None) -> None:
    now = now or timezone.now()
    with transaction.atomic():
        latest = MobileCode.objects.select_for_update().filter(MobileCode.for_mobile(mobile), order=order).first()
        if latest is None or latest.expires_at < now:
            raise CodeError("code_wrong", msg.CODE_WRONG)
        if latest.verified_at:
            return
        if latest.attempts >= MAX_ATTEMPTS:
            raise CodeError("code_attempts", msg.CODE_ATTEMPTS)
        latest.attempts += 1
        right = secrets.compare_digest(latest.code_hash, MobileCode.hash(order.pk, code.strip()))
        if right:
            latest.verified_at = now
        latest.save(update_fields=["attempts", "verified_at"])
    # Raised after the block: inside it, the exception would roll back the wrong attempt it counts.
    if not right:
        raise CodeError("code_wrong", msg.CODE_WRONG)


def is_verified(*, order, mobile: str) -> bool:
    if mobile and mobile.strip() == _filed_mobile(order):
        return True  # a change order keeps the filed principal's mobile, confirmed when it was filed
    return MobileCode.objects.filter(MobileCode.for_mobile(mobile), order=order, verified_at__isnull=False).exists()


def _filed_mobile(order) -> str | None:
    from beian.filings.claims import CHANGE_KINDS

    if order is None or order.kind not in CHANGE_KINDS or order.filing_id is None:
        return None
    principal = ((order.filing.application or {}).get("subject") or {}).get("principal") or {}
    return (principal.get("mobile") or "").strip() or None
