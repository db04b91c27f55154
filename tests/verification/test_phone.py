"""The phone page through Django's client: links, uploads with OCR and cross-check, face attempts,
manual review, and every way a link or an upload can be bad."""

import copy
import io
import random
from datetime import date, timedelta

import pytest
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image

from beian.documents import synthetic as syn
from beian.documents.models import Material
from beian.documents.portraits import portrait_paths
from beian.filings import states
from beian.filings.models import Order, OrderEvent
from beian.filings.services import create_order
from beian.registries.identity import seed_identity
from beian.verification import services
from beian.verification import synthetic_video as video
from beian.verification.models import FaceAttempt, ManualReviewRequest, PhoneLink
from tests.rules.support import individual

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def person():
    return syn.random_person(random.Random(7), today=date(2026, 11, 1))


@pytest.fixture(scope="module")
def images(person):
    hopper = Image.open(portrait_paths()["grace_hopper"])
    return {"front": syn.to_bytes(syn.photographed(syn.id_front(person, hopper))),
            "back": syn.to_bytes(syn.photographed(syn.id_back(person))),
            "expired_back": syn.to_bytes(syn.photographed(syn.id_back(syn.random_person(random.Random(3), expired=True)))),
            "hopper_frames": [syn.to_bytes(f) for f in video.turning_frames(hopper, count=24)[::2]],
            "astronaut_frames": [syn.to_bytes(f) for f in video.turning_frames(Image.open(portrait_paths()["astronaut"]), count=24)[::2]],
            "still_frames": [syn.to_bytes(f) for f in video.still_frames(hopper, count=8)]}


def make_order(person, email="phone@example.com", domain="phone-demo.com", name=None):
    account = get_user_model().objects.create_user(email, email, "pw-12345678")
    app = copy.deepcopy(individual())
    app.pop("context")
    app["subject"].update({"name": name or person.name, "cert_number": person.cert_number, "investor": person.name,
                           "cert_address": ""})
    app["subject"]["principal"].update({"name": name or person.name, "cert_number": person.cert_number,
                                        "cert_valid_until": ""})
    app["websites"][0]["domains"] = [domain]
    order = create_order(account=account, application=app)
    Order.objects.filter(pk=order.pk).update(state=states.MATERIALS)
    order.refresh_from_db()
    return order


@pytest.fixture
def order(person):
    seed_identity(name=person.name, cert_number=person.cert_number, portrait="grace_hopper")
    return make_order(person)


def link_for(order):
    link, token = services.create_link(order=order, person="subject_principal", user=order.account)
    return link, token


def upload(client, token, side, data, name="id.jpg"):
    return client.post(f"/m/{token}/upload/", {"kind": "principal_id", "owner": "subject_principal", "side": side,
                                               "file": SimpleUploadedFile(name, data)}, follow=True)


def frames_post(client, token, frames):
    return client.post(f"/m/{token}/face/", {"frames": [SimpleUploadedFile(f"f{i}.jpg", f) for i, f in enumerate(frames)]})


def test_upload_reads_cross_checks_and_prefills(client, order, person, images, django_capture_on_commit_callbacks):
    _, token = link_for(order)
    page = client.get(f"/m/{token}/").content.decode()
    assert "身份证人像面" in page or "正面" in page
    with django_capture_on_commit_callbacks(execute=True):
        upload(client, token, "front", images["front"])
        upload(client, token, "back", images["back"])
    front = Material.objects.get(order=order, side="front")
    assert front.via == "phone" and front.evidence["ocr_status"] == "done"
    assert front.evidence["ocr"]["fields"]["cert_number"] == person.cert_number
    assert all(row["ok"] for row in front.evidence["rows"])
    order.refresh_from_db()
    # Blank fields were prefilled from the documents, and the prefill is audited.
    assert order.application["subject"]["cert_address"] == person.address
    assert order.application["subject"]["principal"]["cert_valid_until"] == person.valid_until_text
    assert OrderEvent.objects.filter(order=order, kind="prefill").count() == 2
    status = client.get(f"/m/{token}/status/").content.decode()
    assert person.address in status and "已根据证件自动填写" in status


def test_typed_name_that_differs_from_the_id_is_flagged(client, person, images, django_capture_on_commit_callbacks):
    order = make_order(person, name="王小明")
    _, token = link_for(order)
    with django_capture_on_commit_callbacks(execute=True):
        upload(client, token, "front", images["front"])
    rows = Material.objects.get(order=order, side="front").evidence["rows"]
    bad = [r for r in rows if not r["ok"]]
    assert bad and "王小明" in bad[0]["message"] and person.name in bad[0]["message"]


def test_face_passes_for_the_right_person(client, order, images, django_capture_on_commit_callbacks):
    _, token = link_for(order)
    with django_capture_on_commit_callbacks(execute=True):
        upload(client, token, "front", images["front"])
    with django_capture_on_commit_callbacks(execute=True):
        response = frames_post(client, token, images["hopper_frames"])
    assert response.status_code == 200, response.content
    attempt = FaceAttempt.objects.get()
    assert attempt.status == FaceAttempt.PASSED, attempt.message
    assert attempt.evidence["live_vs_registry"] < 0.6 and attempt.evidence["id_vs_registry"] < 0.6
    assert attempt.evidence["liveness"]["passed"] and attempt.evidence["registry"]["status"] == "match"
    assert services.is_verified(order, "subject_principal")
    assert "人脸核验通过" in client.get(f"/m/{token}/status/").content.decode()


