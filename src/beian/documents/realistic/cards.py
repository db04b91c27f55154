"""居民身份证 (second generation, current layout), drawn in millimetres of the real 85.6 × 54 mm card.

Front (人像面): labels printed in blue, values in black; 出生 as "1990 年 2 月 9 日" with unpadded month
and day; 住址 wrapping at about eleven characters per line over two or three lines; the portrait on
the right, fading into the tint, its left edge over the end of the longest address lines; the
18-digit number in a bold monospaced face after 公民身份号码. Back (国徽面): emblem, 中华人民共和国 /
居民身份证 in large spaced type, 签发机关 and 有效期限 "2016.03.08-2036.03.08" or "…-长期".
"""

from __future__ import annotations

import random

import numpy as np
from PIL import Image, ImageDraw, ImageEnhance, ImageFilter

from .drawing import Canvas, emblem, font, guilloche, paper_noise, wrap
from .identities import Person

CARD_MM = (85.6, 54.0)


def _px(mm: float, scale: float) -> int:
    return round(mm * scale)


def _card_base(width: int, rng: random.Random, palette) -> tuple[Image.Image, float]:
    scale = width / CARD_MM[0]
    size = (width, round(CARD_MM[1] * scale))
    base = guilloche(size, rng, palette, (238, 241, 236), strength=rng.uniform(0.22, 0.4))
    return base, scale


def _portrait_tile(portrait: Image.Image, w: int, h: int, rng: random.Random) -> Image.Image:
    """Crop to the card photo's 26:32 shape around the upper middle, soften as the card printer does."""
    img = portrait.convert("RGB")
    aspect = w / h
    cw = min(round(img.width * rng.uniform(0.62, 0.75)), round(img.height * aspect))
    ch = round(cw / aspect)
    left = round(img.width * rng.uniform(0.45, 0.52) - cw / 2)
    left = max(0, min(img.width - cw, left))
    top = max(0, min(img.height - ch, round(img.height * rng.uniform(0.0, 0.06))))
    img = img.crop((left, top, left + cw, top + ch)).resize((w, h), Image.LANCZOS)
    img = ImageEnhance.Color(img).enhance(rng.uniform(0.55, 0.85))
    img = ImageEnhance.Brightness(img).enhance(rng.uniform(1.02, 1.12))
    return img.filter(ImageFilter.GaussianBlur(0.4))


def _feather_mask(w: int, h: int, left_fade: int, other_fade: int) -> Image.Image:
    x = np.arange(w, dtype=np.float32)
    y = np.arange(h, dtype=np.float32)
    fx = np.minimum(np.clip(x / max(1, left_fade), 0, 1), np.clip((w - 1 - x) / max(1, other_fade), 0, 1))
    fy = np.minimum(np.clip(y / max(1, other_fade), 0, 1), np.clip((h - 1 - y) / max(1, other_fade), 0, 1))
    return Image.fromarray((np.outer(fy, fx) * 255).astype(np.uint8))


FRONT_PALETTE = [(180, 210, 228), (222, 196, 214), (228, 214, 170), (170, 200, 190)]
BACK_PALETTE = [(200, 214, 232), (232, 205, 190), (214, 224, 180), (190, 205, 225)]


def id_front(person: Person, portrait: Image.Image, rng: random.Random, *, width: int | None = None):
    """Returns (image, runs, layout): layout notes how the address wrapped and where the portrait sits."""
    width = width or rng.randint(980, 1240)
    card, s = _card_base(width, rng, FRONT_PALETTE)
    label_blue = (rng.randint(20, 60), rng.randint(100, 140), rng.randint(165, 205))
    ink = (rng.randint(10, 40),) * 3
    value_style = rng.choice(["sans", "serif", "sans"])
    label_font = font(_px(2.65, s), "sans", False)
    value_font = font(_px(rng.uniform(3.0, 3.25), s), value_style, False)
    name_font = font(_px(rng.uniform(3.6, 3.9), s), "sans", True)
    number_font = font(_px(3.55, s), "sans", True, mono=True)

    # portrait first: the text is printed over the tint and over the portrait's faded edge, which
    # reaches under the end of a full address line (the right edge of the text block)
    lx, vx = _px(6.2, s), _px(17.3, s)
    wrap_width = value_font.getlength("国") * 11 + 1
    text_right = vx + wrap_width
    px0, py0 = round(text_right - _px(rng.uniform(0.8, 3.0), s)), _px(rng.uniform(4.5, 6.0), s)
    pw, ph = _px(rng.uniform(28.0, 29.5), s), _px(rng.uniform(33.0, 35.0), s)
    pw = min(pw, width - px0 - _px(2.0, s))
    tile = _portrait_tile(portrait, pw, ph, rng)
    card.paste(tile, (px0, py0), _feather_mask(pw, ph, _px(5.0, s), _px(2.5, s)))

    canvas = Canvas(card)
    jitter = lambda: _px(rng.uniform(-0.25, 0.25), s)  # noqa: E731 - the printer's registration wanders a little

    y = _px(10.6, s) + jitter()
    canvas.text((lx, y), "姓名", label_font, label_blue, role="label")
    canvas.text((vx, y), person.name, name_font, ink, field="name")

    y = _px(17.2, s) + jitter()
    canvas.text((lx, y), "性别", label_font, label_blue, role="label")
    canvas.text((vx, y), person.sex, value_font, ink, field="sex")
    canvas.text((_px(29.6, s), y), "民族", label_font, label_blue, role="label")
    canvas.text((_px(40.2, s), y), person.ethnicity, value_font, ink, field="ethnicity")

    y = _px(23.7, s) + jitter()
    canvas.text((lx, y), "出生", label_font, label_blue, role="label")
    canvas.text((vx, y), f"{person.birth.year}", value_font, ink, field="birth_date")
    canvas.text((_px(27.4, s), y), "年", label_font, label_blue, role="label")
    month_right, day_right = _px(34.3, s), _px(42.3, s)  # month and day are right-aligned in their slots
    canvas.text((month_right - value_font.getlength(str(person.birth.month)), y), str(person.birth.month),
                value_font, ink, field="birth_date")
    canvas.text((_px(35.0, s), y), "月", label_font, label_blue, role="label")
    canvas.text((day_right - value_font.getlength(str(person.birth.day)), y), str(person.birth.day),
                value_font, ink, field="birth_date")
    canvas.text((_px(43.0, s), y), "日", label_font, label_blue, role="label")

    y = _px(30.3, s) + jitter()
    canvas.text((lx, y), "住址", label_font, label_blue, role="label")
    lines = wrap(person.address, value_font, wrap_width)
    step = _px(rng.uniform(4.2, 4.6), s)
    for i, line in enumerate(lines):
        canvas.text((vx, y + i * step), line, value_font, ink, field="address")

    y = _px(47.6, s) + jitter()
    canvas.text((lx, y), "公民身份号码", label_font, label_blue, role="label")
    canvas.text((_px(rng.uniform(28.8, 30.0), s), y), person.cert_number, number_font, ink, field="cert_number",
                spacing=_px(0.45, s))
    card = paper_noise(card, rng, 2.0)
    address_runs = [r for r in canvas.runs if r.field == "address"]
    layout = {"address_lines": [r.text for r in address_runs],
              "address_right": max(r.box[2] for r in address_runs), "text_block_right": round(text_right),
              "portrait_box": (px0, py0, px0 + pw, py0 + ph), "scale_px_per_mm": s,
              "value_font": value_style}
    return card, canvas.runs, layout


