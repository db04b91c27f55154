"""The reviewer's view of an order's APPs (precheck.md "APP filing").

Per APP: its fields as console rows (name, content, languages, pre-approvals, remark, each domain, access,
its principal), and one row per platform whose cells (平台, 包名/Bundle ID, 公钥, 签名/指纹) are decided
field by field like any row, with whether the values typed agree with the signing file the applicant
uploaded (`from_file`, documents/appsign.py). Paths are precheck.md's: `apps[0].platforms[1].signature`.
Nothing here depends on the rules engine beyond the application's shape.
"""

from beian.documents.appsign import compare, file_size, normalise_hex
from beian.review import messages as msg
from beian.review import reasons
from beian.wizard.fields import CONTENT_CHOICES, LANGUAGES, PRE_APPROVAL_CATEGORIES, Field, principal_fields

SIGNATURE_FIELDS = {32: "md5", 40: "sha1", 64: "sha256"}  # typed fingerprint length -> from_file key
DEFAULT_FINGERPRINT = {"android": "md5", "ios": "sha1"}  # what a platform's signature holds (precheck.md)
KEY_ENDS = 12  # hex digits kept at each end of a shortened public key


def apps_of(application: dict) -> list[dict]:
    """The application's APPs; anything that is not an APP object reads as an empty one (never an error)."""
    apps = (application or {}).get("apps") or []
    return [a if isinstance(a, dict) else {} for a in apps] if isinstance(apps, list) else []


def app_title(i: int, app: dict) -> str:
    name = str(app.get("name") or "").strip()
    return msg.FIELD_GROUP_APP.format(n=i + 1) + (f"：{name}" if name else "")


def _items(value) -> list:
    return value if isinstance(value, list) else []


def specs(i: int, app: dict) -> list[Field]:
    """The APP's own field rows (its platforms are rows of their own: platform_rows)."""
    p = f"apps[{i}]"
    out = [
        Field(f"{p}.name", msg.APP_LABELS["name"]),
        Field(f"{p}.content", msg.APP_LABELS["content"], "select", choices=CONTENT_CHOICES),
        Field(f"{p}.languages", msg.APP_LABELS["languages"], "multi", choices=LANGUAGES),
        Field(f"{p}.platforms", msg.APP_LABELS["platforms"]),
    ]
    for k in range(max(1, len(_items(app.get("pre_approvals"))))):
        n = "" if k == 0 else str(k + 1)
        out += [Field(f"{p}.pre_approvals[{k}].category", msg.APP_LABELS["pre_approval_category"] + n, "select",
                      choices=PRE_APPROVAL_CATEGORIES),
                Field(f"{p}.pre_approvals[{k}].number", msg.APP_LABELS["pre_approval_number"] + n),
                Field(f"{p}.pre_approvals[{k}].issuer", msg.APP_LABELS["pre_approval_issuer"] + n)]
    out.append(Field(f"{p}.remark", msg.APP_LABELS["remark"]))
    domains = _items(app.get("domains"))
    out += ([Field(f"{p}.domains[{k}]", msg.APP_LABELS["domain"].format(n=k + 1)) for k in range(len(domains))]
            or [Field(f"{p}.domains", msg.APP_LABELS["domains"])])
    out.append(Field(f"{p}.access", msg.APP_LABELS["access"]))
    if isinstance(app.get("principal"), dict):
        for f in principal_fields(f"{p}.principal", individual=False):
            out.append(Field(f.name, f"{msg.APP_PRINCIPAL} · {f.label}", f.kind, choices=f.choices))
    else:
        out.append(Field(f"{p}.principal", msg.APP_PRINCIPAL))
    return out


def display(path: str, value) -> str | None:
    """The text of the rows whose value is not a plain field (None: the console's usual display)."""
    leaf = path.rsplit(".", 1)[-1]
    if leaf == "platforms":
        rows = [r for r in _items(value) if isinstance(r, dict)]
        return msg.APP_PLATFORM_COUNT.format(n=len(rows), names="、".join(platform_label(r.get("platform")) for r in rows))
    if leaf == "access":
        return access_text(value)
    if leaf == "principal" and not isinstance(value, dict):
        return msg.APP_PRINCIPAL_SAME
    if leaf == "domains" and not _items(value):
        return msg.APP_NO_DOMAINS
    return None


def access_text(access) -> str:
    if not isinstance(access, dict) or not any(access.values()):
        return ""
    product = msg.ACCESS_PRODUCTS.get(access.get("product"), access.get("product") or "")
    parts = [str(product)] if product else []
    for key in ("instance_id", "ip", "service_number"):
        if access.get(key):
            parts.append(f"{msg.ACCESS_PARTS[key]} {access[key]}")
    return " · ".join(parts)


def platform_label(code) -> str:
    return msg.PLATFORMS.get(code, str(code or "") or msg.PLATFORM_UNKNOWN)


def fingerprint_key(platform: str, typed: str) -> str:
    """Which fingerprint of the file the typed signature is compared with (its length says, else the platform)."""
    return SIGNATURE_FIELDS.get(len(normalise_hex(typed))) or DEFAULT_FINGERPRINT.get(platform, "sha256")


