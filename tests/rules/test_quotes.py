"""Every rule in docs/rules.md quotes its seed verbatim (issue 13): the finding codes (rules/quotes.py)
and the rules the platform enforces outside the engine (rules/platform_rules.py).

How a quote is matched: the source file (a seed, or a spec file for a rule no seed states) is made
plain text by exactly three steps, and the quote must then occur in it unchanged:
  1. HTML tags are deleted (`</?name ...>`: the seeds' tables carry <p>, <ul>, <li>, <div style=…>);
  2. a markdown link `[text](target)` becomes its text;
  3. every run of whitespace (newlines included) becomes one space.
Nothing else is changed: no case folding, no punctuation or full-/half-width mapping, no traditional ↔
simplified mapping, and `**` is kept (the seeds use it as text too: "086-022-78954**"). The quote itself
must already be plain (no tags, links, doubled or edge spaces). "…" joins passages that must occur in
that order.
"""

import re
from pathlib import Path

import pytest

from beian.rules.codes import Code
from beian.rules.docs import render
from beian.rules.platform_rules import PLATFORM_RULES
from beian.rules.quotes import QUOTES

ROOT = Path(__file__).resolve().parents[2]
SHARED = ROOT.parent / "shared"
SRC = ROOT / "src" / "beian"
needs_shared = pytest.mark.skipif(not (SHARED / "seeds").is_dir(), reason=f"seeds not found at {SHARED}")

_TAG = re.compile(r"</?[A-Za-z][^<>]*>")
_LINK = re.compile(r"\[([^\]\n]*)\]\([^)\n]*\)")
_SPACE = re.compile(r"\s+")


def plain(text: str) -> str:
    return _SPACE.sub(" ", _LINK.sub(r"\1", _TAG.sub("", text))).strip()


def source_file(where: str) -> Path:
    """`where` starts with a seed key (S0–S4, reference.md §0: S3 = seeds/003_*.txt) or a spec file name."""
    if m := re.match(r"S([0-4])\b", where):
        files = sorted((SHARED / "seeds").glob(f"00{m[1]}_*.txt"))
        assert len(files) == 1, f"seed S{m[1]}: {files}"
        return files[0]
    m = re.match(r"([\w-]+\.md)\b", where)
    assert m, f"`where` must start with a seed key S0–S4 or a spec file name: {where!r}"
    path = SHARED / "spec" / m[1]
    assert path.is_file(), f"no spec file {path}"
    return path


_PLAIN: dict[Path, str] = {}


def missing_passage(where: str, quote: str) -> str | None:
    """The first passage of `quote` that does not occur (in order) in its source, or None."""
    path = source_file(where)
    if path not in _PLAIN:
        _PLAIN[path] = plain(path.read_text(encoding="utf-8"))
    text, pos = _PLAIN[path], 0
    for passage in quote.split("…"):
        found = text.find(passage, pos)
        if found < 0:
            return passage
        pos = found + len(passage)
    return None


def _all_quotes():
    return [*((code.value, where, quote) for code, (where, quote) in QUOTES.items()),
            *((rule.id, rule.where, rule.quote) for rule in PLATFORM_RULES)]


def test_every_code_has_a_quote():
    assert set(QUOTES) == set(Code), f"codes without a quote: {sorted(set(Code) - set(QUOTES))}"
    assert all(where.strip() and quote.strip() for where, quote in QUOTES.values())


def test_quotes_are_plain_text():
    for name, where, quote in _all_quotes():
        for passage in quote.split("…"):
            assert passage and passage == plain(passage), f"{name}: quote must be plain text: {passage!r}"
        assert where == where.strip() and "\n" not in where, name


@needs_shared
@pytest.mark.parametrize(("name", "where", "quote"), _all_quotes(), ids=[q[0] for q in _all_quotes()])
def test_quote_occurs_verbatim_in_its_source(name, where, quote):
    assert missing_passage(where, quote) is None, (
        f"{name}: not found verbatim in {source_file(where).name}: {missing_passage(where, quote)!r}")


@needs_shared
def test_the_check_rejects_an_altered_quote():
    where, quote = QUOTES[Code.SITE_NAME_SENSITIVE]
    assert missing_passage(where, quote) is None
    assert missing_passage(where, quote.replace("赌博", "赌钱")) is not None  # one word changed
    assert missing_passage(where, quote.replace("（", "(")) is not None  # full-width bracket made half-width
    assert missing_passage(where, quote + "…不存在的句子") is not None  # an extra passage
    s4_where = next(r.where for r in PLATFORM_RULES if r.where.startswith("S4"))
    assert missing_passage(s4_where, "备案主体负责人如果不是中国内地居民") is not None  # no simplified ↔ traditional mapping
    assert missing_passage("S3 §5", "核验过程中采集的证件信息…阿里云会妥善保存资料以备主管部门核查") is None
    assert missing_passage("S3 §5", "阿里云会妥善保存资料以备主管部门核查…核验过程中采集的证件信息") is not None  # order


def test_platform_rules_are_complete_and_say_where_they_live():
    ids = [rule.id for rule in PLATFORM_RULES]
    assert len(ids) == len(set(ids)), "platform rule ids must be unique"
    for rule in PLATFORM_RULES:
        assert all(field.strip() for field in rule), rule.id
        planned = re.findall(r"planned \(issue 13 item (\d+)\)", rule.code)
        assert planned or "planned" not in rule.code, f"{rule.id}: write 'planned (issue 13 item N)'"
        # A module named in "where in the code" exists, and so does the name written right after it.
        for module, name in re.findall(r"([\w/]+\.py)(?: ([A-Za-z_]\w*))?", rule.code):
            path = SRC / module
            assert path.is_file(), f"{rule.id}: no {path}"
            if name and name not in {"and", "takes", "mentions"}:
                assert re.search(rf"\b{re.escape(name)}\b", path.read_text(encoding="utf-8")), f"{rule.id}: {name} not in {module}"


def test_docs_show_every_quote():
    doc = render()
    assert "| seed (quoted) |" in doc and "## Platform rules (outside the engine)" in doc
    for _name, _where, quote in _all_quotes():
        assert quote.replace("|", "\\|").replace("*", "\\*") in doc
