"""Which meetings of a body hear a reporting line: the linking rule as pure functions.

- A dated line ("Report to CYPLT, June 2013") goes to the last meeting of the body on or
  before its due date. If the body has none, it goes to the first meeting after, and the
  link is flagged late. Meetings before the plan's start never count: nothing in the plan
  was there to report.
- A line with a frequency ("Quarterly reports to YPC", the importer's normalised
  "monthly", "bi-monthly", "quarterly", "six-monthly" or "annual") goes to one meeting in
  each period of that length within the plan period: the last meeting of the period, as a
  dated line goes to the last meeting before its due date. Periods are counted from the
  line's own due date when it has one ("Quarterly reports to LSCB, March 2013": the
  quarters ending March, June, ...; the first report is March's), otherwise from the
  financial year (April): quarters end June, September, December and March. The first
  period may have begun before the plan did; a period that ends after the plan does not
  count, since its report would fall due after the plan.
- "weekly" and "fortnightly" lines go to every meeting in the plan period.
- A line with neither a date nor a frequency ("LSCB to be advised of progress") has no
  meeting: the document does not say when.

Meetings are (key, date) pairs; the key is whatever the caller uses (an id). Pure Python.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Hashable, Sequence
from typing import TypeVar

__all__ = ["CADENCE_MONTHS", "EVERY_MEETING", "meeting_for_due_date", "meetings_for_frequency"]

K = TypeVar("K", bound=Hashable)
Meetings = Sequence[tuple[K, dt.date]]

CADENCE_MONTHS = {"monthly": 1, "bi-monthly": 2, "quarterly": 3, "six-monthly": 6, "annual": 12}
EVERY_MEETING = frozenset({"weekly", "fortnightly"})
_APRIL = 3  # months are counted from 0 = January


def meeting_for_due_date(
    meetings: Meetings[K], due: dt.date, *, not_before: dt.date | None = None
) -> tuple[K, bool] | None:
    """(the meeting that hears a line due on `due`, whether it is late); None if none can."""
    eligible = sorted(
        ((d, k) for k, d in meetings if not_before is None or d >= not_before),
        key=lambda pair: pair[0],
    )
    before = [k for d, k in eligible if d <= due]
    if before:
        return before[-1], False
    after = [k for d, k in eligible if d > due]
    return (after[0], True) if after else None


def _month_index(d: dt.date) -> int:
    return d.year * 12 + d.month - 1


def _month_start(index: int) -> dt.date:
    return dt.date(index // 12, index % 12 + 1, 1)


def _periods(
    months: int, anchor_end: int | None, first: dt.date, last: dt.date
) -> list[tuple[dt.date, dt.date]]:
    """The periods of `months` months that meet [first, last], each as (start, end)."""
    # Without an anchor, periods are aligned to the financial year (the first starts in
    # April); with one, the first period ends in the anchor's month and none comes before.
    aligned = _month_index(first) - (_month_index(first) - _APRIL) % months
    start = aligned if anchor_end is None else anchor_end - months + 1
    periods = []
    while _month_start(start) <= last:
        end = _month_start(start + months) - dt.timedelta(days=1)
        if end >= first:
            periods.append((_month_start(start), end))
        start += months
    return periods


def meetings_for_frequency(
    meetings: Meetings[K],
    frequency: str,
    *,
    due: dt.date | None = None,
    period: tuple[dt.date | None, dt.date | None] = (None, None),
) -> list[K]:
    """The meetings that hear a line reported at `frequency`, in date order."""
    ordered = sorted(meetings, key=lambda pair: pair[1])
    if not ordered:
        return []
    first = period[0] or ordered[0][1]
    last = period[1] or ordered[-1][1]
    if frequency in EVERY_MEETING:
        since = max(first, due.replace(day=1)) if due else first
        return [k for k, d in ordered if since <= d <= last]
    months = CADENCE_MONTHS.get(frequency)
    if months is None:
        return []
    chosen = []
    anchor = _month_index(due) if due else None
    for start, end in _periods(months, anchor, first, last):
        if period[1] and end > period[1]:
            break  # a period the plan ends in the middle of falls due after the plan
        within = [k for k, d in ordered if max(start, first) <= d <= min(end, last)]
        if within:
            chosen.append(within[-1])
    return chosen
