"""Typed input, tidied the way the rules expect it and never erased (issue 11 item 5)."""

import pytest

from beian.rules import normalize as n
from beian.rules import precheck

from .support import enterprise


@pytest.mark.parametrize("typed", ["138 0000 0000", "+86 13800000000", "+86-138-0000-0000", "８６１３８００００００００",
                                   "0086 138 0000 0000", "(+86) 138-0000-0000", " 13800000000 ", "１３８００００００００"])
def test_mobiles(typed):
    assert n.mobile(typed) == "13800000000"


@pytest.mark.parametrize("typed", ["1380000", "abc", "+1 415 555 0100", ""])
def test_a_mobile_that_cannot_be_read_is_kept(typed):
    assert n.mobile(typed) == typed.strip()


@pytest.mark.parametrize(("typed", "expected"), [
    ("ｅｘａｍｐｌｅ．ｃｏｍ", "example.com"), ("example。com", "example.com"), ("Example.COM", "example.com"),
    ("example.com.", "example.com"), ("http://example.com/about?x=1", "example.com"),
    ("HTTPS://Example.com:8443/", "example.com"), ("example.com:8080", "example.com"), (" exa mple.com ", "example.com"),
    ("WWW.Example.COM", "www.example.com"), ("示例。中国", "示例.中国"), ("http://", "http://"), ("", ""),
])
def test_domains(typed, expected):
    assert n.domain(typed) == expected


def test_apex_suggestion():
    assert n.apex_suggestion("WWW.Example.COM") == "example.com"
    assert n.apex_suggestion("www.示例.中国") == "示例.中国"
    assert n.apex_suggestion("example.com") is None
    assert n.apex_suggestion("not a domain") is None


@pytest.mark.parametrize(("typed", "expected"), [
    ("3301 0619 9001 0112 3x", "33010619900101123X"), ("９１３３０１０６ma2gl0xx7u", "91330106MA2GL0XX7U"),
    ("33010619900101123X", "33010619900101123X"),
])
def test_cert_numbers(typed, expected):
    assert n.cert_number(typed) == expected


@pytest.mark.parametrize(("typed", "expected"), [
    ("0571-88886666", "086-0571-88886666"), ("+86 571 88886666", "086-0571-88886666"),
    ("(0571)88886666", "086-0571-88886666"), ("086-0571-88886666-123", "086-0571-88886666-123"),
    ("138 0000 0001", "13800000001"), ("总机", "总机"),
])
def test_contact2(typed, expected):
    assert n.contact(typed) == expected


@pytest.mark.parametrize(("typed", "expected"), [
    ("2035/1/1", "2035-01-01"), ("2035年1月1日", "2035-01-01"), ("20350101", "2035-01-01"), ("２０３５－０１－０１", "2035-01-01"),
    ("长期有效", "长期"), ("长期", "长期"), ("明年", "明年"),
])
def test_dates(typed, expected):
    assert n.date(typed) == expected


def test_text_folds_digits_and_letters_but_keeps_chinese_punctuation():
    assert n.text(" 文三路１００号（南楼）、ＡＢ座。 ") == "文三路100号（南楼）、AB座。"
    assert n.email(" ZhangSan＠Example．COM ") == "ZhangSan@example.com"


def test_field_dispatches_on_the_path():
    assert n.field("subject.principal.mobile", "138 0000 0000") == "13800000000"
    assert n.field("websites[2].principal.emergency_mobile", "+86 13900000000") == "13900000000"
    assert n.field("websites[1].domains[0]", "Ｅｘａｍｐｌｅ．ｃｏｍ") == "example.com"
    assert n.field("subject.cert_number", "9133 0106 MA2G L0XX 7U") == "91330106MA2GL0XX7U"
    assert n.field("subject.name", "杭州示例科技有限公司（分公司）") == "杭州示例科技有限公司（分公司）"


def test_application_tidies_every_typed_string_and_reports_what_changed():
    app = enterprise()
    app["subject"]["principal"]["mobile"] = "+86-138-0000-0000"
    app["subject"]["principal"]["cert_number"] = "330106 19900101 123x"
    app["websites"][0]["domains"] = ["ＥＸＡＭＰＬＥ．ｃｏｍ"]
    app["subject"]["name"] = " 杭州示例科技有限公司 "
    notes = n.application(app)
    assert {note.path for note in notes} == {"subject.principal.mobile", "subject.principal.cert_number",
                                            "websites[0].domains[0]"}
    assert app["subject"]["name"] == "杭州示例科技有限公司"
    assert precheck(app)["ok"], precheck(app)["findings"]
