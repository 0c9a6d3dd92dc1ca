"""The covering report's words, in the style of a council committee report: purpose,
background, summary, what members are asked to do. Pure Python: no Django.

The later parts of a paper have fixed numbers, so the covering report can point to them.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from actionplan.core.wording import long_date, plural
from actionplan.reports.data import Change, Count, Paragraph, Previous, Section

RAG_SECTION, ITEMS_SECTION, EXCEPTIONS_SECTION, INDICATORS_SECTION = 5, 6, 7, 8


@dataclass(frozen=True)
class Facts:
    """What the covering report states, gathered by building.py."""

    committee: str
    committee_short: str
    plan_title: str
    inspection: str
    inspectorate: str
    period: tuple[dt.date | None, dt.date | None]
    timescales: tuple[str, ...]
    cover_committee: str
    cover_date: dt.date | None
    recommendations: tuple[str, ...]
    as_at: dt.date
    period_end: dt.date
    totals: tuple[Count, ...]
    total: int
    planned_by_now: int
    completed: int
    red: int
    amber: int
    overdue: int
    items: int
    indicators: tuple[str, ...]  # each indicator's RAG against target, or "" without one
    previous: Previous | None
    changes: tuple[Change, ...]
    completed_since: int


def sections(f: Facts, asks: tuple[str, ...] = ()) -> tuple[Section, ...]:
    return (
        Section(1, "Purpose of this report", _purpose(f)),
        Section(2, "Background", _background(f)),
        Section(3, "Summary of progress", _summary(f)),
        Section(4, "What members are asked to do", _asks(f, asks)),
    )


def _purpose(f: Facts) -> tuple[Paragraph, ...]:
    return (
        Paragraph(
            f"This report updates members of the {f.committee} on progress with the "
            f"{f.plan_title} as at {long_date(f.as_at)}. It sets out the actions that report "
            f"to the {f.committee_short} by {long_date(f.period_end)}, and the actions that are "
            "off track, at risk or overdue, so that members can challenge whether the plan "
            "is making a difference for children."
        ),
    )


def _background(f: Facts) -> tuple[Paragraph, ...]:
    by = f.inspectorate or "The inspectorate"
    what = f"its {f.inspection[0].lower()}{f.inspection[1:]}" if f.inspection else "its inspection"
    paragraphs = [
        Paragraph(
            f"{by} made {plural(len(f.recommendations), 'recommendation')} in the report of "
            f"{what}:",
            f.recommendations,
        )
    ]
    start, end = f.period
    span = f" from {long_date(start)} to {long_date(end)}" if start and end else ""
    plan = (
        f"The council's {f.plan_title} sets out {plural(f.total, 'action')} to meet them{span}. "
        "Each action has a lead officer, milestones, and a reporting line that says which "
        "body hears about it and when."
    )
    if f.timescales:
        plan += f" Its timescales are: {'; '.join(f.timescales)}."
    paragraphs.append(Paragraph(plan))
    if f.cover_committee and f.cover_date:
        paragraphs.append(
            Paragraph(
                f"The plan was reported to the {f.cover_committee} on {long_date(f.cover_date)}."
            )
        )
    if f.previous:
        paragraphs.append(
            Paragraph(
                f"The {f.committee_short} last received a progress report on the plan as at "
                f"{long_date(f.previous.as_at)}."
            )
        )
    return tuple(paragraphs)


def _summary(f: Facts) -> tuple[Paragraph, ...]:
    counts = tuple(f"{c.label} ({c.colour}): {c.count}" for c in f.totals if c.count)
    paragraphs = [
        Paragraph(
            f"As at {long_date(f.as_at)} the {plural(f.total, 'action')} of the plan are rated:",
            counts,
        ),
        Paragraph(
            f"{plural(f.completed, 'action has', 'actions have')} been completed, against "
            f"{f.planned_by_now} planned to be complete by {long_date(f.as_at)} (Figure 1)."
        ),
        Paragraph(
            f"{plural(f.red, 'action is', 'actions are')} rated red and {f.amber} amber; "
            f"{plural(f.overdue, 'action has', 'actions have')} a milestone or end date that "
            f"has passed without being met. Section {EXCEPTIONS_SECTION} sets them out with "
            "their latest updates and next steps."
        ),
    ]
    if f.previous:
        paragraphs.append(_since(f))
    paragraphs.append(
        Paragraph(
            f"{plural(f.items, 'action reports', 'actions report')} to the {f.committee_short} "
            f"by {long_date(f.period_end)} (section {ITEMS_SECTION})."
        )
    )
    if f.indicators:
        rated = [r for r in f.indicators if r]
        on, near, off = (rated.count(c) for c in ("green", "amber", "red"))
        paragraphs.append(
            Paragraph(
                f"{plural(len(f.indicators), 'indicator measures', 'indicators measure')} the "
                f"plan's impact: {on} on target, {near} close to it and {off} off target "
                f"(section {INDICATORS_SECTION})."
            )
        )
    return tuple(paragraphs)


def _since(f: Facts) -> Paragraph:
    assert f.previous is not None  # asked for only when there is a previous paper
    text = (
        f"Since the previous paper (as at {long_date(f.previous.as_at)}), "
        f"{plural(f.completed_since, 'action has', 'actions have')} been completed"
    )
    if not f.changes:
        return Paragraph(text + " and no other action has changed colour.")
    moved = tuple(f"{c.ref}: {c.before} → {c.after}" for c in f.changes)
    return Paragraph(
        text + f"; {plural(len(f.changes), 'action has', 'actions have')} changed colour:", moved
    )


def _asks(f: Facts, asks: tuple[str, ...]) -> tuple[Paragraph, ...]:
    if not asks:
        asks = (
            f"note the progress made with the plan as at {long_date(f.as_at)};",
            f"consider the actions that are off track, at risk or overdue (section "
            f"{EXCEPTIONS_SECTION}) and challenge the lead officers on the steps being taken;",
            f"note the actions that report to the {f.committee_short} this period (section "
            f"{ITEMS_SECTION})" + (";" if f.indicators else "."),
        )
        if f.indicators:
            asks += (
                f"consider whether the indicators (section {INDICATORS_SECTION}) show the "
                "difference the plan is making for children.",
            )
    return (Paragraph("Members are asked to:", asks),)
