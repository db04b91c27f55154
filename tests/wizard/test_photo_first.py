"""手机拍照备案 (wizard/photo_first.py) through the test client: the certificates photographed first fill the form,
each filled field marked on the ordinary step 1; below the confidence threshold nothing is filled and the field is
flagged; the photos are the order's materials, with the recapture evidence."""

import pytest
from django.contrib.auth import get_user_model
from django.test import override_settings

from beian.documents import realistic
from beian.documents.models import Material
from beian.filings.models import Order, OrderEvent

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(scope="module")
def ids():
    return realistic.make_sample("id_front", 1, profile="gentle"), realistic.make_sample("id_back", 1, profile="gentle")


def _client(client, email="photo@example.com"):
    user = get_user_model().objects.create_user(email, email, "Str0ng-pass-99")
    client.force_login(user)
    return user


def _start(client, nature="individual"):
    response = client.post("/orders/photo/", {"nature": nature, "province": "北京市"})
    assert response.status_code == 302
    return Order.objects.get(pk=int(response.url.split("/")[2]))


def _photograph(client, order, side, data):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return client.post(f"/orders/{order.pk}/photo/", {"kind": "principal_id", "owner": "subject_principal", "side": side,
                                                      "file": SimpleUploadedFile("p.jpg", data, "image/jpeg")})


def test_an_individuals_id_fills_step_one_and_is_the_orders_material(client, ids):
    front, back = ids
    _client(client)
    order = _start(client)
    page = client.get(f"/orders/{order.pk}/photo/").content.decode()
    assert page.count('capture="environment"') == 2 and 'accept="image/*"' in page
    assert _photograph(client, order, "front", front.data).status_code == 302
    assert _photograph(client, order, "back", back.data).status_code == 302
    order.refresh_from_db()
    subject = order.application["subject"]
    assert (subject["name"], subject["cert_number"], subject["cert_address"]) == (
        front.fields["name"], front.fields["cert_number"], front.fields["address"])
    assert subject["principal"]["cert_valid_until"] == back.fields["valid_until"]
    assert order.kind == "first" and order.meta["photo_first"] is True
    materials = Material.objects.filter(order=order, status=Material.ACTIVE)
    assert sorted(m.side for m in materials) == ["back", "front"] and {m.via for m in materials} == {"camera"}
    assert all(m.evidence["recapture"]["signals"] == [] for m in materials)
    assert OrderEvent.objects.filter(order=order, kind="prefill").exists()

    basic = client.get(f"/orders/{order.pk}/basic/").content.decode()
    assert basic.count('data-ocr="read"') == 3 and "由证件识别，可修改" in basic
    status = client.get(f"/orders/{order.pk}/photo/?part=status").content.decode()
    assert front.fields["name"] in status and 'data-pending="0"' in status
    # The materials step lists both sides as uploaded: nothing to upload twice.
    materials_page = client.get(f"/orders/{order.pk}/materials/").content.decode()
    assert materials_page.count("已上传") >= 2


@override_settings(OCR_MIN_CONFIDENCE=1.01)
def test_below_the_threshold_nothing_is_filled_and_the_fields_are_flagged(client, ids):
    front, _ = ids
    _client(client, "unsure@example.com")
    order = _start(client)
    _photograph(client, order, "front", front.data)
    order.refresh_from_db()
    assert order.application["subject"]["name"] == "" and order.application["subject"]["cert_number"] == ""
    basic = client.get(f"/orders/{order.pk}/basic/").content.decode()
    assert basic.count('data-ocr="unsure"') == 3 and 'data-ocr="read"' not in basic


def test_bad_choices_and_other_peoples_orders(client):
    _client(client, "bad@example.com")
    response = client.post("/orders/photo/", {"nature": "government", "province": "北京市"})
    assert response.status_code == 400 and "请选择备案性质" in response.content.decode()
    assert not Order.objects.exists()
    other = get_user_model().objects.create_user("o@example.com", "o@example.com", "Str0ng-pass-99")
    from beian.filings.services import create_order
    from beian.wizard.photo_first import application_for

    theirs = create_order(account=other, application=application_for(nature="individual", province="北京市"))
    assert client.get(f"/orders/{theirs.pk}/photo/").status_code == 404
    mine = _start(client)
    response = client.post(f"/orders/{mine.pk}/photo/", {"kind": "site_plan", "owner": "subject", "side": ""})
    assert response.status_code == 400 and "请选择要上传的图片" in response.content.decode()


def test_a_recaptured_photo_is_kept_with_a_hint_and_the_reviewer_sees_the_evidence(client, ids):
    import io

    from django.contrib.auth.models import Group
    from PIL import Image

    from beian.documents import synthetic
    from beian.filings import states

    front, _ = ids
    screen = synthetic.to_bytes(synthetic.recaptured(Image.open(io.BytesIO(front.data))), quality=88)
    _client(client, "screen@example.com")
    order = _start(client)
    assert _photograph(client, order, "front", screen).status_code == 302  # never refused
    material = Material.objects.get(order=order, status=Material.ACTIVE)
    signal = next(s for s in material.evidence["recapture"]["signals"] if s["code"] == "screen_moire")
    assert signal["evidence"]["score"] > signal["evidence"]["threshold"]
    page = client.get(f"/orders/{order.pk}/photo/").content.decode()
    assert "screen_moire" in page and "不可以翻拍存储在手机或电脑中的证件照片" in page

    Order.objects.filter(pk=order.pk).update(state=states.PROVIDER_REVIEW)
    reviewer = get_user_model().objects.create_user("rev@example.com", "rev@example.com", "Str0ng-pass-99", is_staff=True)
    reviewer.groups.add(Group.objects.get_or_create(name="reviewers")[0])
    client.force_login(reviewer)
    console = client.get(f"/review/{order.pk}/").content.decode()
    assert 'data-code="screen_moire"' in console and "摩尔纹强度" in console and "手机拍照备案" in console
