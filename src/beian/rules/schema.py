"""Validates that the input is an application (precheck.md "Input"); otherwise ApplicationError.

Wrong types and unknown enum values are input errors (exit 2). Missing optional strings are "not
given" and left to the rules (e.g. an absent cert_address is CERT_ADDRESS_REQUIRED, not an error).
"""

import datetime as dt
import re

from beian.rules import messages as msg

NATURES = frozenset(msg.NATURES)
CERT_TYPES = frozenset(msg.CERT_TYPES)
FILING_TYPES = frozenset(msg.FILING_TYPES)
MATERIAL_KINDS = frozenset(msg.MATERIALS)
SIDES = frozenset({"front", "back"})
FILED_WITH = frozenset({"self", "other"})
PLATFORMS = frozenset(msg.PLATFORMS)  # an APP's platform rows (precheck.md "APP filing")
REGISTRY_STATUSES = frozenset({"存续", "在业", "迁入", "迁出", "停业", "注销", "吊销"})
MAX_MATERIAL_NUMBER = 10**15  # bytes, width, height: far above any image, and exact as a float


class ApplicationError(ValueError):
    """The input is not an application; `path` names the bad field (e.g. `subject.nature`)."""

    def __init__(self, path: str, message: str):
        super().__init__(f"{path}: {message}")
        self.path = path
        self.message = message


_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f]")


def _shown(value) -> str:
    """A value as quoted in a message: control characters escaped (the CLI prints it to a terminal), short."""
    text = _CONTROL.sub(lambda m: f"\\u{ord(m.group()):04x}", str(value))
    return text if len(text) <= 80 else text[:80] + "…"


def _fail(path: str, key: str, **fmt) -> None:
    raise ApplicationError(path, msg.INPUT[key].format(**fmt))


def _obj(value, path: str) -> dict:
    if not isinstance(value, dict):
        _fail(path, "not_object")
    return value


def _opt_str(obj: dict, key: str, path: str) -> None:
    value = obj.get(key)
    if value is not None and not isinstance(value, str):
        _fail(f"{path}.{key}", "not_string")


def _opt_bool(obj: dict, key: str, path: str) -> None:
    value = obj.get(key)
    if value is not None and not isinstance(value, bool):
        _fail(f"{path}.{key}", "not_bool")


def _join(path: str, key: str) -> str:
    return key if path == "$" else f"{path}.{key}"


def _enum(obj: dict, key: str, path: str, choices: frozenset, *, required: bool, nullable: bool = False) -> None:
    if key not in obj:
        if required:
            _fail(_join(path, key), "required")
        return
    value = obj[key]
    if value is None and nullable:
        return
    if not isinstance(value, str) or value not in choices:
        _fail(_join(path, key), "enum", value=_shown(value), choices="、".join(sorted(choices)))


def _str_list(obj: dict, key: str, path: str) -> None:
    value = obj.get(key)
    if value is None:
        return
    if not isinstance(value, list):
        _fail(f"{path}.{key}", "not_list")
    for i, item in enumerate(value):
        if not isinstance(item, str):
            _fail(f"{path}.{key}[{i}]", "not_string")


