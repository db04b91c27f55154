"""2019 营业执照, drawn in millimetres of the real sheets.

Two-column 副本 (297 × 210 mm, landscape): emblem and 营业执照 centred at the top, 统一社会信用代码 with
its number under it at the top left, the QR code and its caption at the top right; the left column
名称 / 类型 / 法定代表人 / 经营范围 and the right column 注册资本 / 成立日期 / 营业期限 / 住所, every
label justified to its column's label width (名　　称 as wide as 法定代表人); 登记机关 with the date
under a red seal at the bottom right; the annual-report reminder and the 监制 line at the bottom.

Single-column (210 × 297 mm, portrait, the layout of 个体工商户 licences and of many copies in use):
one column of labels in the 2015 order 名称 / 类型 / 住所 / 法定代表人 / 注册资本 / 成立日期 / 营业期限 /
经营范围 (个体工商户: 名称 / 类型 / 经营者 / 组成形式 / 注册日期 / 经营场所 / 经营范围).
"""

from __future__ import annotations

import random
from datetime import date

from PIL import Image, ImageDraw

from .drawing import Canvas, emblem, font, guilloche, paper_noise, qr_image, seal, stamp, wrap
from .identities import Company

QR_CAPTION = "扫描二维码登录“国家企业信用信息公示系统”了解更多登记、备案、许可、监管信息。"
REMINDER = "市场主体应当于每年1月1日至6月30日通过国家企业信用信息公示系统报送公示年度报告。"
WEBSITE = "国家企业信用信息公示系统网址：http://www.gsxt.gov.cn"
SUPERVISED = "国家市场监督管理总局监制"


def _px(mm: float, s: float) -> int:
    return round(mm * s)


def chinese_date(day: date, padded: bool) -> str:
    return f"{day.year}年{day.month:02d}月{day.day:02d}日" if padded else f"{day.year}年{day.month}月{day.day}日"


def term_text(company: Company, padded: bool) -> str:
    if company.term_style == "only_long":
        return "长期"
    start = chinese_date(company.established, padded)
    return f"{start}至长期" if company.valid_until is None else f"{start}至{chinese_date(company.valid_until, padded)}"


def _sheet(size_mm, width, rng):
    s = width / size_mm[0]
    size = (width, round(size_mm[1] * s))
    paper = guilloche(size, rng, [(236, 222, 196), (226, 214, 200), (214, 224, 214), (232, 214, 200)],
                      (250, 248, 242), density=0.6, strength=rng.uniform(0.08, 0.16))
    return paper, s


def _border(image: Image.Image, s: float, rng: random.Random) -> None:
    """The printed frame: an outer band of small repeated marks between two ruled lines."""
    draw = ImageDraw.Draw(image)
    w, h = image.size
    colour = (rng.randint(150, 190), rng.randint(110, 140), rng.randint(50, 80))
    outer, inner = _px(8, s), _px(13, s)
    draw.rectangle((outer, outer, w - outer, h - outer), outline=colour, width=max(2, _px(0.6, s)))
    draw.rectangle((inner, inner, w - inner, h - inner), outline=colour, width=max(1, _px(0.3, s)))
    step = _px(3.0, s)
    mid = (outer + inner) // 2
    r = _px(1.0, s)
    for x in range(inner, w - inner, step):
        for y in (mid, h - mid):
            draw.ellipse((x - r, y - r, x + r, y + r), outline=colour)
    for y in range(inner, h - inner, step):
        for x in (mid, w - mid):
            draw.ellipse((x - r, y - r, x + r, y + r), outline=colour)


def _value_lines(canvas: Canvas, x, y, text, fnt, ink, width, step, field):
    lines = wrap(text, fnt, width)
    for i, line in enumerate(lines):
        canvas.text((x, y + i * step), line, fnt, ink, field=field)
    return y + (len(lines) - 1) * step, len(lines)


