"""Filling an order step by step through the API, the way the wizard does (issue 16 #3).

Each step (基础信息 basic, 产品验证 product, 主体信息 subject, 网站信息 websites) has a GET (the step's values,
masked, and its findings) and a PUT. A PUT reads the same fields, with the same parsing and validation, as the
wizard's page (beian.wizard.services: one code path for both), saves the draft as the page's 保存 does, and
answers with the step's findings: 200 with `warnings` when nothing blocks, 422 `step_has_errors` with
`details.findings` (code, severity, path, message) when something does. As on the page, the draft is saved
even then, except the fields whose values could not be accepted (`field_too_long`, `field_not_a_choice`,
`field_not_a_date`), which keep their saved values.

Optimistic concurrency: send the order's `version` (the `If-Match` header, or `version` in the body); a
stale one is 409 `version_conflict` and nothing is saved. An order that is no longer the applicant's to edit
(submitted, under review…) is 409 `order_not_editable`.

Materials: GET …/materials lists the slots the order needs (with what is uploaded, its reading by OCR,
and each person's authenticity verification); POST …/materials/{slot} uploads one file (multipart field
`file`) with the wizard's checks. Submit: POST …/submit with `"agreement_accepted": true`: the wizard's
信息确认 gate; 422 with `details.missing` (codes) while anything is missing.
"""

import copy
from typing import Literal

from django.db import transaction
from ninja import File, Router, Schema, Status
from ninja.files import UploadedFile

from beian.api import messages as msg
from beian.api.auth import API_AUTH, acting, require_scope
from beian.api.errors import ApiError, ErrorOut
from beian.api.lookup import order_or_404
from beian.documents.selectors import active_materials, materials_for_precheck
from beian.documents.services import UploadError
from beian.filings import checks
from beian.filings.claims import CHANGE_KINDS, ClaimConflict
from beian.filings.messages import CHANGE_WEBSITE_ADD_FORBIDDEN
from beian.filings.services import OrderError, update_application
from beian.pii.mask import mask_cert, mask_mobile
from beian.rules.messages import MATERIALS, SIDES
from beian.verification.selectors import verification_status
from beian.web import limits, requestid
from beian.web.precheck_form import MAX_WEBSITES
from beian.wizard import apps_step, fields, mobile
from beian.wizard import services as steps
from beian.wizard.findings import shown_on

router = Router(tags=["order steps"], auth=API_AUTH)

STEPS = ("basic", "product", "subject", "websites", "apps")  # apps: an order's APPs (api/order_apps.py, issue 17)
ERRORS = {400: ErrorOut, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut, 409: ErrorOut, 422: ErrorOut, 429: ErrorOut}
_MISSING = object()


# ---- schemas (what a client sends; every value is text, as in the wizard's forms) --------------------------

class Region(Schema):
    province: str | None = None
    city: str | None = None
    district: str | None = None


class BasicSubject(Schema):
    nature: str | None = None
    cert_type: str | None = None
    name: str | None = None
    cert_number: str | None = None
    cert_address: str | None = None


class BasicIn(Schema):
    version: int | None = None
    region: Region | None = None
    subject: BasicSubject | None = None
    domain: str | None = None  # the first website's domain (websites[0].domains[0])
    requested_type: str | None = None
    # 服务类型 (issue 17): "app" files only APPs (an untouched first website is dropped, an APP to fill in is
    # added); "website" keeps or adds the first website. Omitted: what the order already is.
    service_kind: Literal["website", "app"] | None = None


class Principal(Schema):
    name: str | None = None
    cert_type: str | None = None
    cert_number: str | None = None
    cert_valid_until: str | None = None  # YYYY-MM-DD or 长期
    mobile: str | None = None
    contact2: str | None = None
    emergency_mobile: str | None = None
    email: str | None = None


class SubjectFields(Schema):
    mailing_address: str | None = None
    investor: str | None = None
    remark: str | None = None
    principal: Principal | None = None


class SubjectIn(Schema):
    version: int | None = None
    subject: SubjectFields


class PreApproval(Schema):
    category: str | None = None
    number: str | None = None
    issuer: str | None = None


class WebsiteIn(Schema):
    name: str | None = None
    domains: list[str] | None = None  # one domain per website (seed 001): the first is read
    content: str | None = None
    service_type: str | None = None
    languages: list[str] | None = None
    pre_approvals: list[PreApproval] | None = None  # the first is read
    remark: str | None = None
    principal: Principal | None = None  # null: the subject's principal is the website's too


