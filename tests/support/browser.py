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


def check(page, live_server, urls) -> dict[str, list[str]]:
    """axe on each URL in turn: {url: its violations} for the URLs that have any."""
    found = {}
    for url in urls:
        page.goto(live_server.url + url)
        violations = axe_violations(page)
        if violations:
            found[url] = violations
    return found
