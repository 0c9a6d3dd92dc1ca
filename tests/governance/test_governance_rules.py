"""Meeting rules, phrase by phrase: pure Python, no database."""

import datetime as dt
import re
from pathlib import Path

import pytest

from actionplan.governance.rules import EXAMPLES, RuleError, parse_rule

D = dt.date
YEAR_2013 = (D(2013, 1, 1), D(2013, 12, 31))


def dates(phrase: str, start=YEAR_2013[0], end=YEAR_2013[1]) -> list[str]:
    return [d.isoformat() for d in parse_rule(phrase).dates(start, end)]


@pytest.mark.parametrize(
    ("phrase", "first_four"),
    [
        # The four forms the issue names.
        ("third Tuesday of each month", ["2013-01-15", "2013-02-19", "2013-03-19", "2013-04-16"]),
        (
            "first Monday of every other month",
            ["2013-01-07", "2013-03-04", "2013-05-06", "2013-07-01"],
        ),
        ("last Thursday of each quarter", ["2013-03-28", "2013-06-27", "2013-09-26", "2013-12-26"]),
        ("every 2 weeks on Wednesday", ["2013-01-02", "2013-01-16", "2013-01-30", "2013-02-13"]),
        # Other ways of saying the months.
        ("3rd Tue monthly", ["2013-01-15", "2013-02-19", "2013-03-19", "2013-04-16"]),
        (
            "the third Tuesday of every month.",
            ["2013-01-15", "2013-02-19", "2013-03-19", "2013-04-16"],
        ),
        ("first Monday bi-monthly", ["2013-01-07", "2013-03-04", "2013-05-06", "2013-07-01"]),
        (
            "first Monday of every second month",
            ["2013-01-07", "2013-03-04", "2013-05-06", "2013-07-01"],
        ),
        (
            "first Monday of every 3 months",
            ["2013-01-07", "2013-04-01", "2013-07-01", "2013-10-07"],
        ),
        ("first Monday of each quarter", ["2013-01-07", "2013-04-01", "2013-07-01", "2013-10-07"]),
        ("second Wednesday of March each year", ["2013-03-13"]),
        (
            "first Tuesday of January, April, July and October",
            ["2013-01-01", "2013-04-02", "2013-07-02", "2013-10-01"],
        ),
        # Several days in a month.
        (
            "first and third Monday of each month",
            ["2013-01-07", "2013-01-21", "2013-02-04", "2013-02-18"],
        ),
        (
            "2nd & 4th Thursday of each month",
            ["2013-01-10", "2013-01-24", "2013-02-14", "2013-02-28"],
        ),
        (
            "second last Friday of each month",
            ["2013-01-18", "2013-02-15", "2013-03-22", "2013-04-19"],
        ),
        # Days of the month.
        ("the 15th of each month", ["2013-01-15", "2013-02-15", "2013-03-15", "2013-04-15"]),
        ("the last day of each month", ["2013-01-31", "2013-02-28", "2013-03-31", "2013-04-30"]),
        (
            "the 1st and 15th of every month",
            ["2013-01-01", "2013-01-15", "2013-02-01", "2013-02-15"],
        ),
        ("the last day of each quarter", ["2013-03-31", "2013-06-30", "2013-09-30", "2013-12-31"]),
        # Weeks.
        ("every Wednesday", ["2013-01-02", "2013-01-09", "2013-01-16", "2013-01-23"]),
        ("weekly on Monday", ["2013-01-07", "2013-01-14", "2013-01-21", "2013-01-28"]),
        ("fortnightly on Thursday", ["2013-01-03", "2013-01-17", "2013-01-31", "2013-02-14"]),
        ("every fortnight on Thursday", ["2013-01-03", "2013-01-17", "2013-01-31", "2013-02-14"]),
        ("every other Wednesday", ["2013-01-02", "2013-01-16", "2013-01-30", "2013-02-13"]),
        ("alternate Wednesdays", ["2013-01-02", "2013-01-16", "2013-01-30", "2013-02-13"]),
        ("Wednesday every two weeks", ["2013-01-02", "2013-01-16", "2013-01-30", "2013-02-13"]),
        ("every Monday and Thursday", ["2013-01-03", "2013-01-07", "2013-01-10", "2013-01-14"]),
        # A stated start.
        (
            "first Monday of every other month from February",
            ["2013-02-04", "2013-04-01", "2013-06-03", "2013-08-05"],
        ),
        (
            "first Monday of every other month starting March 2013",
            ["2013-03-04", "2013-05-06", "2013-07-01", "2013-09-02"],
        ),
        (
            "every 2 weeks on Wednesday from 9 January 2013",
            ["2013-01-09", "2013-01-23", "2013-02-06", "2013-02-20"],
        ),
    ],
)
def test_a_phrase_gives_the_meeting_dates_it_states(phrase, first_four):
    assert dates(phrase)[:4] == first_four


