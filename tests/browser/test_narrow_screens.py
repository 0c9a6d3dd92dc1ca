"""At 375 px (a small phone) the pages with tables do not scroll sideways: the action tables
stack each row's cells under their column names, and no page is wider than the screen."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse

from actionplan.governance.models import Meeting
from actionplan.plans.models import Body
from support.browser import axe_violations, sign_in

WIDE_PAGES = (
    "plans:dashboard",
    "plans:my_actions",
    "plans:due",
    "governance:forward_plan",
    "reports:papers",
)


def test_the_pages_with_tables_fit_a_small_phone(page, live_server, personas):
    plan = personas.plan
    body = Body.objects.filter(plans=plan).first()
    if body is not None:
        Meeting.objects.create(body=body, date=dt.date(2013, 3, 20))
    page.set_viewport_size({"width": 375, "height": 800})
    too_wide = {}
    for who in (personas.improvement_lead, personas.lead_officer):
        page.context.clear_cookies()
        sign_in(page, live_server, who.username)
        for name in WIDE_PAGES:
            page.goto(live_server.url + reverse(name, args=[plan.pk]))
            width = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
            if width[0] > width[1]:
                too_wide[who.username, name] = width
            assert axe_violations(page) == [], name
    assert too_wide == {}
    # Stacked, each cell still says which column it is.
    page.goto(live_server.url + reverse("plans:my_actions", args=[plan.pk]))
    cell = page.locator("#my-actions td[data-label='RAG']").first
    assert cell.evaluate("e => getComputedStyle(e).display") == "block"
    assert cell.evaluate("e => getComputedStyle(e, '::before').content") == '"RAG"'
