"""Issue 13 #1: authenticity verification is required. Who must verify (website principals; the subject
principal by the provider's setting), how (公安库 or, for a non-mainland certificate, the ID photo), the
submit and 初审通过 gates with their stable code, manual review with a recorded reason, and what the
wizard and the reviewer show."""

import copy
import random
from datetime import date

import pytest
from django.utils import timezone
from PIL import Image

from beian.documents import synthetic as syn
from beian.documents.portraits import portrait_paths
from beian.documents.services import store_material, upload_to_slot
from beian.filings import states
from beian.filings.models import Order, OrderEvent
from beian.filings.services import OrderError, create_order, submit_order, update_application
from beian.review import services as review
from beian.verification import services, synthetic_video
from beian.verification.models import FaceAttempt, ManualReviewRequest
from beian.verification.selectors import verification_status
from beian.wizard.models import MobileCode
from tests.rules.support import enterprise, individual
from tests.verification.support import pass_verification
from tests.wizard.support import applicant_with_products, image_bytes, setup_registry

pytestmark = pytest.mark.django_db
SITE_PRINCIPAL = {"name": "李四", "cert_type": "resident_id", "cert_number": "11010519491231002X",
                  "cert_valid_until": "长期", "mobile": "13600006666", "contact2": "13600006667",
                  "emergency_mobile": "13600006668", "email": "lisi@example.com"}
PASSPORT = {"name": "JOHN SMITH", "cert_type": "passport", "cert_number": "E12345678", "cert_valid_until": "2030-01-01",
            "mobile": "13600007777", "contact2": "13600007778", "emergency_mobile": "", "email": "john@example.com"}
PERSON = syn.random_person(random.Random(23), today=date(2026, 11, 1))


@pytest.fixture(scope="module")
def images():
    hopper = Image.open(portrait_paths()["grace_hopper"])
    astronaut = Image.open(portrait_paths()["astronaut"])
    return {"hopper_photo": syn.to_bytes(syn.photographed(syn.id_front(PERSON, hopper))),
            "hopper_frames": [syn.to_bytes(f) for f in synthetic_video.turning_frames(hopper, count=24)[::2]],
            "astronaut_frames": [syn.to_bytes(f) for f in synthetic_video.turning_frames(astronaut, count=24)[::2]]}


def _order(app, *, email="req@example.com", kind="first", state=states.MATERIALS):
    """An order on a real cloud instance with the principal's mobile confirmed: only the face check can stand
    between it and 提交."""
    setup_registry()
    account, instances = applicant_with_products(email, prefix="req")
    app = copy.deepcopy(app)
    app.pop("context", None)
    for website in app["websites"]:
        website["access"] = {"product": "ecs", "instance_id": instances[0].instance_id, "ip": instances[0].public_ip,
                             "service_number": None}
    order = create_order(account=account, application=app, kind=kind)
    Order.objects.filter(pk=order.pk).update(state=state)
    now = timezone.now()
    MobileCode.objects.create(order=order, mobile=app["subject"]["principal"]["mobile"], code_hash="-", created_at=now,
                              expires_at=now, verified_at=now)
    order.refresh_from_db()
    return order


def _own_principal(principal=SITE_PRINCIPAL, subject_principal=None):
    app = enterprise()
    app["websites"][0]["principal"] = dict(principal)
    if subject_principal:
        app["subject"]["principal"].update(subject_principal)
    return app


def _people(order):
    return {p["person"]: p for p in verification_status(order)["people"]}


def _upload_everything(order):
    for item in services.required_materials(order):
        store_material(order=order, kind=item["kind"], owner=item["owner"], side=item.get("side") or "",
                       data=image_bytes(), via="pc")


# ---- who must verify --------------------------------------------------------------------------------------

