"""Issue 15 item 1 (first slice): what a change order may do to the filed websites, seed 003 §3.1 (域名):
"网站只有一个域名：禁止对域名本身进行变更"; with several domains only removals; no website added."""

import pytest

from beian.filings import changes, demo
from beian.filings.models import FiledWebsite
from beian.filings.services import OrderError, submit_order

SEED = "禁止对域名本身进行变更"


def _site(*domains):
    return {"name": "示例网站", "domains": list(domains)}


# (filed websites, the change order's websites, expected codes) — each refusal next to its near miss.
CASES = {
    "one domain kept, other fields changed": ([_site("a.com")], [{**_site("a.com"), "name": "新名称"}], []),
    "one domain kept, written differently": ([_site("a.com")], [_site("A.COM")], []),
    "one domain edited": ([_site("a.com")], [_site("b.com")], [changes.CHANGE_DOMAIN_EDIT_FORBIDDEN]),
    "one domain, one added": ([_site("a.com")], [_site("a.com", "b.com")], [changes.CHANGE_DOMAIN_EDIT_FORBIDDEN]),
    "two domains, one removed": ([_site("a.com", "b.com")], [_site("b.com")], []),
    "two domains, both kept": ([_site("a.com", "b.com")], [_site("a.com", "b.com")], []),
    "two domains, one edited": ([_site("a.com", "b.com")], [_site("a.com", "c.com")], [changes.CHANGE_DOMAIN_ONLY_REMOVAL]),
    "two domains, one added": ([_site("a.com", "b.com")], [_site("a.com", "b.com", "c.com")],
                               [changes.CHANGE_DOMAIN_ONLY_REMOVAL]),
    "two websites kept": ([_site("a.com"), _site("b.com")], [_site("b.com"), _site("a.com")], []),
    "a website added": ([_site("a.com")], [_site("a.com"), _site("new.com")], [changes.CHANGE_WEBSITE_ADD_FORBIDDEN]),
}


@pytest.mark.parametrize("name", CASES)
def test_change_rules(name):
    filed, websites, codes = CASES[name]
    found = changes.findings(filed=filed, websites=websites)
    assert [f["code"] for f in found] == codes
    assert all(f["severity"] == "error" for f in found)


def test_one_domain_edit_says_the_seed_at_the_domain():
    (finding,) = changes.findings(filed=[_site("a.com")], websites=[_site("b.com")])
    assert SEED in finding["message"] and "a.com" in finding["message"]
    assert finding["path"] == "websites[0].domains[0]"


def test_added_website_is_named_at_its_own_card():
    (finding,) = changes.findings(filed=[_site("a.com")], websites=[_site("a.com"), _site("new.com")])
    assert finding["path"] == "websites[1].domains" and "不能新增网站" in finding["message"]


@pytest.fixture
def filed(applicant):
    filing = demo.seed_approved_filing(applicant, subject={**demo.FILED_SUBJECT}, province="浙江省",
                                       number="浙ICP备2025000001号", domain="filed-one.com", site_name="示例网站",
                                       instance_id="i-one", ip="47.96.10.12")
    return filing, FiledWebsite.objects.get(filing=filing)


def _change(client, applicant, filed, kind="change_website"):
    from beian.filings.models import Order

    filing, website = filed
    client.force_login(applicant)
    response = client.post(f"/orders/filings/{filing.pk}/change/", {"kind": kind, "website": website.pk})
    assert response.status_code == 302, response
    return Order.objects.get(kind=kind)


def _codes(order):
    from beian.filings import checks

    return {f["code"] for f in checks.run(order.application, order=order)["findings"]}


@pytest.mark.django_db
@pytest.mark.parametrize("kind", ["change_website", "change_access", "change_subject"])
def test_a_change_order_refuses_a_domain_edit_and_the_unchanged_one_passes(client, applicant, filed, kind):
    order = _change(client, applicant, filed, kind)
    assert not _codes(order) & changes.CODES  # near miss: the order as started from the filed record
    order.application["websites"][0]["domains"] = ["edited.com"]
    order.save()
    assert changes.CHANGE_DOMAIN_EDIT_FORBIDDEN in _codes(order)
    with pytest.raises(OrderError) as info:  # the service refuses it too (the API goes through submit_order)
        submit_order(order=order, actor=applicant, agreement=True)
    assert changes.CHANGE_DOMAIN_EDIT_FORBIDDEN in {f["code"] for f in info.value.details}


@pytest.mark.django_db
def test_a_change_order_refuses_an_added_website(client, applicant, filed):
    from beian.filings import checks

    order = _change(client, applicant, filed)
    order.application["websites"].append(checks.blank_website("another.com"))
    order.save()
    assert changes.CHANGE_WEBSITE_ADD_FORBIDDEN in _codes(order)


@pytest.mark.django_db
def test_a_new_filing_order_is_unaffected(make_order):
    from beian.filings import checks

    order = make_order("fresh.com")
    order.application["websites"].append(checks.blank_website("fresh-two.com"))
    order.save()
    assert not _codes(order) & changes.CODES


@pytest.mark.django_db
def test_websites_step_shows_the_seed_at_the_domain_and_offers_no_new_website(client, applicant, filed, make_order):
    order = _change(client, applicant, filed)
    order.application["websites"][0]["domains"] = ["edited.com"]
    order.save()
    page = client.post(f"/orders/{order.pk}/websites/", {"version": order.version, "action": "save",
                                                        "websites[0].domains[0]": "edited.com"})
    html = page.content.decode()
    assert page.status_code == 200 and SEED in html
    assert 'id="add-website"' not in html
    assert html.index(SEED) > html.index('name="websites[0].domains[0]"') - 2000  # at the website's domain field
    # near miss: a new filing's websites step still offers 继续新增其他网站
    fresh = make_order("fresh.com")
    assert 'id="add-website"' in client.get(f"/orders/{fresh.pk}/websites/").content.decode()
    # and posting 继续新增其他网站 to a change order adds nothing
    client.post(f"/orders/{order.pk}/websites/", {"action": "add"})
    order.refresh_from_db()
    assert len(order.application["websites"]) == 1
