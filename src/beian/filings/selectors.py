"""Reads of the order lifecycle: the precheck context from the platform's own data, lists, progress."""

from django.db.models import Q
from django.utils import timezone

from beian.filings import messages as msg
from beian.filings import states, transitions
from beian.filings.claims import normalise_domain
from beian.filings.models import RELEASE_KINDS, FiledWebsite, Filing, InFlightClaim, Order
from beian.filings.services import EXPIRY
from beian.pii.index import CERT, blind_indexes


def external_lookup(*, cert_number: str, domains: list[str], mobiles: dict[str, str] | None = None) -> dict:
    """What the ministry's public data says about filings made through OTHER providers (and, for a domain given
    in `mobiles`, whether that website principal mobile is the filed one).

    Filled in by the ministry integration (public ICP query); unknown until then.
    """
    from beian.ministry import lookup

    return lookup.external_status(cert_number=cert_number, domains=domains, mobiles=mobiles)


def website_mobiles(application: dict) -> dict[str, str]:
    """domain → the mobile of that website's principal (its own, or the subject principal's: 复用)."""
    subject_principal = (application.get("subject") or {}).get("principal") or {}
    found = {}
    for website in application.get("websites") or ():
        person = website.get("principal") or subject_principal
        mobile = (person.get("mobile") or "").strip() if isinstance(person, dict) else ""
        for domain in website.get("domains") or ():
            if mobile and isinstance(domain, str) and domain.strip():
                found.setdefault(normalise_domain(domain), mobile)
    return found


def business_record(*, cert_number: str, nature: str):
    """工商库 lookup for unit subjects: dict, None (not found) or ... (not looked up)."""
    from beian.registries import business

    return business.lookup_for_precheck(cert_number=cert_number, nature=nature)


def application_domains(application: dict) -> list[str]:
    """The websites' domains as precheck.md keys `context.domains`: normalised (lower case, punycode)."""
    return [normalise_domain(d) for w in application.get("websites") or () for d in w.get("domains") or ()
            if isinstance(d, str) and d.strip()]


def domain_registry_records(*, application: dict, order: Order | None = None) -> dict[str, dict]:
    """The domain registry's records of the application's domains (unknown ones left out).

    An order that gives something up (取消接入, 注销) is not held to the domain's real-name rules: a domain
    that lapsed or changed hands must not keep its old filing alive."""
    from beian.registries import domains as registry

    if order is not None and order.kind in RELEASE_KINDS:
        return {}
    return registry.records(application_domains(application))


def precheck_context(*, application: dict, order: Order | None = None, today=None,
                     domain_records: dict[str, dict] | None = None) -> dict:
    """precheck.md's `context`, built from this platform's orders and filings plus the ministry's data and
    the domain registry's real-name facts (`domain_records`: as domain_registry_records gives them, looked
    up when not given)."""
    from beian.registries import domains as registry

    today = today or timezone.localdate()
    subject = application.get("subject") or {}
    cert = (subject.get("cert_number") or "").strip().upper()
    domains = application_domains(application)
    if domain_records is None:
        domain_records = domain_registry_records(application=application, order=order)
    cert_keys = blind_indexes(cert, kind=CERT)
    others = InFlightClaim.objects.exclude(order=order) if order else InFlightClaim.objects.all()
    busy_keys = set(others.filter(key__in=[*cert_keys, *domains]).values_list("kind", "key"))
    external = external_lookup(cert_number=cert, domains=domains, mobiles=website_mobiles(application))
    subject_filed = None
    if cert and Filing.objects.filter(cert_index__in=cert_keys, status=Filing.ACTIVE).exists():
        subject_filed = "self"
    elif external.get("subject_filed"):
        subject_filed = "other"
    context = {
        "today": today.isoformat(),
        "subject_filed_with": subject_filed,
        "cert_order_in_progress": any((InFlightClaim.CERT, key) in busy_keys for key in cert_keys),
        "domains": {},
    }
    filed_here = {w.domain: w for w in FiledWebsite.objects.select_related("filing")
                  .filter(domain__in=domains, status=FiledWebsite.ACTIVE)}
    for domain in domains:
        info = {"order_in_progress": (InFlightClaim.DOMAIN, domain) in busy_keys}
        if domain in filed_here:
            info.update(filed_with="self", filed_subject_cert_number=filed_cert_number(filed_here[domain].filing))
        elif domain in external.get("domains", {}):
            info.update(filed_with="other", filed_subject_cert_number=external["domains"][domain])
            # 接入备案 facts (seed 003 §9): a shell site, and whether the typed mobile is the filed one.
            site = external.get("sites", {}).get(domain) or {}
            if "shell" in site:
                info["shell"] = site["shell"]
            if "mobile_matches" in site:
                info["principal_mobile_matches"] = site["mobile_matches"]
        else:
            info["filed_with"] = None
        if domain in domain_records:
            info.update(registry.context_facts(domain_records[domain]))
        context["domains"][domain] = info
    record = business_record(cert_number=cert, nature=subject.get("nature") or "")
    if record is not ...:
        context["business_registry"] = record
    return context


