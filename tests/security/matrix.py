"""The machinery of the authorisation matrix (tests/security/test_matrix.py holds the tables).

A cell is (route, role, method). Its outcome is read off the response:
  OK      2xx, or a redirect that is not to a login page (the role's own area)
  KEPT    like OK, but the request must change nothing (a refusal shown on the role's own page)
  LOGIN   a redirect to a login page (/accounts/login/, /django-admin/login/, /bureau/login/)
  DENIED 403, MISSING 404, UNAUTH 401, METHOD 405, INVALID 400, GONE 410
Every cell whose expectation is neither OK nor INVALID must leave the database exactly as it was.
"""

import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from django.db import connection
from django.test.client import BOUNDARY, MULTIPART_CONTENT, encode_multipart
from django.urls import URLPattern, URLResolver, get_resolver

OK, KEPT, LOGIN = "ok", "kept", "login"
DENIED, MISSING, UNAUTH, METHOD, INVALID, GONE = "403", "404", "401", "405", "400", "410"
ALLOWED = {OK, INVALID}  # the role got through; what it did may change state

ANON, OWNER, OTHER, REVIEWER, STAFF, PHONE, MINISTRY = (
    "anonymous", "owner", "other", "reviewer", "staff", "phone", "ministry")
ROLES = (ANON, OWNER, OTHER, REVIEWER, STAFF, PHONE, MINISTRY)
NO_ACCOUNT = (ANON, PHONE, MINISTRY)  # no session with an account: the phone holder and the ministry included
CSRF_SECRET = "matrixCsrfSecretAbcdef0123456789"  # a valid CSRF cookie value (32 letters and digits)


def cells(default: str, *, of: tuple[str, ...] = ROLES, **roles: str) -> dict[str, str]:
    """Every role's expectation (of the platform, or `of` the simulator's roles): `default`, except those named."""
    unknown = set(roles) - set(of)
    assert not unknown, f"unknown roles {unknown}"
    return {role: roles.get(role, default) for role in of}


def signed_in(default: str, **roles: str) -> dict[str, str]:
    """A page behind the login: the roles without an account are sent to the login page."""
    return cells(default, **{r: LOGIN for r in NO_ACCOUNT}, **roles)


@dataclass
class Row:
    """One route: what each role gets on GET and on POST, and how to fill its URL and its POST.

    args: URL keyword -> World attribute (an object's pk, or a value such as the phone token)
    data: World -> the POST's form fields (files allowed); json: World -> a JSON body instead
    reveals: roles besides the owner and the reviewer whose OK pages may show the owner's data
    harms: roles whose allowed POST must change something: proof that the POST refused to the others is
           one that would have done harm (a body that fails validation proves nothing)
    forged: what the owner's browser gets for the same POST sent from another site (its CSRF cookie, no token)
    """

    get: dict[str, str]
    post: dict[str, str] | None = None  # None: the same as GET
    args: dict[str, str] = field(default_factory=dict)
    query: str = ""
    data: Callable | None = None
    json: Callable | None = None
    reveals: tuple[str, ...] = ()
    harms: tuple[str, ...] = ()
    forged: str = DENIED

    def expected(self, method: str) -> dict[str, str]:
        return self.get if method == "GET" or self.post is None else self.post


def route_names(resolver=None, namespace: str = "", prefix: str = "") -> dict[str, str]:
    """Every pattern of a URLconf by the name the tables use ("namespace:name", or the route if unnamed),
    with its route; django-ninja's operations and the admin's patterns included."""
    names = {}
    for entry in (resolver or get_resolver()).url_patterns:
        if isinstance(entry, URLResolver):
            inner = f"{namespace}:{entry.namespace}".strip(":") if entry.namespace else namespace
            names.update(route_names(entry, inner, prefix + str(entry.pattern)))
        elif isinstance(entry, URLPattern):
            route = prefix + str(entry.pattern)
            names[f"{namespace}:{entry.name}".strip(":") if entry.name else route] = route
    return names


def outcome(response) -> str:
    status = response.status_code
    if 300 <= status < 400:
        return LOGIN if urlsplit(response["Location"]).path.endswith("/login/") else OK
    if 200 <= status < 300:
        return OK
    return str(status)


