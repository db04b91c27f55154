"""Issue 13 item 6: mails reach the principals named on the form as well as the account (seed 003 §2: "此邮箱将用于
接收备案消息通知"), and each account's 备案消息通知设置 (channels per event, extra recipients) is honoured."""

import copy
import logging

import pytest
from django.contrib.auth import get_user_model
from django.db import connection

from beian.filings import states, transitions
from beian.filings.services import create_order, transition
from beian.notifications import messages as msg
from beian.notifications import services
from beian.notifications.models import Message, NotificationSettings, SettingsChange, SmsRecord
from tests.filings.conftest import application
from tests.rules.support import principal

pytestmark = pytest.mark.django_db
URL = "/notifications/settings/"
User = get_user_model()


def _account(name="acct"):
    return User.objects.create_user(f"{name}@example.com", f"{name}@example.com", "pw-12345678")


def _two_site_application(domain="notify-a.com") -> dict:
    """Subject principal zhangsan@ / 13800000000; a second website with its own principal (Li@Example.com, typed
    in another case than the third website's principal, who is the same person)."""
    app = application(domain)
    second = copy.deepcopy(app["websites"][0])
    second.update(name="示例科技第二网站", domains=["notify-b.com"],
                  principal={**principal(mobile="13700000000"), "email": "Li@Example.com"})
    third = copy.deepcopy(second)
    third.update(name="示例科技第三网站", domains=["notify-c.com"],
                 principal={**principal(mobile="+86 137 0000 0000"), "email": "li@example.com"})
    app["websites"] += [second, third]
    return app


def _submit(order, capture):
    """待上传资料 -> 初审中: two notifications (state:materials, state:provider_review)."""
    with capture(execute=True):
        transition(order=order, to_state=states.MATERIALS, role=transitions.APPLICANT)
    with capture(execute=True):
        transition(order=order, to_state=states.PROVIDER_REVIEW, role=transitions.APPLICANT)


def _all_on() -> dict:
    """The settings form as the page posts it with every box ticked and no extra recipient."""
    data = {services.field_name(c, e): "on" for e in services.notification_events()
            for c in services.channels_of(e) if c in services.SWITCHABLE}
    return {**data, "extra_email": [""] * 5, "extra_mobile": [""] * 5}


def _mails(smtp_server, subject_part: str) -> list[str]:
    return sorted(str(m["To"]).lower() for m in smtp_server.messages if subject_part in str(m["Subject"]))


# ---- recipients ------------------------------------------------------------------------------------------

def test_a_mail_reaches_the_account_and_every_principal_on_the_form_once(smtp_server, django_capture_on_commit_callbacks):
    account = _account("owner")
    order = create_order(account=account, application=_two_site_application())
    _submit(order, django_capture_on_commit_callbacks)
    # Real SMTP: the account's address, the subject principal's, and the website principals' (one person,
    # two spellings: one mail).
    assert _mails(smtp_server, "已提交初审") == ["li@example.com", "owner@example.com", "zhangsan@example.com"]
    principal_copy = next(m for m in smtp_server.messages
                          if "已提交初审" in str(m["Subject"]) and str(m["To"]) == "zhangsan@example.com")
    assert order.reference in principal_copy.get_body().get_content()
    assert "负责人信息" in principal_copy.get_body().get_content()
    # SMS as before (the catalogue's SMS events), now to every principal's mobile, each number once.
    texts = SmsRecord.objects.filter(body__contains=order.reference)
    assert sorted(s.to for s in texts) == ["13700000000", "13800000000"]


def test_the_principal_who_is_the_account_holder_gets_one_mail(smtp_server, django_capture_on_commit_callbacks):
    account = User.objects.create_user("ZhangSan@Example.com", "ZhangSan@Example.com", "pw-12345678")
    order = create_order(account=account, application=application("notify-same.com"))
    _submit(order, django_capture_on_commit_callbacks)
    assert _mails(smtp_server, "已提交初审") == ["zhangsan@example.com"]


# ---- the settings page and the sender ---------------------------------------------------------------------

def test_the_page_lists_every_notification_of_the_catalogue_with_every_channel_on_by_default(client):
    client.force_login(_account())
    page = client.get(URL).content.decode()
    events = services.notification_events()
    assert {"state:provider_review", "state:supplement_required", "state:pending_ministry", "state:sms_verification",
            "state:approved", "state:bureau_rejected", "state:expired", "psb_reminder"} <= set(events)
    assert "sms_code" not in events and 'data-event="sms_code"' not in page  # a code is not a notification
    for event in events:
        assert f'data-event="{event}"' in page and msg.EVENT_LABELS[event] in page
        assert f'name="email:{event}" value="on" checked' in page
        if "sms" in msg.EVENTS[event]:
            assert f'name="sms:{event}" value="on" checked' in page
        assert f'name="site:{event}"' not in page  # 站内信 cannot be switched off …
    assert msg.SETTINGS_SITE_ALWAYS in page  # … and the page says why
    assert 'name="csrfmiddlewaretoken"' in page and '<html lang="zh-Hans">' in page


