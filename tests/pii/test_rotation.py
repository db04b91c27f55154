"""`rotate_data_keys`: rows written under k1 stay readable (and findable) once k2 is added in front; after the
rotation every value, index and file is under k2, a second run has nothing to do, and k1 can be removed."""

import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from beian.documents.models import Material, materials_storage
from beian.documents.services import store_material
from beian.filings.claims import ClaimConflict
from beian.filings.demo import seed_approved_filing
from beian.filings.models import Filing, InFlightClaim, Order
from beian.filings.selectors import own_filing
from beian.filings.services import create_order, update_application
from beian.notifications.models import SmsRecord
from beian.notifications.sms import SinkGateway
from beian.pii import crypto, rotation
from beian.pii.models import DataKey
from beian.pii.rotation import sealed_fields
from beian.pii.services import verify_keys
from beian.review.services import log_call
from beian.verification.models import FaceAttempt
from beian.verification.services import create_link, start_attempt
from beian.wizard.mobile import send_code
from beian.wizard.models import MobileCode
from tests.pii.support import ID_NUMBER, MOBILE, account, person_application, stored_bytes
from tests.review.support import make_reviewer
from tests.wizard.support import image_bytes

pytestmark = pytest.mark.django_db
K1, K2 = ("k1", b"\x01" * 32), ("k2", b"\x02" * 32)
PHOTO = image_bytes(800, 600, "JPEG")


@pytest.fixture
def under_k1(settings, django_capture_on_commit_callbacks):
    """One of everything sealed or indexed, written while k1 is the only key."""
    settings.DATA_KEYS = [K1]
    verify_keys()
    applicant = account()
    order = create_order(account=applicant, application=person_application())
    seed_approved_filing(applicant, subject=person_application()["subject"], province="山东省",
                         number="鲁ICP备2026000001号", domain="pii-filed.com", site_name="读书随笔", instance_id="i-1",
                         ip="47.96.1.2")
    material = store_material(order=order, kind="principal_id", owner="subject_principal", side="front", data=PHOTO,
                              via="pc")
    material.evidence = {"ocr_status": "done", "ocr": {"fields": {"cert_number": ID_NUMBER}}}
    material.save()
    link, _ = create_link(order=order, person="subject_principal", user=applicant)
    start_attempt(link=link, frames=[PHOTO] * 4)
    with django_capture_on_commit_callbacks(execute=True):
        send_code(order=order, mobile=MOBILE)
    SinkGateway().send(to=MOBILE, text="验证码为123456")
    log_call(order=order, reviewer=make_reviewer(), mobile=MOBILE, outcome="confirmed")
    return order


def raw_key_ids() -> set[str]:
    """The key id of every sealed value in the database, by raw SQL ("plain" for one not sealed)."""
    quote, found = connection.ops.quote_name, set()
    with connection.cursor() as cursor:
        for model, name in sealed_fields():
            cursor.execute(f"SELECT {quote(model._meta.get_field(name).column)} FROM {quote(model._meta.db_table)}")
            found |= {crypto.text_key_id(v) or "plain" for (v,) in cursor.fetchall() if v}
    return found


def index_key_ids() -> set[str]:
    values = [*Order.objects.values_list("subject_cert_index", flat=True),
              *Filing.objects.values_list("cert_index", flat=True),
              *MobileCode.objects.values_list("mobile_index", flat=True),
              *SmsRecord.objects.values_list("to_index", flat=True),
              *InFlightClaim.objects.filter(kind="cert").values_list("key", flat=True)]
    return {v.split(":")[0] for v in values if v}


def file_key_ids() -> set[str]:
    names = [n for m in Material.objects.all() for n in (m.original.name, m.derived.name) if n]
    names += [n for a in FaceAttempt.objects.all() for n in a.frames]
    return {crypto.bytes_key_id(stored_bytes(n)) for n in names}


def readable(order) -> None:
    """Everything reads back and is found by its lookups under the current configuration."""
    assert Order.objects.get(pk=order.pk).application["subject"]["cert_number"] == ID_NUMBER
    assert own_filing(account=order.account, cert_number=ID_NUMBER) is not None
    assert SmsRecord.objects.filter(SmsRecord.for_mobile(MOBILE)).count() == 2
    assert MobileCode.objects.filter(MobileCode.for_mobile(MOBILE)).get().mobile == MOBILE
    material = Material.objects.get(order=order)
    assert material.evidence["ocr"]["fields"]["cert_number"] == ID_NUMBER
    with material.original.open("rb") as fh:
        assert fh.read() == PHOTO
    with materials_storage().open(FaceAttempt.objects.get().frames[0]) as fh:
        assert fh.read() == PHOTO
    assert order.calls.get().mobile == MOBILE


