"""Evidence retention (docs/decisions.md #20): evidence is review material (seed 003 §5). An order that reached the
ministry keeps it while its filing lives and EVIDENCE_RETENTION_AFTER_DEREGISTRATION_DAYS after 注销; an order that
never reached the ministry (cancelled, expired) loses it EVIDENCE_RETENTION_UNFILED_DAYS after it closed; nothing
else is purged. Each purge is audited; running the purge again changes nothing."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from beian.documents.models import Material, materials_storage
from beian.filings import states, transitions
from beian.filings.models import Filing, Order, OrderEvent
from beian.filings.services import cancel_order, create_order, transition
from beian.verification import retention
from beian.verification.models import FaceAttempt
from beian.verification.tasks import purge_verification_evidence
from tests.compliance.support import (
    account,
    add_evidence,
    approved_order,
    at_bureau,
    deregister,
    unit_application,
)

pytestmark = pytest.mark.django_db
T0 = datetime(2026, 3, 2, 10, 0, tzinfo=ZoneInfo("Asia/Shanghai"))
DAY = timedelta(days=1)


def _draft(email, domain, cert="91330106MA2GL0XX7U"):
    order = create_order(account=account(email), application=unit_application(domain=domain, cert=cert), now=T0)
    Order.objects.filter(pk=order.pk).update(state=states.MATERIALS)
    order.refresh_from_db()
    return order


def _files(material, attempt) -> list[str]:
    return [material.original.name, material.derived.name, *attempt.frames]


def _assert_purged(material, attempt, names):
    material.refresh_from_db()
    attempt.refresh_from_db()
    assert material.purged_at and not material.original.name and not material.derived.name and material.evidence == {}
    assert attempt.purged_at and attempt.frames == [] and attempt.evidence == {"liveness": {"code": "no_motion"}}
    assert not any(materials_storage().exists(name) for name in names)


def _assert_kept(material, attempt, names):
    material.refresh_from_db()
    attempt.refresh_from_db()
    assert material.purged_at is None and material.evidence["rows"] and attempt.purged_at is None and attempt.frames
    assert all(materials_storage().exists(name) for name in names)


def test_a_cancelled_order_that_never_reached_the_ministry_is_purged_after_its_period(settings):
    settings.EVIDENCE_RETENTION_UNFILED_DAYS = 90
    order = _draft("cancel@example.com", "cancel-retention.com")
    material, attempt = add_evidence(order)
    names = _files(material, attempt)
    cancel_order(order=order, actor=order.account, now=T0)
    assert retention.purge_due_evidence(now=T0 + 89 * DAY) == 0
    _assert_kept(material, attempt, names)
    assert retention.purge_due_evidence(now=T0 + 91 * DAY) == 1
    _assert_purged(material, attempt, names)
    [event] = OrderEvent.objects.filter(order=order, kind="evidence_purged")
    assert event.role == "system" and event.payload["rule"] == "unfiled" and event.payload["days"] == 90
    assert event.payload["materials"] == [material.pk] and event.payload["face_attempts"] == [attempt.pk]
    assert event.payload["frames"] == 4 and event.payload["ocr"] == 1 and "90天" in event.reason
    # Idempotent: a second run (or a second worker) finds nothing and writes nothing.
    assert retention.purge_due_evidence(now=T0 + 200 * DAY) == 0
    assert OrderEvent.objects.filter(order=order, kind="evidence_purged").count() == 1


def test_the_period_is_configurable(settings):
    settings.EVIDENCE_RETENTION_UNFILED_DAYS = 10
    order = _draft("short@example.com", "short-retention.com")
    add_evidence(order)
    cancel_order(order=order, actor=order.account, now=T0)
    assert retention.purge_due_evidence(now=T0 + 11 * DAY) == 1


def test_an_expired_order_is_purged_like_a_cancelled_one(settings):
    order = _draft("expired@example.com", "expired-retention.com")
    material, attempt = add_evidence(order)
    names = _files(material, attempt)
    transition(order=order, to_state=states.EXPIRED, role=transitions.SYSTEM, now=T0)
    assert retention.purge_due_evidence(now=T0 + (settings.EVIDENCE_RETENTION_UNFILED_DAYS - 1) * DAY) == 0
    assert retention.purge_due_evidence(now=T0 + (settings.EVIDENCE_RETENTION_UNFILED_DAYS + 1) * DAY) == 1
    _assert_purged(material, attempt, names)


def test_orders_in_flight_are_never_purged():
    order = _draft("flight@example.com", "flight-retention.com")
    material, attempt = add_evidence(order)
    assert retention.purge_due_evidence(now=T0 + 5000 * DAY) == 0
    _assert_kept(material, attempt, _files(material, attempt))


def test_a_cancelled_order_that_had_reached_the_ministry_is_kept():
    """Returned by the ministry, then cancelled: the ministry has seen it, so its evidence is 备案审核资料."""
    order = at_bureau(_draft("returned@example.com", "returned-retention.com"))
    material, attempt = add_evidence(order)
    Order.objects.filter(pk=order.pk).update(state=states.PENDING_MINISTRY)
    order.refresh_from_db()
    transition(order=order, to_state=states.RETURNED, role=transitions.MINISTRY, reason="管局退回", now=T0)
    Order.objects.filter(pk=order.pk).update(ministry_request_id="", meta={})  # as a resubmission would clear it
    order.refresh_from_db()
    cancel_order(order=order, actor=order.account, now=T0)
    assert retention.purge_due_evidence(now=T0 + 5000 * DAY) == 0
    _assert_kept(material, attempt, _files(material, attempt))


def test_a_filed_order_keeps_its_evidence_while_the_filing_lives_and_the_period_after_deregistration(settings):
    settings.EVIDENCE_RETENTION_AFTER_DEREGISTRATION_DAYS = 730
    order = approved_order(email="filed@example.com", now=T0, domain="filed-retention.com")
    material, attempt = add_evidence(order)
    names = _files(material, attempt)
    filing = Filing.objects.get(subject_number=order.meta["icp_number"])
    assert retention.purge_due_evidence(now=T0 + 20 * 365 * DAY) == 0  # 20 years: the filing still lives
    _assert_kept(material, attempt, names)
    deregistered = T0 + 400 * DAY
    deregister(filing, now=deregistered)
    filing.refresh_from_db()
    assert filing.status == Filing.DEREGISTERED
    assert retention.purge_due_evidence(now=deregistered + 729 * DAY) == 0
    _assert_kept(material, attempt, names)
    assert retention.purge_due_evidence(now=deregistered + 731 * DAY) == 1
    _assert_purged(material, attempt, names)
    [event] = OrderEvent.objects.filter(order=order, kind="evidence_purged")
    assert event.payload["rule"] == "deregistered" and filing.subject_number in event.reason


def test_the_periodic_task_runs_the_purge(settings):
    settings.EVIDENCE_RETENTION_UNFILED_DAYS = 0
    order = _draft("task@example.com", "task-retention.com")
    material, attempt = add_evidence(order)
    cancel_order(order=order, actor=order.account, now=T0)
    purge_verification_evidence.call()
    assert Material.objects.get(pk=material.pk).purged_at and FaceAttempt.objects.get(pk=attempt.pk).purged_at


def test_a_purged_image_is_gone_and_the_console_says_so(client, settings):
    from tests.review.support import make_reviewer

    settings.EVIDENCE_RETENTION_UNFILED_DAYS = 1
    order = _draft("console-purge@example.com", "console-purge.com")
    material, attempt = add_evidence(order)
    cancel_order(order=order, actor=order.account, now=T0)
    retention.purge_due_evidence(now=T0 + 2 * DAY)
    client.force_login(make_reviewer())
    assert client.get(f"/review/material/{material.pk}/").status_code == 404
    assert client.get(f"/review/face/{attempt.pk}/0/").status_code == 404
    page = client.get(f"/review/{order.pk}/").content.decode()
    assert "已按保留期限删除" in page and f"/review/material/{material.pk}/" not in page
