"""What the simulated ministry does with a submission. Time is always passed in (`now`) for tests."""

import hashlib
import re
import secrets
import uuid
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import Q

from beian.ministry.simulator import messages as msg
from beian.ministry.simulator import push
from beian.ministry.simulator.models import (
    NumberSequence,
    Result,
    SentSms,
    SmsChallenge,
    SubjectRecord,
    Submission,
    WebsiteRecord,
)
from beian.rules.provinces import PROVINCES, normalise_province

CODE_VALID = timedelta(hours=24)
MAX_RESENDS = 2
MAX_WRONG = 5
NEW_FILING = {"first", "new_site_elsewhere", "new_site_here", "access"}
CHANGES = {"change_subject", "change_website", "change_access"}
WAITING = (Submission.ACCEPTED, Submission.SMS, Submission.BUREAU)
FILED_SITE = (WebsiteRecord.ACTIVE, WebsiteRecord.SHELL)  # a shell site keeps its number: its domain is filed
WEBSITE, APP = WebsiteRecord.WEBSITE, WebsiteRecord.APP
PLATFORMS = ("android", "ios", "harmony", "other")
# 网站备案号 `<subject>-<N>`, APP备案号 `<subject>-<N>A` (precheck.md "APP filing").
SITE_NUMBER = re.compile(r"^(?P<subject>.+号)-(?P<seq>[1-9]\d{0,5})(?P<app>A?)$")


def _hash(challenge_id_seed: str, code: str) -> str:
    return hashlib.sha256(f"{challenge_id_seed}:{code}".encode()).hexdigest()


def sms_targets(kind: str, application: dict) -> list[tuple[str, str]]:
    """(mobile, last 6 of the certificate) per target, as lifecycle.md sets them per filing type."""
    subject = application.get("subject") or {}
    subject_principal = subject.get("principal") or {}
    # Website principals first, then APP principals (precheck.md "APP filing"); each mobile once below.
    website_principals = [w.get("principal") or subject_principal
                          for w in [*(application.get("websites") or ()), *(application.get("apps") or ())]]
    if kind == "first":
        people = [subject_principal, *website_principals]
    elif kind in ("new_site_elsewhere", "new_site_here", "access", "change_website", "deregister_website"):
        people = website_principals
    elif kind in ("change_subject", "deregister_subject"):
        people = [subject_principal]
    else:  # change_access, cancel_access
        people = []
    targets: dict[str, str] = {}
    for person in people:
        mobile = (person.get("mobile") or "").strip()
        if mobile and mobile not in targets:  # same mobile -> one code (seed 003 §9)
            targets[mobile] = (person.get("cert_number") or "").strip().upper()[-6:]
    return list(targets.items())


def _result(submission: Submission, now) -> None:
    Result.objects.create(result_id=uuid.uuid4().hex, submission=submission, status=submission.status,
                          reason=submission.reason, created_at=now)
    push.deliver_soon(submission.provider_id)


def _send_code(challenge: SmsChallenge, order_ref: str, now) -> None:
    code = f"{secrets.randbelow(10**6):06d}"
    challenge.code_hash = _hash(f"{challenge.submission_id}:{challenge.mobile}", code)
    challenge.sent_at, challenge.expires_at = now, now + CODE_VALID
    SentSms.objects.create(mobile=challenge.mobile, body=msg.SMS_TEXT.format(code=code, order_ref=order_ref), created_at=now)


def submit(*, provider, request_id: str, order_ref: str, kind: str, application: dict, filing_number: str = "",
           domain: str = "", app_number: str = "", changes: list | None = None, now) -> tuple[Submission, bool]:
    """Accept a filing. Idempotent by request_id: a repeat returns the first submission, creates nothing."""
    existing = Submission.objects.filter(request_id=request_id).first()
    if existing is not None:
        return existing, False
    province = normalise_province((application.get("region") or {}).get("province") or "") or ""
    with transaction.atomic():
        submission = Submission.objects.create(request_id=request_id, provider=provider, order_ref=order_ref, kind=kind,
                                               province=province, application=application, filing_number=filing_number,
                                               domain=domain, app_number=app_number, changes=changes or [],
                                               created_at=now)
        if reason := refusal(kind=kind, province=province, application=application, provider_id=provider.provider_id):
            _return(submission, reason, now)  # the ministry's system refuses it on receipt: no SMS
            return submission, True
        targets = sms_targets(kind, application)
        for mobile, last6 in targets:
            challenge = SmsChallenge(submission=submission, mobile=mobile, cert_last6=last6, code_hash="",
                                     sent_at=now, expires_at=now)
            _send_code(challenge, order_ref, now)
            challenge.save()
        submission.status = Submission.SMS if targets else Submission.BUREAU
        submission.bureau_since = None if targets else now
        submission.save()
        _result(submission, now)
    return submission, True


