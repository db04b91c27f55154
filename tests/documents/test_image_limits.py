"""Images are refused above 40 megapixels from their header, before any pixel is decoded, on the PC and the
phone upload; decompression bombs are refused; the type comes from the bytes; large JPEGs are decoded scaled
down for the OCR, the faces and the display copy (issue 12, finding 8)."""

import io
import struct
import zlib

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image, ImageFile

from beian.documents import images, ocr, services
from beian.documents.models import Material

WHITE_8900 = None  # built once: 8,900 × 8,900 white pixels are a 252 KB PNG (79 MP)


def _white_8900() -> bytes:
    global WHITE_8900
    if WHITE_8900 is None:
        buf = io.BytesIO()
        Image.new("1", (8900, 8900), 1).convert("L").save(buf, "PNG", optimize=True)
        WHITE_8900 = buf.getvalue()
    return WHITE_8900


def _chunk(kind: bytes, body: bytes) -> bytes:
    return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))


def png_header(width: int, height: int) -> bytes:
    """A PNG that claims any size: valid signature, IHDR and checksums, a token of pixel data."""
    ihdr = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + _chunk(b"IHDR", ihdr) + _chunk(b"IDAT", zlib.compress(b"\0" * 64))
            + _chunk(b"IEND", b""))


def jpeg_claiming(width: int, height: int) -> bytes:
    """A small JPEG whose frame header (SOF0) is rewritten to claim another size."""
    buf = io.BytesIO()
    Image.new("RGB", (64, 48), (120, 130, 140)).save(buf, "JPEG")
    data = bytearray(buf.getvalue())
    at = data.index(b"\xff\xc0")
    data[at + 5:at + 9] = struct.pack(">HH", height, width)
    return bytes(data)


def gif_claiming(width: int, height: int) -> bytes:
    buf = io.BytesIO()
    Image.new("P", (64, 48)).save(buf, "GIF")
    data = bytearray(buf.getvalue())
    data[6:10] = struct.pack("<HH", width, height)  # the logical screen
    at = data.index(b"\x2c")  # the image descriptor
    data[at + 5:at + 9] = struct.pack("<HH", width, height)
    return bytes(data)


def jpeg(width: int, height: int) -> bytes:
    buf = io.BytesIO()
    Image.new("RGB", (width, height), (200, 210, 220)).save(buf, "JPEG", quality=60)
    return buf.getvalue()


@pytest.fixture
def no_decoding(monkeypatch):
    """Any decode of pixel data fails the test: refusals must come from the header."""
    def refuse(self):
        raise AssertionError(f"decoded a {self.size} image")
    monkeypatch.setattr(ImageFile.ImageFile, "load", refuse)


# ---- the limit, from the header --------------------------------------------------------------------------

def test_an_8900_square_png_is_refused_from_its_header(no_decoding):
    with pytest.raises(services.UploadError) as info:
        services.inspect(_white_8900())
    assert info.value.code == "too_many_pixels" and "8900×8900" in info.value.message and "40" in info.value.message


@pytest.mark.parametrize("data", [png_header(30_000, 30_000), png_header(2**31 - 1, 2**31 - 1),
                                  jpeg_claiming(65_000, 65_000), gif_claiming(65_535, 65_535)],
                         ids=["png-900MP", "png-max", "jpeg-4GP", "gif-4GP"])
def test_decompression_bombs_are_refused(no_decoding, data):
    """Above twice the limit Pillow itself raises DecompressionBombError while opening: the same answer."""
    with pytest.raises(services.UploadError) as info:
        services.inspect(data)
    assert info.value.code == "too_many_pixels"
    with pytest.raises(ocr.UnreadableImage) as read:
        ocr.load_image(data)
    assert read.value.code == "too_many_pixels"


def test_the_limit_is_inclusive():
    assert images.open_image(png_header(8000, 5000)).size == (8000, 5000)  # exactly 40,000,000
    with pytest.raises(images.ImageRefused):
        images.open_image(png_header(8000, 5001))
    assert Image.MAX_IMAGE_PIXELS == images.MAX_PIXELS  # the guard for any other path


# ---- the type, from the bytes ----------------------------------------------------------------------------

@pytest.mark.parametrize("data", [
    b"MZ\x90\x00\x03\x00\x00\x00 a renamed executable" * 20,
    b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" width="4000" height="4000"></svg>',
    b"<!doctype html><html><body><script>alert(1)</script></body></html>",
    b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n",
    b"BM" + b"\0" * 200,  # a BMP: an image, but not one the ministry takes
    b"RIFF\x24\x00\x00\x00WEBPVP8 " + b"\0" * 40,
    b"II*\x00" + b"\0" * 200,  # TIFF
], ids=["exe", "svg", "html", "pdf", "bmp", "webp", "tiff"])
def test_only_gif_png_and_jpeg_by_content(data):
    with pytest.raises(services.UploadError) as info:
        services.inspect(data)
    assert info.value.code == "not_an_image"


def test_the_content_decides_not_the_name():
    buf = io.BytesIO()
    Image.new("RGB", (400, 300), (1, 2, 3)).save(buf, "GIF")
    assert services.inspect(buf.getvalue())[0] == "gif"
    assert services.inspect(jpeg(400, 300))[0] == "jpg"


def test_a_damaged_png_behind_valid_headers_is_refused_before_anything_is_stored():
    broken = png_header(400, 300)  # checksums fine, pixel data far too short
    with pytest.raises(services.UploadError) as info:
        services.derived_copy(broken)
    assert info.value.code == "corrupt"


# ---- bounded decoding ------------------------------------------------------------------------------------

def test_a_large_jpeg_is_decoded_scaled_down_for_the_ocr_and_the_faces():
    image = ocr.load_image(jpeg(6400, 4000))
    assert image.size == (3200, 2000)  # 1/2 scale: both sides stay above the OCR's 1,600
    assert ocr.load_image(jpeg(2000, 1500)).size == (2000, 1500)


def test_the_display_copy_is_at_most_4096_a_side():
    with Image.open(io.BytesIO(services.derived_copy(jpeg(8200, 4200)))) as copy:
        assert max(copy.size) == 4096


# ---- through the PC and the phone upload -----------------------------------------------------------------

@pytest.mark.django_db
def test_the_pc_upload_refuses_the_8900_square_png(client):
    from beian.filings.models import Order
    from tests.wizard.support import applicant_with_products, basic_post, setup_registry

    setup_registry()
    account, _ = applicant_with_products()
    client.force_login(account)
    client.post("/orders/new/", basic_post())
    order = Order.objects.get()
    page = client.post(f"/orders/{order.pk}/materials/", {
        "kind": "subject_certificate", "owner": "subject", "side": "",
        "file": SimpleUploadedFile("licence.png", _white_8900(), content_type="image/png")}).content.decode()
    assert 'id="upload-error" data-code="too_many_pixels"' in page and "像素过多" in page
    assert order.materials.count() == 0


@pytest.mark.django_db
def test_the_phone_upload_refuses_the_8900_square_png(client):
    from tests.verification.test_phone import link_for, make_order

    class Person:
        name, cert_number = "王小明", "110101199003071234"

    order = make_order(Person, email="pixels@example.com", domain="pixels-demo.com")
    _, token = link_for(order)
    page = client.post(f"/m/{token}/upload/", {"kind": "principal_id", "owner": "subject_principal", "side": "front",
                                              "file": SimpleUploadedFile("id.png", _white_8900())},
                       follow=True).content.decode()
    assert "像素过多" in page and "8900×8900" in page
    assert not Material.objects.filter(order=order).exists()
