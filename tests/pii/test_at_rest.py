"""What a stolen database or bucket shows: no ID number, no mobile, no photo.

The demo seed runs every real step (orders in every state, uploads with OCR, face checks with captured
frames, submissions, SMS, ministry approvals); an SMS code and a reviewer's call are added. Then every cell of
every table is read by raw SQL and every material file from the disk."""

import pytest

from beian import demo_data as data
from beian.documents.models import Material
from beian.filings.demo import seed_demo
from beian.filings.models import Order
from beian.notifications.models import Message, SmsRecord
from beian.review.services import log_call
from beian.verification.models import FaceAttempt
from beian.verification.services import create_link, start_attempt
from beian.wizard.mobile import send_code
from tests.pii.support import plaintext_hits, stored_bytes
from tests.wizard.support import image_bytes

pytestmark = pytest.mark.django_db

ID_NUMBER, MOBILE, EMERGENCY = data.PERSON["cert_number"], data.PERSON["mobile"], data.PERSON["emergency_mobile"]
IMAGE_MAGIC = (b"\xff\xd8\xff", b"\x89PNG", b"GIF8", b"RIFF")


def stored_frame() -> bytes:
    return image_bytes(640, 480, "JPEG")


def test_no_table_or_file_holds_a_plain_id_number_mobile_or_photo(django_capture_on_commit_callbacks):
    # One seed for both halves: it is the slowest fixture of the suite (face checks are skipped; one attempt's
    # frames are stored through the phone page's service instead).
    with django_capture_on_commit_callbacks(execute=True):
        demo = seed_demo(verify_faces=False)
    draft, in_review = demo["orders"]["draft"], demo["orders"]["provider_review"]
    with django_capture_on_commit_callbacks(execute=True):
        send_code(order=draft, mobile=MOBILE)
    log_call(order=in_review, reviewer=demo["accounts"]["reviewer"], mobile=MOBILE, outcome="confirmed")
    link, _ = create_link(order=in_review, person="subject_principal", user=in_review.account)
    start_attempt(link=link, frames=[stored_frame()] * 4)  # the check itself waits for commit: not run here

    # The rows exist (so the search below means something) and read back as plain values through the ORM.
    assert Order.objects.get(pk=draft.pk).application["subject"]["principal"]["cert_number"] == ID_NUMBER
    assert SmsRecord.objects.filter(SmsRecord.for_mobile(MOBILE)).exists()
    assert Message.objects.filter(channel=Message.SMS).exists()
    assert any((m.evidence.get("ocr") or {}).get("fields", {}).get("cert_number") == ID_NUMBER
               for m in Material.objects.all())
    assert plaintext_hits(ID_NUMBER, MOBILE, EMERGENCY) == []

    names = [name for m in Material.objects.all() for name in (m.original.name, m.derived.name) if name]
    frames = [name for a in FaceAttempt.objects.all() for name in a.frames]
    assert names and frames
    for name in names + frames:
        stored = stored_bytes(name)
        assert stored.startswith(b"BEIANPII1\n"), name
        assert not stored.startswith(IMAGE_MAGIC), name
    # Through the storage they are the images again (OCR, face matching and the image views read these).
    material = Material.objects.filter(kind="principal_id").first()
    with material.original.open("rb") as fh:
        assert fh.read().startswith(IMAGE_MAGIC)
