"""The authorisation matrix: every route of the platform (and of the ministry simulator) × every role, each
cell asserted on GET and on POST (with a valid CSRF token), refused cells proved to change nothing; and
every route's POST from another site (the owner's CSRF cookie without the token) refused.

The tables below are the specification: a route without a row fails `test_every_route_has_a_row`, naming
it. To add a route, add its row to PLATFORM (or SIMULATOR): who gets what on GET and POST, which seeded
object fills its URL (tests/security/world.py), and a POST body that would do harm if it got through
(`harms` proves it does for the allowed role). Outcomes are explained in tests/security/matrix.py; the
threat model they belong to is docs/security.md.

Roles: anonymous; owner (the applicant whose objects fill the URLs); other (another applicant);
reviewer (staff in the reviewers group); staff (staff, not a reviewer); phone (holds the owner's phone
link and nothing else); ministry (signs with the ministry's HMAC secret, no session).
"""

import json
import re
import sqlite3
import time
import uuid
from dataclasses import dataclass
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import urlencode

import pytest
from django.conf import settings
from django.contrib import admin
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.test import Client
from django.urls import reverse

import beian.web
from beian.filings.models import Order
from beian.ministry import signing
from beian.ministry.adapter_http import HttpMinistry
from beian.products import messages as products_msg
from tests.ministry.test_simulator import _app as sim_application
from tests.ministry.test_simulator import _fresh_mobile as fresh_mobile
from tests.review.support import FRAMES
from tests.security import world as worlds
from tests.security.matrix import (
    ALLOWED,
    ANON,
    BUREAU,
    CSRF_SECRET,
    DENIED,
    INVALID,
    KEPT,
    LOGIN,
    METHOD,
    MINISTRY,
    MISSING,
    OK,
    OTHER,
    OWNER,
    PHONE,
    PROVIDER,
    REVIEWER,
    ROLES,
    SIM_ROLES,
    STAFF,
    UNAUTH,
    Row,
    body_of,
    cells,
    changed_tables,
    encode,
    http,
    http_outcome,
    outcome,
    route_names,
    signed_in,
    sim_database,
    sim_snapshot,
    simulator_routes,
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
    return json.loads((Path(beian.web.__file__).parent / "sample_application.json").read_text())


# The JSON API by session (CSRF-checked) or key: no login page, 401 without one; another account's object is 404.
API_SIGNED_IN = cells(UNAUTH, owner=OK, other=OK, reviewer=OK, staff=OK)
API_OWNER = cells(UNAUTH, owner=OK, other=MISSING, reviewer=MISSING, staff=MISSING)
UNPROCESSABLE = "422"
BY_REFERENCE = {"reference": "editable_reference"}

# route name -> Row. The owner's draft is `editable`, the order under review `in_review` (world.py).
EDITABLE, IN_REVIEW = {"pk": "editable"}, {"pk": "in_review"}
PLATFORM: dict[str, Row] = {
    # ---- public pages
    "web:home": Row(PUBLIC),
    "web:healthz": Row(PUBLIC),
    "web:precheck": Row(PUBLIC, data=lambda w: {"mode": "json", "application": "{}"}),
    # The installable web app: the same for everyone (the offline page is cached on the device, so it shows nobody).
    "web:manifest": Row(PUBLIC, post=EVERYONE_405),
    "web:service_worker": Row(PUBLIC, post=EVERYONE_405),
    "web:offline": Row(PUBLIC, post=EVERYONE_405),
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
    # 手机拍照备案: a new draft from 个人/企业 and the province; the owner's certificates photographed first.
    "wizard:photo_new": Row(SIGNED_IN, data=lambda w: {"nature": "individual", "province": "北京市"}),
    "wizard:photo": Row(OWNER_ONLY, args=EDITABLE, harms=(OWNER,), data=_id_photo),
    "wizard:product": Row(OWNER_ONLY, args=EDITABLE, harms=(OWNER,), data=lambda w: {
        "version": w.editable.version, "websites[0].access.instance_id": w.instance.instance_id, "action": "next"}),
    "wizard:subject": Row(OWNER_ONLY, args=EDITABLE, harms=(OWNER,), data=lambda w: subject_post(w.editable.version)),
    "wizard:websites": Row(OWNER_ONLY, args=EDITABLE, harms=(OWNER,),
                           data=lambda w: website_post(w.editable.version, [("改名网站", "matrix-y.com")])),
    "wizard:materials": Row(OWNER_ONLY, args=EDITABLE, harms=(OWNER,),
                            data=lambda w: {"action": "revoke_link", "link": w.link.pk}),
    "wizard:confirm": Row(OWNER_ONLY, args=EDITABLE, data=lambda w: {"version": w.editable.version, "agreement": "on"}),
    "wizard:cancel": Row(signed_in(METHOD), post=OWNER_ONLY, args=EDITABLE, harms=(OWNER,)),
    # 在手机上继续: the PC makes and revokes hand-offs of its own orders; the watch tells its pages what changed.
    "wizard:handoff": Row(signed_in(METHOD), post=OWNER_ONLY, args=EDITABLE, harms=(OWNER,),
                          data=lambda w: {"step": "materials"}),
    "wizard:handoff_revoke": Row(signed_in(METHOD), post=OWNER_ONLY, args={**EDITABLE, "handoff_pk": "handoff"},
                                 harms=(OWNER,), data=lambda w: {"step": "materials"}),
    "wizard:handoff_watch": Row(OWNER_ONLY, post=signed_in(METHOD), args=EDITABLE, query="?stamp=0.draft.0.0.0"),
    # A GET (a cross-site link) changes nothing and goes back to 我的备案 for anybody signed in (finding 6).
    "wizard:change": Row(SIGNED_IN, post=OWNER_ONLY, args={"filing_pk": "filing"}, query="?kind=change_subject",
                         harms=(OWNER,),
                         data=lambda w: {"kind": "change_subject"}),
    # 认领备案: anyone signed in may look a record up (a draft that holds nothing); the claim page is the owner's.
    "wizard:claim_start": Row(SIGNED_IN, data=lambda w: {"query": "浙ICP备2099999998号", "cert_number": "91330106MA2XXXXX0X"}),
    "wizard:claim": Row(OWNER_ONLY, args=EDITABLE, data=lambda w: {"action": "send_code"}),
    # 注销其他单位或空壳主体的备案: the page for anybody signed in; the letter filled in from a filing (`filing`) is
    # its owner's (another account's filing is "not found"). The POST renders a PDF and stores nothing.
    "wizard:offline": Row(SIGNED_IN, post=OWNER_ONLY, data=lambda w: {
        "filing": w.filing.pk, "applicant": "矩阵测试单位", "number": "浙ICP备2025000001号", "contact": "张三",
        "contact_mobile": "13800000000", "reason": "shell"}),
    "documents:template": Row(OWNER_ONLY, post=signed_in(METHOD), args={**EDITABLE, "kind": "=authorization_letter"}),
    # 备案后续事项: the 网站开通 date and 公安联网备案 of the owner's approved website (POST only)
    "compliance:psb": Row(signed_in(METHOD), post=OWNER_ONLY, args={"pk": "psb_website"}, harms=(OWNER,),
                          data=lambda w: {"action": "done"}),
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
    # The hand-off link: its GET only shows what confirming does; its POST signs the holder in (for that order only).
    "handoff:open": Row(TOKEN_HOLDER, args={"token": "handoff_token"}, reveals=(PHONE,), harms=(PHONE,)),
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
                                data=lambda w: {"request": w.manual.pk, "outcome": "approved", "reason": "伪造"}),
    # Evidence images: the order's applicant and reviewers; for anyone else the image does not exist.
    "review:material": Row(cells(MISSING, owner=OK, reviewer=OK), args={"pk": "material"}),
    "review:face_frame": Row(cells(MISSING, reviewer=OK), args={"pk": "attempt", "index": "=0"}),
    # ---- machine to machine: the ministry's signed results (a forged approval of the owner's order)
    "ministry:results-callback": Row(EVERYONE_405, post=cells(UNAUTH, ministry=OK), json=_forged_approval,
                                     harms=(MINISTRY,), forged=UNAUTH),  # no session: the signature is all
    # ---- notifications
    "notifications:inbox": Row(SIGNED_IN),
    # Issue 12 finding 2: the sink needs a login and shows each account only its own messages (staff all).
    "notifications:sink": Row(SIGNED_IN, reveals=(REVIEWER, STAFF)),
    # 备案消息通知设置: always the signed-in account's own (no account in the URL or the form); the owner's extra
    # recipient is a marker, so nobody else's page may show it, and a POST changes only the poster's settings.
    "notifications:settings": Row(SIGNED_IN, harms=(OWNER, OTHER), data=lambda w: {
        "account": w.owner.pk, "extra_email": "matrix-forged@example.com", "email:state:approved": "on"}),
    # ---- the JSON API (django-ninja): precheck, the schema and the docs are public
    "api:api-root": Row(cells(MISSING)),
    "api:openapi-json": Row(PUBLIC),  # the schema, to any method
    "api:openapi-view": Row(PUBLIC),
    # django-ninja checks CSRF only on operations authenticated by the session cookie; precheck needs no login.
    "api:run_precheck": Row(EVERYONE_405, post=PUBLIC, json=_sample_application, forged=OK),
    # The wizard's checks with the platform's context (domain registry, other accounts): any account, by session
    # (CSRF-checked) or API token; nobody without one (it would tell anyone who holds a domain).
    "api:run_account_precheck": Row(EVERYONE_405, post=cells(UNAUTH, owner=OK, other=OK, reviewer=OK, staff=OK),
                                    json=_sample_application),
    # ---- issue 16 #3 (apiorders): API keys and the order API's resources -------------------------------------
    **{
        # Each account's own keys; the page names no account (a reviewer or staff member makes keys of their own).
        "accounts:api_tokens": Row(SIGNED_IN, harms=(OWNER, OTHER), data=lambda w: {
            "action": "create", "name": "matrix", "scopes": ["orders:read"]}),
        # The list is each account's own; a create refused for its body (nothing saved) by every signed-in role.
        "api:orders": Row(API_SIGNED_IN, post=cells(UNAUTH, owner=UNPROCESSABLE, other=UNPROCESSABLE,
                                                     reviewer=UNPROCESSABLE, staff=UNPROCESSABLE),
                          json=lambda w: {"province": "火星"}),
        "api:order": Row(API_OWNER, post=EVERYONE_405, args=BY_REFERENCE, forged=METHOD),
        "api:order_events": Row(API_OWNER, post=EVERYONE_405, args=BY_REFERENCE, forged=METHOD),
        "api:order_phone_link": Row(API_OWNER, post=EVERYONE_405, args=BY_REFERENCE, query="?person=subject_principal",
                                       forged=METHOD),
        "api:order_cancel": Row(EVERYONE_405, post=API_OWNER, args=BY_REFERENCE, harms=(OWNER,), json=lambda w: {}),
        "api:filings": Row(API_SIGNED_IN, post=EVERYONE_405, forged=METHOD),
        "api:filing": Row(API_OWNER, post=EVERYONE_405, args={"key": "filing"}, forged=METHOD),
        "api:filing_orders": Row(EVERYONE_405, post=API_OWNER, args={"key": "filing"}, harms=(OWNER,),
                                 json=lambda w: {"kind": "change_subject"}),
    },
}

