"""Filing-type determination and SMS targets (precheck.md "Filing-type determination")."""

from beian.rules import messages as msg
from beian.rules.codes import Code
from beian.rules.context import App, Findings, text

FIRST, NEW_SITE_ELSEWHERE, NEW_SITE_HERE, ACCESS = "first", "new_site_elsewhere", "new_site_here", "access"


def determine(app: App, out: Findings) -> str | None:
    ctx = app.context
    conflict = False
    # Steps 1–2 report every conflict they find; only then is the type left undecided.
    if ctx.get("cert_order_in_progress") is True:
        out.add(Code.CERT_ORDER_IN_PROGRESS, "subject.cert_number")
        conflict = True
    filed_here_under_subject = []  # per valid domain: filed elsewhere under this subject?
    for i, j, _raw, domain in app.domain_entries:
        if domain is None:
            continue
        info = app.domain_info.get(domain.ascii) or {}
        path = f"websites[{i}].domains[{j}]"
        if info.get("order_in_progress") is True:
            out.add(Code.DOMAIN_ORDER_IN_PROGRESS, path)
            conflict = True
        filed_with = info.get("filed_with")
        if filed_with == "self":
            out.add(Code.DOMAIN_ALREADY_FILED, path)
            conflict = True
        elif filed_with == "other":
            owner = text(info, "filed_subject_cert_number")
            if owner and owner != app.subject_cert:
                out.add(Code.DOMAIN_FILED_BY_OTHER_SUBJECT, path)
                conflict = True
        filed_here_under_subject.append(filed_with == "other")
    # Each APP counts as an unfiled website (precheck.md "APP filing"): with a website filed elsewhere it is
    # MIXED_FILING_TYPES, alone it is a 新增 for a filed subject.
    filed_here_under_subject += [False] * len(app.apps)
    if conflict:
        return None
    if any(filed_here_under_subject):
        # A domain filed elsewhere under this subject implies the subject is filed.
        if all(filed_here_under_subject):
            determined = ACCESS
        else:
            out.add(Code.MIXED_FILING_TYPES, "websites")
            return None
    else:
        subject_filed = ctx.get("subject_filed_with")
        if subject_filed is None:
            determined = FIRST
        else:
            determined = NEW_SITE_HERE if subject_filed == "self" else NEW_SITE_ELSEWHERE
    if determined == ACCESS:
        _access(app, out)
    requested = app.raw.get("requested_type")
    if requested and requested != determined:
        if requested == FIRST:
            out.add(Code.CERT_ALREADY_FILED, "requested_type", determined=msg.FILING_TYPES[determined])
        else:
            out.add(Code.FILING_TYPE_MISMATCH, "requested_type", requested=msg.FILING_TYPES[requested],
                    determined=msg.FILING_TYPES[determined])
    return determined


def _access(app: App, out: Findings) -> None:
    """Seed 003 §9, 接入备案: the website principal's mobile must be the filed one (else change it at the
    original provider first), and an empty shell site (no provider) is deregistered and filed anew. Each fact
    is the ministry's (context.domains); absent means unknown, and no finding is made from it."""
    for i, j, _raw, domain in app.domain_entries:
        if domain is None:
            continue
        info = app.domain_info.get(domain.ascii) or {}
        if info.get("shell") is True:
            out.add(Code.ACCESS_SHELL_SITE, f"websites[{i}].domains[{j}]", domain=domain.ascii)
        if info.get("principal_mobile_matches") is False:
            # At the mobile typed for the website; a website reusing the subject principal (复用) has it at its
            # principal choice, so that the subject step is not held by a website's rule.
            own = app.websites[i].get("principal")
            path = f"websites[{i}].principal.mobile" if own else f"websites[{i}].principal"
            out.add(Code.ACCESS_MOBILE_CHANGED, path, domain=domain.ascii)


def sms_targets(app: App, filing_type: str | None) -> list[str]:
    """Distinct mobiles, subject principal first, then website principals in website order, then APP
    principals in APP order."""
    if filing_type is None:
        return []
    mobiles = [text(app.principal, "mobile")] if filing_type == FIRST else []
    mobiles += [text(p or app.principal, "mobile") for _path, p in app.service_principals()]
    return [m for m in dict.fromkeys(mobiles) if m]
