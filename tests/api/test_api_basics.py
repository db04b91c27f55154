import pytest
from django.contrib.auth import get_user_model

from beian.api.models import ApiToken


@pytest.mark.django_db
def test_openapi_docs_are_served_without_a_cdn(client):
    docs = client.get("/api/docs")
    assert docs.status_code == 200
    body = docs.content.decode()
    assert "cdn.jsdelivr" not in body and "unpkg" not in body
    schema = client.get("/api/openapi.json").json()
    assert "/api/v1/precheck" in schema["paths"]


@pytest.mark.django_db
@pytest.mark.parametrize("body", [b"{not json", b"\xff\xfe", b""])
def test_precheck_rejects_non_json_with_a_stable_code(client, body):
    response = client.post("/api/v1/precheck", data=body, content_type="application/json")
    assert response.status_code == 400
    assert response.json()["code"] == "body_not_json"
    assert "JSON" in response.json()["message"]


@pytest.mark.django_db
def test_precheck_answers_a_deeply_nested_body_with_a_stable_code(client):
    body = "[" * 100_000 + "]" * 100_000
    response = client.post("/api/v1/precheck", data=body, content_type="application/json")
    assert response.status_code == 400 and response.json()["code"] == "body_too_deep"


@pytest.mark.django_db
def test_token_auth_accepts_live_tokens_and_refuses_revoked_ones(rf):
    from beian.api.auth import TokenAuth

    user = get_user_model().objects.create_user("a@example.com", "a@example.com", "pw-123456")
    token, raw = ApiToken.issue(account=user, name="ci")
    assert token.token_hash != raw and raw.startswith("bk_")
    auth = TokenAuth()
    assert auth.authenticate(rf.get("/"), raw) == user
    assert auth.authenticate(rf.get("/"), raw + "x") is None
    token.revoke()
    assert auth.authenticate(rf.get("/"), raw) is None


@pytest.mark.django_db
def test_precheck_endpoint_runs_the_engine_and_names_bad_fields(client):
    from beian.web.views import SAMPLE

    result = client.post("/api/v1/precheck", data=SAMPLE, content_type="application/json")
    assert result.status_code == 200
    assert {f["code"] for f in result.json()["findings"]} >= {"SITE_NAME_PERSONAL_FORBIDDEN"}
    bad = client.post("/api/v1/precheck", data='{"region": {"province": "浙江"}}', content_type="application/json")
    assert bad.status_code == 400 and bad.json()["code"] == "input_error" and bad.json()["path"] == "subject"
