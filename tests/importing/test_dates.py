"""Dates as councils write them: one phrase at a time, then real cells from the reference plan."""

import datetime as dt

import pytest
from dateutil.easter import easter
from hypothesis import given
from hypothesis import strategies as st

from actionplan.importing.dates import (
    PRECISIONS,
    find_dates,
    is_not_a_date,
    parse_date,
    parse_frequency,
)

d = dt.date
PLAN = (d(2012, 12, 1), d(2013, 6, 30))  # the reference plan's period


def period_of(text, period=None):
    parsed = parse_date(text, period)
    assert parsed is not None, f"{text!r} was not read as a date"
    return parsed.start, parsed.due, parsed.precision


def matches(text, period=None):
    return [
        (m.date.text, m.date.start, m.date.due, m.date.precision) for m in find_dates(text, period)
    ]


# --- Days, months and parts of months


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("01 February 2013", d(2013, 2, 1)),
        ("10 December 2012", d(2012, 12, 10)),
        ("1st March 2013", d(2013, 3, 1)),
        ("1/2/2013", d(2013, 2, 1)),
        ("01/02/2013", d(2013, 2, 1)),
        ("01/02/13", d(2013, 2, 1)),
        ("2013-02-01", d(2013, 2, 1)),
        ("10th Dec 2012", d(2012, 12, 10)),
        ("the 1st of March 2013", d(2013, 3, 1)),
        ("1-Feb-13", d(2013, 2, 1)),
        ("w/c 14 January 2013", d(2013, 1, 14)),
    ],
)
def test_a_date_with_a_day_is_due_on_that_day(text, day):
    assert period_of(text) == (day, day, "day")


@pytest.mark.parametrize(
    "text", ["31/02/2013", "30 February 2013", "29 February 2013", "2013-13-01", "1.2.13"]
)
def test_an_impossible_or_doubtful_numeric_date_is_not_a_date(text):
    assert parse_date(text) is None


