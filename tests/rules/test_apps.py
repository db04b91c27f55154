"""APP filing (precheck.md "APP filing"): every APP code fires and has a near miss, the input schema, the
filing type, the SMS targets and the required materials with APPs."""

import json

import pytest

from beian.rules import ApplicationError, precheck
from beian.rules.codes import Code

from .app_cases import APP_CASES, MD5, SHA1, app_item, app_only, individual_app, row, with_app
from .support import build, codes, enterprise, material, principal
from .test_examples_and_input import _cli

A = "apps[0]"


@pytest.mark.parametrize(("case", "base", "edits", "code", "present", "path"), APP_CASES,
                         ids=[c[0] for c in APP_CASES])
def test_app_finding_code(case, base, edits, code, present, path):
    result = precheck(build(base, *edits))
    found = [f for f in result["findings"] if f["code"] == code.value]
    assert bool(found) is present, (case, result["findings"])
    if present:
        assert path in [f["path"] for f in found], (case, found)
        assert all(any("\u4e00" <= ch <= "\u9fff" for ch in f["message"]) for f in found), "messages are Chinese"
        assert result["ok"] is (not codes(result, "error"))


@pytest.mark.parametrize("base", [with_app, app_only, individual_app])
def test_valid_bases_have_no_errors(base):
    result = precheck(base())
    assert result["ok"] is True, result["findings"]


def test_duplicate_is_reported_once_at_the_later_row():
    app = build(with_app, lambda a: a["apps"][0]["platforms"].extend([row("android"), row("android")]))
    found = [f["path"] for f in precheck(app)["findings"] if f["code"] == "APP_PACKAGE_DUPLICATE"]
    assert found == [f"{A}.platforms[2].package_name", f"{A}.platforms[3].package_name"]


def test_app_name_gets_no_site_name_rule():
    """An APP's name is its store name: Latin, short, with spaces or 论坛 are all fine (no SITE_NAME_*)."""
    for name in ("Shop", "示例 Shop", "读书论坛", "example.com", "孙浩"):
        result = precheck(build(individual_app, (f"{A}.name", name)))
        assert not [f for f in result["findings"] if f["path"].startswith("apps")], (name, result["findings"])


def test_no_jiangsu_rule_on_apps():
    result = precheck(build(individual_app, ("region.province", "江苏省"), ("websites[0].name", "孙浩的个人博客"),
                            ("websites[0].remark", "读书")))
    assert not [f for f in result["findings"] if f["path"].startswith("apps")], result["findings"]


def test_too_deep_and_unapproved_tld_both_reported():
    result = precheck(build(with_app, (f"{A}.domains", ["a.b.c.example.io"])))
    assert {"APP_DOMAIN_INVALID", "APP_DOMAIN_TLD_NOT_FILEABLE"} <= codes(result)
    message = next(f["message"] for f in result["findings"] if f["code"] == "APP_DOMAIN_INVALID")
    assert "四级" in message and "三级" in message


def test_app_domains_are_not_looked_up_in_context():
    def filed_here(app):
        app["context"]["domains"]["example.com"].update(filed_with="self", order_in_progress=True)
    app = build(app_only, (f"{A}.domains", ["example.com"]), ("context.subject_filed_with", "self"), filed_here)
    result = precheck(app)
    assert result["filing_type"] == "new_site_here" and result["ok"] is True, result["findings"]


def test_messages_name_the_app_and_platform():
    result = precheck(build(individual_app, (f"{A}.principal", principal()), (f"{A}.languages", []),
                            ("apps[0].platforms[0].signature", "abc")))
    messages = {f["code"]: f["message"] for f in result["findings"]}
    assert "APP负责人" in messages["WEBSITE_PRINCIPAL_NOT_SUBJECT"]
    assert "APP语言" in messages["LANGUAGE_REQUIRED"]
    assert "安卓" in messages["APP_SIGNATURE_INVALID"] and "32位" in messages["APP_SIGNATURE_INVALID"]
    website = precheck(build(enterprise, ("websites[0].languages", [])))
    assert next(f["message"] for f in website["findings"] if f["code"] == "LANGUAGE_REQUIRED") == "请至少选择一种网站语言。"


