"""What a change order (变更主体 / 变更网站 / 变更接入) may do to the filed websites, seed 003 §3.1 (域名):

  "网站只有一个域名：禁止对域名本身进行变更" — a website filed with one domain keeps it;
  "网站有多个域名：只允许在原域名列表的基础上保持域名不变或删除域名，不能修改或新增域名" — only removals;
  and no website is added in a change order (that is a 新增网站 order).

`findings` is pure (filed websites and the application's websites in, findings out); `filed_websites`
reads the filed record an order changes. Both are used by checks.run, so the wizard shows the findings at
the domain field and submit_order (hence the API) refuses them.

APPs (FiledWebsite.service_type "app", precheck.md "APP filing") go through the same paths: a change order
carries them under `apps` (never `websites`), no APP is added in a change order either, and an APP is paired
with its filed record by a shared (platform, package name), then by name, then by position. An APP's domains
are not the website's domain rule (they may be several, subdomains, or none): they change freely.
"""

from beian.filings import messages as msg
from beian.filings.claims import CHANGE_KINDS, normalise_domain

CHANGE_DOMAIN_EDIT_FORBIDDEN = "CHANGE_DOMAIN_EDIT_FORBIDDEN"
CHANGE_DOMAIN_ONLY_REMOVAL = "CHANGE_DOMAIN_ONLY_REMOVAL"
CHANGE_WEBSITE_ADD_FORBIDDEN = "CHANGE_WEBSITE_ADD_FORBIDDEN"
CODES = frozenset({CHANGE_DOMAIN_EDIT_FORBIDDEN, CHANGE_DOMAIN_ONLY_REMOVAL, CHANGE_WEBSITE_ADD_FORBIDDEN})


def _domains(website: dict) -> list[str]:
    return [normalise_domain(d) for d in (website.get("domains") or ()) if isinstance(d, str) and d.strip()]


def _error(code: str, path: str, message: str) -> dict:
    return {"code": code, "severity": "error", "path": path, "message": message}


def _pair(filed: list[dict], websites: list[dict]) -> dict[int, int]:
    """Each application website's filed website (index → index): first the one sharing a domain, then, for a
    website whose domains all changed, the next filed website not yet taken. Unpaired: an added website."""
    filed_domains = [set(_domains(w)) for w in filed]
    pairs: dict[int, int] = {}
    for i, website in enumerate(websites):
        mine = set(_domains(website))
        for k, theirs in enumerate(filed_domains):
            if k not in pairs.values() and mine & theirs:
                pairs[i] = k
                break
    free = [k for k in range(len(filed)) if k not in pairs.values()]
    for i in range(len(websites)):
        if i not in pairs and free:
            pairs[i] = free.pop(0)
    return pairs


pair_websites = _pair  # for the services that apply an approved change to the filed websites


def _packages(app: dict) -> set[tuple[str, str]]:
    return {(str(row.get("platform") or ""), str(row.get("package_name") or "").strip())
            for row in app.get("platforms") or () if isinstance(row, dict) and (row.get("package_name") or "").strip()}


def pair_apps(filed: list[dict], apps: list[dict]) -> dict[int, int]:
    """Each application APP's filed APP (index → index): first the one sharing a (platform, package name), then
    the one of the same name, then the next filed APP not yet taken. Unpaired: an added APP."""
    pairs: dict[int, int] = {}
    for same in (lambda a, b: bool(_packages(a) & _packages(b)),
                 lambda a, b: bool((a.get("name") or "").strip()) and (a.get("name") or "").strip() == (b.get("name") or "").strip()):
        for i, app in enumerate(apps):
            if i in pairs or not isinstance(app, dict):
                continue
            for k, theirs in enumerate(filed):
                if k not in pairs.values() and same(app, theirs):
                    pairs[i] = k
                    break
    free = [k for k in range(len(filed)) if k not in pairs.values()]
    for i in range(len(apps)):
        if i not in pairs and free:
            pairs[i] = free.pop(0)
    return pairs


