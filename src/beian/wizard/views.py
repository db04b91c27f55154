"""Order list, progress page, cancel, materials step (PC upload) and starting change filings."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from beian.documents.selectors import active_materials, materials_for_precheck
from beian.documents.services import UploadError, store_material
from beian.filings import states
from beian.filings.claims import ClaimConflict
from beian.filings.models import KIND_LABELS, FiledWebsite, Filing
from beian.filings.selectors import orders_for, progress, sla_due
from beian.filings.services import OrderError, cancel_order, create_order
from beian.rules.messages import MATERIALS, SIDES
from beian.wizard import checks
from beian.wizard import messages as msg
from beian.wizard.steps import _order_or_404

CHANGE_KINDS = {
    "change_subject": "subject", "change_website": "websites", "change_access": "product",
    "cancel_access": "confirm", "deregister_subject": "confirm", "deregister_website": "confirm",
}
WEBSITE_LEVEL = {"change_website", "change_access", "cancel_access", "deregister_website"}


@login_required
def order_list(request):
    orders = orders_for(account=request.user)
    filings = Filing.objects.filter(account=request.user, status=Filing.ACTIVE).prefetch_related("websites")
    return render(request, "wizard/list.html", {"orders": orders, "filings": filings,
                                                "change_kinds": [(k, KIND_LABELS[k]) for k in CHANGE_KINDS]})


@login_required
def order_progress(request, pk):
    order = _order_or_404(request, pk)
    return render(request, "wizard/progress.html", {
        "order": order, "progress": progress(order=order), "sla_due": sla_due(order=order),
        "ministry_url": settings.MINISTRY_URL,
        "can_cancel": order.state in states.APPLICANT_EDITABLE or order.state == states.PROVIDER_REVIEW,
        "can_resubmit": order.state in (states.SUPPLEMENT_REQUIRED, states.BUREAU_REJECTED, states.RETURNED),
        "websites": order.application.get("websites") or [],
    })


@login_required
@require_POST
def order_cancel(request, pk):
    order = _order_or_404(request, pk)
    try:
        cancel_order(order=order, actor=request.user)
    except OrderError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, msg.CANCELLED)
    return redirect("wizard:progress", pk=order.pk)


def _owner_label(owner: str, application: dict) -> str:
    if owner == "subject":
        return "主办单位"
    if owner == "subject_principal":
        return "主体负责人"
    index = int(owner[len("websites["):-len("].principal")])
    name = ((application.get("websites") or [{}])[index] or {}).get("name") or f"网站{index + 1}"
    return f"网站负责人（{name}）"


@login_required
@require_http_methods(["GET", "POST"])
def materials(request, pk):
    order = _order_or_404(request, pk)
    error = None
    if request.method == "POST" and order.editable:
        kind, owner, side = request.POST.get("kind", ""), request.POST.get("owner", ""), request.POST.get("side", "")
        required = checks.run(order.application, order=order)["required_materials"]
        slots = {(m["kind"], m["owner"], m.get("side") or "") for m in required}
        upload = request.FILES.get("file")
        if (kind, owner, side) not in slots:
            error = "无法识别要上传的资料项，请刷新页面后重试。"
        elif upload is None:
            error = "请选择要上传的图片。"
        else:
            try:
                store_material(order=order, kind=kind, owner=owner, side=side, data=upload.read(5 * 1024 * 1024),
                               via="pc", user=request.user)
            except UploadError as exc:
                error = exc.message
            else:
                messages.success(request, msg.UPLOAD_OK)
                return redirect("wizard:materials", pk=order.pk)
    result = checks.run(order.application, order=order, materials=materials_for_precheck(order=order))
    have = {(m.kind, m.owner, m.side): m for m in active_materials(order=order)}
    items = [{"kind": m["kind"], "owner": m["owner"], "side": m.get("side") or "", "auxiliary": m.get("auxiliary", False),
              "label": MATERIALS[m["kind"]] + SIDES.get(m.get("side"), ""), "owner_label": _owner_label(m["owner"], order.application),
              "uploaded": have.get((m["kind"], m["owner"], m.get("side") or ""))} for m in result["required_materials"]]
    missing = [f for f in result["findings"] if f["code"].startswith("MATERIAL_")]
    return render(request, "wizard/step_materials.html", {"order": order, "step": "materials", "steps": msg.STEPS,
                                                          "items": items, "error": error, "missing": missing})


@login_required
@require_http_methods(["GET", "POST"])
def start_change(request, filing_pk):
    filing = Filing.objects.filter(account=request.user, pk=filing_pk, status=Filing.ACTIVE).first()
    if filing is None:
        raise Http404(msg.NOT_FOUND)
    kind = request.POST.get("kind") or request.GET.get("kind", "")
    if kind not in CHANGE_KINDS:
        messages.error(request, msg.KIND_NOT_ALLOWED)
        return redirect("wizard:list")
    application = dict(filing.application)
    website = None
    if kind in WEBSITE_LEVEL:
        website = FiledWebsite.objects.filter(filing=filing, pk=request.POST.get("website") or request.GET.get("website"),
                                              status=FiledWebsite.ACTIVE).first()
        if website is None:
            messages.error(request, msg.NO_WEBSITE)
            return redirect("wizard:list")
        application["websites"] = [dict(website.website)]
    else:
        application["websites"] = [dict(w.website) for w in filing.websites.filter(status=FiledWebsite.ACTIVE)]
    try:
        order = create_order(account=request.user, application=application, kind=kind, filing=filing, filed_website=website)
    except ClaimConflict as exc:
        messages.error(request, exc.message)
        return redirect("wizard:list")
    messages.success(request, msg.CHANGE_STARTED.format(kind=KIND_LABELS[kind], reference=order.reference))
    return redirect(f"wizard:{CHANGE_KINDS[kind]}", pk=order.pk)