def test_a_website_reusing_the_subject_principal_makes_them_the_one_who_verifies():
    order = _order(enterprise())
    people = _people(order)
    assert list(people) == ["subject_principal"]
    me = people["subject_principal"]
    assert me["must"] and "网站1的网站负责人（复用主体负责人）" in me["why"] and me["method"] == "registry"
    assert [c["key"] for c in me["checks"]] == ["liveness", "live_vs_registry", "id_vs_registry"]
    assert not verification_status(order)["ok"]


def test_an_individual_verifies_as_the_website_principal():
    order = _order(individual())
    assert _people(order)["subject_principal"]["must"]


def test_every_website_principal_verifies_and_the_subject_principal_by_default_does_not():
    order = _order(_own_principal())
    people = _people(order)
    assert people["websites[0].principal"]["must"] and people["websites[0].principal"]["why"] == "网站负责人须完成真实性核验"
    subject = people["subject_principal"]
    assert not subject["must"] and subject["state_label"] == "无需核验" and subject["needs"] == []
    assert [r["person"] for r in verification_status(order)["outstanding"]] == ["websites[0].principal"]


@pytest.mark.parametrize("policy, province, must", [
    ("always", "北京市", True), ("legal_representative", "浙江省", True), ("legal_representative", "北京市", False),
    ("never", "浙江省", False), ("nonsense", "北京市", True),  # an unknown value errs on the side of checking
])
def test_the_provider_setting_decides_for_the_subject_principal(settings, policy, province, must):
    settings.VERIFY_SUBJECT_PRINCIPAL = policy
    app = _own_principal()
    app["region"]["province"] = province
    assert _people(_order(app))["subject_principal"]["must"] is must


def test_a_passport_holding_subject_principal_needs_no_face_check_the_website_principal_does():
    order = _order(_own_principal(subject_principal=PASSPORT))
    people = _people(order)
    assert not people["subject_principal"]["must"] and "非中国大陆居民" in people["subject_principal"]["why"]
    assert people["websites[0].principal"]["must"] and people["websites[0].principal"]["method"] == "registry"


def test_a_non_mainland_website_principal_is_checked_against_the_id_photo():
    order = _order(_own_principal(principal=PASSPORT))
    me = _people(order)["websites[0].principal"]
    assert me["must"] and me["method"] == "document" and "与证件照片比对" in me["method_label"]
    assert [c["key"] for c in me["checks"]] == ["liveness", "live_vs_id"]
    assert me["needs"][0] == "上传本人证件照片（带有本人照片的一页）"


def test_cancel_and_deregister_orders_need_no_face_check():
    order = _order(enterprise(), kind="deregister_website")
    status = verification_status(order)
    assert not status["applies"] and status["ok"] and status["outstanding"] == []
    # Nothing to upload either (docs/decisions.md, release kinds): nobody is listed, nobody must verify.
    assert status["people"] == []


# ---- the gates ----------------------------------------------------------------------------------------------

def test_submit_is_refused_until_everyone_who_must_has_verified():
    order = _order(_own_principal())
    _upload_everything(order)
    with pytest.raises(OrderError) as refused:
        submit_order(order=order, actor=order.account, agreement=True)
    assert refused.value.code == "verification_required"
    assert "以下人员尚未完成真实性核验：网站1负责人 李四。" in refused.value.message
    assert [d["code"] for d in refused.value.details] == ["VERIFICATION_REQUIRED"]
    assert refused.value.details[0]["path"] == "websites[0].principal"
    order.refresh_from_db()
    assert order.state == states.MATERIALS and order.submitted_at is None and order.agreement_accepted_at is None
    assert pass_verification(order) == ["websites[0].principal"]
    assert submit_order(order=order, actor=order.account, agreement=True).state == states.PROVIDER_REVIEW


def test_a_pass_belongs_to_the_person_not_the_slot():
    """A website principal changed after passing has not verified: the new person must."""
    order = _order(_own_principal())
    pass_verification(order)
    assert verification_status(order)["ok"]
    app = copy.deepcopy(order.application)
    app["websites"][0]["principal"].update({"name": "王五", "cert_number": "110101199003074477"})
    order = update_application(order=order, actor=order.account, application=app, version=order.version)
    status = verification_status(order)
    assert not status["ok"] and status["outstanding"][0]["name"] == "王五"
    assert status["outstanding"][0]["needs"][-1] == "用手机扫码完成人脸核验"


