"""HMAC-SHA256 request signing shared by the platform's adapter and the ministry simulator.

string to sign = METHOD \n PATH \n TIMESTAMP \n NONCE \n hex(sha256(body)); headers X-Provider,
X-Timestamp (unix seconds), X-Nonce (random, single use, 16-64 letters, digits, - or _), X-Signature (hex).
"""

import hashlib
import hmac
import re
import secrets
import time

MAX_SKEW = 300  # seconds
# A nonce is only single use if there is one: an empty (or truncated) nonce would be the same for every request.
NONCE = re.compile(r"[A-Za-z0-9_-]{16,64}")


def string_to_sign(method: str, path: str, timestamp: str, nonce: str, body: bytes) -> bytes:
    return "\n".join([method.upper(), path, timestamp, nonce, hashlib.sha256(body).hexdigest()]).encode()


def sign(secret: str, method: str, path: str, timestamp: str, nonce: str, body: bytes) -> str:
    return hmac.new(secret.encode(), string_to_sign(method, path, timestamp, nonce, body), hashlib.sha256).hexdigest()


def headers(*, provider: str, secret: str, method: str, path: str, body: bytes, now: float | None = None) -> dict:
    timestamp, nonce = str(int(now if now is not None else time.time())), secrets.token_hex(16)
    return {"X-Provider": provider, "X-Timestamp": timestamp, "X-Nonce": nonce,
            "X-Signature": sign(secret, method, path, timestamp, nonce, body)}


def verify(*, secret: str, method: str, path: str, body: bytes, timestamp: str, nonce: str, signature: str,
           now: float | None = None) -> str | None:
    """None when valid, else an error code: bad_nonce | stale_timestamp | bad_signature."""
    if not NONCE.fullmatch(nonce or ""):
        return "bad_nonce"
    try:
        skew = abs((now if now is not None else time.time()) - int(timestamp))
    except (TypeError, ValueError):
        return "stale_timestamp"
    if skew > MAX_SKEW:
        return "stale_timestamp"
    expected = sign(secret, method, path, timestamp, nonce, body)
    return None if hmac.compare_digest(expected, signature or "") else "bad_signature"


def verify_request(request, *, secret: str) -> str | None:
    """`verify` applied to a Django request: its method, full path, body and X- headers."""
    return verify(secret=secret, method=request.method, path=request.get_full_path(), body=request.body,
                  timestamp=request.headers.get("X-Timestamp", ""), nonce=request.headers.get("X-Nonce", ""),
                  signature=request.headers.get("X-Signature", ""))
