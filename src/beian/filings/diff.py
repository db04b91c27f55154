"""What a change order (变更主体 / 变更网站 / 变更接入) changes, field by field, against the filed record.

`diff` is pure: the filed application (the subject as Filing.application holds it, with the filed websites the
order covers) and the order's application in, one entry per changed field out — path (the application's own
path, as findings use), group and label (Chinese, for people), before and after (display strings). The
applicant sees it at 信息确认 and on the progress page, the reviewer in the console (only what changed needs
review), and the ministry receives it with the submission. `masked` hides certificate numbers and phone
numbers for lists, logs and the order's meta (plain JSON, not sealed like the application).

Websites are paired with the filed ones as changes.py pairs them (a shared domain first), so a website whose
domains were partly removed is still compared with its own filed record. APPs (`apps`, precheck.md "APP filing")
likewise (changes.pair_apps): their fields, their principal, and their platforms — a platform added or removed
is one 平台 entry (before and after: each platform with its package name, 安卓 com.example.shop), a platform kept is compared field by
field (package name, public key, signing fingerprint; a fingerprint's colons, spaces and case are no change).
"""

from beian.documents.appsign import normalise_hex
from beian.filings import messages as msg
from beian.filings.changes import _pair, pair_apps
from beian.pii.mask import mask_cert, mask_mobile
from beian.rules.messages import CERT_TYPES, NATURES

SUBJECT_FIELDS = ("region.province", "region.city", "region.district", "subject.nature", "subject.cert_type",
                  "subject.name", "subject.cert_number", "subject.cert_address", "subject.mailing_address",
                  "subject.investor", "subject.remark")
PRINCIPAL_FIELDS = ("name", "cert_type", "cert_number", "cert_valid_until", "mobile", "contact2", "emergency_mobile",
                    "email")
WEBSITE_FIELDS = ("name", "domains", "content", "service_type", "languages", "pre_approvals", "remark",
                  "access.instance_id", "access.ip", "access.service_number")
# A principal's identity: a change of one of these is a new person (their ID photo and face check, decided
# in docs/decisions.md); a new mobile or email is the same person reached elsewhere.
APP_FIELDS = ("name", "domains", "content", "languages", "pre_approvals", "remark", "access.instance_id", "access.ip",
              "access.service_number")
PLATFORM_FIELDS = ("package_name", "public_key", "signature")
IDENTITY = ("name", "cert_type", "cert_number")
# What the subject's certificate shows: a change of one of these needs the new certificate.
CERTIFICATE = ("subject.cert_type", "subject.name", "subject.cert_number", "subject.cert_address")
_CERT_ENDINGS = (".cert_number",)
_PHONE_ENDINGS = (".mobile", ".emergency_mobile", ".contact2")


def _get(data, path: str):
    node = data
    for step in path.split("."):
        if not isinstance(node, dict):
            return None
        node = node.get(step)
    return node


def _text(path: str, value) -> str:
    """A value as people read it: choices by their Chinese name, lists joined, nothing as blank."""
    if value is None:
        return ""
    if isinstance(value, list):
        return "、".join(_text(path, v) for v in value if v not in (None, "", {}))
    if isinstance(value, dict):  # a pre-approval: 类别 号码 部门
        return " ".join(str(value[k]).strip() for k in ("category", "number", "issuer") if value.get(k))
    if path.endswith("nature"):
        return NATURES.get(value, str(value))
    if path.endswith("cert_type"):
        return CERT_TYPES.get(value, str(value))
    return str(value).strip()


def _compare(out: list, *, path: str, group: str, label: str, before, after) -> None:
    old, new = _text(path, before), _text(path, after)
    if path.endswith(".domains"):  # the same domains written differently are the same domains
        old, new = old.lower(), new.lower()
    if old != new:
        out.append({"path": path, "group": group, "label": label, "before": old, "after": new})


def _site(website: dict, index: int) -> str:
    domains = [d for d in (website.get("domains") or ()) if isinstance(d, str) and d.strip()]
    return domains[0].strip().lower() if domains else f"网站{index + 1}"


