"""What the OCR-first phone tests (tests/e2e/test_phone_filing.py, `# --- OCR first ---`) share: certificates from the
realistic generator (documents/realistic) for people and a company the registries are then told about, and the
phone's steps of the ordinary wizard at 375 px.

Every person and company is new per test (own seed), so the session's single ministry simulator and the claims on
certificates never see one twice.
"""

import dataclasses
import random
import re
from pathlib import Path
from urllib.parse import urljoin

from PIL import Image

from beian.documents.portraits import portrait_paths
from beian.documents.realistic import cards, identities, licences, photo
from beian.filings.demo import seed_business
from beian.registries.identity import seed_identity
from beian.rules.provinces import PROVINCES
from beian.verification import synthetic_video as video

from .wizard_helpers import fill, read_code

PASSWORD = "Str0ng-pass-99"


def _hopper() -> Image.Image:
    return Image.open(portrait_paths()["grace_hopper"]).convert("RGB")


def province_of(address: str) -> str:
    """The wizard's province for an address ("北京市朝阳区…" → 北京市, "浙江省杭州市…" → 浙江省)."""
    return next(p for p in PROVINCES if address.startswith(p) or address.startswith(p.removesuffix("省")))


def id_photos(person: identities.Person, folder: Path, seed: int, stem: str) -> tuple[Path, Path]:
    """Phone photos (gentle light) of the person's ID, front with Grace Hopper's portrait (the registry's), back."""
    rng = random.Random(f"ocr-first:{seed}")
    front, _, info = cards.id_front(person, _hopper(), rng)
    back, _, info_back = cards.id_back(person, rng)
    paths = folder / f"{stem}-front.jpg", folder / f"{stem}-back.jpg"
    for path, image, scale in ((paths[0], front, info), (paths[1], back, info_back)):
        _, data, _ = photo.phone_photo(cards.rounded(image, scale["scale_px_per_mm"]), rng, profile="gentle",
                                       document_px=1300)
        path.write_bytes(data)
    return paths


def person(seed: int, *, name: str | None = None) -> identities.Person:
    """A card holder (valid on the real today: the wizard checks validity against it) known to 公安库."""
    from datetime import date

    someone = identities.random_person(random.Random(f"ocr-first-person:{seed}"), today=date.today())
    if name:
        someone = dataclasses.replace(someone, name=name)
    seed_identity(name=someone.name, cert_number=someone.cert_number, portrait="grace_hopper")
    return someone


def company(seed: int) -> identities.Company:
    """A limited company (two-column licence) known to the business registry, with its 法定代表人."""
    from datetime import date

    rng = random.Random(f"ocr-first-company:{seed}")
    for _ in range(50):
        found = identities.random_company(rng, today=date.today())
        if "有限公司" in found.name and "（" not in found.name and found.valid_until is None:
            break
    seed_business((found.cert_number, found.name, found.legal_representative))
    return found


def licence_photo(found: identities.Company, folder: Path, seed: int) -> Path:
    rng = random.Random(f"ocr-first-licence:{seed}")
    document, _, _ = licences.two_column(found, rng)
    _, data, _ = photo.phone_photo(document, rng, profile="gentle", document_px=2000)
    path = folder / "licence.jpg"
    path.write_bytes(data)
    return path


def face_video(folder: Path) -> Path:
    path = folder / "hopper.y4m"
    if not path.exists():
        video.write_y4m(video.turning_frames(_hopper(), count=30), path)
    return path


def photograph(phone, *, kind: str, side: str, path: Path) -> None:
    """One certificate slot of the photo page: the camera (`capture`) answered with the file, then 上传."""
    slot = phone.locator(f'form.photo-slot[data-kind="{kind}"][data-side="{side}"]')
    assert slot.locator('input[type=file][capture="environment"][accept="image/*"]').count() == 1
    slot.locator("input[type=file]").set_input_files(str(path))
    slot.locator("button[type=submit]").click()
    phone.wait_for_load_state()
    phone.wait_for_selector('#photo-status[data-pending="0"]', timeout=60_000)


def marked(phone, name: str) -> str:
    """The mark under a field of a wizard step ("read" / "unsure"), "" when none."""
    mark = phone.locator(f'[data-field="{name}"] .field-ocr, [data-field="{name}"] [data-ocr]')
    return mark.first.get_attribute("data-ocr") if mark.count() else ""


def subject_contacts(phone, base: str, *, mobile: str, enterprise: bool) -> None:
    """填写主体信息: only what no document holds (mailing address, mobiles, email), then the SMS code."""
    fill(phone, "subject.mailing_address", "北京市朝阳区建国路88号3号楼1201室")
    fill(phone, "subject.principal.mobile", mobile)
    fill(phone, "subject.principal.emergency_mobile", "13900000009")
    fill(phone, "subject.principal.email", "owner@example.com")
    if enterprise:
        fill(phone, "subject.principal.contact2", "086-010-88886666")
    phone.click("#send-code")
    fill(phone, "sms_code", read_code(phone, base, mobile))
    phone.click("#next")


def face_check_on_this_phone(phone) -> str:
    """上传资料 on the phone: make the phone link and open it here (the person taps it), run the face check with the
    fake camera; returns (status, code)."""
    phone.locator("button.make-link").first.click()
    phone.wait_for_selector("input.phone-url")
    url = phone.input_value("input.phone-url")
    materials = phone.url
    phone.goto(url)
    phone.click("#start-face")
    phone.wait_for_selector('#face-outcome:not([data-status="pending"]):not([data-status="none"])', timeout=90_000)
    outcome = phone.get_attribute("#face-outcome", "data-status"), phone.get_attribute("#face-outcome", "data-code") or ""
    phone.goto(materials)
    return outcome


def order_pk(phone) -> int:
    return int(re.search(r"/orders/(\d+)/", phone.url).group(1))


def account_with_products(email: str, prefix: str):
    """A new account (no orders) with cloud products to file for (i-<prefix>-hz01 …)."""
    from django.contrib.auth import get_user_model

    from beian.filings.demo import seed_products

    account = get_user_model().objects.create_user(email, email, PASSWORD)
    seed_products(account, prefix=prefix)
    return account


def site_name(found: identities.Company) -> str:
    """A website name related to the company's name (its brand and trade, without city or legal form)."""
    core = re.sub(r"（.*?）|\(.*?\)", "", found.name).removesuffix("有限公司")
    return core.removeprefix(core[:2]) + "官方网站" if len(core) > 6 else core + "官方网站"


def follow(phone, selector: str) -> None:
    """Tap a link; where the 375 px layout still lets a neighbour cover it (the materials page's QR cards, issue 20
    #1 is another branch's), open its address as the tap would."""
    link = phone.locator(selector)
    try:
        link.click(timeout=3_000)
    except Exception:  # noqa: BLE001 - Playwright's TimeoutError: covered, not missing
        phone.goto(urljoin(phone.url, link.get_attribute("href")))
