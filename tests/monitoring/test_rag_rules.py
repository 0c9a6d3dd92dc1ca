"""RAG from rules kept as data: the default set, a council's own set, and checking rules."""

import datetime as dt

import pytest

from actionplan.monitoring import rag
from actionplan.monitoring.rag import DEFAULT_RULES, ActionState, Deadline, RuleError, rate

D = dt.date
ON = D(2013, 3, 15)


def state(status=None, *, due=None, done_on=None, signed_off=False, updated_on=None):
    deadlines = (Deadline("Audit of supervision – May 2013", due, done_on),) if due else ()
    return ActionState(status, signed_off, deadlines, updated_on)


def colour(s: ActionState, on: dt.date = ON) -> str:
    return rate(s, on, DEFAULT_RULES).colour


def test_an_action_on_track_is_green():
    assert colour(state("on_track")) == "green"


def test_an_action_at_risk_is_amber_and_one_off_track_is_red():
    assert colour(state("at_risk")) == "amber"
    assert colour(state("off_track")) == "red"


def test_a_day_past_a_milestone_turns_an_action_on_track_amber():
    assert colour(state("on_track", due=D(2013, 3, 14))) == "amber"


def test_a_month_past_a_milestone_is_still_amber_and_a_day_more_is_red():
    due = D(2013, 2, 12)

    assert colour(state("on_track", due=due), on=due + dt.timedelta(days=31)) == "amber"
    assert colour(state("on_track", due=due), on=due + dt.timedelta(days=32)) == "red"


def test_a_milestone_met_before_the_date_does_not_count_against_the_action():
    met = state("on_track", due=D(2013, 1, 31), done_on=D(2013, 1, 30))

    assert colour(met) == "green"


def test_a_milestone_met_after_the_date_still_counted_against_it_then():
    late = state("on_track", due=D(2013, 1, 31), done_on=D(2013, 4, 1))

    assert colour(late) == "red"
    assert colour(late, on=D(2013, 4, 2)) == "green"


def test_a_signed_off_action_is_blue_even_past_its_milestones():
    assert colour(state("complete", signed_off=True, due=D(2012, 11, 30))) == "blue"


def test_an_action_awaiting_sign_off_is_green_with_its_own_label():
    rating = rate(state("completed_awaiting_sign_off", due=D(2012, 11, 30)), ON, DEFAULT_RULES)

    assert (rating.colour, rating.label) == ("green", "Completed – awaiting sign-off")


def test_an_action_closed_without_completion_is_black_and_one_not_started_is_grey():
    assert colour(state("closed_not_completed")) == "black"
    assert colour(state("not_started")) == "grey"
    assert colour(state(None)) == "grey"


def test_an_action_with_no_update_past_its_milestone_is_red():
    assert colour(state(None, due=D(2012, 11, 30))) == "red"


def test_the_reason_names_the_milestone_and_how_late_it_is():
    rating = rate(state("on_track", due=D(2013, 1, 31)), ON, DEFAULT_RULES)

    assert rating.reason == (
        "'Audit of supervision – May 2013' was due 31 January 2013, 43 days before 15 March 2013"
    )


def test_the_reason_quotes_the_latest_update_when_the_status_decides():
    rating = rate(state("at_risk", updated_on=D(2013, 2, 28)), ON, DEFAULT_RULES)

    assert rating.reason == "the latest update (28 February 2013) says at risk"
    assert rate(state(None), ON, DEFAULT_RULES).reason == "no progress update yet"


def test_the_key_lists_every_rule_with_its_meaning():
    entries = rag.key(DEFAULT_RULES)

    assert [e.colour for e in entries] == [
        "red", "amber", "green", "green", "blue", "grey", "black"
    ]  # fmt: skip
    assert all(e.meaning for e in entries)
    assert "more than a month" in entries[0].meaning


def test_without_an_order_colours_show_in_the_order_the_rules_use_them():
    assert rag.parse_rules(COUNCIL).colours() == ["blue", "red", "amber", "green"]


