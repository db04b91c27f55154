"""Installable web app (issue 20 #6): the manifest, the service worker and the offline page, served as the browser
needs them (tests/e2e/test_pwa.py registers the worker in Chromium)."""

import json
import re

import pytest
from django.contrib.auth import get_user_model
from django.contrib.staticfiles import finders

from beian.web import messages as msg

pytestmark = pytest.mark.django_db


def test_the_manifest_names_the_app_and_its_icons_exist(client):
    response = client.get("/manifest.webmanifest")
    assert response.status_code == 200 and response["Content-Type"].startswith("application/manifest+json")
    manifest = json.loads(response.content)
    assert manifest["name"] == "备案助手 · beian" and manifest["short_name"] == "备案助手"
    assert manifest["lang"] == "zh-Hans" and manifest["start_url"] == "/orders/" and manifest["scope"] == "/"
    assert manifest["display"] == "standalone" and re.fullmatch(r"#[0-9a-f]{6}", manifest["theme_color"])
    sizes = {(icon["sizes"], icon["purpose"]) for icon in manifest["icons"]}
    assert {("192x192", "any"), ("512x512", "any"), ("512x512", "maskable")} <= sizes
    for icon in manifest["icons"]:
        assert icon["type"] == "image/png" and icon["src"].startswith("/static/")
        found = finders.find(icon["src"].removeprefix("/static/"))
        assert found, icon["src"]  # shipped as a static file, nothing drawn or fetched at run time
        with open(found, "rb") as f:
            assert f.read(8) == b"\x89PNG\r\n\x1a\n"


def test_the_service_worker_is_served_at_the_root_and_caches_no_page(client):
    response = client.get("/sw.js")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/javascript")
    assert response["Service-Worker-Allowed"] == "/" and response["Cache-Control"] == "no-cache"
    body = response.content.decode()
    precache = json.loads("[" + re.search(r"const PRECACHE = \[(.*)\];", body).group(1).replace("OFFLINE", '"/offline/"')
                          + "]")
    assert "/offline/" in precache and all(u == "/offline/" or u.startswith("/static/") for u in precache)
    assert "/orders" not in body.replace("/orders/", "") and 'credentials: "omit"' in body
    assert 'request.method !== "GET"' in body  # forms are never touched


def test_the_offline_page_says_what_to_do_and_shows_nobody(client):
    user = get_user_model().objects.create_user("pwa@example.com", "pwa@example.com", "Str0ng-pass-99")
    client.force_login(user)
    page = client.get("/offline/")
    text = page.content.decode()
    assert page.status_code == 200 and "你的资料已保存在服务器上" in text and "联网后继续" in text
    assert "pwa@example.com" not in text and "csrfmiddlewaretoken" not in text and "X-CSRFToken" not in text


def test_every_page_links_the_manifest_and_the_policy_allows_it_without_unsafe_inline(client):
    page = client.get("/")
    text = page.content.decode()
    assert '<link rel="manifest" href="/manifest.webmanifest">' in text and "beian/pwa.js" in text
    policy = page["Content-Security-Policy"]
    assert "manifest-src 'self'" in policy and "worker-src 'self'" in policy and "unsafe-inline" not in policy
    assert msg.OFFLINE_TITLE not in text
