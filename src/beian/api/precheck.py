from ninja import Router, Schema, Status

from beian.api import messages as msg
from beian.api.parser import json_error
from beian.rules import ApplicationError, precheck, safejson

router = Router(tags=["precheck"])


class ErrorOut(Schema):
    code: str
    message: str
    path: str | None = None


@router.post(
    "/precheck",
    auth=None,
    response={200: dict, 400: ErrorOut, 413: ErrorOut},
    summary="备案预检：对一份申请运行规则引擎",
    description="请求体为 precheck.md 所述的申请 JSON；响应为同一契约的结果对象。输入不是申请时返回 400 与出错字段路径："
    "`body_not_json`（不是 JSON）、`body_too_deep`（嵌套超过 32 层）、`json_number_too_large`（整数超过 20 位或非有限数值）、"
    "`input_error`（字段不合法）；请求体超过 512 KB 时返回 413 `json_too_large`。",
    openapi_extra={"requestBody": {"content": {"application/json": {"schema": {"type": "object"}}}, "required": True}},
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
                "path": exc.path,
            },
        )
