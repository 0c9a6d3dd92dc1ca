"""Dates as councils write them in action plans.

"November 2012", "by end January 2013", "Mid December", "February/March 2013",
"2012/13 Q3", "Summer and Autumn Term 2013": every phrase becomes a `ParsedDate` that keeps
its text and precision. `due` is the LAST day of the stated period (what "overdue" is
measured against) and `start` its first.

How the ambiguous cases resolve:

- Numeric dates are day first (UK): "01/02/2013" is 1 February 2013.
- A year of the form 2012/13, 2012-13 or 2012/2013 is a financial year (April to March).
  "Q1 2013/14" and "2012/13 Q3" are quarters of it (Q1 = April-June).
- A quarter with one calendar year ("Q1 2013") is the calendar quarter (January-March 2013):
  the text names a calendar year, so the quarter is of that year. A quarter with no year at
  all ("Q3", "from Q4") is a financial-year quarter, the way council reporting counts; like
  every year-less phrase it needs the plan period.
- Terms: Autumn 1 September - 31 December; Spring 1 January - Easter Sunday; Summer Easter
  Monday - 31 July. A season word counts only with "term" or a year after it. With an
  academic year ("Autumn Term 2013/14") Autumn takes the first year, Spring and Summer the
  second.
- Half terms: "Spring 2 2021" is the second half of the spring term. Half-term holidays
  vary by council, so the halves split at a month's end: Autumn 1 to 31 October, Autumn 2
  from 1 November; Spring 1 to the end of February, Spring 2 from 1 March to Easter Sunday;
  Summer 1 to 31 May, Summer 2 from 1 June to 31 July.
- Festivals: "By Easter 2024" is Easter Sunday (dateutil.easter), "Christmas 2024" 25
  December; both are days.
- Month first with a day: "June 30th 2022", "June 30, 2022" (the ordinal or comma, or the
  year, is needed, so "June 2022" stays a month).
- Short financial years after a quarter: "Q3 21/22" is October-December 2021 (the two years
  must follow on). "end of 2022/23" is the financial year's end, 31 March 2023.
- A range written with one year ("December/January 2013") puts the year on the last month;
  an earlier part that would fall after it goes back a year (December 2012).
- "/", ",", "and" and "&" join dates into a range only when the first states no year
  ("May/ June 2013", "May, June and July 2013", "between May and July 2013"); "to", "until"
  and dashes always join. So "December 2012 and March 2013" stays two dates.
- An impossible date ("30 February 2013", "31/02/2013") is no date at all, not "February 2013".
- A phrase without a year takes it from the plan period: the year that puts the whole period
  inside the plan period, else the first occurrence not wholly before the plan start. With
  no plan period it is not a date (no guess).
- "May" and "March" with no year count only when capitalised ("staff may attend"); month
  abbreviations ("Jan", "Mar.") count only with a day or a year attached, or as the first
  month of a range that has one ("Jan - Mar 2013").
- A bare four-digit year counts only if it is 1990-2100 and is not a numbered thing: "ext
  2049", "Children Act 2004", "Level 2013". Years are never read from two digits alone,
  except in "Jan-13" / "Dec '12" and d/m/yy dates.
- "from X" (with no "to") and "X onwards" are open-ended: the period is where it starts.
  "from", "between" and "onwards" are part of the matched text; "by", "end of" are not
  (they do not change the period).
- Known blind spots: capitalised "May"/"March" starting a sentence ("May be reviewed") and
  first names (June, August) read as months.
"""

import calendar
import datetime as dt
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from dateutil.easter import easter

__all__ = [
    "PRECISIONS",
    "DateMatch",
    "ParsedDate",
    "Period",
    "find_dates",
    "is_not_a_date",
    "parse_date",
    "parse_frequency",
]

PRECISIONS = ("day", "part-month", "month", "quarter", "term", "year", "financial-year", "range")


@dataclass(frozen=True)
class ParsedDate:
    text: str  # the phrase as it appears in the input (the matched substring, not normalised)
    start: dt.date  # first day of the stated period
    due: dt.date  # LAST day of the stated period (this is the due date used for "overdue")
    precision: str  # one of PRECISIONS
    year_inferred: bool = False  # the text gave no year; it came from the plan period
    open_ended: bool = False  # "from ... onwards", "from Q4": the period is where it starts


