"""What tests/e2e/test_filing_kinds.py shares: a filing approved through the running ministry simulator (so that
both the platform and the simulator hold the record a change, cancel, deregister or claim starts from), the SMS
and bureau steps done as the public and the bureau do them, and the public query read over HTTP.

The simulator is one process for the whole session: every test uses its own certificate numbers, mobiles and
domains (`unique`), never the seeded ones.
"""

import copy
import itertools
import re

from django.contrib.auth import get_user_model

from beian.filings import states, transitions
from beian.filings.demo import seed_business, seed_products
from beian.filings.models import Filing, Order
from beian.filings.services import create_order, transition
from beian.ministry import services
from beian.rules.validators import resident_id_check_char, uscc_check_char
from tests.rules.support import enterprise
from tests.verification.support import pass_verification

PASSWORD = "Str0ng-pass-99"
_serial = itertools.count(1)


def unique() -> int:
    """A number no other test of this session uses (certificates, mobiles and domains are built from it)."""
    return 7000 + next(_serial)


def uscc(n: int, region: str = "330106") -> str:
    first17 = f"91{region}{n:09d}"
    return first17 + uscc_check_char(first17)


def resident_id(n: int, region: str = "330106") -> str:
    first17 = f"{region}1990{(n % 12) + 1:02d}{(n % 27) + 1:02d}{n % 1000:03d}"
    return first17 + resident_id_check_char(first17)


def mobile(n: int, prefix: str = "137") -> str:
    return f"{prefix}{n % 10**8:08d}"


def account(email: str):
    return get_user_model().objects.create_user(email, email, PASSWORD)


def unit_application(*, n: int, domains: list[list[str]], name: str | None = None) -> dict:
    """A valid 浙江 enterprise with one website per entry of `domains` (each its own principal, own mobile)."""
    app = copy.deepcopy(enterprise())
    app.pop("context")
    app["subject"].update(name=name or f"杭州第{n}示例科技有限公司", cert_number=uscc(n),
                          investor=name or f"杭州第{n}示例科技有限公司")
    app["subject"]["principal"].update(cert_number=resident_id(n), mobile=mobile(n))
    template = app["websites"][0]
    app["websites"] = []
    for i, site_domains in enumerate(domains):
        website = copy.deepcopy(template)
        website.update(name=f"示例科技网站{'一二三四五'[i]}", domains=list(site_domains))
        website["access"]["instance_id"] = ""
        app["websites"].append(website)
    return app


def filed(ministry, *, email: str, n: int | None = None, domains: list[list[str]] | None = None,
          name: str | None = None, site_principals: bool = False) -> tuple:
    """(account, Filing, first order): a first filing taken through the simulator over HTTP to its number.
    The account has products (seed_products) so that later orders can pick an instance. `site_principals`: each
    website its own principal (own certificate and mobile), so a code to a website principal can be told apart."""
    n = n if n is not None else unique()
    domains = domains or [[f"kinds-{n}.com"]]
    app = unit_application(n=n, domains=domains, name=name)
    owner = account(email)
    instances = seed_products(owner, prefix=f"k{n}")
    for i, website in enumerate(app["websites"]):  # hz01: a mainland ECS instance valid for a year (demo_data)
        website["access"].update(instance_id=instances[0].instance_id, ip=instances[0].public_ip)
        if site_principals:
            website["principal"] = dict(app["subject"]["principal"], name=f"网站负责人{'甲乙丙丁戊'[i]}",
                                        cert_number=resident_id(n * 10 + i + 1), mobile=mobile(n * 10 + i + 1, "136"),
                                        email=f"site{i}-{n}@example.com")
    seed_business((app["subject"]["cert_number"], app["subject"]["name"], app["subject"]["principal"]["name"]))
    order = create_order(account=owner, application=app)
    Order.objects.filter(pk=order.pk).update(state=states.PROVIDER_REVIEW)
    pass_verification(order)
    # Under transaction=True (every e2e test) the on-commit submit to the ministry runs at once.
    transition(order=order, to_state=states.PENDING_MINISTRY, role=transitions.REVIEWER)
    order = to_result(ministry, order)
    assert order.state == states.APPROVED, order.state
    return owner, Filing.objects.get(subject_number=order.meta["icp_number"]), order


