"""备案服务号 across accounts: the state machine (unused → reserved → consumed → filed; released; revoked).

The server's owner obtains a number and hands it to anybody (seed 003 §4 方法二; seed 004 tells applicants
to ask the reseller: "一般使用備案服務號,請聯系我們索取備案服務號"): knowing the code is the permission. The
order whose 产品验证 names it reserves it for one website, its submission consumes it, its approval files it
(linked to the FiledWebsite); cancellation, expiry or no longer naming it gives it back. Every move is a
conditional UPDATE on the locked row, so of two accounts using one number at once exactly one wins.
"""

from django.db import transaction
from django.utils import timezone

from beian.products import messages as msg
from beian.products.models import ServiceNumber, ServiceNumberEvent

UNUSED, RESERVED, CONSUMED, FILED, REVOKED = (ServiceNumber.UNUSED, ServiceNumber.RESERVED, ServiceNumber.CONSUMED,
                                              ServiceNumber.FILED, ServiceNumber.REVOKED)
HELD = ServiceNumber.HELD


def effective_state(number: ServiceNumber) -> str:
    """The state as the holding order now stands. A number held by an order that was cancelled or expired
    is free, one held by an approved order is filed, even where the transition's effect did not run (rows
    from before the state machine, or an order moved by hand)."""
    from beian.filings import states

    if number.state in HELD:
        holder = number.consumed_order
        if holder is None or holder.state in (states.CANCELLED, states.EXPIRED):
            return UNUSED
        if holder.state == states.APPROVED:
            return FILED
    return number.state


def refusal(number: ServiceNumber, *, account=None, order_id=None, filed_website_id=None, domain: str = ""):
    """Why `number` cannot be used by the order `order_id` (for the website `domain`) of `account`: a
    ProductCheckError with a stable code, or None."""
    from beian.products.services import ProductCheckError

    state = effective_state(number)
    if state == REVOKED:
        return ProductCheckError("service_number_revoked", msg.SERVICE_NUMBER_REVOKED.format(code=number.code),
                                 "service_number")
    if state == UNUSED or (order_id is not None and number.consumed_order_id == order_id):
        return None
    if state == RESERVED:
        return ProductCheckError("service_number_used", msg.SERVICE_NUMBER_USED.format(code=number.code),
                                 "service_number")
    if state == FILED and _same_filed_website(number, account=account, filed_website_id=filed_website_id,
                                              domain=domain):
        return None  # a later change order of the website it was filed for carries the same number
    return ProductCheckError("service_number_consumed", msg.SERVICE_NUMBER_CONSUMED.format(code=number.code),
                             "service_number")


def _same_filed_website(number, *, account, filed_website_id, domain) -> bool:
    if filed_website_id and number.filed_website_id == filed_website_id:
        return True
    holder = number.consumed_order.account_id if number.consumed_order_id else None
    if holder is None and number.filed_website_id:
        holder = number.filed_website.filing.account_id
    return bool(domain and account is not None and holder == account.pk
                and domain.lower() == (number.consumed_domain or "").lower())


def _log(number, kind: str, *, from_state: str, to_state: str, now, actor=None, order=None, reason: str = ""):
    ServiceNumberEvent.objects.create(number=number, at=now, actor=actor if getattr(actor, "pk", None) else None,
                                      kind=kind, from_state=from_state, to_state=to_state, order=order,
                                      reason=reason[:200])


def _locked(code: str):
    # No select_related: a row read after waiting for the lock is re-read by PostgreSQL, the joined order is not
    # (it came back empty), so the holder is loaded by its own query once the row is ours.
    return ServiceNumber.objects.select_for_update().filter(code=code).first()


def _take(number, *, order, domain: str, to_state: str, now) -> bool:
    """Move `number` to `to_state` for `order` only if nobody moved it since it was read (the race's loser
    updates no row)."""
    return bool(ServiceNumber.objects.filter(pk=number.pk, state=number.state,
                                             consumed_order_id=number.consumed_order_id).update(
        state=to_state, consumed_order=order, consumed_domain=domain[:255], changed_at=now))


