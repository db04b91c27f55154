"""`beian precheck FILE|-` and `beian precheck --jsonl` (precheck.md "Command").

Exit 0: no error finding; 1: at least one error; 2: the input is not an application (one line on
stderr naming the bad field, nothing on stdout; in --jsonl mode an {"input_error"} line and go on).
Input beyond the JSON limits of rules/safejson.py (size, nesting, number size) is such an input error.
"""

import json
import sys

from beian.rules import safejson
from beian.rules.engine import ApplicationError, precheck

USAGE = "用法: beian precheck FILE.json | beian precheck - | beian precheck --jsonl < FILE.jsonl"
HELP = USAGE + """

对一份备案申请（JSON，格式见 precheck.md）运行预检，输出 ok、filing_type、findings、sms_targets、required_materials。
申请可含网站（websites）、APP（apps，含 platforms：android / ios / harmony / other）或两者皆有。
  FILE.json  读取一个申请文件          -  从标准输入读取一个申请
  --jsonl    每行一个申请，每行输出一个结果（格式错误的行输出 {"input_error": ...} 并继续）
退出码：0 无错误；1 有错误级别的检查结果；2 输入不是有效的备案申请（stderr 一行说明出错字段）。"""


def _dumps(obj) -> str:
    return json.dumps(obj, ensure_ascii=False, separators=(",", ":"))


def _load(text: str | bytes):
    try:
        return safejson.loads(text)
    except safejson.JsonProblem as exc:
        raise ApplicationError(exc.path or "$", exc.message) from None


def run_one(source: str) -> int:
    try:
        # One byte over the limit is enough to refuse it; a huge file is never read whole.
        if source == "-":
            data = sys.stdin.buffer.read(safejson.MAX_BYTES + 1)
        else:
            with open(source, "rb") as fh:
                data = fh.read(safejson.MAX_BYTES + 1)
    except OSError as exc:
        print(f"beian precheck: 无法读取输入 {source}: {exc}", file=sys.stderr)
        return 2
    try:
        result = precheck(_load(data))
    except ApplicationError as exc:
        print(f"beian precheck: 输入不是有效的备案申请: {exc.path}: {exc.message}", file=sys.stderr)
        return 2
    sys.stdout.write(json.dumps(result, ensure_ascii=False, indent=2) + "\n")
    return 0 if result["ok"] else 1


def _lines(stream):
    """The stream's lines, each cut at one character over the size limit (then refused as too large) with the
    rest of that line skipped: one huge line is never held whole."""
    limit = safejson.MAX_BYTES + 1
    while line := stream.readline(limit):
        if len(line) == limit and not line.endswith("\n"):
            while (rest := stream.readline(limit)) and not rest.endswith("\n"):
                pass
        yield line


def run_jsonl(stream, out) -> int:
    status = 0
    write = out.write
    for raw in _lines(stream):
        line = raw.strip()
        if not line:
            continue
        try:
            result = precheck(_load(line))
        except ApplicationError as exc:
            write(_dumps({"input_error": f"{exc.path}: {exc.message}"}) + "\n")
            status = 2
            continue
        write(_dumps(result) + "\n")
        if not result["ok"] and status == 0:
            status = 1
    return status


def main(argv: list[str]) -> int:
    if argv == ["--jsonl"]:
        stdin = open(sys.stdin.fileno(), encoding="utf-8", errors="replace", closefd=False)  # noqa: SIM115
        return run_jsonl(stdin, sys.stdout)
    if argv in (["--help"], ["-h"]):
        print(HELP)
        return 0
    if len(argv) != 1 or argv[0].startswith("--"):
        print(USAGE, file=sys.stderr)
        return 2
    return run_one(argv[0])
