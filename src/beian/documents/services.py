"""Accepting an uploaded material: type sniffed from the content, size limit, original kept byte for byte,
a derived copy re-encoded without EXIF for display."""

import hashlib
import io

from django.core.files.base import ContentFile
from django.db import transaction
from PIL import Image, UnidentifiedImageError

from beian.documents import messages as msg
from beian.documents.models import Material

MAX_BYTES = 4 * 1024 * 1024  # materials must be smaller than 4 MiB (seed 001 #10)
FORMATS = {"JPEG": "jpg", "PNG": "png", "GIF": "gif"}
MIN_SIDE = 300
Image.MAX_IMAGE_PIXELS = 40_000_000  # refuse decompression bombs


class UploadError(Exception):
    def __init__(self, code: str, message: str):
        super().__init__(message)
        self.code, self.message = code, message


def inspect(data: bytes) -> tuple[str, int, int]:
    """(format, width, height) from the bytes themselves; raises UploadError."""
    if not data:
        raise UploadError("no_file", msg.NO_FILE)
    if len(data) >= MAX_BYTES:
        raise UploadError("too_large", msg.TOO_LARGE.format(size=f"{len(data) / 1048576:.2f}MB"))
    try:
        with Image.open(io.BytesIO(data)) as probe:
            fmt = probe.format
            probe.verify()
        with Image.open(io.BytesIO(data)) as image:
            image.load()
            width, height = image.size
    except (UnidentifiedImageError, Image.DecompressionBombError):
        raise UploadError("not_an_image", msg.NOT_AN_IMAGE) from None
    except (OSError, SyntaxError, ValueError):
        raise UploadError("corrupt", msg.CORRUPT) from None
    if fmt not in FORMATS:
        raise UploadError("not_an_image", msg.NOT_AN_IMAGE)
    if min(width, height) < MIN_SIDE:
        raise UploadError("too_small", msg.TOO_SMALL.format(width=width, height=height, min_w=MIN_SIDE, min_h=MIN_SIDE))
    return FORMATS[fmt], width, height


def derived_copy(data: bytes) -> bytes:
    """Re-encoded JPEG without EXIF or other metadata (the original is never touched)."""
    with Image.open(io.BytesIO(data)) as image:
        image = image.convert("RGB")
        out = io.BytesIO()
        image.save(out, "JPEG", quality=88)
    return out.getvalue()


def store_material(*, order, kind: str, owner: str, side: str, data: bytes, via: str, user=None) -> Material:
    fmt, width, height = inspect(data)
    with transaction.atomic():
        Material.objects.filter(order=order, kind=kind, owner=owner, side=side, status=Material.ACTIVE) \
            .update(status=Material.REPLACED)
        material = Material(order=order, kind=kind, owner=owner, side=side, format=fmt, bytes=len(data), width=width,
                            height=height, sha256=hashlib.sha256(data).hexdigest(), via=via, uploaded_by=user)
        material.original.save("original", ContentFile(data), save=False)
        material.derived.save("derived", ContentFile(derived_copy(data)), save=False)
        material.save()
    return material
