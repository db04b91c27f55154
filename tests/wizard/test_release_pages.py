"""备案管理 (issue 15 #7) and the 取消接入 / 注销 pages (#2, #3): the first POST explains and creates nothing, the
second (declaration ticked) creates and submits; the list shows every record's status; 空壳 goes offline."""

import pytest
from django.contrib.auth import get_user_model

from beian.filings import states
from beian.filings.models import FiledWebsite, Filing, Order
from tests.filings.test_release import LETTER, two_sites

pytestmark = pytest.mark.django_db


@pytest.fixture
def owner(client):
    account = get_user_model().objects.create_user("rel@example.com", "rel@example.com", "pw-12345678")
    client.force_login(account)
    return account


def _change(client, filing, **data):
    return client.post(f"/orders/filings/{filing.pk}/change/", data)


def test_the_first_post_explains_and_creates_nothing(client, owner):
    filing = two_sites(owner)
    site = filing.websites.get(seq=2)
    page = _change(client, filing, kind="cancel_access", website=site.pk)
    text = page.content.decode()
    assert page.status_code == 200 and not Order.objects.exists()
    assert "release-b.com" in text and "release-a.com" not in text  # the one website concerned
    assert "停止解析到本服务商的服务器" in text and "空壳网站" in text and "不验证" in text
    assert 'name="confirmed" value="1"' in text and 'name="agreement"' in text


def test_without_the_declaration_nothing_is_created(client, owner):
    filing = two_sites(owner)
    page = _change(client, filing, kind="deregister_subject", confirmed="1")
    assert page.status_code == 200 and not Order.objects.exists()
    assert 'data-code="release_not_acknowledged"' in page.content.decode()


def test_cancel_access_confirmed_goes_to_the_ministry_queue(client, owner):
    filing = two_sites(owner)
    site = filing.websites.get(seq=1)
    response = _change(client, filing, kind="cancel_access", website=site.pk, confirmed="1", agreement="on")
    order = Order.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/orders/{order.pk}/"
    assert (order.kind, order.state, order.filed_website_id) == ("cancel_access", states.PENDING_MINISTRY, site.pk)


def test_cancel_access_of_the_subject_takes_every_site_served_here(client, owner):
    filing = two_sites(owner)
    page = _change(client, filing, kind="cancel_access")
    assert "release-a.com" in page.content.decode() and "release-b.com" in page.content.decode()
    _change(client, filing, kind="cancel_access", confirmed="1", agreement="on")
    order = Order.objects.get()
    assert order.filed_website is None and len(order.application["websites"]) == 2


def test_deregister_website_names_who_gets_the_code_and_goes_to_first_review(client, owner):
    filing = two_sites(owner)
    site = filing.websites.get(seq=2)
    text = _change(client, filing, kind="deregister_website", website=site.pk).content.decode()
    assert "139****1111" in text and "不能恢复" in text and "网站负责人" in text
    assert "最后一个正常网站" not in text  # near miss: the subject keeps its other site
    _change(client, filing, kind="deregister_website", website=site.pk, confirmed="1", agreement="on")
    assert Order.objects.get().state == states.PROVIDER_REVIEW


def test_deregistering_the_last_site_served_here_warns_of_the_empty_subject(client, owner):
    filing = two_sites(owner)
    FiledWebsite.objects.filter(filing=filing, seq=2).update(status=FiledWebsite.ACCESS_CANCELLED)
    text = _change(client, filing, kind="deregister_website", website=filing.websites.get(seq=1).pk).content.decode()
    assert "最后一个正常网站" in text


def test_a_tampered_or_inactive_website_is_refused(client, owner):
    filing = two_sites(owner)
    FiledWebsite.objects.filter(filing=filing, seq=2).update(status=FiledWebsite.ACCESS_CANCELLED)
    for website in ("x", str(filing.websites.get(seq=2).pk)):
        response = _change(client, filing, kind="deregister_website", website=website, confirmed="1", agreement="on")
        assert response.status_code == 302 and response["Location"] == "/orders/"
    assert not Order.objects.exists()


def test_another_accounts_filing_is_not_found(client, owner):
    other = get_user_model().objects.create_user("x@example.com", "x@example.com", "pw-12345678")
    filing = two_sites(other)
    assert _change(client, filing, kind="deregister_subject").status_code == 404
    assert client.get(f"/orders/offline-deregistration/?filing={filing.pk}").status_code == 404


def test_a_shell_subject_is_sent_to_the_offline_application(client, owner):
    filing = two_sites(owner)
    FiledWebsite.objects.filter(filing=filing).update(status=FiledWebsite.ACCESS_CANCELLED)
    response = _change(client, filing, kind="deregister_subject")
    assert response.status_code == 302 and response["Location"] == f"/orders/offline-deregistration/?filing={filing.pk}"
    page = client.get(response["Location"]).content.decode()
    assert "需向备案所在地的通信管理局提交书面申请" in page and "浙江省通信管理局" in page and 'id="offline-shell"' in page
    assert filing.subject_number in page
    # Near miss: 取消接入 of a subject with nothing served here is refused with a message, not sent offline.
    response = _change(client, filing, kind="cancel_access")
    assert response["Location"] == "/orders/" and not Order.objects.exists()


def test_the_offline_letter_is_a_pdf_and_bad_input_keeps_what_was_typed(client, owner):
    data = {**LETTER, "domains": "old-site.com"}
    response = client.post("/orders/offline-deregistration/", data)
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    bad = client.post("/orders/offline-deregistration/", {**data, "number": "浙ICP备123"})
    text = bad.content.decode()
    assert bad.status_code == 400 and 'data-code="offline_number_invalid"' in text and "杭州新持有人科技有限公司" in text


def test_the_manage_section_lists_every_record_with_its_status_and_actions(client, owner):
    filing = two_sites(owner)
    FiledWebsite.objects.filter(filing=filing, seq=2).update(status=FiledWebsite.DEREGISTERED)
    gone = two_sites(owner, number="浙ICP备2025000078号", prefix="gone")
    gone.status = Filing.DEREGISTERED
    gone.save()
    FiledWebsite.objects.filter(filing=gone).update(status=FiledWebsite.DEREGISTERED)
    text = client.get("/orders/").content.decode()
    assert 'id="filings"' in text and "备案管理" in text
    live, dead = text.split('data-filing="浙ICP备2025000078号"') if text.index("000077") < text.index("000078") \
        else reversed(text.split('data-filing="浙ICP备2025000077号"'))
    assert 'data-status="active"' in live and "i-rel · 47.96.10.12" in live and "已注销" in live
    assert live.count('name="website"') == 1  # the deregistered site has no form
    assert 'value="deregister_subject"' in live and 'value="cancel_access"' in live
    assert 'data-status="deregistered"' in dead and "/change/" not in dead  # listed, nothing to start


def test_an_approved_release_order_page_asks_for_no_footer(client, owner):
    filing = two_sites(owner)
    _change(client, filing, kind="cancel_access", website=filing.websites.get(seq=1).pk, confirmed="1", agreement="on")
    order = Order.objects.get()
    Order.objects.filter(pk=order.pk).update(state=states.APPROVED, meta={"icp_number": filing.subject_number,
                                                                          "footer_html": "<a>footer</a>"})
    text = client.get(f"/orders/{order.pk}/").content.decode()
    assert "取消接入已办结" in text and 'id="footer-html"' not in text and 'id="edit"' not in text
