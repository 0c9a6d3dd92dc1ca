"""Reading one Annex A cell, by the kind of column it is in.

Each reader returns the value and, when the cell could not be read, the reason: the
caller lists it as a problem. Dates become day numbers (days since 1970-01-01) so a
column of them packs into an int32 array; BLANK and UNREADABLE are kept apart because
the reading rules treat them differently. The readers are memoised: a column holds few
distinct dates, answers and codes, and a million rows repeat them endlessly.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from functools import lru_cache

BLANK = -(2**31)
UNREADABLE = BLANK + 1
_EPOCH = dt.date(1970, 1, 1).toordinal()
_INT32_MAX = 2**31 - 1

_DAY_FIRST = re.compile(r"([0-9]{1,2})/([0-9]{1,2})/([0-9]{4})")
_CODE_PREFIX = re.compile(r"[A-Za-z]{1,2}\)\s*")
_DIGITS = re.compile(r"[0-9]+")
EXCEL_ERRORS = frozenset(
    {"#N/A", "#REF!", "#VALUE!", "#DIV/0!", "#NAME?", "#NUM!", "#NULL!", "#SPILL!", "#CALC!"}
)

Read = tuple[object, str | None]


def day_number(day: dt.date) -> int:
    return day.toordinal() - _EPOCH


def from_day_number(n: int) -> dt.date:
    return dt.date.fromordinal(n + _EPOCH)


def tidy(text: str) -> str:
    """Spaces trimmed and runs of them (non-breaking ones too) made one."""
    return " ".join(text.split())


def without_code(text: str) -> str:
    """'a) Male' -> 'Male': Annex A codes its answers with a letter prefix."""
    match = _CODE_PREFIX.match(text)
    return text[match.end() :] if match else text


@lru_cache(maxsize=None, typed=True)
def read_date(value: object) -> Read:
    # datetime before date: it is a subclass, and its time of day is dropped either way.
    if isinstance(value, dt.date):
        return day_number(value.date() if isinstance(value, dt.datetime) else value), None
    if value is None:
        return BLANK, None
    if not isinstance(value, str):
        return UNREADABLE, "not a date"
    text = value.strip()
    if not text:
        return BLANK, None
    match = _DAY_FIRST.fullmatch(text)
    if not match:
        return UNREADABLE, "not a date (day/month/year)"
    day, month, year = (int(g) for g in match.groups())
    try:
        return day_number(dt.date(year, month, day)), None
    except ValueError:
        return UNREADABLE, "no such date"


@lru_cache(maxsize=None, typed=True)
def read_answer(value: object) -> Read:
    """'yes', 'no', or what was written (trimmed, code dropped); None when blank."""
    if value is None:
        return None, None
    text = tidy(without_code(str(value).strip()))
    if not text:
        return None, None
    word = text.casefold()
    if word in ("yes", "y"):
        return "yes", None
    if word in ("no", "n"):
        return "no", None
    if word in ("unknown", "not known"):
        return text, None
    return text, "not a yes/no answer"


@lru_cache(maxsize=None, typed=True)
def read_count(value: object) -> Read:
    if value is None:
        return BLANK, None
    if isinstance(value, bool):
        return BLANK, "not a count"
    if isinstance(value, int | float):
        if value >= 0 and float(value).is_integer() and value <= _INT32_MAX:
            return int(value), None
        return BLANK, "not a count"
    text = str(value).strip()
    if not text:
        return BLANK, None
    if _DIGITS.fullmatch(text) and int(text) <= _INT32_MAX:
        return int(text), None
    return BLANK, "not a count"


@lru_cache(maxsize=None, typed=True)
def read_number(value: object) -> Read:
    if value is None:
        return math.nan, None
    if isinstance(value, bool):
        return math.nan, "not a number"
    if isinstance(value, int | float):
        return float(value), None
    text = str(value).strip()
    if not text:
        return math.nan, None
    try:
        number = float(text)
    except ValueError:
        return math.nan, "not a number"
    return (number, None) if math.isfinite(number) else (math.nan, "not a number")


@lru_cache(maxsize=None, typed=True)
def read_code(value: object) -> Read:
    text, problem = read_text(value)
    return (without_code(text) if isinstance(text, str) else text), problem


@lru_cache(maxsize=None, typed=True)
def read_text(value: object) -> Read:
    if value is None:
        return None, None
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    elif isinstance(value, dt.datetime):
        value = value.date() if value.time() == dt.time() else value
    text = tidy(value.isoformat() if isinstance(value, dt.date) else str(value))
    if text in EXCEL_ERRORS:
        return None, "an Excel error value"
    return text or None, None


def read_id(value: object) -> str | None:
    """Ids compare as trimmed text: 123, '123' and ' 123' are one child. Not memoised:
    nearly every id is different."""
    if value is None:
        return None
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip() or None