@pytest.mark.parametrize(
    ("text", "month"),
    [
        ("November 2012", (2012, 11)),
        ("by May 2013", (2013, 5)),
        ("end January 2013", (2013, 1)),
        ("end of January 2013", (2013, 1)),
        ("by end January 2013", (2013, 1)),
        ("July2012", (2012, 7)),
        ("Nov 2012", (2012, 11)),
        ("Sept 2013", (2013, 9)),
        ("Sept. 2013", (2013, 9)),
        ("December 2012.", (2012, 12)),
        ("February 2013", (2013, 2)),
        ("february 2012", (2012, 2)),
        ("Jan-13", (2013, 1)),
        ("12/2013", (2013, 12)),
    ],
)
def test_a_month_and_year_is_due_on_the_last_day_of_the_month(text, month):
    start, due, precision = period_of(text)
    assert precision == "month"
    assert start == d(*month, 1)
    assert due == (d(month[0] + month[1] // 12, month[1] % 12 + 1, 1) - dt.timedelta(days=1))


def test_a_leap_february_is_due_on_the_29th():
    assert period_of("February 2012")[1] == d(2012, 2, 29)


def test_the_text_is_the_phrase_as_written_without_by_or_end():
    assert parse_date("Completed by end of December 2012.").text == "December 2012"
    assert parse_date("Report to SMT July2012").text == "July2012"


@pytest.mark.parametrize(
    ("text", "start", "due"),
    [
        ("Early March 2013", d(2013, 3, 1), d(2013, 3, 10)),
        ("mid-April 2013", d(2013, 4, 11), d(2013, 4, 20)),
        ("mid- March 2013", d(2013, 3, 11), d(2013, 3, 20)),
        ("Mid March 2013", d(2013, 3, 11), d(2013, 3, 20)),
        ("midMarch 2013", d(2013, 3, 11), d(2013, 3, 20)),
        ("late June 2013", d(2013, 6, 21), d(2013, 6, 30)),
        ("late February 2013", d(2013, 2, 21), d(2013, 2, 28)),
    ],
)
def test_early_mid_and_late_are_the_thirds_of_a_month(text, start, due):
    assert period_of(text) == (start, due, "part-month")
    assert parse_date(text).text == text


def test_end_of_a_month_is_the_whole_month_not_part_of_it():
    assert period_of("end January 2013") == (d(2013, 1, 1), d(2013, 1, 31), "month")


# --- Missing years


@pytest.mark.parametrize(
    ("text", "start", "due", "precision"),
    [
        ("Mid December", d(2012, 12, 11), d(2012, 12, 20), "part-month"),
        ("Mid-May", d(2013, 5, 11), d(2013, 5, 20), "part-month"),
        ("by Mid-May.", d(2013, 5, 11), d(2013, 5, 20), "part-month"),
        ("early Jan", d(2013, 1, 1), d(2013, 1, 10), "part-month"),
        ("10 December", d(2012, 12, 10), d(2012, 12, 10), "day"),
        ("February", d(2013, 2, 1), d(2013, 2, 28), "month"),
        ("Autumn Term", d(2012, 9, 1), d(2012, 12, 31), "term"),  # under way at the plan start
        ("May/ June", d(2013, 5, 1), d(2013, 6, 30), "range"),
        ("December/January", d(2012, 12, 1), d(2013, 1, 31), "range"),
    ],
)
def test_a_phrase_without_a_year_takes_it_from_the_plan_period(text, start, due, precision):
    parsed = parse_date(text, PLAN)
    assert (parsed.start, parsed.due, parsed.precision) == (start, due, precision)
    assert parsed.year_inferred


def test_a_year_less_phrase_outside_the_plan_period_is_its_next_occurrence():
    # November is not in December 2012 - June 2013: the first November after the plan starts.
    assert period_of("November", PLAN)[:2] == (d(2013, 11, 1), d(2013, 11, 30))
    # Partly before the plan start still counts as on or after it.
    assert period_of("Mid December", (d(2012, 12, 15), d(2013, 3, 31)))[1] == d(2012, 12, 20)


@pytest.mark.parametrize("text", ["Mid December", "Mid-May", "10 December", "February", "Q3"])
def test_a_phrase_without_a_year_is_not_a_date_without_a_plan_period(text):
    assert parse_date(text) is None
    assert find_dates(text) == []


def test_a_stated_year_is_not_marked_inferred():
    assert not parse_date("Mid-May 2013", PLAN).year_inferred


# --- Ranges


@pytest.mark.parametrize(
    ("text", "start", "due"),
    [
        ("February/March 2013", d(2013, 2, 1), d(2013, 3, 31)),
        ("July/ September 2013", d(2013, 7, 1), d(2013, 9, 30)),
        ("May/ June 2013", d(2013, 5, 1), d(2013, 6, 30)),
        ("January to April 2013", d(2013, 1, 1), d(2013, 4, 30)),
        ("May to December 2013", d(2013, 5, 1), d(2013, 12, 31)),
        ("Jan - Mar 2013", d(2013, 1, 1), d(2013, 3, 31)),
        ("Jan–Mar 2013", d(2013, 1, 1), d(2013, 3, 31)),
        ("December 2012 to March 2013", d(2012, 12, 1), d(2013, 3, 31)),
        ("between May and July 2013", d(2013, 5, 1), d(2013, 7, 31)),
        ("May, June and July 2013", d(2013, 5, 1), d(2013, 7, 31)),
        ("May/June/July 2013", d(2013, 5, 1), d(2013, 7, 31)),
        ("November/December 2012", d(2012, 11, 1), d(2012, 12, 31)),
        ("December/January 2013", d(2012, 12, 1), d(2013, 1, 31)),
        ("December 2012 to March", d(2012, 12, 1), d(2013, 3, 31)),
        ("1 - 12 October 2012", d(2012, 10, 1), d(2012, 10, 12)),
        ("1 December 2012 to 31 March 2013", d(2012, 12, 1), d(2013, 3, 31)),
        ("2012/13 to 2013/14", d(2012, 4, 1), d(2014, 3, 31)),
        ("2012-2014", d(2012, 1, 1), d(2014, 12, 31)),
    ],
)
def test_a_range_runs_from_the_start_of_the_first_period_to_the_end_of_the_last(text, start, due):
    parsed = parse_date(text)
    assert (parsed.start, parsed.due) == (start, due)
    assert (parsed.text, parsed.precision) == (text, "range")


def test_between_is_part_of_the_range_text():
    assert matches("carried out between the 1 and 12 October 2012 and graded") == [
        ("between the 1 and 12 October 2012", d(2012, 10, 1), d(2012, 10, 12), "range")
    ]


def test_two_dates_each_with_its_year_joined_by_and_stay_two_dates():
    assert matches("SMT December 2012 and March 2013") == [
        ("December 2012", d(2012, 12, 1), d(2012, 12, 31), "month"),
        ("March 2013", d(2013, 3, 1), d(2013, 3, 31), "month"),
    ]


def test_a_range_that_runs_backwards_is_two_dates():
    assert len(find_dates("March 2013 to December 2012")) == 2


# --- Financial years and quarters


@pytest.mark.parametrize("text", ["2012/13", "2012-13", "2012/2013", "2012–13", "FY2012/13"])
def test_a_financial_year_runs_from_april_to_march(text):
    assert period_of(text) == (d(2012, 4, 1), d(2013, 3, 31), "financial-year")


def test_years_that_do_not_follow_on_are_not_a_financial_year():
    assert parse_date("2012/14") is None


@pytest.mark.parametrize(
    ("text", "start", "due"),
    [
        ("Q1 2013/14", d(2013, 4, 1), d(2013, 6, 30)),
        ("2012/13 Q3", d(2012, 10, 1), d(2012, 12, 31)),
        ("Q4 2012/13", d(2013, 1, 1), d(2013, 3, 31)),
        ("quarter 2 2013/14", d(2013, 7, 1), d(2013, 9, 30)),
        ("Q3 of 2012/13", d(2012, 10, 1), d(2012, 12, 31)),
    ],
)
def test_a_quarter_of_a_financial_year_counts_from_april(text, start, due):
    assert period_of(text) == (start, due, "quarter")


def test_a_quarter_with_a_calendar_year_is_the_calendar_quarter():
    assert period_of("Q1 2013") == (d(2013, 1, 1), d(2013, 3, 31), "quarter")
    assert period_of("Q3 2012") == (d(2012, 7, 1), d(2012, 9, 30), "quarter")


@pytest.mark.parametrize(
    ("text", "start", "due"),
    [
        ("Q1-Q2 2013", d(2013, 1, 1), d(2013, 6, 30)),
        ("2013 Q1-Q2", d(2013, 1, 1), d(2013, 6, 30)),
        ("Q3-Q4 2012/13", d(2012, 10, 1), d(2013, 3, 31)),
        ("2012/13 Q3-Q4", d(2012, 10, 1), d(2013, 3, 31)),
        ("quarters 1 and 2 2013/14", d(2013, 4, 1), d(2013, 9, 30)),
        ("Q1 & 2 2013/14", d(2013, 4, 1), d(2013, 9, 30)),
        ("Q3 2012/13 to Q1 2013/14", d(2012, 10, 1), d(2013, 6, 30)),
    ],
)
def test_two_quarters_are_a_range_of_the_same_kind_of_year(text, start, due):
    assert period_of(text) == (start, due, "range")


def test_a_quarter_with_no_year_is_a_financial_quarter_in_the_plan_period():
    assert period_of("Q3", PLAN) == (d(2012, 10, 1), d(2012, 12, 31), "quarter")
    assert parse_date("Q3", PLAN).year_inferred


def test_from_a_quarter_onwards_is_open_ended():
    parsed = parse_date("Quarterly reporting to include evidence from 2012/13 Q4 onwards")
    assert (parsed.start, parsed.due, parsed.precision) == (
        d(2013, 1, 1),
        d(2013, 3, 31),
        "quarter",
    )
    assert parsed.open_ended
    assert parsed.text == "from 2012/13 Q4 onwards"


def test_from_alone_is_open_ended_but_from_to_is_a_range():
    assert parse_date("from Q4", PLAN).open_ended
    assert parse_date("from January 2013").open_ended
    parsed = parse_date("from January to March 2013")
    assert not parsed.open_ended
    assert parsed.precision == "range"


def test_a_plain_date_is_not_open_ended():
    assert not parse_date("June 2013").open_ended


# --- School terms


@pytest.mark.parametrize(
    ("text", "start", "due"),
    [
        ("Autumn Term 2013", d(2013, 9, 1), d(2013, 12, 31)),
        ("Spring term 2013", d(2013, 1, 1), d(2013, 3, 31)),  # Easter Sunday 2013: 31 March
        ("Summer Term 2013", d(2013, 4, 1), d(2013, 7, 31)),
        ("Summer and Autumn Term 2013", d(2013, 4, 1), d(2013, 12, 31)),
        ("autumn 2013", d(2013, 9, 1), d(2013, 12, 31)),
        ("Spring/Summer terms 2013", d(2013, 1, 1), d(2013, 7, 31)),
        ("Autumn and Spring terms 2013", d(2012, 9, 1), d(2013, 3, 31)),
        ("Autumn and Spring Term 2013/14", d(2013, 9, 1), d(2014, 4, 20)),
        ("Summer Term 2013/14", d(2014, 4, 21), d(2014, 7, 31)),
    ],
)
def test_school_terms_run_autumn_to_december_spring_to_easter_summer_to_july(text, start, due):
    assert period_of(text) == (start, due, "term")


def test_spring_ends_and_summer_starts_at_easter():
    assert period_of("Spring term 2012")[1] == d(2012, 4, 8)
    assert period_of("Summer term 2012")[0] == d(2012, 4, 9)


@pytest.mark.parametrize("text", ["summer", "a summer scheme", "Spring clean"])
def test_a_season_without_term_or_year_is_not_a_date(text):
    assert parse_date(text, PLAN) is None


# --- Years, and numbers that are not dates


@pytest.mark.parametrize("text", ["2013", "in 2013", "during 2013", "by end of 2013", "(2013)"])
def test_a_year_alone_is_the_calendar_year(text):
    assert period_of(text) == (d(2013, 1, 1), d(2013, 12, 31), "year")


@pytest.mark.parametrize(
    "text",
    [
        "25% referral rate",
        "Level 4",
        "Q3",
        "Q3 reporting",
        "10 days",
        "45 working days",
        "ext 2049",
        "Ext: 2049",
        "39 criteria",
        "Regulation 33",
        "1.0",
        "Recommendation 6.0",
        "1989",
        "2101",
        "3000",
        "Children Act 2004",
        "the 2004 Act",
        "£2013",
        "2013%",
        "12.2013",
        "version 2.1.2013",
        "Q2-Q1 2013",
        "1 or 2 per quarter",
        "Level 2, 3 and 4 services",
    ],
)
def test_numbers_that_are_not_dates_do_not_match(text):
    assert find_dates(text) == []
    assert parse_date(text) is None


def test_a_numbered_thing_before_a_month_is_not_its_day():
    assert period_of("Level 4 March 2013") == (d(2013, 3, 1), d(2013, 3, 31), "month")


# --- Month names as words


@pytest.mark.parametrize(
    "text", ["Mayor", "marches", "Junior", "Augustine", "Decemberish", "Marc Mason", "Decision"]
)
def test_month_names_must_be_whole_words(text):
    assert find_dates(text, PLAN) == []
    assert find_dates(f"{text} 2013") == [] or parse_date(f"{text} 2013").precision == "year"


@pytest.mark.parametrize("text", ["staff may attend", "we march on", "it may be reviewed"])
def test_lowercase_may_and_march_without_a_year_are_words(text):
    assert find_dates(text, PLAN) == []


def test_lowercase_may_with_a_year_is_the_month():
    assert period_of("by may 2013") == (d(2013, 5, 1), d(2013, 5, 31), "month")


@pytest.mark.parametrize("text", ["Jan", "Mar.", "Jan Smith", "Dec", "Sept"])
def test_an_abbreviated_month_alone_is_not_a_date(text):
    assert find_dates(text, PLAN) == []


def test_an_abbreviated_month_with_a_day_is_a_date():
    assert period_of("10th Dec", PLAN) == (d(2012, 12, 10), d(2012, 12, 10), "day")


# --- Words that mean no date


@pytest.mark.parametrize(
    "text",
    [
        "Ongoing",
        "On-going",
        "on going.",
        "To be confirmed",
        "TBC",
        "tba",
        "As above",
        "As (4) above",
        "As required",
        "As appropriate.",
        "N/A",
        "n/a",
        "Continuous",
        "Throughout",
        "Throughout the year",
        "  ongoing  ",
    ],
)
def test_phrases_that_mean_no_date_are_not_dates(text):
    assert is_not_a_date(text)
    assert parse_date(text, PLAN) is None


@pytest.mark.parametrize(
    "text", ["June 2013", "Ongoing review in June 2013", "Throughout 2013", ""]
)
def test_a_phrase_with_a_date_or_other_words_is_not_a_no_date_phrase(text):
    assert not is_not_a_date(text)


# --- parse_date on a whole cell


def test_parse_date_with_several_dates_takes_the_latest_due():
    parsed = parse_date(
        "Report to CYPLT December 2012, final report March 2013, review January 2013"
    )
    assert (parsed.text, parsed.due) == ("March 2013", d(2013, 3, 31))


@pytest.mark.parametrize("text", ["", "   ", "Question included in the ViewPoint questionnaire"])
def test_parse_date_without_a_date_is_none(text):
    assert parse_date(text, PLAN) is None


# --- find_dates on real cells from the reference plan


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        (
            "Agreement reached to participate in ADCS regional evaluation of CAF impact: December "
            "2012 Commence evaluation project: January 2013",
            [
                ("December 2012", d(2012, 12, 1), d(2012, 12, 31), "month"),
                ("January 2013", d(2013, 1, 1), d(2013, 1, 31), "month"),
            ],
        ),
        (
            "Training needs agreed by February 2013. Any training for managers done by end\n"
            "February 2013",
            [
                ("February 2013", d(2013, 2, 1), d(2013, 2, 28), "month"),
                ("February 2013", d(2013, 2, 1), d(2013, 2, 28), "month"),
            ],
        ),
        (
            "Priority topics for January to April 2013 to be determined in report to Executive "
            "Members/ OSC Chair, December 2012",
            [
                ("January to April 2013", d(2013, 1, 1), d(2013, 4, 30), "range"),
                ("December 2012", d(2012, 12, 1), d(2012, 12, 31), "month"),
            ],
        ),
        ("Report to SMT July2012", [("July2012", d(2012, 7, 1), d(2012, 7, 31), "month")]),
        (
            "First 'new-style' LSCB performance reports in place for 2012/13 Q3 reporting",
            [("2012/13 Q3", d(2012, 10, 1), d(2012, 12, 31), "quarter")],
        ),
        (
            "Subsequent monitoring reports to Children's Trust and LSCB as appropriate based on "
            "audit work. Summer and Autumn Term 2013.",
            [("Summer and Autumn Term 2013", d(2013, 4, 1), d(2013, 12, 31), "term")],
        ),
        (
            "Report to CYPLT, Exec Members, LSCB – June 2013",
            [("June 2013", d(2013, 6, 1), d(2013, 6, 30), "month")],
        ),
        (
            "Performance Board 10 December 2012",
            [("10 December 2012", d(2012, 12, 10), d(2012, 12, 10), "day")],
        ),
        (
            "Evaluation findings available for consideration by Mid-May.",
            [("Mid-May", d(2013, 5, 11), d(2013, 5, 20), "part-month")],
        ),
        (
            "Two audit reports/evaluation studies to be provided (one re Early Help, one re "
            "Level 4 activity) in each quarterly reporting cycle in 2012",
            [("2012", d(2012, 1, 1), d(2012, 12, 31), "year")],
        ),
        (
            "Potential topics for May to December 2013 to be outlined in December 2012 report but "
            "subject to review/confirmation, April 2013",
            [
                ("May to December 2013", d(2013, 5, 1), d(2013, 12, 31), "range"),
                ("December 2012", d(2012, 12, 1), d(2012, 12, 31), "month"),
                ("April 2013", d(2013, 4, 1), d(2013, 4, 30), "month"),
            ],
        ),
        (
            "Report to DCS Mid December re scale of work needed to move to (2).",
            [("Mid December", d(2012, 12, 11), d(2012, 12, 20), "part-month")],
        ),
        (
            "CYPLT/ Exec Members/ LSCB May/ June 2013",
            [("May/ June 2013", d(2013, 5, 1), d(2013, 6, 30), "range")],
        ),
        (
            "Dataset project scope agreed: December 2012 New dataset operational: Q1 2013/14",
            [
                ("December 2012", d(2012, 12, 1), d(2012, 12, 31), "month"),
                ("Q1 2013/14", d(2013, 4, 1), d(2013, 6, 30), "quarter"),
            ],
        ),
        (
            "First, prioritised audit reports to Members. Early March 2013 (one re Early Help, one "
            "re Level 4 activity).",
            [("Early March 2013", d(2013, 3, 1), d(2013, 3, 10), "part-month")],
        ),
        ("Report compiled by:\tStephanie Bratcher\n\tExt: 2049", []),
        ("Question included in the ViewPoint feedback questionnaire", []),
        ("Level 2, 3 and 4 services", []),
        ("1 or 2 per quarter", []),
    ],
)
def test_find_dates_reads_real_cells_from_the_reference_plan(cell, expected):
    assert matches(cell, PLAN) == expected


