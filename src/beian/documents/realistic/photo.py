"""A phone photo of a document lying on a table: the conditions applicants really send.

Every condition is drawn from the seed and returned, so a failing read can be replayed and the
benchmark can group by condition: the table's texture, the document's position, rotation and
perspective tilt, its own drop shadow, a shadow cast across it (a hand or the phone), one or two
glare spots, uneven light and vignetting, defocus or a little motion blur (kept readable), moiré
from the sensor grid, sensor noise and JPEG loss.
"""

from __future__ import annotations

import io
import math
import random

import cv2
import numpy as np
from PIL import Image

PROFILES = {
    # gentle: a careful applicant in good light; typical: what most uploads look like; hard: still
    # readable by a person, but every condition on at once
    "gentle": {"tilt": 0.02, "rotate": 3, "shadow": 0.3, "glare": 0.25, "blur": 0.5, "moire": 0.1, "light": 0.1},
    "typical": {"tilt": 0.05, "rotate": 6, "shadow": 0.6, "glare": 0.5, "blur": 0.9, "moire": 0.3, "light": 0.2},
    "hard": {"tilt": 0.08, "rotate": 9, "shadow": 0.9, "glare": 0.8, "blur": 1.2, "moire": 0.6, "light": 0.3},
}


def choose_conditions(rng: random.Random, profile: str = "typical", *, document_px: int = 1100) -> dict:
    p = PROFILES[profile]
    margin = rng.uniform(0.1, 0.3)
    return {
        "profile": profile,
        "document_px": document_px,  # width the document's long side has in the photo
        "margin": margin,
        "rotate_deg": rng.uniform(-p["rotate"], p["rotate"]),
        "tilt": [rng.uniform(-p["tilt"], p["tilt"]) for _ in range(8)],
        "offset": (rng.uniform(-0.4, 0.4) * margin, rng.uniform(-0.4, 0.4) * margin),
        "table": rng.choice(["wood", "wood", "granite", "cloth", "desk"]),
        "drop_shadow": rng.uniform(0.15, 0.45),
        "cast_shadow": rng.uniform(0.12, 0.4) if rng.random() < p["shadow"] else 0.0,
        "glare_spots": [(rng.uniform(0.1, 0.9), rng.uniform(0.1, 0.9), rng.uniform(0.04, 0.12), rng.uniform(0.3, 0.6))
                        for _ in range(rng.randint(1, 2))] if rng.random() < p["glare"] else [],
        "light_gradient": rng.uniform(0.0, p["light"] * 1.5),
        "light_angle": rng.uniform(0, 2 * math.pi),
        "colour_cast": (rng.uniform(0.95, 1.05), rng.uniform(0.97, 1.03), rng.uniform(0.9, 1.06)),
        "blur_sigma": rng.uniform(0.0, p["blur"]),
        "motion_px": rng.choice([0, 0, 0, 2, 3]),
        "moire": rng.uniform(2.0, 6.0) if rng.random() < p["moire"] else 0.0,
        "noise_sigma": rng.uniform(1.5, 4.5),
        "jpeg_quality": rng.randint(60, 92),
    }


