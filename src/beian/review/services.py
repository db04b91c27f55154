"""Reviewer actions. Each writes an audit event; state changes go through the transition service."""

from django.db import transaction
from django.utils import timezone

from beian.filings import messages as filings_msg
from beian.filings import states, transitions
from beian.filings.models import Order, OrderEvent
from beian.filings.services import OrderError, require_verification, transition
from beian.review import messages as msg
from beian.review import reasons
from beian.review.models import CallLog, FieldDecision, ReviewClaim, SupplementRequest


def _audit(order, reviewer, kind: str, reason: str = "", payload=None, now=None) -> None:
    OrderEvent.objects.create(order=order, at=now or timezone.now(), actor=reviewer, role=transitions.REVIEWER, kind=kind,
                              from_state=order.state, to_state=order.state, reason=reason, payload=payload or {})


def claim(*, order: Order, reviewer, assign_to=None, now=None) -> ReviewClaim:
    now = now or timezone.now()
    target = assign_to or reviewer
    with transaction.atomic():
        current = ReviewClaim.objects.select_for_update().filter(order=order).first()
        if current and current.reviewer_id != target.id and assign_to is None:
            raise OrderError("claimed_by_other", msg.CLAIMED_BY_OTHER.format(reviewer=current.reviewer.get_username()))
        result, _ = ReviewClaim.objects.update_or_create(order=order, defaults={"reviewer": target, "claimed_at": now})
        _audit(order, reviewer, "review_assign" if assign_to else "review_claim",
               payload={"reviewer": target.get_username()}, now=now)
    return result


def decide_field(*, order: Order, reviewer, path: str, verdict: str, reason_code: str = "", note: str = "", now=None):
    now = now or timezone.now()
    with transaction.atomic():
        FieldDecision.objects.filter(order=order, path=path, resolved_at__isnull=True).update(resolved_at=now)
        decision = FieldDecision.objects.create(order=order, path=path[:120], verdict=verdict, reason_code=reason_code,
                                                note=note[:300], reviewer=reviewer, created_at=now)
        _audit(order, reviewer, "review_field", reason=reasons.text(reason_code, note) if verdict == "reject" else "",
               payload={"path": path, "verdict": verdict, "reason_code": reason_code}, now=now)
    return decision


def open_rejections(order: Order):
    return FieldDecision.objects.filter(order=order, verdict=FieldDecision.REJECT, resolved_at__isnull=True)


def request_supplement(*, order: Order, reviewer, kind: str = "materials", details: str = "", mail_address: str = "",
                       tracking_number: str = "", appointment_at=None, now=None) -> Order:
    now = now or timezone.now()
    rejected = list(open_rejections(order))
    if not rejected and not details.strip():
        raise OrderError("supplement_needs_reason", msg.SUPPLEMENT_NEEDS_REASON)
    # Each rejected field named as the applicant finds it (which APP, which platform), then its reason.
    from beian.review.selectors import field_title

    summary = "；".join([f"【{field_title(order, d.path)}】{reasons.text(d.reason_code, d.note)}" for d in rejected]
                       + ([details.strip()] if details.strip() else []))
    with transaction.atomic():
        SupplementRequest.objects.create(order=order, kind=kind, details=details[:2000], mail_address=mail_address[:200],
                                         tracking_number=tracking_number[:60], appointment_at=appointment_at,
                                         created_by=reviewer, created_at=now)
        label = msg.SUPPLEMENT_KINDS.get(kind, kind)
        return transition(order=order, to_state=states.SUPPLEMENT_REQUIRED, role=transitions.REVIEWER, actor=reviewer,
                          reason=f"{label}：{summary}", payload={"kind": kind, "paths": [d.path for d in rejected]}, now=now)


def approve(*, order: Order, reviewer, now=None) -> Order:
    count = open_rejections(order).count()
    if count:
        raise OrderError("open_rejections", msg.OPEN_REJECTIONS.format(count=count))
    # Nobody reaches the ministry unverified, whatever happened since the submission (seed 003 §5).
    if order.state == states.PROVIDER_REVIEW:  # elsewhere the transition's own refusal says why
        require_verification(order, message=filings_msg.VERIFICATION_REQUIRED_REVIEW)
    return transition(order=order, to_state=states.PENDING_MINISTRY, role=transitions.REVIEWER, actor=reviewer,
                      reason="初审通过", now=now)


def log_call(*, order: Order, reviewer, mobile: str, outcome: str, notes: str = "", now=None) -> CallLog:
    now = now or timezone.now()
    with transaction.atomic():
        call = CallLog.objects.create(order=order, reviewer=reviewer, at=now, mobile=mobile[:20], outcome=outcome,
                                      notes=notes[:300])
        _audit(order, reviewer, "review_call", reason=msg.CALL_OUTCOMES.get(outcome, outcome),
               payload={"mobile_tail": mobile[-4:]}, now=now)
    return call


def resolve_on_resubmit(*, order: Order, now=None) -> None:
    """When the applicant resubmits, the previous round's rejections and supplements are answered."""
    now = now or timezone.now()
    open_rejections(order).update(resolved_at=now)
    SupplementRequest.objects.filter(order=order, resolved_at__isnull=True).update(resolved_at=now)
