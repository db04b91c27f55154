"""The wizard's step pages: each POST saves a draft, then shows the engine's findings next to the fields."""

import copy

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from beian.agents.selectors import acting_account, acting_for
from beian.documents.prefill import field_marks
from beian.documents.selectors import materials_for_precheck
from beian.filings import checks, diff, release, states, transitions
from beian.filings import messages as fmsg
from beian.filings.claims import CHANGE_KINDS, ClaimConflict
from beian.filings.models import NEW_FILING_KINDS, Order
from beian.filings.selectors import application_for_new_site, order_for
from beian.filings.services import OrderError, create_order, submit_order, transition, update_application
from beian.products import access as product_access
from beian.rules import special
from beian.rules.codes import Code
from beian.verification.selectors import verification_status
from beian.web import limits
from beian.wizard import app_fields, apps_step, conflicts, fields, missing, mobile, services, visits
from beian.wizard import messages as msg
from beian.wizard.findings import blocking, errors_on, fix_for, shown_on, step_of
from beian.wizard.release_page import release_context, texts

STEP_URLS = {"basic": "wizard:basic", "product": "wizard:product", "subject": "wizard:subject",
             "websites": "wizard:websites", "materials": "wizard:materials", "confirm": "wizard:confirm"}


def _order_or_404(request, pk, *, claim: bool = False):
    """The account's own order. A claim order (认领备案) only on the pages that pass `claim=True` (its own page,
    progress, cancel): the wizard's steps would show the filed principal's data to the claimant and let them
    rewrite the mobile that is to prove control (docs/decisions.md)."""
    order = order_for(account=acting_account(request), pk=pk)
    if order is None or (order.kind == "claim" and not claim):
        raise Http404(msg.NOT_FOUND)
    return order


def _context(order, step, application, result, form_errors, field_list, *, notes=None, show=True, found=None,
             **extra):
    """Rows of fields with their findings. `show` is False on a step the person has not acted on yet: it
    opens without red errors (a reviewer's reasons and the person's own input errors still show)."""
    from beian.review.selectors import field_reasons

    findings = checks.by_path(result["findings"]) if result and show else {}
    reviewer = field_reasons(order=order) if order else {}
    read = field_marks(order, application)  # 「由证件识别，可修改」 (documents/prefill.py)
    rows = []
    for f in field_list:
        value = fields.get_path(application, f.name, [] if f.kind == "multi" else "")
        errors = [e["message"] for e in findings.get(f.name, []) if e["severity"] == "error"]
        warnings = [e["message"] for e in findings.get(f.name, []) if e["severity"] == "warning"]
        if f.name in form_errors:
            errors.insert(0, form_errors[f.name])
        errors += reviewer.get(f.name, [])
        rows.append({"f": f, "value": value, "errors": errors, "warnings": warnings, "conflict": (found or {}).get(f.name),
                     "note": (notes or {}).get(f.name), "fix": fix_for(findings.get(f.name, []), value),
                     "input": fields.input_hints(f, application), "ocr": read.get(f.name)})
    return {"order": order, "step": step, "steps": msg.STEPS, "rows": rows, "application": application,
            "result": result, "findings": findings, **extra}


def _render(request, template, order, step, ctx):
    """A step page: the step bar with its links back, the province's instructions for this step, and the
    visit recorded (no version bump)."""
    if order is not None and order.editable and request.method == "GET":
        visits.reach(order, step)
    return render(request, template, {"order": order, "step": step, "steps": msg.STEPS,
                                      "step_links": visits.step_links(order, step),
                                      "province_notes": _province_notes(order, step, ctx), **ctx})


def _province_notes(order, step, ctx) -> list[dict]:
    """The province `special` rules shown at this step (rules/special.py): for the application on the page
    (step 1 before the order exists: what was typed, with the filing type the engine determined)."""
    application = ctx.get("application") or (order.application if order else None)
    kind = order.kind if order else (ctx.get("result") or {}).get("filing_type")
    return special.instructions(application, kind=kind, step=step)


