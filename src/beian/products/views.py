from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from beian.products.models import ServiceNumber
from beian.products.selectors import usable_instances
from beian.products.services import ProductCheckError, obtain_service_number


@login_required
@require_http_methods(["GET", "POST"])
def service_numbers(request):
    if request.method == "POST":
        try:
            number = obtain_service_number(account=request.user, instance_id=request.POST.get("instance_id", "")[:64])
        except ProductCheckError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, f"已获取备案服务号 {number.code}，可在“产品验证”步骤填写使用，每个服务号只能用于一个网站。")
        return redirect("products:service_numbers")
    return render(request, "products/service_numbers.html", {
        "numbers": ServiceNumber.objects.filter(owner=request.user).select_related("instance", "consumed_order"),
        "instances": usable_instances(account=request.user)})