def test_a_monthly_rule_gives_one_meeting_a_month():
    assert len(dates("third Tuesday of each month")) == 12


def test_a_fifth_weekday_is_skipped_in_months_without_one():
    assert dates("fifth Friday of each month", D(2013, 1, 1), D(2013, 4, 30)) == ["2013-03-29"]


def test_an_every_other_month_rule_counts_from_the_start_of_the_range():
    assert dates("first Monday of every other month", D(2013, 2, 1), D(2013, 6, 30)) == [
        "2013-02-04",
        "2013-04-01",
        "2013-06-03",
    ]


def test_a_fortnightly_rule_counts_from_the_first_matching_day_in_the_range():
    # 3 January 2013 was a Thursday: the first Wednesday is the 9th, not the 16th.
    assert dates("every 2 weeks on Wednesday", D(2013, 1, 3), D(2013, 1, 31)) == [
        "2013-01-09",
        "2013-01-23",
    ]


def test_a_stated_start_date_fixes_the_fortnights_whatever_the_range():
    phrase = "every 2 weeks on Wednesday from 9 January 2013"
    assert dates(phrase, D(2013, 1, 14), D(2013, 2, 10)) == ["2013-01-23", "2013-02-06"]


def test_the_range_includes_both_ends():
    assert dates("third Tuesday of each month", D(2013, 1, 15), D(2013, 2, 19)) == [
        "2013-01-15",
        "2013-02-19",
    ]


def test_an_empty_range_has_no_meetings():
    assert dates("every Wednesday", D(2013, 2, 1), D(2013, 1, 1)) == []


def test_letter_case_and_plurals_do_not_matter():
    assert dates("THIRD TUESDAYS of Each Month")[:1] == ["2013-01-15"]


@pytest.mark.parametrize(
    ("phrase", "reason"),
    [
        ("thrid Tuesday of each month", "'thrid' is not an ordinal"),
        ("third Tuesday", "it stops where the months it applies to"),
        ("third Tuesday of each week", "a position in the month needs months, not a week"),
        ("every 2 weeks", "it stops where a day of the week should follow"),
        ("every month", "'month' is not a day of the week or a number of weeks"),
        ("the 32nd of each month", "there is no day 32 in a month"),
        ("sixth Monday of each month", "'sixth' is not an ordinal"),
        ("the 6th Monday of each month", "a month has at most five of each weekday"),
        ("first Monday of each month please", "'please' is left over"),
        ("every Wednesday from February", "a weekly rule starts from a date"),
        ("every 2 weeks on Wednesday from 30 February 2013", "30 February 2013 is not a date"),
        ("", "it is empty"),
        ("quarterly", "is not an ordinal"),
    ],
)
def test_a_phrase_it_cannot_read_is_refused_with_the_reason(phrase, reason):
    with pytest.raises(RuleError) as caught:
        parse_rule(phrase)

    message = str(caught.value)
    assert message.startswith(f"cannot read the meeting rule {phrase!r}: ")
    assert reason in message
    assert "third Tuesday of each month" in message  # an example to copy


def test_the_examples_in_the_error_message_all_read():
    for phrase in EXAMPLES:
        assert dates(phrase)


def test_the_rule_parser_does_not_import_django():
    source = (Path(__file__).parents[2] / "src/actionplan/governance/rules.py").read_text()
    cadence = (Path(__file__).parents[2] / "src/actionplan/governance/cadence.py").read_text()
    pattern = re.compile(r"^\s*(import django\b|from django\b)", re.MULTILINE)
    assert not pattern.search(source)
    assert not pattern.search(cadence)
