"""Reading the Milestones and Reporting Process cells, and cross-references.

A milestone cell may hold several dated milestones run together ("... impact: December
2012 Commence evaluation project: January 2013"); a reporting cell names bodies and
dates ("Report to CYPLT, Exec Members, LSCB – June 2013"), one requirement per body.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable

from actionplan.importing.bodies import Bodies
from actionplan.importing.dates import (
    DateMatch,
    Period,
    find_dates,
    is_not_a_date,
    parse_date,
    parse_frequency,
)
from actionplan.importing.progress import status_of
from actionplan.interchange import Action, Milestone, Reporting

_SENTENCE = re.compile(r"(?<=[.;])\s+(?=[A-Z])")
# A line that ends like this runs on into the next ("done by end\nFebruary 2013").
_RUNS_ON = re.compile(
    r"(?:\b(?:by|end|of|to|in|and|the|for|from|on|at|or)|[&,–-])\s*$", re.IGNORECASE
)


def _lines(text: str) -> list[str]:
    lines: list[str] = []
    for line in text.split("\n"):
        if not line.strip():
            continue
        if lines and (_RUNS_ON.search(lines[-1]) or line.lstrip()[:1].islower()):
            lines[-1] = f"{lines[-1].rstrip()} {line.strip()}"
        else:
            lines.append(line)
    return lines


# "AD (JH) to advise DCS": the AD reports, the DCS hears.
_REPORTER = re.compile(
    r"^(?P<from>.+?)\s+to\s+(?:advise|report|inform|update|brief)\b", re.IGNORECASE
)
_CROSS_REF = re.compile(
    r"\b(?:Recommendations?|Rec\.?)\s+(?P<a>\d{1,2})(?:\.0)?\b"
    r"|\(see\s+(?P<b>\d{1,2})\.0\b[^)]*\)",
    re.IGNORECASE,
)


def _clean(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def _segments(text: str, period: Period) -> list[tuple[str, list[DateMatch]]]:
    """Cut a cell after each date that ends a clause: a date followed by a full stop, by
    a capital letter, or one introduced by a colon ('agreed: December 2012')."""
    out: list[tuple[str, list[DateMatch]]] = []
    for sentence in (s for line in _lines(text) for s in _SENTENCE.split(line)):
        sentence = _clean(sentence)
        if not sentence:
            continue
        matches = find_dates(sentence, period)
        start = 0
        current: list[DateMatch] = []
        for m in matches:
            current.append(m)
            rest = sentence[m.end :].lstrip(" .,;–-")
            before = sentence[start : m.start].rstrip()
            introduced = before.endswith(":")
            if rest and (rest[:1].isupper() or (introduced and rest[:1].isalnum())):
                cut = m.end + (len(sentence[m.end :]) - len(sentence[m.end :].lstrip(" .,;")))
                out.append((sentence[start:cut].strip(" ,;"), _shift(current, start)))
                start, current = cut, []
        tail = sentence[start:].strip(" ,;")
        if tail:
            out.append((tail, _shift(current, start)))
    return out


def _shift(matches: list[DateMatch], offset: int) -> list[DateMatch]:
    return [DateMatch(m.date, m.start - offset, m.end - offset) for m in matches]


def split_milestones(text: str, period: Period) -> list[Milestone]:
    text = text.strip()
    if not text:
        return []
    if is_not_a_date(text):
        return [Milestone(text=_clean(text))]
    milestones = []
    for segment, matches in _segments(text, period):
        last = matches[-1].date if matches else None
        milestones.append(
            Milestone(
                text=segment,
                due=last.due if last else None,
                start=last.start if last else None,
                precision=last.precision if last else None,
                frequency=parse_frequency(segment),
            )
        )
    return milestones


def split_reporting(text: str, bodies: Bodies, period: Period) -> list[Reporting]:
    text = text.strip()
    if not text:
        return []
    out: list[Reporting] = []
    for segment, matches in _segments(text, period):
        last = matches[-1].date if matches else None
        found = bodies.find(segment)
        reporter = _REPORTER.match(segment)
        if reporter and len(found) > 1:
            senders = {key for key, _ in bodies.find(reporter.group("from"))}
            found = [f for f in found if f[0] not in senders] or found
        frequency = parse_frequency(segment)
        undated = [r for r in out if r.text == out[-1].text and r.due is None] if out else []
        if not found and undated and (last or frequency):
            # "... to Children's Trust and LSCB. Summer and Autumn Term 2013.": the date
            # belongs to the bodies named just before it.
            for r in undated:
                r.text = f"{r.text} {segment}"
                r.due, r.start = (last.due, last.start) if last else (None, None)
                r.precision = last.precision if last else None
                r.frequency = r.frequency or frequency
            continue
        keys: Iterable[str | None] = [key for key, _ in found] or [None]
        for key in keys:
            out.append(
                Reporting(
                    text=segment,
                    body=key,
                    due=last.due if last else None,
                    start=last.start if last else None,
                    precision=last.precision if last else None,
                    frequency=frequency,
                )
            )
    return out


def cross_references(text: str) -> list[tuple[str, str]]:
    """(recommendation number, the words around it) for each reference in the text."""
    out = []
    for m in _CROSS_REF.finditer(text):
        number = m.group("a") or m.group("b")
        context = text[max(0, m.start() - 120) : m.end()]
        out.append((number, _clean(context)))
    return out


# A line that is one item of a bulleted list: "• Review the policy", "- Train staff".
_BULLET = re.compile(r"^\s*[•·▪◦●○■□➢➤✓*\-–]\s+")


def number_key(number: str):
    return (int(number), "") if number.isdigit() else (10**6, number)


def find_ref(by_ref: dict[str, Action], wanted: str, current: str | None) -> Action | None:
    """'As (4) above' or 'As for 2(a)': the action with that number, in the same part."""
    wanted = wanted.replace(" ", "")
    prefix = (
        current.split(".")[0] + "."
        if current and "." in current and not current[0].isdigit()
        else ""
    )
    for candidate in (prefix + wanted, wanted):
        if candidate in by_ref:
            return by_ref[candidate]
    return None


def parse_due(text: str, period):
    """A due-date cell: an ISO date from a spreadsheet, 'mm/yy' as some plans ask, or a
    phrase."""
    text = text.strip()
    if m := re.fullmatch(r"(\d{1,2})/(\d{2}|\d{4})", text):
        month, year = int(m.group(1)), int(m.group(2))
        year += 2000 if year < 100 else 0
        if 1 <= month <= 12:
            start = dt.date(year, month, 1)
            end = dt.date(year + month // 12, month % 12 + 1, 1) - dt.timedelta(days=1)
            return Milestone(text=text, due=end, start=start, precision="month")
    parsed = parse_date(text, period)
    if parsed:
        return Milestone(text=text, due=parsed.due, start=parsed.start, precision=parsed.precision)
    return None


def split_steps(text: str) -> tuple[str, list[str]]:
    """An action cell holding a bulleted list (two bullets or more): the text without its
    bullet marks (its lines kept), and each bullet as a step. A step runs on over the lower-case
    lines after it that carry no bullet."""
    lines = text.split("\n")
    if sum(bool(_BULLET.match(line)) for line in lines) < 2:
        return text, []  # one dash is not a list: Word's text export loses and adds them
    steps: list[str] = []
    kept: list[str] = []
    for line in lines:
        if m := _BULLET.match(line):
            steps.append(line[m.end() :].strip())
            kept.append(line[m.end() :])
        else:
            if steps and line.strip() and line.lstrip()[:1].islower():
                steps[-1] = f"{steps[-1]} {line.strip()}"
            kept.append(line)
    return "\n".join(kept).strip(), [s for s in steps if s]


def indicators_in(text: str) -> list[str]:
    """Indicator names, one a line (or a bullet, or between semicolons)."""
    parts = re.split(r"\n|;", text)
    return [p for part in parts if (p := _BULLET.sub("", part).strip(" .,"))]


def is_status(text: str) -> bool:
    return is_not_a_date(text) or (bool(status_of(text)) and not find_dates(text))


def period_of(header: str, period):
    """A period column's header as a date: 'Q3 (Oct-Dec)', 'Dec-22', or an Excel date, which
    stands for its month."""
    if m := re.fullmatch(r"(\d{4})-(\d{2})-01(?: 00:00(?::00)?)?", header.strip()):
        header = dt.date(int(m.group(1)), int(m.group(2)), 1).strftime("%B %Y")
    return parse_date(header, period)


def unquoted(text: str) -> str:
    """A pledge written in quotes ("“Work with ...”") is the words inside them."""
    stripped = text.strip()
    if len(stripped) > 2 and stripped[0] in '“"' and stripped[-1] in '”"':
        inner = stripped[1:-1]
        if not any(q in inner for q in '“”"'):
            return inner
    return text
