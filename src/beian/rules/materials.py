"""Required materials (基本资料 + province 辅助资料) and the checks on uploaded ones."""

from beian.rules import messages as msg
from beian.rules.codes import Code
from beian.rules.context import App, Findings, text
from beian.rules.filing_type import ACCESS, NEW_SITE_ELSEWHERE, NEW_SITE_HERE
from beian.rules.provinces import WORDS

FORMATS = frozenset({"jpg", "jpeg", "png", "gif"})
MAX_BYTES = 4 * 1024 * 1024  # 4 MiB; a file of exactly this size is already too large
ASPECT_TOLERANCE = 0.10
PRE_APPROVAL_CONTENT = frozenset(WORDS["pre_approval_content"])


def _person(p: dict) -> str:
    return "person:" + text(p, "cert_number")


def _people(app: App, filing_type: str | None) -> list[tuple[str, dict]]:
    """(owner, principal) for each distinct principal whose ID is required, in the contract's order."""
    subject_key = _person(app.principal)
    people: list[tuple[str, dict]] = []
    seen: set[str] = set()
    if filing_type != NEW_SITE_HERE:
        people.append(("subject_principal", app.principal))
        seen.add(subject_key)
    # Websites, then APPs: a principal shared by a website and an APP files once, under the first website
    # that names it, else the first APP (precheck.md "APP filing").
    for owner, p in app.service_principals():
        if p is None or _person(p) == subject_key:
            if subject_key not in seen:  # new_site_here: the reused subject principal is a website principal
                people.append(("subject_principal", app.principal))
                seen.add(subject_key)
            continue
        key = _person(p)
        if key not in seen:
            seen.add(key)
            people.append((owner, p))
    return people


def required(app: App, filing_type: str | None) -> list[dict]:
    items: list[dict] = []
    if filing_type != NEW_SITE_HERE and not app.individual:
        items.append({"kind": "subject_certificate", "owner": "subject"})
    people = _people(app, filing_type)
    for owner, p in people:
        if p["cert_type"] == "resident_id":
            items.append({"kind": "principal_id", "owner": owner, "side": "front"})
            items.append({"kind": "principal_id", "owner": owner, "side": "back"})
        else:
            items.append({"kind": "principal_id", "owner": owner, "side": None})
    items += _auxiliary(app, filing_type, people)
    return items


def _auxiliary(app: App, filing_type: str | None, people) -> list[dict]:
    province = app.province
    out: dict[tuple, dict] = {}
    domain_count = len(app.domain_entries)
    registry = app.context.get("business_registry") or {}
    legal = text(registry, "legal_representative")

    def add(kind: str, owner: str, source: str, **extra) -> None:
        out.setdefault((kind, owner, extra.get("website"), extra.get("app")),
                       {"kind": kind, "owner": owner, "auxiliary": True, "source": source, **extra})

    for aux in province.auxiliary if province else ():
        when = aux.when
        if when == "always" or (
            when == "domains_at_least_4" and domain_count >= 4) or (
            when == "domains_at_least_5" and domain_count >= 5) or (
            when == "domains_more_than_4" and domain_count > 4) or (
            when == "websites_at_least_30" and len(app.websites) >= 30) or (
            when == "subject_websites_more_than_5" and len(app.websites) > 5) or (
            when == "subject_already_filed" and filing_type in (NEW_SITE_HERE, NEW_SITE_ELSEWHERE, ACCESS)
        ):
            add(aux.kind, "subject", aux.source)
        elif when == "website_principal_not_subject_principal":
            for owner, _p in people:
                if owner != "subject_principal":
                    add(aux.kind, owner, aux.source)
        elif when == "subject_principal_not_legal_representative" and not app.individual:
            if legal and legal != text(app.principal, "name"):
                add(aux.kind, "subject_principal", aux.source)
        elif when == "legal_representative_outside_province" and not app.individual:
            cert = text(app.principal, "cert_number")
            if app.principal["cert_type"] == "resident_id" and cert[:2] != province.code:
                add(aux.kind, "subject_principal", aux.source)
    for i, website in enumerate(app.websites):
        if website.get("pre_approvals") or text(website, "content") in PRE_APPROVAL_CONTENT:
            add("pre_approval_document", "subject", "S3 §3.1", website=i)
    for i, item in enumerate(app.apps):
        if item.get("pre_approvals") or text(item, "content") in PRE_APPROVAL_CONTENT:
            add("pre_approval_document", "subject", "S3 §3.1", app=i)
    return list(out.values())


