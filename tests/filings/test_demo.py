"""`beian demo`: one order in every state, made through the real services, each one completable with the
sample files it writes; demo logins that work; idempotent; consistent with the simulator's demo seed."""

import copy

import pytest
from django.conf import settings
from django.core.management import call_command

from beian import demo_data as data
from beian.documents.models import Material
from beian.documents.selectors import materials_for_precheck
from beian.filings import checks, states
from beian.filings.demo import seed_demo
from beian.filings.models import FiledWebsite, Filing, InFlightClaim, Order, OrderEvent, Timer
from beian.filings.services import submit_order, update_application
from beian.verification.models import FaceAttempt

pytestmark = pytest.mark.django_db
FILING_TYPE_CODES = checks.FILING_TYPE_CODES


@pytest.fixture
def demo():
    return seed_demo(verify_faces=False)


def _errors(order) -> list[dict]:
    result = checks.run(order.application, order=order, materials=materials_for_precheck(order=order))
    return [f for f in result["findings"] if f["severity"] == "error"]


def test_every_state_has_a_demo_order_with_a_consistent_history(demo):
    orders = demo["orders"]
    applicant = demo["accounts"]["demo"]
    assert not demo["skipped"]
    assert {o.state for o in orders.values() if o.account == applicant} == set(states.ALL)
    assert {o.state for o in orders.values() if o.account == demo["accounts"]["demo2"]} == {states.DRAFT,
                                                                                          states.PROVIDER_REVIEW}
    for key, order in orders.items():
        events = list(order.events.filter(kind__in=("created", "transition")).order_by("at", "id"))
        assert events[0].kind == "created" and events[0].to_state == states.DRAFT, key
        assert order.created_at == events[0].at, key
        for before, after in zip(events, events[1:], strict=False):
            assert after.from_state == before.to_state, (key, before.to_state, after.from_state)
        assert events[-1].to_state == order.state == data.ORDERS_BY_KEY[key]["state"], key
        held = set(InFlightClaim.objects.filter(order=order).values_list("kind", flat=True))
        assert held == ({"cert", "domain"} if order.in_flight else set()), key
        timers = set(Timer.objects.filter(order=order, done_at__isnull=True).values_list("kind", flat=True))
        if order.state in states.EXPIRABLE:
            assert "expiry" in timers, key  # the 45 days run while the applicant holds the order
        if order.state in (states.CANCELLED, states.EXPIRED):
            assert not timers, key
    approved = orders["approved"]
    assert approved.meta["icp_number"] == "浙ICP备2025000001号" and approved.meta["footer_html"]
    filing = Filing.objects.get(subject_number="浙ICP备2025000001号")
    assert filing.account == applicant and filing.cert_index == approved.subject_cert_index
    assert filing.application["subject"]["cert_number"] == approved.application["subject"]["cert_number"]
    assert [row.website_number for row in FiledWebsite.objects.filter(filing=filing)] == [
        "浙ICP备2025000001号-1", "浙ICP备2025000001号-1A"]  # the website, then the APP 西溪生活
    assert orders["sms_verification"].ministry_request_id == data.request_id(data.ORDERS_BY_KEY["sms_verification"])
    assert orders["supplement_required"].supplements.filter(resolved_at__isnull=True).exists()
    assert orders["bureau_rejected"].events.filter(reason__contains=data.REJECTED_REASON).exists()
    assert orders["returned"].events.filter(reason__contains=data.RETURNED_REASON).exists()
    # Reviewed orders name their reviewer (由谁处理), submitted ones carry the principal's materials.
    for key in ("provider_review", "pending_ministry", "approved", "returned"):
        assert orders[key].submitted_at is not None and Material.objects.filter(order=orders[key]).count() == 3
    assert orders["pending_ministry"].review_claim.reviewer == demo["accounts"]["reviewer"]


def test_demo_is_idempotent(demo):
    counts = [Order.objects.count(), OrderEvent.objects.count(), Material.objects.count(), Filing.objects.count()]
    call_command("beian_demo")
    call_command("beian_demo")
    assert [Order.objects.count(), OrderEvent.objects.count(), Material.objects.count(), Filing.objects.count()] == counts
    from django.contrib.auth import get_user_model

    assert get_user_model().objects.filter(username__endswith="@beian.local").count() == 7  # + the agent and its two customers (issue 16 #2)


def test_precheck_finds_nothing_but_what_the_state_implies(demo):
    for key, order in demo["orders"].items():
        codes = {f["code"] for f in _errors(order)}
        if order.state in (states.DRAFT, states.MATERIALS, states.CANCELLED, states.EXPIRED):
            assert codes <= {"MATERIAL_MISSING"}, (key, codes)  # left before the materials step
        elif order.state == states.APPROVED:
            assert codes <= FILING_TYPE_CODES, (key, codes)  # it is filed now
        else:
            assert not codes, (key, codes)


