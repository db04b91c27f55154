import json
import logging
from pathlib import Path

from django.http import HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_http_methods

from beian.agents.selectors import acting_account
from beian.filings import checks
from beian.rules import ApplicationError, precheck, safejson
from beian.web import messages as msg
from beian.web import precheck_form
from beian.web.labels import field_label, filing_type_label, material_label

log = logging.getLogger(__name__)

SAMPLE = (Path(__file__).resolve().parent / "sample_application.json").read_text(encoding="utf-8")


class InputProblem(Exception):
    def __init__(self, code: str, message: str):
        super().__init__(message)
        self.code = code


def healthz(request):
    return HttpResponse("ok", content_type="text/plain")


def home(request):
    return render(request, "web/home.html")


def _read_input(request) -> str:
    """The text from the textarea or the uploaded file; raises InputProblem."""
    upload = request.FILES.get("file")
    limit = safejson.MAX_BYTES
    if upload is not None:
        if upload.size > limit:
            raise InputProblem("json_too_large", msg.PRECHECK_TOO_LARGE.format(limit=limit // 1024))
        try:
            return upload.read().decode("utf-8-sig")
        except UnicodeDecodeError:
            raise InputProblem("json_invalid", msg.PRECHECK_NOT_UTF8) from None
    text = request.POST.get("application", "")
    if len(text.encode()) > limit:
        raise InputProblem("json_too_large", msg.PRECHECK_TOO_LARGE.format(limit=limit // 1024))
    return text


def _parse(text: str):
    """The application read within rules/safejson.py's limits (depth, number size) before it is decoded."""
    try:
        return safejson.loads(text, max_bytes=None)
    except safejson.JsonProblem as exc:
        if exc.code == "json_number_too_large" and exc.path and exc.path != "$":
            where = msg.PRECHECK_NUMBER_WHERE.format(label=field_label(exc.path), path=exc.path)
            raise InputProblem(exc.code, msg.PRECHECK_NUMBER_TOO_BIG.format(where=where)) from None
        raise InputProblem(exc.code, exc.message) from None


def _guarded(run, *args):
    """The engine's answer; an exception it should not raise becomes a message with a code, not a 500."""
    try:
        return run(*args)
    except ApplicationError:
        raise
    except (ArithmeticError, LookupError, TypeError, ValueError, AttributeError):
        log.exception("precheck failed on an input that passed its schema")
        raise InputProblem("precheck_internal", msg.PRECHECK_FAILED.format(code="PRECHECK_INTERNAL")) from None


def grouped_findings(findings: list[dict]) -> list[dict]:
    """Findings grouped field by field, in the order the fields first appear."""
    groups: dict[str, dict] = {}
    for f in findings:
        group = groups.setdefault(f["path"], {"path": f["path"], "label": field_label(f["path"]), "items": []})
        group["items"].append(f)
    return list(groups.values())


def _result_context(result: dict) -> dict:
    errors = sum(1 for f in result["findings"] if f["severity"] == "error")
    return {
        "result": result,
        "summary": msg.PRECHECK_OK if result["ok"] else msg.PRECHECK_HAS_ERRORS.format(count=errors),
        "groups": grouped_findings(result["findings"]),
        "filing_type": filing_type_label(result["filing_type"]),
        "materials": [dict(m, label=material_label(m), owner_label=field_label(
            "subject.principal" if m["owner"] == "subject_principal" else m["owner"]))
            for m in result["required_materials"]],
    }


def _json_mode(request, context: dict) -> None:
    if request.method != "POST":
        context["text"] = SAMPLE if request.GET.get("sample") else ""
        return
    error = code = None
    context["text"] = request.POST.get("application", "")[:2000]  # what is shown back if it cannot be read
    try:
        text = context["text"] = _read_input(request)
        if not text.strip():
            raise InputProblem("precheck_empty", msg.PRECHECK_EMPTY)
        context.update(_result_context(_guarded(precheck, _parse(text))))
    except ApplicationError as exc:
        code, error = "input_error", msg.PRECHECK_NOT_APPLICATION.format(label=field_label(exc.path), path=exc.path,
                                                                          message=exc.message)
    except InputProblem as exc:
        code, error = exc.code, str(exc)
    context["error"], context["error_code"] = error, code


def _form_mode(request, context: dict) -> None:
    if request.method != "POST":
        application = precheck_form.from_sample(SAMPLE) if request.GET.get("sample") else checks.blank_application()
        context.update(precheck_form.layout(application))
        return
    application, errors, typed, action = precheck_form.read(request.POST)
    result = None
    if action == "check":
        try:
            # Signed in: as the wizard would answer this account (a subject filed under another one is refused).
            account = acting_account(request) if request.user.is_authenticated else None
            result = _guarded(lambda app: checks.run(app, account=account), application)
        except InputProblem as exc:
            context["error"], context["error_code"] = str(exc), exc.code
        else:
            context.update(_result_context(result))
    context.update(precheck_form.layout(application, errors=errors, typed=typed, result=result))


@require_http_methods(["GET", "POST"])
def precheck_page(request):
    # A POST carrying the JSON fields is the JSON tab even without `mode` (scripts that posted before the form).
    json_post = request.method == "POST" and ("application" in request.POST or "file" in request.FILES)
    mode = "json" if json_post or (request.POST.get("mode") or request.GET.get("mode")) == "json" else "form"
    context = {"mode": mode, "intro": msg.PRECHECK_FORM_INTRO}
    (_json_mode if mode == "json" else _form_mode)(request, context)
    return render(request, "web/precheck.html", context, status=200)


# ---- installable web app (issue 20 #6; docs/decisions.md) ---------------------------------------------------

THEME = "#ff6a00"  # --brand in beian.css
PRECACHE = ["beian/beian.css", "beian/favicon.svg", "beian/icons/icon-192.png", "beian/icons/icon-512.png"]


@require_http_methods(["GET", "HEAD"])
def manifest(request):
    from django.templatetags.static import static

    body = {
        "name": msg.APP_NAME, "short_name": msg.APP_SHORT_NAME, "description": msg.APP_DESCRIPTION,
        "lang": "zh-Hans", "dir": "ltr", "id": "/orders/", "start_url": "/orders/", "scope": "/",
        "display": "standalone", "orientation": "any", "theme_color": THEME, "background_color": "#f5f6f7",
        "icons": [
            {"src": static("beian/icons/icon-192.png"), "sizes": "192x192", "type": "image/png", "purpose": "any"},
            {"src": static("beian/icons/icon-512.png"), "sizes": "512x512", "type": "image/png", "purpose": "any"},
            {"src": static("beian/icons/maskable-512.png"), "sizes": "512x512", "type": "image/png",
             "purpose": "maskable"},
        ],
    }
    response = HttpResponse(json.dumps(body, ensure_ascii=False, indent=1),
                            content_type="application/manifest+json; charset=utf-8")
    response["Cache-Control"] = "public, max-age=3600"
    return response


@require_http_methods(["GET", "HEAD"])
def service_worker(request):
    """At the site's root, so that its scope is the whole site; never cached by HTTP (a new release's worker must
    reach the browser at its next check)."""
    import hashlib

    from django.templatetags.static import static

    precache = [static(p) for p in PRECACHE]
    version = hashlib.sha256("\n".join(precache + [msg.OFFLINE_TITLE, *msg.OFFLINE_TEXT]).encode()).hexdigest()[:12]
    response = render(request, "web/sw.js", {"precache": precache, "version": version},
                      content_type="text/javascript; charset=utf-8")
    response["Cache-Control"] = "no-cache"
    response["Service-Worker-Allowed"] = "/"
    return response


@require_http_methods(["GET", "HEAD"])
def offline(request):
    """What the service worker shows without a network. The same for everyone (it is cached on the device)."""
    response = render(request, "web/offline.html", {"title": msg.OFFLINE_TITLE, "paragraphs": msg.OFFLINE_TEXT,
                                                    "retry": msg.OFFLINE_RETRY})
    response["Cache-Control"] = "no-cache"
    return response
