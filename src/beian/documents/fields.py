"""The fields of each kind of document, each with a confidence.

Values come from the layout (documents/layout.py): found by their printed labels, joined over the lines they
wrap onto, kept inside their column. A field's confidence is the recogniser's (its least sure character) times
what the layout and the document say about it: a person's name of one character, an address whose last line is
full and ends mid-word (a line may be missing), a company name cut off before its 公司, a gap inside a value
or a wrapped line that stops short (a glare spot may hide characters there). A value the document's
other fields contradict — a term that ends before it starts, a start that is not the 成立日期, an impossible
date, a birth date that is not the one in the (checksum-valid) ID number, an ID card valid for a span no card
has — is set to UNSURE, below every threshold: shown as 未能识别，请核对 and never compared, not guessed.
Pure functions over OCR lines (documents/ocr.py's Line).
"""

from __future__ import annotations

import re
from datetime import date

from beian.documents import layout
from beian.rules.validators import resident_id_problem, uscc_problem

# Below this a field is "could not read": not prefilled, not compared (docs/decisions.md #52, measured with
# benchmarks/ocr_confidence.py; settings.OCR_MIN_CONFIDENCE overrides it).
MIN_CONFIDENCE = 0.85
UNSURE = 0.2  # the confidence of a value the document's other fields contradict

FRONT = {"name": ("姓名",), "sex": ("性别",), "ethnicity": ("民族",), "birth": ("出生",), "address": ("住址",),
         "number": ("公民身份号码",)}
BACK = {"authority": ("签发机关",), "validity": ("有效期限",)}
LICENSE = {"uscc": ("统一社会信用代码",), "name": ("名称",), "type": ("类型",), "form": ("组成形式",),
           "representative": ("法定代表人", "执行事务合伙人", "负责人", "经营者", "投资人"),
           "capital": ("注册资本", "出资额", "注册资金"), "established": ("成立日期", "注册日期"),
           "term": ("营业期限", "合伙期限", "经营期限"), "address": ("住所", "主要经营场所", "经营场所", "营业场所"),
           "scope": ("经营范围",), "authority": ("登记机关",)}

ID_NUMBER_RE = re.compile(r"[0-9OoDQIlZSB|〇]{17}[0-9Xx×]")
USCC_RE = re.compile(r"[0-9A-HJ-NPQRTUWXY]{2}[0-9]{6}[0-9A-HJ-NPQRTUWXY]{10}")
DATE_RE = r"(\d{4})\s*[.\-/年]\s*(\d{1,2})\s*[.\-/月]\s*(\d{1,2})\s*日?"
CHINESE_DATE_RE = re.compile(DATE_RE)
VALIDITY_RE = re.compile(DATE_RE + r"\s*[-至~到]+\s*(长期|" + DATE_RE + ")")
# Characters OCR confuses with digits inside numbers.
DIGIT_FIX = str.maketrans({"O": "0", "o": "0", "D": "0", "Q": "0", "I": "1", "l": "1", "|": "1", "Z": "2",
                           "S": "5", "B": "8", "x": "X", "×": "X", "〇": "0"})
# How addresses end (号, 室, 1201 ...): a full last line that ends otherwise may have lost the line after it.
# Not 区, 城, 园, 场: an address cut after its district ("…武昌区") or a name that continues ("…武昌区城").
ADDRESS_ENDS = set("号室楼层房座栋幢户组村院舍铺库间店厦馆苑墅)）") | set("0123456789ABCDEFGHJKLMNPQRSTUVWXYZ")
# Provinces and autonomous regions as addresses print them before 省 / 自治区.
PROVINCES = {"河北", "山西", "辽宁", "吉林", "黑龙江", "江苏", "浙江", "安徽", "福建", "江西", "山东", "河南", "湖北",
             "湖南", "广东", "海南", "四川", "贵州", "云南", "陕西", "甘肃", "青海", "台湾", "内蒙古", "广西壮族",
             "西藏", "宁夏回族", "新疆维吾尔"}
TYPE_ENDS = ("公司", "企业", ")", "）", "户", "合伙", "合作社", "机构", "经营", "组织")
COMPANY_ENDS = ("公司", "厂", "店", "中心", "企业", "事务所", "部", "社", "馆", "室", "院", "所", "场", "站", "行",
                "坊", "园", "城", "会", "合伙)", "合伙）", "处", "厅", "铺", "庄", "吧", "屋", "堂", "队", "中学")


