"""Recapture (翻拍) and edited-photo signals (documents/recapture.py), each with its near miss."""

import io

import pytest
from PIL import Image

from beian.documents import realistic, recapture, synthetic


def jpeg(image: Image.Image, exif: Image.Exif | None = None) -> bytes:
    out = io.BytesIO()
    image.convert("RGB").save(out, "JPEG", quality=90, **({"exif": exif} if exif is not None else {}))
    return out.getvalue()


def exif(**tags) -> Image.Exif:
    data = Image.Exif()
    for key, value in tags.items():
        if key == "taken":
            data.get_ifd(recapture.EXIF_IFD)[recapture.EXIF_DATETIME_ORIGINAL] = value
        else:
            data[{"software": recapture.EXIF_SOFTWARE, "saved": recapture.EXIF_DATETIME, "make": recapture.EXIF_MAKE,
                  "model": recapture.EXIF_MODEL}[key]] = value
    return data


def codes(data: bytes) -> set[str]:
    return {s["code"] for s in recapture.check(data)["signals"]}


@pytest.fixture(scope="module")
def photo():
    return Image.open(io.BytesIO(realistic.make_sample("id_front", 3, profile="typical").data))


def test_a_live_photo_of_the_original_has_no_signal(photo):
    result = recapture.check(jpeg(photo, exif(make="Apple", model="iPhone 13", software="17.4.1",
                                               taken="2026:11:01 10:00:00", saved="2026:11:01 10:00:00")))
    assert result["signals"] == [] and result["moire"] < recapture.MOIRE_THRESHOLD


def test_a_screen_photographed_shows_moire_with_its_score(photo):
    result = recapture.check(jpeg(synthetic.recaptured(photo)))
    signal = next(s for s in result["signals"] if s["code"] == "screen_moire")
    assert signal["evidence"]["score"] > recapture.MOIRE_THRESHOLD and "摩尔纹" in signal["message"]


def test_editor_software_is_a_signal_camera_firmware_is_not(photo):
    assert "edited_software" in codes(jpeg(photo, exif(software="Adobe Photoshop 25.0 (Windows)")))
    assert "edited_software" in codes(jpeg(photo, exif(software="MTXX 9.6.0")))
    assert "edited_software" not in codes(jpeg(photo, exif(software="HDR+ 1.0.540104767zd")))
    assert "edited_software" not in codes(jpeg(photo, exif(software="iOS 17.4")))


def test_saved_long_after_it_was_taken_near_miss_within_a_minute(photo):
    edited = recapture.check(jpeg(photo, exif(taken="2026:11:01 10:00:00", saved="2026:11:01 12:30:00")))
    assert [s["evidence"] for s in edited["signals"]] == [{"taken": "2026:11:01 10:00:00", "saved": "2026:11:01 12:30:00"}]
    assert codes(jpeg(photo, exif(taken="2026:11:01 10:00:00", saved="2026:11:01 10:00:40"))) == set()


def test_screenshot_size_without_a_camera_near_misses():
    screen = Image.new("RGB", (1170, 2532), (240, 240, 240))
    assert "screenshot_size" in codes(jpeg(screen))
    assert "screenshot_size" in codes(jpeg(screen.rotate(90, expand=True)))  # landscape screenshot
    assert "screenshot_size" not in codes(jpeg(Image.new("RGB", (1170, 2533), (240, 240, 240))))  # one pixel more
    assert "screenshot_size" not in codes(jpeg(screen, exif(make="Apple", model="iPhone 13")))  # a camera took it


def test_an_undecodable_image_gives_no_signal_and_no_error():
    assert recapture.check(b"not an image")["signals"] == []