def _website_mobile(application: dict, website: dict) -> str:
    person = website.get("principal") or (application.get("subject") or {}).get("principal") or {}
    return (person.get("mobile") or "").strip()


def _first_domain(website: dict) -> str:
    return ((website.get("domains") or [""])[0] or "").strip().lower()


def _apps(application: dict) -> list[dict]:
    return [a for a in application.get("apps") or () if isinstance(a, dict)]


def _platforms(app: dict) -> list[dict]:
    """An APP's platforms as the registry keeps them (what the public query shows: no keys, no fingerprints)."""
    return [{"platform": str(p.get("platform") or ""), "package_name": str(p.get("package_name") or "").strip()}
            for p in app.get("platforms") or () if isinstance(p, dict)]


def _pairs(platforms: list[dict]) -> set[tuple[str, str]]:
    return {(p["platform"], p["package_name"]) for p in platforms if p["package_name"]}


def filed_app(platform: str, package_name: str) -> WebsiteRecord | None:
    """The filed (active or shell) APP that has this package name on this platform, compared exactly."""
    candidates = WebsiteRecord.objects.select_related("subject").filter(
        service_type=APP, status__in=FILED_SITE, platforms__icontains=package_name)
    return next((r for r in candidates if (platform, package_name) in _pairs(r.platforms)), None)


def next_seq(record: SubjectRecord, service_type: str = WEBSITE) -> int:
    """The next number of a website (or of an APP: their own sequence) under the subject; never reused."""
    return (record.websites.filter(service_type=service_type).order_by("-seq").values_list("seq", flat=True).first()
            or 0) + 1


def _change_in_flight(*, cert: str, record: SubjectRecord | None, province: str, kind: str) -> str:
    """The ordering rules: no 新增网站 while a 变更主体 of the subject is in flight (HW流程), and in a province whose
    rule forbids it (河北) no 新增网站/接入 alongside any 变更 of the subject."""
    changes = Submission.objects.filter(status__in=WAITING, kind__in=CHANGES).filter(
        Q(application__subject__cert_number=cert) | Q(filing_number=record.number if record else "-"))
    rules = PROVINCES.get(province)
    if rules is not None and rules.special_rule("no_new_site_with_change") is not None and changes.exists():
        return msg.REFUSED_PROVINCE_TOGETHER.format(province=rules.short)
    if kind != "access" and changes.filter(kind="change_subject").exists():
        return msg.REFUSED_CHANGE_SUBJECT_IN_FLIGHT
    return ""


def refusal(*, kind: str, province: str, application: dict, provider_id: str) -> str:
    """Why the ministry's system refuses a new filing on receipt ("" = accepted), against its own registry:
    首次 for a filed subject; 新增网站 for a subject not (or no longer) filed, or a domain already filed; 接入 of a
    domain not filed, filed by another subject, a shell site (seed 003 §9: deregister and file anew), or with a
    website principal's mobile that is not the filed one (seed 003 §9: change it at the old provider first)."""
    if kind not in NEW_FILING:
        return ""
    cert = ((application.get("subject") or {}).get("cert_number") or "").strip().upper()
    record = SubjectRecord.objects.filter(cert_number=cert, status=SubjectRecord.ACTIVE).first() if cert else None
    if kind == "first" and record is not None:
        return msg.REFUSED_CERT_FILED
    if kind in ("new_site_here", "new_site_elsewhere") and record is None:
        return msg.REFUSED_SUBJECT_NOT_FILED
    if kind != "first" and (reason := _change_in_flight(cert=cert, record=record, province=province, kind=kind)):
        return reason
    for entry in _apps(application):
        if kind == "access":  # an APP is new wherever it is filed (precheck.md: it counts as an unfiled website)
            return msg.REFUSED_ACCESS_APP.format(name=entry.get("name") or "")
        for platform, package in _pairs(_platforms(entry)):
            if filed_app(platform, package) is not None:
                return msg.REFUSED_APP_FILED.format(name=entry.get("name") or "", package=package)
    for website in application.get("websites") or ():
        domain = _first_domain(website)
        site = (WebsiteRecord.objects.select_related("subject")
                .filter(service_type=WEBSITE, domain=domain, status__in=FILED_SITE).first())
        if kind != "access":
            if site is not None:
                return msg.REFUSED_DOMAIN_FILED.format(domain=domain)
        elif site is None:
            return msg.REFUSED_ACCESS_NOT_FILED.format(domain=domain)
        elif site.subject.cert_number != cert:
            return msg.REFUSED_ACCESS_OTHER_SUBJECT.format(domain=domain)
        elif site.status == WebsiteRecord.SHELL:
            return msg.REFUSED_ACCESS_SHELL.format(domain=domain)
        elif site.principal_mobile and not secrets.compare_digest(site.principal_mobile, _website_mobile(application, website)):
            return msg.REFUSED_ACCESS_MOBILE.format(domain=domain)
        elif provider_id in site.providers:
            return msg.REFUSED_ACCESS_ALREADY.format(domain=domain)
    return ""


