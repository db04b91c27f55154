"""Master data keys: read from `BEIAN_DATA_KEYS` (production) or a key file in the data directory (demo).

`BEIAN_DATA_KEYS="k2:<base64 of 32 bytes>,k1:<...>"`: the first key encrypts new data; the others only
decrypt what was written under them, until `rotate_data_keys` has moved everything to the first one.
Imported by settings.py, so nothing here touches Django settings or the database.
"""

from __future__ import annotations

import base64
import binascii
import os
import re
import secrets
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured

from beian.pii import messages as msg

ENV = "BEIAN_DATA_KEYS"
KEY_FILE = "data_keys"
KEY_BYTES = 32
KEY_ID = re.compile(r"[A-Za-z0-9_-]{1,16}")
DEMO_KEY_ID = "d1"


class DataKeyConfigError(ImproperlyConfigured):
    """The configured keys cannot be used; the message names the setting and what is wrong."""


def parse(text: str) -> list[tuple[str, bytes]]:
    """[(key id, 32 key bytes)], current key first; raises ValueError with a Chinese detail."""
    keys: list[tuple[str, bytes]] = []
    for item in (part.strip() for part in text.replace("\n", ",").split(",")):
        if not item:
            continue
        kid, sep, encoded = item.partition(":")
        kid = kid.strip()
        if not sep:
            raise ValueError(msg.DETAIL_NO_COLON.format(item=item[:8] + "…"))
        if not KEY_ID.fullmatch(kid):
            raise ValueError(msg.DETAIL_BAD_ID.format(kid=kid[:20]))
        if any(kid == known for known, _ in keys):
            raise ValueError(msg.DETAIL_DUPLICATE.format(kid=kid))
        try:
            key = base64.b64decode(encoded.strip(), validate=True)
        except (binascii.Error, ValueError):
            raise ValueError(msg.DETAIL_BAD_BASE64.format(kid=kid)) from None
        if len(key) != KEY_BYTES:
            raise ValueError(msg.DETAIL_BAD_LENGTH.format(kid=kid, length=len(key)))
        keys.append((kid, key))
    if not keys:
        raise ValueError(msg.DETAIL_EMPTY)
    return keys


def format_keys(keys: list[tuple[str, bytes]]) -> str:
    return ",".join(f"{kid}:{base64.b64encode(key).decode()}" for kid, key in keys)


def new_key(kid: str) -> str:
    """One `kid:<base64>` entry with a fresh random key (for docs, tests and the demo key file)."""
    return format_keys([(kid, secrets.token_bytes(KEY_BYTES))])


def configured(data_dir: Path, environ=os.environ) -> tuple[list[tuple[str, bytes]], str]:
    """(keys, source): `BEIAN_DATA_KEYS` when set; otherwise the data directory's key file, made once with a
    random key (as settings._secret_key does), so a demo install has no key anyone else knows."""
    text = environ.get(ENV)
    if text is not None:
        try:
            return parse(text), ENV
        except ValueError as exc:
            raise DataKeyConfigError(msg.KEYS_MALFORMED.format(detail=exc)) from None
    path = Path(data_dir) / KEY_FILE
    if not path.exists():
        # Written aside and linked into place: two processes starting together must not each use a
        # different key, and none may read a half-written file.
        tmp = path.with_name(f".{KEY_FILE}.{os.getpid()}.{secrets.token_hex(4)}")
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w") as fh:
            fh.write(new_key(DEMO_KEY_ID) + "\n")
        try:
            os.link(tmp, path)
        except FileExistsError:
            pass
        finally:
            tmp.unlink()
    try:
        return parse(path.read_text()), str(path)
    except ValueError as exc:
        raise DataKeyConfigError(msg.KEY_FILE_MALFORMED.format(path=path, detail=exc)) from None
