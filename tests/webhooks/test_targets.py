"""Where webhooks may go (SSRF): https to public addresses; in demo/test runs also http to loopback; never to
private, link-local or reserved ranges, whether typed as a literal address or reached through a name, when saved
and again at delivery time (a name that later resolves to an internal address is refused then)."""

import pytest

from beian.webhooks import messages as msg
from beian.webhooks import services, urlcheck
from beian.webhooks.models import Attempt, Endpoint
from tests.webhooks.conftest import new_account

FAKE_DNS = {"internal.example.com": ["10.1.2.3"], "metadata.example.com": ["169.254.169.254"],
            "public.example.com": ["93.184.216.34"], "mixed.example.com": ["93.184.216.34", "192.168.0.7"],
            "v6-internal.example.com": ["fd00::5"]}


@pytest.fixture
def dns(monkeypatch):
    def resolve(host, port):
        if host not in FAKE_DNS:
            raise OSError("name does not resolve")
        return FAKE_DNS[host]

    monkeypatch.setattr(urlcheck, "resolve", resolve)


@pytest.fixture
def production(settings, dns):
    settings.BEIAN_DEMO = False
    settings.WEBHOOKS_LOOPBACK_ONLY = False


REFUSED_IN_PRODUCTION = [
    ("http://public.example.com/hook", "webhook_url_scheme"),
    ("http://127.0.0.1:8080/hook", "webhook_url_scheme"),
    ("https://127.0.0.1/hook", "webhook_url_private"),
    ("https://localhost/hook", "webhook_url_private"),
    ("https://[::1]/hook", "webhook_url_private"),
    ("https://10.0.0.8/hook", "webhook_url_private"),
    ("https://172.16.5.4/hook", "webhook_url_private"),
    ("https://192.168.1.1/hook", "webhook_url_private"),
    ("https://169.254.169.254/latest/meta-data", "webhook_url_private"),
    ("https://100.64.0.1/hook", "webhook_url_private"),
    ("https://0.0.0.0/hook", "webhook_url_private"),
    ("https://[fd00::1]/hook", "webhook_url_private"),
    ("https://[fe80::1]/hook", "webhook_url_private"),
    ("https://[::ffff:10.0.0.1]/hook", "webhook_url_private"),
    ("https://224.0.0.1/hook", "webhook_url_private"),
    ("https://internal.example.com/hook", "webhook_url_private"),
    ("https://metadata.example.com/hook", "webhook_url_private"),
    ("https://mixed.example.com/hook", "webhook_url_private"),
    ("https://v6-internal.example.com/hook", "webhook_url_private"),
    ("ftp://public.example.com/hook", "webhook_url_scheme"),
    ("file:///etc/passwd", "webhook_url_scheme"),
    ("https://user:pw@public.example.com/hook", "webhook_url_invalid"),
    ("https://public.example.com:22/hook", "webhook_url_port"),
    ("public.example.com/hook", "webhook_url_invalid"),
    ("https://", "webhook_url_invalid"),
    ("https://public.example.com/\x00", "webhook_url_invalid"),
    ("https://public.example.com/" + "a" * 600, "webhook_url_invalid"),
    ("", "webhook_url_required"),
]


@pytest.mark.django_db
@pytest.mark.parametrize(("url", "code"), REFUSED_IN_PRODUCTION)
def test_refused_targets_outside_demo_with_a_chinese_message(production, url, code):
    account = new_account()
    with pytest.raises(services.WebhookError) as caught:
        services.create_endpoint(account=account, actor=account, url=url, events=["order.created"])
    assert caught.value.code == code and caught.value.field == "url"
    assert any("\u4e00" <= c <= "\u9fff" for c in caught.value.message)
    assert not Endpoint.objects.filter(account=account).exists()


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["https://public.example.com/hook", "https://public.example.com:8443/a?b=c",
                                 "https://not-yet-live.example.com/hook", "https://93.184.216.34/hook"])
def test_public_https_targets_are_accepted_outside_demo(production, url):
    account = new_account()
    endpoint, secret = services.create_endpoint(account=account, actor=account, url=url, events=["order.created"])
    assert endpoint.url == url and secret.startswith("whsec_")


