"""Calendar months and working days, as statutory timescales count them.

A working day is a weekday that is not a bank holiday in England. The holidays come from
the maintained `holidays` library (substitute days and one-off holidays such as jubilees
included), never from a hand-typed list.
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Iterator

import holidays


def add_months(day: dt.date, months: int) -> dt.date:
    """Calendar months, clamped to the month's end: 31 August minus 6 months is 28 (or 29)
    February, and 30 June minus 6 months is 30 December."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return dt.date(year, month + 1, min(day.day, last))


def bank_holidays(first_year: int, last_year: int) -> set[dt.date]:
    return set(
        holidays.country_holidays("GB", subdiv="ENG", years=range(first_year, last_year + 1))
    )


def is_working_day(day: dt.date, bank: set[dt.date]) -> bool:
    return day.weekday() < 5 and day not in bank


def working_days_between(start: dt.date, end: dt.date) -> int:
    """The working days d with start < d <= end; 0 when end is not after start."""
    if end <= start:
        return 0
    bank = bank_holidays(start.year, end.year)
    return sum(1 for d in _days_after(start, end) if is_working_day(d, bank))


def _days_after(start: dt.date, end: dt.date) -> Iterator[dt.date]:
    day = start + dt.timedelta(days=1)
    while day <= end:
        yield day
        day += dt.timedelta(days=1)
