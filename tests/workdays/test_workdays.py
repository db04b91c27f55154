import datetime as dt

import pytest

from beian.rules import workdays as w

D = dt.date


@pytest.mark.parametrize(
    ("day", "working"),
    [
        (D(2025, 1, 1), False), (D(2025, 1, 26), True), (D(2025, 1, 28), False), (D(2025, 2, 4), False),
        (D(2025, 2, 8), True), (D(2025, 10, 8), False), (D(2025, 10, 11), True), (D(2025, 10, 12), False),
        (D(2026, 1, 4), True), (D(2026, 2, 16), False), (D(2026, 2, 14), True), (D(2026, 2, 24), True),
        (D(2026, 11, 24), True), (D(2026, 11, 28), False), (D(2027, 2, 8), False), (D(2027, 2, 9), True),
    ],
)
def test_is_working_day(day, working):
    assert w.is_working_day(day) is working


def test_add_working_days_skips_weekends_and_holidays_and_counts_adjusted_weekends():
    assert w.add_working_days(D(2026, 11, 27), 1) == D(2026, 11, 30)  # Friday -> Monday
    assert w.add_working_days(D(2025, 9, 30), 1) == D(2025, 10, 9)  # National Day week
    assert w.add_working_days(D(2025, 9, 26), 1) == D(2025, 9, 28)  # Sunday 9-28 is a working day
    start = dt.datetime(2026, 2, 13, 17, 0)
    assert w.add_working_days(start, 1) == dt.datetime(2026, 2, 14, 17, 0)  # Saturday 调休


def test_working_days_between():
    assert w.working_days_between(D(2025, 9, 30), D(2025, 10, 9)) == 1
    assert w.working_days_between(D(2026, 11, 23), D(2026, 11, 30)) == 5
    assert w.working_days_between(D(2026, 11, 30), D(2026, 11, 23)) == -5


def test_years_without_data_fail_loudly():
    with pytest.raises(w.CalendarError):
        w.is_working_day(D(2031, 1, 1))


def test_provisional_years_say_so():
    assert w.year_data(2027)[2] is True and w.year_data(2026)[2] is False
