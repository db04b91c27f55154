"""Synthetic identity documents with known fields, for tests, benchmarks and the demo.

Resident ID cards (人像面 = front, 国徽面 = back) and business licences are drawn with Debian's
fonts-noto-cjk at roughly the proportions of the real documents. They are obviously not real: the
card carries "样本 仅供测试" so no output can be mistaken for a genuine document. Spoofs (a photo of
a screen showing the document) are produced for the recapture tests.
"""

from __future__ import annotations

import io
import random
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

from PIL import Image, ImageDraw, ImageFilter, ImageFont

from beian.rules.validators import USCC_CHARSET, resident_id_check_char, uscc_check_char

FONT_CANDIDATES = [
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Medium.ttc",
    "/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc",
]
BOLD_CANDIDATES = ["/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc",
                   "/usr/share/fonts/opentype/noto/NotoSerifCJK-Bold.ttc"]
SC_INDEX = 2  # face index of "Noto Sans CJK SC" inside the .ttc collection


class FontMissing(RuntimeError):
    pass


def _font(size: int, bold: bool = False) -> ImageFont.FreeTypeFont:
    for path in (BOLD_CANDIDATES if bold else []) + FONT_CANDIDATES:
        if Path(path).exists():
            return ImageFont.truetype(path, size, index=SC_INDEX)
    raise FontMissing("未找到中文字体：请安装 Debian 软件包 fonts-noto-cjk（./scripts/test 会自动安装）。")


SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
GIVEN = "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华建国志红玉梅俊峰晨阳鑫宇浩然子涵欣怡梓萱思远嘉怡雨泽一鸣文博天佑晓东海燕春梅永强德胜丽娟立新"
CITIES = [("330100", "浙江省杭州市西湖区", "杭州市公安局西湖分局"), ("320500", "江苏省苏州市姑苏区", "苏州市公安局姑苏分局"),
          ("110105", "北京市朝阳区", "北京市公安局朝阳分局"), ("440305", "广东省深圳市南山区", "深圳市公安局南山分局"),
          ("510104", "四川省成都市锦江区", "成都市公安局锦江区分局"), ("310115", "上海市浦东新区", "上海市公安局浦东分局"),
          ("420106", "湖北省武汉市武昌区", "武汉市公安局武昌分局"), ("610113", "陕西省西安市雁塔区", "西安市公安局雁塔分局")]
STREETS = ["文三路", "学院路", "人民路", "解放路", "中山路", "建设路", "和平街", "长江路", "黄河路", "科技园南路"]
COMPANY_WORDS = ["云帆", "星河", "启明", "远航", "青禾", "海川", "锦程", "智联", "博雅", "明德", "瑞丰", "嘉禾"]
TRADES = ["网络科技", "信息技术", "电子商务", "文化传媒", "软件开发", "数据服务"]
ETHNICITIES = ["汉"] * 8 + ["回", "满", "壮", "苗"]


@dataclass
class Person:
    name: str
    cert_number: str
    sex: str
    ethnicity: str
    birth: date
    address: str
    authority: str
    valid_from: date
    valid_until: date | None  # None = 长期

    @property
    def valid_until_text(self) -> str:
        return "长期" if self.valid_until is None else self.valid_until.isoformat()


@dataclass
class Company:
    name: str
    cert_number: str
    legal_representative: str
    address: str
    established: date
    kind: str = "有限责任公司(自然人投资或控股)"
    capital: str = "壹佰万元整"
    extra: dict = field(default_factory=dict)
    term_until: date | None = None  # None = 长期

    @property
    def term_text(self) -> str:
        start = f"{self.established.year}年{self.established.month}月{self.established.day}日"
        until = self.term_until
        return f"{start}至" + ("长期" if until is None else f"{until.year}年{until.month}月{until.day}日")


