"""Issue 16, point 5's party pickers in a real browser: on the action's edit form the lead and
partners are GOV.UK's accessible-autocomplete over a plain select; the improvement lead types
part of a name, picks it, removes another and saves, and the action shows it. The bulk "assign
a lead" picker the same way. axe finds nothing, the page fits 375 px, and the enhancement keeps
to the content security policy."""

from __future__ import annotations

import re

from django.urls import reverse

from actionplan.plans.models import Action, ActionParty, Party
from support.browser import axe_violations, csp_refusals, sign_in


def fits(page) -> bool:
    width = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
    return width[0] <= width[1]


def _led_by(party) -> Action:
    return (
        Action.objects.filter(
            retired=False,
            action_parties__party=party,
            action_parties__role=ActionParty.Role.LEAD,
        )
        .order_by("pk")
        .first()
    )


def _leads(action) -> list[str]:
    return list(
        action.action_parties.filter(role=ActionParty.Role.LEAD)
        .order_by("order")
        .values_list("party__name", flat=True)
    )


def _not_leading(action, plan) -> Party:
    leading = set(action.action_parties.filter(role=ActionParty.Role.LEAD).values_list("party_id"))
    return (
        Party.objects.filter(organisation_id=plan.organisation_id, kind=Party.Kind.PERSON)
        .exclude(pk__in=[p for (p,) in leading])
        .order_by("name")
        .first()
    )


def pick(page, box, name: str) -> None:
    """Type part of the name, then choose it from the list the box offers."""
    box.fill(name[: max(4, len(name) // 2)])
    page.locator(".autocomplete__menu").get_by_role("option", name=name, exact=True).click()


def test_the_improvement_lead_picks_a_lead_by_typing_part_of_the_name(page, live_server, personas):
    plan = personas.plan
    action = _led_by(personas.lead_party)
    new = _not_leading(action, plan)
    sign_in(page, live_server, personas.improvement_lead.username)
    page.goto(live_server.url + reverse("plans:edit_action", args=[plan.pk, action.pk]))

    # Enhanced: the select is hidden and its label now names the autocomplete's box.
    box = page.get_by_role("combobox", name="Lead", exact=True)
    assert page.locator("#id_leads-select").is_hidden()
    chosen = page.locator(".app-autocomplete__chosen").first
    assert personas.lead_party.name in chosen.inner_text()
    assert axe_violations(page) == []

    pick(page, box, new.name)
    assert box.input_value() == ""
    page.get_by_role("button", name=f"Remove {personas.lead_party.name} (Lead)").click()
    assert axe_violations(page) == []

    page.set_viewport_size({"width": 375, "height": 800})
    box.fill(new.name[:3])
    assert fits(page)
    box.fill("")

    with page.expect_navigation():
        page.get_by_role("button", name="Save changes").click()
    assert "Your changes to the action have been saved" in page.locator("main").inner_text()
    assert _leads(action) == [new.name]
    shown = page.locator("xpath=//dt[normalize-space()='Lead']/following-sibling::dd[1]")
    assert shown.first.inner_text() == new.name
    assert axe_violations(page) == []


def test_the_bulk_lead_picker_assigns_the_lead_it_names(page, live_server, personas):
    plan = personas.plan
    action = _led_by(personas.lead_party)
    new = _not_leading(action, plan)
    sign_in(page, live_server, personas.improvement_lead.username)
    page.goto(live_server.url + reverse("plans:actions", args=[plan.pk]))

    page.locator(f"#select-{action.pk}").check()
    page.get_by_label("Assign a lead").check()
    pick(page, page.locator("#id_lead"), new.name)
    page.get_by_label("Why are you making this change?").fill("Moved to the new team")
    assert axe_violations(page) == []
    with page.expect_navigation():
        page.get_by_role("button", name="Change the selected actions").click()
    assert _leads(action) == [new.name]
    assert axe_violations(page) == []


def test_the_pickers_keep_to_the_content_security_policy(browser, live_server, personas):
    """No CSP bypass: accessible-autocomplete loads from our own files and nothing is refused."""
    plan = personas.plan
    action = _led_by(personas.lead_party)
    context = browser.new_context()
    page = context.new_page()
    refused = csp_refusals(page)
    try:
        sign_in(page, live_server, personas.improvement_lead.username)
        page.goto(live_server.url + reverse("plans:edit_action", args=[plan.pk, action.pk]))
        page.get_by_role("combobox", name="Partners", exact=True).wait_for()
        page.get_by_role("combobox", name="Lead", exact=True).fill(personas.lead_party.name[:3])
        page.get_by_role("listbox").first.wait_for()
        assert refused == []
    finally:
        context.close()


def test_a_pickers_hint_and_error_are_read_with_its_box(page, live_server, personas):
    """accessible-autocomplete describes its box by its own instructions only; the field's
    hint, and its error after a refused save, are read with the box too."""
    from playwright.sync_api import expect

    from actionplan.governance.meetings import find_body

    plan = personas.plan
    sign_in(page, live_server, personas.improvement_lead.username)
    cyplt = find_body(plan.organisation, "CYPLT")
    page.goto(live_server.url + reverse("plans:merge_bodies", args=[plan.pk, cyplt.pk]))

    box = page.get_by_role("combobox", name="Which body is the same as this one?")
    expect(box).to_have_accessible_description(
        re.compile(
            r"^Its meetings, reporting lines and papers move to this body.*up and down arrows"
        )
    )
    with page.expect_navigation():
        page.get_by_role("button", name="Merge").click()
    box = page.get_by_role("combobox", name="Which body is the same as this one?")
    expect(box).to_have_accessible_description(
        re.compile(r"Select the body to merge into this one.*up and down arrows")
    )
    assert axe_violations(page) == []

    rec = plan.recommendations.order_by("order").first()
    page.goto(live_server.url + reverse("plans:edit_recommendation", args=[plan.pk, rec.pk]))
    owners = page.get_by_role("combobox", name="Overall responsibility")
    expect(owners).to_have_accessible_description(
        re.compile(r"^Select everyone who holds overall responsibility for it\. When")
    )
