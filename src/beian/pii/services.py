"""Verifying the configured data keys against what this database was written under."""

from django.db import DatabaseError, transaction
from django.db.utils import ProgrammingError
from django.utils import timezone

from beian.pii import messages as msg
from beian.pii.crypto import DataKeyError, keyring
from beian.pii.models import DataKey


def verify_keys() -> None:
    """Raise DataKeyError when a configured key has the id of a recorded key but other bytes, or a key the
    data may still need is missing; record the fingerprints of configured keys not seen before."""
    ring = keyring()
    try:
        recorded = {k.kid: k for k in DataKey.objects.all()}
    except (ProgrammingError, DatabaseError):  # before the first migrate: nothing written yet, nothing to check
        return
    for kid in ring.ids:
        row = recorded.get(kid)
        if row is not None and row.fingerprint != ring.fingerprint(kid):
            raise DataKeyError(msg.FINGERPRINT_MISMATCH.format(kid=kid, expected=row.fingerprint,
                                                               actual=ring.fingerprint(kid)))
    missing = sorted(kid for kid, row in recorded.items() if kid not in ring.ids and row.retired_at is None)
    if missing:
        raise DataKeyError(msg.KEY_MISSING.format(kids="、".join(missing)))
    with transaction.atomic():
        for kid in ring.ids:
            if kid not in recorded:
                DataKey.objects.get_or_create(kid=kid, defaults={"fingerprint": ring.fingerprint(kid)})
            elif recorded[kid].retired_at is not None and kid == ring.current:
                DataKey.objects.filter(pk=recorded[kid].pk).update(retired_at=None)  # back in use


def retire_keys(*, keep: str) -> list[str]:
    """After a complete rotation: every other recorded key is no longer needed by any data."""
    kids = sorted(DataKey.objects.exclude(kid=keep).filter(retired_at__isnull=True).values_list("kid", flat=True))
    DataKey.objects.filter(kid__in=kids).update(retired_at=timezone.now())
    return kids