@pytest.mark.django_db
@pytest.mark.parametrize(("url", "code"), [("http://127.0.0.1:9999/hook", None), ("http://localhost:9999/hook", None),
                                           ("http://10.0.0.8/hook", "webhook_url_scheme"),
                                           ("https://10.0.0.8/hook", "webhook_url_private"),
                                           ("https://169.254.169.254/", "webhook_url_private")])
def test_demo_allows_http_to_loopback_only(url, code):
    account = new_account()
    if code is None:
        assert services.create_endpoint(account=account, actor=account, url=url, events=["order.created"])[0].pk
    else:
        with pytest.raises(services.WebhookError) as caught:
            services.create_endpoint(account=account, actor=account, url=url, events=["order.created"])
        assert caught.value.code == code


@pytest.mark.django_db
def test_a_name_that_turns_internal_after_saving_is_refused_at_delivery(production, monkeypatch):
    """DNS rebinding: saved while public, resolving to an internal address when sent: nothing is connected to."""
    from beian.webhooks import delivery as http

    account = new_account()
    endpoint, _ = services.create_endpoint(account=account, actor=account, url="https://public.example.com/hook",
                                           events=["order.created"])
    FAKE_DNS_AFTER = {**FAKE_DNS, "public.example.com": ["10.9.9.9"]}
    monkeypatch.setattr(urlcheck, "resolve", lambda host, port: FAKE_DNS_AFTER[host])
    connected = []
    monkeypatch.setattr(http, "post", lambda *a, **k: connected.append(a) or 200)
    delivery = services.send_test(endpoint, actor=account)
    attempt = Attempt.objects.get(delivery=delivery)
    assert connected == [] and attempt.status_code is None
    assert "10.9.9.9" in attempt.error and attempt.error.startswith(msg.BLOCKED.split("{")[0])


@pytest.mark.django_db
def test_the_connection_goes_to_the_checked_address(production, monkeypatch):
    from beian.webhooks import delivery as http

    account = new_account()
    endpoint, _ = services.create_endpoint(account=account, actor=account, url="https://public.example.com/p?q=1",
                                           events=["order.created"])
    seen = []
    monkeypatch.setattr(http, "post", lambda checked, **k: seen.append((checked, k["url"])) or 204)
    assert services.send_test(endpoint, actor=account).status == "succeeded"
    assert seen == [(("https", "public.example.com", 443, "93.184.216.34"), "https://public.example.com/p?q=1")]


@pytest.mark.django_db
def test_the_test_suite_sends_nothing_off_the_machine(monkeypatch):
    """WEBHOOKS_LOOPBACK_ONLY (tests/settings.py): a public target is refused without resolving its name."""
    account = new_account()
    endpoint, _ = services.create_endpoint(account=account, actor=account, url="https://example.com/",
                                           events=["order.created"])
    monkeypatch.setattr(urlcheck, "resolve", lambda *a: pytest.fail("no name may be resolved"))
    delivery = services.send_test(endpoint, actor=account)
    assert delivery.attempt_log.get().error.startswith("目标地址不允许")


@pytest.mark.django_db
@pytest.mark.parametrize(("events", "code"), [([], "webhook_events_required"),
                                              (["order.created", "order.hacked"], "webhook_events_invalid")])
def test_events_must_be_known(events, code):
    account = new_account()
    with pytest.raises(services.WebhookError) as caught:
        services.create_endpoint(account=account, actor=account, url="http://127.0.0.1:9999/", events=events)
    assert caught.value.code == code


@pytest.mark.django_db
def test_endpoints_per_account_are_limited():
    account = new_account()
    for _ in range(services.ENDPOINT_LIMIT):
        services.create_endpoint(account=account, actor=account, url="http://127.0.0.1:9999/", events=["order.created"])
    with pytest.raises(services.WebhookError) as caught:
        services.create_endpoint(account=account, actor=account, url="http://127.0.0.1:9999/", events=["order.created"])
    assert caught.value.code == "webhook_limit"
