"""The to-do list at the top of the dashboard and counted in the navigation, per role
(issue 16, point 1); papers to issue come from the reports app through `todo_sources`."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from actionplan.governance.models import Meeting
from actionplan.monitoring import challenging, services
from actionplan.monitoring.todo import todo
from actionplan.plans.models import Body
from actionplan.reports import services as papers

pytestmark = pytest.mark.django_db


def dashboard(client, user, plan):
    client.force_login(user)
    return client.get(reverse("plans:dashboard", args=[plan.pk])).content.decode()


def test_the_dashboard_opens_with_the_to_do_list_and_the_navigation_counts_it(client, personas):
    action = personas.led_action()
    services.propose_completion(
        action, user=personas.lead_officer, expected_version=action.version, impact="Done"
    )
    challenging.ask(action, user=personas.member, question="What changed for children?")

    html = dashboard(client, personas.improvement_lead, personas.plan)
    n = todo(personas.improvement_lead, personas.plan, timezone.localdate()).count
    assert n >= 2
    assert html.index('id="to-do"') < html.index('id="where-the-plan-stands"')
    assert "Completions to sign off (1)" in html
    assert "Questions to answer (1)" in html
    assert f"Dashboard</strong> ({n} to do)</a>" in html
    client.force_login(personas.improvement_lead)
    people = client.get(reverse("plans:people", args=[personas.plan.pk])).content.decode()
    assert f">Dashboard ({n} to do)</a>" in people
    assert reverse("plans:action", args=[personas.plan.pk, action.pk]) + "#what-you-can-do" in html

    officer = dashboard(client, personas.lead_officer, personas.plan)
    assert "Questions to answer (1)" in officer
    assert "Completions to sign off" not in officer

    member = dashboard(client, personas.member, personas.plan)
    assert "Nothing is waiting for you in this plan." in member
    assert "to do)" not in member


def test_a_draft_paper_for_a_meeting_soon_is_on_the_improvement_leads_list_until_issued(
    personas,
):
    today = timezone.localdate()
    cyplt = Body.objects.get(organisation=personas.plan.organisation, abbreviation="CYPLT")
    Meeting.objects.create(body=cyplt, date=today + dt.timedelta(days=5))
    draft = papers.draft_paper(
        personas.plan, cyplt, today, user=personas.improvement_lead, period_end=today
    )
    later = Body.objects.filter(organisation=personas.plan.organisation).exclude(pk=cyplt.pk)[0]
    Meeting.objects.create(body=later, date=today + dt.timedelta(days=60))
    papers.draft_paper(
        personas.plan,
        later,
        today,
        user=personas.improvement_lead,
        period_end=today + dt.timedelta(days=60),
    )

    lists = {g.kind: g.items for g in todo(personas.improvement_lead, personas.plan, today).groups}
    assert [i.href for i in lists["papers"]] == [
        reverse("reports:paper", args=[personas.plan.pk, draft.pk])
    ]
    assert "meets" in lists["papers"][0].detail
    assert not any(
        g.kind == "papers" for g in todo(personas.lead_officer, personas.plan, today).groups
    )

    draft.delete()
    assert not any(
        g.kind == "papers" for g in todo(personas.improvement_lead, personas.plan, today).groups
    )


def test_my_actions_shows_open_actions_apart_from_finished_ones(client, personas):
    action = personas.led_action()
    services.propose_completion(
        action, user=personas.lead_officer, expected_version=action.version, impact="Done"
    )
    client.force_login(personas.lead_officer)
    html = client.get(reverse("plans:my_actions", args=[personas.plan.pk])).content.decode()

    assert "Your open actions" in html
    finished = html.index('id="my-completed-actions"')
    assert html.index('id="my-actions"') < finished
    assert html.index(action.text[:40], finished) > finished