def _table(full_w: int, full_h: int, kind: str, gen: np.random.Generator) -> np.ndarray:
    """The surface under the document, drawn at half size (it is out of focus anyway)."""
    w, h = max(2, full_w // 2), max(2, full_h // 2)
    y, x = np.mgrid[0:h, 0:w].astype(np.float32) * 2
    if kind == "wood":
        base = np.array(gen.choice([[150, 105, 65], [120, 80, 50], [185, 145, 100], [95, 65, 45]]), np.float32)
        grain = np.sin(y / gen.uniform(6, 14) + 3 * np.sin(x / gen.uniform(80, 200)) + gen.normal(0, 0.3, (h, 1)))
        rings = np.sin((y + 25 * np.sin(x / 150)) / 40)
        shade = 1 + 0.08 * grain + 0.05 * rings
    elif kind == "granite":
        base = np.array(gen.choice([[90, 90, 92], [160, 158, 150], [60, 62, 66]]), np.float32)
        speck = cv2.GaussianBlur(gen.normal(0, 1, (h, w)).astype(np.float32), (0, 0), 0.8)
        shade = 1 + 0.18 * speck
    elif kind == "cloth":
        base = np.array(gen.choice([[40, 70, 120], [120, 40, 50], [60, 90, 60], [70, 70, 75]]), np.float32)
        weave = np.sin(x * 0.65) * np.sin(y * 0.65)
        shade = 1 + 0.07 * weave + 0.05 * cv2.GaussianBlur(gen.normal(0, 1, (h, w)).astype(np.float32), (0, 0), 3)
    else:  # an office desk: pale laminate with faint streaks
        base = np.array(gen.choice([[215, 212, 205], [235, 235, 232], [200, 190, 175]]), np.float32)
        shade = 1 + 0.03 * np.sin(x / 37 + y / 91)
    table = np.clip(base[None, None, :] * shade[..., None], 0, 255).astype(np.float32)
    return cv2.resize(table, (full_w, full_h), interpolation=cv2.INTER_LINEAR)


def phone_photo(document: Image.Image, rng: random.Random, *, profile: str = "typical",
                document_px: int | None = None, conditions: dict | None = None) -> tuple[Image.Image, bytes, dict]:
    """Returns (decoded photo, JPEG bytes, conditions with the document's corners in the photo)."""
    if conditions is None:
        long_side = max(document.size)
        conditions = choose_conditions(rng, profile, document_px=document_px or long_side)
    c = conditions
    gen = np.random.default_rng(rng.randint(0, 2**32 - 1))
    doc = document.convert("RGBA")
    scale = c["document_px"] / max(doc.size)
    dw, dh = round(doc.width * scale), round(doc.height * scale)
    doc = doc.resize((dw, dh), Image.LANCZOS)
    m = c["margin"]
    pw, ph = round(dw * (1 + 2 * m)), round(dh * (1 + 2 * m) + dw * m * 0.6)
    cx, cy = pw / 2 + c["offset"][0] * dw, ph / 2 + c["offset"][1] * dh

    # where the corners land: rotated rectangle, each corner pushed by the tilt (perspective)
    a = math.radians(c["rotate_deg"])
    corners = []
    for i, (sx, sy) in enumerate([(-1, -1), (1, -1), (1, 1), (-1, 1)]):
        px, py = sx * dw / 2, sy * dh / 2
        px += c["tilt"][2 * i] * dw
        py += c["tilt"][2 * i + 1] * dh
        corners.append((cx + px * math.cos(a) - py * math.sin(a), cy + px * math.sin(a) + py * math.cos(a)))
    src = np.float32([(0, 0), (dw, 0), (dw, dh), (0, dh)])
    matrix = cv2.getPerspectiveTransform(src, np.float32(corners))
    arr = np.asarray(doc, np.float32)
    warped = cv2.warpPerspective(arr, matrix, (pw, ph), flags=cv2.INTER_LINEAR, borderValue=(0, 0, 0, 0))
    alpha = warped[..., 3:4] / 255

    table = _table(pw, ph, c["table"], gen)
    # the document's own soft shadow on the table
    shadow = cv2.GaussianBlur(alpha[..., 0], (0, 0), max(2, dw * 0.01))
    shift = max(2, round(dw * 0.008))
    shadow = np.roll(np.roll(shadow, shift, 0), shift, 1)
    table = table * (1 - c["drop_shadow"] * shadow[..., None])
    photo = table * (1 - alpha) + warped[..., :3] * alpha

    # smooth fields (light, cast shadow, glare) are computed on a coarse grid and scaled up
    k = 8
    sw, sh = max(2, pw // k), max(2, ph // k)
    y, x = np.mgrid[0:sh, 0:sw].astype(np.float32) * k
    t = ((x - pw / 2) * math.cos(c["light_angle"]) + (y - ph / 2) * math.sin(c["light_angle"])) / max(pw, ph)
    field = 1 - c["light_gradient"] * (t + 0.5)
    field *= 1 - 0.25 * (((x - pw / 2) / pw) ** 2 + ((y - ph / 2) / ph) ** 2)
    if c["cast_shadow"]:  # a large soft-edged shadow entering from one side (hand, phone, lamp arm)
        side = gen.integers(0, 4)
        edge = gen.uniform(0.15, 0.45)
        lean = gen.uniform(-0.3, 0.3)
        u = [x / pw, 1 - x / pw, y / ph, 1 - y / ph][side] + lean * ([y / ph, y / ph, x / pw, x / pw][side] - 0.5)
        mask = np.clip((edge - u) / 0.06 + 0.5, 0, 1).astype(np.float32)
        mask = cv2.GaussianBlur(mask, (0, 0), max(1.0, sw * 0.01))
        field *= 1 - c["cast_shadow"] * mask
    glare = np.zeros_like(field)
    for gx, gy, radius, peak in c["glare_spots"]:  # glare on the laminate / the licence's plastic sleeve
        # spot centres are relative to the document, so the glare is on it, not on the table
        gpx = corners[0][0] + gx * (corners[1][0] - corners[0][0]) + gy * (corners[3][0] - corners[0][0])
        gpy = corners[0][1] + gx * (corners[1][1] - corners[0][1]) + gy * (corners[3][1] - corners[0][1])
        glare = np.maximum(glare, np.exp(-((x - gpx) ** 2 + (y - gpy) ** 2) / (2 * (radius * dw) ** 2)) * peak)
    field = cv2.resize(field.astype(np.float32), (pw, ph), interpolation=cv2.INTER_LINEAR)
    photo = photo * field[..., None] * np.float32(c["colour_cast"])[None, None, :]
    if c["glare_spots"]:
        glare = cv2.resize(glare.astype(np.float32), (pw, ph), interpolation=cv2.INTER_LINEAR)[..., None]
        photo = photo + (255 - photo) * glare

    if c["blur_sigma"] > 0.05:
        photo = cv2.GaussianBlur(photo, (0, 0), c["blur_sigma"] * dw / 1100)
    if c["motion_px"]:
        k = np.zeros((c["motion_px"] * 2 + 1,) * 2, np.float32)
        k[c["motion_px"], :] = 1
        rot = cv2.getRotationMatrix2D((c["motion_px"], c["motion_px"]), gen.uniform(0, 180), 1.0)
        k = cv2.warpAffine(k, rot, k.shape)
        photo = cv2.filter2D(photo, -1, k / max(k.sum(), 1e-6))
    if c["moire"]:  # beat of two close spatial frequencies, faintly coloured
        f1, f2 = gen.uniform(0.9, 1.1), gen.uniform(0.9, 1.1)
        ang = gen.uniform(0, math.pi)
        yy, xx = np.mgrid[0:ph, 0:pw].astype(np.float32)
        u = xx * math.cos(ang) + yy * math.sin(ang)
        pattern = np.sin(u * f1) + np.sin(u * f2 + xx * 0.02)
        photo += c["moire"] * pattern[..., None] * np.float32([1.0, 0.6, 1.2])[None, None, :]
    photo += (gen.standard_normal(photo.shape[:2], dtype=np.float32) * np.float32(c["noise_sigma"]))[..., None]
    image = Image.fromarray(np.clip(photo, 0, 255).astype(np.uint8))
    buf = io.BytesIO()
    image.save(buf, "JPEG", quality=c["jpeg_quality"])
    data = buf.getvalue()
    out = dict(c, corners=[(round(px, 1), round(py, 1)) for px, py in corners], photo_size=(pw, ph))
    return Image.open(io.BytesIO(data)).convert("RGB"), data, out
