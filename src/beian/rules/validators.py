"""Number and contact validators (GB 32100-2015 USCC, GB 11643 resident ID, mobile, landline, email, IP).

Each returns None when valid, or a reason key of messages.CERT_REASONS.
"""

import datetime as dt
import ipaddress
import re

USCC_CHARSET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
_USCC_VALUE = {c: i for i, c in enumerate(USCC_CHARSET)}
_USCC_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)

_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_ID_CHECK = "10X98765432"
# First two digits of a resident ID (precheck.md "Precise points").
ID_PROVINCE_CODES = frozenset(
    [str(n) for n in range(11, 16)] + [str(n) for n in range(21, 24)] + [str(n) for n in range(31, 38)]
    + [str(n) for n in range(41, 47)] + [str(n) for n in range(50, 55)] + [str(n) for n in range(61, 66)]
)

MOBILE_RE = re.compile(r"1[3-9]\d{9}")
LANDLINE_RE = re.compile(r"086-0\d{1,3}-\d{7,8}(?:-\d{1,6})?")


def uscc_check_char(first17: str) -> str:
    total = sum(_USCC_VALUE[c] * w for c, w in zip(first17, _USCC_WEIGHTS, strict=True))
    return USCC_CHARSET[(31 - total % 31) % 31]


def uscc_problem(value: str) -> str | None:
    """GB 32100-2015: 18 characters of the charset (upper case); only the 18th check character is verified."""
    if not value:
        return "empty"
    if len(value) != 18:
        return "length"
    if any(c not in _USCC_VALUE for c in value):
        return "lowercase" if any(c.upper() in _USCC_VALUE and c.islower() for c in value) else "charset"
    if uscc_check_char(value[:17]) != value[17]:
        return "check"
    return None


def resident_id_check_char(first17: str) -> str:
    return _ID_CHECK[sum(int(c) * w for c, w in zip(first17, _ID_WEIGHTS, strict=True)) % 11]


def resident_id_problem(value: str, today: dt.date | None) -> str | None:
    """GB 11643: 17 digits + check (0-9 or X, ISO 7064 MOD 11-2), real birth date not after today."""
    if not value:
        return "empty"
    if len(value) != 18:
        return "length"
    body, check = value[:17], value[17]
    if not body.isdigit() or not body.isascii() or check not in "0123456789X":
        return "charset"
    if body[:2] not in ID_PROVINCE_CODES:
        return "region"
    try:
        birth = dt.date(int(body[6:10]), int(body[10:12]), int(body[12:14]))
    except ValueError:
        return "birth"
    if today is not None and birth > today:
        return "birth"
    if resident_id_check_char(body) != check:
        return "check"
    return None


def is_mobile(value: str) -> bool:
    return MOBILE_RE.fullmatch(value) is not None


def is_landline(value: str) -> bool:
    return LANDLINE_RE.fullmatch(value) is not None


def is_public_ip(value: str) -> bool:
    try:
        ip = ipaddress.ip_address(value.strip())
    except ValueError:
        return False
    return ip.is_global and not ip.is_multicast and not ip.is_unspecified and not ip.is_reserved


def add_months(day: dt.date, months: int) -> dt.date:
    """Calendar months, clamping the day (2026-11-30 + 3 months = 2027-02-28)."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    for candidate in (day.day, 30, 29, 28):
        try:
            return dt.date(year, month, min(day.day, candidate))
        except ValueError:
            continue
    raise AssertionError("unreachable")


_HEX_SEPARATORS = re.compile(r"[\s:]+")


def normalise_hex(value: str) -> str:
    """`9f:1a ...\\n7c` → `9F1A…7C`: a fingerprint or key as pasted (colons, spaces, line breaks, any case).
    Same as documents/appsign.normalise_hex, which compares uploads with typed values."""
    return _HEX_SEPARATORS.sub("", value or "").upper()
