"""Issue 13: the pages that show the plan's actions take at most 10 SQL queries, the same
for a plan of 10 actions or 200, for each persona that reads them (ADR 0024)."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from actionplan.accounts.models import Membership, Role
from actionplan.plans.models import Action, Party, Plan, ProgressRecord, Recommendation
from support.monitoring import small_document, stored

PERSONAS = (Role.IMPROVEMENT_LEAD, Role.LEAD_OFFICER, Role.MEMBER)
MOST = 10


def urls(plan: Plan) -> dict[str, str]:
    rec = Recommendation.objects.filter(plan=plan).first()
    action = Action.objects.filter(recommendation=rec).order_by("order").first()
    return {
        "dashboard": reverse("plans:dashboard", args=[plan.pk]),
        "recommendation": reverse("plans:recommendation", args=[plan.pk, rec.pk]),
        "due": reverse("plans:due", args=[plan.pk]),
        "actions": reverse("plans:actions", args=[plan.pk]),
        "action": reverse("plans:action", args=[plan.pk, action.pk]),
    }


def counts(client, django_user_model, role: str, size: int) -> dict[str, int]:
    doc = small_document(actions=size)
    doc.plan.organisation = f"Council of {size}"
    plan = stored(doc)
    for action in Action.objects.filter(recommendation__plan=plan):
        for percent in (10, 20):  # a history of updates, which must not cost more queries
            ProgressRecord.objects.create(action=action, text="Going", percent_complete=percent)
    user = django_user_model.objects.create_user(f"{role}{size}")
    party = Party.objects.get(organisation=plan.organisation, name="Judith Hay")
    Membership.objects.create(
        user=user, plan=plan, role=role, party=party if role == Role.LEAD_OFFICER else None
    )
    client.force_login(user)
    found = {}
    for name, url in urls(plan).items():
        assert client.get(url).status_code == 200  # the session, the day's ratings: once
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        found[name] = len(queries)
    return found


@pytest.mark.parametrize("role", PERSONAS)
def test_the_action_pages_take_at_most_10_queries_whatever_the_plans_size(
    client, django_user_model, role
):
    few, many = (counts(client, django_user_model, role, n) for n in (10, 200))
    assert few == many, (few, many)
    assert max(few.values()) <= MOST, few
