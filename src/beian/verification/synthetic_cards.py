"""Card portraits as phones photograph them, for the card-portrait measurements and tests.

Written apart from documents/synthetic.py (whose ID card pastes the whole source image, stretched, as
its portrait) and to look like the real documents rather than like what the face code expects:

- the printed portrait is a head-and-shoulders crop at the real proportions (26 x 32 mm on a
  85.6 x 54 mm card, the face about a sixth of the card's width), slightly desaturated and flattened
  in contrast as a dye-sublimation/laser print is;
- a guilloche security pattern (two families of fine wavy lines and a rosette) is printed over the
  whole card, the portrait included;
- layouts: the 居民身份证 人像面 (portrait on the right, overlapping the text block's right edge) and a
  passport/permit photo page (portrait on the left, a faint small ghost portrait on the right);
- the photo: the card at 28–95% of a 1,600 px frame on a table, perspective tilt, rotation, uneven
  light, an optional glare spot, defocus blur, sensor noise, JPEG.

Everything is deterministic in `seed`. The text is filler (the face code does not read it); the card
carries "样本 仅供测试".
"""

from __future__ import annotations

import io
import math
import random
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from PIL import Image, ImageDraw, ImageEnhance, ImageFilter, ImageFont

from beian.documents.synthetic import FONT_CANDIDATES, SC_INDEX, FontMissing
from beian.rules.validators import resident_id_check_char

CARD = (856, 540)  # 85.6 x 54 mm at 10 px/mm
PASSPORT = (1250, 880)  # ID-3 photo page, 125 x 88 mm
FRAME = (1600, 1200)  # what the upload loader keeps of a phone photo (documents.ocr.MAX_SIDE)


def _font(size: int) -> ImageFont.FreeTypeFont:
    for path in FONT_CANDIDATES:
        if Path(path).exists():
            return ImageFont.truetype(path, size, index=SC_INDEX)
    raise FontMissing("未找到中文字体：请安装 Debian 软件包 fonts-noto-cjk。")


@dataclass(frozen=True)
class Shot:
    """How the phone photo was taken (all drawn from the seed unless given)."""

    card_width: float  # share of the frame's width
    angle: float  # degrees
    tilt: float  # perspective: corner displacement as a share of the card's size
    blur: float  # Gaussian radius in frame pixels
    glare: float  # 0 = none, 1 = a saturated spot
    glare_on_portrait: bool
    shadow: float  # 0..1 darkening of one side
    noise: float  # sensor noise, grey levels
    quality: int  # JPEG


CONDITIONS = ("close", "normal", "small", "hard")


def random_shot(rng: random.Random, condition: str = "normal") -> Shot:
    """close: the card fills the frame (the security pattern resolved); normal: half the frame; small: a third
    of it, softer; hard: small, blurred, heavily compressed, and half the time a glare spot on the portrait."""
    width = {"close": (0.8, 0.95), "normal": (0.45, 0.7), "small": (0.28, 0.4), "hard": (0.3, 0.45)}[condition]
    blur = {"close": (0.2, 0.5), "normal": (0.3, 0.9), "small": (0.4, 1.0), "hard": (0.9, 1.8)}[condition]
    quality = {"close": (70, 92), "normal": (60, 90), "small": (55, 85), "hard": (40, 65)}[condition]
    hard = condition == "hard"
    return Shot(card_width=rng.uniform(*width), angle=rng.uniform(-12, 12), tilt=rng.uniform(0.0, 0.12 if hard else 0.07),
                blur=rng.uniform(*blur), glare=rng.uniform(0.3, 0.7) if rng.random() < 0.5 else 0.0,
                glare_on_portrait=hard and rng.random() < 0.5, shadow=rng.uniform(0.0, 0.45),
                noise=rng.uniform(2, 6), quality=rng.randint(*quality))


def head_and_shoulders(source: Image.Image, face_box: tuple[int, int, int, int]) -> Image.Image:
    """The crop an ID photo is: 26:32, the face (box) about 60% of the width, some space above the head."""
    left, top, right, bottom = face_box
    fw = right - left
    width = fw / 0.6
    height = width * 32 / 26
    cx = (left + right) / 2
    y0 = top - 0.45 * fw
    box = (round(cx - width / 2), round(y0), round(cx + width / 2), round(y0 + height))
    canvas = Image.new("RGB", (box[2] - box[0], box[3] - box[1]), (238, 238, 236))
    canvas.paste(source.convert("RGB").crop(box), (0, 0))  # outside the source stays the light backdrop
    return canvas


def printed(portrait: Image.Image, rng: random.Random) -> Image.Image:
    """Print look: less colour, less contrast, a little lighter and softer."""
    out = ImageEnhance.Color(portrait).enhance(rng.uniform(0.45, 0.8))
    out = ImageEnhance.Contrast(out).enhance(rng.uniform(0.7, 0.9))
    out = ImageEnhance.Brightness(out).enhance(rng.uniform(1.02, 1.12))
    return out.filter(ImageFilter.GaussianBlur(0.6))


