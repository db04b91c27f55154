"""Abuse limits: fixed-window counters in the shared cache, and the client's address.

A rule is named in settings.RATE_LIMITS as "count/window" or several of them ("5/h,10/d"); a window is a number
of s, m, h or d ("10/15m"). Each window is a fixed bucket of wall-clock time (counting starts afresh at the next
bucket), so a counter is one cache entry that expires with its bucket: cheap on the database cache and on Redis.

One action usually counts against several keys at once (an SMS code against the mobile, the account and the
address). `hit` refuses when any of them is already at its limit and then counts nothing, so one exhausted key does
not also use up the others; `check` only looks. Values are keyed by an HMAC, so mobiles and emails are not
stored in clear in the cache.

The client's address is REMOTE_ADDR unless TRUSTED_PROXY_COUNT says how many reverse proxies in front of the
service append to X-Forwarded-For: only then is that header read, and only the entry the nearest trusted proxy
wrote. A client that sends its own X-Forwarded-For directly changes nothing.
"""

import ipaddress
import math
import re
import time

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ImproperlyConfigured
from django.utils.crypto import salted_hmac

from beian.web import messages as msg

WINDOW = re.compile(r"\s*(\d+)\s*/\s*(\d*)\s*([smhd])\s*")
UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400}
clock = time.time  # tests pin it, so that no test straddles the end of a window


class Limited(Exception):
    """An action refused by a rule; `retry_after` is in whole seconds."""

    def __init__(self, rule: str, retry_after: int):
        super().__init__(rule)
        self.rule, self.retry_after = rule, max(int(retry_after), 1)

    @property
    def wait(self) -> str:
        return wait_text(self.retry_after)

    @property
    def message(self) -> str:
        return msg.RATE_LIMITED.get(self.rule, msg.RATE_LIMITED_OTHER).format(wait=self.wait)


def wait_text(seconds: int) -> str:
    if seconds < 120:
        return msg.WAIT_SECONDS.format(n=seconds)
    if seconds < 2 * 3600:
        return msg.WAIT_MINUTES.format(n=math.ceil(seconds / 60))
    return msg.WAIT_HOURS.format(n=math.ceil(seconds / 3600))


def windows(rule: str) -> list[tuple[int, int]]:
    """[(count, seconds)] of a rule; an unknown or malformed rule is a configuration error, not 'no limit'."""
    spec = getattr(settings, "RATE_LIMITS", {}).get(rule)
    if spec is None:
        raise ImproperlyConfigured(f"RATE_LIMITS has no rule {rule!r}")
    result = []
    for part in str(spec).split(","):
        found = WINDOW.fullmatch(part)
        if not found:
            raise ImproperlyConfigured(f"RATE_LIMITS[{rule!r}]: {part!r} is not count/window (e.g. 5/h, 10/15m)")
        result.append((int(found[1]), int(found[2] or 1) * UNITS[found[3]]))
    return result


def _counters(keys, now: float):
    """(rule, limit, cache key, seconds left in the bucket) for every window of every (rule, value) key."""
    for rule, value in keys:
        if value is None or value == "":
            continue  # e.g. no address known, no account yet: that key does not apply
        digest = salted_hmac("beian.web.limits", f"{rule}:{value}").hexdigest()[:32]
        for count, window in windows(rule):
            bucket = int(now // window)
            yield rule, count, f"rl:{rule}:{window}:{bucket}:{digest}", (bucket + 1) * window - now


def _refuse(over) -> None:
    if over:
        rule, left = max(over, key=lambda item: item[1])
        raise Limited(rule, math.ceil(left))


def check(*keys, now: float | None = None) -> None:
    """Raises Limited when any key is already at its limit; counts nothing."""
    counters = list(_counters(keys, clock() if now is None else now))
    seen = cache.get_many([c[2] for c in counters])
    _refuse([(rule, left) for rule, count, key, left in counters if seen.get(key, 0) >= count])


def hit(*keys, now: float | None = None) -> None:
    """Counts one action against every key, or raises Limited (counting nothing) when one is at its limit."""
    now = clock() if now is None else now
    check(*keys, now=now)
    over = []
    for rule, count, key, left in _counters(keys, now):
        timeout = math.ceil(left) + 1
        cache.add(key, 0, timeout)
        try:
            value = cache.incr(key)
        except ValueError:  # expired between add and incr
            cache.set(key, 1, timeout)
            value = 1
        if value > count:  # lost a race with a concurrent request
            over.append((rule, left))
    _refuse(over)


def record(*keys) -> None:
    """Counts a failure (a wrong password) without refusing anything."""
    try:
        hit(*keys)
    except Limited:
        pass


def response(request, exc: Limited):
    """The 429 page (or JSON envelope) saying when to retry, with Retry-After."""
    from beian.web.errors import error_response

    answer = error_response(request, 429, message=exc.message)
    answer["Retry-After"] = str(exc.retry_after)
    return answer


def client_ip(request) -> str:
    """The client's address as far as the configured proxies can vouch for it (see the module docstring)."""
    remote = request.META.get("REMOTE_ADDR", "")
    address = remote
    proxies = int(getattr(settings, "TRUSTED_PROXY_COUNT", 0) or 0)
    if proxies > 0:
        forwarded = [a.strip() for a in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if a.strip()]
        if forwarded:
            address = forwarded[-min(proxies, len(forwarded))]
    try:
        return str(ipaddress.ip_address(address))
    except ValueError:
        return remote


def ip_key(request) -> str:
    """The address as a rate-limit key: one IPv6 host usually holds a whole /64, so that is one client."""
    address = client_ip(request)
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return address
    return str(ipaddress.ip_network(f"{ip}/64", strict=False)) if ip.version == 6 else address
