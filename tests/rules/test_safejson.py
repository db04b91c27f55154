"""JSON from outside is read within limits checked before decoding (rules/safejson.py), and the CLI turns
anything beyond them, or any hostile string, into its contract's input error (exit 2, one Chinese line on
stderr) or a normal result: never a traceback."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from beian.rules import ApplicationError, precheck, safejson

from .support import build, enterprise

ROOT = Path(__file__).resolve().parents[2]
DEEP = "[" * 50_000 + "]" * 50_000
HUGE_INT = '{"region": ' + "9" * 5000 + "}"


def _problem(text) -> safejson.JsonProblem:
    with pytest.raises(safejson.JsonProblem) as info:
        safejson.loads(text)
    return info.value


@pytest.mark.parametrize(("text", "code"), [
    (DEEP, "json_too_deep"),
    ('{"a":' * 33 + "1" + "}" * 33, "json_too_deep"),  # 33 levels: far below Python's recursion limit
    (HUGE_INT, "json_number_too_large"),
    ("[" + "1" * 21 + "]", "json_number_too_large"),
    ("[-" + "1" * 21 + ".5e3]", "json_number_too_large"),
    ('{"a": 1e999}', "json_number_too_large"),
    ('{"a": -Infinity}', "json_number_too_large"),
    ('{"a": NaN}', "json_number_too_large"),
    ("{not json", "json_invalid"),
    (b"\xff\xfe{}", "json_invalid"),
    ("x" * (safejson.MAX_BYTES + 1), "json_too_large"),
])
def test_limits_give_a_stable_code_and_a_chinese_message(text, code):
    problem = _problem(text)
    assert problem.code == code and any("\u4e00" <= c <= "\u9fff" for c in problem.message)


def test_the_depth_is_checked_before_decoding(monkeypatch):
    """The decoder never sees a text nested too deep (it would recurse once per bracket)."""
    seen = []
    monkeypatch.setattr(safejson._DECODER, "decode", lambda text: seen.append(text))
    _problem('{"a":' * 40 + "1" + "}" * 40)
    assert seen == []


def test_within_limits_is_plain_json():
    nested = '{"a":' * 32 + "1" + "}" * 32
    assert safejson.loads(nested) is not None
    assert safejson.loads('{"s": "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[{{{{{{{{"}') == {"s": "[" * 40 + "{" * 8}
    assert safejson.loads('["\\"[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[["]') == ['"' + "[" * 36]
    assert safejson.loads("[-12345678901234567890, 1.5e300, 0.1]") == [-12345678901234567890, 1.5e300, 0.1]
    assert safejson.loads(b'\xef\xbb\xbf{"a": "\xe4\xb8\xad"}') == {"a": "中"}


def test_an_oversized_number_is_named_by_its_path():
    text = json.dumps({"materials": [{"bytes": 1, "width": 2}, {"bytes": 10**30}]})
    problem = _problem(text)
    assert problem.path == "materials[1].bytes" and "materials[1].bytes" in problem.message


@pytest.mark.parametrize(("edit", "path"), [
    (("materials", [{"kind": "principal_id", "owner": "subject_principal", "side": "front", "format": "jpg",
                     "bytes": 10**400, "width": 1, "height": 1}]), "materials[0].bytes"),
    (("materials", [{"kind": "principal_id", "owner": "subject_principal", "side": "front", "format": "jpg",
                     "bytes": 1, "width": 10**400, "height": 1},
                    {"kind": "principal_id", "owner": "subject_principal", "side": "back", "format": "jpg",
                     "bytes": 1, "width": 10**400, "height": 1}]), "materials[0].width"),
    (("materials", [{"kind": "principal_id", "owner": "subject_principal", "side": "front", "format": "jpg",
                     "bytes": -5, "width": 1, "height": 1}]), "materials[0].bytes"),
    (("materials", [{"kind": "principal_id", "owner": "websites[²].principal", "side": "front", "format": "jpg",
                     "bytes": 1, "width": 1, "height": 1}]), "materials[0].owner"),
    (("materials", [{"kind": "principal_id", "owner": "websites[" + "0" * 5000 + "].principal", "side": "front",
                     "format": "jpg", "bytes": 1, "width": 1, "height": 1}]), "materials[0].owner"),
])
def test_impossible_material_numbers_are_input_errors_not_exceptions(edit, path):
    """Python callers (the wizard, the API) hand the engine any int: OverflowError and ValueError were 500s."""
    with pytest.raises(ApplicationError) as info:
        precheck(build(enterprise, edit))
    assert info.value.path == path


def test_an_enum_error_shows_control_characters_escaped():
    with pytest.raises(ApplicationError) as info:
        precheck(build(enterprise, ("subject.nature", "enterprise\x00\x1b[31m")))
    assert "\x00" not in info.value.message and "\x1b" not in info.value.message
    assert "\\u0000" in info.value.message


# ---- the CLI ----------------------------------------------------------------------------------------------

def _cli(args, stdin: str | bytes):
    """This worktree's code (PYTHONPATH), not whichever checkout the virtualenv was installed from."""
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    return subprocess.run([sys.executable, "-m", "beian", "precheck", *args], input=stdin, capture_output=True,
                          cwd=ROOT, timeout=60, env=env)


