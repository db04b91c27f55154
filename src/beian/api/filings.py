"""/api/v1/filings: the account's approved filings (备案管理), and starting a change, 取消接入 or 注销 order from one,
through the same primitives as the buttons on /orders/ (wizard.views.start_change): the kinds and which are
website-level come from there, a release kind's application and its offline cases from filings.release, and
create_order (+ submit_order for a release kind, in one transaction) from filings.services."""

from django.db import transaction
from django.db.models import Q
from ninja import Query, Router, Status

from beian.api import messages as msg
from beian.api import present
from beian.api.auth import API_AUTH, require_scope
from beian.api.errors import ApiError
from beian.api.orders import ERRORS, READ, WRITE, order_error
from beian.api.schemas import FilingDetailOut, FilingListOut, FilingOrderIn, OrderOut
from beian.filings import changes, release
from beian.filings.claims import ClaimConflict
from beian.filings.models import FiledWebsite, Filing
from beian.filings.services import OrderError, create_order, submit_order

router = Router(tags=["filings"], auth=API_AUTH)


def _filing(request, key: str, *, active: bool = False) -> Filing:
    """The account's filing by id, subject number (主体备案号), website number (…-N) or APP number (…-NA); else 404."""
    key = (key or "").strip()
    filings = Filing.objects.filter(account=request.auth).prefetch_related("websites")
    found = None
    if key.isascii() and key.isdigit() and len(key) < 18:
        found = filings.filter(pk=int(key)).first()
    elif key.isprintable() and 0 < len(key) <= 48:
        found = filings.filter(subject_number=key).first()
        head, _, seq = key.rpartition("-")
        service = FiledWebsite.APP if seq.endswith("A") else FiledWebsite.WEBSITE  # an APP's number: …号-NA
        seq = seq[:-1] if service == FiledWebsite.APP else seq
        if found is None and head and seq.isascii() and seq.isdigit() and len(seq) < 9:
            found = filings.filter(subject_number=head, websites__seq=int(seq), websites__service_type=service).first()
    if found is None or (active and found.status != Filing.ACTIVE):
        raise ApiError(404, "not_found", msg.NOT_FOUND, details={"filing": key[:48] if key.isprintable() else ""})
    return found


@router.get("/filings", url_name="filings", response={200: FilingListOut, **ERRORS}, summary="备案列表（备案管理）",
            description="本账号在本服务商的主体备案及其网站（备案号、域名、状态）和APP（`apps`：APP备案号 …号-NA、名称、平台、状态）。按审核通过时间倒序，`next_cursor` 分页。"
            "需要 `orders:read` 权限。")
def list_filings(request, status: str | None = Query(None, pattern="^(active|deregistered)$"),
                 cursor: int | None = Query(None, ge=1, le=2**62), limit: int = Query(20, ge=1, le=100)):
    require_scope(request, READ)
    filings = Filing.objects.filter(account=request.auth).prefetch_related("websites")
    if status:
        filings = filings.filter(status=status)
    if cursor:
        # Keyset on (approved_at, id): the cursor is the last id seen; its approval time is read back.
        last = Filing.objects.filter(account=request.auth, pk=cursor).values_list("approved_at", flat=True).first()
        if last is None:
            raise ApiError(400, "cursor_invalid", msg.CURSOR_INVALID, details={"path": "cursor"})
        filings = filings.filter(Q(approved_at__lt=last) | Q(approved_at=last, pk__lt=cursor))
    page = list(filings.order_by("-approved_at", "-pk")[: limit + 1])
    more = len(page) > limit
    page = page[:limit]
    return {"items": [present.filing_out(f) for f in page], "next_cursor": str(page[-1].pk) if more and page else None}


@router.get("/filings/{key}", url_name="filing", response={200: FilingDetailOut, **ERRORS}, summary="读取备案（个人信息已打码）",
            description="key 为备案 id、主体备案号、网站备案号或APP备案号（…号-NA）。需要 `orders:read` 权限。")
def read_filing(request, key: str):
    require_scope(request, READ)
    return present.filing_out(_filing(request, key), detail=True)


@router.post("/filings/{key}/orders", url_name="filing_orders", response={201: OrderOut, **ERRORS},
             summary="从备案发起变更、取消接入或注销订单",
             description="与“备案管理”中的按钮相同。kind：change_subject / change_website / change_access（创建草稿订单，"
             "之后按步骤填写并提交）、cancel_access / deregister_website / deregister_subject（创建并直接提交）。"
             "网站级操作须给出 website（网站 id）；取消接入省略 website 时针对整个主体。取消接入与注销须带 "
             "`\"acknowledged\": true`（向导中的确认勾选；注销后备案号不可恢复），否则 422 `release_not_acknowledged`。"
             "同一主体或域名已有进行中的订单时 409 `CERT_ORDER_IN_PROGRESS` / `DOMAIN_ORDER_IN_PROGRESS`；"
             "已不在本服务商接入的主体须线下办理：409 `release_offline`。需要 `orders:write` 权限。")
def start_order(request, key: str, payload: FilingOrderIn):
    from beian.wizard.views import APP_KINDS, CHANGE_KINDS, WEBSITE_LEVEL

    require_scope(request, WRITE)
    filing = _filing(request, key, active=True)
    kind = payload.kind
    if kind not in CHANGE_KINDS:
        raise ApiError(422, "kind_not_allowed", msg.FILING_KIND_NOT_ALLOWED, details={"path": "kind"})
    website = None
    if kind in WEBSITE_LEVEL and (payload.website is not None or kind != "cancel_access"):
        website = FiledWebsite.objects.filter(filing=filing, pk=payload.website or 0, status=FiledWebsite.ACTIVE).first() \
            if payload.website is not None and 0 < payload.website < 2**62 else None
        if website is None:
            raise ApiError(422, "website_required", msg.WEBSITE_REQUIRED, details={"path": "website"})
        if website.is_app and kind not in APP_KINDS:
            raise ApiError(422, "kind_not_allowed", msg.FILING_KIND_NOT_FOR_APP, details={"path": "kind"})
    account = request.auth
    if release.is_release(kind):
        offline = release.offline_reason(filing, kind, website)
        if offline:
            text = msg.RELEASE_OFFLINE_NO_SITE if offline == "shell" and kind == "cancel_access" else msg.RELEASE_OFFLINE_SHELL
            raise ApiError(409, "release_offline", text, details={"reason": offline})
        if payload.acknowledged is not True:
            raise ApiError(422, "release_not_acknowledged", msg.RELEASE_ACK_REQUIRED, details={"path": "acknowledged"})
        application = release.application_for(filing, kind, website)
        try:
            with transaction.atomic():
                order = create_order(account=account, application=application, kind=kind, filing=filing,
                                     filed_website=website, actor=request.user)
                order = submit_order(order=order, actor=request.user, agreement=True)
        except (ClaimConflict, OrderError) as exc:
            raise order_error(exc) from None
        return Status(201, present.order_out(order, own_id=request.user.pk))
    application = changes.starting_application(filing, website)
    try:
        order = create_order(account=account, application=application, kind=kind, filing=filing, filed_website=website,
                             actor=request.user)
    except (ClaimConflict, OrderError) as exc:
        raise order_error(exc) from None
    return Status(201, present.order_out(order, own_id=request.user.pk))
