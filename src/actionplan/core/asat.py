"""The "as at" date every plan page is shown for: the `as_at` query parameter.

Pure Python, no Django: `parse_as_at(request.GET.get("as_at"), today=...)`.
"""

from __future__ import annotations

import datetime as dt
import re

from actionplan.core.calendar import in_range, out_of_range

PARAMETER = "as_at"
EXAMPLE = "2013-03-15"

_ISO = re.compile(r"^(\d{4,})-(\d{1,2})-(\d{1,2})$", re.ASCII)
_RANGE = "The date to show the plan as at"


class AsAtError(ValueError):
    """An `as_at` value that is not a date; the message says what to enter instead."""

    def __init__(self, value: str, message: str):
        self.value = value
        super().__init__(message)


def parse_as_at(value: str | None, *, today: dt.date) -> dt.date:
    """The date `value` names (YYYY-MM-DD); `today` when it is missing or blank."""
    text = (value or "").strip()
    if not text:
        return today
    match = _ISO.match(text)
    if not match:
        raise AsAtError(
            text, f"Enter the date to show the plan as at like {EXAMPLE} (year-month-day)"
        )
    if len(match.group(1)) > 4:  # a year past 9999, which no date arithmetic can take
        raise AsAtError(text, out_of_range(_RANGE))
    year, month, day = (int(g) for g in match.groups())
    try:
        on = dt.date(year, month, day)
    except ValueError:
        raise AsAtError(
            text, f"The date to show the plan as at must be a real date, like {EXAMPLE}"
        ) from None
    if not in_range(on):
        raise AsAtError(text, out_of_range(_RANGE))
    return on


def as_at_query(as_at: dt.date, *, today: dt.date) -> str:
    """The query string that keeps `as_at` on a link: empty for today."""
    return "" if as_at == today else f"?{PARAMETER}={as_at.isoformat()}"
