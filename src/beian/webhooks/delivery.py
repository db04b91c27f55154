"""The POST of one webhook: to the address urlcheck.target checked (pinned: no second DNS lookup), TLS verified
against the URL's host name, a short timeout, no redirects followed, the answer's body not read beyond a little."""

import http.client
import socket
import ssl
from urllib.parse import urlsplit

TIMEOUT = 5.0


class DeliveryFailed(Exception):
    pass


class _PinnedHTTP(http.client.HTTPConnection):
    def __init__(self, host, port, address, timeout):
        super().__init__(host, port, timeout=timeout)
        self._address = address

    def connect(self):
        self.sock = socket.create_connection((self._address, self.port), self.timeout)


class _PinnedHTTPS(http.client.HTTPSConnection):
    def __init__(self, host, port, address, timeout):
        super().__init__(host, port, timeout=timeout, context=ssl.create_default_context())
        self._address = address

    def connect(self):
        sock = socket.create_connection((self._address, self.port), self.timeout)
        self.sock = self._context.wrap_socket(sock, server_hostname=self.host)


def post(checked: tuple[str, str, int, str], *, url: str = "", headers: dict, body: bytes,
         timeout: float | None = None) -> int:
    """POST `body`; the receiver's HTTP status. DeliveryFailed (with a short reason) when no answer came."""
    timeout = timeout or TIMEOUT
    scheme, host, port, address = checked
    cls = _PinnedHTTPS if scheme == "https" else _PinnedHTTP
    connection = cls(host, port, address, timeout)
    try:
        connection.request("POST", _path(url) if url else "/", body=body, headers=headers)
        response = connection.getresponse()
        response.read(1024)
        return response.status
    except TimeoutError:
        raise DeliveryFailed(f"超时（{timeout:g} 秒内无应答）") from None
    except ssl.SSLError as exc:
        raise DeliveryFailed(f"TLS 错误：{exc.__class__.__name__}") from None
    except (OSError, http.client.HTTPException) as exc:
        raise DeliveryFailed(f"连接失败：{exc.__class__.__name__}: {str(exc)[:120]}") from None
    finally:
        connection.close()


def _path(url: str) -> str:
    parts = urlsplit(url)
    return (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
