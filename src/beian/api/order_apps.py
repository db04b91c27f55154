"""An order's APPs through the API (issue 17), beside its websites (api/order_steps.py).

`PUT /orders/{ref}/apps` is the APP half of the wizard's 填写网站信息: the body is precheck.md's `apps` (name,
content, languages, pre_approvals, remark, platforms [{platform, package_name, public_key, signature}], domains,
principal — null for the subject's); the list is the order's APPs (added, removed, platform rows likewise).
It is read by the wizard's own reader (wizard.apps_step.read: normalised fingerprints and keys, domains,
principal) and answers like the websites step: 200 with `warnings`, or 422 `step_has_errors` with the APPs'
findings (`apps[i].platforms[j].signature` …); the draft is saved either way. An APP's access is chosen at
PUT …/product (`apps`).

`POST /orders/{ref}/apps/{i}/platforms/{j}/signing-file` (multipart `file`: the signed .apk, or the certificate
as .cer / .pem) reads the file as the wizard's form does (wizard.app_signing.read_into_row: the row is filled
and keeps `from_file`; the file is not stored) and answers the values read, or the reader's stable code
(`signing_file_*`) with nothing changed.
"""

import copy

from ninja import File, Router, Schema
from ninja.files import UploadedFile

from beian.api import messages as msg
from beian.api.auth import API_AUTH
from beian.api.errors import ApiError, ErrorOut
from beian.api.order_steps import (
    ERRORS,
    PreApproval,
    Principal,
    Sent,
    StepOut,
    _answer,
    _editable_order,
    _errors,
    _field_findings,
    _save,
    _sent,
    _step_findings,
    _version,
)
from beian.documents.appsign import SigningFileError
from beian.filings.claims import CHANGE_KINDS
from beian.filings.messages import CHANGE_WEBSITE_ADD_FORBIDDEN
from beian.web import limits
from beian.web.precheck_form import MAX_WEBSITES
from beian.wizard import app_fields, app_signing, apps_step, fields
from beian.wizard import services as steps

router = Router(tags=["order steps"], auth=API_AUTH)

MAX_APPS = MAX_WEBSITES
MAX_PLATFORMS = 8


class PlatformIn(Schema):
    platform: str | None = None  # android | ios | harmony | other
    package_name: str | None = None  # Android package / iOS Bundle ID / HarmonyOS bundle name
    public_key: str | None = None  # hex or base64 (a pasted PEM block is taken)
    signature: str | None = None  # fingerprint in hex; colons, spaces, line breaks and case ignored


class AppIn(Schema):
    name: str | None = None
    content: str | None = None
    languages: list[str] | None = None
    pre_approvals: list[PreApproval] | None = None  # the first is read
    remark: str | None = None
    platforms: list[PlatformIn] | None = None  # the list is the APP's platform rows
    domains: list[str] | None = None  # none, one or several, up to the third level
    principal: Principal | None = None  # null: the subject's principal is the APP's too


class AppsIn(Schema):
    version: int | None = None
    apps: list[AppIn]


class SigningOut(Schema):
    reference: str
    version: int
    path: str
    message: str
    read: dict  # what the file says: filename, size, sha256_file, package_name, public_key, md5, sha1, sha256
    platform: dict  # the platform row as saved (platform, package_name, public_key, signature, from_file)


def _resize(items: list, count: int, blank) -> None:
    while len(items) < count:
        items.append(blank(len(items)))
    del items[count:]


@router.put("/orders/{reference}/apps", response={200: StepOut, **ERRORS},
            summary="APP：每个APP的名称、内容、语言、前置审批、平台（包名、公钥、签名指纹）、域名与APP负责人（null 表示同主体负责人）")