def _great_wall(card: Image.Image, rng: random.Random, s: float) -> None:
    """The 写意长城 band: a ridge of battlements drawn in pale dots and lines across the middle."""
    draw = ImageDraw.Draw(card)
    w, h = card.size
    base = _px(rng.uniform(33, 37), s)
    points = []
    x = 0
    while x <= w:
        points.append((x, base - _px(6 * abs(np.sin(x / w * 5 + rng.uniform(0, 0.3))), s)))
        x += max(3, w // 120)
    colour = (rng.randint(170, 200), rng.randint(180, 205), rng.randint(200, 225))
    for dy in range(0, _px(5, s), max(2, _px(0.7, s))):
        draw.line([(px, py + dy) for px, py in points], fill=colour, width=1)
    for px, py in points[::3]:
        draw.rectangle((px, py - _px(1.2, s), px + _px(0.8, s), py), fill=colour)


def id_back(person: Person, rng: random.Random, *, width: int | None = None):
    width = width or rng.randint(980, 1240)
    card, s = _card_base(width, rng, BACK_PALETTE)
    _great_wall(card, rng, s)
    size = _px(rng.uniform(14.0, 16.0), s)
    card.paste(emblem(size).convert("RGB"), (_px(6.5, s), _px(5.0, s)), emblem(size).getchannel("A"))
    canvas = Canvas(card)
    title = (rng.randint(0, 30), rng.randint(0, 30), rng.randint(0, 30))
    canvas.text((_px(30.5, s), _px(13.0, s)), "中华人民共和国", font(_px(4.3, s), "sans", True), title,
                role="print", spacing=_px(1.5, s))
    canvas.text((_px(27.0, s), _px(25.5, s)), "居民身份证", font(_px(7.0, s), "sans", True), title,
                role="print", spacing=_px(2.6, s))
    label_colour = (rng.randint(20, 60), rng.randint(20, 60), rng.randint(20, 60))
    ink = (rng.randint(10, 40),) * 3
    label_font = font(_px(2.75, s), "sans", False)
    value_font = font(_px(rng.uniform(3.0, 3.3), s), rng.choice(["sans", "serif"]), False)
    lx, vx = _px(20.5, s), _px(rng.uniform(34.5, 35.5), s)
    y = _px(43.6, s)
    canvas.text((lx, y), "签发机关", label_font, label_colour, role="label")
    canvas.text((vx, y), person.authority, value_font, ink, field="issuing_authority")
    y = _px(50.0, s)
    canvas.text((lx, y), "有效期限", label_font, label_colour, role="label")
    until = "长期" if person.valid_until is None else f"{person.valid_until:%Y.%m.%d}"
    canvas.text((vx, y), f"{person.valid_from:%Y.%m.%d}-{until}", value_font, ink, field="valid_from")
    canvas.runs[-1].field = "validity"
    return paper_noise(card, rng, 2.0), canvas.runs, {"scale_px_per_mm": s}


def rounded(card: Image.Image, s: float) -> Image.Image:
    """RGBA card with the real card's 3 mm rounded corners (transparent outside)."""
    mask = Image.new("L", card.size, 0)
    ImageDraw.Draw(mask).rounded_rectangle((0, 0, card.width - 1, card.height - 1), radius=_px(3.0, s), fill=255)
    out = card.convert("RGBA")
    out.putalpha(mask)
    return out