def _pending(mobile: str):
    return (SmsChallenge.objects.select_related("submission")
            .filter(mobile=mobile, verified_at__isnull=True, submission__status=Submission.SMS).order_by("-sent_at"))


def _return(submission: Submission, reason: str, now) -> None:
    submission.status, submission.reason, submission.decided_at = Submission.RETURNED, reason, now
    submission.save()
    _result(submission, now)


def _code_matches(challenge: SmsChallenge, code: str) -> bool:
    return secrets.compare_digest(challenge.code_hash, _hash(f"{challenge.submission_id}:{challenge.mobile}", code.strip()))


def verify(*, code: str, mobile: str, cert_last6: str, now) -> tuple[bool, str, bool]:
    """(verified, message, identified) for one entry on the public SMS page.

    Only an entry that identifies a waiting filing (its mobile and the last 6 characters of that person's
    certificate) counts against it: the 5th wrong code returns the filing. An entry with a wrong last 6 identifies
    nothing and counts against no filing (identified=False), so knowing someone's mobile is not enough to get
    their filing returned; the page limits such entries per mobile and per address instead.
    """
    with transaction.atomic():
        pending = list(_pending(mobile).select_for_update())
        if not pending:
            return False, msg.SMS_NOT_FOUND, False
        mine = [c for c in pending if c.cert_last6 == cert_last6.strip().upper()]
        if not mine:
            return False, msg.SMS_NO_RECORD, False
        # One person may have several filings waiting, one SMS each: the code says which one it answers;
        # a code that answers none counts against the latest.
        challenge = next((c for c in mine if _code_matches(c, code)), mine[0])
        submission = challenge.submission
        if challenge.expires_at <= now:
            _return(submission, msg.RETURNED_TIMEOUT, now)
            return False, msg.SMS_EXPIRED, True
        if not _code_matches(challenge, code):
            challenge.wrong_count += 1
            challenge.save()
            if challenge.wrong_count >= MAX_WRONG:
                _return(submission, msg.RETURNED_WRONG, now)
                return False, msg.SMS_TOO_MANY, True
            return False, msg.SMS_WRONG.format(left=MAX_WRONG - challenge.wrong_count), True
        challenge.verified_at = now
        challenge.save()
        if submission.challenges.filter(verified_at__isnull=True).exists():
            return True, msg.SMS_VERIFIED_PARTIAL, True
        submission.status, submission.bureau_since = Submission.BUREAU, now
        submission.save()
        _result(submission, now)
        return True, msg.SMS_VERIFIED_ALL, True


def resend(*, mobile: str, cert_last6: str, now) -> tuple[bool, str, bool]:
    """(sent, message, identified): like `verify`, a resend needs the mobile and the right last 6."""
    with transaction.atomic():
        pending = _pending(mobile)
        if not pending.exists():
            return False, msg.SMS_NO_PENDING_RESEND, False
        challenge = pending.filter(cert_last6=cert_last6.strip().upper()).select_for_update().first()
        if challenge is None:
            return False, msg.SMS_NO_RECORD, False
        if challenge.resends >= MAX_RESENDS:
            return False, msg.SMS_RESEND_LIMIT, True
        challenge.resends += 1
        _send_code(challenge, challenge.submission.order_ref, now)
        challenge.save()
        return True, msg.SMS_RESENT, True


def _next_subject_number(province: str, now) -> str:
    seq, _ = NumberSequence.objects.select_for_update().get_or_create(province=province, year=now.year)
    value = seq.next_value
    seq.next_value += 1
    seq.save()
    return f"{PROVINCES[province].icp_prefix}ICP备{now.year}{value:06d}号"


def _domains(website: dict) -> list[str]:
    return [d.strip().lower() for d in website.get("domains") or () if isinstance(d, str) and d.strip()]


