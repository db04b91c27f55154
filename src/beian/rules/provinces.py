"""Loads the rules data (provinces, word lists, approved TLDs) once, and refuses bad data loudly.

A data error (unknown key, missing source, empty or duplicated word list, wrong number of provinces)
raises DataError at import time, so a broken edit cannot reach an applicant.
"""

import datetime as dt
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

DATA_DIR = Path(__file__).resolve().parent / "data"
AUXILIARY_KINDS = frozenset({"authorization_letter", "domain_certificate", "site_plan", "handheld_id"})
AUXILIARY_WHEN = frozenset({
    "always", "website_principal_not_subject_principal", "subject_principal_not_legal_representative",
    "legal_representative_outside_province", "websites_at_least_30", "subject_websites_more_than_5",
    "subject_already_filed", "domains_at_least_4", "domains_at_least_5", "domains_more_than_4",
})
# A `special` rule: what it says, its source, and what beian does with it (the header of provinces.toml).
SPECIAL_KEYS = frozenset({"id", "text", "source", "effective", "checks", "enforced", "steps", "when",
                          "tlds", "natures", "words", "pledge", "limit", "services", "sections"})
SPECIAL_STEPS = frozenset({"basic", "subject", "websites", "materials", "confirm", "after_approval"})
SPECIAL_WHEN = frozenset({"always", "individual", "unit", "new_filing", "subject_already_filed", "change_subject",
                          "domains_more_than_5", "websites_over_limit"})
SPECIAL_ENFORCED = frozenset({"order_creation"})
PROVINCE_KEYS = frozenset({
    "short", "aliases", "code", "icp_prefix", "icp_prefix_variants", "legal_representative", "website_limit",
    "banned_personal_words", "auxiliary", "special", "domain_validity",
})


class DataError(ValueError):
    """The rules data is inconsistent; the message names the file and the record."""


@dataclass(frozen=True)
class Sourced:
    source: str
    effective: dt.date


@dataclass(frozen=True)
class Auxiliary:
    kind: str
    when: str
    source: str
    effective: dt.date


@dataclass(frozen=True)
class Province:
    name: str
    short: str
    code: str
    icp_prefix: str
    icp_prefix_variants: tuple[str, ...]
    requires_legal_representative: bool
    legal_representative_source: Sourced
    limit_individual: int | None = None
    limit_unit: int | None = None
    limit_source: Sourced | None = None
    banned_personal_words: tuple[str, ...] = ()
    banned_source: Sourced | None = None
    auxiliary: tuple[Auxiliary, ...] = ()
    special: tuple[dict, ...] = field(default_factory=tuple)
    note: str = ""
    # DOMAIN_EXPIRING: days a domain must still be registered for (None: precheck.md's 3 calendar months).
    domain_validity_days: int | None = None
    domain_validity_source: Sourced | None = None

    def special_rule(self, rule_id: str) -> dict | None:
        """The province's `special` rule with this id, if it has one (a check runs only where the data says so)."""
        return next((rule for rule in self.special if rule["id"] == rule_id), None)


def _sourced(record: dict, where: str) -> Sourced:
    source, effective = record.get("source"), record.get("effective")
    if not isinstance(source, str) or not source.strip():
        raise DataError(f"{where}: every rule needs a non-empty `source`")
    try:
        return Sourced(source, dt.date.fromisoformat(str(effective)))
    except ValueError as exc:
        raise DataError(f"{where}: `effective` must be a date YYYY-MM-DD, got {effective!r}") from exc


def _words(record: dict, where: str) -> tuple[str, ...]:
    words = record.get("words")
    if not isinstance(words, list) or not words or not all(isinstance(w, str) and w.strip() for w in words):
        raise DataError(f"{where}: `words` must be a non-empty list of non-empty strings")
    # The seed tables repeat some words; keep the first occurrence, order preserved.
    return tuple(dict.fromkeys(w.strip() for w in words))


def _special(rule: dict, where: str) -> None:
    """A special rule says what beian does with it: checks (known finding codes), an enforcement outside the
    engine, or the wizard steps that show it (with a known condition)."""
    from beian.rules.codes import Code

    if unknown := set(rule) - SPECIAL_KEYS:
        raise DataError(f"{where}: unknown keys {sorted(unknown)}")
    checks, steps = rule.get("checks", []), rule.get("steps", [])
    if not (checks or steps or rule.get("enforced")):
        raise DataError(f"{where}: say what beian does with it: `checks`, `enforced` or `steps`")
    if not isinstance(checks, list) or not all(c in Code.__members__ for c in checks):
        raise DataError(f"{where}: `checks` must list finding codes of codes.py, got {checks!r}")
    if "enforced" in rule and rule["enforced"] not in SPECIAL_ENFORCED:
        raise DataError(f"{where}: `enforced` must be one of {sorted(SPECIAL_ENFORCED)}")
    if not isinstance(steps, list) or not set(steps) <= SPECIAL_STEPS:
        raise DataError(f"{where}: `steps` must be among {sorted(SPECIAL_STEPS)}, got {steps!r}")
    if steps and rule.get("when") not in SPECIAL_WHEN:
        raise DataError(f"{where}: an instruction needs `when`, one of {sorted(SPECIAL_WHEN)}")


