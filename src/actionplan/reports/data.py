"""What a board paper says, as plain frozen data. Pure Python: no Django.

`build_paper` (building.py) fills it from the database; the renderers (html.py, pdf.py,
word.py, charts.py) read nothing else. So an issued paper can keep exactly the data it
was built from (`to_json`), and a draft and its issued copy say the same thing.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import types
import typing
from dataclasses import dataclass

from actionplan.core.text import printable
from actionplan.reports.evidence import Evidence


@dataclass(frozen=True)
class Author:
    name: str = ""
    role: str = ""
    email: str = ""
    phone: str = ""


@dataclass(frozen=True)
class Paragraph:
    """A numbered paragraph of the covering report, with the bullet list that follows it."""

    text: str
    bullets: tuple[str, ...] = ()


@dataclass(frozen=True)
class Section:
    number: int
    title: str
    paragraphs: tuple[Paragraph, ...]


@dataclass(frozen=True)
class KeyEntry:
    colour: str
    label: str
    meaning: str


@dataclass(frozen=True)
class Count:
    colour: str
    label: str
    count: int


@dataclass(frozen=True)
class Update:
    as_at: dt.date | None
    status: str
    narrative: str
    next_steps: str
    author: str


@dataclass(frozen=True)
class Item:
    """An action as a paper shows it."""

    action_id: int
    recommendation: str
    label: str
    text: str
    leads: tuple[str, ...]
    due: dt.date | None
    colour: str
    rating: str
    reason: str
    status: str
    latest: Update | None
    reporting: tuple[str, ...] = ()  # the lines that bring it to this body
    overdue: tuple[str, ...] = ()  # deadlines passed and not met
    success_criteria: str = ""  # how the plan will know it worked (the action annex)

    @property
    def ref(self) -> str:
        return f"{self.recommendation} / {self.label}"

    @property
    def exception(self) -> bool:
        """Red, amber or overdue: the paper's exception section shows it."""
        return self.colour in ("red", "amber") or bool(self.overdue)


@dataclass(frozen=True)
class RecommendationSummary:
    number: str
    title: str
    owners: tuple[str, ...]
    counts: tuple[Count, ...]
    total: int
    percent: int | None


@dataclass(frozen=True)
class RecommendationItems:
    number: str
    title: str
    owners: tuple[str, ...]
    items: tuple[Item, ...]


TARGET_LABELS = {"green": "On target", "amber": "Close to target", "red": "Off target"}


@dataclass(frozen=True)
class IndicatorRow:
    name: str
    period: str
    value: str
    target: str
    rag: str | None  # red, amber, green; None without a value or a target
    direction: str | None  # improving, worsening, no change
    previous: str = ""

    @property
    def rag_label(self) -> str:
        return TARGET_LABELS.get(self.rag or "", "Not rated")


@dataclass(frozen=True)
class TrendPoint:
    """One value of an indicator in a performance report's period."""

    period: str  # short: "Mar 2013"
    value: float | None
    text: str  # as shown: "96.8%"
    rag: str | None  # against target: red, amber, green; None not rated


@dataclass(frozen=True)
class IndicatorTrend:
    """An indicator over a performance report's six months: its values, in order, and
    what was written about them."""

    name: str
    definition: str
    target: float | None
    target_text: str  # "95%", or "" without a target
    points: tuple[TrendPoint, ...]
    commentary: tuple[str, ...]  # each value's note, with its period


@dataclass(frozen=True)
class ProgressPoint:
    """Actions due to be complete by a date (a month's end, or the as-at date), and those
    completed by then."""

    on: dt.date
    planned: int
    completed: int | None  # None after the as-at date


@dataclass(frozen=True)
class Change:
    """An action whose colour changed since the previous paper."""

    ref: str
    text: str
    before: str
    after: str
    before_colour: str
    after_colour: str


@dataclass(frozen=True)
class Previous:
    paper_id: int
    as_at: dt.date
    issued_on: dt.date


IMPLICATIONS = (
    "Financial",
    "Legal",
    "Equalities",
    "Risk",
    "Human resources",
    "Climate",
    "Consultation",
)
SCHEDULE_12A = range(1, 8)  # the exempt-information paragraphs, Local Government Act 1972


