"""The crawler: every demo role follows every same-origin link and submits every form it finds, with its
defaults, plausible values, hostile values and tampered hidden fields, and the anonymous role calls every
OpenAPI operation. No page may crash, show Django's English default pages or echo hostile markup, and every
route of the URLconf must be reached (or be listed below with the reason)."""

import io
import json
import time
from collections import Counter
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.test import Client

import beian.web
from beian.filings import demo, states
from beian.filings.models import Order
from beian.verification import services as phone
from beian.verification.models import PhoneLink
from beian.wizard import handoff
from tests.crawler.crawler import Crawler, PageParser, all_url_names, url_name

# Where a person (or a program) starts without following a link: the home page, the addresses README.md
# and the API's description name, and the health check that monitoring calls.
SEEDS = ["/", "/notifications/sink/", "/api/", "/api/docs", "/healthz"]
# What the browser fetches on its own (the installable web app): the manifest <link>, the service worker pwa.js
# registers, and the offline page that worker keeps.
BROWSER_SEEDS = ["/manifest.webmanifest", "/sw.js", "/offline/"]
API_SCHEMA = "/api/openapi.json"
SAMPLE_APPLICATION = Path(beian.web.__file__).parent / "sample_application.json"
# Destroying the session would end the crawl of a role early.
SKIP_PATHS = ("/accounts/logout/",)
# Routes the crawler does not reach, each with the reason; a new route missing here and unreached fails.
SKIP_ROUTES = {
    "admin",  # Django's own admin site (prefix): superusers only, not part of the product's pages
    "django-admin/",  # the same admin site's unnamed routes
    "ministry:results-callback",  # machine-to-machine, HMAC-signed: tests/ministry/test_push.py
    # Offered only after three failed face checks, which need the phone's camera:
    # tests/verification/test_phone.py::test_another_face_fails_three_times_then_manual_review and
    # ::test_reviewer_sees_evidence_and_decides_manual_review.
    "verification:manual",
    "review:manual_review",
    # A claim order's page (linked from its progress page): the demo data holds no claim order, since starting one
    # needs another account's filing and its certificate number: tests/filings/test_claiming.py and
    # tests/e2e/test_filing_kinds.py::test_claim.
    "wizard:claim",
}
CRAWLER_EMAIL = "crawler@beian.local"  # the plausible value of e-mail fields (password reset), not a demo role


def _skipped(name: str) -> bool:
    return any(name == s or name.startswith(s + ":") or (s.endswith("/") and name.startswith(s)) for s in SKIP_ROUTES)


def _demo_passwords() -> dict[str, str]:
    pairs = [v for k, v in vars(demo).items() if k.startswith("DEMO_") and isinstance(v, tuple) and len(v) == 2]
    return {email: password for email, password in pairs if isinstance(email, str) and "@" in email}


def _login(client: Client, user, password: str | None):
    """Through the login form (CSRF and all) when the demo password is known, else a forced login."""
    if password is None:
        client.force_login(user)
        return
    page = client.get("/accounts/login/")
    form = next(f for f in PageParser.parse(page.content.decode()).forms if f.method == "post")
    data = {f["name"]: f["value"] for f in form.fields if f["type"] == "hidden"}
    data.update(username=user.username, password=password)
    response = client.post("/accounts/login/", data)
    assert response.status_code == 302, f"demo login failed for {user.username}"


def role_client(number: int, user, passwords: dict[str, str], *, net: str) -> Client:
    """A CSRF-enforcing client for one crawl role, signed in as `user` (None: no account), from its own address
    `<net>.<number + 1>`: the per-address rate limits (login) count each role on its own."""
    client = Client(enforce_csrf_checks=True, REMOTE_ADDR=f"{net}.{number + 1}")
    if user is not None:
        _login(client, user, passwords.get(user.username))
    return client


def _phone_tokens() -> list[str]:
    """A phone link for the demo's editable orders (one per order), as the applicant's QR code would carry."""
    tokens = []
    for order in Order.objects.filter(state__in=states.APPLICANT_EDITABLE).order_by("pk")[:3]:
        link = PhoneLink.objects.filter(order=order, revoked_at__isnull=True).first()
        if link is None:
            people = phone.people(order)
            if not people:
                continue
            link, _ = phone.create_link(order=order, person=people[0]["person"], user=order.account)
        tokens.append(phone.token_for(link))
    return tokens


def _handoff_token() -> str:
    """在手机上继续 for the demo's first editable order, as the QR code on its materials page would carry: the
    "handoff" role confirms it, then crawls what the signed-in phone may reach (that order only)."""
    order = Order.objects.filter(state__in=states.APPLICANT_EDITABLE).exclude(kind="claim").order_by("pk").first()
    return handoff.create(order=order, user=order.account, step="materials")[1]


@pytest.mark.django_db
def test_crawl_every_link_and_form_as_every_demo_role():
    started = time.monotonic()
    call_command("beian_demo", stdout=io.StringIO())
    passwords = _demo_passwords()
    User = get_user_model()
    # Staff first: the reviewer acts on the orders under review before the applicant's crawl cancels them.
    users = list(User.objects.order_by("-is_staff", "pk"))
    User.objects.create_user(CRAWLER_EMAIL, CRAWLER_EMAIL, "crawler-password-1")

    roles = [("anonymous", None, SEEDS + BROWSER_SEEDS), ("phone", None, [f"/m/{t}/" for t in _phone_tokens()]),
             ("handoff", None, [f"/h/{_handoff_token()}/"])]
    roles += [(user.username, user, SEEDS) for user in users]
    # The staff again at the end: the orders the applicant's crawl submitted or resubmitted are under review.
    roles += [(f"{user.username} (again)", user, SEEDS) for user in users if user.is_staff]

    reached: Counter = Counter()
    public_forms: set = set()
    problems, counts = [], []
    for number, (role, user, seeds) in enumerate(roles):
        client = role_client(number, user, passwords, net="10.0.0")
        crawler = Crawler(client, role, reached=reached, skip_paths=SKIP_PATHS, public_forms=public_forms,
                          anonymous=user is None)
        crawler.run(seeds)
        if role == "anonymous":
            crawler.api(API_SCHEMA, {"/api/v1/precheck": json.loads(SAMPLE_APPLICATION.read_text())})
        problems += crawler.problems
        counts.append(f"{role}: {crawler.requests} requests")

    summary = f"{time.monotonic() - started:.0f} s; " + "; ".join(counts)
    print(summary)
    distinct = {}  # one example per route, variant and kind of problem (roles often meet the same one)
    for p in problems:
        distinct.setdefault((p.method, url_name(p.url.split("?")[0]), p.variant.split(" ")[0], p.what[:40]), p)
    report = "\n".join(str(p) for p in list(distinct.values())[:40])
    assert not problems, f"{len(problems)} problems, {len(distinct)} distinct ({summary}):\n{report}"
    unreached = sorted(n for n in all_url_names() - set(reached) if not _skipped(n))
    assert not unreached, f"routes no link reaches (link them, or list them in SKIP_ROUTES with why): {unreached}"


# ---- issue 16 webhooks ------------------------------------------------------------------------------------------
# Operations that share their URL with another (django-ninja names one pattern per operation, and a URL resolves to
# the first): `api()` above calls them all, by method, but they are counted under list_webhooks and get_webhook.
SKIP_ROUTES |= {"api:create_webhook", "api:update_webhook", "api:delete_webhook"}
