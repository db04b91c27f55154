"""Issue 15 #6, ordering: while a 变更 of a subject is in flight no 新增网站 for it (HW流程: "While 主体 is being
changed no 新增网站"; 河北 forbids 新增 and 变更 together, HW管局). The platform holds one order in flight per
certificate (filings/claims.py), so the 新增网站 is refused at order creation — in 河北 with the province's own
rule — and accepted once the change is decided or cancelled; another subject is never held."""

import pytest

from beian.filings import states, transitions
from beian.filings.claims import ClaimConflict
from beian.filings.models import Order
from beian.filings.services import create_order, transition

from .conftest import application

OTHER_CERT = "91350200776049653A"


def _app(province, domain, cert=None):
    app = application(domain, cert)
    app["region"]["province"] = province
    return app


def _change_subject(applicant, province):
    return create_order(account=applicant, application=_app(province, "filed-one.com"), kind="change_subject")


def _approve(order):
    Order.objects.filter(pk=order.pk).update(state=states.BUREAU_REVIEW)
    return transition(order=order, to_state=states.APPROVED, role=transitions.MINISTRY)


@pytest.mark.django_db
@pytest.mark.parametrize(("province", "says"), [("浙江省", "此证件存在进行中的订单"),
                                                ("河北省", "河北管局不支持新增网站/接入与变更同时办理")])
def test_no_new_site_while_the_subject_change_is_in_flight(applicant, province, says):
    change = _change_subject(applicant, province)
    with pytest.raises(ClaimConflict) as info:
        create_order(account=applicant, application=_app(province, "new-one.com"), kind="new_site_here")
    assert says in info.value.message and change.reference in info.value.message
    assert info.value.code == "CERT_ORDER_IN_PROGRESS"
    assert not Order.objects.filter(kind="new_site_here").exists()


@pytest.mark.django_db
@pytest.mark.parametrize("decided", ["approved", "cancelled"])
def test_the_new_site_is_accepted_once_the_change_is_decided(applicant, decided):
    change = _change_subject(applicant, "河北省")
    if decided == "approved":
        _approve(change)
    else:
        transition(order=change, to_state=states.CANCELLED, role=transitions.APPLICANT, actor=applicant)
    order = create_order(account=applicant, application=_app("河北省", "new-two.com"), kind="new_site_here")
    assert order.kind == "new_site_here" and order.claims.exists()


@pytest.mark.django_db
@pytest.mark.parametrize("province", ["浙江省", "河北省"])
def test_a_new_site_of_another_subject_is_not_held(applicant, other_applicant, province):
    _change_subject(applicant, province)
    order = create_order(account=other_applicant, application=_app(province, "other-new.com", OTHER_CERT),
                         kind="new_site_elsewhere")
    assert order.state == states.DRAFT and order.claims.count() == 2
