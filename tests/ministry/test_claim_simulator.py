"""认领 at the simulated ministry (ministry/simulator/claims.py): the provider looks up a record by number or domain with
its certificate number, and a claim is confirmed at once — only for a record this provider gives access to."""

import uuid

from tests.e2e.filing_kinds_support import uscc
from tests.ministry.test_simulator import _app, _approve, _client, _fresh_mobile

# ministry_seed's OTHER_SUBJECT (a record at "other-provider"). Copied, not imported: importing the command would
# register the simulator's models in the platform's app registry (tests/crawler/test_nul_every_form reads them all).
OTHER_SUBJECT = ("91330200MA2H0THR13", "宁波甬江示例贸易有限公司", "浙江省", "浙ICP备2024000088号")


def _filed(simulator):
    client = _client(simulator)
    cert = uscc(int(uuid.uuid4().int % 10**8))
    app = _app(province="浙江省", cert=cert, principal_mobile=_fresh_mobile())
    status = _approve(simulator, client, "first", app)
    assert status.status == "approved"
    return client, app, status


def test_the_lookup_describes_a_record_at_this_provider_by_number_or_domain(simulator):
    client, app, status = _filed(simulator)
    cert, domain = app["subject"]["cert_number"], app["websites"][0]["domains"][0]
    for query in ({"subject_number": status.icp_number}, {"domain": domain}):
        answer = client.claim_record(cert_number=cert, **query)
        assert answer["found"] and answer["at_provider"]
        record = answer["record"]
        assert record["subject_number"] == status.icp_number
        assert record["subject"]["principal"]["mobile"] == app["subject"]["principal"]["mobile"]
        assert [w["domain"] for w in record["websites"]] == [domain]
        assert record["websites"][0]["number"] == status.website_numbers[domain]


def test_a_wrong_certificate_finds_nothing_and_another_providers_record_is_not_described(simulator):
    client, app, status = _filed(simulator)
    assert client.claim_record(subject_number=status.icp_number, cert_number="91330106MA2XXXXX0X") == {"found": False}
    cert, _name, _province, number = OTHER_SUBJECT
    assert client.claim_record(subject_number=number, cert_number=cert) == {"found": True, "at_provider": False}


def test_a_claim_is_confirmed_at_once_and_changes_no_record(simulator):
    client, app, status = _filed(simulator)
    domain = app["websites"][0]["domains"][0]
    before = simulator.get_json(f"/query/api?q={domain}")["results"]
    confirmed = client.submit(request_id=uuid.uuid4().hex, order_ref="BA-CLAIM", kind="claim", application=app,
                              filing_number=status.icp_number)
    assert confirmed.status == "approved" and confirmed.icp_number == status.icp_number
    assert confirmed.website_numbers == status.website_numbers
    assert simulator.get_json(f"/query/api?q={domain}")["results"] == before


def test_a_claim_of_another_providers_record_is_returned(simulator):
    client = _client(simulator)
    cert, name, province, number = OTHER_SUBJECT
    app = _app(province=province, cert=cert)
    answer = client.submit(request_id=uuid.uuid4().hex, order_ref="BA-CLAIM2", kind="claim", application=app,
                           filing_number=number)
    assert answer.status == "returned" and "未接入本接入商" in answer.reason