def test_every_editable_demo_order_is_completed_with_the_sample_files(demo):
    from beian.documents.services import required_slots, upload_to_slot
    from beian.verification import services as verification
    from beian.verification.demo import camera_frames, sample_for
    from beian.verification.selectors import verification_status

    folder = settings.DATA_DIR / "samples"
    for key, order in demo["orders"].items():
        if not order.editable:
            continue
        spec = data.ORDERS_BY_KEY[key]
        for kind, owner, side in required_slots(order):
            path = sample_for(folder, kind=kind, side=side, company=spec["company"])
            upload_to_slot(order=order, kind=kind, owner=owner, side=side, data=path.read_bytes(), via="phone",
                           user=order.account)
        for person in verification_status(order)["outstanding"]:  # the sample camera video passes the face check
            link, _ = verification.create_link(order=order, person=person["person"], user=order.account)
            attempt = verification.start_attempt(link=link, frames=camera_frames(folder))
            assert verification.run_face_attempt(attempt.pk) == "passed", key
        if order.state == states.SUPPLEMENT_REQUIRED:  # answer the reviewer: a name that fits the company
            application = copy.deepcopy(order.application)
            application["websites"][0]["name"] = "天河示例电子商务官方网站"
            order = update_application(order=order, actor=order.account, application=application, version=order.version)
        submitted = submit_order(order=order, actor=order.account, agreement=True)
        assert submitted.state == states.PROVIDER_REVIEW, key
    assert not demo["orders"]["supplement_required"].field_decisions.filter(resolved_at__isnull=True).exists()


def test_the_sample_files_show_the_people_and_companies_named_in_the_orders(demo):
    from beian.documents import crosscheck, ocr
    from beian.registries import business, identity
    from beian.verification.demo import ID_BACK, ID_FRONT, licence_name

    folder = settings.DATA_DIR / "samples"
    assert identity.registry().check(name=data.PERSON["name"], cert_number=data.PERSON["cert_number"])["status"] == "match"
    people = {kind: ocr.read_document((folder / name).read_bytes(), kind)["fields"]
              for kind, name in (("resident_id_front", ID_FRONT), ("resident_id_back", ID_BACK))}
    for key, order in demo["orders"].items():
        company = data.ORDERS_BY_KEY[key]["company"]
        licence = ocr.read_document((folder / licence_name(company)).read_bytes(), "business_license")["fields"]
        rows, _ = crosscheck.compare(kind="business_license", owner="subject", fields=licence,
                                     application=order.application)
        for kind, fields in people.items():
            more, _ = crosscheck.compare(kind=kind, owner="subject_principal", fields=fields, application=order.application)
            rows += more
        assert len(rows) == 6 and all(r["ok"] for r in rows), (key, [r for r in rows if not r["ok"]])
        record = business.registry().lookup(order.application["subject"]["cert_number"])
        principal = order.application["subject"]["principal"]["name"]
        assert licence["legal_representative"] == record["legal_representative"] == principal, key


def test_the_sample_videos_pass_and_fail_as_the_readme_says(demo):
    from beian.documents.services import required_slots, upload_to_slot
    from beian.verification import services as verification
    from beian.verification.demo import CAMERA_OTHER, CAMERA_PASS, CAMERA_STILL, camera_frames, sample_for

    folder = settings.DATA_DIR / "samples"
    order = demo["orders"]["materials"]
    for kind, owner, side in required_slots(order):
        path = sample_for(folder, kind=kind, side=side, company="chaoyang")
        upload_to_slot(order=order, kind=kind, owner=owner, side=side, data=path.read_bytes(), via="phone")
    outcomes = {}
    for video in (CAMERA_STILL, CAMERA_OTHER, CAMERA_PASS):
        link, _ = verification.create_link(order=order, person="subject_principal", user=order.account)
        attempt = verification.start_attempt(link=link, frames=camera_frames(folder, video))
        verification.run_face_attempt(attempt.pk)
        attempt.refresh_from_db()
        outcomes[video] = attempt.code
    assert outcomes == {CAMERA_STILL: "liveness_no_motion", CAMERA_OTHER: "live_vs_registry", CAMERA_PASS: "passed"}


def test_submitted_demo_orders_carry_a_passed_face_verification():
    orders = seed_demo()["orders"]
    for key in ("provider_review", "supplement_required", "pending_ministry", "sms_verification", "demo2_review"):
        attempt = FaceAttempt.objects.get(order=orders[key])
        assert attempt.status == FaceAttempt.PASSED, key
        verified = orders[key].events.get(kind="face_verification")
        submitted = orders[key].events.get(kind="transition", to_state=states.PROVIDER_REVIEW)
        assert verified.at <= submitted.at, "the history shows the verification before the submission"