@dataclass(frozen=True)
class DateMatch:
    date: ParsedDate
    start: int  # offset of the phrase in the searched text
    end: int


Period = tuple[dt.date, dt.date] | None  # the plan period, used to supply a missing year

_MIN_YEAR, _MAX_YEAR = 1990, 2100

# --- The scanner: one compiled alternation, most specific form first, so that at any
# position the longest reading wins ("2012/13 Q3" before "2012/13" before "2012").
# It is tried only where _START finds a word that could open a date phrase: four times
# faster than letting the alternation try every character.

_SP = r"[^\S\t]"  # whitespace but not tab: tabs separate table cells in extracted text
_Y4 = r"(?:199\d|20\d\d|2100)(?!\d)"  # a plausible year
_NOT_AFTER_NUMBER = r"(?<![\d£$€#.,/])"
_MONTH = (
    r"(?:january|february|march|april|may|june|july|august|september|october|november|december"
    r"|(?:jan|feb|mar|apr|jun|jul|aug|sept?|oct|nov|dec)\.?)(?![a-z])"
)
_ORDINAL = r"(?:st|nd|rd|th)?"
_OF = rf"{_SP}*(?:of{_SP}+)?"
_SEASON = r"(?:autumn|spring|summer)(?![a-z])"
_FEAST = r"(?:easter|christmas)(?![a-z])"


def _year_after(n: str) -> str:
    """An optional year after a month: "May 2013", "July2012", "May, 2013", "Jan-13", "Dec '12"."""
    return rf"(?:{_SP}*,?{_SP}*(?P<{n}>{_Y4})|(?:-|{_SP}?['’])(?P<{n}2>\d{{2}})(?![\d/]))?"


def _fy(n: str) -> str:
    """2012/13, 2012-13, 2012/2013: checked for consecutive years after matching."""
    return rf"{_NOT_AFTER_NUMBER}(?P<{n}a>{_Y4})[/\-–](?P<{n}b>\d{{4}}|\d{{2}})(?![\d/])"


def _quarter(n: str) -> str:
    """Q3, qtr 3, quarter 3; also two quarters: Q1-Q2, Q1 & 2, quarters 1 and 2 (group n0)."""
    q = r"(?:q|qtr\.?|quarters?)"
    also = rf"(?P<{n}0>[1-4]){_SP}*(?:-|–|to|and|&|/){_SP}*(?:{q}{_SP}?)?"
    return rf"(?<![a-z\d]){q}{_SP}?(?:{also})?(?P<{n}>[1-4])(?!\d)"


