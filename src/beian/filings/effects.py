"""Side effects of transitions, registered per target state (no model signals).

An effect runs inside the transition's transaction: it may write rows (outbox, timers) and must defer
anything external (mail, HTTP to the ministry) with transaction.on_commit.
"""

from collections import defaultdict
from collections.abc import Callable

_EFFECTS: dict[str | None, list[Callable]] = defaultdict(list)
_CREATED: list[Callable] = []  # effects of a new order (its "created" event is no transition)


def register(*to_states: str):
    """@register("approved") for one state; @register() for every transition."""

    def decorator(fn):
        for state in to_states or (None,):
            if fn not in _EFFECTS[state]:
                _EFFECTS[state].append(fn)
        return fn

    return decorator


def register_created(fn):
    """@register_created: fn(order, event) when an order is created (e.g. webhooks' order.created)."""
    if fn not in _CREATED:
        _CREATED.append(fn)
    return fn


def run_created(order, event) -> None:
    for fn in _CREATED:
        fn(order, event)


def run(order, event) -> None:
    # Effects of every transition (notifications, webhooks) first: a state-specific effect may move the order on at
    # once (待提交管局 submits, and the answer moves it to 短信核验 within the same commit hooks), and whoever is told
    # of state X must be told before being told of the state after it.
    for fn in [*_EFFECTS[None], *_EFFECTS[event.to_state]]:
        fn(order, event)