class WebsitesIn(Schema):
    version: int | None = None
    websites: list[WebsiteIn]


class AccessIn(Schema):
    instance_id: str | None = None  # a cloud instance of this account
    service_number: str | None = None  # or a 备案服务号 (anyone's, issue 16 #1)


class ProductIn(Schema):
    version: int | None = None
    websites: list[AccessIn | None] = []  # by index; null (or not sent) keeps what is saved
    apps: list[AccessIn | None] = []  # each APP's access, likewise (issue 17)


class SubmitIn(Schema):
    version: int | None = None
    agreement_accepted: bool = False


class CodeIn(Schema):
    code: str


class Finding(Schema):
    code: str
    severity: str
    path: str
    message: str


class StepOut(Schema):
    reference: str
    version: int
    state: str
    kind: str
    step: str
    application: dict
    findings: list[Finding] = []
    warnings: list[Finding] = []
    mobile_verified: bool | None = None


# ---- helpers -----------------------------------------------------------------------------------------------

class Sent:
    """What a client sent, as the wizard's read functions take a POST: `in`, `get`, `getlist` by field path."""

    def __init__(self, values: dict):
        self.values = values

    def __contains__(self, name):
        return name in self.values

    def get(self, name, default=None):
        return self.values.get(name, default)

    def getlist(self, name):
        value = self.values.get(name)
        return [v for v in value if isinstance(v, str)] if isinstance(value, list) else []


def _lookup(body, path: str):
    node = body
    for step in fields.steps_of(path):
        if isinstance(step, int):
            if not isinstance(node, list) or step >= len(node):
                return _MISSING
        elif not isinstance(node, dict) or step not in node:
            return _MISSING
        node = node[step]
    return node


def _sent(body: dict, field_list) -> dict:
    """{field path: value} for the step's fields present in the body (null is an empty value)."""
    values = {}
    for f in field_list:
        value = _lookup(body, f.name)
        if value is _MISSING:
            continue
        values[f.name] = (value or []) if f.kind == "multi" else ("" if value is None else value)
    return values


def mask_application(application: dict) -> dict:
    """The application with the people's certificate numbers and phone numbers masked (the API answers are
    read by integrations and their logs; the applicant's own full values stay on the wizard's pages)."""
    out = copy.deepcopy(application or {})
    subject = out.get("subject") if isinstance(out.get("subject"), dict) else {}
    people = [subject.get("principal")] + [item.get("principal") for key in ("websites", "apps")  # APPs: issue 17
                                           for item in out.get(key) or () if isinstance(item, dict)]
    if subject.get("nature") == "individual":
        subject["cert_number"] = mask_cert(subject.get("cert_number"))
    for person in people:
        if isinstance(person, dict):
            person["cert_number"] = mask_cert(person.get("cert_number"))
            for key in ("mobile", "emergency_mobile", "contact2"):
                if person.get(key):
                    person[key] = mask_mobile(person[key])
    return out


def _version(request, sent: int | None) -> int | None:
    if sent is not None:
        return sent
    raw = (request.headers.get("If-Match") or "").strip()
    if not raw or raw == "*":
        return None
    raw = raw.removeprefix("W/").strip('"')
    if not raw.isdigit() or len(raw) > 9:
        raise ApiError(400, "version_invalid", msg.VERSION_INVALID, details={"path": "version"})
    return int(raw)


def _editable_order(request, reference: str, version: int | None):
    require_scope(request, "orders:write")
    order = order_or_404(request, reference)
    if order.kind == "claim":  # 认领备案 has a page of its own; the wizard's steps are not its (steps._order_or_404)
        raise ApiError(404, "not_found", msg.NOT_FOUND, details={"reference": str(reference)[:20]})
    if not order.editable:
        raise ApiError(409, "order_not_editable", _not_editable(order), details={"state": order.state})
    _check_version(order, version)
    return order


def _not_editable(order) -> str:
    from beian.filings.messages import NOT_EDITABLE

    return NOT_EDITABLE.format(state=order.state_label)


def _check_version(order, version: int | None) -> None:
    if version is not None and version != order.version:
        raise ApiError(409, "version_conflict", msg.VERSION_CONFLICT.format(current=order.version, sent=version),
                       details={"current_version": order.version, "sent_version": version})


