"""The authorisation matrix: every route of the platform (and of the ministry simulator) × every role, each
cell asserted on GET and on POST (with a valid CSRF token), refused cells proved to change nothing.

The tables below are the specification: a route without a row fails `test_every_route_has_a_row`, naming
it. To add a route, add its row to PLATFORM (or SIMULATOR): who gets what on GET and POST, which seeded
object fills its URL (tests/security/world.py), and a POST body that would do harm if it got through.

Roles: anonymous; owner (the applicant whose objects fill the URLs); other (another applicant);
reviewer (staff in the reviewers group); staff (staff, not a reviewer); phone (holds the owner's phone
link and nothing else); ministry (signs with the ministry's HMAC secret, no session).
"""

import json
import time

import pytest
from django.conf import settings
from django.contrib import admin
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.test import Client
from django.urls import reverse

from beian.ministry import signing
from tests.crawler.test_crawl import SAMPLE_APPLICATION
from tests.review.support import FRAMES
from tests.security import world as worlds
from tests.security.matrix import (
    ALLOWED,
    ANON,
    CSRF_SECRET,
    DENIED,
    KEPT,
    LOGIN,
    METHOD,
    MINISTRY,
    MISSING,
    OK,
    OTHER,
    OWNER,
    PHONE,
    REVIEWER,
    ROLES,
    STAFF,
    UNAUTH,
    Row,
    body_of,
    cells,
    changed_tables,
    encode,
    outcome,
    route_names,
    signed_in,
    snapshot,
)
from tests.wizard.support import basic_post, image_bytes, subject_post, website_post

PUBLIC = cells(OK)
EVERYONE_405 = cells(METHOD)
SIGNED_IN = signed_in(OK)
OWNER_ONLY = signed_in(MISSING, owner=OK)  # object-level: another account's order is "not found", not "forbidden"
REVIEWERS = signed_in(DENIED, reviewer=OK)
REVIEWERS_POST_ONLY = signed_in(DENIED, reviewer=METHOD)  # GET on a POST-only console action
TOKEN_HOLDER = cells(MISSING, phone=OK)  # everyone else tries the owner's link with a forged signature
TOKEN = {"token": "token"}


def _frames(w):
    return {"frames": [SimpleUploadedFile(f"{i}.jpg", image_bytes(480, 360, "JPEG")) for i in range(FRAMES)]}


def _id_photo(w):
    return {"kind": "principal_id", "owner": "subject_principal", "side": "front",
            "file": SimpleUploadedFile("id.png", image_bytes(800, 500))}


def _forged_approval(w):
    """The result a forged callback would use to approve the owner's order (issue 12, finding 1)."""
    return {"results": [{"result_id": "matrix-forged-1", "request_id": worlds.BUREAU_REQUEST_ID, "status": "approved",
                         "icp_number": "浙ICP备2099999999号", "website_numbers": {}}]}


def _sample_application(w):
    return json.loads(SAMPLE_APPLICATION.read_text())


