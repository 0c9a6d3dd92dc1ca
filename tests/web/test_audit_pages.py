"""The audit pages through Django's test client: the auditor's, the moderator's, the
improvement lead's and a member's, with what each form keeps and refuses."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from actionplan.audits.models import CaseAudit, Finding, Moderation, ToolVersion
from actionplan.plans.models import Action
from support.audits import TOOL, audit_world, make_audit, record

pytestmark = pytest.mark.django_db


def case_form(reference="CA-2013-0099", **overrides):
    data = {
        "case_reference": reference,
        "audited_on_day": "14",
        "audited_on_month": "2",
        "audited_on_year": "2013",
        "q_seen-alone": "yes",
        "q_views": "good",
        "q_plan-quality": "n/a",
        "overall_grade": "good",
        "strengths": "Seen alone; views recorded in the child's words.",
        "improvements": "",
        "team_actions": "",
    }
    data.update(overrides)
    return data


@pytest.fixture
def world(personas):
    return audit_world(personas)


def test_the_auditor_records_a_case_and_it_shows_on_the_audit(client, personas, world):
    audit = world[0]
    client.force_login(personas.lead_officer)
    url = reverse("audits:add_case", args=[personas.plan.pk, audit.pk])
    response = client.post(url, case_form())
    assert response.status_code == 302
    case = CaseAudit.objects.get(case_reference="CA-2013-0099")
    assert case.answers["plan-quality"] == "n/a" and case.auditor == personas.lead_officer
    page = client.get(reverse("audits:audit", args=[personas.plan.pk, audit.pk])).content.decode()
    assert "CA-2013-0099" in page and "2 cases audited" in page


def test_a_refused_case_keeps_what_was_typed_but_not_the_identifier(client, personas, world):
    audit = world[0]
    client.force_login(personas.lead_officer)
    url = reverse("audits:add_case", args=[personas.plan.pk, audit.pk])
    typed = "Seen alone at home, DOB 13/03/2009, views recorded"
    response = client.post(url, case_form(strengths=typed))
    page = response.content.decode()
    assert response.status_code == 200 and page.count("There is a problem") == 1
    assert "Strengths seems to contain a date of birth" in page
    assert "13/03/2009" not in page
    assert "Seen alone at home, DOB [removed], views recorded" in page
    assert 'value="CA-2013-0099"' in page  # the rest of the form is kept
    assert not CaseAudit.objects.filter(case_reference="CA-2013-0099").exists()


def test_a_case_form_missing_answers_names_each_question(client, personas, world):
    client.force_login(personas.lead_officer)
    url = reverse("audits:add_case", args=[personas.plan.pk, world[0].pk])
    page = client.post(url, {}).content.decode()
    for message in (
        "Enter the case reference",
        "Enter the date audited",
        "Answer the question: Was the child seen alone at the last visit?",
        "Choose the case&#x27;s overall grade",
    ):
        assert message in page
    bad = client.post(url, case_form(reference="Jane Smith")).content.decode()
    assert "with no spaces" in bad


def test_the_moderator_changes_a_grade_with_a_reason_and_both_show(client, personas, world):
    case = world[1]
    client.force_login(personas.partner)
    url = reverse("audits:moderate_case", args=[personas.plan.pk, case.pk])
    form = {
        "q_seen-alone": "yes",
        "q_views": "good",
        "q_plan-quality": "requires_improvement",
        "overall_grade": "inadequate",
    }
    page = client.post(url, form).content.decode()
    assert "Say why you changed the grade" in page
    client.post(url, {**form, "reason": "No plan for the child's safety at home"})
    assert Moderation.objects.get().changed() == {"overall": ("good", "inadequate")}
    page = client.get(reverse("audits:case", args=[personas.plan.pk, case.pk])).content.decode()
    assert "Overall grade: Good to Inadequate" in page
    assert "No plan for the child&#x27;s safety at home" in page


def test_a_member_reads_findings_but_not_cases_and_can_ask(client, personas, world):
    audit = world[0]
    client.force_login(personas.member)
    page = client.get(reverse("audits:audit", args=[personas.plan.pk, audit.pk])).content.decode()
    assert "Plans need clearer timescales." in page
    assert "CA-2013-0001" not in page and "Cases audited" not in page
    response = client.post(
        reverse("audits:ask", args=[personas.plan.pk, audit.pk]),
        {"question": "Why are so few plans good?"},
    )
    assert response.status_code == 302
    client.force_login(personas.lead_officer)  # an auditor answers
    question = audit.questions.get(question="Why are so few plans good?")
    client.post(
        reverse("audits:answer", args=[personas.plan.pk, question.pk]),
        {"text": "Timescales were missing; the new template adds them."},
    )
    assert question.answers.get().answered_by == personas.lead_officer


def test_the_lead_makes_a_finding_an_action_and_is_taken_to_it(client, personas, world):
    finding = world[2]
    client.force_login(personas.improvement_lead)
    rec = personas.plan.recommendations.get(number="4")
    response = client.post(
        reverse("audits:finding_action", args=[personas.plan.pk, finding.pk]),
        {
            "recommendation": rec.pk,
            "text": "Add timescales to CiN plans",
            "leads": [personas.lead_party.pk],
        },
    )
    action = Action.objects.get(text="Add timescales to CiN plans")
    assert response["Location"].startswith(
        reverse("plans:action", args=[personas.plan.pk, action.pk])
    )
    assert Finding.objects.get(pk=finding.pk).links.get().made_from_finding


def test_changing_a_used_tool_says_a_new_version_was_made(client, personas, world):
    tool = world[0].tool
    client.force_login(personas.improvement_lead)
    response = client.post(
        reverse("audits:edit_tool", args=[personas.plan.pk, tool.pk]),
        {"name": tool.name, "definition": TOOL + "Question extra (grade): Another?\n"},
        follow=True,
    )
    assert "Saved as version 2" in response.content.decode()
    assert ToolVersion.objects.filter(tool=tool).count() == 2
    wrong = client.post(
        reverse("audits:edit_tool", args=[personas.plan.pk, tool.pk]),
        {"name": tool.name, "definition": "Question x (grade): Y?"},
    )
    assert "Line 1: start with a &#x27;Section:&#x27; line" in wrong.content.decode()


def test_the_lead_plans_an_audit_and_it_is_on_the_programme(client, personas):
    plan = personas.plan
    make_audit(plan)  # for its tool
    client.force_login(personas.improvement_lead)
    response = client.post(
        reverse("audits:add_audit", args=[plan.pk]),
        {
            "title": "Supervision records",
            "quarter_start": "2013-07-01",
            "due_day": "30",
            "due_month": "9",
            "due_year": "2013",
            "sample_size": "20",
            "tool": plan.audit_tools.get().pk,
            "auditors": [personas.lead_party.pk],
        },
    )
    assert response.status_code == 302
    page = client.get(reverse("audits:programme", args=[plan.pk])).content.decode()
    assert "Q2 2013/14" in page and "Supervision records" in page and "0 of 20 cases" in page
    bad = client.post(reverse("audits:add_audit", args=[plan.pk]), {"sample_size": "none"})
    assert "Enter the sample size as a whole number" in bad.content.decode()


def test_completing_an_audit_needs_a_case(client, personas):
    audit = make_audit(personas.plan)
    client.force_login(personas.improvement_lead)
    url = reverse("audits:complete_audit", args=[personas.plan.pk, audit.pk])
    page = client.post(url).content.decode()
    assert "Audit at least one case" in page and "<title>Error: " in page
    record(audit, personas.improvement_lead)
    assert client.post(url).status_code == 302


def test_the_lead_feeds_an_indicator_from_a_yes_question(client, personas, world):
    client.force_login(personas.improvement_lead)
    url = reverse("audits:measures", args=[personas.plan.pk])
    page = client.get(url).content.decode()
    assert "Was the child seen alone at the last visit? (CSC case file audit tool)" in page
    missing = client.post(url, {"name": "Seen alone", "measure": "answer_yes"}).content.decode()
    assert "Choose the question whose yes answers are counted" in missing
    response = client.post(
        url,
        {
            "name": "Seen alone",
            "measure": "answer_yes",
            "question_key": "seen-alone",
            "target": "90",
        },
    )
    indicator = personas.plan.indicators.get(name="Seen alone")
    assert response["Location"].startswith(
        reverse("indicators:indicator", args=[personas.plan.pk, indicator.pk])
    )
    assert indicator.audit_measure.question_key == "seen-alone"


def test_the_audit_page_reads_a_fixed_number_of_queries(client, personas):
    audit, *_ = audit_world(personas)
    url = reverse("audits:audit", args=[personas.plan.pk, audit.pk])
    client.force_login(personas.improvement_lead)
    client.get(url)  # warm: the session, the user's memberships
    counts = []
    for n in (2, 12):
        for i in range(len(audit.cases.all()), n):
            record(audit, personas.lead_officer, reference=f"Q-{i}")
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1], counts
