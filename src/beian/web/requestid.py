"""A request id for every request: in the X-Request-ID response header, on error pages and in every log line.

An incoming X-Request-ID (set by a proxy in front) is kept when it is a short safe token, so one id follows a
request through the proxy's and our logs; anything else is replaced, never echoed (it would be a way to
inject text into logs and pages).
"""

import contextvars
import logging
import re
import secrets

HEADER = "X-Request-ID"
_SAFE = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{7,63}")
_current: contextvars.ContextVar[str] = contextvars.ContextVar("request_id", default="-")


def new_request_id(incoming: str | None = None) -> str:
    if incoming and _SAFE.fullmatch(incoming):
        return incoming
    return secrets.token_hex(8)


def current() -> str:
    """The id of the request being handled in this thread ("-" outside a request)."""
    return _current.get()


def of(request) -> str:
    return getattr(request, "request_id", None) or current()


class RequestIdMiddleware:
    """Outermost: the id is set before anything can fail and is on every response, error pages included."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.request_id = new_request_id(request.headers.get(HEADER))
        token = _current.set(request.request_id)
        try:
            response = self.get_response(request)
        finally:
            _current.reset(token)
        response[HEADER] = request.request_id
        return response


class RequestIdFilter(logging.Filter):
    """Gives every log record a `request_id` (for the formatter), "-" outside a request."""

    def filter(self, record):
        if not hasattr(record, "request_id"):
            request = getattr(record, "request", None)
            record.request_id = getattr(request, "request_id", None) or _current.get()
        return True


def context(request):
    """Template context processor: {{ request_id }} on any page."""
    return {"request_id": of(request)}
