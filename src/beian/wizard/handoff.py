"""在手机上继续 (issue 20 #4): a signed, short-lived, single-use, revocable link that continues one order on another
device, signed in to the same account for that order only (docs/decisions.md).

The link's GET only shows what it does; its POST uses it up and signs the device in. That session carries the
hand-off's id: `HandOffScopeMiddleware` ends it once the hand-off is revoked or its time is up, and refuses every
address that is not this order's (another order, the order list, the account's settings), so a lost phone holds
one order for a bounded time, never the account.
"""

from __future__ import annotations

import hashlib
import re
from datetime import timedelta

from django.conf import settings
from django.contrib.auth import login, logout
from django.core import signing
from django.db import transaction
from django.db.models import Max, Q
from django.utils import timezone

from beian.filings.models import OrderEvent
from beian.web import limits
from beian.wizard import messages as msg
from beian.wizard.models import HandOff

SALT = "beian.wizard.handoff"
TOKEN_TTL = timedelta(minutes=30)  # to open (confirm) the link
SESSION_TTL = timedelta(hours=2)  # the other device's session, from the moment it signed in
SESSION_KEY = "beian_handoff"  # {"id": hand-off pk, "order": order pk} in a scoped session
STEPS = ("basic", "product", "subject", "websites", "materials", "confirm", "progress")

# What a scoped session may open besides its own order's pages (whose addresses name the order).
OWN_ORDER = (re.compile(r"^/orders/(\d+)/"), re.compile(r"^/materials/(\d+)/"))
ALWAYS = ("/static/", "/h/", "/accounts/logout/", "/m/", "/manifest.webmanifest", "/sw.js", "/offline/", "/favicon")
# An order's own addresses that stay the PC's: making and revoking hand-offs (a phone cannot make its own
# session outlive the hand-off it came with, nor end the PC's others).
PC_ONLY = re.compile(r"^/orders/\d+/handoff/(?:$|\d+/revoke/)")


class HandOffError(Exception):
    """Why a hand-off link does not work, with a stable code and the Chinese page text."""

    def __init__(self, code: str, *, handoff: HandOff | None = None):
        super().__init__(code)
        self.code, self.handoff = code, handoff
        self.title, self.message = msg.HANDOFF_ERRORS[code]


# ---- making, listing, revoking ------------------------------------------------------------------------------

def create(*, order, user, step: str, now=None) -> tuple[HandOff, str]:
    now = now or timezone.now()
    step = step if step in STEPS else "progress"
    with transaction.atomic():
        handoff = HandOff.objects.create(order=order, created_by=user, created_at=now, expires_at=now + TOKEN_TTL, step=step)
        OrderEvent.objects.create(order=order, at=now, actor=user, role="applicant", kind="handoff_created",
                                  payload={"handoff": handoff.pk, "step": step, "expires_at": handoff.expires_at.isoformat()})
    return handoff, token_for(handoff)


def token_for(handoff: HandOff) -> str:
    return signing.dumps({"h": handoff.pk, "o": handoff.order_id}, salt=SALT, compress=True)


def active(order, now=None) -> list[HandOff]:
    """Hand-offs that still open something: a link not yet used and not expired, or a device signed in by one."""
    now = now or timezone.now()
    return list(HandOff.objects.filter(order=order, revoked_at__isnull=True).filter(
        Q(used_at__isnull=True, expires_at__gt=now) | Q(used_at__isnull=False, session_until__gt=now)))


def revoke(*, handoff: HandOff, user, now=None) -> bool:
    now = now or timezone.now()
    with transaction.atomic():
        done = HandOff.objects.filter(pk=handoff.pk, revoked_at__isnull=True).update(revoked_at=now)
        if done:
            OrderEvent.objects.create(order=handoff.order, at=now, actor=user, role="applicant", kind="handoff_revoked",
                                      payload={"handoff": handoff.pk, "was_used": handoff.used_at is not None})
    return bool(done)


# ---- the link -----------------------------------------------------------------------------------------------

def resolve(token: str, *, now=None) -> HandOff:
    """The hand-off a token stands for while it may still be used, else HandOffError saying why."""
    now = now or timezone.now()
    try:
        data = signing.loads(token[:500], salt=SALT, max_age=TOKEN_TTL)
    except signing.SignatureExpired:
        raise HandOffError("handoff_expired") from None
    except signing.BadSignature:
        raise HandOffError("handoff_invalid") from None
    handoff = HandOff.objects.select_related("order", "order__account").filter(
        pk=data.get("h") if isinstance(data, dict) else None, order_id=data.get("o") if isinstance(data, dict) else None).first()
    if handoff is None:
        raise HandOffError("handoff_invalid")
    if handoff.revoked_at:
        raise HandOffError("handoff_revoked", handoff=handoff)
    if handoff.used_at:
        raise HandOffError("handoff_used", handoff=handoff)
    if handoff.expires_at <= now:
        raise HandOffError("handoff_expired", handoff=handoff)
    return handoff


def refused(handoff: HandOff | None, code: str, *, ip: str) -> None:
    """An audit entry for a refused use of a real hand-off (a forged token names no order to file it under)."""
    if handoff is not None:
        OrderEvent.objects.create(order=handoff.order, at=timezone.now(), actor=None, role="phone", kind="handoff_refused",
                                  payload={"handoff": handoff.pk, "code": code, "ip": _ip_digest(ip)})


