"""Issue 13 item 5: a province `special` rule that is an instruction shows at its wizard step (and the
progress page after approval) for the orders it applies to, and nowhere else."""

import copy

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone

from beian.filings import checks, states
from beian.filings.models import Order
from beian.filings.services import create_order
from tests.rules.support import enterprise, individual

from .support import basic_post

pytestmark = pytest.mark.django_db

SHANGHAI = "上海市互联网信息服务备案承诺书"
HUNAN_MAIL = "hunanbeian@xca.gov.cn"
SHAANXI_MAIL = "邮寄办公环境现场视频"
JIANGSU_COPYRIGHT = "网站底部须添加“版权所有”"
HEBEI = "不支持新增网站/接入与变更同时办理"


def _order(client, base, province, kind="first", sites=1, email="notes@example.com"):
    account = get_user_model().objects.create_user(email, email, "Str0ng-pass-99")
    app = copy.deepcopy(base() if callable(base) else base)
    app.pop("context")
    app["region"]["province"] = province
    app["subject"]["cert_number"] += email[:2].upper()  # one order in flight per certificate: one each
    app["websites"] = [dict(app["websites"][0], name=f"示例网站第{'一二三四五六七八九'[k]}站", domains=[f"notes{k}-{email[:2]}.com"])
                       for k in range(sites)]
    order = create_order(account=account, application=app, kind=kind)
    client.force_login(account)
    return order


def _notes(page: str) -> str:
    """The instruction box of a page ('' when the page has none)."""
    if 'id="province-notes"' not in page:
        return ""
    return page.split('id="province-notes"', 1)[1].split("</div>", 1)[0]


def _get(client, order, step) -> str:
    response = client.get(f"/orders/{order.pk}/{step}/")
    assert response.status_code == 200
    return response.content.decode()


def test_shanghai_undertaking_at_materials_only(client):
    order = _order(client, enterprise, "上海市")
    assert SHANGHAI in _notes(_get(client, order, "materials"))
    for step in ("basic", "subject", "websites", "confirm"):
        assert SHANGHAI not in _get(client, order, step), step


def test_hunan_site_plan_mail_for_a_filed_subject_only(client):
    new_site = _order(client, enterprise, "湖南省", kind="new_site_here")
    notes = _notes(_get(client, new_site, "materials"))
    assert HUNAN_MAIL in notes and "接入商+主办单位全称" in notes and "S3 §3.2" in notes
    first = _order(client, enterprise, "湖南省", kind="first", email="first@example.com")
    assert HUNAN_MAIL not in _get(client, first, "materials")


def test_shaanxi_mail_in_above_the_limit_only(client):
    over = _order(client, individual, "陕西省", sites=5)
    assert SHAANXI_MAIL in _notes(_get(client, over, "websites"))
    assert SHAANXI_MAIL in _notes(_get(client, over, "materials"))
    within = _order(client, individual, "陕西省", sites=4, email="within@example.com")
    assert SHAANXI_MAIL not in _get(client, within, "websites")


def test_a_province_without_instructions_shows_no_box(client):
    order = _order(client, enterprise, "云南省")
    for step in ("basic", "subject", "websites", "materials", "confirm"):
        assert 'id="province-notes"' not in _get(client, order, step), step


def test_step_one_shows_the_rule_for_the_province_typed_before_the_order_exists(client):
    client.force_login(get_user_model().objects.create_user("hb@example.com", "hb@example.com", "Str0ng-pass-99"))
    page = client.post("/orders/new/", basic_post(**{"region.province": "河北省", "action": "check"})).content.decode()
    assert HEBEI in _notes(page)
    page = client.post("/orders/new/", basic_post(action="check")).content.decode()
    assert HEBEI not in page and "个体工商户须有公章" in _notes(page)  # 浙江's own rule instead


def test_after_approval_rules_on_the_progress_page_once_approved(client):
    order = _order(client, enterprise, "江苏省")
    page = client.get(f"/orders/{order.pk}/").content.decode()
    assert JIANGSU_COPYRIGHT not in page
    Order.objects.filter(pk=order.pk).update(state=states.APPROVED, state_changed_at=timezone.now())
    assert JIANGSU_COPYRIGHT in _notes(client.get(f"/orders/{order.pk}/").content.decode())


def test_change_orders_are_not_held_to_new_filing_limits(client):
    """山西's 3 new domains per order is not for a change (除变更外): the wizard's check drops it there."""
    change = _order(client, enterprise, "山西省", kind="change_subject", sites=4)
    assert "DOMAINS_PER_ORDER_EXCEEDED" not in {f["code"] for f in checks.run(change.application, order=change)["findings"]}
    first = _order(client, enterprise, "山西省", kind="first", sites=4, email="sx@example.com")
    assert "DOMAINS_PER_ORDER_EXCEEDED" in {f["code"] for f in checks.run(first.application, order=first)["findings"]}