# ---- issue 16 #2: agent (reseller) accounts (beian.agents; branch i16-agents). No matrix role is an agent or has
# one: the agent pages are "not found" for all of them, and a link that is not the poster's changes nothing. The
# isolation between two agents and their customers is tests/agents/test_agents.py.
NO_LINK = "=999999"
PLATFORM.update({
    "agents:dashboard": Row(signed_in(MISSING), post=signed_in(METHOD)),
    "agents:customer_create": Row(signed_in(METHOD), post=signed_in(MISSING),
                                  data=lambda w: {"email": "matrix-agent-customer@example.com", "name": "矩阵"}),
    "agents:customer_invite": Row(signed_in(METHOD), post=signed_in(MISSING), data=lambda w: {"email": w.owner.email}),
    "agents:customer_remove": Row(signed_in(METHOD), post=signed_in(MISSING), args={"pk": NO_LINK}),
    "agents:act": Row(signed_in(METHOD), post=signed_in(MISSING), data=lambda w: {"customer": w.owner.pk}),
    "agents:act_stop": Row(signed_in(METHOD), post=signed_in(KEPT)),
    "agents:mine": Row(SIGNED_IN, post=signed_in(METHOD)),
    "agents:accept": Row(signed_in(METHOD), post=signed_in(KEPT), args={"pk": NO_LINK}),
    "agents:decline": Row(signed_in(METHOD), post=signed_in(KEPT), args={"pk": NO_LINK}),
    "agents:leave": Row(signed_in(METHOD), post=signed_in(KEPT), args={"pk": NO_LINK}),
})

