"""认领备案 pages: start a claim (subject number or domain + certificate number) and prove control of the filed
subject (code to the filed principal's mobile, face check of that principal on the phone page), then submit.
The rules live in beian.filings.claiming."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from beian.agents.selectors import acting_account
from beian.filings import claiming
from beian.filings import messages as filings_msg
from beian.filings.services import OrderError
from beian.verification import services as phone
from beian.web import limits
from beian.wizard import messages as msg
from beian.wizard import mobile
from beian.wizard.steps import _order_or_404
from beian.wizard.views import _phone_people


@login_required
@require_http_methods(["GET", "POST"])
def claim_start(request):
    values = {"query": request.GET.get("q", "")[:255], "cert_number": ""}
    error = code = None
    if request.method == "POST":
        values = {k: request.POST.get(k, "")[:255] for k in ("query", "cert_number")}
        try:
            limits.hit(("claim_lookup_account", request.user.pk), ("claim_lookup_ip", limits.ip_key(request)))
            order, created = claiming.start_claim(account=acting_account(request), query=values["query"],
                                                  cert_number=values["cert_number"])
        except limits.Limited as exc:
            error, code = exc.message, "rate_limited"
        except OrderError as exc:
            error, code = exc.message, exc.code
        else:
            text = filings_msg.CLAIM_STARTED if created else filings_msg.CLAIM_EXISTS
            messages.success(request, text.format(reference=order.reference))
            return redirect("wizard:claim", pk=order.pk)
    # A refusal is the form again with its message (200); only the rate limit is an HTTP refusal.
    return render(request, "wizard/claim_start.html", {"values": values, "error": error, "error_code": code},
                  status=429 if code == "rate_limited" else 200)


@login_required
@require_http_methods(["GET", "POST"])
def claim_page(request, pk):
    order = _order_or_404(request, pk, claim=True)
    if order.kind != claiming.CLAIM:
        return redirect("wizard:progress", pk=order.pk)
    editable = order.state in claiming.EDITABLE
    error = code = None
    if request.method == "POST":
        if not editable:
            return redirect("wizard:progress", pk=order.pk)
        action = request.POST.get("action", "")
        number = (claiming.principal(order).get("mobile") or "").strip()
        try:
            if action == "send_code":
                mobile.send_code(order=order, mobile=number, ip=limits.ip_key(request))
                messages.success(request, msg.CODE_SENT.format(mobile=claiming.summary(order)["mobile"]))
            elif action == "verify_code":
                mobile.verify_code(order=order, mobile=number, code=request.POST.get("sms_code", "")[:10])
                messages.success(request, filings_msg.CLAIM_SMS_VERIFIED)
            elif action == "phone_link":
                phone.create_link(order=order, person=claiming.PERSON, user=request.user)
                messages.success(request, msg.PHONE_LINK_CREATED)
            elif action == "submit":
                claiming.submit_claim(order=order, actor=request.user)
                messages.success(request, filings_msg.CLAIM_SUBMITTED.format(reference=order.reference))
                return redirect("wizard:progress", pk=order.pk)
            return redirect("wizard:claim", pk=order.pk)
        except (mobile.CodeError, phone.VerificationError, OrderError) as exc:
            error, code = exc.message, exc.code
    required = claiming.precheck(order)["required_materials"]
    return render(request, "wizard/claim.html", {
        "order": order, "claim": claiming.summary(order), "editable": editable, "error": error, "error_code": code,
        "people": _phone_people(request, order, required)})
