"""Headless Chromium for end-to-end tests, through Playwright's sync API against pytest-django's live_server."""

import os
import shutil

import pytest

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


@pytest.fixture
def chromium():
    if not os.path.exists(CHROMIUM) and not shutil.which("chromium"):
        skip_or_fail("Chromium is not installed (/usr/bin/chromium)")
    from playwright.sync_api import sync_playwright

    # Playwright's sync API runs an event loop; Django's ORM refuses to run inside one unless told it is safe.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()