def test_the_inbox_and_the_menu_link_to_the_settings(client):
    client.force_login(_account())
    assert f'href="{URL}"' in client.get("/notifications/").content.decode()
    assert client.get("/notifications/").content.decode().count(f'href="{URL}"') == 2  # the menu and the inbox


def test_turning_email_off_for_an_event_stops_its_mail_to_everyone(client, smtp_server,
                                                                   django_capture_on_commit_callbacks):
    account = _account("quiet")
    client.force_login(account)
    data = _all_on()
    del data["email:state:provider_review"], data["sms:state:provider_review"]
    assert client.post(URL, data).status_code == 302
    order = create_order(account=account, application=_two_site_application())
    _submit(order, django_capture_on_commit_callbacks)
    assert _mails(smtp_server, "已提交初审") == []
    assert not SmsRecord.objects.filter(body__contains=order.reference).exists()
    # The site message stays; the other event still mails everyone.
    assert Message.objects.filter(order=order, event="state:provider_review", channel="site").exists()
    assert _mails(smtp_server, "待上传资料") == ["li@example.com", "quiet@example.com", "zhangsan@example.com"]


def test_extra_recipients_receive_the_notifications(client, smtp_server, django_capture_on_commit_callbacks):
    account = _account("team")
    client.force_login(account)
    data = {**_all_on(), "extra_email": ["ops@example.net", "OPS@example.net", " boss@example.org ", "", ""],
            "extra_mobile": ["+86 139-1234-5678", "", "", "", ""]}
    assert client.post(URL, data).status_code == 302
    saved = NotificationSettings.objects.get(account=account)
    assert saved.extra_emails == ["ops@example.net", "boss@example.org"] and saved.extra_mobiles == ["13912345678"]
    order = create_order(account=account, application=application("notify-extra.com"))
    _submit(order, django_capture_on_commit_callbacks)
    assert _mails(smtp_server, "已提交初审") == ["boss@example.org", "ops@example.net", "team@example.com",
                                              "zhangsan@example.com"]
    extra_copy = next(m for m in smtp_server.messages if str(m["To"]) == "ops@example.net")
    assert msg.EMAIL_WHY_EXTRA in extra_copy.get_body().get_content()
    assert SmsRecord.objects.filter(SmsRecord.for_mobile("13912345678"), body__contains=order.reference).count() == 1


def test_bad_input_gives_chinese_errors_with_codes_and_keeps_the_saved_settings(client):
    account = _account("typo")
    client.force_login(account)
    client.post(URL, {**_all_on(), "extra_email": ["kept@example.com", "", "", "", ""]})
    before = NotificationSettings.objects.get(account=account)
    audits = SettingsChange.objects.count()

    data = _all_on()
    del data["email:state:approved"]
    data.update(extra_email=["kept@example.com", "not-an-address", "", "", ""],
                extra_mobile=["12345", "", "", "", ""])
    response = client.post(URL, data)
    page = response.content.decode()
    assert response.status_code == 200
    assert 'data-code="extra_email_invalid"' in page and "第 2 个接收邮箱“not-an-address”不是有效的邮箱地址" in page
    assert 'data-code="extra_mobile_invalid"' in page and "不是有效的中国内地手机号" in page
    assert msg.SETTINGS_NOT_SAVED in page
    assert 'value="not-an-address"' in page  # what was typed is shown again, to be corrected
    assert 'name="email:state:approved" value="on">' in page  # … and the boxes as they were posted

    too_many = {**_all_on(), "extra_email": [f"p{i}@example.com" for i in range(6)]}
    page = client.post(URL, too_many).content.decode()
    assert 'data-code="extra_email_too_many"' in page and "最多添加 5 个接收邮箱，您填写了 6 个" in page

    after = NotificationSettings.objects.get(account=account)
    assert (after.off, after.extra_emails, after.extra_mobiles) == (before.off, before.extra_emails, before.extra_mobiles)
    assert SettingsChange.objects.count() == audits