def _qr(canvas_image, company, x, y, size):
    url = f"http://www.gsxt.gov.cn/index.html?uniscid={company.cert_number}"
    canvas_image.paste(qr_image(url, size), (x, y))


def _seal_over(image, canvas, company, rng, s, centre):
    d = _px(rng.uniform(40, 42), s)
    ink = seal(d, company.authority, rng)
    x, y = centre[0] - d // 2 + _px(rng.uniform(-4, 4), s), centre[1] - d // 2 + _px(rng.uniform(-3, 3), s)
    stamp(image, ink, (x, y), opacity=rng.uniform(0.7, 0.9))
    box = (x, y, x + d, y + d)
    covered = sorted({r.field for r in canvas.runs if r.field and _overlaps(r.box, box)})
    return box, covered


def _overlaps(a, b) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def _fonts(rng, s, value_mm):
    label_style = rng.choice(["sans", "serif"])
    value_style = rng.choices(["serif", "sans"], [75, 25])[0]
    return (font(_px(value_mm, s), label_style, True), font(_px(value_mm, s), value_style, False),
            label_style, value_style)


def _row_items(company: Company, padded: bool) -> dict[str, tuple[str, str, str | None]]:
    """label → (label text, printed value, ground-truth field or None)."""
    items = {
        "name": ("名称", company.name, "name"),
        "type": ("类型", company.company_type, "company_type"),
        "rep": (company.representative_label, company.legal_representative, "legal_representative"),
        "scope": ("经营范围", company.scope, None),
        "address": (company.address_label, company.address, "address"),
        "established": ("成立日期", chinese_date(company.established, padded), None),
    }
    if company.capital:
        items["capital"] = (company.capital_label, company.capital, None)
    if company.individual:
        items["form"] = ("组成形式", company.extra.get("组成形式", "个人经营"), None)
        items["established"] = ("注册日期", chinese_date(company.established, padded), None)
    else:
        items["term"] = ("营业期限", term_text(company, padded), "term")
    return items


