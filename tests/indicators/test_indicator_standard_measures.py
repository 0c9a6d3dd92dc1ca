"""Each standard measure against answers worked out by hand, row by row.

The as-at date is 30 June 2024 throughout, so the window W is 31 December 2023 to 30 June
2024 (30 June minus six months is 30 December, which is outside). Each row's comment says
where it lands and why; "den" is the denominator, "num" the numerator.
"""

import datetime as dt

from indicator_data import annex_of, excel, measure

from actionplan.indicators.annexa import compute, read_sheets

A = dt.date(2024, 6, 30)
T1, T2 = "Team One", "Team Two"


def counts(result) -> tuple:
    return result.numerator, result.denominator


def test_re_referral_counts_distinct_children_with_a_referral_in_the_window():
    rows = [
        # 101 twice: as text and as an Excel number. One child, in both teams.
        {
            "child_id": "101",
            "referral_date": excel(2023, 12, 31),
            "referrals_last_12_months": 0,
            "allocated_team": T1,
        },  # den (31 Dec is inside W)
        {
            "child_id": 101,
            "referral_date": excel(2024, 3, 15),
            "referrals_last_12_months": 2,
            "allocated_team": T2,
        },  # num
        {
            "child_id": " 102",
            "referral_date": "30/12/2023",
            "referrals_last_12_months": 3,
            "allocated_team": T1,
        },  # the edge of W: outside
        {
            "child_id": "102",
            "referral_date": excel(2024, 1, 10),
            "referrals_last_12_months": 0,
            "allocated_team": T1,
        },  # den
        {
            "child_id": "103",
            "referral_date": excel(2024, 6, 30),
            "referrals_last_12_months": "1",
            "allocated_team": T1,
        },  # num: the as-at date is inside; a count written as text
        {"child_id": "104", "referral_date": excel(2024, 7, 1), "referrals_last_12_months": 1},
        {"child_id": "105", "referral_date": "TBC", "referrals_last_12_months": 1},  # unreadable
        {"child_id": None, "referral_date": excel(2024, 2, 1), "referrals_last_12_months": 1},
        {"child_id": "106", "referral_date": None, "referrals_last_12_months": 1},  # no cohort
        {
            "child_id": "107",
            "referral_date": excel(2024, 5, 1, 13, 45),
            "referrals_last_12_months": "two",
            "allocated_team": T2,
        },  # den: junk count fails
        {
            "child_id": "108",
            "referral_date": " 1/5/2024 ",
            "referrals_last_12_months": None,
            "allocated_team": T2,
        },  # den: a blank count fails
    ]

    result = measure({3: rows}, "re_referral_12m", A)

    assert counts(result) == (2, 5)  # {101, 103} of {101, 102, 103, 107, 108}
    teams = {t.team: (t.numerator, t.denominator) for t in result.by_team}
    assert teams == {T1: (1, 3), T2: (1, 3)}  # 101 counts in both teams it was referred to


def test_children_seen_at_assessment_needs_a_yes_and_a_start_in_the_window():
    rows = [
        {"assessment_start_date": excel(2024, 1, 10), "child_seen": "Yes"},  # num
        {"assessment_start_date": excel(2023, 12, 31), "child_seen": "a) No"},  # den
        {"assessment_start_date": excel(2023, 12, 30), "child_seen": "y"},  # outside W
        {"assessment_start_date": "31/02/2024", "child_seen": "Yes"},  # unreadable: left out
        {"assessment_start_date": excel(2024, 2, 1), "child_seen": "Unknown"},  # den
        {"assessment_start_date": None, "child_seen": "Yes"},  # no cohort
        {"assessment_start_date": excel(2024, 4, 10), "child_seen": None},  # den
        {"assessment_start_date": excel(2024, 3, 28), "child_seen": " Y "},  # num
    ]

    assert counts(measure({4: rows}, "children_seen_at_assessment", A)) == (2, 5)


