"""Browser-test fixtures: Playwright for Python driving Debian's chromium (never a downloaded browser).

Screenshots go to test-artifacts/<test name>/NN-step.png so that every step can be looked at.
The pages run under a Content-Security-Policy without 'unsafe-eval': give page.wait_for_function a function
("() => ..."), never an expression string, which Playwright polls with eval (refused, an EvalError).
"""

import os
import re
from pathlib import Path

import pytest

# Playwright's sync API keeps an event loop in this thread; Django's ORM refuses to run inside
# one unless told that the caller knows it is synchronous code.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("BEIAN_CHROMIUM", "/usr/bin/chromium")
ARTIFACTS = Path(os.environ.get("BEIAN_TEST_ARTIFACTS", Path(__file__).resolve().parents[2] / "test-artifacts"))
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def pytest_collection_modifyitems(items):
    for item in items:
        if "/e2e/" in str(item.fspath):
            item.add_marker(pytest.mark.e2e)


@pytest.fixture(scope="session")
def playwright_instance():
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: scripts/test installs Debian's chromium")
    with sync_playwright() as p:
        yield p


@pytest.fixture(scope="session")
def browser(playwright_instance):
    browser = playwright_instance.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
    yield browser
    browser.close()


def launch_with_args(playwright_instance, extra_args: list[str]):
    """A separate browser with extra flags (e.g. a fake camera fed from a .y4m file)."""
    return playwright_instance.chromium.launch(
        executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS + extra_args
    )


def phone_browser(playwright_instance, camera_file, request):
    """A phone (375 px, touch) whose camera plays `camera_file` (.y4m): (browser, page); close the browser."""
    browser = launch_with_args(playwright_instance, ["--use-fake-ui-for-media-stream", "--use-fake-device-for-media-stream",
                                                     f"--use-file-for-fake-video-capture={camera_file}"])
    context = browser.new_context(locale="zh-CN", viewport={"width": 375, "height": 812}, is_mobile=True,
                                  has_touch=True, permissions=["camera"])
    context.set_default_timeout(30_000)
    phone = context.new_page()
    phone.shots = Shots(phone, request.node.name + "-phone")
    return browser, phone


class Shots:
    """Numbered screenshots of one test's steps."""

    def __init__(self, page, name: str):
        self.page = page
        self.dir = ARTIFACTS / re.sub(r"[^\w.-]+", "_", name)
        self.dir.mkdir(parents=True, exist_ok=True)
        self.n = 0

    def __call__(self, step: str, page=None):
        self.n += 1
        (page or self.page).screenshot(path=str(self.dir / f"{self.n:02d}-{step}.png"), full_page=True)


@pytest.fixture
def page(browser, request):
    context = browser.new_context(locale="zh-CN", viewport={"width": 1280, "height": 900})
    context.set_default_timeout(15_000)
    page = context.new_page()
    page.shots = Shots(page, request.node.name)
    yield page
    context.close()


@pytest.fixture
def phone_page(browser, request):
    context = browser.new_context(
        locale="zh-CN", viewport={"width": 375, "height": 812}, is_mobile=True, has_touch=True
    )
    context.set_default_timeout(15_000)
    page = context.new_page()
    page.shots = Shots(page, request.node.name + "-phone")
    yield page
    context.close()
