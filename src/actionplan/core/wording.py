"""Plain-English words for numbers, lists and dates, shared by the apps' pages, papers and
e-mails (GOV.UK style: '19 March 2013', '3 days', 'a, b and c'). Pure Python: no Django."""

from __future__ import annotations

import datetime as dt


def long_date(d: dt.date | None) -> str:
    """'19 March 2013'; '' for no date."""
    return f"{d.day} {d:%B %Y}" if d else ""


def day(d: dt.date | None) -> str:
    """'Tuesday 19 March 2013'; '' for no date."""
    return f"{d:%A} {long_date(d)}" if d else ""


def plural(n: int, one: str, many: str | None = None) -> str:
    """'1 day', '3 days', '2 people' (given many='people')."""
    return f"{n} {one if n == 1 else (many or one + 's')}"


def listed(words: list[str]) -> str:
    """'', 'a', 'a and b', 'a, b and c'."""
    words = [str(w) for w in words]
    if len(words) <= 1:
        return "".join(words)
    return f"{', '.join(words[:-1])} and {words[-1]}"
