"""How one person's face is checked, and which person an attempt or a manual review was for.

A pass belongs to the person the order named when the attempt started, not to a slot: a website
principal changed afterwards (another name or certificate) has not verified. The identity is a blind
index (beian.pii.index) of certificate type, number and name, so no personal data is stored with it.
"""

from beian.pii.index import blind_index, blind_indexes

# Live face vs the 公安库 portrait (with liveness) and the ID photo vs the same portrait: only a mainland
# resident ID can be looked up there. Every other certificate (passport, 台胞证, 港澳通行证, 外国人永久居留证,
# 港澳台居民居住证, 军官证) is checked live face vs the photo of the certificate itself (seed 002).
REGISTRY, DOCUMENT = "registry", "document"
REGISTRY_CERT_TYPES = frozenset({"resident_id"})
CHECKS = {REGISTRY: ("liveness", "live_vs_registry", "id_vs_registry"), DOCUMENT: ("liveness", "live_vs_id")}
_KIND = "face"


def method(record: dict | None) -> str:
    return REGISTRY if (record or {}).get("cert_type") in REGISTRY_CERT_TYPES else DOCUMENT


def _value(record: dict | None) -> str:
    record = record or {}
    parts = (record.get("cert_type") or "", (record.get("cert_number") or "").strip().upper(),
             (record.get("name") or "").strip())
    return "|".join(parts) if parts[1] else ""


def identity(record: dict | None) -> str:
    """The blind index naming this person ("" when the order has no certificate number for them yet)."""
    value = _value(record)
    return blind_index(value, kind=_KIND) if value else ""


def same_person(stored: str, record: dict | None) -> bool:
    """Whether an attempt's (or request's) identity is the person the order names now. Rows made before
    identities were recorded carry none and count for their slot."""
    if not stored:
        return True
    value = _value(record)
    return bool(value) and stored in blind_indexes(value, kind=_KIND)
