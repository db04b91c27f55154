"""/api/v1/webhooks: an account's webhook endpoints and their delivery log (scope `webhooks`). The payload,
headers, retry schedule and signature check are in docs/api.md (Webhooks). Endpoints and deliveries are found
through the caller's account only: another account's answer exactly as a missing one (404 `not_found`)."""

from datetime import datetime

from ninja import Router, Schema, Status
from pydantic import Field

from beian.api.auth import API_AUTH, require_scope
from beian.api.errors import ApiError, ErrorOut
from beian.webhooks import messages as wmsg
from beian.webhooks import services
from beian.webhooks.models import Attempt, Delivery, Endpoint

router = Router(tags=["webhooks"], auth=API_AUTH)
ERRORS = {400: ErrorOut, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut, 422: ErrorOut}
DELIVERY_PAGE = 50


class EndpointIn(Schema):
    url: str = Field(max_length=2000, description="https:// 地址（演示/测试环境可用 http://127.0.0.1）")
    events: list[str] = Field(max_length=20, description="order.created、order.state_changed、order.approved")
    description: str = Field("", max_length=500)


class EndpointPatch(Schema):
    url: str | None = Field(None, max_length=2000)
    events: list[str] | None = Field(None, max_length=20)
    description: str | None = Field(None, max_length=500)
    is_active: bool | None = None


class EndpointOut(Schema):
    id: int
    url: str
    description: str
    events: list[str]
    is_active: bool
    disabled_reason: str
    secret_hint: str
    created_at: datetime


class EndpointCreatedOut(EndpointOut):
    secret: str = Field(description="签名密钥，只在创建与更换时返回这一次")


class SecretOut(Schema):
    id: int
    secret: str


class AttemptOut(Schema):
    number: int
    at: datetime
    manual: bool
    status_code: int | None
    duration_ms: int
    error: str
    next_retry_at: datetime | None


class DeliveryOut(Schema):
    id: int
    event_id: str
    event_type: str
    order_reference: str | None
    status: str = Field(description="pending | succeeded | failed")
    attempts: int
    next_attempt_at: datetime | None
    created_at: datetime
    delivered_at: datetime | None
    log: list[AttemptOut]


def _endpoint(request, endpoint_id: int) -> Endpoint:
    found = Endpoint.objects.filter(pk=endpoint_id, account=request.auth).first()
    if found is None:
        raise ApiError(404, "not_found", wmsg.ERRORS["not_found"], details={"id": endpoint_id})
    return found


def _fail(exc: services.WebhookError):
    raise ApiError(400, exc.code, exc.message, details={"path": exc.field} if exc.field else {}) from None


def _out(endpoint: Endpoint, **extra) -> dict:
    return {"id": endpoint.pk, "url": endpoint.url, "description": endpoint.description, "events": endpoint.events,
            "is_active": endpoint.is_active, "disabled_reason": endpoint.disabled_reason,
            "secret_hint": endpoint.secret_hint, "created_at": endpoint.created_at, **extra}


def _delivery_out(delivery: Delivery) -> dict:
    log = [{"number": a.number, "at": a.at, "manual": a.manual, "status_code": a.status_code,
            "duration_ms": a.duration_ms, "error": a.error, "next_retry_at": a.next_retry_at}
           for a in sorted(getattr(delivery, "prefetched_log", None) or
                           Attempt.objects.filter(delivery=delivery), key=lambda a: (a.at, a.pk))]
    return {"id": delivery.pk, "event_id": delivery.event_id, "event_type": delivery.event_type,
            "order_reference": delivery.order.reference if delivery.order_id else None, "status": delivery.status,
            "attempts": delivery.attempts, "next_attempt_at": delivery.next_attempt_at,
            "created_at": delivery.created_at, "delivered_at": delivery.delivered_at, "log": log}


@router.get("/webhooks", response={200: list[EndpointOut], **ERRORS}, summary="列出 Webhook")
def list_webhooks(request):
    require_scope(request, "webhooks")
    return [_out(e) for e in Endpoint.objects.filter(account=request.auth)]