# The commonest surnames (about 300 single, 19 compound): a name read with a first character outside them is more
# often a misread (郝 as 都, 白 as 自, 覃 as 京) than a rare surname, so its confidence drops (to 未能识别，请核对
# unless the recogniser was very sure). Names with · (many minorities' transliterations) are not checked.
SURNAMES = set(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔"
    "钟谭陆汪范金石廖贾夏韦付傅方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤常温康施文牛樊葛"
    "邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝"
    "路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂"
    "全佟应臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻苑迟邝官封谈匡鞠惠荆乐冀郁胥南班储原栗燕"
    "楚鄢劳谌奚皮粟冼蔺楼盘满闻位厉伊仝区郜海阚花权强帅屠豆朴盖练廉禹井祖漆巴丰支卿国狄平计索宣晋相初门云容敬来扈"
    "晁芮普阎浦戈伏鹿薄邸雍辜羊阿乌母裘亓修邰赫杭况那宿鲜印逯隆茹诸战慕危玉银亢嵇公哈湛宾戎勾茅利於呼居揭干但尉冶"
    "斯元束檀衣信展阴昝智幸奉植衡富尧闭由萧钮庹蔚") | {
    "欧阳", "司马", "上官", "诸葛", "东方", "皇甫", "尉迟", "公孙", "慕容", "长孙", "宇文", "司徒", "夏侯", "令狐", "端木",
    "西门", "南宫", "独孤", "轩辕"}


def plausible_person_name(name: str) -> bool:
    return "·" in name or name[:1] in SURNAMES or name[:2] in SURNAMES


def recognised(confs: list[float]) -> float:
    """The recogniser's confidence in a value: its least sure character."""
    return min(confs) if confs else 0.0


def date_of(y: str, m: str, d: str) -> date | None:
    try:
        return date(int(y), int(m), int(d))
    except ValueError:
        return None


def clean_name(value: str) -> str:
    return re.sub(r"[^\u4e00-\u9fff·A-Za-z]", "", value)


def compact(text: str) -> str:
    return text.replace(" ", "").lstrip(layout.PUNCTUATION)


def find_id_number(lines) -> tuple[str, float] | None:
    candidates = []
    for line in lines:
        for match in ID_NUMBER_RE.finditer(line.text.replace(" ", "")):
            number = match.group(0).translate(DIGIT_FIX).upper()
            if number[:17].isdigit():
                candidates.append((resident_id_problem(number, None) is None, number, line.score))
    if not candidates:
        return None
    candidates.sort(key=lambda c: (not c[0], -c[2]))
    valid, number, score = candidates[0]
    # A valid check character leaves one misread in eleven undetected: the number is as sure as the recogniser
    # is, at least 0.95; an invalid one is certainly misread.
    return number, max(score, 0.95) if valid else min(score, UNSURE)


def find_uscc(lines) -> tuple[str, float] | None:
    candidates = []
    for line in lines:
        text = line.text.replace(" ", "").upper().replace("O", "0").replace("I", "1")
        for match in USCC_RE.finditer(text):
            candidates.append((uscc_problem(match.group(0)) is None, match.group(0), line.score))
    if not candidates:
        return None
    candidates.sort(key=lambda c: (not c[0], -c[2]))
    valid, number, score = candidates[0]
    return number, max(score, 0.95) if valid else min(score, UNSURE)


class Reading:
    """Fields and their confidences, filled one at a time."""

    def __init__(self):
        self.fields: dict = {}
        self.confidence: dict[str, float] = {}

    def set(self, key: str, value, confidence: float) -> None:
        if value:
            self.fields[key], self.confidence[key] = value, max(0.0, min(1.0, confidence))

    def doubt(self, *keys: str) -> None:
        for key in keys:
            if key in self.confidence:
                self.confidence[key] = min(self.confidence[key], UNSURE)

    def result(self) -> tuple[dict, dict]:
        return self.fields, self.confidence


def _person_name(value: layout.Value | None) -> tuple[str, float] | None:
    if value is None:
        return None
    name = clean_name("".join(c.text for c in value.rows[0]))
    if not name:
        return None
    plain = name.replace("·", "")
    factor = 1.0 if 2 <= len(plain) <= 4 or ("·" in name and len(plain) <= 15) else 0.7
    if not plausible_person_name(name):
        factor *= 0.8
    if len(plain) < 2:
        factor = UNSURE
    return name, recognised(value.confs) * factor