def body_of(response) -> bytes:
    if getattr(response, "streaming", False):
        return b"".join(response.streaming_content)  # the test client closes the response at the end
    return response.content


def encode(data: dict | None, json_body: dict | None) -> tuple[bytes, str]:
    if json_body is not None:
        return json.dumps(json_body, ensure_ascii=False).encode(), "application/json"
    return encode_multipart(BOUNDARY, data or {}), MULTIPART_CONTENT


IGNORED_TABLES = {"django_session"}  # a session's expiry may move on any request


def snapshot() -> dict[str, str]:
    """A digest of every row of every table: what a refused request must leave as it was."""
    with connection.cursor() as cursor:
        tables = [t for t in connection.introspection.table_names(cursor) if t not in IGNORED_TABLES]
        if connection.vendor == "postgresql":  # one round trip: the digests are made by the server
            cursor.execute(" UNION ALL ".join(
                f"SELECT %s, md5(coalesce(string_agg(t::text, ',' ORDER BY t::text), '')) "
                f"FROM {connection.ops.quote_name(table)} t" for table in tables), tables)
            return dict(cursor.fetchall())
        digests = {}
        for table in tables:
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")
            rows = sorted(repr(row) for row in cursor.fetchall())
            digests[table] = hashlib.sha256("\n".join(rows).encode()).hexdigest()
        return digests


def changed_tables(before: dict[str, str], after: dict[str, str]) -> list[str]:
    return sorted(t for t in before.keys() | after.keys() if before.get(t) != after.get(t))


# ---- the ministry simulator: its own process and database, reached over HTTP ------------------------------

BUREAU, PROVIDER = "bureau", "provider"  # its bureau console's staff; a provider signing with its secret
SIM_ROLES = (ANON, BUREAU, PROVIDER)
# Columns the simulator's push thread updates on its own (delivery attempts) are not a request's doing.
SIM_COLUMNS = {"ministry_simulator_result": "id, result_id, submission_id, status, reason"}


def simulator_routes(sim) -> dict[str, str]:
    """The simulator's URLconf, read in a process of its own (its models are not the platform's apps)."""
    import subprocess
    import sys
    from pathlib import Path

    code = ("import django, json; django.setup(); from django.urls import get_resolver; "
            "from tests.security.matrix import route_names; print(json.dumps(route_names(get_resolver())))")
    root = Path(__file__).resolve().parents[2]
    env = {**sim_env(sim), "PYTHONPATH": f"{root / 'src'}:{root}"}
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    return json.loads(out.stdout.strip().splitlines()[-1])


def sim_env(sim) -> dict:
    import os

    if sim is not None:
        return sim.env
    return {**os.environ, "DJANGO_SETTINGS_MODULE": "beian.ministry.simulator.settings"}


def sim_database(sim) -> str:
    url = sim.env["MINISTRY_DATABASE_URL"]
    assert url.startswith("sqlite:///"), url
    return url[len("sqlite:///"):]


def sim_snapshot(path: str) -> dict[str, str]:
    import sqlite3

    digests = {}
    with sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=20) as db:
        for (table,) in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'").fetchall():
            if table in IGNORED_TABLES:
                continue
            rows = db.execute(f'SELECT {SIM_COLUMNS.get(table, "*")} FROM "{table}"').fetchall()
            digests[table] = hashlib.sha256("\n".join(sorted(map(repr, rows))).encode()).hexdigest()
    return digests


def http(url: str, method: str, body: bytes | None, headers: dict):
    """One request, redirects not followed: (status, the response's headers (a Message), body)."""
    import urllib.error
    import urllib.request

    class Stay(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args, **kwargs):
            return None

    opener = urllib.request.build_opener(Stay)
    request = urllib.request.Request(url, data=body, method=method, headers=headers)
    try:
        with opener.open(request, timeout=20) as response:
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.headers, exc.read()


def http_outcome(status: int, headers) -> str:
    if 300 <= status < 400:
        return LOGIN if urlsplit(headers.get("Location", "")).path.endswith("/login/") else OK
    return OK if 200 <= status < 300 else str(status)