# ---- issue 16 #3 (apisteps): filling an order step by step through the API --------------------------------
# The owner's order by reference; another account's is "not found", no account (session or key) is 401.
API_OWNER = cells(MISSING, owner=OK, anonymous=UNAUTH, phone=UNAUTH, ministry=UNAUTH)
API_REF = {"reference": "editable_reference"}
PLATFORM.update({
    "api:get_step": Row(API_OWNER, post=EVERYONE_405, args={**API_REF, "step": "=subject"}, forged=METHOD),
    # The steps are PUTs (tests/api/test_order_steps.py proves who may send them); GET and POST are 405.
    "api:put_basic": Row(EVERYONE_405, args=API_REF, forged=METHOD),
    "api:put_subject": Row(EVERYONE_405, args=API_REF, forged=METHOD),
    "api:put_websites": Row(EVERYONE_405, args=API_REF, forged=METHOD),
    "api:put_product": Row(EVERYONE_405, args=API_REF, forged=METHOD),
    "api:send_mobile_code": Row(EVERYONE_405, post=API_OWNER, args=API_REF, harms=(OWNER,)),
    # A wrong code is counted (400, allowed to change the attempts); the owner's order only.
    "api:verify_mobile_code": Row(EVERYONE_405, post=cells(MISSING, owner=INVALID, anonymous=UNAUTH, phone=UNAUTH,
                                                           ministry=UNAUTH),
                                  args=API_REF, json=lambda w: {"code": "000000"}),
    "api:list_materials": Row(API_OWNER, post=EVERYONE_405, args=API_REF, forged=METHOD),
    "api:upload_material": Row(EVERYONE_405, post=API_OWNER, args={**API_REF, "slot": "=principal_id:subject_principal:front"},
                               data=_id_photo, harms=(OWNER,)),
    # The owner's draft lacks its SMS code, materials and checks: refused (422) and nothing changes.
    "api:submit_order": Row(EVERYONE_405, post=cells(MISSING, owner="422", anonymous=UNAUTH, phone=UNAUTH,
                                                     ministry=UNAUTH),
                            args=API_REF, json=lambda w: {"agreement_accepted": True}),
})

