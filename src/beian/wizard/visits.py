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


def _content(order) -> tuple[set[str], set[str]]:
    """(steps whose input is already in the order, steps reachable from it), however the input got there
    (typed here, the demo, an API client, a 新增网站 prefill): a person may open those steps from the step
    bar, and a step with its input present shows its findings (a step still empty does not)."""
    application = order.application or {}
    websites = [w for w in application.get("websites") or () if isinstance(w, dict)]
    subject = application.get("subject") if isinstance(application.get("subject"), dict) else {}
    principal = subject.get("principal") if isinstance(subject.get("principal"), dict) else {}
    filled = {"basic"}  # an order exists only once step 1 was passed with 下一步
    if websites and all(isinstance(w.get("access"), dict) and (w["access"].get("instance_id")
                                                               or w["access"].get("service_number")) for w in websites):
        filled.add("product")
    if subject.get("mailing_address") and principal.get("mobile"):
        filled.add("subject")
    if websites and all(w.get("name") and any(w.get("domains") or ()) for w in websites):
        filled.add("websites")
    reachable = {"basic", "product"}
    for before, step in (("product", "subject"), ("subject", "websites"), ("websites", "materials")):
        if before not in filled:
            break
        reachable.add(step)
    return filled, reachable


def saved_steps(order) -> set[str]:
    if order is None:
        return set()
    if _legacy(order):
        return set(ORDER)
    return _content(order)[0] | set(
        StepVisit.objects.filter(order=order, saved_at__isnull=False).values_list("step", flat=True))


def reached_steps(order) -> set[str]:
    if order is None:
        return set()
    if _legacy(order):
        return set(ORDER)
    return _content(order)[1] | set(StepVisit.objects.filter(order=order).values_list("step", flat=True))


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
