"""Blind indexes: a keyed HMAC of a personal value, stored where the platform looks rows up by equality
(an order's or filing's certificate number, the in-flight claim of a certificate, SMS records by mobile).

`<key id>:<hex>`: an index is computed under one master key's index subkey, so it is rewritten by
`rotate_data_keys`; until then a lookup asks for the value under every configured key (`blind_indexes`).
"""

from beian.pii.crypto import keyring

CERT, MOBILE = "cert", "mobile"
MAX_LENGTH = 100  # key id (<= 16) + ":" + 64 hex digits


def normalise(value: str, kind: str) -> str:
    value = (value or "").strip()
    return value.upper() if kind == CERT else value


def _digest(kid: str, value: str, kind: str) -> str:
    return f"{kid}:{keyring().index(kid, f'{kind}:{value}'.encode())}"


def blind_index(value: str, *, kind: str) -> str:
    """The index under the current key; "" for an empty value (nothing to look up)."""
    value = normalise(value, kind)
    return _digest(keyring().current, value, kind) if value else ""


def blind_indexes(value: str, *, kind: str) -> list[str]:
    """The value's index under every configured key, for `__in` lookups ([] for an empty value)."""
    value = normalise(value, kind)
    return [_digest(kid, value, kind) for kid in keyring().ids] if value else []


def index_key_id(index: str) -> str | None:
    return index.split(":", 1)[0] if index and ":" in index else None
