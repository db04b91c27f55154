"""docs/api.md's Python example is code that works: its block is taken from the document and run against a live
server, from nothing to a submitted order. The person's face check on the phone is the one step no program can do
(tests/e2e/test_api_end_to_end.py does it in a real phone browser); here it is recorded as the phone page would."""

import re
import threading
from pathlib import Path

import pytest
from django.db import connection

from beian.filings import states
from beian.filings.models import Order
from beian.notifications.models import SmsRecord
from tests.api.individual import hangzhou_person, id_photos, individual_application, prepare
from tests.e2e.filing_kinds_support import mobile, unique
from tests.verification.support import pass_verification

pytestmark = pytest.mark.django_db(transaction=True)
DOC = Path(__file__).resolve().parents[2] / "docs" / "api.md"


def _python_example() -> dict:
    text = DOC.read_text(encoding="utf-8")
    section = text[text.index("### Python (httpx)"):]
    code = re.search(r"```python\n(.*?)```", section, re.S).group(1)
    namespace: dict = {}
    exec(compile(code, str(DOC), "exec"), namespace)  # noqa: S102 - our own document's example
    return namespace


def test_the_documented_python_example_files_a_website(live_server):
    doc = _python_example()
    n = unique()
    person, domain, phone = hangzhou_person(n), f"api-doc-{n}.com", mobile(n, "134")
    _, instance, key = prepare(n, person, domain)
    api = doc["client"](f"{live_server.url}/api/v1", key)
    application = individual_application(person, domain, phone)

    order = doc["file_website"](api, my_order_id=f"shop-{n}", application=application, instance_id=instance.instance_id)
    ref = order["reference"]
    sms = SmsRecord.objects.filter(SmsRecord.for_mobile(phone)).order_by("-pk").first()
    doc["confirm_mobile"](api, ref, re.search(r"验证码为(\d{6})", sms.body).group(1))
    photos = id_photos(person)
    missing = doc["upload"](api, ref, {f"principal_id:subject_principal:{side}": data for side, data in photos.items()})
    assert missing == []
    links = doc["phone_links"](api, ref)
    assert list(links) == ["subject_principal"] and "/m/" in links["subject_principal"]

    # The person verifies a moment later, while the program waits for it.
    def person_verifies():
        try:
            pass_verification(Order.objects.get(reference=ref))
        finally:
            connection.close()  # this thread's own connection: PostgreSQL must be able to drop the test database

    threading.Timer(1.0, person_verifies).start()
    submitted = doc["submit_when_verified"](api, ref, wait=60, every=0.5)
    assert submitted["state"] == states.PROVIDER_REVIEW == Order.objects.get(reference=ref).state

    # A failure says which code to fix.
    with pytest.raises(RuntimeError, match="order_not_editable"):
        doc["confirm_mobile"](api, ref, "000000")


def test_the_documented_python_example_files_a_website_and_an_app_read_from_its_apk(live_server):
    """docs/api.md's file_apps: an Android APP whose row is filled from the signed APK the program sends."""
    from tests.documents.apk_factory import make_apk

    doc = _python_example()
    n = unique()
    person, domain, phone = hangzhou_person(n), f"api-doc-app-{n}.com", mobile(n, "134")
    _, instance, key = prepare(n, person, domain)
    api = doc["client"](f"{live_server.url}/api/v1", key)
    ref = doc["file_website"](api, my_order_id=f"shop-app-{n}", application=individual_application(person, domain, phone),
                              instance_id=instance.instance_id)["reference"]
    apk, read = make_apk(f"com.reader{n}.notes", v1=True, v2=True)
    app = {"name": "读书随笔", "content": "其他", "languages": ["中文简体"], "pre_approvals": [], "remark": "",
           "platforms": [{"platform": "android"}], "domains": [f"api.{domain}"], "principal": None}
    doc["file_apps"](api, ref, apps=[app], instance_id=instance.instance_id,
                     signing_files={(0, 0): ("notes-release.apk", apk)})
    saved = Order.objects.get(reference=ref).application["apps"][0]
    assert saved["platforms"][0]["package_name"] == f"com.reader{n}.notes"
    assert saved["platforms"][0]["signature"] == read["md5"] and saved["access"]["ip"] == instance.public_ip
    # A file that is not an APK: the reader's code, in the exception the example raises; the row keeps what was read.
    with pytest.raises(RuntimeError, match="signing_file_not_apk"):
        doc["file_apps"](api, ref, apps=[app], instance_id=instance.instance_id,
                         signing_files={(0, 0): ("notes.apk", b"not an apk")})
    assert Order.objects.get(reference=ref).application["apps"][0]["platforms"][0]["signature"] == read["md5"]

    sms = SmsRecord.objects.filter(SmsRecord.for_mobile(phone)).order_by("-pk").first()
    doc["confirm_mobile"](api, ref, re.search(r"验证码为(\d{6})", sms.body).group(1))
    assert doc["upload"](api, ref, {f"principal_id:subject_principal:{side}": data
                                    for side, data in id_photos(person).items()}) == []
    pass_verification(Order.objects.get(reference=ref))
    assert doc["submit_when_verified"](api, ref, wait=10, every=0.5)["state"] == states.PROVIDER_REVIEW
