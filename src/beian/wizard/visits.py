"""Which wizard steps a person has reached and acted on, per order.

A step's findings are shown only once the person acted on it (a POST) — a step opened for the first
time does not greet them with red errors — and the step bar links back to every step reached.
"""

from django.utils import timezone

from beian.filings import states
from beian.wizard import messages as msg
from beian.wizard.models import StepVisit

ORDER = [key for key, _ in msg.STEPS]


def reach(order, step: str, *, saved: bool = False) -> None:
    """Record that the person opened (or, with `saved`, acted on) this step of the order."""
    now = timezone.now()
    visit, created = StepVisit.objects.get_or_create(order=order, step=step,
                                                     defaults={"reached_at": now, "saved_at": now if saved else None})
    if saved and not created and visit.saved_at is None:
        StepVisit.objects.filter(pk=visit.pk).update(saved_at=now)


def _legacy(order) -> bool:
    # Orders that left the draft state, or were started before visits were recorded, have been through
    # every step: everything is reachable and every step shows its findings.
    return order.state != states.DRAFT


def saved_steps(order) -> set[str]:
    if order is None:
        return set()
    if _legacy(order):
        return set(ORDER)
    # An order exists only once step 1 was passed with 下一步.
    return {"basic"} | set(StepVisit.objects.filter(order=order, saved_at__isnull=False).values_list("step", flat=True))


def reached_steps(order) -> set[str]:
    if order is None:
        return set()
    if _legacy(order):
        return set(ORDER)
    return {"basic"} | set(StepVisit.objects.filter(order=order).values_list("step", flat=True))


def step_links(order, current: str) -> list[dict]:
    """The step bar: each step with its URL when the person may go back (or forward) to it."""
    from django.urls import reverse

    reached = reached_steps(order) | {current}
    furthest = max(ORDER.index(s) for s in reached if s in ORDER)
    links = []
    for index, (key, label) in enumerate(msg.STEPS):
        url = None
        if order is not None and order.editable and index <= furthest and key != current:
            url = reverse(f"wizard:{key}", args=[order.pk])
        links.append({"key": key, "label": label, "number": index + 1, "url": url, "current": key == current,
                      "done": index < ORDER.index(current) if current in ORDER else False})
    return links
