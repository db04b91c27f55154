"""在手机上继续 (issue 20 #4): the hand-off link's GET changes nothing, its POST signs a device in for one order only;
expired, revoked, reused and forged links are refused with a Chinese page and a stable code; the session cannot
reach another order (no IDOR) and ends when the PC revokes it; the PC page learns what the phone changed."""

import re
from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.utils import timezone

from beian.filings import states
from beian.filings.models import Order, OrderEvent
from beian.filings.services import create_order
from beian.wizard import handoff
from beian.wizard.models import HandOff
from tests.filings.conftest import application
from tests.security.world import tampered
from tests.wizard.support import subject_post

pytestmark = pytest.mark.django_db
PASSWORD = "Str0ng-pass-99"


def _account(email):
    return get_user_model().objects.create_user(email, email, PASSWORD)


def _order(account, domain, cert, state=states.MATERIALS):
    order = create_order(account=account, application=application(domain, cert))
    Order.objects.filter(pk=order.pk).update(state=state)
    order.refresh_from_db()
    return order


@pytest.fixture
def world():
    owner = _account("handoff-owner@example.com")
    order = _order(owner, "handoff-one.com", "91510107MA5KHX3X6D")
    second = _order(owner, "handoff-two.com", "91330106MA2GL0XX7U")
    pc = Client()
    pc.force_login(owner)
    return owner, order, second, pc


def _make(pc, order, step="materials") -> str:
    """The PC makes a hand-off on the step page; the link as the QR widget shows it."""
    response = pc.post(f"/orders/{order.pk}/handoff/", {"step": step})
    assert response.status_code == 302 and response["Location"].endswith(f"/orders/{order.pk}/{step}/#handoff")
    page = pc.get(f"/orders/{order.pk}/{step}/").content.decode()
    return re.search(r'value="https?://[^"]+(/h/[^"]+/)"[^>]*id="handoff-url"', page).group(1)


def _code(response) -> str:
    return re.search(r'data-code="([a-z_]+)"', response.content.decode()).group(1)


def test_get_shows_a_confirmation_and_changes_nothing_the_post_signs_in_for_the_order(world):
    owner, order, second, pc = world
    url = _make(pc, order)
    phone = Client()
    page = phone.get(url)
    assert page.status_code == 200 and "确认，在此设备上继续" in page.content.decode()
    assert order.reference in page.content.decode() and owner.email not in page.content.decode()  # masked account
    assert HandOff.objects.get().used_at is None and "_auth_user_id" not in phone.session
    done = phone.post(url)
    assert done.status_code == 302 and done["Location"] == f"/orders/{order.pk}/materials/"
    materials = phone.get(done["Location"]).content.decode()
    assert 'id="handoff-note"' in materials and 'id="handoff-make"' not in materials  # no QR on the phone
    assert list(OrderEvent.objects.filter(order=order, kind__startswith="handoff").values_list("kind", flat=True)) == [
        "handoff_created", "handoff_used"]
    # The PC lists the signed-in phone, and may revoke it.
    assert 'data-used="1"' in pc.get(f"/orders/{order.pk}/materials/").content.decode()


def test_the_phone_session_reaches_its_order_only(world):
    owner, order, second, pc = world
    phone = Client()
    phone.post(_make(pc, order))
    assert phone.get(f"/orders/{order.pk}/").status_code == 200
    assert phone.get(f"/orders/{order.pk}/confirm/").status_code == 200
    for path in (f"/orders/{second.pk}/", f"/orders/{second.pk}/materials/", "/orders/", "/notifications/settings/",
                 "/products/instances/", f"/materials/{second.pk}/template/authorization_letter.pdf"):
        refused = phone.get(path)
        assert refused.status_code == 403 and _code(refused) == "handoff_scope", path
        assert "只能办理扫码的那个订单" in refused.content.decode()
    # A POST to another order changes nothing either.
    before = second.version
    assert phone.post(f"/orders/{second.pk}/subject/", subject_post(before, action="save")).status_code == 403
    second.refresh_from_db()
    assert second.version == before
    # The phone cannot make or revoke hand-offs (its session would outlive the one it came with).
    assert phone.post(f"/orders/{order.pk}/handoff/", {"step": "materials"}).status_code == 403
    assert HandOff.objects.count() == 1


def test_another_accounts_order_is_not_reachable_with_a_token(world):
    owner, order, second, pc = world
    other = _account("handoff-other@example.com")
    theirs = _order(other, "handoff-other.com", "91440300MA5FXXXX1X")
    url = _make(pc, order)
    # A token edited to name the other account's order: the signature no longer holds.
    token = url.split("/")[2]
    forged = handoff.signing.dumps({"h": HandOff.objects.get().pk, "o": theirs.pk}, salt="not-the-salt", compress=True)
    for bad in (tampered(token), forged, "x" * 40):
        refused = Client().post(f"/h/{bad}/")
        assert refused.status_code == 404 and _code(refused) == "handoff_invalid"
    # Signed in by the owner's hand-off, the other account's order is someone else's.
    phone = Client()
    phone.post(url)
    assert phone.get(f"/orders/{theirs.pk}/").status_code in (403, 404)
    # The other account's own session gets nothing of the owner's order from the watch either.
    mine = Client()
    mine.force_login(other)
    assert mine.get(f"/orders/{order.pk}/handoff/watch/?stamp=x").status_code == 404
    assert mine.post(f"/orders/{order.pk}/handoff/{HandOff.objects.get().pk}/revoke/").status_code == 404
    assert HandOff.objects.get().revoked_at is None


