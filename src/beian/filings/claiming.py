"""认领备案 (claim): a filing of this provider moves to the account that proves control of its subject.

Not to be confused with `filings.claims` (the in-flight claims: one order per certificate and domain).

The applicant names the record (its subject number, or a domain of it) and the subject's certificate number. The
record is either the platform's own Filing under another account, or — filed offline or before the platform — the
ministry's record with this provider's access (the ministry port's `claim_record`). Control is proved by the FILED
subject principal: a code sent to their mobile (masked on screen) and a face check of that person (the phone page).
Then the order goes through 初审 to the ministry, which confirms the record (no SMS, no bureau review), and on its
answer the Filing (and its websites) moves to the claiming account, audited, and the old account is told.

Claims of the cert and domains (`filings.claims`) are taken at submit, not at start: whoever can read a public
subject number and a company's public credit code must not be able to block the holder's changes with drafts
(docs/decisions.md). A claim is refused while any order of that cert or those domains is in flight.
"""

import re
from dataclasses import replace

from django.db import transaction
from django.utils import timezone

from beian.filings import messages as msg
from beian.filings import states, transitions
from beian.filings.claims import ClaimConflict, normalise_domain, release_claims, sync_claims
from beian.filings.models import FiledWebsite, Filing, InFlightClaim, Order, OrderEvent
from beian.filings.services import OrderError, create_order, require_verification, transition
from beian.pii.index import CERT, blind_index, blind_indexes
from beian.pii.mask import mask_mobile, mask_name
from beian.rules import domains as dom
from beian.rules.validators import is_mobile
from beian.wizard.models import MobileCode

CLAIM = "claim"
PERSON = "subject_principal"  # whose mobile gets the code and whose face is checked: the FILED subject principal
SOURCES = ("platform", "ministry")
# A subject number (浙ICP备2024000001号); a website number (…号-1) names its subject.
_NUMBER = re.compile(r"^(\S{1,4}ICP备\d{4,}号)(?:-\d+)?$")
EDITABLE = (states.DRAFT, states.MATERIALS, states.RETURNED, states.BUREAU_REJECTED)


def refused(code: str) -> OrderError:
    return OrderError(code, getattr(msg, code))


def parse_query(text: str) -> tuple[str, str]:
    """(subject number, "") or ("", domain) from what the applicant typed; CLAIM_QUERY_INVALID otherwise."""
    text = re.sub(r"\s+", "", text or "")[:255]
    if found := _NUMBER.match(text):
        return found[1], ""
    text = re.sub(r"^https?://", "", text, flags=re.I).split("/")[0]
    parsed = dom.parse(text) if text and "ICP" not in text.upper() else None
    if parsed is None:
        raise refused("CLAIM_QUERY_INVALID")
    return "", parsed.ascii


def _site_rows(websites) -> list[dict]:
    return [{"domain": w["domain"], "name": w["name"], "number": w["number"]} for w in websites]


def _app_rows(apps) -> list[dict]:
    """The record's APPs as the claim lists them (issue 17): name and number (`…号-NA`)."""
    return [{"name": a["name"], "number": a["number"]} for a in apps]


