"""A manual override needs a reason and shows until cleared; a plan's own RAG rules."""

import pytest

from actionplan.monitoring import rag, services
from actionplan.monitoring.models import RagOverride
from actionplan.monitoring.services import InvalidTransition, MonitoringError
from actionplan.monitoring.snapshot import plan_as_at
from actionplan.plans.models import AppendOnlyError
from support.monitoring import D, at

pytestmark = pytest.mark.django_db


def rating(action, on):
    return plan_as_at(action.recommendation.plan, on).action(action.pk).rating


def on_track(action, people):
    services.record_update(
        action, user=people.officer, status="on_track", narrative="Fine", at=at(2013, 1, 7)
    )


def test_an_override_shows_its_colour_and_reason_and_what_the_rules_say(action, people):
    on_track(action, people)

    services.override_rag(
        action, user=people.lead, colour="red", reason="Audit team off sick", at=at(2013, 1, 8)
    )

    shown = rating(action, D(2013, 1, 9))
    assert (shown.colour, shown.overridden, shown.reason) == ("red", True, "Audit team off sick")
    assert shown.computed.colour == "green"
    view = plan_as_at(action.recommendation.plan, D(2013, 1, 9)).action(action.pk)
    assert view.override.by == "Stephanie Bratcher"


def test_an_override_shows_only_from_when_it_was_made(action, people):
    on_track(action, people)
    services.override_rag(action, user=people.lead, colour="red", reason="x", at=at(2013, 1, 8))

    assert rating(action, D(2013, 1, 7)).overridden is False


def test_clearing_an_override_is_a_new_record_and_the_rules_show_again(action, people):
    on_track(action, people)
    services.override_rag(action, user=people.lead, colour="red", reason="x", at=at(2013, 1, 8))

    services.clear_override(action, user=people.lead, reason="Staff back", at=at(2013, 1, 10))

    assert rating(action, D(2013, 1, 9)).colour == "red"
    assert (rating(action, D(2013, 1, 10)).colour, rating(action, D(2013, 1, 10)).overridden) == (
        "green",
        False,
    )
    assert RagOverride.objects.filter(action=action).count() == 2


def test_an_override_needs_a_reason_and_a_colour_of_the_plans_rules(action, people):
    with pytest.raises(MonitoringError) as no_reason:
        services.override_rag(action, user=people.lead, colour="red", reason="")
    with pytest.raises(MonitoringError) as no_colour:
        services.override_rag(action, user=people.lead, colour="purple", reason="x")

    assert (no_reason.value.field, no_colour.value.field) == ("reason", "colour")


def test_there_is_nothing_to_clear_without_an_override(action, people):
    with pytest.raises(InvalidTransition):
        services.clear_override(action, user=people.lead)


def test_an_override_is_never_changed_or_deleted(action, people):
    override = services.override_rag(action, user=people.lead, colour="amber", reason="x")

    with pytest.raises(AppendOnlyError):
        override.delete()


COUNCIL = {
    "name": "Anyshire: amber two weeks late, red a fortnight more",
    "rules": [
        {
            "colour": "blue",
            "label": "Achieved",
            "meaning": "Signed off.",
            "when": {"status": ["complete"]},
            "weight": 1,
        },
        {
            "colour": "red",
            "label": "Serious concern",
            "meaning": "Off track or over 28 days late.",
            "when": {"any": [{"status": ["off_track"]}, {"days_overdue_over": 28}]},
            "weight": 0,
        },
        {
            "colour": "amber",
            "label": "Potential cause for concern",
            "meaning": "Any milestone late.",
            "when": {"days_overdue_over": 0},
            "weight": 0.5,
        },
        {"colour": "green", "label": "On track", "meaning": "Everything else.", "weight": 1},
    ],
}


def test_a_plans_own_rules_give_its_colours_and_key(action, people, plan):
    services.set_rag_rules(plan, COUNCIL, user=people.lead, at=at(2013, 1, 2))

    # The milestone was due 28 February 2013: 29 days late on 29 March.
    assert rating(action, D(2013, 3, 29)).label == "Serious concern"
    assert plan_as_at(plan, D(2013, 3, 29)).key[0].label == "Achieved"
    assert services.rules_for(plan).name.startswith("Anyshire")


def test_the_rules_in_force_on_a_date_rate_the_plan_as_at_that_date(action, people, plan):
    services.set_rag_rules(plan, COUNCIL, user=people.lead, at=at(2013, 4, 1))

    assert rating(action, D(2013, 3, 31)).label == "At risk"  # the default rules, then
    assert rating(action, D(2013, 4, 1)).label == "Serious concern"

    services.reset_rag_rules(plan, user=people.lead, at=at(2013, 5, 1))
    assert rating(action, D(2013, 5, 1)).label == "Off track"
    assert services.rules_for(plan) == rag.DEFAULT_RULES


def test_rules_that_cannot_work_are_refused_with_the_reason(plan, people):
    broken = COUNCIL | {"rules": COUNCIL["rules"][:-1]}

    with pytest.raises(MonitoringError, match="must apply to every action") as refused:
        services.set_rag_rules(plan, broken, user=people.lead)
    assert refused.value.field == "rules"


def test_changing_the_rules_is_kept_in_their_history(plan, people):
    services.set_rag_rules(plan, COUNCIL, user=people.lead, at=at(2013, 1, 2))
    services.set_rag_rules(
        plan, COUNCIL | {"name": "Renamed"}, user=people.other, at=at(2013, 1, 3)
    )

    versions = plan.rag_rules.history.order_by("history_date", "history_id")
    assert [(v.data["name"][:7], v.history_user) for v in versions] == [
        ("Anyshir", people.lead),
        ("Renamed", people.other),
    ]
