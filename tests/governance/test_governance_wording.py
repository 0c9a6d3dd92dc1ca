"""core/wording.py, with which the governance pages, reminders and board papers word dates,
counts and lists."""

import datetime as dt

from actionplan.core.wording import day, listed, long_date, plural


def test_dates_counts_and_lists_are_worded_plainly():
    assert long_date(dt.date(2013, 3, 9)) == "9 March 2013"
    assert long_date(None) == ""
    assert (day(dt.date(2013, 3, 19)), day(None)) == ("Tuesday 19 March 2013", "")
    assert (plural(1, "day"), plural(3, "day"), plural(2, "person", "people")) == (
        "1 day",
        "3 days",
        "2 people",
    )
    assert [listed(w) for w in ([], ["a"], ["a", "b"], ["a", "b", "c"])] == [
        "",
        "a",
        "a and b",
        "a, b and c",
    ]
    assert listed([14, 3]) == "14 and 3"
