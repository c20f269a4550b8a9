"""Headless Chromium (Debian's package) driven by Playwright's sync API, for the end-to-end tests."""

import os
import shutil

import pytest
from django.conf import settings

from tests.conftest import skip_or_fail

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@pytest.fixture(scope="session")
def chromium(live_server):
    # Depends on live_server so the browser, and its keep-alive connections, close before the server stops.
    _ = live_server
    if not (os.path.exists(CHROMIUM) or shutil.which("chromium")):
        skip_or_fail("Chromium is not installed (apt-get install chromium)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        skip_or_fail("the playwright package is not installed")
    # Playwright's sync API runs an event loop in this thread; Django's ORM must still be usable from the test.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM if os.path.exists(CHROMIUM) else shutil.which("chromium"),
            headless=True,
            args=CHROMIUM_ARGS,
        )
        yield browser
        browser.close()


@pytest.fixture
def sign_in(chromium, live_server):
    """Open a fresh browser context and sign in through the login page; returns the page."""
    contexts = []

    def open_as(username: str):
        context = chromium.new_context(locale="vi-VN", viewport={"width": 1280, "height": 900})
        contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(15_000)
        page.goto(f"{live_server.url}/login/")
        page.fill("#id_username", username)
        page.fill("#id_password", settings.DONDOC_DEMO_PASSWORD)
        page.click("form [type=submit]")
        page.wait_for_load_state()
        return page

    yield open_as
    for context in contexts:
        context.close()
