"""The covering report's words, in the style of a council committee report: purpose,
recommendations, background, summary of progress. Pure Python: no Django.

The later parts of a paper have fixed numbers, so the covering report can point to them.
Abbreviations of the organisation's bodies are spelled out at their first use.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from dataclasses import dataclass

from actionplan.core.wording import day, long_date, plural
from actionplan.reports.data import Change, Count, PaperData, Paragraph, Previous, Section

SUMMARY_SECTION = 4  # the one with Figure 1
RAG_SECTION, ITEMS_SECTION, EXCEPTIONS_SECTION, INDICATORS_SECTION = 5, 6, 7, 8


# The six-monthly performance report's sections after its covering report (docs/papers.md).
PERF_INDICATORS, PERF_FINDINGS, PERF_EXCEPTIONS, PERF_IMPLICATIONS = 4, 5, 6, 7


def exceptions_section(kind: str) -> int:
    """Where a paper of `kind` sets out the exceptions (the highlight report lists its top
    risks itself, and points to no section)."""
    return PERF_EXCEPTIONS if kind == "performance" else EXCEPTIONS_SECTION


def implications_section(has_indicators: bool) -> int:
    """The implications follow the last numbered section: the indicators, when shown."""
    return INDICATORS_SECTION + 1 if has_indicators else INDICATORS_SECTION


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
    # (abbreviation, full name) of the organisation's bodies, spelled out at first use
    glossary: tuple[tuple[str, str], ...] = ()
    matters_arising: tuple[str, ...] = ()  # what the body resolved on the previous paper


def sections(
    f: Facts, asks: tuple[str, ...] = (), *, kind: str = "progress"
) -> tuple[Section, ...]:
    # A committee report's order: what it is for, what members are asked to decide, then
    # the background and the detail (docs/papers.md).
    if kind == "performance":
        return spell_out(
            (
                Section(1, "Purpose of this report", _performance_purpose(f)),
                Section(2, "Recommendations", _performance_asks(f, asks)),
                Section(3, "Background", _background(f)),
            ),
            f.glossary,
        )
    if kind == "highlight":
        # One page: what members are asked to do is all the covering report it has.
        return spell_out((Section(1, "Asks of the board", _highlight_asks(f, asks)),), f.glossary)
    return spell_out(
        (
            Section(1, "Purpose of this report", _purpose(f)),
            Section(2, "Recommendations", _asks(f, asks)),
            Section(3, "Background", _background(f)),
            Section(SUMMARY_SECTION, "Summary of progress", _summary(f)),
        ),
        f.glossary,
    )


def spell_out(
    parts: tuple[Section, ...], glossary: tuple[tuple[str, str], ...]
) -> tuple[Section, ...]:
    """Each abbreviation as "Full Name (ABBR)" where the body is first named, by either
    name, reading the sections in order; later uses stay as they are."""
    pending = {abbr: name for abbr, name in glossary if abbr and name and abbr != name}

    def first_use(text: str) -> str:
        for abbr, name in list(pending.items()):
            found = [
                m
                for m in (
                    re.search(re.escape(name), text),
                    re.search(rf"(?<!\w){re.escape(abbr)}(?!\w)", text),
                )
                if m
            ]
            if not found:
                continue
            m = min(found, key=lambda m: m.start())
            if not text[m.end() :].startswith(f" ({abbr})"):  # not spelled out already
                text = f"{text[: m.start()]}{name} ({abbr}){text[m.end() :]}"
            del pending[abbr]
        return text

    out = []
    for section in parts:
        paragraphs = []
        for p in section.paragraphs:
            text = first_use(p.text)
            paragraphs.append(Paragraph(text, tuple(first_use(b) for b in p.bullets)))
        out.append(dataclasses.replace(section, paragraphs=tuple(paragraphs)))
    return tuple(out)


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


def _performance_purpose(f: Facts) -> tuple[Paragraph, ...]:
    return (
        Paragraph(
            f"This six-monthly report gives members of the {f.committee} the performance of "
            f"the {f.plan_title} over the six months to {long_date(f.as_at)}: the indicators "
            "against their targets and how they have moved, what case-file audits and "
            "children and families told us, and the exceptions, so that members can "
            "scrutinise whether help and protection for children are improving."
        ),
    )


def _performance_asks(f: Facts, asks: tuple[str, ...]) -> tuple[Paragraph, ...]:
    if not asks:
        asks = (
            f"note the indicators' performance over the six months to {long_date(f.as_at)} "
            f"(section {PERF_INDICATORS});",
            "consider what the case-file audits and the feedback of children and families "
            f"found (section {PERF_FINDINGS});",
            "challenge the lead officers on the actions off track, at risk or overdue and "
            f"the indicators missing their target (section {PERF_EXCEPTIONS}).",
        )
    return (Paragraph("Members are asked to:", asks),)


def _highlight_asks(f: Facts, asks: tuple[str, ...]) -> tuple[Paragraph, ...]:
    if not asks:
        asks = (
            f"note the progress made with the plan as at {long_date(f.as_at)};",
            "challenge the lead officers on the top risks above.",
        )
    return (Paragraph(f"The {f.committee_short} is asked to:", asks),)


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
        if f.matters_arising:
            paragraphs.append(
                Paragraph(
                    f"Matters arising: on that report the {f.committee_short} resolved as follows.",
                    f.matters_arising,
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


def header(d: PaperData, *, draft: bool) -> tuple[tuple[str, str], ...]:
    """The committee report's header block, as every format shows it."""
    c = d.conventions
    to = d.committee
    if d.committee_short and d.committee_short != d.committee:
        to += f" ({d.committee_short})"
    # A draft is dated when it is issued; an issued paper always has its date.
    dated = long_date(c.report_date) or ("The day it is issued" if draft else "")
    rows = (
        ("Report of", c.report_of or "Not given"),
        ("To", to),
        ("Date of meeting", day(d.meeting) or "Not yet set"),
        ("Agenda item", c.agenda_item or "To be given by the clerk"),
        ("Report date", dated),
        ("Status", c.status),
        ("Wards affected", c.wards),
        ("Key decision", "Yes" if c.key_decision else "No"),
        ("Position as at", long_date(d.as_at)),
        (f"Items due to the {d.committee_short} by", long_date(d.period_end)),
    )
    return tuple((label, value) for label, value in rows if value)


