import functools
import re

from beian.rules.messages import FILING_TYPES, MATERIALS, SIDES
from beian.web.messages import FIELD_LABELS, FILING_TYPE_UNDECIDED, SPECIAL

# An index is a few ASCII digits: a path can quote a key someone typed (context.domains['x[999…]']).
_STEP = re.compile(r"([^.\[\]]+)|\[([0-9]{1,6})\]")


def field_label(path: str) -> str:
    """`websites[1].principal.mobile` -> `网站2 · 网站负责人 · 手机号码`."""
    parts, generic = [], []
    for m in _STEP.finditer(path):
        if m.group(2) is not None:
            if not parts:  # a path that starts with an index: the body itself is a list
                parts.append(f"[{m.group(2)}]")
                generic.append("")
            parts[-1] = f"{parts[-1]}{int(m.group(2)) + 1}" if generic[-1] else parts[-1]
            generic[-1] += "[]"
            continue
        key = m.group(1)
        generic.append(key)
        joined = ".".join(generic)
        if joined in SPECIAL:
            if parts and generic[:-1] and ".".join(generic[:-1]) in ("subject",):
                parts.pop()
            parts.append(SPECIAL[joined])
        else:
            parts.append(FIELD_LABELS.get(key, key))
    return " · ".join(parts)


def filing_type_label(value: str | None) -> str:
    return FILING_TYPES.get(value, FILING_TYPE_UNDECIDED) if value else FILING_TYPE_UNDECIDED


def material_label(item: dict) -> str:
    return MATERIALS[item["kind"]] + SIDES.get(item.get("side"), "")


_WEBSITE_PERSON = re.compile(r"websites\[(\d+)\]\.principal")
_APP_PERSON = re.compile(r"apps\[(\d+)\]\.principal")


@functools.cache
def _tables() -> dict[str, dict[str, str]]:
    # Imported here: the catalogues live in apps that themselves import this module.
    from beian.documents.messages import KIND_LABELS as OCR_KINDS
    from beian.documents.messages import ROW_STATES
    from beian.filings import states
    from beian.filings.models import KIND_LABELS
    from beian.review import messages as review
    from beian.review.reasons import REASONS
    from beian.rules.messages import CERT_TYPES, NATURES
    from beian.verification import messages as verification

    return {
        "filing_type": {**FILING_TYPES, **KIND_LABELS}, "nature": NATURES, "cert_type": CERT_TYPES,
        "state": states.INTERNAL_LABELS, "public_state": states.PUBLIC_LABELS, "role": review.ROLES,
        "event": review.EVENT_KINDS, "severity": review.SEVERITIES, "verdict": review.VERDICTS,
        "manual_outcome": review.MANUAL_OUTCOMES, "reason": {code: text for code, (text, _fix) in REASONS.items()},
        "supplement_kind": review.SUPPLEMENT_KINDS, "call_outcome": review.CALL_OUTCOMES, "side": review.SIDES,
        "via": review.VIA, "material": {**MATERIALS, "principal_id": "负责人证件"}, "ocr_kind": OCR_KINDS,
        "face_status": verification.FACE_STATUS, "face_code": verification.FACE_CODES,
        "liveness": verification.LIVENESS_CODES, "registry": verification.REGISTRY_STATUS,
        "face_found_by": verification.FACE_FOUND_BY,
        "crosscheck": ROW_STATES,
    }


def label(value, kind: str) -> str:
    """The Chinese label of a stored code (`kind` names the code list: "cert_type", "state", "face_code", …).

    Pages show this, never the code itself; a value that is not a known code (free text) is shown as it is.
    """
    if value is None or value == "":
        return ""
    value = str(value)
    if kind == "person":
        from beian.review import messages as review

        match = _WEBSITE_PERSON.fullmatch(value)
        if match:
            return review.WEBSITE_PERSON.format(n=int(match.group(1)) + 1)
        match = _APP_PERSON.fullmatch(value)
        return review.APP_PERSON.format(n=int(match.group(1)) + 1) if match else review.PERSONS.get(value, value)
    return _tables()[kind].get(value, value)
