"""Progress a plan already records: its Progress, Status, R/A/G and Evidence columns, and
the colour of its RAG cell, become the first progress record of each action."""

from __future__ import annotations

import re

from actionplan.importing.columns import Role
from actionplan.importing.dates import Period, find_dates
from actionplan.importing.ragkey import fold
from actionplan.interchange import Progress

_RAG = {
    "r": "red",
    "red": "red",
    "a": "amber",
    "amber": "amber",
    "a/r": "amber",
    "r/a": "red",
    "g": "green",
    "green": "green",
    "a/g": "amber",
    "g/a": "green",
    "b": "blue",
    "blue": "blue",
    "complete": "blue",
    "completed": "blue",
}
# Status words councils use, mapped to actionplan's statuses.
_STATUS = [
    (re.compile(r"\bnot (yet )?started\b", re.I), "not_started"),
    (re.compile(r"\boff[ -]?track\b|\bbehind\b|\bdelayed\b", re.I), "off_track"),
    (re.compile(r"\bat risk\b", re.I), "at_risk"),
    (re.compile(r"\b(awaiting|pending) sign[ -]?off\b", re.I), "completed_awaiting_sign_off"),
    (re.compile(r"\bnot (completed?|achieved)\b", re.I), "closed_not_completed"),
    (re.compile(r"\b(fully )?(complete|completed|achieved|done)\b", re.I), "complete"),
    (
        re.compile(r"\bon[ -]?track\b|\bin progress\b|\bongoing\b|\bon-going\b|\bstarted\b", re.I),
        "on_track",
    ),
]
_RAG_STATUS = {"red": "off_track", "amber": "at_risk", "green": "on_track", "blue": "complete"}


def rag_of(text: str) -> str | None:
    return _RAG.get(re.sub(r"\s+", "", text).strip(".").casefold())


def status_of(text: str) -> str | None:
    return next((status for pattern, status in _STATUS if pattern.search(text)), None)


def read_progress(
    cells: dict[Role, str],
    period: Period,
    colour: tuple[str, str] | None = None,
    key: dict[str, str] | None = None,
) -> list[Progress]:
    """`colour`: (rag, RRGGBB) when a cell's colour gives the RAG its text does not.
    `key`: the plan's own RAG key, folded label -> rag; it reads status words first."""
    key = key or {}

    def keyed(text: str) -> str | None:
        return key.get(fold(text)) if text else None

    progress = cells.get(Role.PROGRESS, "").strip()
    status_text = cells.get(Role.STATUS, "").strip()
    rag_text = cells.get(Role.RAG, "").strip()
    evidence = cells.get(Role.EVIDENCE, "").strip()
    percent_text = cells.get(Role.PERCENT, "").strip()
    if not any((progress, status_text, rag_text, evidence, percent_text, colour)):
        return []
    # "Complete" in a RAG column is blue; in a status column it is a status, not a colour.
    rag = (
        rag_of(rag_text)
        or keyed(rag_text)
        or keyed(status_text)
        or (None if status_of(status_text) else rag_of(status_text))
    )
    rag_colour = None
    if colour and not rag:
        rag, rag_colour = colour
    status = status_of(status_text) if status_text and not rag_of(status_text) else None
    status = status or status_of(progress[:60]) or (_RAG_STATUS.get(rag) if rag else None)
    parts = [progress]
    if status_text and not rag_of(status_text) and not status_of(status_text):
        parts.insert(0, f"Status: {status_text}")  # a status word we could not map: keep it
    if rag_text and not rag:
        parts.append(f"RAG: {rag_text}")
    if evidence:
        parts.append(f"Evidence: {evidence}")
    percent = None
    if m := re.search(r"(\d{1,3})\s*%?", percent_text):
        percent = min(int(m.group(1)), 100)
    # The date the update speaks for is the first date written at its start, if any
    # ("12/03/2024: training delivered ..."); otherwise the document gives none.
    as_at = None
    stated = cells.get(Role.PROGRESS_DATE, "").strip()
    dates = find_dates(stated, period) if stated else find_dates(progress[:40], period)
    if dates and (stated or dates[0].start <= 3) and dates[0].date.precision == "day":
        as_at = dates[0].date.due
    return [
        Progress(
            as_at=as_at,
            status=status,
            rag=rag,
            percent_complete=percent,
            text="\n".join(p for p in parts if p),
            rag_colour=rag_colour,
        )
    ]
