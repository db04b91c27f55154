import http.server
import threading
from dataclasses import dataclass, field

import pytest
from django.contrib.auth import get_user_model

from tests.filings.conftest import application
from tests.ministry_sim import unique_uscc


@dataclass
class Received:
    path: str
    headers: dict
    body: bytes


@dataclass
class Receiver:
    """A real HTTP receiver on 127.0.0.1 (random port): records every POST and answers the next scripted status
    (200 once the script is used up)."""

    url: str = ""
    script: list = field(default_factory=list)
    requests: list = field(default_factory=list)

    def hook(self, path="/hook") -> str:
        return self.url + path


@pytest.fixture
def receiver():
    state = Receiver()

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_POST(self):  # noqa: N802
            body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
            state.requests.append(Received(self.path, dict(self.headers.items()), body))
            status = state.script.pop(0) if state.script else 200
            self.send_response(status)
            self.send_header("Content-Length", "2")
            self.end_headers()
            self.wfile.write(b"ok")

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    state.url = f"http://127.0.0.1:{server.server_address[1]}"
    yield state
    server.shutdown()
    server.server_close()


_count = [0]


def new_account(prefix="wh"):
    _count[0] += 1
    email = f"{prefix}-{_count[0]}-{unique_uscc()[-6:]}@example.com"
    return get_user_model().objects.create_user(email, email, "pw-12345678")


def new_order(account, *, capture=None):
    from beian.filings.services import create_order

    _count[0] += 1
    return create_order(account=account, application=application(f"wh{_count[0]}-{unique_uscc()[-8:].lower()}.com",
                                                                  unique_uscc()))
