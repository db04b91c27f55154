"""Reading by layout, without images: synthetic OCR box lists (as rapidocr returns them) fed to the field readers.

Each case is a document as the recogniser saw it — boxes fused or split the way real photos come out — and the
fields that must come out exactly and confidently, and those that must come out unsure (below the threshold:
shown as 未能识别，请核对, never compared).
"""

from datetime import date

import pytest

from beian.documents import fields as doc_fields
from beian.documents import layout, ocr
from beian.documents.fields import MIN_CONFIDENCE
from beian.rules.validators import resident_id_check_char, uscc_check_char

TODAY = date(2026, 11, 25)
ID_NUMBER = "42010619900307002" + resident_id_check_char("42010619900307002")
USCC = "91421100MA4F0XY20" + uscc_check_char("91421100MA4F0XY20")


def box(text: str, x: float, y: float, *, h: float = 30, score: float = 0.99, w: float | None = None) -> ocr.Line:
    """A level box whose width follows its characters (CJK one height wide, digits and Latin about half)."""
    width = w if w is not None else sum(h if layout.wide(c) else 0.55 * h for c in text)
    return ocr.Line(text, score, x, y, x + width, y + h)


def tilted(lines: list[ocr.Line], degrees: float) -> list[ocr.Line]:
    """The same boxes on a photo turned by `degrees` (as the detector's quads)."""
    import math

    a = math.radians(degrees)
    out = []
    for ln in lines:
        corners = [(ln.x0, ln.y0), (ln.x1, ln.y0), (ln.x1, ln.y1), (ln.x0, ln.y1)]
        quad = tuple((x * math.cos(a) - y * math.sin(a), x * math.sin(a) + y * math.cos(a)) for x, y in corners)
        xs, ys = [p[0] for p in quad], [p[1] for p in quad]
        out.append(ocr.Line(ln.text, ln.score, min(xs), min(ys), max(xs), max(ys), quad=quad))
    return out


# ---- ID card front: the address wraps over three lines next to the portrait ----------------------------------

def id_front(address_lines: list[ocr.Line], *, extra: list[ocr.Line] = ()) -> list[ocr.Line]:
    return [box("姓名", 60, 50, h=24), box("谢艳", 150, 46),
            box("性别", 60, 110, h=24), box("女", 150, 106), box("民族", 240, 110, h=24), box("汉", 330, 106),
            box("出生", 60, 170, h=24), box("1990年3月7日", 150, 166),
            *address_lines,
            box("公民身份号码", 60, 440, h=24), box(ID_NUMBER, 250, 434, h=34), *extra]


ADDRESS = "湖北省武汉市武昌区城关街道文化路81号12栋3单元1502室"
WRAPPED = [box("住址湖北省武汉市武昌区城", 60, 226, w=390),  # the detector fused the label with the first line
           box("关街道文化路81号12栋", 150, 270), box("3单元1502室", 150, 314)]
PORTRAIT_JUNK = [box("川", 560, 272, score=0.41), box("彡", 610, 180, h=60, score=0.35),  # inside the photo
                 box("口", 492, 228, h=18, score=0.3)]  # the photo's faded edge, against the first line's end

FRONT_CASES = {
    "address on three lines, label fused with the first": (id_front(WRAPPED), {"address": ADDRESS, "name": "谢艳"}, set()),
    "three lines with the portrait overlapping": (id_front(WRAPPED, extra=PORTRAIT_JUNK), {"address": ADDRESS}, set()),
    "three lines, tilted 4°": (tilted(id_front(WRAPPED, extra=PORTRAIT_JUNK), 4), {"address": ADDRESS, "name": "谢艳"}, set()),
    "label apart, tilted -3°": (tilted(id_front([box("住址", 60, 232, h=24), box("湖北省武汉市武昌区城", 150, 226),
                                                  *WRAPPED[1:]]), -3), {"address": ADDRESS}, set()),
    # The second line was not seen (glare): the first line is full and stops mid-word, nothing follows at the
    # spacing of a wrapped line; the reading is not a confident (and wrong) address.
    "a missing middle line": (id_front([WRAPPED[0]]), {}, {"address"}),
    "a misread line": (id_front([WRAPPED[0], box("关街道文化路8l号12栋", 150, 270, score=0.52), WRAPPED[2]]), {},
                       {"address"}),
    # A glare spot hides two characters in the middle of the first line, or the end of the second line.
    "glare inside a line": (id_front([box("住址湖北省武汉", 60, 226), box("区城", 330, 226), *WRAPPED[1:]]), {},
                            {"address"}),
    "glare at the end of a wrapped line": (id_front([WRAPPED[0], box("关街道文化路81", 150, 270), WRAPPED[2]]), {},
                                           {"address"}),
    # A birth date the checksum-valid number contradicts is unsure, not a 出生日期不一致 issue.
    "birth date misread": (id_front(WRAPPED)[:7] + [box("1990年8月7日", 150, 166)] + id_front(WRAPPED)[8:],
                           {"address": ADDRESS}, {"birth_date"}),
}


