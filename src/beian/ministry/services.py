"""The workflow side of the ministry port: submit after 初审, pull results, apply each result once."""

import logging
import re
from datetime import timedelta

from django.db import IntegrityError, transaction
from django.utils import timezone

from beian.compliance.footer import copyright_holder, footer_html
from beian.filings import states, transitions
from beian.filings.changes import as_filed, pair_websites
from beian.filings.diff import masked, order_changes
from beian.filings.models import FiledWebsite, Filing, Order, Timer
from beian.filings.services import OrderError, transition
from beian.ministry import messages as msg
from beian.ministry.models import MinistryCursor, MinistryResult
from beian.ministry.port import MinistryRejected, MinistryUnavailable, Status
from beian.pii.index import CERT, blind_index

log = logging.getLogger(__name__)
APP_NUMBER = re.compile(r"-([1-9]\d{0,5})A$")  # APP备案号 `<subject>-<N>A`
FILED_ONLY = ("websites", "apps")  # a Filing keeps the subject; its websites and APPs are FiledWebsite rows
SUBMIT_TIMER = "ministry_submit"
ADAPTER = None  # tests may point this at another adapter; None = settings' HTTP adapter


def adapter():
    from beian.ministry.adapter_http import default

    return ADAPTER or default()


def arm_submit(order: Order, now, attempt: int = 0) -> None:
    delay = timedelta(seconds=0 if attempt == 0 else min(30 * 2 ** (attempt - 1), 3600))
    Timer.objects.update_or_create(order=order, kind=SUBMIT_TIMER,
                                   defaults={"due_at": now + delay, "done_at": None})
    meta = dict(order.meta, submit_attempts=attempt)
    Order.objects.filter(pk=order.pk).update(meta=meta)


def submit(*, order: Order, now=None) -> Status | None:
    """Send a pending order to the ministry. Idempotent: the request id is fixed before the call, so a
    retry after a lost answer cannot create a second filing."""
    now = now or timezone.now()
    order.refresh_from_db()
    if order.state != states.PENDING_MINISTRY:
        return None
    if not order.ministry_request_id:
        count = int(order.meta.get("submissions", 0)) + 1
        order.ministry_request_id = f"{order.reference}-{count}"
        order.meta = dict(order.meta, submissions=count)
        order.save(update_fields=["ministry_request_id", "meta"])
    website = order.filed_website
    # A website-level kind names its website by domain, an APP by its number (an APP has no domain).
    named = {"app_number": website.website_number} if website is not None and website.is_app else {}
    try:
        status = adapter().submit(request_id=order.ministry_request_id, order_ref=order.reference, kind=order.kind,
                                  application=order.application, filing_number=order.filing.subject_number if order.filing else "",
                                  domain=website.domain if website else "", changes=order_changes(order) or [], **named)
    except MinistryUnavailable:
        attempt = int(order.meta.get("submit_attempts", 0)) + 1
        arm_submit(order, now, attempt)
        order.refresh_from_db()
        order.meta = dict(order.meta, ministry_note=msg.SUBMIT_RETRY.format(attempt=attempt))
        order.save(update_fields=["meta"])
        log.warning("ministry unavailable for %s (attempt %s)", order.reference, attempt)
        return None
    except MinistryRejected as exc:
        transition(order=order, to_state=states.RETURNED, role=transitions.MINISTRY,
                   reason=msg.RETURNED_BY_MINISTRY.format(reason=exc.message), now=now)
        return None
    Timer.objects.filter(order=order, kind=SUBMIT_TIMER).update(done_at=now)
    apply_status(order=order, status=status, now=now)
    return status


# Which transition a ministry status means, from each state the order can be in.
_MOVES = {
    "sms": {states.PENDING_MINISTRY: states.SMS_VERIFICATION},
    "bureau": {states.PENDING_MINISTRY: states.BUREAU_REVIEW, states.SMS_VERIFICATION: states.BUREAU_REVIEW},
    "approved": {states.BUREAU_REVIEW: states.APPROVED},
    "rejected": {states.BUREAU_REVIEW: states.BUREAU_REJECTED},
    "returned": {states.PENDING_MINISTRY: states.RETURNED, states.SMS_VERIFICATION: states.RETURNED},
}