def test_rows_under_k1_stay_readable_then_rotation_moves_everything_to_k2(settings, under_k1):
    order = under_k1
    assert raw_key_ids() == index_key_ids() == file_key_ids() == {"k1"}

    settings.DATA_KEYS = [K2, K1]  # the new key first, the old one kept
    verify_keys()
    readable(order)
    # A new order for the same person is still refused while the k1-indexed order is in flight (by the same
    # account: another one is refused earlier, the subject being filed under this one, issue 13 #4).
    with pytest.raises(ClaimConflict):
        create_order(account=order.account, application=person_application(domain="other.com"))
    # New writes use k2 at once.
    update_application(order=order, actor=order.account, application=person_application(), version=order.version)
    assert "k2" in raw_key_ids() and "k2" in index_key_ids()

    out = io.StringIO()
    call_command("rotate_data_keys", "--dry-run", stdout=out)
    assert "需要转换" in out.getvalue() and "k1" in raw_key_ids() and file_key_ids() == {"k1"}

    out = io.StringIO()
    call_command("rotate_data_keys", stdout=out)
    assert raw_key_ids() == index_key_ids() == file_key_ids() == {"k2"}
    assert "可以从 BEIAN_DATA_KEYS 中删除" in out.getvalue()
    assert DataKey.objects.get(kid="k1").retired_at is not None
    readable(order)

    out = io.StringIO()
    call_command("rotate_data_keys", stdout=out)  # idempotent: nothing left to do
    assert all(line.endswith("0 项已转到当前密钥") for line in out.getvalue().splitlines() if "：" in line
               and "项" in line)

    settings.DATA_KEYS = [K2]  # k1 removed
    verify_keys()
    readable(order)


def test_an_interrupted_rotation_is_resumed_by_running_it_again(settings, under_k1, monkeypatch):
    settings.DATA_KEYS = [K2, K1]
    real, calls = crypto.rewrap_bytes, []

    def failing(data):
        calls.append(1)
        if len(calls) == 3:
            raise RuntimeError("the process was stopped here")
        return real(data)

    monkeypatch.setattr(crypto, "rewrap_bytes", failing)
    with pytest.raises(RuntimeError):
        call_command("rotate_data_keys", stdout=io.StringIO())
    assert file_key_ids() == {"k1", "k2"}  # half way
    monkeypatch.setattr(crypto, "rewrap_bytes", real)
    call_command("rotate_data_keys", stdout=io.StringIO())
    assert raw_key_ids() == index_key_ids() == file_key_ids() == {"k2"}
    assert rotation.remaining() == 0
    readable(under_k1)


def test_rotation_stops_when_a_key_is_missing(settings, under_k1):
    settings.DATA_KEYS = [K2]
    with pytest.raises(Exception, match="仍可能由密钥 k1 加密"):
        call_command("rotate_data_keys", stdout=io.StringIO())
    assert raw_key_ids() == {"k1"}


def test_command_reports_a_missing_file_and_still_completes(settings, under_k1):
    settings.DATA_KEYS = [K2, K1]
    name = Material.objects.get().derived.name
    materials_storage().delete(name)  # nothing left to protect: reported for a person to look at, not blocking
    err = io.StringIO()
    call_command("rotate_data_keys", stdout=io.StringIO(), stderr=err)
    assert name in err.getvalue() and DataKey.objects.get(kid="k1").retired_at is not None


def test_a_row_under_an_unknown_key_blocks_completion(settings, under_k1):
    settings.DATA_KEYS = [K2, K1]
    call_command("rotate_data_keys", stdout=io.StringIO())
    settings.DATA_KEYS = [("k3", b"\x03" * 32), K2]
    Order.objects.filter(pk=under_k1.pk).update(application=rotation_sealed_under(K1))
    with pytest.raises(CommandError, match="未转换"):
        call_command("rotate_data_keys", stdout=io.StringIO(), stderr=io.StringIO())
    assert DataKey.objects.get(kid="k2").retired_at is None


def rotation_sealed_under(key):
    """A value sealed under `key` alone (as if written by a process still configured with it)."""
    from django.test import override_settings

    from beian.pii.fields import Sealed

    with override_settings(DATA_KEYS=[key]):
        return Sealed(crypto.seal_text('{"subject": {}}'))
