"""What a change order (变更主体 / 变更网站 / 变更接入) may do to the filed websites, seed 003 §3.1 (域名):

  "网站只有一个域名：禁止对域名本身进行变更" — a website filed with one domain keeps it;
  "网站有多个域名：只允许在原域名列表的基础上保持域名不变或删除域名，不能修改或新增域名" — only removals;
  and no website is added in a change order (that is a 新增网站 order).

`findings` is pure (filed websites and the application's websites in, findings out); `filed_websites`
reads the filed record an order changes. Both are used by checks.run, so the wizard shows the findings at
the domain field and submit_order (hence the API) refuses them.
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


def findings(*, filed: list[dict], websites: list[dict]) -> list[dict]:
    """The refusals for a change order's `websites` against the `filed` ones (each a website dict with
    `domains`). Keeping every domain, removing some of several, and changing anything else pass."""
    out = []
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
    """A FiledWebsite in the application's website shape (its domains, the record's domain when none were kept)."""
    website = dict(filed_website.website or {})
    if not website.get("domains"):
        website["domains"] = [filed_website.domain]
    return website


def filed_websites(order) -> list[dict] | None:
    """The filed websites a change order starts from (None: not a change order, or nothing filed to compare)."""
    if order is None or order.kind not in CHANGE_KINDS:
        return None
    if order.filed_website_id:
        return [as_filed(order.filed_website)]
    if order.filing_id:
        from beian.filings.models import FiledWebsite

        return [as_filed(w) for w in order.filing.websites.filter(status=FiledWebsite.ACTIVE).order_by("seq")]
    return None


def order_findings(application: dict, *, order) -> list[dict]:
    filed = filed_websites(order)
    if filed is None:
        return []
    return findings(filed=filed, websites=list(application.get("websites") or ()))


# ---- who the ministry's SMS reaches, and what a change needs uploaded ------------------------------------

def sms_targets(kind: str, application: dict) -> list[str]:
    """The mobiles the ministry sends a change order's codes to, seed 003 §9 (变更备案): "若变更主体信息，则验证主体
    负责人手机号码。若变更网站信息，则验证网站负责人手机号码" — and the number in the order is the one verified ("变更备案
    过程中验证456这个号码即可"). 变更接入 changes neither (reference.md §5: 仅接入→none). The simulator's own
    sms_targets says the same (tests/ministry/test_change_kinds.py holds them together)."""
    subject = (application.get("subject") or {}).get("principal") or {}
    if kind == "change_subject":
        people = [subject]
    elif kind == "change_website":
        people = [w.get("principal") or subject for w in application.get("websites") or ()]
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
    return item["owner"] in owners


def narrow_to_changes(result: dict, entries: list[dict]) -> None:
    """A change order's materials: only those its changes touch (the ministry holds the rest from the filing),
    and MATERIAL_MISSING only for those. Codes and owners stay the engine's."""
    owners, paths = touched_owners(entries), {e["path"] for e in entries}
    result["required_materials"] = [m for m in result["required_materials"] if _touches(m, owners, paths)]
    kept = {_owner_path(m["owner"]) for m in result["required_materials"] if not m.get("auxiliary")}
    result["findings"] = [f for f in result["findings"] if f["code"] != "MATERIAL_MISSING" or f["path"] in kept]


def starting_application(filing, website=None) -> dict:
    """What a change order starts from: the filed subject with the one website it is about (`website`), or with
    every website of the subject this provider still serves. The wizard's 备案管理 and the API both start here."""
    from beian.filings.models import FiledWebsite

    application = dict(filing.application)
    if website is not None:
        application["websites"] = [dict(website.website)]
    else:
        application["websites"] = [dict(w.website) for w in filing.websites.filter(status=FiledWebsite.ACTIVE)]
    return application