def _save(request, order, application: dict, version: int | None, *, kind=None):
    try:
        return update_application(order=order, actor=request.user, application=application, version=version, kind=kind)
    except ClaimConflict as exc:
        raise ApiError(409, exc.code, exc.message) from None
    except OrderError as exc:
        if exc.code == "stale_version":  # saved by someone else between our read and our write
            order.refresh_from_db()
            raise ApiError(409, "version_conflict", msg.VERSION_CONFLICT.format(current=order.version, sent=version),
                           details={"current_version": order.version, "sent_version": version}) from None
        raise ApiError(409, exc.code, exc.message) from None


def _field_findings(errors: dict[str, str], codes: dict[str, str]) -> list[dict]:
    return [{"code": codes.get(path, "field_invalid"), "severity": "error", "path": path, "message": text}
            for path, text in errors.items()]


def _answer(order, step: str, result: dict, blocking: list[dict], own: list[dict], **extra):
    warnings = [f for f in own if f["severity"] != "error"]
    body = {"reference": order.reference, "version": order.version, "state": order.state, "kind": order.kind,
            "step": step, "application": mask_application(order.application), "findings": blocking,
            "warnings": warnings, **extra}
    if blocking:
        raise ApiError(422, "step_has_errors", msg.STEP_HAS_ERRORS.format(count=len(blocking)),
                       details={"findings": blocking, **{k: v for k, v in body.items() if k != "findings"}})
    return body


def _step_findings(order, step: str, application: dict, *, account=None) -> tuple[dict, list[dict]]:
    result = checks.run(application, order=order, account=account)
    if step == "basic":
        own = shown_on(result["findings"], "basic", [f.name for f in fields.basic_fields()])
    elif step in ("websites", "apps"):
        # One page in the wizard (填写网站信息), two resources here: each answers for its own items.
        own = [f for f in shown_on(result["findings"], "websites", ()) if f["path"].startswith("apps[") == (step == "apps")]
    else:
        own = shown_on(result["findings"], step, ())
    return result, own


def _errors(findings: list[dict]) -> list[dict]:
    return [f for f in findings if f["severity"] == "error"]


def _mobile_verified(order) -> bool:
    return mobile.is_verified(order=order, mobile=fields.get_path(order.application, "subject.principal.mobile"))


# ---- the steps ---------------------------------------------------------------------------------------------

@router.get("/orders/{reference}/steps/{step}", response={200: StepOut, **ERRORS},
            summary="读取一个步骤：已保存的值（脱敏）与该步骤的校验结果")
def get_step(request, reference: str, step: Literal["basic", "product", "subject", "websites", "apps"]):
    require_scope(request, "orders:read")
    order = order_or_404(request, reference)
    result, own = _step_findings(order, step, order.application)
    return {"reference": order.reference, "version": order.version, "state": order.state, "kind": order.kind,
            "step": step, "application": mask_application(order.application), "findings": _errors(own),
            "warnings": [f for f in own if f["severity"] != "error"], "mobile_verified": _mobile_verified(order)}


@router.put("/orders/{reference}/basic", response={200: StepOut, **ERRORS},
            summary="基础信息：地区、主体性质与证件、首个域名（备案类型由系统判定）")
def put_basic(request, reference: str, payload: BasicIn):
    data, version = payload.dict(exclude_unset=True), _version(request, payload.version)
    order = _editable_order(request, reference, version)
    body = {k: data[k] for k in ("region", "subject", "requested_type") if k in data}
    if "domain" in data:
        body["websites"] = [{"domains": [data["domain"]]}]
    application = copy.deepcopy(order.application)
    service_kind = data.get("service_kind") or apps_step.service_kind(application)
    apps_step.basic_before(application)  # the wizard's 服务类型 at step 1 (issue 17)
    codes, field_list = {}, fields.basic_fields()
    form_errors, _ = steps.read(Sent(_sent(body, field_list)), field_list, application, codes=codes)
    apps_step.basic_after(Sent({"service_kind": service_kind}), application)
    fields.tidy(application)
    result = checks.run(application, order=order, account=request.auth)
    application, _filed = steps.basic_prefill(order=order, account=request.auth, application=application, result=result)
    order = _save(request, order, application, version, kind=steps.basic_kind(order, result))
    result, own = _step_findings(order, "basic", order.application, account=request.auth)
    return _answer(order, "basic", result, _field_findings(form_errors, codes) + _errors(own), own)