def test_blank_values_say_what_to_fill_in():
    result = precheck(build(with_app, ("apps[0].platforms[0].package_name", ""), ("apps[0].platforms[0].signature", ""),
                            ("apps[0].platforms[0].public_key", ""), (f"{A}.domains", [" "])))
    messages = [f["message"] for f in result["findings"] if f["path"].startswith(A)]
    assert len(messages) == 4 and all(m.startswith("请填写") and "“”" not in m for m in messages), messages


def test_long_pasted_value_is_shortened_in_the_message():
    result = precheck(build(with_app, ("apps[0].platforms[0].public_key", "!" * 5000)))
    message = next(f["message"] for f in result["findings"] if f["code"] == "APP_PUBLIC_KEY_INVALID")
    assert len(message) < 300


# --- Input schema --------------------------------------------------------------------------------------------

@pytest.mark.parametrize(
    ("edit", "path"),
    [
        (("apps", {"name": "x"}), "apps"),
        (("apps", ["x"]), "apps[0]"),
        ((f"{A}.platforms[0].platform", "windows"), f"{A}.platforms[0].platform"),
        ((f"{A}.platforms[1].platform", None), f"{A}.platforms[1].platform"),
        ((f"{A}.platforms[0].platform", "Android"), f"{A}.platforms[0].platform"),
        ((f"{A}.platforms", {"platform": "ios"}), f"{A}.platforms"),
        ((f"{A}.platforms", ["android"]), f"{A}.platforms[0]"),
        ((f"{A}.platforms[0].package_name", 5), f"{A}.platforms[0].package_name"),
        ((f"{A}.platforms[0].signature", ["9F"]), f"{A}.platforms[0].signature"),
        ((f"{A}.name", 1), f"{A}.name"),
        ((f"{A}.domains", "api.example.com"), f"{A}.domains"),
        ((f"{A}.languages[0]", 1), f"{A}.languages[0]"),
        ((f"{A}.content", "赌场"), f"{A}.content"),
        ((f"{A}.access", "47.96.1.2"), f"{A}.access"),
        ((f"{A}.principal", {"name": "李四"}), f"{A}.principal.cert_type"),
        ((f"{A}.pre_approvals", [1]), f"{A}.pre_approvals[0]"),
        (("materials", [{"kind": "principal_id", "owner": "apps[1].principal"}]), "materials[0].owner"),
        (("materials", [{"kind": "principal_id", "owner": "apps[x].principal"}]), "materials[0].owner"),
    ],
)
def test_malformed_app_names_the_field(edit, path):
    with pytest.raises(ApplicationError) as info:
        precheck(build(with_app, edit))
    assert info.value.path == path and info.value.message


def test_unknown_platform_message_lists_the_choices():
    with pytest.raises(ApplicationError) as info:
        precheck(build(with_app, (f"{A}.platforms[0].platform", "windows")))
    assert all(p in info.value.message for p in ("android", "ios", "harmony", "other", "windows"))


def test_apps_absent_or_null_is_no_apps():
    for edit in [("apps", None)], []:
        result = precheck(build(enterprise, *edit))
        assert result["ok"] is True


def test_from_file_is_accepted_and_ignored():
    from_file = {"filename": "app.apk", "size": 123, "sha256_file": "00", "package_name": "com.other",
                 "public_key": "AB", "md5": "00" * 16, "sha1": "00" * 20, "sha256": "00" * 32}
    plain = precheck(with_app())
    result = precheck(build(with_app, (f"{A}.platforms[0].from_file", from_file),
                            (f"{A}.platforms[1].from_file", ["anything", {"at": "all"}])))
    assert result == plain


def test_material_owner_may_be_an_app_principal():
    app = build(with_app, (f"{A}.principal", principal()),
                ("materials", [material("principal_id", "apps[0].principal", "front")]))
    assert precheck(app)["findings"] is not None  # accepted: no ApplicationError


def test_cli_with_apps(tmp_path):
    good, bad = tmp_path / "app.json", tmp_path / "bad.json"
    good.write_text(json.dumps(app_only(), ensure_ascii=False), encoding="utf-8")
    bad.write_text(json.dumps(build(app_only, (f"{A}.platforms[0].platform", "symbian"))), encoding="utf-8")
    ok = _cli([str(good)])
    assert ok.returncode == 0 and json.loads(ok.stdout)["filing_type"] == "first"
    refused = _cli([str(bad)])
    assert refused.returncode == 2 and refused.stdout == ""
    assert len(refused.stderr.strip().splitlines()) == 1 and f"{A}.platforms[0].platform" in refused.stderr
    lines = [json.dumps(app_only()), json.dumps(build(app_only, (f"{A}.platforms[0].platform", "symbian")))]
    proc = _cli(["--jsonl"], stdin="\n".join(lines) + "\n")
    out = [json.loads(line) for line in proc.stdout.splitlines()]
    assert proc.returncode == 2 and out[0]["ok"] is True and "platform" in out[1]["input_error"]


