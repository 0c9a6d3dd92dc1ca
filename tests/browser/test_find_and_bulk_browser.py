"""Issue 16, points 5 and 6 in a real browser: the improvement lead filters the plan's
actions, sorts them, selects all shown and moves their end date with one reason; axe finds
nothing, and at 375 px the page does not scroll sideways."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse

from actionplan.plans.models import Action
from support.browser import axe_violations, sign_in


def fits(page) -> bool:
    width = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
    return width[0] <= width[1]


def test_filter_sort_and_change_many_actions(page, live_server, personas):
    plan = personas.plan
    rec = plan.recommendations.order_by("order").first()
    in_rec = list(Action.objects.filter(recommendation=rec, retired=False).order_by("order"))
    sign_in(page, live_server, personas.improvement_lead.username)
    page.goto(live_server.url + reverse("plans:actions", args=[plan.pk]))
    assert axe_violations(page) == []

    page.get_by_label("Recommendation", exact=True).select_option(rec.number)
    page.get_by_role("button", name="Apply filters").click()
    page.locator("#selected-filters").wait_for()
    assert f"recommendation={rec.number}" in page.url
    assert page.locator("#actions tbody tr").count() == len(in_rec)
    page.get_by_role("link", name="End date").click()
    page.wait_for_url("**sort=due**")
    assert page.locator("th[aria-sort='ascending']").count() == 1
    assert axe_violations(page) == []

    page.locator("#select-all").click()
    page.wait_for_url("**select=all**")
    assert page.locator("input[name=actions]:checked").count() == len(in_rec)
    page.get_by_label("Move the end date to a date").check()
    page.get_by_label("Day", exact=True).fill(
        "30/09/2013"
    )  # the whole date in one box is read as written
    page.get_by_label("Why are you making this change?").fill("The board met a week late")
    page.get_by_role("button", name="Change the selected actions").click()
    page.get_by_text(f"Moved the end date of {len(in_rec)} action").wait_for()
    assert axe_violations(page) == []
    for a in in_rec:
        a.refresh_from_db()
        assert a.due == dt.date(2013, 9, 30)
        assert a.history.first().history_change_reason == "The board met a week late"

    page.set_viewport_size({"width": 375, "height": 800})
    page.reload()
    assert fits(page)
    assert axe_violations(page) == []
