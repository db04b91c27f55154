"""Which wizard step answers for a finding, and the one-click fixes the steps offer."""

from beian.filings.checks import FILING_TYPE_CODES
from beian.rules import normalize
from beian.rules.codes import Code

BASIC_PATHS = ("region", "subject.nature", "subject.cert_type", "subject.name", "subject.cert_number",
               "subject.cert_address", "requested_type")


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
