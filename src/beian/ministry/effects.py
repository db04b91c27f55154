"""Transition effects and timers of the ministry integration (registered at app start, no signals)."""


from beian.filings import states
from beian.filings.effects import register
from beian.filings.timers import register_timer
from beian.queue import enqueue_on_commit


@register(states.PENDING_MINISTRY)
def queue_submission(order, event) -> None:
    from beian.ministry.services import arm_submit
    # The timer row is the guarantee (swept even if this task is lost); the task is the fast path.
    arm_submit(order, event.at)
    enqueue_on_commit("beian.ministry.tasks.submit_order_to_ministry", order.pk)


@register_timer("ministry_submit")
def retry_submission(timer, now) -> bool:
    from beian.ministry.services import submit

    return submit(order=timer.order, now=now) is not None
