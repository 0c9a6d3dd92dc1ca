"""The plan as it stood on a date: structure from its history, updates written by then,
RAG by the rules then; deadlines, "my actions"; a fixed number of queries."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from actionplan.monitoring import services
from actionplan.monitoring.deadlines import deadlines, my_actions
from actionplan.monitoring.snapshot import (
    NotInPlanYet,
    action_page,
    plan_as_at,
)
from actionplan.plans.models import Action, Party
from actionplan.plans.services import store_plan
from support.monitoring import D, at, small_document, stored

pytestmark = pytest.mark.django_db


def update(action, user, status, when, **kwargs):
    return services.record_update(
        action, user=user, status=status, narrative=status, at=when, **kwargs
    )


def test_the_plan_shows_its_recommendations_actions_owners_and_milestones(plan):
    snapshot = plan_as_at(plan, D(2013, 1, 15))

    (rec,) = snapshot.recommendations
    assert (rec.number, [o.name for o in rec.owners]) == ("1.0", ["Judith Hay"])
    first = rec.actions[0]
    assert (first.label, first.text, first.due) == ("1", "Action 1", D(2013, 6, 30))
    assert ([p.name for p in first.leads], [p.name for p in first.partners]) == (
        ["Judith Hay"],
        ["NYAS"],
    )
    assert [(m.text, m.due, m.met) for m in first.milestones] == [
        ("Audit – February 2013", D(2013, 2, 28), False)
    ]
    assert snapshot.organisation == "Anyshire Council"


def test_a_plan_is_not_shown_for_a_date_before_it_was_stored(plan):
    with pytest.raises(NotInPlanYet, match="2 December 2012"):
        plan_as_at(plan, D(2012, 12, 2))


def test_an_edit_shows_from_the_day_it_was_saved_and_not_before(action, people, plan):
    services.edit_action(
        action.pk, {"text": "Reworded", "leads": []}, action.version, people.lead, at=at(2013, 2, 1)
    )

    before, after = plan_as_at(plan, D(2013, 1, 31)), plan_as_at(plan, D(2013, 2, 1))

    assert (before.action(action.pk).text, after.action(action.pk).text) == ("Action 1", "Reworded")
    assert [p.name for p in before.action(action.pk).leads] == ["Judith Hay"]
    assert after.action(action.pk).leads == ()


def test_an_action_a_later_import_dropped_still_shows_before_it_was_dropped(plan):
    doc = small_document()
    doc.recommendations[0].actions.pop()
    dropped = Action.objects.get(recommendation__plan=plan, ref="3")
    store_plan(doc)

    assert not Action.objects.filter(pk=dropped.pk).exists()
    assert plan_as_at(plan, D(2013, 1, 1)).action(dropped.pk).text == "Action 3"
    with pytest.raises(NotInPlanYet):
        plan_as_at(plan).action(dropped.pk)


def test_only_updates_written_by_the_end_of_the_day_show(action, people, plan):
    update(action, people.officer, "at_risk", at(2013, 1, 7, 23))

    assert plan_as_at(plan, D(2013, 1, 6)).action(action.pk).latest is None
    shown = plan_as_at(plan, D(2013, 1, 7)).action(action.pk)
    assert (shown.status, shown.latest.author, shown.rating.colour) == (
        "at_risk",
        "Judith Hay",
        "amber",
    )


def test_rag_is_computed_as_at_the_date_asked(action, people, plan):
    update(action, people.officer, "on_track", at(2013, 1, 7))

    colours = [
        plan_as_at(plan, d).action(action.pk).rating.colour
        for d in (D(2013, 2, 28), D(2013, 3, 1), D(2013, 4, 1))
    ]

    assert colours == ["green", "amber", "red"]  # the milestone was due 28 February


def test_a_milestone_met_in_time_keeps_the_action_green(action, people, plan):
    milestone = action.milestones.get()
    update(
        action,
        people.officer,
        "on_track",
        at(2013, 2, 27),
        milestones_done={milestone.pk: D(2013, 2, 26)},
    )

    shown = plan_as_at(plan, D(2013, 4, 1)).action(action.pk)

    assert shown.rating.colour == "green"
    assert shown.milestones[0].met


def test_recommendation_and_plan_roll_ups_count_the_colours(plan, people):
    one, two, _three = Action.objects.filter(recommendation__plan=plan).order_by("order")
    update(one, people.officer, "on_track", at(2013, 1, 7))
    update(two, people.officer, "off_track", at(2013, 1, 7))

    snapshot = plan_as_at(plan, D(2013, 1, 8))

    assert dict(snapshot.rollup.counts) == {
        "red": 1,
        "amber": 0,
        "green": 1,
        "blue": 0,
        "grey": 1,
        "black": 0,
    }
    assert (snapshot.rollup.worst, snapshot.rollup.percent) == ("red", 50)
    assert snapshot.recommendations[0].rollup == snapshot.rollup


def test_deadlines_lists_what_is_overdue_and_due_in_the_next_fortnight(plan, people):
    one, two, three = Action.objects.filter(recommendation__plan=plan).order_by("order")
    update(
        three,
        people.officer,
        "on_track",
        at(2013, 2, 1),
        milestones_done={three.milestones.get().pk: D(2013, 2, 1)},
    )

    soon = deadlines(plan_as_at(plan, D(2013, 2, 20)))
    late = deadlines(plan_as_at(plan, D(2013, 3, 4)))

    assert [(d.action.id, d.due, d.days) for d in soon.due_soon] == [
        (one.pk, D(2013, 2, 28), 8),
        (two.pk, D(2013, 2, 28), 8),
    ]
    assert soon.overdue == ()
    assert [(d.action.id, d.days) for d in late.overdue] == [(one.pk, 4), (two.pk, 4)]
    assert late.overdue[0].recommendation.number == "1.0"


def test_a_finished_action_has_no_deadlines(action, people, plan):
    services.propose_completion(
        action,
        user=people.officer,
        expected_version=action.version,
        impact="Done",
        at=at(2013, 2, 1),
    )

    assert action.pk not in {
        d.action.id for d in deadlines(plan_as_at(plan, D(2013, 3, 4))).overdue
    }


def test_my_actions_are_those_the_party_leads_or_partners_with_their_deadlines(
    plan, people, judith
):
    nyas = Party.objects.get(name="NYAS")
    other = Party.objects.create(organisation=judith.organisation, kind="person", name="Sue Barker")
    action = Action.objects.get(recommendation__plan=plan, ref="2")
    services.edit_action(
        action.pk,
        {"leads": [other.pk], "partners": []},
        action.version,
        people.lead,
        at=at(2013, 1, 2),
    )

    mine = my_actions(judith, D(2013, 3, 4))
    partnered = my_actions(nyas, D(2013, 3, 4))

    assert sorted(a.label for p in mine.plans for a in p.actions()) == ["1", "3"]
    assert set(mine.roles.values()) == {"lead"}
    assert [d.action.label for d in mine.deadlines.overdue] == ["1", "3"]
    assert set(partnered.roles.values()) == {"partner"}
    assert sorted(partnered.roles) == sorted(
        a.pk for a in Action.objects.filter(recommendation__plan=plan) if a.pk != action.pk
    )
    assert my_actions(other, D(2013, 1, 1)).plans == ()


def test_an_action_page_holds_the_action_its_updates_challenges_and_history(action, people):
    update(action, people.officer, "at_risk", at(2013, 1, 7))
    services.ask(action, user=people.member, question="Why at risk?", at=at(2013, 1, 9))
    update(action, people.officer, "on_track", at(2013, 2, 7))

    page = action_page(action, D(2013, 1, 31))

    assert page.action.status == "at_risk"
    assert [u.status for u in page.updates] == ["at_risk"]
    assert [c.question for c in page.challenges] == ["Why at risk?"]
    assert page.history[0].what == "Action created"
    assert page.version == action.version
    assert page.recommendation.number == "1.0"


def many_updates(plan, people, per_action: int = 3) -> None:
    """Every action: a few updates, a milestone met, and an override on every fifth."""
    for i, action in enumerate(Action.objects.filter(recommendation__plan=plan)):
        for month in range(1, per_action + 1):
            update(
                action,
                people.officer,
                ("on_track", "at_risk", "off_track")[month % 3],
                at(2013, month, 5),
            )
        if i % 5 == 0:
            services.override_rag(
                action, user=people.lead, colour="amber", reason="Watch", at=at(2013, 3, 6)
            )
        services.ask(action, user=people.member, question="How?", at=at(2013, 3, 7))


def count_queries(fn) -> int:
    with CaptureQueriesContext(connection) as ctx:
        fn()
    return len(ctx.captured_queries)


def test_the_queries_for_a_plan_as_at_a_date_do_not_grow_with_the_plan(people):
    small, large = stored(small_document(10, "Small")), stored(small_document(200, "Large"))
    many_updates(small, people)
    many_updates(large, people)
    judith = Party.objects.get(name="Judith Hay")

    def pages(plan):
        return [
            count_queries(lambda: plan_as_at(plan, D(2013, 3, 15))),
            count_queries(
                lambda: action_page(
                    Action.objects.filter(recommendation__plan=plan).last().pk, D(2013, 3, 15)
                )
            ),
        ]

    assert pages(small) == pages(large)
    assert pages(small)[0] == 10
    assert count_queries(lambda: my_actions(judith, D(2013, 3, 15))) <= 2 + 2 * 10
