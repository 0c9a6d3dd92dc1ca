"""core/wording.py, which the governance pages and reminders word dates, counts and lists
with (and reports/wording.py has copies of, to switch over)."""

import datetime as dt

from actionplan.core.wording import listed, long_date, plural


def test_dates_counts_and_lists_are_worded_plainly():
    assert long_date(dt.date(2013, 3, 9)) == "9 March 2013"
    assert long_date(None) == ""
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
