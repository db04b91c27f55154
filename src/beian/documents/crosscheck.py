"""What the document says against what the applicant typed, field by field, and prefilling blanks."""

from __future__ import annotations

from django.utils import timezone

from beian.documents import messages as msg
from beian.documents.ocr import normalise
from beian.filings.checks import person_record
from beian.pii.mask import mask_cert, mask_name

# (document field, application path relative to the person or subject, label)
PERSON_FIELDS = {"resident_id_front": [("name", "name", "姓名"), ("cert_number", "cert_number", "证件号码")],
                 "resident_id_back": [("valid_until", "cert_valid_until", "证件有效期至")]}
SUBJECT_FIELDS = {"business_license": [("name", "name", "单位名称"), ("cert_number", "cert_number", "统一社会信用代码"),
                                       ("address", "cert_address", "证件住所")],
                  "resident_id_front": [("address", "cert_address", "证件住所")]}


# What a person's readings show on pages outside the applicant's own form and the reviewer's order page
# (the phone page: a link can be forwarded).
PERSONAL_ROWS = {"姓名": mask_name, "证件号码": mask_cert}


def masked_row(row: dict) -> dict:
    masker = PERSONAL_ROWS.get(row.get("field"))
    if masker is None:
        return row
    typed, read = masker(row.get("typed") or ""), masker(row.get("read") or "")
    message = row.get("message", "") if row.get("ok") else msg.MISMATCH.format(field=row["field"], typed=typed, read=read)
    return {**row, "typed": typed, "read": read, "message": message}


def _norm(value) -> str:
    return normalise(str(value or "")).replace(" ", "").upper()


def _base(application: dict, owner: str) -> dict | None:
    if owner == "subject":
        return application.get("subject") or {}
    return person_record(application, owner)


def compare(*, kind: str, owner: str, fields: dict, application: dict) -> tuple[list[dict], dict]:
    """(rows, prefill): rows show typed vs read for each field; prefill maps (owner, key) -> value for
    blank application fields the document can fill."""
    targets = []
    if owner == "subject":
        targets.append(("subject", SUBJECT_FIELDS.get(kind, [])))
    else:
        targets.append((owner, PERSON_FIELDS.get(kind, [])))
        subject = application.get("subject") or {}
        if owner == "subject_principal" and subject.get("nature") == "individual":
            targets.append(("subject", SUBJECT_FIELDS.get(kind, [])))  # an individual's certificate is the ID
    rows, prefill = [], {}
    for target, specs in targets:
        base = _base(application, target) or {}
        for field, key, label in specs:
            read = fields.get(field)
            if not read:
                continue
            typed = base.get(key) or ""
            if not typed:
                prefill[(target, key)] = read
                rows.append({"field": label, "typed": "", "read": read, "ok": True, "message": msg.PREFILLED})
            elif _norm(typed) == _norm(read):
                rows.append({"field": label, "typed": typed, "read": read, "ok": True, "message": msg.MATCHES})
            else:
                rows.append({"field": label, "typed": typed, "read": read, "ok": False,
                             "message": msg.MISMATCH.format(field=label, typed=typed, read=read)})
    return rows, {f"{t}:{k}": v for (t, k), v in prefill.items()}


def prefill(*, order, values: dict, material) -> None:
    """Write OCR values into blank fields (the caller holds the order's row lock); audited."""
    from beian.filings.models import OrderEvent
    application = order.application
    for target_key, value in values.items():
        target, key = target_key.split(":", 1)
        base = application.setdefault("subject", {}) if target == "subject" else person_record(application, target)
        if base is not None and not base.get(key):
            base[key] = value
    order.application = application
    order.save(update_fields=["application"])
    OrderEvent.objects.create(order=order, at=timezone.now(), role="system", kind="prefill", reason=msg.PREFILL_EVENT,
                              payload={"material": material.pk, "fields": sorted(values)})