# ---- issue 17 (api): an order's APPs. PUT …/apps like the other steps (tests/api/test_order_apps.py proves who may
# send it); a platform row's signing file is read into the owner's order only (the editable order has an APP).


def _signing_file(w):
    from tests.documents.apk_factory import make_certificate

    return {"file": SimpleUploadedFile("matrix.pem", make_certificate(encoding="pem")[0])}


PLATFORM.update({
    "api:put_apps": Row(EVERYONE_405, args=API_REF, forged=METHOD),
    "api:upload_signing_file": Row(EVERYONE_405, post=API_OWNER, args={**API_REF, "i": "=0", "j": "=0"},
                                   data=_signing_file, harms=(OWNER,)),
})

# ---- issue 16 #1 (备案服务号 across accounts): the owner revokes an unused number of theirs (POST only); another
# account's number is "not found" and stays unused.
PLATFORM.update({
    "products:revoke_service_number": Row(signed_in(METHOD), post=OWNER_ONLY, args={"pk": "service_number"},
                                          harms=(OWNER,)),
})

# ---- issue 16 webhooks: the account's own endpoints (pages and /api/v1/webhooks); another account's are "not found"
WEBHOOK, WEBHOOK_DELIVERY = {"pk": "webhook"}, {"pk": "webhook_delivery"}
API_WEBHOOK = {"endpoint_id": "webhook"}
ANY_ACCOUNT_API = cells(UNAUTH, owner=OK, other=OK, reviewer=OK, staff=OK)  # a key or a session of any account
OWNER_API = cells(UNAUTH, owner=OK, other=MISSING, reviewer=MISSING, staff=MISSING)