def find_target(*, account, query: str, cert_number: str) -> dict:
    """What the claim is about: {"source", "filing" (the platform's, or None), "number", "name", "application",
    "websites", "from_account"}; OrderError with a CLAIM_* code when there is nothing this account may claim."""
    number, domain = parse_query(query)
    cert = (cert_number or "").strip().upper()[:64]
    if not cert:
        raise refused("CLAIM_CERT_REQUIRED")
    if number:
        filing = Filing.objects.filter(subject_number=number, status=Filing.ACTIVE).first()
    else:
        site = (FiledWebsite.objects.select_related("filing")
                .filter(domain=domain, status=FiledWebsite.ACTIVE, filing__status=Filing.ACTIVE).first())
        filing = site.filing if site else None
    if filing is not None and filing.cert_index in blind_indexes(cert, kind=CERT):
        if filing.account_id == account.pk:
            raise refused("CLAIM_ALREADY_YOURS")
        active = list(filing.websites.filter(status=FiledWebsite.ACTIVE).order_by("seq"))
        if not active:  # every website's and APP's access here was cancelled: the record is no longer this provider's
            raise refused("CLAIM_NOT_AT_PROVIDER")
        # The subject's APPs (FiledWebsite rows of service type APP) move with its websites (issue 17).
        websites, apps = [w for w in active if not w.is_app], [w for w in active if w.is_app]
        application = {**(filing.application or {}), "websites": [dict(w.website or {}) for w in websites],
                       "apps": [dict(a.website or {}) for a in apps]}
        target = {"source": "platform", "filing": filing, "number": filing.subject_number, "name": filing.subject_name,
                  "application": application, "from_account": filing.account_id,
                  "websites": _site_rows({"domain": w.domain, "name": w.name, "number": w.website_number}
                                         for w in websites),
                  "apps": _app_rows({"name": a.name, "number": a.website_number} for a in apps)}
    else:
        target = _ministry_target(account=account, number=number, domain=domain, cert=cert)
    principal = (target["application"].get("subject") or {}).get("principal") or {}
    if not is_mobile((principal.get("mobile") or "").strip()) or not principal.get("cert_number"):
        raise refused("CLAIM_NO_PRINCIPAL")
    return target


def _ministry_target(*, account, number: str, domain: str, cert: str) -> dict:
    """A record the platform has no Filing for (filed offline): the ministry's, when this provider gives it access."""
    from beian.ministry.port import MinistryError
    from beian.ministry.services import adapter

    try:
        answer = adapter().claim_record(subject_number=number, domain=domain, cert_number=cert)
    except MinistryError:
        raise refused("CLAIM_MINISTRY_UNAVAILABLE") from None
    if not answer.get("found"):
        raise refused("CLAIM_NOT_FOUND")
    record = answer.get("record") if answer.get("at_provider") else None
    if not isinstance(record, dict) or not record.get("subject_number"):
        raise refused("CLAIM_NOT_AT_PROVIDER")
    here = Filing.objects.filter(subject_number=record["subject_number"], status=Filing.ACTIVE).first()
    if here is not None:  # the platform holds it under another certificate index (a key rotation): no second copy
        raise refused("CLAIM_ALREADY_YOURS" if here.account_id == account.pk else "CLAIM_NOT_FOUND")
    sites = [w for w in record.get("websites") or () if isinstance(w, dict) and w.get("domain")]
    apps = [a for a in record.get("apps") or () if isinstance(a, dict) and a.get("number")]  # issue 17
    region = dict(record.get("region") or {})
    region.setdefault("province", record.get("province", ""))
    application = {"region": region, "subject": dict(record.get("subject") or {}),
                   "websites": [dict(w.get("website") or {"name": w.get("name", ""), "domains": [w["domain"]]})
                                for w in sites],
                   "apps": [dict(a.get("app") or {"name": a.get("name", "")}) for a in apps]}
    return {"source": "ministry", "filing": None, "number": record["subject_number"], "name": record.get("name", ""),
            "application": application, "from_account": None, "websites": _site_rows(
                {"domain": w["domain"], "name": w.get("name", ""), "number": w.get("number", "")} for w in sites),
            "apps": _app_rows({"name": a.get("name", ""), "number": a["number"]} for a in apps)}


def _busy(application: dict) -> bool:
    """Whether any order (of any account) holds this subject's certificate or one of its domains in flight."""
    cert = ((application.get("subject") or {}).get("cert_number") or "").strip().upper()
    domains = [normalise_domain(d) for w in application.get("websites") or () for d in w.get("domains") or ()
               if isinstance(d, str) and d.strip()]
    held = InFlightClaim.objects.filter(kind=InFlightClaim.CERT, key__in=blind_indexes(cert, kind=CERT)) if cert \
        else InFlightClaim.objects.none()
    return held.exists() or InFlightClaim.objects.filter(kind=InFlightClaim.DOMAIN, key__in=domains).exists()


