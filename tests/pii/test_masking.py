"""Full values only where a person needs them (the applicant's own form, the reviewer's order page); masked in
lists, on the phone page, on the demo sink, in logs; never searchable inside the sealed columns."""

import io
import logging

import pytest
from django.contrib import admin
from django.core.exceptions import FieldError
from django.utils import timezone

from beian.documents import messages as documents_msg
from beian.documents.services import store_material
from beian.filings import states
from beian.filings.models import Filing, Order
from beian.filings.services import create_order
from beian.notifications.sms import SinkGateway
from beian.pii.fields import EncryptedJSONField, EncryptedTextField
from beian.pii.logmask import MaskFilter
from beian.pii.mask import mask_cert, mask_mobile, mask_text
from beian.verification import services as verification
from beian.wizard.mobile import send_code
from tests.pii.support import EMERGENCY, ID_NUMBER, MOBILE, account, person_application
from tests.review.support import make_reviewer
from tests.wizard.support import image_bytes

MASKED_ID, MASKED_MOBILE = "3701**********7859", "139****5678"


def test_mask_formats():
    assert mask_cert(ID_NUMBER) == MASKED_ID and mask_cert("33010619900101123X") == "3301**********123X"
    assert mask_mobile(MOBILE) == MASKED_MOBILE and mask_mobile("") == ""
    assert mask_text(f"查询 {ID_NUMBER} 手机{MOBILE}，订单BA20260101900001") == (
        f"查询 {MASKED_ID} 手机{MASKED_MOBILE}，订单BA20260101900001")


@pytest.fixture
def in_review(db):
    order = create_order(account=account(), application=person_application())
    Order.objects.filter(pk=order.pk).update(state=states.PROVIDER_REVIEW, submitted_at=timezone.now())
    order.refresh_from_db()
    return order


def test_authorised_pages_show_the_values_and_lists_mask_them(client, in_review):
    reviewer, order = make_reviewer(), in_review
    client.force_login(reviewer)
    queue = client.get("/review/").content.decode()
    assert order.reference in queue and MASKED_ID in queue and ID_NUMBER not in queue
    page = client.get(f"/review/{order.pk}/").content.decode()
    assert ID_NUMBER in page and MOBILE in page and EMERGENCY in page  # the order page, access-logged
    client.force_login(order.account)
    assert MOBILE in client.get(f"/orders/{order.pk}/subject/").content.decode()
    client.force_login(account("stranger@example.com"))
    assert client.get(f"/orders/{order.pk}/subject/").status_code == 404


@pytest.mark.django_db
def test_demo_sink_lists_mobiles_masked_and_still_filters_by_the_full_number(client):
    SinkGateway().send(to=MOBILE, text="验证码为123456")
    SinkGateway().send(to="13700000001", text="验证码为654321")
    from django.contrib.auth import get_user_model

    client.force_login(get_user_model().objects.create_user("sink-staff", "sink@example.com", "x", is_staff=True))
    page = client.get(f"/notifications/sink/?mobile={MOBILE}").content.decode()
    assert MASKED_MOBILE in page and MOBILE not in page.replace(f'value="{MOBILE}"', "")
    assert "123456" in page and "654321" not in page


@pytest.mark.django_db
def test_phone_page_masks_the_id_number_it_read(client):
    order = create_order(account=account(), application=person_application())
    Order.objects.filter(pk=order.pk).update(state=states.MATERIALS)
    material = store_material(order=order, kind="principal_id", owner="subject_principal", side="front",
                              data=image_bytes(), via="phone")
    material.evidence = {"ocr_status": "done", "issues": [], "rows": [
        {"field": "姓名", "typed": "孙浩", "read": "孙浩", "ok": True, "message": documents_msg.MATCHES},
        {"field": "证件号码", "typed": ID_NUMBER, "read": "370102199302157850", "ok": False,
         "message": documents_msg.MISMATCH.format(field="证件号码", typed=ID_NUMBER, read="370102199302157850")}]}
    material.save()
    _, token = verification.create_link(order=order, person="subject_principal", user=order.account)
    for url in (f"/m/{token}/", f"/m/{token}/status/"):
        page = client.get(url).content.decode()
        assert MASKED_ID in page and "3701**********7850" in page, url
        assert ID_NUMBER not in page and "370102199302157850" not in page and "孙*" in page, url


@pytest.mark.django_db
def test_sealed_columns_cannot_be_searched():
    with pytest.raises(FieldError):
        list(Order.objects.filter(application__icontains="i-abc"))
    with pytest.raises(FieldError):
        list(Filing.objects.filter(application__subject__cert_number=ID_NUMBER))


def test_the_admin_registers_no_model_holding_personal_data():
    # Operators use the reviewer console (masked lists, logged order pages); the admin would show raw rows.
    for model in admin.site._registry:
        fields = model._meta.get_fields()
        assert not any(isinstance(f, EncryptedJSONField | EncryptedTextField) or f.name.endswith("_index")
                       for f in fields), model


def test_log_lines_mask_mobiles_and_id_numbers_even_inside_exceptions():
    """The configured console handler (settings.LOGGING) masks what a log call or an exception carries."""
    handler = next((h for h in logging.getLogger().handlers if any(isinstance(f, MaskFilter) for f in h.filters)),
                   None)
    assert handler is not None, "the console handler has no masking filter"
    stream = io.StringIO()
    previous = handler.setStream(stream)
    try:
        logger = logging.getLogger("beian.test")
        logger.warning("SMS to %s failed", MOBILE)
        try:
            raise RuntimeError(f"registry refused https://registry/check?cert_number={ID_NUMBER}")
        except RuntimeError:
            logger.exception("face attempt %s failed", 7)
    finally:
        handler.setStream(previous)
    text = stream.getvalue()
    assert MASKED_MOBILE in text and MASKED_ID in text and "face attempt 7 failed" in text
    assert MOBILE not in text and ID_NUMBER not in text


@pytest.mark.django_db
def test_the_flows_log_no_personal_values(caplog, django_capture_on_commit_callbacks, settings):
    settings.SMS_GATEWAY = "tests.pii.test_masking.BrokenGateway"
    caplog.set_level(logging.DEBUG)
    order = create_order(account=account(), application=person_application())
    with django_capture_on_commit_callbacks(execute=True):
        send_code(order=order, mobile=MOBILE)
    logged = "\n".join(r.getMessage() + (r.exc_text or "") for r in caplog.records)
    assert MOBILE not in logged and ID_NUMBER not in logged


class BrokenGateway(SinkGateway):
    def send(self, *, to: str, text: str) -> None:
        raise ConnectionError("gateway down")
