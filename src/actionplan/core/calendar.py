"""The dates the service works with: from 1 January 1900 to 31 December 2100. Pure Python.

A plan's dates are years either side of now; a date outside these is a typo (a year of
20130, or of 10^20), and the arithmetic on it (the day after 31 December 9999) fails. So
every date a person gives (a form's, ?as_at=) is checked against these first.
"""

from __future__ import annotations

import datetime as dt
import re

EARLIEST = dt.date(1900, 1, 1)
LATEST = dt.date(2100, 12, 31)


def in_range(day: dt.date) -> bool:
    return EARLIEST <= day <= LATEST


def out_of_range(what: str) -> str:
    """What to say about a date outside the range, e.g. out_of_range("The end date")."""
    return f"{what} must be between {EARLIEST.year} and {LATEST.year}"


MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ),
        start=1,
    )
    for name in names
}

_ISO = re.compile(r"(\d{4,})-(\d{1,2})-(\d{1,2})", re.ASCII)
# 15/03/2013, 15-3-2013, 15.03.2013, 15 3 2013: day first, as people in the UK write it.
_NUMERIC = re.compile(r"(\d{1,2})\s*[/.\- ]\s*(\d{1,2})\s*[/.\- ]\s*(\d{4,})", re.ASCII)
# 15 March 2013, 15th Mar 2013, 15 March, 2013.
_WORDS = re.compile(r"(\d{1,2})(?:st|nd|rd|th)?\s+([a-z]+)\.?,?\s+(\d{4,})", re.ASCII)


def date_parts(text: str) -> tuple[str, int, int] | None:
    """(year, month, day) of a date written the usual UK ways (2013-03-15, 15/03/2013,
    15 March 2013), or None. The year stays text, so a caller can refuse a year of 10^20
    before it becomes a number; whether the day exists is the caller's to check too."""
    text = " ".join(str(text).split()).casefold()
    if match := _ISO.fullmatch(text):
        year, month, day = match.groups()
        return year, int(month), int(day)
    if match := _NUMERIC.fullmatch(text):
        day, month, year = match.groups()
        return year, int(month), int(day)
    if (match := _WORDS.fullmatch(text)) and match.group(2) in MONTHS:
        day, month, year = match.groups()
        return year, MONTHS[month], int(day)
    return None
