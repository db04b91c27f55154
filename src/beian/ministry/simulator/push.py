"""Push delivery of results to a provider's callback URL (the other half of the pull API).

A result is pushed as a signed POST (the same HMAC scheme as the provider's own requests, with the
provider's secret) until the provider answers 2xx; failures back off exponentially. Delivery is at
least once: the provider recognises a re-delivered result by its result_id. Pull stays available,
so a provider that misses pushes (or never registered a callback) loses nothing.
"""

import json
import logging
import threading
import urllib.error
import urllib.parse
import urllib.request
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import Q

from beian.ministry import signing
from beian.ministry.simulator.models import Provider, Result, Submission

log = logging.getLogger(__name__)
BATCH = 50
TIMEOUT = 5.0
MAX_BACKOFF = timedelta(hours=1)
CLAIM = timedelta(seconds=60)  # longer than a post can take (TIMEOUT)


def submission_payload(submission: Submission) -> dict:
    return {"request_id": submission.request_id, "order_ref": submission.order_ref, "status": submission.status,
            "status_label": submission.status_label, "reason": submission.reason, "icp_number": submission.icp_number,
            "website_numbers": submission.website_numbers, "app_numbers": list(submission.app_numbers or [])}


def result_payload(result: Result) -> dict:
    """One result as both the pull API and the push callback carry it."""
    fields = {k: v for k, v in submission_payload(result.submission).items() if k not in ("status", "reason", "status_label")}
    return {"cursor": result.id, "result_id": result.result_id, "status": result.status, "reason": result.reason, **fields}


def backoff(attempts: int) -> timedelta:
    return min(timedelta(seconds=30 * 2 ** max(attempts - 1, 0)), MAX_BACKOFF)


def _post(provider: Provider, body: bytes) -> None:
    parts = urllib.parse.urlsplit(provider.callback_url)
    path = parts.path or "/"
    if parts.query:
        path += "?" + parts.query
    headers = signing.headers(provider=provider.provider_id, secret=provider.secret, method="POST", path=path, body=body)
    headers["Content-Type"] = "application/json"
    request = urllib.request.Request(provider.callback_url, data=body, method="POST", headers=headers)
    with urllib.request.urlopen(request, timeout=TIMEOUT) as response:  # noqa: S310 (the provider's registered URL)
        response.read()


def _due(provider: Provider, now):
    return (Result.objects.filter(submission__provider=provider, delivered_at__isnull=True)
            .filter(Q(next_delivery_at__isnull=True) | Q(next_delivery_at__lte=now)))


def deliver(*, now, provider: Provider | None = None) -> dict:
    """Push every due, undelivered result; returns counts. Safe to run from several places at once (a
    push thread, the tick, a command): each result is claimed before it is posted, so none is posted
    twice by them; a claim left by a process that died expires after CLAIM."""
    counts = {"delivered": 0, "failed": 0}
    providers = [provider] if provider else Provider.objects.exclude(callback_url="")
    for p in providers:
        if not p.callback_url:
            continue
        while True:
            candidates = list(_due(p, now).order_by("id").values_list("id", flat=True)[:BATCH])
            if not candidates:
                break
            # A conditional update per row: whoever changes it first owns it; the others see it not due.
            claimed = [pk for pk in candidates if _due(p, now).filter(pk=pk).update(next_delivery_at=now + CLAIM)]
            due = list(Result.objects.select_related("submission").filter(id__in=claimed).order_by("id"))
            if not due:
                continue
            body = json.dumps({"results": [result_payload(r) for r in due]}, ensure_ascii=False).encode()
            try:
                _post(p, body)
            except (urllib.error.URLError, OSError, ValueError) as exc:
                error = f"HTTP {exc.code}" if isinstance(exc, urllib.error.HTTPError) else str(exc)[:200]
                for r in due:
                    attempts = r.delivery_attempts + 1
                    Result.objects.filter(pk=r.pk).update(delivery_attempts=attempts, next_delivery_at=now + backoff(attempts),
                                                          last_delivery_error=error)
                counts["failed"] += len(due)
                log.warning("push to %s failed (%s); will retry", p.provider_id, error)
                break
            Result.objects.filter(id__in=claimed).update(delivered_at=now, last_delivery_error="")
            counts["delivered"] += len(due)
    return counts


def deliver_soon(provider_id: int) -> None:
    """After the current transaction commits, push what is due to this provider from a background
    thread, so the page that caused a result (e.g. the public SMS page) does not wait on the provider.
    Not a daemon: a command that made a result (ministry_decide, ministry_tick) exits after the push."""
    if not getattr(settings, "MINISTRY_PUSH_IMMEDIATE", True):
        return

    def run():
        from django.db import connection
        from django.utils import timezone

        try:
            provider = Provider.objects.filter(pk=provider_id).exclude(callback_url="").first()
            if provider:
                deliver(now=timezone.now(), provider=provider)
        except Exception:  # a background thread must not die noisily; the tick retries
            log.exception("push delivery failed")
        finally:
            connection.close()  # this thread's own connection

    transaction.on_commit(lambda: threading.Thread(target=run).start())
