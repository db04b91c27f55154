"""Every allowed and every refused transition of the table, with roles; audit and effects."""

import itertools
from datetime import timedelta

import pytest
from django.utils import timezone

from beian.filings import states, transitions
from beian.filings.models import InFlightClaim, Order, OrderEvent
from beian.filings.services import OrderError, transition
from beian.notifications.models import Message

ALL_PAIRS = [(a, b) for a, b in itertools.product(states.ALL, states.ALL) if a != b]


def _force_state(order, state):
    Order.objects.filter(pk=order.pk).update(state=state)
    order.refresh_from_db()
    return order


@pytest.mark.django_db
@pytest.mark.parametrize(("frm", "to"), sorted(transitions.TABLE), ids=lambda v: str(v))
def test_allowed_transitions_apply_with_an_audit_row(make_order, applicant, frm, to, django_capture_on_commit_callbacks):
    order = _force_state(make_order(), frm)
    role = sorted(transitions.TABLE[(frm, to)])[0]
    with django_capture_on_commit_callbacks() as callbacks:
        result = transition(order=order, to_state=to, role=role, actor=applicant, reason="测试")
    assert result.state == to
    event = OrderEvent.objects.filter(order=order, kind="transition").last()
    assert (event.from_state, event.to_state, event.role, event.reason) == (frm, to, role, "测试")
    assert Message.objects.filter(order=order, event=f"state:{to}", channel="site").exists()
    assert callbacks, "delivery is deferred to on_commit"
    assert InFlightClaim.objects.filter(order=order).exists() is (to not in states.TERMINAL)


@pytest.mark.django_db
@pytest.mark.parametrize("frm", states.ALL)
def test_refused_transitions_change_nothing(make_order, frm):
    """Every (to, role) not in the table, from each state: refused with a code, nothing written."""
    order = _force_state(make_order(), frm)
    before = OrderEvent.objects.filter(order=order).count()
    refused = [(to, role) for f, to in ALL_PAIRS if f == frm for role in transitions.ROLES
               if not transitions.allowed(frm, to, role)]
    assert refused
    for to, role in refused:
        with pytest.raises(OrderError) as info:
            transition(order=order, to_state=to, role=role)
        assert info.value.code == "transition_not_allowed" and "不能执行此操作" in info.value.message, (to, role)
    order.refresh_from_db()
    assert order.state == frm and OrderEvent.objects.filter(order=order).count() == before


def test_table_covers_lifecycle_rules():
    assert transitions.allowed(states.PROVIDER_REVIEW, states.PENDING_MINISTRY, transitions.REVIEWER)
    assert not transitions.allowed(states.PROVIDER_REVIEW, states.PENDING_MINISTRY, transitions.APPLICANT)
    assert not any(frm in states.TERMINAL for frm, _ in transitions.TABLE)
    for state in states.APPLICANT_EDITABLE:
        assert transitions.allowed(state, states.EXPIRED, transitions.SYSTEM)
    assert not transitions.allowed(states.BUREAU_REVIEW, states.CANCELLED, transitions.APPLICANT)


@pytest.mark.django_db(transaction=True)
def test_effects_do_not_deliver_when_the_transaction_rolls_back(make_order):
    from django.db import transaction

    order = make_order()
    with pytest.raises(RuntimeError), transaction.atomic():
        transition(order=order, to_state=states.CANCELLED, role=transitions.APPLICANT)
        raise RuntimeError("boom")
    order.refresh_from_db()
    assert order.state == states.DRAFT
    assert not Message.objects.filter(order=order).exists()
    assert InFlightClaim.objects.filter(order=order).count() == 2


@pytest.mark.django_db
def test_expiry_sweep_is_idempotent_and_moves_with_applicant_updates(make_order, applicant):
    from beian.filings.services import update_application
    from beian.filings.timers import sweep

    start = timezone.now()
    order = make_order(now=start)
    assert sweep(now=start + timedelta(days=44)) == 0
    order = update_application(order=order, actor=applicant, application=order.application, version=order.version,
                               now=start + timedelta(days=30))
    assert sweep(now=start + timedelta(days=46)) == 0, "the update reset the 45-day clock"
    assert sweep(now=start + timedelta(days=76)) == 1
    assert sweep(now=start + timedelta(days=77)) == 0, "a second sweep changes nothing"
    order.refresh_from_db()
    assert order.state == states.EXPIRED and not order.claims.exists()
    assert Message.objects.filter(order=order, event="state:expired", channel="email").exists()


@pytest.mark.django_db
def test_orders_with_the_provider_do_not_expire(make_order):
    from beian.filings.timers import sweep

    start = timezone.now()
    order = _force_state(make_order(now=start), states.PROVIDER_REVIEW)
    assert sweep(now=start + timedelta(days=60)) == 0
    order.refresh_from_db()
    assert order.state == states.PROVIDER_REVIEW
