"""The identity registry (公安库) port and its seeded simulator.

`check(name, cert_number)` answers as the real service does: whether the pair exists, and the
registered portrait to compare faces with. A provider plugs a real registry in with
settings.IDENTITY_REGISTRY (dotted path to a class with the same method).
"""

from django.conf import settings
from django.utils.module_loading import import_string

MATCH, NAME_MISMATCH, NOT_FOUND, ABNORMAL = "match", "name_mismatch", "not_found", "abnormal"


class IdentityRegistry:
    def check(self, *, name: str, cert_number: str) -> dict:  # pragma: no cover - interface
        """{"status": match|name_mismatch|not_found|abnormal, "portrait": bytes | None}."""
        raise NotImplementedError


class SimulatedIdentityRegistry(IdentityRegistry):
    def check(self, *, name: str, cert_number: str) -> dict:
        from beian.registries.models import IdentityRecord

        record = IdentityRecord.objects.filter(cert_number=cert_number.strip().upper()).first()
        if record is None:
            return {"status": NOT_FOUND, "portrait": None}
        if record.name != name.strip():
            return {"status": NAME_MISMATCH, "portrait": None}
        if record.status != "正常":
            return {"status": ABNORMAL, "portrait": None}
        return {"status": MATCH, "portrait": bytes(record.portrait) or None}


def registry() -> IdentityRegistry:
    return import_string(getattr(settings, "IDENTITY_REGISTRY", "beian.registries.identity.SimulatedIdentityRegistry"))()


def seed_identity(*, name: str, cert_number: str, portrait: str | bytes | None = None, status: str = "正常"):
    """Add (or update) a synthetic identity; portrait is raw image bytes or a public-domain portrait name."""
    from beian.documents.portraits import portrait_bytes
    from beian.registries.models import IdentityRecord

    data = portrait_bytes(portrait) if isinstance(portrait, str) else (portrait or b"")
    record, _ = IdentityRecord.objects.update_or_create(
        cert_number=cert_number, defaults={"name": name, "status": status, "portrait": data})
    return record
