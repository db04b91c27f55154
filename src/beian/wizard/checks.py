"""Runs the rules engine on an order's application with the platform's context, for the wizard."""

import copy

from beian.filings.models import NEW_FILING_KINDS
from beian.filings.selectors import precheck_context
from beian.rules import ApplicationError, normalize, precheck
from beian.rules.codes import NEW_FILING_ONLY, Code

FILING_TYPE_CODES = {Code.CERT_ORDER_IN_PROGRESS, Code.DOMAIN_ORDER_IN_PROGRESS, Code.DOMAIN_ALREADY_FILED,
                     Code.DOMAIN_FILED_BY_OTHER_SUBJECT, Code.MIXED_FILING_TYPES, Code.FILING_TYPE_MISMATCH,
                     Code.CERT_ALREADY_FILED}
BASIC_PATHS = ("region", "subject.nature", "subject.cert_type", "subject.name", "subject.cert_number",
               "subject.cert_address", "requested_type")


def blank_application() -> dict:
    return {
        "region": {"province": "", "city": "", "district": ""},
        "requested_type": None,
        "subject": {"nature": "enterprise", "cert_type": "business_license", "name": "", "cert_number": "",
                    "cert_address": "", "mailing_address": "", "investor": "", "remark": "",
                    "principal": {"name": "", "cert_type": "resident_id", "cert_number": "", "cert_valid_until": "",
                                  "mobile": "", "contact2": "", "emergency_mobile": "", "email": ""}},
        "websites": [blank_website("")],
    }


def blank_website(domain: str) -> dict:
    return {"name": "", "domains": [domain], "content": "单位门户网站", "service_type": "网站应用服务",
            "languages": ["中文简体"], "pre_approvals": [], "remark": "", "access": None, "principal": None}


def run(application: dict, *, order=None, materials: list | None = None) -> dict:
    """The engine's result for this application as the platform sees it now.

    Malformed input (a value the forms let through but the engine rejects) becomes one finding at
    its path instead of an exception, so a page never fails on it.
    """
    app = copy.deepcopy(application)
    context = precheck_context(application=app, order=order)
    if order is not None and order.kind not in NEW_FILING_KINDS:
        # A change/cancel/deregister order is about an existing filing: its domains and subject are
        # filed here by definition, so the new-filing type rules do not apply.
        context["subject_filed_with"] = None
        for info in context["domains"].values():
            info.pop("filed_with", None)
            info.pop("filed_subject_cert_number", None)
    app["context"] = context
    if materials is not None:
        app["materials"] = materials
    try:
        result = precheck(app)
    except ApplicationError as exc:
        return {"ok": False, "filing_type": None, "sms_targets": [], "required_materials": [],
                "findings": [{"code": "INPUT_INVALID", "severity": "error", "path": exc.path,
                              "message": "此项内容无效，请重新填写或选择。"}]}
    if order is not None and order.kind not in NEW_FILING_KINDS:
        result["findings"] = [f for f in result["findings"] if f["code"] not in FILING_TYPE_CODES
                              and f["code"] not in NEW_FILING_ONLY]
        result["ok"] = not any(f["severity"] == "error" for f in result["findings"])
    return result


def by_path(findings: list[dict]) -> dict[str, list[dict]]:
    out: dict[str, list[dict]] = {}
    for f in findings:
        out.setdefault(f["path"], []).append(f)
    return out


def step_of(finding: dict) -> str:
    """Which wizard step a finding belongs to."""
    path, code = finding["path"], finding["code"]
    if code.startswith("MATERIAL_"):
        return "materials"
    if code in FILING_TYPE_CODES or path.startswith(BASIC_PATHS):
        return "basic"
    if ".access" in path:
        return "product"
    if path.startswith("subject"):
        return "subject"
    return "websites"


def errors_on(findings: list[dict], step: str) -> list[dict]:
    return [f for f in findings if f["severity"] == "error" and step_of(f) == step]


def shown_on(findings: list[dict], step: str, paths) -> list[dict]:
    """The findings a step answers for: its own, and any on a field it shows (step 1 shows the first
    website's domain, whose findings belong to 网站信息 as well)."""
    paths = frozenset(paths)
    return [f for f in findings if step_of(f) == step or f["path"] in paths]


def blocking(findings: list[dict], step: str, paths) -> list[dict]:
    """The errors that keep a step from going on."""
    return [f for f in shown_on(findings, step, paths) if f["severity"] == "error"]


# Findings whose fix is mechanical: the value to offer in one click, from the value typed.
FIXES = {Code.DOMAIN_NOT_APEX.value: normalize.apex_suggestion, Code.CERT_NUMBER_LOWERCASE_X.value: normalize.cert_number}


def fix_for(findings: list[dict], value) -> str | None:
    for f in findings:
        fix = FIXES.get(f["code"])
        if fix and isinstance(value, str) and value:
            suggestion = fix(value)
            if suggestion and suggestion != value:
                return suggestion
    return None
