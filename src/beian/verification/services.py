"""Phone links, face verification attempts and manual review requests.

Heavy work (liveness, face descriptors) runs in `run_face_attempt`, called by a task; everything
here that a web request calls only stores and enqueues.
"""

from __future__ import annotations

import logging
import uuid
from datetime import timedelta

from django.core import signing
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.utils import timezone

from beian.documents import images
from beian.documents.models import Material, materials_storage
from beian.filings import checks, states
from beian.filings.checks import person_record
from beian.filings.models import OrderEvent
from beian.queue import enqueue_on_commit
from beian.verification import messages as msg
from beian.verification import persons
from beian.verification.models import FaceAttempt, ManualReviewRequest, PhoneLink

logger = logging.getLogger(__name__)
SALT = "beian.verification.phone-link"
LINK_TTL = timedelta(hours=24)
MANUAL_REVIEW_AFTER = 3  # failed attempts before the applicant may ask a person to look (seed 001)
DAILY_ATTEMPTS = 10
MIN_FRAMES, MAX_FRAMES = 4, 16
MAX_FRAME_BYTES = 1024 * 1024
ATTEMPT_TIMEOUT = timedelta(minutes=2)  # a face check takes seconds; after this it is lost, and may be retried


class VerificationError(Exception):
    def __init__(self, code: str, message: str):
        super().__init__(message)
        self.code, self.message = code, message


# ---- people ---------------------------------------------------------------------------------------------

def required_materials(order) -> list[dict]:
    return checks.run(order.application, order=order)["required_materials"]


def people(order, required: list[dict] | None = None) -> list[dict]:
    """Everyone who must upload an ID and verify a face, from the engine's required materials
    (pass `required` when the caller has already run the engine for this order)."""
    seen, out = set(), []
    for item in required if required is not None else required_materials(order):
        owner = item["owner"]
        if owner == "subject" or owner in seen or item["kind"] != "principal_id":
            continue
        record = person_record(order.application, owner)
        if record:
            seen.add(owner)
            out.append({"person": owner, "name": record.get("name", ""), "cert_type": record.get("cert_type", ""),
                        "label": person_label(owner)})
    return out


def person_label(person: str) -> str:
    """`subject_principal` -> 主体负责人, `websites[1].principal` -> 网站2负责人, `apps[0].principal` -> APP1负责人."""
    if person in msg.PERSON_LABELS:
        return msg.PERSON_LABELS[person]
    if person.startswith("apps["):
        return msg.APP_PRINCIPAL.format(n=_site_number(person, "apps"))
    return msg.WEBSITE_PRINCIPAL.format(n=_site_number(person))


def _site_number(person: str, key: str = "websites") -> int:
    try:
        return int(person[len(key) + 1:-len("].principal")]) + 1
    except ValueError:
        return 0


def slots_for(order, person: str, required: list[dict] | None = None) -> list[dict]:
    """The material slots this person fills in on the phone: their ID (both sides) and, for the
    subject's principal, the subject's certificate and handheld photo when required."""
    own = {person} | ({"subject"} if person == "subject_principal" else set())
    return [m for m in (required if required is not None else required_materials(order)) if m["owner"] in own]


# ---- links ----------------------------------------------------------------------------------------------

def create_link(*, order, person: str, user, now=None) -> tuple[PhoneLink, str]:
    now = now or timezone.now()
    if person not in {p["person"] for p in people(order)}:
        raise VerificationError("unknown_person", msg.UNKNOWN_PERSON)
    with transaction.atomic():
        PhoneLink.objects.filter(order=order, person=person, revoked_at__isnull=True).update(revoked_at=now)
        link = PhoneLink.objects.create(order=order, person=person, created_by=user, created_at=now,
                                        expires_at=now + LINK_TTL)
        OrderEvent.objects.create(order=order, at=now, actor=user, role="applicant", kind="phone_link",
                                  payload={"person": person, "link": link.pk})
    return link, token_for(link)


def token_for(link: PhoneLink) -> str:
    return signing.dumps({"l": link.pk, "o": link.order_id}, salt=SALT, compress=True)


def revoke_link(*, link: PhoneLink, user, now=None) -> None:
    now = now or timezone.now()
    with transaction.atomic():
        if PhoneLink.objects.filter(pk=link.pk, revoked_at__isnull=True).update(revoked_at=now):
            OrderEvent.objects.create(order=link.order, at=now, actor=user, role="applicant", kind="phone_link_revoked",
                                      payload={"person": link.person, "link": link.pk})