@router.put("/orders/{reference}/subject", response={200: StepOut, **ERRORS},
            summary="主体信息：通信地址、投资人、主体负责人（姓名、证件、手机、邮箱）")
def put_subject(request, reference: str, payload: SubjectIn):
    version = _version(request, payload.version)
    order = _editable_order(request, reference, version)
    application = copy.deepcopy(order.application)
    codes, field_list = {}, steps.subject_field_list(application)
    body = {"subject": payload.dict(exclude_unset=True).get("subject") or {}}
    form_errors, _ = steps.read(Sent(_sent(body, field_list)), field_list, application, codes=codes)
    fields.tidy(application)
    order = _save(request, order, application, version)
    result, own = _step_findings(order, "subject", order.application)
    return _answer(order, "subject", result, _field_findings(form_errors, codes) + _errors(own), own,
                   mobile_verified=_mobile_verified(order))


@router.put("/orders/{reference}/websites", response={200: StepOut, **ERRORS},
            summary="网站信息：每个网站的名称、域名、内容、语言、前置审批与网站负责人（null 表示同主体负责人）")
def put_websites(request, reference: str, payload: WebsitesIn):
    version = _version(request, payload.version)
    order = _editable_order(request, reference, version)
    sent = payload.dict(exclude_unset=True).get("websites") or []
    application = copy.deepcopy(order.application)
    sites = application.setdefault("websites", [])
    if not sent and not application.get("apps"):  # an order with APPs may drop its last website (issue 17)
        raise ApiError(422, "websites_empty", msg.WEBSITES_EMPTY, details={"path": "websites"})
    if len(sent) > max(MAX_WEBSITES, len(sites)):  # a bound, as on the precheck page: no thousands of blank sites
        raise ApiError(422, "websites_too_many", msg.WEBSITES_LIMIT.format(limit=MAX_WEBSITES),
                       details={"path": "websites"})
    if len(sent) > len(sites) and order.kind in CHANGE_KINDS:
        raise ApiError(422, "change_website_add_forbidden", CHANGE_WEBSITE_ADD_FORBIDDEN, details={"path": "websites"})
    while len(sites) < len(sent):  # 添加网站
        sites.append(checks.blank_website(""))
    del sites[len(sent):]  # 删除网站: the list is the order's websites
    body = {"websites": [{**site, "pre_approvals": site.get("pre_approvals") or [{"category": ""}]}
                         if "pre_approvals" in site else site for site in sent]}
    values = _sent(body, steps.website_field_list(application))
    for i, site in enumerate(sent):
        if "principal" in site:
            values[f"websites[{i}].reuse"] = "1" if site["principal"] is None else "0"
            if site["principal"] is not None:
                values.update(_sent(body, fields.principal_fields(f"websites[{i}].principal", individual=False)))
    codes = {}
    form_errors, _ = steps.read_websites(Sent(values), order, application, codes=codes)
    steps.finish_websites(order, application)
    order = _save(request, order, application, version)
    result, own = _step_findings(order, "websites", order.application)
    return _answer(order, "websites", result, _field_findings(form_errors, codes) + _errors(own), own)


@router.put("/orders/{reference}/product", response={200: StepOut, **ERRORS},
            summary="产品验证：每个网站、每个APP的云服务器实例或备案服务号（websites、apps 按顺序，null 或未给出保留已保存的选择）")
def put_product(request, reference: str, payload: ProductIn):
    version = _version(request, payload.version)
    order = _editable_order(request, reference, version)
    application = copy.deepcopy(order.application)
    values, keep = {}, set()
    for key, too_many in (("websites", msg.WEBSITES_TOO_MANY), ("apps", msg.APPS_TOO_MANY)):
        count, choices = len(application.get(key) or ()), getattr(payload, key)
        if len(choices) > count:
            raise ApiError(422, f"{key}_too_many", too_many.format(count=count), details={"path": key})
        keep |= {f"{key}[{i}]" for i in range(len(choices), count)}  # by prefix (products.access.served)
        for i, access in enumerate(choices):
            if access is None:
                keep.add(f"{key}[{i}]")
                continue
            values[f"{key}[{i}].access.instance_id"] = access.instance_id or ""
            values[f"{key}[{i}].access.service_number"] = access.service_number or ""
    codes = {}
    errors, numbers = steps.read_product(account=request.auth, order=order, application=application, post=Sent(values),
                                         keep=keep, codes=codes)
    steps.access_missing(application, errors, codes)
    with transaction.atomic():
        order = _save(request, order, application, version)
        errors.update(steps.reserve_service_numbers(order=order, application=order.application, numbers=numbers,
                                                    actor=request.user, codes=codes))
    result, own = _step_findings(order, "product", order.application)
    # The product check's own errors first; the engine's ACCESS_MISSING for the same website is said once.
    blocking = _field_findings(errors, codes)
    blocking += [f for f in _errors(own) if not any(b["path"].startswith(f["path"]) for b in blocking)]
    return _answer(order, "product", result, blocking, own)


