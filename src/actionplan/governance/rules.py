"""Meeting rules as committee clerks write them, read into dateutil recurrence rules.

"third Tuesday of each month", "first Monday of every other month", "last Thursday of each
quarter", "every 2 weeks on Wednesday": `parse_rule` turns such a phrase into a
`MeetingRule`, and `MeetingRule.dates(start, end)` lists the meeting dates in a range. A
phrase it cannot read raises `RuleError`, which names the word it stopped at.

What it reads:

- A position in a month: ordinals (first/1st ... fifth/5th, last, and lists such as "first
  and third") before a weekday, or a day of the month ("the 15th", "the last day").
- The months: "of each month", "of every month", "monthly"; "every other month", "every
  second month", "alternate months", "bi-monthly", "every 3 months"; "each quarter",
  "quarterly"; named months ("of January, April, July and October", "of March each year").
- Weeks: "every Wednesday", "every other Wednesday", "every 2 weeks on Wednesday", "weekly on
  Monday", "fortnightly on Thursday", "every fortnight on Thursday".
- An optional start: "from February" or "starting March 2013" (which months an every-other-
  month rule uses), "from 9 January 2013" (which weeks a fortnightly rule uses).

How the ambiguous cases resolve:

- Quarters are calendar quarters, which are also the financial year's (April-June ...).
  "last Thursday of each quarter" is the last Thursday of March, June, September and December;
  any other position ("first Monday of each quarter") is in the quarter's first month.
- Without a start, an every-N-months rule counts from the first month of the range it is
  asked for, and an every-N-weeks rule from the first matching weekday in it.
- A fifth weekday is skipped in the months that have none (dateutil's behaviour).

Pure Python: no Django, tested without a database.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass, replace

from dateutil import rrule

__all__ = ["EXAMPLES", "MeetingRule", "RuleError", "parse_rule"]

EXAMPLES = (
    "third Tuesday of each month",
    "first Monday of every other month",
    "last Thursday of each quarter",
    "every 2 weeks on Wednesday",
)


class RuleError(ValueError):
    """A phrase that does not read as a meeting rule."""

    def __init__(self, phrase: str, reason: str):
        self.phrase = phrase
        self.reason = reason
        examples = "; ".join(f"'{e}'" for e in EXAMPLES)
        super().__init__(
            f"cannot read the meeting rule {phrase!r}: {reason} (rules look like {examples})"
        )


_WEEKDAYS = {
    name: i
    for i, names in enumerate(
        [
            ("monday", "mon"),
            ("tuesday", "tue", "tues"),
            ("wednesday", "wed", "weds"),
            ("thursday", "thu", "thur", "thurs"),
            ("friday", "fri"),
            ("saturday", "sat"),
            ("sunday", "sun"),
        ]
    )
    for name in names
}
_ORDINALS = {
    "first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3,
    "fourth": 4, "4th": 4, "fifth": 5, "5th": 5, "last": -1,
}  # fmt: skip
_MONTHS = {name.lower(): i for i, name in enumerate(calendar.month_name) if name} | {
    name.lower(): i for i, name in enumerate(calendar.month_abbr) if name
}
_NUMBERS = {"one": 1, "two": 2, "three": 3, "four": 4, "six": 6, "twelve": 12}
_DAY_OF_MONTH = re.compile(r"^(\d{1,2})(?:st|nd|rd|th)$")
_JOINERS = (",", "and", "&", "/")
_FILLERS = {"on", "the", "a", "meets", "meeting", "meetings", "held", "in"}
_QUARTER_FIRST_MONTHS = (1, 4, 7, 10)
_QUARTER_LAST_MONTHS = (3, 6, 9, 12)


def _weekday(token: str) -> int | None:
    """A weekday's number (Monday 0), plurals included ("Tuesdays")."""
    if token in _WEEKDAYS:
        return _WEEKDAYS[token]
    if token.endswith("s") and token[:-1] in _WEEKDAYS:
        return _WEEKDAYS[token[:-1]]
    return None


