"""What a row's colours say: the RAG a shaded cell gives when its text gives none, and the
due date or status a timeline of shaded (or written) period columns gives."""

from __future__ import annotations

from actionplan.importing.cells import period_of
from actionplan.importing.checks import Warn
from actionplan.importing.colours import read_colour
from actionplan.importing.columns import Role
from actionplan.importing.walked import RawAction
from actionplan.interchange import Action, Milestone


def rag_of_colour(raw: RawAction, rec: str, ref: str | None, warn: Warn) -> tuple[str, str] | None:
    """The RAG a cell's colour gives, when its text gives none: the RAG column's colour
    first, then the status, progress or % complete cell's."""
    for role in (Role.RAG, Role.STATUS, Role.PROGRESS, Role.PERCENT):
        rgb = raw.fills.get(role)
        if rgb is None:
            continue
        reading = read_colour(rgb)
        if reading.rag:
            return reading.rag, rgb
        if reading.meaningful and role == Role.RAG:
            warn(
                f"the RAG cell is coloured #{rgb}, which is none of red, amber, green or "
                "blue; the action is left without a RAG",
                rec=rec,
                action=ref,
                text=raw.cell(Role.RAG),
            )
    return None


def read_periods(raw: RawAction, action: Action, cells, rec: str, period, warn: Warn) -> None:
    """Period columns: a timeline of shaded months gives the due date (the end of the last
    shaded period); quarterly status columns give the latest status written."""
    written = [t for _, t, _ in raw.periods if t.strip()]
    if written and not cells.get(Role.STATUS) and not cells.get(Role.RAG):
        cells[Role.STATUS] = written[-1]
        cells.setdefault(Role.PROGRESS, "")
        return
    shaded = [h for h, t, fill in raw.periods if fill and read_colour(fill).meaningful]
    if shaded and not raw.cell(Role.DUE) and not action.due:
        first, last = period_of(shaded[0], period), period_of(shaded[-1], period)
        if last is not None:
            action.due = last.due
            action.start = action.start or (first.start if first else None)
            action.milestones.append(
                Milestone(
                    text=f"{shaded[0]} to {shaded[-1]}" if len(shaded) > 1 else shaded[0],
                    due=last.due,
                    start=first.start if first else None,
                    precision="month" if len(shaded) == 1 else "range",
                )
            )
            warn(
                f"the due date is the end of the last shaded period ({shaded[-1]})",
                rec=rec,
                action=action.ref,
                text=action.text[:100],
            )


def period_colour(raw: RawAction) -> tuple[str, str] | None:
    """In quarterly status columns, the colour of the latest written quarter."""
    written = [fill for _, t, fill in raw.periods if t.strip() and fill]
    if not written:
        return None
    rgb = written[-1]
    reading = read_colour(rgb)
    return (reading.rag, rgb) if reading.rag else None
