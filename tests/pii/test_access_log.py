"""Every read of evidence is in the order's audit trail: material images (applicant's PC preview, reviewer),
face frames (reviewer), OCR readings (the PC materials page, the phone page, the reviewer's order page)."""

import pytest
from django.core.files.base import ContentFile

from beian.documents import messages as documents_msg
from beian.documents.models import materials_storage
from beian.documents.services import store_material
from beian.filings import states
from beian.filings.models import Order, OrderEvent
from beian.filings.services import create_order
from beian.verification import services as verification
from beian.verification.models import FaceAttempt
from tests.pii.support import ID_NUMBER, account, person_application
from tests.review.support import make_reviewer
from tests.wizard.support import image_bytes

pytestmark = pytest.mark.django_db


@pytest.fixture
def order_with_evidence():
    order = create_order(account=account(), application=person_application())
    Order.objects.filter(pk=order.pk).update(state=states.MATERIALS)
    order.refresh_from_db()
    material = store_material(order=order, kind="principal_id", owner="subject_principal", side="front",
                              data=image_bytes(), via="pc")
    material.evidence = {"ocr_status": "done", "issues": [], "rows": [
        {"field": "证件号码", "typed": ID_NUMBER, "read": ID_NUMBER, "ok": True, "message": documents_msg.MATCHES}]}
    material.save()
    frames = [materials_storage().save(f"verification/{order.pk}/t/{i}.jpg", ContentFile(image_bytes(480, 360, "JPEG")))
              for i in range(4)]
    attempt = FaceAttempt.objects.create(order=order, person="subject_principal", frames=frames,
                                         status=FaceAttempt.FAILED)
    return order, material, attempt


def views(order, **payload) -> list[OrderEvent]:
    return [e for e in OrderEvent.objects.filter(order=order, kind="material_view")
            if all(e.payload.get(k) == v for k, v in payload.items())]


def test_pc_materials_page_showing_ocr_readings_is_logged(client, order_with_evidence):
    order, material, _ = order_with_evidence
    client.force_login(order.account)
    assert client.get(f"/orders/{order.pk}/materials/").status_code == 200
    [event] = views(order, ocr=[material.pk])
    assert event.role == "applicant" and event.actor == order.account


def test_phone_page_showing_ocr_readings_is_logged(client, order_with_evidence):
    order, material, _ = order_with_evidence
    link, token = verification.create_link(order=order, person="subject_principal", user=order.account)
    client.get(f"/m/{token}/")
    client.get(f"/m/{token}/status/")
    events = views(order, ocr=[material.pk], link=link.pk)
    assert len(events) == 2 and all(e.role == "phone" and e.actor is None for e in events)


def test_images_and_frames_are_logged_for_applicant_and_reviewer(client, order_with_evidence):
    order, material, attempt = order_with_evidence
    client.force_login(order.account)
    response = client.get(f"/review/material/{material.pk}/")
    assert response.status_code == 200 and b"".join(response.streaming_content)[:2] == b"\xff\xd8"
    reviewer = make_reviewer()
    client.force_login(reviewer)
    assert client.get(f"/review/material/{material.pk}/").status_code == 200
    assert client.get(f"/review/face/{attempt.pk}/1/").status_code == 200
    assert {e.role for e in views(order, material=material.pk)} == {"applicant", "reviewer"}
    assert views(order, face_attempt=attempt.pk, frame=1)[0].actor == reviewer
    client.get(f"/review/{order.pk}/")  # full ID numbers and the OCR table
    assert OrderEvent.objects.filter(order=order, kind="evidence_view", actor=reviewer).exists()
    # Someone else's applicant reads nothing and leaves no entry.
    before = OrderEvent.objects.filter(order=order).count()
    client.force_login(account("stranger@example.com"))
    assert client.get(f"/review/material/{material.pk}/").status_code == 404
    assert client.get(f"/review/face/{attempt.pk}/1/").status_code == 404
    assert OrderEvent.objects.filter(order=order).count() == before
