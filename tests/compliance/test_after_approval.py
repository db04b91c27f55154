"""After approval (issue 13 item 7, seed 003 §11): the 江苏 footer carries "© <subject> 版权所有"; the 公安联网备案
reminders count 30 days from the 网站开通 date the applicant confirms (default: the approval date), remind on day
0, 20 and 28, follow a changed date, never repeat a day and stop once the applicant marks it submitted; they name
the national portal, and the 上海 one for 上海 subjects; a 网络购物 site gets the 经营性 ICP 许可证 note."""

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from freezegun import freeze_time

from beian.compliance import psb, services
from beian.compliance.models import PsbFollowup
from beian.filings.models import OrderEvent, Timer
from beian.filings.timers import sweep
from beian.notifications.models import Message
from tests.compliance.support import account, approved_order

pytestmark = pytest.mark.django_db
BJ = ZoneInfo("Asia/Shanghai")
T0 = datetime(2026, 3, 2, 10, 0, tzinfo=BJ)  # approved on 2 March, after 09:00


def at(day: date, hour=9, minute=0) -> datetime:
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=BJ)


def reminders(order) -> list[Message]:
    return list(Message.objects.filter(order=order, event="psb_reminder", channel=Message.SITE).order_by("id"))


def approval_message(order) -> Message:
    return Message.objects.get(order=order, event="state:approved", channel=Message.SITE)


# ---- the footer's 版权所有 ------------------------------------------------------------------------------------

def test_jiangsu_footer_carries_the_subject_name_with_copyright(client):
    order = approved_order(email="js@example.com", now=T0, domain="js-copyright.com", province="江苏省",
                           name="苏州示例科技有限公司")
    assert "© 苏州示例科技有限公司 版权所有" in order.meta["footer_html"]
    assert "© 苏州示例科技有限公司 版权所有" in approval_message(order).body
    client.force_login(order.account)
    page = client.get(f"/orders/{order.pk}/").content.decode()
    assert "© 苏州示例科技有限公司 版权所有" in page and 'id="copyright-note"' in page


def test_other_provinces_footer_has_no_copyright(client):
    order = approved_order(email="zj@example.com", now=T0, domain="zj-footer.com", province="浙江省")
    assert "版权所有" not in order.meta["footer_html"] and "beian.miit.gov.cn" in order.meta["footer_html"]
    client.force_login(order.account)
    assert 'id="copyright-note"' not in client.get(f"/orders/{order.pk}/").content.decode()


# ---- the 公安联网备案 reminders ---------------------------------------------------------------------------------

def test_reminders_on_day_0_20_and_28_of_the_approval_date_by_default():
    order = approved_order(email="days@example.com", now=T0, domain="psb-days.com")
    followup = PsbFollowup.objects.get(order=order)
    assert followup.opened_on == date(2026, 3, 2) and followup.opened_confirmed_at is None
    assert psb.deadline(followup.opened_on) == date(2026, 4, 1)
    sweep(now=T0)  # day 0 (due 09:00, the approval came at 10:00)
    assert len(reminders(order)) == 1 and "2026-04-01 前提交（还剩 30 天）" in reminders(order)[0].body
    sweep(now=T0 + timedelta(hours=1))  # the same day again: nothing more
    assert len(reminders(order)) == 1
    assert Timer.objects.get(order=order, kind="psb_reminder").due_at == at(date(2026, 3, 22))
    sweep(now=at(date(2026, 3, 22), 8, 59))
    assert len(reminders(order)) == 1
    sweep(now=at(date(2026, 3, 22)))  # day 20
    assert len(reminders(order)) == 2 and "还剩 10 天" in reminders(order)[1].body
    sweep(now=at(date(2026, 3, 30)))  # day 28
    assert len(reminders(order)) == 3 and "还剩 2 天" in reminders(order)[2].body
    assert Timer.objects.get(order=order, kind="psb_reminder").done_at is not None
    sweep(now=at(date(2026, 6, 1)))
    assert len(reminders(order)) == 3
    followup.refresh_from_db()
    assert followup.reminded == [0, 20, 28]


def test_a_missed_sweep_sends_one_reminder_for_the_days_it_missed():
    order = approved_order(email="late@example.com", now=T0, domain="psb-late.com")
    sweep(now=at(date(2026, 3, 25)))  # the worker was down from day 0 to day 23
    [message] = reminders(order)
    assert "还剩 7 天" in message.body
    assert PsbFollowup.objects.get(order=order).reminded == [0, 20]
    sweep(now=at(date(2026, 3, 30)))
    assert len(reminders(order)) == 2


def test_a_changed_opening_date_reschedules_the_days_not_sent_yet():
    order = approved_order(email="moved@example.com", now=T0, domain="psb-moved.com")
    sweep(now=T0)  # day 0 of the approval date
    followup = PsbFollowup.objects.get(order=order)
    services.confirm_opened(followup=followup, value="2026-03-12", actor=order.account, now=at(date(2026, 3, 15), 14))
    followup.refresh_from_db()
    assert followup.opened_on == date(2026, 3, 12) and followup.opened_confirmed_at
    assert Timer.objects.get(order=order, kind="psb_reminder").due_at == at(date(2026, 4, 1))
    sweep(now=at(date(2026, 3, 22)))  # the old day 20: nothing
    assert len(reminders(order)) == 1
    sweep(now=at(date(2026, 4, 1)))  # the new day 20
    assert len(reminders(order)) == 2 and "2026-04-11 前提交（还剩 10 天）" in reminders(order)[1].body
    sweep(now=at(date(2026, 4, 9)))  # the new day 28
    assert len(reminders(order)) == 3
    event = OrderEvent.objects.get(order=order, kind="psb_opened")
    assert event.actor == order.account and event.payload["opened_on"] == "2026-03-12"
    assert event.payload["previous"] == "2026-03-02"


