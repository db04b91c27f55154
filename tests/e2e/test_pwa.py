"""Installable web app (issue 20 #6) in Chromium: the service worker registers at the site's root under the
Content-Security-Policy with no violation, keeps only static files and the offline page, and shows that page
when there is no network (tests/web/test_pwa.py checks what the server sends)."""

import pytest
from django.contrib.auth import get_user_model

from .test_csp import PHONE, Watched
from .wizard_helpers import login

pytestmark = pytest.mark.django_db(transaction=True)
CACHED = """async () => {
  const out = [];
  for (const key of await caches.keys()) {
    const cache = await caches.open(key);
    for (const r of await cache.keys()) out.push(new URL(r.url).pathname);
  }
  return out;
}"""


def test_the_worker_registers_without_violations_caches_no_page_and_shows_the_offline_page(live_server, browser,
                                                                                           request):
    base = live_server.url
    get_user_model().objects.create_user("pwa-e2e@example.com", "pwa-e2e@example.com", "Str0ng-pass-99")
    w = Watched(browser, request, PHONE, "pwa")
    try:
        w.visit(base + "/", "home")
        assert w.page.evaluate("async () => (await navigator.serviceWorker.ready).scope") == base + "/"
        manifest = w.page.evaluate("async () => (await fetch(document.querySelector('link[rel=manifest]').href)).json()")
        assert manifest["start_url"] == "/orders/" and manifest["display"] == "standalone"
        # Signed in, the person's pages go through the worker: none of them is kept.
        login(w.page, base, "pwa-e2e@example.com")
        w.settle("orders")
        w.page.goto(base + "/orders/new/")
        w.settle("new-order")
        cached = w.page.evaluate(CACHED)
        assert "/offline/" in cached and all(p == "/offline/" or p.startswith("/static/") for p in cached), cached
        # No network: a page asked for shows what to do, not the browser's error.
        w.context.set_offline(True)
        w.page.goto(base + "/orders/")
        assert "你的资料已保存在服务器上" in w.page.locator("#offline").inner_text()
        assert "pwa-e2e@example.com" not in w.page.content()
        w.page.shots("offline")
        w.context.set_offline(False)
        w.page.click("#retry")
        w.page.wait_for_url(base + "/orders/")
        w.settle("back-online")
        assert not w.problems, w.problems
    finally:
        w.context.close()
