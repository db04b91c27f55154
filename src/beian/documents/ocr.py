"""Reading resident ID cards and business licences with rapidocr (PP-OCR models shipped in its wheel).

Pure functions over an image: no Django, no storage. The web flow (tasks) and `beian read-document`
both call `read_document`, so what an operator sees on the command line is what the applicant got.

Layout-independent by design: fields are found by their printed labels (姓名, 公民身份号码, 签发机关,
统一社会信用代码 ...) and by the shape of their values (an 18-character number whose check character
holds), not by pixel positions, so a photo at an angle, cropped differently or of another print run
still reads.
"""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass
from datetime import date

import numpy as np
from PIL import Image, ImageOps

from beian.documents import images
from beian.documents import messages as msg
from beian.rules.validators import resident_id_problem, uscc_problem

KINDS = ("resident_id_front", "resident_id_back", "business_license")

# Recognition runs one line at a time (batch 1 avoids padding every line to the widest one) on one
# thread (the task worker runs applicants in parallel processes, not threads); detection on the image
# scaled so its longer side is at most 640 px: documents are photographed large, text is not small.
OCR_PARAMS = {
    "Global.log_level": "error",
    "Global.use_cls": False,
    "EngineConfig.onnxruntime.intra_op_num_threads": 1,
    "EngineConfig.onnxruntime.inter_op_num_threads": 1,
    "Det.limit_type": "max",
    "Det.limit_side_len": 640,
    "Rec.rec_batch_num": 1,
    # PaddleOCR pads every line to at least 320 px wide (ratio 320/48); most document lines are short
    # labels and values ("姓名", "汉"), so recognising each at its own width costs a third less.
    "Rec.rec_img_shape": [3, 48, 48],
    "EngineConfig.onnxruntime.enable_cpu_mem_arena": True,
}
MAX_SIDE = 1600  # larger photos are scaled down before OCR: more pixels only cost time

_engine = None
_engine_lock = threading.Lock()


def engine():
    """The OCR engine, loaded once per process (model files come from the rapidocr wheel)."""
    global _engine
    with _engine_lock:
        if _engine is None:
            from rapidocr import RapidOCR

            _engine = RapidOCR(params=OCR_PARAMS)
    return _engine


class UnreadableImage(Exception):
    def __init__(self, code: str, message: str):
        super().__init__(message)
        self.code, self.message = code, message


@dataclass
class Line:
    text: str
    score: float
    x0: float
    y0: float
    x1: float
    y1: float
    # Mid-heights of the box's left and right ends (from its rotated quad): on a tilted photo a long
    # value's left end is level with its label even when its axis-aligned box reaches the next row.
    left_y: float | None = None
    right_y: float | None = None

    def __post_init__(self):
        self.left_y = self.cy if self.left_y is None else self.left_y
        self.right_y = self.cy if self.right_y is None else self.right_y

    @property
    def cy(self) -> float:
        return (self.y0 + self.y1) / 2

    @property
    def height(self) -> float:
        return self.y1 - self.y0


# Traditional and variant forms that appear in names and addresses on older documents or in OCR
# output, mapped to the simplified forms the ministry's records use.
_TRADITIONAL = (
    "劉陳張楊黃趙吳週孫馬羅鄭謝韓馮鄧蕭葉蘇呂盧蔣錢嚴龍陸範賈韋顧龔萬湯譚鍾鐘賀閆閻偉"
    "華國紅軍傑濤強麗豔艷靜雲東鳳鵬飛興輝發達寶貴慶義號區縣鎮鄉樓單門廣實業設計網絡訊"
    "資術務貿廠產電話傳書藝寧瀋陝遼臺灣漢滿壯關機與為責開戶"
)
_SIMPLIFIED = (
    "刘陈张杨黄赵吴周孙马罗郑谢韩冯邓萧叶苏吕卢蒋钱严龙陆范贾韦顾龚万汤谭钟钟贺闫阎伟"
    "华国红军杰涛强丽艳艳静云东凤鹏飞兴辉发达宝贵庆义号区县镇乡楼单门广实业设计网络讯"
    "资术务贸厂产电话传书艺宁沈陕辽台湾汉满壮关机与为责开户"
)
VARIANTS = str.maketrans(_TRADITIONAL + "︰：（）－—–～", _SIMPLIFIED + "::()----")
FULLWIDTH = str.maketrans({chr(0xFF10 + i): str(i) for i in range(10)}
                          | {chr(0xFF21 + i): chr(0x41 + i) for i in range(26)}
                          | {chr(0xFF41 + i): chr(0x61 + i) for i in range(26)} | {"\u3000": " "})