@pytest.mark.parametrize("lines, sure, unsure", FRONT_CASES.values(), ids=FRONT_CASES.keys())
def test_id_front_fields_by_layout(lines, sure, unsure):
    check("resident_id_front", lines, sure, unsure)


# ---- Licences: two columns, spaced and variant labels, stray characters ----------------------------------------

def licence_2019(*, representative_row: list[ocr.Line] | None = None, term: str = "2019年11月20日至2069年11月19日",
                 established: str = "2019年11月20日", right: list[ocr.Line] | None = None) -> list[ocr.Line]:
    """The 2019 副本: 名称/类型/法定代表人/经营范围 left (long 经营范围), 注册资本/成立日期/营业期限/住所 right."""
    return [
        box("营业执照", 560, 50, h=80), box("统一社会信用代码", 90, 100, h=24), box(USCC, 90, 134),
        box("名", 90, 290, h=26), box("称", 168, 290, h=26), box("黄冈市启明网络科技有限公司", 260, 288, h=28),
        box("注册资本", 760, 290, h=26), box("伍佰万元整", 900, 288, h=28),
        box("类    型", 90, 352, h=26), box("有限责任公司(自然人投资或控股)", 260, 350, h=28),
        box("成立日期", 760, 352, h=26), box(established, 900, 350, h=28),
        *(representative_row or [box("法定代表人", 90, 414, h=26), box("谢艳", 260, 412, h=28)]),
        box("营业期限", 760, 414, h=26), box(term, 900, 412, h=28),
        box("经营范围", 90, 476, h=26), box("一般项目：技术服务、技术开发、技术咨询", 260, 476, h=24),
        box("、技术交流、技术转让、技术推广；软件开", 260, 510, h=24),
        box("发；信息系统集成服务；计算机系统服务；", 260, 544, h=24),
        box("数据处理服务；广告设计、代理；会议及展", 260, 578, h=24),
        *(right if right is not None else [
            box("住", 760, 476, h=26), box("所", 838, 476, h=26), box("湖北省黄冈市黄州区东门", 900, 474, h=28),
            box("路118号黄冈商务中心A座", 900, 510, h=28), box("1203室", 900, 546, h=28)]),
        box("登记机关", 900, 800, h=26), box("市场监督管理局", 1070, 845, h=16, score=0.7),
        box("2019年11月20日", 1010, 880, h=26),
    ]


LICENCE = {"name": "黄冈市启明网络科技有限公司", "legal_representative": "谢艳", "company_type": "有限责任公司(自然人投资或控股)",
           "address": "湖北省黄冈市黄州区东门路118号黄冈商务中心A座1203室", "cert_number": USCC,
           "valid_from": "2019-11-20", "valid_until": "2069-11-19"}
HUANGGANG = "湖北省黄冈市黄州区东门路118号"

# 住　　所 printed spaced on the 法定代表人 row and fused by the detector with the name into one box: the name
# stops at the column (the old reader gave 谢艳湖北省黄冈市…).
FUSED = [box("营业执照", 560, 50, h=80), box("统一社会信用代码", 90, 100, h=24), box(USCC, 90, 134),
         box("名称", 90, 290, h=26), box("黄冈市启明网络科技有限公司", 260, 288, h=28),
         box("注册资本", 760, 290, h=26), box("伍佰万元整", 900, 288, h=28),
         box("类型", 90, 352, h=26), box("有限责任公司(自然人投资或控股)", 260, 350, h=28),
         box("成立日期", 760, 352, h=26), box("2019年11月20日", 900, 350, h=28),
         box("法定代表人", 90, 414, h=26), box("谢艳" + " " * 30 + "住   所  " + HUANGGANG, 260, 412, h=28),
         box("经营范围", 90, 476, h=26), box("一般项目：技术服务、技术开发、技术咨询", 260, 476, h=24),
         box("营业期限", 760, 476, h=26), box("2019年11月20日至长期", 900, 474, h=28)]

