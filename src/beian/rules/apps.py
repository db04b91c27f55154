"""APP rules (precheck.md "APP filing"): the name, the platform rows (package name / Bundle ID, signing
fingerprint, public key) and the APP's own domains. What APPs share with websites (content, languages,
pre-approvals, access, principal) runs through websites.check_service; filing type, SMS targets and
materials count APPs in filing_type.py and materials.py.

The `from_file` key of a platform row (what an uploaded APK / certificate says) is never read here.
"""

import base64
import binascii
import re

from beian.rules import domains as dom
from beian.rules import messages as msg
from beian.rules import validators as v
from beian.rules.codes import Code
from beian.rules.context import App, Findings, text
from beian.rules.naming import national_prefix, sensitive_word
from beian.rules.provinces import TLDS
from beian.rules.websites import check_service

# Android package / HarmonyOS bundle name (and `other`), and iOS Bundle ID (precheck.md APP_PACKAGE_INVALID).
PACKAGE_DOTTED = re.compile(r"[A-Za-z][A-Za-z0-9_]*(?:\.[A-Za-z][A-Za-z0-9_]*)+")
PACKAGE_IOS = re.compile(r"[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+")
PACKAGE_PATTERNS = {"android": (PACKAGE_DOTTED, "dotted"), "ios": (PACKAGE_IOS, "ios"),
                    "harmony": (PACKAGE_DOTTED, "dotted"), "other": (PACKAGE_DOTTED, "dotted")}
# Hex digits of the signing certificate's fingerprint: MD5 for android, SHA-1 for ios, any of MD5 / SHA-1 /
# SHA-256 for harmony and other (precheck.md APP_SIGNATURE_INVALID).
SIGNATURE_LENGTHS = {"android": (32,), "ios": (40,), "harmony": (32, 40, 64), "other": (32, 40, 64)}
# 一级 is the registrable domain (example.com, example.com.cn), a.example.com 二级, a.b.example.com 三级.
MAX_DOMAIN_LEVEL = 3

_HEX = re.compile(r"[0-9A-F]+")
_PEM_ARMOUR = re.compile(r"-----(?:BEGIN|END) [A-Z0-9 ]+-----")
_SPACE = re.compile(r"\s+")
_SHOWN = 80


def check_apps(app: App, out: Findings) -> None:
    service = msg.SERVICES["app"]
    seen_packages: set[tuple[str, str]] = set()
    for i, item in enumerate(app.apps):
        where = f"apps[{i}]"
        _check_name(app, where, item, out)
        _check_platforms(where, item, seen_packages, out)
        _check_domains(where, item, out)
        check_service(app, where, item, service, out)


def _check_name(app: App, where: str, item: dict, out: Findings) -> None:
    """An APP's name must equal its store name, which may be Latin: only these two of the site-name rules."""
    name = text(item, "name")
    path = f"{where}.name"
    if not name:
        out.add(Code.APP_NAME_REQUIRED, path)
        return
    if prefix := national_prefix(app, name):
        out.add(Code.APP_NAME_NATIONAL_PREFIX, path, word=prefix)
    if word := sensitive_word(name):
        out.add(Code.APP_NAME_SENSITIVE, path, word=word)


def _check_platforms(where: str, item: dict, seen: set[tuple[str, str]], out: Findings) -> None:
    rows = item.get("platforms") or ()
    if not rows:
        out.add(Code.APP_PLATFORM_REQUIRED, f"{where}.platforms")
    for j, row in enumerate(rows):
        path = f"{where}.platforms[{j}]"
        platform = row["platform"]
        label = msg.PLATFORMS[platform]
        package = text(row, "package_name")
        pattern, rule = PACKAGE_PATTERNS[platform]
        if pattern.fullmatch(package) is None:
            out.add(Code.APP_PACKAGE_INVALID, f"{path}.package_name", platform=label,
                    label=msg.PACKAGE_LABELS[platform], value=_shown(package), rule=msg.PACKAGE_RULES[rule])
        if package:
            key = (platform, package)  # compared exactly: another platform may use the same name
            if key in seen:
                out.add(Code.APP_PACKAGE_DUPLICATE, f"{path}.package_name", platform=label,
                        label=msg.PACKAGE_LABELS[platform], value=_shown(package))
            seen.add(key)
        _check_signature(path, platform, label, text(row, "signature"), out)
        public_key = text(row, "public_key")
        if not public_key_ok(public_key):
            out.add(Code.APP_PUBLIC_KEY_INVALID, f"{path}.public_key", platform=label, value=_shown(public_key),
                    how=msg.PUBLIC_KEY_HOW)


def _check_signature(path: str, platform: str, label: str, typed: str, out: Findings) -> None:
    value = v.normalise_hex(typed)
    if not _HEX.fullmatch(value):
        reason = msg.SIGNATURE_REASONS["not_hex"]
    elif len(value) not in SIGNATURE_LENGTHS[platform]:
        reason = msg.SIGNATURE_REASONS["length"].format(length=len(value))
    else:
        return
    out.add(Code.APP_SIGNATURE_INVALID, f"{path}.signature", platform=label, value=_shown(typed), reason=reason,
            expected=msg.SIGNATURE_EXPECTED[platform], how=msg.SIGNATURE_HOW[platform])


def public_key_ok(value: str) -> bool:
    """Hex (colons, spaces and line breaks ignored; whole bytes) or base64 (a PEM body, armour lines allowed)."""
    if not value:
        return False
    hex_value = v.normalise_hex(value)
    if _HEX.fullmatch(hex_value) and len(hex_value) % 2 == 0:
        return True
    body = _SPACE.sub("", _PEM_ARMOUR.sub("", value))
    if not body:
        return False
    try:
        base64.b64decode(body, validate=True)
    except (binascii.Error, ValueError):
        return False
    return True


def domain_level(domain: dom.Domain) -> int:
    """1 for the registrable domain, 2 for a.example.com, 3 for a.b.example.com … (as Chinese providers count)."""
    return domain.ascii.count(".") - domain.apex.count(".") + 1


def _check_domains(where: str, item: dict, out: Findings) -> None:
    """An APP's own domains: any number, subdomains up to 三级; not looked up in context.domains."""
    for k, raw in enumerate(item.get("domains") or ()):
        path = f"{where}.domains[{k}]"
        domain = dom.parse(raw)
        if domain is None or domain.apex is None:
            out.add(Code.APP_DOMAIN_INVALID, path, value=_shown(raw.strip()), reason=msg.APP_DOMAIN_REASONS["invalid"])
            continue
        level = domain_level(domain)
        if level > MAX_DOMAIN_LEVEL:
            shown_level = msg.LEVELS[level - 1] if level <= len(msg.LEVELS) else str(level)
            out.add(Code.APP_DOMAIN_INVALID, path, value=_shown(raw.strip()),
                    reason=msg.APP_DOMAIN_REASONS["too_deep"].format(level=shown_level))
        if domain.tld not in TLDS:
            out.add(Code.APP_DOMAIN_TLD_NOT_FILEABLE, path, tld=raw.strip().rsplit(".", 1)[-1].lower())


def _shown(value: str) -> str:
    """A typed value as quoted in a message: one line, short (a pasted certificate can be kilobytes)."""
    value = _SPACE.sub(" ", value)
    return value if len(value) <= _SHOWN else value[:_SHOWN] + "…"
