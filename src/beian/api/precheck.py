import json

from ninja import Router, Schema, Status

from beian.api import messages as msg
from beian.rules import ApplicationError, precheck

router = Router(tags=["precheck"])


class ErrorOut(Schema):
    code: str
    message: str
    path: str | None = None


@router.post(
    "/precheck",
    auth=None,
    response={200: dict, 400: ErrorOut},
    summary="备案预检：对一份申请运行规则引擎",
    description="请求体为 precheck.md 所述的申请 JSON；响应为同一契约的结果对象。输入不是申请时返回 400 与出错字段路径。",
    openapi_extra={"requestBody": {"content": {"application/json": {"schema": {"type": "object"}}}, "required": True}},
)
def run_precheck(request):
    try:
        application = json.loads(request.body or b"")
    except (ValueError, UnicodeDecodeError):
        return Status(400, {"code": "body_not_json", "message": msg.BODY_NOT_JSON, "path": None})
    except RecursionError:  # thousands of nested brackets: json gives up before the engine would
        return Status(400, {"code": "body_too_deep", "message": msg.BODY_TOO_DEEP, "path": None})
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
