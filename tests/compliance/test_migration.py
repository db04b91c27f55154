"""Filings approved before the 公安联网备案 follow-ups existed get one by migration: opened on the approval date, the
reminder days already past counted as sent (no burst of stale reminders), the timer armed for the days ahead."""

import importlib
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.apps import apps
from django.utils import timezone

from beian.compliance.models import PsbFollowup
from beian.filings.models import Timer
from beian.filings.timers import sweep
from beian.notifications.models import Message
from tests.compliance.support import approved_order

pytestmark = pytest.mark.django_db
migration = importlib.import_module("beian.compliance.migrations.0002_existing_followups")


def test_existing_approvals_get_followups_with_past_days_counted_as_sent():
    approved = timezone.now().astimezone(ZoneInfo("Asia/Shanghai")) - timedelta(days=25)
    order = approved_order(email="legacy@example.com", now=approved, domain="psb-legacy.com")
    PsbFollowup.objects.all().delete()  # as an earlier version left it
    Timer.objects.filter(order=order, kind="psb_reminder").delete()
    migration.forward(apps, None)
    migration.forward(apps, None)  # a second run adds nothing
    followup = PsbFollowup.objects.get(order=order)
    assert followup.opened_on == approved.date() and followup.reminded == [0, 20]
    timer = Timer.objects.get(order=order, kind="psb_reminder")
    assert timer.done_at is None and timer.due_at == datetime.combine(
        approved.date() + timedelta(days=28), datetime.min.time().replace(hour=9), tzinfo=ZoneInfo("Asia/Shanghai"))
    sweep(now=timer.due_at)
    assert Message.objects.filter(order=order, event="psb_reminder", channel=Message.SITE).count() == 1
