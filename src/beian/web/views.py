import json
import logging
import math
from pathlib import Path

from django.http import HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_http_methods

from beian.rules import ApplicationError, precheck
from beian.web import messages as msg
from beian.web import precheck_form
from beian.web.labels import field_label, filing_type_label, material_label
from beian.wizard import checks

log = logging.getLogger(__name__)

MAX_UPLOAD = 512 * 1024  # an application is a few KB; anything bigger is a mistake, not a filing
MAX_DEPTH = 32  # precheck.md's application nests 5 levels; deeper is not an application
MAX_NUMBER = 10**15  # the largest number an application carries is a file size in bytes
SAMPLE = (Path(__file__).resolve().parent / "sample_application.json").read_text(encoding="utf-8")


class InputProblem(Exception):
    pass


def healthz(request):
    return HttpResponse("ok", content_type="text/plain")


def home(request):
    return render(request, "web/home.html")


def _read_input(request) -> tuple[str, str | None]:
    """(text, error message) from the textarea or the uploaded file."""
    upload = request.FILES.get("file")
    if upload is not None:
        if upload.size > MAX_UPLOAD:
            return "", msg.PRECHECK_TOO_LARGE.format(limit=MAX_UPLOAD // 1024)
        try:
            return upload.read().decode("utf-8-sig"), None
        except UnicodeDecodeError:
            return "", msg.PRECHECK_NOT_UTF8
    text = request.POST.get("application", "")
    if len(text.encode()) > MAX_UPLOAD:
        return text[:2000], msg.PRECHECK_TOO_LARGE.format(limit=MAX_UPLOAD // 1024)
    return text, None


def _reject_constant(name: str):
    raise InputProblem(msg.PRECHECK_NUMBER_TOO_BIG.format(where=f"（{name}）"))


def _check_shape(data) -> None:
    """Nesting and numbers the engine was never meant to see become a message naming where they are."""
    stack = [(data, "", 0)]
    while stack:
        value, path, depth = stack.pop()
        if depth > MAX_DEPTH:
            raise InputProblem(msg.PRECHECK_TOO_DEEP.format(limit=MAX_DEPTH))
        if isinstance(value, dict):
            stack.extend((v, f"{path}.{k}" if path else str(k), depth + 1) for k, v in value.items())
        elif isinstance(value, list):
            stack.extend((v, f"{path}[{i}]", depth + 1) for i, v in enumerate(value))
        elif isinstance(value, (int, float)) and not isinstance(value, bool) and (
                (isinstance(value, float) and not math.isfinite(value)) or abs(value) >= MAX_NUMBER):
            where = msg.PRECHECK_NUMBER_WHERE.format(label=field_label(path), path=path) if path else ""
            raise InputProblem(msg.PRECHECK_NUMBER_TOO_BIG.format(where=where))


def _parse(text: str):
    try:
        data = json.loads(text, parse_constant=_reject_constant)
    except json.JSONDecodeError as exc:
        raise InputProblem(msg.PRECHECK_NOT_JSON.format(line=exc.lineno, col=exc.colno)) from None
    except RecursionError:
        raise InputProblem(msg.PRECHECK_TOO_DEEP.format(limit=MAX_DEPTH)) from None
    except ValueError:  # an integer too long to convert
        raise InputProblem(msg.PRECHECK_NUMBER_TOO_BIG.format(where="")) from None
    _check_shape(data)
    return data


def _guarded(run, *args):
    """The engine's answer; an exception it should not raise becomes a message with a code, not a 500."""
    try:
        return run(*args)
    except ApplicationError:
        raise
    except (ArithmeticError, LookupError, RecursionError, TypeError, ValueError, AttributeError):
        log.exception("precheck failed on an input that passed its schema")
        raise InputProblem(msg.PRECHECK_FAILED.format(code="PRECHECK_INTERNAL")) from None


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
    text, error = _read_input(request)
    context["text"] = text
    if error is None and not text.strip():
        error = msg.PRECHECK_EMPTY
    if error is None:
        try:
            context.update(_result_context(_guarded(precheck, _parse(text))))
        except ApplicationError as exc:
            error = msg.PRECHECK_NOT_APPLICATION.format(label=field_label(exc.path), path=exc.path, message=exc.message)
        except InputProblem as exc:
            error = str(exc)
    context["error"] = error


def _form_mode(request, context: dict) -> None:
    if request.method != "POST":
        application = precheck_form.from_sample(SAMPLE) if request.GET.get("sample") else checks.blank_application()
        context.update(precheck_form.layout(application))
        return
    application, errors, typed, action = precheck_form.read(request.POST)
    result = None
    if action == "check":
        try:
            result = _guarded(checks.run, application)
        except InputProblem as exc:
            context["error"] = str(exc)
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