def test_the_reviewer_cannot_send_an_unverified_order_to_the_ministry(django_user_model):
    order = _order(_own_principal(), state=states.PROVIDER_REVIEW)
    reviewer = django_user_model.objects.create_user("rev@example.com", "rev@example.com", "pw-12345678", is_staff=True)
    with pytest.raises(OrderError) as refused:
        review.approve(order=order, reviewer=reviewer)
    assert refused.value.code == "verification_required" and "网站1负责人 李四" in refused.value.message
    assert "提交管局" in refused.value.message
    order.refresh_from_db()
    assert order.state == states.PROVIDER_REVIEW


def test_an_approved_manual_review_with_a_reason_lets_the_order_through(django_user_model):
    order = _order(_own_principal(), state=states.PROVIDER_REVIEW)
    reviewer = django_user_model.objects.create_user("rev@example.com", "rev@example.com", "pw-12345678", is_staff=True)
    request = ManualReviewRequest.objects.create(order=order, person="websites[0].principal")
    with pytest.raises(services.VerificationError) as no_reason:
        services.decide_manual_review(order=order, request_id=request.pk, reviewer=reviewer, outcome="approved",
                                      reason="  ")
    assert no_reason.value.code == "reason_required"
    services.decide_manual_review(order=order, request_id=request.pk, reviewer=reviewer, outcome="rejected",
                                  reason="证件照片与现场人脸不符")
    me = _people(order)["websites[0].principal"]
    assert not me["verified"] and me["needs"][-1] == "人工审核未通过（证件照片与现场人脸不符），请重新进行人脸核验"
    again = ManualReviewRequest.objects.create(order=order, person="websites[0].principal")
    services.decide_manual_review(order=order, request_id=again.pk, reviewer=reviewer, outcome="approved",
                                  reason="已视频通话核实为本人")
    assert _people(order)["websites[0].principal"]["manual_approved"]
    event = OrderEvent.objects.filter(order=order, kind="manual_review").latest("id")
    assert event.actor == reviewer and event.reason == "人工核验通过：已视频通话核实为本人"
    assert review.approve(order=order, reviewer=reviewer).state == states.PENDING_MINISTRY


# ---- the non-mainland face check ---------------------------------------------------------------------------

def _document_attempt(order, frames):
    link, _ = services.create_link(order=order, person="websites[0].principal", user=order.account)
    attempt = services.start_attempt(link=link, frames=frames)
    services.run_face_attempt(attempt.pk)
    attempt.refresh_from_db()
    return attempt


def test_a_passport_holder_is_matched_against_the_passport_photo_not_the_registry(images):
    order = _order(_own_principal(principal=PASSPORT))
    upload_to_slot(order=order, kind="principal_id", owner="websites[0].principal", side="",
                   data=images["hopper_photo"], via="phone")
    other = _document_attempt(order, images["astronaut_frames"])
    assert other.status == FaceAttempt.FAILED and other.code in ("live_vs_id", "liveness_no_motion", "liveness_one_side")
    attempt = _document_attempt(order, images["hopper_frames"])
    assert attempt.status == FaceAttempt.PASSED, (attempt.code, attempt.evidence)
    assert attempt.evidence["method"] == "document" and attempt.evidence["live_vs_id"] <= 0.6
    assert "registry" not in attempt.evidence and "live_vs_registry" not in attempt.evidence  # 公安库 not asked
    me = _people(order)["websites[0].principal"]
    assert me["verified"] and [c["state"] for c in me["checks"]] == ["passed", "passed"]


