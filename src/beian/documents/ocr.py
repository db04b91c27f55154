"""Reading resident ID cards and business licences with rapidocr (PP-OCR models shipped in its wheel).

Pure functions over an image: no Django, no storage. The web flow (tasks) and `beian read-document`
both call `read_document`, so what an operator sees on the command line is what the applicant got.

This module runs the recogniser and checks the photo; documents/layout.py finds where each value is printed
(labels, columns, wrapped lines) and documents/fields.py reads each kind's fields from it, each with a
confidence. Numbers are found by their shape wherever they are (an 18-character number whose check character
holds), so a photo at an angle, cropped differently or of another print run still reads.
"""

from __future__ import annotations

import math
import threading
from dataclasses import dataclass
from datetime import date

import numpy as np
from PIL import Image, ImageOps

from beian.documents import fields as document_fields
from beian.documents import images
from beian.documents import messages as msg
from beian.documents.fields import ID_NUMBER_RE, MIN_CONFIDENCE, PARSERS
from beian.documents.layout import wide
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
    # Single characters of a spaced label (名　　称) score below the default 0.5 as boxes: measured on
    # licence photos, 0.3 finds every one at no extra cost.
    "Det.box_thresh": 0.3,
    "Rec.rec_batch_num": 1,
    # PaddleOCR pads every line to at least 320 px wide (ratio 320/48); most document lines are short
    # labels and values ("姓名", "汉"), so recognising each at its own width costs a third less.
    "Rec.rec_img_shape": [3, 48, 48],
    "EngineConfig.onnxruntime.enable_cpu_mem_arena": True,
    # Each character's position and probability: the layout splits boxes at wide gaps (spaced labels, fused
    # columns) and a field's confidence is that of its least sure character.
    "Global.return_word_box": True,
    "Global.return_single_char_box": True,
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
    # The detector's quad (top-left, top-right, bottom-right, bottom-left), when there is one.
    quad: tuple | None = None
    # (character, probability, start, end) of every non-space character, start and end as fractions of the
    # way from the box's left end to its right end; None: estimated from the text (documents/layout.py).
    chars: list | None = None

    def __post_init__(self):
        self.left_y = self.cy if self.left_y is None else self.left_y
        self.right_y = self.cy if self.right_y is None else self.right_y

    @property
    def cy(self) -> float:
        return (self.y0 + self.y1) / 2

    @property
    def height(self) -> float:
        return self.y1 - self.y0

    def ends(self) -> tuple[tuple[float, float], tuple[float, float]]:
        """Middles of the box's left and right edges."""
        if self.quad is not None:
            p = self.quad
            return (((p[0][0] + p[3][0]) / 2, (p[0][1] + p[3][1]) / 2),
                    ((p[1][0] + p[2][0]) / 2, (p[1][1] + p[2][1]) / 2))
        return (self.x0, self.left_y), (self.x1, self.right_y)

    @property
    def text_height(self) -> float:
        if self.quad is not None:
            p = self.quad
            return (math.dist(p[0], p[3]) + math.dist(p[1], p[2])) / 2
        return max(self.height - abs(self.right_y - self.left_y), 0.3 * self.height)

    def char_positions(self) -> list[tuple[str, float, float, float]]:
        if self.chars is not None:
            return self.chars
        weights = [1.0 if wide(c) else 0.55 for c in self.text]
        total, t, out = sum(weights) or 1.0, 0.0, []
        for char, weight in zip(self.text, weights, strict=True):
            if not char.isspace():
                out.append((char, self.score, t / total, (t + weight) / total))
            t += weight
        return out


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


def normalise_keep(text: str) -> str:
    """Simplified forms and half-width digits, one character for one (positions stay those of the text)."""
    return text.translate(FULLWIDTH).translate(VARIANTS)


def normalise(text: str) -> str:
    return normalise_keep(text).strip()


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


