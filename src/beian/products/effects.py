"""备案服务号 moves with the order that holds it (beian.products.numbers), inside the transition's transaction."""

from beian.filings import states
from beian.filings.effects import register
from beian.products import numbers


@register(states.PROVIDER_REVIEW)
def consume_service_numbers(order, event) -> None:
    """Submission consumes the numbers the order names; one another order took refuses it (rolled back)."""
    numbers.consume(order=order, actor=event.actor, now=event.at)


@register(states.CANCELLED, states.EXPIRED)
def release_service_numbers(order, event) -> None:
    numbers.release(order=order, actor=event.actor, now=event.at, reason=event.to_state)


@register(states.APPROVED)
def file_service_numbers(order, event) -> None:
    numbers.mark_filed(order=order, now=event.at)
