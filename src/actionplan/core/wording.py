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


def action_label(ref: str | None, number: str | None, order: int | None = None) -> str:
    """An action's short label, as the dashboard, its page and the papers show it: its ref
    ('4a', 'B.2(a)', unique within its recommendation), else its number as written
    ('2 (a)'), else its place ('#3'); '' when it has none of them."""
    if ref or number:
        return ref or number or ""
    return f"#{order}" if order is not None else ""


def plural(n: int, one: str, many: str | None = None) -> str:
    """'1 day', '3 days', '2 people' (given many='people')."""
    return f"{n} {one if n == 1 else (many or one + 's')}"


def listed(words: list[str]) -> str:
    """'', 'a', 'a and b', 'a, b and c'."""
    words = [str(w) for w in words]
    if len(words) <= 1:
        return "".join(words)
    return f"{', '.join(words[:-1])} and {words[-1]}"
