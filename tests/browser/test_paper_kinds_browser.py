"""Drafting each kind of paper in a real browser (issue 14, point 2): the improvement lead
chooses the six-monthly performance report or the highlight report on the form; the draft's
page and the paper itself, in its preview, pass axe."""

from __future__ import annotations

import pytest
from django.urls import reverse

from actionplan.reports.models import Paper
from support.browser import axe_violations, check, sign_in


@pytest.mark.parametrize(
    ("choice", "title"),
    [
        ("Six-monthly performance report", "six-monthly performance report"),
        ("One-page highlight report", "highlight report"),
    ],
)
def test_the_lead_drafts_each_kind_of_paper(page, live_server, personas, choice, title):
    plan = personas.plan
    sign_in(page, live_server, personas.improvement_lead.username)
    page.goto(live_server.url + reverse("reports:new_paper", args=[plan.pk]))
    assert axe_violations(page) == []

    page.get_by_label(choice).check()
    with page.expect_navigation():
        page.get_by_role("button", name="Save draft").click()

    assert "Draft saved" in page.locator(".govuk-notification-banner").inner_text()
    paper = Paper.objects.get()
    assert paper.kind == ("performance" if "performance" in title else "highlight")
    assert axe_violations(page) == []
    page.locator("iframe").scroll_into_view_if_needed()  # the preview loads lazily
    assert page.frame_locator("iframe").locator("h1").inner_text().endswith(title)
    preview = reverse("reports:paper_preview", args=[plan.pk, paper.pk])
    assert check(page, live_server, [preview]) == {}
