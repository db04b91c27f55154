"""Demo data for `beian demo` / scripts/run: accounts, cloud products, registry records and one order in
every state, each made through the real services (create, upload, verify, submit, review, the ministry's
results), so its audit trail, claims, timers and materials are what a person would have produced.

Idempotent: accounts and records are keyed by natural keys, orders by their fixed reference (an order
that exists is left as it is, whatever happened to it since). The orders and the simulator's seed
(`ministry_seed --demo`) come from the same data, beian.demo_data (docs/decisions.md #26).
"""

from datetime import timedelta
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import transaction
from django.utils import timezone

from beian import demo_data as data
from beian.filings import states, transitions
from beian.filings.models import FiledWebsite, Filing, Order
from beian.pii.index import CERT, blind_index

DEMO_APPLICANT = data.APPLICANT
DEMO_APPLICANT2 = data.APPLICANT2
DEMO_REVIEWER = data.REVIEWER
DEMO_STAFF = data.STAFF
DEMO_AGENT = data.AGENT
DEMO_CUSTOMER1 = data.CUSTOMERS["customer1"][:2]
DEMO_CUSTOMER2 = data.CUSTOMERS["customer2"][:2]
FILED_SUBJECT = data.subject("xixi")


class DemoError(RuntimeError):
    """The demo data no longer goes through the services (a rule or a service changed): fix demo_data."""


def user(email: str, password: str, **extra):
    """A demo account with its documented password and flags (restored on every run)."""
    User = get_user_model()
    account, created = User.objects.get_or_create(username=email, defaults={"email": email, **extra})
    changed = created or any(getattr(account, k) != v for k, v in extra.items())
    for key, value in extra.items():
        setattr(account, key, value)
    if created or not account.check_password(password):
        account.set_password(password)
        changed = True
    if changed:
        account.save()
    return account


def seed_products(account, *, prefix: str = "demo"):
    from beian.products.models import Instance, ServiceNumber

    now = timezone.now()
    instances = []
    for suffix, product, region, mainland, ip, days in data.INSTANCES:
        instance_id = data.instance(prefix, suffix)[0]
        instance, _ = Instance.objects.get_or_create(instance_id=instance_id, defaults={
            "owner": account, "product": product, "region": region, "mainland": mainland, "public_ip": ip,
            "expires_at": now + timedelta(days=days), "name": instance_id})
        instances.append(instance)
    ServiceNumber.objects.get_or_create(code=f"{prefix}-0001-a888-88e8-b9ec-00888be80001",
                                        defaults={"owner": account, "instance": instances[0]})
    return instances


def seed_business(*records):
    from beian.registries.models import BusinessRecord

    for cert, name, legal in records:
        BusinessRecord.objects.update_or_create(cert_number=cert, defaults={"name": name, "legal_representative": legal,
                                                                           "status": "存续"})


def seed_approved_filing(account, *, subject: dict, province: str, number: str, domain: str, site_name: str,
                         instance_id: str, ip: str):
    """An approved filing without its order (tests of change filings); the demo's comes from its order."""
    import copy

    now = timezone.now()
    application = {"region": {"province": province, "city": "杭州市", "district": "西湖区"}, "requested_type": None,
                   "subject": copy.deepcopy(subject), "websites": []}
    filing, _ = Filing.objects.get_or_create(subject_number=number, defaults={
        "account": account, "province": province, "subject_name": subject["name"],
        "cert_index": blind_index(subject["cert_number"], kind=CERT),
        "nature": subject["nature"], "approved_at": now - timedelta(days=90), "application": application})
    website = {"name": site_name, "domains": [domain], "content": "单位门户网站", "service_type": "网站应用服务",
               "languages": ["中文简体"], "pre_approvals": [], "remark": "",
               "access": {"product": "ecs", "instance_id": instance_id, "ip": ip, "service_number": None}, "principal": None}
    FiledWebsite.objects.get_or_create(filing=filing, service_type=FiledWebsite.WEBSITE, seq=1, defaults={
        "domain": domain, "name": site_name, "instance_id": instance_id, "ip": ip,
        "approved_at": now - timedelta(days=90), "website": website})
    return filing


