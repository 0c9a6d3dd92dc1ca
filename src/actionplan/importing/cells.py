"""Reading the Milestones and Reporting Process cells, and cross-references.

A milestone cell may hold several dated milestones run together ("... impact: December
2012 Commence evaluation project: January 2013"); a reporting cell names bodies and
dates ("Report to CYPLT, Exec Members, LSCB – June 2013"), one requirement per body.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from actionplan.importing.bodies import Bodies
from actionplan.importing.dates import (
    DateMatch,
    Period,
    find_dates,
    is_not_a_date,
    parse_frequency,
)
from actionplan.interchange import Milestone, Reporting

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
