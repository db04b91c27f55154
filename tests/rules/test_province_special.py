"""Province `special` rules: each is a check, an enforcement or an instruction, and does what the data says."""

import inspect
import re

import pytest

from beian.rules import precheck, special
from beian.rules import provinces as data
from beian.rules.codes import Code, severity
from beian.rules.messages import SPECIAL_WHEN

from .province_cases import CHECK_CASES, INSTRUCTION_CASES
from .support import build, codes, enterprise

ENTRIES = [(p.name, rule["id"]) for p in data.PROVINCES.values() for rule in p.special]


def test_every_special_entry_says_what_beian_does():
    assert len(ENTRIES) == 36
    for name, rule_id in ENTRIES:
        rule = data.PROVINCES[name].special_rule(rule_id)
        assert rule.get("checks") or rule.get("steps") or rule.get("enforced"), (name, rule_id)
        assert special.what_beian_does(rule)


def test_every_special_entry_has_a_case_each_way():
    """Each entry is shown to work (a case where it acts) and to hold back (a case where it does not)."""
    checks = {(c[1], c[2], c[6]) for c in CHECK_CASES}
    shown = {(c[1], c[2], c[7]) for c in INSTRUCTION_CASES}
    for name, rule_id in ENTRIES:
        rule = data.PROVINCES[name].special_rule(rule_id)
        table = checks if rule.get("checks") else shown
        assert {(name, rule_id, True), (name, rule_id, False)} <= table, (name, rule_id)


def test_checks_run_by_id_have_data_and_a_case():
    """Every check function is listed by some province's data, and the data names the code it raises."""
    listed = {rule["id"] for p in data.PROVINCES.values() for rule in p.special if rule.get("checks")}
    assert set(special.CHECKS) <= listed
    for case in CHECK_CASES:
        rule = data.PROVINCES[case[1]].special_rule(case[2])
        assert case[5] in rule["checks"], case[0]


@pytest.mark.parametrize(("case", "province", "rule_id", "base", "edits", "code", "present"), CHECK_CASES,
                         ids=[c[0] for c in CHECK_CASES])
def test_special_check(case, province, rule_id, base, edits, code, present):
    result = precheck(build(base, *edits))
    assert (code in codes(result, None)) is present, (case, result["findings"])
    if present:
        finding = next(f for f in result["findings"] if f["code"] == code)
        assert finding["severity"] == severity(Code[code]).value
        assert finding["path"] and re.search("[\u4e00-\u9fff]", finding["message"])
        assert "{" not in finding["message"], finding["message"]


@pytest.mark.parametrize(("case", "province", "rule_id", "base", "edits", "kind", "step", "present"),
                         INSTRUCTION_CASES, ids=[c[0] for c in INSTRUCTION_CASES])
def test_special_instruction(case, province, rule_id, base, edits, kind, step, present):
    app = build(base, *edits)
    shown = special.instructions(app, kind=kind, step=step)
    assert (rule_id in {i["id"] for i in shown}) is present, (case, shown)
    if present:
        item = next(i for i in shown if i["id"] == rule_id)
        assert item["text"] == data.PROVINCES[province].special_rule(rule_id)["text"]
        assert item["title"].startswith(data.PROVINCES[province].short) and item["source"] and item["steps"]
    # The reviewer sees every instruction that applies to the order, whatever the step.
    assert {i["id"] for i in shown} <= {i["id"] for i in special.instructions(app, kind=kind)}


def test_instructions_need_a_province():
    assert special.instructions(None) == []
    assert special.instructions({"region": {"province": "香港"}}) == []
    assert special.instructions({"region": "浙江"}) == []


def test_checks_are_data_driven_not_province_names(monkeypatch):
    """special.py names no province; dropping the rule from a province's data drops its check."""
    source = inspect.getsource(special)
    for p in data.PROVINCES.values():
        assert p.name not in source and f'"{p.short}' not in source, p.short
    app = build(enterprise, ("region.province", "北京市"), ("subject.principal.contact2", "13800000000"))
    assert "CONTACT2_SAME_AS_MOBILE" in codes(precheck(app))
    beijing = data.PROVINCES["北京市"]
    without = tuple(r for r in beijing.special if r["id"] != "contact2_not_mobile")
    monkeypatch.setitem(data.PROVINCES, "北京市", data.Province(**{**beijing.__dict__, "special": without}))
    assert "CONTACT2_SAME_AS_MOBILE" not in codes(precheck(app))


def test_when_vocabulary_has_labels():
    assert set(SPECIAL_WHEN) == data.SPECIAL_WHEN == set(special.WHEN)


def test_new_filing_only_codes_are_left_to_new_filings():
    assert {"DOMAINS_PER_ORDER_EXCEEDED", "INDIVIDUAL_FIRST_FILING_ONE_DOMAIN"} <= set(
        __import__("beian.rules.codes", fromlist=["NEW_FILING_ONLY"]).NEW_FILING_ONLY)


@pytest.mark.parametrize(
    ("old", "new", "needle"),
    [
        (', checks = ["CONTACT2_SAME_AS_MOBILE"] },\n  { id = "tld_whitelist"', ' },\n  { id = "tld_whitelist"', "say what beian does"),
        ('checks = ["ACCESS_ONE_IP_PER_SITE"]', 'checks = ["ACCESS_ONE_IP"]', "finding codes"),
        ('steps = ["websites"], when = "always"', 'steps = ["website"], when = "always"', "steps"),
        ('steps = ["websites"], when = "always"', 'steps = ["websites"], when = "sometimes"', "when"),
        ('enforced = "order_creation", steps', 'enforced = "later", steps', "enforced"),
        ('pledge = "本网站', 'promise = "本网站', "unknown keys"),
    ],
)
def test_broken_special_data_fails_loudly(tmp_path, old, new, needle):
    path = tmp_path / "provinces.toml"
    text = (data.DATA_DIR / "provinces.toml").read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    with pytest.raises(data.DataError, match=needle):
        data.load_provinces(path)


@pytest.mark.parametrize(
    ("address", "city"),
    [("河北省石家庄市长安区中山东路100号", "石家庄市"), ("石家庄市长安区", "石家庄市"), ("河北廊坊市三河市燕郊镇", "廊坊市"),
     ("河北省长安区中山东路", None), ("河北省石家庄长安区", None), ("新疆维吾尔自治区阿克苏地区阿克苏市", "阿克苏地区"),
     ("河南省郑州市金水区", "郑州市"), ("", None)],
)
def test_city_of(address, city):
    assert special.city_of(address, ("河北省", "河北", "河南省", "河南", "新疆维吾尔自治区", "新疆")) == city


def special_codes() -> set[str]:
    """The codes that only special rules raise (codes.py's block after MATERIAL_ASPECT_MISMATCH)."""
    names = list(Code.__members__)
    return set(names[names.index("CONTACT2_SAME_AS_MOBILE"):])