def _ip_digest(ip: str) -> str:
    # Enough to tell "the same network tried again" in the trail without keeping the address itself.
    return hashlib.sha256(f"beian.handoff:{ip}".encode()).hexdigest()[:12]


def use(request, token: str, *, now=None) -> HandOff:
    """Uses the link up (once, even when two devices race) and signs this device in for the order only.

    The same account already signed in here with a full session keeps it (nothing to narrow it to); anyone
    else (no session, another account, an older hand-off) gets a fresh session scoped to this order."""
    now = now or timezone.now()
    handoff = resolve(token, now=now)
    if _agent_device(request, handoff.order.account_id):
        raise HandOffError("handoff_agent", handoff=handoff)
    with transaction.atomic():
        if not HandOff.objects.filter(pk=handoff.pk, used_at__isnull=True, revoked_at__isnull=True).update(
                used_at=now, session_until=now + SESSION_TTL):
            raise HandOffError("handoff_used", handoff=handoff)
        handoff.used_at, handoff.session_until = now, now + SESSION_TTL
        account = handoff.order.account
        full = (request.user.is_authenticated and request.user.pk == account.pk and SESSION_KEY not in request.session)
        OrderEvent.objects.create(order=handoff.order, at=now, actor=account, role="phone", kind="handoff_used",
                                  payload={"handoff": handoff.pk, "scoped": not full, "ip": _ip_digest(limits.ip_key(request))})
    if not full:
        if request.user.is_authenticated:
            logout(request)  # another account, or an older hand-off: nothing of it stays on this device
        login(request, account, backend=_backend())
        request.session[SESSION_KEY] = {"id": handoff.pk, "order": handoff.order_id}
        request.session.set_expiry(int(SESSION_TTL.total_seconds()))
    return handoff


def _agent_device(request, account_id) -> bool:
    """A device signed in as the account's agent (beian.agents): the link would sign the agent in as the customer,
    on the page where the principal's SMS code and face check are done. Those stay with the person."""
    from beian.agents.selectors import active_link

    user = getattr(request, "user", None)
    return bool(user is not None and user.is_authenticated and user.pk != account_id
                and active_link(agent_user=user, customer_id=account_id) is not None)


def _backend() -> str:
    return settings.AUTHENTICATION_BACKENDS[0]


# ---- the scoped session -------------------------------------------------------------------------------------

def scope_of(request) -> dict | None:
    scope = request.session.get(SESSION_KEY) if hasattr(request, "session") else None
    return scope if isinstance(scope, dict) else None


def allowed(path: str, order_pk: int) -> bool:
    if path == "/" or path.startswith(ALWAYS):
        return True
    if PC_ONLY.match(path):
        return False
    return any((m := pattern.match(path)) and int(m.group(1)) == order_pk for pattern in OWN_ORDER)


class HandOffScopeMiddleware:
    """A session signed in by a hand-off: ended when the hand-off is revoked or runs out, and kept to its order."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        scope = scope_of(request)
        if scope is not None and request.user.is_authenticated:
            from beian.web.errors import error_response

            now = timezone.now()
            handoff = HandOff.objects.filter(pk=scope.get("id"), order_id=scope.get("order"),
                                             order__account=request.user).first()
            code = None
            if handoff is None or handoff.revoked_at:
                code = "handoff_session_revoked"
            elif handoff.session_until is None or handoff.session_until <= now:
                code = "handoff_session_ended"
            if code:
                if handoff is not None:
                    OrderEvent.objects.create(order=handoff.order, at=now, actor=None, role="phone",
                                              kind="handoff_ended", payload={"handoff": handoff.pk, "code": code})
                logout(request)
                title, message = msg.HANDOFF_ERRORS[code]
                return error_response(request, 410, code=code, title=title, message=message)
            request.handoff = handoff
            if not allowed(request.path, handoff.order_id):
                title, message = msg.HANDOFF_ERRORS["handoff_scope"]
                return error_response(request, 403, code="handoff_scope", title=title, message=message)
        return self.get_response(request)


# ---- what the other device changed --------------------------------------------------------------------------

def stamp(order) -> str:
    """What a wizard page shows of the order, as one short string: it changes when the form (version), the state,
    the materials or a face check change, whichever device did it. A page keeps the stamp it was drawn with; the
    watch compares (no page view, visit or evidence log changes it)."""
    from beian.documents.models import Material
    from beian.verification.models import FaceAttempt

    materials = Material.objects.filter(order=order).aggregate(last=Max("pk"))["last"] or 0
    faces = FaceAttempt.objects.filter(order=order).exclude(status=FaceAttempt.PENDING).aggregate(last=Max("pk"))["last"] or 0
    used = HandOff.objects.filter(order=order, used_at__isnull=False).count()
    return f"{order.version}.{order.state}.{materials}.{faces}.{used}"


def changes(order, seen: str) -> list[str]:
    """What changed since the page's stamp, in words (empty: nothing)."""
    now = stamp(order).split(".")
    before = (seen.split(".") + [""] * 5)[:5]
    out = []
    if before[1] != now[1]:
        out.append(msg.HANDOFF_CHANGED_STATE.format(state=order.state_label))
    if before[0] != now[0]:
        out.append(msg.HANDOFF_CHANGED_FORM)
    if before[2] != now[2]:
        out.append(msg.HANDOFF_CHANGED_MATERIALS)
    if before[3] != now[3]:
        out.append(msg.HANDOFF_CHANGED_FACE)
    if before[4] != now[4]:
        out.append(msg.HANDOFF_CHANGED_SIGNED_IN)
    return out
