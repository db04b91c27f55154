"""The JSON API for resellers and automation (OpenAPI at /api/openapi.json, docs at /api/docs).

Errors always have the shape {"code": <stable machine code>, "message": <Chinese text>, "details": {...},
"request_id": ...} (beian.api.errors.ApiError). `path` (the offending field) is in `details` and, for the clients
of the first precheck endpoint, also at the top level.
"""

import math

from django.conf import settings
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, Throttled, ValidationError
from ninja.throttling import AnonRateThrottle, AuthRateThrottle

from beian.api import messages as msg
from beian.api.auth import API_AUTH
from beian.api.errors import ApiError
from beian.api.order_steps import router as order_steps_router
from beian.api.parser import SafeParser, json_error
from beian.api.precheck import router as precheck_router
from beian.rules import safejson
from beian.web import limits, requestid


class ClientMixin:
    """The client as beian.web.limits sees it (TRUSTED_PROXY_COUNT), not ninja's own reading of the settings."""

    def get_ident(self, request):
        return limits.ip_key(request)


class AnonThrottle(ClientMixin, AnonRateThrottle):
    pass


class AuthThrottle(ClientMixin, AuthRateThrottle):
    """Signed-in callers: an API key has its own allowance (keyed on the key, not the address: one key used from
    many addresses shares it, two keys of one account have one each); a browser session has its account's.
    The rate is settings.API_KEY_RATE (default 600/min), read per request so that it can be changed."""

    def allow_request(self, request):
        self.num_requests, self.duration = self.parse_rate(getattr(settings, "API_KEY_RATE", "600/min"))
        return super().allow_request(request)

    def get_cache_key(self, request):
        token = getattr(request, "api_token", None)
        if token is not None:
            ident = f"key:{token.pk}"
        elif getattr(request, "auth", None) is not None:
            ident = f"account:{request.auth.pk}"
        else:
            return None  # anonymous: AnonThrottle, by address
        return self.cache_format % {"scope": self.scope, "ident": ident}


api = NinjaAPI(
    title="beian API",
    version="1",
    description="ICP 备案代备案平台 JSON API：预检、订单、备案记录。认证：`Authorization: Bearer <API 令牌>`。",
    urls_namespace="api",
    throttle=[AnonThrottle("60/min"), AuthThrottle("600/min")],
    parser=SafeParser(),
)


def error(request, status: int, code: str, message: str, path: str | None = None, details: dict | None = None):
    details = dict(details or {})
    if path is not None:
        details.setdefault("path", path)
    return api.create_response(request, {"code": code, "message": message, "details": details, "path": path,
                                         "request_id": requestid.of(request)}, status=status)


@api.exception_handler(ApiError)
def on_api_error(request, exc):
    return error(request, exc.status, exc.code, exc.message, exc.details.get("path"), exc.details)


@api.exception_handler(AuthenticationError)
def on_auth_error(request, exc):
    return error(request, 401, "auth_required", msg.AUTH_REQUIRED)


@api.exception_handler(ValidationError)
def on_validation_error(request, exc):
    first = exc.errors[0] if exc.errors else {}
    loc = ".".join(str(p) for p in first.get("loc", ()) if p not in ("body", "payload"))
    return error(request, 422, "validation_error", f"请求字段不合法：{loc} {first.get('msg', '')}".strip(), loc)


@api.exception_handler(HttpError)
def on_http_error(request, exc):
    if isinstance(exc.__cause__, safejson.JsonProblem):  # a schema body over the JSON limits (SafeParser)
        status, body = json_error(exc.__cause__)
        return error(request, status, body["code"], body["message"], body["path"])
    code = {404: "not_found", 429: "throttled", 403: "forbidden"}.get(exc.status_code, "error")
    text = {404: msg.NOT_FOUND, 429: msg.THROTTLED}.get(exc.status_code, str(exc))
    response = error(request, exc.status_code, code, text)
    if isinstance(exc, Throttled) and exc.wait:
        response["Retry-After"] = str(max(math.ceil(exc.wait), 1))
    return response


api.add_router("/v1", precheck_router)
api.add_router("/v1", order_steps_router)  # issue 16 #3: filling an order step by step
api.add_router("/v1", "beian.api.orders.router")
api.add_router("/v1", "beian.api.filings.router")
api.add_router("/v1", "beian.api.webhooks.router")
AUTH = API_AUTH