def resolve_token(token: str, *, now=None, for_upload: bool = False) -> PhoneLink:
    """The link a token stands for, or VerificationError saying plainly why it no longer works."""
    now = now or timezone.now()
    try:
        data = signing.loads(token[:500], salt=SALT, max_age=LINK_TTL)
    except signing.SignatureExpired:
        raise VerificationError("token_expired", msg.TOKEN_EXPIRED) from None
    except signing.BadSignature:
        raise VerificationError("token_invalid", msg.TOKEN_INVALID) from None
    link = PhoneLink.objects.select_related("order").filter(pk=data.get("l"), order_id=data.get("o")).first()
    if link is None:
        raise VerificationError("token_invalid", msg.TOKEN_INVALID)
    if link.revoked_at:
        raise VerificationError("token_revoked", msg.TOKEN_REVOKED)
    if link.expires_at < now:
        raise VerificationError("token_expired", msg.TOKEN_EXPIRED)
    if link.order.state not in states.APPLICANT_EDITABLE:
        raise VerificationError("token_used", msg.TOKEN_USED.format(state=states.PUBLIC_LABELS[link.order.state]))
    PhoneLink.objects.filter(pk=link.pk).update(last_used_at=now)
    return link


# ---- face attempts --------------------------------------------------------------------------------------

def attempts(order, person: str):
    return FaceAttempt.objects.filter(order=order, person=person).order_by("-created_at", "-id")


def _running(attempt, now) -> bool:
    """Still being checked: pending and younger than ATTEMPT_TIMEOUT (an older one was lost, e.g. a worker died)."""
    return attempt.status == FaceAttempt.PENDING and attempt.created_at > now - ATTEMPT_TIMEOUT


def face_status(order, person: str, now=None) -> dict:
    """The person's face verification as the pages show it. The latest finished attempt decides: a pass
    followed by a failure is a failure (the later attempt may be someone else), a failure followed by a
    pass is a pass. An attempt pending longer than ATTEMPT_TIMEOUT counts as failed, so no page polls forever.
    Attempts and manual reviews of someone the order no longer names (the person was changed) do not count."""
    now = now or timezone.now()
    record = person_record(order.application, person)
    rows = [a for a in attempts(order, person)[:20] if persons.same_person(a.identity, record)]
    running = [a for a in rows if _running(a, now)]
    finished = [a for a in rows if not _running(a, now)]
    for a in finished:
        if a.status == FaceAttempt.PENDING:
            a.status, a.code, a.message = FaceAttempt.ERROR, "timeout", msg.ATTEMPT_TIMEOUT
    latest = finished[0] if finished else None
    passed = bool(latest and latest.status == FaceAttempt.PASSED)
    failed = sum(1 for a in finished if a.status in {FaceAttempt.FAILED, FaceAttempt.ERROR})
    manual = next((r for r in ManualReviewRequest.objects.filter(order=order, person=person).order_by("-created_at", "-id")
                   if persons.same_person(r.identity, record)), None)
    return {"latest": latest, "passed": passed, "failed": failed, "pending": bool(running),
            "can_request_manual": failed >= MANUAL_REVIEW_AFTER and not passed, "manual": manual}


def is_verified(order, person: str) -> bool:
    status = face_status(order, person)
    return status["passed"] or bool(status["manual"] and status["manual"].outcome == "approved")


def _frame_ok(data: bytes) -> bool:
    if not data or len(data) > MAX_FRAME_BYTES:
        return False
    try:  # the header only, format sniffed from the bytes
        with images.open_image(data, ("JPEG", "PNG", "WEBP")) as image:
            return max(image.size) <= 1920
    except images.ImageRefused:
        return False


def start_attempt(*, link: PhoneLink, frames: list[bytes], now=None) -> FaceAttempt:
    now = now or timezone.now()
    order, person = link.order, link.person
    if attempts(order, person).filter(status=FaceAttempt.PENDING, created_at__gt=now - ATTEMPT_TIMEOUT).exists():
        raise VerificationError("attempt_running", msg.ATTEMPT_RUNNING)
    if attempts(order, person).filter(created_at__gt=now - timedelta(days=1)).count() >= DAILY_ATTEMPTS:
        raise VerificationError("attempt_limit", msg.ATTEMPT_LIMIT)
    if not MIN_FRAMES <= len(frames) <= MAX_FRAMES or not all(_frame_ok(f) for f in frames):
        raise VerificationError("frames_invalid", msg.FRAMES_INVALID)
    identity = persons.identity(person_record(order.application, person))
    if not identity:  # a pass must name whom it is for, or it would count for whoever is typed in later
        raise VerificationError("person_incomplete", msg.PERSON_INCOMPLETE)
    storage = materials_storage()
    folder = f"verification/{order.pk}/{uuid.uuid4().hex}"
    names = [storage.save(f"{folder}/{i:02d}.jpg", ContentFile(data)) for i, data in enumerate(frames)]
    attempt = FaceAttempt.objects.create(order=order, person=person, link=link, frames=names, identity=identity)
    enqueue_on_commit("beian.verification.tasks.verify_face", attempt.pk)
    return attempt


