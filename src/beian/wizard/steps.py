"""The wizard's step pages: each POST saves a draft, then shows the engine's findings next to the fields."""

import copy

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from beian.documents.selectors import materials_for_precheck
from beian.filings import states, transitions
from beian.filings.claims import ClaimConflict
from beian.filings.selectors import application_for_new_site, order_for, prefilled_from_filing
from beian.filings.services import OrderError, create_order, submit_order, transition, update_application
from beian.products import access as product_access
from beian.wizard import checks, fields, mobile
from beian.wizard import messages as msg

STEP_URLS = {"basic": "wizard:basic", "product": "wizard:product", "subject": "wizard:subject",
             "websites": "wizard:websites", "materials": "wizard:materials", "confirm": "wizard:confirm"}


def _order_or_404(request, pk):
    order = order_for(account=request.user, pk=pk)
    if order is None:
        raise Http404(msg.NOT_FOUND)
    return order


def _context(order, step, application, result, form_errors, field_list, notes=None, **extra):
    from beian.review.selectors import field_reasons

    findings = checks.by_path(result["findings"]) if result else {}
    reviewer = field_reasons(order=order) if order else {}
    rows = []
    for f in field_list:
        value = fields.get_path(application, f.name, [] if f.kind == "multi" else "")
        errors = [e["message"] for e in findings.get(f.name, []) if e["severity"] == "error"]
        warnings = [e["message"] for e in findings.get(f.name, []) if e["severity"] == "warning"]
        if f.name in form_errors:
            errors.insert(0, form_errors[f.name])
        errors += reviewer.get(f.name, [])
        rows.append({"f": f, "value": value, "errors": errors, "warnings": warnings,
                     "note": (notes or {}).get(f.name), "fix": checks.fix_for(findings.get(f.name, []), value)})
    return {"order": order, "step": step, "steps": msg.STEPS, "rows": rows, "application": application,
            "result": result, "findings": findings, **extra}


def _save(request, order, application, kind=None):
    """Save the draft; a stale tab or a claim conflict becomes a message, not an error page."""
    try:
        return update_application(order=order, actor=request.user, application=application,
                                  version=int(request.POST.get("version") or -1), kind=kind), None
    except (OrderError, ClaimConflict) as exc:
        return order, exc.message


@login_required
@require_http_methods(["GET", "POST"])
def basic(request, pk=None):
    order = _order_or_404(request, pk) if pk else None
    application = copy.deepcopy(order.application) if order else checks.blank_application()
    field_list = fields.basic_fields()
    shown = [f.name for f in field_list]
    result, form_errors, error, notes, blocked = None, {}, None, {}, []
    if request.method == "POST":
        if order and not order.editable:
            return redirect("wizard:progress", pk=order.pk)
        form_errors = fields.read_post(request.POST, field_list, application, notes)
        fields.tidy(application)
        result = checks.run(application, order=order)
        # Any error on a field this page shows blocks it, the first website's domain included.
        blocked = checks.blocking(result["findings"], "basic", shown)
        proceed = request.POST.get("action") == "next" and not blocked and not form_errors and result["filing_type"]
        filed = None
        if result["filing_type"] == "new_site_here" and (order is None or order.kind != "new_site_here"):
            application, filed = prefilled_from_filing(account=request.user, application=application)
        if order is None and proceed:
            try:
                order = create_order(account=request.user, application=application, kind=result["filing_type"])
            except ClaimConflict as exc:
                error = exc.message
            else:
                messages.success(request, msg.ORDER_CREATED.format(reference=order.reference))
                if filed is not None:
                    messages.info(request, msg.PREFILLED.format(number=filed.subject_number))
                return redirect("wizard:product", pk=order.pk)
        elif order is not None:
            kind = result["filing_type"] if order.kind in checks.NEW_FILING_KINDS and result["filing_type"] else None
            order, error = _save(request, order, application, kind=kind)
            if error is None and filed is not None:
                messages.info(request, msg.PREFILLED.format(number=filed.subject_number))
            if proceed and error is None:
                return redirect("wizard:product", pk=order.pk)
    elif order:
        result = checks.run(application, order=order)
        blocked = checks.blocking(result["findings"], "basic", shown)
    elif request.GET.get("filing"):
        # 新增网站 from a filing on 我的备案: the subject is known, only the new domain is to be typed.
        application = application_for_new_site(account=request.user, filing_pk=request.GET["filing"],
                                               application=application) or application
    explain = None
    if result and result.get("filing_type"):
        label = checks_label(result["filing_type"])
        if blocked or form_errors:
            # Never "可以备案 校验通过" while an error stands on this page.
            explain = {"passed": False, "title": msg.TYPE_BLOCKED.format(label=label),
                       "detail": msg.BASIC_HAS_ERRORS.format(count=len(blocked) + len(form_errors))}
        else:
            explain = {"passed": True, "title": msg.TYPE_DETERMINED.format(label=label),
                       "detail": msg.TYPE_EXPLAIN[result["filing_type"]]}
    ctx = _context(order, "basic", application, result, form_errors, field_list, notes=notes, error=error,
                   explain=explain, basic_findings=checks.shown_on((result or {}).get("findings", []), "basic", shown))
    return render(request, "wizard/step_basic.html", ctx)