def _char_positions(text: str, words, quad, factor: float = 1.0) -> list | None:
    """(character, probability, start, end) for the non-space characters of a normalised line, from the
    recogniser's single-character boxes; None when they do not line up with the text."""
    if not words:
        return None
    kept = [i for i, c in enumerate(text) if not c.isspace()]
    if len(words) != len(kept):
        return None
    (lx, ly), (rx, ry) = (((quad[0][0] + quad[3][0]) / 2, (quad[0][1] + quad[3][1]) / 2),
                          ((quad[1][0] + quad[2][0]) / 2, (quad[1][1] + quad[2][1]) / 2))
    dx, dy = rx - lx, ry - ly
    length2 = dx * dx + dy * dy or 1.0
    out = []
    for i, (_, _, box) in zip(kept, words, strict=True):
        xs = [p[0] * factor for p in box]
        ys = [p[1] * factor for p in box]
        cy = (min(ys) + max(ys)) / 2
        t0 = ((min(xs) - lx) * dx + (cy - ly) * dy) / length2
        t1 = ((max(xs) - lx) * dx + (cy - ly) * dy) / length2
        # rapidocr pairs the k-th character's box with the probability of the k-th character *of the text*
        # (spaces included), so a character's own probability is that of its index in the text.
        conf = words[i][1] if i < len(words) else None
        out.append((text[i], float(conf) if conf is not None else None, max(0.0, t0), min(1.0, t1)))
    return out


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
    words = result.word_results if result.word_results and len(result.word_results) == len(result.txts or ()) else None
    lines = []
    for n, (quad, text, score) in enumerate(zip(result.boxes if result.boxes is not None else [], result.txts or (),
                                                result.scores or (), strict=False)):
        box = [(float(x) * factor, float(y) * factor) for x, y in quad]
        xs, ys = [p[0] for p in box], [p[1] for p in box]
        text = normalise_keep(text)
        if not text.strip():
            continue
        chars = _char_positions(text, words[n] if words else None, box, factor)
        if chars is not None:
            chars = [(c, float(score) if p is None else p, t0, t1) for c, p, t0, t1 in chars]
        # the quad is top-left, top-right, bottom-right, bottom-left
        lines.append(Line(text.strip(), float(score), min(xs), min(ys), max(xs), max(ys),
                          left_y=(box[0][1] + box[3][1]) / 2, right_y=(box[1][1] + box[2][1]) / 2,
                          quad=tuple(box), chars=chars))
    lines.sort(key=lambda ln: (ln.cy, ln.x0))
    return lines


# The field readers live in documents/fields.py (PARSERS); this name stays for callers of the old reader.
_find_id_number = document_fields.find_id_number


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


def check_fields(kind: str, fields: dict, *, today: date | None = None, confidence: dict | None = None,
                 threshold: float = MIN_CONFIDENCE) -> list[dict]:
    """Problems with the document itself (invalid number, expired ...). With `confidence`, fields read below
    the threshold are left out: a misread year must not call a valid licence expired."""
    today = today or date.today()
    if confidence is not None:
        fields = {k: v for k, v in fields.items() if confidence.get(k, 0.0) >= threshold}
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


def read_document(data: bytes, kind: str, *, today: date | None = None, threshold: float = MIN_CONFIDENCE) -> dict:
    """The JSON-able reading of one image: kind, fields, confidence, issues (plus detected_kind). A field whose
    confidence is below `threshold` is still returned (the reviewer sees what was guessed) but raises no issue."""
    if kind not in KINDS:
        raise ValueError(kind)
    image = load_image(data)
    lines = ocr_lines(image)
    # A flat image (a wall, a lens cap) is not "blurred": only flag blur where there is something to see.
    blurry = sharpness(image) < BLUR_THRESHOLD and float(np.asarray(image.convert("L")).std()) > 8
    if not lines:
        raise UnreadableImage("blurry", msg.OCR_BLURRY) if blurry else UnreadableImage("no_text", msg.OCR_NO_TEXT)
    fields, confidence = PARSERS[kind](lines, today=today)
    issues = []
    detected = detect_kind(lines)
    if detected and detected != kind:
        issues.append(_issue("wrong_side" if {detected, kind} <= {"resident_id_front", "resident_id_back"} else "wrong_document",
                             msg.OCR_WRONG_KIND.format(expected=msg.KIND_LABELS[kind], found=msg.KIND_LABELS[detected])))
    issues += check_fields(kind, fields, today=today, confidence=confidence, threshold=threshold)
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
