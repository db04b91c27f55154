"""Error pages and JSON error bodies, for the platform and the ministry simulator.

Every error a person can meet is a Chinese page in the service's own look that says what happened, what to do
next (back, home, log in again, retry) and carries the request id and a stable machine code (`data-code`);
JSON routes get {"code", "message", "request_id"} instead. Django's English defaults never show.

The 500 page is built from a string, without the template engine, the database or the session, so that it
renders whatever broke; the other pages fall back to it if their template fails.
"""

import logging
from html import escape
from urllib.parse import quote, urlsplit

from django.conf import settings
from django.core.exceptions import RequestDataTooBig, TooManyFieldsSent, TooManyFilesSent
from django.http import HttpResponse, JsonResponse
from django.template.loader import render_to_string

from beian.web import messages as msg
from beian.web import requestid

log = logging.getLogger(__name__)


def wants_json(request) -> bool:
    paths = tuple(getattr(settings, "ERROR_JSON_PATHS", ("/api/",)))
    return request.path.startswith(paths) or request.headers.get("Accept", "").startswith("application/json")


def _size(n: int) -> str:
    return f"{n / (1024 * 1024):.0f} MB" if n >= 1024 * 1024 else f"{max(n // 1024, 1)} KB"


def _back(request) -> str | None:
    """The page the person came from, as a path on this site (never an address elsewhere)."""
    referer = urlsplit(request.headers.get("Referer", ""))
    try:
        host = request.get_host()
    except Exception:  # noqa: BLE001 (a bad Host header is itself the error being shown)
        return None
    if not referer.path.startswith("/") or referer.netloc != host:
        return None
    return referer.path + (f"?{referer.query}" if referer.query else "")


def _actions(request, status: int, code: str) -> list[dict]:
    actions = []
    back = _back(request)
    # A form posted to its own address goes back to it (a fresh form); a page never links to itself as "back".
    if back and (back != request.get_full_path() or request.method not in ("GET", "HEAD")):
        actions.append({"label": msg.ACTION_BACK, "href": back})
    if status == 403:
        login = getattr(settings, "LOGIN_URL", "/accounts/login/")
        # A stale form is fixed by going back and reloading it; a missing permission by another account.
        at = len(actions) if code == "csrf_failed" else 0
        actions.insert(at, {"label": msg.ACTION_LOGIN, "href": f"{login}?next={quote(request.path)}"})
    if status in (429, 500, 503) and request.method in ("GET", "HEAD"):
        actions.append({"label": msg.ACTION_RETRY, "href": request.get_full_path()})
    actions.append({"label": msg.ACTION_HOME, "href": "/"})
    return actions


def describe(request, status: int, *, code: str | None = None, title: str | None = None,
             message: str | None = None, retry_after: str | None = None, limit: int | None = None) -> dict:
    default_code, default_title, default_message = msg.ERRORS.get(status, msg.ERROR_OTHER)
    # Only the catalogue's own texts are templates: a given message may quote what a person typed.
    limit = limit or getattr(settings, "DATA_UPLOAD_MAX_MEMORY_SIZE", 0) or 0
    text = message if message is not None else default_message.format(method=request.method, limit=_size(limit))
    if retry_after and retry_after.isdigit():
        text += msg.RETRY_AFTER.format(seconds=retry_after)
    code = code or default_code
    return {"status": status, "code": code, "title": title or default_title, "message": text,
            "request_id": requestid.of(request), "actions": _actions(request, status, code),
            "brand": getattr(settings, "ERROR_PAGE_BRAND", "beian")}


STANDALONE = """<!doctype html>
<html lang="zh-Hans"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title} · {brand}</title>
<style>body{{margin:0;font:15px/1.7 "Noto Sans CJK SC","PingFang SC","Microsoft YaHei",sans-serif;background:#f5f6f7;
color:#1f2329}}header{{background:#fff;border-bottom:1px solid #dee0e3;padding:14px 24px;font-weight:600}}
header a{{color:#1f2329;text-decoration:none}}main{{max-width:640px;margin:40px auto;background:#fff;border:1px solid #dee0e3;
border-radius:6px;padding:24px 28px}}h1{{font-size:22px;margin:0 0 12px}}.actions a{{display:inline-block;margin:8px 8px 0 0;
padding:7px 18px;border-radius:4px;border:1px solid #ff6a00;background:#ff6a00;color:#fff;text-decoration:none}}
.actions a+a{{background:#fff;color:#1f2329;border-color:#dee0e3}}.meta{{color:#646a73;font-size:13px;margin-top:20px}}
@media (max-width:680px){{main{{margin:16px}}}}</style>
</head><body><header><a href="/">{brand}</a></header>
<main class="error-page" data-code="{code}" data-status="{status}" data-request-id="{request_id}">
<h1>{title}</h1><p>{message}</p><p class="actions">{actions}</p>
<p class="meta">{code_label}：{status} · {code}<br>{request_id_label}：<code id="request-id">{request_id}</code></p>
</main></body></html>
"""


def standalone_page(error: dict) -> str:
    actions = "".join(f'<a href="{escape(a["href"])}">{escape(a["label"])}</a>' for a in error["actions"])
    return STANDALONE.format(
        actions=actions, code_label=msg.ERROR_CODE, request_id_label=msg.REQUEST_ID,
        **{k: escape(str(error[k])) for k in ("title", "brand", "code", "status", "message", "request_id")})


def error_response(request, status: int, *, standalone: bool = False, **details) -> HttpResponse:
    error = describe(request, status, **details)
    if wants_json(request):
        return JsonResponse({"code": error["code"], "message": error["message"], "request_id": error["request_id"]},
                            status=status, json_dumps_params={"ensure_ascii": False})
    body = None
    if not standalone:
        try:
            body = render_to_string(getattr(settings, "ERROR_PAGE_TEMPLATE", "web/error.html"), {"error": error},
                                    request=request)
        except Exception:  # noqa: BLE001 (the page that reports an error must not be one)
            log.exception("error page template failed, answering the standalone page")
    return HttpResponse(body or standalone_page(error), status=status, content_type="text/html; charset=utf-8")


# ---- Django's error handlers (handler400/403/404/500, CSRF_FAILURE_VIEW) ------------------------------------

def bad_request(request, exception=None):
    if isinstance(exception, (RequestDataTooBig, TooManyFieldsSent, TooManyFilesSent)):
        return error_response(request, 413)
    return error_response(request, 400)


def _chinese(exception) -> str | None:
    """The exception's own message when it is written for a person (Chinese), e.g. PermissionDenied(msg.X)."""
    text = str(exception or "")
    return text if any("\u4e00" <= c <= "\u9fff" for c in text) else None


def permission_denied(request, exception=None):
    return error_response(request, 403, message=_chinese(exception))


def page_not_found(request, exception=None):
    return error_response(request, 404, message=_chinese(exception))


def server_error(request):
    return error_response(request, 500, standalone=True)


def csrf_failure(request, reason=""):
    code, title, message = msg.CSRF_FAILED
    return error_response(request, 403, code=code, title=title, message=message)
