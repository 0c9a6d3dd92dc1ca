"""The improvement lead corrects what the import read, in a real browser: each edit page
and its errors pass axe, at desktop width and at 375 px without sideways scroll, and the
journey from the page that shows the thing to its edit and back works without scripts'
help."""

from __future__ import annotations

from urllib.parse import urlencode

import pytest
from django.urls import reverse

from actionplan.governance.demo import load_demo_meetings
from actionplan.governance.meetings import find_body
from actionplan.governance.models import Meeting
from actionplan.plans.models import Body, Correction, Party, Recommendation
from support.browser import axe_violations, check, sign_in


@pytest.fixture
def plan(personas):
    load_demo_meetings(personas.plan)
    return personas.plan


def edit_pages(plan, lead) -> list[str]:
    rec = Recommendation.objects.filter(plan=plan).order_by("order").first()
    cyplt = find_body(plan.organisation, "CYPLT")
    meeting = Meeting.objects.filter(body=cyplt).order_by("date").first()
    return [
        reverse("plans:edit_recommendation", args=[plan.pk, rec.pk]),
        reverse("plans:edit_body", args=[plan.pk, cyplt.pk]),
        reverse("plans:merge_bodies", args=[plan.pk, cyplt.pk]),
        reverse("governance:edit_meeting", args=[plan.pk, meeting.pk]),
        reverse("governance:reminder_policy", args=[plan.pk]),
        reverse("plans:edit_party", args=[plan.pk, lead.pk]),
        reverse("plans:merge_parties", args=[plan.pk, lead.pk]),
        reverse("plans:split_party", args=[plan.pk, lead.pk]),
    ]


def test_the_edit_pages_and_their_errors_are_accessible_and_fit_a_phone(
    page, live_server, personas, plan
):
    sign_in(page, live_server, personas.improvement_lead.username)
    urls = edit_pages(plan, personas.lead_party)
    assert check(page, live_server, urls) == {}

    page.set_viewport_size({"width": 375, "height": 800})
    for url in urls:
        page.goto(live_server.url + url)
        page.get_by_label("Why are you making this change?").fill("")
        with page.expect_navigation():
            page.locator("main form button[type=submit]").click()
        assert page.locator(".govuk-error-summary").is_visible(), url
        assert axe_violations(page) == [], url
        width, inner = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
        assert width <= inner, f"{url} scrolls sideways at 375 px"


def test_the_improvement_lead_names_a_body_in_full_from_the_bodies_page(
    page, live_server, personas, plan
):
    sign_in(page, live_server, personas.improvement_lead.username)
    cyplt = find_body(plan.organisation, "CYPLT")
    page.goto(live_server.url + reverse("plans:bodies", args=[plan.pk]))
    with page.expect_navigation():
        page.get_by_role("link", name=f"Edit {cyplt.name}", exact=False).first.click()

    page.get_by_label("Full name").fill("Children and Young People’s Leadership Team")
    page.get_by_label("Why are you making this change?").fill("Papers should say it in full")
    with page.expect_navigation():
        page.get_by_role("button", name="Save changes").click()

    assert "has been changed" in page.locator(".govuk-notification-banner").inner_text()
    assert "Children and Young People’s Leadership Team" in page.locator("main").inner_text()
    assert Body.objects.get(pk=cyplt.pk).name == "Children and Young People’s Leadership Team"
    assert Correction.objects.get(subject="body").user == personas.improvement_lead


def test_the_improvement_lead_sets_a_recommendations_owner_from_its_page(
    page, live_server, personas, plan
):
    sign_in(page, live_server, personas.improvement_lead.username)
    rec = Recommendation.objects.filter(plan=plan, responsibilities__isnull=True).first()
    page.goto(live_server.url + reverse("plans:recommendation", args=[plan.pk, rec.pk]))
    with page.expect_navigation():
        page.get_by_role("link", name="Edit the recommendation").click()

    # The owners' picker (accessible-autocomplete): type part of the name, pick it.
    name = personas.lead_party.name
    page.get_by_role("combobox", name="Overall responsibility").fill(name[:4])
    page.locator(".autocomplete__menu").get_by_role("option", name=name, exact=True).click()
    page.get_by_label("Why are you making this change?").fill("The plan did not say")
    with page.expect_navigation():
        page.get_by_role("button", name="Save changes").click()

    assert personas.lead_party.name in page.locator(".govuk-summary-list").first.inner_text()


def test_the_improvement_lead_moves_a_role_to_its_kind_from_the_people_page(
    page, live_server, personas, plan
):
    sign_in(page, live_server, personas.improvement_lead.username)
    party = personas.partner_party
    # The People page lists 25 a page: search for the party, as a lead with a long list would.
    query = urlencode({"q": party.name})
    page.goto(live_server.url + reverse("plans:people", args=[plan.pk]) + f"?{query}")
    with page.expect_navigation():
        page.get_by_role("link", name=f"Change {party.name}", exact=True).click()

    page.get_by_label("A group or team").check()
    page.get_by_label("Why are you making this change?").fill("It is a team")
    with page.expect_navigation():
        page.get_by_role("button", name="Save changes").click()

    assert "has been changed" in page.locator(".govuk-notification-banner").inner_text()
    assert Party.objects.get(pk=party.pk).kind == "group"


def test_the_improvement_lead_splits_a_party_from_the_people_page(
    page, live_server, personas, plan
):
    sign_in(page, live_server, personas.improvement_lead.username)
    party = personas.partner_party
    people = reverse("plans:people", args=[plan.pk])
    page.goto(f"{live_server.url}{people}?q=Association")  # the People page has pages
    with page.expect_navigation():
        page.locator(f'a[href="{reverse("plans:split_party", args=[plan.pk, party.pk])}"]').click()

    page.get_by_role("textbox", name="The first name").fill("North Yorkshire Police")
    page.get_by_role("textbox", name="The second name").fill("Harrogate NHS Foundation Trust")
    page.get_by_label("Why are you making this change?").fill("Two organisations")
    with page.expect_navigation():
        page.get_by_role("button", name="Split").click()

    assert "has been split" in page.locator(".govuk-notification-banner").inner_text()
    main = page.locator("main").inner_text()
    assert "North Yorkshire Police" in main and "Harrogate NHS Foundation Trust" in main
    assert party.name in Party.objects.get(name="Harrogate NHS Foundation Trust").aliases
