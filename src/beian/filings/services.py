"""Writes of the order lifecycle. Every state change goes through `transition`."""

import secrets
from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from beian.filings import effects, release, states, transitions
from beian.filings import messages as msg
from beian.filings.claims import release_claims, sync_claims
from beian.filings.models import NEW_FILING_KINDS, Order, OrderEvent, Timer
from beian.pii.index import CERT, blind_index
from beian.pii.mask import mask_mobile

EXPIRY = timedelta(days=45)
EXPIRY_TIMER = "expiry"


class OrderError(Exception):
    """A refused action: a stable `code` for machines and a Chinese `message` for people."""

    def __init__(self, code: str, message: str, *, details=None):
        super().__init__(message)
        self.code, self.message, self.details = code, message, details or []


def new_reference(now) -> str:
    return f"BA{now:%Y%m%d}{secrets.randbelow(10**6):06d}"


def _arm_expiry(order: Order, now) -> None:
    Timer.objects.update_or_create(order=order, kind=EXPIRY_TIMER, defaults={"due_at": now + EXPIRY, "done_at": None})


def _summary(application: dict) -> dict:
    subject = application.get("subject") or {}
    region = application.get("region") or {}
    from beian.rules.provinces import normalise_province

    province = region.get("province") or ""
    return {
        "province": normalise_province(province) or province[:16],
        "subject_name": (subject.get("name") or "")[:200],
        "subject_cert_index": blind_index(subject.get("cert_number") or "", kind=CERT),
        "subject_nature": (subject.get("nature") or "")[:32],
    }


def create_order(*, account, application: dict, kind: str = "first", filing=None, filed_website=None, now=None,
                 reference: str | None = None, actor=None) -> Order:
    """Step 1's 下一步: the order exists from here on, and claims its certificate and domains.
    `reference` is for the demo data, whose orders the ministry simulator's seed knows by reference.
    A new filing for a subject or domain filed here under another account is refused
    (SUBJECT_FILED_UNDER_OTHER_ACCOUNT): it would add a site to that account's filing.
    `actor`: who created it when not the account itself (an agent filing for its customer, beian.agents)."""
    if kind in NEW_FILING_KINDS:
        from beian.filings import checks

        checks.refuse_other_accounts_filing(account=account, application=application)
    now = now or timezone.now()
    with transaction.atomic():
        order = Order.objects.create(
            reference=reference or new_reference(now), account=account, kind=kind, application=application, filing=filing,
            filed_website=filed_website, last_applicant_update_at=now, state_changed_at=now, **_summary(application),
        )
        sync_claims(order=order, application=application)
        created = OrderEvent.objects.create(order=order, at=now, actor=actor or account, role=transitions.APPLICANT,
                                            kind="created", to_state=order.state, payload={"kind": kind})
        _arm_expiry(order, now)
        effects.run_created(order, created)
    return order


def update_application(*, order: Order, actor, application: dict, version: int | None, kind: str | None = None,
                       now=None) -> Order:
    """Save a wizard step. Refuses a stale tab (older version) and orders the applicant no longer holds."""
    now = now or timezone.now()
    with transaction.atomic():
        locked = Order.objects.select_for_update().get(pk=order.pk)
        if not locked.editable:
            raise OrderError("order_not_editable", msg.NOT_EDITABLE.format(state=locked.state_label))
        if version is not None and version != locked.version:
            raise OrderError("stale_version", msg.STALE_VERSION)
        sync_claims(order=locked, application=application)
        from beian.products.numbers import numbers_in, release

        # A website removed, or another access chosen, in any step gives its 备案服务号 back to its owner.
        release(order=locked, keep=set(numbers_in(application)), actor=actor, now=now, reason="unused")
        locked.application = application
        if kind:
            locked.kind = kind
        for field, value in _summary(application).items():
            setattr(locked, field, value)
        locked.version += 1
        locked.last_applicant_update_at = now
        locked.save()
        OrderEvent.objects.create(order=locked, at=now, actor=actor, role=transitions.APPLICANT, kind="edit",
                                  from_state=locked.state, to_state=locked.state)
        _arm_expiry(locked, now)
    return locked


