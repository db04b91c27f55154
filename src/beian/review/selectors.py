"""Reads of the reviewer console; `field_reasons` is what the applicant's wizard shows at each field."""

from django.contrib.auth.models import Group
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone

from beian.filings import states, transitions
from beian.filings.models import Order, OrderEvent
from beian.filings.selectors import sla_due
from beian.review import messages as msg
from beian.review import reasons

QUEUE_STATES = (states.PROVIDER_REVIEW, states.SUPPLEMENT_REQUIRED, states.PENDING_MINISTRY, states.SMS_VERIFICATION,
                states.BUREAU_REVIEW, states.RETURNED, states.BUREAU_REJECTED)


def is_reviewer(user) -> bool:
    return bool(user.is_authenticated and user.is_active and (
        user.is_superuser or (user.is_staff and user.groups.filter(name="reviewers").exists())))


def reviewers():
    group = Group.objects.filter(name="reviewers").first()
    return group.user_set.filter(is_active=True) if group else []


def field_reasons(*, order) -> dict[str, list[str]]:
    """Open reviewer rejections by field path, in Chinese (shown to the applicant at the field)."""
    out: dict[str, list[str]] = {}
    for decision in order.field_decisions.filter(verdict="reject", resolved_at__isnull=True):
        out.setdefault(decision.path, []).append("初审意见：" + reasons.text(decision.reason_code, decision.note))
    return out


def field_specs(order) -> list[tuple[str, str, list]]:
    """The console's groups of field specs, as the wizard asks for them: (key, title, specs) for 主办者, 主体负责人,
    each website and each APP (an APP's platforms are cells of their own, review/app_fields.py)."""
    from beian.review import app_fields
    from beian.wizard.fields import basic_fields, subject_fields, website_fields

    application = order.application or {}
    individual = (application.get("subject") or {}).get("nature") == "individual"
    subject = basic_fields()[:-2] + subject_fields(individual=individual)
    groups = [("subject", msg.FIELD_GROUP_SUBJECT, [f for f in subject if ".principal." not in f.name]),
              ("principal", msg.FIELD_GROUP_PRINCIPAL, [f for f in subject if ".principal." in f.name])]
    websites = application.get("websites")
    for i in range(len(websites) if isinstance(websites, list) else 0):
        groups.append((f"website-{i}", msg.FIELD_GROUP_WEBSITE.format(n=i + 1), website_fields(i)))
    for i, app in enumerate(app_fields.apps_of(application)):
        groups.append((f"app-{i}", app_fields.app_title(i, app), app_fields.specs(i, app)))
    return groups


def field_title(order, path: str, label: str | None = None) -> str:
    """A field as the reviewer and the applicant name it: `主体负责人 · 手机号码`, `APP1：示例商城 · iOS · 证书SHA-1指纹`."""
    from beian.review import app_fields

    if path.startswith("apps["):
        found = app_fields.title(path, order.application or {})
        if found:
            return found
    for _key, title, specs in field_specs(order):
        for spec in specs:
            if spec.name == path:
                return f"{title} · {label or spec.label}"
    return label or path


def deciding_reviewers(order_ids) -> dict:
    """order id -> the reviewer who last decided its 初审 (approved it or asked for a supplement)."""
    events = (OrderEvent.objects.filter(order_id__in=list(order_ids), kind="transition", role=transitions.REVIEWER,
                                        from_state=states.PROVIDER_REVIEW, actor__isnull=False)
              .select_related("actor").order_by("at", "id"))
    return {e.order_id: e.actor for e in events}


def reviewer_of(order):
    """The reviewer who handles or handled the order's 初审: whoever claimed it, else whoever decided it."""
    claim = getattr(order, "review_claim", None)
    return claim.reviewer if claim else deciding_reviewers([order.pk]).get(order.pk)


def handler(order, reviewer=None) -> str:
    """由谁处理: who holds the order now (finished orders say who closed them)."""
    if order.state == states.PROVIDER_REVIEW:
        return msg.HANDLER_CLAIMED.format(reviewer=reviewer.get_username()) if reviewer else msg.HANDLER_UNCLAIMED
    return msg.HANDLER_BY_STATE.get(order.state, "—")


def queue(*, province: str = "", state: str = "", overdue_only: bool = False, manual_only: bool = False, now=None):
    """The console's list: orders in the provider's hands or on their way, or every order in one chosen state.
    An order whose applicant asked for a manual face review is listed whatever its state: it cannot be
    submitted until a reviewer decides (verification.selectors)."""
    from beian.verification.models import ManualReviewRequest

    now = now or timezone.now()
    waiting = ManualReviewRequest.objects.filter(order=OuterRef("pk"), resolved_at__isnull=True)
    orders = Order.objects.select_related("account", "review_claim__reviewer").annotate(manual_open=Exists(waiting))
    orders = orders.filter(state=state) if state else orders.filter(Q(state__in=QUEUE_STATES) | Q(manual_open=True))
    if manual_only:
        orders = orders.filter(manual_open=True)
    if province:
        orders = orders.filter(province=province)
    orders = list(orders.order_by("submitted_at", "id")[:500])
    decided = deciding_reviewers(o.pk for o in orders)
    rows = []
    for order in orders:
        due = sla_due(order=order)
        overdue = bool(due and due < now)
        if overdue_only and not overdue:
            continue
        claim = getattr(order, "review_claim", None)
        reviewer = claim.reviewer if claim else decided.get(order.pk)
        rows.append({"order": order, "due": due, "overdue": overdue, "reviewer": reviewer,
                     "handler": handler(order, reviewer)})
    return rows
