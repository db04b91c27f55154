from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from beian.agents.selectors import agent_line
from beian.documents.selectors import active_materials
from beian.documents.services import log_evidence_read
from beian.filings import checks, diff, states
from beian.filings.models import Order, OrderEvent
from beian.filings.selectors import application_domains, merge_repeats, sla_due
from beian.filings.services import OrderError
from beian.pii.mask import mask_cert, mask_name
from beian.review import app_fields, reasons, selectors, services
from beian.review import messages as msg
from beian.review.selectors import field_reasons, handler, is_reviewer, queue, reviewer_of, reviewers
from beian.rules import special
from beian.rules.provinces import PROVINCES
from beian.web.labels import label


def reviewer_required(view):
    def wrapper(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect(f"/accounts/login/?next={request.path}")
        if not is_reviewer(request.user):
            raise PermissionDenied(msg.FORBIDDEN)
        return view(request, *args, **kwargs)

    wrapper.__name__ = view.__name__
    return wrapper


def _text(request, name: str, limit: int) -> str:
    """A posted text field as stored: NUL bytes dropped (PostgreSQL refuses them), cut to the column's size."""
    return request.POST.get(name, "").replace("\x00", "")[:limit]


@reviewer_required
def queue_view(request):
    province, state = request.GET.get("province", ""), request.GET.get("state", "")
    state = state if state in states.ALL else ""
    rows = queue(province=province if province in PROVINCES else "", state=state,
                 overdue_only=request.GET.get("overdue") == "1", manual_only=request.GET.get("manual") == "1")
    for row in rows:
        # Lists show only the ends of a certificate number; the full one is on the order page, which is logged.
        row["cert"] = mask_cert(((row["order"].application or {}).get("subject") or {}).get("cert_number"))
        row["counts"] = app_fields.counts(row["order"].application or {})  # "2 网站 · 1 APP"
    return render(request, "review/queue.html", {"rows": rows, "provinces": list(PROVINCES), "province": province,
                                                 "state": state, "states": [(s, states.INTERNAL_LABELS[s]) for s in states.ALL],
                                                 "overdue": request.GET.get("overdue") == "1",
                                                 "manual": request.GET.get("manual") == "1"})


def _display(spec, value) -> str:
    """A field's value as the reviewer reads it: choices by their label, lists joined, never a code or a repr."""
    names = dict(spec.choices)
    if isinstance(value, list):
        return "、".join(str(names.get(v, v)) for v in value)
    return str(names.get(value, value)) if value not in (None, "") else ""


def _field_groups(order):
    """Every field of the application, grouped as the wizard asks for them (主办者, 主体负责人, each website,
    each APP with one row per platform), with the engine's findings, the reviewer's open decision and the
    reasons that fit the field."""
    from beian.wizard.fields import get_path

    result = checks.run(order.application, order=order)
    findings = checks.by_path(result["findings"])
    decisions = {d.path: d for d in order.field_decisions.filter(resolved_at__isnull=True)}
    changes = diff.order_changes(order)  # a change order: the reviewer reviews what it changes
    apps = app_fields.apps_of(order.application)
    out = []
    for key, title, specs in selectors.field_specs(order):
        rows = [_field_row(spec, get_path(order.application, spec.name, None), findings, decisions) for spec in specs]
        platforms = []
        if key.startswith("app-"):
            platforms = app_fields.platform_rows(int(key[len("app-"):]), apps[int(key[len("app-"):])])
            for platform in platforms:
                for cell in platform["cells"]:
                    cell.update(findings=findings.get(cell["path"], []), decision=decisions.get(cell["path"]))
        cells = [c for p in platforms for c in p["cells"]]
        for row in rows + cells:
            row["change"] = _change_of(row["path"], changes or [])
        every = rows + cells
        issues = sum(len(r["findings"]) for r in every)
        rejected = sum(1 for r in every if r["decision"] and r["decision"].verdict == "reject")
        out.append({"key": key, "title": title, "rows": rows, "platforms": platforms, "cells": cells, "count": len(every),
                    "issues": issues, "rejected": rejected, "changed": sum(1 for r in every if r["change"]),
                    "mismatch": any(p["check"]["state"] == "mismatch" for p in platforms),
                    "errors": any(f["severity"] == "error" for r in every for f in r["findings"])})
    if out and not any(g["errors"] or g["rejected"] or g["changed"] for g in out) and changes is None:
        out[0]["open"] = True  # nothing stands out: start with the first group
    for g in out:
        # An APP whose typed values differ from its uploaded package opens: that is what the reviewer must see.
        g.setdefault("open", g["errors"] or bool(g["rejected"]) or bool(g["changed"]) or g["mismatch"])
    return out, result, changes


def _change_of(path: str, changes: list[dict]) -> dict | None:
    """The change entry a console row shows (`websites[0].domains[0]` is part of `websites[0].domains`)."""
    return next((c for c in changes if path == c["path"] or path.startswith((c["path"] + "[", c["path"] + "."))), None)


def _field_row(spec, value, findings, decisions) -> dict:
    shown = app_fields.display(spec.name, value) if spec.name.startswith("apps[") else None
    found = findings.get(spec.name, [])
    if spec.name.startswith("apps[") and spec.name.endswith(".access"):  # ACCESS_IP_INVALID is at access.ip
        found = [f for path, fs in findings.items() if path.startswith(spec.name) for f in fs]
    return {"path": spec.name, "label": spec.label, "value": _display(spec, "" if value is None else value)
            if shown is None else shown, "findings": found, "decision": decisions.get(spec.name),
            "reasons": reasons.for_path(spec.name)}


def _row_for(order, path):
    """One row of the field table or one platform cell (after a decision), or None for a path the order
    does not have."""
    groups, _, _ = _field_groups(order)
    return next((r for g in groups for r in g["rows"] + g["cells"] if r["path"] == path), None)


@reviewer_required
def order_view(request, pk):
    order = get_object_or_404(Order, pk=pk)
    materials = list(active_materials(order=order))
    verification, verification_state = _verification_evidence(order)
    # Full ID numbers, OCR readings and photos are on this page: every view of it is in the audit trail, with what
    # it showed (the images and frames themselves are logged again when the browser fetches them).
    OrderEvent.objects.create(order=order, at=timezone.now(), actor=request.user, role="reviewer", kind="evidence_view",
                              from_state=order.state, to_state=order.state, payload={
                                  "materials": [m.pk for m in materials if not m.purged_at],
                                  "ocr": sorted({m.pk for p in verification for m in p["materials"]}),
                                  "face_attempts": sorted({a.pk for p in verification for a in p["attempts"]})})
    groups, result, changes = _field_groups(order)
    domains = _domain_real_names(order)
    reviewer = reviewer_of(order)
    events = merge_repeats(order.events.select_related("actor").order_by("-at", "-id")[:300])
    return render(request, "review/order.html", {
        "order": order, "groups": groups, "result": result, "materials": materials,
        "events": events, "calls": order.calls.all()[:20],
        "supplements": order.supplements.all(), "reviewers": reviewers(), "kinds": msg.SUPPLEMENT_KINDS.items(),
        "outcomes": msg.CALL_OUTCOMES.items(), "claim": getattr(order, "review_claim", None),
        "reviewer": reviewer, "handler": handler(order, reviewer), "sla_due": sla_due(order=order),
        "agent_line": agent_line(order),  # 代理商：the reseller filing for this account (beian.agents)
        "in_review": order.state == states.PROVIDER_REVIEW, "open": field_reasons(order=order),
        "changes": diff.shown(changes) if changes is not None else None,
        "verification": verification, "verification_ok": verification_state["ok"],
        "verification_applies": verification_state["applies"], "domains": domains,
        "domains_open": any(d["known"] and not all(d[k] for k in ("holder_ok", "cert_ok", "verified", "registrar_approved"))
                            for d in domains),
        "placeholder": msg.REASON_PLACEHOLDER, "platform_headers": msg.PLATFORM_HEADERS,
        "confirm_approve": msg.CONFIRM_APPROVE.format(reference=order.reference),
        "confirm_supplement": msg.CONFIRM_SUPPLEMENT.format(reference=order.reference),
        # The province's rules that are instructions, not checks, and apply to this order (rules/special.py).
        "province_notes": special.instructions(order.application, kind=order.kind),
    })


def _domain_real_names(order) -> list[dict]:
    """What the domain registry says of each domain, beside the subject's own data: the reviewer checks the
    real-name holder (seed 003 §1.1). A person's name and every certificate number are masked."""
    from beian.registries.domains import held_by_a_person, records
    from beian.registries.messages import HOLDER_CERT_TYPES

    subject = order.application.get("subject") or {}
    domains = list(dict.fromkeys(application_domains(order.application)))
    found = records(domains)  # shown for every kind of order, also where the rules do not apply (注销)
    rows = []
    for domain in domains:
        record = found.get(domain)
        if record is None:
            rows.append({"domain": domain, "known": False})
            continue
        person = held_by_a_person(record)
        rows.append({
            "domain": domain, "known": True,
            "holder": mask_name(record["holder_name"]) if person else record["holder_name"],
            "holder_ok": (record["holder_name"] or "").strip() == (subject.get("name") or "").strip(),
            "cert_type": HOLDER_CERT_TYPES.get(record["holder_cert_type"], record["holder_cert_type"]),
            "cert_type_ok": record["holder_cert_type"] == subject.get("cert_type"),
            "cert": mask_cert(record["holder_cert_number"]),
            "cert_ok": (record["holder_cert_number"] or "").strip().upper()
            == (subject.get("cert_number") or "").strip().upper(),
            "verified": record["holder_verified"], "registrar": record["registrar"],
            "registrar_approved": record["registrar_approved"], "expires": record["expires"]})
    return rows


def _verification_evidence(order) -> tuple[list[dict], dict]:
    """Per person: the OCR readings against typed fields, every face attempt's scores and frames, the
    registry's answer, and any manual review request — what the reviewer decides on."""
    from beian.documents.models import Material
    from beian.verification import services as verification
    from beian.verification.selectors import comparisons, verification_status

    status = verification_status(order)
    rows = []
    for person in status["people"]:
        materials = Material.objects.filter(order=order, status=Material.ACTIVE, owner__in=[person["person"], "subject"])
        attempts = list(verification.attempts(order, person["person"])[:10])
        for attempt in attempts:  # each distance with the threshold it was held to
            attempt.comparisons = comparisons(attempt.evidence, person["method"])
        rows.append({**person, "materials": [m for m in materials if (m.evidence or {}).get("ocr_status")],
                     "attempts": attempts, "status": person["face"]})
    return rows, status


@reviewer_required
@require_POST
def manual_review_view(request, pk):
    from beian.verification import services as verification

    def run(order):
        raw = request.POST.get("request", "")
        request_id = int(raw) if raw.isascii() and raw.isdigit() and len(raw) < 12 else 0
        outcome = request.POST.get("outcome", "")
        try:
            verification.decide_manual_review(order=order, request_id=request_id, reviewer=request.user,
                                              outcome=outcome, reason=_text(request, "reason", 500))
        except verification.VerificationError as exc:
            raise OrderError(exc.code, exc.message) from None
        return msg.MANUAL_DONE[outcome]

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
    log_evidence_read(order=attempt.order, actor=request.user, role="reviewer", face_attempt=attempt.pk, frame=index)
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
    """Approve or reject one field. With htmx the row is answered in place (the reviewer keeps their place
    on the page); without, the page reloads with the same message."""
    order = get_object_or_404(Order, pk=pk)
    path = _text(request, "path", 120)
    row = _row_for(order, path)
    verdict = "reject" if request.POST.get("verdict") == "reject" else "approve"
    code = request.POST.get("reason_code", "")
    try:
        if order.state != states.PROVIDER_REVIEW:
            raise OrderError("not_in_review", msg.NOT_IN_REVIEW.format(state=label(order.state, "state")))
        if row is None:
            raise OrderError("unknown_field", msg.UNKNOWN_FIELD)
        field = selectors.field_title(order, path, row["label"])
        if verdict == "reject" and code not in dict(row["reasons"]):
            raise OrderError("reason_required", msg.REASON_REQUIRED.format(field=field))
        services.decide_field(order=order, reviewer=request.user, path=path, verdict=verdict,
                              reason_code=code if verdict == "reject" else "", note=_text(request, "note", 300))
    except OrderError as exc:
        notice, ok = exc.message, False
    else:
        notice, ok = (msg.FIELD_REJECTED.format(reference=order.reference, field=field, reason=label(code, "reason"))
                      if verdict == "reject" else msg.FIELD_APPROVED.format(reference=order.reference, field=field)), True
    if request.headers.get("HX-Request") and row is not None:
        fresh = _row_for(order, path)
        template = "review/_platform_cell.html" if fresh.get("cell") else "review/_field_row.html"
        return render(request, template, {
            "order": order, "r": fresh, "c": fresh, "in_review": order.state == states.PROVIDER_REVIEW,
            "placeholder": msg.REASON_PLACEHOLDER, "notice": notice, "notice_ok": ok})
    (messages.success if ok else messages.error)(request, notice)
    return redirect("review:order", pk=order.pk)


@reviewer_required
@require_POST
def supplement_view(request, pk):
    def run(order):
        appointment = request.POST.get("appointment_at") or None
        kind = request.POST.get("kind") if request.POST.get("kind") in msg.SUPPLEMENT_KINDS else "materials"
        services.request_supplement(
            order=order, reviewer=request.user, kind=kind,
            details=_text(request, "details", 2000), mail_address=_text(request, "mail_address", 200),
            tracking_number=_text(request, "tracking_number", 60),
            appointment_at=_parse_datetime(appointment))
        return msg.SUPPLEMENT_DONE.format(reference=order.reference, kind=label(kind, "supplement_kind"))

    return _act(request, pk, run)


def _parse_datetime(value):
    if not value:
        return None
    from django.utils.dateparse import parse_datetime

    try:
        parsed = parse_datetime(value)
    except ValueError:  # well formed but impossible, e.g. month 13
        return None
    return timezone.make_aware(parsed) if parsed and timezone.is_naive(parsed) else parsed


@reviewer_required
@require_POST
def approve_view(request, pk):
    def run(order):
        services.approve(order=order, reviewer=request.user)
        return msg.APPROVED_DONE.format(reference=order.reference)

    return _act(request, pk, run)


@reviewer_required
@require_POST
def call_view(request, pk):
    def run(order):
        outcome = request.POST.get("outcome", "no_answer")
        services.log_call(order=order, reviewer=request.user, mobile=_text(request, "mobile", 20),
                          outcome=outcome if outcome in msg.CALL_OUTCOMES else "no_answer", notes=_text(request, "notes", 300))
        return msg.CALL_LOGGED

    return _act(request, pk, run)


def material_image(request, pk):
    """A material's derived (EXIF-free) image: the order's own applicant or a reviewer; every view is logged."""
    from beian.documents.models import Material

    material = Material.objects.select_related("order").filter(pk=pk).first()
    if material is None or not request.user.is_authenticated or material.purged_at or not material.derived:
        raise Http404  # a purged material's image no longer exists (docs/decisions.md #20)
    reviewer = is_reviewer(request.user)
    if not reviewer and material.order.account_id != request.user.id:
        raise Http404
    log_evidence_read(order=material.order, actor=request.user, role="reviewer" if reviewer else "applicant",
                      material=material.pk)
    response = FileResponse(material.derived.open("rb"), content_type="image/jpeg")
    response["Cache-Control"] = "private, no-store"
    return response
