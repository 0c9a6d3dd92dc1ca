"""Each plan page renders for the improvement lead, with what the seed plan holds."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils.html import escape

from actionplan.plans.models import Action, Recommendation


@pytest.fixture
def lead_client(client, personas):
    client.force_login(personas.improvement_lead)
    return client


def test_home_sends_a_user_with_one_plan_to_it(lead_client, personas):
    response = lead_client.get(reverse("home"))
    assert response.status_code == 302
    assert response["Location"] == reverse("plans:dashboard", args=[personas.plan.pk])


def test_home_sends_a_visitor_to_sign_in(client, db):
    response = client.get(reverse("home"))
    assert response["Location"] == reverse("accounts:sign_in")


def test_dashboard_lists_the_ten_recommendations_with_their_action_counts(lead_client, personas):
    response = lead_client.get(reverse("plans:dashboard", args=[personas.plan.pk]))
    html = response.content.decode()
    assert response.status_code == 200
    assert html.count(f'href="/plans/{personas.plan.pk}/recommendations/') == 10
    assert "<title>Post Inspection Action Plan – actionplan</title>" in html
    assert "North Yorkshire County Council" in html


def test_recommendation_page_shows_its_actions(lead_client, personas):
    rec = Recommendation.objects.filter(plan=personas.plan).order_by("order").first()
    response = lead_client.get(reverse("plans:recommendation", args=[personas.plan.pk, rec.pk]))
    assert response.status_code == 200
    assert escape(rec.title) in response.content.decode()


def test_action_page_shows_milestones_and_reporting(lead_client, personas):
    action = Action.objects.filter(
        recommendation__plan=personas.plan, milestones__isnull=False
    ).first()
    response = lead_client.get(reverse("plans:action", args=[personas.plan.pk, action.pk]))
    html = response.content.decode()
    assert response.status_code == 200
    assert escape(action.milestones.first().text) in html


@pytest.mark.parametrize("name", ["people", "bodies", "my_actions", "due"])
def test_plan_pages_render(lead_client, personas, name):
    response = lead_client.get(reverse(f"plans:{name}", args=[personas.plan.pk]))
    assert response.status_code == 200
