"""Issue 11 item 11: the face status follows the latest finished attempt, never waits forever, and an
attempt that breaks inside ends as an error the phone page can show."""

import random
from datetime import date, timedelta

import pytest
from django.utils import timezone

from beian.documents import synthetic as syn
from beian.verification import messages as msg
from beian.verification import services
from beian.verification.models import FaceAttempt

from .test_phone import link_for, make_order

pytestmark = pytest.mark.django_db
PERSON = syn.random_person(random.Random(17), today=date(2026, 11, 1))


@pytest.fixture
def order():
    return make_order(PERSON)


def _attempt(order, status, minutes_ago, code="", message=""):
    attempt = FaceAttempt.objects.create(order=order, person="subject_principal", status=status, code=code,
                                         message=message)
    FaceAttempt.objects.filter(pk=attempt.pk).update(created_at=timezone.now() - timedelta(minutes=minutes_ago))
    return attempt


def test_a_failure_after_a_pass_is_shown_as_the_failure(client, order):
    _, token = link_for(order)
    _attempt(order, FaceAttempt.PASSED, 5, "passed", msg.FACE_PASSED)
    _attempt(order, FaceAttempt.FAILED, 1, "live_vs_registry", msg.LIVE_VS_REGISTRY)
    status = services.face_status(order, "subject_principal")
    assert not status["passed"] and status["latest"].status == FaceAttempt.FAILED
    assert not services.is_verified(order, "subject_principal")
    page = client.get(f"/m/{token}/status/").content.decode()
    assert "人脸核验通过" not in page and msg.LIVE_VS_REGISTRY in page and 'data-status="failed"' in page


def test_a_pass_after_failures_is_a_pass(client, order):
    _, token = link_for(order)
    _attempt(order, FaceAttempt.FAILED, 5, "live_vs_registry", msg.LIVE_VS_REGISTRY)
    _attempt(order, FaceAttempt.PASSED, 1, "passed", msg.FACE_PASSED)
    assert services.is_verified(order, "subject_principal")
    assert 'data-status="passed"' in client.get(f"/m/{token}/status/").content.decode()


def test_a_new_attempt_after_a_pass_shows_checking_not_passed(client, order):
    _, token = link_for(order)
    _attempt(order, FaceAttempt.PASSED, 5, "passed", msg.FACE_PASSED)
    _attempt(order, FaceAttempt.PENDING, 0)
    page = client.get(f"/m/{token}/status/").content.decode()
    assert 'id="face-outcome" data-status="pending"' in page and 'data-pending="1"' in page


def test_an_attempt_lost_in_the_queue_stops_the_polling(client, order):
    _, token = link_for(order)
    _attempt(order, FaceAttempt.PENDING, 10)  # its worker died: nobody will ever finish it
    status = services.face_status(order, "subject_principal")
    assert not status["pending"] and status["latest"].code == "timeout"
    page = client.get(f"/m/{token}/status/").content.decode()
    assert 'data-pending="0"' in page and "every 2s" not in page and msg.ATTEMPT_TIMEOUT in page


def test_an_attempt_that_breaks_inside_ends_as_an_error(order):
    link, _ = link_for(order)
    attempt = FaceAttempt.objects.create(order=order, person="subject_principal", link=link,
                                         frames=[f"verification/{order.pk}/gone/{i:02d}.jpg" for i in range(6)])
    assert services.run_face_attempt(attempt.pk) == FaceAttempt.ERROR
    attempt.refresh_from_db()
    assert attempt.code == "internal_error" and attempt.message == msg.ATTEMPT_ERROR and attempt.finished_at
    assert not services.face_status(order, "subject_principal")["pending"]
