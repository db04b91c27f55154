from pathlib import Path

from beian.rules.codes import Code
from beian.rules.docs import RULES, render

DOC = Path(__file__).resolve().parents[2] / "docs" / "rules.md"


def test_every_code_is_documented_with_a_source():
    assert set(RULES) == set(Code)
    assert all(where and source for where, source in RULES.values())


def test_docs_rules_md_is_not_stale():
    assert DOC.read_text(encoding="utf-8") == render(), "run: python -m beian.rules.docs > docs/rules.md"