# ---- accounts -------------------------------------------------------------------------------------------

def demo_accounts() -> dict:
    """{"demo", "demo2", "reviewer", "staff"}: two applicants with cloud products, a reviewer (staff in the
    reviewers group) and a staff member without the reviewer role."""
    accounts = {"demo": user(*data.APPLICANT), "demo2": user(*data.APPLICANT2),
                "reviewer": user(*data.REVIEWER, is_staff=True), "staff": user(*data.STAFF, is_staff=True)}
    reviewers, _ = Group.objects.get_or_create(name="reviewers")
    accounts["reviewer"].groups.add(reviewers)
    accounts["staff"].groups.remove(reviewers)
    seed_products(accounts["demo"], prefix="demo")
    seed_products(accounts["demo2"], prefix="demo2")
    seed_agent(accounts)
    return accounts


def seed_agent(accounts: dict) -> None:
    """The demo agent (beian.agents), its two customers (active links, cloud products of their own) and a pending
    invitation to demo2 (who sees it in 我的代理商). A link a demo user ended is left as it is."""
    from beian.agents.models import AgentLink
    from beian.agents.services import make_agent

    accounts["agent"] = user(*data.AGENT)
    agent = make_agent(user=accounts["agent"], name=data.AGENT_NAME)
    now = timezone.now()
    for key, (email, password, name) in data.CUSTOMERS.items():
        accounts[key] = user(email, password, first_name=name)
        seed_products(accounts[key], prefix=key)
        if not AgentLink.objects.filter(agent=agent, customer=accounts[key]).exists():
            AgentLink.objects.create(agent=agent, customer=accounts[key], status=AgentLink.ACTIVE, created_account=True,
                                     created_at=now, accepted_at=now)
    if not AgentLink.objects.filter(agent=agent, customer=accounts["demo2"]).exists():
        AgentLink.objects.create(agent=agent, customer=accounts["demo2"], created_at=now)


def seed_registries() -> None:
    """Every demo company in the business registry (legal representative 陈明), 陈明 in the identity registry,
    every demo domain (and the ones to try, beian.demo_data.TRY_DOMAINS) in the domain registry."""
    from beian.verification.demo import seed_demo_identities

    seed_business(*[(c[4], c[3], data.PERSON["name"]) for c in data.COMPANIES.values()],
                  ("91330106MA2GL0XX7U", "杭州示例科技有限公司", "张三"))
    seed_demo_identities()
    seed_domains()


def seed_domains() -> None:
    """The domain registry's demo records; a record that exists keeps what was changed in it."""
    from beian.registries.domains import seed_domain

    for record in data.domain_records(timezone.localdate()):
        seed_domain(**record)


# ---- orders ---------------------------------------------------------------------------------------------

class _SeededMinistry:
    """The ministry port answering as the simulator's `ministry_seed --demo` has it: a submission of a demo
    order is in SMS verification (its codes are in the simulator's outbox)."""

    def submit(self, *, request_id, **_kwargs):
        from beian.ministry.port import Status

        return Status(request_id=request_id, status="sms")


def _ministry_result(order, status: str, spec: dict, at):
    from beian.ministry.port import Status
    from beian.ministry.services import apply_status

    extra = {}
    if status == "approved":
        domain = spec["site"][1]
        extra = {"icp_number": spec["icp_number"], "website_numbers": {domain: f"{spec['icp_number']}-1"}}
    elif status == "rejected":
        extra = {"reason": data.REJECTED_REASON}
    elif status == "returned":
        extra = {"reason": data.RETURNED_REASON}
    if not apply_status(order=order, status=Status(request_id=order.ministry_request_id, status=status, **extra),
                        now=at):
        raise DemoError(f"{spec['reference']}: the ministry's {status} did not apply in state {order.state}")


def _samples() -> Path:
    return Path(settings.DATA_DIR) / "samples"