def test_assessments_within_45_working_days_count_bank_holidays_out():
    rows = [
        # 31 Dec (Sun) to 5 Jan: 2, 3, 4, 5 January (1 January is a bank holiday): 4.
        {
            "assessment_start_date": excel(2023, 12, 31),
            "assessment_authorised_date": excel(2024, 1, 5),
        },
        # From Saturday 30 Dec to Friday 1 March: 44 working days. In: authorised in W.
        {
            "assessment_start_date": excel(2023, 12, 30),
            "assessment_authorised_date": excel(2024, 3, 1),
        },
        # 1 Nov to 8 Jan is 45 working days once Christmas, Boxing Day and New Year's
        # Day are taken out (48 weekdays): within. The next day is 46: not within.
        {
            "assessment_start_date": excel(2023, 11, 1),
            "assessment_authorised_date": excel(2024, 1, 8),
        },
        {
            "assessment_start_date": excel(2023, 11, 1),
            "assessment_authorised_date": excel(2024, 1, 9),
        },
        # Thursday 28 March to 5 June: Good Friday, Easter Monday and the May bank
        # holidays out, 45 working days (49 weekdays): within.
        {
            "assessment_start_date": excel(2024, 3, 28),
            "assessment_authorised_date": excel(2024, 6, 5),
        },
        # Authorised before it started: 0 working days, so within (and a problem).
        {
            "assessment_start_date": excel(2024, 4, 10),
            "assessment_authorised_date": excel(2024, 4, 5),
        },
        # A blank start: in the cohort, but not shown to be within.
        {"assessment_start_date": None, "assessment_authorised_date": excel(2024, 4, 1)},
        # An unreadable start: left out altogether.
        {"assessment_start_date": "31/02/2024", "assessment_authorised_date": excel(2024, 2, 10)},
        # Not authorised, or authorised outside W: not in the cohort.
        {"assessment_start_date": excel(2024, 1, 10), "assessment_authorised_date": None},
        {
            "assessment_start_date": excel(2024, 6, 1),
            "assessment_authorised_date": excel(2024, 7, 1),
        },
    ]

    result = compute(annex_of({4: rows}), A)

    within = next(m for m in result.measures if m.id == "assessments_within_45_wd")
    assert counts(within) == (5, 7)
    assert [(p.row, p.reason) for p in result.problems if "before" in p.reason] == [
        (7, "ends before it starts, on 10/04/2024")
    ]


def test_s47_to_icpc_counts_enquiries_with_a_decision_and_a_no():
    rows = [
        {"strategy_discussion_date": excel(2024, 1, 15), "icpc_unnecessary": "No"},  # num
        {"strategy_discussion_date": excel(2024, 3, 20), "icpc_unnecessary": "b) No"},  # num
        {"strategy_discussion_date": excel(2024, 5, 1), "icpc_unnecessary": "Yes"},  # den
        {"strategy_discussion_date": excel(2024, 5, 2), "icpc_unnecessary": None},  # no decision
        {"strategy_discussion_date": excel(2024, 5, 3), "icpc_unnecessary": "Unknown"},  # den
        {"strategy_discussion_date": excel(2024, 5, 4), "icpc_unnecessary": "maybe"},  # den
        {"strategy_discussion_date": "TBC", "icpc_unnecessary": "No"},  # unreadable
        {"strategy_discussion_date": None, "icpc_unnecessary": "No"},  # no cohort
        {"strategy_discussion_date": excel(2023, 12, 20), "icpc_unnecessary": "No"},  # before W
        {
            "strategy_discussion_date": excel(2024, 6, 1),
            "icpc_unnecessary": "n",
            "icpc_date": "#N/A",
        },  # num: the conference date is not this measure's business
    ]

    assert counts(measure({5: rows}, "s47_to_icpc", A)) == (3, 6)


def test_icpc_within_15_working_days_of_the_strategy_discussion():
    rows = [
        # Monday 15 January to Monday 5 February: 15 working days. num
        {"strategy_discussion_date": excel(2024, 1, 15), "icpc_date": excel(2024, 2, 5)},
        # Wednesday 20 March to Friday 12 April: 15 once Good Friday and Easter Monday
        # are out (17 weekdays). num. The Monday after is 16. den
        {"strategy_discussion_date": excel(2024, 3, 20), "icpc_date": excel(2024, 4, 12)},
        {"strategy_discussion_date": excel(2024, 3, 20), "icpc_date": excel(2024, 4, 15)},
        # A strategy discussion before W, its conference in W: 12 working days over
        # Christmas. num
        {"strategy_discussion_date": excel(2023, 12, 20), "icpc_date": excel(2024, 1, 10)},
        # A conference before its strategy discussion: 0 working days. num
        {"strategy_discussion_date": excel(2024, 6, 25), "icpc_date": excel(2024, 6, 20)},
        # A blank strategy date: den. An unreadable one: left out.
        {"strategy_discussion_date": None, "icpc_date": excel(2024, 3, 1)},
        {"strategy_discussion_date": "TBC", "icpc_date": excel(2024, 2, 1)},
        # Conferences outside W, or unreadable: not in the cohort.
        {"strategy_discussion_date": excel(2024, 6, 1), "icpc_date": excel(2024, 7, 2)},
        {"strategy_discussion_date": excel(2024, 2, 1), "icpc_date": "#N/A"},
    ]

    assert counts(measure({5: rows}, "icpc_within_15_wd", A)) == (4, 6)


