from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from beian.documents.selectors import active_materials
from beian.filings import states
from beian.filings.models import Order, OrderEvent
from beian.filings.services import OrderError
from beian.review import messages as msg
from beian.review import services
from beian.review.reasons import CHOICES
from beian.review.selectors import field_reasons, is_reviewer, queue, reviewers
from beian.rules.provinces import PROVINCES
from beian.web.labels import field_label
from beian.wizard import checks


def reviewer_required(view):
    def wrapper(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect(f"/accounts/login/?next={request.path}")
        if not is_reviewer(request.user):
            raise PermissionDenied(msg.FORBIDDEN)
        return view(request, *args, **kwargs)

    wrapper.__name__ = view.__name__
    return wrapper


def mask(value: str) -> str:
    """ID numbers in lists show only their ends (full numbers only on the order page, which is logged)."""
    return value[:4] + "*" * max(len(value) - 8, 0) + value[-4:] if len(value) > 8 else value


@reviewer_required
def queue_view(request):
    province, state = request.GET.get("province", ""), request.GET.get("state", "")
    rows = queue(province=province if province in PROVINCES else "", state=state if state in states.ALL else "",
                 overdue_only=request.GET.get("overdue") == "1")
    for row in rows:
        row["cert"] = mask(row["order"].subject_cert_number)
    return render(request, "review/queue.html", {"rows": rows, "provinces": list(PROVINCES), "province": province,
                                                 "state": state, "states": [(s, states.INTERNAL_LABELS[s]) for s in states.ALL],
                                                 "overdue": request.GET.get("overdue") == "1"})


def _field_rows(order):
    """Every field of the application with the engine's findings and the reviewer's open decision."""
    from beian.wizard.fields import basic_fields, get_path, subject_fields, website_fields

    individual = (order.application.get("subject") or {}).get("nature") == "individual"
    specs = basic_fields()[:-2] + subject_fields(individual=individual)
    for i in range(len(order.application.get("websites") or ())):
        specs += website_fields(i)
    result = checks.run(order.application, order=order)
    findings = checks.by_path(result["findings"])
    decisions = {d.path: d for d in order.field_decisions.filter(resolved_at__isnull=True)}
    return [{"path": f.name, "label": field_label(f.name), "value": get_path(order.application, f.name),
             "findings": findings.get(f.name, []), "decision": decisions.get(f.name)} for f in specs], result


@reviewer_required
def order_view(request, pk):
    order = get_object_or_404(Order, pk=pk)
    # Full ID numbers and photos are on this page: every view of it is in the audit trail.
    OrderEvent.objects.create(order=order, at=timezone.now(), actor=request.user, role="reviewer", kind="evidence_view",
                              from_state=order.state, to_state=order.state)
    rows, result = _field_rows(order)
    return render(request, "review/order.html", {
        "order": order, "rows": rows, "result": result, "reasons": CHOICES, "materials": active_materials(order=order),
        "events": order.events.select_related("actor").order_by("-at")[:100], "calls": order.calls.all()[:20],
        "supplements": order.supplements.all(), "reviewers": reviewers(), "kinds": msg.SUPPLEMENT_KINDS.items(),
        "outcomes": msg.CALL_OUTCOMES.items(), "claim": getattr(order, "review_claim", None),
        "in_review": order.state == states.PROVIDER_REVIEW, "open": field_reasons(order=order),
        "verification": _verification_evidence(order),
    })


def _verification_evidence(order) -> list[dict]:
    """Per person: the OCR readings against typed fields, every face attempt's scores and frames, the
    registry's answer, and any manual review request — what the reviewer decides on."""
    from beian.documents.models import Material
    from beian.verification import services as verification

    rows = []
    for person in verification.people(order):
        materials = Material.objects.filter(order=order, status=Material.ACTIVE, owner__in=[person["person"], "subject"])
        rows.append({**person, "materials": [m for m in materials if (m.evidence or {}).get("ocr_status")],
                     "attempts": list(verification.attempts(order, person["person"])[:10]),
                     "status": verification.face_status(order, person["person"])})
    return rows


@reviewer_required
@require_POST
def manual_review_view(request, pk):
    from beian.verification.models import ManualReviewRequest

    def run(order):
        decision = request.POST.get("outcome")
        if decision not in {"approved", "rejected"}:
            raise OrderError("bad_outcome", msg.BAD_MANUAL_OUTCOME)
        updated = ManualReviewRequest.objects.filter(order=order, pk=request.POST.get("request") or 0,
                                                     resolved_at__isnull=True).update(
            resolved_at=timezone.now(), resolved_by=request.user, outcome=decision)
        if not updated:
            raise OrderError("manual_not_open", msg.MANUAL_NOT_OPEN)
        OrderEvent.objects.create(order=order, at=timezone.now(), actor=request.user, role="reviewer", kind="manual_review",
                                  from_state=order.state, to_state=order.state, reason=msg.MANUAL_DONE[decision],
                                  payload={"request": int(request.POST["request"]), "outcome": decision})
        return msg.MANUAL_DONE[decision]

    return _act(request, pk, run)


def face_frame(request, pk, index):
    """One captured liveness frame: reviewers only; every view is logged."""
    from beian.documents.models import materials_storage
    from beian.verification.models import FaceAttempt

    if not request.user.is_authenticated or not is_reviewer(request.user):
        raise Http404
    attempt = FaceAttempt.objects.select_related("order").filter(pk=pk).first()
    if attempt is None or not 0 <= index < len(attempt.frames):
        raise Http404
    OrderEvent.objects.create(order=attempt.order, at=timezone.now(), actor=request.user, role="reviewer",
                              kind="material_view", from_state=attempt.order.state, to_state=attempt.order.state,
                              payload={"face_attempt": attempt.pk, "frame": index})
    response = FileResponse(materials_storage().open(attempt.frames[index], "rb"), content_type="image/jpeg")
    response["Cache-Control"] = "private, no-store"
    return response


def _act(request, pk, action):
    order = get_object_or_404(Order, pk=pk)
    try:
        note = action(order)
    except OrderError as exc:
        messages.error(request, exc.message)
    else:
        if note:
            messages.success(request, note)
    return redirect("review:order", pk=order.pk)


@reviewer_required
@require_POST
def claim_view(request, pk):
    def run(order):
        target = None
        if request.POST.get("assign_to"):
            target = next((u for u in reviewers() if str(u.pk) == request.POST["assign_to"]), None)
        services.claim(order=order, reviewer=request.user, assign_to=target)
        return msg.ASSIGNED.format(reviewer=target.get_username()) if target else msg.CLAIMED.format(reference=order.reference)

    return _act(request, pk, run)


@reviewer_required
@require_POST
def field_view(request, pk):
    def run(order):
        verdict = "reject" if request.POST.get("verdict") == "reject" else "approve"
        code = request.POST.get("reason_code", "other")
        services.decide_field(order=order, reviewer=request.user, path=request.POST.get("path", "")[:120], verdict=verdict,
                              reason_code=code if code in dict(CHOICES) else "other", note=request.POST.get("note", ""))
        return None

    return _act(request, pk, run)


@reviewer_required
@require_POST
def supplement_view(request, pk):
    def run(order):
        appointment = request.POST.get("appointment_at") or None
        services.request_supplement(
            order=order, reviewer=request.user, kind=request.POST.get("kind", "materials") if request.POST.get("kind") in msg.SUPPLEMENT_KINDS else "materials",
            details=request.POST.get("details", ""), mail_address=request.POST.get("mail_address", ""),
            tracking_number=request.POST.get("tracking_number", ""),
            appointment_at=_parse_datetime(appointment))
        return msg.SUPPLEMENT_SENT

    return _act(request, pk, run)


def _parse_datetime(value):
    if not value:
        return None
    from django.utils.dateparse import parse_datetime

    parsed = parse_datetime(value)
    return timezone.make_aware(parsed) if parsed and timezone.is_naive(parsed) else parsed


@reviewer_required
@require_POST
def approve_view(request, pk):
    return _act(request, pk, lambda order: services.approve(order=order, reviewer=request.user) and msg.APPROVED)


@reviewer_required
@require_POST
def call_view(request, pk):
    def run(order):
        outcome = request.POST.get("outcome", "no_answer")
        services.log_call(order=order, reviewer=request.user, mobile=request.POST.get("mobile", ""),
                          outcome=outcome if outcome in msg.CALL_OUTCOMES else "no_answer", notes=request.POST.get("notes", ""))
        return msg.CALL_LOGGED

    return _act(request, pk, run)


def material_image(request, pk):
    """A material's derived (EXIF-free) image: the order's own applicant or a reviewer; every view is logged."""
    from beian.documents.models import Material

    material = Material.objects.select_related("order").filter(pk=pk).first()
    if material is None or not request.user.is_authenticated:
        raise Http404
    reviewer = is_reviewer(request.user)
    if not reviewer and material.order.account_id != request.user.id:
        raise Http404
    OrderEvent.objects.create(order=material.order, at=timezone.now(), actor=request.user,
                              role="reviewer" if reviewer else "applicant", kind="material_view",
                              from_state=material.order.state, to_state=material.order.state, payload={"material": material.pk})
    response = FileResponse(material.derived.open("rb"), content_type="image/jpeg")
    response["Cache-Control"] = "private, no-store"
    return response
