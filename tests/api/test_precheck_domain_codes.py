"""Issue 13 #3 in the API: /api/v1/precheck runs the engine on the caller's own `context` (decision 27, like
the CLI), so the new domain codes come back from the facts the caller gives, and a fact of the wrong type is
a 400 naming its path."""

import json

import pytest

from tests.rules.support import build, enterprise

pytestmark = pytest.mark.django_db


def _facts(**info):
    def edit(app):
        app["context"]["domains"]["example.com"].update(info)
    return edit


def _post(client, application):
    return client.post("/api/v1/precheck", data=json.dumps(application, ensure_ascii=False),
                       content_type="application/json")


def test_the_new_domain_codes_come_back_at_the_domain(client):
    response = _post(client, build(enterprise, ("region.province", "上海市"), _facts(
        holder_cert_number="91310101MA1FPHP8QH", expires="2027-04-01", registrar_approved=False)))
    assert response.status_code == 200
    found = {f["code"]: f for f in response.json()["findings"]}
    assert {"DOMAIN_HOLDER_CERT_MISMATCH", "DOMAIN_EXPIRING", "DOMAIN_REGISTRAR_NOT_APPROVED"} <= set(found)
    assert found["DOMAIN_EXPIRING"]["path"] == "websites[0].domains[0]" and "180天" in found["DOMAIN_EXPIRING"]["message"]
    assert response.json()["ok"] is False


def test_the_same_facts_held_by_the_subject_pass(client):
    response = _post(client, build(enterprise, _facts(holder_cert_number="91330106MA2GL0XX7U", expires="2030-01-01",
                                                      registrar_approved=True)))
    assert response.status_code == 200 and response.json()["ok"] is True


@pytest.mark.parametrize(("key", "value"), [("expires", "next year"), ("registrar_approved", "yes"),
                                            ("holder_cert_number", 123)])
def test_a_fact_of_the_wrong_type_is_an_input_error_naming_its_path(client, key, value):
    response = _post(client, build(enterprise, _facts(**{key: value})))
    assert response.status_code == 400 and response.json()["code"] == "input_error"
    assert response.json()["path"] == f"context.domains['example.com'].{key}"