def diff(filed: dict, application: dict) -> list[dict]:
    """Every field the application changes against `filed` (both in the application shape; `filed["websites"]`
    the filed websites the order covers). Unchanged: []."""
    out: list[dict] = []
    for path in SUBJECT_FIELDS:
        _compare(out, path=path, group=msg.DIFF_GROUPS["subject"], label=msg.DIFF_LABELS[path],
                 before=_get(filed, path), after=_get(application, path))
    filed_principal = _get(filed, "subject.principal") or {}
    principal = _get(application, "subject.principal") or {}
    for key in PRINCIPAL_FIELDS:
        _compare(out, path=f"subject.principal.{key}", group=msg.DIFF_GROUPS["principal"],
                 label=msg.DIFF_LABELS[key], before=filed_principal.get(key), after=principal.get(key))
    filed_sites = list(filed.get("websites") or ())
    sites = list(application.get("websites") or ())
    pairs = _pair(filed_sites, sites)
    for i, website in enumerate(sites):
        before = filed_sites[pairs[i]] if i in pairs else {}
        group = msg.DIFF_GROUPS["website"].format(site=_site(before or website, i))
        for key in WEBSITE_FIELDS:
            _compare(out, path=f"websites[{i}].{key}", group=group, label=msg.DIFF_LABELS[f"website.{key}"],
                     before=_get(before, key), after=_get(website, key))
        _website_principal(out, i, before, website, filed_principal, principal,
                           msg.DIFF_GROUPS["website_principal"].format(site=_site(before or website, i)))
    filed_apps = [a for a in filed.get("apps") or () if isinstance(a, dict)]
    apps = [a for a in application.get("apps") or () if isinstance(a, dict)]
    app_pairs = pair_apps(filed_apps, apps)
    for i, app in enumerate(apps):
        before = filed_apps[app_pairs[i]] if i in app_pairs else {}
        name = _app(before or app, i)
        group = msg.DIFF_GROUPS["app"].format(app=name)
        for key in APP_FIELDS:
            _compare(out, path=f"apps[{i}].{key}", group=group, label=msg.DIFF_LABELS[f"app.{key}"],
                     before=_get(before, key), after=_get(app, key))
        _platforms(out, i, before, app, group)
        _website_principal(out, i, before, app, filed_principal, principal,
                           msg.DIFF_GROUPS["app_principal"].format(app=name), prefix="apps")
    return out


def _app(app: dict, index: int) -> str:
    return (app.get("name") or "").strip() or f"APP{index + 1}"


def _rows(app: dict) -> list[dict]:
    return [r for r in app.get("platforms") or () if isinstance(r, dict)]


def _platform_name(row: dict) -> str:
    platform = str(row.get("platform") or "")
    return msg.PLATFORM_NAMES.get(platform, platform)


def _row_text(row: dict) -> str:
    package = str(row.get("package_name") or "").strip()
    return f"{_platform_name(row)} {package}" if package else _platform_name(row)


def platforms_text(app) -> str:
    """An APP's platforms as people read them: 安卓 com.example.shop、iOS com.example.shop."""
    return "、".join(_row_text(r) for r in _rows(app if isinstance(app, dict) else {}))


def _pair_rows(old: list[dict], new: list[dict]) -> dict[int, int]:
    """Each new platform row's old one: the same platform and package name, else the same platform."""
    pairs: dict[int, int] = {}
    for same in (lambda a, b: (a.get("platform"), (a.get("package_name") or "").strip())
                 == (b.get("platform"), (b.get("package_name") or "").strip()),
                 lambda a, b: a.get("platform") == b.get("platform")):
        for j, row in enumerate(new):
            if j in pairs:
                continue
            for k, theirs in enumerate(old):
                if k not in pairs.values() and same(row, theirs):
                    pairs[j] = k
                    break
    return pairs


