"""认领 (claim) at the simulated ministry: the provider looks up a record it gives access to, and confirms a claim.

A claim changes nothing in the ministry's record: which of the provider's accounts holds a filing is the provider's
matter. The ministry only confirms that the record exists, is still active, belongs to the certificate the claimant
named and that this provider gives access to at least one of its websites or APPs; it answers at once, with the record's
numbers (no SMS, no bureau review: docs/decisions.md).
"""

from django.db import transaction

from beian.ministry.simulator import messages as msg
from beian.ministry.simulator.models import SubjectRecord, Submission, WebsiteRecord
from beian.ministry.simulator.services import _result
from beian.rules.provinces import normalise_province


def _record_for(*, subject_number: str, domain: str, cert_number: str):
    record = None
    if subject_number:
        record = SubjectRecord.objects.filter(number=subject_number.strip(), status=SubjectRecord.ACTIVE).first()
    elif domain:
        site = (WebsiteRecord.objects.select_related("subject")
                .filter(service_type=WebsiteRecord.WEBSITE, domain=domain.strip().lower(),
                        status__in=[WebsiteRecord.ACTIVE, WebsiteRecord.SHELL]).first())
        record = site.subject if site and site.subject.status == SubjectRecord.ACTIVE else None
    cert = (cert_number or "").strip().upper()
    # A record whose certificate is not the one named is "not found": a number alone must not reveal anything.
    return record if record is not None and cert and record.cert_number == cert else None


def _provider_sites(record: SubjectRecord, provider_id: str, service_type: str = WebsiteRecord.WEBSITE) -> list[WebsiteRecord]:
    """The record's websites (or APPs, issue 17) this provider gives access to: what a claim moves."""
    return [s for s in record.websites.filter(status=WebsiteRecord.ACTIVE, service_type=service_type)
            .order_by("seq") if provider_id in s.providers]


def _filed_data(record: SubjectRecord) -> tuple[dict, dict, dict, dict]:
    """(region, subject, {domain: website}, {APP number: apps[i]}) as last approved, from the record's approved
    submissions (newest first)."""
    region, subject, websites, apps = {}, {}, {}, {}
    for submission in Submission.objects.filter(icp_number=record.number, status=Submission.APPROVED).order_by("-decided_at", "-id"):
        app = submission.application or {}
        if not subject and app.get("subject"):
            subject, region = app["subject"], app.get("region") or {}
        for website in app.get("websites") or ():
            domain = ((website.get("domains") or [""])[0] or "").strip().lower()
            websites.setdefault(domain, website)
        for entry, number in zip(app.get("apps") or (), submission.app_numbers or (), strict=False):
            if isinstance(entry, dict) and number:
                apps.setdefault(number, entry)
    return region, subject, websites, apps


def _pairs(platforms) -> set[tuple[str, str]]:
    return {(str(p.get("platform") or ""), str(p.get("package_name") or "")) for p in platforms or ()
            if isinstance(p, dict) and p.get("package_name")}


def _app_numbers(apps: list, records: list[WebsiteRecord]) -> list[str]:
    """app_numbers[i] for a claim's apps[i]: the provider's filed APP sharing a (platform, package name) with it,
    else the one of the same name; "" when none (it is then not moved)."""
    out, left = [], list(records)
    for entry in apps:
        entry = entry if isinstance(entry, dict) else {}
        found = next((r for r in left if _pairs(r.platforms) & _pairs(entry.get("platforms"))), None) or next(
            (r for r in left if r.name and r.name == entry.get("name")), None)
        out.append(found.number if found else "")
        if found:
            left.remove(found)
    return out


def lookup(*, provider, subject_number: str = "", domain: str = "", cert_number: str = "") -> dict:
    """{"found": False} | {"found": True, "at_provider": False} | {"found": True, "at_provider": True, "record": …}.
    Only a record this provider gives access to is described, and only to this provider."""
    record = _record_for(subject_number=subject_number, domain=domain, cert_number=cert_number)
    if record is None:
        return {"found": False}
    sites = _provider_sites(record, provider.provider_id)
    apps = _provider_sites(record, provider.provider_id, WebsiteRecord.APP)
    if not sites and not apps:
        return {"found": True, "at_provider": False}
    region, subject, websites, filed_apps = _filed_data(record)
    return {"found": True, "at_provider": True, "record": {
        "subject_number": record.number, "province": record.province, "name": record.name, "nature": record.nature,
        "region": region, "subject": {**subject, "name": record.name, "cert_number": record.cert_number},
        "websites": [{"number": s.number, "domain": s.domain, "name": s.name,
                      "website": websites.get(s.domain) or {"name": s.name, "domains": [s.domain]}} for s in sites],
        # The record's APPs at this provider (issue 17): a claimed subject's APPs move with its websites.
        "apps": [{"number": a.number, "name": a.name,
                  "app": filed_apps.get(a.number) or {"name": a.name, "platforms": list(a.platforms or [])}}
                 for a in apps]}}


def submit(*, provider, request_id: str, order_ref: str, application: dict, filing_number: str = "", now):
    """Confirm a claim: approved at once with the record's numbers, or returned with the reason. Idempotent."""
    existing = Submission.objects.filter(request_id=request_id).first()
    if existing is not None:
        return existing, False
    subject = application.get("subject") or {}
    cert = (subject.get("cert_number") or "").strip().upper()
    province = normalise_province((application.get("region") or {}).get("province") or "") or ""
    record = None
    if filing_number:
        record = _record_for(subject_number=filing_number, domain="", cert_number=cert)
    elif cert:
        found = SubjectRecord.objects.filter(cert_number=cert, status=SubjectRecord.ACTIVE)
        record = (found.filter(province=province) if province else found).first()
    sites = _provider_sites(record, provider.provider_id) if record else []
    apps = _provider_sites(record, provider.provider_id, WebsiteRecord.APP) if record else []
    with transaction.atomic():
        submission = Submission(request_id=request_id, provider=provider, order_ref=order_ref, kind="claim",
                                province=province, application=application, filing_number=filing_number,
                                created_at=now, decided_at=now)
        if sites or apps:
            submission.status = Submission.APPROVED
            submission.icp_number = record.number
            submission.website_numbers = {s.domain: s.number for s in sites}
            submission.app_numbers = _app_numbers(application.get("apps") or [], apps)
        else:
            submission.status = Submission.RETURNED
            submission.reason = msg.CLAIM_NOT_HERE if record else msg.CLAIM_NO_RECORD
        submission.save()
        _result(submission, now)
    return submission, True