def _count(token: str) -> int | None:
    """A count of weeks or months: 2, "two", "other", "second", "alternate"."""
    if token.isdigit():
        return int(token)
    if token in ("other", "second", "alternate"):
        return 2
    return _NUMBERS.get(token)


@dataclass(frozen=True)
class MeetingRule:
    """What a phrase means: a frequency, an interval and the positions it picks."""

    phrase: str
    freq: int  # rrule.WEEKLY or rrule.MONTHLY
    interval: int = 1
    weekdays: tuple[tuple[int, int | None], ...] = ()  # (weekday, n-th in month or None)
    monthdays: tuple[int, ...] = ()
    months: tuple[int, ...] = ()
    start_month: tuple[int, int | None] | None = None  # (month, year or None)
    start_date: dt.date | None = None

    def rrule(self, start: dt.date, end: dt.date) -> rrule.rrule:
        """The recurrence over [start, end]; its first dates may fall before start (see dates)."""
        dtstart = self._dtstart(start)
        byweekday = [rrule.weekday(d, n) if n else rrule.weekday(d) for d, n in self.weekdays]
        return rrule.rrule(
            self.freq,
            dtstart=dt.datetime.combine(dtstart, dt.time()),
            until=dt.datetime.combine(end, dt.time()),
            interval=self.interval,
            byweekday=byweekday or None,
            bymonthday=self.monthdays or None,
            bymonth=self.months or None,
        )

    def dates(self, start: dt.date, end: dt.date) -> list[dt.date]:
        """Every meeting date from start to end, both included."""
        if end < start:
            return []
        return [d.date() for d in self.rrule(start, end) if d.date() >= start]

    def _dtstart(self, start: dt.date) -> dt.date:
        if self.start_date:
            return self.start_date
        if self.freq == rrule.WEEKLY:
            # Count the weeks from the first matching weekday, not from start's calendar week.
            days = [d for d, _ in self.weekdays]
            return min(start + dt.timedelta((d - start.weekday()) % 7) for d in days)
        if self.start_month:
            month, year = self.start_month
            if year is None:
                # The first such month on or after start: "from February" starts in February.
                year = start.year if month >= start.month else start.year + 1
            return dt.date(year, month, 1)
        return start.replace(day=1)


def _tokens(phrase: str) -> list[str]:
    text = phrase.lower().replace("’", "'").replace("-", " ")
    return re.findall(r"[a-z]+|\d+(?:st|nd|rd|th)?|[,&/]", text)


