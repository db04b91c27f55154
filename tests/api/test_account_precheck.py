"""Issue 13 #3 "fire in the API": /api/v1/precheck/account runs the wizard's checks with the platform's own
context — the domain registry's real-name facts included — for a signed-in account or an API token."""

import copy
import datetime as dt
import json

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone

from beian.api.models import ApiToken
from beian.registries import domains as registry
from tests.rules.support import enterprise

pytestmark = pytest.mark.django_db
URL = "/api/v1/precheck/account"


def _application(domain: str) -> dict:
    app = copy.deepcopy(enterprise())
    # What the caller says about the domain is ignored: the registry answers.
    app["context"]["domains"] = {domain: {"holder_name": app["subject"]["name"], "holder_verified": True}}
    app["websites"][0]["domains"] = [domain]
    return app


def _seed(domain, **changes):
    subject = enterprise()["subject"]
    values = {"holder_name": subject["name"], "holder_cert_type": "business_license",
              "holder_cert_number": subject["cert_number"], "holder_verified": True, "registrar": "示例注册商",
              "registrar_approved": True, "expires": timezone.localdate() + dt.timedelta(days=800), **changes}
    registry.seed_domain(domain=domain, replace=True, **values)


def _post(client, body, **headers):
    return client.post(URL, data=json.dumps(body, ensure_ascii=False), content_type="application/json", **headers)


def test_the_registry_facts_fire_for_a_signed_in_account(client):
    _seed("lapsing-example.com", expires=timezone.localdate() + dt.timedelta(days=20), registrar_approved=False,
          holder_verified=False)
    account = get_user_model().objects.create_user("api@example.com", "api@example.com", "Str0ng-pass-99")
    client.force_login(account)
    response = _post(client, _application("lapsing-example.com"))
    assert response.status_code == 200
    codes = {f["code"] for f in response.json()["findings"]}
    assert {"DOMAIN_EXPIRING", "DOMAIN_REGISTRAR_NOT_APPROVED", "DOMAIN_NOT_VERIFIED"} <= codes
    assert response.json()["ok"] is False


def test_a_clean_registry_record_passes_whatever_the_caller_claims(client):
    _seed("clean-example.com")
    client.force_login(get_user_model().objects.create_user("a@example.com", "a@example.com", "Str0ng-pass-99"))
    app = _application("clean-example.com")
    app["context"]["domains"]["clean-example.com"]["holder_verified"] = False  # ignored
    response = _post(client, app)
    codes = {f["code"] for f in response.json()["findings"]}
    assert not codes & {"DOMAIN_NOT_VERIFIED", "DOMAIN_EXPIRING", "DOMAIN_REGISTRAR_NOT_APPROVED",
                        "DOMAIN_HOLDER_MISMATCH", "DOMAIN_HOLDER_CERT_MISMATCH"}


def test_a_person_holder_is_named_masked(client):
    _seed("someone-elses.com", holder_name="王小明", holder_cert_type="resident_id",
          holder_cert_number="110105194912310029")
    client.force_login(get_user_model().objects.create_user("b@example.com", "b@example.com", "Str0ng-pass-99"))
    body = _post(client, _application("someone-elses.com")).content.decode()
    assert "DOMAIN_HOLDER_MISMATCH" in body and "王小明" not in body and "110105194912310029" not in body


def test_anonymous_callers_get_401_and_the_public_precheck_stays_open(client):
    _seed("lapsing-example.com", expires=timezone.localdate() + dt.timedelta(days=20))
    response = _post(client, _application("lapsing-example.com"))
    assert response.status_code == 401 and response.json()["code"] == "auth_required"
    assert client.post("/api/v1/precheck", data=json.dumps(enterprise(), ensure_ascii=False),
                       content_type="application/json").status_code == 200


@pytest.mark.parametrize("body", [b"[1, 2]", b"\"text\"", b"{not json"])
def test_bad_bodies_get_a_stable_code(client, body):
    client.force_login(get_user_model().objects.create_user("c@example.com", "c@example.com", "Str0ng-pass-99"))
    response = client.post(URL, data=body, content_type="application/json")
    assert response.status_code == 400 and response.json()["code"] in {"input_error", "body_not_json"}


def test_an_api_token_works_as_the_account(client):
    _seed("lapsing-example.com", expires=timezone.localdate() + dt.timedelta(days=20))
    account = get_user_model().objects.create_user("t@example.com", "t@example.com", "Str0ng-pass-99")
    _row, raw = ApiToken.issue(account=account, name="ci")
    response = _post(client, _application("lapsing-example.com"), HTTP_AUTHORIZATION=f"Bearer {raw}")
    assert response.status_code == 200
    assert "DOMAIN_EXPIRING" in {f["code"] for f in response.json()["findings"]}
