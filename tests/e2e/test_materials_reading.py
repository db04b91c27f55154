"""Issue 14 in Chromium: a licence whose address the reader cannot read with confidence asks the applicant to
check (请核对) instead of showing a red mismatch; a confident reading that differs still shows the mismatch."""

import copy
from datetime import date

import pytest
from django.contrib.auth import get_user_model

from beian.documents import synthetic as syn
from beian.filings import states
from beian.filings.models import Order
from beian.filings.services import create_order
from tests.rules.support import enterprise

from .wizard_helpers import login

pytestmark = pytest.mark.django_db(transaction=True)
TYPED = enterprise()["subject"]  # what the applicant typed: name, USCC and address of this company
COMPANY = syn.Company(name=TYPED["name"], cert_number=TYPED["cert_number"], legal_representative="张三",
                      address=TYPED["cert_address"], established=date(2015, 3, 2))
ERROR_RED = "rgb(209, 36, 47)"  # --err in beian.css


@pytest.fixture(scope="module")
def licences(tmp_path_factory):
    folder = tmp_path_factory.mktemp("licences")
    # The address row blurred (a thumb, a glare spot): the reader finds text there but is not sure of it.
    smudged = syn.business_license(COMPANY, smudged=("住所",))
    (folder / "smudged.jpg").write_bytes(syn.to_bytes(syn.photographed(smudged, seed=0)))
    moved = copy.copy(COMPANY)
    moved.address = "浙江省杭州市西湖区文三路101号"
    (folder / "moved.jpg").write_bytes(syn.to_bytes(syn.photographed(syn.business_license(moved), seed=0)))
    return folder


def _order(email):
    account = get_user_model().objects.create_user(email, email, "Str0ng-pass-99")
    application = enterprise()
    application.pop("context")
    order = create_order(account=account, application=application)
    Order.objects.filter(pk=order.pk).update(state=states.MATERIALS)
    return order


def _upload(page, path):
    row = page.locator('#materials tbody tr[data-kind="subject_certificate"]')
    row.locator("input[type=file]").set_input_files(str(path))
    row.locator("button[type=submit]").click()
    page.wait_for_load_state()
    return page.locator('#materials tbody tr[data-kind="subject_certificate"]')


def test_an_unsure_address_asks_to_check_instead_of_a_red_mismatch(live_server, page, licences):
    order = _order("reader@example.com")
    login(page, live_server.url, "reader@example.com")
    page.goto(f"{live_server.url}/orders/{order.pk}/materials/")

    # Control: a sure reading of another address is the red mismatch it always was.
    row = _upload(page, licences / "moved.jpg")
    page.shots("confident-mismatch")
    differs = row.locator('[data-state="differs"]')
    assert differs.count() == 1 and "证件住所与证件不一致" in differs.inner_text()
    assert differs.evaluate("e => getComputedStyle(e).color") == ERROR_RED

    # The smudged licence of the right company: 请核对, no mismatch, nothing red, the typed address kept.
    row = _upload(page, licences / "smudged.jpg")
    page.shots("unsure-address")
    text = row.inner_text()
    unread = row.locator('[data-state="unread"]')
    assert unread.count() == 1 and "证件住所未能识别，请核对" in unread.inner_text()
    assert "不一致" not in text and row.locator('[data-state="differs"]').count() == 0
    assert row.locator(".field-error").count() == 0
    assert unread.evaluate("e => getComputedStyle(e).color") != ERROR_RED
    order.refresh_from_db()
    assert order.application["subject"]["cert_address"] == TYPED["cert_address"]