def test_expired_revoked_and_reused_links_are_refused_with_a_code(world):
    owner, order, second, pc = world
    url = _make(pc, order)
    first = Client()
    assert first.post(url).status_code == 302
    reused = Client().post(url)
    assert reused.status_code == 410 and _code(reused) == "handoff_used"
    assert "已经使用过" in reused.content.decode()
    assert Client().get(url).status_code == 410  # the confirmation page says it too

    url2 = _make(pc, order)
    HandOff.objects.filter(used_at__isnull=True).update(expires_at=timezone.now() - timedelta(seconds=1))
    expired = Client().post(url2)
    assert expired.status_code == 410 and _code(expired) == "handoff_expired" and "30分钟" in expired.content.decode()

    url3 = _make(pc, order)
    pending = HandOff.objects.filter(used_at__isnull=True, expires_at__gt=timezone.now()).get()
    pc.post(f"/orders/{order.pk}/handoff/{pending.pk}/revoke/", {"step": "materials"})
    revoked = Client().post(url3)
    assert revoked.status_code == 410 and _code(revoked) == "handoff_revoked"
    assert {"handoff_used", "handoff_expired", "handoff_revoked"} <= {
        e.payload["code"] for e in OrderEvent.objects.filter(order=order, kind="handoff_refused")}
    assert "_auth_user_id" not in Client().session  # nobody was signed in by a refusal


def test_revoking_ends_the_phone_session_and_an_old_session_ends_by_itself(world):
    owner, order, second, pc = world
    phone = Client()
    phone.post(_make(pc, order))
    assert phone.get(f"/orders/{order.pk}/materials/").status_code == 200
    used = HandOff.objects.get()
    pc.post(f"/orders/{order.pk}/handoff/{used.pk}/revoke/", {"step": "materials"})
    ended = phone.get(f"/orders/{order.pk}/materials/")
    assert ended.status_code == 410 and _code(ended) == "handoff_session_revoked"
    assert phone.get(f"/orders/{order.pk}/materials/").status_code == 302  # signed out: the login page

    later = Client()
    later.post(_make(pc, order))
    HandOff.objects.filter(revoked_at__isnull=True).update(session_until=timezone.now() - timedelta(seconds=1))
    timed_out = later.get(f"/orders/{order.pk}/")
    assert timed_out.status_code == 410 and _code(timed_out) == "handoff_session_ended"


def test_the_link_is_rate_limited_per_address(world, settings):
    owner, order, second, pc = world
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "handoff_open": "3/10m"}
    guesser = Client(REMOTE_ADDR="10.20.0.9")
    for _ in range(3):
        assert guesser.get(f"/h/{'y' * 40}/").status_code == 404
    limited = guesser.get(_make(pc, order))  # even a real link, from this address, for now
    assert limited.status_code == 429 and "Retry-After" in limited
    assert Client(REMOTE_ADDR="10.20.0.10").get(_make(pc, order)).status_code == 200


def test_the_pc_page_learns_what_the_phone_saved_and_a_stale_pc_form_loses_nothing(world):
    owner, order, second, pc = world
    stamp = handoff.stamp(order)
    watch = f"/orders/{order.pk}/handoff/watch/?stamp={stamp}"
    assert pc.get(watch).status_code == 204  # nothing changed: htmx swaps nothing
    pc.get(f"/orders/{order.pk}/subject/")  # a visit is no change
    assert pc.get(watch).status_code == 204
    phone = Client()
    phone.post(_make(pc, order))
    stale = order.version
    saved = phone.post(f"/orders/{order.pk}/subject/", subject_post(stale, action="save", **{
        "subject.principal.email": "phone@example.com"}))
    assert saved.status_code == 200
    notice = pc.get(watch, headers={"HX-Request": "true",
                                    "HX-Current-URL": f"http://testserver/orders/{order.pk}/subject/"})
    text = notice.content.decode()
    assert notice.status_code == 200 and "已在另一台设备上更新" in text and "备案信息已修改" in text
    assert f'href="/orders/{order.pk}/subject/"' in text
    # The PC's stale form changed the same field: nothing saved, both values shown for the person to choose.
    page = pc.post(f"/orders/{order.pk}/subject/", subject_post(stale, action="save", **{
        "subject.principal.email": "pc@example.com"})).content.decode()
    assert "phone@example.com" in page and "pc@example.com" in page
    order.refresh_from_db()
    assert order.application["subject"]["principal"]["email"] == "phone@example.com"


def test_the_pc_learns_the_phone_submitted(world):
    owner, order, second, pc = world
    stamp = handoff.stamp(order)
    Order.objects.filter(pk=order.pk).update(state=states.PROVIDER_REVIEW)
    text = pc.get(f"/orders/{order.pk}/handoff/watch/?stamp={stamp}").content.decode()
    assert "订单状态已变为" in text and f'href="/orders/{order.pk}/"' in text
