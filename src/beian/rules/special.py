"""Province special rules (data/provinces.toml `special`): the checks, and the instructions.

Each rule of a province's `special` list says what beian does with it (the file's header):
- `checks`: the finding codes that enforce it. A rule whose check is specific to it has a function in
  CHECKS under the rule's `id`; `check()` runs it for the provinces whose data lists that id, with the
  rule's own parameters (tlds, words, limit …). No province name appears in this module.
- `steps` + `when`: the rule is shown as an instruction at those wizard steps, and to the reviewer, for
  orders where `when` holds (`instructions()`; pure, the wizard and the console call it with the order).
"""

import re
from collections.abc import Callable

from beian.rules import messages as msg
from beian.rules.codes import Code, severity
from beian.rules.context import App, Findings, text
from beian.rules.domains import tld_ascii
from beian.rules.filing_type import ACCESS, FIRST, NEW_SITE_ELSEWHERE, NEW_SITE_HERE
from beian.rules.provinces import PROVINCES, TLDS, normalise_province

NEW_SITE_TYPES = (FIRST, NEW_SITE_HERE, NEW_SITE_ELSEWHERE)
NEW_FILING_KINDS = frozenset({FIRST, NEW_SITE_HERE, NEW_SITE_ELSEWHERE, ACCESS})
SUBJECT_FILED_KINDS = frozenset({NEW_SITE_HERE, NEW_SITE_ELSEWHERE, ACCESS})

Check = Callable[[App, dict, str | None, Findings], None]
CHECKS: dict[str, Check] = {}


def _check(rule_id: str):
    def register(fn: Check) -> Check:
        CHECKS[rule_id] = fn
        return fn
    return register


def check(app: App, filing_type: str | None, out: Findings) -> None:
    """Run the province's special checks (the rules whose data lists `checks` and which have a function here)."""
    if app.province is None:
        return
    for rule in app.province.special:
        fn = CHECKS.get(rule["id"])
        if fn is not None and rule.get("checks"):
            fn(app, rule, filing_type, out)


def _principals(app: App):
    """(path, principal) of the subject principal and each website's and APP's own principal."""
    yield "subject.principal", app.principal
    for path, principal in app.service_principals():
        if principal is not None:
            yield path, principal


@_check("contact2_not_mobile")
def _contact2_not_mobile(app: App, rule: dict, filing_type, out: Findings) -> None:
    for path, p in _principals(app):
        contact2, mobile = text(p, "contact2"), text(p, "mobile")
        if contact2 and contact2 == mobile:
            out.add(Code.CONTACT2_SAME_AS_MOBILE, f"{path}.contact2", province=app.province.short, value=mobile)


def _tlds(rule: dict) -> frozenset[str]:
    return frozenset(tld_ascii(t.strip().lower().lstrip(".")) for t in rule.get("tlds", ()))


def _applies_to_nature(app: App, rule: dict) -> bool:
    return not rule.get("natures") or app.nature in rule["natures"]


def _forbidden_tlds(app: App, rule: dict, filing_type, out: Findings) -> None:
    """Top-level domains the province refuses (for some natures) although the ministry approves them; a TLD
    the ministry does not approve is already DOMAIN_TLD_NOT_FILEABLE."""
    if not _applies_to_nature(app, rule):
        return
    forbidden = _tlds(rule)
    who = "个人" if rule.get("natures") == ["individual"] else ""
    for i, j, raw, domain in app.domain_entries:
        if domain is not None and domain.tld in forbidden and domain.tld in TLDS:
            out.add(Code.DOMAIN_TLD_PROVINCE_FORBIDDEN, f"websites[{i}].domains[{j}]", province=app.province.short,
                    who=who, tld=raw.strip().rsplit(".", 1)[-1].lower())


CHECKS["tld_whitelist"] = CHECKS["no_personal_org"] = _forbidden_tlds


@_check("public_institution_domains")
def _required_tlds(app: App, rule: dict, filing_type, out: Findings) -> None:
    if not _applies_to_nature(app, rule):
        return
    allowed = _tlds(rule)
    shown = " 或 ".join("." + t for t in rule["tlds"])
    for i, j, raw, domain in app.domain_entries:
        if domain is not None and domain.apex is not None and domain.tld not in allowed:
            out.add(Code.DOMAIN_TLD_REQUIRED_FOR_NATURE, f"websites[{i}].domains[{j}]", province=app.province.short,
                    nature=msg.NATURES[app.nature], allowed=shown, value=raw.strip())


