"""The domain registry port (域名实名信息, the registrars' verification data MIIT checks) and its seeded simulator.

`lookup(domain)` answers what the registry knows of a registered domain: the real-name holder (name,
certificate type and number), whether the real-name verification is done, the registrar and whether MIIT
approved it, and when the registration expires; None when it does not know the domain. The precheck
compares these facts with the 主办者 (seed 003 §1.1: "填写的主办单位或主办人名称需要与域名持有者的实名认证
信息保持一致（如姓名、证件类型、证件号码等均需一致）"). A provider plugs a real source in with
settings.DOMAIN_REGISTRY (dotted path to a class with the same methods); a source that cannot answer raises
RegistryUnavailable, and the domain is then unknown to the precheck (no finding), never an error page.
"""

import datetime as dt
import logging

from django.conf import settings
from django.utils.module_loading import import_string

from beian.rules import domains as dom

log = logging.getLogger(__name__)

# A person's certificates (registries/messages.py HOLDER_CERT_TYPES lists every type a holder may have): a
# person's name is shown masked, like their number.
PERSONAL_CERT_TYPES = frozenset({"resident_id", "passport", "taiwan_permit", "hk_macao_permit",
                                 "foreign_permanent_id", "hkmt_residence_permit", "officer_id"})
FIELDS = ("holder_name", "holder_cert_type", "holder_cert_number", "holder_verified", "registrar",
          "registrar_approved", "expires")


class RegistryUnavailable(Exception):
    """The registry could not answer now (network, outage): its domains are unknown."""


class DomainRegistry:
    def lookup(self, domain: str) -> dict | None:  # pragma: no cover - interface
        """{holder_name, holder_cert_type, holder_cert_number, holder_verified, registrar, registrar_approved,
        expires (a date or None)} for a normalised domain, or None when the registry does not know it."""
        raise NotImplementedError

    def lookup_many(self, domains: list[str]) -> dict[str, dict]:
        """The known ones of several domains, keyed by domain (a real source may answer them in one call)."""
        return {d: record for d in domains if (record := self.lookup(d)) is not None}


class SimulatedDomainRegistry(DomainRegistry):
    def lookup(self, domain: str) -> dict | None:
        return self.lookup_many([domain]).get(normalise(domain))

    def lookup_many(self, domains: list[str]) -> dict[str, dict]:
        from beian.registries.models import DomainRecord

        wanted = {normalise(d) for d in domains if d}
        return {r.domain: {f: getattr(r, f) for f in FIELDS} for r in DomainRecord.objects.filter(domain__in=wanted)}


def registry() -> DomainRegistry:
    return import_string(getattr(settings, "DOMAIN_REGISTRY", "beian.registries.domains.SimulatedDomainRegistry"))()


def normalise(domain: str) -> str:
    """precheck.md's key: lower case, punycode (as context.domains is keyed)."""
    parsed = dom.parse(domain)
    return parsed.ascii if parsed else domain.strip().lower()


def records(domains: list[str]) -> dict[str, dict]:
    """The registry's records of the known domains; {} when it cannot answer (every domain unknown)."""
    if not domains:
        return {}
    try:
        return registry().lookup_many(list(dict.fromkeys(domains)))
    except RegistryUnavailable as exc:
        log.info("domain registry unavailable: %s", exc)
        return {}


def context_facts(record: dict) -> dict:
    """precheck.md's `context.domains` holder fields from a registry record; a fact the record lacks is left
    out (unknown: no finding)."""
    facts = {"holder_name": record.get("holder_name"), "holder_verified": record.get("holder_verified"),
             "holder_cert_number": record.get("holder_cert_number") or None,
             "registrar_approved": record.get("registrar_approved")}
    expires = record.get("expires")
    if isinstance(expires, dt.date):
        facts["expires"] = expires.isoformat()
    return {k: v for k, v in facts.items() if v is not None}


def held_by_a_person(record: dict) -> bool:
    return record.get("holder_cert_type") in PERSONAL_CERT_TYPES


def seed_domain(*, domain: str, holder_name: str, holder_cert_type: str, holder_cert_number: str,
                holder_verified: bool = True, registrar: str, registrar_approved: bool = True,
                expires: dt.date | None = None, replace: bool = False):
    """Add a record to the simulator; an existing one is kept as it is (edited in the demo) unless `replace`."""
    from beian.registries.models import DomainRecord

    values = {"holder_name": holder_name, "holder_cert_type": holder_cert_type,
              "holder_cert_number": holder_cert_number, "holder_verified": holder_verified, "registrar": registrar,
              "registrar_approved": registrar_approved, "expires": expires}
    if replace:
        record, _ = DomainRecord.objects.update_or_create(domain=normalise(domain), defaults=values)
    else:
        record, _ = DomainRecord.objects.get_or_create(domain=normalise(domain), defaults=values)
    return record