def open_claim(*, account, number: str) -> Order | None:
    """The account's claim order of this record that is still in flight, if any."""
    return (Order.objects.filter(account=account, kind=CLAIM, state__in=states.IN_FLIGHT, meta__claim__number=number)
            .order_by("-created_at").first())


def start_claim(*, account, query: str, cert_number: str, now=None) -> tuple[Order, bool]:
    """(order, created): the account's claim of the record it names — its open one, or a new draft."""
    target = find_target(account=account, query=query, cert_number=cert_number)
    existing = open_claim(account=account, number=target["number"])
    if existing is not None:
        return existing, False
    if _busy(target["application"]):
        raise refused("CLAIM_IN_FLIGHT")
    now = now or timezone.now()
    try:
        with transaction.atomic():
            order = create_order(account=account, application=target["application"], kind=CLAIM,
                                 filing=target["filing"], now=now)
            release_claims(order=order)  # taken at submit (module docstring)
            order.meta = {"claim": {"number": target["number"], "name": target["name"], "source": target["source"],
                                    "from_account": target["from_account"], "websites": target["websites"],
                                    "apps": target["apps"]}}
            order.save(update_fields=["meta"])
    except ClaimConflict:
        raise refused("CLAIM_IN_FLIGHT") from None
    return order, True


def principal(order: Order) -> dict:
    return ((order.application or {}).get("subject") or {}).get("principal") or {}


def summary(order: Order) -> dict:
    """What the claim page shows: the record (public numbers and names) and the principal masked."""
    claim, person = order.meta.get("claim") or {}, principal(order)
    return {"number": claim.get("number", ""), "name": claim.get("name", ""), "source": claim.get("source", ""),
            "source_label": msg.CLAIM_SOURCES.get(claim.get("source", ""), ""), "websites": claim.get("websites") or [],
            "principal_name": mask_name(person.get("name", "")), "mobile": mask_mobile(person.get("mobile", "")),
            "sms_verified": sms_verified(order)}


def sms_verified(order: Order) -> bool:
    """The filed principal's mobile answered a code sent for this order (wizard.mobile sends and checks it)."""
    mobile = (principal(order).get("mobile") or "").strip()
    return bool(mobile) and MobileCode.objects.filter(MobileCode.for_mobile(mobile), order=order,
                                                      verified_at__isnull=False).exists()


def precheck(order: Order) -> dict:
    """The engine's answer for a claim order (filings.checks.run): nothing to fill in, no ministry SMS; the one
    person to verify is the filed subject principal, whose ID the phone page asks for."""
    cert_type = principal(order).get("cert_type") or "resident_id"
    sides = ("front", "back") if cert_type == "resident_id" else (None,)
    return {"ok": True, "filing_type": None, "sms_targets": [], "findings": [],
            "required_materials": [{"kind": "principal_id", "owner": PERSON, "side": side} for side in sides]}


def _still_claimable(order: Order) -> None:
    claim = order.meta.get("claim") or {}
    filing = order.filing
    if claim.get("source") == "platform" and (
            filing is None or filing.status != Filing.ACTIVE or filing.account_id == order.account_id
            or filing.account_id != claim.get("from_account")
            or not filing.websites.filter(status=FiledWebsite.ACTIVE).exists()):
        raise refused("CLAIM_CHANGED")
    if claim.get("source") == "ministry" and Filing.objects.filter(subject_number=claim.get("number"),
                                                                    status=Filing.ACTIVE).exists():
        raise refused("CLAIM_CHANGED")


def submit_claim(*, order: Order, actor, now=None) -> Order:
    """Proof of control done (code + face) → 初审. Refused, nothing changed, with the first thing missing."""
    if order.kind != CLAIM or order.state not in EDITABLE:
        raise OrderError("transition_not_allowed", msg.TRANSITION_NOT_ALLOWED.format(
            state=order.state_label, target=states.PUBLIC_LABELS[states.PROVIDER_REVIEW]))
    if not sms_verified(order):
        raise refused("CLAIM_SMS_REQUIRED")
    require_verification(order, message=msg.CLAIM_VERIFICATION_REQUIRED)
    _still_claimable(order)
    now = now or timezone.now()
    try:
        with transaction.atomic():
            sync_claims(order=order, application=order.application)
            return transition(order=order, to_state=states.PROVIDER_REVIEW, role=transitions.APPLICANT, actor=actor,
                              payload={"claim": (order.meta.get("claim") or {}).get("number", "")}, now=now)
    except ClaimConflict:
        raise refused("CLAIM_IN_FLIGHT") from None


