"""/api/v1/orders: create (idempotent), read, list, cancel, history and the phone-page link of an order.

Every order is found through beian.api.lookup.order_or_404 (the account's own, else 404 as if missing). Orders are
created by the wizard's own code: step 1's field reading and checks (wizard.fields, wizard.findings.blocking,
filings.checks) and filings.services.create_order, which claims the certificate and domains (one order in flight
each: CERT_ORDER_IN_PROGRESS / DOMAIN_ORDER_IN_PROGRESS).
"""

import base64
import copy
import hashlib
import json
import re
from datetime import UTC, datetime, timedelta
from typing import Literal

from django.db import IntegrityError, transaction
from django.db.models import Q
from django.http import HttpResponse
from django.utils import timezone
from ninja import Header, Query, Router, Status

from beian.api import messages as msg
from beian.api import present
from beian.api.auth import API_AUTH, acting, require_scope
from beian.api.errors import ApiError, ErrorOut
from beian.api.lookup import order_or_404
from beian.api.models import IdempotencyKey
from beian.api.schemas import EventListOut, OrderCreateIn, OrderListOut, OrderOut, PhoneLinkOut
from beian.filings import states
from beian.filings.claims import ClaimConflict, normalise_domain
from beian.filings.models import KIND_CHOICES, InFlightClaim, Order
from beian.filings.services import OrderError, cancel_order
from beian.rules.messages import FILING_TYPES

router = Router(tags=["orders"], auth=API_AUTH)

READ, WRITE = "orders:read", "orders:write"
IDEMPOTENCY_TTL = timedelta(hours=24)
# Every answer but the success ones: the same envelope (beian.api.errors).
ERRORS = {code: ErrorOut for code in (400, 401, 403, 404, 409, 413, 422, 429)}
REFERENCE = re.compile(r"^[A-Za-z0-9_-]{1,20}$")
KEY = re.compile(r"^[\x21-\x7e]{1,200}$")
StateName = Literal[tuple(states.ALL)]
KindName = Literal[tuple(k for k, _ in KIND_CHOICES)]


def order_of(request, reference: str) -> Order:
    """The caller's order by reference (404 otherwise). A reference that cannot be one (control characters, too
    long) answers 404 without a query: PostgreSQL refuses NUL in a string, and that must not become a 500."""
    if not REFERENCE.match(reference or ""):
        raise ApiError(404, "not_found", msg.NOT_FOUND, details={"reference": ""})
    return order_or_404(request, reference)


def order_error(exc: OrderError | ClaimConflict, status: int = 409) -> ApiError:
    """A refusal of the lifecycle services in the envelope: its code, its message, its findings."""
    if isinstance(exc, ClaimConflict):
        finding = {"code": exc.code, "severity": "error", "path": "subject.cert_number" if exc.kind == "cert"
                   else "websites", "message": exc.message}
        return ApiError(409, exc.code, exc.message, details={"findings": [finding]})
    return ApiError(status, exc.code, exc.message, details={"findings": list(exc.details or [])})


# ---- create --------------------------------------------------------------------------------------------------

def _merge(base: dict, given: dict) -> dict:
    for key, value in given.items():
        if isinstance(value, dict) and isinstance(base.get(key), dict):
            _merge(base[key], value)
        else:
            base[key] = copy.deepcopy(value)
    return base


class _Post(dict):
    """Step 1's fields as the wizard's form reader (fields.read_post) takes them."""

    def getlist(self, name):
        value = self.get(name)
        return value if isinstance(value, list) else []


