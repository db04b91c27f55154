"""Subject (主办者) and principal (负责人) rules."""

import re

from beian.rules import messages as msg
from beian.rules import validators as v
from beian.rules.codes import Code
from beian.rules.context import App, Findings, text

SUBJECT_CERT_TYPES = {
    "enterprise": {"business_license"},
    "individual": {"resident_id", "passport", "taiwan_permit", "hk_macao_permit", "foreign_permanent_id",
                   "hkmt_residence_permit"},
    "government": {"usc_certificate"},
    "public_institution": {"usc_certificate", "public_institution_certificate"},
    "social_organization": {"social_organization_certificate"},
    "private_non_enterprise": {"private_non_enterprise_certificate"},
    "foundation": {"foundation_certificate"},
    "law_firm": {"law_firm_license"},
    "military": {"military_code"},
    "mass_organization": {"usc_certificate"},
    "judicial_expertise": {"judicial_expertise_license"},
    "religious": {"religious_certificate"},
    "overseas_organization": {"overseas_registration"},
}
PRINCIPAL_CERT_TYPES = SUBJECT_CERT_TYPES["individual"] | {"officer_id"}

_CJK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f〇"
_ADDRESS_BAD = re.compile(f"[^{_CJK}A-Za-z0-9 \u3000\\-－#＃()（）·、,，.。]")
_HOUSE_NUMBER = re.compile("[0-9０-９〇零一二三四五六七八九十百千两](?:号|室|栋|幢|楼|层|单元|座|组)")
INACTIVE = frozenset({"注销", "吊销"})


def _labels(types) -> str:
    return "或".join(msg.CERT_TYPES[t] for t in sorted(types))


def check_cert_number(cert_type: str, value: str, path: str, what: str, app: App, out: Findings) -> None:
    if cert_type == "business_license":
        reason = v.uscc_problem(value)
        if reason:
            out.add(Code.CERT_NUMBER_INVALID, path, what=what, value=value, reason=msg.CERT_REASONS[reason])
    elif cert_type == "resident_id":
        if value.endswith("x"):
            out.add(Code.CERT_NUMBER_LOWERCASE_X, path, value=value, fixed=value[:-1] + "X")
            return
        reason = v.resident_id_problem(value, app.today)
        if reason:
            out.add(Code.CERT_NUMBER_INVALID, path, what=what, value=value, reason=msg.CERT_REASONS[reason])


def check_principal(p: dict, path: str, app: App, out: Findings) -> None:
    """Every rule that applies to a principal, subject or website (precheck.md applies them to all)."""
    cert_type = p["cert_type"]
    if cert_type not in PRINCIPAL_CERT_TYPES:
        out.add(Code.CERT_TYPE_NOT_ALLOWED, f"{path}.cert_type", value=msg.CERT_TYPES[cert_type],
                who=msg.WHO["principal"], allowed=_labels(PRINCIPAL_CERT_TYPES))
    check_cert_number(cert_type, text(p, "cert_number"), f"{path}.cert_number", "证件号码", app, out)
    until = text(p, "cert_valid_until")
    if cert_type == "resident_id" and until and until != "长期" and app.today is not None:
        from beian.rules.schema import parse_date

        if parse_date(until, f"{path}.cert_valid_until") <= v.add_months(app.today, 3):
            out.add(Code.PRINCIPAL_ID_EXPIRING, f"{path}.cert_valid_until", value=until)
    for key in ("mobile", "emergency_mobile"):
        value = text(p, key)
        if (value or key == "mobile") and not v.is_mobile(value):
            out.add(Code.MOBILE_INVALID, f"{path}.{key}", value=value)
    contact2 = text(p, "contact2")
    if not contact2:
        if not app.individual:
            out.add(Code.CONTACT2_REQUIRED, f"{path}.contact2")
    elif not (v.is_mobile(contact2) or v.is_landline(contact2)):
        out.add(Code.CONTACT2_INVALID, f"{path}.contact2", value=contact2)
    email = text(p, "email")
    if not _email_ok(email):
        out.add(Code.EMAIL_INVALID, f"{path}.email", value=email)


def _email_ok(email: str) -> bool:
    from beian.rules.domains import to_ascii

    if email.count("@") != 1:
        return False
    local, domain = email.split("@")
    return bool(local) and "." in domain and to_ascii(domain) is not None


def check_subject(app: App, out: Findings) -> None:
    s = app.subject
    if app.province is None:
        out.add(Code.REGION_INVALID, "region.province", value=app.region["province"])
    allowed = SUBJECT_CERT_TYPES[app.nature]
    if s["cert_type"] not in allowed:
        out.add(Code.CERT_TYPE_NOT_ALLOWED, "subject.cert_type", value=msg.CERT_TYPES[s["cert_type"]],
                who=msg.NATURES[app.nature] + "主体", allowed=_labels(allowed))
    check_cert_number(s["cert_type"], app.subject_cert, "subject.cert_number", "主办单位证件号码", app, out)
    if not text(s, "cert_address"):
        out.add(Code.CERT_ADDRESS_REQUIRED, "subject.cert_address")
    mailing = text(s, "mailing_address")
    bad = _ADDRESS_BAD.findall(mailing)
    if bad:
        out.add(Code.MAILING_ADDRESS_SPECIAL_CHARS, "subject.mailing_address", chars="".join(dict.fromkeys(bad)))
    if not _HOUSE_NUMBER.search(mailing) and "最详细" not in text(s, "remark"):
        out.add(Code.MAILING_ADDRESS_NOT_DETAILED, "subject.mailing_address")
    p = app.principal
    if app.individual:
        if text(s, "investor") != app.subject_name:
            out.add(Code.INVESTOR_MISMATCH, "subject.investor", name=app.subject_name)
        if text(p, "name") != app.subject_name or text(p, "cert_number") != app.subject_cert:
            out.add(Code.PRINCIPAL_NOT_SUBJECT, "subject.principal")
    check_principal(p, "subject.principal", app, out)
    _check_registry(app, out)


def _check_registry(app: App, out: Findings) -> None:
    if app.individual or "business_registry" not in app.context:
        return
    record = app.context["business_registry"]
    if record is None:
        out.add(Code.SUBJECT_NOT_IN_REGISTRY, "subject.name")
        return
    registered_name = text(record, "name")
    if registered_name and registered_name != app.subject_name:
        out.add(Code.SUBJECT_NAME_REGISTRY_MISMATCH, "subject.name", registry=registered_name)
    registered_cert = text(record, "cert_number")
    if registered_cert and registered_cert != app.subject_cert:
        out.add(Code.SUBJECT_CERT_REGISTRY_MISMATCH, "subject.cert_number", registry=registered_cert)
    status = text(record, "status")
    if status in INACTIVE:
        out.add(Code.SUBJECT_REGISTRY_INACTIVE, "subject.name", status=status)
    legal = text(record, "legal_representative")
    if (app.nature == "enterprise" and app.province is not None and app.province.requires_legal_representative
            and legal and text(app.principal, "name") != legal):
        out.add(Code.PRINCIPAL_NOT_LEGAL_REPRESENTATIVE, "subject.principal.name",
                province=app.province.short, registry=legal)