_FORMS = {
    "iso": rf"(?<![\d/.-])(?P<iso_y>{_Y4})-(?P<iso_m>\d\d)-(?P<iso_d>\d\d)(?!\d)",
    "num": r"(?<![\w/.,-])(?P<num_d>\d{1,2})(?P<num_sep>[/.-])(?P<num_m>\d{1,2})(?P=num_sep)"
    r"(?P<num_y>\d{4}|\d{2})(?![\d/]|[.-]\d)",
    "mmy": rf"(?<![\w/.,-])(?P<mmy_m>\d{{1,2}})/(?P<mmy_y>{_Y4})(?![/]|[.-]\d)",
    "fyq": rf"{_quarter('fyq_q')}{_OF}{_fy('fyq1')}|{_fy('fyq2')}{_SP}*{_quarter('fyq_r')}",
    "calq": rf"{_quarter('calq_q')}{_OF}{_NOT_AFTER_NUMBER}(?P<calq_y>{_Y4})(?![/\-–]\d)"
    rf"|{_NOT_AFTER_NUMBER}(?P<calq_z>{_Y4}){_SP}*{_quarter('calq_r')}",
    "fy": _fy("fy"),
    "fyqs": rf"{_quarter('fyqs_q')}{_SP}*(?P<fyqs_a>\d{{2}})/(?P<fyqs_b>\d{{2}})(?![\d/])",
    "term": rf"(?<![a-z])(?P<term_1>{_SEASON})"
    rf"(?:{_SP}*(?:and|&|/|-|–|to){_SP}*(?P<term_2>{_SEASON}))?"
    rf"(?P<term_w>{_SP}+terms?(?![a-z]))?(?:{_SP}+(?P<term_h>[12])(?=\s+\d{{4}}))?"
    rf"(?:{_SP}*,?{_SP}*(?:{_fy('term_ay')}|(?P<term_y>{_Y4})))?",
    "day": rf"(?<![\w.,:/£$€#-])(?:(?P<day_0>\d{{1,2}}){_ORDINAL}{_SP}*(?:-|–|to|and){_SP}*)?"
    rf"(?P<day_d>\d{{1,2}}){_ORDINAL}(?:{_SP}*of)?(?:{_SP}|-)*"
    rf"(?P<day_m>{_MONTH}){_year_after('day_y')}",
    "part": rf"(?<![a-z])(?P<part_p>early|mid|late){_SP}*-?{_SP}*(?:of{_SP}+)?"
    rf"(?P<part_m>{_MONTH}){_year_after('part_y')}",
    "mdy": rf"(?<![a-z])(?P<mdy_m>{_MONTH}){_SP}+(?P<mdy_d>\d{{1,2}})(?:(?:st|nd|rd|th)(?![a-z])"
    rf"(?:{_SP}*,?{_SP}*(?P<mdy_y>{_Y4}))?|{_SP}*,?{_SP}+(?P<mdy_z>{_Y4}))",
    "feast": rf"(?<![a-z])(?P<feast_f>{_FEAST})(?:{_SP}+(?P<feast_y>{_Y4}))?",
    "month": rf"(?<![a-z])(?P<month_m>{_MONTH}){_year_after('month_y')}",
    "year": rf"(?<![\w.,£$€#/\\])(?P<year_y>{_Y4})(?![%]|{_SP}*%|[.,:/-]\d)",
    "bareq": _quarter("bareq_q"),
}
_SCAN = re.compile("|".join(f"(?P<{kind}>{form})" for kind, form in _FORMS.items()), re.I)

# Every alternative of _SCAN starts at one of these.
_START = re.compile(
    r"\b(?:j[au]|feb|ma|a[pu]|sep|oct|nov|dec|early|mid|late|spring|summer|q|eas|chr)"
    r"|\d(?<!\d\d)",
    re.I,
)

# Words that number things rather than date them: "ext 2049", "Level 4 March", "Act 2004".
_NUMBERED_BY = re.compile(
    r"\b(?:ext|extn|extension|tel|telephone|phone|fax|mobile|room|no|number|ref|page|act"
    r"|regulations?|rules|order|section|version|level|stage|step|phase|tier|part|item|action"
    r"|recommendation|paragraph|para|appendix|annex|code|together)\.?:?\s*$"
    r"|[£$€#]\s*$",
    re.I,
)
_STATUTE_AFTER = re.compile(r"\s*(?:act|regulations?)\b", re.I)
_LEAD = re.compile(rf"\b(?:(?P<from>from)|(?P<between>between)){_SP}+(?:the{_SP}+)?$", re.I)
_TRAIL = re.compile(rf"{_SP}*(?:onwards?|and{_SP}+beyond)\b", re.I)
_JOIN = re.compile(
    rf"{_SP}*(?:(?P<hard>-|–|—|to|until|till|through|thru)|(?P<soft>/|,|and|&)){_SP}*",
    re.I,
)

_MONTH_NAMES = (
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december",
)  # fmt: skip
_MONTH_NUMBER = {name[:3]: i for i, name in enumerate(_MONTH_NAMES, 1)}
_PARTS = {"early": (1, 10), "mid": (11, 20), "late": (21, 31)}

Bounds = tuple[dt.date, dt.date]


# --- Periods, given a year.


def _last_day(y: int, m: int) -> int:
    return calendar.monthrange(y, m)[1]


def _months(y1: int, m1: int, y2: int, m2: int) -> Bounds:
    return dt.date(y1, m1, 1), dt.date(y2, m2, _last_day(y2, m2))


def _fy_quarter(y: int, q: int) -> Bounds:
    """Quarter q of the financial year that starts in April of y."""
    first = 3 * q + 1  # April = 4 for Q1 ... January of y+1 = 13 for Q4
    y1, m1 = y + (first - 1) // 12, (first - 1) % 12 + 1
    return _months(y1, m1, y1, m1 + 2)