LICENCE_CASES = {
    "two columns, long 经营范围 left, 住所 wrapping right": (licence_2019(), LICENCE, set()),
    "two columns tilted 3°": (tilted(licence_2019(), 3), LICENCE, set()),
    # 住　　所 printed spaced on the 法定代表人 row, its value fused by the detector with the name: the name stops
    # at the column (today: 谢艳湖北省黄冈市…).
    "the representative's row shares a box with the right column": (FUSED, {"legal_representative": "谢艳",
                                                                         "address": HUANGGANG}, set()),
    "stray characters around the representative": (
        licence_2019(representative_row=[box("法定代表人：", 90, 414, h=26), box("谢艳", 260, 412, h=28),
                                         box("丨", 400, 410, h=30, score=0.6), box("印", 560, 405, h=40, score=0.5)]),
        {"legal_representative": "谢艳"}, set()),
    "2069 misread as 2009: the term ends before it starts": (
        licence_2019(term="2019年11月20日至2009年11月19日"), {"valid_from": "2019-11-20"}, {"valid_until"}),
    "11-20 misread as 11-02: the term does not start on the 成立日期": (
        licence_2019(term="2019年11月02日至2069年11月19日"), {}, {"valid_from"}),
    "至长期": (licence_2019(term="2019年11月20日至长期"), {"valid_from": "2019-11-20", "valid_until": "长期"}, set()),
    "长期 alone": (licence_2019(term="长期"), {"valid_from": "2019-11-20", "valid_until": "长期"}, set()),
    "a day that does not exist": (licence_2019(term="2019年2月30日至2069年2月29日", established="2019年2月28日"),
                                  {}, {"valid_from", "valid_until"}),
}


def single_column(rows: list[tuple], *, pitch: int = 70, wrapped: int = 46) -> list[ocr.Line]:
    """A single-column licence; each row (label boxes..., value lines...) as ((label, x), ...), [values]."""
    lines = [box("营业执照", 560, 60, h=80), box("统一社会信用代码 91330106MA2GL0XX7U", 80, 200, h=28)]
    y = 290
    for labels, values in rows:
        for text, x in labels:
            lines.append(box(text, x, y, h=30))
        for i, value in enumerate(values):
            lines.append(box(value, 330, y - 2 + i * wrapped, h=32))
        y += pitch + wrapped * (len(values) - 1)
    return lines


SPACED = single_column([
    ([("名      称", 120)], ["杭州示例科技有限公司"]),
    ([("类", 120), ("型", 210)], ["有限责任公司(自然人独资)"]),
    ([("法定代表人", 120)], ["张三"]),
    ([("住", 120), ("所", 210)], ["浙江省杭州市西湖区文三路100号8楼801室"]),
    ([("经营范围", 120)], ["技术开发、技术服务"]),
])
SOLE_TRADER = single_column([
    ([("名      称", 120)], ["西湖区张三便利店"]),
    ([("类      型", 120)], ["个体工商户"]),
    ([("经  营  者", 120)], ["张三"]),
    ([("组成形式", 120)], ["个人经营"]),
    ([("注册日期", 120)], ["2015年3月2日"]),
    ([("经营场所", 120)], ["浙江省杭州市西湖区文三路100号", "一楼102室"]),
])
PARTNERSHIP = single_column([
    ([("名称", 120)], ["杭州示例投资管理合伙企业(有限合伙)"]),
    ([("执行事务合伙人", 120)], ["李四"]),
    ([("组成形式", 120)], ["有限合伙企业"]),
    ([("主要经营场所", 120)], ["浙江省杭州市上城区解放路1号"]),
    ([("合伙期限", 120)], ["2018年6月1日至2038年5月31日"]),
])
BRANCH = single_column([
    ([("名称", 120)], ["杭州示例科技有限公司", "西湖分公司"]),
    ([("负责人", 120)], ["王五"]),
    ([("营业场所", 120)], ["浙江省杭州市西湖区文三路100号"]),
])

# Wrapped lines printed as far apart as the rows: the address's first line fills the column, so it wrapped.
EVEN = single_column([
    ([("名称", 120)], ["杭州示例科技有限公司"]),
    ([("法定代表人", 120)], ["张三"]),
    ([("住所", 120)], ["浙江省杭州市西湖区转塘街道象山国际艺术区", "3号楼201室"]),
    ([("经营范围", 120)], ["技术开发"]),
], wrapped=70)

