"""A database of an earlier version (plain applications, cert numbers, mobiles, evidence, image files) keeps
working: the migrations seal it, index it, and nothing plain is left."""

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import storages
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

from beian.documents.models import Material
from beian.filings.claims import ClaimConflict
from beian.filings.models import Filing, Order, OrderEvent
from beian.filings.selectors import own_filing
from beian.filings.services import create_order
from beian.notifications.models import Message, SmsRecord
from beian.review.models import CallLog
from beian.verification.models import FaceAttempt
from beian.wizard.models import MobileCode
from tests.pii.support import ID_NUMBER, MOBILE, person_application, plaintext_hits, stored_bytes
from tests.wizard.support import image_bytes

BEFORE = [("filings", "0001_initial"), ("documents", "0001_initial"), ("notifications", "0001_initial"),
          ("wizard", "0002_step_visit"), ("review", "0001_initial"), ("verification", "0001_initial")]
PHOTO = image_bytes(640, 480, "JPEG")


def _old_rows(apps):
    """What an earlier version stored, written through its own models."""
    now = timezone.now()
    user = apps.get_model("auth", "User").objects.create(username="old@example.com", email="old@example.com")
    app = person_application()
    Order, Filing, FiledWebsite = (apps.get_model("filings", n) for n in ("Order", "Filing", "FiledWebsite"))  # noqa: N806
    order = Order.objects.create(reference="BA20250101000001", account=user, state="provider_review",
                                 subject_cert_number=ID_NUMBER, application=app, last_applicant_update_at=now,
                                 state_changed_at=now)
    apps.get_model("filings", "InFlightClaim").objects.create(order=order, kind="cert", key=ID_NUMBER)
    apps.get_model("filings", "OrderEvent").objects.create(order=order, at=now, role="applicant", kind="transition",
                                                           to_state="provider_review",
                                                           payload={"sms_targets": [MOBILE]})
    filing = Filing.objects.create(account=user, province="山东省", subject_number="鲁ICP备2025000001号",
                                   subject_name="孙浩", cert_number=ID_NUMBER, nature="individual", approved_at=now,
                                   application={k: v for k, v in app.items() if k != "websites"})
    FiledWebsite.objects.create(filing=filing, seq=1, domain="old-site.com", name="读书随笔", approved_at=now,
                                website={**app["websites"][0], "principal": app["subject"]["principal"]})
    plain = storages["materials"].inner  # the storage as an earlier version used it: files in plain
    names = [plain.save(f"orders/{order.pk}/old{i}", ContentFile(PHOTO)) for i in range(2)]
    apps.get_model("documents", "Material").objects.create(
        order=order, kind="principal_id", owner="subject_principal", side="front", original=names[0],
        derived=names[1], format="jpg", bytes=len(PHOTO), sha256="-",
        evidence={"ocr_status": "done", "ocr": {"fields": {"cert_number": ID_NUMBER}}})
    frame = plain.save(f"verification/{order.pk}/old/00.jpg", ContentFile(PHOTO))
    apps.get_model("verification", "FaceAttempt").objects.create(order=order, person="subject_principal",
                                                                 frames=[frame])
    apps.get_model("wizard", "MobileCode").objects.create(order=order, mobile=MOBILE, code_hash="-", created_at=now,
                                                          expires_at=now)
    apps.get_model("notifications", "Message").objects.create(channel="sms", to=MOBILE, event="sms_code", body="码")
    apps.get_model("notifications", "SmsRecord").objects.create(to=MOBILE, body="验证码为123456")
    apps.get_model("review", "CallLog").objects.create(order=order, reviewer=user, at=now, mobile=MOBILE,
                                                       outcome="confirmed")
    return names + [frame]


@pytest.mark.django_db(transaction=True)
def test_an_earlier_versions_rows_and_files_are_sealed_by_migrate():
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    files = _old_rows(executor.loader.project_state(BEFORE).apps)
    assert plaintext_hits(ID_NUMBER, MOBILE)  # the old version's database, as it was
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())

    assert plaintext_hits(ID_NUMBER, MOBILE) == []
    assert all(stored_bytes(name).startswith(b"BEIANPII1\n") for name in [
        *(n for m in Material.objects.all() for n in (m.original.name, m.derived.name)),
        *(n for a in FaceAttempt.objects.all() for n in a.frames)])
    assert not any(storages["materials"].exists(name) for name in files)  # the plain files are gone
    # Everything reads back, and lookups find the old rows by their new indexes.
    order = Order.objects.get()
    assert order.application["subject"]["principal"]["mobile"] == MOBILE
    assert own_filing(account=order.account, cert_number=ID_NUMBER) == Filing.objects.get()
    assert Filing.objects.get().websites.get().website["principal"]["cert_number"] == ID_NUMBER
    material = Material.objects.get()
    assert material.evidence["ocr"]["fields"]["cert_number"] == ID_NUMBER
    with material.original.open("rb") as fh:
        assert fh.read() == PHOTO
    assert MobileCode.objects.filter(MobileCode.for_mobile(MOBILE)).get().mobile == MOBILE
    assert SmsRecord.objects.filter(SmsRecord.for_mobile(MOBILE)).get().to == MOBILE
    assert Message.objects.get().to == MOBILE and CallLog.objects.get().mobile == MOBILE
    assert OrderEvent.objects.get().payload["sms_targets"] == ["139****5678"]
    with pytest.raises(ClaimConflict):  # the old order's claim still holds the certificate (same account: issue 13 #4)
        create_order(account=order.account, application=person_application(domain="new-site.com"))
