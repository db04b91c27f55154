"""The precheck page's form: precheck.md's input as fields, built from the wizard's own field specs.

Field names are precheck.md paths, as in the wizard, so each finding lands next to its field. Only
the access fields (which the wizard takes from 产品验证 instead) and the website count are defined here.
"""

import copy
import re

from beian.filings import checks
from beian.products.models import Instance
from beian.web import messages as msg
from beian.wizard import fields
from beian.wizard.fields import Field

MAX_WEBSITES = 10  # one order rarely carries more; a bound keeps a hostile POST from building thousands
KEEP = 10_000  # a value refused by its field is shown back as typed, up to this length


def basic_fields() -> list[Field]:
    # The domain is asked for with each website below, not twice.
    return [f for f in fields.basic_fields() if not f.name.startswith("websites[")]


def access_fields(i: int) -> list[Field]:
    p = f"websites[{i}].access"
    return [
        Field(f"{p}.product", "云服务类型", "select", "", list(Instance.PRODUCT_CHOICES)),
        Field(f"{p}.ip", "接入IP地址", help="网站所在中国内地服务器的公网IP。", maxlength=45),
        Field(f"{p}.service_number", "或备案服务号", help="服务器不在本人账号下时，由服务器所属账号申请。", maxlength=64),
    ]


def website_principal_fields(i: int) -> list[Field]:
    return fields.principal_fields(f"websites[{i}].principal", individual=False)


def website_count(post) -> int:
    raw = (post.get("website_count") or "1").strip()
    return min(max(int(raw), 1), MAX_WEBSITES) if raw.isdigit() and len(raw) < 4 else 1


def _shift(errors: dict[str, str], removed: int) -> dict[str, str]:
    """Errors of the websites after a removed one move up with them."""
    out = {}
    for key, value in errors.items():
        m = re.match(r"websites\[(\d+)\](.*)", key)
        if m and int(m.group(1)) == removed:
            continue
        if m and int(m.group(1)) > removed:
            key = f"websites[{int(m.group(1)) - 1}]{m.group(2)}"
        out[key] = value
    return out


_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def _printable(post):
    """The POST without control characters: none belongs in an application, and PostgreSQL refuses NUL."""
    clean = post.copy()
    for key in clean:
        clean.setlist(key, [_CONTROL.sub("", v) for v in post.getlist(key)])
    return clean


def read(post) -> tuple[dict, dict[str, str], dict[str, str], str]:
    """(application, {path: error}, {path: value as typed} for refused values, action) from the POST."""
    post = _printable(post)
    application = checks.blank_application()
    count = website_count(post)
    application["websites"] = [checks.blank_website("") for _ in range(count)]
    errors = fields.read_post(post, basic_fields(), application)
    individual = application["subject"].get("nature") == "individual"
    errors.update(fields.read_post(post, fields.subject_fields(individual=individual), application))
    for i in range(count):
        errors.update(fields.read_post(post, fields.website_fields(i) + access_fields(i), application))
        if individual or post.get(f"websites[{i}].reuse", "1") == "1":
            application["websites"][i]["principal"] = None
        else:
            application["websites"][i]["principal"] = copy.deepcopy(checks.blank_application()["subject"]["principal"])
            errors.update(fields.read_post(post, website_principal_fields(i), application))
    typed = {name: post.get(name, "")[:KEEP] for name in errors}
    action = (post.get("action") or "check")[:20]
    if action == "add" and count < MAX_WEBSITES:
        application["websites"].append(checks.blank_website(""))
    elif action.startswith("remove:") and action[7:].isdigit() and count > 1 and int(action[7:]) < count:
        removed = int(action[7:])
        application["websites"].pop(removed)
        errors, typed = _shift(errors, removed), _shift(typed, removed)
    fields.tidy(application)
    return application, errors, typed, action


def from_sample(text: str) -> dict:
    """The sample application as the form shows it (the form has no context or materials)."""
    import json

    application = json.loads(text)
    application.pop("context", None)
    application.pop("materials", None)
    return application


def _rows(field_list, application, errors, typed, findings, used):
    rows = []
    for f in field_list:
        used.add(f.name)
        value = typed[f.name] if f.name in typed else fields.get_path(application, f.name, [] if f.kind == "multi" else "")
        found = findings.get(f.name, [])
        rows.append({"f": f, "value": value,
                     "errors": ([errors[f.name]] if f.name in errors else [])
                     + [x["message"] for x in found if x["severity"] == "error"],
                     "warnings": [x["message"] for x in found if x["severity"] == "warning"],
                     "input": fields.input_hints(f, application)})
    return rows


def _section_of(path: str, count: int) -> str:
    """Where a finding whose path is not one field is shown: the block it is about."""
    m = re.match(r"websites\[(\d+)\](\.access|\.principal)?", path)
    if m and int(m.group(1)) < count:
        return f"websites[{m.group(1)}]{m.group(2) or ''}"
    if path == "websites" or path.startswith("websites"):
        return "websites"
    if path.startswith("subject.principal"):
        return "principal"
    if path.startswith(("region", "requested_type", "subject")):
        return "basic"
    return "general"


def layout(application: dict, *, errors=None, typed=None, result=None) -> dict:
    """Sections of the form with their rows, and the findings that belong to a block rather than a field."""
    errors, typed = errors or {}, typed or {}
    findings = checks.by_path(result["findings"]) if result else {}
    individual = (application.get("subject") or {}).get("nature") == "individual"
    websites = application.get("websites") or []
    used: set[str] = set()
    subject = fields.subject_fields(individual=individual)
    ctx = {
        "individual": individual,
        "basic": _rows(basic_fields(), application, errors, typed, findings, used),
        "subject": _rows([f for f in subject if not f.name.startswith("subject.principal")], application, errors, typed,
                         findings, used),
        "principal": _rows([f for f in subject if f.name.startswith("subject.principal")], application, errors, typed,
                           findings, used),
        "websites": [],
    }
    for i, website in enumerate(websites):
        ctx["websites"].append({
            "i": i, "reuse": website.get("principal") is None,
            "rows": _rows(fields.website_fields(i), application, errors, typed, findings, used),
            "access": _rows(access_fields(i), application, errors, typed, findings, used),
            "principal": _rows(website_principal_fields(i), application, errors, typed, findings, used),
        })
    blocks: dict[str, list[dict]] = {}
    for path, items in findings.items():
        if path not in used:
            blocks.setdefault(_section_of(path, len(websites)), []).extend(items)
    for site in ctx["websites"]:
        site["messages"] = blocks.get(f"websites[{site['i']}]", [])
        site["access_messages"] = blocks.get(f"websites[{site['i']}].access", [])
        site["principal_messages"] = blocks.get(f"websites[{site['i']}].principal", [])
    ctx.update(basic_messages=blocks.get("basic", []), principal_messages=blocks.get("principal", []),
               websites_messages=blocks.get("websites", []), general_messages=blocks.get("general", []),
               count=len(websites), can_add=len(websites) < MAX_WEBSITES, max_websites=MAX_WEBSITES,
               add_label=msg.ADD_WEBSITE, limit_note=msg.WEBSITE_LIMIT.format(limit=MAX_WEBSITES))
    return ctx
