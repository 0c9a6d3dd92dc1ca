"""Calendar months clamp to the month's end; working days skip weekends and England's bank
holidays, substitute days and one-off holidays included."""

import datetime as dt
import random

import pytest

from actionplan.indicators.annexa import read_sheets
from actionplan.indicators.annexa.engine import MeasureEngine
from actionplan.indicators.annexa.workdays import add_months, working_days_between

D = dt.date


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        (D(2024, 6, 30), -6, D(2023, 12, 30)),  # the example
        (D(2024, 8, 31), -6, D(2024, 2, 29)),  # clamped, in a leap year
        (D(2023, 8, 31), -6, D(2023, 2, 28)),
        (D(2024, 6, 30), -3, D(2024, 3, 30)),
        (D(2024, 5, 31), -3, D(2024, 2, 29)),
        (D(2024, 1, 31), 1, D(2024, 2, 29)),
        (D(2020, 2, 29), 24, D(2022, 2, 28)),
        (D(2024, 3, 15), -15, D(2022, 12, 15)),
    ],
)
def test_calendar_months_are_clamped_to_the_end_of_the_month(day, months, expected):
    assert add_months(day, months) == expected


@pytest.mark.parametrize(
    ("start", "end", "expected", "why"),
    [
        (D(2024, 6, 3), D(2024, 6, 10), 5, "Monday to Monday"),
        (D(2024, 6, 3), D(2024, 6, 3), 0, "the same day"),
        (D(2024, 6, 10), D(2024, 6, 3), 0, "an end before the start"),
        (D(2024, 6, 7), D(2024, 6, 9), 0, "Friday to Sunday"),
        (D(2023, 12, 22), D(2023, 12, 27), 1, "Christmas Day and Boxing Day"),
        (D(2023, 12, 22), D(2024, 1, 2), 4, "and New Year's Day"),
        (D(2024, 3, 28), D(2024, 4, 2), 1, "Good Friday and Easter Monday"),
        (D(2020, 12, 24), D(2020, 12, 29), 1, "Boxing Day on a Saturday: Monday 28th"),
        (D(2021, 12, 24), D(2021, 12, 29), 1, "both on a weekend: the 27th and 28th"),
        (D(2022, 6, 1), D(2022, 6, 6), 1, "the spring bank holiday and the Platinum Jubilee"),
        (D(2022, 9, 16), D(2022, 9, 20), 1, "the Queen's funeral"),
        (D(2012, 6, 1), D(2012, 6, 6), 1, "the Diamond Jubilee: 4 and 5 June 2012"),
        (D(2024, 5, 3), D(2024, 5, 7), 1, "the early May bank holiday"),
    ],
)
def test_working_days_skip_weekends_and_bank_holidays_in_england(start, end, expected, why):
    assert working_days_between(start, end) == expected, why


def test_the_engine_counts_working_days_as_the_calendar_does():
    rng = random.Random(5)
    pairs = []
    for _ in range(300):
        start = D(2010, 1, 1) + dt.timedelta(days=rng.randrange(6000))
        pairs.append((start, start + dt.timedelta(days=rng.randrange(-20, 120))))
    rows = [
        [
            "Child Unique ID",
            "Strategy discussion initiating Section 47 Enquiry Start Date",
            "Date of Initial Child Protection Conference",
        ]
    ]
    rows += [[str(i), s, e] for i, (s, e) in enumerate(pairs)]

    with MeasureEngine(read_sheets([("List 5", rows)])) as engine:
        counted = engine.con.execute(
            "SELECT working_days(strategy_discussion_date, icpc_date) FROM list_5 "
            "ORDER BY row_number"
        ).fetchall()

    assert [n for (n,) in counted] == [working_days_between(s, e) for s, e in pairs]