def test_icpc_to_cp_plan_counts_conferences_in_the_window_that_made_a_plan():
    rows = [
        {"icpc_date": excel(2024, 2, 5), "icpc_resulted_in_plan": "Yes"},  # num
        {"icpc_date": excel(2024, 4, 12), "icpc_resulted_in_plan": "No"},  # den
        {"icpc_date": excel(2024, 4, 15), "icpc_resulted_in_plan": "y"},  # num
        {"icpc_date": excel(2024, 3, 1), "icpc_resulted_in_plan": None},  # den
        # The strategy discussion is unreadable, but this measure does not read it. num
        {
            "strategy_discussion_date": "TBC",
            "icpc_date": excel(2024, 2, 1),
            "icpc_resulted_in_plan": "a) Yes",
        },
        {"icpc_date": excel(2023, 12, 30), "icpc_resulted_in_plan": "Yes"},  # outside W
        {"icpc_date": "#N/A", "icpc_resulted_in_plan": "Yes"},  # unreadable
    ]

    assert counts(measure({5: rows}, "icpc_to_cp_plan", A)) == (3, 5)


CP_PLANS = [
    # 1: open, seen alone, started before A - 3 months, reviewed in W, no previous plan
    {
        "cp_plan_start_date": excel(2024, 1, 15),
        "seen_alone": "Yes",
        "latest_review_date": excel(2024, 4, 15),
        "previous_cp_plans": 0,
    },
    # 2: started exactly 3 months before A (30 March): due a review; none recorded
    {"cp_plan_start_date": excel(2024, 3, 30), "seen_alone": "a) Yes", "previous_cp_plans": 1},
    # 3: started 31 March: too recent to be due a review
    {
        "cp_plan_start_date": excel(2024, 3, 31),
        "seen_alone": "Unknown",
        "latest_review_date": excel(2024, 5, 1),
        "previous_cp_plans": "2",
    },
    # 4: ended in W, two and a half years after it started
    {
        "cp_plan_start_date": excel(2021, 6, 30),
        "cp_plan_end_date": excel(2024, 1, 10),
        "seen_alone": "No",
    },
    # 5: ended one day short of its second anniversary
    {"cp_plan_start_date": excel(2022, 1, 11), "cp_plan_end_date": excel(2024, 1, 10)},
    # 6: ended on its second anniversary
    {"cp_plan_start_date": excel(2022, 1, 10), "cp_plan_end_date": excel(2024, 1, 10)},
    # 7: ended on the as-at date: no longer open
    {"cp_plan_start_date": excel(2023, 6, 1), "cp_plan_end_date": excel(2024, 6, 30)},
    # 8: ends the day after: open; reviewed on the day before W begins
    {
        "cp_plan_start_date": excel(2023, 6, 1),
        "cp_plan_end_date": excel(2024, 7, 1),
        "latest_review_date": excel(2023, 12, 30),
    },
    # 9: an unreadable end: not "open", and not "ended" either
    {"cp_plan_start_date": excel(2023, 6, 1), "cp_plan_end_date": "TBC", "seen_alone": "Yes"},
    # 10: started on W's first day, junk count; reviewed that day too
    {
        "cp_plan_start_date": excel(2023, 12, 31),
        "seen_alone": "Y",
        "previous_cp_plans": "two",
        "latest_review_date": excel(2023, 12, 31),
    },
    # 11: an unreadable start: left out everywhere
    {"cp_plan_start_date": "#N/A", "seen_alone": "Yes", "previous_cp_plans": 3},
    # 12: ends before it starts (a problem): not open; in the ended cohort, not 2 years
    {"cp_plan_start_date": excel(2024, 5, 1), "cp_plan_end_date": excel(2024, 4, 1)},
    # 13: open, seen alone, but its review date is unreadable
    {
        "cp_plan_start_date": excel(2023, 10, 1),
        "seen_alone": "Yes",
        "latest_review_date": "31/02/2024",
    },
    # 14: a blank start, ended in W
    {"cp_plan_start_date": None, "cp_plan_end_date": excel(2024, 2, 1)},
]


def test_cp_plans_second_or_subsequent_count_plans_starting_in_the_window():
    # 1 (0), 2 (1), 3 ("2"), 10 (junk), 12 (blank)
    assert counts(measure({7: CP_PLANS}, "cp_plans_second_or_subsequent", A)) == (2, 5)


def test_cp_seen_alone_counts_plans_open_at_the_date_and_only_a_yes():
    # open: 1 Yes, 2 a) Yes, 3 Unknown, 8 blank, 10 Y, 13 Yes
    assert counts(measure({7: CP_PLANS}, "cp_seen_alone", A)) == (4, 6)


