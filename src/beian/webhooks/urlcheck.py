"""Where the platform may POST (SSRF): a webhook URL names a host anyone can choose, so the platform must not
become a way to reach its own network. Checked when the URL is saved and again before every delivery, on the
addresses the name resolves to at that moment, and the connection then goes to that checked address
(delivery.post pins it), so a name that later resolves to an internal address reaches nothing.

Demo and test runs (BEIAN_DEMO) may also use http:// to loopback (a receiver on the same machine);
WEBHOOKS_LOOPBACK_ONLY (the test suite) refuses every other target without even resolving its name."""

import ipaddress
import socket
from urllib.parse import urlsplit

from django.conf import settings

MAX_URL = 500
LOOPBACK_NAMES = {"localhost", "localhost."}
ALLOWED_LOW_PORTS = {80, 443}


class UrlRefused(Exception):
    def __init__(self, code: str, **values):
        super().__init__(code)
        self.code, self.values = code, values


def resolve(host: str, port: int) -> list[str]:
    """The addresses `host` resolves to (tests replace this to simulate DNS)."""
    return sorted({info[4][0] for info in socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)})


def _demo() -> bool:
    return bool(getattr(settings, "BEIAN_DEMO", False))


def _is_loopback_host(host: str) -> bool:
    if host.lower() in LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _address_refusal(address: str) -> str | None:
    """Why `address` may not be a target, or None."""
    ip = ipaddress.ip_address(address.split("%")[0])
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped:
        ip = ip.ipv4_mapped
    if ip.is_loopback:
        return None if _demo() else str(ip)
    if not ip.is_global or ip.is_multicast or ip.is_reserved or ip.is_link_local or ip.is_private:
        return str(ip)
    return None


def parse(url: str):
    """(scheme, host, port) of a well-formed URL; UrlRefused otherwise. No network."""
    url = (url or "").strip()
    if not url:
        raise UrlRefused("webhook_url_required")
    if len(url) > MAX_URL or any(ord(c) < 33 or ord(c) == 127 for c in url):
        raise UrlRefused("webhook_url_invalid")
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError:
        raise UrlRefused("webhook_url_invalid") from None
    host = parts.hostname or ""
    if parts.scheme not in ("https", "http") or not host or parts.username or parts.password or "\\" in url:
        if parts.scheme not in ("https", "http") and "://" in url:
            raise UrlRefused("webhook_url_scheme")
        raise UrlRefused("webhook_url_invalid")
    try:
        host.encode("idna")
    except UnicodeError:
        raise UrlRefused("webhook_url_invalid") from None
    port = port or (443 if parts.scheme == "https" else 80)
    if port < 1024 and port not in ALLOWED_LOW_PORTS:
        raise UrlRefused("webhook_url_port", port=port)
    if parts.scheme == "http" and not (_demo() and _is_loopback_host(host)):
        raise UrlRefused("webhook_url_scheme")
    return parts.scheme, host, port


def check_saved(url: str) -> str:
    """The cleaned URL when it may be saved; UrlRefused otherwise. A literal address is judged as it is; a
    name is resolved outside demo runs (a name that does not resolve yet is accepted: every delivery checks)."""
    scheme, host, port = parse(url)
    if _is_loopback_host(host):
        if not _demo():
            raise UrlRefused("webhook_url_private", address=host)
        return url.strip()
    try:
        ipaddress.ip_address(host)
        literal = True
    except ValueError:
        literal = False
    if literal:
        reason = _address_refusal(host)
        if reason:
            raise UrlRefused("webhook_url_private", address=reason)
    elif not _demo():
        try:
            addresses = resolve(host, port)
        except OSError:
            addresses = []
        for address in addresses:
            reason = _address_refusal(address)
            if reason:
                raise UrlRefused("webhook_url_private", address=reason)
    return url.strip()


def target(url: str) -> tuple[str, str, int, str]:
    """(scheme, host, port, address to connect to) for a delivery now; UrlRefused when it may not go out."""
    scheme, host, port = parse(url)
    if _is_loopback_host(host):
        if not _demo():
            raise UrlRefused("webhook_url_private", address=host)
        return scheme, host, port, "127.0.0.1" if host.lower() in LOOPBACK_NAMES else host
    if getattr(settings, "WEBHOOKS_LOOPBACK_ONLY", False):
        raise UrlRefused("webhook_url_private", address=host)  # not even resolved: the suite sends nothing out
    try:
        ipaddress.ip_address(host)
        addresses = [host]
    except ValueError:
        try:
            addresses = resolve(host, port)
        except OSError as exc:
            raise UrlRefused("webhook_unresolvable", reason=str(exc)[:100]) from None
    if not addresses:
        raise UrlRefused("webhook_unresolvable", reason="")
    for address in addresses:
        reason = _address_refusal(address)
        if reason:
            raise UrlRefused("webhook_url_private", address=reason)
    return scheme, host, port, addresses[0]