def _address(value: layout.Value | None) -> tuple[str, float] | None:
    if value is None:
        return None
    text = compact(value.text)
    if not text:
        return None
    factor = 1.0
    ends_well = text[-1] in ADDRESS_ENDS
    if len(value.rows) >= 2:
        h = value.label.h
        full = value.row_extent(-1)[1] > max(value.row_extent(i)[1] for i in range(len(value.rows) - 1)) - 1.2 * h
        if full and not ends_well and value.ended != "label":
            factor = 0.5  # the last line is full and stops mid-word: the next line may not have been seen
        elif not ends_well:
            factor = 0.9
    elif not ends_well:
        factor = 0.6  # one line that does not end like an address: its continuation may be missing
    if text[-1].isdigit() and value.ended != "label" and \
            value.row_extent(-1)[1] > value.right_edge - 1.5 * value.label.h:
        # A room number ends the column's widest line: its 室 (or the rest) may have wrapped onto a line too
        # short for the detector to find.
        factor = min(factor, 0.8)
    if (m := re.match(r"(.{2,3}?)(省|自治区)", text)) and m.group(1) not in PROVINCES:
        factor *= 0.5  # 辽宁省 read as 江宁省: no such province
    if value.has_hole():
        factor *= 0.5
    return text, recognised(value.confs) * factor


def _company_name(value: layout.Value | None) -> tuple[str, float] | None:
    if value is None:
        return None
    text = compact(value.text)
    if not text:
        return None
    factor = (1.0 if text.endswith(COMPANY_ENDS) else 0.7) * (0.5 if value.has_hole() else 1.0)
    return text, recognised(value.confs) * factor


def _company_type(value: layout.Value | None) -> tuple[str, float] | None:
    """A 类型 names a legal form (…公司, …企业, 个体工商户, …合伙, …合作社, with its bracket closed): one that stops
    short ("有限责任", "有限责任公司(自然人") lost its end."""
    if (found := _plain(value)) is None:
        return None
    text, confidence = found
    complete = text.endswith(TYPE_ENDS) and text.count("(") + text.count("（") == text.count(")") + text.count("）")
    return text, confidence * (1.0 if complete else 0.7)


def _plain(value: layout.Value | None) -> tuple[str, float] | None:
    if value is None or not (text := compact(value.text)):
        return None
    return text, recognised(value.confs)


def _date_value(value: layout.Value | None) -> tuple[date | str, float] | None:
    """A printed date: the date, or the text as read when no such day exists (then UNSURE)."""
    if value is None or not (m := CHINESE_DATE_RE.search(value.text)):
        return None
    day = date_of(*m.groups())
    return (day, recognised(value.confs)) if day else (m.group(0), UNSURE)


def _same_day_years_later(start: date, end: date, spans: tuple[int, ...], slack_days: int) -> bool:
    for years in spans:
        try:
            anniversary = start.replace(year=start.year + years)
        except ValueError:  # 29 February
            anniversary = date(start.year + years, 3, 1)
        if abs((end - anniversary).days) <= slack_days:
            return True
    return False


def front(lines, *, today: date | None = None) -> tuple[dict, dict]:
    values = layout.read_values(lines, FRONT, {"address": 4}, {"name": 1.2})
    r = Reading()
    r.set("name", *(_person_name(values.get("name")) or (None, 0)))
    texts = [(line.text.replace(" ", ""), line.score) for line in lines]
    if (v := values.get("sex")) and (m := re.match(r"[男女]", compact(v.text))):
        r.set("sex", m.group(0), recognised(v.confs))
    elif found := next(((m.group(1), s) for t, s in texts if (m := re.search(r"性别:?([男女])", t))), None):
        r.set("sex", *found)
    if (v := values.get("ethnicity")) and (m := re.match(r"[\u4e00-\u9fff]{1,6}", compact(v.text))):
        r.set("ethnicity", m.group(0), recognised(v.confs))
    elif found := next(((m.group(1), s) for t, s in texts if (m := re.search(r"民族:?([\u4e00-\u9fff]{1,6})", t))), None):
        r.set("ethnicity", *found)
    birth = _date_value(values.get("birth"))
    if birth is None:
        birth = next(((day, s) for t, s in texts if (m := CHINESE_DATE_RE.search(t)) and (day := date_of(*m.groups()))),
                     None)
    if birth is not None:
        r.set("birth_date", birth[0].isoformat() if isinstance(birth[0], date) else birth[0], birth[1])
    r.set("address", *(_address(values.get("address")) or (None, 0)))
    if found := find_id_number(lines):
        r.set("cert_number", *found)
        number = found[0]
        if resident_id_problem(number, None) is None and r.fields.get("birth_date", "").replace("-", "") != number[6:14]:
            r.doubt("birth_date")  # the checksum-valid number says otherwise
    return r.result()