def apply_claim(*, order: Order, status, now) -> Filing | None:
    """The ministry confirmed the claim: the Filing moves to the claiming account (or, for an offline record, is
    built from the ministry's answer), audited on the order, and the account it left is told. Runs inside the
    ministry result's transaction (ministry.services.record_approval)."""
    from beian.notifications.services import notify

    claim, app = order.meta.get("claim") or {}, order.application or {}
    number = status.icp_number or claim.get("number", "")
    filing = order.filing or Filing.objects.filter(subject_number=number).first()
    old_account = None
    if filing is not None:
        filing = Filing.objects.select_for_update().get(pk=filing.pk)
        if filing.account_id != order.account_id:
            old_account = filing.account
        filing.account, filing.status = order.account, Filing.ACTIVE
        filing.save(update_fields=["account", "status"])
    else:
        subject = app.get("subject") or {}
        filing = Filing.objects.create(
            account=order.account, province=order.province, subject_number=number, subject_name=subject.get("name", ""),
            cert_index=blind_index(subject.get("cert_number") or "", kind=CERT), nature=subject.get("nature", ""),
            approved_at=now, application={k: v for k, v in app.items() if k != "websites"})
        for website in app.get("websites") or ():
            domain = ((website.get("domains") or [""])[0] or "").lower()
            site_number = (status.website_numbers or {}).get(domain, "")
            if "-" not in site_number:
                continue  # not (or no longer) accessed through this provider: not the platform's to hold
            access = website.get("access") or {}
            FiledWebsite.objects.update_or_create(filing=filing, seq=int(site_number.rsplit("-", 1)[1]), defaults={
                "domain": domain, "name": website.get("name", ""), "status": FiledWebsite.ACTIVE,
                "instance_id": access.get("instance_id") or "", "ip": access.get("ip") or "", "approved_at": now,
                "website": website})
        _record_claimed_apps(filing, app.get("apps") or [], status, now)
    Order.objects.filter(pk=order.pk).update(filing=filing)
    active = list(filing.websites.filter(status=FiledWebsite.ACTIVE).order_by("seq"))
    sites = [w.domain for w in active if not w.is_app]
    apps = [w.website_number for w in active if w.is_app]
    from beian.compliance.services import move_followups

    move_followups(websites=active, to_order=order, now=now)  # 公安联网备案 reminders follow the websites
    OrderEvent.objects.create(
        order=order, at=now, role=transitions.MINISTRY, kind="claim", from_state=order.state, to_state=order.state,
        reason=msg.CLAIM_EVENT.format(number=number, source=msg.CLAIM_SOURCES.get(claim.get("source"), "")),
        payload={"number": number, "filing": filing.pk, "source": claim.get("source", ""), "websites": sites, "apps": apps,
                 "from_account": old_account.pk if old_account else None, "to_account": order.account_id})
    if old_account is not None:
        notify(account=old_account, event="filing_claimed", order=None,
               context={"number": number, "name": filing.subject_name, "sites": "、".join(sites) or "—"})
    return filing


def _record_claimed_apps(filing: Filing, apps: list, status, now) -> None:
    """An offline record's APPs the ministry numbered for this provider (status.app_numbers[i] for apps[i], `…号-NA`)
    become FiledWebsite rows of service type APP; an APP without a number is not (or no longer) accessed here."""
    from beian.ministry.services import record_apps

    numbered = [(entry, number) for entry, number in zip(apps, status.app_numbers or (), strict=False)
                if isinstance(entry, dict) and isinstance(number, str) and number.startswith(f"{filing.subject_number}-")]
    if numbered:
        record_apps(filing, [e for e, _ in numbered], replace(status, app_numbers=[n for _, n in numbered]), now)
