"""The applicant's 公安联网备案 actions on an approved order's page: confirm the 网站开通 date, mark it submitted."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect
from django.views.decorators.http import require_POST

from beian.agents.selectors import acting_account
from beian.compliance import messages as msg
from beian.compliance import psb, services
from beian.compliance.models import PsbFollowup


@login_required
@require_POST
def psb_view(request, pk):
    # Object-level: another account's website is "not found", like its orders.
    followup = (PsbFollowup.objects.select_related("website__filing", "order")
                .filter(website_id=pk, order__account=acting_account(request)).first())
    if followup is None:
        raise Http404
    action = request.POST.get("action", "")
    try:
        if action == "opened":
            followup = services.confirm_opened(followup=followup, value=request.POST.get("opened_on", "")[:40],
                                               actor=request.user)
            messages.success(request, msg.PSB_OPENED_SAVED.format(
                domain=followup.website.domain, opened_on=followup.opened_on.isoformat(),
                deadline=psb.deadline(followup.opened_on).isoformat()))
        elif action == "done":
            followup = services.mark_done(followup=followup, actor=request.user)
            messages.success(request, msg.PSB_DONE_SAVED.format(domain=followup.website.domain))
        else:
            messages.error(request, msg.PSB_BAD_ACTION)
    except services.ComplianceError as exc:
        messages.error(request, exc.message)
    return redirect("wizard:progress", pk=followup.order_id)