def back(lines, *, today: date | None = None) -> tuple[dict, dict]:
    today = today or date.today()
    values = layout.read_values(lines, BACK, {"authority": 2, "validity": 1})
    r = Reading()
    r.set("issuing_authority", *(_plain(values.get("authority")) or (None, 0)))
    found = None
    if (v := values.get("validity")) and (m := VALIDITY_RE.search(compact(v.text))):
        found = m, recognised(v.confs)
    else:
        found = next(((m, line.score) for line in lines if (m := VALIDITY_RE.search(line.text.replace(" ", "")))), None)
    if found:
        m, score = found
        start = date_of(*m.groups()[:3])
        end = "长期" if m.group(4) == "长期" else date_of(*m.groups()[4:7])
        r.set("valid_from", start.isoformat() if start else m.group(0).split("-")[0], score if start else UNSURE)
        r.set("valid_until", end if isinstance(end, str) else end.isoformat() if end else m.group(4),
              score if end else UNSURE)
        # A resident ID is valid for 5, 10 or 20 years to the day, or 长期: any other span is a misread.
        if start and (start > today or (isinstance(end, date) and not _same_day_years_later(start, end, (5, 10, 20), 1))):
            r.doubt("valid_from", "valid_until")
    return r.result()


def _term(text: str) -> tuple[date | str | None, date | str | None, tuple[int, int] | None, tuple[int, int] | None]:
    """(start, end, start's span, end's span in the text) of a 营业期限: "2019年11月20日至2069年11月19日",
    "…至长期", "长期"; a date that cannot exist is returned as its text."""
    dates = list(CHINESE_DATE_RE.finditer(text))
    days = [date_of(*m.groups()) or m.group(0) for m in dates]
    lasting = next((m for word in ("长期", "不约定", "永久", "无固定期限") if (m := re.search(word, text))), None)
    forever = ("长期", lasting.span()) if lasting else (None, None)
    if len(days) >= 2:
        return days[0], days[1], dates[0].span(), dates[1].span()
    if len(days) == 1:
        before = text[:dates[0].start()]
        if "至" in before or "到" in before:
            return None, days[0], None, dates[0].span()
        return days[0], forever[0], dates[0].span(), forever[1]
    return None, forever[0], None, forever[1]


def license(lines, *, today: date | None = None) -> tuple[dict, dict]:  # noqa: A001 - the document's name
    today = today or date.today()
    values = layout.read_values(lines, LICENSE, {"name": 2, "type": 2, "form": 1, "address": 3, "term": 2},
                                {"representative": 1.2})
    r = Reading()
    if found := find_uscc(lines):
        r.set("cert_number", *found)
    r.set("name", *(_company_name(values.get("name")) or (None, 0)))
    r.set("legal_representative", *(_person_name(values.get("representative")) or (None, 0)))
    r.set("address", *(_address(values.get("address")) or (None, 0)))
    r.set("company_type", *(_company_type(values.get("type")) or _plain(values.get("form")) or (None, 0)))
    established = _date_value(values.get("established"))
    if established:
        day, score = established
        r.set("established", day.isoformat() if isinstance(day, date) else day, score)
    start = end = None
    if v := values.get("term"):
        # Each date is as sure as its own characters (the text has no spaces, one probability per character).
        text, confs = v.text, v.confs
        start, end, start_span, end_span = _term(text)
        if start is not None:
            r.set("valid_from", start.isoformat() if isinstance(start, date) else start,
                  recognised(confs[slice(*start_span)]) if isinstance(start, date) else UNSURE)
        if end is not None:
            r.set("valid_until", end.isoformat() if isinstance(end, date) else end,
                  recognised(confs[slice(*end_span)]) if isinstance(end, date) or end == "长期" else UNSURE)
    first = established[0] if established and isinstance(established[0], date) else None
    if "valid_from" not in r.fields and first:
        r.set("valid_from", first.isoformat(), established[1])
        start = first
    if isinstance(start, date):
        if first and start != first:
            r.doubt("valid_from", "established")  # the term starts on the day the company was established
        elif first:  # two readings of the same day agree: as sure as the surer of them
            r.confidence["valid_from"] = r.confidence["established"] = max(r.confidence["valid_from"],
                                                                           r.confidence["established"])
        if start > today or start.year < 1949:
            r.doubt("valid_from", "established")
    if isinstance(end, date):
        begin = start if isinstance(start, date) else first
        if begin is None or end <= begin or end.year > begin.year + 100:
            r.doubt("valid_until")  # 2069 read as 2009 ends before it starts
        elif not _same_day_years_later(begin, end, tuple(range(1, 101)), 1):
            r.confidence["valid_until"] *= 0.85  # terms run whole years (to the day before the anniversary)
    return r.result()


PARSERS = {"resident_id_front": front, "resident_id_back": back, "business_license": license}