def test_marking_it_submitted_stops_the_reminders():
    order = approved_order(email="done@example.com", now=T0, domain="psb-done.com")
    sweep(now=T0)
    services.mark_done(followup=PsbFollowup.objects.get(order=order), actor=order.account, now=T0 + timedelta(days=3))
    assert Timer.objects.get(order=order, kind="psb_reminder").done_at is not None
    sweep(now=at(date(2026, 3, 22)))
    sweep(now=at(date(2026, 3, 30)))
    assert len(reminders(order)) == 1
    assert OrderEvent.objects.filter(order=order, kind="psb_done", actor=order.account).exists()


def test_the_reminder_names_the_national_portal():
    order = approved_order(email="nat@example.com", now=T0, domain="psb-national.com", province="浙江省")
    sweep(now=T0)
    body = reminders(order)[0].body
    assert "全国互联网安全管理服务平台（https://beian.mps.gov.cn）" in body and "上海" not in body
    assert "全国互联网安全管理服务平台（https://beian.mps.gov.cn）" in approval_message(order).body


def test_shanghai_subjects_are_sent_to_the_shanghai_portal(client):
    order = approved_order(email="sh@example.com", now=T0, domain="psb-shanghai.com", province="上海市",
                           name="上海示例科技有限公司")
    sweep(now=T0)
    for body in (reminders(order)[0].body, approval_message(order).body):
        assert "《关于上海市网站公安联网备案公告》" in body and "上海专门入口" in body
    client.force_login(order.account)
    assert "《关于上海市网站公安联网备案公告》" in client.get(f"/orders/{order.pk}/").content.decode()


# ---- the applicant's page and its form -----------------------------------------------------------------------

@freeze_time("2026-03-20 12:00:00+08:00")
def test_the_applicant_confirms_the_opening_date_on_the_order_page(client):
    order = approved_order(email="page@example.com", now=T0, domain="psb-page.com")
    website = PsbFollowup.objects.get(order=order).website
    client.force_login(order.account)
    page = client.get(f"/orders/{order.pk}/").content.decode()
    assert f'action="/compliance/websites/{website.pk}/psb/"' in page and 'min="2026-03-02"' in page
    assert 'max="2026-03-20"' in page and "未确认（默认为备案通过日期）" in page
    url = f"/compliance/websites/{website.pk}/psb/"
    for value, words in (("2026-03-21", "不能晚于今天"), ("2026-03-01", "不能早于备案通过日期 2026-03-02"),
                         ("3月5日", "请填写有效的网站开通日期"), ("", "请填写有效的网站开通日期")):
        response = client.post(url, {"action": "opened", "opened_on": value}, follow=True)
        assert words in response.content.decode(), value
    assert PsbFollowup.objects.get(order=order).opened_on == date(2026, 3, 2)
    response = client.post(url, {"action": "opened", "opened_on": "2026-03-10"}, follow=True)
    assert "2026-04-09 前提交公安联网备案申请" in response.content.decode()
    assert PsbFollowup.objects.get(order=order).opened_on == date(2026, 3, 10)
    response = client.post(url, {"action": "done"}, follow=True)
    assert "已提交公安联网备案" in response.content.decode()
    assert PsbFollowup.objects.get(order=order).done_at is not None
    assert client.get(url).status_code == 405


def test_another_account_cannot_touch_the_website(client):
    order = approved_order(email="owner-psb@example.com", now=T0, domain="psb-owner.com")
    website = PsbFollowup.objects.get(order=order).website
    client.force_login(account("stranger-psb@example.com"))
    assert client.post(f"/compliance/websites/{website.pk}/psb/", {"action": "done"}).status_code == 404
    assert PsbFollowup.objects.get(order=order).done_at is None


# ---- the 经营性 ICP 许可证 note ---------------------------------------------------------------------------------

def test_an_online_shop_gets_the_commercial_licence_note(client):
    order = approved_order(email="shop@example.com", now=T0, domain="psb-shop.com", service_type="网络购物")
    assert "经营性ICP许可证" in approval_message(order).body and "psb-shop.com" in approval_message(order).body
    client.force_login(order.account)
    page = client.get(f"/orders/{order.pk}/").content.decode()
    assert 'id="licence-note"' in page and "经营性ICP许可证" in page


def test_a_plain_website_gets_no_licence_note(client):
    order = approved_order(email="plain@example.com", now=T0, domain="psb-plain.com")
    assert "经营性ICP许可证" not in approval_message(order).body
    client.force_login(order.account)
    assert 'id="licence-note"' not in client.get(f"/orders/{order.pk}/").content.decode()


def test_the_filing_list_shows_each_websites_psb_forms(client):
    order = approved_order(email="list-psb@example.com", now=T0, domain="psb-list.com")
    website = PsbFollowup.objects.get(order=order).website
    client.force_login(order.account)
    page = client.get("/orders/").content.decode()
    assert page.count(f'action="/compliance/websites/{website.pk}/psb/"') == 2  # the date, and "submitted"
    services.mark_done(followup=website.psb, actor=order.account)
    page = client.get("/orders/").content.decode()
    assert "已提交公安联网备案" in page and f'action="/compliance/websites/{website.pk}/psb/"' not in page
