from beian.filings import states
from beian.filings.effects import register


@register(states.PROVIDER_REVIEW)
def answer_previous_round(order, event) -> None:
    """A resubmission answers the last round's per-field rejections and supplement requests."""
    if event.from_state in (states.SUPPLEMENT_REQUIRED, states.BUREAU_REJECTED, states.RETURNED):
        from beian.review.services import resolve_on_resubmit

        resolve_on_resubmit(order=order, now=event.at)
