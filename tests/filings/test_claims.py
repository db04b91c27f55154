"""One order in flight per certificate and per domain, enforced by the database."""

import threading

import pytest
from django.db import connection

from beian.filings import states, transitions
from beian.filings.claims import ClaimConflict
from beian.filings.models import InFlightClaim, Order
from beian.filings.services import OrderError, cancel_order, create_order, update_application

from .conftest import application


@pytest.mark.django_db
def test_same_domain_is_refused_with_the_seed_message(make_order, other_applicant):
    first = make_order("example.com")
    with pytest.raises(ClaimConflict) as info:
        make_order("example.com", account=other_applicant, cert="91350200776049653A")
    assert info.value.code == "DOMAIN_ORDER_IN_PROGRESS" and "该域名" in info.value.message
    # Another account's order is not named (issue 13 #4: its reference is not this account's to see).
    assert first.reference not in info.value.message and "不在当前账号下" in info.value.message
    assert Order.objects.count() == 1, "the refused order was not created"


@pytest.mark.django_db
def test_same_certificate_is_refused(make_order):
    make_order("example.com")
    with pytest.raises(ClaimConflict) as info:
        make_order("another.com")
    assert info.value.code == "CERT_ORDER_IN_PROGRESS" and "此证件存在进行中的订单" in info.value.message


@pytest.mark.django_db
def test_idn_and_case_variants_are_the_same_domain(make_order):
    make_order("例子.中国")
    with pytest.raises(ClaimConflict):
        make_order("XN--FSQU00A.XN--FIQS8S", cert="91350200776049653A")


@pytest.mark.django_db
def test_cancel_releases_the_claims(make_order, applicant):
    order = make_order("example.com")
    cancel_order(order=order, actor=applicant)
    assert make_order("example.com").state == states.DRAFT


@pytest.mark.django_db
def test_editing_the_domain_moves_the_claim_and_a_conflict_loses_nothing(make_order, applicant, other_applicant):
    mine = make_order("mine.com")
    make_order("taken.com", account=other_applicant, cert="91350200776049653A")
    with pytest.raises(ClaimConflict):
        update_application(order=mine, actor=applicant, application=application("taken.com"), version=mine.version)
    mine.refresh_from_db()
    assert mine.application["websites"][0]["domains"] == ["mine.com"]
    assert set(InFlightClaim.objects.filter(order=mine).values_list("key", flat=True)) >= {"mine.com"}
    moved = update_application(order=mine, actor=applicant, application=application("new.com"), version=mine.version)
    keys = set(InFlightClaim.objects.filter(order=moved).values_list("key", flat=True))
    assert "new.com" in keys and "mine.com" not in keys


@pytest.mark.django_db
def test_stale_tab_is_refused(make_order, applicant):
    order = make_order()
    update_application(order=order, actor=applicant, application=order.application, version=order.version)
    with pytest.raises(OrderError) as info:
        update_application(order=order, actor=applicant, application=application("x.com"), version=order.version)
    assert info.value.code == "stale_version"


@pytest.mark.django_db
def test_orders_with_the_ministry_are_not_editable(make_order, applicant):
    order = make_order()
    Order.objects.filter(pk=order.pk).update(state=states.BUREAU_REVIEW)
    with pytest.raises(OrderError) as info:
        update_application(order=order, actor=applicant, application=order.application, version=None)
    assert info.value.code == "order_not_editable"
    assert transitions.allowed(states.RETURNED, states.PROVIDER_REVIEW, transitions.APPLICANT)


@pytest.mark.django_db(transaction=True)
def test_two_simultaneous_orders_for_one_domain_give_exactly_one(applicant, other_applicant):
    if connection.vendor != "postgresql":
        pytest.skip("real concurrent transactions need PostgreSQL (SQLite serialises writers)")
    barrier = threading.Barrier(2)
    results = []

    def attempt(account, cert):
        from django.db import connections

        try:
            barrier.wait(timeout=10)
            create_order(account=account, application=application("race.com", cert))
            results.append("ok")
        except ClaimConflict as exc:
            results.append(exc.code)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=attempt, args=(applicant, None)),
               threading.Thread(target=attempt, args=(other_applicant, "91350200776049653A"))]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    assert sorted(results) == ["DOMAIN_ORDER_IN_PROGRESS", "ok"]
    assert InFlightClaim.objects.filter(kind="domain", key="race.com").count() == 1