def findings(*, filed: list[dict], websites: list[dict], filed_apps: list[dict] | None = None,
             apps: list[dict] | None = None) -> list[dict]:
    """The refusals for a change order's `websites` against the `filed` ones (each a website dict with
    `domains`). Keeping every domain, removing some of several, and changing anything else pass. An APP
    (`apps` against `filed_apps`) may change anything but cannot be added."""
    out = []
    app_pairs = pair_apps(list(filed_apps or ()), list(apps or ()))
    for i in range(len(apps or ())):
        if i not in app_pairs:
            out.append(_error(CHANGE_WEBSITE_ADD_FORBIDDEN, f"apps[{i}].name", msg.CHANGE_APP_ADD_FORBIDDEN))
    pairs = _pair(filed, websites)
    for i, website in enumerate(websites):
        if i not in pairs:
            out.append(_error(CHANGE_WEBSITE_ADD_FORBIDDEN, f"websites[{i}].domains", msg.CHANGE_WEBSITE_ADD_FORBIDDEN))
            continue
        original = _domains(filed[pairs[i]])
        for j, domain in enumerate(website.get("domains") or ()):
            if not isinstance(domain, str) or not domain.strip() or normalise_domain(domain) in original:
                continue
            if len(original) <= 1:
                text = msg.CHANGE_DOMAIN_EDIT_FORBIDDEN.format(domain=original[0] if original else "")
                out.append(_error(CHANGE_DOMAIN_EDIT_FORBIDDEN, f"websites[{i}].domains[{j}]", text))
            else:
                text = msg.CHANGE_DOMAIN_ONLY_REMOVAL.format(domains="、".join(original), domain=domain.strip())
                out.append(_error(CHANGE_DOMAIN_ONLY_REMOVAL, f"websites[{i}].domains[{j}]", text))
    return out


def as_filed(filed_website) -> dict:
    """A FiledWebsite in the application's website shape (its domains, the record's domain when none were kept);
    an APP as its approved `apps[i]` entry (an APP has no domain of its own: its `domains` are as approved)."""
    website = dict(filed_website.website or {})
    if filed_website.service_type == filed_website.APP:
        return website
    if not website.get("domains"):
        website["domains"] = [filed_website.domain]
    return website


def filed_rows(order, service_type: str) -> list | None:
    """The FiledWebsite rows of one service type (`website` / `app`) a change order starts from: its one website
    or APP (none of the other type), or every active one of the filing. None: not a change order, or nothing filed."""
    if order is None or order.kind not in CHANGE_KINDS:
        return None
    if order.filed_website_id:
        return [order.filed_website] if order.filed_website.service_type == service_type else []
    if order.filing_id:
        from beian.filings.models import FiledWebsite

        return list(order.filing.websites.filter(status=FiledWebsite.ACTIVE, service_type=service_type).order_by("seq"))
    return None


def filed_websites(order) -> list[dict] | None:
    """The filed websites a change order starts from (None: not a change order, or nothing filed to compare)."""
    rows = filed_rows(order, "website")
    return None if rows is None else [as_filed(w) for w in rows]


def filed_apps(order) -> list[dict] | None:
    """The filed APPs a change order starts from, as their approved `apps[i]` entries (None as filed_websites)."""
    rows = filed_rows(order, "app")
    return None if rows is None else [as_filed(w) for w in rows]


def order_findings(application: dict, *, order) -> list[dict]:
    filed = filed_websites(order)
    if filed is None:
        return []
    return findings(filed=filed, websites=list(application.get("websites") or ()), filed_apps=filed_apps(order) or [],
                    apps=list(application.get("apps") or ()))


# ---- who the ministry's SMS reaches, and what a change needs uploaded ------------------------------------

