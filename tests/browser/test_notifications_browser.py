"""The e-mail notifications page: reached from the footer, chosen and saved with the
keyboard's controls, accessible (axe) and no wider than a small phone."""

from __future__ import annotations

from actionplan.notifications.models import Choice, Kind, Preference
from support.browser import axe_violations, sign_in


def test_a_member_turns_paper_news_off_from_the_footer(page, live_server, personas):
    sign_in(page, live_server, personas.member.username)
    with page.expect_navigation():
        page.get_by_role("link", name="E-mail notifications").click()
    assert page.get_by_role("heading", level=1).inner_text() == "E-mail notifications"
    assert axe_violations(page) == []
    page.get_by_role("group", name="A board paper is issued").get_by_label("Never").check()
    with page.expect_navigation():
        page.get_by_role("button", name="Save choices").click()
    assert page.get_by_text("Your e-mail notification choices are saved").is_visible()
    assert axe_violations(page) == []
    assert Preference.objects.get(user=personas.member, kind=Kind.PAPER_ISSUED).choice == Choice.OFF


def test_the_page_fits_a_small_phone(page, live_server, personas):
    page.set_viewport_size({"width": 375, "height": 800})
    sign_in(page, live_server, personas.lead_officer.username)
    page.goto(f"{live_server.url}/accounts/notifications/")
    width = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
    assert width[0] <= width[1]
    assert axe_violations(page) == []
