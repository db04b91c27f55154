"""Order list, progress page, cancel, materials step (PC upload) and starting change filings."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from beian.agents.selectors import acting_account
from beian.compliance.selectors import after_approval, psb_by_website
from beian.documents.letters import bureau_of, render_deregistration_letter
from beian.documents.pdf import order_templates
from beian.documents.selectors import active_materials, materials_for_precheck
from beian.documents.services import UploadError, log_evidence_read
from beian.documents.synthetic import FontMissing
from beian.filings import changes, checks, diff, release, states
from beian.filings.claims import ClaimConflict
from beian.filings.models import KIND_LABELS, NEW_FILING_KINDS, FiledWebsite, Filing
from beian.filings.selectors import orders_for, progress, sla_due
from beian.filings.services import OrderError, cancel_order, create_order, submit_order
from beian.rules import special
from beian.rules.messages import MATERIALS, SIDES
from beian.verification import services as phone
from beian.verification.selectors import verification_status
from beian.web import limits
from beian.wizard import apps_step, offline_form
from beian.wizard import messages as msg
from beian.wizard.missing import no_access_messages
from beian.wizard.release_page import platform_names, release_context, texts
from beian.wizard.services import upload_material
from beian.wizard.steps import _order_or_404, _render

CHANGE_KINDS = {
    "change_subject": "subject", "change_website": "websites", "change_access": "product",
    "cancel_access": "confirm", "deregister_subject": "confirm", "deregister_website": "confirm",
}
WEBSITE_LEVEL = {"change_website", "change_access", "cancel_access", "deregister_website"}
# What an APP offers (issue 17 #4): 变更APP, 取消接入, 注销APP — the website kinds on its FiledWebsite. Not 变更接入:
# the 产品验证 step names websites' access only.
APP_KINDS = {"change_website", "cancel_access", "deregister_website"}


@login_required
def order_list(request):
    """我的备案: the orders, then 备案管理 — every filed subject and website of the account with its numbers,
    access and status (正常 / 已取消接入 / 已注销), each starting the kinds that apply to it by a POST."""
    orders = orders_for(account=acting_account(request))
    filings = list(Filing.objects.filter(account=acting_account(request)).prefetch_related("websites").order_by("status", "-approved_at"))
    active = [w for f in filings for w in f.websites.all() if w.status == FiledWebsite.ACTIVE and not w.is_app]
    psb = psb_by_website(websites=active)  # each website's 公安联网备案 (网站开通 date, submitted)
    for filing in filings:
        rows = sorted(filing.websites.all(), key=lambda w: w.seq)
        sites, apps = [w for w in rows if not w.is_app], [w for w in rows if w.is_app]
        filing.site_rows = [(w, psb.get(w.pk)) for w in sites]
        filing.app_rows = apps  # APPs (issue 17): number …-NA, name, platforms, status, their own actions
        filing.serves = any(w.status == FiledWebsite.ACTIVE for w in rows)  # this provider still serves a site or APP
        key = "deregistered" if filing.status == Filing.DEREGISTERED else ("active" if filing.serves else "shell")
        filing.status_label, filing.status_key = msg.FILING_STATUS[key], key
        for w in rows:
            w.status_label = msg.WEBSITE_STATUS[w.status]
        for app in apps:
            app.platform_names = platform_names(app.website)
    return render(request, "wizard/list.html", {"orders": orders, "filings": filings, "manage_title": msg.MANAGE_TITLE,
                                                "cancelled_here": msg.ACCESS_CANCELLED_HERE, "offline_link": msg.OFFLINE_LINK,
                                                "change_kinds": [(k, KIND_LABELS[k]) for k in CHANGE_KINDS]})


@login_required
def order_progress(request, pk):
    order = _order_or_404(request, pk, claim=True)
    released = release.is_release(order.kind)
    return render(request, "wizard/progress.html", {
        "order": order, "progress": progress(order=order), "sla_due": sla_due(order=order),
        "ministry_url": settings.MINISTRY_URL,
        "can_cancel": order.state in states.APPLICANT_EDITABLE or order.state == states.PROVIDER_REVIEW,
        "can_resubmit": order.state in (states.SUPPLEMENT_REQUIRED, states.BUREAU_REJECTED, states.RETURNED),
        "websites": order.application.get("websites") or [],
        "apps": apps_step.shown(order.application),
        # After approval: what the province asks of the filed website (footer, 版权所有 …). Not after a 取消接入 or
        # 注销: no website is opened, nothing goes in a footer.
        "province_notes": special.instructions(order.application, kind=order.kind, step="after_approval")
        if order.state == states.APPROVED and not released else [],
        "after_approval": None if released else after_approval(order=order),
        "can_edit": order.editable and not released,
        "release_done": texts(order.kind, order.filed_website)["done"] if released else None,  # a release order is the filed record: nothing to edit
        "changes": _progress_changes(order),
    })


def _progress_changes(order) -> list[dict] | None:
    """A change order's changes, masked as a page the applicant may leave open shows them: as approved once the
    filed record has taken them (kept in meta), else against the filed record now."""
    if "changes" in order.meta:
        return diff.shown(order.meta["changes"])
    changes = diff.order_changes(order)
    return None if changes is None else diff.shown(diff.masked(changes))


@login_required
@require_POST
def order_cancel(request, pk):
    order = _order_or_404(request, pk, claim=True)
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
    import re

    match = re.fullmatch(r"(websites|apps)\[(\d{1,4})\]\.principal", owner)
    if match is None:
        return owner
    key, index = match.group(1), int(match.group(2))
    items = application.get(key) or []
    item = items[index] if index < len(items) and isinstance(items[index], dict) else {}
    if key == "apps":
        return msg.APP_PRINCIPAL_OWNER.format(name=item.get("name") or f"APP{index + 1}")
    return f"网站负责人（{item.get('name') or f'网站{index + 1}'}）"


@login_required
@require_http_methods(["GET", "POST"])
def materials(request, pk):
    order = _order_or_404(request, pk)
    error = error_code = None
    if request.method == "POST" and order.editable:
        action = request.POST.get("action", "upload")
        if action == "phone_link":
            try:
                phone.create_link(order=order, person=request.POST.get("person", "")[:40], user=request.user)
            except phone.VerificationError as exc:
                error = exc.message
            else:
                messages.success(request, msg.PHONE_LINK_CREATED)
                return redirect("wizard:materials", pk=order.pk)
        elif action == "revoke_link":
            link = order.phone_links.filter(pk=request.POST.get("link") or 0).first()
            if link:
                phone.revoke_link(link=link, user=request.user)
                messages.success(request, msg.PHONE_LINK_REVOKED)
            return redirect("wizard:materials", pk=order.pk)
        else:
            try:
                upload_material(order=order, user=request.user, kind=request.POST.get("kind", ""),
                                owner=request.POST.get("owner", ""), side=request.POST.get("side", ""),
                                upload=request.FILES.get("file"), via="pc")
            except limits.Limited as exc:
                return limits.response(request, exc)
            except UploadError as exc:
                error, error_code = exc.message, exc.code
            else:
                messages.success(request, msg.UPLOAD_OK)
                return redirect("wizard:materials", pk=order.pk)
    result = checks.run(order.application, order=order, materials=materials_for_precheck(order=order))
    have = {(m.kind, m.owner, m.side): m for m in active_materials(order=order)}
    items = [{"kind": m["kind"], "owner": m["owner"], "side": m.get("side") or "", "auxiliary": m.get("auxiliary", False),
              "label": MATERIALS[m["kind"]] + SIDES.get(m.get("side"), ""), "owner_label": _owner_label(m["owner"], order.application),
              "uploaded": have.get((m["kind"], m["owner"], m.get("side") or ""))} for m in result["required_materials"]]
    if shown := [i["uploaded"].pk for i in items if i["uploaded"] and (i["uploaded"].evidence or {}).get("rows")]:
        log_evidence_read(order=order, actor=request.user, role="applicant", ocr=shown)
    missing = [f for f in result["findings"] if f["code"].startswith("MATERIAL_")]
    no_access = no_access_messages(order.application) if order.kind in NEW_FILING_KINDS else []
    return _render(request, "wizard/step_materials.html", order, "materials", {
        "items": items, "error": error, "error_code": error_code, "missing": missing, "no_access": no_access,
        "people": _phone_people(request, order, result["required_materials"]), "templates": order_templates(order),
        "nothing_needed": msg.NOTHING_TO_UPLOAD})


def _phone_people(request, order, required: list[dict]) -> list[dict]:
    """Each person who verifies on a phone, with their live link (QR + URL) when one was made here."""
    import segno

    rows = []
    live = {link.person: link for link in order.phone_links.filter(revoked_at__isnull=True)}
    for person in verification_status(order, required=required)["people"]:
        link = live.get(person["person"])
        # A fresh signature each time; the row's expires_at and revoked_at still bound the link.
        url = request.build_absolute_uri(f"/m/{phone.token_for(link)}/") if link else None
        expired = bool(link and link.expires_at < timezone.now())
        rows.append({**person, "link": link, "url": url if not expired else None, "expired": expired,
                     "qr": segno.make(url, error="m").svg_inline(scale=3) if url and not expired else None})
    return rows


@login_required
@require_http_methods(["GET", "POST"])
def start_change(request, filing_pk):
    # Only the list's buttons (a POST with the CSRF token) start a change: a link, or a page elsewhere that loads
    # this address, must not create an order (whose draft would then block the person's real change).
    # A release kind (取消接入/注销) is a second POST: the first shows its consequences and creates nothing.
    if request.method != "POST":
        return redirect("wizard:list")
    filing = Filing.objects.filter(account=acting_account(request), pk=filing_pk, status=Filing.ACTIVE).first()
    if filing is None:
        raise Http404(msg.NOT_FOUND)
    kind = request.POST.get("kind", "")
    if kind not in CHANGE_KINDS:
        messages.error(request, msg.KIND_NOT_ALLOWED)
        return redirect("wizard:list")
    website = None
    website_pk = request.POST.get("website") or ""
    # 取消接入 without a website: every website of the subject this provider serves.
    if kind in WEBSITE_LEVEL and (website_pk or kind != "cancel_access"):
        website = FiledWebsite.objects.filter(filing=filing, pk=website_pk, status=FiledWebsite.ACTIVE).first() \
            if website_pk.isdigit() else None  # a tampered form: the plain message below, not a 500
        if website is None:
            messages.error(request, msg.NO_WEBSITE)
            return redirect("wizard:list")
        if website.is_app and kind not in APP_KINDS:
            messages.error(request, msg.KIND_NOT_FOR_APP)
            return redirect("wizard:list")
    if release.is_release(kind):
        return _start_release(request, filing, kind, website)
    application = changes.starting_application(filing, website)
    try:
        order = create_order(account=acting_account(request), application=application, kind=kind, filing=filing,
                             filed_website=website, actor=request.user)
    except ClaimConflict as exc:
        messages.error(request, exc.message)
        return redirect("wizard:list")
    label = msg.APP_KIND_LABELS.get(kind, KIND_LABELS[kind]) if website is not None and website.is_app else KIND_LABELS[kind]
    messages.success(request, msg.CHANGE_STARTED.format(kind=label, reference=order.reference))
    return redirect(f"wizard:{CHANGE_KINDS[kind]}", pk=order.pk)


def _start_release(request, filing, kind, website):
    """取消接入 / 注销: the first POST shows what the kind does and asks for the declaration (nothing is created);
    the second (`confirmed`, declaration ticked) creates the order and submits it in one transaction, so a refusal
    leaves nothing behind."""
    offline = release.offline_reason(filing, kind, website)
    if offline == "shell" and kind == "cancel_access":
        messages.error(request, msg.RELEASE_NO_SITE)
        return redirect("wizard:list")
    if offline == "shell":
        return redirect(f"{reverse('wizard:offline')}?filing={filing.pk}")
    application = release.application_for(filing, kind, website)
    error = error_code = None
    if request.POST.get("confirmed") == "1":
        try:
            with transaction.atomic():
                order = create_order(account=acting_account(request), application=application, kind=kind, filing=filing,
                                     filed_website=website, actor=request.user)
                order = submit_order(order=order, actor=request.user, agreement=request.POST.get("agreement") == "on")
        except ClaimConflict as exc:
            error, error_code = exc.message, exc.code
        except OrderError as exc:
            error, error_code = exc.message, exc.code
        else:
            messages.success(request, texts(kind, website)["submitted"].format(reference=order.reference))
            return redirect("wizard:progress", pk=order.pk)
    return render(request, "wizard/release.html", {
        **release_context(filing=filing, kind=kind, website=website, application=application),
        "error": error, "error_code": error_code, "website_pk": website.pk if website else ""})


@login_required
@require_http_methods(["GET", "POST"])
def offline_deregistration(request):
    """注销其他单位或空壳主体的备案: what the written application to the 管局 holds and where it goes (seed 003 §9),
    and the letter as a PDF (the POST only renders it: nothing is stored). `?filing=` fills in one of the account's
    own filings (a 空壳主体)."""
    filing = None
    filing_pk = request.GET.get("filing") or request.POST.get("filing") or ""
    if filing_pk:
        filing = Filing.objects.filter(account=acting_account(request), pk=filing_pk).first() if filing_pk.isdigit() else None
        if filing is None:
            raise Http404(msg.NOT_FOUND)
    values = offline_form.initial(filing)
    errors = {}
    if request.method == "POST":
        values, cleaned, errors = offline_form.clean(request.POST)
        if not errors:
            try:
                data = render_deregistration_letter(cleaned)
            except FontMissing as exc:
                return HttpResponse(exc.args[0], status=503, content_type="text/plain; charset=utf-8")
            response = HttpResponse(data, content_type="application/pdf")
            response["Content-Disposition"] = 'attachment; filename="deregistration-application.pdf"'
            return response
    bureau = bureau_of(values.get("number") or "")
    return render(request, "wizard/offline.html", {
        "filing": filing, "reasons": msg.OFFLINE_REASONS,
        "rows": [{"key": k, "label": label, "value": values.get(k, ""), "error": errors.get(k)}
                 for k, label in msg.OFFLINE_FIELDS.items()],
        "title": msg.OFFLINE_TITLE, "seed": msg.OFFLINE_SEED, "contains": msg.OFFLINE_CONTAINS, "note": msg.OFFLINE_NOTE,
        "shell": filing is not None and release.offline_reason(filing, "deregister_subject", None) == "shell",
        "shell_text": msg.OFFLINE_SHELL, "download": msg.OFFLINE_DOWNLOAD,
        "where": msg.OFFLINE_WHERE.format(bureau=bureau) if bureau else msg.OFFLINE_WHERE_UNKNOWN},
        status=400 if errors else 200)