def _fail(attempt: FaceAttempt, code: str, message: str, evidence: dict) -> FaceAttempt:
    attempt.status, attempt.code, attempt.message = FaceAttempt.FAILED, code, message
    attempt.evidence = evidence
    attempt.finished_at = timezone.now()
    attempt.save()
    OrderEvent.objects.create(order=attempt.order, at=attempt.finished_at, role="system", kind="face_verification",
                              reason=message, payload={"person": attempt.person, "attempt": attempt.pk, "code": code})
    return attempt


LIVENESS_MESSAGES = {"no_face": msg.LIVENESS_NO_FACE, "no_motion": msg.LIVENESS_NO_MOTION,
                     "one_side": msg.LIVENESS_ONE_SIDE, "too_few_frames": msg.FRAMES_INVALID}


def run_face_attempt(attempt_id: int) -> str:
    """Liveness, then the live face against the registry portrait and the ID photo. Idempotent.

    Whatever goes wrong inside (a frame gone from storage, a registry down) ends the attempt as `error`
    with a message to retry: the phone page stops waiting and says so, instead of polling forever."""
    attempt = FaceAttempt.objects.select_related("order").get(pk=attempt_id)
    if attempt.status != FaceAttempt.PENDING:
        return attempt.status
    try:
        return _check_face(attempt)
    except Exception:
        logger.exception("face attempt %s failed", attempt.pk)
        attempt.status, attempt.code, attempt.message = FaceAttempt.ERROR, "internal_error", msg.ATTEMPT_ERROR
        attempt.finished_at = timezone.now()
        attempt.save()
        OrderEvent.objects.create(order=attempt.order, at=attempt.finished_at, role="system", kind="face_verification",
                                  reason=msg.ATTEMPT_ERROR, payload={"person": attempt.person, "attempt": attempt.pk,
                                                                     "code": "internal_error"})
        return attempt.status


def _id_face(attempt: FaceAttempt, evidence: dict):
    """(descriptor, None) of the portrait on the person's ID photo (the front, or the one photo of a passport
    or permit), or (None, failure code) when there is no photo or no face on it. The portrait is small, printed
    and behind a security pattern: `faces.find_card_face` searches for it and cuts it again at full resolution."""
    from beian.verification import faces

    id_front = Material.objects.filter(order=attempt.order, owner=attempt.person, kind="principal_id",
                                       side__in=["front", ""], status=Material.ACTIVE).first()
    if id_front is None:
        return None, "id_photo_missing"
    with id_front.original.open("rb") as fh:
        # The OCR of this photo found where the card's portrait is: search there first.
        region = ((id_front.evidence or {}).get("ocr") or {}).get("portrait_region")
        face = faces.find_card_face(faces.load(fh.read()), region=tuple(region) if region else None)
    evidence["id_material"] = id_front.pk
    if face is None:
        return None, "id_photo_no_face"
    evidence["id_face"] = {"found_by": face.found_by, "width": face.box[2] - face.box[0]}
    return face.descriptor(), None


def _pass(attempt: FaceAttempt, evidence: dict) -> str:
    attempt.status, attempt.code, attempt.message = FaceAttempt.PASSED, "passed", msg.FACE_PASSED
    attempt.evidence, attempt.finished_at = evidence, timezone.now()
    attempt.save()
    OrderEvent.objects.create(order=attempt.order, at=attempt.finished_at, role="system", kind="face_verification",
                              reason=msg.FACE_PASSED, payload={"person": attempt.person, "attempt": attempt.pk,
                                                               "code": "passed"})
    return attempt.status


ID_PHOTO_MESSAGES = {persons.REGISTRY: {"id_photo_missing": msg.ID_PHOTO_MISSING, "id_photo_no_face": msg.ID_PHOTO_NO_FACE},
                     persons.DOCUMENT: {"id_photo_missing": msg.DOCUMENT_PHOTO_MISSING,
                                        "id_photo_no_face": msg.DOCUMENT_PHOTO_NO_FACE}}


