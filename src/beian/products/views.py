from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_http_methods, require_POST

from beian.products import messages as msg
from beian.products import numbers
from beian.products.selectors import instances_overview, usable_instances
from beian.products.services import (
    ProductCheckError,
    demo_purchase_enabled,
    obtain_service_number,
    open_demo_instance,
)


def _next_url(request) -> str:
    """Where to go back to (the 产品验证 step that sent the person here), if it is one of our pages."""
    target = (request.POST.get("next") or request.GET.get("next") or "")[:500]
    if target.startswith("/") and target.isprintable() and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()},
                                                  require_https=request.is_secure()):
        return target
    return ""


@login_required
@require_http_methods(["GET", "POST"])
def instances(request):
    """我的云服务器实例: what the account owns, and whether each one can be filed on."""
    back = _next_url(request)
    if request.method == "POST":
        try:
            instance = open_demo_instance(account=request.user)
        except ProductCheckError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, msg.DEMO_OPENED.format(
                instance=instance.instance_id, ip=instance.public_ip, region=msg.region_label(instance.region),
                date=timezone.localtime(instance.expires_at).date()))
            if back:
                return redirect(back)
        return redirect(f"{request.path}?{urlencode({'next': back})}" if back else request.path)
    return render(request, "products/instances.html", {
        "rows": instances_overview(account=request.user), "demo_purchase": demo_purchase_enabled(), "next": back})


@login_required
@require_http_methods(["GET", "POST"])
def service_numbers(request):
    """备案服务号: obtain one for an instance of the account; every number of the account with its state."""
    if request.method == "POST":
        try:
            number = obtain_service_number(account=request.user, instance_id=request.POST.get("instance_id", "")[:64])
        except ProductCheckError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, msg.NUMBER_OBTAINED.format(code=number.code))
        return redirect("products:service_numbers")
    return render(request, "products/service_numbers.html", {
        "rows": numbers.owner_rows(account=request.user), "instances": usable_instances(account=request.user)})


@login_required
@require_POST
def revoke_service_number(request, pk):
    """撤销 an unused number of the account; another account's number does not exist here (404)."""
    try:
        number = numbers.revoke(account=request.user, pk=pk)
    except ProductCheckError as exc:
        messages.error(request, exc.message)
    else:
        if number is None:
            raise Http404
        messages.success(request, msg.NUMBER_REVOKED.format(code=number.code))
    return redirect("products:service_numbers")