# route name -> Row. The owner's draft is `editable`, the order under review `in_review` (world.py).
EDITABLE, IN_REVIEW = {"pk": "editable"}, {"pk": "in_review"}
PLATFORM: dict[str, Row] = {
    # ---- public pages
    "web:home": Row(PUBLIC),
    "web:healthz": Row(PUBLIC),
    "web:precheck": Row(PUBLIC, data=lambda w: {"mode": "json", "application": "{}"}),
    "accounts:register": Row(PUBLIC, data=lambda w: {"email": "", "password1": "x"}),
    "accounts:login": Row(PUBLIC, data=lambda w: {"username": "nobody@example.com", "password": "wrong-password"}),
    "accounts:logout": Row(EVERYONE_405, post=PUBLIC),  # POST only; the home page after it
    "accounts:password_reset": Row(PUBLIC, data=lambda w: {"email": "nobody@example.com"}),
    "accounts:password_reset_done": Row(PUBLIC, post=EVERYONE_405),
    # A reset link with a forged token sets nobody's password.
    "accounts:password_reset_confirm": Row(
        PUBLIC, post=cells(KEPT), args={"uidb64": "owner_uid", "token": "forged_reset_token"},
        data=lambda w: {"new_password1": "Forged-pass-1234", "new_password2": "Forged-pass-1234"}),
    "accounts:password_reset_complete": Row(PUBLIC, post=EVERYONE_405),
    # ---- the applicant's wizard: every order URL is the owner's
    "wizard:list": Row(SIGNED_IN),
    "wizard:new": Row(SIGNED_IN, data=lambda w: basic_post(**{"websites[0].domains[0]": "matrix-new.com"})),
    "wizard:progress": Row(OWNER_ONLY, args=EDITABLE),
    "wizard:basic": Row(OWNER_ONLY, args=EDITABLE, harms=(OWNER,), data=lambda w: basic_post(
        version=w.editable.version, **{"subject.cert_number": "91510107MA5KHX3X6D", "websites[0].domains[0]": "x.com"})),
    "wizard:product": Row(OWNER_ONLY, args=EDITABLE, harms=(OWNER,), data=lambda w: {
        "version": w.editable.version, "websites[0].access.instance_id": w.instance.instance_id, "action": "next"}),
    "wizard:subject": Row(OWNER_ONLY, args=EDITABLE, harms=(OWNER,), data=lambda w: subject_post(w.editable.version)),
    "wizard:websites": Row(OWNER_ONLY, args=EDITABLE, harms=(OWNER,),
                           data=lambda w: website_post(w.editable.version, [("改名网站", "matrix-y.com")])),
    "wizard:materials": Row(OWNER_ONLY, args=EDITABLE, harms=(OWNER,),
                            data=lambda w: {"action": "revoke_link", "link": w.link.pk}),
    "wizard:confirm": Row(OWNER_ONLY, args=EDITABLE, data=lambda w: {"version": w.editable.version, "agreement": "on"}),
    "wizard:cancel": Row(signed_in(METHOD), post=OWNER_ONLY, args=EDITABLE, harms=(OWNER,)),
    "wizard:change": Row(OWNER_ONLY, args={"filing_pk": "filing"}, query="?kind=change_subject", harms=(OWNER,),
                         data=lambda w: {"kind": "change_subject"}),
    "documents:template": Row(OWNER_ONLY, post=signed_in(METHOD), args={**EDITABLE, "kind": "=authorization_letter"}),
    # ---- cloud products: no object in the URL; another account's instance in the POST gets nothing
    "products:instances": Row(SIGNED_IN),
    "products:service_numbers": Row(SIGNED_IN, post=signed_in(KEPT, owner=OK), harms=(OWNER,),
                                    data=lambda w: {"instance_id": w.instance.instance_id}),
    # ---- the phone page: the signed link is the only credential (a session is worth nothing here)
    "verification:phone": Row(TOKEN_HOLDER, post=EVERYONE_405, args=TOKEN, reveals=(PHONE,)),
    "verification:status": Row(TOKEN_HOLDER, post=EVERYONE_405, args=TOKEN, reveals=(PHONE,)),
    "verification:upload": Row(EVERYONE_405, post=TOKEN_HOLDER, args=TOKEN, data=_id_photo, harms=(PHONE,)),
    "verification:face": Row(EVERYONE_405, post=TOKEN_HOLDER, args=TOKEN, data=_frames, harms=(PHONE,)),
    "verification:manual": Row(EVERYONE_405, post=TOKEN_HOLDER, args=TOKEN),
    # ---- the reviewer console: the provider's reviewers only (staff without the role are refused)
    "review:queue": Row(REVIEWERS),
    "review:order": Row(REVIEWERS, args=IN_REVIEW),
    "review:claim": Row(REVIEWERS_POST_ONLY, post=REVIEWERS, args=IN_REVIEW, harms=(REVIEWER,)),
    "review:field": Row(REVIEWERS_POST_ONLY, post=REVIEWERS, args=IN_REVIEW, harms=(REVIEWER,),
                        data=lambda w: {"path": "websites[0].name", "verdict": "reject", "reason_code": "site_name"}),
    "review:supplement": Row(REVIEWERS_POST_ONLY, post=REVIEWERS, args=IN_REVIEW, harms=(REVIEWER,),
                             data=lambda w: {"kind": "materials", "details": "伪造的补充要求"}),
    "review:approve": Row(REVIEWERS_POST_ONLY, post=REVIEWERS, args=IN_REVIEW, harms=(REVIEWER,)),
    "review:call": Row(REVIEWERS_POST_ONLY, post=REVIEWERS, args=IN_REVIEW, harms=(REVIEWER,),
                       data=lambda w: {"mobile": "13800000000", "outcome": "answered", "notes": "伪造"}),
    "review:manual_review": Row(REVIEWERS_POST_ONLY, post=REVIEWERS, args=IN_REVIEW, harms=(REVIEWER,),
                                data=lambda w: {"request": w.manual.pk, "outcome": "approved"}),
    # Evidence images: the order's applicant and reviewers; for anyone else the image does not exist.
    "review:material": Row(cells(MISSING, owner=OK, reviewer=OK), args={"pk": "material"}),
    "review:face_frame": Row(cells(MISSING, reviewer=OK), args={"pk": "attempt", "index": "=0"}),
    # ---- machine to machine: the ministry's signed results (a forged approval of the owner's order)
    "ministry:results-callback": Row(EVERYONE_405, post=cells(UNAUTH, ministry=OK), json=_forged_approval,
                                     harms=(MINISTRY,)),
    # ---- notifications
    "notifications:inbox": Row(SIGNED_IN),
    # Issue 12 finding 2: the sink needs a login and shows each account only its own messages (staff all).
    "notifications:sink": Row(SIGNED_IN, reveals=(REVIEWER, STAFF)),
    # ---- the JSON API (django-ninja): precheck, the schema and the docs are public
    "api:api-root": Row(cells(MISSING)),
    "api:openapi-json": Row(PUBLIC),  # django-ninja answers the schema to any method
    "api:openapi-view": Row(PUBLIC),
    "api:run_precheck": Row(EVERYONE_405, post=PUBLIC, json=_sample_application),
}