def test_another_face_fails_three_times_then_manual_review(client, order, images, django_capture_on_commit_callbacks):
    link, token = link_for(order)
    with django_capture_on_commit_callbacks(execute=True):
        upload(client, token, "front", images["front"])
    refused = client.post(f"/m/{token}/manual-review/", follow=True).content.decode()
    assert "失败3次后才可申请人工审核" in refused
    for _ in range(3):
        with django_capture_on_commit_callbacks(execute=True):
            frames_post(client, token, images["astronaut_frames"])
    failed = list(FaceAttempt.objects.all())
    assert [a.code for a in failed] == ["live_vs_registry"] * 3
    assert "人脸核验采集人脸与公安库不一致" in failed[0].message
    status = client.get(f"/m/{token}/status/").content.decode()
    assert "申请人工审核" in status
    client.post(f"/m/{token}/manual-review/")
    client.post(f"/m/{token}/manual-review/")  # a double tap creates nothing more
    assert ManualReviewRequest.objects.filter(order=order, resolved_at__isnull=True).count() == 1


def test_a_still_photo_fails_liveness(client, order, images, django_capture_on_commit_callbacks):
    _, token = link_for(order)
    with django_capture_on_commit_callbacks(execute=True):
        frames_post(client, token, images["still_frames"])
    attempt = FaceAttempt.objects.get()
    assert attempt.status == FaceAttempt.FAILED and attempt.code == "liveness_no_motion"
    assert "转头" in attempt.message


def test_unknown_identity_is_told_to_check_name_and_number(client, person, images, django_capture_on_commit_callbacks):
    order = make_order(person)  # nobody seeded in the registry
    _, token = link_for(order)
    with django_capture_on_commit_callbacks(execute=True):
        frames_post(client, token, images["hopper_frames"])
    attempt = FaceAttempt.objects.get()
    assert attempt.code == "registry_not_found" and attempt.message == "请检查姓名和证件号是否正确"


@pytest.mark.parametrize(("data", "name", "needle"), [
    (b"MZ\x90\x00 renamed executable" * 10, "id.jpg", "不是有效的图片"),
    (None, "id.jpg", "须小于4MB"),
    (b"\xff\xd8\xff\xe0broken jpeg", "id.jpg", "损坏"),
])
def test_bad_uploads_keep_what_was_uploaded(client, order, images, data, name, needle, django_capture_on_commit_callbacks):
    _, token = link_for(order)
    with django_capture_on_commit_callbacks(execute=True):
        upload(client, token, "front", images["front"])
    if data is None:  # exactly 4 MiB: a valid PNG padded to the limit
        buf = io.BytesIO()
        Image.new("RGB", (800, 600)).save(buf, "PNG")
        data = buf.getvalue() + b"\0" * (4 * 1024 * 1024 - len(buf.getvalue()))
        assert len(data) == 4 * 1024 * 1024
    page = upload(client, token, "front", data, name).content.decode()
    assert needle in page
    kept = Material.objects.get(order=order, side="front", status=Material.ACTIVE)
    assert kept.evidence["ocr_status"] == "done"


def test_wrong_side_and_expired_id_are_explained(client, order, images, django_capture_on_commit_callbacks):
    _, token = link_for(order)
    with django_capture_on_commit_callbacks(execute=True):
        upload(client, token, "back", images["front"])
    status = client.get(f"/m/{token}/status/").content.decode()
    assert "看起来是身份证人像面" in status
    with django_capture_on_commit_callbacks(execute=True):
        upload(client, token, "back", images["expired_back"])
    codes = [i["code"] for i in Material.objects.get(order=order, side="back", status=Material.ACTIVE).evidence["issues"]]
    assert "expired" in codes
    assert Material.objects.filter(order=order, side="back").count() == 2  # the earlier upload is kept, replaced


def test_token_scoped_to_its_order_and_person(client, order, person, images):
    other = make_order(syn.random_person(random.Random(99)), email="other@example.com", domain="other-demo.com")
    _, other_token = link_for(other)
    # Using order B's token cannot reach order A's slots: the owner/slot is checked against the link.
    page = client.post(f"/m/{other_token}/upload/", {"kind": "subject_certificate", "owner": "subject", "side": "",
                                                     "file": SimpleUploadedFile("x.jpg", images["front"])},
                       follow=True).content.decode()
    assert "无法识别要上传的资料项" in page
    assert not Material.objects.filter(order=order).exists()
    tampered = other_token[:-3] + ("aaa" if not other_token.endswith("aaa") else "bbb")
    response = client.get(f"/m/{tampered}/")
    assert response.status_code == 404 and "链接无效" in response.content.decode()