def _acted(request, order, step) -> None:
    if order is not None and order.editable:
        visits.reach(order, step, saved=True)


def _shows_findings(request, order, step) -> bool:
    return request.method == "POST" or step in visits.saved_steps(order)


def _posted_version(request) -> int | None:
    raw = request.POST.get("version", "")
    return int(raw) if raw.isdigit() and len(raw) < 10 else None


def _save(request, order, application, specs, *, pending=(), kind=None):
    """Save the draft; returns (order, error, conflicts).

    A page older than the saved order (another tab saved meanwhile) is merged field by field with what is
    saved (conflicts.py): when the two sides changed different fields both are kept and the draft is
    saved; when they changed the same field differently nothing is saved, and those fields come back with
    both values for the person to choose. A claim conflict or an order no longer editable becomes a
    message, never an error page.
    """
    found = {}
    if pending:
        found, _ = conflicts.detect([s for s in specs if s.name in pending], application, order.application)
    merged = []
    if _posted_version(request) != order.version:
        stale, merged = conflicts.detect(specs, application, order.application, conflicts.read_base(request.POST))
        found |= stale
    if found:
        text = msg.CONFLICT_CHOOSE if pending and set(found) <= set(pending) else msg.CONFLICT
        return order, text.format(count=len(found)), found
    try:
        order = update_application(order=order, actor=request.user, application=application, version=order.version,
                                   kind=kind)
    except ClaimConflict as exc:
        return order, exc.message, {}
    except OrderError as exc:
        if exc.code != "stale_version":
            return order, exc.message, {}
        fresh = Order.objects.get(pk=order.pk)  # saved by another tab between our read and our write
        found, _ = conflicts.detect(specs, application, fresh.application, conflicts.read_base(request.POST))
        return fresh, msg.CONFLICT.format(count=len(found)) if found else exc.message, found
    if merged:
        messages.info(request, msg.MERGED.format(fields="、".join(dict.fromkeys(merged))))
    return order, None, {}


def _to_materials(request, order):
    if order.state == states.DRAFT:
        order = transition(order=order, to_state=states.MATERIALS, role=transitions.APPLICANT, actor=request.user)
    return redirect("wizard:materials", pk=order.pk)


def _after_product(request, order):
    """下一步 on 产品验证: the first time through it leads to the subject; once the subject and websites
    steps are done (a website added later was sent back here for its access) it goes on to 上传资料."""
    saved = visits.saved_steps(order)
    if not {"subject", "websites"} <= saved:
        return redirect("wizard:subject", pk=order.pk)
    result = checks.run(order.application, order=order)
    phone = fields.get_path(order.application, "subject.principal.mobile")
    if errors_on(result["findings"], "subject") or not mobile.is_verified(order=order, mobile=phone):
        return redirect("wizard:subject", pk=order.pk)
    if errors_on(result["findings"], "websites"):
        return redirect("wizard:websites", pk=order.pk)
    return _to_materials(request, order)