_NOT_TEXT = re.compile(r"[\s\u3000,，.。;；:：!！?？、“”\"'‘’()（）…—-]+")


def _bare(value: str) -> str:
    return _NOT_TEXT.sub("", value)


@_check("personal_remark_pledge")
def _remark_pledge(app: App, rule: dict, filing_type, out: Findings) -> None:
    """The pledge's words must be in the remark; spacing and punctuation are not judged."""
    if not app.individual or not rule.get("pledge"):
        return
    pledge = _bare(rule["pledge"])
    for i, website in enumerate(app.websites):
        if pledge not in _bare(text(website, "remark")):
            out.add(Code.WEBSITE_REMARK_PLEDGE_MISSING, f"websites[{i}].remark", province=app.province.short,
                    pledge=rule["pledge"])


@_check("personal_remark")
def _remark_given(app: App, rule: dict, filing_type, out: Findings) -> None:
    if not app.individual:
        return
    for i, website in enumerate(app.websites):
        if not text(website, "remark"):
            out.add(Code.WEBSITE_REMARK_MISSING, f"websites[{i}].remark", province=app.province.short)


_IP_SEPARATORS = re.compile(r"[\s,，;；、/|]+")


@_check("one_ip_per_site")
def _one_ip(app: App, rule: dict, filing_type, out: Findings) -> None:
    for i, website in enumerate(app.websites):
        addresses = [a for a in _IP_SEPARATORS.split(text(website.get("access"), "ip")) if a]
        if len(addresses) > 1:
            out.add(Code.ACCESS_ONE_IP_PER_SITE, f"websites[{i}].access.ip", province=app.province.short,
                    count=len(addresses))


_LEVEL = re.compile(r"^(.{1,8}?)(自治州|地区|市|盟|区|县)")


def city_of(address: str, province_names: tuple[str, ...]) -> str | None:
    """The prefecture-level city an address names after its province (石家庄市, 廊坊市 …), or None when the
    address does not say (it goes on with a district or county, or names no level): a heuristic, so the
    finding is a warning for the reviewer."""
    value = re.sub(r"\s+", "", address)
    for name in province_names:
        if value.startswith(name):
            value = value[len(name):]
            break
    match = _LEVEL.match(value)
    if match is None or match.group(2) in ("区", "县"):
        return None
    return match.group(1) + match.group(2)


@_check("address_same_city")
def _same_city(app: App, rule: dict, filing_type, out: Findings) -> None:
    names = (app.province.name, app.province.short)
    cert_city = city_of(text(app.subject, "cert_address"), names)
    mailing_city = city_of(text(app.subject, "mailing_address"), names)
    if cert_city and mailing_city and cert_city != mailing_city:
        out.add(Code.MAILING_ADDRESS_OTHER_CITY, "subject.mailing_address", province=app.province.short,
                cert_city=cert_city, mailing_city=mailing_city)


@_check("domains_per_order")
def _domains_per_order(app: App, rule: dict, filing_type, out: Findings) -> None:
    """除变更外: the engine's new filings whose domains are new (首次, 新增网站); 接入 files no new domain."""
    count = len(app.domain_entries)
    if filing_type in NEW_SITE_TYPES and count > rule["limit"]:
        out.add(Code.DOMAINS_PER_ORDER_EXCEEDED, "websites", province=app.province.short, limit=rule["limit"],
                count=count)


@_check("individual_one_domain")
def _first_filing_one_domain(app: App, rule: dict, filing_type, out: Findings) -> None:
    count = len(app.domain_entries)
    if app.individual and filing_type == FIRST and count > 1:
        out.add(Code.INDIVIDUAL_FIRST_FILING_ONE_DOMAIN, "websites", province=app.province.short, count=count)


