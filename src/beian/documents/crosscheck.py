"""What the document says against what the applicant typed, field by field, and prefilling blanks.

A row's `state` (its stable code) is one of:
  matches    read with confidence, the same as typed
  prefilled  read with confidence, the field was blank and now holds the reading
  differs    read with confidence, not what was typed: the applicant must correct one or the other
  unread     not read, or read below the confidence threshold: "未能识别，请核对", never a mismatch and never
             prefilled (a wrong read is worse than none)
`ok` is False only for `differs` (rows stored before states existed have `ok` alone).
"""

from __future__ import annotations

from django.conf import settings
from django.utils import timezone

from beian.documents import messages as msg
from beian.documents.fields import MIN_CONFIDENCE
from beian.documents.ocr import normalise
from beian.filings.checks import person_record
from beian.pii.mask import mask_cert, mask_name

# (document field, application path relative to the person or subject, label)
PERSON_FIELDS = {"resident_id_front": [("name", "name", "姓名"), ("cert_number", "cert_number", "证件号码")],
                 "resident_id_back": [("valid_until", "cert_valid_until", "证件有效期至")]}
SUBJECT_FIELDS = {"business_license": [("name", "name", "单位名称"), ("cert_number", "cert_number", "统一社会信用代码"),
                                       ("address", "cert_address", "证件住所")],
                  "resident_id_front": [("address", "cert_address", "证件住所")]}


MATCHES, PREFILLED, DIFFERS, UNREAD = "matches", "prefilled", "differs", "unread"


def min_confidence() -> float:
    """The threshold below which a reading is "could not read" (settings.OCR_MIN_CONFIDENCE, else measured)."""
    configured = getattr(settings, "OCR_MIN_CONFIDENCE", None)
    return MIN_CONFIDENCE if configured is None else float(configured)


def row_state(row: dict) -> str:
    """The row's state, also for rows stored before states existed."""
    return row.get("state") or (MATCHES if row.get("ok") else DIFFERS)


# What a person's readings show on pages outside the applicant's own form and the reviewer's order page
# (the phone page: a link can be forwarded).
PERSONAL_ROWS = {"姓名": mask_name, "证件号码": mask_cert}


def masked_row(row: dict) -> dict:
    masker = PERSONAL_ROWS.get(row.get("field"))
    if masker is None:
        return row
    typed, read = masker(row.get("typed") or ""), masker(row.get("read") or "")
    message = msg.MISMATCH.format(field=row["field"], typed=typed, read=read) if row_state(row) == DIFFERS \
        else row.get("message", "")
    masked = {**row, "typed": typed, "read": read, "message": message}
    if row.get("guess"):
        masked["guess"] = masker(row["guess"])
    return masked


def _norm(value) -> str:
    return normalise(str(value or "")).replace(" ", "").upper()


def _base(application: dict, owner: str) -> dict | None:
    if owner == "subject":
        return application.get("subject") or {}
    return person_record(application, owner)


def _row(label: str, typed: str, read: str, state: str, message: str, **extra) -> dict:
    return {"field": label, "typed": typed, "read": read, "ok": state != DIFFERS, "state": state, "message": message,
            **extra}


def compare(*, kind: str, owner: str, fields: dict, application: dict, confidence: dict | None = None,
            threshold: float | None = None) -> tuple[list[dict], dict]:
    """(rows, prefill): rows show typed vs read for each field; prefill maps (owner, key) -> value for
    blank application fields the document can fill. With `confidence`, a field below the threshold (or not read
    while others were) gives an `unread` row; without it every reading counts as confident."""
    threshold = min_confidence() if threshold is None else threshold
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
            typed = base.get(key) or ""
            if not read or (confidence is not None and confidence.get(field, 0.0) < threshold):
                if confidence is not None and fields:  # nothing read at all: the issues say why
                    rows.append(_row(label, typed, "", UNREAD, msg.UNREAD_ROW.format(field=label), guess=read or ""))
                continue
            if not typed:
                prefill[(target, key)] = read
                rows.append(_row(label, "", read, PREFILLED, msg.PREFILLED))
            elif _norm(typed) == _norm(read):
                rows.append(_row(label, typed, read, MATCHES, msg.MATCHES))
            else:
                rows.append(_row(label, typed, read, DIFFERS, msg.MISMATCH.format(field=label, typed=typed, read=read)))
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
