"""Liveness: the applicant turns the head left and right in front of the camera.

The browser sends a handful of frames taken during the challenge; each frame's yaw signal (nose
against the eyes, from the 5 landmarks) must swing past TURN on both sides. A printed photo or a
still image held to the camera keeps a constant yaw and fails. The most frontal frame is the one
compared with the registry portrait and the ID photo.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from statistics import median

from PIL import Image

from beian.verification.faces import Face, find_faces

# Yaw is measured against the median of the frames (people's frontal yaw differs: 0.06 for one
# portrait, -0.03 for another); a turn must move it by TURN each way. Measured: a still image varies
# by < 0.01 between frames, the synthetic turning portraits swing by 0.17–0.23 each way.
TURN = 0.1
MIN_FRAMES_WITH_FACE = 4
MAX_FRAMES = 8  # evenly spaced frames of those sent: enough to see both turns, each costs a detection
FRAME_MAX_SIDE = 480  # frames are scaled to this before detection: faces fill the frame, cost is linear in pixels


@dataclass
class LivenessResult:
    passed: bool
    code: str  # passed | no_face | no_motion | one_side | too_few_frames
    yaws: list[float | None] = field(default_factory=list)
    best: int | None = None  # index of the most frontal frame with a face
    faces_per_frame: list[int] = field(default_factory=list)

    def as_evidence(self) -> dict:
        return {"passed": self.passed, "code": self.code, "yaws": self.yaws, "best_frame": self.best,
                "faces_per_frame": self.faces_per_frame, "turn_threshold": TURN}


def _small(frame: Image.Image) -> Image.Image:
    if max(frame.size) > FRAME_MAX_SIDE:
        frame = frame.copy()
        frame.thumbnail((FRAME_MAX_SIDE, FRAME_MAX_SIDE))
    return frame


def sample_indices(count: int) -> list[int]:
    """Which of `count` frames are looked at: at most MAX_FRAMES, evenly spaced (callers decode only these)."""
    if count <= MAX_FRAMES:
        return list(range(count))
    step = count / MAX_FRAMES
    return [int(i * step) for i in range(MAX_FRAMES)]


def check(frames: list[Image.Image]) -> tuple[LivenessResult, Face | None, Image.Image | None]:
    """(result, the most frontal face, its frame)."""
    frames = [frames[i] for i in sample_indices(len(frames))]
    yaws: list[float | None] = []
    counts = []
    best: tuple[float, int, Face, Image.Image] | None = None
    for i, frame in enumerate(frames):
        small = _small(frame)
        faces = find_faces(small, upsample=0) or find_faces(small, upsample=1)
        counts.append(len(faces))
        if not faces:
            yaws.append(None)
            continue
        yaw = faces[0].yaw
        yaws.append(round(yaw, 3))
        if best is None or abs(yaw) < best[0]:
            best = (abs(yaw), i, faces[0], small)
    seen = [y for y in yaws if y is not None]
    if len(frames) < MIN_FRAMES_WITH_FACE:
        code = "too_few_frames"
    elif len(seen) < MIN_FRAMES_WITH_FACE:
        code = "no_face"
    elif max(seen) - min(seen) < TURN:
        code = "no_motion"
    elif not (min(seen) - median(seen) <= -TURN and max(seen) - median(seen) >= TURN):
        code = "one_side"
    else:
        code = "passed"
    result = LivenessResult(passed=code == "passed", code=code, yaws=yaws, best=best[1] if best else None,
                            faces_per_frame=counts)
    return result, (best[2] if best else None), (best[3] if best else None)