class _Reader:
    """A small recursive-descent reader over the phrase's words."""

    def __init__(self, phrase: str):
        self.phrase = phrase
        self.words = _tokens(phrase)
        self.i = 0

    def peek(self, ahead: int = 0) -> str | None:
        j = self.i + ahead
        return self.words[j] if j < len(self.words) else None

    def take(self, *options: str) -> str | None:
        word = self.peek()
        if word is not None and (not options or word in options):
            self.i += 1
            return word
        return None

    def skip_fillers(self) -> None:
        while self.peek() in _FILLERS:
            self.i += 1

    def fail(self, reason: str) -> RuleError:
        return RuleError(self.phrase, reason)

    def unexpected(self, expected: str) -> RuleError:
        word = self.peek()
        if word is None:
            return self.fail(f"it stops where {expected} should follow")
        return self.fail(f"{word!r} is not {expected}")

    # --- the phrase as a whole

    def rule(self) -> MeetingRule:
        if not self.words:
            raise self.fail("it is empty")
        self.skip_fillers()
        if self.peek() in ("every", "each", "weekly", "fortnightly", "alternate") or (
            _weekday(self.peek() or "") is not None
        ):
            rule = self.weekly()
        else:
            rule = self.monthly()
        rule = self.start(rule)
        if self.peek() is not None:
            raise self.fail(f"{' '.join(self.words[self.i :])!r} is left over")
        return rule

    # --- weeks

    def weekly(self) -> MeetingRule:
        interval = 1
        word = self.take()
        if word in ("fortnightly", "alternate"):
            interval = 2
        elif word in ("every", "each"):
            if self.take("fortnight"):
                interval = 2
            elif self.peek() in ("week", "weeks"):
                self.take()
            elif (n := _count(self.peek() or "")) is not None and self.peek(1) in ("week", "weeks"):
                self.take()
                interval = n
                self.take()
            elif (n := _count(self.peek() or "")) is not None and _weekday(
                self.peek(1) or ""
            ) is not None:
                self.take()
                interval = n
            elif _weekday(self.peek() or "") is None:
                raise self.unexpected("a day of the week or a number of weeks")
        elif word != "weekly":
            self.i -= 1
        self.skip_fillers()
        days = self.weekday_list()
        if not days:
            raise self.unexpected("a day of the week")
        # "Wednesday every two weeks", "Mondays weekly"
        if self.take("every", "each"):
            if self.take("fortnight"):
                interval = 2
            elif self.take("week"):
                pass
            elif (n := _count(self.peek() or "")) is not None and self.peek(1) in ("week", "weeks"):
                self.take()
                interval = n
                self.take()
            else:
                raise self.unexpected("a number of weeks")
        elif self.take("weekly"):
            pass
        elif self.take("fortnightly"):
            interval = 2
        if interval < 1:
            raise self.fail("a rule must repeat at least once every week")
        return MeetingRule(
            self.phrase, rrule.WEEKLY, interval, weekdays=tuple((d, None) for d in days)
        )

    def weekday_list(self) -> list[int]:
        days: list[int] = []
        while (day := _weekday(self.peek() or "")) is not None:
            self.take()
            days.append(day)
            if self.peek() in _JOINERS and _weekday(self.peek(1) or "") is not None:
                self.take()
        return days

    # --- positions in a month

    def monthly(self) -> MeetingRule:
        first = self.i
        ordinals = self.ordinal_list()
        monthdays: tuple[int, ...] = ()
        weekdays: tuple[tuple[int, int | None], ...] = ()
        if ordinals:
            self.skip_fillers()
            days = self.weekday_list()
            if days:
                if any(n > 5 for n in ordinals):
                    raise self.fail("a month has at most five of each weekday")
                weekdays = tuple((d, n) for d in days for n in ordinals)
            elif self.take("day", "days"):
                if any(n not in (1, -1) for n in ordinals):
                    raise self.fail("say 'the 2nd', not 'the second day'")
                monthdays = tuple(ordinals)
            elif all(
                _DAY_OF_MONTH.match(w) for w in self.words[first : self.i] if w not in _JOINERS
            ):
                # "the 1st and 3rd of each month": days of the month written as ordinals.
                monthdays = tuple(ordinals)
            else:
                raise self.unexpected("a day of the week")
        elif m := _DAY_OF_MONTH.match(self.peek() or ""):
            day = int(m.group(1))
            self.take()
            if _weekday(self.peek() or "") is not None:
                raise self.fail("a month has at most five of each weekday")
            self.take("day")
            monthdays = (day,)
        else:
            raise self.unexpected(
                "an ordinal (first, second, third, fourth, last) or a day of the month"
            )
        if any(not 1 <= abs(d) <= 31 for d in monthdays):
            raise self.fail(f"there is no day {max(monthdays)} in a month")
        interval, months, quarterly = self.months()
        if quarterly:
            last = all(n == -1 for _, n in weekdays) and all(d < 0 for d in monthdays)
            months = _QUARTER_LAST_MONTHS if last else _QUARTER_FIRST_MONTHS
        return MeetingRule(
            self.phrase,
            rrule.MONTHLY,
            interval,
            weekdays=weekdays,
            monthdays=monthdays,
            months=months,
        )

    def ordinal_list(self) -> list[int]:
        ordinals: list[int] = []
        while True:
            word = self.peek()
            if word == "second" and self.peek(1) == "last":
                self.i += 2
                ordinals.append(-2)
            elif word in _ORDINALS:
                self.take()
                ordinals.append(_ORDINALS[word])
            elif ordinals and (m := _DAY_OF_MONTH.match(word or "")):
                # "the 1st and 15th": only days of the month go past the fifth.
                self.take()
                ordinals.append(int(m.group(1)))
            else:
                break
            after = self.peek(1) or ""
            if self.peek() in _JOINERS and (after in _ORDINALS or _DAY_OF_MONTH.match(after)):
                self.take()
        return ordinals

    def months(self) -> tuple[int, tuple[int, ...], bool]:
        """The months a position applies to: (interval, named months, per quarter?)."""
        self.take("of", "in", "every", "each")
        self.skip_fillers()
        word = self.peek()
        if word is None:
            raise self.unexpected("the months it applies to (e.g. 'of each month')")
        if word in ("monthly",):
            self.take()
            return 1, (), False
        if word in ("quarterly",):
            self.take()
            return 1, (), True
        if word == "bi" and self.peek(1) == "monthly":
            self.i += 2
            return 2, (), False
        if word == "bimonthly":
            self.take()
            return 2, (), False
        self.take("each", "every", "the")
        word = self.peek()
        if word in ("month", "quarter"):
            self.take()
            return 1, (), word == "quarter"
        if (n := _count(word or "")) is not None and self.peek(1) in ("month", "months"):
            self.take()
            self.take()
            return n, (), False
        if word == "alternate" and self.peek(1) == "months":
            self.i += 2
            return 2, (), False
        if word in _MONTHS:
            return 1, self.month_list(), False
        if word in ("year", "week", "weeks", "fortnight"):
            raise self.fail(f"a position in the month needs months, not a {word}")
        raise self.unexpected("the months it applies to (e.g. 'of each month')")

    def month_list(self) -> tuple[int, ...]:
        months: list[int] = []
        while (word := self.peek()) in _MONTHS:
            self.take()
            months.append(_MONTHS[word])
            if self.peek() in _JOINERS and self.peek(1) in _MONTHS:
                self.take()
        # "of March each year", "of March annually"
        if self.take("each", "every"):
            if not self.take("year"):
                raise self.unexpected("'year'")
        else:
            self.take("annually", "yearly")
        return tuple(sorted(set(months)))

    # --- an optional start

    def start(self, rule: MeetingRule) -> MeetingRule:
        if self.peek() == ",":
            self.take()
        if not self.take("from", "starting", "beginning", "commencing"):
            return rule
        self.take("in", "on", "the")
        day = None
        token = self.peek() or ""
        if (m := _DAY_OF_MONTH.match(token)) or token.isdigit():
            day = int(m.group(1)) if m else int(token)
            self.take()
            self.take("of")
        word = self.peek()
        if word is None or word not in _MONTHS:
            raise self.unexpected("a month to start from")
        self.take()
        month = _MONTHS[word]
        year = None
        token = self.peek() or ""
        if token.isdigit() and len(token) == 4:
            self.take()
            year = int(token)
        if day is not None:
            if year is None:
                raise self.fail("a start date needs its year, e.g. 'from 9 January 2013'")
            try:
                start = dt.date(year, month, day)
            except ValueError:
                raise self.fail(
                    f"{day} {calendar.month_name[month]} {year} is not a date"
                ) from None
            return replace(rule, start_date=start)
        if rule.freq == rrule.WEEKLY:
            raise self.fail("a weekly rule starts from a date, e.g. 'from 9 January 2013'")
        return replace(rule, start_month=(month, year))


def parse_rule(phrase: str) -> MeetingRule:
    """The meeting rule a phrase states; RuleError if it states none this module can read."""
    return _Reader(phrase.strip().rstrip(".")).rule()
