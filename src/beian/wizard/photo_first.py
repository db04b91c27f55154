"""手机拍照备案: the filing that starts with the camera (seed 002 智能证件识别; issue 20 #2, #3).

Two pages before the ordinary wizard, nothing of its logic copied:
  /orders/photo/            个人 or 企业 and the province → a draft order (kind 首次备案 until step 1's check decides
                            it, as soon as the subject and the domain are known), marked meta["photo_first"]
  /orders/<pk>/photo/       the certificates photographed (`capture`: the camera opens), stored as the order's
                            materials by documents/services.upload_to_slot (no second upload later) and read by the
                            OCR task; documents/prefill.py fills the form and marks each field; then the ordinary
                            step 1 (wizard/steps.py basic) with the fields filled and marked 「由证件识别，可修改」.
The same pages work on a PC (a file chooser instead of the camera); they are offered first on narrow screens.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from beian.agents.selectors import acting_account
from beian.documents import messages as documents_msg
from beian.documents.prefill import field_marks
from beian.documents.selectors import active_materials
from beian.documents.services import UploadError, upload_to_slot
from beian.filings import checks
from beian.filings.models import Order
from beian.filings.services import OrderError, create_order
from beian.web import limits
from beian.wizard import fields
from beian.wizard import messages as msg
from beian.wizard.steps import _order_or_404

NATURES = {"individual": "resident_id", "enterprise": "business_license"}  # nature → the certificate photographed
CERTIFICATE_KINDS = ("subject_certificate", "principal_id")
SLOT_LABELS = {("subject_certificate", ""): "营业执照", ("principal_id", "front"): "身份证人像面",
               ("principal_id", "back"): "身份证国徽面"}
OWNERS = {"subject": "", "subject_principal": "主体负责人"}


def application_for(*, nature: str, province: str) -> dict:
    """A blank application with what the first page chose: the certificate types the camera will read."""
    application = checks.blank_application()
    application["region"]["province"] = province
    application["subject"].update(nature=nature, cert_type=NATURES[nature])
    application["subject"]["principal"]["cert_type"] = "resident_id"
    return fields.tidy(application)


@login_required
@require_http_methods(["GET", "POST"])
def photo_new(request):
    nature = request.POST.get("nature", "")
    province = request.POST.get("province", "")
    error = None
    if request.method == "POST":
        if nature not in NATURES or province not in dict(fields.PROVINCE_CHOICES):
            error = msg.PHOTO_CHOOSE
        else:
            try:
                with transaction.atomic():
                    order = create_order(account=acting_account(request), actor=request.user,
                                         application=application_for(nature=nature, province=province))
                    Order.objects.filter(pk=order.pk).update(meta={**order.meta, "photo_first": True})
            except OrderError as exc:
                error = exc.message
            else:
                messages.success(request, msg.PHOTO_STARTED.format(reference=order.reference))
                return redirect("wizard:photo", pk=order.pk)
    return render(request, "wizard/photo_new.html", {
        "natures": list(msg.PHOTO_NATURES.items()), "provinces": fields.PROVINCE_CHOICES, "nature": nature,
        "province": province, "error": error, "msg": msg}, status=400 if error else 200)


def slots(order) -> list[dict]:
    """The certificates of the subject and its principal that the order requires, with what was uploaded."""
    required = checks.run(order.application, order=order)["required_materials"]
    have = {(m.kind, m.owner, m.side): m for m in active_materials(order=order)}
    rows = []
    for item in required:
        side = item.get("side") or ""
        if item["kind"] not in CERTIFICATE_KINDS or item["owner"] not in OWNERS or item.get("auxiliary"):
            continue
        material = have.get((item["kind"], item["owner"], side))
        evidence = (material.evidence or {}) if material else {}
        rows.append({"kind": item["kind"], "owner": item["owner"], "side": side, "material": material,
                     "label": OWNERS[item["owner"]] + SLOT_LABELS.get((item["kind"], side), item["kind"]),
                     "pending": evidence.get("ocr_status") == "pending", "issues": evidence.get("issues") or [],
                     "recapture": (evidence.get("recapture") or {}).get("signals") or []})
    return rows


def _readings(order) -> list[dict]:
    """What the documents filled (or could not read surely), in the order of the form."""
    marks = field_marks(order)
    return [{"path": path, "label": label, "value": fields.get_path(order.application, path), **marks[path]}
            for path, label in msg.PHOTO_FIELDS.items() if path in marks]


@login_required
@require_http_methods(["GET", "POST"])
def photo(request, pk):
    order = _order_or_404(request, pk)
    if not order.editable:
        return redirect("wizard:progress", pk=order.pk)
    error = error_code = None
    if request.method == "POST":
        try:
            limits.hit(("upload_order", order.pk), ("upload_account", request.user.pk))
        except limits.Limited as exc:
            return limits.response(request, exc)
        if not (order.meta or {}).get("photo_first"):  # started by typing, now photographing: fill the rest too
            Order.objects.filter(pk=order.pk).update(meta={**(order.meta or {}), "photo_first": True})
        upload = request.FILES.get("file")
        try:
            if upload is None:
                raise UploadError("no_file", documents_msg.NO_FILE)
            upload_to_slot(order=order, kind=request.POST.get("kind", "")[:32], owner=request.POST.get("owner", "")[:40],
                           side=request.POST.get("side", "")[:8], data=upload.read(5 * 1024 * 1024), via="camera",
                           user=request.user, owners=set(OWNERS))
        except UploadError as exc:
            error, error_code = exc.message, exc.code
        else:
            messages.success(request, msg.PHOTO_UPLOADED)
            return redirect("wizard:photo", pk=order.pk)
    order.refresh_from_db()
    rows = slots(order)
    ctx = {"order": order, "slots": rows, "readings": _readings(order), "pending": any(r["pending"] for r in rows),
           "error": error, "error_code": error_code, "msg": msg,
           "pc_note": msg.PHOTO_PC.format(province=order.application.get("region", {}).get("province") or ""),
           "recapture_hint": documents_msg.RECAPTURE_HINT}
    if request.GET.get("part") == "status":  # the htmx refresh while the OCR task reads
        return render(request, "wizard/_photo_status.html", ctx)
    return render(request, "wizard/photo.html", ctx, status=400 if error else 200)