def _hold(*, order, code: str, domain: str, to_state: str, actor, now):
    """Reserve (or consume) `code` for `order`'s website `domain`; raises ProductCheckError."""
    from beian.products.services import ProductCheckError

    number = _locked(code)
    if number is None:
        raise ProductCheckError("service_number_not_found", msg.SERVICE_NUMBER_NOT_FOUND.format(code=code),
                                "service_number")
    problem = refusal(number, account=order.account, order_id=order.pk, filed_website_id=order.filed_website_id,
                      domain=domain)
    if problem:
        raise problem
    state = effective_state(number)
    if state == FILED:
        return number  # the website it was filed for keeps it: nothing moves
    if number.consumed_order_id == order.pk and state == to_state and number.consumed_domain == domain[:255]:
        return number
    before = UNUSED if state == UNUSED else number.state
    if number.state in HELD and state == UNUSED:  # its last holder was cancelled or expired
        _log(number, "released", from_state=number.state, to_state=UNUSED, now=now, order=number.consumed_order,
             reason=msg.NUMBER_RELEASED_REASON.get(number.consumed_order.state if number.consumed_order else "", ""))
    if not _take(number, order=order, domain=domain, to_state=to_state, now=now):
        raise ProductCheckError("service_number_used", msg.SERVICE_NUMBER_USED.format(code=code), "service_number")
    _log(number, "reserved" if to_state == RESERVED else "consumed", from_state=before, to_state=to_state, now=now,
         actor=actor, order=order)
    return number


def reserve(*, order, in_use: dict[str, str], actor=None, now=None) -> dict[str, Exception]:
    """产品验证 saved: the order's websites hold the numbers they name ({code: domain}); the ones it held and no
    longer names go back to their owner. Returns {code: ProductCheckError} for numbers another order took
    between the check and now (the race's loser)."""
    from beian.products.services import ProductCheckError

    now = now or timezone.now()
    lost = {}
    release(order=order, keep=set(in_use), actor=actor, now=now, reason="unused")
    for code, domain in in_use.items():
        try:
            with transaction.atomic():
                _hold(order=order, code=code, domain=domain, to_state=RESERVED, actor=actor, now=now)
        except ProductCheckError as exc:
            lost[code] = exc
    return lost


def numbers_in(application: dict) -> dict[str, str]:
    """{service number: domain} that an application's websites name."""
    from beian.products.services import normalise_service_number

    found = {}
    for website in application.get("websites") or ():
        access = website.get("access") if isinstance(website, dict) else None
        code = normalise_service_number((access or {}).get("service_number") or "") if isinstance(access, dict) else ""
        if code:
            domains = website.get("domains")
            first = domains[0] if isinstance(domains, list) and domains else ""
            found.setdefault(code, first if isinstance(first, str) else "")
    return found


def consume(*, order, actor=None, now=None) -> None:
    """Submission (提交 → 初审): every number the order names is consumed by it, inside the transition's
    transaction; one that another order holds refuses the whole submission (OrderError)."""
    from beian.filings.services import OrderError
    from beian.products.services import ProductCheckError

    now = now or timezone.now()
    named = numbers_in(order.application)
    release(order=order, keep=set(named), actor=actor, now=now, reason="unused")
    for i, (code, domain) in enumerate(named.items()):
        try:
            _hold(order=order, code=code, domain=domain, to_state=CONSUMED, actor=actor, now=now)
        except ProductCheckError as exc:
            raise OrderError(exc.code, exc.message, details=[{
                "code": exc.code, "severity": "error", "path": f"websites[{i}].access.service_number",
                "message": exc.message}]) from None


