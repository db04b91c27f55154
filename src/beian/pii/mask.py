"""Masked personal values for lists, logs, exports and the history: the full value only on the pages
that need it (the applicant's own form, the reviewer's order page, which is access-logged)."""

import re

MOBILE = re.compile(r"(?<!\d)(1\d{2})\d{4}(\d{4})(?!\d)")
RESIDENT_ID = re.compile(r"(?<![0-9A-Za-z])(\d{4})\d{10}(\d{3}[\dXx])(?![0-9A-Za-z])")


def mask_cert(value) -> str:
    """3301**********123X: the first and last four characters of a certificate number."""
    value = str(value or "")
    return value[:4] + "*" * (len(value) - 8) + value[-4:] if len(value) > 8 else "*" * len(value)


def mask_mobile(value) -> str:
    """138****0000: the first three and last four digits."""
    value = str(value or "")
    return value[:3] + "*" * (len(value) - 7) + value[-4:] if len(value) > 7 else "*" * len(value)


def mask_name(value) -> str:
    """张*三 / 李*: the first and last character of a name."""
    value = str(value or "")
    return value[0] + "*" * (len(value) - 2) + value[-1] if len(value) > 2 else (value[0] + "*" if value else "")


def mask_text(text) -> str:
    """Any mobile or resident ID number inside free text (log messages, exception text) masked."""
    text = str(text)
    text = RESIDENT_ID.sub(lambda m: m.group(1) + "*" * 10 + m.group(2), text)
    return MOBILE.sub(lambda m: m.group(1) + "****" + m.group(2), text)