def parse_date(value: str, path: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except (TypeError, ValueError):
        _fail(path, "not_date")


def _opt_date(obj: dict, key: str, path: str) -> None:
    """An optional date YYYY-MM-DD: null and "" are "not given", anything else must parse."""
    value = obj.get(key)
    if value is None:
        return
    if not isinstance(value, str):
        _fail(f"{path}.{key}", "not_date")
    if value.strip():
        parse_date(value.strip(), f"{path}.{key}")


def _principal(value, path: str, content_choices: frozenset | None = None) -> None:
    p = _obj(value, path)
    _enum(p, "cert_type", path, CERT_TYPES, required=True)
    for key in ("name", "cert_number", "mobile", "contact2", "emergency_mobile", "email"):
        _opt_str(p, key, path)
    until = p.get("cert_valid_until")
    if until is not None:
        if not isinstance(until, str):
            _fail(f"{path}.cert_valid_until", "not_string")
        if until.strip() and until.strip() != "长期":
            parse_date(until.strip(), f"{path}.cert_valid_until")


def _service(w: dict, path: str, contents: frozenset) -> None:
    """The fields a website and an APP share (precheck.md "APP filing": content, languages, pre-approvals,
    access and principal work as for websites)."""
    _opt_str(w, "remark", path)
    _str_list(w, "domains", path)
    _str_list(w, "languages", path)
    _enum(w, "content", path, contents, required=False, nullable=True)
    approvals = w.get("pre_approvals")
    if approvals is not None:
        if not isinstance(approvals, list):
            _fail(f"{path}.pre_approvals", "not_list")
        for i, entry in enumerate(approvals):
            entry_path = f"{path}.pre_approvals[{i}]"
            _obj(entry, entry_path)
            for key in ("category", "number", "issuer"):
                _opt_str(entry, key, entry_path)
    access = w.get("access")
    if access is not None:
        _obj(access, f"{path}.access")
        for key in ("product", "instance_id", "ip", "service_number"):
            _opt_str(access, key, f"{path}.access")
    if w.get("principal") is not None:
        _principal(w["principal"], f"{path}.principal")


def _website(value, path: str, contents: frozenset) -> None:
    w = _obj(value, path)
    for key in ("name", "service_type"):
        _opt_str(w, key, path)
    _service(w, path, contents)


def _app(value, path: str, contents: frozenset) -> None:
    a = _obj(value, path)
    _opt_str(a, "name", path)
    _service(a, path, contents)
    platforms = a.get("platforms")
    if platforms is not None:
        if not isinstance(platforms, list):
            _fail(f"{path}.platforms", "not_list")
        for j, row in enumerate(platforms):
            row_path = f"{path}.platforms[{j}]"
            _obj(row, row_path)
            _enum(row, "platform", row_path, PLATFORMS, required=True)
            for key in ("package_name", "public_key", "signature"):
                _opt_str(row, key, row_path)
            # `from_file` (what an uploaded APK / certificate says, documents/appsign.py) is the reviewer's:
            # accepted as it is and not read by the rules.


def _list(app: dict, key: str, item, contents: frozenset) -> list:
    value = app.get(key)
    if value is None:
        return []
    if not isinstance(value, list):
        _fail(key, "not_list")
    for i, entry in enumerate(value):
        item(entry, f"{key}[{i}]", contents)
    return value


_OWNER_PREFIXES = ("websites", "apps")


def _owner_index(owner: str, prefix: str, count: int) -> bool:
    """`owner` is `<prefix>[i].principal` with 0 <= i < count."""
    head, tail = f"{prefix}[", "].principal"
    if not (owner.startswith(head) and owner.endswith(tail)):
        return False
    index = owner[len(head):-len(tail)]
    # ASCII digits only ("²".isdigit() is true but int() refuses it) and short (int() of thousands of
    # digits is slow, then refused).
    return index.isascii() and index.isdigit() and len(index) <= 4 and int(index) < count


def _material(value, path: str, counts: dict[str, int]) -> None:
    m = _obj(value, path)
    _enum(m, "kind", path, MATERIAL_KINDS, required=True)
    owner = m.get("owner")
    if not isinstance(owner, str):
        _fail(f"{path}.owner", "required" if owner is None else "not_string")
    if owner not in ("subject", "subject_principal") and not any(
            _owner_index(owner, prefix, counts[prefix]) for prefix in _OWNER_PREFIXES):
        choices = ["subject", "subject_principal"] + [
            f"{prefix}[0..{max(counts[prefix] - 1, 0)}].principal"
            for prefix in _OWNER_PREFIXES if counts[prefix] or prefix == "websites"]
        _fail(f"{path}.owner", "enum", value=_shown(owner), choices="、".join(choices))
    _enum(m, "side", path, SIDES, required=False, nullable=True)
    _opt_str(m, "format", path)
    for key in ("bytes", "width", "height"):
        value = m.get(key)
        if value is not None and (isinstance(value, bool) or not isinstance(value, int)):
            _fail(f"{path}.{key}", "not_int")
        if value is not None and not 0 <= value <= MAX_MATERIAL_NUMBER:
            _fail(f"{path}.{key}", "int_range", max=f"{MAX_MATERIAL_NUMBER:,}")


def _context(value) -> None:
    ctx = _obj(value, "context")
    today = ctx.get("today")
    if today is not None:
        if not isinstance(today, str):
            _fail("context.today", "not_date")
        parse_date(today, "context.today")
    _enum(ctx, "subject_filed_with", "context", FILED_WITH, required=False, nullable=True)
    _opt_bool(ctx, "cert_order_in_progress", "context")
    domains = ctx.get("domains")
    if domains is not None:
        _obj(domains, "context.domains")
        for name, info in domains.items():
            path = f"context.domains[{name!r}]"
            _obj(info, path)
            _enum(info, "filed_with", path, FILED_WITH, required=False, nullable=True)
            _opt_str(info, "filed_subject_cert_number", path)
            _opt_str(info, "holder_name", path)
            _opt_bool(info, "order_in_progress", path)
            _opt_bool(info, "holder_verified", path)
            _opt_str(info, "holder_cert_number", path)
            _opt_bool(info, "registrar_approved", path)
            _opt_date(info, "expires", path)
    registry = ctx.get("business_registry")
    if registry is not None:
        _obj(registry, "context.business_registry")
        for key in ("name", "cert_number", "legal_representative"):
            _opt_str(registry, key, "context.business_registry")
        _enum(registry, "status", "context.business_registry", REGISTRY_STATUSES, required=False, nullable=True)


def validate(app, contents: frozenset) -> None:
    _obj(app, "$")
    region = app.get("region")
    if region is None:
        _fail("region", "required")
    _obj(region, "region")
    if not isinstance(region.get("province"), str):
        _fail("region.province", "required" if region.get("province") is None else "not_string")
    _opt_str(region, "city", "region")
    _opt_str(region, "district", "region")
    _enum(app, "requested_type", "$", FILING_TYPES, required=False, nullable=True)
    subject = app.get("subject")
    if subject is None:
        _fail("subject", "required")
    _obj(subject, "subject")
    _enum(subject, "nature", "subject", NATURES, required=True)
    _enum(subject, "cert_type", "subject", CERT_TYPES, required=True)
    for key in ("name", "cert_number", "cert_address", "mailing_address", "investor", "remark"):
        _opt_str(subject, key, "subject")
    if subject.get("principal") is None:
        _fail("subject.principal", "required")
    _principal(subject["principal"], "subject.principal")
    websites = _list(app, "websites", _website, contents)
    apps = _list(app, "apps", _app, contents)
    materials = app.get("materials")
    if materials is not None:
        if not isinstance(materials, list):
            _fail("materials", "not_list")
        counts = {"websites": len(websites), "apps": len(apps)}
        for i, material in enumerate(materials):
            _material(material, f"materials[{i}]", counts)
    if app.get("context") is not None:
        _context(app["context"])