def _platforms(out: list, i: int, before: dict, app: dict, group: str) -> None:
    old, new = _rows(before), _rows(app)
    pairs = _pair_rows(old, new)
    if len(pairs) != len(new) or len(pairs) != len(old):  # a platform added or removed
        out.append({"path": f"apps[{i}].platforms", "group": group, "label": msg.DIFF_LABELS["app.platforms"],
                    "before": "、".join(_row_text(r) for r in old), "after": "、".join(_row_text(r) for r in new)})
    for j, row in enumerate(new):
        if j not in pairs:
            continue
        was = old[pairs[j]]
        for key in PLATFORM_FIELDS:
            a, b = str(was.get(key) or "").strip(), str(row.get(key) or "").strip()
            same = normalise_hex(a) == normalise_hex(b) if key in ("signature", "public_key") else a == b
            if not same:
                out.append({"path": f"apps[{i}].platforms[{j}].{key}", "group": group,
                            "label": msg.DIFF_LABELS[f"platform.{key}"].format(platform=_platform_name(row)),
                            "before": a, "after": b})


def _website_principal(out, i, before, website, filed_subject, subject, group, prefix="websites") -> None:
    """A website (or APP, `prefix` "apps") reusing the subject principal (principal: null) is compared only when
    one side has its own: a change of the subject principal is listed once, under 主体负责人."""
    old, new = before.get("principal"), website.get("principal")
    if not isinstance(old, dict) and not isinstance(new, dict):
        return
    if not isinstance(old, dict) or not isinstance(new, dict):
        _compare(out, path=f"{prefix}[{i}].principal", group=group, label=msg.DIFF_WEBSITE_PRINCIPAL,
                 before=old.get("name") if isinstance(old, dict) else msg.DIFF_SAME_AS_SUBJECT,
                 after=new.get("name") if isinstance(new, dict) else msg.DIFF_SAME_AS_SUBJECT)
    old, new = old if isinstance(old, dict) else filed_subject, new if isinstance(new, dict) else subject
    for key in PRINCIPAL_FIELDS:
        _compare(out, path=f"{prefix}[{i}].principal.{key}", group=group, label=msg.DIFF_LABELS[key],
                 before=old.get(key), after=new.get(key))


def changed_paths(entries: list[dict]) -> set[str]:
    return {e["path"] for e in entries}


def masked(entries: list[dict]) -> list[dict]:
    """The entries as lists and logs show them: certificate numbers and phone numbers masked."""
    out = []
    for entry in entries:
        path = entry["path"]
        hide = mask_cert if path.endswith(_CERT_ENDINGS) else mask_mobile if path.endswith(_PHONE_ENDINGS) else None
        out.append({**entry, **({"before": hide(entry["before"]) if entry["before"] else "",
                                 "after": hide(entry["after"]) if entry["after"] else ""} if hide else {})})
    return out


def _short(path: str, value: str) -> str:
    """A public key (hundreds of hex digits) as a page shows it: its head and tail."""
    return f"{value[:16]}…{value[-8:]}" if path.endswith(".public_key") and len(value) > 32 else value


def shown(entries: list[dict]) -> list[dict]:
    """For a page: a blank side says （空）, and entries keep their order (subject, principal, each website, each
    APP); an APP's public key is shortened (the full value goes to the reviewer's data and the ministry)."""
    return [{**e, "before_shown": _short(e["path"], e["before"]) or msg.DIFF_EMPTY,
             "after_shown": _short(e["path"], e["after"]) or msg.DIFF_EMPTY} for e in entries]


# ---- the order's filed record -------------------------------------------------------------------------------

def filed_application(order) -> dict | None:
    """The filed record a change order starts from, in the application shape (None: not a change order)."""
    from beian.filings.changes import filed_apps, filed_websites
    from beian.filings.claims import CHANGE_KINDS

    if order is None or order.kind not in CHANGE_KINDS or order.filing_id is None:
        return None
    websites = filed_websites(order)
    return {**dict(order.filing.application or {}), "websites": websites or [], "apps": filed_apps(order) or []}


def order_changes(order) -> list[dict] | None:
    """The order's changes against the filed record now (None: not a change order). Full values: for the
    applicant's own pages, the reviewer's order page and the ministry."""
    filed = filed_application(order)
    return None if filed is None else diff(filed, order.application or {})
