"""Property tests: valid generated IDs/USCCs pass, and any single-character change fails."""

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from beian.rules import validators as v

TODAY = dt.date(2026, 11, 22)
ID_PROVINCES = sorted(v.ID_PROVINCE_CODES)


@st.composite
def resident_ids(draw):
    province = draw(st.sampled_from(ID_PROVINCES))
    area = draw(st.integers(0, 9999))
    birth = draw(st.dates(min_value=dt.date(1900, 1, 1), max_value=TODAY))
    seq = draw(st.integers(0, 999))
    body = f"{province}{area:04d}{birth:%Y%m%d}{seq:03d}"
    return body + v.resident_id_check_char(body)


@st.composite
def usccs(draw):
    body = "".join(draw(st.lists(st.sampled_from(v.USCC_CHARSET), min_size=17, max_size=17)))
    return body + v.uscc_check_char(body)


@given(resident_ids())
def test_generated_resident_ids_pass(cert):
    assert v.resident_id_problem(cert, TODAY) is None


@given(resident_ids(), st.integers(0, 17), st.sampled_from("0123456789X"))
def test_any_single_change_breaks_a_resident_id(cert, pos, ch):
    changed = cert[:pos] + ch + cert[pos + 1:]
    if changed != cert:
        assert v.resident_id_problem(changed, TODAY) is not None


@given(usccs())
def test_generated_usccs_pass(code):
    assert v.uscc_problem(code) is None


@given(usccs(), st.integers(0, 17), st.sampled_from(v.USCC_CHARSET))
def test_any_single_change_breaks_a_uscc(code, pos, ch):
    changed = code[:pos] + ch + code[pos + 1:]
    if changed != code:
        assert v.uscc_problem(changed) is not None


def test_known_vectors():
    assert v.uscc_problem("91350200776049653A") is None
    assert v.uscc_problem("91440101MA5CJQ4N59") is None
    assert v.uscc_problem("91350203M0001QAY9B") == "check"
    assert v.resident_id_problem("11010519491231002X", TODAY) is None


def test_add_months_clamps():
    assert v.add_months(dt.date(2026, 11, 30), 3) == dt.date(2027, 2, 28)
    assert v.add_months(dt.date(2026, 11, 22), 3) == dt.date(2027, 2, 22)