def checks_label(filing_type: str) -> str:
    from beian.rules.messages import FILING_TYPES

    return FILING_TYPES.get(filing_type, filing_type)


@login_required
@require_http_methods(["GET", "POST"])
def product(request, pk):
    order = _order_or_404(request, pk)
    application = copy.deepcopy(order.application)
    error = None
    if request.method == "POST" and order.editable:
        errors, numbers = product_access.apply_choices(account=request.user, order=order, application=application,
                                                       post=request.POST)
        order, error = _save(request, order, application)
        if error is None:
            product_access.reserve_service_numbers(order=order, in_use=numbers)
            if not errors and request.POST.get("action") == "next":
                return redirect("wizard:subject", pk=order.pk)
    else:
        errors, _ = product_access.apply_choices(account=request.user, order=order, application=application)
    ctx = product_access.page_context(account=request.user, application=application, errors=errors, back=request.path)
    return render(request, "wizard/step_product.html", {"order": order, "step": "product", "steps": msg.STEPS,
                                                        "error": error, **ctx})


@login_required
@require_http_methods(["GET", "POST"])
def subject(request, pk):
    order = _order_or_404(request, pk)
    application = copy.deepcopy(order.application)
    individual = (application.get("subject") or {}).get("nature") == "individual"
    field_list = fields.subject_fields(individual=individual)
    form_errors, error, result, notes = {}, None, None, {}
    if request.method == "POST" and order.editable:
        form_errors = fields.read_post(request.POST, field_list, application, notes)
        fields.tidy(application)
        order, error = _save(request, order, application)
        application = order.application if error is None else application
        phone = fields.get_path(application, "subject.principal.mobile")
        action = request.POST.get("action")
        if action == "send_code":
            try:
                mobile.send_code(order=order, mobile=phone)
                messages.info(request, msg.CODE_SENT.format(mobile=phone))
            except mobile.CodeError as exc:
                form_errors["sms_code"] = exc.message
        elif request.POST.get("sms_code", "").strip():
            try:
                mobile.verify_code(order=order, mobile=phone, code=request.POST["sms_code"][:10])
            except mobile.CodeError as exc:
                form_errors["sms_code"] = exc.message
        result = checks.run(application, order=order)
        if action == "next" and not form_errors and error is None:
            if not mobile.is_verified(order=order, mobile=phone):
                form_errors["sms_code"] = msg.CODE_REQUIRED
            elif not checks.errors_on(result["findings"], "subject"):
                return redirect("wizard:websites", pk=order.pk)
    else:
        result = checks.run(application, order=order)
    phone = fields.get_path(application, "subject.principal.mobile")
    ctx = _context(order, "subject", application, result, form_errors, field_list, notes=notes, error=error,
                   code_error=form_errors.get("sms_code"), verified=mobile.is_verified(order=order, mobile=phone))
    return render(request, "wizard/step_subject.html", ctx)