def test_revoked_expired_and_used_links_say_so(client, order):
    link, token = link_for(order)
    assert client.get(f"/m/{token}/").status_code == 200
    assert client.get(f"/m/{token}/").status_code == 200  # works again after a reload
    _, newer = link_for(order)  # a new link for the same person revokes the old one
    revoked = client.get(f"/m/{token}/")
    assert revoked.status_code == 410 and "已撤销" in revoked.content.decode()
    link2 = PhoneLink.objects.get(revoked_at__isnull=True)
    PhoneLink.objects.filter(pk=link2.pk).update(expires_at=timezone.now() - timedelta(minutes=1))
    assert "已过期" in client.get(f"/m/{newer}/").content.decode()
    PhoneLink.objects.filter(pk=link2.pk).update(expires_at=timezone.now() + timedelta(hours=1))
    Order.objects.filter(pk=order.pk).update(state=states.PROVIDER_REVIEW)
    used = client.get(f"/m/{newer}/")
    assert used.status_code == 410 and "无需再使用此链接" in used.content.decode()


def test_pc_materials_page_shows_qr_and_link(client, order):
    client.force_login(order.account)
    client.post(f"/orders/{order.pk}/materials/", {"action": "phone_link", "person": "subject_principal"})
    page = client.get(f"/orders/{order.pk}/materials/").content.decode()
    assert "<svg" in page and "/m/" in page and "撤销链接" in page
    pdf = client.get(f"/materials/{order.pk}/template/authorization_letter.pdf")
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    client.logout()
    assert client.get(f"/materials/{order.pk}/template/site_plan.pdf").status_code == 302


def test_frames_that_are_not_images_are_refused(client, order):
    _, token = link_for(order)
    response = frames_post(client, token, [b"not an image"] * 6)
    assert response.status_code == 400 and response.json()["code"] == "frames_invalid"


def test_retention_keeps_frames_while_in_flight_and_purges_them_after_cancel_but_keeps_scores(
        client, order, images, django_capture_on_commit_callbacks):
    from beian.filings.services import cancel_order
    from beian.verification.retention import purge_due_evidence

    _, token = link_for(order)
    with django_capture_on_commit_callbacks(execute=True):
        frames_post(client, token, images["still_frames"])
    attempt = FaceAttempt.objects.get()
    # Evidence is review material (decision #20): an order in flight keeps it however old the attempt is.
    assert purge_due_evidence(now=timezone.now() + timedelta(days=1000)) == 0
    attempt.refresh_from_db()
    assert attempt.frames and attempt.purged_at is None
    cancel_order(order=order, actor=order.account)
    assert purge_due_evidence(now=timezone.now() + timedelta(days=91)) == 1
    attempt.refresh_from_db()
    assert attempt.frames == [] and attempt.purged_at and attempt.evidence["liveness"]["code"] == "no_motion"


def test_reviewer_sees_evidence_and_decides_manual_review(client, order, images, django_capture_on_commit_callbacks):
    from django.contrib.auth.models import Group

    _, token = link_for(order)
    with django_capture_on_commit_callbacks(execute=True):
        upload(client, token, "front", images["front"])
    for _ in range(3):
        with django_capture_on_commit_callbacks(execute=True):
            frames_post(client, token, images["astronaut_frames"])
    client.post(f"/m/{token}/manual-review/")
    reviewer = get_user_model().objects.create_user("rev@example.com", "rev@example.com", "pw-12345678", is_staff=True)
    reviewer.groups.add(Group.objects.get_or_create(name="reviewers")[0])
    attempt = FaceAttempt.objects.first()
    # The applicant cannot open captured frames; the reviewer can, and it is logged.
    client.force_login(order.account)
    assert client.get(f"/review/face/{attempt.pk}/0/").status_code == 404
    client.force_login(reviewer)
    page = client.get(f"/review/{order.pk}/").content.decode()
    assert "真实性核验证据" in page and str(attempt.evidence["live_vs_registry"]) in page and "人工核验通过" in page
    frame = client.get(f"/review/face/{attempt.pk}/0/")
    assert frame.status_code == 200 and b"".join(frame.streaming_content)[:2] == b"\xff\xd8"
    assert OrderEvent.objects.filter(order=order, kind="material_view", payload__face_attempt=attempt.pk).exists()
    request = ManualReviewRequest.objects.get()
    # An approval stands in for the face check: it needs a reason on record (issue 13 #1).
    refused = client.post(f"/review/{order.pk}/manual-review/", {"request": request.pk, "outcome": "approved"},
                          follow=True).content.decode()
    assert "请填写人工核验的理由" in refused and not services.is_verified(order, "subject_principal")
    client.post(f"/review/{order.pk}/manual-review/", {"request": request.pk, "outcome": "approved",
                                                       "reason": "已视频通话核实为本人"})
    assert services.is_verified(order, "subject_principal")
    request.refresh_from_db()
    assert request.reason == "已视频通话核实为本人" and request.resolved_by == reviewer
    event = OrderEvent.objects.get(order=order, kind="manual_review", actor=reviewer)
    assert "已视频通话核实为本人" in event.reason and event.payload["outcome"] == "approved"
