"""What a person types, written the way the rules expect it — never erased, never guessed at.

Pure functions, one place: the wizard's form reading (`wizard.fields.read_post`) calls `field`, and any
other surface that takes typed input (API, precheck form) can call `field` or `application`. The
engine itself does not call them: precheck.md fixes what it reports for raw input (a mobile with
spaces is MOBILE_INVALID there), so tidying is the job of the surface a person types into.

A value that cannot be read as its kind (a mobile that is not 11 digits after tidying) is returned
as typed (only width-folded and trimmed), so the rules can quote it and say what is wrong.
"""

import encodings.idna
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass

from beian.rules.validators import is_landline, is_mobile

# Full-width digits and Latin letters (０-９ Ａ-Ｚ ａ-ｚ) to ASCII. Names and addresses keep their
# Chinese punctuation (（）、，。), which NFKC would rewrite, so they only get this fold.
_FOLD_ALNUM = {cp: cp - 0xFEE0 for lo, hi in ((0xFF10, 0xFF19), (0xFF21, 0xFF3A), (0xFF41, 0xFF5A))
               for cp in range(lo, hi + 1)}
_DOTS = str.maketrans({"。": ".", "｡": ".", "．": "."})
_PHONE_JUNK = re.compile(r"[\s\-‐‑‒–—―().]+")
_COUNTRY_MOBILE = re.compile(r"(?:\+?86|0086)?(1\d{10})")
_LANDLINE_PARTS = re.compile(r"[\s\-‐‑‒–—―()]+")
_SCHEME = re.compile(r"^[a-z][a-z0-9+.-]*://", re.I)
_DATE = re.compile(r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?")
_PERMANENT = frozenset({"长期", "长期有效", "永久", "永久有效"})
# Control characters (NUL included) are never part of what a person means, and PostgreSQL's JSON
# cannot store NUL; line breaks and tabs stay for multi-line fields.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def printable(value: str) -> str:
    return _CONTROL.sub("", value)


def fold_alnum(value: str) -> str:
    return value.translate(_FOLD_ALNUM)


def nfkc(value: str) -> str:
    return unicodedata.normalize("NFKC", value)


def text(value: str) -> str:
    """Names, addresses, remarks: trimmed, full-width digits and letters folded, nothing else touched."""
    return fold_alnum(value).strip()


def mobile(value: str) -> str:
    """`138 0000 0000`, `+86-138-0000-0000`, `８６１３８００００００００` → `13800000000`."""
    typed = nfkc(value).strip()
    match = _COUNTRY_MOBILE.fullmatch(_PHONE_JUNK.sub("", typed))
    return match.group(1) if match else typed


def contact(value: str) -> str:
    """A mobile, or a landline in the ministry's form 086-area-number[-extension]."""
    typed = nfkc(value).strip()
    as_mobile = mobile(typed)
    if is_mobile(as_mobile):
        return as_mobile
    parts = [p for p in _LANDLINE_PARTS.split(typed) if p]
    if parts and parts[0] in ("+86", "86", "0086", "086"):
        parts = parts[1:]
    if 2 <= len(parts) <= 3 and all(p.isdigit() for p in parts):
        area = parts[0] if parts[0].startswith("0") else "0" + parts[0]
        landline = "-".join(["086", area, *parts[1:]])
        if is_landline(landline):
            return landline
    return typed


def cert_number(value: str) -> str:
    """ID and licence numbers: no spaces, ASCII, letters upper case (`33010619900101123x` → `…123X`)."""
    return re.sub(r"\s+", "", nfkc(value)).upper()


def domain(value: str) -> str:
    """`ｅｘａｍｐｌｅ．ｃｏｍ`, `Example.COM.`, `https://example.com/about` → `example.com`.

    A subdomain stays a subdomain: whether `www.` belongs is the rules' question (DOMAIN_NOT_APEX),
    answered with the registrable domain the person can take in one click.
    """
    typed = nfkc(value).strip()
    name = re.sub(r"\s+", "", typed.translate(_DOTS))
    name = _SCHEME.sub("", name)
    name = re.split(r"[/?#\\]", name, maxsplit=1)[0]
    name = name.rsplit("@", 1)[-1]
    name = re.sub(r":\d*$", "", name).strip(".").lower()
    return name or typed


def email(value: str) -> str:
    typed = nfkc(value).strip()
    address = re.sub(r"\s+", "", typed)
    if address.lower().startswith("mailto:"):
        address = address[len("mailto:"):]
    if address.count("@") != 1:
        return address or typed
    local, host = address.split("@")
    return f"{local}@{host.translate(_DOTS).lower()}"


def date(value: str) -> str:
    """`2035/1/1`, `2035年1月1日`, `20350101` → `2035-01-01`; `长期有效` → `长期`."""
    typed = nfkc(value).strip()
    if typed in _PERMANENT:
        return "长期"
    match = _DATE.fullmatch(typed) or re.fullmatch(r"(\d{4})(\d{2})(\d{2})", typed)
    if match:
        year, month, day = (int(g) for g in match.groups())
        return f"{year:04d}-{month:02d}-{day:02d}"
    return typed


def code(value: str) -> str:
    """Codes a person copies (备案服务号, 前置审批号): ASCII, no surrounding spaces."""
    return nfkc(value).strip()


# The last key of a precheck.md path decides how its value is read.
BY_KEY: dict[str, Callable[[str], str]] = {
    "mobile": mobile, "emergency_mobile": mobile, "contact2": contact, "cert_number": cert_number,
    "email": email, "cert_valid_until": date, "service_number": code, "number": code, "ip": code,
    # APP platform rows (precheck.md "APP filing"): copied values, full-width folded; the engine itself ignores
    # a fingerprint's colons, spaces and case.
    "package_name": code, "signature": code, "public_key": code,
}
_LAST_KEY = re.compile(r"([A-Za-z_0-9]+)(?:\[\d+\])*$")


def normaliser(path: str) -> Callable[[str], str]:
    if re.search(r"\.domains\[\d+\]$", path):
        return domain
    match = _LAST_KEY.search(path)
    return BY_KEY.get(match.group(1) if match else "", text)


def field(path: str, value: str) -> str:
    """The value of the field at `path` (a precheck.md path) as the rules expect it."""
    return normaliser(path)(printable(value))


@dataclass(frozen=True)
class Note:
    """A value that was rewritten, to tell the person what happened to what they typed."""

    path: str
    typed: str
    value: str


def changed(typed: str, value: str) -> bool:
    """Worth telling: more than surrounding spaces changed."""
    return typed.strip() != value


# Every typed string of an application, by path pattern (for `application`).
_SUBJECT_KEYS = ("name", "cert_number", "cert_address", "mailing_address", "investor", "remark")
_PRINCIPAL_KEYS = ("name", "cert_number", "cert_valid_until", "mobile", "contact2", "emergency_mobile", "email")
_WEBSITE_KEYS = ("name", "remark")


def application(app: dict) -> list[Note]:
    """Tidy every typed string of an application in place; returns what was rewritten."""
    notes: list[Note] = []

    def visit(node, key, path):
        value = node.get(key) if isinstance(node, dict) else node[key]
        if isinstance(value, str):
            new = field(path, value)
            if new != value:
                node[key] = new
                if changed(value, new):
                    notes.append(Note(path, value, new))

    def principal(p, prefix):
        if isinstance(p, dict):
            for key in _PRINCIPAL_KEYS:
                visit(p, key, f"{prefix}.{key}")

    def service(item, prefix):
        """What a website and an APP share: domains, pre-approval numbers, the service number, the principal."""
        domains = item.get("domains")
        if isinstance(domains, list):
            for j in range(len(domains)):
                visit(domains, j, f"{prefix}.domains[{j}]")
        for k, entry in enumerate(item.get("pre_approvals") or ()):
            if isinstance(entry, dict):
                visit(entry, "number", f"{prefix}.pre_approvals[{k}].number")
        if isinstance(item.get("access"), dict):
            visit(item["access"], "service_number", f"{prefix}.access.service_number")
        principal(item.get("principal"), f"{prefix}.principal")

    region = app.get("region")
    if isinstance(region, dict):
        for key in ("city", "district"):
            visit(region, key, f"region.{key}")
    subject = app.get("subject")
    if isinstance(subject, dict):
        for key in _SUBJECT_KEYS:
            visit(subject, key, f"subject.{key}")
        principal(subject.get("principal"), "subject.principal")
    for i, website in enumerate(app.get("websites") or ()):
        if not isinstance(website, dict):
            continue
        for key in _WEBSITE_KEYS:
            visit(website, key, f"websites[{i}].{key}")
        service(website, f"websites[{i}]")
    for i, item in enumerate(app.get("apps") or ()):
        if not isinstance(item, dict):
            continue
        for key in ("name", "remark"):
            visit(item, key, f"apps[{i}].{key}")
        for j, row in enumerate(item.get("platforms") or ()):
            if isinstance(row, dict):
                for key in ("package_name", "signature", "public_key"):
                    visit(row, key, f"apps[{i}].platforms[{j}].{key}")
        service(item, f"apps[{i}]")
    return notes


def apex_suggestion(value: str) -> str | None:
    """The registrable domain to offer instead of a subdomain (`www.example.com` → `example.com`)."""
    from beian.rules.domains import parse

    parsed = parse(domain(value)) if value else None
    if parsed is None or parsed.is_apex or parsed.apex is None:
        return None
    try:  # shown to a person: 示例.中国, not its punycode
        return ".".join(encodings.idna.ToUnicode(label) for label in parsed.apex.split("."))
    except UnicodeError:
        return parsed.apex