def test_find_dates_reports_where_each_phrase_is():
    cell = "Practice guidance developed - December 2012\tSMT December 2012"
    found = find_dates(cell)
    assert [(m.start, m.end) for m in found] == [(30, 43), (48, 61)]
    assert all(cell[m.start : m.end] == m.date.text for m in found)


def test_a_tab_between_cells_does_not_join_a_month_to_a_year():
    assert find_dates("Mid December\t2013 budget", PLAN)[0].date.text == "Mid December"


# --- Frequencies


@pytest.mark.parametrize(
    ("text", "frequency"),
    [
        ("Weekly case review", "weekly"),
        ("every week", "weekly"),
        ("Fortnightly", "fortnightly"),
        ("bi-weekly", "fortnightly"),
        ("Monthly monitoring by DCS", "monthly"),
        ("on a monthly basis", "monthly"),
        ("once a month", "monthly"),
        ("bi-monthly", "bi-monthly"),
        ("Bimonthly", "bi-monthly"),
        ("every two months", "bi-monthly"),
        ("Quarterly reports to YPC", "quarterly"),
        ("in each quarterly reporting cycle", "quarterly"),
        ("checked quarterly by DCS", "quarterly"),
        ("every three months", "quarterly"),
        ("Bi-annual ViewPoint findings report to SMT", "six-monthly"),
        ("biannual", "six-monthly"),
        ("bi-annually", "six-monthly"),
        ("Agree twice yearly consultation events", "six-monthly"),
        ("twice a year", "six-monthly"),
        ("half-yearly", "six-monthly"),
        ("six monthly performance reports", "six-monthly"),
        ("6-monthly", "six-monthly"),
        ("Annual report", "annual"),
        ("annually", "annual"),
        ("yearly", "annual"),
        ("once a year", "annual"),
    ],
)
def test_a_stated_frequency_is_normalised(text, frequency):
    assert parse_frequency(text) == frequency