def random_person(rng: random.Random, *, expired: bool = False, today: date | None = None) -> Person:
    today = today or date(2026, 11, 1)
    code, region, authority = rng.choice(CITIES)
    birth = date(rng.randint(1960, 2004), rng.randint(1, 12), rng.randint(1, 28))
    sex = rng.choice("男女")
    seq = rng.randint(0, 99) * 10 + (rng.choice([1, 3, 5, 7, 9]) if sex == "男" else rng.choice([0, 2, 4, 6, 8]))
    first17 = f"{code}{birth:%Y%m%d}{seq:03d}"
    name = rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(rng.choice([1, 2, 2])))
    address = f"{region}{rng.choice(STREETS)}{rng.randint(1, 999)}号{rng.randint(1, 30)}幢{rng.randint(101, 2999)}室"
    if expired:
        valid_from = date(today.year - 12, rng.randint(1, 12), rng.randint(1, 28))
        valid_until = date(valid_from.year + 10, valid_from.month, valid_from.day)
    else:
        valid_from = date(today.year - rng.randint(0, 8), rng.randint(1, 12), rng.randint(1, 28))
        span = 20 if rng.random() < 0.7 else 10
        valid_until = None if rng.random() < 0.1 else date(valid_from.year + span, valid_from.month, valid_from.day)
    return Person(name=name, cert_number=first17 + resident_id_check_char(first17), sex=sex, ethnicity=rng.choice(ETHNICITIES),
                  birth=birth, address=address, authority=authority, valid_from=valid_from, valid_until=valid_until)


def random_company(rng: random.Random, *, legal_representative: str | None = None) -> Company:
    code, region, _ = rng.choice(CITIES)
    city = region[3:6] if region[2] == "省" else region[:2]
    body = f"91{code}MA" + "".join(rng.choice(USCC_CHARSET) for _ in range(7))
    name = f"{city.rstrip('市')}{rng.choice(COMPANY_WORDS)}{rng.choice(TRADES)}有限公司"
    address = f"{region}{rng.choice(STREETS)}{rng.randint(1, 999)}号{rng.randint(1, 20)}楼{rng.randint(101, 1999)}室"
    person = legal_representative or (rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(2)))
    return Company(name=name, cert_number=body + uscc_check_char(body), legal_representative=person, address=address,
                   established=date(rng.randint(2005, 2025), rng.randint(1, 12), rng.randint(1, 28)))


SUBDISTRICTS = ["城关街道", "东湖街道", "新华街道", "紫阳街道", "南湖街道", "长征街道"]
ROADS = ["文化路", "友谊大道", "中北路", "和平大道", "珞喻路", "东门路", "八一路"]
KINDS_2019 = ["有限责任公司(自然人投资或控股)", "有限责任公司(自然人独资)", "股份有限公司(非上市、自然人投资或控股)",
              "有限责任公司(非自然人投资或控股的法人独资)"]
CAPITALS = ["壹佰万元整", "伍拾万元整", "叁佰万圆整", "壹仟万元整", "贰佰伍拾万元整"]


def long_address(rng: random.Random, region: str) -> str:
    """An address as printed on many real cards, 2 to 3 lines: 街道, road, number, building, unit, room."""
    street = f"{region}{rng.choice(SUBDISTRICTS)}{rng.choice(ROADS)}{rng.randint(1, 299)}号"
    if rng.random() < 0.4:
        return street
    return street + f"{rng.randint(1, 30)}栋{rng.randint(1, 6)}单元{rng.randint(1, 32)}{rng.randint(1, 4):02d}室"


def random_company_2019(rng: random.Random) -> Company:
    """A company as the 2019 licence prints it: a long address, a term to the day before an anniversary or 长期."""
    company = random_company(rng)
    code, region, _ = rng.choice(CITIES)
    company.address = long_address(rng, region)
    company.kind = rng.choice(KINDS_2019)
    company.capital = rng.choice(CAPITALS)
    years = rng.choice([None, 20, 30, 50])
    if years:
        e = company.established
        company.term_until = date(e.year + years, e.month, e.day) - timedelta(days=1)
    return company


def _wrap(text: str, per_line: int) -> list[str]:
    return [text[i:i + per_line] for i in range(0, len(text), per_line)]


def _background(size: tuple[int, int], rng: random.Random, tint: tuple[int, int, int]) -> Image.Image:
    image = Image.new("RGB", size, tint)
    draw = ImageDraw.Draw(image)
    for _ in range(60):  # faint guilloche-like curves so the card is not a flat colour
        x, y = rng.randint(0, size[0]), rng.randint(0, size[1])
        r = rng.randint(20, 160)
        draw.ellipse([x - r, y - r, x + r, y + r], outline=tuple(max(0, c - 12) for c in tint))
    return image