# ---- the principal's mobile (the wizard's 获取验证码 on 主体信息) ----------------------------------------------

@router.post("/orders/{reference}/mobile/send-code", response={200: dict, **ERRORS},
             summary="向主体负责人手机发送验证码（提交前须验证手机号码）")
def send_mobile_code(request, reference: str):
    order = _editable_order(request, reference, None)
    phone = fields.get_path(order.application, "subject.principal.mobile")
    try:
        mobile.send_code(order=order, mobile=phone, ip=limits.ip_key(request))
    except mobile.CodeError as exc:
        raise ApiError(429 if exc.code in ("code_too_soon", "code_daily_limit", "code_rate_limited") else 422,
                       exc.code, exc.message, details={"path": "subject.principal.mobile"}) from None
    return {"code": "code_sent", "message": msg.MOBILE_CODE_SENT.format(mobile=mask_mobile(phone))}


@router.post("/orders/{reference}/mobile/verify", response={200: dict, **ERRORS},
             summary="填写主体负责人收到的验证码",
             description="验证码须由负责人本人填写：代理商以 `Beian-Customer` 头代客户调用时返回 403 `agent_sms_code`"
             "（与向导页相同），请把手机核验页链接（…/phone-link）交给负责人本人，或由客户在其自己的账号中填写。")
def verify_mobile_code(request, reference: str, payload: CodeIn):
    order = _editable_order(request, reference, None)
    if acting(request):
        # The principal's own code (beian.agents): an agent acting for its customer never types it in, as on the
        # wizard's page; the person does, in their own account or on the phone page (…/phone-link).
        from beian.wizard.messages import AGENT_SMS_CODE

        raise ApiError(403, "agent_sms_code", AGENT_SMS_CODE, details={"path": "code"})
    phone = fields.get_path(order.application, "subject.principal.mobile")
    try:
        mobile.verify_code(order=order, mobile=phone, code=payload.code[:10])
    except mobile.CodeError as exc:
        # 400, not 422: a wrong code is counted (attempts), like any input the client got wrong.
        raise ApiError(400, exc.code, exc.message, details={"path": "code"}) from None
    return {"code": "mobile_verified", "message": msg.MOBILE_VERIFIED}


# ---- materials ---------------------------------------------------------------------------------------------

def slot_of(kind: str, owner: str, side: str) -> str:
    return ":".join(p for p in (kind, owner, side) if p)


def _ocr(material) -> dict | None:
    """What the reading found, without the values read (ID numbers stay on the pages that log their reading)."""
    evidence = material.evidence or {}
    if "ocr_status" not in evidence:
        return None
    rows = evidence.get("rows") or []
    return {"status": evidence["ocr_status"], "issues": [i.get("code") for i in evidence.get("issues") or ()],
            "fields_read": len(rows), "mismatches": sum(1 for r in rows if r.get("status") not in (None, "match", "ok")),
            "prefilled": evidence.get("prefilled") or []}


@router.get("/orders/{reference}/materials", response={200: dict, **ERRORS},
            summary="上传资料：订单需要的资料位置、已上传的文件、识别结果与每位负责人的真实性核验状态")
