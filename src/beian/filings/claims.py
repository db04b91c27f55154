"""In-flight claims: the database-enforced "one order in flight per certificate and per domain"."""

from django.db import IntegrityError, transaction

from beian.filings import messages as msg
from beian.filings.models import InFlightClaim, Order
from beian.rules import domains as dom


class ClaimConflict(Exception):
    """Another order in flight holds this certificate number or domain."""

    def __init__(self, *, kind: str, key: str, other: Order | None):
        self.kind, self.key, self.other = kind, key, other
        self.code = "CERT_ORDER_IN_PROGRESS" if kind == InFlightClaim.CERT else "DOMAIN_ORDER_IN_PROGRESS"
        ref = other.reference if other else "—"
        self.message = (msg.CERT_ORDER_IN_PROGRESS.format(reference=ref) if kind == InFlightClaim.CERT
                        else msg.DOMAIN_ORDER_IN_PROGRESS.format(domain=key, reference=ref))
        super().__init__(self.message)


def normalise_domain(value: str) -> str:
    parsed = dom.parse(value)
    return parsed.ascii if parsed else value.strip().lower()


def keys_for(application: dict) -> set[tuple[str, str]]:
    keys = set()
    cert = ((application.get("subject") or {}).get("cert_number") or "").strip().upper()
    if cert:
        keys.add((InFlightClaim.CERT, cert))
    for website in application.get("websites") or ():
        for domain in website.get("domains") or ():
            if isinstance(domain, str) and domain.strip():
                keys.add((InFlightClaim.DOMAIN, normalise_domain(domain)))
    return keys


def sync_claims(*, order: Order, application: dict) -> None:
    """Make the order's claims match its application. Raises ClaimConflict, leaving claims unchanged."""
    wanted = keys_for(application)
    current = {(c.kind, c.key): c for c in order.claims.all()}
    try:
        with transaction.atomic():
            for key in set(current) - wanted:
                current[key].delete()
            for kind, key in sorted(wanted - set(current)):
                InFlightClaim.objects.create(order=order, kind=kind, key=key)
    except IntegrityError:
        for kind, key in sorted(wanted - set(current)):
            holder = InFlightClaim.objects.filter(kind=kind, key=key).exclude(order=order).select_related("order").first()
            if holder is not None:
                raise ClaimConflict(kind=kind, key=key, other=holder.order) from None
        raise


def release_claims(*, order: Order) -> None:
    InFlightClaim.objects.filter(order=order).delete()