@router.post("/webhooks", response={201: EndpointCreatedOut, **ERRORS}, summary="添加 Webhook（返回签名密钥，仅此一次）")
def create_webhook(request, payload: EndpointIn):
    require_scope(request, "webhooks")
    try:
        endpoint, secret = services.create_endpoint(account=request.auth, actor=request.user, url=payload.url,
                                                    events=payload.events, description=payload.description,
                                                    via="api")
    except services.WebhookError as exc:
        _fail(exc)
    return Status(201, _out(endpoint, secret=secret))


@router.get("/webhooks/{int:endpoint_id}", response={200: EndpointOut, **ERRORS}, summary="读取 Webhook")
def get_webhook(request, endpoint_id: int):
    require_scope(request, "webhooks")
    return _out(_endpoint(request, endpoint_id))


@router.patch("/webhooks/{int:endpoint_id}", response={200: EndpointOut, **ERRORS}, summary="修改 Webhook")
def update_webhook(request, endpoint_id: int, payload: EndpointPatch):
    require_scope(request, "webhooks")
    found = _endpoint(request, endpoint_id)
    fields = {"url": found.url, "events": found.events, "description": found.description, "is_active": found.is_active}
    fields.update({k: v for k, v in payload.dict().items() if v is not None})
    try:
        services.update_endpoint(found, actor=request.user, via="api", **fields)
    except services.WebhookError as exc:
        _fail(exc)
    return _out(found)


@router.delete("/webhooks/{int:endpoint_id}", response={204: None, **ERRORS}, summary="删除 Webhook")
def delete_webhook(request, endpoint_id: int):
    require_scope(request, "webhooks")
    services.delete_endpoint(_endpoint(request, endpoint_id), actor=request.user, via="api")
    return Status(204, None)


@router.post("/webhooks/{int:endpoint_id}/rotate", response={200: SecretOut, **ERRORS},
             summary="更换签名密钥（旧密钥立即失效；新密钥仅返回这一次）")
def rotate_webhook_secret(request, endpoint_id: int):
    require_scope(request, "webhooks")
    found = _endpoint(request, endpoint_id)
    return {"id": found.pk, "secret": services.rotate_secret(found, actor=request.user, via="api")}


@router.post("/webhooks/{int:endpoint_id}/test", response={200: DeliveryOut, **ERRORS}, summary="发送测试事件")
def test_webhook(request, endpoint_id: int):
    require_scope(request, "webhooks")
    return _delivery_out(services.send_test(_endpoint(request, endpoint_id), actor=request.user, via="api"))


@router.get("/webhooks/{int:endpoint_id}/deliveries", response={200: list[DeliveryOut], **ERRORS},
            summary="投递记录（最近 50 条，新的在前）")
def list_deliveries(request, endpoint_id: int):
    require_scope(request, "webhooks")
    found = _endpoint(request, endpoint_id)
    deliveries = list(Delivery.objects.filter(endpoint=found).select_related("order")[:DELIVERY_PAGE])
    by_delivery: dict[int, list] = {}
    for attempt in Attempt.objects.filter(delivery__in=deliveries):
        by_delivery.setdefault(attempt.delivery_id, []).append(attempt)
    for d in deliveries:
        d.prefetched_log = by_delivery.get(d.pk, [])
    return [_delivery_out(d) for d in deliveries]


@router.post("/webhooks/{int:endpoint_id}/deliveries/{int:delivery_id}/redeliver",
             response={200: DeliveryOut, **ERRORS}, summary="重新发送一次投递")
def redeliver_webhook(request, endpoint_id: int, delivery_id: int):
    require_scope(request, "webhooks")
    found = _endpoint(request, endpoint_id)
    delivery = Delivery.objects.filter(pk=delivery_id, endpoint=found).select_related("order", "endpoint").first()
    if delivery is None:
        raise ApiError(404, "not_found", wmsg.ERRORS["not_found"], details={"id": delivery_id})
    return _delivery_out(services.redeliver(delivery, actor=request.user, via="api"))