def load_provinces(path: Path = DATA_DIR / "provinces.toml") -> dict[str, Province]:
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise DataError(f"{path.name}: {exc}") from exc
    provinces: dict[str, Province] = {}
    codes: set[str] = set()
    for name, rec in raw.items():
        where = f"{path.name} [{name}]"
        unknown = set(rec) - PROVINCE_KEYS
        if unknown:
            raise DataError(f"{where}: unknown keys {sorted(unknown)}")
        for key in ("short", "code", "icp_prefix", "legal_representative"):
            if key not in rec:
                raise DataError(f"{where}: missing `{key}`")
        if rec["code"] in codes:
            raise DataError(f"{where}: duplicate province code {rec['code']}")
        codes.add(rec["code"])
        legal = rec["legal_representative"]
        if not isinstance(legal.get("required"), bool):
            raise DataError(f"{where}: legal_representative.required must be true or false")
        kwargs = {}
        if "website_limit" in rec:
            limit = rec["website_limit"]
            for key in ("individual", "unit"):
                if not isinstance(limit.get(key), int) or limit[key] < 1:
                    raise DataError(f"{where}: website_limit.{key} must be a positive integer")
            kwargs.update(limit_individual=limit["individual"], limit_unit=limit["unit"],
                          limit_source=_sourced(limit, where + " website_limit"))
        if "banned_personal_words" in rec:
            banned = rec["banned_personal_words"]
            kwargs.update(banned_personal_words=_words(banned, where + " banned_personal_words"),
                          banned_source=_sourced(banned, where + " banned_personal_words"))
        if "domain_validity" in rec:
            validity = rec["domain_validity"] if isinstance(rec["domain_validity"], dict) else {}
            days = validity.get("days")
            if isinstance(days, bool) or not isinstance(days, int) or days < 1:
                raise DataError(f"{where}: domain_validity.days must be a positive integer")
            kwargs.update(domain_validity_days=days, domain_validity_source=_sourced(validity, where + " domain_validity"))
        auxiliary = []
        for aux in rec.get("auxiliary", []):
            if aux.get("kind") not in AUXILIARY_KINDS or aux.get("when") not in AUXILIARY_WHEN:
                raise DataError(f"{where}: auxiliary {aux!r} has an unknown kind or condition")
            s = _sourced(aux, where + " auxiliary")
            auxiliary.append(Auxiliary(aux["kind"], aux["when"], s.source, s.effective))
        for rule in rec.get("special", []):
            if not rule.get("id") or not rule.get("text"):
                raise DataError(f"{where}: special rules need `id` and `text`")
            _sourced(rule, where + f" special {rule.get('id')}")
            _special(rule, where + f" special {rule['id']}")
        provinces[name] = Province(
            name=name, short=rec["short"], code=rec["code"], icp_prefix=rec["icp_prefix"],
            icp_prefix_variants=tuple(rec.get("icp_prefix_variants", ())),
            requires_legal_representative=legal["required"],
            legal_representative_source=_sourced(legal, where + " legal_representative"),
            auxiliary=tuple(auxiliary), special=tuple(rec.get("special", ())), note=legal.get("note", ""),
            **kwargs,
        )
    if len(provinces) != 31:
        raise DataError(f"{path.name}: expected the 31 mainland provinces, found {len(provinces)}")
    return provinces


def load_words(path: Path = DATA_DIR / "words.toml") -> dict[str, tuple[str, ...]]:
    raw = tomllib.loads(path.read_text(encoding="utf-8"))
    out = {}
    for key, rec in raw.items():
        _sourced(rec, f"{path.name} [{key}]")
        out[key] = _words(rec, f"{path.name} [{key}]")
        if key == "national_prefixes":
            out["national_prefix_exempt_natures"] = tuple(rec.get("exempt_natures", ()))
    required = {"sensitive", "national_prefixes", "personal_forbidden", "pre_approval_name", "pre_approval_content",
                "content_plain", "subject_generic"}
    if missing := required - set(out):
        raise DataError(f"{path.name}: missing lists {sorted(missing)}")
    return out


def load_tlds(path: Path = DATA_DIR / "tlds.toml") -> frozenset[str]:
    from beian.rules.domains import tld_ascii

    raw = tomllib.loads(path.read_text(encoding="utf-8"))
    _sourced(raw, path.name)
    tlds = raw.get("tlds")
    if not isinstance(tlds, list) or not tlds:
        raise DataError(f"{path.name}: `tlds` must be a non-empty list")
    normalised = [tld_ascii(t.strip().lower().lstrip(".")) for t in tlds]
    if len(set(normalised)) != len(normalised):
        dupes = sorted({t for t in normalised if normalised.count(t) > 1})
        raise DataError(f"{path.name}: duplicate TLDs {dupes}")
    return frozenset(normalised)


PROVINCES = load_provinces()
WORDS = load_words()
TLDS = load_tlds()
_BY_NAME = {}
for _p in PROVINCES.values():
    for _alias in (_p.name, _p.short):
        _BY_NAME[_alias] = _p.name
for _name, _rec in tomllib.loads((DATA_DIR / "provinces.toml").read_text(encoding="utf-8")).items():
    for _alias in _rec.get("aliases", ()):
        _BY_NAME[_alias] = _name


def normalise_province(value: str) -> str | None:
    """Full name for a full or short province name ("浙江" -> "浙江省"); None if not one of the 31."""
    return _BY_NAME.get(value.strip())
