import json
from pathlib import Path

from django.http import HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_http_methods

from beian.rules import ApplicationError, precheck
from beian.web import messages as msg
from beian.web.labels import field_label, filing_type_label, material_label

MAX_UPLOAD = 512 * 1024  # an application is a few KB; anything bigger is a mistake, not a filing
SAMPLE = (Path(__file__).resolve().parent / "sample_application.json").read_text(encoding="utf-8")


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


def grouped_findings(findings: list[dict]) -> list[dict]:
    """Findings grouped field by field, in the order the fields first appear."""
    groups: dict[str, dict] = {}
    for f in findings:
        group = groups.setdefault(f["path"], {"path": f["path"], "label": field_label(f["path"]), "items": []})
        group["items"].append(f)
    return list(groups.values())


@require_http_methods(["GET", "POST"])
def precheck_page(request):
    context = {"text": "", "sample": SAMPLE}
    if request.method == "POST":
        text, error = _read_input(request)
        context["text"] = text
        if error is None and not text.strip():
            error = msg.PRECHECK_EMPTY
        if error is None:
            try:
                result = precheck(json.loads(text))
            except json.JSONDecodeError as exc:
                error = msg.PRECHECK_NOT_JSON.format(line=exc.lineno, col=exc.colno)
            except ApplicationError as exc:
                error = msg.PRECHECK_NOT_APPLICATION.format(label=field_label(exc.path), path=exc.path, message=exc.message)
            else:
                errors = sum(1 for f in result["findings"] if f["severity"] == "error")
                context.update(
                    result=result,
                    summary=msg.PRECHECK_OK if result["ok"] else msg.PRECHECK_HAS_ERRORS.format(count=errors),
                    groups=grouped_findings(result["findings"]),
                    filing_type=filing_type_label(result["filing_type"]),
                    materials=[dict(m, label=material_label(m), owner_label=field_label(
                        "subject.principal" if m["owner"] == "subject_principal" else m["owner"]))
                        for m in result["required_materials"]],
                )
        context["error"] = error
    return render(request, "web/precheck.html", context, status=200)