def _application(payload: OrderCreateIn) -> dict:
    """The wizard's step 1 for an API body: the blank application with what was given, step 1's fields read and
    tidied as the form reads them, the whole checked against precheck.md's input shape."""
    from beian.filings import checks
    from beian.rules.provinces import normalise_province
    from beian.wizard import fields

    province = normalise_province(payload.province or "")
    if province is None:
        raise ApiError(422, "province_unknown", msg.PROVINCE_UNKNOWN.format(province=(payload.province or "")[:16]),
                       details={"path": "province"})
    if payload.kind is not None and payload.kind not in FILING_TYPES:
        raise ApiError(422, "kind_not_allowed", msg.KIND_NOT_NEW, details={"path": "kind"})
    given = copy.deepcopy(payload.application or {})
    _refuse_control(given, "")
    given.pop("context", None)
    given.pop("materials", None)  # materials are uploaded, not declared
    application = _merge(checks.blank_application(), given)
    if given.get("apps") and not given.get("websites"):  # an APP-only filing (服务类型 APP, issue 17)
        application["websites"] = []
    if not isinstance(application.get("region"), dict):
        application["region"] = {}
    application["region"]["province"] = province
    application["requested_type"] = payload.kind
    _validate(application)  # the shape first: step 1's reader below walks it
    basic = fields.basic_fields()
    post = _Post()
    for f in basic:
        if f.name.startswith("websites[") and not application.get("websites"):
            continue  # no website to read the first domain into (APP-only)
        value = fields.get_path(application, f.name, "")
        if value is None:
            continue
        if not isinstance(value, str):
            raise ApiError(422, "application_invalid", msg.APPLICATION_INVALID.format(path=f.name, message="须为字符串"),
                           details={"path": f.name})
        post[f.name] = value
    errors = fields.read_post(post, basic, application)
    if errors:
        path, text = next(iter(errors.items()))
        raise ApiError(422, "application_invalid", msg.APPLICATION_INVALID.format(path=path, message=text),
                       details={"path": path, "errors": errors})
    fields.tidy(application)
    _validate(application)
    return application


CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def _refuse_control(value, path: str) -> None:
    """No control character in any value or key (a form cannot send one; PostgreSQL refuses NUL in the columns and
    claims the application feeds): 422 naming the first."""
    if isinstance(value, str):
        if CONTROL.search(value):
            raise ApiError(422, "application_invalid", msg.APPLICATION_INVALID.format(path=path or "$", message="含控制字符"),
                           details={"path": path or "$"})
    elif isinstance(value, dict):
        for k, v in value.items():
            _refuse_control(k, path)
            _refuse_control(v, f"{path}.{k}" if path else str(k))
    elif isinstance(value, list):
        for i, v in enumerate(value):
            _refuse_control(v, f"{path}[{i}]")


def _validate(application: dict) -> None:
    """precheck.md's input shape, or 422 `application_invalid` naming the field."""
    from beian.rules.engine import CONTENTS
    from beian.rules.schema import ApplicationError, validate

    try:
        validate(copy.deepcopy(application), CONTENTS)
    except ApplicationError as exc:
        raise ApiError(422, "application_invalid", msg.APPLICATION_INVALID.format(path=exc.path, message=exc.message),
                       details={"path": exc.path}) from None


def _create(request, payload: OrderCreateIn) -> Order:
    """What 下一步 on step 1 does: the engine's findings on step 1's fields block; the type is the engine's; a
    新增网站 under one's own filing is prefilled from it; create_order claims the certificate and domains."""
    from beian.filings import checks
    from beian.filings.selectors import prefilled_from_filing
    from beian.filings.services import create_order
    from beian.wizard import fields, visits
    from beian.wizard.findings import blocking

    application = _application(payload)
    account = request.auth
    result = checks.run(application, account=account)
    blocked = blocking(result["findings"], "basic", [f.name for f in fields.basic_fields()])
    if blocked or not result["filing_type"]:
        raise ApiError(422, "order_has_errors", msg.ORDER_HAS_ERRORS.format(count=len(blocked) or 1),
                       details={"findings": blocked or result["findings"]})
    if result["filing_type"] == "new_site_here":
        application, _ = prefilled_from_filing(account=account, application=application)
    try:
        order = create_order(account=account, application=application, kind=result["filing_type"],
                             actor=request.user)
    except (ClaimConflict, OrderError) as exc:
        raise order_error(exc) from None
    visits.reach(order, "basic", saved=True)
    return order


