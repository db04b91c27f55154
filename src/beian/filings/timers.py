"""Timers are rows with due times; `sweep` applies the due ones.

Safe to run twice and with two workers at once: each due timer is taken with a row lock that skips
rows another worker holds, and applying it is conditional on the order still being in a state the
timer applies to.
"""

from django.db import transaction
from django.utils import timezone

from beian.filings import messages as msg
from beian.filings import states, transitions
from beian.filings.models import Timer
from beian.filings.services import EXPIRY_TIMER, OrderError, transition

HANDLERS = {}


def register_timer(kind: str):
    """@register_timer("kind"): fn(timer, now) -> bool (applied). Other apps register their timers here."""

    def decorator(fn):
        HANDLERS[kind] = fn
        return fn

    return decorator


@register_timer(EXPIRY_TIMER)
def _expire(timer: Timer, now) -> bool:
    if timer.order.state not in states.EXPIRABLE:
        return False
    try:
        transition(order=timer.order, to_state=states.EXPIRED, role=transitions.SYSTEM, reason=msg.EXPIRED_REASON, now=now)
    except OrderError:
        return False
    return True


def _apply(timer: Timer, now) -> bool:
    handler = HANDLERS.get(timer.kind)
    return bool(handler and handler(timer, now))


def sweep(now=None, *, order=None) -> int:
    """Apply the due timers (only `order`'s when given: the demo data ages one order this way)."""
    now = now or timezone.now()
    applied = 0
    due = Timer.objects.filter(done_at__isnull=True, due_at__lte=now)
    due_ids = list((due.filter(order=order) if order is not None else due).values_list("id", flat=True)[:500])
    for timer_id in due_ids:
        with transaction.atomic():
            timer = (Timer.objects.select_for_update(skip_locked=True).select_related("order")
                     .filter(id=timer_id, done_at__isnull=True, due_at__lte=now).first())
            if timer is None:
                continue  # another worker has it, or it was re-armed or done meanwhile
            if _apply(timer, now):
                applied += 1
            # A handler may re-arm its timer (later due_at): only a timer still due is marked done.
            Timer.objects.filter(id=timer.id, done_at__isnull=True, due_at__lte=now).update(done_at=now)
    return applied