def test_cp_reviews_count_open_plans_three_months_old_reviewed_in_the_window():
    # 1 reviewed in W, 2 no review, 8 reviewed the day before W, 10 on W's first day;
    # 13's review date is unreadable, so it is left out
    assert counts(measure({7: CP_PLANS}, "cp_reviews_in_timescale", A)) == (2, 4)


def test_cp_plans_lasting_2_years_counts_from_the_second_anniversary():
    # ended in W: 4 yes, 5 no (a day short), 6 yes (the anniversary), 7 no, 12 no, 14 no
    assert counts(measure({7: CP_PLANS}, "cp_plans_lasting_2_years", A)) == (2, 6)


def test_a_plan_starting_on_29_february_reaches_two_years_on_28_february():
    plans = [
        {"cp_plan_start_date": excel(2020, 2, 29), "cp_plan_end_date": excel(2022, 2, 28)},
        {"cp_plan_start_date": excel(2020, 2, 29), "cp_plan_end_date": excel(2022, 2, 27)},
    ]

    result = measure({7: plans}, "cp_plans_lasting_2_years", dt.date(2022, 3, 31))

    assert counts(result) == (1, 2)


def test_cin_seen_within_6_weeks_counts_open_episodes_seen_in_the_last_42_days():
    # A - 42 days is 19 May 2024: seen on the 20th is within, on the 19th is not.
    rows = [
        {"cin_start_date": excel(2023, 1, 1), "last_seen_date": excel(2024, 6, 1)},  # num
        {"cin_start_date": excel(2024, 6, 30), "last_seen_date": excel(2024, 5, 19)},  # den
        {"cin_start_date": excel(2024, 7, 1), "last_seen_date": excel(2024, 6, 1)},  # not open
        {
            "cin_start_date": excel(2022, 5, 5),
            "cin_closure_date": excel(2024, 6, 30),
            "last_seen_date": excel(2024, 6, 1),
        },  # closed on the as-at date
        {
            "cin_start_date": excel(2022, 5, 5),
            "cin_closure_date": excel(2024, 7, 1),
            "last_seen_date": excel(2024, 5, 20),
        },  # num
        {
            "cin_start_date": excel(2022, 5, 5),
            "cin_closure_date": "TBC",
            "last_seen_date": excel(2024, 6, 1),
        },  # unreadable closure: left out
        {"cin_start_date": None, "last_seen_date": excel(2024, 6, 1)},  # no cohort
        {"cin_start_date": excel(2020, 2, 2), "last_seen_date": None},  # den: blank fails
        {"cin_start_date": excel(2020, 2, 2), "last_seen_date": "31/02/2024"},  # left out
        {"cin_start_date": excel(2020, 2, 2), "last_seen_date": excel(2024, 7, 5)},  # den
        {"cin_start_date": excel(2024, 3, 1), "cin_closure_date": excel(2024, 2, 1)},  # closed
    ]

    assert counts(measure({6: rows}, "cin_seen_within_6_weeks", A)) == (2, 5)


def test_a_value_is_the_fraction_and_null_when_nobody_is_in_the_cohort():
    result = compute(annex_of({7: CP_PLANS, 6: []}), A)
    by_id = {m.id: m for m in result.measures}

    assert by_id["cp_seen_alone"].value == 4 / 6
    assert counts(by_id["cin_seen_within_6_weeks"]) == (0, 0)
    assert by_id["cin_seen_within_6_weeks"].value is None


def test_measures_on_a_list_that_was_not_supplied_are_not_computed_and_say_why():
    result = compute(annex_of({7: CP_PLANS}), A)
    referrals = next(m for m in result.measures if m.id == "re_referral_12m")

    assert (referrals.numerator, referrals.denominator, referrals.value) == (None, None, None)
    assert "re_referral_12m not computed: the data has no List 3" in [
        p.reason for p in result.problems
    ]


def test_a_measure_whose_column_is_missing_is_not_computed_and_says_which():
    rows = [["Child Unique ID", "Child Protection Plan Start Date"], ["1", excel(2024, 1, 1)]]

    result = compute(read_sheets([("List 7", rows)]), A)
    seen_alone = next(m for m in result.measures if m.id == "cp_seen_alone")
    second = next(m for m in result.measures if m.id == "cp_plans_second_or_subsequent")

    assert seen_alone.value is None
    assert seen_alone.not_computed == (
        "List 7 has no column 'Child Protection Plan End Date', 'Was the Child Seen Alone'"
    )
    assert second.not_computed == "List 7 has no column 'Number of Previous Child Protection Plans'"
