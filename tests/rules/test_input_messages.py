"""Issue 11 items 5 and 7 in the engine: messages quote what was typed (or say it is missing), and the
naming rules do not contradict each other in 江苏."""

import re
import string

import pytest

from beian.rules import precheck
from beian.rules.codes import Code
from beian.rules.context import Findings
from beian.rules.messages import FINDINGS

from .support import enterprise, individual

QUOTED = re.compile(r"“\{(\w+)\}”")


@pytest.mark.parametrize("code", [c for c, t in FINDINGS.items() if QUOTED.search(t)], ids=lambda c: c.value)
def test_a_message_never_quotes_an_empty_value(code):
    keys = [name for _, name, _, _ in string.Formatter().parse(FINDINGS[code]) if name]
    out = Findings()
    out.add(code, "x", **dict.fromkeys(keys, ""))
    message = out.items[0]["message"]
    assert "“”" not in message and "“ ”" not in message, message


@pytest.mark.parametrize(("path", "needle"), [
    ("subject.principal.mobile", "请填写手机号码"),
    ("subject.principal.email", "请填写电子邮箱"),
    ("subject.principal.cert_number", "请填写证件号码"),
    ("websites[0].domains[0]", "请填写域名"),
])
def test_an_empty_field_is_reported_as_missing(path, needle):
    app = enterprise()
    keys = re.findall(r"[^.\[\]]+|\[\d+\]", path)
    node = app
    for key in keys[:-1]:
        node = node[int(key[1:-1])] if key.startswith("[") else node[key]
    last = keys[-1]
    if last.startswith("["):
        node[int(last[1:-1])] = ""
    else:
        node[last] = ""
    messages = [f["message"] for f in precheck(app)["findings"] if f["path"] == path]
    assert messages and all("“”" not in m for m in messages), messages
    assert any(needle in m for m in messages), messages


def test_a_typed_value_is_still_quoted():
    app = enterprise()
    app["subject"]["principal"]["mobile"] = "1380000"
    [message] = [f["message"] for f in precheck(app)["findings"] if f["path"] == "subject.principal.mobile"]
    assert "“1380000”" in message


def _jiangsu(name: str, remark: str = "本网站为个人博客，记录读书笔记。") -> dict:
    app = individual("江苏省")
    app["region"].update(city="南京市", district="玄武区")
    app["subject"].update(name="李四", investor="李四", cert_number="320102199003071234")
    app["subject"]["principal"].update(name="李四", cert_number="320102199003071234")
    app["websites"][0].update(name=name, remark=remark)
    return app


def _codes(app) -> set[str]:
    return {f["code"] for f in precheck(app)["findings"]}


def test_jiangsu_required_form_is_not_warned_for_the_persons_name():
    found = _codes(_jiangsu("李四的个人博客"))
    assert Code.SITE_NAME_JIANGSU_FORMAT.value not in found
    assert Code.SITE_NAME_MAY_BE_PERSON_OR_PLACE.value not in found
    assert Code.SITE_NAME_PERSONAL_FORBIDDEN.value not in found


def test_jiangsu_other_names_and_other_provinces_keep_the_person_warning():
    assert Code.SITE_NAME_MAY_BE_PERSON_OR_PLACE.value in _codes(_jiangsu("李四读书笔记"))
    app = individual()
    app["websites"][0]["name"] = "孙浩的个人博客"
    assert Code.SITE_NAME_MAY_BE_PERSON_OR_PLACE.value in _codes(app)


def test_jiangsu_form_with_a_place_still_warns_about_the_place():
    assert Code.SITE_NAME_MAY_BE_PERSON_OR_PLACE.value in _codes(_jiangsu("南京的个人博客"))