# --- Filing type and SMS targets -----------------------------------------------------------------------------

def _filed_elsewhere(app):
    app["context"]["domains"]["example.com"].update(filed_with="other", filed_subject_cert_number=None)


@pytest.mark.parametrize(
    ("base", "edits", "filing_type", "extra_codes"),
    [
        (app_only, [], "first", set()),
        (app_only, [("context.subject_filed_with", "self")], "new_site_here", set()),
        (app_only, [("context.subject_filed_with", "other")], "new_site_elsewhere", set()),
        (with_app, [("context.subject_filed_with", "self")], "new_site_here", set()),
        (with_app, [_filed_elsewhere], None, {"MIXED_FILING_TYPES"}),
        (enterprise, [_filed_elsewhere], "access", set()),  # the same without the APP
        (app_only, [("requested_type", "access"), ("context.subject_filed_with", "self")], "new_site_here",
         {"FILING_TYPE_MISMATCH"}),
        (app_only, [("requested_type", "first"), ("context.subject_filed_with", "other")], "new_site_elsewhere",
         {"CERT_ALREADY_FILED"}),
        (app_only, [("context.cert_order_in_progress", True)], None, {"CERT_ORDER_IN_PROGRESS"}),
    ],
)
def test_filing_type_with_apps(base, edits, filing_type, extra_codes):
    result = precheck(build(base, *edits))
    assert result["filing_type"] == filing_type
    assert codes(result) == extra_codes, result["findings"]


def _principals(app):
    app["websites"][0]["principal"] = principal(name="李四", cert="110105194912310029", mobile="13700000000")
    app["apps"][0]["principal"] = principal(name="王五", cert="110101199003077715", mobile="13500000000")
    app["apps"].append(app_item(name="示例商城极速版", package="com.example.lite",
                                principal=principal(name="李四", cert="110105194912310029", mobile="13700000000")))


@pytest.mark.parametrize(
    ("edits", "targets"),
    [
        ([_principals], ["13800000000", "13700000000", "13500000000"]),
        ([_principals, ("context.subject_filed_with", "self")], ["13700000000", "13500000000"]),
        # An APP that reuses the subject principal sends the code to the subject principal's mobile.
        ([_principals, ("context.subject_filed_with", "self"), (f"{A}.principal", None)],
         ["13700000000", "13800000000"]),
        ([_principals, _filed_elsewhere], []),
    ],
)
def test_sms_targets_websites_then_apps(edits, targets):
    assert precheck(build(with_app, *edits))["sms_targets"] == targets


def test_sms_targets_app_only_new_site():
    app = build(app_only, ("context.subject_filed_with", "other"), (f"{A}.principal", principal(mobile="13500000000")))
    assert precheck(app)["sms_targets"] == ["13500000000"]


# --- Required materials --------------------------------------------------------------------------------------

def _ids(result):
    return [(m["owner"], m.get("side")) for m in result["required_materials"] if m["kind"] == "principal_id"]


def test_app_principal_needs_an_id():
    result = precheck(build(with_app, (f"{A}.principal", principal(cert="110101199003077715"))))
    assert _ids(result) == [("subject_principal", "front"), ("subject_principal", "back"),
                            ("apps[0].principal", "front"), ("apps[0].principal", "back")]


def test_principal_shared_by_website_and_app_files_once_under_the_website():
    result = precheck(build(with_app, _principals))
    assert _ids(result) == [("subject_principal", "front"), ("subject_principal", "back"),
                            ("websites[0].principal", "front"), ("websites[0].principal", "back"),
                            ("apps[0].principal", "front"), ("apps[0].principal", "back")]


def test_principal_shared_by_two_apps_files_under_the_first_app():
    def edit(app):
        other = principal(cert="110101199003077715", mobile="13500000000")
        app["apps"][0]["principal"] = other
        app["apps"].append(app_item(name="示例商城极速版", package="com.example.lite", principal=dict(other)))
    result = precheck(build(app_only, ("context.subject_filed_with", "self"), edit))
    assert _ids(result) == [("apps[0].principal", "front"), ("apps[0].principal", "back")]


