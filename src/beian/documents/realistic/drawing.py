"""Drawing primitives: fonts, text that records where it went, security tints, seals, emblem, QR."""

from __future__ import annotations

import math
import random
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np
from PIL import Image, ImageDraw, ImageFilter, ImageFont

FONT_DIRS = [Path("/usr/share/fonts/opentype/noto"), Path("/usr/share/fonts/noto-cjk"),
             Path("/usr/share/fonts/opentype/noto-cjk")]
FONT_FILES = {("sans", False): "NotoSansCJK-Regular.ttc", ("sans", True): "NotoSansCJK-Bold.ttc",
              ("serif", False): "NotoSerifCJK-Regular.ttc", ("serif", True): "NotoSerifCJK-Bold.ttc"}


class FontMissing(RuntimeError):
    pass


@lru_cache(maxsize=8)
def _font_path(style: str, bold: bool) -> Path:
    for folder in FONT_DIRS:
        path = folder / FONT_FILES[(style, bold)]
        if path.exists():
            return path
    if style == "serif":  # Debian's fonts-noto-cjk ships both; fall back to sans only if serif is absent
        return _font_path("sans", bold)
    raise FontMissing("fonts-noto-cjk is not installed (NotoSansCJK-*.ttc not found)")


@lru_cache(maxsize=256)
def font(size: int, style: str = "sans", bold: bool = False, mono: bool = False) -> ImageFont.FreeTypeFont:
    """The Simplified Chinese face of the Noto CJK collection, found by its name, not by a fixed index."""
    path = _font_path(style, bold)
    wanted = ("Mono CJK SC" if mono else "CJK SC")
    for index in range(12):
        try:
            face = ImageFont.truetype(str(path), size, index=index)
        except OSError:
            break
        name = face.getname()[0]
        if name.endswith(wanted) and (mono or "Mono" not in name):
            return face
    return ImageFont.truetype(str(path), size)


@dataclass
class Run:
    """One piece of text as drawn: which field it belongs to (None for fixed print) and its box."""
    text: str
    box: tuple[int, int, int, int]
    field: str | None = None
    role: str = "value"  # value / label / print

    @property
    def line_y(self) -> int:
        return (self.box[1] + self.box[3]) // 2


class Canvas:
    def __init__(self, image: Image.Image):
        self.image = image
        self.draw = ImageDraw.Draw(image)
        self.runs: list[Run] = []

    def text(self, xy, text: str, fnt, fill, *, field: str | None = None, role: str = "value",
             spacing: float = 0.0, anchor: str = "ls") -> tuple[int, int, int, int]:
        """Draw at baseline-left (anchor "ls"); `spacing` adds that many pixels after each character."""
        x, y = xy
        if spacing:
            left = x
            top, bottom = y, y
            for ch in text:
                box = self.draw.textbbox((x, y), ch, font=fnt, anchor=anchor)
                self.draw.text((x, y), ch, font=fnt, fill=fill, anchor=anchor)
                top, bottom = min(top, box[1]), max(bottom, box[3])
                x += fnt.getlength(ch) + spacing
            box = (int(left), int(top), int(x - spacing), int(bottom))
        else:
            box = self.draw.textbbox((x, y), text, font=fnt, anchor=anchor)
            self.draw.text((x, y), text, font=fnt, fill=fill, anchor=anchor)
            box = tuple(int(v) for v in box)
        self.runs.append(Run(text, box, field, role))
        return box

    def spread(self, xy, text: str, width: float, fnt, fill, *, field: str | None = None,
               role: str = "label") -> tuple[int, int, int, int]:
        """A label justified to `width` the way licences print them: 名　　称 as wide as 法定代表人."""
        if len(text) < 2:
            return self.text(xy, text, fnt, fill, field=field, role=role)
        natural = sum(fnt.getlength(ch) for ch in text)
        gap = max(0.0, (width - natural) / (len(text) - 1))
        return self.text(xy, text, fnt, fill, field=field, role=role, spacing=gap)


def wrap(text: str, fnt, width: float) -> list[str]:
    """Break where the next character would pass `width` (Chinese text breaks anywhere), keeping
    closing punctuation off the start of a line as typesetters do."""
    lines, current = [], ""
    for ch in text:
        if current and fnt.getlength(current + ch) > width and ch not in "，。、；：）》”":
            lines.append(current)
            current = ch
        else:
            current += ch
    if current:
        lines.append(current)
    return lines


# --- backgrounds ---------------------------------------------------------------------------------