def _calendar_quarter(y: int, q: int) -> Bounds:
    return _months(y, 3 * q - 2, y, 3 * q)


def _term(y: int, season: str, half: int = 0) -> Bounds:
    """A term, or with `half` 1 or 2 its first or second half (split at a month's end)."""
    sunday = easter(y)
    if season == "autumn":
        start, end, split = dt.date(y, 9, 1), dt.date(y, 12, 31), dt.date(y, 10, 31)
    elif season == "spring":
        start, end, split = dt.date(y, 1, 1), sunday, dt.date(y, 3, 1) - dt.timedelta(days=1)
    else:
        start, end, split = sunday + dt.timedelta(days=1), dt.date(y, 7, 31), dt.date(y, 5, 31)
    if half == 1:
        return start, split
    if half == 2:
        return split + dt.timedelta(days=1), end
    return start, end


@dataclass(frozen=True)
class _Atom:
    """One date phrase before ranges are joined and missing years supplied."""

    start: int
    end: int
    precision: str
    bounds: Callable[[int], Bounds]  # the period, given its year
    year: int | None = None  # the year the text states; None: take it from context
    weak: bool = False  # counts only inside a range that states a year ("Jan - Mar 2013")


def _two_digit_year(s: str) -> int:
    n = int(s)
    return 1900 + n if n >= 90 else 2000 + n


def _fy_start(a: str, b: str) -> int | None:
    """The first year of a financial year written a/b, or None if the years don't follow on."""
    y = int(a)
    follows = int(b) == (y + 1) % 100 if len(b) == 2 else int(b) == y + 1
    return y if follows else None


def _month_of(word: str) -> tuple[int, bool]:
    """Month number, and whether the word is an abbreviation."""
    key = word.casefold().rstrip(".")  # casefold: re.I also lets "ſep" through
    return _MONTH_NUMBER[key[:3]], key not in _MONTH_NAMES


def _stated_year(m: re.Match, group: str) -> int | None:
    if m[group]:
        return int(m[group])
    if m[group + "2"]:
        return _two_digit_year(m[group + "2"])
    return None


def _numbered(text: str, start: int) -> bool:
    """The number at start names a thing ("Level 4", "ext 2049"), not a date."""
    return _NUMBERED_BY.search(text, max(0, start - 16), start) is not None