def _apply_approval(submission: Submission, now) -> None:
    app, kind = submission.application, submission.kind
    subject = app.get("subject") or {}
    cert = (subject.get("cert_number") or "").strip().upper()
    record = SubjectRecord.objects.filter(province=submission.province, cert_number=cert,
                                          status=SubjectRecord.ACTIVE).first()
    if kind in CHANGES and submission.filing_number:
        # A change names its filing by number: a 变更主体 may give the subject a new certificate number.
        record = SubjectRecord.objects.filter(number=submission.filing_number, status=SubjectRecord.ACTIVE).first()
    if kind in NEW_FILING:
        if record is None:
            record = SubjectRecord.objects.create(province=submission.province, cert_number=cert, name=subject.get("name", ""),
                                                  nature=subject.get("nature", ""), approved_at=now,
                                                  number=_next_subject_number(submission.province, now))
        numbers = {}
        for website in app.get("websites") or ():
            domain = _first_domain(website)
            site = WebsiteRecord.objects.filter(service_type=WEBSITE, domain=domain, status__in=FILED_SITE).first()
            if site is None:
                site = WebsiteRecord.objects.create(subject=record, seq=next_seq(record), domain=domain,
                                                    name=website.get("name", ""),
                                                    domains=_domains(website), providers=[submission.provider.provider_id],
                                                    approved_at=now, principal_mobile=_website_mobile(app, website))
            elif submission.provider.provider_id not in site.providers:
                site.providers = [*site.providers, submission.provider.provider_id]
                site.status = WebsiteRecord.ACTIVE
                site.save()
            numbers[domain] = site.number
        app_numbers = []
        for entry in _apps(app):  # every APP is new: its own number, in the APPs' own sequence
            site = WebsiteRecord.objects.create(subject=record, service_type=APP, seq=next_seq(record, APP), domain="",
                                                name=str(entry.get("name") or ""), domains=_domains(entry),
                                                platforms=_platforms(entry), providers=[submission.provider.provider_id],
                                                approved_at=now, principal_mobile=_website_mobile(app, entry))
            app_numbers.append(site.number)
        submission.icp_number, submission.website_numbers, submission.app_numbers = record.number, numbers, app_numbers
        return
    if record is None:
        return
    sites = record.websites.exclude(status=WebsiteRecord.DEREGISTERED)
    if submission.app_number:  # an APP is named by its number, a website by its domain
        sites = sites.filter(service_type=APP, seq=_app_seq(record, submission.app_number))
    elif submission.domain:
        sites = sites.filter(service_type=WEBSITE, domain=submission.domain)
    if kind == "change_subject":
        record.name = subject.get("name") or record.name
        record.cert_number = cert or record.cert_number
        record.nature = subject.get("nature") or record.nature
        record.save()
    elif kind == "change_website":
        _change_websites([s for s in sites if not s.is_app], app.get("websites") or ())
        _change_apps([s for s in sites if s.is_app], _apps(app))
    elif kind == "cancel_access":
        for site in sites:
            site.providers = [p for p in site.providers if p != submission.provider.provider_id]
            site.status = WebsiteRecord.ACTIVE if site.providers else WebsiteRecord.SHELL
            site.save()
    elif kind == "deregister_website":
        sites.update(status=WebsiteRecord.DEREGISTERED)
    elif kind == "deregister_subject":
        record.websites.update(status=WebsiteRecord.DEREGISTERED)
        record.status = SubjectRecord.DEREGISTERED
        record.save()
    submission.icp_number = record.number
    submission.website_numbers = {s.domain: s.number for s in record.websites.filter(service_type=WEBSITE)}
    submission.app_numbers = _numbers_of_apps(record, _apps(app), submission.app_number)


def _app_seq(record: SubjectRecord, number: str) -> int:
    """The seq of the APP number `number` under this subject (0 = not one of its APP numbers)."""
    match = SITE_NUMBER.match(number.strip())
    if match is None or not match["app"] or match["subject"] != record.number:
        return 0
    return int(match["seq"])


def _pair_app(records: list[WebsiteRecord], entry: dict) -> WebsiteRecord | None:
    """The filed APP an entry of `apps` is: the one sharing a (platform, package name) with it."""
    mine = _pairs(_platforms(entry))
    return next((r for r in records if _pairs(r.platforms) & mine), None)


def _numbers_of_apps(record: SubjectRecord, apps: list[dict], app_number: str) -> list[str]:
    """app_numbers[i] for a change kind's apps[i]: the APP the submission names, else the filed APP sharing a
    package name with it ("" when none does)."""
    if app_number and len(apps) == 1:
        return [app_number]
    filed = list(record.websites.filter(service_type=APP).order_by("seq"))
    return [(found.number if (found := _pair_app(filed, entry)) else "") for entry in apps]