def filed_under_other_account(*, account, application: dict) -> dict:
    """What of this application this provider has filed under ANOTHER account: `subject` (bool: the
    certificate's active filing belongs to another account and the account has none of its own) and
    `domains` (the application's domains whose active filed website is another account's).

    Yes/no answers only: nothing of the other account's filing (its name, numbers, other domains) leaves
    this function. The precheck context stays global (the ministry sees one subject, filed via this
    provider); who may add to that filing is the account's question, asked here (docs/decisions.md).
    """
    subject = application.get("subject") or {}
    cert = (subject.get("cert_number") or "").strip().upper()
    domains = [normalise_domain(d) for w in application.get("websites") or () for d in w.get("domains") or ()
               if isinstance(d, str) and d.strip()]
    found = {"subject": False, "domains": set()}
    if account is None:
        return found
    if cert:
        filed = Filing.objects.filter(cert_index__in=blind_indexes(cert, kind=CERT), status=Filing.ACTIVE)
        found["subject"] = (filed.exclude(account=account).exists()
                            and not filed.filter(account=account).exists())
    if domains:
        found["domains"] = set(FiledWebsite.objects.filter(domain__in=domains, status=FiledWebsite.ACTIVE)
                               .exclude(filing__account=account).values_list("domain", flat=True))
    return found


def filed_cert_number(filing: Filing) -> str:
    """The filing's certificate number, from its (sealed) application: the column only holds its index."""
    return ((filing.application or {}).get("subject") or {}).get("cert_number") or ""


# States only the ministry's answer leads to: an order that was ever in one of them reached the ministry.
MINISTRY_STATES = (states.SMS_VERIFICATION, states.BUREAU_REVIEW, states.APPROVED, states.BUREAU_REJECTED)


def reached_ministry(*, order: Order) -> bool:
    """Whether the order was ever sent to the ministry: then its evidence is 备案审核资料 there (seed 003 §5).
    A submission whose answer was lost counts (the request id is fixed before the call), and so does an order
    the ministry returned or rejected and the applicant then cancelled."""
    if order.ministry_request_id or order.meta.get("submissions"):
        return True
    return order.events.filter(Q(role=transitions.MINISTRY) | Q(to_state__in=MINISTRY_STATES)).exists()


def filing_of(*, order: Order) -> Filing | None:
    """The filing an order belongs to: the one it changes, or the one its approval created or extended."""
    if order.filing_id:
        return order.filing
    number = order.meta.get("icp_number")
    return Filing.objects.filter(subject_number=number).first() if number else None


def orders_of_filing(*, filing: Filing):
    """Every order of a filing: those that changed it and those whose approval created or extended it."""
    return Order.objects.filter(Q(filing=filing) | Q(meta__icp_number=filing.subject_number))


def deregistered_at(*, filing: Filing):
    """When the filing was 注销 (the approval of its 注销主体 order), or None while it lives or when unknown."""
    if filing.status != Filing.DEREGISTERED:
        return None
    return (Order.objects.filter(filing=filing, kind="deregister_subject", state=states.APPROVED)
            .order_by("-state_changed_at").values_list("state_changed_at", flat=True).first())


def orders_for(*, account, include_closed: bool = False):
    qs = Order.objects.filter(account=account)
    if not include_closed:
        qs = qs.exclude(state=states.EXPIRED)
    return qs.order_by("-created_at")


def order_for(*, account, pk) -> Order | None:
    """Object-level authorisation: an applicant only ever sees their own orders."""
    return Order.objects.filter(account=account, pk=pk).first()


def order_by_reference(*, account, reference: str) -> Order | None:
    """The API names orders by reference (BA…); the same account scoping as order_for."""
    return Order.objects.filter(account=account, reference=str(reference)[:20]).first()


NEXT_STEP = {
    states.DRAFT: ("applicant", "继续填写备案信息"),
    states.MATERIALS: ("applicant", "上传资料并完成真实性核验，然后确认提交"),
    states.PROVIDER_REVIEW: ("reviewer", "审核专员将在1个工作日内完成初审并可能电话联系您"),
    states.SUPPLEMENT_REQUIRED: ("applicant", "按审核意见修改或补充资料后重新提交"),
    states.PENDING_MINISTRY: ("system", "平台将在1个工作日内把订单提交管局"),
    states.SMS_VERIFICATION: ("principals", "负责人在24小时内完成工信部短信核验"),
    states.BUREAU_REVIEW: ("ministry", "管局审核，一般1~20个工作日"),
    states.APPROVED: (None, "备案完成：在网站底部放置备案号，并在30日内办理公安联网备案"),
    states.BUREAU_REJECTED: ("applicant", "按管局驳回原因修改后重新提交"),
    states.RETURNED: ("applicant", "查看退回原因，修改或直接重新提交"),
    states.CANCELLED: (None, "订单已取消"),
    states.EXPIRED: (None, "订单已过期，如需备案请重新提交"),
}
APPLICANT_EVENT_KINDS = ("created", "edit", "transition")
ACTOR_LABELS = {"applicant": "您（申请人）", "reviewer": "服务商审核专员", "system": "备案平台", "principals": "负责人",
                "ministry": "管局"}