def normalise(text: str) -> str:
    return text.translate(FULLWIDTH).translate(VARIANTS).strip()


# Characters OCR confuses with digits inside numbers.
DIGIT_FIX = str.maketrans({"O": "0", "o": "0", "D": "0", "Q": "0", "I": "1", "l": "1", "|": "1", "Z": "2",
                           "S": "5", "B": "8", "x": "X", "×": "X", "〇": "0"})


def load_image(data: bytes) -> Image.Image:
    """Decoded within documents/images.py's limits; a large JPEG already scaled down towards MAX_SIDE (the OCR
    reads at most that, and the faces see the same pixels through this loader)."""
    if not data:
        raise UnreadableImage("no_file", msg.NO_FILE)
    try:
        image = images.decode(data, max_side=MAX_SIDE)
    except images.ImageRefused as exc:
        raise UnreadableImage(exc.code, exc.message) from None
    image = ImageOps.exif_transpose(image)  # phones store portrait shots rotated + an EXIF flag
    return image.convert("RGB")


def ocr_lines(image: Image.Image) -> list[Line]:
    """Text lines with boxes in the given image's coordinates (large photos are read scaled down)."""
    factor = 1.0
    if max(image.size) > MAX_SIDE:
        width = image.width
        image = image.copy()
        image.thumbnail((MAX_SIDE, MAX_SIDE))
        factor = width / image.width
    # BGR, contiguous: the engine crops every text line from this array, and OpenCV would copy a
    # reversed-stride view whole for each line.
    result = engine()(np.ascontiguousarray(np.asarray(image)[:, :, ::-1]))
    lines = []
    for quad, text, score in zip(result.boxes if result.boxes is not None else [], result.txts or (),
                                 result.scores or (), strict=False):
        box = [(float(x) * factor, float(y) * factor) for x, y in quad]
        xs, ys = [p[0] for p in box], [p[1] for p in box]
        text = normalise(text)
        if text:  # the quad is top-left, top-right, bottom-right, bottom-left
            lines.append(Line(text, float(score), min(xs), min(ys), max(xs), max(ys),
                              left_y=(box[0][1] + box[3][1]) / 2, right_y=(box[1][1] + box[2][1]) / 2))
    lines.sort(key=lambda ln: (ln.cy, ln.x0))
    return lines


# ---- field extraction ---------------------------------------------------------------------------------

ID_NUMBER_RE = re.compile(r"[0-9OoDQIlZSB|〇]{17}[0-9Xx×]")
USCC_RE = re.compile(r"[0-9A-HJ-NPQRTUWXY]{2}[0-9]{6}[0-9A-HJ-NPQRTUWXY]{10}")
DATE_RE = r"(\d{4})\s*[.\-/年]\s*(\d{1,2})\s*[.\-/月]\s*(\d{1,2})\s*日?"
VALIDITY_RE = re.compile(DATE_RE + r"\s*[-至~到]+\s*(长期|" + DATE_RE + ")")
CHINESE_DATE_RE = re.compile(DATE_RE)


def _date(y: str, m: str, d: str) -> str | None:
    try:
        return date(int(y), int(m), int(d)).isoformat()
    except ValueError:
        return None


def _same_row(a: Line, b: Line) -> bool:
    overlap = min(a.y1, b.y1) - max(a.y0, b.y0)
    return overlap > 0.4 * min(a.height, b.height)


def _strip_label(text: str, labels: tuple[str, ...]) -> tuple[str | None, str]:
    """(label, rest) when the text starts with one of the labels (OCR may drop the gap)."""
    compact = text.replace(" ", "")
    for label in labels:
        if compact.startswith(label):
            return label, compact[len(label):].lstrip(":").strip()
    return None, text