def transition(*, order: Order, to_state: str, role: str, actor=None, reason: str = "", payload=None, now=None) -> Order:
    """Apply one transition of the table: row lock, audit event, side effects after commit."""
    now = now or timezone.now()
    with transaction.atomic():
        locked = Order.objects.select_for_update().get(pk=order.pk)
        if not transitions.allowed(locked.state, to_state, role):
            raise OrderError("transition_not_allowed", msg.TRANSITION_NOT_ALLOWED.format(
                state=locked.state_label, target=states.PUBLIC_LABELS.get(to_state, to_state)))
        from_state = locked.state
        locked.state = to_state
        locked.state_changed_at = now
        if to_state == states.PROVIDER_REVIEW or (to_state == states.PENDING_MINISTRY and role == transitions.APPLICANT):
            locked.submitted_at = now
        if role == transitions.APPLICANT:
            locked.last_applicant_update_at = now
        locked.save()
        event = OrderEvent.objects.create(order=locked, at=now, actor=actor, role=role, kind="transition",
                                          from_state=from_state, to_state=to_state, reason=reason, payload=payload or {})
        if to_state in states.TERMINAL:
            release_claims(order=locked)
            Timer.objects.filter(order=locked, done_at__isnull=True).update(done_at=now)
        elif to_state in states.EXPIRABLE:
            # The applicant holds the order again: their 45 days run from now (docs/decisions.md).
            _arm_expiry(locked, now)
        effects.run(locked, event)
    order.refresh_from_db()
    return locked


def cancel_order(*, order: Order, actor, now=None) -> Order:
    return transition(order=order, to_state=states.CANCELLED, role=transitions.APPLICANT, actor=actor,
                      reason=msg.CANCELLED_REASON, now=now)


def require_verification(order: Order, *, required: list[dict] | None = None, message: str = msg.VERIFICATION_REQUIRED):
    """Refuses (`verification_required`, naming who) while anyone who must verify the order's authenticity has
    neither passed the face check nor had a manual review approved (seed 003 §5; verification.selectors)."""
    from beian.verification.selectors import outstanding_findings, verification_status, who

    gaps = outstanding_findings(order, status=verification_status(order, required=required))
    if gaps:
        raise OrderError("verification_required", message.format(people=who(gaps)), details=gaps)


def submit_order(*, order: Order, actor, agreement: bool, now=None) -> Order:
    """信息确认 → 提交: refused with every reason at once, nothing changed, while anything is missing: errors,
    then materials, then the authenticity verification (which needs the ID photos), then the agreement."""
    from beian.documents.selectors import materials_for_precheck
    from beian.filings import checks
    from beian.products.access import served
    from beian.products.services import ProductCheckError, check_product

    if order.state not in (states.DRAFT, states.MATERIALS, states.SUPPLEMENT_REQUIRED, states.BUREAU_REJECTED,
                           states.RETURNED):
        raise OrderError("transition_not_allowed", msg.TRANSITION_NOT_ALLOWED.format(
            state=order.state_label, target=states.PUBLIC_LABELS[states.PROVIDER_REVIEW]))
    result = checks.run(order.application, order=order, materials=materials_for_precheck(order=order))
    problems = [f for f in result["findings"] if f["severity"] == "error"]
    missing = [f for f in problems if f["code"] == "MATERIAL_MISSING"]
    others = [f for f in problems if f["code"] != "MATERIAL_MISSING"]
    if not release.is_release(order.kind):
        # Each website's and each APP's server, again: an instance may have expired or been released since 产品验证
        # (an APP's access works as a website's, precheck.md "APP filing"; issue 17).
        for prefix, item in served(order.application):
            access = item.get("access") if isinstance(item.get("access"), dict) else {}
            named = {} if prefix.startswith("websites[") else {"domain": next(
                (d for d in item.get("domains") or () if isinstance(d, str) and d), str(item.get("name") or ""))}
            try:
                check_product(account=order.account, instance_id=access.get("instance_id") or "",
                              ip=access.get("ip") or "", service_number=access.get("service_number") or "",
                              order_id=order.pk, now=now, **named)
            except ProductCheckError as exc:
                others.append({"code": exc.code, "severity": "error", "path": f"{prefix}.access", "message": exc.message})
    if others:
        raise OrderError("submit_has_errors", msg.SUBMIT_HAS_ERRORS.format(count=len(others)), details=others)
    if missing:
        raise OrderError("materials_missing", msg.SUBMIT_MISSING_MATERIALS.format(
            items="、".join(f["message"] for f in missing)), details=missing)
    require_verification(order, required=result["required_materials"])
    if not agreement:
        if release.is_release(order.kind):
            # The page's declaration: the consequences of 取消接入, or that a 注销 number never comes back.
            raise OrderError("release_not_acknowledged", msg.RELEASE_NOT_ACKNOWLEDGED[order.kind])
        raise OrderError("agreement_required", msg.SUBMIT_NEEDS_AGREEMENT)
    now = now or timezone.now()
    Order.objects.filter(pk=order.pk).update(agreement_accepted_at=now)
    # 取消接入 skips 初审 (docs/decisions.md): the applicant's submission queues it for the ministry.
    target = states.PENDING_MINISTRY if order.kind in release.STRAIGHT_TO_MINISTRY else states.PROVIDER_REVIEW
    return transition(order=order, to_state=target, role=transitions.APPLICANT, actor=actor,
                      payload={"filing_type": result["filing_type"],
                               "sms_targets": [mask_mobile(m) for m in result["sms_targets"]]}, now=now)