def test_the_first_of_several_frequencies_wins():
    assert parse_frequency("maintained on monthly/ quarterly/annual basis.") == "monthly"
    assert parse_frequency("Annual and quarterly returns") == "annual"


@pytest.mark.parametrize(
    "text", ["", "Report to SMT March 2013", "Members report", "within three months", "a quarter"]
)
def test_text_without_a_frequency_has_none(text):
    assert parse_frequency(text) is None


# --- Property: nothing the parser is given makes it raise

_WORDS = st.sampled_from(
    "May June Mid mid- Early late end by from between and to / - – onwards Q1 Q4 quarter "  # noqa: SIM905
    "2012 2013 2012/13 13/14 2100 1990 29 31 1st February Dec Sept. Autumn Spring Summer term "
    "and/or ext Level , . 01/02/2013 2013-02-29 99".split()
)
_DATEISH = st.lists(st.one_of(_WORDS, st.text(max_size=3)), max_size=12).map(" ".join)
_PERIODS = st.none() | st.tuples(st.dates(), st.dates())


@given(text=st.one_of(st.text(), _DATEISH), period=_PERIODS)
def test_the_parser_never_raises_and_its_matches_are_consistent(text, period):
    found = find_dates(text, period)
    end = 0
    for m in found:
        assert end <= m.start < m.end <= len(text)
        assert text[m.start : m.end] == m.date.text
        assert m.date.start <= m.date.due
        assert m.date.precision in PRECISIONS
        end = m.end
    parsed = parse_date(text, period)
    assert (parsed is None) == (not found)
    is_not_a_date(text)
    parse_frequency(text)