def _value_after(lines: list[Line], labels: tuple[str, ...], *, multiline_until: tuple[str, ...] = ()) -> tuple[str, float] | None:
    """The value printed after a label: in the same box, else the boxes to its right on the same row;
    with multiline_until, also the following rows up to the next label."""
    labelled = [o for o in lines if _strip_label(o.text, ALL_LABELS)[0] is not None]

    def nearer_other_label(o: Line, line: Line) -> bool:
        # On a rotated photo a box can overlap two label rows: it belongs to the label whose right end is
        # level with the box's left end (where a value starts, right after its label).
        return any(other is not line and _same_row(o, other) and abs(o.left_y - other.right_y) < abs(o.left_y - line.right_y)
                   for other in labelled)

    for i, line in enumerate(lines):
        label, rest = _strip_label(line.text, labels)
        if label is None:
            continue
        parts, scores = ([rest], [line.score]) if rest else ([], [])
        # OCR boxes of a label and its value may overlap by up to a character's width.
        right = sorted((o for o in lines if o is not line and _same_row(o, line) and o.x0 >= line.x1 - line.height
                        and o.x0 > (line.x0 + line.x1) / 2 and not nearer_other_label(o, line)),
                       key=lambda o: o.x0)
        for o in right[:1] if not multiline_until else right:
            if _strip_label(o.text, ALL_LABELS)[0] is None:
                parts.append(o.text)
                scores.append(o.score)
        if multiline_until:
            x_from = min([o.x0 for o in right] or [line.x1]) - line.height
            for o in lines[i + 1:]:
                if _same_row(o, line) or o.cy <= line.cy:
                    continue
                # Stop at the next label, or at a value printed on the next label's row (its box may sort
                # before the label's when the photo is slightly rotated).
                if (_strip_label(o.text, multiline_until + ALL_LABELS)[0] is not None or o.y0 - line.y1 > 4.5 * line.height
                        or nearer_other_label(o, line)):
                    break
                if o.x0 >= x_from - 2 * line.height and o.x0 < x_from + 3 * line.height:
                    parts.append(o.text)
                    scores.append(o.score)
        value = "".join(parts).strip()
        if value:
            return value, min(scores)
    return None


FRONT_LABELS = ("姓名", "性别", "民族", "出生", "住址", "公民身份号码")
BACK_LABELS = ("签发机关", "有效期限")
LICENSE_LABELS = ("统一社会信用代码", "名称", "类型", "法定代表人", "负责人", "经营者", "执行事务合伙人", "投资人",
                  "注册资本", "出资额", "成立日期", "注册日期", "营业期限", "合伙期限", "住所", "主要经营场所",
                  "经营场所", "经营范围", "登记机关")
ALL_LABELS = FRONT_LABELS + BACK_LABELS + LICENSE_LABELS


def _find_id_number(lines: list[Line]) -> tuple[str, float] | None:
    candidates = []
    for line in lines:
        compact = line.text.replace(" ", "")
        for match in ID_NUMBER_RE.finditer(compact):
            number = match.group(0).translate(DIGIT_FIX).upper()
            if number[:17].isdigit():
                candidates.append((resident_id_problem(number, None) is None, number, line.score))
    if not candidates:
        return None
    candidates.sort(key=lambda c: (not c[0], -c[2]))
    return candidates[0][1], candidates[0][2]


def _find_uscc(lines: list[Line]) -> tuple[str, float] | None:
    candidates = []
    for line in lines:
        compact = line.text.replace(" ", "").upper().replace("O", "0").replace("I", "1")
        for match in USCC_RE.finditer(compact):
            candidates.append((uscc_problem(match.group(0)) is None, match.group(0), line.score))
    if not candidates:
        return None
    candidates.sort(key=lambda c: (not c[0], -c[2]))
    return candidates[0][1], candidates[0][2]


def _clean_name(value: str) -> str:
    return re.sub(r"[^\u4e00-\u9fff·A-Za-z]", "", value)


def _front(lines: list[Line]) -> tuple[dict, dict]:
    fields, confidence = {}, {}
    if found := _value_after(lines, ("姓名",)):
        fields["name"], confidence["name"] = _clean_name(found[0]), found[1]
    for line in lines:
        compact = line.text.replace(" ", "")
        if (m := re.search(r"性别:?([男女])", compact)) and "sex" not in fields:
            fields["sex"], confidence["sex"] = m.group(1), line.score
        if (m := re.search(r"民族:?([\u4e00-\u9fff]{1,6})", compact)) and "ethnicity" not in fields:
            fields["ethnicity"], confidence["ethnicity"] = m.group(1), line.score
    for line in lines:
        if (m := CHINESE_DATE_RE.search(line.text.replace(" ", ""))) and (birth := _date(*m.groups())):
            fields["birth_date"], confidence["birth_date"] = birth, line.score
            break
    if found := _value_after(lines, ("住址",), multiline_until=("公民身份号码",)):
        fields["address"], confidence["address"] = found[0].replace(" ", ""), found[1]
    if found := _find_id_number(lines):
        fields["cert_number"], confidence["cert_number"] = found
    return fields, confidence