def _upload(order, spec, account):
    """Every material the rules ask for, from the sample files (as the PC upload page stores them)."""
    from beian.documents.services import required_slots, upload_to_slot
    from beian.verification.demo import sample_for

    for kind, owner, side in sorted(required_slots(order)):
        path = sample_for(_samples(), kind=kind, side=side, company=spec["company"])
        if path is None:
            raise DemoError(f"{spec['reference']}: no sample file for {kind}/{owner}/{side}")
        upload_to_slot(order=order, kind=kind, owner=owner, side=side, data=path.read_bytes(), via="pc", user=account)


def _verify(order, spec, account, at):
    """Each person who must verify does the face check on the phone, with the frames of the sample video, run
    at once; its rows and audit event carry the step's time (an order filed 95 days ago verified then)."""
    from beian.filings.models import OrderEvent
    from beian.verification import services as verification
    from beian.verification.models import FaceAttempt
    from beian.verification.selectors import verification_status

    for person in verification_status(order)["outstanding"]:
        link, _token = verification.create_link(order=order, person=person["person"], user=account, now=at)
        attempt = verification.start_attempt(link=link, frames=camera_frames_for_demo(), now=at)
        if verification.run_face_attempt(attempt.pk) != "passed":
            attempt.refresh_from_db()
            raise DemoError(f"{spec['reference']}: face verification failed ({attempt.code})")
        FaceAttempt.objects.filter(pk=attempt.pk).update(created_at=at, finished_at=at)
        OrderEvent.objects.filter(order=order, kind="face_verification", payload__attempt=attempt.pk).update(at=at)


def _verify_by_review(order, spec, account, reviewer, at):
    """`seed_demo(verify_faces=False)`, for tests that need the orders but not a second of face matching per
    person: each person's check is replaced by what the rules also accept, a manual review a reviewer approved
    with a recorded reason."""
    from beian.filings.checks import person_record
    from beian.verification import persons
    from beian.verification import services as verification
    from beian.verification.models import ManualReviewRequest
    from beian.verification.selectors import verification_status

    for person in verification_status(order)["outstanding"]:
        request = ManualReviewRequest.objects.create(
            order=order, person=person["person"],
            identity=persons.identity(person_record(order.application, person["person"])))
        verification.decide_manual_review(order=order, request_id=request.pk, reviewer=reviewer, outcome="approved",
                                          reason=data.MANUAL_REVIEW_REASON, now=at)


def camera_frames_for_demo():
    from beian.verification.demo import camera_frames

    return camera_frames(_samples())


def _step(action: str, order, spec: dict, *, accounts: dict, at):
    from beian.filings import services, timers
    from beian.review import services as review

    account, reviewer = accounts[spec["account"]], accounts["reviewer"]
    actor = accounts[spec.get("actor", spec["account"])]  # an agent's customer: the agent acts (beian.agents)
    if action == "create":
        order = services.create_order(account=account, application=data.application(spec),
                                      reference=spec["reference"], now=at, actor=actor)
        Order.objects.filter(pk=order.pk).update(created_at=at)  # auto_now_add takes no `now`
    elif action == "materials":
        return services.transition(order=order, to_state=states.MATERIALS, role=transitions.APPLICANT, actor=actor,
                                   now=at)
    elif action == "upload":
        _upload(order, spec, account)
    elif action == "verify":
        _verify(order, spec, account, at)
    elif action == "verify_by_review":
        _verify_by_review(order, spec, account, reviewer, at)
    elif action == "submit":
        return services.submit_order(order=order, actor=account, agreement=True, now=at)
    elif action == "claim":
        review.claim(order=order, reviewer=reviewer, now=at)
    elif action == "approve":
        return review.approve(order=order, reviewer=reviewer, now=at)
    elif action == "supplement":
        review.decide_field(order=order, reviewer=reviewer, path="websites[0].name", verdict="reject",
                            reason_code="site_name", note=data.SUPPLEMENT_NOTE, now=at)
        return review.request_supplement(order=order, reviewer=reviewer, kind="materials", now=at)
    elif action == "ministry:sms":
        from beian.ministry import services as ministry

        previous, ministry.ADAPTER = ministry.ADAPTER, _SeededMinistry()
        try:
            ministry.submit(order=order, now=at)
        finally:
            ministry.ADAPTER = previous
    elif action.startswith("ministry:"):
        _ministry_result(order, action.split(":", 1)[1], spec, at)
    elif action == "cancel":
        return services.cancel_order(order=order, actor=account, now=at)
    elif action == "expire":
        timers.sweep(now=at, order=order)  # the scheduler's sweep, for this order's due timers only
    else:
        raise DemoError(f"unknown demo step {action}")
    order.refresh_from_db()
    return order


