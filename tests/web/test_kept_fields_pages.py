"""Issue 12: what the importer reads is shown and edited: an action's success criteria and
steps on its page and its edit form, a recommendation's actions under its objectives."""

from __future__ import annotations

import pytest
from django.urls import reverse

from actionplan import interchange as ix
from actionplan.plans.exporting import plan_to_document
from actionplan.plans.models import Action, Objective
from actionplan.plans.services import store_plan


def url(name, action):
    return reverse(name, args=[action.recommendation.plan_id, action.pk])


@pytest.fixture
def shaped(personas):
    """The seed plan with objectives, steps and success criteria, imported over it."""
    plan = personas.led_action().recommendation.plan
    doc = plan_to_document(plan)
    rec = doc.recommendations[0]
    rec.objectives = [ix.Objective(number="1.1", title="Audit the front door")]
    rec.actions[0].objective = "1.1"
    rec.actions[0].success_criteria = "Audits graded good"
    rec.actions[0].steps = ["Agree the audit tool", "Audit monthly"]
    store_plan(doc, into=plan)
    return Action.objects.get(recommendation=plan.recommendations.first(), order=1)


def test_the_action_page_shows_its_success_criteria_and_steps(client, personas, shaped):
    client.force_login(personas.member)
    page = client.get(url("plans:action", shaped)).content.decode()

    assert "Success criteria" in page and "Audits graded good" in page
    assert '<ol class="govuk-list govuk-list--number" id="steps"><li>Agree the audit tool' in page


def test_the_recommendation_page_groups_its_actions_by_objective(client, personas, shaped):
    client.force_login(personas.member)
    rec = shaped.recommendation
    page = client.get(reverse("plans:recommendation", args=[rec.plan_id, rec.pk])).content.decode()

    assert "Objective 1.1: Audit the front door" in page
    assert "Other actions" in page
    assert page.index("Objective 1.1") < page.index("Other actions")


def test_the_edit_form_edits_success_criteria_and_steps_one_a_line(client, personas, shaped):
    client.force_login(personas.improvement_lead)
    form = client.get(url("plans:edit_action", shaped)).context["form"]
    assert form.initial["steps"] == "Agree the audit tool\nAudit monthly"
    data = {k: v for k, v in form.initial.items() if v is not None}
    data = {k: (v if isinstance(v, list) else str(v)) for k, v in data.items()}
    for name in ("due", *(n for n in form.fields if n.endswith(("_due", "_done")))):
        data.pop(name, None)
    data |= {"success_criteria": "Every audit good", "steps": "First\n\n  Second  \n"}

    assert client.post(url("plans:edit_action", shaped), data).status_code == 302

    shaped.refresh_from_db()
    assert (shaped.success_criteria, shaped.steps) == ("Every audit good", ["First", "Second"])
    assert shaped.history.first().history_user == personas.improvement_lead
    assert Objective.objects.get(number="1.1").actions.get() == shaped