def _body_hash(payload: OrderCreateIn) -> str:
    canonical = json.dumps(payload.model_dump(mode="json"), sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(canonical.encode()).hexdigest()


def _replay(account, key: str, body_hash: str) -> Order | None:
    found = IdempotencyKey.objects.select_related("order").filter(account=account, key=key,
                                                                  expires_at__gt=timezone.now()).first()
    if found is None:
        return None
    if found.body_hash != body_hash:
        raise ApiError(409, "idempotency_conflict", msg.IDEMPOTENCY_CONFLICT, details={"idempotency_key": key})
    return found.order


class _Raced(Exception):
    pass


@router.post(
    "/orders",
    url_name="orders", response={200: OrderOut, 201: OrderOut, **ERRORS},
    summary="创建备案订单（向导第 1 步）",
    description="与申请向导第 1 步“下一步”相同：读取并校验第 1 步的字段，规则引擎判定备案类型（给出 kind 时按其核对），"
    "有错误时返回 422 `order_has_errors`，`details.findings` 为各项提示（含代码与字段路径）；同一证件号码或域名已有进行中的"
    "订单时返回 409 `CERT_ORDER_IN_PROGRESS` / `DOMAIN_ORDER_IN_PROGRESS`。\n\n"
    "**幂等**：带 `Idempotency-Key` 头（1–200 个可见 ASCII 字符，按账号区分，保存 24 小时）时，以同一键和同一请求体"
    "重试返回同一订单（200，响应头 `Idempotent-Replayed: true`）；同一键而请求体不同返回 409 `idempotency_conflict`。"
    "首次创建返回 201。需要 `orders:write` 权限。",
)
def create(request, response: HttpResponse, payload: OrderCreateIn,
           idempotency_key: str | None = Header(None, alias="Idempotency-Key")):
    require_scope(request, WRITE)
    account = request.auth
    if idempotency_key is not None and not KEY.match(idempotency_key):
        raise ApiError(400, "idempotency_key_invalid", msg.IDEMPOTENCY_KEY_INVALID,
                       details={"path": "Idempotency-Key"})
    if idempotency_key is None:
        return Status(201, present.order_out(_create(request, payload), own_id=request.user.pk))
    body_hash = _body_hash(payload)
    if (order := _replay(account, idempotency_key, body_hash)) is not None:
        response["Idempotent-Replayed"] = "true"
        return Status(200, present.order_out(order, own_id=request.user.pk))
    IdempotencyKey.objects.filter(account=account, key=idempotency_key, expires_at__lte=timezone.now()).delete()
    try:
        with transaction.atomic():
            order = _create(request, payload)
            try:
                with transaction.atomic():
                    now = timezone.now()
                    IdempotencyKey.objects.create(account=account, key=idempotency_key, body_hash=body_hash,
                                                  order=order, created_at=now, expires_at=now + IDEMPOTENCY_TTL)
            except IntegrityError:
                raise _Raced from None  # a concurrent retry won: undo this order, answer with that one
    except _Raced:
        order = _replay(account, idempotency_key, body_hash)
        if order is None:  # pragma: no cover - the winner's row expired within the same request
            raise ApiError(409, "idempotency_conflict", msg.IDEMPOTENCY_CONFLICT) from None
        response["Idempotent-Replayed"] = "true"
        return Status(200, present.order_out(order, own_id=request.user.pk))
    return Status(201, present.order_out(order, own_id=request.user.pk))


# ---- read, list ------------------------------------------------------------------------------------------------

@router.get("/orders/{reference}", url_name="order", response={200: OrderOut, **ERRORS}, summary="读取订单（与进度页相同，个人信息已打码）",
            description="状态、类型、申请（证件号码与手机号打码）、规则引擎的提示、下一步、初审承诺时间、审核通过后的备案号。"
            "需要 `orders:read` 权限。")
def read(request, reference: str):
    require_scope(request, READ)
    return present.order_out(order_of(request, reference), own_id=request.user.pk)


def _utc(value: datetime, name: str) -> datetime:
    """A time as UTC (a naive one in the platform's zone): PostgreSQL refuses offsets beyond ±15:59, which a
    client may well send; a time that leaves the calendar once converted is refused (400), not a 500."""
    try:
        if timezone.is_naive(value):
            value = timezone.make_aware(value)
        return value.astimezone(UTC)
    except (OverflowError, ValueError):
        raise ApiError(400, "date_invalid", msg.DATE_INVALID.format(name=name), details={"path": name}) from None


def _encode_cursor(order: Order) -> str:
    raw = json.dumps([order.created_at.isoformat(), order.pk]).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def _decode_cursor(cursor: str) -> tuple[datetime, int]:
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        at, pk = json.loads(raw)
        at = datetime.fromisoformat(at)
        if not isinstance(pk, int) or isinstance(pk, bool) or timezone.is_naive(at) or not 0 < pk < 2**62:
            raise ValueError
        return at.astimezone(UTC), pk
    except (ValueError, TypeError, OverflowError, json.JSONDecodeError, UnicodeDecodeError):
        raise ApiError(400, "cursor_invalid", msg.CURSOR_INVALID, details={"path": "cursor"}) from None


def _search(q: str) -> Q:
    """A domain (exact, as claimed by an order in flight, changed by a change order or filed by an approval), a
    reference, or part of the subject's name."""
    domain = normalise_domain(q)
    in_flight = InFlightClaim.objects.filter(kind=InFlightClaim.DOMAIN, key=domain).values("order_id")
    return (Q(subject_name__icontains=q) | Q(reference=q.upper()) | Q(pk__in=in_flight)
            | Q(filed_website__domain=domain) | Q(meta__website_numbers__has_key=domain))


@router.get("/orders", url_name="orders", response={200: OrderListOut, **ERRORS}, summary="订单列表（筛选、游标分页）",
            description="按创建时间倒序。筛选：state、kind、created_after / created_before（ISO 8601，含时区）、"
            "q（域名、订单号或主体名称的一部分）。分页：响应的 `next_cursor` 作为 cursor 传回取下一页（键集分页，"
            "翻页期间新建的订单不会造成重复或遗漏）。代理商：`customer=all` 列出自己和全部有效客户的订单（每条的 "
            "`customer` 为所属客户，自己的为 null；不能与 Beian-Customer 头同用，否则 400 `customer_conflict`）。"
            "需要 `orders:read` 权限。")
def list_orders(request, state: StateName | None = None, kind: KindName | None = None,
                created_after: datetime | None = None, created_before: datetime | None = None,
                q: str | None = Query(None, max_length=200), cursor: str | None = Query(None, max_length=200),
                limit: int = Query(20, ge=1, le=100), customer: Literal["all"] | None = None):
    from beian.agents.selectors import accessible_accounts

    require_scope(request, READ)
    if customer == "all":
        if acting(request):
            raise ApiError(400, "customer_conflict", msg.CUSTOMER_CONFLICT, details={"path": "customer"})
        # Every account the caller may act in, read when the page is asked for: a customer who left is gone
        # from the next page on (the cursor holds a time and an id, never an account).
        orders = Order.objects.filter(account__in=accessible_accounts(request.user).values("pk")) \
            .select_related("account")
    else:
        orders = Order.objects.filter(account=request.auth).select_related("account")
    if state:
        orders = orders.filter(state=state)
    if kind:
        orders = orders.filter(kind=kind)
    if created_after and created_before and _utc(created_after, "created_after") >= _utc(created_before, "created_before"):
        raise ApiError(400, "date_range_invalid", msg.DATE_RANGE, details={"path": "created_after"})
    for name, value in (("created_after", created_after), ("created_before", created_before)):
        if value is not None:
            orders = orders.filter(**{"created_at__gt" if name == "created_after" else "created_at__lt": _utc(value, name)})
    text = "".join(ch for ch in (q or "") if ch.isprintable()).strip()
    if text:
        orders = orders.filter(_search(text))
    if cursor:
        at, pk = _decode_cursor(cursor)
        orders = orders.filter(Q(created_at__lt=at) | Q(created_at=at, pk__lt=pk))
    page = list(orders.order_by("-created_at", "-pk")[: limit + 1])
    more = len(page) > limit
    page = page[:limit]
    return {"items": [present.order_summary(o, own_id=request.user.pk) for o in page],
            "next_cursor": _encode_cursor(page[-1]) if more and page else None}


# ---- cancel, history, phone link ---------------------------------------------------------------------------

@router.post("/orders/{reference}/cancel", url_name="order_cancel", response={200: OrderOut, **ERRORS}, summary="取消订单",
             description="与进度页的“取消订单”相同：提交管局之前可以取消；之后返回 409 `transition_not_allowed`。"
             "需要 `orders:write` 权限。")
def cancel(request, reference: str):
    require_scope(request, WRITE)
    order = order_of(request, reference)
    try:
        order = cancel_order(order=order, actor=request.user)
    except OrderError as exc:
        raise order_error(exc) from None
    return present.order_out(order, own_id=request.user.pk)


@router.get("/orders/{reference}/events", url_name="order_events", response={200: EventListOut, **ERRORS}, summary="订单历史",
            description="进度页的“订单历史”：创建、修改、状态变化（连续相同的合并为一条，`count` 为次数）。"
            "服务商内部的处理记录不在其中。需要 `orders:read` 权限。")
def events(request, reference: str):
    require_scope(request, READ)
    order = order_of(request, reference)
    return {"reference": order.reference, "items": present.events_out(order)}


@router.get("/orders/{reference}/phone-link", url_name="order_phone_link", response={200: PhoneLinkOut, **ERRORS},
            summary="负责人的手机核验页链接（交给本人）",
            description="为一位须核验的负责人（person：subject_principal 或 websites[i].principal）创建手机核验页链接，"
            "与“上传资料”页的“发送到手机”相同；已有未过期的链接时返回它（重新签名）。**此链接须交给该负责人本人**，由其在"
            "自己的手机上打开、上传证件并完成人脸核验；调用方程序不得自行打开或使用。订单须处于可编辑状态（否则 409 "
            "`order_not_editable`）；person 不是须核验的人时返回 422 `unknown_person`。因会创建凭据，需要 `orders:write` 权限。")
def phone_link(request, reference: str, person: str = Query(..., max_length=40)):
    from beian.verification import services as phone
    from beian.verification.models import PhoneLink

    require_scope(request, WRITE)
    order = order_of(request, reference)
    if not order.editable:
        raise ApiError(409, "order_not_editable", msg.PHONE_LINK_NOT_EDITABLE.format(state=order.state_label),
                       details={"state": order.state})
    people = {p["person"]: p for p in phone.people(order)}
    if person not in people:
        raise ApiError(422, "unknown_person", msg.PERSON_REQUIRED, details={"path": "person", "people": sorted(people)})
    now = timezone.now()
    link = (PhoneLink.objects.filter(order=order, person=person, revoked_at__isnull=True, expires_at__gt=now)
            .order_by("-created_at").first())
    if link is None:
        try:
            link, token = phone.create_link(order=order, person=person, user=request.user)
        except phone.VerificationError as exc:
            raise ApiError(422, exc.code, exc.message, details={"path": "person"}) from None
    else:
        token = phone.token_for(link)
    return {"person": person, "name": present.person_name(people[person].get("name", "")),
            "url": request.build_absolute_uri(f"/m/{token}/"), "expires_at": link.expires_at, "note": msg.PHONE_LINK_NOTE}