def test_a_passport_holder_without_the_photo_is_told_to_upload_it(images):
    order = _order(_own_principal(principal=PASSPORT))
    attempt = _document_attempt(order, images["hopper_frames"])
    assert attempt.code == "id_photo_missing" and "带有本人照片的一页" in attempt.message


# ---- what the pages show -------------------------------------------------------------------------------------

def test_the_confirm_page_lists_who_must_verify_and_what_is_missing(client):
    order = _order(_own_principal())
    _upload_everything(order)
    client.force_login(order.account)
    page = client.get(f"/orders/{order.pk}/confirm/").content.decode()
    missing = page[page.index('id="missing"'):page.index('id="confirm-websites"')]
    assert "真实性核验" in missing and "网站1负责人 李四：用手机扫码完成人脸核验" in missing
    assert f"/orders/{order.pk}/materials/" in missing
    people = page[page.index('id="confirm-verification"'):]
    assert 'data-person="subject_principal" data-must="0"' in people and "无需人脸核验" in people
    assert 'data-person="websites[0].principal" data-must="1" data-verified="0"' in people
    refused = client.post(f"/orders/{order.pk}/confirm/", {"agreement": "on"}).content.decode()
    assert "以下人员尚未完成真实性核验：网站1负责人 李四" in refused
    pass_verification(order)
    page = client.get(f"/orders/{order.pk}/materials/").content.decode()
    assert 'data-person="websites[0].principal" data-must="1" data-verified="1"' in page and "人脸核验已通过" in page


def test_the_phone_page_offers_the_face_check_only_to_whoever_must_verify(client):
    order = _order(_own_principal(principal=PASSPORT))
    _, subject_token = services.create_link(order=order, person="subject_principal", user=order.account)
    _, site_token = services.create_link(order=order, person="websites[0].principal", user=order.account)
    subject_page = client.get(f"/m/{subject_token}/").content.decode()
    assert 'id="start-face"' not in subject_page and "只需上传证件照片" in subject_page
    site_page = client.get(f"/m/{site_token}/").content.decode()
    assert 'id="start-face"' in site_page and 'id="face-method"' in site_page


def test_the_reviewer_sees_each_persons_status_and_an_open_manual_review_in_the_queue(client, django_user_model):
    from django.contrib.auth.models import Group

    order = _order(_own_principal())  # still with the applicant: a manual review must not wait for 提交
    ManualReviewRequest.objects.create(order=order, person="websites[0].principal")
    reviewer = django_user_model.objects.create_user("rev@example.com", "rev@example.com", "pw-12345678", is_staff=True)
    reviewer.groups.add(Group.objects.get_or_create(name="reviewers")[0])
    client.force_login(reviewer)
    queue = client.get("/review/?manual=1").content.decode()
    assert order.reference in queue and "待人工核验" in queue
    page = client.get(f"/review/{order.pk}/").content.decode()
    section = page[page.index('id="verification"'):]
    assert 'data-person="websites[0].principal" data-must="1" data-verified="0"' in section
    assert "网站负责人须完成真实性核验" in section and 'name="reason"' in section
    assert 'data-person="subject_principal" data-must="0"' in section
    request = ManualReviewRequest.objects.get()
    client.post(f"/review/{order.pk}/manual-review/", {"request": request.pk, "outcome": "approved",
                                                       "reason": "已视频核实"})
    assert verification_status(order)["ok"]
    assert order.reference not in client.get("/review/?manual=1").content.decode()
    request.refresh_from_db()
    assert request.resolved_at <= timezone.now() and request.reason == "已视频核实"



def test_a_face_check_needs_the_person_named_first(images):
    """A pass must say whom it is for: without a certificate number there is nobody to bind it to."""
    order = _order(_own_principal(principal={**PASSPORT, "cert_number": ""}))
    link, _ = services.create_link(order=order, person="websites[0].principal", user=order.account)
    with pytest.raises(services.VerificationError) as refused:
        services.start_attempt(link=link, frames=images["hopper_frames"])
    assert refused.value.code == "person_incomplete" and not FaceAttempt.objects.exists()
