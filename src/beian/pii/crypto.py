"""Envelope encryption of personal data: a random data key per value (row field or file), AES-256-GCM, the
data key wrapped by the current master key, the master key's id stored with the ciphertext.

Text (database columns): `pii1.<key id>.<wrapped data key>.<nonce + ciphertext>` (base64url parts).
Files: `BEIANPII1\\n`, one byte key-id length, key id, wrapped data key, nonce + ciphertext.

Rotation only re-wraps the data key (`rewrap_text`, `rewrap_bytes`): the data is not decrypted.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import os
from functools import lru_cache

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from django.core.exceptions import ImproperlyConfigured

from beian.pii import messages as msg

TEXT_PREFIX = "pii1."
FILE_MAGIC = b"BEIANPII1\n"
NONCE = 12
WRAPPED = NONCE + 32 + 16  # nonce + data key + tag
TEXT_AAD, FILE_AAD = b"beian-pii:text", b"beian-pii:file"


class DataKeyError(ImproperlyConfigured):
    """Stored data cannot be decrypted with the configured keys: never answered with garbage."""


def _derive(key: bytes, purpose: bytes) -> bytes:
    # One master key, separate subkeys: wrapping data keys, blind indexes and fingerprints never share a key.
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=b"beian/" + purpose).derive(key)


class Keyring:
    def __init__(self, keys: list[tuple[str, bytes]]):
        if not keys:
            raise ImproperlyConfigured(msg.KEYS_MALFORMED.format(detail=msg.DETAIL_EMPTY))
        self.ids = [kid for kid, _ in keys]
        self.current = self.ids[0]
        self._wrap = {kid: AESGCM(_derive(key, b"wrap")) for kid, key in keys}
        self._index = {kid: _derive(key, b"blind-index") for kid, key in keys}
        self._fingerprint = {kid: _derive(key, b"fingerprint").hex()[:16] for kid, key in keys}

    def fingerprint(self, kid: str) -> str:
        """A short value that identifies a key without revealing it (kept in the database to catch a wrong key)."""
        return self._fingerprint[kid]

    def wrap(self, data_key: bytes, kid: str | None = None) -> tuple[str, bytes]:
        kid = kid or self.current
        nonce = os.urandom(NONCE)
        return kid, nonce + self._wrap[kid].encrypt(nonce, data_key, b"dek:" + kid.encode())

    def unwrap(self, kid: str, wrapped: bytes) -> bytes:
        if kid not in self._wrap:
            raise DataKeyError(msg.KEY_UNKNOWN.format(kid=kid))
        if len(wrapped) != WRAPPED:
            raise DataKeyError(msg.CIPHERTEXT_MALFORMED)
        try:
            return self._wrap[kid].decrypt(wrapped[:NONCE], wrapped[NONCE:], b"dek:" + kid.encode())
        except InvalidTag:
            raise DataKeyError(msg.KEY_WRONG.format(kid=kid)) from None

    def index(self, kid: str, message: bytes) -> str:
        return hmac.new(self._index[kid], message, hashlib.sha256).hexdigest()


@lru_cache(maxsize=8)
def _keyring(keys: tuple[tuple[str, bytes], ...]) -> Keyring:
    return Keyring(list(keys))


def keyring() -> Keyring:
    from django.conf import settings

    return _keyring(tuple(settings.DATA_KEYS))


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def _seal(plaintext: bytes, aad: bytes) -> tuple[str, bytes, bytes]:
    data_key = AESGCM.generate_key(bit_length=256)
    nonce = os.urandom(NONCE)
    body = nonce + AESGCM(data_key).encrypt(nonce, plaintext, aad)
    kid, wrapped = keyring().wrap(data_key)
    return kid, wrapped, body


def _rewrapped(kid: str, wrapped: bytes) -> tuple[str, bytes] | None:
    """The data key wrapped under the current master key; None when it already is (the body never changes)."""
    ring = keyring()
    return None if kid == ring.current else ring.wrap(ring.unwrap(kid, wrapped))


def _open(kid: str, wrapped: bytes, body: bytes, aad: bytes) -> bytes:
    data_key = keyring().unwrap(kid, wrapped)
    try:
        return AESGCM(data_key).decrypt(body[:NONCE], body[NONCE:], aad)
    except InvalidTag:
        raise DataKeyError(msg.CIPHERTEXT_MALFORMED) from None


# ---- text ------------------------------------------------------------------------------------------------

def is_sealed_text(value) -> bool:
    return isinstance(value, str) and value.startswith(TEXT_PREFIX)


def _split_text(value: str) -> tuple[str, bytes, bytes]:
    try:
        _, kid, wrapped, body = value.split(".")
        return kid, _unb64(wrapped), _unb64(body)
    except ValueError:  # wrong number of parts or bad base64 (binascii.Error is a ValueError)
        raise DataKeyError(msg.CIPHERTEXT_MALFORMED) from None


def _join_text(kid: str, wrapped: bytes, body: bytes) -> str:
    return f"{TEXT_PREFIX[:-1]}.{kid}.{_b64(wrapped)}.{_b64(body)}"


def seal_text(plaintext: str) -> str:
    return _join_text(*_seal(plaintext.encode(), TEXT_AAD))


def open_text(value: str) -> str:
    """The plaintext of a sealed value. A value that is not sealed is returned as it is: rows written
    before encryption existed stay readable until the migration or `rotate_data_keys` seals them."""
    if not is_sealed_text(value):
        return value
    return _open(*_split_text(value), TEXT_AAD).decode()


def text_key_id(value: str) -> str | None:
    """The key id a sealed value is under; None for a value not sealed yet."""
    return value.split(".", 2)[1] if is_sealed_text(value) else None


def rewrap_text(value: str) -> str:
    """The same value under the current key: plaintext is sealed, another key's data key re-wrapped."""
    if not is_sealed_text(value):
        return seal_text(value)
    kid, wrapped, body = _split_text(value)
    moved = _rewrapped(kid, wrapped)
    return value if moved is None else _join_text(*moved, body)