def progress(*, order: Order) -> dict:
    actor, text = NEXT_STEP[order.state]
    application = order.application or {}
    if order.state == states.APPROVED and application.get("apps") and not application.get("websites"):
        text = msg.APPROVED_APPS_ONLY  # no website: nothing goes in a footer, the APP shows its number
    deadline = None
    if order.state in states.EXPIRABLE:
        base = max(order.last_applicant_update_at, order.state_changed_at)
        deadline = base + EXPIRY
    return {
        "next_step": text,
        "who": ACTOR_LABELS[actor] if actor else msg.FINISHED_BY.get(order.state, "—"),
        "expires_at": deadline,
        "days_left": (deadline - timezone.now()).days if deadline else None,
        # The applicant sees what happened to their order, not the provider's internal work on it.
        "events": merge_repeats(order.events.select_related("actor").filter(kind__in=APPLICANT_EVENT_KINDS)
                                .order_by("at", "id")),
    }


class EventRun:
    """Consecutive identical events as one line of a history: the first event's fields, `count`, and the
    first and last time (`first_at`, `at`). Ten saves of a step read "修改备案信息 ×10", not ten lines."""

    def __init__(self, event):
        self.event, self.count, self.first_at, self.at = event, 1, event.at, event.at

    def __getattr__(self, name):
        return getattr(self.event, name)

    def add(self, event) -> None:
        self.count += 1
        self.first_at, self.at = min(self.first_at, event.at), max(self.at, event.at)


def _same(a, b) -> bool:
    return (a.kind, a.role, a.actor_id, a.from_state, a.to_state, a.reason) == (
        b.kind, b.role, b.actor_id, b.from_state, b.to_state, b.reason)


def merge_repeats(events) -> list[EventRun]:
    """Runs of identical neighbouring events (same kind, who, states and reason) merged, in the given order."""
    runs: list[EventRun] = []
    for event in events:
        if runs and _same(runs[-1].event, event):
            runs[-1].add(event)
        else:
            runs.append(EventRun(event))
    return runs


def sla_due(*, order: Order):
    """The provider's 初审 target: 1 working day after submission."""
    if order.state != states.PROVIDER_REVIEW or not order.submitted_at:
        return None
    from beian.rules.workdays import add_working_days

    return add_working_days(timezone.localtime(order.submitted_at), 1)


def own_filing(*, account, cert_number: str) -> Filing | None:
    """The account's active filing of the subject with this certificate number, if any."""
    cert = (cert_number or "").strip().upper()
    if not cert or account is None:
        return None
    return (Filing.objects.filter(account=account, cert_index__in=blind_indexes(cert, kind=CERT), status=Filing.ACTIVE)
            .order_by("-approved_at").first())


def _fill_blanks(target: dict, known: dict) -> None:
    for key, value in known.items():
        if isinstance(value, str) and value and not (target.get(key) or "").strip():
            target[key] = value


def prefilled_from_filing(*, account, application: dict) -> tuple[dict, Filing | None]:
    """新增网站 under a subject this account filed here: the application with every blank field the
    filing knows (subject, addresses, principal, email, region) filled in; what was typed stays.

    Only the account's own filing is read: a subject filed here by another account is not theirs to copy.
    """
    import copy

    subject = application.get("subject") or {}
    filing = own_filing(account=account, cert_number=subject.get("cert_number") or "")
    if filing is None:
        return application, None
    filed = filing.application or {}
    app = copy.deepcopy(application)
    filed_subject = filed.get("subject") or {}
    app_subject = app.setdefault("subject", {})
    _fill_blanks(app_subject, {k: v for k, v in filed_subject.items() if k != "principal"})
    filed_principal = filed_subject.get("principal") or {}
    principal = app_subject.get("principal")
    if not isinstance(principal, dict) or not any((principal.get(k) or "").strip() for k in ("name", "cert_number")):
        # An untouched principal (the blank form's defaults only) is the filing's principal as a whole.
        app_subject["principal"] = copy.deepcopy(filed_principal)
    else:
        _fill_blanks(principal, filed_principal)
    region, filed_region = app.setdefault("region", {}), filed.get("region") or {}
    from beian.rules.provinces import normalise_province

    if normalise_province(region.get("province") or "") == normalise_province(filed_region.get("province") or ""):
        _fill_blanks(region, {k: filed_region.get(k) for k in ("city", "district")})
    return app, filing


def application_for_new_site(*, account, filing_pk, application: dict) -> dict | None:
    """新增网站 started from one of the account's filings (我的备案): the blank `application` with the
    filing's subject and region, so the applicant only types the new domain. None: not their filing."""
    import copy

    if not str(filing_pk).isdigit():
        return None
    filing = Filing.objects.filter(account=account, pk=int(filing_pk), status=Filing.ACTIVE).first()
    if filing is None:
        return None
    filed = copy.deepcopy(filing.application or {})
    app = copy.deepcopy(application)
    app["region"] = {**(app.get("region") or {}), **(filed.get("region") or {})}
    app["subject"] = {**(app.get("subject") or {}), **(filed.get("subject") or {})}
    return app
