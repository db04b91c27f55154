"""Issue 12 finding 9: the API throttle keys on the client address as the configured proxies vouch for it; a
client rotating its own X-Forwarded-For does not get a fresh allowance."""

import pytest

pytestmark = pytest.mark.django_db
ANON_LIMIT = 60  # per minute, beian.api.api


def _post(client, forwarded, remote="192.0.2.10"):
    return client.post("/api/v1/precheck", b"not json", content_type="application/json", REMOTE_ADDR=remote,
                       HTTP_X_FORWARDED_FOR=forwarded)


def test_rotating_x_forwarded_for_does_not_bypass_the_throttle(client):
    answers = [_post(client, f"10.0.{i // 250}.{i % 250}").status_code for i in range(ANON_LIMIT)]
    assert answers[:ANON_LIMIT] == [400] * ANON_LIMIT
    refused = _post(client, "10.200.0.1")
    assert refused.status_code == 429 and refused.json()["code"] == "throttled"
    assert int(refused["Retry-After"]) > 0
    assert _post(client, "10.200.0.1", remote="192.0.2.11").status_code == 400  # another client


def test_with_one_trusted_proxy_the_address_it_appended_is_the_client(client, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    for i in range(ANON_LIMIT):
        # What the client sent first, then the address the proxy saw: only the latter counts.
        assert _post(client, f"10.0.0.{i}, 198.51.100.1", remote="10.0.0.254").status_code == 400
    assert _post(client, "10.1.1.1, 198.51.100.1", remote="10.0.0.254").status_code == 429
    assert _post(client, "198.51.100.2", remote="10.0.0.254").status_code == 400  # another client, same proxy