def test_each_demo_login_works_and_sees_only_its_own(demo, client):
    orders = demo["orders"]
    for email, password in (data.APPLICANT, data.APPLICANT2, data.REVIEWER, data.STAFF):
        client.logout()
        response = client.post("/accounts/login/", {"username": email, "password": password})
        assert response.status_code == 302, email
    client.logout()
    client.post("/accounts/login/", {"username": data.APPLICANT[0], "password": data.APPLICANT[1]})
    page = client.get("/orders/").content.decode()
    assert orders["draft"].reference in page and orders["demo2_draft"].reference not in page
    assert client.get(f"/orders/{orders['demo2_draft'].pk}/basic/").status_code == 404
    client.post("/accounts/login/", {"username": data.REVIEWER[0], "password": data.REVIEWER[1]})
    assert orders["provider_review"].reference in client.get("/review/").content.decode()
    client.post("/accounts/login/", {"username": data.STAFF[0], "password": data.STAFF[1]})
    assert client.get("/review/").status_code in (302, 403)


def test_an_earlier_demo_version_s_orders_do_not_stop_the_demo(applicant):
    """A database made by an earlier `beian demo` holds orders for the same companies: those demo
    orders are left out with a reason, everything else is made."""
    from beian.filings.services import create_order

    old = data.application(data.ORDERS_BY_KEY["draft"])
    create_order(account=applicant, application=old, reference="BA20261121000002")
    call_command("beian_demo")
    seeded = seed_demo(verify_faces=False)
    assert list(seeded["skipped"]) == ["draft"] and "BA20261121000002" in seeded["skipped"]["draft"]
    assert len(seeded["orders"]) == len(data.ORDERS) - 1


def test_a_changed_demo_password_is_restored(demo):
    demo["accounts"]["demo"].set_password("something-else-1")
    demo["accounts"]["demo"].save()
    seed_demo(verify_faces=False)
    demo["accounts"]["demo"].refresh_from_db()
    assert demo["accounts"]["demo"].check_password(data.APPLICANT[1])


@pytest.fixture
def demo_ministry(tmp_path, settings):
    """A simulator of its own, seeded with --demo as scripts/run does, the platform pointed at it."""
    from tests.ministry_sim import Simulator

    sim = Simulator(tmp_path).start()
    sim.manage("ministry_seed", "--demo")
    settings.MINISTRY_URL = sim.url
    settings.MINISTRY_PROVIDER_ID = "beian-demo-provider"
    settings.MINISTRY_SHARED_SECRET = "demo-ministry-secret"
    yield sim
    sim.stop()


def test_the_ministry_side_of_the_demo_orders_is_in_the_simulator(demo_ministry):
    from beian.ministry import services as ministry
    from beian.ministry.simulator import messages as sim_msg

    assert data.REJECTED_REASON in sim_msg.REJECTION_REASONS and data.RETURNED_REASON == sim_msg.RETURNED_TIMEOUT
    orders = seed_demo(verify_faces=False)["orders"]
    mobile, last6 = data.PERSON["mobile"], data.PERSON["cert_number"][-6:]
    seeded_code = demo_ministry.codes(mobile)[0]
    # The 待提交管局 order goes out as the worker sends it: a second SMS to the same principal.
    ministry.submit(order=orders["pending_ministry"])
    orders["pending_ministry"].refresh_from_db()
    assert orders["pending_ministry"].state == states.SMS_VERIFICATION
    assert len(demo_ministry.codes(mobile)) == 2
    # Either code answers its own filing, the older one included.
    assert "已提交管局审核" in demo_ministry.sms_post(code=seeded_code, mobile=mobile, cert_last6=last6)
    ministry.poll_results()
    for key, state in (("sms_verification", states.BUREAU_REVIEW), ("pending_ministry", states.SMS_VERIFICATION)):
        orders[key].refresh_from_db()
        assert orders[key].state == state, key
    # scripts/run's automatic bureau decides what reaches the bureau, except the 管局审核 demo order,
    # which waits for the bureau console.
    demo_ministry.env["MINISTRY_AUTO_DELAY_WORKDAYS"] = "0"
    demo_ministry.manage("ministry_tick", "--once")
    ministry.poll_results()
    for key, state in (("sms_verification", states.APPROVED), ("bureau_review", states.BUREAU_REVIEW)):
        orders[key].refresh_from_db()
        assert orders[key].state == state, key
    assert "BA20260101900007" in demo_ministry.manage("ministry_decide", data.request_id(data.ORDERS_BY_KEY["bureau_review"]))
    ministry.poll_results()
    orders["bureau_review"].refresh_from_db()
    assert orders["bureau_review"].state == states.APPROVED
    assert orders["bureau_review"].meta["icp_number"].startswith("陕ICP备")
    found = demo_ministry.get_json("/query/api?q=xixi-demo.com")["results"]
    assert [r["website_number"] for r in found] == ["浙ICP备2025000001号-1"]
