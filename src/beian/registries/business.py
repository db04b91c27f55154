"""The business registry (工商库) port and its seeded simulator.

A provider plugs a real registry in with settings.BUSINESS_REGISTRY (dotted path to a class with
`lookup(cert_number) -> dict | None`).
"""

from django.conf import settings
from django.utils.module_loading import import_string

UNIT_NATURES_IN_REGISTRY = frozenset({"enterprise"})


class BusinessRegistry:
    def lookup(self, cert_number: str) -> dict | None:  # pragma: no cover - interface
        """{"name", "cert_number", "legal_representative", "status"} or None when not registered."""
        raise NotImplementedError


class SimulatedBusinessRegistry(BusinessRegistry):
    def lookup(self, cert_number: str) -> dict | None:
        from beian.registries.models import BusinessRecord

        record = BusinessRecord.objects.filter(cert_number=cert_number.strip().upper()).first()
        if record is None:
            return None
        return {"name": record.name, "cert_number": record.cert_number,
                "legal_representative": record.legal_representative, "status": record.status}


def registry() -> BusinessRegistry:
    return import_string(getattr(settings, "BUSINESS_REGISTRY", "beian.registries.business.SimulatedBusinessRegistry"))()


def lookup_for_precheck(*, cert_number: str, nature: str):
    """The engine's `context.business_registry`: a record, None (looked up, not found) or ... (not looked up).

    Only enterprises are looked up: the 工商库 holds business licences, not other units' certificates.
    """
    if nature not in UNIT_NATURES_IN_REGISTRY or not cert_number:
        return ...
    return registry().lookup(cert_number)
