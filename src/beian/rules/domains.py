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


# A domain-looking run inside free text (site names): labels joined by dots, CJK or ASCII.
_EMBEDDED_RE = re.compile(r"[0-9a-z\u4e00-\u9fff-]+(?:[.。．][0-9a-z\u4e00-\u9fff-]+)+")
_ASCII_HEAD = re.compile(r"[a-z]+")
_ASCII_TAIL = re.compile(r"[0-9a-z-]+$")


def find_embedded(text: str, fileable_tlds: frozenset[str]) -> str | None:
    """The first domain name inside a piece of text, judged by a known TLD (PSL or approved list).

    Site names glue Chinese words to domains ("示例example.com网站", "访问示例.中国官网"), so the first
    label keeps only its ASCII tail when it has one, and the last label is cut to the TLD it starts with.
    """
    for match in _EMBEDDED_RE.finditer(text.lower()):
        labels = re.split("[.。．]", match.group(0))
        if tail := _ASCII_TAIL.search(labels[0]):
            labels[0] = tail.group(0)
        last = labels[-1]
        if head := _ASCII_HEAD.match(last):
            tlds = [head.group(0)]
        else:
            tlds = [last[:n] for n in range(len(last), 0, -1)]
        for tld in tlds:
            candidate = ".".join([*labels[:-1], tld])
            domain = parse(candidate)
            if domain is not None and (domain.tld in fileable_tlds or domain.suffix_known):
                return candidate
    return None