@login_required
@require_http_methods(["GET", "POST"])
def basic(request, pk=None):
    order = _order_or_404(request, pk) if pk else None
    application = copy.deepcopy(order.application) if order else checks.blank_application()
    field_list = fields.basic_fields()
    shown = [f.name for f in field_list]
    result, form_errors, error, found, notes, blocked = None, {}, None, {}, {}, []
    if request.method == "POST":
        if order and not order.editable:
            return redirect("wizard:progress", pk=order.pk)
        _acted(request, order, "basic")
        apps_step.basic_before(application)
        form_errors, posted = services.read(request.POST, field_list, application, notes=notes)
        pending = conflicts.resolve(request.POST, field_list, application, order.application) if order else []
        apps_step.basic_after(request.POST, application)
        fields.tidy(application)
        result = checks.run(application, order=order, account=acting_account(request))
        # Any error on a field this page shows blocks it, the first website's domain included.
        blocked = blocking(result["findings"], "basic", shown)
        proceed = request.POST.get("action") == "next" and not blocked and not form_errors and result["filing_type"]
        application, filed = services.basic_prefill(order=order, account=acting_account(request), application=application,
                                                    result=result)
        if order is None and proceed:
            try:
                order = create_order(account=acting_account(request), application=application, kind=result["filing_type"],
                                     actor=request.user)
            except (ClaimConflict, OrderError) as exc:
                error = exc.message
            else:
                visits.reach(order, "basic", saved=True)
                messages.success(request, msg.ORDER_CREATED.format(reference=order.reference))
                if filed is not None:
                    messages.info(request, msg.PREFILLED.format(number=filed.subject_number))
                return redirect("wizard:product", pk=order.pk)
        elif order is not None:
            kind = services.basic_kind(order, result)
            order, error, found = _save(request, order, application, posted, pending=pending, kind=kind)
            if error is None and filed is not None:
                messages.info(request, msg.PREFILLED.format(number=filed.subject_number))
            if proceed and error is None:
                return redirect("wizard:product", pk=order.pk)
    elif order:
        result = checks.run(application, order=order)
        blocked = blocking(result["findings"], "basic", shown)
    elif request.GET.get("filing"):
        # 新增网站 from a filing on 我的备案: the subject is known, only the new domain is to be typed. 新增APP
        # (`service=app`, issue 17): 服务类型 APP chosen, an APP-only application (apps_step.basic_after on 下一步).
        if request.GET.get("service") == "app":
            application = dict(application, websites=[], apps=[app_fields.blank_app()])
        application = application_for_new_site(account=acting_account(request), filing_pk=request.GET["filing"],
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
                       "detail": (msg.TYPE_EXPLAIN_APPS if apps_step.service_kind(application) == "app"
                                  else msg.TYPE_EXPLAIN).get(result["filing_type"], "")}  # a 变更/注销 order: its kind
    ctx = _context(order, "basic", application, result, form_errors, field_list, notes=notes, found=found, error=error,
                   explain=explain, base=conflicts.snapshot(field_list, order.application) if order else "",
                   **apps_step.basic_extras(application),
                   basic_findings=_basic_findings((result or {}).get("findings", []), shown))
    return _render(request, "wizard/step_basic.html", order, "basic", ctx)


def _basic_findings(findings: list[dict], shown) -> list[dict]:
    """Step 1's box: its own findings, and the 接入备案 mobile rule (seed 003 §9) wherever the mobile was typed,
    since step 1 is where the filing type, and so that rule, is explained."""
    own = shown_on(findings, "basic", shown)
    return own + [f for f in findings if f["code"] == Code.ACCESS_MOBILE_CHANGED and f not in own]


def checks_label(filing_type: str) -> str:
    from beian.filings.models import KIND_LABELS
    from beian.rules.messages import FILING_TYPES

    return FILING_TYPES.get(filing_type) or KIND_LABELS.get(filing_type, filing_type)


