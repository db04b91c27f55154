from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.http import Http404
from django.shortcuts import render
from django.utils import timezone

from beian.notifications import selectors
from beian.notifications.messages import INBOX_TITLE, SINK_INTRO_ALL, SINK_INTRO_OWN, SINK_TITLE
from beian.notifications.models import Message


@login_required
def inbox(request):
    """The applicant's own site messages only (object-level: filtered by account)."""
    messages = Message.objects.filter(account=request.user, channel=Message.SITE).select_related("order")[:200]
    response = render(request, "notifications/inbox.html", {"title": INBOX_TITLE, "items": messages})
    Message.objects.filter(account=request.user, channel=Message.SITE, read_at__isnull=True).update(read_at=timezone.now())
    return response


def sink_enabled() -> bool:
    # The sink shows SMS codes and password-reset links: only in demo runs (BEIAN_DEMO) and only while no
    # real SMS gateway is configured.
    return settings.BEIAN_DEMO and settings.SMS_GATEWAY.endswith("SinkGateway")


def sink(request):
    if not sink_enabled():
        raise Http404  # outside demo runs there is no sink, whoever asks
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    mobile = request.GET.get("mobile", "").strip()[:20]
    return render(request, "notifications/sink.html", {
        "title": SINK_TITLE, "sms": selectors.sink_sms(request.user, mobile=mobile)[:100],
        "mails": selectors.sink_mails(request.user), "mobile": mobile,
        "intro": SINK_INTRO_ALL if request.user.is_staff else SINK_INTRO_OWN.format(email=request.user.email or "无")})