def two_column(company: Company, rng: random.Random, *, width: int | None = None):
    width = width or rng.randint(1900, 2300)
    image, s = _sheet((297, 210), width, rng)
    _border(image, s, rng)
    size = _px(rng.uniform(22, 25), s)
    em = emblem(size)
    image.paste(em.convert("RGB"), (image.width // 2 - size // 2, _px(16, s)), em.getchannel("A"))
    canvas = Canvas(image)
    padded = rng.random() < 0.65
    title_ink = rng.choice([(25, 25, 25), (140, 30, 30)])
    ink = (rng.randint(0, 35),) * 3
    title_font = font(_px(rng.uniform(13, 15), s), "serif", True)
    gap = _px(rng.uniform(5, 7), s)
    natural = sum(title_font.getlength(c) for c in "营业执照") + 3 * gap
    canvas.text((image.width / 2 - natural / 2, _px(57, s)), "营业执照", title_font, title_ink, role="print", spacing=gap)
    sub = font(_px(4.5, s), "serif", False)
    canvas.text((image.width / 2 - sub.getlength("（副　本）") / 2, _px(66, s)), "（副　本）", sub, ink, role="print")
    small = font(_px(3.0, s), "sans", False)
    canvas.text((_px(186, s), _px(66, s)), f"副本编号：{rng.randint(1, 3)}-1", small, ink, role="print")

    label_font, value_font, label_style, value_style = _fonts(rng, s, rng.uniform(4.0, 4.4))
    x0 = _px(rng.uniform(22, 26), s)
    canvas.text((x0, _px(37, s)), "统一社会信用代码", font(_px(4.0, s), label_style, True), ink, role="label")
    canvas.text((x0 + _px(2, s), _px(45, s)), company.cert_number, font(_px(4.6, s), "sans", True), ink,
                field="cert_number", spacing=_px(0.3, s))
    canvas.text((x0, _px(52, s)), f"证照编号：{rng.randint(10**15, 10**16 - 1)}", small, ink, role="print")

    qr_size = _px(rng.uniform(24, 28), s)
    qx, qy = image.width - _px(26, s) - qr_size, _px(19, s)
    _qr(image, company, qx, qy, qr_size)
    caption = font(_px(2.2, s), "sans", False)
    for i, line in enumerate(wrap(QR_CAPTION, caption, qr_size + _px(16, s))):
        canvas.text((qx - _px(8, s), qy + qr_size + _px(4, s) + i * _px(3.0, s)), line, caption, ink, role="print")

    items = _row_items(company, padded)
    left = [k for k in ("name", "type", "rep", "scope") if k in items]
    right = [k for k in ("capital", "established", "term", "address") if k in items]
    row_gap, line_step = _px(rng.uniform(9.5, 11), s), _px(rng.uniform(6.0, 6.6), s)
    char = label_font.getlength("国")
    lw = max(5, max(len(items[k][0]) for k in left)) * char
    rw = max(4, max(len(items[k][0]) for k in right)) * char
    top = _px(rng.uniform(82, 86), s)
    lvx = x0 + _px(4, s) + lw + _px(rng.uniform(5, 8), s)
    rx = _px(rng.uniform(160, 166), s)
    rvx = rx + rw + _px(rng.uniform(5, 8), s)
    columns = {"left": (x0 + _px(4, s), lvx, rx - _px(8, s) - lvx, lw, left),
               "right": (rx, rvx, image.width - _px(22, s) - rvx, rw, right)}
    value_width_chars = {}
    for column, (lx, vx, value_width, label_width, keys) in columns.items():
        y = top
        value_width_chars[column] = value_width / char
        for key in keys:
            label, value, field = items[key]
            canvas.spread((lx, y), label, label_width, label_font, ink)
            if key == "scope":  # the long business scope is the smaller type, right up to the bottom
                scope_font = font(_px(3.3, s), value_style, False)
                last, _ = _value_lines(canvas, vx, y, value, scope_font, ink, value_width, _px(5.0, s), None)
            else:
                last, _ = _value_lines(canvas, vx, y, value, value_font, ink, value_width, line_step, field)
            y = last + row_gap

    authority_y = _px(rng.uniform(163, 167), s)
    ax = _px(rng.uniform(196, 204), s)
    canvas.text((ax, authority_y), "登记机关", label_font, ink, role="label")
    issued = chinese_date(company.issued, padded)
    date_font = font(_px(4.0, s), value_style, False)
    dx = ax + _px(12, s)
    canvas.text((dx, authority_y + _px(14, s)), issued, date_font, ink, role="print")
    seal_box, covered = _seal_over(image, canvas, company, rng, s, (ax + _px(36, s), authority_y + _px(4, s)))
    foot = font(_px(2.8, s), "sans", False)
    canvas.text((image.width / 2 - foot.getlength(REMINDER) / 2, _px(186, s)), REMINDER, foot, ink, role="print")
    canvas.text((_px(22, s), _px(193, s)), WEBSITE, foot, ink, role="print")
    canvas.text((image.width - _px(22, s) - foot.getlength(SUPERVISED), _px(193, s)), SUPERVISED, foot, ink, role="print")
    layout = {"layout": "two_column", "qr_box": (qx, qy, qx + qr_size, qy + qr_size), "columns": {k: (v[0], v[1], v[1] + v[2]) for k, v in columns.items()},
              "seal_box": seal_box, "seal_covers": covered, "scale_px_per_mm": s,
              "label_style": label_style, "value_style": value_style, "padded_dates": padded}
    return paper_noise(image, rng, 2.5), canvas.runs, layout


def single_column(company: Company, rng: random.Random, *, width: int | None = None):
    width = width or rng.randint(1400, 1700)
    image, s = _sheet((210, 297), width, rng)
    _border(image, s, rng)
    size = _px(rng.uniform(24, 27), s)
    em = emblem(size)
    image.paste(em.convert("RGB"), (image.width // 2 - size // 2, _px(18, s)), em.getchannel("A"))
    canvas = Canvas(image)
    padded = rng.random() < 0.65
    ink = (rng.randint(0, 35),) * 3
    title_font = font(_px(rng.uniform(14, 16), s), "serif", True)
    gap = _px(rng.uniform(4, 6), s)
    natural = sum(title_font.getlength(c) for c in "营业执照") + 3 * gap
    canvas.text((image.width / 2 - natural / 2, _px(64, s)), "营业执照", title_font,
                rng.choice([(25, 25, 25), (140, 30, 30)]), role="print", spacing=gap)
    if rng.random() < 0.5:
        sub = font(_px(4.5, s), "serif", False)
        canvas.text((image.width / 2 - sub.getlength("（副　本）") / 2, _px(73, s)), "（副　本）", sub, ink, role="print")
    label_font, value_font, label_style, value_style = _fonts(rng, s, rng.uniform(4.3, 4.7))
    x0 = _px(rng.uniform(22, 26), s)
    canvas.text((x0, _px(86, s)), "统一社会信用代码", font(_px(4.0, s), label_style, True), ink, role="label")
    canvas.text((x0 + _px(36, s), _px(86, s)), company.cert_number, font(_px(4.6, s), "sans", True), ink,
                field="cert_number", spacing=_px(0.3, s))
    qr_size = _px(rng.uniform(22, 26), s)
    qx, qy = image.width - _px(22, s) - qr_size, _px(44, s)
    _qr(image, company, qx, qy, qr_size)

    items = _row_items(company, padded)
    order = (["name", "type", "rep", "form", "established", "address", "scope"] if company.individual else
             ["name", "type", "address", "rep", "capital", "established", "term", "scope"])
    keys = [k for k in order if k in items]
    char = label_font.getlength("国")
    lw = max(4, max(len(items[k][0]) for k in keys)) * char
    lx = x0 + _px(4, s)
    vx = lx + lw + _px(rng.uniform(6, 9), s)
    value_width = image.width - _px(24, s) - vx
    y = _px(rng.uniform(102, 106), s)
    row_gap, line_step = _px(rng.uniform(10, 12), s), _px(rng.uniform(6.4, 7.0), s)
    for key in keys:
        label, value, field = items[key]
        canvas.spread((lx, y), label, lw, label_font, ink)
        step = line_step if key != "scope" else _px(5.6, s)
        fnt = value_font if key != "scope" else font(_px(3.6, s), value_style, False)
        last, _ = _value_lines(canvas, vx, y, value, fnt, ink, value_width, step, field)
        y = last + row_gap
    authority_y = max(y + _px(6, s), _px(rng.uniform(245, 250), s))
    ax = _px(rng.uniform(118, 126), s)
    canvas.text((ax, authority_y), "登记机关", label_font, ink, role="label")
    date_font = font(_px(4.2, s), value_style, False)
    canvas.text((ax + _px(10, s), authority_y + _px(15, s)), chinese_date(company.issued, padded), date_font, ink,
                role="print")
    seal_box, covered = _seal_over(image, canvas, company, rng, s, (ax + _px(34, s), authority_y + _px(5, s)))
    foot = font(_px(2.8, s), "sans", False)
    canvas.text((_px(20, s), image.height - _px(18, s)), WEBSITE, foot, ink, role="print")
    canvas.text((image.width - _px(20, s) - foot.getlength(SUPERVISED), image.height - _px(18, s)), SUPERVISED,
                foot, ink, role="print")
    layout = {"layout": "single_column", "qr_box": (qx, qy, qx + qr_size, qy + qr_size), "seal_box": seal_box, "seal_covers": covered, "scale_px_per_mm": s,
              "label_style": label_style, "value_style": value_style, "padded_dates": padded}
    return paper_noise(image, rng, 2.5), canvas.runs, layout
