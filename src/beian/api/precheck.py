from ninja import Router, Status

from beian.api import messages as msg
from beian.api.auth import API_AUTH, require_scope
from beian.api.errors import ErrorOut
from beian.api.parser import json_error
from beian.rules import ApplicationError, precheck, safejson

router = Router(tags=["precheck"])
# Both endpoints read the raw body themselves (safejson's limits), so OpenAPI is told its shape here.
JSON_BODY = {"requestBody": {"content": {"application/json": {"schema": {"type": "object"}}}, "required": True}}


@router.post(
    "/precheck",
    auth=None,
    response={200: dict, 400: ErrorOut, 413: ErrorOut},
    summary="备案预检：对一份申请运行规则引擎",
    description="请求体为 precheck.md 所述的申请 JSON；响应为同一契约的结果对象。输入不是申请时返回 400 与出错字段路径："
    "`body_not_json`（不是 JSON）、`body_too_deep`（嵌套超过 32 层）、`json_number_too_large`（整数超过 20 位或非有限数值）、"
    "`input_error`（字段不合法）；请求体超过 512 KB 时返回 413 `json_too_large`。",
    openapi_extra=JSON_BODY,
)
def run_precheck(request):
    try:
        application = safejson.loads(request.body or b"")
    except safejson.JsonProblem as exc:
        status, body = json_error(exc)
        return Status(status, body)
    try:
        return Status(200, precheck(application))
    except ApplicationError as exc:
        return Status(
            400,
            {
                "code": "input_error",
                "message": msg.INPUT_ERROR.format(path=exc.path, message=exc.message),
                "details": {"path": exc.path},
                "path": exc.path,
            },
        )


@router.post(
    "/precheck/account",
    auth=API_AUTH,
    response={200: dict, 400: ErrorOut, 413: ErrorOut},
    summary="备案预检（按本账号与平台数据）：与申请向导相同的检查",
    description="请求体为 precheck.md 所述的申请 JSON，其中的 `context` 被忽略：平台按当前账号自行查询本服务商的备案与订单、"
    "工商信息库和域名注册局（域名实名信息），结果与申请向导一致（含 DOMAIN_HOLDER_CERT_MISMATCH、DOMAIN_EXPIRING、"
    "DOMAIN_REGISTRAR_NOT_APPROVED 与平台代码 SUBJECT_FILED_UNDER_OTHER_ACCOUNT）。需登录或 API 令牌；"
    "个人持有者的姓名在提示中打码。字段不合法时该字段返回 INPUT_INVALID 提示；错误码同 /precheck。",
    openapi_extra=JSON_BODY,
)
def run_account_precheck(request):
    """The wizard's checks for an application, by API: the platform builds `context` (issue 13 #3 "fire in the
    API"). Signed-in only, unlike /precheck: it consults registries, and an anonymous caller could use it to ask
    who holds a domain."""
    from beian.filings import checks

    require_scope(request, "precheck")
    try:
        application = safejson.loads(request.body or b"")
    except safejson.JsonProblem as exc:
        status, body = json_error(exc)
        return Status(status, body)
    if not isinstance(application, dict):
        return Status(400, {"code": "input_error", "message": msg.INPUT_ERROR.format(path="$", message=msg.NOT_AN_OBJECT),
                            "details": {"path": "$"}, "path": "$"})
    application.pop("context", None)
    return Status(200, checks.run(application, account=request.auth))
