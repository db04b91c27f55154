"""Runs the rules engine on an order's application with the platform's context.

The order-level precheck every part of the platform uses (wizard, materials, verification, review,
submission): it belongs to the filing, not to a screen. How findings map onto wizard steps lives in
`beian.wizard.findings`.
"""

import copy
import re

from beian.filings.claims import normalise_domain
from beian.filings.models import NEW_FILING_KINDS
from beian.filings.selectors import domain_registry_records, precheck_context
from beian.pii.mask import mask_name
from beian.registries.domains import held_by_a_person
from beian.rules import ApplicationError, precheck
from beian.rules.codes import Code
from beian.rules.messages import finding_message

_DOMAIN_PATH = re.compile(r"websites\[(\d+)\]\.domains\[(\d+)\]")
FILING_TYPE_CODES = {Code.CERT_ORDER_IN_PROGRESS, Code.DOMAIN_ORDER_IN_PROGRESS, Code.DOMAIN_ALREADY_FILED,
                     Code.DOMAIN_FILED_BY_OTHER_SUBJECT, Code.MIXED_FILING_TYPES, Code.FILING_TYPE_MISMATCH,
                     Code.CERT_ALREADY_FILED}


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
    records = domain_registry_records(application=app, order=order)
    context = precheck_context(application=app, order=order, domain_records=records)
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
        result["findings"] = [f for f in result["findings"] if f["code"] not in FILING_TYPE_CODES]
        result["ok"] = not any(f["severity"] == "error" for f in result["findings"])
    _mask_person_holders(result["findings"], app, records)
    return result


def _mask_person_holders(findings: list[dict], application: dict, records: dict[str, dict]) -> None:
    """A domain a person holds: DOMAIN_HOLDER_MISMATCH names them masked (张*三), as registrars show a person's
    data. Whoever types a domain must not learn who holds it; the name of a company holder is public."""
    for finding in findings:
        match = _DOMAIN_PATH.fullmatch(finding["path"])
        if finding["code"] != Code.DOMAIN_HOLDER_MISMATCH or not match:
            continue
        website = (application.get("websites") or [])[int(match[1])]
        domain = normalise_domain(website["domains"][int(match[2])])
        record = records.get(domain)
        if record and held_by_a_person(record):
            finding["message"] = finding_message(Code.DOMAIN_HOLDER_MISMATCH, {"holder": mask_name(record["holder_name"])})


def by_path(findings: list[dict]) -> dict[str, list[dict]]:
    out: dict[str, list[dict]] = {}
    for f in findings:
        out.setdefault(f["path"], []).append(f)
    return out


def person_record(application: dict, person: str) -> dict | None:
    """The principal's fields (name, cert_type, cert_number, ...) for a person key
    (`subject_principal` or `websites[i].principal`, as the engine's materials name owners)."""
    subject = application.get("subject") or {}
    if person == "subject_principal":
        return subject.get("principal") or None
    if person.startswith("websites[") and person.endswith("].principal"):
        try:
            index = int(person[len("websites["):-len("].principal")])
            website = (application.get("websites") or [])[index]
        except (ValueError, IndexError):
            return None
        return website.get("principal") or subject.get("principal") or None
    return None