def colon_pairs(value: str) -> str:
    """`9f1a…7c` / `9F:1A …` -> `9F:1A:…:7C`; a value that is not hex is shown as typed."""
    text = normalise_hex(value)
    if not text or len(text) % 2 or any(c not in "0123456789ABCDEF" for c in text):
        return str(value or "").strip()
    return ":".join(text[k:k + 2] for k in range(0, len(text), 2))


def shorten(value: str) -> str:
    text = "".join(str(value or "").split())
    return text if len(text) <= 2 * KEY_ENDS + 3 else f"{text[:KEY_ENDS]}…{text[-KEY_ENDS:]}"


def _cell(path: str, label: str, value: str, *, full: str = "", note: str = "", plain: bool = False) -> dict:
    """A platform value the reviewer decides on its own; `note` names what it is (Bundle ID, 证书SHA-1指纹);
    identifiers show in a fixed-width font, the platform's name as text (`plain`)."""
    return {"path": path, "label": label, "value": value, "full": full, "note": note, "plain": plain, "cell": True,
            "reasons": reasons.for_path(path)}


def platform_rows(i: int, app: dict) -> list[dict]:
    """One row per platform: its four cells (each a decidable field) and the check against the uploaded file."""
    out = []
    for j, row in enumerate(_items(app.get("platforms"))):
        row = row if isinstance(row, dict) else {}
        base = f"apps[{i}].platforms[{j}]"
        code = str(row.get("platform") or "")
        name = platform_label(code)
        key, signature = str(row.get("public_key") or ""), str(row.get("signature") or "")
        sig_label = msg.SIGNATURE_LABELS.get(fingerprint_key(code, signature), msg.SIGNATURE_LABELS["sha256"])
        package_label = msg.PACKAGE_LABELS.get(code, msg.PACKAGE_LABELS["other"])
        cells = {
            "platform": _cell(f"{base}.platform", f"{name} · {msg.APP_LABELS['platform']}", name, plain=True),
            "package_name": _cell(f"{base}.package_name", f"{name} · {package_label}",
                                  str(row.get("package_name") or "").strip(), note=package_label),
            "public_key": _cell(f"{base}.public_key", f"{name} · {msg.APP_LABELS['public_key']}", shorten(key),
                                full="".join(key.split())),
            "signature": _cell(f"{base}.signature", f"{name} · {sig_label}", colon_pairs(signature), note=sig_label),
        }
        out.append({"path": base, "platform": name, "code": code, "cells": list(cells.values()), "by_key": cells,
                    "check": file_check(row, cells)})
    return out


def file_check(row: dict, cells: dict | None = None) -> dict:
    """Whether the typed values agree with the uploaded signing file: state `match` / `mismatch` / `none`, and for
    a mismatch each differing field with the value typed and the value read from the file."""
    found = row.get("from_file")
    if not isinstance(found, dict):
        return {"state": "none", "text": msg.CHECK_NONE, "differs": [], "file": ""}
    differs = []
    for field in compare(row):
        if field == "signature":
            typed = colon_pairs(row.get("signature") or "")
            read = colon_pairs(found.get(fingerprint_key(str(row.get("platform") or ""), row.get("signature") or "")) or "")
        elif field == "public_key":
            typed, read = shorten(row.get("public_key") or ""), shorten(found.get("public_key") or "")
        else:
            typed, read = str(row.get(field) or "").strip(), str(found.get(field) or "")
        differs.append({"field": field, "label": msg.CHECK_FIELDS[field], "typed": typed or msg.EMPTY, "read": read or msg.EMPTY})
        if cells and field in cells:
            cells[field]["mismatch"] = True
            cells[field]["read"] = read or msg.EMPTY
    size = found.get("size")
    file = msg.CHECK_FILE.format(name=found.get("filename") or "—",
                                 size=file_size(int(size)) if str(size or "").isdigit() else "—",
                                 sha=str(found.get("sha256_file") or "")[:12] or "—")
    return {"state": "mismatch" if differs else "match", "text": msg.CHECK_MISMATCH if differs else msg.CHECK_MATCH,
            "differs": differs, "file": file}


def title(path: str, application: dict) -> str | None:
    """`apps[0].platforms[1].signature` -> `APP1：示例商城 · iOS · 证书SHA-1指纹` (None: not an APP path)."""
    if not path.startswith("apps["):
        return None
    try:
        i = int(path[len("apps["):].split("]", 1)[0])
        app = apps_of(application)[i]
    except (ValueError, IndexError):
        return None
    for row in platform_rows(i, app):
        for cell in row["cells"]:
            if cell["path"] == path:
                return f"{app_title(i, app)} · {cell['label']}"
    spec = next((s for s in specs(i, app) if s.name == path), None)
    return f"{app_title(i, app)} · {spec.label}" if spec else None


def counts(application: dict) -> str:
    """The queue's "2 网站 · 1 APP"."""
    websites = (application or {}).get("websites")
    parts = []
    if isinstance(websites, list) and websites:
        parts.append(msg.COUNT_WEBSITES.format(n=len(websites)))
    if apps_of(application):
        parts.append(msg.COUNT_APPS.format(n=len(apps_of(application))))
    return " · ".join(parts)