def _check_face(attempt: FaceAttempt) -> str:
    from beian.registries import identity
    from beian.verification import faces, liveness

    storage = materials_storage()
    frames = []
    used = liveness.sample_indices(len(attempt.frames))  # decode only the frames liveness looks at
    for index in used:
        with storage.open(attempt.frames[index]) as fh:
            frames.append(faces.load(fh.read()))
    result, live_face, _ = liveness.check(frames)
    record = person_record(attempt.order.application, attempt.person) or {}
    method = persons.method(record)
    evidence = {"liveness": {**result.as_evidence(), "frames_used": used}, "thresholds": dict(faces.THRESHOLDS),
                "method": method}
    if not result.passed:
        return _fail(attempt, f"liveness_{result.code}", LIVENESS_MESSAGES[result.code] + msg.GUIDANCE, evidence).status
    live = live_face.descriptor()

    def over(key: str, a, b) -> bool:
        """Records the comparison's distance; True when it is above that comparison's threshold."""
        evidence[key] = round(faces.distance(a, b), 4)
        return evidence[key] > faces.THRESHOLDS[key]

    if method == persons.DOCUMENT:
        # Not in 公安库 (seed 002: a non-mainland principal): the live face against the certificate's own photo.
        id_descriptor, failure = _id_face(attempt, evidence)
        if failure:
            return _fail(attempt, failure, ID_PHOTO_MESSAGES[method][failure], evidence).status
        if over("live_vs_id", live, id_descriptor):
            return _fail(attempt, "live_vs_id", msg.LIVE_VS_ID + msg.GUIDANCE, evidence).status
        return _pass(attempt, evidence)
    answer = identity.registry().check(name=record.get("name", ""), cert_number=record.get("cert_number", ""))
    evidence["registry"] = {"status": answer["status"], "portrait": bool(answer["portrait"])}
    if answer["status"] != identity.MATCH or not answer["portrait"]:
        return _fail(attempt, "registry_" + answer["status"], msg.REGISTRY_NAME_NUMBER, evidence).status
    portrait_faces = faces.find_faces(faces.load(answer["portrait"]))
    if not portrait_faces:
        return _fail(attempt, "registry_no_portrait", msg.REGISTRY_NAME_NUMBER, evidence).status
    portrait = portrait_faces[0].descriptor()
    live_far = over("live_vs_registry", live, portrait)
    id_descriptor, failure = _id_face(attempt, evidence)
    if failure:
        return _fail(attempt, failure, ID_PHOTO_MESSAGES[method][failure], evidence).status
    id_far = over("id_vs_registry", id_descriptor, portrait)
    over("live_vs_id", live, id_descriptor)  # recorded for the reviewer; the registry's two comparisons decide
    if live_far:
        return _fail(attempt, "live_vs_registry", msg.LIVE_VS_REGISTRY + msg.GUIDANCE, evidence).status
    if id_far:
        return _fail(attempt, "id_vs_registry", msg.ID_VS_REGISTRY, evidence).status
    return _pass(attempt, evidence)


def request_manual_review(*, link: PhoneLink) -> ManualReviewRequest:
    status = face_status(link.order, link.person)
    if not status["can_request_manual"]:
        raise VerificationError("manual_not_yet", msg.MANUAL_NOT_YET.format(n=MANUAL_REVIEW_AFTER))
    if status["manual"] and status["manual"].resolved_at is None:
        return status["manual"]
    try:
        with transaction.atomic():
            request = ManualReviewRequest.objects.create(
                order=link.order, person=link.person,
                identity=persons.identity(person_record(link.order.application, link.person)))
            OrderEvent.objects.create(order=link.order, at=timezone.now(), role="applicant", kind="manual_review",
                                      reason=msg.MANUAL_REQUESTED, payload={"person": link.person})
    except IntegrityError:  # a double tap: the open request already exists
        request = ManualReviewRequest.objects.get(order=link.order, person=link.person, resolved_at__isnull=True)
    return request


MANUAL_OUTCOMES = ("approved", "rejected")


def decide_manual_review(*, order, request_id: int, reviewer, outcome: str, reason: str,
                         now=None) -> ManualReviewRequest:
    """A reviewer's conclusion on a manual review request, with the reason they give. The reason is required:
    an approval stands in for the face check on the way to the ministry, so why must be on record. Audited."""
    now = now or timezone.now()
    reason = (reason or "").replace("\x00", "").strip()[:500]
    if outcome not in MANUAL_OUTCOMES:
        raise VerificationError("bad_outcome", msg.MANUAL_BAD_OUTCOME)
    if not reason:
        raise VerificationError("reason_required", msg.MANUAL_REASON_REQUIRED)
    with transaction.atomic():
        request = (ManualReviewRequest.objects.select_for_update()
                   .filter(order=order, pk=request_id, resolved_at__isnull=True).first())
        if request is None:
            raise VerificationError("manual_not_open", msg.MANUAL_NOT_OPEN)
        request.resolved_at, request.resolved_by, request.outcome, request.reason = now, reviewer, outcome, reason
        request.save(update_fields=["resolved_at", "resolved_by", "outcome", "reason"])
        OrderEvent.objects.create(order=order, at=now, actor=reviewer, role="reviewer", kind="manual_review",
                                  from_state=order.state, to_state=order.state,
                                  reason=msg.MANUAL_DECIDED[outcome].format(reason=reason),
                                  payload={"request": request.pk, "person": request.person, "outcome": outcome})
    return request