@dataclass(frozen=True)
class Implication:
    heading: str
    text: str  # "None" when there are none: a committee report never leaves one blank


@dataclass(frozen=True)
class Conventions:
    """A council committee report's own parts (docs/papers.md, "Committee report
    conventions"): the header block, the implications, the background papers."""

    report_of: str = ""  # the responsible officer
    agenda_item: str = ""
    exempt_paragraph: int | None = None  # Schedule 12A paragraph 1-7; None: open
    wards: str = "All wards"
    key_decision: bool = False
    implications: tuple[Implication, ...] = ()
    background_papers: tuple[str, ...] = ()
    report_date: dt.date | None = None  # the issue date; None on a draft

    @property
    def status(self) -> str:
        if self.exempt_paragraph is None:
            return "Open"
        return (
            "Exempt: not for publication, as it contains exempt information as defined in "
            f"paragraph {self.exempt_paragraph} of Part 1 of Schedule 12A to the Local "
            "Government Act 1972"
        )


# The paper types (docs/papers.md, "Paper types"): what each is called in its title.
KINDS = {
    "progress": "progress report",
    "performance": "six-monthly performance report",
    "highlight": "highlight report",
}
PROGRESS = "progress"


@dataclass(frozen=True)
class PaperData:
    council: str
    committee: str
    committee_short: str
    plan_id: int
    plan_title: str
    title: str
    as_at: dt.date
    period_end: dt.date
    meeting: dt.date | None
    sections: tuple[Section, ...]
    author: Author
    key: tuple[KeyEntry, ...]
    totals: tuple[Count, ...]
    total: int
    percent: int | None
    recommendations: tuple[RecommendationSummary, ...]
    items: tuple[Item, ...]
    exceptions: tuple[Item, ...]
    indicators: tuple[IndicatorRow, ...]
    progress: tuple[ProgressPoint, ...]
    annex: tuple[RecommendationItems, ...]
    previous: Previous | None = None
    changes: tuple[Change, ...] = ()
    annexes: tuple[str, ...] = ()
    evidence: Evidence | None = None  # Annex B; None on papers issued before it
    # Later additions: issued papers stored before them read back with these defaults.
    conventions: Conventions = Conventions()
    matters_arising: tuple[str, ...] = ()
    kind: str = PROGRESS  # a key of KINDS
    trends: tuple[IndicatorTrend, ...] = ()  # a performance report's indicators

    def label(self, colour: str) -> str:
        """What a colour means: its key entries' labels."""
        labels = [k.label for k in self.key if k.colour == colour]
        return " / ".join(dict.fromkeys(labels)) or colour.capitalize()


def printable_data(data: PaperData) -> PaperData:
    """The paper's data with every text printable (core.text): what the renderers read,
    whatever the plan holds (imported, typed before forms cleaned it, set in the admin)."""
    return _printable(data)


def _printable(value):
    if isinstance(value, str):
        return printable(value)
    if isinstance(value, tuple):
        return tuple(_printable(v) for v in value)
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        fields = dataclasses.fields(value)
        return dataclasses.replace(
            value, **{f.name: _printable(getattr(value, f.name)) for f in fields}
        )
    return value


def to_json(data: PaperData) -> dict:
    """The paper's data as JSON values (dates as YYYY-MM-DD)."""
    return _dump(dataclasses.asdict(data))


def from_json(value: dict) -> PaperData:
    return _load(PaperData, value)


def _dump(value):
    if isinstance(value, dict):
        return {k: _dump(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_dump(v) for v in value]
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def _load(kind, value):
    """`value` read back as `kind`, a type as the dataclasses above annotate their fields."""
    if value is None:
        return None
    origin = typing.get_origin(kind)
    if origin in (typing.Union, types.UnionType):
        return _load(next(a for a in typing.get_args(kind) if a is not type(None)), value)
    if origin is tuple:
        item = typing.get_args(kind)[0]
        return tuple(_load(item, v) for v in value)
    if dataclasses.is_dataclass(kind):
        hints = typing.get_type_hints(kind)
        return kind(
            **{
                f.name: _load(hints[f.name], value[f.name])
                for f in dataclasses.fields(kind)
                if f.name in value
            }
        )
    if kind is dt.date:
        return dt.date.fromisoformat(value)
    return value