def _atom(m: re.Match, text: str) -> _Atom | None:
    kind, s, e = m.lastgroup, m.start(), m.end()

    def day(y: int, mo: int, d: int) -> _Atom:  # checked in _atoms: "31/02/2013" is no date
        return _Atom(s, e, "day", lambda y: (dt.date(y, mo, d),) * 2, y)

    def quarters(n: str, bounds: Callable[[int, int], Bounds], y: int | None) -> _Atom:
        q = int(m[n])
        q0 = int(m[n + "0"] or q)  # "Q1-Q2": from the first quarter to the second

        def span(y: int) -> Bounds:
            return bounds(y, q0)[0], bounds(y, q)[1]

        return _Atom(s, e, "range" if q0 != q else "quarter", span, y)

    if kind == "iso":
        return day(int(m["iso_y"]), int(m["iso_m"]), int(m["iso_d"]))
    if kind == "num":
        digits = m["num_y"]
        if (len(digits) == 2 and m["num_sep"] != "/") or _numbered(text, s):  # "section 1.2.13"
            return None
        y = int(digits) if len(digits) == 4 else _two_digit_year(digits)
        return day(y, int(m["num_m"]), int(m["num_d"])) if _MIN_YEAR <= y <= _MAX_YEAR else None
    if kind == "mmy":
        mo = int(m["mmy_m"])
        if not 1 <= mo <= 12:
            return None
        return _Atom(s, e, "month", lambda y: _months(y, mo, y, mo), int(m["mmy_y"]))
    if kind == "fyq":
        fy, q = ("fyq1", "fyq_q") if m["fyq1a"] else ("fyq2", "fyq_r")
        start = _fy_start(m[fy + "a"], m[fy + "b"])
        return None if start is None else quarters(q, _fy_quarter, start)
    if kind == "calq":
        q, y = ("calq_q", m["calq_y"]) if m["calq_q"] else ("calq_r", m["calq_z"])
        return quarters(q, _calendar_quarter, int(y))
    if kind == "fy":
        a, b = m["fya"], m["fyb"]
        fy_start = _fy_start(a, b)
        if fy_start is not None:
            return _Atom(s, e, "financial-year", lambda y: _months(y, 4, y + 1, 3), fy_start)
        last = int(b)
        if len(b) == 4 and int(a) < last <= _MAX_YEAR:  # "2012-2014": the years in between
            return _Atom(s, e, "range", lambda y: _months(y, 1, last, 12), int(a))
        return None
    if kind == "term":
        return _term_atom(m, s, e)
    if kind == "fyqs":
        start = _fy_start(m["fyqs_a"], m["fyqs_b"])
        return None if start is None else quarters("fyqs_q", _fy_quarter, 2000 + start)
    if kind == "mdy":
        mo, _ = _month_of(m["mdy_m"])
        d = int(m["mdy_d"])
        y = m["mdy_y"] or m["mdy_z"]
        return _Atom(s, e, "day", lambda y: (dt.date(y, mo, d),) * 2, int(y) if y else None)
    if kind == "feast":
        feast = m["feast_f"].casefold()

        def day_of(y: int) -> Bounds:
            return (easter(y),) * 2 if feast == "easter" else (dt.date(y, 12, 25),) * 2

        return _Atom(s, e, "day", day_of, int(m["feast_y"]) if m["feast_y"] else None)
    if kind == "day":
        if _numbered(text, s):
            return None
        mo, _ = _month_of(m["day_m"])
        d, d0 = int(m["day_d"]), int(m["day_0"] or m["day_d"])
        if not 1 <= d0 <= d:
            return None
        return _Atom(
            s,
            e,
            "range" if m["day_0"] else "day",
            lambda y: (dt.date(y, mo, d0), dt.date(y, mo, d)),
            _stated_year(m, "day_y"),
        )
    if kind == "part":
        mo, _ = _month_of(m["part_m"])
        first, last = _PARTS[m["part_p"].casefold()]
        return _Atom(
            s,
            e,
            "part-month",
            lambda y: (dt.date(y, mo, first), dt.date(y, mo, min(last, _last_day(y, mo)))),
            _stated_year(m, "part_y"),
        )
    if kind == "month":
        word = m["month_m"]
        mo, abbreviated = _month_of(word)
        stated = _stated_year(m, "month_y")
        # "staff may attend", "Jan Smith": only a year (or a range with one) makes them dates.
        weak = stated is None and (abbreviated or (mo in (3, 5) and not word[0].isupper()))
        return _Atom(s, e, "month", lambda y: _months(y, mo, y, mo), stated, weak)
    if kind == "year":
        if _numbered(text, s) or _STATUTE_AFTER.match(text, e):
            return None
        return _Atom(s, e, "year", lambda y: _months(y, 1, y, 12), int(m["year_y"]))
    # A quarter with no year: a financial-year quarter, year from the plan period.
    return quarters("bareq_q", _fy_quarter, None)


def _term_atom(m: re.Match, s: int, e: int) -> _Atom | None:
    first = m["term_1"].casefold()
    last = (m["term_2"] or first).casefold()
    half = int(m["term_h"] or 0)
    if not (m["term_w"] or m["term_y"] or m["term_aya"]):
        return None  # "summer" alone is a season, not a term
    if half and not m["term_2"]:
        return _Atom(s, e, "term", lambda y: _term(y, first, half), int(m["term_y"]))
    if m["term_aya"]:
        ay = _fy_start(m["term_aya"], m["term_ayb"])
        if ay is None:
            return None

        def academic(y: int) -> Bounds:
            return (
                _term(y if first == "autumn" else y + 1, first)[0],
                _term(y if last == "autumn" else y + 1, last)[1],
            )

        return _Atom(s, e, "term", academic, ay)

    def calendar_year(y: int) -> Bounds:
        # The year belongs to the last term; a first term later in the year is the year before.
        begin = _term(y, first)[0]
        if begin > _term(y, last)[0]:
            begin = _term(y - 1, first)[0]
        return begin, _term(y, last)[1]

    return _Atom(s, e, "term", calendar_year, int(m["term_y"]) if m["term_y"] else None)


