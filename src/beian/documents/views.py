from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.views.decorators.http import require_GET

from beian.agents.selectors import acting_account
from beian.documents import messages as msg
from beian.documents.pdf import TEMPLATES, render_template
from beian.documents.synthetic import FontMissing
from beian.filings.selectors import order_for


@login_required
@require_GET
def template_pdf(request, pk, kind):
    order = order_for(account=acting_account(request), pk=pk)  # the owner's orders only
    if order is None or order.kind == "claim":  # a claim's data is the filed principal's, not the claimant's
        raise Http404(msg.ORDER_NOT_FOUND)
    if kind not in TEMPLATES:
        raise Http404
    try:
        data = render_template(order, kind)
    except FontMissing as exc:
        return HttpResponse(exc.args[0], status=503, content_type="text/plain; charset=utf-8")
    response = HttpResponse(data, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{order.reference}-{kind}.pdf"'
    return response