def list_materials(request, reference: str):
    require_scope(request, "orders:read")
    order = order_or_404(request, reference)
    result = checks.run(order.application, order=order, materials=materials_for_precheck(order=order))
    have = {(m.kind, m.owner, m.side): m for m in active_materials(order=order)}
    slots = []
    for m in result["required_materials"]:
        side = m.get("side") or ""
        material = have.get((m["kind"], m["owner"], side))
        slots.append({
            "slot": slot_of(m["kind"], m["owner"], side), "kind": m["kind"], "owner": m["owner"], "side": side,
            "label": MATERIALS[m["kind"]] + SIDES.get(m.get("side"), ""), "required": not m.get("auxiliary", False),
            "uploaded": material is not None,
            "material": None if material is None else {
                "id": material.pk, "format": material.format, "bytes": material.bytes, "width": material.width,
                "height": material.height, "via": material.via, "uploaded_at": material.created_at.isoformat(),
                "ocr": _ocr(material)},
        })
    people = verification_status(order, required=result["required_materials"])["people"]
    return {"reference": order.reference, "version": order.version, "slots": slots,
            "missing": [f for f in result["findings"] if f["code"].startswith("MATERIAL_")],
            "verification": [{"person": p["person"], "label": p["label"], "must": p["must"], "verified": p["verified"],
                              "state": p["state_label"], "needs": p["needs"]} for p in people]}


UPLOAD_STATUS = {"too_large": 413, "too_many_pixels": 413, "not_an_image": 415, "no_file": 400}


@router.post("/orders/{reference}/materials/{slot}", response={201: dict, **ERRORS, 413: ErrorOut, 415: ErrorOut},
             summary="上传一份资料（multipart，字段 file）：JPG/PNG/GIF，小于 4MB，短边不少于 300 像素")
def upload_material(request, reference: str, slot: str, file: File[UploadedFile] = None):
    require_scope(request, "materials:write")
    order = _editable_order(request, reference, None)
    parts = slot.split(":")
    if len(parts) not in (2, 3) or not all(parts):
        raise ApiError(422, "unknown_slot", msg.UNKNOWN_SLOT, details={"slot": slot[:100]})
    kind, owner, side = parts[0], parts[1], parts[2] if len(parts) == 3 else ""
    try:
        material = steps.upload_material(order=order, user=request.user, kind=kind, owner=owner, side=side,
                                         upload=file, via="api")
    except limits.Limited as exc:
        raise ApiError(429, "throttled", exc.message) from None
    except UploadError as exc:
        message = msg.UNKNOWN_SLOT if exc.code == "unknown_slot" else msg.UPLOAD_REFUSED.format(message=exc.message)
        raise ApiError(UPLOAD_STATUS.get(exc.code, 422), exc.code, message, details={"slot": slot[:100]}) from None
    return Status(201, {"slot": slot_of(material.kind, material.owner, material.side), "id": material.pk,
                 "format": material.format, "bytes": material.bytes, "width": material.width,
                 "height": material.height, "ocr": _ocr(material), "request_id": requestid.of(request)})


# ---- submit ------------------------------------------------------------------------------------------------

@router.post("/orders/{reference}/submit", response={200: dict, **ERRORS},
             summary="信息确认并提交：与向导相同的检查（错误、资料、手机验证码、真实性核验、协议）")
def submit_order(request, reference: str, payload: SubmitIn):
    version = _version(request, payload.version)
    order = _editable_order(request, reference, version)
    try:
        order = steps.submit(order=order, actor=request.user, agreement=payload.agreement_accepted is True)
    except OrderError as exc:
        order.refresh_from_db()
        result = checks.run(order.application, order=order, materials=materials_for_precheck(order=order))
        missing = _unique([f for f in steps.standing(order, result, exc.details) if f.get("severity", "error") == "error"])
        if exc.code in ("agreement_required", "release_not_acknowledged"):
            missing.append({"code": exc.code, "severity": "error", "path": "agreement_accepted", "message": exc.message})
        raise ApiError(422, exc.code, exc.message if not missing else msg.SUBMIT_REFUSED.format(count=len(missing)),
                       details={"missing": missing, "reason": exc.message}) from None
    return {"reference": order.reference, "version": order.version, "state": order.state,
            "submitted_at": order.submitted_at.isoformat() if order.submitted_at else None}


def _unique(findings: list[dict]) -> list[dict]:
    """Each (code, path) once: the refusal's details repeat the engine's findings."""
    seen, out = set(), []
    for f in findings:
        key = (f.get("code"), f.get("path"))
        if key not in seen:
            seen.add(key)
            out.append({"code": f.get("code") or "", "severity": "error", "path": f.get("path") or "",
                        "message": f.get("message") or ""})
    return out