def release(*, order, keep=frozenset(), actor=None, now=None, reason: str = "") -> int:
    """The numbers `order` holds (reserved or consumed, not filed) and does not `keep` go back to unused."""
    now = now or timezone.now()
    count = 0
    with transaction.atomic():  # row locks need a transaction (the wizard's request runs in autocommit)
        for number in ServiceNumber.objects.select_for_update().filter(consumed_order=order, state__in=HELD).exclude(
                code__in=list(keep)):
            if ServiceNumber.objects.filter(pk=number.pk, state=number.state, consumed_order=order).update(
                    state=UNUSED, consumed_order=None, consumed_domain="", changed_at=now):
                _log(number, "released", from_state=number.state, to_state=UNUSED, now=now, actor=actor, order=order,
                     reason=msg.NUMBER_RELEASED_REASON.get(reason, reason))
                count += 1
    return count


def mark_filed(*, order, now=None) -> None:
    """Approval: the order's numbers are used by the filing; each is linked to its FiledWebsite once the
    platform's copy of the filing exists (record_approval runs after the transition)."""
    now = now or timezone.now()
    with transaction.atomic():
        _mark_filed(order=order, now=now)


def _mark_filed(*, order, now) -> None:
    from beian.filings.models import FiledWebsite

    for number in ServiceNumber.objects.select_for_update().filter(consumed_order=order, state__in=(*HELD, FILED)):
        site = (FiledWebsite.objects.filter(domain=number.consumed_domain.lower(), status=FiledWebsite.ACTIVE).first()
                if number.consumed_domain else None)
        if number.state == FILED and (site is None or number.filed_website_id == site.pk):
            continue
        ServiceNumber.objects.filter(pk=number.pk).update(state=FILED, filed_website=site or number.filed_website,
                                                          changed_at=now)
        if number.state != FILED:
            _log(number, "filed", from_state=number.state, to_state=FILED, now=now, order=order,
                 reason=number.consumed_domain)


def revoke(*, account, pk: int, now=None) -> ServiceNumber | None:
    """撤销: the owner's number, while unused; None when it is not the account's (the view's 404).
    Raises ProductCheckError `service_number_not_revocable` otherwise."""
    from beian.products.services import ProductCheckError

    now = now or timezone.now()
    with transaction.atomic():
        number = ServiceNumber.objects.select_for_update().filter(pk=pk, owner=account).first()
        if number is None:
            return None
        state = effective_state(number)
        if state != UNUSED or not _take(number, order=None, domain="", to_state=REVOKED, now=now):
            raise ProductCheckError("service_number_not_revocable", msg.NUMBER_NOT_REVOCABLE.format(
                code=number.code, state=msg.NUMBER_STATES[state]))
        _log(number, "revoked", from_state=number.state, to_state=REVOKED, now=now, actor=account,
             order=number.consumed_order)
    number.refresh_from_db()
    return number


def _mask_reference(reference: str) -> str:
    return f"{reference[:4]}****{reference[-2:]}" if len(reference) > 6 else "****"


def owner_rows(*, account) -> list[dict]:
    """备案服务号 page: each of the account's numbers with its state. An order of another account is not the
    owner's business: it shows as 其他账号的订单 (its reference masked), never its domain or applicant."""
    rows = []
    numbers = ServiceNumber.objects.filter(owner=account).select_related(
        "instance", "consumed_order", "filed_website__filing").order_by("-created_at", "-id")
    for number in numbers:
        state = effective_state(number)
        holder, detail = number.consumed_order, ""
        if state in HELD and holder is not None:
            detail = holder.reference if holder.account_id == account.pk else \
                f"{msg.NUMBER_OTHER_ACCOUNT}（{_mask_reference(holder.reference)}）"
        elif state == FILED:
            site = number.filed_website
            detail = f"{site.domain}（{site.website_number}）" if site else number.consumed_domain
        rows.append({"number": number, "state": state, "label": msg.NUMBER_STATES[state], "detail": detail,
                     "revocable": state == UNUSED})
    return rows