@login_required
@require_http_methods(["GET", "POST"])
def product(request, pk):
    order = _order_or_404(request, pk)
    application = copy.deepcopy(order.application)
    error, found = None, {}
    specs = [fields.Field(f"{prefix}.access", missing.label_of(application, prefix), conflicts.ACCESS)
             for prefix, _ in product_access.served(application)]
    if request.method == "POST" and order.editable:
        _acted(request, order, "product")
        # A website not on the posted page (added in another tab) keeps what is saved, and so does one
        # where the person took the other tab's choice (resolve() below puts it back).
        posted = [spec for spec in specs
                  if f"{spec.name}.instance_id" in request.POST or f"{spec.name}.service_number" in request.POST]
        keep = {i for i, spec in enumerate(specs)
                if spec not in posted or request.POST.get(f"conflict:{spec.name}") == conflicts.SAVED}
        errors, numbers = services.read_product(account=acting_account(request), order=order, application=application,
                                                post=request.POST, keep=keep)
        pending = conflicts.resolve(request.POST, specs, application, order.application)
        services.access_missing(application, errors)  # e.g. a website the posted page did not show
        order, error, found = _save(request, order, application, posted, pending=pending)
        if error is None:
            errors.update(services.reserve_service_numbers(order=order, application=application, numbers=numbers,
                                                           actor=request.user))
            if not errors and request.POST.get("action") == "next":
                return _after_product(request, order)
    else:
        errors, _ = product_access.apply_choices(account=acting_account(request), order=order, application=application)
    ctx = product_access.page_context(account=acting_account(request), application=application, errors=errors, back=request.path)
    for site in ctx["sites"]:
        site["conflict"] = found.get(f"{site['prefix']}.access")
    return _render(request, "wizard/step_product.html", order, "product",
                   {"error": error, "base": conflicts.snapshot(specs, order.application), **ctx})


@login_required
@require_http_methods(["GET", "POST"])
def subject(request, pk):
    order = _order_or_404(request, pk)
    application = copy.deepcopy(order.application)
    field_list = services.subject_field_list(application)
    form_errors, error, result, found, notes = {}, None, None, {}, {}
    show = _shows_findings(request, order, "subject")
    if request.method == "POST" and order.editable:
        _acted(request, order, "subject")
        form_errors, posted = services.read(request.POST, field_list, application, notes=notes)
        pending = conflicts.resolve(request.POST, field_list, application, order.application)
        fields.tidy(application)
        order, error, found = _save(request, order, application, posted, pending=pending)
        application = order.application if error is None else application
        phone = fields.get_path(application, "subject.principal.mobile")
        action = request.POST.get("action")
        if found:
            pass  # nothing was saved: no code is sent or checked for a number the person has yet to choose
        elif action == "send_code":
            try:
                mobile.send_code(order=order, mobile=phone, ip=limits.ip_key(request))
                messages.info(request, msg.CODE_SENT.format(mobile=phone))
            except mobile.CodeError as exc:
                form_errors["sms_code"] = exc.message
        elif request.POST.get("sms_code", "").strip() and acting_for(request) is not None:
            form_errors["sms_code"] = msg.AGENT_SMS_CODE  # the principal's own code (beian.agents)
        elif request.POST.get("sms_code", "").strip():
            try:
                mobile.verify_code(order=order, mobile=phone, code=request.POST["sms_code"][:10])
            except mobile.CodeError as exc:
                form_errors["sms_code"] = exc.message
        result = checks.run(application, order=order)
        if action == "next" and not form_errors and error is None:
            if not mobile.is_verified(order=order, mobile=phone):
                form_errors["sms_code"] = msg.CODE_REQUIRED
            elif not errors_on(result["findings"], "subject"):
                return redirect("wizard:websites", pk=order.pk)
    else:
        result = checks.run(application, order=order)
    phone = fields.get_path(application, "subject.principal.mobile")
    ctx = _context(order, "subject", application, result, form_errors, field_list, notes=notes, show=show, found=found,
                   error=error,
                   code_error=form_errors.get("sms_code"), verified=mobile.is_verified(order=order, mobile=phone),
                   base=conflicts.snapshot(field_list, order.application))
    return _render(request, "wizard/step_subject.html", order, "subject", ctx)