def put_apps(request, reference: str, payload: AppsIn):
    version = _version(request, payload.version)
    order = _editable_order(request, reference, version)
    sent = payload.dict(exclude_unset=True).get("apps") or []
    application = copy.deepcopy(order.application)
    apps = application.setdefault("apps", [])
    if not sent and not application.get("websites"):
        raise ApiError(422, "services_empty", msg.SERVICES_EMPTY, details={"path": "apps"})
    if len(sent) > max(MAX_APPS, len(apps)):
        raise ApiError(422, "apps_too_many", msg.APPS_LIMIT.format(limit=MAX_APPS), details={"path": "apps"})
    if len(sent) > len(apps) and order.kind in CHANGE_KINDS:
        raise ApiError(422, "change_website_add_forbidden", CHANGE_WEBSITE_ADD_FORBIDDEN, details={"path": "apps"})
    _resize(apps, len(sent), lambda _: app_fields.blank_app())  # 新增APP / 删除APP: the list is the order's APPs
    body = []
    for i, app in enumerate(sent):
        if not isinstance(apps[i], dict):
            apps[i] = app_fields.blank_app()
        if "platforms" in app:
            rows = app["platforms"] or []
            if len(rows) > max(MAX_PLATFORMS, len(apps[i].get("platforms") or ())):
                raise ApiError(422, "platforms_too_many", msg.PLATFORMS_LIMIT.format(limit=MAX_PLATFORMS),
                               details={"path": f"apps[{i}].platforms"})
            platforms = apps[i].get("platforms") if isinstance(apps[i].get("platforms"), list) else []
            apps[i]["platforms"] = platforms
            _resize(platforms, len(rows), lambda j, rows=rows: app_fields.blank_platform(
                rows[j].get("platform") if rows[j].get("platform") in app_fields.PLATFORMS else "android"))
        item = dict(app)
        if "pre_approvals" in item:
            item["pre_approvals"] = item["pre_approvals"] or [{"category": ""}]
        body.append(item)
    # The wizard's field names (precheck.md paths): what was sent is overlaid on what is saved.
    field_list = [f for i in range(len(sent)) for f in app_fields.app_fields(i) + app_fields.all_platform_fields(application, i)]
    values = _sent({"apps": body}, field_list)
    for name, value in list(values.items()):
        if fields.steps_of(name)[-1] == "domains":  # one domain a line, as the form's text area
            values[name] = "\n".join(value) if isinstance(value, list) else ""
    for i, app in enumerate(sent):
        if "principal" in app:
            values[f"apps[{i}].reuse"] = "1" if app["principal"] is None else "0"
            if app["principal"] is not None:
                values.update(_sent({"apps": body}, fields.principal_fields(f"apps[{i}].principal", individual=False)))
    codes = {}
    form_errors, _ = apps_step.read(Sent(values), order, application, codes=codes)
    steps.finish_websites(order, application)
    order = _save(request, order, application, version)
    result, own = _step_findings(order, "apps", order.application)
    return _answer(order, "apps", result, _field_findings(form_errors, codes) + _errors(own), own)


SIGNING_STATUS = {"signing_file_too_large": 413}


@router.post("/orders/{reference}/apps/{i}/platforms/{j}/signing-file",
             response={200: SigningOut, **ERRORS, 413: ErrorOut},
             summary="上传一个平台的签名文件（multipart，字段 file）：已签名的 .apk 或 .cer / .pem 证书，读出包名、公钥与签名指纹填入该平台",
             description="文件只被读取、不被保存，也不会被执行；读取失败时返回读取器的错误代码（signing_file_not_apk、"
             "signing_file_unsigned、signing_file_bad_certificate、signing_file_private_key 等，文件过大 413），"
             "已填写的内容不变。读取成功后该平台记录 from_file（文件名、大小、SHA-256 与读出的值），审核人员据此核对。")
def upload_signing_file(request, reference: str, i: int, j: int, file: File[UploadedFile] = None):
    order = _editable_order(request, reference, _version(request, None))
    path = app_signing.file_field(i, j)
    if file is None:
        raise ApiError(400, "no_file", msg.SIGNING_NO_FILE, details={"path": path})
    application = copy.deepcopy(order.application)
    try:
        app_signing.read_into_row(application, i, j, file, order=order, user=request.user)
    except LookupError:
        raise ApiError(404, "platform_not_found", msg.PLATFORM_NOT_FOUND.format(i=i, j=j), details={"path": path}) from None
    except limits.Limited as exc:
        raise ApiError(429, "throttled", exc.message) from None
    except SigningFileError as exc:
        raise ApiError(SIGNING_STATUS.get(exc.code, 422), exc.code,
                       msg.SIGNING_REFUSED.format(filename=(file.name or "")[:200], message=exc.message),
                       details={"path": path}) from None
    order = _save(request, order, application, None)
    saved = order.application["apps"][i]["platforms"][j]
    return {"reference": order.reference, "version": order.version, "path": f"apps[{i}].platforms[{j}]",
            "message": msg.SIGNING_READ.format(i=i, j=j), "read": saved.get("from_file") or {}, "platform": saved}