def seed_demo_order(spec: dict, *, accounts: dict, now=None) -> Order:
    """One demo order (beian.demo_data.ORDERS) through its steps; an existing one is returned unchanged.

    Raises ClaimConflict or OrderError when the database's own data stands in the way (e.g. an earlier
    demo version's order holds the same company): nothing of this order is kept then."""
    existing = Order.objects.filter(reference=spec["reference"]).first()
    if existing is not None:
        return existing
    now = now or timezone.now()
    order = None
    with transaction.atomic():
        for days, action in spec["steps"]:
            at = now - timedelta(days=days) if days else timezone.now()
            order = _step(action, order, spec, accounts=accounts, at=at)
        order.refresh_from_db()
        if order.state != spec["state"]:
            raise DemoError(f"{spec['reference']} ended in {order.state}, not {spec['state']}")
    return order


def seed_demo(*, now=None, verify_faces: bool = True) -> dict:
    """Everything `beian demo` creates; returns {"accounts": {...}, "orders": {key: Order}, "skipped": {key: why}}.

    For tests: `seed_demo()` in a test with the database gives every demo login and order;
    `verify_faces=False` skips the face checks (about 1 s each): a reviewer's approved manual review, with its
    reason, stands in for each (the orders in 初审 and later must be verified either way).
    """
    from beian.verification.demo import write_samples

    write_samples(_samples())
    accounts = demo_accounts()
    seed_registries()
    from beian.filings.claims import ClaimConflict
    from beian.filings.services import OrderError

    orders, skipped = {}, {}
    for spec in data.ORDERS:
        if not verify_faces:
            spec = {**spec, "steps": [(d, "verify_by_review" if a == "verify" else a) for d, a in spec["steps"]]}
        try:
            orders[spec["key"]] = seed_demo_order(spec, accounts=accounts, now=now)
        except ClaimConflict as exc:
            # The operator's report: the order holding the claim is named, whichever account it is in.
            held = exc.other.reference if exc.other else ""
            skipped[spec["key"]] = f"{exc.message}（{held}）" if held and held not in exc.message else exc.message
        except OrderError as exc:
            skipped[spec["key"]] = exc.message
    return {"accounts": accounts, "orders": orders, "skipped": skipped}


def load_demo() -> list[str]:
    """`beian demo`: seed everything and say what was made."""
    seeded = seed_demo()
    lines = ["demo logins (demo only):"]
    for (email, password), role in ((data.APPLICANT, "applicant"), (data.APPLICANT2, "second applicant"),
                                    (data.REVIEWER, "reviewer"), (data.STAFF, "staff, not a reviewer"),
                                    (data.AGENT, "agent (代理商): files for customer1 and customer2"),
                                    (data.CUSTOMERS["customer1"][:2], "agent's customer"),
                                    (data.CUSTOMERS["customer2"][:2], "agent's customer")):
        lines.append(f"  {email} / {password}  ({role})")
    lines.append("demo orders:")
    for spec in data.ORDERS:
        order = seeded["orders"].get(spec["key"])
        if order is None:
            lines.append(f"  {spec['reference']}  not created: {seeded['skipped'][spec['key']]}"
                         f" (this database holds other data for it; delete var/ to start over)")
            continue
        lines.append(f"  {order.reference}  {order.account.get_username():<18} {states.PUBLIC_LABELS[order.state]:<8}"
                     f" {order.subject_name}")
    lines.append(f"sample ID photos, licences and fake-camera videos: {_samples()}")
    return lines