@login_required
@require_http_methods(["GET", "POST"])
def websites(request, pk):
    order = _order_or_404(request, pk)
    application = copy.deepcopy(order.application)
    individual = (application.get("subject") or {}).get("nature") == "individual"
    count = len(application.get("websites") or ())
    province = (application.get("region") or {}).get("province") or ""
    field_list = [f for i in range(count) for f in fields.website_fields(i, province=province, individual=individual)]
    principal_lists = {i: fields.principal_fields(f"websites[{i}].principal", individual=False) for i in range(count)}
    form_errors, error, result, notes = {}, None, None, {}
    if request.method == "POST" and order.editable:
        form_errors = fields.read_post(request.POST, field_list, application, notes)
        for i in range(count):
            if individual or request.POST.get(f"websites[{i}].reuse", "1") == "1":
                application["websites"][i]["principal"] = None
            else:
                application["websites"][i]["principal"] = (application["websites"][i].get("principal")
                                                           or checks.blank_application()["subject"]["principal"])
                form_errors.update(fields.read_post(request.POST, principal_lists[i], application, notes))
        action = request.POST.get("action", "")
        if action == "add":
            application["websites"].append(checks.blank_website(""))
            messages.info(request, msg.WEBSITE_ADDED)
        elif action.startswith("remove:"):
            index = int(action.split(":")[1]) if action.split(":")[1].isdigit() else -1
            if count <= 1:
                messages.error(request, msg.LAST_WEBSITE)
            elif 0 <= index < count:
                application["websites"].pop(index)
                messages.info(request, msg.WEBSITE_REMOVED)
        fields.tidy(application)
        order, error = _save(request, order, application)
        if action in ("add",) or action.startswith("remove:"):
            return redirect("wizard:websites", pk=order.pk)
        result = checks.run(application, order=order)
        if action == "next" and not form_errors and error is None and not checks.errors_on(result["findings"], "websites"):
            if order.state == states.DRAFT:
                order = transition(order=order, to_state=states.MATERIALS, role=transitions.APPLICANT, actor=request.user)
            return redirect("wizard:materials", pk=order.pk)
    else:
        result = checks.run(application, order=order)
    findings = checks.by_path(result["findings"]) if result else {}
    sites = []
    for i, website in enumerate(application.get("websites") or ()):
        ctx_i = _context(order, "websites", application, result, form_errors,
                         fields.website_fields(i, province=province, individual=individual), notes=notes)
        p_ctx = _context(order, "websites", application, result, form_errors, principal_lists.get(i) or
                         fields.principal_fields(f"websites[{i}].principal", individual=False), notes=notes)
        sites.append({"i": i, "rows": ctx_i["rows"], "principal_rows": p_ctx["rows"], "reuse": website.get("principal") is None,
                      "site_errors": [f["message"] for f in findings.get(f"websites[{i}].principal", [])
                                      + findings.get(f"websites[{i}].domains", []) if f["severity"] == "error"]})
    general = [f["message"] for f in findings.get("websites", []) if f["severity"] == "error"]
    return render(request, "wizard/step_websites.html", {"order": order, "step": "websites", "steps": msg.STEPS,
                                                         "sites": sites, "individual": individual, "error": error,
                                                         "general_errors": general})


@login_required
@require_http_methods(["GET", "POST"])
def confirm(request, pk):
    order = _order_or_404(request, pk)
    result = checks.run(order.application, order=order, materials=materials_for_precheck(order=order))
    error, details = None, []
    if request.method == "POST":
        if not order.editable:
            messages.info(request, msg.ALREADY_SUBMITTED)
            return redirect("wizard:progress", pk=order.pk)
        try:
            submit_order(order=order, actor=request.user, agreement=request.POST.get("agreement") == "on")
        except OrderError as exc:
            error, details = exc.message, exc.details
        else:
            messages.success(request, msg.SUBMITTED)
            return redirect("wizard:progress", pk=order.pk)
    groups = [(label, [f for f in result["findings"] if checks.step_of(f) == key])
              for key, label in msg.STEPS]
    return render(request, "wizard/step_confirm.html", {
        "order": order, "step": "confirm", "steps": msg.STEPS, "result": result, "error": error, "details": details,
        "groups": [(label, fs, reverse(STEP_URLS[key], args=[order.pk])) for (label, fs), (key, _) in zip(groups, msg.STEPS, strict=True) if fs],
        "agreement": msg.AGREEMENT, "materials": materials_for_precheck(order=order),
    })