# Cells that still fail because another branch of issue 12 fixes them; the lead removes each entry when
# that branch is merged (an entry whose route now passes fails the test, so none outlives its fix).
PENDING = {
    "notifications:sink": "issue 12 finding 2: anonymous reads every SMS code (fixed on branch i12-profile)",
}

# Django's admin site: every pattern under django-admin/ goes through AdminSite.admin_view (is_active and
# is_staff) and then the model's permissions; these URLs stand for all of them, with every registered
# model's changelist (so a model registered later is covered).
ADMIN_PREFIX = "django-admin/"
STAFF_SITE = signed_in(LOGIN, reviewer=OK, staff=OK)  # non-staff accounts get the admin's own login page
NO_PERMISSION = signed_in(LOGIN, reviewer=DENIED, staff=DENIED)  # staff without model permissions


def admin_urls(w) -> dict[str, dict[str, str]]:
    urls = {
        "/django-admin/login/": PUBLIC,
        "/django-admin/": STAFF_SITE,
        f"/django-admin/auth/user/{w.owner.pk}/change/": NO_PERMISSION,
        f"/django-admin/auth/user/{w.owner.pk}/password/": NO_PERMISSION,
        "/django-admin/auth/group/add/": NO_PERMISSION,
    }
    for model in admin.site._registry:
        urls[reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")] = NO_PERMISSION
    return urls


ADMIN_POST = {"is_superuser": "on", "is_staff": "on", "username": "matrix-forged",
              "password1": "Forged-pass-1234", "password2": "Forged-pass-1234", "name": "matrix-group"}


def _in_admin(name: str, route: str) -> bool:
    return name.startswith("admin:") or route.startswith(ADMIN_PREFIX)


def test_every_route_has_a_row():
    routes = route_names()
    missing = sorted(n for n, route in routes.items() if n not in PLATFORM and not _in_admin(n, route))
    assert not missing, ("routes without a row in tests/security/test_matrix.py PLATFORM (say who may use "
                         f"them): {missing}")
    stale = sorted(set(PLATFORM) - set(routes))
    assert not stale, f"rows for routes that no longer exist: {stale}"
    for name, row in PLATFORM.items():
        for method in ("GET", "POST"):
            assert set(row.expected(method)) == set(ROLES), f"{name} {method}: a cell per role"


# ---- running the cells -----------------------------------------------------------------------------------

ADDRESSES = {role: f"10.12.0.{i + 1}" for i, role in enumerate(ROLES)}


class Sessions:
    """Each role's cookies, made once (a cell's own changes are rolled back with it)."""

    def __init__(self, w):
        self.cookies = {}
        for role, user in ((OWNER, w.owner), (OTHER, w.other), (REVIEWER, w.reviewer), (STAFF, w.staff)):
            client = Client()
            client.force_login(user)
            self.cookies[role] = {k: v.value for k, v in client.cookies.items()}
        phone = Client()  # the phone holder has opened their link, and carries whatever it set
        assert phone.get(f"/m/{w.token}/").status_code == 200
        self.cookies[PHONE] = {k: v.value for k, v in phone.cookies.items()}
        self.cookies[ANON] = self.cookies[MINISTRY] = {}

    def client(self, role: str) -> Client:
        client = Client(enforce_csrf_checks=True, REMOTE_ADDR=ADDRESSES[role])
        for key, value in self.cookies[role].items():
            client.cookies[key] = value
        client.cookies[settings.CSRF_COOKIE_NAME] = CSRF_SECRET
        return client


def request(sessions, role: str, method: str, path: str, data=None, json_body=None):
    client = sessions.client(role)
    headers = {"X-CSRFToken": CSRF_SECRET}
    body, content_type = encode(data, json_body) if method == "POST" else (b"", None)
    if role == MINISTRY:  # what the ministry signs: method, path with query, body (docs/decisions.md #22)
        headers.update(signing.headers(provider=settings.MINISTRY_PROVIDER_ID, secret=settings.MINISTRY_SHARED_SECRET,
                                       method=method, path=path, body=body))
    if method == "GET":
        return client.get(path, headers=headers)
    return client.generic("POST", path, body, content_type=content_type, headers=headers)


def run_cell(sessions, baseline, w, *, label, role, method, path, expected, data=None, json_body=None,
             reveals=(), harms=()) -> list[str]:
    """One cell, rolled back afterwards: its problems (empty when it holds)."""
    cache.clear()  # rate limits count per address and account: one cell's requests must not throttle the next
    problems = []
    with transaction.atomic():
        response = request(sessions, role, method, path, data, json_body)
        got = outcome(response)
        body = body_of(response)
        if got != (OK if expected == KEPT else expected):
            where = response.get("Location", "") if 300 <= response.status_code < 400 else ""
            problems.append(f"{label} {method} as {role}: expected {expected}, got {got} "
                            f"({response.status_code} {where})".rstrip())
        if expected not in ALLOWED:
            changed = changed_tables(baseline, snapshot())
            if changed:
                problems.append(f"{label} {method} as {role} ({expected}) changed {changed}")
        elif method == "POST" and role in harms and not changed_tables(baseline, snapshot()):
            problems.append(f"{label} POST as {role} changed nothing: make its POST one that does (harms)")
        if got == OK and role not in (OWNER, REVIEWER, *reveals) and "text" in response.get("Content-Type", ""):
            text = body.decode(errors="replace")
            leaked = [m for m in w.markers if m in text]
            if leaked:
                problems.append(f"{label} {method} as {role} shows the owner's {leaked}")
        transaction.set_rollback(True)
    return problems


def _settings(settings):
    # A secret of this test's own: the ministry role holds it, nobody else does.
    settings.MINISTRY_SHARED_SECRET = "matrix-ministry-secret-" + "x" * 20
    settings.MINISTRY_PROVIDER_ID = "matrix-provider"


def _path(name: str, row: Row, w, role: str) -> str:
    args = {}
    for key, attr in row.args.items():
        value = w.value(attr)
        if key == "token" and role != PHONE:
            value = worlds.tampered(value)
        args[key] = value
    return reverse(name, kwargs=args) + row.query


@pytest.mark.django_db
def test_platform_matrix(settings):
    started = time.monotonic()
    _settings(settings)
    w = worlds.build()
    sessions = Sessions(w)
    baseline = snapshot()
    problems, pending, count = [], {}, 0
    for name, row in PLATFORM.items():
        found = []
        for method in ("GET", "POST"):
            for role, expected in row.expected(method).items():
                data = row.data(w) if row.data and method == "POST" else None
                body = row.json(w) if row.json and method == "POST" else None
                found += run_cell(sessions, baseline, w, label=name, role=role, method=method,
                                  path=_path(name, row, w, role), expected=expected, data=data, json_body=body,
                                  reveals=row.reveals, harms=row.harms)
                count += 1
        if name in PENDING:
            pending[name] = found
        else:
            problems += found
    for path, expected_by_role in admin_urls(w).items():
        for method in ("GET", "POST"):
            for role, expected in expected_by_role.items():
                problems += run_cell(sessions, baseline, w, label=path, role=role, method=method, path=path,
                                     expected=expected, data=ADMIN_POST if method == "POST" else None)
                count += 1
    elapsed = time.monotonic() - started
    print(f"platform matrix: {count} cells in {elapsed:.1f} s")
    fixed = [name for name, found in pending.items() if not found]
    for name, found in pending.items():
        print(f"PENDING {name} ({PENDING[name]}): {len(found)} cells", *found[:3], sep="\n  ")
    assert not problems, f"{len(problems)} cells do not hold:\n" + "\n".join(problems)
    assert not fixed, f"PENDING routes that now hold (remove them from PENDING): {fixed}"