def _new_webhook(w):
    return {"url": "http://127.0.0.1:9999/matrix-new-hook", "events": ["order.created"]}


PLATFORM.update({
    "webhooks:index": Row(SIGNED_IN, harms=(OWNER, OTHER), data=lambda w: {
        "url": "http://127.0.0.1:9999/matrix-new-hook", "events": "order.created"}),
    "webhooks:endpoint": Row(OWNER_ONLY, args=WEBHOOK, harms=(OWNER,), data=lambda w: {
        "url": "http://127.0.0.1:9999/matrix-changed-hook", "events": "order.created", "is_active": "on"}),
    "webhooks:delete": Row(signed_in(METHOD), post=OWNER_ONLY, args=WEBHOOK, harms=(OWNER,)),
    "webhooks:rotate": Row(signed_in(METHOD), post=OWNER_ONLY, args=WEBHOOK, harms=(OWNER,)),
    "webhooks:test": Row(signed_in(METHOD), post=OWNER_ONLY, args=WEBHOOK, harms=(OWNER,)),
    "webhooks:redeliver": Row(signed_in(METHOD), post=OWNER_ONLY, args=WEBHOOK_DELIVERY, harms=(OWNER,)),
    # One URL, two operations (GET lists, POST adds): each row covers both.
    "api:list_webhooks": Row(ANY_ACCOUNT_API, json=_new_webhook, harms=(OWNER, OTHER)),
    "api:create_webhook": Row(ANY_ACCOUNT_API, json=_new_webhook, harms=(OWNER, OTHER)),
    # GET, PATCH and DELETE share a URL (the matrix sends GET and POST: POST is no operation there).
    "api:get_webhook": Row(OWNER_API, post=EVERYONE_405, args=API_WEBHOOK, forged=METHOD),
    "api:update_webhook": Row(OWNER_API, post=EVERYONE_405, args=API_WEBHOOK, forged=METHOD),
    "api:delete_webhook": Row(OWNER_API, post=EVERYONE_405, args=API_WEBHOOK, forged=METHOD),
    "api:rotate_webhook_secret": Row(EVERYONE_405, post=OWNER_API, args=API_WEBHOOK, json=lambda w: {},
                                     harms=(OWNER,)),
    "api:test_webhook": Row(EVERYONE_405, post=OWNER_API, args=API_WEBHOOK, json=lambda w: {}, harms=(OWNER,)),
    "api:list_deliveries": Row(OWNER_API, post=EVERYONE_405, args=API_WEBHOOK, forged=METHOD),
    "api:redeliver_webhook": Row(EVERYONE_405, post=OWNER_API, args={**API_WEBHOOK, "delivery_id": "webhook_delivery"},
                                 json=lambda w: {}, harms=(OWNER,)),
})

# Cells that still fail because another branch of issue 12 fixes them; the lead removes each entry when
# that branch is merged (an entry whose route now passes fails the test, so none outlives its fix).
PENDING: dict[str, str] = {}

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


