"""The shared abuse-limit helper (beian.web.limits): fixed windows, several keys at once, the 429 answer and the
client address behind a configured number of proxies."""

import json

import pytest
from django.core.cache import cache
from django.core.exceptions import ImproperlyConfigured
from django.test import RequestFactory

from beian.web import limits

T0 = 20_833 * 86_400.0  # the start of a day, as the suite pins it (tests/conftest.py)


@pytest.fixture
def rules(settings):
    settings.RATE_LIMITS = {"a": "2/h", "b": "3/h,5/d", "odd": "lots"}


def test_several_keys_count_together_and_refuse_past_the_limit(rules):
    limits.hit(("a", "x"), ("b", "y"))
    limits.hit(("a", "x"), ("b", "y"))
    with pytest.raises(limits.Limited) as info:
        limits.hit(("a", "x"), ("b", "y"))
    assert info.value.rule == "a" and info.value.retry_after == 3600
    limits.hit(("a", "other"), ("b", "y"))  # another value of rule a is its own counter
    with pytest.raises(limits.Limited):
        limits.hit(("a", "third"), ("b", "y"))  # b's fourth within the hour


def test_a_refused_action_counts_nothing_against_the_other_keys(rules):
    limits.hit(("a", "x"))
    limits.hit(("a", "x"))
    for _ in range(5):
        with pytest.raises(limits.Limited):
            limits.hit(("a", "x"), ("b", "y"))
    limits.hit(("b", "y"))  # b was never counted while a refused
    limits.hit(("b", "y"))


def test_windows_are_fixed_and_a_missing_value_is_not_limited(rules):
    limits.hit(("a", "x"), now=T0 + 10)
    limits.hit(("a", "x"), now=T0 + 3599)
    with pytest.raises(limits.Limited) as info:
        limits.hit(("a", "x"), now=T0 + 3599.5)
    assert info.value.retry_after == 1
    limits.hit(("a", "x"), now=T0 + 3600)  # the next hour's bucket
    for _ in range(5):
        limits.hit(("a", None), ("a", ""))


def test_the_day_window_holds_after_the_hour_one_resets(rules):
    for hour in range(5):
        limits.hit(("b", "y"), now=T0 + hour * 3600)
    with pytest.raises(limits.Limited) as info:
        limits.hit(("b", "y"), now=T0 + 5 * 3600)
    assert info.value.retry_after == 86_400 - 5 * 3600 and "19 小时" in info.value.message


def test_check_only_looks(rules):
    for _ in range(10):
        limits.check(("a", "x"))
    limits.hit(("a", "x"))
    limits.hit(("a", "x"))
    with pytest.raises(limits.Limited):
        limits.check(("a", "x"))


def test_a_bad_or_unknown_rule_is_a_configuration_error(rules):
    with pytest.raises(ImproperlyConfigured):
        limits.hit(("odd", "x"))
    with pytest.raises(ImproperlyConfigured):
        limits.hit(("nope", "x"))


def test_values_are_not_kept_in_clear(rules):
    limits.hit(("a", "13912345678"))
    keys = list(cache._cache.keys())  # LocMemCache in the tests
    assert keys and not any("13912345678" in k for k in keys)


def test_the_429_answer_says_when_to_retry(rules):
    request = RequestFactory().post("/accounts/login/")
    with pytest.raises(limits.Limited) as info:
        for _ in range(3):
            limits.hit(("a", "x"), now=T0 + 1800)
    response = limits.response(request, info.value)
    page = response.content.decode()
    assert response.status_code == 429 and response["Retry-After"] == "1800"
    assert "30 分钟" in page and 'data-code="throttled"' in page
    api = limits.response(RequestFactory().post("/api/v1/precheck"), info.value)
    body = json.loads(api.content)
    assert api.status_code == 429 and "30 分钟" in body["message"] and api["Retry-After"] == "1800"


def test_wait_texts():
    assert limits.wait_text(45) == "45 秒"
    assert limits.wait_text(600) == "10 分钟"
    assert limits.wait_text(7300) == "3 小时"


def _request(remote="203.0.113.9", forwarded=None):
    meta = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        meta["HTTP_X_FORWARDED_FOR"] = forwarded
    return RequestFactory().get("/", **meta)


def test_x_forwarded_for_is_ignored_without_trusted_proxies(settings):
    settings.TRUSTED_PROXY_COUNT = 0
    assert limits.client_ip(_request(forwarded="1.2.3.4")) == "203.0.113.9"


def test_the_nearest_trusted_proxy_names_the_client(settings):
    settings.TRUSTED_PROXY_COUNT = 1
    # The client's own X-Forwarded-For comes first; the proxy appends the address it saw.
    assert limits.client_ip(_request("10.0.0.2", "1.2.3.4, 198.51.100.7")) == "198.51.100.7"
    assert limits.client_ip(_request("10.0.0.2")) == "10.0.0.2"
    assert limits.client_ip(_request("10.0.0.2", "not-an-address")) == "10.0.0.2"
    settings.TRUSTED_PROXY_COUNT = 2
    assert limits.client_ip(_request("10.0.0.2", "1.2.3.4, 198.51.100.7, 10.0.0.1")) == "198.51.100.7"


def test_an_ipv6_client_is_its_64_prefix():
    request = _request("2001:db8:1:2:aaaa::1")
    assert limits.client_ip(request) == "2001:db8:1:2:aaaa::1"
    assert limits.ip_key(request) == limits.ip_key(_request("2001:db8:1:2:bbbb::9")) == "2001:db8:1:2::/64"
    assert limits.ip_key(_request("192.0.2.1")) == "192.0.2.1"


def test_ninja_reads_the_same_setting():
    from django.conf import settings

    assert settings.NINJA_NUM_PROXIES == settings.TRUSTED_PROXY_COUNT == 0