def _atoms(text: str) -> Iterator[_Atom]:
    end = 0
    for candidate in _START.finditer(text):
        if candidate.start() < end:
            continue
        m = _SCAN.match(text, candidate.start())
        atom = _atom(m, text) if m else None
        if m is None or atom is None:  # no reading here, or one rejected: try the next
            continue
        end = m.end()
        if atom.year is not None:
            try:
                atom.bounds(atom.year)
            except ValueError:  # "30 February 2013": a date, but none we can give (nor "February")
                continue
        yield atom


# --- Ranges and missing years.


def _chain(group: list[_Atom], year: int | None = None) -> Bounds | None:
    """Bounds of atoms joined into a range; `year` goes to the last if none states one.
    None if there is no year, the range runs backwards, or the day is not in that year's month
    ("29 February" in 2013)."""
    try:
        return _chain_bounds(group, year)
    except ValueError:
        return None


def _chain_bounds(group: list[_Atom], year: int | None) -> Bounds | None:
    ys = [a.year for a in group]
    if ys[-1] is None:
        stated = [i for i, y in enumerate(ys) if y is not None]
        if stated:  # "December 2012 to March": carry the year forward, past December
            for i in range(stated[-1] + 1, len(ys)):
                y = ys[i - 1]
                assert y is not None  # carried forward from the stated year
                ys[i] = y + 1 if group[i].bounds(y)[0] < group[i - 1].bounds(y)[0] else y
        elif year is None:
            return None
        else:
            ys[-1] = year
    for i in range(len(ys) - 2, -1, -1):  # "December/January 2013": carry it back
        if ys[i] is None:
            y = ys[i + 1]
            assert y is not None  # the last has a year by now, carried back from there
            later = group[i].bounds(y)[0] > group[i + 1].bounds(y)[0]
            ys[i] = y - 1 if later else y
    first, last = ys[0], ys[-1]
    assert first is not None and last is not None  # every year is filled in by now
    start, due = group[0].bounds(first)[0], group[-1].bounds(last)[1]
    return (start, due) if start <= due else None


def _infer(group: list[_Atom], period: tuple[dt.date, dt.date]) -> Bounds | None:
    plan_start, plan_end = period
    first_after = None
    low = max(plan_start.year - 1, _MIN_YEAR)
    high = min(max(plan_start.year, plan_end.year) + 1, _MAX_YEAR)
    for y in range(low, high + 1):
        bounds = _chain(group, y)
        if bounds is None:
            continue
        if plan_start <= bounds[0] and bounds[1] <= plan_end:
            return bounds
        if first_after is None and bounds[1] >= plan_start:
            first_after = bounds
    return first_after


def _joins(text: str, a: _Atom, b: _Atom, between: bool) -> bool:
    """Whether only a range word separates a and b, and they make a range."""
    gap = _JOIN.fullmatch(text, a.end, b.start)
    if gap is None:
        return False
    if gap["soft"] and a.year is not None and not (between and gap["soft"].lower() == "and"):
        return False  # "December 2012 and March 2013" are two dates
    if a.year is not None and b.year is not None:
        return a.bounds(a.year)[0] <= b.bounds(b.year)[1]
    return True


def find_dates(text: str, period: Period = None) -> list[DateMatch]:
    """Every date phrase in free text, left to right, non-overlapping, longest match wins."""
    atoms = list(_atoms(text))
    found = []
    i = 0
    while i < len(atoms):
        lead = _LEAD.search(text, max(0, atoms[i].start - 16), atoms[i].start)
        between = bool(lead and lead["between"])
        j = i
        while j + 1 < len(atoms) and _joins(text, atoms[j], atoms[j + 1], between):
            j += 1
        group, i = atoms[i : j + 1], j + 1
        if parsed := _resolve(text, group, lead, period):
            found.append(parsed)
    return found


