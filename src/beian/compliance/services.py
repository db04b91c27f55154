"""Writes of post-filing compliance: the 公安联网备案 follow-ups, their reminders, the applicant's confirmations.

The reminders are a timer row per order (`psb_reminder`, swept by filings.timers): due at the earliest reminder
not yet sent of the order's open follow-ups, re-armed after each send and whenever a date changes. A reminder day
is recorded on the follow-up when its message is written, under the row lock, so no day is ever sent twice.
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone

from beian.compliance import messages as msg
from beian.compliance import psb
from beian.compliance.models import PsbFollowup
from beian.filings.models import FiledWebsite, Order, OrderEvent, Timer

PSB_TIMER = "psb_reminder"


class ComplianceError(Exception):
    def __init__(self, code: str, message: str):
        super().__init__(message)
        self.code, self.message = code, message


def start_followups(*, order: Order, websites: list[FiledWebsite], now) -> list[PsbFollowup]:
    """At approval: each newly filed website's follow-up, opened (by default) on the approval date."""
    opened = timezone.localdate(now)
    followups = [PsbFollowup.objects.get_or_create(website=w, defaults={"order": order, "opened_on": opened})[0]
                 for w in websites]
    schedule(order=order, now=now)
    return followups


def move_followups(*, websites: list[FiledWebsite], to_order: Order, now) -> int:
    """A claimed filing's websites: their follow-ups (dates, reminders sent, done) go with them to the claim order,
    so the reminders reach the account that holds the websites now and the old account's pages stop offering
    forms for websites it no longer holds. Both orders' reminder timers are re-armed."""
    moved = list(PsbFollowup.objects.select_for_update().filter(website__in=websites).exclude(order=to_order))
    for old_order in {f.order for f in moved}:
        PsbFollowup.objects.filter(order=old_order, website__in=websites).update(order=to_order)
        schedule(order=old_order, now=now)
    schedule(order=to_order, now=now)
    return len(moved)


def _open(order: Order):
    return PsbFollowup.objects.filter(order=order, done_at__isnull=True, website__status=FiledWebsite.ACTIVE)


def schedule(*, order: Order, now) -> None:
    """Arm the order's reminder timer at its next reminder, or close it when none is left."""
    times = [t for f in _open(order) if (t := psb.next_reminder(f.opened_on, sent=f.reminded))]
    if times:
        Timer.objects.update_or_create(order=order, kind=PSB_TIMER, defaults={"due_at": min(times), "done_at": None})
    else:
        Timer.objects.filter(order=order, kind=PSB_TIMER, done_at__isnull=True).update(done_at=now)


def site_line(followup: PsbFollowup, *, today: dt.date) -> str:
    deadline = psb.deadline(followup.opened_on)
    values = {"domain": followup.website.domain, "number": followup.website.website_number,
              "opened_on": followup.opened_on.isoformat(), "deadline": deadline.isoformat(),
              "days": (deadline - today).days}
    if deadline < today:
        return msg.PSB_OVERDUE.format(**values)
    return (msg.PSB_DUE_TODAY if deadline == today else msg.PSB_DUE).format(**values)


def portal(province: str) -> str:
    return msg.PSB_PORTAL_SHANGHAI if psb.is_shanghai(province) else msg.PSB_PORTAL_NATIONAL


def send_due_reminders(*, order: Order, now) -> bool:
    """The timer's work: one message for the order's websites with a reminder day due (the latest due day stands
    for any earlier one missed), each day recorded so it is never sent again; then the timer is re-armed."""
    from beian.notifications.services import notify

    today = timezone.localdate(now)
    lines = []
    with transaction.atomic():
        for followup in _open(order).select_for_update().select_related("website__filing"):
            days = psb.due_days(followup.opened_on, sent=followup.reminded, now=now)
            if not days:
                continue
            followup.reminded = sorted({*followup.reminded, *days})
            followup.save(update_fields=["reminded"])
            lines.append(site_line(followup, today=today))
        if lines:
            notify(account=order.account, event="psb_reminder", order=order, context={
                "reference": order.reference, "number": order.meta.get("icp_number", ""), "sites": "\n".join(lines),
                "portal": portal(order.province), "after": msg.PSB_AFTER_APPROVAL})
        schedule(order=order, now=now)
    return bool(lines)


def _locked(followup_pk: int) -> PsbFollowup:
    return PsbFollowup.objects.select_for_update().select_related("website__filing", "order").get(pk=followup_pk)


def parse_opened_on(value: str, *, followup: PsbFollowup, today: dt.date) -> dt.date:
    """The applicant's 网站开通 date: a real date, not in the future, and (a site filed here) not before its approval,
    since a site may open only once filed (seed 003: "在网站开通服务前，您需通过阿里云ICP代备案系统完成ICP备案").
    An 接入备案 moves a site filed elsewhere, which may have opened long before: only the future is refused there."""
    try:
        opened = dt.date.fromisoformat((value or "").strip()[:10])
    except ValueError:
        raise ComplianceError("bad_date", msg.PSB_BAD_DATE) from None
    if opened > today:
        raise ComplianceError("future_date", msg.PSB_FUTURE_DATE.format(today=today.isoformat()))
    approved_on = timezone.localdate(followup.website.approved_at)
    if followup.order.kind != "access" and opened < approved_on:
        raise ComplianceError("before_approval", msg.PSB_BEFORE_APPROVAL.format(approved_on=approved_on.isoformat()))
    return opened


def confirm_opened(*, followup: PsbFollowup, value: str, actor, now=None) -> PsbFollowup:
    """The applicant confirms (or changes) the date the website opened; the reminders follow the new date."""
    now = now or timezone.now()
    with transaction.atomic():
        followup = _locked(followup.pk)
        _check_active(followup)
        opened = parse_opened_on(value, followup=followup, today=timezone.localdate(now))
        previous = followup.opened_on
        followup.opened_on, followup.opened_confirmed_at = opened, now
        followup.save(update_fields=["opened_on", "opened_confirmed_at"])
        _event(followup, actor, now, "psb_opened", msg.PSB_OPENED_EVENT.format(
            domain=followup.website.domain, opened_on=opened.isoformat(), previous=previous.isoformat(),
            deadline=psb.deadline(opened).isoformat()), opened_on=opened.isoformat(), previous=previous.isoformat())
        schedule(order=followup.order, now=now)
    return followup


def mark_done(*, followup: PsbFollowup, actor, now=None) -> PsbFollowup:
    """The applicant has submitted the 公安联网备案: no more reminders for this website."""
    now = now or timezone.now()
    with transaction.atomic():
        followup = _locked(followup.pk)
        if followup.done_at is None:
            followup.done_at = now
            followup.save(update_fields=["done_at"])
            _event(followup, actor, now, "psb_done", msg.PSB_DONE_EVENT.format(domain=followup.website.domain))
            schedule(order=followup.order, now=now)
    return followup


def _check_active(followup: PsbFollowup) -> None:
    if followup.website.status != FiledWebsite.ACTIVE:
        raise ComplianceError("website_not_active", msg.PSB_NOT_ACTIVE.format(domain=followup.website.domain))


def _event(followup: PsbFollowup, actor, now, kind: str, reason: str, **payload) -> None:
    order = followup.order
    OrderEvent.objects.create(order=order, at=now, actor=actor, role="applicant", kind=kind, from_state=order.state,
                              to_state=order.state, reason=reason,
                              payload={"website": followup.website_id, "domain": followup.website.domain, **payload})