def _change_apps(records: list[WebsiteRecord], apps: list[dict]) -> None:
    """变更网站 of an APP (named by its number): the APP takes the changed name, platforms and domains. With one APP
    named and one entry, they are each other; otherwise an entry is the APP it shares a package name with."""
    for entry in apps:
        site = records[0] if len(records) == 1 and len(apps) == 1 else _pair_app(records, entry)
        if site is None:
            continue
        site.name = str(entry.get("name") or "") or site.name
        site.platforms = _platforms(entry) or site.platforms
        site.domains = _domains(entry)
        site.save()


def _change_websites(sites: list[WebsiteRecord], websites) -> None:
    """变更网站: each filed website takes its new name and keeps only the domains the change kept (seed 003 §3.1:
    removals only), found by a domain they share; its first remaining domain is the one it is known by."""
    for website in websites:
        kept = _domains(website)
        site = next((s for s in sites if set(s.all_domains) & set(kept)), None)
        if site is None or not kept:
            continue
        site.domains = [d for d in site.all_domains if d in kept] or site.all_domains
        site.domain = site.domains[0]
        site.name = website.get("name") or site.name
        site.save()


def decide(*, submission: Submission, approve: bool, reason: str = "", now) -> Submission:
    with transaction.atomic():
        locked = Submission.objects.select_for_update().get(pk=submission.pk)
        if locked.status != Submission.BUREAU:
            return locked
        if approve:
            _apply_approval(locked, now)
            locked.status = Submission.APPROVED
        else:
            locked.status, locked.reason = Submission.REJECTED, reason or msg.REJECTION_REASONS[0]
        locked.decided_at = now
        locked.save()
        _result(locked, now)
    return locked


def tick(*, now) -> dict:
    """Time passes at the ministry: SMS timeouts, the automatic bureau policy for demo runs, and
    (re)delivery of pushed results that are due."""
    counts = {"timeouts": 0, "decided": 0}
    try:
        return _tick(counts, now)
    finally:
        counts.update(push.deliver(now=now))


def _tick(counts: dict, now) -> dict:
    for submission in Submission.objects.filter(status=Submission.SMS):
        if submission.challenges.filter(verified_at__isnull=True, expires_at__lte=now).exists():
            with transaction.atomic():
                _return(submission, msg.RETURNED_TIMEOUT, now)
            counts["timeouts"] += 1
    delay = getattr(settings, "MINISTRY_AUTO_DELAY_WORKDAYS", None)
    if delay is None:
        return counts
    from beian.rules.workdays import add_working_days

    rate = getattr(settings, "MINISTRY_AUTO_REJECT_RATE", 0.0)
    for submission in Submission.objects.filter(status=Submission.BUREAU, bureau_since__isnull=False, manual_only=False):
        if add_working_days(submission.bureau_since, delay) > now and delay > 0:
            continue
        # Deterministic per request id, so a demo run is reproducible.
        reject = int(hashlib.sha256(submission.request_id.encode()).hexdigest()[:8], 16) / 0xFFFFFFFF < rate
        decide(submission=submission, approve=not reject, reason=msg.REJECTION_REASONS[0] if reject else "", now=now)
        counts["decided"] += 1
    return counts


def provider_check(*, cert_number: str, domains: list[str], exclude_provider: str,
                   mobiles: dict[str, str] | None = None) -> dict:
    """Filings made through other providers (for the provider's basic-info check). A shell site (no provider) is
    filed too. `sites` says per such domain whether it is a shell and, for a domain given with the applicant's
    website principal mobile (`mobiles`), whether that is the filed one: compared here, never returned."""
    cert = cert_number.strip().upper()
    subjects = SubjectRecord.objects.filter(cert_number=cert, status=SubjectRecord.ACTIVE) if cert else SubjectRecord.objects.none()
    subject_filed = any(
        any(exclude_provider not in site.providers for site in s.websites.filter(status=WebsiteRecord.ACTIVE))
        or not s.websites.exists() for s in subjects)
    found, sites = {}, {}
    for site in WebsiteRecord.objects.select_related("subject").filter(service_type=WEBSITE, domain__in=domains,
                                                                          status__in=FILED_SITE):
        if exclude_provider in site.providers:
            continue
        found[site.domain] = site.subject.cert_number
        sites[site.domain] = {"shell": site.status == WebsiteRecord.SHELL}
        if (mobile := (mobiles or {}).get(site.domain)) and site.principal_mobile:
            sites[site.domain]["mobile_matches"] = secrets.compare_digest(mobile, site.principal_mobile)
    return {"subject_filed": subject_filed, "domains": found, "sites": sites}
