"""The fields of the written application for an offline 注销 (wizard.views.offline_deregistration): the values
shown back on the page, and the cleaned ones the letter is made from. Bad input: a message per field, the
typed values kept."""

import re

from beian.filings.models import FiledWebsite
from beian.wizard import messages as msg

FIELDS = ("applicant", "applicant_cert", "contact", "contact_mobile", "number", "subject_name", "domains", "reason",
          "detail")
REQUIRED = ("applicant", "number", "contact", "contact_mobile")
LIMITS = {"detail": 300, "domains": 500}
DEFAULT_LIMIT = 100
# 主体备案号 "浙ICP备2025000001号", optionally a 网站备案号 "-N"; the province short name is 1 character (京, 浙 …).
NUMBER = re.compile(r"^[\u4e00-\u9fff]ICP备\d{6,12}号(-\d{1,4})?$")


def initial(filing) -> dict:
    """A 空壳主体 of the account's own: its number, name and domains; the applicant is that subject."""
    values = dict.fromkeys(FIELDS, "")
    values["reason"] = "other_unit"
    if filing is not None:
        principal = (filing.application.get("subject") or {}).get("principal") or {}
        domains = filing.websites.exclude(status=FiledWebsite.DEREGISTERED).values_list("domain", flat=True)
        values.update(applicant=filing.subject_name, number=filing.subject_number, subject_name=filing.subject_name,
                      domains=", ".join(domains), reason="shell", contact=principal.get("name") or "")
    return values


def clean(data) -> tuple[dict, dict, dict]:
    """(values as typed, cleaned, errors by field as {code, message})."""
    values = {f: (data.get(f) or "").replace("\x00", "").strip() for f in FIELDS}
    errors = {}
    for field in FIELDS:
        limit = LIMITS.get(field, DEFAULT_LIMIT)
        if len(values[field]) > limit:
            errors[field] = _error("offline_too_long", field=msg.OFFLINE_FIELDS[field], limit=limit)
    for field in REQUIRED:
        if not values[field] and field not in errors:
            errors[field] = _error("offline_required", field=msg.OFFLINE_FIELDS[field])
    if values["number"] and "number" not in errors and not NUMBER.match(values["number"]):
        errors["number"] = _error("offline_number_invalid", value=values["number"])
    if values["reason"] not in msg.OFFLINE_REASONS:
        errors["reason"] = _error("offline_reason_invalid")
    cleaned = dict(values, domains=[d.strip() for d in re.split(r"[,，、\s]+", values["domains"]) if d.strip()])
    return values, cleaned, errors


def _error(code: str, **params) -> dict:
    return {"code": code, "message": msg.OFFLINE_ERRORS[code].format(**params)}
