"""The dates the service works with: from 1 January 1900 to 31 December 2100. Pure Python.

A plan's dates are years either side of now; a date outside these is a typo (a year of
20130, or of 10^20), and the arithmetic on it (the day after 31 December 9999) fails. So
every date a person gives (a form's, ?as_at=) is checked against these first.
"""

from __future__ import annotations

import datetime as dt

EARLIEST = dt.date(1900, 1, 1)
LATEST = dt.date(2100, 12, 31)


def in_range(day: dt.date) -> bool:
    return EARLIEST <= day <= LATEST


def out_of_range(what: str) -> str:
    """What to say about a date outside the range, e.g. out_of_range("The end date")."""
    return f"{what} must be between {EARLIEST.year} and {LATEST.year}"
