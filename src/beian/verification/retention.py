"""Evidence retention (docs/decisions.md #20, seed 003 §5: "核验过程中采集的证件信息、人脸核验照等将作为备案审核资料
进行存档… 以备主管部门核查").

Evidence is an order's ID photos and other material files, their OCR readings and the face check's captured frames.
An order that reached the ministry keeps it for the life of its filing and EVIDENCE_RETENTION_AFTER_DEREGISTRATION_DAYS
after the filing's 注销; an order that never reached the ministry keeps it EVIDENCE_RETENTION_UNFILED_DAYS after it was
cancelled or expired. Nothing else is ever purged: not an order in flight, not a live filing's, not an order that
reached the ministry without a filing to end. What stays is the audit trail, the face checks' scores and outcomes,
and each material's size and checksum.

The purge is a periodic task and idempotent: an order is purged under its row lock, once; each purge writes one
`evidence_purged` event in the order's audit trail with what was deleted.
"""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import Exists, OuterRef
from django.utils import timezone

from beian.documents.models import Material, materials_storage
from beian.filings import states
from beian.filings.models import Filing, Order, OrderEvent
from beian.filings.selectors import deregistered_at, orders_of_filing, reached_ministry
from beian.verification import messages as msg
from beian.verification.models import FaceAttempt

UNFILED, DEREGISTERED = "unfiled", "deregistered"
CLOSED_UNFILED = (states.CANCELLED, states.EXPIRED)


def unfiled_days() -> int:
    return settings.EVIDENCE_RETENTION_UNFILED_DAYS


def after_deregistration_days() -> int:
    return settings.EVIDENCE_RETENTION_AFTER_DEREGISTRATION_DAYS


def _with_evidence(orders):
    return orders.filter(
        Exists(Material.objects.filter(order=OuterRef("pk"), purged_at__isnull=True))
        | Exists(FaceAttempt.objects.filter(order=OuterRef("pk"), purged_at__isnull=True)))


def due(now=None) -> list[tuple[Order, str, Filing | None]]:
    """(order, rule, filing) for every order whose evidence is past its retention period."""
    now = now or timezone.now()
    out = []
    closed = _with_evidence(Order.objects.filter(state__in=CLOSED_UNFILED,
                                                 state_changed_at__lt=now - timedelta(days=unfiled_days())))
    for order in closed.order_by("pk"):
        if not reached_ministry(order=order):
            out.append((order, UNFILED, None))
    limit = now - timedelta(days=after_deregistration_days())
    for filing in Filing.objects.filter(status=Filing.DEREGISTERED).order_by("pk"):
        ended = deregistered_at(filing=filing)
        if ended is None or ended >= limit:  # an unknown date keeps the evidence
            continue
        for order in _with_evidence(orders_of_filing(filing=filing).filter(state__in=states.TERMINAL)).order_by("pk"):
            out.append((order, DEREGISTERED, filing))
    return out


def purge_order(*, order: Order, rule: str, filing: Filing | None = None, now=None) -> bool:
    """Delete one order's evidence (files first marked on the rows, then removed from the storage) and write the
    audit row. False when there was nothing left to delete (another run got there first)."""
    now = now or timezone.now()
    storage = materials_storage()
    with transaction.atomic():
        order = Order.objects.select_for_update().get(pk=order.pk)
        if order.state not in states.TERMINAL:
            return False
        materials = list(Material.objects.select_for_update().filter(order=order, purged_at__isnull=True))
        attempts = list(FaceAttempt.objects.select_for_update().filter(order=order, purged_at__isnull=True))
        if not materials and not attempts:
            return False
        names, ocr = [], 0
        for material in materials:
            names += [f.name for f in (material.original, material.derived) if f and f.name]
            ocr += bool(material.evidence)
            material.original, material.derived, material.evidence, material.purged_at = "", "", {}, now
            material.save(update_fields=["original", "derived", "evidence", "purged_at"])
        frames = 0
        for attempt in attempts:
            names += list(attempt.frames)
            frames += len(attempt.frames)
            attempt.frames, attempt.purged_at = [], now
            attempt.save(update_fields=["frames", "purged_at"])
        days = unfiled_days() if rule == UNFILED else after_deregistration_days()
        reason = msg.EVIDENCE_PURGED[rule].format(state=order.state_label, days=days, materials=len(materials),
                                                  frames=frames, number=filing.subject_number if filing else "")
        OrderEvent.objects.create(order=order, at=now, role="system", kind="evidence_purged", from_state=order.state,
                                  to_state=order.state, reason=reason,
                                  payload={"rule": rule, "days": days, "materials": [m.pk for m in materials],
                                           "ocr": ocr, "face_attempts": [a.pk for a in attempts], "frames": frames,
                                           "files": len(names)})
        # Inside the transaction: if the storage fails, the rows roll back and the next run deletes the rest
        # (deleting a file that is already gone is not an error).
        for name in names:
            storage.delete(name)
    return True


def purge_due_evidence(now=None) -> int:
    """The periodic task's work: purge every order past its period; the number of orders purged."""
    now = now or timezone.now()
    return sum(purge_order(order=order, rule=rule, filing=filing, now=now) for order, rule, filing in due(now))
