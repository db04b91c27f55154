"""The 公安联网备案 deadline and reminder days, pure (no database): seed 003 §11, "各网站在工信部备案成功后，需在网站开通
（即网站对外提供访问服务）之日起30日内提交公安联网备案申请".

The period runs from the 网站开通 date the applicant confirms (the approval date until they do). A day counted
"之日起30日内" starts the next day (《民法典》第二百零一条), so the last day is the opening date + 30. Reminders go
out on day 0 (the opening day), day 20 (ten days left) and day 28 (two days left), at 09:00 Beijing time.
"""

import datetime as dt
from zoneinfo import ZoneInfo

from beian.rules.provinces import normalise_province

DEADLINE_DAYS = 30
REMINDER_DAYS = (0, 20, 28)
REMIND_AT = dt.time(9, 0)
BEIJING = ZoneInfo("Asia/Shanghai")
SHANGHAI = "上海市"
NATIONAL_PORTAL_URL = "https://beian.mps.gov.cn"


def deadline(opened_on: dt.date) -> dt.date:
    return opened_on + dt.timedelta(days=DEADLINE_DAYS)


def reminder_at(opened_on: dt.date, day: int) -> dt.datetime:
    return dt.datetime.combine(opened_on + dt.timedelta(days=day), REMIND_AT, tzinfo=BEIJING)


def due_days(opened_on: dt.date, *, sent, now: dt.datetime) -> list[int]:
    """The reminder days that are due and not yet sent."""
    return [day for day in REMINDER_DAYS if day not in sent and reminder_at(opened_on, day) <= now]


def next_reminder(opened_on: dt.date, *, sent) -> dt.datetime | None:
    """When the next reminder not yet sent is due (it may be in the past), or None when all were sent."""
    times = [reminder_at(opened_on, day) for day in REMINDER_DAYS if day not in sent]
    return min(times) if times else None


def is_shanghai(province: str) -> bool:
    return normalise_province(province or "") == SHANGHAI
