"""Runs the rules engine on an order's application with the platform's context.

The order-level precheck every part of the platform uses (wizard, materials, verification, review,
submission): it belongs to the filing, not to a screen. How findings map onto wizard steps lives in
`beian.wizard.findings`.
"""

import copy
import re

from beian.filings import changes, diff, release
from beian.filings import messages as msg
from beian.filings.claims import normalise_domain
from beian.filings.models import NEW_FILING_KINDS
from beian.filings.selectors import domain_registry_records, filed_under_other_account, precheck_context
from beian.filings.services import OrderError
from beian.pii.mask import mask_name
from beian.registries.domains import held_by_a_person
from beian.rules import ApplicationError, precheck
from beian.rules.codes import NEW_FILING_ONLY, Code
from beian.rules.messages import finding_message

# A platform code (docs/rules.md, "Platform rules"): the engine cannot know accounts, so this is not one of
# its codes. Stable: the wizard shows it as a finding, create_order refuses with it (OrderError.code).
SUBJECT_FILED_UNDER_OTHER_ACCOUNT = "SUBJECT_FILED_UNDER_OTHER_ACCOUNT"

_DOMAIN_PATH = re.compile(r"websites\[(\d+)\]\.domains\[(\d+)\]")
FILING_TYPE_CODES = {Code.CERT_ORDER_IN_PROGRESS, Code.DOMAIN_ORDER_IN_PROGRESS, Code.DOMAIN_ALREADY_FILED,
                     Code.DOMAIN_FILED_BY_OTHER_SUBJECT, Code.MIXED_FILING_TYPES, Code.FILING_TYPE_MISMATCH,
                     Code.CERT_ALREADY_FILED, SUBJECT_FILED_UNDER_OTHER_ACCOUNT, Code.ACCESS_SHELL_SITE}
# Advice that assumes the filing is the applicant's own ("办理变更备案", "请办理新增网站（原备案在本服务商）"):
# replaced by SUBJECT_FILED_UNDER_OTHER_ACCOUNT where the filing is another account's.
SUPERSEDED = {Code.CERT_ALREADY_FILED, Code.FILING_TYPE_MISMATCH}


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


def run(application: dict, *, order=None, account=None, materials: list | None = None) -> dict:
    """The engine's result for this application as the platform sees it now, for `account` (the order's
    own account when there is an order; None: nobody's, e.g. the public precheck page).

    Malformed input (a value the forms let through but the engine rejects) becomes one finding at
    its path instead of an exception, so a page never fails on it.
    """
    if order is not None and order.kind == "claim":
        from beian.filings.claiming import precheck as claim_precheck

        return claim_precheck(order)  # a claim fills nothing in: the filed record, proved by its principal
    if order is not None:
        account = order.account
        if release.is_release(order.kind):
            return release.precheck_result(order.kind, application)
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
        result["findings"] = [f for f in result["findings"] if f["code"] not in FILING_TYPE_CODES
                              and f["code"] not in NEW_FILING_ONLY] + changes.order_findings(app, order=order)
        filed = diff.filed_application(order)
        if filed is not None:  # 变更主体/变更网站/变更接入: SMS and materials follow what the order changes
            result["sms_targets"] = changes.sms_targets(order.kind, app)
            changes.narrow_to_changes(result, diff.diff(filed, app))
        # The order's kind is its filing type: the engine, seeing a filed subject's data, would type it 首次备案
        # (the console showed "备案类型：首次备案" for a 变更网站).
        result["filing_type"] = order.kind
        result["ok"] = not any(f["severity"] == "error" for f in result["findings"])
    elif account is not None:
        _other_accounts_filing(app, result, account)
    _mask_person_holders(result["findings"], app, records)
    return result


def other_account_findings(application: dict, *, account) -> list[dict]:
    """SUBJECT_FILED_UNDER_OTHER_ACCOUNT findings: the subject (at its certificate number) or a domain (at the
    domain) is filed at this provider under another account. Seed 003 §1.1 常见问题: "错误提示：该域名对应的
    主体信息在系统中已经存在". Their messages name nothing of the other account's filing."""
    found = filed_under_other_account(account=account, application=application)
    findings = []
    if found["subject"]:
        findings.append({"code": SUBJECT_FILED_UNDER_OTHER_ACCOUNT, "severity": "error", "path": "subject.cert_number",
                         "message": msg.SUBJECT_FILED_UNDER_OTHER_ACCOUNT})
    if found["domains"]:
        for i, website in enumerate(application.get("websites") or ()):
            for j, domain in enumerate(website.get("domains") or ()):
                if isinstance(domain, str) and normalise_domain(domain) in found["domains"]:
                    findings.append({"code": SUBJECT_FILED_UNDER_OTHER_ACCOUNT, "severity": "error",
                                     "path": f"websites[{i}].domains[{j}]",
                                     "message": msg.DOMAIN_FILED_UNDER_OTHER_ACCOUNT})
    return findings


def _other_accounts_filing(app: dict, result: dict, account) -> None:
    """A new filing for a subject or domain filed here under another account: refused, not typed
    新增网站（原备案在本服务商） (which would add the site to that account's filing)."""
    refused = other_account_findings(app, account=account)
    if not refused:
        return
    paths = {f["path"] for f in refused}
    kept = [f for f in result["findings"]
            if f["code"] not in SUPERSEDED and not (f["code"] == Code.DOMAIN_ALREADY_FILED and f["path"] in paths)]
    result["findings"] = refused + kept
    result.update(ok=False, filing_type=None, sms_targets=[])


def refuse_other_accounts_filing(*, account, application: dict) -> None:
    """For the services (create_order): raise OrderError with the platform code when the application's
    subject or a domain is filed here under another account."""
    refused = other_account_findings(application, account=account)
    if refused:
        raise OrderError(SUBJECT_FILED_UNDER_OTHER_ACCOUNT, refused[0]["message"], details=refused)



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
    (`subject_principal`, `websites[i].principal` or `apps[i].principal`, as the engine's materials name owners)."""
    subject = application.get("subject") or {}
    if person == "subject_principal":
        return subject.get("principal") or None
    for key in ("websites", "apps"):  # an APP's principal as a website's (precheck.md "APP filing")
        if person.startswith(f"{key}[") and person.endswith("].principal"):
            try:
                index = int(person[len(key) + 1:-len("].principal")])
                item = (application.get(key) or [])[index]
            except (ValueError, IndexError, TypeError):
                return None
            return (item.get("principal") if isinstance(item, dict) else None) or subject.get("principal") or None
    return None