_WEBSITE_OWNER = ("websites[", "].principal")
_APP_OWNER = ("apps[", "].principal")


def _owner_index(owner: str, form: tuple[str, str]) -> int | None:
    """i of `websites[i].principal` / `apps[i].principal` (the schema has checked the range), else None."""
    head, tail = form
    if owner.startswith(head) and owner.endswith(tail):
        return int(owner[len(head):-len(tail)])
    return None


def _owner_key(app: App, owner: str) -> str:
    if owner == "subject":
        return "subject"
    if owner == "subject_principal":
        return _person(app.principal)
    index = _owner_index(owner, _WEBSITE_OWNER)
    if index is not None:
        return _person(app.website_principal(index))
    return _person(app.app_principal(_owner_index(owner, _APP_OWNER)))


def _owner_path(owner: str) -> str:
    return "subject.principal" if owner == "subject_principal" else owner


def _owner_label(app: App, owner: str) -> str:
    index = _owner_index(owner, _WEBSITE_OWNER)
    if index is not None:
        return msg.OWNERS["website_principal"].format(site=text(app.websites[index], "name") or f"网站{index + 1}")
    index = _owner_index(owner, _APP_OWNER)
    if index is not None:
        name = text(app.apps[index], "name") or msg.APP_FALLBACK_NAME.format(n=index + 1)
        return msg.OWNERS["app_principal"].format(app=name)
    return msg.OWNERS[owner]


def check(app: App, items: list[dict], out: Findings) -> None:
    materials = app.raw.get("materials") or []
    have: set[tuple] = set()
    sides: dict[tuple, dict[str, int]] = {}
    for n, m in enumerate(materials):
        fmt = text(m, "format").lower()
        if fmt not in FORMATS:
            out.add(Code.MATERIAL_FORMAT, f"materials[{n}]", value=fmt)
        size = m.get("bytes")
        if isinstance(size, int) and size >= MAX_BYTES:
            out.add(Code.MATERIAL_TOO_LARGE, f"materials[{n}]", size=f"{size / 1048576:.2f}MB")
        key = (m["kind"], _owner_key(app, m["owner"]))
        side = m.get("side")
        have.add((*key, side))
        have.add((*key, "any"))
        if side in ("front", "back"):
            sides.setdefault(key, {})[side] = n
    for found in sides.values():
        if "front" in found and "back" in found:
            front, back = materials[found["front"]], materials[found["back"]]
            ratios = [_ratio(front), _ratio(back)]
            if None not in ratios and abs(ratios[0] - ratios[1]) / max(ratios) > ASPECT_TOLERANCE:
                out.add(Code.MATERIAL_ASPECT_MISMATCH, f"materials[{found['back']}]",
                        front=f"{front['width']}×{front['height']}", back=f"{back['width']}×{back['height']}")
    for item in items:
        if item.get("auxiliary"):
            continue
        key = (item["kind"], _owner_key(app, item["owner"]), item.get("side") or "any")
        if key not in have:
            label = msg.MATERIALS[item["kind"]] + msg.SIDES[item.get("side")]
            out.add(Code.MATERIAL_MISSING, _owner_path(item["owner"]), owner=_owner_label(app, item["owner"]),
                    material=label)


def _ratio(m: dict) -> float | None:
    width, height = m.get("width"), m.get("height")
    if not isinstance(width, int) or not isinstance(height, int) or width <= 0 or height <= 0:
        return None
    return width / height
