"""The ministry's side of the platform's demo orders (`ministry_seed --demo`), from beian.demo_data.

The platform's `beian demo` moves its orders as if this simulator had answered; this seed makes the
simulator hold the same submissions under the same request ids: the 待短信核验 order's SMS codes are in
the outbox, the 管局审核 order waits on the bureau console (not decided by the automatic demo policy),
the approved filing is in the public registry. Idempotent: keyed by request id.
"""

import functools
import secrets
from datetime import timedelta

from django.db import transaction

from beian import demo_data as data
from beian.ministry.simulator import services
from beian.ministry.simulator.models import (
    NumberSequence,
    SmsChallenge,
    SubjectRecord,
    Submission,
    WebsiteRecord,
)
from beian.rules.provinces import normalise_province


def _challenges(submission: Submission, *, now, send: bool, verified: bool) -> None:
    for mobile, last6 in services.sms_targets(submission.kind, submission.application):
        challenge = SmsChallenge(submission=submission, mobile=mobile, cert_last6=last6, code_hash="", sent_at=now,
                                 expires_at=now + services.CODE_VALID)
        if send:  # the code goes to the outbox, where the demo user reads it
            services._send_code(challenge, submission.order_ref, now)
        else:
            challenge.code_hash = services._hash(f"{submission.pk}:{mobile}", f"{secrets.randbelow(10**6):06d}")
        challenge.verified_at = now if verified else None
        challenge.save()


def _registry(spec: dict, submission: Submission, provider, approved_at) -> None:
    """The approved filing in the public registry, its number reserved in the number sequence."""
    number, domain = spec["icp_number"], spec["site"][1]
    subject = submission.application["subject"]
    record, _ = SubjectRecord.objects.get_or_create(number=number, defaults={
        "province": submission.province, "cert_number": subject["cert_number"], "name": subject["name"],
        "nature": subject["nature"], "approved_at": approved_at})
    WebsiteRecord.objects.get_or_create(subject=record, service_type=WebsiteRecord.WEBSITE, seq=1, defaults={
        "domain": domain, "name": spec["site"][0], "providers": [provider.provider_id], "approved_at": approved_at})
    year, value = int(number.split("备")[1][:4]), int(number.split("备")[1][4:10])
    sequence, _ = NumberSequence.objects.get_or_create(province=submission.province, year=year)
    if sequence.next_value <= value:
        sequence.next_value = value + 1
        sequence.save()
    submission.icp_number, submission.website_numbers = number, {domain: f"{number}-1"}
    for app in submission.application.get("apps") or ():  # the demo's filed APP: 西溪生活 -1A
        WebsiteRecord.objects.get_or_create(subject=record, service_type=WebsiteRecord.APP, seq=1, defaults={
            "domain": "", "name": app["name"], "domains": app.get("domains") or [],
            "platforms": [{"platform": p["platform"], "package_name": p["package_name"]} for p in app["platforms"]],
            "providers": [provider.provider_id], "approved_at": approved_at})
        submission.app_numbers = [f"{number}-1A"]


def _at(spec: dict, now, step: str):
    """When the platform's demo order took this step (the approved filing is three months old)."""
    return now - timedelta(days=next((d for d, s in spec["steps"] if s == step), 0))


def seed_demo(*, provider, now) -> list[str]:
    made = []
    for spec in data.ORDERS:
        status = spec.get("ministry")
        request_id = data.request_id(spec)
        if status is None or Submission.objects.filter(request_id=request_id).exists():
            continue
        application = data.application(spec)
        at = functools.partial(_at, spec, now)
        with transaction.atomic():
            submission = Submission.objects.create(
                request_id=request_id, provider=provider, order_ref=spec["reference"], kind="first",
                province=normalise_province(application["region"]["province"]) or "", application=application,
                created_at=at("ministry:sms"), status=Submission.SMS)
            _challenges(submission, now=at("ministry:sms"), send=status == "sms", verified=status != "sms"
                        and status != "returned")
            if status in ("bureau", "approved", "rejected"):
                submission.status, submission.bureau_since = Submission.BUREAU, at("ministry:bureau")
                submission.manual_only = status == "bureau"
            if status == "approved":
                _registry(spec, submission, provider, at("ministry:approved"))
                submission.status, submission.decided_at = Submission.APPROVED, at("ministry:approved")
            elif status == "rejected":
                submission.status, submission.reason = Submission.REJECTED, data.REJECTED_REASON
                submission.decided_at = at("ministry:rejected")
            elif status == "returned":
                SmsChallenge.objects.filter(submission=submission).update(expires_at=at("ministry:returned"))
                submission.status, submission.reason = Submission.RETURNED, data.RETURNED_REASON
                submission.decided_at = at("ministry:returned")
            submission.save()
        made.append(f"{request_id} {submission.status_label}")
    return made