# -- half terms, festivals, month-first days, short financial years ---------------------


@pytest.mark.parametrize(
    ("text", "start", "due"),
    [
        ("Spring 2 2012", dt.date(2012, 3, 1), dt.date(2012, 4, 8)),  # to Easter Sunday
        ("Spring 1 2012", dt.date(2012, 1, 1), dt.date(2012, 2, 29)),
        ("Autumn 1 2021", dt.date(2021, 9, 1), dt.date(2021, 10, 31)),
        ("Autumn 2 2021", dt.date(2021, 11, 1), dt.date(2021, 12, 31)),
        ("Summer 1 2022", dt.date(2022, 4, 18), dt.date(2022, 5, 31)),
        ("Summer 2 2022", dt.date(2022, 6, 1), dt.date(2022, 7, 31)),
    ],
)
def test_it_reads_half_terms(text, start, due):
    parsed = parse_date(text)
    assert (parsed.start, parsed.due, parsed.precision) == (start, due, "term")


def test_a_season_number_without_a_year_is_not_a_half_term():
    assert parse_date("Spring 2") is None


@given(st.integers(min_value=1990, max_value=2100))
def test_by_easter_is_easter_sunday_of_that_year(year):
    parsed = parse_date(f"By Easter {year}")
    assert (parsed.due, parsed.precision) == (easter(year), "day")