LICENCE_CASES |= {
    "wrapped lines as far apart as the rows": (EVEN, {"address": "浙江省杭州市西湖区转塘街道象山国际艺术区3号楼201室",
                                                     "name": "杭州示例科技有限公司"}, set()),
    "spaced labels: 名　　称 in one box, 类/型 and 住/所 apart": (
        SPACED, {"name": "杭州示例科技有限公司", "company_type": "有限责任公司(自然人独资)",
                 "legal_representative": "张三", "address": "浙江省杭州市西湖区文三路100号8楼801室"}, set()),
    "个体工商户: 经营者, 组成形式, 注册日期, 经营场所 on two lines": (
        SOLE_TRADER, {"name": "西湖区张三便利店", "legal_representative": "张三", "company_type": "个体工商户",
                      "address": "浙江省杭州市西湖区文三路100号一楼102室", "valid_from": "2015-03-02"}, set()),
    "partnership: 执行事务合伙人, 主要经营场所, 合伙期限, no 类型": (
        PARTNERSHIP, {"name": "杭州示例投资管理合伙企业(有限合伙)", "legal_representative": "李四",
                      "company_type": "有限合伙企业", "address": "浙江省杭州市上城区解放路1号",
                      "valid_from": "2018-06-01", "valid_until": "2038-05-31"}, set()),
    "branch: 负责人, the name on two lines, 营业场所": (
        BRANCH, {"name": "杭州示例科技有限公司西湖分公司", "legal_representative": "王五",
                 "address": "浙江省杭州市西湖区文三路100号"}, set()),
}

ADDRESS_LINES = [box("湖北省黄冈市黄州区东门", 900, 474, h=28), box("路118号黄冈商务中心A座", 900, 510, h=28),
                 box("1203室", 900, 546, h=28)]
# A spaced two-character label whose second character the photo lost or the recogniser misread: taken as the label
# only in the column of the other labels, for a field not found otherwise.
LICENCE_CASES |= {
    "住　　所 with 所 lost": (licence_2019(right=[box("住", 760, 476, h=26), *ADDRESS_LINES]),
                         {"address": LICENCE["address"]}, set()),
    "住所 read as 佳所": (licence_2019(right=[box("佳所", 760, 476, h=26), *ADDRESS_LINES]),
                      {"address": LICENCE["address"]}, set()),
    "名　　称 with 称 misread as 移": (
        single_column([([("名", 120), ("移", 210)], ["杭州示例科技有限公司"]), ([("法定代表人", 120)], ["张三"]),
                       ([("住所", 120)], ["浙江省杭州市西湖区文三路100号"])]),
        {"name": "杭州示例科技有限公司", "legal_representative": "张三"}, set()),
    "a tick read between 名称 and the name, and between 类型 and the type": (
        [ln if ln.text not in ("黄冈市启明网络科技有限公司", "有限责任公司(自然人投资或控股)")
         else box("☑" + ln.text, ln.x0 - 30, ln.y0, h=28) for ln in licence_2019()],
        {"name": LICENCE["name"], "company_type": LICENCE["company_type"]}, set()),
    # The column's widest line ends in a room number and nothing follows: its 室 may have wrapped onto a line too
    # short to be detected.
    "a full line ending in a room number": (
        licence_2019(right=[box("住", 760, 476, h=26), box("所", 838, 476, h=26),
                            box("湖北省黄冈市黄州区东门路118号12栋1203", 900, 474, h=28)]), {}, {"address"}),
    "a room number on a line shorter than its column": (
        licence_2019(right=[box("住", 760, 476, h=26), box("所", 838, 476, h=26), box("东门路118号1203", 900, 474, h=28),
                            box("注册地址以登记机关核准为准的说明文字", 900, 620, h=28)]),
        {"address": "东门路118号1203"}, set()),
    "辽宁省 read as 江宁省: no such province": (
        licence_2019(right=[box("住", 760, 476, h=26), box("所", 838, 476, h=26),
                            box("江宁省沈阳市和平区东风路438号", 900, 474, h=28)]), {}, {"address"}),
    # 住 lost: 所 alone ends where the column's other labels end (labels are printed justified to one width).
    "住　　所 with 住 lost": (licence_2019(right=[box("所", 838, 476, h=26), *ADDRESS_LINES]),
                         {"address": LICENCE["address"]}, set()),
    "住 misread as 佳, 所 fused with the address": (
        single_column([([("名称", 120)], ["杭州示例科技有限公司"]), ([("法定代表人", 120)], ["张三"]),
                       ([("佳", 120), ("所浙江省杭州市西湖区文三路100号", 210)], [])]),
        {"address": "浙江省杭州市西湖区文三路100号"}, set()),
    "a 类型 cut short by a gap": (
        licence_2019(right=None)[:8] + [box("类    型", 90, 352, h=26), box("有限责任", 260, 350, h=28),
                                        box("公司(自然人投资或控股)", 520, 350, h=28)] + licence_2019()[10:],
        {}, {"company_type"}),
    "名 alone with 称 lost": (
        single_column([([("名", 120)], ["杭州示例科技有限公司"]), ([("法定代表人", 120)], ["张三"]),
                       ([("住所", 120)], ["浙江省杭州市西湖区文三路100号"])]),
        {"name": "杭州示例科技有限公司"}, set()),
}