@login_required
@require_http_methods(["GET", "POST"])
def websites(request, pk):
    order = _order_or_404(request, pk)
    application = copy.deepcopy(order.application)
    individual = (application.get("subject") or {}).get("nature") == "individual"
    count = len(application.get("websites") or ())
    province = (application.get("region") or {}).get("province") or ""
    principal_lists = {i: fields.principal_fields(f"websites[{i}].principal", individual=False) for i in range(count)}
    form_errors, error, result, found, notes = {}, None, None, {}, {}
    show = _shows_findings(request, order, "websites")
    fresh_site = request.GET.get("new", "")
    if request.method == "POST" and order.editable:
        _acted(request, order, "websites")
        form_errors, specs = services.read_websites(request.POST, order, application, notes=notes)
        specs += apps_step.read_step(request, order, application, form_errors, notes=notes)  # APPs, signing files
        pending = conflicts.resolve(request.POST, services.website_specs(count) + apps_step.specs(application), application,
                                    order.application)
        action = request.POST.get("action", "")
        before = copy.deepcopy(application)
        structural = action == "add" or action.startswith("remove:") or apps_step.is_structural(action)
        notice, query = None, ""
        if action == "add" and order.kind in CHANGE_KINDS:
            notice = (messages.error, fmsg.CHANGE_WEBSITE_ADD_FORBIDDEN)
        elif action == "add":
            application["websites"].append(checks.blank_website(""))
            notice = (messages.info, msg.WEBSITE_ADDED)
        elif action.startswith("remove:"):
            index = int(action.split(":")[1]) if action.split(":")[1].isdigit() else -1
            if count <= 1 and not apps_step.count(application):
                notice = (messages.error, msg.LAST_WEBSITE)
            elif 0 <= index < count:
                application["websites"].pop(index)
                notice = (messages.info, msg.WEBSITE_REMOVED)
        elif structural:
            notice, query = apps_step.act(order, application, action, websites=count)
        services.finish_websites(order, application)
        order, error, found = _save(request, order, application, specs, pending=pending)
        gone = services.sites_gone(request.POST, count)
        if gone:
            messages.warning(request, msg.SITES_GONE.format(sites="；".join(gone)))
        for text in apps_step.gone(request.POST, order.application):
            messages.warning(request, text)
        if structural and error is None:
            if notice:
                notice[0](request, notice[1])
            url = reverse("wizard:websites", args=[order.pk])
            return redirect(f"{url}?new={count}" if action == "add" and order.kind not in CHANGE_KINDS else url + query)
        if structural:
            application = fields.tidy(before)  # the add or remove was not done: show the page as it was posted
            not_done = msg.CONFLICT_APP_NOT_DONE if apps_step.is_structural(action) else msg.CONFLICT_ACTION_NOT_DONE
            error = f"{error} {not_done}" if found else error
        result = checks.run(application, order=order)
        if action == "next" and not form_errors and error is None and not errors_on(result["findings"], "websites"):
            without = missing.labels_without_access(order.application)
            if without and order.kind in NEW_FILING_KINDS:
                messages.warning(request, msg.ACCESS_NEEDED.format(sites="、".join(without)))
                return redirect("wizard:product", pk=order.pk)
            return _to_materials(request, order)
    else:
        result = checks.run(application, order=order)
    if result and request.method == "GET" and fresh_site.isdigit():
        # A website just added opens blank, not covered in red: its findings show once the person saves.
        prefix = f"websites[{fresh_site}]"
        result = {**result, "findings": [f for f in result["findings"] if not f["path"].startswith(prefix)]}
    findings = checks.by_path(result["findings"]) if result and show else {}
    sites = []
    for i, website in enumerate(application.get("websites") or ()):
        ctx_i = _context(order, "websites", application, result, form_errors,
                         fields.website_fields(i, province=province, individual=individual), notes=notes, show=show,
                         found=found)
        p_ctx = _context(order, "websites", application, result, form_errors, principal_lists.get(i) or
                         fields.principal_fields(f"websites[{i}].principal", individual=False), notes=notes, show=show,
                         found=found)
        sites.append({"i": i, "rows": ctx_i["rows"], "principal_rows": p_ctx["rows"], "reuse": website.get("principal") is None,
                      "principal_conflict": found.get(f"websites[{i}].principal"),
                      "site_errors": [f["message"] for f in findings.get(f"websites[{i}].principal", [])
                                      + findings.get(f"websites[{i}].domains", []) if f["severity"] == "error"]})
    general = [f["message"] for f in findings.get("websites", []) + findings.get("apps", []) if f["severity"] == "error"]
    apps = apps_step.page(order, application, result, form_errors, context=_context, notes=notes, show=show, found=found,
                          fresh=request.GET.get("new_app", "") if request.method == "GET" else "")
    return _render(request, "wizard/step_websites.html", order, "websites",
                   {"sites": sites, "apps": apps, "individual": individual, "error": error, "general_errors": general,
                    "can_add": order.kind not in CHANGE_KINDS, **apps_step.page_extras(),
                    "base": conflicts.snapshot(services.website_specs(len(sites)) + apps_step.specs(application),
                                               order.application)})