def test_christmas_is_the_twenty_fifth_of_december():
    assert parse_date("before Christmas 2013").due == dt.date(2013, 12, 25)


@given(st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2100, 12, 31)))
def test_it_reads_month_first_days_with_an_ordinal_or_a_comma(day):
    ordinal = {1: "st", 2: "nd", 3: "rd"}.get(day.day % 10 * (day.day // 10 != 1), "th")
    month = day.strftime("%B")
    for text in (f"{month} {day.day}{ordinal} {day.year}", f"{month} {day.day}, {day.year}"):
        parsed = parse_date(text)
        assert (parsed.due, parsed.precision) == (day, "day"), text


def test_a_month_and_a_year_stay_a_month():
    assert parse_date("June 2022").precision == "month"


@given(st.integers(min_value=2000, max_value=2098), st.integers(min_value=1, max_value=4))
def test_a_short_financial_year_quarter_is_the_long_ones(year, quarter):
    short = parse_date(f"Q{quarter} {year % 100:02d}/{(year + 1) % 100:02d}")
    long = parse_date(f"Q{quarter} {year}/{(year + 1) % 100:02d}")
    assert (short.start, short.due) == (long.start, long.due)


def test_short_financial_years_that_do_not_follow_on_are_no_date():
    assert parse_date("Q3 21/23") is None


@pytest.mark.parametrize("text", ["Ongoing", "TBC", "To be confirmed"])
def test_status_words_are_not_dates(text):
    assert parse_date(text) is None
    assert is_not_a_date(text)
