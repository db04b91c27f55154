"""The footer a filed website must show, and a checker for it (seed 003 §11, L33 Art.13).

The number must sit at the bottom of the home page and link to https://beian.miit.gov.cn/. Sources
disagree on whether the subject number or the website number belongs there (广东 shows the subject
number), so the checker accepts either form of the site's number.
"""

import html
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from html.parser import HTMLParser

from beian.compliance import icp_numbers
from beian.compliance import messages as msg
from beian.rules.provinces import PROVINCES, normalise_province

COPYRIGHT_SPECIAL = "jiangsu_copyright"  # provinces.toml `special`: 底部须添加“版权所有”，且与单位名称一致 (S3 §11)


def copyright_holder(*, province: str, subject_name: str) -> str | None:
    """The name the footer's 版权所有 must carry where the 管局 requires one (江苏: "所添加的版权所有需要与您的单位名称
    保持一致"), else None. Which provinces: those whose data has the `jiangsu_copyright` entry."""
    record = PROVINCES.get(normalise_province(province or "") or "")
    if record is None or not (subject_name or "").strip():
        return None
    return subject_name.strip() if any(s.get("id") == COPYRIGHT_SPECIAL for s in record.special) else None


def footer_html(number: str, *, copyright_holder: str | None = None) -> str:
    """HTML to paste at the bottom of every page; with `copyright_holder`, "© <name> 版权所有" before the number
    (the seed's example: "© 2009-2019 Aliyun.com 版权所有"; the years are the site owner's to add)."""
    link = (
        f'<a href="{icp_numbers.MIIT_URL}" target="_blank" rel="noopener noreferrer">{html.escape(number)}</a>'
    )
    parts = []
    if copyright_holder:
        parts.append(f"© {html.escape(copyright_holder)} 版权所有")
    parts.append(link)
    return '<div style="text-align:center">' + " ".join(parts) + "</div>"


class _Anchors(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.text: list[str] = []
        self.links: list[tuple[str, str]] = []  # (href, text inside the anchor)
        self._href: str | None = None
        self._buf: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag == "a":
            self._href = dict(attrs).get("href") or ""
            self._buf = []

    def handle_endtag(self, tag):
        if tag == "a" and self._href is not None:
            self.links.append((self._href, "".join(self._buf)))
            self._href = None

    def handle_data(self, data):
        self.text.append(data)
        if self._href is not None:
            self._buf.append(data)


@dataclass
class FooterCheck:
    ok: bool
    issues: list[dict] = field(default_factory=list)  # {"code", "message"}


def _is_miit(href: str) -> bool:
    href = href.strip().lower()
    for scheme in ("https://", "http://", "//"):
        if href.startswith(scheme):
            host = href[len(scheme):].split("/", 1)[0]
            return host in {"beian.miit.gov.cn", "www.beian.miit.gov.cn"}
    return False


def check_footer(page_html: str, *, number: str) -> FooterCheck:
    parsed = icp_numbers.parse(number)
    if parsed is None:
        return FooterCheck(False, [{"code": "FOOTER_NUMBER_INVALID", "message": msg.FOOTER_NUMBER_INVALID.format(number=number)}])
    accepted = {str(parsed), parsed.subject_number}
    parser = _Anchors()
    parser.feed(page_html)
    page_text = "".join(parser.text)
    if not any(n in page_text for n in accepted):
        return FooterCheck(False, [{"code": "FOOTER_NUMBER_MISSING", "message": msg.FOOTER_NUMBER_MISSING.format(number=number)}])
    linked = any(_is_miit(href) and any(n in text for n in accepted) for href, text in parser.links)
    if not linked:
        return FooterCheck(False, [{"code": "FOOTER_NOT_LINKED", "message": msg.FOOTER_NOT_LINKED.format(number=number)}])
    return FooterCheck(True)


def check_site(url: str, *, number: str, timeout: float = 10.0, max_bytes: int = 2_000_000) -> FooterCheck:
    """Fetch a site's home page and check its footer; network errors become a finding, not an exception."""
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:  # noqa: S310 (http(s) URLs only, see caller)
            body = response.read(max_bytes)
            charset = response.headers.get_content_charset() or "utf-8"
    except (urllib.error.URLError, OSError, ValueError) as exc:
        reason = getattr(exc, "reason", exc)
        return FooterCheck(False, [{"code": "FOOTER_FETCH_FAILED", "message": msg.FOOTER_FETCH_FAILED.format(url=url, reason=reason)}])
    return check_footer(body.decode(charset, errors="replace"), number=number)