def contact(d: PaperData) -> tuple[tuple[str, str], ...]:
    """The contact officer: the paper's author."""
    a = d.author
    rows = (
        ("Name and title", ", ".join(x for x in (a.name, a.role) if x) or "Not given"),
        ("Email", a.email),
        ("Telephone", a.phone),
    )
    return tuple((label, value) for label, value in rows if value)


HIGHLIGHT_RISKS = 5  # a one-page report's top risks


@dataclass(frozen=True)
class SummaryRow:
    colour: str
    label: str
    meaning: str
    count: int


@dataclass(frozen=True)
class Highlight:
    """What the one-page highlight report shows beyond the paper's data."""

    summary: tuple[SummaryRow, ...]
    summary_text: str
    risks: tuple  # Items: red or overdue, at most HIGHLIGHT_RISKS
    more_risks: str


def highlight(d: PaperData) -> Highlight:
    """The RAG summary in words, and the top risks: the red and the overdue actions."""
    meaning = {(k.colour, k.label): k.meaning for k in d.key}
    summary = tuple(
        SummaryRow(c.colour, c.label, meaning.get((c.colour, c.label), ""), c.count)
        for c in d.totals
    )
    red = sum(c.count for c in d.totals if c.colour == "red")
    amber = sum(c.count for c in d.totals if c.colour == "amber")
    late = sum(1 for i in d.exceptions if i.overdue)
    text = (
        f"{plural(red, 'action is', 'actions are')} rated red and {amber} amber; "
        f"{plural(late, 'action has', 'actions have')} a deadline passed and not met."
    )
    if d.percent is not None:
        text += f" The plan is {d.percent}% complete."
    risky = [i for i in d.exceptions if i.colour == "red" or i.overdue]
    more = len(risky) - HIGHLIGHT_RISKS
    more_text = (
        f"{plural(more, 'more red or overdue action is', 'more red or overdue actions are')} "
        f"in the progress report's exceptions."
        if more > 0
        else ""
    )
    return Highlight(summary, text, tuple(risky[:HIGHLIGHT_RISKS]), more_text)