# ---- files -----------------------------------------------------------------------------------------------

def is_sealed_bytes(data: bytes) -> bool:
    return data.startswith(FILE_MAGIC)


def _split_bytes(data: bytes) -> tuple[str, bytes, bytes]:
    at = len(FILE_MAGIC)
    if len(data) < at + 1:
        raise DataKeyError(msg.CIPHERTEXT_MALFORMED)
    length = data[at]
    kid_end = at + 1 + length
    if len(data) < kid_end + WRAPPED + NONCE + 16:
        raise DataKeyError(msg.CIPHERTEXT_MALFORMED)
    try:
        kid = data[at + 1:kid_end].decode("ascii")
    except UnicodeDecodeError:
        raise DataKeyError(msg.CIPHERTEXT_MALFORMED) from None
    return kid, data[kid_end:kid_end + WRAPPED], data[kid_end + WRAPPED:]


def _join_bytes(kid: str, wrapped: bytes, body: bytes) -> bytes:
    encoded = kid.encode("ascii")
    return FILE_MAGIC + bytes([len(encoded)]) + encoded + wrapped + body


def seal_bytes(plaintext: bytes) -> bytes:
    return _join_bytes(*_seal(plaintext, FILE_AAD))


def open_bytes(data: bytes) -> bytes:
    """The plaintext of a sealed file; a file stored before encryption existed is returned as it is."""
    if not is_sealed_bytes(data):
        return data
    return _open(*_split_bytes(data), FILE_AAD)


def bytes_key_id(data: bytes) -> str | None:
    return _split_bytes(data)[0] if is_sealed_bytes(data) else None


def rewrap_bytes(data: bytes) -> bytes:
    if not is_sealed_bytes(data):
        return seal_bytes(data)
    kid, wrapped, body = _split_bytes(data)
    moved = _rewrapped(kid, wrapped)
    return data if moved is None else _join_bytes(*moved, body)