def apply_status(*, order: Order, status: Status, now=None) -> bool:
    """Move the order as the ministry says; a status the order is already past changes nothing."""
    now = now or timezone.now()
    with transaction.atomic():
        order = Order.objects.select_for_update().get(pk=order.pk)
        if status.request_id and status.request_id != order.ministry_request_id:
            return False  # a result of an earlier submission of this order
        # A claim is confirmed at once (no SMS, no bureau review): its "approved" passes 管局审核 on the way.
        if status.status == "approved" and order.state in (states.SMS_VERIFICATION, states.PENDING_MINISTRY):
            apply_status(order=order, status=Status(request_id=status.request_id, status="bureau"), now=now)
            order.refresh_from_db()
        target = _MOVES.get(status.status, {}).get(order.state)
        if target is None:
            return False
        meta = dict(order.meta, ministry_status=status.status)
        reason = ""
        if target == states.SMS_VERIFICATION:
            meta["sms_deadline"] = (now + timedelta(hours=24)).isoformat()
        if target == states.APPROVED:
            from beian.compliance.selectors import approval_notes, subject_name

            holder = copyright_holder(province=order.province, subject_name=subject_name(order))
            meta.update(icp_number=status.icp_number, website_numbers=status.website_numbers,
                        app_numbers=list(status.app_numbers),
                        approved_apps=approved_apps(order.application, status.app_numbers),
                        footer_html=footer_html(_site_number(status) or status.icp_number, copyright_holder=holder),
                        approval_notes=approval_notes(order))
            reason = msg.APPROVED.format(number=status.icp_number)
        elif target == states.BUREAU_REJECTED:
            reason = msg.REJECTED_BY_BUREAU.format(reason=status.reason)
        elif target == states.RETURNED:
            reason = msg.RETURNED_BY_MINISTRY.format(reason=status.reason)
        if target in (states.RETURNED, states.BUREAU_REJECTED):
            order.ministry_request_id = ""  # the applicant's resubmission is a new submission
        order.meta = meta
        order.save(update_fields=["meta", "ministry_request_id"])
        try:
            transition(order=order, to_state=target, role=transitions.MINISTRY, reason=reason, now=now)
        except OrderError:
            return False
        if target == states.APPROVED:
            record_approval(order=order, status=status, now=now)
            from beian.products.numbers import mark_filed

            mark_filed(order=order, now=now)  # links each 备案服务号 to the FiledWebsite just recorded
    return True


def approved_apps(application: dict, app_numbers: list) -> list[dict]:
    """The approved APPs as the approval message and the order page name them: apps[i] with app_numbers[i], its
    platforms labelled (no keys or fingerprints: meta is not sealed like the application)."""
    rows = []
    for i, entry in enumerate(application.get("apps") or ()):
        number = app_numbers[i] if i < len(app_numbers) and isinstance(app_numbers[i], str) else ""
        if not isinstance(entry, dict) or not number:
            continue
        platforms = [{"platform": p.get("platform"), "label": msg.PLATFORM_LABELS.get(p.get("platform"), str(p.get("platform"))),
                      "package_name": str(p.get("package_name") or "")}
                     for p in entry.get("platforms") or () if isinstance(p, dict)]
        rows.append({"index": i, "name": str(entry.get("name") or ""), "number": number, "platforms": platforms})
    return rows


def _site_number(status: Status) -> str:
    return next(iter(status.website_numbers.values()), "") if len(status.website_numbers) == 1 else ""


