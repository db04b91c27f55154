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
            # The caller's own account, also while an agent acts for a customer (request.auth is the customer's):
            # one agent's calls for its many customers share the agent's allowance.
            ident = f"account:{request.user.pk}"
        else:
            return None  # anonymous: AnonThrottle, by address
        return self.cache_format % {"scope": self.scope, "ident": ident}


api = NinjaAPI(
    title="beian API",
    version="1",
    description=(
        "ICP 备案代备案平台 JSON API：预检、订单、备案记录。认证：`Authorization: Bearer <API 令牌>`。\n\n"
        "**代理商代客户调用**：代理商账号的令牌（或登录会话）在任一请求中加请求头 `Beian-Customer: <客户账号 id 或邮箱>`，"
        "该请求即在该客户的账号中进行（订单、备案、资料、Webhook 均为客户的），操作人记为代理商（订单历史中为"
        "“代理商 X 代客户 Y”）。客户须为该代理商代办中的客户（GET /api/v1/customers）；否则（非代理商、未知账号、"
        "其他代理商的客户、已解除的客户）一律返回 404 `customer_not_found`。不带此头时在代理商自己的账号中进行。"
        "须由本人完成的操作仍须本人完成：代客户时填写负责人短信验证码返回 403 `agent_sms_code`，请把手机核验页链接"
        "（…/phone-link）交给负责人本人。`GET /api/v1/orders?customer=all` 列出自己和全部客户的订单（与此头同用为 400 "
        "`customer_conflict`）；代理商的 Webhook 也会收到其客户订单的事件（`data.customer.id`）。"
    ),
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
api.add_router("/v1", "beian.api.order_apps.router")  # issue 17: an order's APPs and their signing files
api.add_router("/v1", "beian.api.orders.router")
api.add_router("/v1", "beian.api.filings.router")
api.add_router("/v1", "beian.api.webhooks.router")
api.add_router("/v1", "beian.api.customers.router")  # issue 16: an agent's customers (the Beian-Customer header)
AUTH = API_AUTH