def guilloche(size: tuple[int, int], rng: random.Random, strength: float) -> np.ndarray:
    """Multiplicative security pattern in 0..1 (1 = no ink): two crossing families of fine waves and a rosette."""
    w, h = size
    yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)
    ink = np.zeros((h, w), np.float32)
    for _ in range(2):
        period = rng.uniform(5.0, 8.0)
        amp, wavelength, phase = rng.uniform(6, 18), rng.uniform(60, 160), rng.uniform(0, 2 * math.pi)
        slope = rng.uniform(-0.6, 0.6)
        wave = np.cos(2 * math.pi * (yy + slope * xx + amp * np.sin(2 * math.pi * xx / wavelength + phase)) / period)
        ink = np.maximum(ink, np.clip((wave - 0.6) / 0.4, 0, 1))
    cx, cy = rng.uniform(0.3, 0.7) * w, rng.uniform(0.3, 0.7) * h
    r = np.hypot(xx - cx, yy - cy)
    theta = np.arctan2(yy - cy, xx - cx)
    petals = rng.choice([7, 9, 11, 13])
    rosette = np.cos(2 * math.pi * (r + 12 * np.sin(petals * theta)) / rng.uniform(6, 9))
    ink = np.maximum(ink, np.clip((rosette - 0.7) / 0.3, 0, 1) * (r < 0.45 * min(w, h)))
    return 1.0 - strength * ink


def _filler_text(draw: ImageDraw.ImageDraw, rows: list[tuple[int, int, int]], rng: random.Random) -> None:
    """Grey label + black value bars where the text would be (x, y, length in characters)."""
    font = _font(28)
    hanzi = "中华人民共和国居民身份证姓名性别民族出生住址公民号码省市区县街道路号楼单元室"
    for x, y, n in rows:
        draw.text((x, y), "".join(rng.choice(hanzi) for _ in range(n)), font=font, fill=(25, 25, 25))


def id_card(source: Image.Image, face_box, *, seed: int = 0, pattern: float | None = None) -> Image.Image:
    """居民身份证 人像面 at 856 x 540: text on the left, the portrait on the right overlapping the text block's edge."""
    rng = random.Random(seed)
    card = Image.new("RGB", CARD, (226, 236, 242))
    draw = ImageDraw.Draw(card)
    _filler_text(draw, [(150, 44, 3), (150, 104, 1), (330, 104, 1), (150, 164, 10), (150, 224, 12), (150, 268, 12),
                        (150, 312, 8)], rng)
    body = "".join(str(rng.randint(0, 9)) for _ in range(17))
    draw.text((250, 432), body + resident_id_check_char(body), font=_font(34), fill=(25, 25, 25))
    for y, label in ((50, "姓名"), (110, "性别"), (170, "出生"), (230, "住址"), (440, "公民身份号码")):
        draw.text((60, y), label, font=_font(24), fill=(60, 90, 120))
    draw.text((640, 500), "样本 仅供测试", font=_font(20), fill=(200, 80, 80))
    photo = printed(head_and_shoulders(source, face_box), rng).resize((260, 320), Image.Resampling.LANCZOS)
    card.paste(photo, (540, 56))
    return _with_pattern(card, rng, pattern)


def photo_page(source: Image.Image, face_box, *, seed: int = 0, pattern: float | None = None) -> Image.Image:
    """A passport / permit photo page at 1250 x 880: portrait on the left, a faint ghost portrait on the right,
    the machine-readable zone at the bottom."""
    rng = random.Random(seed)
    page = Image.new("RGB", PASSPORT, (232, 236, 228))
    draw = ImageDraw.Draw(page)
    portrait = printed(head_and_shoulders(source, face_box), rng)
    page.paste(portrait.resize((350, 450), Image.Resampling.LANCZOS), (60, 200))
    ghost = ImageEnhance.Contrast(portrait.convert("L").convert("RGB")).enhance(0.35).resize((110, 140))
    page.paste(Image.blend(Image.new("RGB", ghost.size, (232, 236, 228)), ghost, 0.5), (1080, 420))
    _filler_text(draw, [(470, 210, 6), (470, 290, 8), (470, 370, 4), (470, 450, 10), (470, 530, 7), (470, 610, 9)], rng)
    mrz = _font(30)
    draw.text((60, 720), "P<CHNSAMPLE<<TEST<<<<<<<<<<<<<<<<<<<<<<<<<<<", font=mrz, fill=(20, 20, 20))
    draw.text((60, 780), "E000000000CHN0000000F0000000<<<<<<<<<<<<<<00", font=mrz, fill=(20, 20, 20))
    draw.text((900, 60), "样本 仅供测试", font=_font(28), fill=(200, 80, 80))
    return _with_pattern(page, rng, pattern)


