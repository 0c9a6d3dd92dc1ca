"""The "as at" date every plan page is shown for: the `as_at` query parameter.

Pure Python, no Django: `parse_as_at(request.GET.get("as_at"), today=...)`.
"""

from __future__ import annotations

import datetime as dt

from actionplan.core.calendar import date_parts, in_range, out_of_range
from actionplan.core.wording import long_date

PARAMETER = "as_at"
EXAMPLE = "15/03/2013"

_RANGE = "The date to show the plan as at"


class AsAtError(ValueError):
    """An `as_at` value that is not a date; the message says what to enter instead."""

    def __init__(self, value: str, message: str):
        self.value = value
        super().__init__(message)


def parse_as_at(value: str | None, *, today: dt.date) -> dt.date:
    """The date `value` names, written any usual UK way (15/03/2013, 15 March 2013,
    2013-03-15); `today` when it is missing or blank. A date after `today` is refused: the
    plan's history stops at today, so a page "as at" next year would show today's plan
    under next year's date."""
    text = (value or "").strip()
    if not text:
        return today
    parts = date_parts(text)
    if parts is None:
        raise AsAtError(text, f"Enter the date to show the plan as at like {EXAMPLE}")
    year, month, day = parts
    if len(year) > 4:  # a year past 9999, which no date arithmetic can take
        raise AsAtError(text, out_of_range(_RANGE))
    try:
        on = dt.date(int(year), month, day)
    except ValueError:
        raise AsAtError(
            text, f"The date to show the plan as at must be a real date, like {EXAMPLE}"
        ) from None
    if not in_range(on):
        raise AsAtError(text, out_of_range(_RANGE))
    if on > today:
        raise AsAtError(
            text,
            "The date to show the plan as at must be today or in the past: the plan has no "
            f"history after today ({long_date(today)})",
        )
    return on


def as_at_query(as_at: dt.date, *, today: dt.date) -> str:
    """The query string that keeps `as_at` on a link: empty for today."""
    return "" if as_at == today else f"?{PARAMETER}={as_at.isoformat()}"