def request(sessions, role: str, method: str, path: str, data=None, json_body=None, token=True):
    client = sessions.client(role)
    headers = {"X-CSRFToken": CSRF_SECRET} if token else {}
    body, content_type = encode(data, json_body) if method == "POST" else (b"", None)
    if role == MINISTRY:  # what the ministry signs: method, path with query, body (docs/decisions.md #22)
        headers.update(signing.headers(provider=settings.MINISTRY_PROVIDER_ID, secret=settings.MINISTRY_SHARED_SECRET,
                                       method=method, path=path, body=body))
    if method == "GET":
        return client.get(path, headers=headers)
    return client.generic("POST", path, body, content_type=content_type, headers=headers)


def run_cell(sessions, baseline, w, *, label, role, method, path, expected, data=None, json_body=None,
             reveals=(), harms=(), token=True) -> list[str]:
    """One cell, rolled back afterwards: its problems (empty when it holds)."""
    cache.clear()  # rate limits count per address and account: one cell's requests must not throttle the next
    problems = []
    with transaction.atomic():
        response = request(sessions, role, method, path, data, json_body, token)
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
        if attr in ("token", "handoff_token") and role != PHONE:  # the links: only their holder has the real one
            value = worlds.tampered(value)
        args[key] = value
    return reverse(name, kwargs=args) + row.query


@pytest.mark.django_db
def test_platform_matrix(settings, monkeypatch):
    started = time.monotonic()
    _settings(settings)
    # Who gets the PDF is the question here, not its pages (tests/documents): seconds saved on every run.
    monkeypatch.setattr("beian.documents.views.render_template", lambda order, kind: b"%PDF-1.4 matrix")
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
        # The same POST by the owner's browser from another site: the CSRF cookie goes along, the token not.
        found += run_cell(sessions, baseline, w, label=f"{name} (no CSRF token)", role=OWNER, method="POST",
                          path=_path(name, row, w, OWNER), expected=row.forged, token=False,
                          data=row.data(w) if row.data else None, json_body=row.json(w) if row.json else None)
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


# ---- the ministry simulator (src/beian/ministry/simulator/urls.py) ----------------------------------------

def sim_cells(default: str, **roles: str) -> dict[str, str]:
    return cells(default, of=SIM_ROLES, **roles)


SIM_PUBLIC = sim_cells(OK)
SIM_405 = sim_cells(METHOD)
SIGNED = sim_cells(UNAUTH, provider=OK)  # the provider API: HMAC signature, timestamp and single-use nonce
CONSOLE = sim_cells(LOGIN, bureau=OK)


def _submission(s):
    return {"request_id": uuid.uuid4().hex, "order_ref": "BA-MATRIX", "kind": "first",
            "application": sim_application(principal_mobile=fresh_mobile())}


# route -> Row (args name keys of SimWorld: the provider's submission, one in 管局审核)
SIMULATOR: dict[str, Row] = {
    "": Row(SIM_PUBLIC),
    "healthz": Row(SIM_PUBLIC),
    "api/v1/filings": Row(SIM_405, post=SIGNED, json=_submission, harms=(PROVIDER,)),
    "api/v1/filings/<str:request_id>": Row(SIGNED, post=SIM_405, args={"request_id": "request_id"}),
    "api/v1/results": Row(SIGNED, post=SIM_405, query="?cursor=0"),
    "api/v1/records/lookup": Row(SIM_405, post=SIGNED, json=lambda s: {"subject_number": "浙ICP备2099999998号",
                                                                     "cert_number": "91330106MA2XXXXX0X"}),
    "api/v1/callback": Row(SIM_405, post=SIGNED, json=lambda s: {"url": s.callback_url}),
    # The public pages of the ministry: its SMS check, the outbox standing in for the principals' phones,
    # the public ICP query (page, JSON, and the check providers make before accepting a filing).
    "sms/": Row(SIM_PUBLIC, data=lambda s: {"code": "000000", "mobile": fresh_mobile(), "cert_last6": "01123X"}),
    "sms/outbox/": Row(SIM_PUBLIC),
    "query/": Row(SIM_PUBLIC, query="?q=example.com"),
    "query/api": Row(SIM_PUBLIC, query="?q=example.com"),
    "query/api/provider-check": Row(SIM_PUBLIC, query="?cert_number=91510107MA5KHX3X6D&domains=example.com"),
    "bureau/login/": Row(SIM_PUBLIC, data=lambda s: {"username": "nobody@example.com", "password": "wrong"}),
    "bureau/": Row(CONSOLE),
    "bureau/<int:pk>/decide": Row(sim_cells(LOGIN, bureau=METHOD), post=CONSOLE, args={"pk": "pk"},
                                  data=lambda s: {"decision": "reject"}, harms=(BUREAU,)),
}


