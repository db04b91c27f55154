"""The HTTP adapter of the ministry port (signed requests, timeouts, retries with exponential backoff)."""

import json
import time
import urllib.error
import urllib.parse
import urllib.request

from django.conf import settings

from beian.ministry import signing
from beian.ministry.port import MinistryRejected, MinistryUnavailable, Status
from beian.rules import safejson

MAX_RESPONSE = 2 * 1024 * 1024  # a page of 100 results is a few dozen KB


class HttpMinistry:
    def __init__(self, *, base_url: str | None = None, provider: str | None = None, secret: str | None = None,
                 timeout: float = 5.0, retries: int | None = None, backoff: float = 0.5):
        self.base_url = (base_url or settings.MINISTRY_URL).rstrip("/")
        self.provider = provider or settings.MINISTRY_PROVIDER_ID
        self.secret = secret or settings.MINISTRY_SHARED_SECRET
        self.timeout, self.backoff = timeout, backoff
        self.retries = retries if retries is not None else getattr(settings, "MINISTRY_RETRIES", 3)

    def _call(self, method: str, path: str, payload: dict | None = None) -> dict:
        body = json.dumps(payload, ensure_ascii=False).encode() if payload is not None else b""
        last: Exception | None = None
        for attempt in range(self.retries):
            if attempt:
                time.sleep(self.backoff * 2 ** (attempt - 1))
            # A fresh nonce and timestamp per attempt: a retried request must not look like a replay.
            headers = signing.headers(provider=self.provider, secret=self.secret, method=method, path=path, body=body)
            headers["Content-Type"] = "application/json"
            request = urllib.request.Request(self.base_url + path, data=body or None, method=method, headers=headers)
            try:
                with urllib.request.urlopen(request, timeout=self.timeout) as response:  # noqa: S310 (configured URL)
                    # A peer's answer is input too (safejson.JsonProblem is a ValueError: unavailable).
                    data = safejson.loads(response.read(MAX_RESPONSE + 1), max_bytes=MAX_RESPONSE)
                    if not isinstance(data, dict):
                        raise ValueError("not a JSON object")
                    return data
            except urllib.error.HTTPError as exc:
                detail = _json(exc)
                if exc.code >= 500:
                    last = MinistryUnavailable(f"ministry HTTP {exc.code}")
                    continue
                raise MinistryRejected(detail.get("message", f"HTTP {exc.code}"), code=detail.get("code")) from None
            except (urllib.error.URLError, OSError, ValueError) as exc:
                last = MinistryUnavailable(f"ministry unreachable: {exc}")
        raise last or MinistryUnavailable("ministry unreachable")

    def submit(self, *, request_id, order_ref, kind, application, filing_number="", domain="", app_number="",
               changes=None) -> Status:
        data = self._call("POST", "/api/v1/filings", {"request_id": request_id, "order_ref": order_ref, "kind": kind,
                                                      "application": application, "filing_number": filing_number,
                                                      "domain": domain, "app_number": app_number,
                                                      "changes": changes or []})
        return _status(data)

    def status(self, *, request_id) -> Status:
        return _status(self._call("GET", f"/api/v1/filings/{urllib.parse.quote(request_id)}"))

    def claim_record(self, *, subject_number="", domain="", cert_number="") -> dict:
        return self._call("POST", "/api/v1/records/lookup",
                          {"subject_number": subject_number, "domain": domain, "cert_number": cert_number})

    def results(self, *, cursor: int) -> tuple[list[Status], int]:
        data = self._call("GET", f"/api/v1/results?cursor={int(cursor)}")
        return [_status(r) for r in data.get("results", [])], int(data.get("next_cursor", cursor))

    def register_callback(self, *, url: str) -> str:
        return self._call("POST", "/api/v1/callback", {"url": url}).get("callback_url", "")


def _json(exc) -> dict:
    try:
        data = safejson.loads(exc.read(MAX_RESPONSE + 1) or b"{}", max_bytes=MAX_RESPONSE)
    except ValueError:
        return {}
    return data if isinstance(data, dict) else {}


def app_numbers(value) -> list[str] | None:
    """The ministry's `app_numbers` (port.Status): a list of strings, position i for the application's apps[i];
    absent is none. None when it is anything else."""
    if value is None:
        return []
    if not isinstance(value, list) or len(value) > 500 or not all(isinstance(v, str) and len(v) <= 48 for v in value):
        return None
    return list(value)


def _status(data: dict) -> Status:
    return Status(request_id=data.get("request_id", ""), status=data.get("status", ""), reason=data.get("reason", ""),
                  icp_number=data.get("icp_number", ""), website_numbers=data.get("website_numbers") or {},
                  app_numbers=app_numbers(data.get("app_numbers")) or [],
                  result_id=data.get("result_id", ""), cursor=int(data.get("cursor", 0) or 0))


def default() -> HttpMinistry:
    return HttpMinistry()