def record_approval(*, order: Order, status: Status, now) -> None:
    """Keep the platform's copy of the filing in step with what the ministry approved."""
    app, kind = order.application, order.kind
    if kind == "claim":
        from beian.filings.claiming import apply_claim

        apply_claim(order=order, status=status, now=now)
        return
    websites = app.get("websites") or []
    apps = [a for a in app.get("apps") or () if isinstance(a, dict)]
    if kind in ("first", "new_site_elsewhere", "new_site_here", "access"):
        subject = app.get("subject") or {}
        filing, _ = Filing.objects.get_or_create(subject_number=status.icp_number, defaults={
            "account": order.account, "province": order.province, "subject_name": subject.get("name", ""),
            "cert_index": blind_index(subject.get("cert_number") or "", kind=CERT), "nature": subject.get("nature", ""),
            "approved_at": now,
            "application": {k: v for k, v in app.items() if k not in FILED_ONLY}})
        # The number is global (one subject, one number), the platform's record of it is one account's: a
        # website is never added to another account's filing (docs/decisions.md; step 1 refuses such orders,
        # so only an order from before that rule can get here).
        if filing.account_id != order.account_id:
            log.error("order %s approved under %s, which another account holds here: websites not recorded",
                      order.reference, status.icp_number)
            websites, apps = [], []
        filed = []
        for website in websites:
            domain = (website.get("domains") or [""])[0].lower()
            number = status.website_numbers.get(domain, "")
            seq = (int(number.rsplit("-", 1)[1]) if "-" in number
                   else filing.websites.filter(service_type=FiledWebsite.WEBSITE).count() + 1)
            access = website.get("access") or {}
            filed.append(FiledWebsite.objects.update_or_create(filing=filing, service_type=FiledWebsite.WEBSITE, seq=seq, defaults={
                "domain": domain, "name": website.get("name", ""), "status": FiledWebsite.ACTIVE,
                "instance_id": access.get("instance_id") or "", "ip": access.get("ip") or "", "approved_at": now,
                "website": website})[0])
        record_apps(filing, apps, status, now)
        from beian.compliance.services import start_followups

        start_followups(order=order, websites=filed, now=now)  # 公安联网备案 within 30 days of 网站开通
        return
    filing, target = order.filing, order.filed_website
    if filing is None:
        return
    if kind in ("change_subject", "change_website", "change_access"):
        # What was changed, as the order's progress page keeps showing it once the filed record has moved on
        # (masked: meta is not sealed like the application).
        meta = Order.objects.values_list("meta", flat=True).get(pk=order.pk)
        Order.objects.filter(pk=order.pk).update(meta=dict(meta, changes=masked(order_changes(order) or [])))
    if kind == "change_subject":
        subject = app.get("subject") or {}
        filing.subject_name = subject.get("name") or filing.subject_name
        filing.application = {k: v for k, v in app.items() if k not in FILED_ONLY}
        filing.cert_index = blind_index(subject.get("cert_number") or "", kind=CERT) or filing.cert_index
        filing.nature = subject.get("nature") or filing.nature
        filing.save()
        active = list(filing.websites.filter(status=FiledWebsite.ACTIVE, service_type=FiledWebsite.WEBSITE).order_by("seq"))
        _update_websites(active, websites)
        _update_apps(list(filing.websites.filter(status=FiledWebsite.ACTIVE, service_type=FiledWebsite.APP)), apps)
    elif kind in ("change_website", "change_access") and target and target.is_app:
        _update_apps([target], apps)
    elif kind in ("change_website", "change_access") and target:
        _update_websites([target], websites)
    elif kind == "cancel_access":
        # One website, or (no target: 取消接入 of the subject) every website this provider served. The filing stays
        # (the subject and its sites remain filed: with another provider, or as 空壳 until the 管局 注销s them).
        sites = [target] if target else list(filing.websites.filter(status=FiledWebsite.ACTIVE))
        FiledWebsite.objects.filter(pk__in=[w.pk for w in sites], status=FiledWebsite.ACTIVE).update(
            status=FiledWebsite.ACCESS_CANCELLED)
    elif kind == "deregister_website" and target:
        target.status = FiledWebsite.DEREGISTERED
        target.save()
    elif kind == "deregister_subject":
        filing.websites.update(status=FiledWebsite.DEREGISTERED)
        filing.status = Filing.DEREGISTERED
        filing.save()


def _update_websites(filed: list[FiledWebsite], websites: list[dict]) -> None:
    """Each filed website takes the approved values of its counterpart in the change order (paired by a shared
    domain, as the change rules pair them): name, domains (a removed domain leaves the record; the first kept one
    is the website's), access."""
    pairs = pair_websites([as_filed(w) for w in filed], websites)
    for i, k in pairs.items():
        target, website = filed[k], websites[i]
        access = website.get("access") or {}
        domains = [d.strip().lower() for d in website.get("domains") or () if isinstance(d, str) and d.strip()]
        target.domain = domains[0] if domains else target.domain
        target.name, target.website = website.get("name") or target.name, website
        target.instance_id, target.ip = access.get("instance_id") or target.instance_id, access.get("ip") or target.ip
        target.save()


