"""In-flight claims: the database-enforced "one order in flight per certificate and per domain".

A certificate is claimed by its blind index under the current data key. While a key rotation is under way
another order may hold the same certificate under the previous key's index, so each claim also looks for
the certificate's index under every configured key before it inserts.
"""

from django.db import IntegrityError, transaction

from beian.filings import messages as msg
from beian.filings.models import InFlightClaim, Order
from beian.pii.index import CERT, blind_index, blind_indexes
from beian.rules import domains as dom
from beian.rules.provinces import PROVINCES

# The province rule (provinces.toml special, `enforced = "order_creation"`) that the certificate claim
# enforces: no 新增网站/接入 while a 变更 of the same subject is in flight, and the reverse.
NO_NEW_SITE_WITH_CHANGE = "no_new_site_with_change"
NEW_SITE_KINDS = frozenset({"new_site_here", "new_site_elsewhere", "access"})
CHANGE_KINDS = frozenset({"change_subject", "change_website", "change_access"})


class ClaimConflict(Exception):
    """Another order in flight holds this certificate number or domain."""

    def __init__(self, *, kind: str, key: str, other: Order | None, order: Order | None = None, account_id=None):
        # `key` is what a person may read: the domain, or "" for a certificate (its stored key is an index).
        # The other order's reference is shown only to its own account (`account_id`: who is asking).
        self.kind, self.key, self.other = kind, key, other
        self.code = "CERT_ORDER_IN_PROGRESS" if kind == InFlightClaim.CERT else "DOMAIN_ORDER_IN_PROGRESS"
        if account_id is None and order is not None:
            account_id = order.account_id
        if other is not None and account_id is not None and other.account_id != account_id:
            self.message = (msg.CERT_ORDER_IN_PROGRESS_ELSEWHERE if kind == InFlightClaim.CERT
                            else msg.DOMAIN_ORDER_IN_PROGRESS_ELSEWHERE.format(domain=key))
        else:
            ref = other.reference if other else "—"
            self.message = (msg.CERT_ORDER_IN_PROGRESS.format(reference=ref) if kind == InFlightClaim.CERT
                            else msg.DOMAIN_ORDER_IN_PROGRESS.format(domain=key, reference=ref))
            if kind == InFlightClaim.CERT and (province := _new_site_with_change(order, other)):
                self.message = msg.NO_NEW_SITE_WITH_CHANGE.format(
                    province=province, kind=order.kind_label, other_kind=other.kind_label, reference=ref)
        super().__init__(self.message)


def _new_site_with_change(order: Order | None, other: Order | None) -> str | None:
    """The province's short name when its data forbids this order alongside the other (a 新增网站/接入 and a
    变更 of one subject); the claim refuses it everywhere, this names the province's own rule."""
    if order is None or other is None:
        return None
    province = PROVINCES.get(order.province)
    if province is None or province.special_rule(NO_NEW_SITE_WITH_CHANGE) is None:
        return None
    kinds = {order.kind, other.kind}
    return province.short if kinds & NEW_SITE_KINDS and kinds & CHANGE_KINDS else None


def normalise_domain(value: str) -> str:
    parsed = dom.parse(value)
    return parsed.ascii if parsed else value.strip().lower()


def subject_cert(application: dict) -> str:
    return ((application.get("subject") or {}).get("cert_number") or "").strip().upper()


def keys_for(application: dict) -> set[tuple[str, str]]:
    keys = set()
    if cert := subject_cert(application):
        keys.add((InFlightClaim.CERT, blind_index(cert, kind=CERT)))
    for website in application.get("websites") or ():
        for domain in website.get("domains") or ():
            if isinstance(domain, str) and domain.strip():
                keys.add((InFlightClaim.DOMAIN, normalise_domain(domain)))
    return keys


def sync_claims(*, order: Order, application: dict) -> None:
    """Make the order's claims match its application. Raises ClaimConflict, leaving claims unchanged."""
    wanted = keys_for(application)
    current = {(c.kind, c.key): c for c in order.claims.all()}
    cert_keys = blind_indexes(subject_cert(application), kind=CERT)

    def holder_of(kind, key):
        keys = cert_keys if kind == InFlightClaim.CERT else [key]
        return (InFlightClaim.objects.filter(kind=kind, key__in=keys).exclude(order=order)
                .select_related("order").first())

    def conflict(kind, key, holder):
        return ClaimConflict(kind=kind, key="" if kind == InFlightClaim.CERT else key, other=holder.order, order=order)

    try:
        with transaction.atomic():
            for key in set(current) - wanted:
                current[key].delete()
            for kind, key in sorted(wanted - set(current)):
                if kind == InFlightClaim.CERT and (holder := holder_of(kind, key)) is not None:
                    raise conflict(kind, key, holder)  # held under another key's index (rotation under way)
                InFlightClaim.objects.create(order=order, kind=kind, key=key)
    except IntegrityError:
        for kind, key in sorted(wanted - set(current)):
            if (holder := holder_of(kind, key)) is not None:
                raise conflict(kind, key, holder) from None
        raise


def release_claims(*, order: Order) -> None:
    InFlightClaim.objects.filter(order=order).delete()
