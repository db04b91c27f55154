"""Website, domain, content and access rules."""

import datetime as dt

from beian.rules import messages as msg
from beian.rules import validators as v
from beian.rules.codes import Code
from beian.rules.context import App, Findings, text
from beian.rules.naming import check_site_name
from beian.rules.provinces import TLDS, WORDS
from beian.rules.schema import parse_date
from beian.rules.subject import check_principal

PRE_APPROVAL_CONTENT = frozenset(WORDS["pre_approval_content"])
CONTENTS = frozenset(WORDS["content_plain"]) | PRE_APPROVAL_CONTENT
DOMAIN_VALIDITY_MONTHS = 3  # precheck.md DOMAIN_EXPIRING, where the province sets no `domain_validity`


def check_websites(app: App, out: Findings) -> None:
    websites = app.websites
    if not websites and not app.apps:  # an APP-only application is a filing too (precheck.md "APP filing")
        out.add(Code.WEBSITE_REQUIRED, "websites")
    province = app.province
    if province is not None:
        limit = province.limit_individual if app.individual else province.limit_unit
        if limit is not None and len(websites) > limit:
            out.add(Code.WEBSITE_LIMIT_EXCEEDED, "websites", province=province.short,
                    who="个人" if app.individual else "单位", limit=limit, count=len(websites))
    for i, website in enumerate(websites):
        count = len(website.get("domains") or ())
        if count != 1:
            out.add(Code.WEBSITE_ONE_DOMAIN, f"websites[{i}].domains", count=count)
    _check_domains(app, out)
    for i, website in enumerate(websites):
        check_site_name(app, i, website, out)
        check_service(app, f"websites[{i}]", website, msg.SERVICES["website"], out)


def check_service(app: App, where: str, item: dict, service: str, out: Findings) -> None:
    """What a website and an APP share (precheck.md "APP filing"): content, languages, access and principal.
    `where` is the item's path (`websites[0]`, `apps[1]`), `service` its word in the messages (网站, APP)."""
    _check_content(app, where, item, service, out)
    if not item.get("languages"):
        out.add(Code.LANGUAGE_REQUIRED, f"{where}.languages", service=service)
    _check_access(where, item, out)
    principal = item.get("principal")
    if principal is not None:
        path = f"{where}.principal"
        if app.individual and (text(principal, "name") != app.subject_name
                               or text(principal, "cert_number") != app.subject_cert):
            out.add(Code.WEBSITE_PRINCIPAL_NOT_SUBJECT, path, service=service)
        check_principal(principal, path, app, out)


def _check_domains(app: App, out: Findings) -> None:
    seen: set[str] = set()
    for i, j, raw, domain in app.domain_entries:
        path = f"websites[{i}].domains[{j}]"
        if domain is None or domain.apex is None:
            out.add(Code.DOMAIN_INVALID, path, value=raw)
            continue
        if not domain.is_apex:
            out.add(Code.DOMAIN_NOT_APEX, path, value=raw, apex=domain.apex)
        if domain.tld not in TLDS:
            out.add(Code.DOMAIN_TLD_NOT_FILEABLE, path, tld=raw.strip().rsplit(".", 1)[-1].lower())
        if domain.ascii in seen:
            out.add(Code.DOMAIN_DUPLICATE_IN_ORDER, path, value=raw)
        seen.add(domain.ascii)
        info = app.domain_info.get(domain.ascii)
        if info:
            _check_real_name(app, info, path, out)


def _check_real_name(app: App, info: dict, path: str, out: Findings) -> None:
    """The domain registry's facts (seed 003 §1.1: the holder's name, 证件类型 and 证件号码 are the 主办者's).
    An absent or null fact is unknown and gives no finding."""
    holder = info.get("holder_name")
    if holder is not None and holder.strip() != app.subject_name:
        out.add(Code.DOMAIN_HOLDER_MISMATCH, path, holder=holder)
    if info.get("holder_verified") is False:
        out.add(Code.DOMAIN_NOT_VERIFIED, path)
    # The same number in either case is the same certificate (a resident ID's X); CERT_NUMBER_LOWERCASE_X
    # already tells the subject to write it upper-case.
    holder_cert = text(info, "holder_cert_number")
    if holder_cert and holder_cert.upper() != app.subject_cert.upper():
        out.add(Code.DOMAIN_HOLDER_CERT_MISMATCH, path)
    expires = text(info, "expires")
    if expires and app.today is not None:
        expiry = parse_date(expires, f"{path}.expires")
        province = app.province
        if province is not None and province.domain_validity_days:
            limit = app.today + dt.timedelta(days=province.domain_validity_days)
            authority = msg.EXPIRY_AUTHORITY_PROVINCE.format(province=province.short)
            period = msg.EXPIRY_PERIOD_DAYS.format(days=province.domain_validity_days)
        else:
            limit = v.add_months(app.today, DOMAIN_VALIDITY_MONTHS)
            authority, period = msg.EXPIRY_AUTHORITY, msg.EXPIRY_PERIOD_MONTHS.format(months=DOMAIN_VALIDITY_MONTHS)
        if expiry <= limit:
            out.add(Code.DOMAIN_EXPIRING, path, authority=authority, period=period, expires=expiry.isoformat())
    if info.get("registrar_approved") is False:
        out.add(Code.DOMAIN_REGISTRAR_NOT_APPROVED, path)


def _check_content(app: App, where: str, item: dict, service: str, out: Findings) -> None:
    content = text(item, "content")
    if not content:
        return
    if app.individual and content != "其他":
        out.add(Code.CONTENT_NOT_ALLOWED_FOR_INDIVIDUAL, f"{where}.content", value=content, service=service)
    if content in PRE_APPROVAL_CONTENT:
        if not any(text(entry, "category") == content for entry in item.get("pre_approvals") or ()):
            out.add(Code.PRE_APPROVAL_MISSING, f"{where}.pre_approvals", value=content, service=service)


def _check_access(where: str, item: dict, out: Findings) -> None:
    access = item.get("access")
    ip, service_number = text(access, "ip"), text(access, "service_number")
    if not ip and not service_number:
        out.add(Code.ACCESS_MISSING, f"{where}.access")
    elif ip and not v.is_public_ip(ip):
        out.add(Code.ACCESS_IP_INVALID, f"{where}.access.ip", value=ip)
