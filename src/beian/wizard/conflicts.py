"""Two tabs on one order: a step posted from a page older than the saved order is compared field by field
with what is saved. Where the values differ the person sees both and chooses per field; nothing the
other tab saved is overwritten without that choice, and nothing typed is lost meanwhile.

Each step's form carries `base`: its fields' values as saved at the version it shows. With it the
comparison is three-way: a field only the other tab changed takes the saved value (the person typed
nothing there), a field only this page changed keeps what was typed, and only a field both changed to
different values is a conflict. Without a usable `base` every differing field is a conflict.

A conflict is keyed by the field's precheck.md path. The POST of the conflict page carries one hidden
`conflicts` entry per field and a `conflict:<path>` radio (`mine` or `saved`).
"""

import copy
import json

from beian.rules import safejson
from beian.wizard.fields import Field, steps_of

MINE, SAVED = "mine", "saved"
# Whole-value pseudo fields: the website principal (复用 or one's own) and a website's access.
PRINCIPAL, ACCESS = "principal", "access"
LINES = "lines"  # a list typed one value a line (an APP's domains, app_fields.py)
EMPTY = "（未填写）"


def raw(data, path: str):
    """The value at `path`, None when absent (fields.get_path turns None into a default)."""
    node = data
    for step in steps_of(path):
        try:
            node = node[step]
        except (KeyError, IndexError, TypeError):
            return None
    return node


def _comparable(spec: Field, value):
    if spec.kind == PRINCIPAL:
        return value is None
    if spec.kind == ACCESS:
        value = value if isinstance(value, dict) else {}
        return (value.get("instance_id") or "", value.get("service_number") or "")
    if spec.kind == "multi":
        return sorted(str(v) for v in value) if isinstance(value, list) else []
    if spec.kind == LINES:
        return [str(v) for v in value] if isinstance(value, list) else []
    return "" if value is None else str(value).strip()


def display(spec: Field, value) -> str:
    """The value as the person knows it: a choice's label, not its code."""
    if spec.kind == PRINCIPAL:
        return "复用主体负责人" if value is None else f"不复用：{(value or {}).get('name') or EMPTY}"
    if spec.kind == ACCESS:
        value = value if isinstance(value, dict) else {}
        if value.get("service_number"):
            return f"备案服务号 {value['service_number']}"
        if value.get("instance_id"):
            return f"{value.get('ip') or ''}（{value['instance_id']}）".strip()
        return "未选择"
    labels = dict(spec.choices)
    if spec.kind in ("multi", LINES):
        return "、".join(str(labels.get(v, v)) for v in value) if isinstance(value, list) and value else EMPTY
    if value is None or str(value).strip() == "":
        return EMPTY
    return str(labels.get(value, value)) if spec.kind == "select" else str(value)


def snapshot(specs: list[Field], application: dict) -> str:
    """The `base` a form carries: its fields' values as saved now."""
    return json.dumps({spec.name: raw(application, spec.name) for spec in specs}, ensure_ascii=False,
                      separators=(",", ":"))


def read_base(post) -> dict | None:
    text = post.get("base", "")
    if not text:
        return None
    try:  # a hidden field a person can edit: "[" × 100,000 must not reach the recursive decoder
        base = safejson.loads(text, max_bytes=200_000)
    except safejson.JsonProblem:
        return None
    return base if isinstance(base, dict) else None


def detect(specs: list[Field], mine: dict, saved: dict, base: dict | None = None) -> tuple[dict[str, dict], list[str]]:
    """({path: conflict}, [labels of fields taken from the saved order]) for a page older than `saved`.

    Fields only the other tab changed are copied from `saved` into `mine` here.
    """
    from beian.wizard.fields import set_path

    out, merged = {}, []
    for spec in specs:
        if spec.readonly:
            continue
        a, b = raw(mine, spec.name), raw(saved, spec.name)
        if _comparable(spec, a) == _comparable(spec, b):
            continue
        if base is not None and spec.name in base:
            if _comparable(spec, a) == _comparable(spec, base[spec.name]):
                set_path(mine, spec.name, copy.deepcopy(b))
                merged.append(spec.label)
                continue
            if _comparable(spec, b) == _comparable(spec, base[spec.name]):
                continue
        out[spec.name] = {"name": spec.name, "label": spec.label, "mine": display(spec, a), "saved": display(spec, b)}
    return out, merged


def resolve(post, specs: list[Field], application: dict, saved: dict) -> list[str]:
    """Apply the choices of a conflict page to the step's own fields: `saved` takes the saved value back,
    `mine` keeps what the form holds. Returns the paths still waiting for a choice."""
    from beian.wizard.fields import set_path

    known = {spec.name for spec in specs if not spec.readonly}
    pending = []
    for path in dict.fromkeys(post.getlist("conflicts")):
        if path not in known:
            continue  # a field of a website the other tab removed, or not a field at all
        choice = post.get(f"conflict:{path}")
        if choice == SAVED:
            set_path(application, path, copy.deepcopy(raw(saved, path)))
        elif choice != MINE:
            pending.append(path)
    return pending
