"""Issue 15 item 1: a change order's per-field diff against the filed record (filings/diff.py)."""

import copy

from beian.filings import diff
from tests.rules.support import enterprise, principal


def _filed() -> dict:
    app = copy.deepcopy(enterprise())
    app.pop("context")
    return app


def _paths(before, after) -> list[str]:
    return [e["path"] for e in diff.diff(before, after)]


def test_an_unchanged_record_has_no_changes():
    filed = _filed()
    assert diff.diff(filed, copy.deepcopy(filed)) == []


def test_the_email_only():
    filed, app = _filed(), _filed()
    app["subject"]["principal"]["email"] = "new@example.com"
    (entry,) = diff.diff(filed, app)
    assert entry == {"path": "subject.principal.email", "group": "主体负责人", "label": "电子邮箱",
                     "before": "zhangsan@example.com", "after": "new@example.com"}


def test_choices_read_as_their_names_and_domains_case_insensitively():
    filed, app = _filed(), _filed()
    app["websites"][0]["domains"] = ["EXAMPLE.com"]  # near miss: the same domain
    assert _paths(filed, app) == []
    app["subject"]["principal"]["cert_type"] = "passport"
    (entry,) = diff.diff(filed, app)
    assert (entry["before"], entry["after"]) == ("居民身份证", "护照")


def test_a_removed_domain_and_a_new_access():
    filed, app = _filed(), _filed()
    filed["websites"][0]["domains"] = ["example.com", "example.net"]
    app["websites"][0]["domains"] = ["example.net"]
    app["websites"][0]["access"]["ip"] = "47.96.9.9"
    entries = {e["path"]: e for e in diff.diff(filed, app)}
    assert set(entries) == {"websites[0].domains", "websites[0].access.ip"}
    assert entries["websites[0].domains"]["before"] == "example.com、example.net"
    assert entries["websites[0].domains"]["after"] == "example.net"
    assert entries["websites[0].access.ip"]["group"] == "网站（example.com）"


def test_websites_pair_by_domain_not_by_position():
    filed, app = _filed(), _filed()
    second = copy.deepcopy(filed["websites"][0])
    second.update(name="第二个示例网站", domains=["second.com"])
    filed["websites"].append(second)
    app["websites"] = [copy.deepcopy(second), copy.deepcopy(filed["websites"][0])]
    assert _paths(filed, app) == []  # near miss: the order of the websites is not a change
    app["websites"][0]["name"] = "第二个示例网站新名"
    assert _paths(filed, app) == ["websites[0].name"]


def test_a_website_principal_of_its_own_and_back():
    filed, app = _filed(), _filed()
    app["websites"][0]["principal"] = principal()
    entries = {e["path"]: e for e in diff.diff(filed, app)}
    assert entries["websites[0].principal"]["before"] == "同主体负责人"
    assert entries["websites[0].principal.cert_number"]["after"] == "110105194912310029"
    # a change of the subject principal is listed once, under 主体负责人, not again for a website reusing them
    app = _filed()
    app["subject"]["principal"]["mobile"] = "13811112222"
    assert _paths(filed, app) == ["subject.principal.mobile"]


def test_masked_for_lists():
    filed, app = _filed(), _filed()
    app["subject"]["principal"].update(mobile="13811112222", cert_number="110105194912310029", name="李四")
    entries = {e["path"]: e for e in diff.masked(diff.diff(filed, app))}
    assert entries["subject.principal.mobile"]["after"] == "138****2222"
    assert entries["subject.principal.cert_number"]["before"] == "3301**********123X"
    assert entries["subject.principal.name"]["after"] == "李四"  # near miss: a name stays as it is