def _with_pattern(card: Image.Image, rng: random.Random, pattern: float | None) -> Image.Image:
    strength = rng.uniform(0.2, 0.45) if pattern is None else pattern
    ink = guilloche(card.size, rng, strength)
    tint = np.array([rng.uniform(0.75, 0.95), rng.uniform(0.8, 1.0), 1.0], np.float32)  # bluish or pinkish ink
    arr = np.asarray(card).astype(np.float32) * (ink[..., None] * 1.0 + (1 - ink[..., None]) * tint)
    return Image.fromarray(arr.clip(0, 255).astype(np.uint8))


def _perspective_coeffs(src: list[tuple[float, float]], dst: list[tuple[float, float]]) -> list[float]:
    """PIL's PERSPECTIVE data mapping output (dst) points back to input (src) points."""
    rows = []
    for (x, y), (u, v) in zip(dst, src, strict=True):
        rows.append([x, y, 1, 0, 0, 0, -u * x, -u * y])
        rows.append([0, 0, 0, x, y, 1, -v * x, -v * y])
    rhs = [c for point in src for c in point]
    return list(np.linalg.solve(np.array(rows, float), np.array(rhs, float)))


def photographed(card: Image.Image, shot: Shot, *, seed: int = 0, portrait_at: tuple[float, float] = (0.78, 0.4)
                 ) -> Image.Image:
    """The card on a table in a FRAME-sized phone photo taken as `shot` says."""
    rng = random.Random(seed + 7)
    fw, fh = FRAME
    width = shot.card_width * fw
    scale = width / card.width
    height = card.height * scale
    cx, cy = fw / 2 + rng.uniform(-0.15, 0.15) * fw * (1 - shot.card_width), fh / 2 + rng.uniform(-0.1, 0.1) * fh
    corners = [(-width / 2, -height / 2), (width / 2, -height / 2), (width / 2, height / 2), (-width / 2, height / 2)]
    a = math.radians(shot.angle)
    dst = []
    for x, y in corners:
        x += rng.uniform(-1, 1) * shot.tilt * width
        y += rng.uniform(-1, 1) * shot.tilt * height
        dst.append((cx + x * math.cos(a) - y * math.sin(a), cy + x * math.sin(a) + y * math.cos(a)))
    src = [(0, 0), (card.width, 0), (card.width, card.height), (0, card.height)]
    table = _table(rng)
    warped = card.transform(FRAME, Image.Transform.PERSPECTIVE, _perspective_coeffs(src, dst),
                            resample=Image.Resampling.BICUBIC)
    mask = Image.new("L", card.size, 255).transform(FRAME, Image.Transform.PERSPECTIVE,
                                                    _perspective_coeffs(src, dst), resample=Image.Resampling.BILINEAR)
    table.paste(warped, (0, 0), mask)
    arr = np.asarray(table).astype(np.float32)
    yy, xx = np.mgrid[0:fh, 0:fw].astype(np.float32)
    light = 1.0 - shot.shadow * np.clip((xx * math.cos(rng.uniform(0, 6.3)) / fw + 0.5), 0, 1)
    arr *= light[..., None]
    if shot.glare:
        if shot.glare_on_portrait:  # the spot lands on the portrait, off its centre
            u, v = portrait_at[0] + rng.uniform(-0.06, 0.06), portrait_at[1] + rng.uniform(0.0, 0.12)
            weights = ((1 - u) * (1 - v), u * (1 - v), u * v, (1 - u) * v)
            gx = sum(wt * p[0] for wt, p in zip(weights, dst, strict=True))
            gy = sum(wt * p[1] for wt, p in zip(weights, dst, strict=True))
        else:
            gx, gy = rng.uniform(0.1, 0.9) * fw, rng.uniform(0.1, 0.9) * fh
        radius = rng.uniform(0.04, 0.09) * width
        spot = np.exp(-(((xx - gx) ** 2 + (yy - gy) ** 2) / (2 * radius ** 2)))
        arr = arr + shot.glare * 255 * spot[..., None]
    arr += np.random.default_rng(seed).normal(0, shot.noise, arr.shape).astype(np.float32)
    image = Image.fromarray(arr.clip(0, 255).astype(np.uint8)).filter(ImageFilter.GaussianBlur(shot.blur))
    out = io.BytesIO()
    image.save(out, "JPEG", quality=shot.quality)
    return Image.open(io.BytesIO(out.getvalue())).convert("RGB")


def _table(rng: random.Random) -> Image.Image:
    base = np.array([rng.randint(80, 160), rng.randint(60, 120), rng.randint(40, 90)], np.float32)
    h, w = FRAME[1], FRAME[0]
    grain = np.sin(np.linspace(0, rng.uniform(20, 60), w))[None, :] * rng.uniform(4, 12)
    arr = np.broadcast_to(base, (h, w, 3)) + grain[..., None]
    return Image.fromarray(arr.clip(0, 255).astype(np.uint8))


def to_bytes(image: Image.Image, quality: int = 90) -> bytes:
    out = io.BytesIO()
    image.convert("RGB").save(out, "JPEG", quality=quality)
    return out.getvalue()
