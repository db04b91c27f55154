"""Accepting an uploaded material: type sniffed from the content, size and pixel limits checked before any
decoding (documents/images.py), original kept byte for byte, a derived copy re-encoded without EXIF for display
(at most DISPLAY_MAX_SIDE pixels a side, decoded scaled down when the original is a large JPEG)."""

import hashlib
import io

from django.core.files.base import ContentFile
from django.db import transaction

from beian.documents import images
from beian.documents import messages as msg
from beian.documents.models import Material
from beian.filings.checks import person_record
from beian.queue import enqueue_on_commit

MAX_BYTES = 4 * 1024 * 1024  # materials must be smaller than 4 MiB (seed 001 #10)
FORMATS = {"JPEG": "jpg", "MPO": "jpg", "PNG": "png", "GIF": "gif"}
MIN_SIDE = 300
DISPLAY_MAX_SIDE = 4096  # the reviewer's copy: an ID or a licence stays legible far below this


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
        # The header only: format by content, pixels within the limit, before anything is decoded.
        with images.open_image(data) as probe:
            fmt, (width, height) = probe.format, probe.size
            if min(width, height) < MIN_SIDE:
                raise UploadError("too_small", msg.TOO_SMALL.format(width=width, height=height, min_w=MIN_SIDE,
                                                                    min_h=MIN_SIDE))
            probe.verify()  # a PNG's chunk checksums, without decompressing them
        if fmt in ("JPEG", "MPO"):  # every byte decoded, at 1/8 scale: a truncated JPEG is refused here
            images.decode(data, max_side=MIN_SIDE, formats=images.MATERIAL_FORMATS).close()
    except images.ImageRefused as exc:
        raise UploadError(exc.code, exc.message) from None
    except images.DECODE_ERRORS:
        raise UploadError("corrupt", msg.CORRUPT) from None
    return FORMATS[fmt], width, height


def derived_copy(data: bytes) -> bytes:
    """Re-encoded JPEG without EXIF or other metadata, at most DISPLAY_MAX_SIDE a side (the original is never
    touched). The one full decode of a PNG or GIF: damaged pixel data is refused here (UploadError)."""
    try:
        with images.decode(data, max_side=DISPLAY_MAX_SIDE, formats=images.MATERIAL_FORMATS) as image:
            image = image.convert("RGB")
    except images.ImageRefused as exc:
        raise UploadError(exc.code, exc.message) from None
    image.thumbnail((DISPLAY_MAX_SIDE, DISPLAY_MAX_SIDE))
    out = io.BytesIO()
    image.save(out, "JPEG", quality=88)
    return out.getvalue()


# Certificates are to be photographed live (seed 000): these get the recapture signals (documents/recapture.py).
PHOTOGRAPHED_KINDS = ("subject_certificate", "principal_id", "handheld_id")


def store_material(*, order, kind: str, owner: str, side: str, data: bytes, via: str, user=None) -> Material:
    from beian.documents import recapture

    fmt, width, height = inspect(data)
    derived = derived_copy(data)  # before anything is stored: it may still refuse the image
    evidence = {"recapture": recapture.check(data)} if kind in PHOTOGRAPHED_KINDS else {}
    with transaction.atomic():
        Material.objects.filter(order=order, kind=kind, owner=owner, side=side, status=Material.ACTIVE) \
            .update(status=Material.REPLACED)
        material = Material(order=order, kind=kind, owner=owner, side=side, format=fmt, bytes=len(data), width=width,
                            height=height, sha256=hashlib.sha256(data).hexdigest(), via=via, uploaded_by=user,
                            evidence=evidence)
        material.original.save("original", ContentFile(data), save=False)
        material.derived.save("derived", ContentFile(derived), save=False)
        material.save()
    return material


def log_evidence_read(*, order, role: str, actor=None, **what) -> None:
    """The access log of evidence: every time a material image, a face frame or OCR readings (ID numbers) are
    shown to someone, one `material_view` event in the order's audit trail says who, when and what."""
    from django.utils import timezone

    from beian.filings.models import OrderEvent

    OrderEvent.objects.create(order=order, at=timezone.now(), actor=actor if getattr(actor, "pk", None) else None,
                              role=role, kind="material_view", from_state=order.state, to_state=order.state,
                              payload=what)


def required_slots(order) -> set[tuple[str, str, str]]:
    from beian.filings import checks

    return {(m["kind"], m["owner"], m.get("side") or "")
            for m in checks.run(order.application, order=order)["required_materials"]}


def upload_to_slot(*, order, kind: str, owner: str, side: str, data: bytes, via: str, user=None,
                   owners: set[str] | None = None) -> Material:
    """Store an upload for one of the order's required slots (optionally limited to some owners, as the
    phone page is to one person) and start reading it. Nothing else about the order changes."""
    if (kind, owner, side) not in required_slots(order) or (owners is not None and owner not in owners):
        raise UploadError("unknown_slot", msg.UNKNOWN_SLOT)
    material = store_material(order=order, kind=kind, owner=owner, side=side, data=data, via=via, user=user)
    if ocr_kind(material, order.application):
        material.evidence = {**(material.evidence or {}), "ocr_status": "pending"}
        Material.objects.filter(pk=material.pk).update(evidence=material.evidence)
        enqueue_on_commit("beian.documents.tasks.read_material", material.pk)
    return material


def ocr_kind(material: Material, application: dict) -> str | None:
    """Which reader applies to a material, if any (other certificate types are checked by people)."""
    if material.kind == "principal_id":
        record = person_record(application, material.owner) or {}
        if record.get("cert_type") == "resident_id":
            return {"front": "resident_id_front", "back": "resident_id_back"}.get(material.side)
    if material.kind == "subject_certificate":
        subject = application.get("subject") or {}
        if subject.get("cert_type") == "business_license":
            return "business_license"
    return None


def read_material_now(material_id: int) -> dict:
    """OCR one material, cross-check it with the application, prefill empty fields. Idempotent."""
    from beian.documents import crosscheck, ocr

    material = Material.objects.select_related("order").get(pk=material_id)
    if material.purged_at or (material.evidence or {}).get("ocr_status") == "done":
        return material.evidence
    kind = ocr_kind(material, material.order.application)
    if kind is None:
        return material.evidence
    with material.original.open("rb") as fh:
        data = fh.read()
    threshold = crosscheck.min_confidence()
    try:
        reading = ocr.read_document(data, kind, threshold=threshold)
    except ocr.UnreadableImage as exc:
        evidence = {"ocr_status": "done", "ocr": None, "issues": [{"code": exc.code, "message": exc.message}],
                    "rows": []}
    else:
        with transaction.atomic():
            from beian.filings.models import Order

            order = Order.objects.select_for_update().get(pk=material.order_id)
            rows, prefilled = crosscheck.compare(kind=kind, owner=material.owner, fields=reading["fields"],
                                                 confidence=reading["confidence"], threshold=threshold,
                                                 application=order.application)
            if prefilled:
                crosscheck.prefill(order=order, values=prefilled, material=material)
            if (order.meta or {}).get("photo_first"):  # the filing that starts with the camera fills more
                from beian.documents import prefill

                prefill.apply(order=order, kind=kind, owner=material.owner, reading=reading, threshold=threshold,
                              material=material)
        evidence = {"ocr_status": "done", "ocr": reading, "issues": reading["issues"], "rows": rows,
                    "prefilled": sorted(prefilled)}
    if "recapture" in (material.evidence or {}):  # computed on upload, kept beside the reading
        evidence["recapture"] = material.evidence["recapture"]
    Material.objects.filter(pk=material.pk).update(evidence=evidence)
    return evidence
