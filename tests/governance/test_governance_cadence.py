"""The linking rule as pure functions: which meetings hear a reporting line."""

import datetime as dt

from actionplan.governance.cadence import meeting_for_due_date, meetings_for_frequency

D = dt.date
MONTHLY = [(f"m{m}", D(2013, m, 15)) for m in range(1, 13)]  # the 15th of each month, 2013
PLAN_PERIOD = (D(2013, 1, 1), D(2013, 12, 31))


def test_a_dated_line_goes_to_the_last_meeting_on_or_before_its_due_date():
    assert meeting_for_due_date(MONTHLY, D(2013, 3, 31)) == ("m3", False)


def test_a_meeting_on_the_due_date_itself_counts():
    assert meeting_for_due_date(MONTHLY, D(2013, 3, 15)) == ("m3", False)


def test_with_no_meeting_before_the_due_date_the_first_after_is_late():
    meetings = [("a", D(2013, 5, 1)), ("b", D(2013, 6, 1))]

    assert meeting_for_due_date(meetings, D(2013, 3, 31)) == ("a", True)


def test_meetings_before_the_plan_started_never_hear_it():
    meetings = [("old", D(2012, 10, 1)), ("new", D(2013, 2, 1))]

    assert meeting_for_due_date(meetings, D(2012, 11, 30), not_before=D(2013, 1, 1)) == (
        "new",
        True,
    )


def test_a_body_with_no_meetings_hears_nothing():
    assert meeting_for_due_date([], D(2013, 3, 31)) is None


def test_the_meetings_may_come_in_any_order():
    shuffled = list(reversed(MONTHLY))

    assert meeting_for_due_date(shuffled, D(2013, 3, 31)) == ("m3", False)


def test_a_quarterly_line_without_a_date_goes_to_the_last_meeting_of_each_financial_quarter():
    chosen = meetings_for_frequency(MONTHLY, "quarterly", period=PLAN_PERIOD)

    # Quarters end in March, June, September and December.
    assert chosen == ["m3", "m6", "m9", "m12"]


def test_a_quarterly_line_with_a_date_starts_in_that_quarter_and_counts_from_it():
    chosen = meetings_for_frequency(MONTHLY, "quarterly", due=D(2013, 5, 31), period=PLAN_PERIOD)

    # "Quarterly reports, May 2013": May, then August and November; none before May, and
    # none for the quarter ending in February 2014, after the plan.
    assert chosen == ["m5", "m8", "m11"]


def test_a_six_monthly_line_dated_june_goes_to_june_and_december():
    chosen = meetings_for_frequency(MONTHLY, "six-monthly", due=D(2013, 6, 30), period=PLAN_PERIOD)

    assert chosen == ["m6", "m12"]


def test_a_six_monthly_line_without_a_date_follows_the_financial_half_years():
    chosen = meetings_for_frequency(MONTHLY, "six-monthly", period=PLAN_PERIOD)

    # October-March (the plan starts in its second half), then April-September; the next
    # half ends in March 2014, after the plan.
    assert chosen == ["m3", "m9"]


def test_a_monthly_line_goes_to_every_monthly_meeting_in_the_plan_period():
    chosen = meetings_for_frequency(MONTHLY, "monthly", period=(D(2013, 2, 1), D(2013, 4, 30)))

    assert chosen == ["m2", "m3", "m4"]


def test_a_monthly_line_to_a_body_that_meets_quarterly_goes_to_each_meeting():
    quarterly = [("q1", D(2013, 3, 28)), ("q2", D(2013, 6, 27))]

    assert meetings_for_frequency(quarterly, "monthly", period=PLAN_PERIOD) == ["q1", "q2"]


def test_a_bi_monthly_line_goes_to_one_meeting_in_two_months():
    chosen = meetings_for_frequency(MONTHLY, "bi-monthly", period=PLAN_PERIOD)

    # April-May, June-July, ...; January ends December-January, and December-January
    # 2014 ends after the plan.
    assert chosen == ["m1", "m3", "m5", "m7", "m9", "m11"]


def test_an_annual_line_goes_to_the_last_meeting_of_the_financial_year():
    chosen = meetings_for_frequency(MONTHLY, "annual", period=PLAN_PERIOD)

    assert chosen == ["m3"]


def test_a_weekly_line_goes_to_every_meeting():
    assert meetings_for_frequency(MONTHLY, "weekly", period=(D(2013, 11, 1), None)) == [
        "m11",
        "m12",
    ]


def test_a_period_the_plan_ends_in_the_middle_of_does_not_count():
    chosen = meetings_for_frequency(MONTHLY, "quarterly", period=(D(2013, 1, 1), D(2013, 5, 31)))

    # April-June ends after the plan: its report would fall due after the plan.
    assert chosen == ["m3"]


def test_a_period_the_plan_starts_in_the_middle_of_counts():
    chosen = meetings_for_frequency(MONTHLY, "quarterly", period=(D(2013, 2, 1), D(2013, 6, 30)))

    assert chosen == ["m3", "m6"]


def test_without_a_plan_end_the_meetings_known_bound_the_periods():
    chosen = meetings_for_frequency(MONTHLY, "quarterly", period=(D(2013, 1, 1), None))

    assert chosen == ["m3", "m6", "m9", "m12"]


def test_a_frequency_it_does_not_know_links_nothing():
    assert meetings_for_frequency(MONTHLY, "whenever", period=PLAN_PERIOD) == []


def test_a_quarter_without_a_meeting_is_skipped():
    sparse = [("jan", D(2013, 1, 10)), ("jul", D(2013, 7, 10))]

    assert meetings_for_frequency(sparse, "quarterly", period=PLAN_PERIOD) == ["jan", "jul"]
