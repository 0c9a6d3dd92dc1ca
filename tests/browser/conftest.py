"""Browser tests: Debian's Chromium driven by Playwright against a live server, with axe.

Chromium comes from Debian's `chromium` package (`.ci/run` installs it); Playwright never
downloads a browser here. Without /usr/bin/chromium these tests are skipped, saying why.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from support.browser import AXE, CHROMIUM, CHROMIUM_FLAGS

# Playwright's sync API runs an event loop in the test's thread; the ORM calls the tests
# make there (fixtures, checks) are still plain synchronous calls.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def pytest_configure(config):
    config.addinivalue_line(
        "markers", "browser: drives headless Chromium (needs /usr/bin/chromium)"
    )


def pytest_collection_modifyitems(config, items):
    here = Path(__file__).parent
    missing = None
    if not CHROMIUM.exists():
        missing = f"{CHROMIUM} is missing: apt-get install chromium (.ci/run does)"
    elif not AXE.exists():
        missing = f"{AXE} is missing: run npm ci (make setup does)"
    for item in items:
        if Path(item.fspath).is_relative_to(here):
            item.add_marker(pytest.mark.browser)
            if missing:
                item.add_marker(pytest.mark.skip(reason=missing))


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_FLAGS)
        yield browser
        browser.close()


@pytest.fixture
def context(browser):
    # axe is injected as an inline script, which our CSP rightly refuses: these contexts
    # bypass it. test_csp checks the policy with a context that does not.
    context = browser.new_context(bypass_csp=True, viewport={"width": 1280, "height": 900})
    context.set_default_timeout(15_000)
    yield context
    context.close()


@pytest.fixture
def page(context):
    return context.new_page()
