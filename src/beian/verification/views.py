"""The phone page: opened from the QR code or a shared link, no login; one order, one person.

Every view resolves the token first and answers a clear page (not an error) when it is invalid,
expired, revoked or used up. Uploads, face attempts and polling are rate limited per link and IP.
"""

from django.contrib import messages
from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_POST

from beian.documents import messages as documents_msg
from beian.documents.crosscheck import masked_row
from beian.documents.models import Material
from beian.documents.services import UploadError, log_evidence_read, upload_to_slot
from beian.filings.checks import person_record
from beian.pii.mask import mask_name
from beian.rules.messages import MATERIALS, SIDES
from beian.verification import messages as msg
from beian.verification import persons, services
from beian.verification.selectors import verification_status
from beian.web import limits


def _limited(request, *keys):
    """The 429 answer when one of the keys is used up, else None (and the action counted)."""
    try:
        limits.hit(*keys)
    except limits.Limited as exc:
        return limits.response(request, exc)
    return None


def _agent_device(request, account_id) -> bool:
    """The face check is the person's own (seed 001: 负责人本人): a browser signed in as the account's agent
    (beian.agents) is refused. Not a proof against a forwarded link (the face match against the ID photo is
    that), but no agent completes it from its own session."""
    from beian.agents.selectors import active_link

    user = getattr(request, "user", None)
    return bool(user is not None and user.is_authenticated and user.pk != account_id
                and active_link(agent_user=user, customer_id=account_id) is not None)


def _resolve(request, token: str, action: str = "view"):
    """(link, None) or (None, response)."""
    if response := _limited(request, (f"phone_{action}", f"{token[-24:]}:{limits.ip_key(request)}")):
        return None, response
    try:
        return services.resolve_token(token), None
    except services.VerificationError as exc:
        status = 410 if exc.code in {"token_expired", "token_revoked", "token_used"} else 404
        if request.headers.get("Accept", "").startswith("application/json"):
            return None, JsonResponse({"code": exc.code, "message": exc.message}, status=status)
        return None, render(request, "verification/phone_error.html", {"code": exc.code, "message": exc.message},
                            status=status)


def _context(link, token: str) -> dict:
    order, person = link.order, link.person
    have = {(m.kind, m.owner, m.side): m for m in Material.objects.filter(order=order, status=Material.ACTIVE)}
    required = services.required_materials(order)  # one engine run for the slots and the person's label
    slots = []
    for item in services.slots_for(order, person, required):
        side = item.get("side") or ""
        material = have.get((item["kind"], item["owner"], side))
        evidence = (material.evidence or {}) if material else {}
        if evidence.get("rows"):
            evidence = {**evidence, "rows": [masked_row(r) for r in evidence["rows"]]}
        slots.append({"kind": item["kind"], "owner": item["owner"], "side": side, "material": material,
                      "label": MATERIALS[item["kind"]] + SIDES.get(item.get("side"), ""),
                      "pending": evidence.get("ocr_status") == "pending", "evidence": evidence})
    record = person_record(order.application, person) or {}
    me = next((p for p in verification_status(order, required=required)["people"] if p["person"] == person), None)
    face = me["face"] if me else services.face_status(order, person)
    pending = any(s["pending"] for s in slots) or face["pending"]
    # The face check is offered to whoever must verify (verification.selectors), with the method their
    # certificate allows: a mainland resident ID against 公安库, any other certificate against its own photo.
    return {"link": link, "token": token, "order": order, "slots": slots, "face": face, "pending": pending,
            "person_label": me["label"] if me else "", "person_name": mask_name(record.get("name", "")),
            "face_needed": bool(me and me["must"]), "why": me["why"] if me else "",
            "document_method": persons.method(record) == persons.DOCUMENT, "manual_after": services.MANUAL_REVIEW_AFTER}


def _log_readings(link, context: dict) -> None:
    """OCR readings on the page (masked, but still evidence): one access-log entry per page shown."""
    shown = [s["material"].pk for s in context["slots"] if s["evidence"].get("rows")]
    if shown:
        log_evidence_read(order=link.order, role="phone", ocr=shown, link=link.pk, person=link.person)


@require_GET
def phone_page(request, token):
    link, response = _resolve(request, token)
    if response:
        return response
    context = _context(link, token)
    _log_readings(link, context)
    return render(request, "verification/phone.html", context)


@require_GET
def phone_status(request, token):
    """The part of the page that changes while OCR or a face check runs (htmx polls it)."""
    link, response = _resolve(request, token)
    if response:
        return response
    context = _context(link, token)
    _log_readings(link, context)
    return render(request, "verification/_phone_status.html", context)


@require_POST
def phone_upload(request, token):
    link, response = _resolve(request, token, "upload")
    if response:
        return response
    if response := _limited(request, ("upload_order", link.order_id)):  # shared with the PC materials page
        return response
    upload = request.FILES.get("file")
    owners = {link.person} | ({"subject"} if link.person == "subject_principal" else set())
    try:
        if upload is None:
            raise UploadError("no_file", documents_msg.NO_FILE)
        upload_to_slot(order=link.order, kind=request.POST.get("kind", "")[:32], owner=request.POST.get("owner", "")[:40],
                       side=request.POST.get("side", "")[:8], data=upload.read(5 * 1024 * 1024), via="phone",
                       owners=owners)
    except UploadError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, msg.UPLOAD_OK)
    return redirect("verification:phone", token=token)


@require_POST
def phone_face(request, token):
    link, response = _resolve(request, token, "face")
    if response:
        return response
    if _agent_device(request, link.order.account_id):
        return JsonResponse({"code": "face_agent", "message": msg.FACE_AGENT}, status=403)
    frames = [f.read(services.MAX_FRAME_BYTES + 1) for f in request.FILES.getlist("frames")[: services.MAX_FRAMES + 1]]
    try:
        attempt = services.start_attempt(link=link, frames=frames)
    except services.VerificationError as exc:
        return JsonResponse({"code": exc.code, "message": exc.message}, status=400)
    return JsonResponse({"attempt": attempt.pk, "status": attempt.status})


@require_POST
def phone_manual(request, token):
    link, response = _resolve(request, token, "manual")
    if response:
        return response
    try:
        services.request_manual_review(link=link)
    except services.VerificationError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, msg.MANUAL_REQUESTED)
    return redirect("verification:phone", token=token)