@_check("resident_only")
def _resident_only(app: App, rule: dict, filing_type, out: Findings) -> None:
    if not app.individual:
        return
    prefix = app.province.code
    if app.subject["cert_type"] != "resident_id":
        out.add(Code.INDIVIDUAL_NOT_PROVINCE_RESIDENT, "subject.cert_type", province=app.province.short, prefix=prefix)
    elif app.subject_cert[:2].isdigit() and app.subject_cert[:2] != prefix:
        out.add(Code.INDIVIDUAL_NOT_PROVINCE_RESIDENT, "subject.cert_number", province=app.province.short,
                prefix=prefix)


@_check("finance_names_legal_rep")
def _finance_legal_rep(app: App, rule: dict, filing_type, out: Findings) -> None:
    if app.individual:
        return
    word = next((w for w in rule.get("words", ()) if w in app.subject_name), None)
    legal = text(app.context.get("business_registry"), "legal_representative")
    if word and legal and text(app.principal, "name") != legal:
        out.add(Code.FINANCE_PRINCIPAL_NOT_LEGAL_REPRESENTATIVE, "subject.principal.name",
                province=app.province.short, word=word, registry=legal)


@_check("blog_pre_approval")
def _service_pre_approval(app: App, rule: dict, filing_type, out: Findings) -> None:
    if not app.individual:
        return
    for i, website in enumerate(app.websites):
        service = text(website, "service_type")
        approved = any(text(entry, "category") for entry in website.get("pre_approvals") or ())
        if service in rule.get("services", ()) and not approved:
            out.add(Code.SERVICE_NEEDS_PRE_APPROVAL, f"websites[{i}].service_type", province=app.province.short,
                    value=service)


# --- Instructions ------------------------------------------------------------------------------------------

def _domain_count(application: dict) -> int:
    return sum(len(w.get("domains") or ()) for w in application.get("websites") or () if isinstance(w, dict))


def _over_limit(province, application: dict, individual: bool) -> bool:
    limit = province.limit_individual if individual else province.limit_unit
    return limit is not None and len(application.get("websites") or ()) > limit


WHEN: dict[str, Callable] = {
    "always": lambda province, application, individual, kind: True,
    "individual": lambda province, application, individual, kind: individual,
    "unit": lambda province, application, individual, kind: not individual,
    "new_filing": lambda province, application, individual, kind: kind in NEW_FILING_KINDS,
    "subject_already_filed": lambda province, application, individual, kind: kind in SUBJECT_FILED_KINDS,
    "change_subject": lambda province, application, individual, kind: kind == "change_subject",
    "domains_more_than_5": lambda province, application, individual, kind: _domain_count(application) > 5,
    "websites_over_limit": lambda province, application, individual, kind: _over_limit(province, application,
                                                                                       individual),
}


def instructions(application: dict | None, *, kind: str | None = None, step: str | None = None) -> list[dict]:
    """The province's special rules to show for this application: at wizard `step` (None: every step, as the
    reviewer sees them), for an order of `kind` (an order kind or the engine's filing type; None when not
    known yet). Each: {id, title, text, source, steps (labels)}."""
    application = application or {}
    region = application.get("region") if isinstance(application.get("region"), dict) else {}
    name = normalise_province(region.get("province") or "") if isinstance(region.get("province"), str) else None
    province = PROVINCES.get(name) if name else None
    if province is None:
        return []
    subject = application.get("subject") if isinstance(application.get("subject"), dict) else {}
    individual = subject.get("nature") == "individual"
    out = []
    for rule in province.special:
        steps = rule.get("steps") or ()
        if not steps or (step is not None and step not in steps):
            continue
        if WHEN[rule["when"]](province, application, individual, kind):
            out.append({"id": rule["id"], "title": msg.SPECIAL_TITLE.format(province=province.short),
                        "text": rule["text"], "source": rule["source"],
                        "steps": [msg.SPECIAL_STEPS[s] for s in steps]})
    return out


def what_beian_does(rule: dict) -> str:
    """docs/rules.md's account of one special rule."""
    parts = []
    if rule.get("checks"):
        parts.append("check: " + ", ".join(f"`{c}` ({severity(Code[c]).value})" for c in rule["checks"]))
    if rule.get("enforced") == "order_creation":
        parts.append("enforced at order creation (filings/claims.py: one order in flight per certificate)")
    if rule.get("steps"):
        parts.append("instruction at " + ", ".join(rule["steps"]) + f" (when {rule['when']}) and to the reviewer")
    return "; ".join(parts)
