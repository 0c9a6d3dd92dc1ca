"""Importing keeps the history too: who imported what and when, only what changed."""

import importlib

import pytest
from django.apps import apps

from actionplan.monitoring import services
from actionplan.monitoring.snapshot import plan_as_at
from actionplan.plans.models import Action, ActionParty, Milestone, Plan, Recommendation
from actionplan.plans.services import store_plan
from support.monitoring import D, at, small_document

pytestmark = pytest.mark.django_db


def test_an_import_records_every_row_it_creates_with_the_user_and_the_reason(people):
    plan = store_plan(small_document(), user=people.lead).plan

    for model in (Plan, Recommendation, Action, ActionParty, Milestone):
        versions = model.history.all()
        assert versions.count() == model.objects.count(), model
        assert {(v.history_type, v.history_user_id, v.history_change_reason) for v in versions} == {
            ("+", people.lead.pk, "import")
        }
    assert plan.history.count() == 1


def test_importing_the_same_document_again_records_no_history():
    store_plan(small_document())
    counts = [m.history.count() for m in (Plan, Recommendation, Action, ActionParty, Milestone)]

    store_plan(small_document())

    assert [
        m.history.count() for m in (Plan, Recommendation, Action, ActionParty, Milestone)
    ] == counts


def test_a_reworded_action_is_one_new_version_with_its_version_number_moved_on():
    store_plan(small_document())
    action = Action.objects.get(ref="2")
    doc = small_document()
    doc.recommendations[0].actions[1].text = "Action 2, reworded"

    store_plan(doc)

    action.refresh_from_db()
    assert [v.text for v in action.history.order_by("history_date", "history_id")] == [
        "Action 2",
        "Action 2, reworded",
    ]
    assert action.version == 2
    assert Action.history.count() == 4


def test_a_milestone_met_stays_met_when_the_plan_is_imported_again(plan, action, people):
    milestone = action.milestones.get()
    services.record_update(
        action,
        user=people.officer,
        status="on_track",
        narrative="Met",
        milestones_done={milestone.pk: D(2013, 2, 1)},
        at=at(2013, 2, 1),
    )

    store_plan(small_document())

    milestone.refresh_from_db()
    assert milestone.done_on == D(2013, 2, 1)


def test_a_new_milestone_in_the_document_is_added_and_the_others_kept(plan, action):
    milestone = action.milestones.get()
    doc = small_document()
    doc.recommendations[0].actions[0].milestones.insert(
        0,
        doc.recommendations[0]
        .actions[0]
        .milestones[0]
        .model_copy(update={"text": "Plan agreed", "due": D(2013, 1, 31)}),
    )

    store_plan(doc)

    assert list(action.milestones.order_by("order").values_list("text", "pk")) == [
        ("Plan agreed", milestone.pk + 3),
        ("Audit – February 2013", milestone.pk),
    ]


@pytest.mark.parametrize("record", ["override", "challenge"])
def test_an_action_with_an_override_or_a_challenge_is_retired_not_deleted(plan, people, record):
    action = Action.objects.get(ref="3")
    if record == "override":
        services.override_rag(action, user=people.lead, colour="red", reason="x")
    else:
        services.ask(action, user=people.member, question="Why?")
    doc = small_document()
    doc.recommendations[0].actions.pop()

    result = store_plan(doc)

    action.refresh_from_db()
    assert action.retired
    assert result.actions_retired == 1
    assert action.history.first().retired


def test_a_recommendation_with_a_challenge_is_retired_not_deleted(plan, people):
    rec = plan.recommendations.get()
    services.ask(rec, user=people.member, question="Is it working?")
    doc = small_document()
    doc.recommendations[0].number = "2.0"

    store_plan(doc)

    rec.refresh_from_db()
    assert rec.retired


def test_plans_stored_before_history_was_kept_get_a_first_version_dated_when_stored():
    plan = store_plan(small_document()).plan
    for model in (Plan, Recommendation, Action, ActionParty, Milestone):
        model.history.all().delete()
    migration = importlib.import_module(
        "actionplan.plans.migrations.0003_history_of_existing_plans"
    )

    migration.record_existing(apps, None)

    assert Action.history.count() == Action.objects.count()
    assert {v.history_date for v in Action.history.all()} == {plan.created_at}
    assert len(plan_as_at(plan).actions()) == 3