def record_apps(filing: Filing, apps: list[dict], status: Status, now) -> list[FiledWebsite]:
    """Each approved apps[i] as a FiledWebsite of service type APP, numbered as the ministry numbered it
    (status.app_numbers[i]: `<subject>-<N>A`, the APPs' own sequence); `website` holds apps[i], domain is blank."""
    filed = []
    for i, entry in enumerate(apps):
        number = status.app_numbers[i] if i < len(status.app_numbers) else ""
        match = APP_NUMBER.search(number) if number.startswith(f"{filing.subject_number}-") else None
        if match:
            seq = int(match[1])
        else:  # an answer without the number (an older ministry): the next in the APPs' own sequence
            log.warning("approval of %s gave no number for apps[%s]", filing.subject_number, i)
            seq = (filing.websites.filter(service_type=FiledWebsite.APP).order_by("-seq")
                   .values_list("seq", flat=True).first() or 0) + 1
        access = entry.get("access") if isinstance(entry.get("access"), dict) else {}
        filed.append(FiledWebsite.objects.update_or_create(filing=filing, service_type=FiledWebsite.APP, seq=seq, defaults={
            "domain": "", "name": str(entry.get("name") or ""), "status": FiledWebsite.ACTIVE,
            "instance_id": access.get("instance_id") or "", "ip": access.get("ip") or "", "approved_at": now,
            "website": entry})[0])
    return filed


def _app_pairs(entry: dict) -> set[tuple[str, str]]:
    return {(str(p.get("platform") or ""), str(p.get("package_name") or "")) for p in entry.get("platforms") or ()
            if isinstance(p, dict) and p.get("package_name")}


def _update_apps(filed: list[FiledWebsite], apps: list[dict]) -> None:
    """Each filed APP takes the approved values of its counterpart in the change order: the one APP of a change
    that names one APP, else the entry sharing a (platform, package name) with it: name, platforms, access."""
    for entry in apps:
        if len(filed) == 1 and len(apps) == 1:
            target = filed[0]
        else:
            target = next((f for f in filed if _app_pairs(f.website or {}) & _app_pairs(entry)), None)
        if target is None:
            continue
        access = entry.get("access") if isinstance(entry.get("access"), dict) else {}
        target.name, target.website = str(entry.get("name") or "") or target.name, entry
        target.instance_id, target.ip = access.get("instance_id") or target.instance_id, access.get("ip") or target.ip
        target.save()


def poll_results(*, now=None) -> int:
    """Pull new results and apply each exactly once (by result id), advancing the cursor."""
    now = now or timezone.now()
    cursor, _ = MinistryCursor.objects.get_or_create(name="results")
    try:
        results, next_cursor = adapter().results(cursor=cursor.value)
    except MinistryUnavailable:
        return 0
    applied = 0
    for status in results:
        applied += apply_result(status=status, now=now)
    MinistryCursor.objects.filter(pk=cursor.pk, value=cursor.value).update(value=next_cursor)
    return applied


def apply_result(*, status: Status, now=None, channel: str = "pull") -> bool:
    """One delivered result (pulled or pushed): True when it moved the order."""
    return deliver_result(status=status, now=now, channel=channel) == "applied"


def deliver_result(*, status: Status, now=None, channel: str = "pull") -> str:
    """Apply a result once: "applied", "duplicate" (its result id was seen before, by either channel)
    or "ignored" (no such order, or a status the order is already past)."""
    with transaction.atomic():
        order = Order.objects.filter(ministry_request_id=status.request_id).first()
        try:
            with transaction.atomic():
                MinistryResult.objects.create(result_id=status.result_id, request_id=status.request_id,
                                              status=status.status, order=order, channel=channel)
        except IntegrityError:
            return "duplicate"
        if order is None:
            return "ignored"
        return "applied" if apply_status(order=order, status=status, now=now) else "ignored"