def test_every_simulator_route_has_a_row():
    routes = simulator_routes(None)
    missing = sorted(set(routes) - set(SIMULATOR))
    assert not missing, f"simulator routes without a row in tests/security/test_matrix.py SIMULATOR: {missing}"
    assert not set(SIMULATOR) - set(routes), f"rows for routes that no longer exist: {set(SIMULATOR) - set(routes)}"


@dataclass
class SimWorld:
    provider_id: str
    secret: str
    callback_url: str
    session: str  # the bureau staff's session cookie
    request_id: str = ""
    pk: int = 0

    def value(self, name: str):
        return name[1:] if name.startswith("=") else getattr(self, name)


# A provider of the matrix's own (no callback URL: its results are never pushed into other tests' receivers)
# and a bureau account; the simulator is shared by the whole session.
SIM_SETUP = """
import json
from django.contrib.auth import get_user_model
from beian.ministry.simulator.models import Provider
User = get_user_model()
if not User.objects.filter(username="bureau-matrix@example.com").exists():
    User.objects.create_user("bureau-matrix@example.com", "bureau-matrix@example.com", "Str0ng-pass-99", is_staff=True)
p, _ = Provider.objects.update_or_create(provider_id="matrix-provider", defaults={
    "name": "matrix", "secret": "matrix-provider-secret-0123456789", "callback_url": ""})
print(json.dumps({"provider_id": p.provider_id, "secret": p.secret, "callback_url": p.callback_url}))
"""


def _sim_world(sim) -> SimWorld:
    seen = json.loads(sim.manage("shell", "-c", SIM_SETUP).strip().splitlines()[-1])
    status, headers, _ = http(sim.url + "/bureau/login/", "POST",
                              urlencode({"username": "bureau-matrix@example.com", "password": "Str0ng-pass-99"}).encode(),
                              {"Cookie": f"csrftoken={CSRF_SECRET}", "X-CSRFToken": CSRF_SECRET,
                               "Content-Type": "application/x-www-form-urlencoded"})
    assert status == 302, "the bureau staff could not log in"
    cookies = SimpleCookie()
    for header in headers.get_all("Set-Cookie") or ():
        cookies.load(header)
    session = cookies["sessionid"].value
    s = SimWorld(session=session, **seen)
    ministry = HttpMinistry(base_url=sim.url, provider=s.provider_id, secret=s.secret, retries=1)
    # A submission in 管局审核: the one a forged decision would decide (rejected: no ICP number is used up).
    mobile, s.request_id = fresh_mobile(), uuid.uuid4().hex
    app = sim_application(principal_mobile=mobile)
    assert ministry.submit(request_id=s.request_id, order_ref="BA-MATRIX", kind="first", application=app).status == "sms"
    sim.sms_post(code=sim.codes(mobile)[0], mobile=mobile, cert_last6=app["subject"]["principal"]["cert_number"][-6:])
    assert ministry.status(request_id=s.request_id).status == "bureau"
    with sqlite3.connect(sim_database(sim)) as db:
        s.pk = db.execute("SELECT id FROM ministry_simulator_submission WHERE request_id = ?", (s.request_id,)).fetchone()[0]
    return s


def sim_request(sim, s: SimWorld, role: str, method: str, path: str, data=None, json_body=None):
    headers = {"Cookie": f"csrftoken={CSRF_SECRET}", "X-CSRFToken": CSRF_SECRET}
    body = None
    if method == "POST":
        if json_body is not None:
            body, headers["Content-Type"] = json.dumps(json_body).encode(), "application/json"
        else:
            body, headers["Content-Type"] = urlencode(data or {}).encode(), "application/x-www-form-urlencoded"
    if role == BUREAU:
        headers["Cookie"] += f"; sessionid={s.session}"
    if role == PROVIDER:
        headers.update(signing.headers(provider=s.provider_id, secret=s.secret, method=method, path=path,
                                       body=body or b""))
    return http(sim.url + path, method, body, headers)


