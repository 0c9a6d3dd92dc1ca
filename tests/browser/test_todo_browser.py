"""The to-do list in Chromium (issue 16, point 1), per role: the improvement lead signs off
a completion from it, the lead officer answers a question from it, the member reads the
answer from it; and a person changes their name (point 3). axe on every page, at full width
and at 375 px, where no page scrolls sideways."""

from __future__ import annotations

import pytest
from django.urls import reverse

from actionplan.monitoring import challenging, services
from support.browser import Walk, sign_in

WIDTHS = (1280, 375)


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.mark.parametrize("width", WIDTHS)
def test_each_role_works_through_their_to_do_list(page, context, live_server, personas, width):
    page.set_viewport_size({"width": width, "height": 900})
    plan = personas.plan
    dashboard = reverse("plans:dashboard", args=[plan.pk])
    action = personas.led_action()
    services.propose_completion(
        action, user=personas.lead_officer, expected_version=action.version, impact="Done"
    )
    challenging.ask(action, user=personas.member, question="Why has the audit slipped?")
    walk = Walk(page, live_server)

    sign_in(page, live_server, personas.improvement_lead.username)
    walk.goto(dashboard)
    assert page.get_by_role("heading", name="Completions to sign off (1)").is_visible()
    walk.click("link", f"Action {action.ref}")
    walk.click("link", "Sign off completion")
    walk.click("button", "Sign off as complete")
    walk.goto(dashboard)
    assert not page.get_by_role("heading", name="Completions to sign off").count()

    context.clear_cookies()
    sign_in(page, live_server, personas.lead_officer.username)
    walk.goto(dashboard)
    assert page.get_by_role("heading", name="Questions to answer (1)").is_visible()
    if width > 640:  # on a phone the navigation folds behind its Menu button
        assert page.get_by_role("link", name="to do)").first.is_visible()
    walk.click("link", "Why has the audit slipped?")
    page.get_by_label("Your answer").fill("Sickness in the team; done by April")
    walk.click("button", "Send answer")
    walk.goto(dashboard)
    assert not page.get_by_role("heading", name="Questions to answer").count()

    context.clear_cookies()
    sign_in(page, live_server, personas.member.username)
    walk.goto(dashboard)
    assert page.get_by_role("heading", name="Answers to your questions (1)").is_visible()
    walk.click("link", "Why has the audit slipped?")
    assert page.get_by_text("Sickness in the team; done by April").first.is_visible()
    assert walk.problems == {}


@pytest.mark.parametrize("width", WIDTHS)
def test_a_person_changes_their_name(page, live_server, personas, width):
    page.set_viewport_size({"width": width, "height": 900})
    walk = Walk(page, live_server)
    sign_in(page, live_server, personas.lead_officer.username)
    walk.goto(reverse("accounts:account"))
    walk.click("link", "Change your name")
    page.get_by_label("Full name").fill("")  # empty: the error, the GOV.UK way
    walk.click("button", "Save your name")
    assert page.locator(".govuk-error-summary").is_visible()
    page.get_by_label("Full name").fill("Judith Hay")
    walk.click("button", "Save your name")
    assert page.get_by_text("Your name has been changed").is_visible()
    personas.lead_officer.refresh_from_db()
    assert personas.lead_officer.first_name == "Judith Hay"
    assert walk.problems == {}


@pytest.mark.parametrize("width", WIDTHS)
def test_the_improvement_lead_changes_a_role_removes_a_member_and_resends_an_invitation(
    page, live_server, personas, width
):
    from actionplan.accounts.models import Invitation, Membership, Role

    page.set_viewport_size({"width": width, "height": 900})
    plan = personas.plan
    Invitation.objects.create(
        plan=plan, email="pat@example.gov.uk", full_name="Pat Ashby", role=Role.MEMBER
    )
    for user, name in ((personas.member, "Sam Ashby"), (personas.inspector, "Ivy Inspector")):
        user.first_name, user.last_name = name, ""
        user.save()
    walk = Walk(page, live_server)
    sign_in(page, live_server, personas.improvement_lead.username)
    walk.goto(reverse("plans:people", args=[plan.pk]))
    walk.click("link", "Change roles, remove members or send invitations again")
    walk.click("link", "Change role of Sam Ashby")
    page.get_by_label("Inspector or auditor").check()
    page.get_by_label("Why").fill("Now on the audit panel")
    walk.click("button", "Change the role")
    assert page.get_by_text("Sam Ashby's role has been changed").is_visible()
    walk.click("link", "Remove Ivy Inspector")
    walk.click("button", "Remove from the plan")  # no reason: the error, the GOV.UK way
    assert page.locator(".govuk-error-summary").is_visible()
    page.get_by_label("Why").fill("Audit finished")
    walk.click("button", "Remove from the plan")
    assert page.get_by_text("Ivy Inspector has been removed from the plan").is_visible()
    walk.click("button", "Send again to pat@example.gov.uk")
    assert page.get_by_text("has been sent again").is_visible()
    assert Membership.objects.get(user=personas.member, plan=plan).role == Role.INSPECTOR
    assert not Membership.objects.filter(user=personas.inspector, plan=plan).exists()
    assert walk.problems == {}
