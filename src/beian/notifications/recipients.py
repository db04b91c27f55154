"""Who an order's notifications reach besides the account: the principals named on the form.

Seed 003 §2 says of the principal's 电子邮箱 "此邮箱将用于接收备案消息通知", so a mail about an order goes to the
account's address and to every principal's address on the application (the subject principal, then each website
principal and each APP principal that is not the reused subject principal), and an SMS to every principal's mobile. The application is
sealed at rest (beian.pii): these helpers read it through the model (`order.application`, decrypted on access),
and nothing here logs or stores a full address (`mask_email` for lists and logs).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.core.validators import validate_email

from beian.pii.mask import mask_mobile

# A mainland mobile as the rules engine accepts it (beian.rules.validators.MOBILE_RE), with an optional +86.
_MOBILE = re.compile(r"(?:\+86|0086|86)?(1[3-9]\d{9})")
EMAIL_MAX_LENGTH = 254  # RFC 5321's limit on a path


def _people(order) -> list[dict]:
    application = getattr(order, "application", None) or {}
    people = [(application.get("subject") or {}).get("principal")]
    # Website principals, then APP principals (precheck.md "APP filing": they are told like website principals).
    people += [(entry or {}).get("principal") for entry in [*(application.get("websites") or []),
                                                            *(application.get("apps") or [])]
               if isinstance(entry, dict)]
    return [p for p in people if isinstance(p, dict)]


def principal_emails(order) -> list[str]:
    """Every principal's email on the order's form, subject principal first (not yet deduplicated)."""
    return [str(p.get("email") or "").strip() for p in _people(order) if str(p.get("email") or "").strip()]


def principal_mobiles(order) -> list[str]:
    """Every principal's mobile on the order's form, subject principal first (not yet deduplicated)."""
    return [str(p.get("mobile") or "").strip() for p in _people(order) if str(p.get("mobile") or "").strip()]


def email_key(value: str) -> str:
    return (value or "").strip().lower()


def mobile_key(value: str) -> str:
    """The national number when the value is a mainland mobile (so +86 138… and 138… are one person)."""
    value = re.sub(r"[\s-]", "", value or "")
    match = _MOBILE.fullmatch(value)
    return match.group(1) if match else value


def unique(values: Iterable[str], key) -> list[str]:
    """The values in order, without blanks and without a second spelling of one already kept."""
    seen, out = set(), []
    for value in values:
        value = (value or "").strip()
        k = key(value)
        if value and k not in seen:
            seen.add(k)
            out.append(value)
    return out


def clean_email(value: str) -> str | None:
    """The address as typed (trimmed) when it is a valid one, else None."""
    value = (value or "").strip()
    if not value or len(value) > EMAIL_MAX_LENGTH or not value.isprintable():
        return None
    try:
        validate_email(value)
    except ValidationError:
        return None
    return value


def clean_mobile(value: str) -> str | None:
    """The 11-digit mainland mobile, or None."""
    match = _MOBILE.fullmatch(re.sub(r"[\s-]", "", value or ""))
    return match.group(1) if match else None


def mask_email(value) -> str:
    """z***n@example.com: the first and last character of the mailbox, the domain in full."""
    value = str(value or "")
    local, at, domain = value.rpartition("@")
    if not at:
        return "*" * len(value)
    shown = local[0] + "***" + local[-1] if len(local) > 2 else (local[:1] + "***")
    return f"{shown}@{domain}"


def mask(channel: str, value: str) -> str:
    return mask_mobile(value) if channel == "sms" else mask_email(value)