@login_required
@require_http_methods(["GET", "POST"])
def confirm(request, pk):
    order = _order_or_404(request, pk)
    if release.is_release(order.kind):
        return _confirm_release(request, order)
    materials = materials_for_precheck(order=order)
    result = checks.run(order.application, order=order, materials=materials)
    error, error_code, details = None, None, []
    unverified = services.mobile_unverified(order)
    if request.method == "POST":
        if not order.editable:
            messages.info(request, msg.ALREADY_SUBMITTED)
            return redirect("wizard:progress", pk=order.pk)
        _acted(request, order, "confirm")
        try:
            services.submit(order=order, actor=request.user, agreement=request.POST.get("agreement") == "on")
        except OrderError as exc:
            error, error_code, details = exc.message, exc.code, exc.details
        else:
            messages.success(request, msg.SUBMITTED)
            return redirect("wizard:progress", pk=order.pk)
    warnings = [(label, [f for f in result["findings"] if f["severity"] != "error" and step_of(f) == key],
                 reverse(STEP_URLS[key], args=[order.pk])) for key, label in msg.STEPS]
    # Each person who must still verify is listed like any other missing item (verification.selectors).
    verification = verification_status(order, required=result["required_materials"])
    parts = missing.missing_parts(order, services.standing(order, result, details, unverified=unverified,
                                                          status=verification))
    if parts and error_code != "verification_required" and any(d.get("code") != "MATERIAL_MISSING" for d in details):
        # The list says each thing once (the product check repeats ACCESS_MISSING): the count must match it.
        error = msg.SUBMIT_REFUSED.format(count=sum(len(g["items"]) for g in parts))
    return _render(request, "wizard/step_confirm.html", order, "confirm", {
        "result": result, "error": error, "error_code": error_code, "verification": verification["people"],
        "missing": parts,
        "groups": [(label, fs, url) for label, fs, url in warnings if fs],
        "agreement": msg.AGREEMENT, "materials": materials,
        # A change order: what it changes against the filed record, in full (the applicant's own data).
        "changes": diff.shown(changes) if (changes := diff.order_changes(order)) is not None else None,
        "websites": [{"w": w, "label": missing.site_label(order.application, i), "access": missing.has_access(w)}
                     for i, w in enumerate(order.application.get("websites") or ())],
        "apps": apps_step.shown(order.application),
    })


def _confirm_release(request, order):
    """A 取消接入 / 注销 order's 信息确认: its consequences and the declaration, nothing to fill in."""
    error = error_code = None
    if request.method == "POST":
        if not order.editable:
            messages.info(request, msg.ALREADY_SUBMITTED)
            return redirect("wizard:progress", pk=order.pk)
        try:
            submit_order(order=order, actor=request.user, agreement=request.POST.get("agreement") == "on")
        except OrderError as exc:
            error, error_code = exc.message, exc.code
        else:
            messages.success(request, texts(order.kind, order.filed_website)["submitted"].format(reference=order.reference))
            return redirect("wizard:progress", pk=order.pk)
    ctx = release_context(filing=order.filing, kind=order.kind, website=order.filed_website,
                          application=order.application)
    return render(request, "wizard/step_release.html", {**ctx, "order": order, "error": error, "error_code": error_code})