def test_another_account_can_neither_see_nor_change_someones_settings(client):
    owner, other = _account("owner2"), _account("other2")
    client.force_login(owner)
    client.post(URL, {**_all_on(), "extra_email": ["secret-owner-extra@example.com", "", "", "", ""]})

    client.force_login(other)
    page = client.get(URL).content.decode()
    assert "secret-owner-extra@example.com" not in page and "secret-owner" not in page
    # The URL names no account; naming one in the form changes nothing of the owner's.
    assert client.get(f"{URL}?account={owner.pk}").content.decode().count("secret-owner") == 0
    data = {**_all_on(), "account": str(owner.pk), "account_id": str(owner.pk), "extra_email": ["x@example.com"]}
    del data["email:state:approved"]
    assert client.post(f"{URL}?account={owner.pk}", data).status_code == 302
    mine = NotificationSettings.objects.get(account=owner)
    assert mine.extra_emails == ["secret-owner-extra@example.com"] and mine.off == {}
    theirs = NotificationSettings.objects.get(account=other)
    assert theirs.extra_emails == ["x@example.com"] and theirs.off == {"state:approved": ["email"]}


def test_the_page_needs_a_login(client):
    response = client.get(URL)
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")
    assert client.post(URL, _all_on()).status_code == 302 and not NotificationSettings.objects.exists()


def test_a_change_is_audited_and_logged_with_recipients_masked(client, caplog):
    account = _account("audit")
    client.force_login(account)
    data = {**_all_on(), "extra_email": ["zhaoliu@example.org", "", "", "", ""],
            "extra_mobile": ["13912345678", "", "", "", ""]}
    del data["sms:state:approved"]
    with caplog.at_level(logging.INFO, logger="beian.notifications"):
        client.post(URL, data)
    change = SettingsChange.objects.get(account=account)
    assert change.actor == account
    assert change.changes == {"channels": {"state:approved": {"off": ["sms"], "on": []}},
                              "emails_added": ["z***u@example.org"], "mobiles_added": ["139****5678"]}
    logged = "\n".join(r.getMessage() for r in caplog.records if r.name.startswith("beian.notifications"))
    assert "z***u@example.org" in logged and "zhaoliu@" not in logged and "13912345678" not in logged
    page = client.get(URL).content.decode()
    assert "管局审核通过（备案成功）：关闭短信" in page and "新增接收邮箱 z***u@example.org" in page
    # Saving the same settings again is no change: nothing more in the trail.
    client.post(URL, data)
    assert SettingsChange.objects.filter(account=account).count() == 1


def test_extra_recipients_are_sealed_at_rest(client):
    account = _account("sealed")
    client.force_login(account)
    client.post(URL, {**_all_on(), "extra_email": ["plain-sight@example.org", "", "", "", ""],
                      "extra_mobile": ["13912345678", "", "", "", ""]})
    with connection.cursor() as cursor:
        cursor.execute("SELECT extra_emails, extra_mobiles FROM notifications_notificationsettings")
        raw = " ".join(cursor.fetchone())
    assert "plain-sight" not in raw and "13912345678" not in raw and raw.startswith("pii1.")


def test_a_code_sms_ignores_the_settings(client, django_capture_on_commit_callbacks):
    """The mobile check's code is not a notification: no setting can stop it."""
    from beian.wizard.mobile import send_code

    account = _account("codes")
    client.force_login(account)
    data = {k: v for k, v in _all_on().items() if not k.startswith("sms:")}
    client.post(URL, data)
    order = create_order(account=account, application=application("notify-code.com"))
    with django_capture_on_commit_callbacks(execute=True):
        send_code(order=order, mobile="13600000000")
    assert SmsRecord.objects.filter(SmsRecord.for_mobile("13600000000"), body__contains="验证码").count() == 1


def test_every_notification_has_a_label_on_the_page():
    assert set(services.notification_events()) == set(msg.EVENT_LABELS)


def test_the_demo_sink_shows_the_principals_copies_of_ones_own_orders_masked(client, settings, tmp_path,
                                                                              django_capture_on_commit_callbacks):
    """The demo's mailbox page: the applicant sees the copy sent to the principal (address masked), nobody
    else does."""
    import socket

    from aiosmtpd.controller import Controller

    from beian.notifications.mailsink import StoreHandler

    settings.DATA_DIR = tmp_path
    (tmp_path / "mail").mkdir()
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    controller = Controller(StoreHandler(tmp_path / "mail"), hostname="127.0.0.1", port=port)
    controller.start()
    try:
        settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
        settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", port
        owner, stranger = _account("sinkowner"), _account("sinkstranger")
        order = create_order(account=owner, application=application("notify-sink.com"))
        _submit(order, django_capture_on_commit_callbacks)
    finally:
        controller.stop()
    client.force_login(owner)
    page = client.get("/notifications/sink/").content.decode()
    assert "z***n@example.com" in page and "zhangsan@example.com" not in page
    assert page.count(f"订单 {order.reference} 已提交初审") == 2  # the account's copy and the principal's
    client.force_login(stranger)
    assert order.reference not in client.get("/notifications/sink/").content.decode()