@pytest.mark.parametrize(("stdin", "needle"), [
    (DEEP, "嵌套层数过多"),
    (HUGE_INT, "超出范围的数字"),
    (json.dumps(build(enterprise, ("materials", [{"kind": "principal_id", "owner": "subject_principal",
                                                  "side": "front", "format": "jpg", "bytes": 10**4000,
                                                  "width": 1, "height": 1}]))), "materials[0].bytes"),
    ("x" * (safejson.MAX_BYTES + 10), "内容过大"),
])
def test_cli_input_beyond_the_limits_exits_2_with_one_chinese_line(stdin, needle):
    proc = _cli(["-"], stdin.encode())
    stderr = proc.stderr.decode()
    assert proc.returncode == 2 and proc.stdout == b"", stderr[-500:]
    assert len(stderr.strip().splitlines()) == 1 and needle in stderr and "Traceback" not in stderr


def test_cli_jsonl_reports_each_hostile_line_and_goes_on():
    good = json.dumps(build(enterprise))
    lines = [good, DEEP, HUGE_INT, "{" + '"a": 1,' * 80_000 + '"b": 2}', good]
    proc = _cli(["--jsonl"], ("\n".join(lines) + "\n").encode())
    out = [json.loads(line) for line in proc.stdout.decode().splitlines()]
    assert proc.returncode == 2, proc.stderr.decode()[-500:]
    assert [("input_error" in o, o.get("ok")) for o in out] == [(False, True), (True, None), (True, None),
                                                                (True, None), (False, True)]
    assert "嵌套层数过多" in out[1]["input_error"] and "内容过大" in out[3]["input_error"]


def _with_every_string(value, change):
    if isinstance(value, dict):
        return {k: _with_every_string(v, change) for k, v in value.items()}
    if isinstance(value, list):
        return [_with_every_string(v, change) for v in value]
    return change(value) if isinstance(value, str) else value


@pytest.mark.parametrize("change", [lambda s: s + "\x00", lambda s: "\x00" + s, lambda s: s.replace("", "\x00"),
                                    lambda s: s + "\x1b[2J\x7f\x85"],
                         ids=["nul-after", "nul-before", "nul-between", "escape"])
def test_cli_nul_and_control_characters_in_strings_never_crash(change):
    """Exit per precheck.md: 0/1 with a JSON result, or 2 with one line; the terminal never gets a raw control
    character from an input-error line."""
    app = build(enterprise)
    app["websites"][0]["name"] += "\x00"  # a free-text field alone: the engine reports, it does not refuse
    texts = [json.dumps(app), json.dumps(_with_every_string(build(enterprise), change))]
    for text in texts:
        proc = _cli(["-"], text.encode())
        stderr = proc.stderr.decode()
        assert "Traceback" not in stderr and proc.returncode in (0, 1, 2), stderr[-500:]
        if proc.returncode == 2:
            assert proc.stdout == b"" and len(stderr.strip().splitlines()) == 1
            assert not any(c in stderr for c in "\x00\x1b\x7f\x85")
        else:
            assert json.loads(proc.stdout)["findings"] is not None
    jsonl = _cli(["--jsonl"], ("\n".join(texts) + "\n").encode())
    assert "Traceback" not in jsonl.stderr.decode() and len(jsonl.stdout.decode().splitlines()) == 2
