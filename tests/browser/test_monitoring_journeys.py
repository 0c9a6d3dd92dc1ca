"""Each persona's main journey through the pages that run the plan, in Chromium, with
axe's WCAG 2.2 AA check on every page visited."""

from __future__ import annotations

import pytest
from django.urls import reverse

from actionplan.monitoring import services, statuses
from actionplan.monitoring.models import Answer
from actionplan.plans.models import Action
from support.browser import Walk, sign_in


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def action_path(action: Action) -> str:
    return reverse("plans:action", args=[action.recommendation.plan_id, action.pk])


def test_a_lead_officer_adds_an_update_with_evidence_and_proposes_completion(
    page, live_server, personas
):
    action = personas.led_action()
    walk = Walk(page, live_server)
    sign_in(page, live_server, personas.lead_officer.username)
    walk.check()
    walk.goto(reverse("plans:my_actions", args=[personas.plan.pk]))
    walk.goto(action_path(action))
    walk.click("link", "Add a progress update")
    walk.click("button", "Add update")  # nothing filled in: the errors, the GOV.UK way
    assert page.locator(".govuk-error-summary").is_visible()
    page.get_by_label("On track").check()
    page.get_by_label("Percent complete (optional)").fill("60")
    page.get_by_label("What has happened since the last update").fill("Audit of 40 files done")
    page.get_by_label("Upload evidence files (optional)").set_input_files(
        {"name": "audit.pdf", "mimeType": "application/pdf", "buffer": b"%PDF-1.4"}
    )
    page.get_by_label("Links to evidence (optional)").fill("https://example.org/audit")
    walk.click("button", "Add update")
    assert page.get_by_text("Your progress update has been added").is_visible()
    assert page.get_by_role("link", name="audit.pdf").is_visible()

    walk.click("link", "Propose completion")
    page.get_by_label("Evidence of impact").fill("Children's views recorded in 37 of 40 files")
    walk.click("button", "Propose completion")
    assert page.get_by_text("Completion proposed: the improvement lead").is_visible()
    assert services.current_status(action) == statuses.AWAITING_SIGN_OFF
    assert walk.violations == {}


def test_the_improvement_lead_signs_off_one_completion_and_returns_another(
    page, live_server, personas
):
    first, second = Action.objects.filter(recommendation__plan=personas.plan)[:2]
    for action in (first, second):
        services.propose_completion(
            action, user=personas.lead_officer, expected_version=action.version, impact="Done"
        )
    walk = Walk(page, live_server)
    sign_in(page, live_server, personas.improvement_lead.username)
    walk.check()
    walk.goto(action_path(first))
    walk.click("link", "Sign off completion")
    walk.click("button", "Sign off as complete")
    assert page.get_by_text("Signed off: the action is complete").is_visible()

    walk.goto(action_path(second))
    walk.click("link", "Return the completion")
    walk.click("button", "Return to the lead officer")
    assert page.locator(".govuk-error-summary").is_visible()
    page.get_by_label("Why are you returning it?").fill("No audit attached")
    walk.click("button", "Return to the lead officer")
    assert page.get_by_text("No audit attached").first.is_visible()
    assert [services.current_status(a) for a in (first, second)] == [
        statuses.COMPLETE,
        statuses.ON_TRACK,
    ]
    walk.goto(reverse("plans:dashboard", args=[personas.plan.pk]))
    walk.goto(reverse("plans:rag_rules", args=[personas.plan.pk]))
    assert walk.violations == {}


def test_a_member_asks_a_question_and_the_lead_officer_answers_it(
    page, context, live_server, personas
):
    action = personas.led_action()
    walk = Walk(page, live_server)
    sign_in(page, live_server, personas.member.username)
    walk.goto(action_path(action))
    walk.click("link", "Ask a question")
    page.get_by_label("Your question").fill("Why has the audit slipped?")
    walk.click("button", "Send question")
    assert page.get_by_text("Why has the audit slipped?").is_visible()

    context.clear_cookies()
    sign_in(page, live_server, personas.lead_officer.username)
    walk.goto(action_path(action))
    page.get_by_role("link", name="Answer").first.click()
    walk.check()
    page.get_by_label("Your answer").fill("Sickness in the team; done by April")
    walk.click("button", "Send answer")
    assert page.get_by_text("Sickness in the team; done by April").first.is_visible()
    assert Answer.objects.get().challenge.action == action
    assert walk.violations == {}


def test_an_inspector_reads_an_actions_history(page, live_server, personas):
    action = personas.led_action()
    services.record_update(action, user=personas.lead_officer, status="at_risk", narrative="Slow")
    walk = Walk(page, live_server)
    sign_in(page, live_server, personas.inspector.username)
    walk.goto(reverse("plans:dashboard", args=[personas.plan.pk]))
    walk.goto(reverse("plans:due", args=[personas.plan.pk]))
    walk.goto(action_path(action))
    page.get_by_text("Every change to this action").click()
    walk.check()
    assert page.locator(".app-history tbody tr").first.is_visible()
    assert page.get_by_role("link", name="Download the history as a spreadsheet (CSV)").count()
    assert not page.get_by_role("link", name="Add a progress update").count()
    assert walk.violations == {}