COUNCIL = {
    "name": "Anyshire: Amber = potential cause for concern",
    "rules": [
        {
            "colour": "blue",
            "label": "Achieved",
            "meaning": "Fully achieved and signed off.",
            "when": {"status": ["complete"]},
            "weight": 1,
        },
        {
            "colour": "red",
            "label": "Serious concern",
            "meaning": "Off track or more than 14 days behind.",
            "when": {"any": [{"status": ["off_track"]}, {"days_overdue_over": 14}]},
            "weight": 0,
        },
        {
            "colour": "amber",
            "label": "Potential cause for concern",
            "meaning": "At risk, or behind a milestone.",
            "when": {"any": [{"status": ["at_risk"]}, {"days_overdue_over": 0}]},
            "weight": 0.5,
        },
        {"colour": "green", "label": "On track", "meaning": "Everything else.", "weight": 1},
    ],
}


def test_a_council_rule_set_uses_its_own_thresholds_and_labels():
    rules = rag.parse_rules(COUNCIL)
    s = state("on_track", due=D(2013, 2, 28))

    rating = rate(s, ON, rules)

    assert (rating.colour, rating.label) == ("red", "Serious concern")
    assert colour(s) == "amber"


def test_a_rule_set_survives_a_round_trip_through_its_data():
    rules = rag.parse_rules(COUNCIL)

    assert rag.parse_rules(rules.to_data()) == rules
    assert rag.parse_rules(DEFAULT_RULES.to_data()) == DEFAULT_RULES


def test_an_override_shows_its_colour_and_reason_and_keeps_what_the_rules_said():
    computed = rate(state("on_track"), ON, DEFAULT_RULES)

    shown = rag.overridden(computed, "amber", "Staffing gap in the audit team", DEFAULT_RULES)

    assert (shown.colour, shown.label, shown.overridden) == ("amber", "At risk", True)
    assert shown.reason == "Staffing gap in the audit team"
    assert shown.computed.colour == "green"


def rules_with(**changes) -> dict:
    rule = {"colour": "green", "label": "On track", "meaning": "Fine.", "when": {}, **changes}
    return {"name": "Test", "rules": [rule]}


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ([], "an object"),
        ({"name": "", "rules": []}, "needs a name"),
        ({"name": "x", "rules": []}, "at least one rule"),
        ({"name": "x", "rules": [], "extra": 1}, "not extra"),
        (rules_with() | {"order": ["green", "red"]}, "each colour once"),
        (rules_with(colour="Red!"), "lower-case word"),
        (rules_with(meaning=""), "meaning is missing"),
        (rules_with(weight=2), "from 0 to 1"),
        (rules_with(weight=True), "from 0 to 1"),
        (rules_with(when={"status": ["done"]}), "unknown status 'done'"),
        (rules_with(when={"days_overdue_over": -1}), "0 or more"),
        (rules_with(when={"any": []}), "list of conditions"),
        (rules_with(when={"signed_off": "yes"}), "true or false"),
        (rules_with(when={"colour": "red"}), "unknown condition 'colour'"),
        (rules_with(when="always"), "a condition is an object"),
        (rules_with(shade="dark"), "unknown field shade"),
        (rules_with(when={"status": ["on_track"]}), "must apply to every action"),
    ],
)
def test_a_rule_set_that_cannot_work_is_refused_with_a_reason(data, message):
    with pytest.raises(RuleError, match=message):
        rag.parse_rules(data)


def test_two_rules_of_one_colour_must_weigh_the_same():
    data = COUNCIL | {"rules": [*COUNCIL["rules"][:-1], {**COUNCIL["rules"][-1], "weight": 0.9}]}
    data["rules"].insert(0, {**COUNCIL["rules"][-1], "when": {"status": ["on_track"]}})

    with pytest.raises(RuleError, match="every green rule must have the same weight"):
        rag.parse_rules(data)