def portrait_region(lines: list[Line]) -> list[int] | None:
    """Where the photo sits on an ID card's 人像面: right of the name/sex/birth/address block and above
    the number row. Face detection looks there first (a fraction of the pixels)."""
    number = next((ln for ln in lines if ID_NUMBER_RE.search(ln.text.replace(" ", ""))), None)
    if number is None:
        return None
    above = [ln for ln in lines if ln.y1 <= number.cy]
    if not above:
        return None
    left_edge = min(ln.x0 for ln in above + [number])
    middle = (left_edge + number.x1) / 2
    # Lines that start in the left half are the text block; a stray reading inside the photo is not.
    text_right = max((ln.x1 for ln in above if ln.x0 < middle), default=middle)
    row = number.height
    top = min(ln.y0 for ln in above)
    return [round(text_right), round(max(0.0, top - 2 * row)), round(number.x1 + 6 * row), round(number.y0)]


def _back(lines: list[Line]) -> tuple[dict, dict]:
    fields, confidence = {}, {}
    if found := _value_after(lines, ("签发机关",)):
        fields["issuing_authority"], confidence["issuing_authority"] = found[0].replace(" ", ""), found[1]
    joined = [(line.text.replace(" ", ""), line.score) for line in lines]
    for text, score in joined:
        if m := VALIDITY_RE.search(text):
            fields["valid_from"] = _date(*m.groups()[:3])
            fields["valid_until"] = "长期" if m.group(4) == "长期" else _date(*m.groups()[4:7])
            confidence["valid_from"] = confidence["valid_until"] = score
            break
    return {k: v for k, v in fields.items() if v}, confidence


def _license(lines: list[Line]) -> tuple[dict, dict]:
    fields, confidence = {}, {}
    if found := _find_uscc(lines):
        fields["cert_number"], confidence["cert_number"] = found
    if found := _value_after(lines, ("名称",)):
        fields["name"], confidence["name"] = found[0].replace(" ", ""), found[1]
    if found := _value_after(lines, ("法定代表人", "执行事务合伙人", "负责人", "经营者", "投资人")):
        fields["legal_representative"], confidence["legal_representative"] = _clean_name(found[0]), found[1]
    if found := _value_after(lines, ("住所", "主要经营场所", "经营场所"), multiline_until=("经营范围", "登记机关")):
        fields["address"], confidence["address"] = found[0].replace(" ", ""), found[1]
    if found := _value_after(lines, ("类型",)):
        fields["company_type"], confidence["company_type"] = found[0].replace(" ", ""), found[1]
    if (found := _value_after(lines, ("成立日期", "注册日期"))) and (m := CHINESE_DATE_RE.search(found[0])):
        fields["valid_from"], confidence["valid_from"] = _date(*m.groups()), found[1]
    if found := _value_after(lines, ("营业期限", "合伙期限")):
        text = found[0].replace(" ", "")
        dates = CHINESE_DATE_RE.findall(text)
        if "长期" in text or "不约定" in text:
            fields["valid_until"] = "长期"
        elif len(dates) >= 2:
            fields["valid_until"] = _date(*dates[1])
        if "valid_until" in fields:
            confidence["valid_until"] = found[1]
    return {k: v for k, v in fields.items() if v}, confidence


PARSERS = {"resident_id_front": _front, "resident_id_back": _back, "business_license": _license}
# Words that only one kind of document prints: used to notice the wrong side or document.
MARKERS = {"resident_id_front": ("公民身份号码", "住址", "姓名"), "resident_id_back": ("签发机关", "有效期限", "居民身份证"),
           "business_license": ("营业执照", "统一社会信用代码", "法定代表人", "经营范围")}


def detect_kind(lines: list[Line]) -> str | None:
    text = "".join(line.text.replace(" ", "") for line in lines)
    scores = {kind: sum(word in text for word in words) for kind, words in MARKERS.items()}
    best = max(scores, key=scores.get)
    return best if scores[best] else None


def _issue(code: str, message: str) -> dict:
    return {"code": code, "message": message}