def _resolve(
    text: str, group: list[_Atom], lead: re.Match | None, period: Period
) -> DateMatch | None:
    stated = any(a.year is not None for a in group)
    if stated:
        bounds = _chain(group)
    elif period is None or any(a.weak for a in group):
        return None
    else:
        bounds = _infer(group, period)
    if bounds is None:
        return None
    precision = group[0].precision if len(group) == 1 else "range"
    is_from = bool(lead and lead["from"])
    if not is_from and precision != "range":
        lead = None  # "between" belongs to the phrase only when it makes a range
    trail = _TRAIL.match(text, group[-1].end)
    open_ended = bool(trail) or (is_from and precision != "range")
    start, end = lead.start() if lead else group[0].start, trail.end() if trail else group[-1].end
    return DateMatch(
        ParsedDate(text[start:end], *bounds, precision, not stated, open_ended), start, end
    )


def parse_date(text: str, period: Period = None) -> ParsedDate | None:
    """The text as one date phrase (surrounding words like 'by', 'end', 'completed by', 'w/c',
    punctuation and whitespace tolerated); None if it holds no date. If it holds several, the
    one with the latest due."""
    matches = find_dates(text, period)
    return max((m.date for m in matches), key=lambda d: d.due) if matches else None


# --- Words that mean "no date", and reporting frequencies.

_NOT_A_DATE = re.compile(
    r"on-?\s?going|continu(?:ous|al)(?:ly)?|throughout\b.*"
    r"|tb[cad]|to be (?:confirmed|agreed|determined|arranged|advised)"
    r"|(?:as|see)\b.{0,20}\b(?:above|below)|as (?:required|appropriate|needed|necessary)"
    r"|n[./]?a|not applicable",
    re.I | re.DOTALL,
)
_TRAILING = " \t\r\n.,;:!?-–—"


def is_not_a_date(text: str) -> bool:
    """True for the phrases that mean 'no date': Ongoing, On-going, To be confirmed, TBC, TBA,
    As above, As required, As appropriate, N/A, Continuous, Throughout ... (case-insensitive,
    trimmed, trailing punctuation ignored)."""
    phrase = " ".join(text.split()).rstrip(_TRAILING)
    # "Throughout 2013" states a year, so it is a date after all.
    return bool(_NOT_A_DATE.fullmatch(phrase)) and not find_dates(phrase)


_EVERY = r"\b(?:every|each|per|once\s+a)\s+"
_FREQUENCY = re.compile(
    rf"""
     (?P<fortnightly>\bfortnightly\b|\bbi-?weekly\b|\bevery\s+(?:two|2|other)\s+weeks?\b)
    |(?P<weekly>\bweekly\b|{_EVERY}week\b)
    |(?P<bimonthly>\bbi-?monthly\b|\bevery\s+(?:two|2|other)\s+months?\b|\b(?:two|2)[\s-]monthly\b)
    |(?P<quarterly>\bquarterly\b|{_EVERY}quarter\b|\b(?:three|3)[\s-]monthly\b
        |\bevery\s+(?:three|3)\s+months\b)
    |(?P<sixmonthly>\b(?:six|6)[\s-]?monthly\b|\b(?:bi|semi)-?annual(?:ly)?\b|\bhalf[\s-]?yearly\b
        |\btwice[\s-]yearly\b|\btwice\s+(?:a|per|each)\s+year\b|\bevery\s+(?:six|6)\s+months\b)
    |(?P<monthly>\bmonthly\b|{_EVERY}(?:calendar\s+)?month\b)
    |(?P<annual>\bannual(?:ly)?\b|\byearly\b|{_EVERY}year\b|\bper\s+annum\b
        |\bevery\s+(?:twelve|12)\s+months\b)
    """,
    re.I | re.VERBOSE,
)
_FREQUENCY_NAMES = {"bimonthly": "bi-monthly", "sixmonthly": "six-monthly"}


def parse_frequency(text: str) -> str | None:
    """The reporting frequency the text states, normalised to one of: "weekly", "fortnightly",
    "monthly", "bi-monthly" (every two months), "quarterly", "six-monthly" (bi-annual, biannual,
    bi-annually, twice yearly, twice a year, half-yearly, six monthly), "annual" (annually,
    yearly, annual); None if none. 'bi-monthly' is read as every two months and 'bi-weekly' as
    fortnightly, the usual UK council reading. If the text lists several ("monthly/
    quarterly/annual"), the first."""
    m = _FREQUENCY.search(text)
    return _FREQUENCY_NAMES.get(m.lastgroup, m.lastgroup) if m and m.lastgroup else None