def test_new_site_here_app_reusing_the_subject_principal():
    result = precheck(build(app_only, ("context.subject_filed_with", "self")))
    assert _ids(result) == [("subject_principal", "front"), ("subject_principal", "back")]
    assert not [m for m in result["required_materials"] if m["kind"] == "subject_certificate"]


def test_app_principal_material_missing_and_given():
    other = principal(cert="110101199003077715", mobile="13500000000")
    base = [(f"{A}.principal", other)]
    have = [material("subject_certificate", "subject"), material("principal_id", "subject_principal", "front"),
            material("principal_id", "subject_principal", "back")]
    missing = precheck(build(with_app, *base, ("materials", list(have))))
    found = [f for f in missing["findings"] if f["code"] == "MATERIAL_MISSING"]
    assert [f["path"] for f in found] == ["apps[0].principal", "apps[0].principal"]
    assert "APP负责人（示例商城）" in found[0]["message"]
    complete = have + [material("principal_id", "apps[0].principal", "front"),
                       material("principal_id", "apps[0].principal", "back")]
    assert "MATERIAL_MISSING" not in codes(precheck(build(with_app, *base, ("materials", complete))))


def test_shared_principal_material_under_the_website_covers_the_app():
    have = [material("subject_certificate", "subject"), material("principal_id", "subject_principal", "front"),
            material("principal_id", "subject_principal", "back"),
            material("principal_id", "websites[0].principal", "front"),
            material("principal_id", "websites[0].principal", "back"),
            material("principal_id", "apps[0].principal", "front"), material("principal_id", "apps[0].principal", "back")]
    result = precheck(build(with_app, _principals, ("materials", have)))
    assert "MATERIAL_MISSING" not in codes(result), result["findings"]


def test_app_pre_approval_document_is_auxiliary():
    result = precheck(build(with_app, (f"{A}.content", "医疗保健"),
                            (f"{A}.pre_approvals", [{"category": "医疗保健", "number": "X1", "issuer": "卫健委"}])))
    docs = [m for m in result["required_materials"] if m["kind"] == "pre_approval_document"]
    assert docs == [{"kind": "pre_approval_document", "owner": "subject", "auxiliary": True, "source": "S3 §3.1",
                     "app": 0}]


def test_province_principal_rule_applies_to_app_principal():
    """北京: 联系方式2 must differ from the principal's mobile; an APP's own principal is a principal."""
    p = principal(mobile="13700000000")
    p["contact2"] = "13700000000"
    result = precheck(build(with_app, ("region.province", "北京市"), (f"{A}.principal", p)))
    assert [f["path"] for f in result["findings"] if f["code"] == Code.CONTACT2_SAME_AS_MOBILE] == [
        f"{A}.principal.contact2"]


def test_signature_lengths_per_platform():
    for platform, good, bad in (("android", MD5, SHA1), ("ios", SHA1, MD5)):
        ok = precheck(build(with_app, (f"{A}.platforms", [row(platform, signature=good)])))
        assert "APP_SIGNATURE_INVALID" not in codes(ok)
        wrong = precheck(build(with_app, (f"{A}.platforms", [row(platform, signature=bad)])))
        assert "APP_SIGNATURE_INVALID" in codes(wrong)


def test_cli_help_mentions_apps():
    proc = _cli(["--help"])
    assert proc.returncode == 0 and "apps" in proc.stdout and "harmony" in proc.stdout


def test_normalize_tidies_app_fields():
    from beian.rules import normalize

    app = build(with_app, (f"{A}.name", " 示例商城 "), (f"{A}.domains", ["ＡＰＩ．Example.com"]),
                (f"{A}.platforms[0].signature", "９Ｆ：１Ａ"), (f"{A}.platforms[1].package_name", " com.example.shop\u3000"),
                (f"{A}.principal", dict(principal(), mobile="+86 137 0000 0000")))
    notes = {n.path: n.value for n in normalize.application(app)}
    assert app["apps"][0]["name"] == "示例商城"
    assert notes[f"{A}.domains[0]"] == "api.example.com"
    assert notes[f"{A}.platforms[0].signature"] == "9F:1A"
    assert app["apps"][0]["platforms"][1]["package_name"] == "com.example.shop"
    assert notes[f"{A}.principal.mobile"] == "13700000000"