def check_fields(kind: str, fields: dict, *, today: date | None = None) -> list[dict]:
    today = today or date.today()
    issues = []
    if kind == "resident_id_front" and fields.get("cert_number"):
        if resident_id_problem(fields["cert_number"], None):
            issues.append(_issue("cert_number_invalid", msg.OCR_ID_INVALID))
        elif fields.get("birth_date") and fields["birth_date"].replace("-", "") != fields["cert_number"][6:14]:
            issues.append(_issue("birth_date_mismatch", msg.OCR_BIRTH_MISMATCH))
    if kind == "business_license" and fields.get("cert_number") and uscc_problem(fields["cert_number"]):
        issues.append(_issue("cert_number_invalid", msg.OCR_USCC_INVALID))
    until = fields.get("valid_until")
    if kind in {"resident_id_back", "business_license"} and until and until != "长期":
        end = date.fromisoformat(until)
        if end < today:
            issues.append(_issue("expired", msg.OCR_EXPIRED.format(date=until)))
        elif kind == "resident_id_back" and (end - today).days < 92:
            # 主体负责人 ID must be valid for more than 3 months (seed 003 §2, reference.md upload rules).
            issues.append(_issue("expires_soon", msg.OCR_EXPIRES_SOON.format(date=until)))
    return issues


def sharpness(image: Image.Image) -> float:
    """Variance of the Laplacian on a 640 px grey copy: low means blurred."""
    grey = image.convert("L")
    grey.thumbnail((640, 640))
    a = np.asarray(grey, dtype=np.float32)
    lap = a[1:-1, 1:-1] * -4 + a[:-2, 1:-1] + a[2:, 1:-1] + a[1:-1, :-2] + a[1:-1, 2:]
    return float(lap.var())


BLUR_THRESHOLD = 40.0  # measured: sharp document photos > 100, Gaussian blur r≥3 on an ID photo < 15


def screen_pattern(image: Image.Image) -> float:
    """Strength of a periodic high-frequency peak (a screen's pixel grid: 翻拍), relative to the spectrum."""
    grey = image.convert("L")  # full resolution: scaling down would alias the grid away
    w, h = grey.size
    side = min(512, w, h)
    left, top = (w - side) // 2, (h - side) // 2
    a = np.asarray(grey.crop((left, top, left + side, top + side)), dtype=np.float32)
    a = a - a.mean()
    spectrum = np.abs(np.fft.fftshift(np.fft.fft2(a)))
    h, w = spectrum.shape
    yy, xx = np.ogrid[:h, :w]
    radius = np.hypot((yy - h / 2) / h, (xx - w / 2) / w)
    band = spectrum[(radius > 0.18) & (radius < 0.5)]
    return float(band.max() / (np.median(band) + 1e-6)) if band.size else 0.0


RECAPTURE_THRESHOLD = 200.0  # measured: document photos 30–90 (JPEG q60–95 too), screen recaptures > 450


def read_document(data: bytes, kind: str, *, today: date | None = None) -> dict:
    """The JSON-able reading of one image: kind, fields, confidence, issues (plus detected_kind)."""
    if kind not in KINDS:
        raise ValueError(kind)
    image = load_image(data)
    lines = ocr_lines(image)
    # A flat image (a wall, a lens cap) is not "blurred": only flag blur where there is something to see.
    blurry = sharpness(image) < BLUR_THRESHOLD and float(np.asarray(image.convert("L")).std()) > 8
    if not lines:
        raise UnreadableImage("blurry", msg.OCR_BLURRY) if blurry else UnreadableImage("no_text", msg.OCR_NO_TEXT)
    fields, confidence = PARSERS[kind](lines)
    issues = []
    detected = detect_kind(lines)
    if detected and detected != kind:
        issues.append(_issue("wrong_side" if {detected, kind} <= {"resident_id_front", "resident_id_back"} else "wrong_document",
                             msg.OCR_WRONG_KIND.format(expected=msg.KIND_LABELS[kind], found=msg.KIND_LABELS[detected])))
    issues += check_fields(kind, fields, today=today)
    if blurry:
        issues.append(_issue("blurry", msg.OCR_BLURRY))
    if screen_pattern(image) > RECAPTURE_THRESHOLD:
        issues.append(_issue("recaptured", msg.OCR_RECAPTURED))
    wanted = REQUIRED_FIELDS[kind]
    missing = [f for f in wanted if f not in fields]
    if missing and not any(i["code"] in {"wrong_side", "wrong_document"} for i in issues):
        issues.append(_issue("fields_missing", msg.OCR_FIELDS_MISSING.format(
            fields="、".join(msg.FIELD_LABELS.get(f, f) for f in missing))))
    reading = {"kind": kind, "fields": fields, "confidence": {k: round(v, 3) for k, v in confidence.items()},
               "issues": issues, "detected_kind": detected}
    if kind == "resident_id_front":
        reading["portrait_region"] = portrait_region(lines)
    return reading


REQUIRED_FIELDS = {"resident_id_front": ("name", "cert_number", "address"),
                   "resident_id_back": ("valid_from", "valid_until"),
                   "business_license": ("name", "cert_number", "legal_representative", "address")}
