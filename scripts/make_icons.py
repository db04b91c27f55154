"""Draws the installable web app's icons once (issue 20 #6); the PNGs are committed under
src/beian/static/beian/icons/ and served as static files, nothing is drawn or fetched at run time.

    .venv/bin/python scripts/make_icons.py   (needs fonts-noto-cjk for the 备 glyph)
"""

from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

BRAND = (255, 106, 0)  # --brand in beian.css, the manifest's theme_color
FONT = "/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc"
OUT = Path(__file__).resolve().parents[1] / "src" / "beian" / "static" / "beian" / "icons"


def draw(size: int, *, maskable: bool) -> Image.Image:
    """A white 备 on the brand colour: rounded for the plain icon, full bleed (the safe zone's 80 %) for maskable."""
    scale = 4  # drawn large, then reduced: smooth edges without anti-aliasing support in ImageDraw
    big = size * scale
    image = Image.new("RGBA", (big, big), (0, 0, 0, 0))
    pen = ImageDraw.Draw(image)
    if maskable:
        pen.rectangle((0, 0, big, big), fill=BRAND)
    else:
        pen.rounded_rectangle((0, 0, big - 1, big - 1), radius=big // 5, fill=BRAND)
    font = ImageFont.truetype(FONT, int(big * (0.5 if maskable else 0.62)), index=2)  # index 2: SC
    box = pen.textbbox((0, 0), "备", font=font)
    x = (big - (box[2] - box[0])) / 2 - box[0]
    y = (big - (box[3] - box[1])) / 2 - box[1]
    pen.text((x, y), "备", font=font, fill="white")
    return image.resize((size, size), Image.LANCZOS)


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    for size in (192, 512):
        draw(size, maskable=False).save(OUT / f"icon-{size}.png", optimize=True)
    draw(512, maskable=True).save(OUT / "maskable-512.png", optimize=True)
    print("icons written to", OUT)


if __name__ == "__main__":
    main()
