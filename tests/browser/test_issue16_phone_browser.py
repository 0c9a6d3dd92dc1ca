"""Issue 16's acceptance at 375 px (a small phone), for the items no other browser file walks
at that width: the demo opening inside its story (point 8), finding things on the People,
My actions and papers pages and the "as at" box taking a UK date (points 5 and 9), and the
footer's pages (point 9). axe on every page, and no page wider than the screen."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse

from actionplan.plans.models import Plan
from support.browser import Walk, sign_in

PHONE = {"width": 375, "height": 800}


def test_the_demo_opens_inside_its_story_and_says_so(page, live_server, personas):
    plan = personas.plan
    Plan.objects.filter(pk=plan.pk).update(opens_as_at=dt.date(2013, 3, 15))
    page.set_viewport_size(PHONE)
    sign_in(page, live_server, personas.member.username)
    walk = Walk(page, live_server)
    walk.goto(reverse("plans:dashboard", args=[plan.pk]))
    status = page.locator(".app-as-at__status")
    assert "Showing the plan as at 15 March 2013" in status.inner_text()
    assert "demonstration plan" in status.inner_text()

    with page.expect_navigation():
        status.get_by_role("link", name="Show today").click()
    walk.check()
    assert "demonstration plan" not in page.locator(".app-as-at__status").inner_text()
    assert walk.problems == {}


def test_finding_things_and_a_uk_date_on_a_phone(page, live_server, personas):
    plan = personas.plan
    page.set_viewport_size(PHONE)
    sign_in(page, live_server, personas.improvement_lead.username)
    walk = Walk(page, live_server)
    name = personas.lead_party.name
    walk.goto(reverse("plans:people", args=[plan.pk]) + f"?q={name.split()[0]}")
    assert name in page.locator("main").inner_text()
    walk.goto(reverse("plans:my_actions", args=[plan.pk]) + "?rag=red&sort=due")
    walk.goto(reverse("reports:papers", args=[plan.pk]) + "?q=zzzz")
    walk.goto(reverse("plans:due", args=[plan.pk]))

    page.get_by_label("Show the plan as at another date").fill("15/03/2013")
    with page.expect_navigation():
        page.get_by_role("button", name="Show", exact=True).click()
    walk.check()
    assert "Showing the plan as at 15 March 2013" in page.locator(".app-as-at__status").inner_text()
    assert page.locator(".govuk-breadcrumbs").is_visible()  # still the plan's page
    assert walk.problems == {}


def test_the_footers_pages_on_a_phone(page, live_server, personas):
    page.set_viewport_size(PHONE)
    sign_in(page, live_server, personas.member.username)
    walk = Walk(page, live_server)
    for link in ("Help and contact", "Accessibility statement", "Privacy notice"):
        with page.expect_navigation():
            page.locator("footer").get_by_role("link", name=link).click()
        walk.check()
        assert page.locator("h1").is_visible()
    assert walk.problems == {}
