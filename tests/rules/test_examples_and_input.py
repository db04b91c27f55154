"""The shared examples give their documented results; malformed input is an ApplicationError."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from beian.rules import ApplicationError, precheck

from .support import DELETE, build, enterprise

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT.parent / "shared" / "spec" / "examples"
EXAMPLE_FILES = sorted(p for p in EXAMPLES.glob("*.json") if not p.name.endswith(".expected.json"))


@pytest.mark.skipif(not EXAMPLE_FILES, reason=f"shared examples not found at {EXAMPLES}")
@pytest.mark.parametrize("path", EXAMPLE_FILES, ids=lambda p: p.stem)
def test_example_gives_documented_result(path):
    expected = json.loads(path.with_name(path.stem + ".expected.json").read_text())
    result = precheck(json.loads(path.read_text()))
    assert result["ok"] is expected["ok"]
    assert result["filing_type"] == expected["filing_type"]
    assert {f["code"] for f in result["findings"] if f["severity"] == "error"} == set(expected["error_codes"])
    assert set(result["sms_targets"]) == set(expected["sms_targets"])


@pytest.mark.parametrize(
    ("edit", "path"),
    [
        (("subject.nature", "company"), "subject.nature"),
        (("subject.cert_type", "id_card"), "subject.cert_type"),
        (("subject.principal.mobile", 13800000000), "subject.principal.mobile"),
        (("websites", {"name": "x"}), "websites"),
        (("websites[0].domains", "example.com"), "websites[0].domains"),
        (("websites[0].domains[0]", 5), "websites[0].domains[0]"),
        (("websites[0].content", "赌场"), "websites[0].content"),
        (("requested_type", "change"), "requested_type"),
        (("context.subject_filed_with", "mine"), "context.subject_filed_with"),
        (("context.cert_order_in_progress", "no"), "context.cert_order_in_progress"),
        (("context.today", "22/11/2026"), "context.today"),
        (("context.business_registry.status", "good"), "context.business_registry.status"),
        (("subject.principal.cert_valid_until", "someday"), "subject.principal.cert_valid_until"),
        (("subject", DELETE), "subject"),
        (("region", "浙江"), "region"),
        (("materials", [{"kind": "photo", "owner": "subject"}]), "materials[0].kind"),
        (("materials", [{"kind": "principal_id", "owner": "websites[3].principal"}]), "materials[0].owner"),
        (("materials", [{"kind": "principal_id", "owner": "subject", "bytes": True}]), "materials[0].bytes"),
    ],
)
def test_malformed_input_names_the_field(edit, path):
    with pytest.raises(ApplicationError) as info:
        precheck(build(enterprise, edit))
    assert info.value.path == path
    assert info.value.message


@pytest.mark.parametrize("value", [None, [], "x", 3])
def test_not_an_object(value):
    with pytest.raises(ApplicationError):
        precheck(value)


def _cli(args, stdin=None):
    # PYTHONPATH: this checkout's code, not whichever one the shared virtualenv was installed from.
    return subprocess.run([sys.executable, "-m", "beian", "precheck", *args], input=stdin, capture_output=True,
                          text=True, cwd=ROOT, timeout=60, env={**os.environ, "PYTHONPATH": str(ROOT / "src")})


def test_cli_exit_codes(tmp_path):
    good, bad = tmp_path / "good.json", tmp_path / "bad.json"
    good.write_text(json.dumps(build(enterprise)), encoding="utf-8")
    bad.write_text(json.dumps(build(enterprise, ("websites[0].domains", ["x.io"]))), encoding="utf-8")
    ok = _cli([str(good)])
    assert ok.returncode == 0 and json.loads(ok.stdout)["ok"] is True
    errors = _cli([str(bad)])
    assert errors.returncode == 1 and "DOMAIN_TLD_NOT_FILEABLE" in errors.stdout
    piped = _cli(["-"], stdin=json.dumps(build(enterprise)))
    assert piped.returncode == 0


@pytest.mark.parametrize(
    ("stdin", "needle"),
    [("{not json", "$"), (json.dumps(build(enterprise, ("subject.nature", "company"))), "subject.nature")],
)
def test_cli_malformed_input_exits_2_with_one_line(stdin, needle):
    proc = _cli(["-"], stdin=stdin)
    assert proc.returncode == 2 and proc.stdout == ""
    assert len(proc.stderr.strip().splitlines()) == 1 and needle in proc.stderr


def test_cli_jsonl_keeps_going_and_exits_2():
    lines = [json.dumps(build(enterprise)), "oops", json.dumps(build(enterprise, ("websites", []))), ""]
    proc = _cli(["--jsonl"], stdin="\n".join(lines) + "\n")
    out = [json.loads(line) for line in proc.stdout.splitlines()]
    assert proc.returncode == 2
    assert [("input_error" in o, o.get("ok")) for o in out] == [(False, True), (True, None), (False, False)]


def test_cli_jsonl_exit_1_without_input_errors():
    proc = _cli(["--jsonl"], stdin=json.dumps(build(enterprise, ("websites", []))) + "\n")
    assert proc.returncode == 1


def test_cli_unreadable_file_exits_2(tmp_path):
    proc = _cli([str(tmp_path / "missing.json")])
    assert proc.returncode == 2 and proc.stdout == ""
