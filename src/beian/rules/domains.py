"""Domain names: normalisation (IDN -> lower-case punycode), syntax, registrable domain, approved TLDs.

The public suffix list is tldextract's bundled snapshot: the extractor is built with no suffix-list
URLs and no cache directory, so it never touches the network or the disk.
"""

import encodings.idna
import re
from dataclasses import dataclass
from functools import lru_cache

import tldextract

_LABEL_RE = re.compile(r"[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?")
_DOTS = str.maketrans({"。": ".", "．": ".", "｡": "."})
_EXTRACT = tldextract.TLDExtract(suffix_list_urls=(), cache_dir=None, include_psl_private_domains=False)


@dataclass(frozen=True, slots=True)
class Domain:
    ascii: str  # normalised: lower-case, punycode labels
    tld: str  # last label, punycode
    apex: str | None  # registrable domain (PSL), None when the name is itself a public suffix
    is_apex: bool
    suffix_known: bool  # the PSL knows the suffix


def to_ascii(value: str) -> str | None:
    """Lower-case punycode form, or None when the name is not syntactically valid."""
    name = value.strip().translate(_DOTS).lower()
    if not name or len(name) > 253 or name.endswith(".") or ".." in name:
        return None
    labels = name.split(".")
    if len(labels) < 2:
        return None
    out = []
    for label in labels:
        if not label.isascii():
            try:
                label = encodings.idna.ToASCII(label).decode("ascii").lower()
            except (UnicodeError, ValueError):
                return None
        if not _LABEL_RE.fullmatch(label):
            return None
        out.append(label)
    tld = out[-1]
    if not (tld.isalpha() or tld.startswith("xn--")):
        return None
    return ".".join(out)


@lru_cache(maxsize=65536)
def parse(value: str) -> Domain | None:
    ascii_name = to_ascii(value)
    if ascii_name is None:
        return None
    parts = _EXTRACT(ascii_name)
    tld = ascii_name.rsplit(".", 1)[1]
    if not parts.suffix:
        return Domain(ascii_name, tld, ascii_name, True, False)
    if not parts.domain:
        return Domain(ascii_name, tld, None, False, True)
    apex = f"{parts.domain}.{parts.suffix}"
    return Domain(ascii_name, tld, apex, not parts.subdomain, True)


def tld_ascii(tld: str) -> str:
    return tld if tld.isascii() else encodings.idna.ToASCII(tld).decode("ascii").lower()


# A domain-looking run inside free text (site names): labels of letters/digits/CJK joined by dots.
_EMBEDDED_RE = re.compile(r"[0-9a-z\u4e00-\u9fff-]+(?:[.。．][0-9a-z\u4e00-\u9fff-]+)+")


def find_embedded(text: str, fileable_tlds: frozenset[str]) -> str | None:
    """The first domain name inside a piece of text, judged by a known TLD (PSL or approved list)."""
    for match in _EMBEDDED_RE.finditer(text.lower()):
        candidate = match.group(0)
        domain = parse(candidate)
        if domain is not None and (domain.suffix_known or domain.tld in fileable_tlds):
            return candidate
    return None