def id_front(person: Person, portrait: Image.Image | None = None, *, seed: int = 0, width: int = 856,
             wrap: int = 12, portrait_left: int = 580) -> Image.Image:
    """人像面: name, sex, ethnicity, birth, address, number, portrait on the right. The current card wraps the
    address after 11 characters and its portrait reaches over the text block's right edge (wrap=11,
    portrait_left=470: the photo's left edge fades out under the text)."""
    rng = random.Random(seed)
    scale = width / 856
    image = _background((856, 540), rng, (236, 242, 246))
    box = (portrait_left, 60, portrait_left + 220, 330)
    if portrait is not None:
        face = portrait.convert("RGB").resize((box[2] - box[0], box[3] - box[1]))
        if portrait_left < 580:  # fade the photo's left quarter into the card, as printed
            mask = Image.linear_gradient("L").rotate(90).resize((face.width // 4, face.height))
            alpha = Image.new("L", face.size, 255)
            alpha.paste(mask, (0, 0))
            image.paste(face, box[:2], alpha)
        else:
            image.paste(face, box[:2])
    draw = ImageDraw.Draw(image)
    label, value, small = _font(24), _font(30), _font(20)
    grey, black = (60, 90, 120), (20, 20, 20)
    draw.text((60, 50), "姓名", font=label, fill=grey)
    draw.text((150, 44), person.name, font=value, fill=black)
    draw.text((60, 110), "性别", font=label, fill=grey)
    draw.text((150, 104), person.sex, font=value, fill=black)
    draw.text((240, 110), "民族", font=label, fill=grey)
    draw.text((330, 104), person.ethnicity, font=value, fill=black)
    draw.text((60, 170), "出生", font=label, fill=grey)
    draw.text((150, 164), f"{person.birth.year}年{person.birth.month}月{person.birth.day}日", font=value, fill=black)
    draw.text((60, 230), "住址", font=label, fill=grey)
    for i, line in enumerate(_wrap(person.address, wrap)[:3]):
        draw.text((150, 224 + i * 44), line, font=value, fill=black)
    draw.text((60, 440), "公民身份号码", font=label, fill=grey)
    draw.text((250, 432), person.cert_number, font=_font(34), fill=black)
    draw.text((640, 500), "样本 仅供测试", font=small, fill=(200, 80, 80))
    if portrait is None:
        draw.rectangle(box, outline=grey)
    if scale != 1:
        image = image.resize((width, round(540 * scale)))
    return image


def id_back(person: Person, *, seed: int = 0, width: int = 856) -> Image.Image:
    """国徽面: title, issuing authority, validity period."""
    rng = random.Random(seed + 1)
    image = _background((856, 540), rng, (240, 240, 232))
    draw = ImageDraw.Draw(image)
    red, black, grey = (180, 30, 30), (20, 20, 20), (60, 60, 60)
    draw.ellipse((60, 50, 200, 190), outline=red, width=6)  # stands in for the national emblem
    draw.text((260, 70), "中华人民共和国", font=_font(46, bold=True), fill=black)
    draw.text((300, 150), "居民身份证", font=_font(56, bold=True), fill=black)
    draw.text((140, 360), "签发机关", font=_font(24), fill=grey)
    draw.text((280, 354), person.authority, font=_font(30), fill=black)
    until = "长期" if person.valid_until is None else f"{person.valid_until:%Y.%m.%d}"
    draw.text((140, 430), "有效期限", font=_font(24), fill=grey)
    draw.text((280, 424), f"{person.valid_from:%Y.%m.%d}-{until}", font=_font(30), fill=black)
    draw.text((640, 500), "样本 仅供测试", font=_font(20), fill=(200, 80, 80))
    if width != 856:
        image = image.resize((width, round(540 * width / 856)))
    return image


def _label(draw: ImageDraw.ImageDraw, xy: tuple[int, int], text: str, size: int, fill, spaced: bool) -> None:
    """A label; spaced, a two- or three-character label is spread over the width of four (名　　称), as printed."""
    if not spaced or len(text) >= 4:
        draw.text(xy, text, font=_font(size), fill=fill)
        return
    step = size * 3 / (len(text) - 1)
    for i, char in enumerate(text):
        draw.text((xy[0] + round(i * step), xy[1]), char, font=_font(size), fill=fill)


# Blur of a smudged value: the recogniser still finds the text but misreads it with low confidence (浙江省机州市…);
# from about 5 px on it finds nothing.
SMUDGE_RADIUS = 4.5


def business_license(company: Company, *, seed: int = 0, width: int = 1400, spaced: bool = False,
                     smudged: tuple[str, ...] = ()) -> Image.Image:
    """营业执照 (landscape, single column): code, name, type, legal representative, address ... The values of the
    rows named in `smudged` (e.g. ("住所",)) are blurred past a sure reading, as a thumb or a glare spot leaves them."""
    rng = random.Random(seed + 2)
    image = _background((1400, 990), rng, (250, 248, 240))
    draw = ImageDraw.Draw(image)
    red, black, grey = (170, 30, 30), (20, 20, 20), (70, 70, 70)
    draw.rectangle((20, 20, 1380, 970), outline=(150, 110, 40), width=8)
    draw.text((560, 60), "营业执照", font=_font(80, bold=True), fill=red)
    draw.text((80, 200), "统一社会信用代码", font=_font(28), fill=grey)
    draw.text((330, 194), company.cert_number, font=_font(34), fill=black)
    rows = [("名称", company.name), ("类型", company.kind), ("法定代表人", company.legal_representative),
            ("注册资本", company.capital), ("成立日期", f"{company.established.year}年{company.established.month}月{company.established.day}日"),
            ("营业期限", company.term_text),
            ("住所", company.address)]
    y, smudges = 290, []
    for key, text in rows:
        _label(draw, (120, y), key, 30, grey, spaced)
        for i, line in enumerate(_wrap(text, 26)[:2]):
            draw.text((330, y + i * 48), line, font=_font(32), fill=black)
        if key in smudged:
            smudges.append((320, y - 6, 330 + 34 * 26, y + 48 * len(_wrap(text, 26)[:2]) + 4))
        y += 70 + 48 * (len(_wrap(text, 26)[:2]) - 1)
    draw.text((120, y + 10), "经营范围", font=_font(30), fill=grey)
    draw.text((330, y + 14), "技术开发、技术服务、技术咨询（依法须经批准的项目，经相关部门批准后方可开展经营活动）",
              font=_font(22), fill=black)
    draw.text((980, 840), "登记机关", font=_font(28), fill=grey)
    draw.ellipse((1130, 780, 1290, 940), outline=red, width=5)
    draw.text((80, 900), "样本 仅供测试", font=_font(24), fill=(200, 80, 80))
    for region in smudges:
        image.paste(image.crop(region).filter(ImageFilter.GaussianBlur(SMUDGE_RADIUS)), region[:2])
    if width != 1400:
        image = image.resize((width, round(990 * width / 1400)))
    return image


def _qr(draw: ImageDraw.ImageDraw, left: int, top: int, rng: random.Random, module: int = 6) -> None:
    """Stands in for the licence's QR code: 25×25 random modules with the three finder squares."""
    for r in range(25):
        for c in range(25):
            if rng.random() < 0.5:
                draw.rectangle((left + c * module, top + r * module, left + (c + 1) * module - 1, top + (r + 1) * module - 1),
                               fill=(20, 20, 20))
    for fx, fy in ((0, 0), (18, 0), (0, 18)):
        x, y = left + fx * module, top + fy * module
        draw.rectangle((x, y, x + 7 * module - 1, y + 7 * module - 1), fill=(250, 248, 240), outline=(20, 20, 20), width=module)
        draw.rectangle((x + 2 * module, y + 2 * module, x + 5 * module - 1, y + 5 * module - 1), fill=(20, 20, 20))


def _column(draw, x_label: int, x_value: int, y: int, rows, per_line: int, spaced: bool, size: int = 26) -> int:
    grey, black = (70, 70, 70), (20, 20, 20)
    for key, text, wrap in rows:
        _label(draw, (x_label, y), key, size, grey, spaced)
        lines = _wrap(text, wrap or per_line)
        for i, line in enumerate(lines):
            draw.text((x_value, y + i * 36), line, font=_font(size), fill=black)
        y += 62 + 36 * (len(lines) - 1)
    return y


SCOPE = ("一般项目：技术服务、技术开发、技术咨询、技术交流、技术转让、技术推广；软件开发；信息系统集成服务；"
         "计算机系统服务；数据处理服务；广告设计、代理；会议及展览服务。（除依法须经批准的项目外，凭营业执照依法自主"
         "开展经营活动）")


def business_license_2019(company: Company, *, seed: int = 0, width: int = 1400, spaced: bool = True,
                          seal_over_date: bool = True) -> Image.Image:
    """营业执照 (2019 format, horizontal 副本): two columns — 名称, 类型, 法定代表人, 经营范围 on the left; 注册资本,
    成立日期, 营业期限, 住所 on the right — the code top left, a QR code top right, the seal over the date."""
    rng = random.Random(seed + 5)
    image = _background((1400, 990), rng, (250, 248, 240))
    draw = ImageDraw.Draw(image)
    red, black, grey = (170, 30, 30), (20, 20, 20), (70, 70, 70)
    draw.rectangle((20, 20, 1380, 970), outline=(150, 110, 40), width=8)
    draw.text((560, 50), "营业执照", font=_font(80, bold=True), fill=red)
    draw.text((640, 150), "(副本)", font=_font(28), fill=black)
    draw.text((90, 100), "统一社会信用代码", font=_font(24), fill=grey)
    draw.text((90, 134), company.cert_number, font=_font(30), fill=black)
    _qr(draw, 1160, 50, rng)
    draw.text((1120, 210), "扫描二维码登录“国家企业信用", font=_font(14), fill=grey)
    draw.text((1120, 230), "信息公示系统”了解更多信息", font=_font(14), fill=grey)
    established = f"{company.established.year}年{company.established.month}月{company.established.day}日"
    left = [("名称", company.name, 17), ("类型", company.kind, 17), ("法定代表人", company.legal_representative, 17)]
    y = _column(draw, 90, 260, 290, left, 17, spaced)
    _label(draw, (90, y), "经营范围", 26, grey, spaced)
    for i, line in enumerate(_wrap(SCOPE, 19)[:8]):
        draw.text((260, y + i * 34), line, font=_font(22), fill=black)
    right = [("注册资本", company.capital, 14), ("成立日期", established, 16), ("营业期限", company.term_text, 22),
             ("住所", company.address, 14)]
    _column(draw, 760, 900, 290, right, 14, spaced)
    draw.text((900, 800), "登记机关", font=_font(26), fill=grey)
    draw.text((1010, 880), established, font=_font(26), fill=black)
    if seal_over_date:  # a red seal printed over the registration date
        seal = Image.new("RGBA", image.size, (0, 0, 0, 0))
        sd = ImageDraw.Draw(seal)
        sd.ellipse((1030, 770, 1210, 950), outline=(210, 40, 40, 150), width=6)
        sd.text((1070, 845), "市场监督管理局", font=_font(16), fill=(210, 40, 40, 150))
        sd.text((1105, 800), "★", font=_font(34), fill=(210, 40, 40, 150))
        image = Image.alpha_composite(image.convert("RGBA"), seal).convert("RGB")
        draw = ImageDraw.Draw(image)
    draw.text((90, 905), "国家企业信用信息公示系统网址：http://www.gsxt.gov.cn", font=_font(16), fill=grey)
    draw.text((90, 935), "样本 仅供测试", font=_font(24), fill=(200, 80, 80))
    if width != 1400:
        image = image.resize((width, round(990 * width / 1400)))
    return image


def photographed(image: Image.Image, *, seed: int = 0, margin: int = 40, angle: float | None = None) -> Image.Image:
    """The document as a phone photo: on a table, slightly rotated, a little soft, JPEG-compressed."""
    rng = random.Random(seed + 3)
    angle = rng.uniform(-3, 3) if angle is None else angle
    card = image.rotate(angle, expand=True, fillcolor=(90, 80, 70), resample=Image.Resampling.BICUBIC)
    canvas = Image.new("RGB", (card.width + 2 * margin, card.height + 2 * margin), (90, 80, 70))
    canvas.paste(card, (margin, margin))
    return canvas.filter(ImageFilter.GaussianBlur(rng.uniform(0.2, 0.7)))


def recaptured(image: Image.Image, *, seed: int = 0) -> Image.Image:
    """A spoof: the document shown on a screen and photographed again (翻拍) — visible pixel grid / moiré."""
    import numpy as np

    rng = random.Random(seed + 4)
    arr = np.asarray(image.convert("RGB")).astype("float32")
    h, w = arr.shape[:2]
    yy, xx = np.mgrid[0:h, 0:w]
    period = rng.uniform(3.2, 4.2)
    grid = 0.80 + 0.20 * (np.cos(2 * np.pi * xx / period) * np.cos(2 * np.pi * yy / period * 1.07))
    arr = arr * grid[..., None]
    arr[..., 2] *= 1.08  # screens render bluish
    return Image.fromarray(arr.clip(0, 255).astype("uint8"))


def blurred(image: Image.Image, radius: float = 6.0) -> Image.Image:
    return image.filter(ImageFilter.GaussianBlur(radius))


def to_bytes(image: Image.Image, fmt: str = "JPEG", quality: int = 90) -> bytes:
    out = io.BytesIO()
    image.convert("RGB").save(out, fmt, **({"quality": quality} if fmt == "JPEG" else {}))
    return out.getvalue()