def people(application: dict) -> dict[str, str]:
    """mobile → certificate of everyone in the application who may be sent a code."""
    subject = application.get("subject") or {}
    found = {}
    for person in [subject.get("principal") or {}, *[(w.get("principal") or {}) for w in application.get("websites") or ()]]:
        if person.get("mobile"):
            found.setdefault(person["mobile"], person.get("cert_number") or "")
    return found


def sms_sent(ministry, order: Order) -> list[str]:
    """The mobiles the simulator sent this order's codes to (its SMS names the order)."""
    rows = ministry.get_json("/sms/outbox/?format=json")["sms"]
    return sorted({r["mobile"] for r in rows if order.reference in r["body"]})


def answer_sms(ministry, order: Order) -> list[str]:
    """Every person sent a code for this order answers it on the public page; returns the page texts."""
    known = people(order.application)
    texts = []
    for number in sms_sent(ministry, order):
        code = next(re.search(r"验证码为(\d{6})", r["body"]).group(1)
                    for r in ministry.get_json(f"/sms/outbox/?mobile={number}&format=json")["sms"] if order.reference in r["body"])
        texts.append(ministry.sms_post(code=code, mobile=number, cert_last6=cert_last6(known.get(number, ""))))
    return texts


def sms_for(ministry, *, mobile_number: str, cert_last6: str) -> str:
    """The latest code sent to `mobile_number`, answered on the public SMS page."""
    code = ministry.codes(mobile_number)[0]
    return ministry.sms_post(code=code, mobile=mobile_number, cert_last6=cert_last6)


def to_result(ministry, order: Order, *, approve: bool = True, reason: str = "") -> Order:
    """From 待提交管局/短信核验 to the bureau's decision: each SMS target answers (by the simulator's own record of
    who was sent what), the bureau decides, the platform pulls the results."""
    services.poll_results()
    order.refresh_from_db()
    if order.state == states.SMS_VERIFICATION:
        answer_sms(ministry, order)
        services.poll_results()
        order.refresh_from_db()
    assert order.state == states.BUREAU_REVIEW, order.state
    args = [order.ministry_request_id] + ([] if approve else ["--reject", reason or "网站名称不符合命名规范"])
    ministry.manage("ministry_decide", *args)
    services.poll_results()
    order.refresh_from_db()
    return order


def public_query(ministry, q: str) -> list[dict]:
    """The public ICP query's answer (the same data the /query/ page shows)."""
    return ministry.get_json(f"/query/api?q={q}")["results"]


def add_instance(owner, n: int):
    return seed_products(owner, prefix=f"k{n}x")[0]


def cert_last6(cert: str) -> str:
    return cert.strip().upper()[-6:]


def unit(n: int) -> tuple[str, str, str]:
    """(cert, name, legal representative) of a business seeded in the platform's registry simulator."""
    entry = (uscc(n), f"杭州第{n}示例科技有限公司", "张三")
    seed_business(entry)
    return entry


def reviewer(email: str):
    """A provider reviewer (staff, in the reviewers group) who signs in with PASSWORD."""
    from django.contrib.auth.models import Group

    user = get_user_model().objects.create_user(email, email, PASSWORD, is_staff=True)
    user.groups.add(Group.objects.get_or_create(name="reviewers")[0])
    return user


def reviewer_approves(browser, base, email: str, order: Order, shots) -> list[str]:
    """The reviewer opens the order in the console and approves it (初审通过, 提交管局); returns the changed rows'
    paths as the console marked them (none for a new filing)."""
    context = browser.new_context(locale="zh-CN", viewport={"width": 1280, "height": 900})
    rev = context.new_page()
    rev.on("dialog", lambda dialog: dialog.accept())
    try:
        rev.goto(base + "/accounts/login/")
        rev.fill("#id_username", email)
        rev.fill("#id_password", PASSWORD)
        rev.click("button[type=submit]")
        rev.wait_for_load_state()
        rev.goto(f"{base}/review/{order.pk}/")
        changed = rev.locator("#review-changes tr[data-path]").evaluate_all("rows => rows.map(r => r.dataset.path)")
        shots("reviewer-approves", rev)
        rev.click("#approve")
        rev.wait_for_load_state()
        return changed
    finally:
        context.close()
        order.refresh_from_db()
