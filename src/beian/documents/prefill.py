"""The form filled from the documents, for the filing that starts with the camera (拍照识别证件，自动填写).

Seed 002 (智能证件识别): "智能识别用户上传证件照片中的信息，提取有效信息自动进行信息预填（如您上传的是身份证，预填的信息
包含身份证号码、姓名、地址等）". documents/crosscheck.py already fills a blank field the reading is sure of, for the
fields a cross-check compares; an order started from photos (order.meta["photo_first"]) is filled further here:
an individual's subject from the ID card (name, number, 证件住所), an enterprise's 法定代表人 from the licence as the
subject principal and 投资人, each principal's ID validity from the back.

Each field the documents speak about gets a mark in order.meta["ocr_fields"] {path: {"state", "digest", "material"}}:
  read    filled (or already equal) from a reading at or above the confidence threshold: the page says
          「由证件识别，可修改」 as long as the field still holds that value (a keyed digest, never the value: meta is
          not sealed like the application)
  unsure  read below the threshold, or not read: the field is left empty and flagged for the person
Only blank fields are ever written, and nothing the person typed is replaced.
"""

from __future__ import annotations

import re

from django.utils import timezone
from django.utils.crypto import salted_hmac

from beian.documents import messages as msg
from beian.documents.ocr import normalise

READ, UNSURE = "read", "unsure"
META_KEY = "ocr_fields"
_STEP = re.compile(r"([^.\[\]]+)|\[(\d+)\]")


def _steps(path: str) -> list:
    return [m.group(1) if m.group(1) is not None else int(m.group(2)) for m in _STEP.finditer(path)]


def get_path(data, path: str) -> str:
    """The value at a precheck.md path ("subject.principal.name", "websites[0].principal.name"), "" if absent.
    (The wizard has its own, richer reader; the domain may not import a screen's module.)"""
    node = data
    for step in _steps(path):
        try:
            node = node[step]
        except (KeyError, IndexError, TypeError):
            return ""
    return "" if node is None else node


def set_path(data: dict, path: str, value) -> None:
    """Set an existing record's field (targets() only names fields of records the application has)."""
    *parents, last = _steps(path)
    node = data
    for step in parents:
        if isinstance(step, str) and not isinstance(node.get(step), dict | list):
            node[step] = {}
        node = node[step]
    node[last] = value


def _person_path(owner: str, application: dict) -> str | None:
    """The application path of the principal a material belongs to (None: the material is not a person's, or the
    website reuses the subject principal and has no record of its own)."""
    if owner == "subject_principal":
        return "subject.principal"
    if owner.startswith("websites[") and owner.endswith("].principal"):
        try:
            website = (application.get("websites") or [])[int(owner[len("websites["):-len("].principal")])]
        except (ValueError, IndexError):
            return None
        return owner if isinstance(website, dict) and isinstance(website.get("principal"), dict) else None
    return None


def targets(kind: str, owner: str, application: dict) -> list[tuple[str, str]]:
    """(document field, application path) pairs a reading of `kind` for `owner` may fill."""
    subject = application.get("subject") or {}
    if kind == "business_license" and owner == "subject":
        return [("name", "subject.name"), ("cert_number", "subject.cert_number"), ("address", "subject.cert_address"),
                # The licence names the 法定代表人: the usual subject principal and the 投资人 the form asks for.
                ("legal_representative", "subject.principal.name"), ("legal_representative", "subject.investor")]
    person = _person_path(owner, application)
    if person is None:
        return []
    if kind == "resident_id_front":
        pairs = [("name", f"{person}.name"), ("cert_number", f"{person}.cert_number")]
        if owner == "subject_principal" and subject.get("nature") == "individual":
            # An individual's certificate is the ID card: it is the subject's name, number and 证件住所.
            pairs += [("name", "subject.name"), ("cert_number", "subject.cert_number"),
                      ("address", "subject.cert_address")]
        return pairs
    if kind == "resident_id_back":
        return [("valid_until", f"{person}.cert_valid_until")]
    return []


def _norm(value) -> str:
    return normalise(str(value or "")).replace(" ", "").upper()


def digest(value) -> str:
    return salted_hmac("beian.documents.prefill", _norm(value)).hexdigest()[:24]


def plan(*, kind: str, owner: str, fields: dict, confidence: dict, threshold: float,
         application: dict) -> tuple[dict, dict]:
    """(fill {path: value}, marks {path: mark}) for one reading. Pure: nothing is written."""
    fill, marks = {}, {}
    for field, path in targets(kind, owner, application):
        value, sure = fields.get(field), confidence.get(field, 0.0) >= threshold
        current = fill.get(path) or get_path(application, path)
        if value and sure:
            if not current:
                fill[path] = value
                marks[path] = {"state": READ, "digest": digest(value)}
            elif _norm(current) == _norm(value):
                marks[path] = {"state": READ, "digest": digest(value)}
            # typed and different: the cross-check's 不一致 row says so, no mark
        elif not current:
            marks[path] = {"state": UNSURE}
    return fill, marks


def apply(*, order, kind: str, owner: str, reading: dict, threshold: float, material) -> dict:
    """Write a reading's plan into the order the caller holds locked (select_for_update); audited. Returns the marks.
    The version moves on, so a page opened before the reading merges instead of blanking what was filled."""
    from beian.filings.models import OrderEvent

    fill, marks = plan(kind=kind, owner=owner, fields=reading.get("fields") or {},
                       confidence=reading.get("confidence") or {}, threshold=threshold, application=order.application)
    if not fill and not marks:
        return {}
    application = order.application
    for path, value in fill.items():
        set_path(application, path, value)
    meta = dict(order.meta or {})
    meta[META_KEY] = {**meta.get(META_KEY, {}), **{p: {**m, "material": material.pk} for p, m in marks.items()}}
    order.application, order.meta = application, meta
    order.version += 1
    order.save(update_fields=["application", "meta", "version"])
    OrderEvent.objects.create(order=order, at=timezone.now(), role="system", kind="prefill", reason=msg.PREFILL_EVENT,
                              payload={"material": material.pk, "fields": sorted(fill),
                                       "unsure": sorted(p for p, m in marks.items() if m["state"] == UNSURE)})
    return marks


def field_marks(order, application: dict | None = None) -> dict[str, dict]:
    """{path: {"state", "text"}} for the wizard's fields: 「由证件识别，可修改」 while a field holds what was read,
    the flag while a field the documents could not read surely is still empty."""
    if order is None:
        return {}
    application = order.application if application is None else application
    shown = {}
    for path, mark in ((order.meta or {}).get(META_KEY) or {}).items():
        current = get_path(application, path)
        if mark.get("state") == READ and current and digest(current) == mark.get("digest"):
            shown[path] = {"state": READ, "text": msg.OCR_MARK_READ}
        elif mark.get("state") == UNSURE and not current:
            shown[path] = {"state": UNSURE, "text": msg.OCR_MARK_UNSURE}
    return shown
