"""Helpers for the browser tests (tests/browser): where Chromium and axe are, signing in,
running axe."""

from __future__ import annotations

import os
from pathlib import Path

CHROMIUM = Path(os.environ.get("ACTIONPLAN_CHROMIUM", "/usr/bin/chromium"))
AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
PASSWORD = "correct horse battery staple"


def sign_in(page, live_server, username: str, password: str = PASSWORD) -> None:
    """Sign in as a person does: the password, then, for anyone who must have a second
    factor (or has one), the code their authenticator app shows."""
    from django.contrib.auth import get_user_model

    from support.secondfactor import authenticator, must_verify, next_code

    user = get_user_model().objects.get(username=username)
    device = authenticator(user) if must_verify(user) else None
    page.goto(f"{live_server.url}/accounts/sign-in/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(password)
    with page.expect_navigation():
        page.get_by_role("button", name="Sign in").click()
    if device is not None:
        enter_code(page, next_code(device))


def enter_code(page, code: str) -> None:
    """Type a security code and send it; returns once the page that answers has loaded."""
    page.get_by_label("Security code").fill(code)
    with page.expect_navigation():
        page.get_by_role("button", name="Continue").click()


def axe_violations(page) -> list[str]:
    """Each WCAG 2.2 AA violation axe finds on the page, as 'rule: target, ...'."""
    page.add_script_tag(path=str(AXE))
    result = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", AXE_TAGS
    )
    return [
        f"{v['id']} ({v['impact']}): {v['help']}: "
        + ", ".join(str(n["target"]) for n in v["nodes"][:5])
        for v in result["violations"]
    ]


def csp_refusals(page) -> list[str]:
    """A list that fills with each refusal of the content security policy the page's console
    reports from now on (a context made without bypass_csp)."""
    refused: list[str] = []
    page.on(
        "console", lambda m: refused.append(m.text) if "Content Security Policy" in m.text else None
    )
    return refused


def check(page, live_server, urls) -> dict[str, list[str]]:
    """axe on each URL in turn: {url: its violations} for the URLs that have any."""
    found = {}
    for url in urls:
        page.goto(live_server.url + url)
        violations = axe_violations(page)
        if violations:
            found[url] = violations
    return found


class Walk:
    """A persona's walk: every page it lands on is checked with axe, and for sideways
    scrolling (the page wider than the window); `problems` holds what was found, by URL."""

    def __init__(self, page, live_server):
        self.page, self.live_server = page, live_server
        self.violations: dict[str, list[str]] = {}

    @property
    def problems(self) -> dict[str, list[str]]:
        return self.violations

    def check(self):
        self.page.wait_for_load_state()
        found = axe_violations(self.page)
        width = self.page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
        if width[0] > width[1]:
            found.append(f"scrolls sideways: {width}")
        if found:
            self.violations[self.page.url] = found

    def goto(self, path: str):
        self.page.goto(self.live_server.url + path)
        self.check()

    def click(self, role: str, name: str):
        """Click a link or a button that loads a page, and check the page it loads."""
        with self.page.expect_navigation():
            self.page.get_by_role(role, name=name).first.click()
        self.check()
