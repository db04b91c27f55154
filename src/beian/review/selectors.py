"""Reads of the reviewer console; `field_reasons` is what the applicant's wizard shows at each field."""

from django.contrib.auth.models import Group
from django.utils import timezone

from beian.filings import states
from beian.filings.models import Order
from beian.filings.selectors import sla_due
from beian.review import reasons

QUEUE_STATES = (states.PROVIDER_REVIEW, states.SUPPLEMENT_REQUIRED, states.PENDING_MINISTRY, states.SMS_VERIFICATION,
                states.BUREAU_REVIEW, states.RETURNED, states.BUREAU_REJECTED)


def is_reviewer(user) -> bool:
    return bool(user.is_authenticated and user.is_active and (
        user.is_superuser or (user.is_staff and user.groups.filter(name="reviewers").exists())))


def reviewers():
    group = Group.objects.filter(name="reviewers").first()
    return group.user_set.filter(is_active=True) if group else []


def field_reasons(*, order) -> dict[str, list[str]]:
    """Open reviewer rejections by field path, in Chinese (shown to the applicant at the field)."""
    out: dict[str, list[str]] = {}
    for decision in order.field_decisions.filter(verdict="reject", resolved_at__isnull=True):
        out.setdefault(decision.path, []).append("初审意见：" + reasons.text(decision.reason_code, decision.note))
    return out


def queue(*, province: str = "", state: str = "", overdue_only: bool = False, now=None):
    now = now or timezone.now()
    orders = Order.objects.filter(state__in=QUEUE_STATES).select_related("account", "review_claim__reviewer")
    if province:
        orders = orders.filter(province=province)
    if state:
        orders = orders.filter(state=state)
    rows = []
    for order in orders.order_by("submitted_at", "id")[:500]:
        due = sla_due(order=order)
        overdue = bool(due and due < now)
        if overdue_only and not overdue:
            continue
        rows.append({"order": order, "due": due, "overdue": overdue,
                     "claimed_by": getattr(getattr(order, "review_claim", None), "reviewer", None)})
    return rows