def guilloche(size: tuple[int, int], rng: random.Random, colours: list[tuple[int, int, int]],
              base: tuple[int, int, int], *, density: float = 1.0, strength: float = 0.35) -> Image.Image:
    """Security-print tint: families of fine interfering wave lines, a rosette and a soft colour wash.
    Large sheets are drawn at half size and scaled up (the tint is faint and fine either way)."""
    if size[0] > 1300:
        half = guilloche((size[0] // 2, size[1] // 2), rng, colours, base, density=density, strength=strength)
        return half.resize(size, Image.BILINEAR)
    w, h = size
    y, x = np.mgrid[0:h, 0:w].astype(np.float32)
    out = np.empty((h, w, 3), np.float32)
    out[:] = base
    # soft colour wash: two broad gradients
    wash = np.array(colours[0], np.float32)
    t = (x / w * math.cos(rng.uniform(0, 3)) + y / h * math.sin(rng.uniform(0, 3)))
    t = (t - t.min()) / (np.ptp(t) + 1e-6)
    out = out * (1 - 0.25 * t[..., None]) + wash * 0.25 * t[..., None]
    for i in range(3):
        colour = np.array(colours[i % len(colours)], np.float32)
        period = rng.uniform(14, 30) * w / 900 / density
        amp = rng.uniform(10, 40) * w / 900
        freq = rng.uniform(1.5, 5) / w * 2 * math.pi
        angle = rng.uniform(0, math.pi)
        u = x * math.cos(angle) + y * math.sin(angle)
        v = -x * math.sin(angle) + y * math.cos(angle)
        phase = (v + amp * np.sin(u * freq + rng.uniform(0, 6))) / period
        line = np.exp(-((phase - np.round(phase)) ** 2) / 0.004)
        a = (strength * line)[..., None]
        out = out * (1 - a) + colour * a
    # rosette: radial waves around a point
    cx, cy = rng.uniform(0.2, 0.8) * w, rng.uniform(0.2, 0.8) * h
    r = np.hypot(x - cx, y - cy)
    theta = np.arctan2(y - cy, x - cx)
    petals = rng.randint(8, 18)
    ring = (r + 12 * w / 900 * np.sin(theta * petals)) / (9 * w / 900)
    rose = np.exp(-((ring - np.round(ring)) ** 2) / 0.006) * np.exp(-(r / (0.35 * w)) ** 2)
    colour = np.array(colours[-1], np.float32)
    a = (strength * 0.8 * rose)[..., None]
    out = out * (1 - a) + colour * a
    return Image.fromarray(np.clip(out, 0, 255).astype(np.uint8))


def paper_noise(image: Image.Image, rng: random.Random, sigma: float = 3.0) -> Image.Image:
    gen = np.random.default_rng(rng.randint(0, 2**32 - 1))
    arr = np.asarray(image, np.float32)
    arr = arr + gen.normal(0, sigma, arr.shape[:2])[..., None]
    return Image.fromarray(np.clip(arr, 0, 255).astype(np.uint8))


# --- seal, emblem, QR ----------------------------------------------------------------------------

def star_points(cx: float, cy: float, outer: float, inner: float, rotation: float = -math.pi / 2):
    return [(cx + (outer if i % 2 == 0 else inner) * math.cos(rotation + i * math.pi / 5),
             cy + (outer if i % 2 == 0 else inner) * math.sin(rotation + i * math.pi / 5)) for i in range(10)]


def seal(diameter: int, text: str, rng: random.Random, *, bottom: str = "") -> Image.Image:
    """A round red registration seal: ring, star, the authority's name along the upper arc.
    Returned as an 8-bit ink-density mask (L): 255 where the ink is full."""
    scale = 3
    d = diameter * scale
    mask = Image.new("L", (d, d), 0)
    draw = ImageDraw.Draw(mask)
    ring = int(d * 0.035)
    draw.ellipse((ring // 2, ring // 2, d - ring // 2, d - ring // 2), outline=255, width=ring)
    c = d / 2
    draw.polygon(star_points(c, c, d * 0.17, d * 0.068), fill=255)
    size = int(d * 0.115)
    fnt = font(size, "sans", True)
    radius = c - ring - size * 0.65
    span = min(math.radians(250), math.radians(20) * len(text))
    start = -math.pi / 2 - span / 2
    for i, ch in enumerate(text):
        a = start + span * (i + 0.5) / len(text)
        glyph = Image.new("L", (size * 2, size * 2), 0)
        ImageDraw.Draw(glyph).text((size, size), ch, font=fnt, fill=255, anchor="mm")
        glyph = glyph.rotate(-math.degrees(a + math.pi / 2), resample=Image.BICUBIC)
        gx, gy = c + radius * math.cos(a), c + radius * math.sin(a)
        mask.paste(255, (int(gx - size), int(gy - size)), glyph)
    if bottom:
        small = font(int(d * 0.07), "sans", True)
        draw.text((c, c + d * 0.3), bottom, font=small, fill=255, anchor="mm")
    mask = mask.resize((diameter, diameter), Image.LANCZOS)
    # uneven ink: a seal is stamped, not printed
    gen = np.random.default_rng(rng.randint(0, 2**32 - 1))
    arr = np.asarray(mask, np.float32) / 255
    blotch = gen.uniform(0.55, 1.0, (8, 8)).astype(np.float32)
    blotch = np.asarray(Image.fromarray((blotch * 255).astype(np.uint8)).resize((diameter, diameter), Image.BICUBIC),
                        np.float32) / 255
    arr = arr * blotch * gen.uniform(0.8, 1.0, arr.shape)
    return Image.fromarray(np.clip(arr * 255, 0, 255).astype(np.uint8))


def stamp(image: Image.Image, ink: Image.Image, xy: tuple[int, int], colour=(205, 30, 35), opacity=0.85) -> None:
    """Multiply red ink onto the paper: text under the seal stays, tinted red, as on a real licence."""
    x, y = xy
    box = (x, y, x + ink.width, y + ink.height)
    region = np.asarray(image.crop(box), np.float32)
    a = (np.asarray(ink, np.float32) / 255 * opacity)[..., None]
    tint = np.array(colour, np.float32) / 255
    out = region * (1 - a) + region * tint * a
    image.paste(Image.fromarray(np.clip(out, 0, 255).astype(np.uint8)), (x, y))


def emblem(size: int, *, gold=(214, 170, 60), red=(200, 30, 30)) -> Image.Image:
    """A stylised national emblem (RGBA): red disc, gold ring, five stars, gate and wheel shapes.
    Not the real artwork, only its colours, proportions and busy detail."""
    s = size * 3
    img = Image.new("RGBA", (s, s), (0, 0, 0, 0))
    d = ImageDraw.Draw(img)
    d.ellipse((0, 0, s - 1, s - 1), fill=gold)
    d.ellipse((s * 0.08, s * 0.08, s * 0.92, s * 0.92), fill=red)
    for i in range(24):  # wheat-ear ring
        a = 2 * math.pi * i / 24
        cx, cy = s / 2 + s * 0.43 * math.cos(a), s / 2 + s * 0.43 * math.sin(a)
        d.ellipse((cx - s * 0.03, cy - s * 0.05, cx + s * 0.03, cy + s * 0.05), fill=gold)
    d.polygon(star_points(s * 0.5, s * 0.27, s * 0.1, s * 0.04), fill=gold)
    for i in range(4):
        a = math.radians(-150 + 40 * i)
        d.polygon(star_points(s * 0.5 + s * 0.2 * math.cos(a), s * 0.32 + s * 0.13 * math.sin(a), s * 0.035, s * 0.014),
                  fill=gold)
    d.rectangle((s * 0.3, s * 0.5, s * 0.7, s * 0.56), fill=gold)  # gate roof
    d.rectangle((s * 0.33, s * 0.56, s * 0.67, s * 0.68), fill=gold)
    for i in range(3):
        x = s * (0.38 + 0.1 * i)
        d.rectangle((x, s * 0.6, x + s * 0.04, s * 0.68), fill=red)
    d.ellipse((s * 0.42, s * 0.72, s * 0.58, s * 0.88), outline=gold, width=int(s * 0.02))
    return img.resize((size, size), Image.LANCZOS)


def qr_image(data: str, size: int) -> Image.Image:
    import segno

    matrix = segno.make(data, error="m", micro=False).matrix
    n = len(matrix)
    quiet = 2
    img = Image.new("L", (n + 2 * quiet, n + 2 * quiet), 255)
    px = img.load()
    for r, row in enumerate(matrix):
        for c, v in enumerate(row):
            if v & 1:
                px[c + quiet, r + quiet] = 0
    return img.resize((size, size), Image.NEAREST).convert("RGB")


def soft_paste(base: Image.Image, overlay: Image.Image, xy, *, feather: int = 0) -> None:
    """Paste an RGBA overlay, optionally feathering its alpha."""
    alpha = overlay.getchannel("A")
    if feather:
        alpha = alpha.filter(ImageFilter.GaussianBlur(feather))
    base.paste(overlay.convert("RGB"), xy, alpha)