def sms_targets(kind: str, application: dict) -> list[str]:
    """The mobiles the ministry sends a change order's codes to, seed 003 §9 (变更备案): "若变更主体信息，则验证主体
    负责人手机号码。若变更网站信息，则验证网站负责人手机号码" — and the number in the order is the one verified ("变更备案
    过程中验证456这个号码即可"). 变更接入 changes neither (reference.md §5: 仅接入→none). The simulator's own
    sms_targets says the same (tests/ministry/test_change_kinds.py holds them together)."""
    subject = (application.get("subject") or {}).get("principal") or {}
    if kind == "change_subject":
        people = [subject]
    elif kind == "change_website":  # websites first, then APPs (precheck.md "APP filing": sms_targets)
        people = [w.get("principal") or subject for w in [*(application.get("websites") or ()), *(application.get("apps") or ())]]
    else:
        people = []
    out: list[str] = []
    for person in people:
        mobile = (person.get("mobile") or "").strip()
        if mobile and mobile not in out:
            out.append(mobile)
    return out


def _owner_path(owner: str) -> str:
    return "subject.principal" if owner == "subject_principal" else owner


def touched_owners(entries: list[dict]) -> set[str]:
    """The owners of materials a change touches: "subject" when what its certificate shows changed (a new
    licence), "subject_principal" / "websites[i].principal" when that principal is another person (name,
    certificate type or number: their ID). A new mobile or email touches no material."""
    from beian.filings.diff import CERTIFICATE, IDENTITY

    owners = set()
    for entry in entries:
        path = entry["path"]
        if path in CERTIFICATE:
            owners.add("subject")
        head, _, key = path.rpartition(".")
        if key in IDENTITY and head.endswith("principal") and not head.startswith("subject."):
            owners.add(head)
        elif key in IDENTITY and head == "subject.principal":
            owners.add("subject_principal")
    return owners


def _touches(item: dict, owners: set[str], paths: set[str]) -> bool:
    if item["kind"] == "pre_approval_document" and item.get("website") is not None:
        i = item["website"]
        return bool({f"websites[{i}].pre_approvals", f"websites[{i}].content"} & paths)
    if item["kind"] == "pre_approval_document" and item.get("app") is not None:
        i = item["app"]
        return bool({f"apps[{i}].pre_approvals", f"apps[{i}].content"} & paths)
    return item["owner"] in owners


def narrow_to_changes(result: dict, entries: list[dict]) -> None:
    """A change order's materials: only those its changes touch (the ministry holds the rest from the filing),
    and MATERIAL_MISSING only for those. Codes and owners stay the engine's."""
    owners, paths = touched_owners(entries), {e["path"] for e in entries}
    result["required_materials"] = [m for m in result["required_materials"] if _touches(m, owners, paths)]
    kept = {_owner_path(m["owner"]) for m in result["required_materials"] if not m.get("auxiliary")}
    result["findings"] = [f for f in result["findings"] if f["code"] != "MATERIAL_MISSING" or f["path"] in kept]


def with_filed(application: dict, rows) -> dict:
    """`application` (the filed subject) with `rows` (FiledWebsites) as its `websites` and `apps`: each website's
    and APP's approved entry under its own key; `apps` only when there is an APP (precheck.md: absent = [])."""
    application = dict(application)
    application.pop("apps", None)
    application["websites"] = [dict(w.website or {}) for w in rows if w.service_type != w.APP]
    apps = [dict(w.website or {}) for w in rows if w.service_type == w.APP]
    if apps:
        application["apps"] = apps
    return application


def starting_application(filing, website=None) -> dict:
    """What a change order starts from: the filed subject with the one website or APP it is about (`website`), or
    with every website and APP of the subject this provider still serves. The wizard's 备案管理 and the API both
    start here."""
    from beian.filings.models import FiledWebsite

    rows = [website] if website is not None else list(
        filing.websites.filter(status=FiledWebsite.ACTIVE).order_by("-service_type", "seq"))
    return with_filed(filing.application, rows)
