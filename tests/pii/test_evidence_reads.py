"""Every read of evidence is access-logged (issue 13 item 2; seed 003 §5 makes it 备案审核资料).

Every route of the platform is called by every role the authorisation matrix lets through (GET, and POST with the
matrix's body), on a world where every ID photo, material file and face frame is known by its bytes and every OCR
reading carries a marker. A response that carries any of them is an evidence read, and must have written an
access-log row in the order's audit trail saying who (account or phone link), what (which material, frame or OCR
readings) and when. The routes found serving evidence must be exactly EVIDENCE_ROUTES: a new route that serves
evidence is named here when it appears (and must log), and a listed route that stopped serving it is stale."""

import hashlib
from collections import defaultdict

import pytest
from django.core.cache import cache
from django.db import transaction

from beian.documents.models import Material, materials_storage
from beian.documents.services import store_material
from beian.filings.models import OrderEvent
from beian.verification.models import FaceAttempt
from tests.security import world as worlds
from tests.security.matrix import ALLOWED, OWNER, PHONE, REVIEWER, body_of
from tests.security.test_matrix import PLATFORM, Sessions, _path, _settings, request
from tests.wizard.support import image_bytes

pytestmark = pytest.mark.django_db
MARKER = "OCR识别标记-7Q4Z"
LOG_KINDS = ("material_view", "evidence_view")
EVIDENCE_ROUTES = {
    "review:material",  # a material's image (applicant and reviewer)
    "review:face_frame",  # a captured face frame (reviewer)
    "review:order",  # the console: OCR readings against the typed fields, thumbnails, face checks
    "wizard:materials",  # the PC materials page: OCR mismatches
    "verification:phone",  # the phone page: the person's OCR readings (masked)
    "verification:status",  # its polled part
}


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _read(name: str) -> bytes:
    with materials_storage().open(name, "rb") as fh:
        return fh.read()


def _mark(material) -> None:
    """Every OCR reading of the world shows the marker wherever readings are shown (a mismatch, so its message too)."""
    evidence = dict(material.evidence or {"ocr_status": "done", "issues": []})
    evidence["rows"] = [*evidence.get("rows", []), {"field": "签发机关", "typed": "杭州市公安局", "read": MARKER,
                                                    "ok": False, "message": f"签发机关识别为“{MARKER}”，与填写不一致。"}]
    material.evidence = evidence
    material.save(update_fields=["evidence"])


def _evidence_world(w):
    """The matrix world, with OCR readings on the owner's editable order too (its phone link and PC page)."""
    store_material(order=w.editable, kind="principal_id", owner="subject_principal", side="front",
                   data=image_bytes(), via="pc")
    # sha256 of each evidence file -> what it may be: ("material", pk, order) | ("frame", attempt, order, index)
    # (the world's images are made alike, so one file's bytes may stand for several)
    blobs = defaultdict(list)
    for material in Material.objects.all():
        _mark(material)
        for f in (material.original, material.derived):
            blobs[_digest(_read(f.name))].append(("material", material.pk, material.order_id))
    for attempt in FaceAttempt.objects.exclude(frames=[]):
        for index, name in enumerate(attempt.frames):
            blobs[_digest(_read(name))].append(("frame", attempt.pk, attempt.order_id, index))
    return blobs


def _reads(body: bytes, blobs) -> list[list[tuple]]:
    """What evidence a response carries, each read as the evidence it may be: a file's bytes, or OCR readings."""
    found = []
    if _digest(body) in blobs:
        found.append(blobs[_digest(body)])
    if MARKER.encode() in body:
        found.append([("ocr",)])
    return found


def _logged(rows, candidates, user, w) -> bool:
    return any(_logged_one(rows, read, user, w) for read in candidates)


def _logged_one(rows, read, user, w) -> bool:
    """A log row for this read: by this person, naming what was shown."""
    for row in rows:
        who = row.actor_id == user.pk if user is not None else (row.actor_id is None and row.payload.get("link") == w.link.pk)
        if not who or not row.at:
            continue
        payload = row.payload
        if read[0] == "material" and row.order_id == read[2] and (
                payload.get("material") == read[1] or read[1] in payload.get("materials", [])):
            return True
        if read[0] == "frame" and row.order_id == read[2] and (
                (payload.get("face_attempt"), payload.get("frame")) == (read[1], read[3])):
            return True
        if read[0] == "ocr" and payload.get("ocr"):
            return True
    return False


def test_every_route_that_serves_evidence_logs_each_read(settings, monkeypatch):
    _settings(settings)
    monkeypatch.setattr("beian.documents.views.render_template", lambda order, kind: b"%PDF-1.4 matrix")
    w = worlds.build()
    blobs = _evidence_world(w)
    sessions = Sessions(w)
    users = {OWNER: w.owner, REVIEWER: w.reviewer, "other": w.other, "staff": w.staff}
    serving, problems = set(), []
    for name, row in PLATFORM.items():
        for method in ("GET", "POST"):
            for role, expected in row.expected(method).items():
                if expected not in ALLOWED or role == "ministry":
                    continue
                cache.clear()  # the abuse limits count per address: one call must not throttle the next
                with transaction.atomic():
                    before = OrderEvent.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
                    data = row.data(w) if row.data and method == "POST" else None
                    body = row.json(w) if row.json and method == "POST" else None
                    response = request(sessions, role, method, _path(name, row, w, role), data, body)
                    reads = _reads(body_of(response), blobs)
                    rows = list(OrderEvent.objects.filter(pk__gt=before, kind__in=LOG_KINDS))
                    user = None if role == PHONE else users.get(role)
                    for read in reads:
                        serving.add(name)
                        if not _logged(rows, read, user, w):
                            problems.append(f"{method} {name} as {role} showed {read} without an access-log row")
                    transaction.set_rollback(True)
    assert not problems, "\n".join(problems)
    assert serving == EVIDENCE_ROUTES, (f"evidence served by {sorted(serving - EVIDENCE_ROUTES)} (add them to "
                                        f"EVIDENCE_ROUTES); no longer by {sorted(EVIDENCE_ROUTES - serving)}")
