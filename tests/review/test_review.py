import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile

from beian.filings import states
from beian.filings.models import Order, OrderEvent
from tests.verification.support import pass_verification
from tests.wizard.support import applicant_with_products, basic_post, image_bytes, setup_registry

pytestmark = pytest.mark.django_db


@pytest.fixture
def reviewer():
    user = get_user_model().objects.create_user("rev@example.com", "rev@example.com", "pw-12345678", is_staff=True)
    user.groups.add(Group.objects.get_or_create(name="reviewers")[0])
    return user


@pytest.fixture
def submitted(client):
    setup_registry()
    account, _ = applicant_with_products()
    client.force_login(account)
    client.post("/orders/new/", basic_post())
    order = Order.objects.get()
    client.post(f"/orders/{order.pk}/materials/", {"kind": "subject_certificate", "owner": "subject", "side": "",
                                                  "file": SimpleUploadedFile("a.png", image_bytes())})
    Order.objects.filter(pk=order.pk).update(state=states.PROVIDER_REVIEW)
    order.refresh_from_db()
    return order, account


def test_only_reviewers_get_in(client, submitted):
    order, account = submitted
    client.force_login(account)
    assert client.get("/review/").status_code == 403
    assert client.get(f"/review/{order.pk}/").status_code == 403
    assert client.post(f"/review/{order.pk}/approve/").status_code == 403
    client.logout()
    assert client.get("/review/").status_code == 302


def test_queue_masks_ids_and_shows_sla(client, submitted, reviewer):
    order, _ = submitted
    client.force_login(reviewer)
    page = client.get("/review/").content.decode()
    assert order.reference in page and order.application["subject"]["cert_number"] not in page and "****" in page


def test_field_rejection_supplement_and_resubmission(client, submitted, reviewer):
    order, account = submitted
    client.force_login(reviewer)
    assert order.application["subject"]["cert_number"] in client.get(f"/review/{order.pk}/").content.decode()
    assert OrderEvent.objects.filter(order=order, kind="evidence_view", actor=reviewer).exists()
    material = order.materials.get()
    assert client.get(f"/review/material/{material.pk}/").status_code == 200
    client.post(f"/review/{order.pk}/claim/")
    client.post(f"/review/{order.pk}/field/", {"path": "subject.cert_address", "verdict": "reject",
                                               "reason_code": "registry_mismatch", "note": "与营业执照住所不一致"})
    blocked = client.post(f"/review/{order.pk}/approve/", follow=True).content.decode()
    assert "未通过审核" in blocked
    client.post(f"/review/{order.pk}/supplement/", {"kind": "mail", "details": "请邮寄营业执照复印件",
                                                    "mail_address": "杭州市某路1号", "tracking_number": "SF123"})
    order.refresh_from_db()
    assert order.state == states.SUPPLEMENT_REQUIRED
    assert "与营业执照住所不一致" in order.events.filter(to_state=states.SUPPLEMENT_REQUIRED).get().reason
    client.force_login(account)
    page = client.get(f"/orders/{order.pk}/basic/").content.decode()
    assert "初审意见" in page and "与营业执照住所不一致" in page
    # The reviewer's reason sits at the field it is about.
    field_html = page.split('data-field="subject.cert_address"')[1].split("data-field=")[0]
    assert "与营业执照住所不一致" in field_html
    assert client.get(f"/review/material/{material.pk}/").status_code == 200, "the applicant sees their own material"
    other = get_user_model().objects.create_user("x@example.com", "x@example.com", "pw-12345678")
    client.force_login(other)
    assert client.get(f"/review/material/{material.pk}/").status_code == 404


def test_approval_moves_to_pending_ministry(client, submitted, reviewer):
    order, _ = submitted
    client.force_login(reviewer)
    client.post(f"/review/{order.pk}/field/", {"path": "subject.name", "verdict": "approve", "reason_code": "other"})
    client.post(f"/review/{order.pk}/call/", {"mobile": "13800000000", "outcome": "reached", "notes": "核实无误"})
    pass_verification(order)
    client.post(f"/review/{order.pk}/approve/")
    order.refresh_from_db()
    assert order.state == states.PENDING_MINISTRY
    kinds = set(OrderEvent.objects.filter(order=order, actor=reviewer).values_list("kind", flat=True))
    assert {"review_field", "review_call", "transition"} <= kinds