@pytest.mark.parametrize("lines, sure, unsure", LICENCE_CASES.values(), ids=LICENCE_CASES.keys())
def test_licence_fields_by_layout(lines, sure, unsure):
    check("business_license", lines, sure, unsure)


def test_a_value_character_is_not_taken_for_a_lost_label_character():
    lines = [ln if ln.text != "名称" else box("名", 120, ln.y0, h=30)
             for ln in single_column([([("名称", 120)], []), ([("法定代表人", 120)], ["张三"])])]
    fields, _ = ocr.PARSERS["business_license"](lines + [box("黄州区星河图文设计工作室", 170, 290, h=32)], today=TODAY)
    assert fields.get("name") == "黄州区星河图文设计工作室"


def check(kind: str, lines: list[ocr.Line], sure: dict, unsure: set[str]) -> None:
    lines = sorted(lines, key=lambda ln: (ln.cy, ln.x0))
    fields, confidence = ocr.PARSERS[kind](lines, today=TODAY)
    for key, want in sure.items():
        assert fields.get(key) == want, (key, fields.get(key))
        assert confidence[key] >= MIN_CONFIDENCE, (key, confidence[key])
    for key in unsure:
        assert confidence.get(key, 0.0) < MIN_CONFIDENCE, (key, fields.get(key), confidence.get(key))


def test_an_unsure_end_date_raises_no_expiry():
    """A 2009 read for 2069 would call a valid licence expired; below the threshold it raises nothing."""
    fields, confidence = ocr.PARSERS["business_license"](
        sorted(licence_2019(term="2019年11月20日至2009年11月19日"), key=lambda ln: (ln.cy, ln.x0)), today=TODAY)
    assert fields["valid_until"] == "2009-11-19" and confidence["valid_until"] < MIN_CONFIDENCE
    assert ocr.check_fields("business_license", fields, today=TODAY, confidence=confidence) == []
    assert [i["code"] for i in ocr.check_fields("business_license", fields, today=TODAY)] == ["expired"]


@pytest.mark.parametrize("until, sure", [("2036.12.01", True), ("长期", True), ("2039.12.01", False), ("2029.12.01", False), ("2016.12.31", False)])
def test_id_validity_spans_five_ten_or_twenty_years(until, sure):
    lines = [box("中华人民共和国", 260, 70, h=46), box("居民身份证", 300, 150, h=56),
             box("签发机关", 140, 360, h=24), box("武汉市公安局武昌分局", 280, 354),
             box("有效期限", 140, 430, h=24), box(f"2016.12.01-{until}", 280, 424)]
    fields, confidence = ocr.PARSERS["resident_id_back"](lines, today=TODAY)
    assert fields["issuing_authority"] == "武汉市公安局武昌分局"
    assert (confidence["valid_until"] >= MIN_CONFIDENCE) is sure


@pytest.mark.parametrize("text, start, end", [
    ("2019年11月20日至2069年11月19日", date(2019, 11, 20), date(2069, 11, 19)),
    ("2019年11月20日 至 长期", date(2019, 11, 20), "长期"),
    ("自2019年11月20日至2069年11月19日", date(2019, 11, 20), date(2069, 11, 19)),
    ("长期", None, "长期"),
    ("至2069年11月19日", None, date(2069, 11, 19)),
    ("2019年02月30日至长期", "2019年02月30日", "长期"),
])
def test_term_text(text, start, end):
    assert doc_fields._term(text)[:2] == (start, end)
