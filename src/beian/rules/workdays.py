"""China's working-day calendar: public holidays and adjusted working weekends (调休), as data per year.

Pure: no Django, no clock. Years without a data file raise CalendarError rather than guess.
"""

import datetime as dt
import tomllib
from functools import cache
from pathlib import Path

HOLIDAY_DIR = Path(__file__).resolve().parent / "data" / "holidays"


class CalendarError(LookupError):
    """No calendar data for the year asked about."""


def _expand(entry: str) -> list[dt.date]:
    if ".." in entry:
        start, end = (dt.date.fromisoformat(p) for p in entry.split(".."))
        if end < start:
            raise CalendarError(f"range {entry} ends before it starts")
        return [start + dt.timedelta(days=k) for k in range((end - start).days + 1)]
    return [dt.date.fromisoformat(entry)]


@cache
def year_data(year: int) -> tuple[frozenset, frozenset, bool, str]:
    path = HOLIDAY_DIR / f"{year}.toml"
    if not path.exists():
        raise CalendarError(f"没有 {year} 年的节假日数据（{path.name}）")
    raw = tomllib.loads(path.read_text(encoding="utf-8"))
    if raw.get("year") != year or not raw.get("source"):
        raise CalendarError(f"{path.name}: `year` must be {year} and `source` must be given")
    holidays = frozenset(d for e in raw.get("holidays", ()) for d in _expand(e))
    working = frozenset(dt.date.fromisoformat(d) for d in raw.get("working_weekends", ()))
    for day in holidays | working:
        if day.year != year:
            raise CalendarError(f"{path.name}: {day} is not in {year}")
    if holidays & working:
        raise CalendarError(f"{path.name}: a day cannot be both a holiday and a working day")
    if any(d.weekday() < 5 for d in working):
        raise CalendarError(f"{path.name}: working_weekends must be Saturdays or Sundays")
    return holidays, working, bool(raw.get("provisional")), raw["source"]


def is_working_day(day: dt.date) -> bool:
    holidays, working, _, _ = year_data(day.year)
    if day in holidays:
        return False
    return day in working or day.weekday() < 5


def add_working_days(start, n: int):
    """The moment n working days after `start` (a date or datetime; the time of day is kept)."""
    day = start.date() if isinstance(start, dt.datetime) else start
    remaining = n
    while remaining > 0:
        day += dt.timedelta(days=1)
        if is_working_day(day):
            remaining -= 1
    if isinstance(start, dt.datetime):
        return start.replace(year=day.year, month=day.month, day=day.day)
    return day


def working_days_between(a: dt.date, b: dt.date) -> int:
    """Working days in (a, b]; negative when b is before a."""
    if b < a:
        return -working_days_between(b, a)
    return sum(1 for k in range(1, (b - a).days + 1) if is_working_day(a + dt.timedelta(days=k)))
