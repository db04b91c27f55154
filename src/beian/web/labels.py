import re

from beian.rules.messages import FILING_TYPES, MATERIALS, SIDES
from beian.web.messages import FIELD_LABELS, FILING_TYPE_UNDECIDED, SPECIAL

_STEP = re.compile(r"([^.\[\]]+)|\[(\d+)\]")


def field_label(path: str) -> str:
    """`websites[1].principal.mobile` -> `网站2 · 网站负责人 · 手机号码`."""
    parts, generic = [], []
    for m in _STEP.finditer(path):
        if m.group(2) is not None:
            parts[-1] = f"{parts[-1]}{int(m.group(2)) + 1}"
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
