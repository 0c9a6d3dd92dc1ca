"""The recommendation page loads only its recommendation: the same as the whole plan's
snapshot shows it, in the same number of queries whatever the size of the rest of the plan,
reading none of the other recommendations' actions."""

from __future__ import annotations

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from actionplan.accounts.models import Membership, Role
from actionplan.monitoring import services, snapshot
from actionplan.monitoring.snapshot import NotInPlanYet, plan_as_at
from actionplan.plans.models import Action, Plan, Recommendation
from support.monitoring import D, at, small_document, stored

pytestmark = pytest.mark.django_db


def plan_of(recommendations: int, actions: int, title: str = "Improvement plan") -> Plan:
    """`recommendations` copies of small_document's recommendation (1.0, 2.0, ...), each of
    `actions` actions."""
    doc = small_document(actions, title)
    doc.plan.organisation = title
    first = doc.recommendations[0]
    doc.recommendations = [
        first.model_copy(update={"number": f"{i}.0", "title": f"Recommendation {i}"}, deep=True)
        for i in range(1, recommendations + 1)
    ]
    return stored(doc)


@pytest.fixture
def lead(django_user_model):
    return django_user_model.objects.create_user("stephanie", first_name="Stephanie")


def test_a_recommendation_as_at_a_date_is_as_the_whole_plan_shows_it(lead):
    plan = plan_of(3, actions=4)
    second = Recommendation.objects.get(plan=plan, number="2.0")
    first, on_track, overridden, _ = Action.objects.filter(recommendation=second).order_by("order")
    services.record_update(first, user=lead, status="at_risk", narrative="x", at=at(2013, 1, 10))
    services.record_update(on_track, user=lead, status="on_track", narrative="y", at=at(2013, 3, 1))
    services.override_rag(overridden, user=lead, colour="red", reason="z", at=at(2013, 3, 2))
    services.edit_action(first.pk, {"text": "Reworded"}, first.version, lead, at=at(2013, 2, 1))

    for on in (D(2013, 1, 15), D(2013, 3, 15)):
        whole = plan_as_at(plan, on)
        one = plan_as_at(plan, on, recommendation_id=second.pk)
        (rec,) = one.recommendations
        assert rec == next(r for r in whole.recommendations if r.id == second.pk)
        assert (one.rules, one.on, one.title) == (whole.rules, whole.on, whole.title)
        assert one.rollup == rec.rollup
    assert one.action(first.pk).text == "Reworded"
    assert one.action(overridden.pk).rating.colour == "red"


def test_a_recommendation_of_another_plan_or_before_the_plan_is_not_there():
    mine, theirs = plan_of(1, 2, "Anyshire Council"), plan_of(1, 2, "Elsewhere Council")
    their_rec = Recommendation.objects.get(plan=theirs)
    one = plan_as_at(mine, D(2013, 3, 15), recommendation_id=their_rec.pk)
    assert one.recommendations == ()
    with pytest.raises(NotInPlanYet):
        plan_as_at(mine, D(2012, 12, 2), recommendation_id=their_rec.pk)


def page_cost(client, user, plan: Plan, monkeypatch) -> tuple[int, int]:
    """The recommendation page of the plan's first recommendation: its queries, and the
    action rows the snapshot read."""
    Membership.objects.create(user=user, plan=plan, role=Role.IMPROVEMENT_LEAD)
    rec = Recommendation.objects.get(plan=plan, number="1.0")
    url = reverse("plans:recommendation", args=[plan.pk, rec.pk]) + "?as_at=2013-03-15"
    client.force_login(user)
    client.get(url)  # the session and the like, once
    cache.clear()  # the page rebuilt, not read from the cache (monitoring/cached.py)
    read = []

    class Counted(snapshot._Row):
        def __new__(cls, *values):
            read.append(values[0])
            return super().__new__(cls, *values)

    monkeypatch.setattr(snapshot, "_Row", Counted)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    monkeypatch.undo()
    assert response.status_code == 200
    assert "Recommendation 1" in response.content.decode()
    assert set(read) <= set(rec.actions.values_list("pk", flat=True))
    return len(queries), len(read)


def test_the_recommendation_page_does_not_grow_with_the_rest_of_the_plan(
    client, django_user_model, monkeypatch
):
    small = plan_of(1, 5, "Small Council")
    large = plan_of(20, 5, "Large Council")
    for plan in (small, large):
        for action in Action.objects.filter(recommendation__plan=plan):
            services.record_update(
                action, user=None, status="on_track", narrative="x", at=at(2013, 3, 1)
            )
    costs = [
        page_cost(client, django_user_model.objects.create_user(name), plan, monkeypatch)
        for name, plan in (("small", small), ("large", large))
    ]
    assert costs[0] == costs[1]
    assert costs[0][1] == 5