def _sim_path(route: str, row: Row, s: SimWorld) -> str:
    return "/" + re.sub(r"<(?:\w+:)?(\w+)>", lambda m: str(s.value(row.args[m.group(1)])), route) + row.query


def test_simulator_matrix(simulator):
    started = time.monotonic()
    s = _sim_world(simulator)
    database = sim_database(simulator)
    problems, count = [], 0
    for route, row in SIMULATOR.items():
        path = _sim_path(route, row, s)
        for method in ("GET", "POST"):
            expected_by_role = row.expected(method)
            # Refused cells first: an allowed one (the bureau's decision) changes what the others would try.
            for role in sorted(SIM_ROLES, key=lambda r: expected_by_role[r] in ALLOWED):
                expected = expected_by_role[role]
                data = row.data(s) if row.data and method == "POST" else None
                body = row.json(s) if row.json and method == "POST" else None
                before = sim_snapshot(database)
                status, headers, _ = sim_request(simulator, s, role, method, path, data, body)
                got = http_outcome(status, headers)
                count += 1
                label = f"simulator /{route} {method} as {role}"
                if got != (OK if expected == KEPT else expected):
                    problems.append(f"{label}: expected {expected}, got {got} ({status} {headers.get('Location', '')})")
                changed = changed_tables(before, sim_snapshot(database))
                if expected not in ALLOWED and changed:
                    problems.append(f"{label} ({expected}) changed {changed}")
                if expected in ALLOWED and method == "POST" and role in row.harms and not changed:
                    problems.append(f"{label} changed nothing: make its POST one that does (harms)")
    print(f"simulator matrix: {count} cells in {time.monotonic() - started:.1f} s")
    assert not problems, f"{len(problems)} cells do not hold:\n" + "\n".join(problems)


@pytest.mark.django_db
def test_another_accounts_objects_named_in_a_post_get_nothing():
    """The URL is the other applicant's own order; the owner's objects are named in the form instead."""
    w = worlds.build()
    client = Client()
    client.force_login(w.other)
    mine = w.other_order
    page = client.post(f"/orders/{mine.pk}/product/", {"version": mine.version, "action": "next",
                                                       "websites[0].access.instance_id": w.instance.instance_id})
    mine.refresh_from_db()
    # What was typed stays on the page with the error; the owner's server (its IP) is not attached.
    assert (mine.application["websites"][0].get("access") or {}).get("ip") != w.instance.public_ip
    assert products_msg.INSTANCE_NOT_FOUND.format(instance=w.instance.instance_id) in page.content.decode()
    client.post(f"/orders/{mine.pk}/materials/", {"action": "revoke_link", "link": w.link.pk})
    w.link.refresh_from_db()
    assert w.link.revoked_at is None
    client.post("/products/service-numbers/", {"instance_id": w.instance.instance_id})
    assert not w.instance.service_numbers.filter(owner=w.other).exists()


@pytest.mark.django_db
def test_the_snapshot_sees_one_changed_value():
    """The refused cells' proof is only as good as the snapshot: one column of one row must show."""
    w = worlds.build()
    before = snapshot()
    Order.objects.filter(pk=w.editable.pk).update(version=w.editable.version + 1)
    assert changed_tables(before, snapshot()) == ["filings_order"]

# ---- issue 16 (apiagent): an agent's customers (/api/v1/customers). No matrix role is an agent: every account gets
# 403 `not_agent`; the Beian-Customer header and the isolation between agents are tests/api/test_agent_api.py.
PLATFORM.update({
    "api:customers": Row(cells(UNAUTH, owner=DENIED, other=DENIED, reviewer=DENIED, staff=DENIED), post=EVERYONE_405,
                         forged=METHOD),
})
