"""Opening images from outside within limits: the type is sniffed from the first bytes (never the name or the
declared type), only that format's decoder looks at the data, the size is read from the header and anything
over MAX_PIXELS is refused before a single pixel is decoded, and JPEGs are decoded already scaled down
(`draft`) when fewer pixels are enough. Used by the upload check, the display copy, the OCR and the faces.

Limit (docs/decisions.md): 40 megapixels. A phone's ID photo is about 12 MP and a 300 dpi A4 scan 9 MP; an
8,900 × 8,900 PNG of 252 KB (79 MP) would take seconds and some 250 MB to decode.
"""

import io
import struct
import warnings

from PIL import Image, UnidentifiedImageError

from beian.documents import messages as msg

MAX_PIXELS = 40_000_000
# Pillow's own guard, for any path in the process that does not come through here: it raises above twice this
# (DecompressionBombError) and only warns above this, so that warning is made an error as well.
Image.MAX_IMAGE_PIXELS = MAX_PIXELS
warnings.filterwarnings("error", category=Image.DecompressionBombWarning)

MATERIAL_FORMATS = ("JPEG", "PNG", "GIF")  # seed 001: jpg, jpeg, png, gif
DECODABLE = (*MATERIAL_FORMATS, "WEBP")  # the face check's camera frames may also be WebP
SIGNATURES = ((b"\xff\xd8\xff", "JPEG"), (b"\x89PNG\r\n\x1a\n", "PNG"), (b"GIF87a", "GIF"), (b"GIF89a", "GIF"))
# Pillow names a JPEG that carries further pictures (cameras' Multi-Picture Format) MPO.
SAME_AS = {"MPO": "JPEG"}
DECODE_ERRORS = (UnidentifiedImageError, OSError, SyntaxError, ValueError, EOFError, Image.DecompressionBombError,
                 Image.DecompressionBombWarning)


class ImageRefused(Exception):
    """`code` is stable (not_an_image, too_many_pixels, corrupt), `message` Chinese."""

    def __init__(self, code: str, message: str):
        super().__init__(message)
        self.code, self.message = code, message


def sniff(data: bytes) -> str | None:
    """The format the bytes begin with: JPEG, PNG, GIF, WEBP or None (a PDF, SVG, HTML, an executable…)."""
    for magic, name in SIGNATURES:
        if data.startswith(magic):
            return name
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "WEBP"
    return None


def open_image(data: bytes, formats: tuple[str, ...] = MATERIAL_FORMATS) -> Image.Image:
    """The image with its header read and nothing decoded; raises ImageRefused. Only the sniffed format's
    reader runs (as Image.open(formats=[...]) would), and the size is checked here rather than by Pillow's
    guard, which would only warn between one and two times the limit."""
    kind = sniff(data)
    if kind not in formats:
        raise ImageRefused("not_an_image", msg.NOT_AN_IMAGE)
    Image.init()
    factory, _ = Image.OPEN[kind]
    try:
        image = factory(io.BytesIO(data), "")
    except (*DECODE_ERRORS, IndexError, TypeError, struct.error):
        raise ImageRefused("corrupt", msg.CORRUPT) from None
    if SAME_AS.get(image.format, image.format) != kind:
        raise ImageRefused("not_an_image", msg.NOT_AN_IMAGE)
    width, height = image.size
    if width * height > MAX_PIXELS:
        raise _too_many_pixels(image.size)
    return image


def _too_many_pixels(size: tuple[int, int]) -> ImageRefused:
    width, height = size
    return ImageRefused("too_many_pixels", msg.TOO_MANY_PIXELS.format(width=width, height=height,
                                                                        limit=MAX_PIXELS // 10_000))


def decode(data: bytes, *, max_side: int | None = None, formats: tuple[str, ...] = DECODABLE) -> Image.Image:
    """The decoded image; a JPEG larger than twice max_side is decoded at 1/2, 1/4 or 1/8 scale (its shorter
    side stays at least max_side). Raises ImageRefused."""
    image = open_image(data, formats)
    try:
        if max_side and image.format in ("JPEG", "MPO"):
            image.draft(image.mode, (max_side, max_side))
        image.load()
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise _too_many_pixels(image.size) from None
    except DECODE_ERRORS:
        raise ImageRefused("corrupt", msg.CORRUPT) from None
    return image
