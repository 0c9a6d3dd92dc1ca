"""Presenters for the indicator pages: indicators (with their values up to the as-at date
already loaded) and the plan's monitoring snapshot in, plain dataclasses out.

Two questions, kept apart: "Did we do it?" is the delivery RAG of the linked actions, from
the plan's own rules (the dashboard's tags and key); "Did it make a difference?" is the
indicator against its target, in words (on target, close to target, off target), with its
own key.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from decimal import Decimal

from django.utils.safestring import SafeString, mark_safe

from actionplan.core.presenters.tags import RAG_CLASSES, RagKey, Tag, rag_key, status_tag
from actionplan.core.wording import long_date
from actionplan.indicators import chart, rag
from actionplan.indicators.annexa import MEASURES_BY_ID, Computation, Problem
from actionplan.indicators.models import Indicator, IndicatorValue, shown_value
from actionplan.indicators.services import computed_value
from actionplan.monitoring.presenters import RollupView, key_of, rating_tag, rollup_view
from actionplan.monitoring.rollup import roll_up
from actionplan.monitoring.snapshot import ActionView, PlanSnapshot

TARGET_KEY = rag_key(
    [
        ("green", chart.RAG_WORDS["green"], "At the target or better"),
        (
            "amber",
            chart.RAG_WORDS["amber"],
            "Short of the target by no more than the indicator's tolerance",
        ),
        ("red", chart.RAG_WORDS["red"], "Further from the target than the tolerance"),
    ],
    title="Against target: what the colours mean",
)
NOT_RATED = Tag(chart.NOT_RATED, "govuk-tag--grey")
SOURCES: dict[str, str] = {
    IndicatorValue.Source.MANUAL: "Typed in",
    IndicatorValue.Source.CSV: "Imported from CSV",
    IndicatorValue.Source.COMPUTED: "Computed from Annex A",
    IndicatorValue.Source.AUDIT: "From case-file audits",
}


def delivery_key(snap: PlanSnapshot | None) -> RagKey | None:
    """The plan's own key for its actions' RAG, titled apart from the target key."""
    if snap is None:
        return None
    return dataclasses.replace(key_of(snap.rules), title="Delivery RAG: what the colours mean")


def target_tag(value: rag.Rag | str | None) -> Tag:
    """RAG against target in words: never the colour alone."""
    colour = str(value or "")
    if colour not in chart.RAG_WORDS:
        return NOT_RATED
    return Tag(chart.RAG_WORDS[colour], RAG_CLASSES[colour])


def count(value: Decimal | float | None) -> str:
    """A numerator or denominator: as given, without trailing zeros."""
    if value is None:
        return ""
    text = f"{Decimal(str(value)):f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def period(value: IndicatorValue | None) -> str:
    if value is None:
        return ""
    if value.period_start is None:
        return f"at {long_date(value.period_end)}"
    start, end = value.period_start, value.period_end
    if (start.year, start.month) == (end.year, end.month):
        return f"{end:%B %Y}"
    if start.year == end.year:
        return f"{start:%B} to {end:%B %Y}"
    return f"{start:%B %Y} to {end:%B %Y}"


def short_period(value: IndicatorValue) -> str:
    end = value.period_end
    return f"{end:%b %Y}" if value.period_start is not None else f"{end.day} {end:%b %Y}"


def direction_words(values: list[IndicatorValue], polarity: str) -> str:
    if len(values) < 2:
        return ""
    moved = rag.direction(values[-2].value, values[-1].value, polarity)
    return str(moved) if moved else ""


# --- "Did we do it?": the linked actions' delivery RAG -----------------------------------


@dataclasses.dataclass(frozen=True)
class LinkedAction:
    id: int
    label: str
    recommendation_number: str
    text: str
    rag: Tag
    status: Tag | None


@dataclasses.dataclass(frozen=True)
class LinkedRecommendation:
    id: int
    number: str
    title: str
    rollup: RollupView


@dataclasses.dataclass(frozen=True)
class Delivery:
    """What the indicator's linked work looks like as at the date. `rollup` counts the
    linked actions, or the linked recommendations' actions when no action is linked."""

    in_plan: bool  # False: the plan was not in actionplan on that date
    actions: tuple[LinkedAction, ...]
    recommendations: tuple[LinkedRecommendation, ...]
    rollup: RollupView | None
    missing: int  # linked, but not in the plan on that date (or retired)

    @property
    def linked(self) -> bool:
        return bool(self.actions or self.recommendations or self.missing)


def delivery(indicator: Indicator, snap: PlanSnapshot | None) -> Delivery:
    action_ids = [a.pk for a in indicator.actions.all()]
    rec_ids = [r.pk for r in indicator.recommendations.all()]
    if snap is None:
        return Delivery(False, (), (), None, len(action_ids) + len(rec_ids))
    actions = {a.id: (a, r) for r in snap.recommendations for a in r.actions}
    order = {action_id: i for i, action_id in enumerate(actions)}
    recs = {r.id: r for r in snap.recommendations}
    linked = [actions[i] for i in action_ids if i in actions]
    linked_recs = [recs[i] for i in rec_ids if i in recs]
    counted: list[ActionView] = [a for a, _ in linked] or [
        a for r in linked_recs for a in r.actions
    ]
    return Delivery(
        in_plan=True,
        actions=tuple(
            LinkedAction(
                id=a.id,
                label=a.label,
                recommendation_number=r.number,
                text=a.text,
                rag=rating_tag(a),
                status=status_tag(a.status_label if a.status else "not_started"),
            )
            for a, r in sorted(linked, key=lambda ar: order[ar[0].id])
        ),
        recommendations=tuple(
            LinkedRecommendation(r.id, r.number, r.title, rollup_view(r.rollup))
            for r in linked_recs
        ),
        rollup=rollup_view(roll_up((a.rating.colour for a in counted), snap.rules))
        if counted
        else None,
        missing=len(action_ids) - len(linked) + len(rec_ids) - len(linked_recs),
    )


# --- the list of indicators ---------------------------------------------------------------


@dataclasses.dataclass(frozen=True)
class IndicatorRow:
    id: int
    name: str
    value: str
    period: str
    target: str
    rag: Tag
    direction: str
    delivery: Delivery


@dataclasses.dataclass(frozen=True)
class ListPage:
    rows: tuple[IndicatorRow, ...]
    target_key: RagKey
    delivery_key: RagKey | None
    on: dt.date


def _values(indicator: Indicator) -> list[IndicatorValue]:
    """Its values up to the as-at date: the view prefetches only those, in order."""
    return sorted(indicator.values.all(), key=lambda v: v.period_end)


def list_page(indicators: list[Indicator], snap: PlanSnapshot | None, on: dt.date) -> ListPage:
    rows = []
    for ind in indicators:
        values = _values(ind)
        latest = values[-1] if values else None
        rows.append(
            IndicatorRow(
                id=ind.pk,
                name=ind.name,
                value=shown_value(latest.value, ind.unit) if latest else "",
                period=period(latest),
                target=shown_value(ind.target, ind.unit),
                rag=target_tag(ind.rag_of(latest)),
                direction=direction_words(values, ind.polarity),
                delivery=delivery(ind, snap),
            )
        )
    return ListPage(tuple(rows), TARGET_KEY, delivery_key(snap), on)


# --- one indicator ------------------------------------------------------------------------


@dataclasses.dataclass(frozen=True)
class ValueRow:
    period: str
    period_end: dt.date
    value: str
    numerator: str
    denominator: str
    rag: Tag
    source: str
    note: str
    source_url: str = ""


@dataclasses.dataclass(frozen=True)
class TrendView:
    svg: SafeString
    title: str
    description: str


@dataclasses.dataclass(frozen=True)
class IndicatorPage:
    indicator: Indicator
    unit: str
    polarity: str
    frequency: str
    baseline: str
    target: str
    tolerance: str
    owner: str
    measure: str
    latest: ValueRow | None
    rag: Tag
    direction: str
    chart: TrendView
    rows: tuple[ValueRow, ...]
    delivery: Delivery
    target_key: RagKey
    delivery_key: RagKey | None


def value_row(indicator: Indicator, v: IndicatorValue) -> ValueRow:
    return ValueRow(
        period=period(v),
        period_end=v.period_end,
        value=shown_value(v.value, indicator.unit) or "No value",
        numerator=count(v.numerator),
        denominator=count(v.denominator),
        rag=target_tag(indicator.rag_of(v)),
        source=SOURCES.get(v.source, v.source),
        note=v.note,
        source_url=v.source_url,
    )


def measure_name(measure_id: str) -> str:
    if not measure_id:
        return ""
    standard = MEASURES_BY_ID.get(measure_id)
    return f"{standard.title} ({measure_id})" if standard else f"{measure_id} (local measure)"


def indicator_page(indicator: Indicator, snap: PlanSnapshot | None, on: dt.date) -> IndicatorPage:
    values = _values(indicator)
    unit = indicator.unit
    rows = tuple(value_row(indicator, v) for v in values)
    drawn = chart.trend_chart(
        [
            chart.Point(
                short_period(v),
                float(v.value) if v.value is not None else None,
                shown_value(v.value, unit),
                str(indicator.rag_of(v) or "") or None,
            )
            for v in values
        ],
        title=f"{indicator.name}: values to {long_date(on)}, against the target",
        chart_id="indicator-trend",
        target=float(indicator.target) if indicator.target is not None else None,
        target_text=shown_value(indicator.target, unit),
    )
    baseline = shown_value(indicator.baseline_value, unit)
    if baseline and indicator.baseline_period:
        baseline = f"{baseline} ({indicator.baseline_period})"
    return IndicatorPage(
        indicator=indicator,
        unit=indicator.get_unit_display(),
        polarity=indicator.get_polarity_display().capitalize(),
        frequency=indicator.get_frequency_display().capitalize(),
        baseline=baseline,
        target=shown_value(indicator.target, unit),
        tolerance=shown_value(indicator.tolerance, unit),
        owner=indicator.owner.name if indicator.owner else "",
        measure=measure_name(indicator.measure_id),
        latest=rows[-1] if rows else None,
        rag=rows[-1].rag if rows else NOT_RATED,
        direction=direction_words(values, indicator.polarity),
        # chart.py escapes every text it writes.
        chart=TrendView(mark_safe(drawn.svg), drawn.title, drawn.description),
        rows=rows,
        delivery=delivery(indicator, snap),
        target_key=TARGET_KEY,
        delivery_key=delivery_key(snap),
    )


# --- computing from Annex A ---------------------------------------------------------------


@dataclasses.dataclass(frozen=True)
class MeasureRow:
    id: str
    title: str
    numerator: str
    denominator: str
    value: str
    not_computed: str


@dataclasses.dataclass(frozen=True)
class WouldStore:
    indicator: str
    measure: str
    value: str
    why_not: str


@dataclasses.dataclass(frozen=True)
class ProblemGroup:
    where: str
    column: str
    reason: str
    count: int
    rows: str


@dataclasses.dataclass(frozen=True)
class ComputePage:
    as_at: dt.date
    filename: str
    measures: tuple[MeasureRow, ...]
    stores: tuple[WouldStore, ...]
    problems: tuple[Problem, ...]
    groups: tuple[ProblemGroup, ...]
    problem_count: int

    @property
    def storable(self) -> int:
        return sum(1 for s in self.stores if not s.why_not)


_ROWS_NAMED = 20
PROBLEMS_LISTED = 1000


def _ratio(value: float | None) -> str:
    """A measure's value (a fraction) as a percentage."""
    return "" if value is None else shown_value(Decimal(str(value * 100)), Indicator.Unit.PERCENT)


def compute_page(
    result: Computation, filename: str, indicators: list[Indicator], local_names: dict[str, str]
) -> ComputePage:
    results = {m.id: m for m in result.measures}
    measures = tuple(
        MeasureRow(
            id=m.id,
            title=MEASURES_BY_ID[m.id].title
            if m.id in MEASURES_BY_ID
            else local_names.get(m.id, m.id),
            numerator=count(m.numerator),
            denominator=count(m.denominator) if m.denominator is not None else "(a count)",
            value=_ratio(m.value) if m.denominator is not None else count(m.numerator),
            not_computed=m.not_computed or "",
        )
        for m in result.measures
    )
    stores = []
    for ind in indicators:
        m = results.get(ind.measure_id)
        why = (m.not_computed if m else "no such measure was computed") or ""
        value = ""
        if m and not why:
            worked_out, _, _, why = computed_value(ind.unit, m.numerator, m.denominator)
            value = (
                ""
                if why
                else shown_value(worked_out, ind.unit) or "No value (the denominator is 0)"
            )
        stores.append(WouldStore(ind.name, ind.measure_id, value, why))
    groups: dict[tuple, list[int | None]] = {}
    for p in result.problems:
        groups.setdefault((p.sheet or "", p.list, p.column or "", p.reason), []).append(p.row)
    return ComputePage(
        as_at=result.as_at,
        filename=filename,
        measures=measures,
        stores=tuple(stores),
        problems=tuple(result.problems[:PROBLEMS_LISTED]),
        groups=tuple(
            ProblemGroup(
                where=sheet or (f"List {number}" if number else ""),
                column=column,
                reason=reason,
                count=len(rows),
                rows=_rows_text([r for r in rows if r is not None]),
            )
            for (sheet, number, column, reason), rows in groups.items()
        ),
        problem_count=len(result.problems),
    )


def _rows_text(rows: list[int]) -> str:
    if not rows:
        return ""
    shown = ", ".join(str(r) for r in rows[:_ROWS_NAMED])
    return shown + (f" and {len(rows) - _ROWS_NAMED} more" if len(rows) > _ROWS_NAMED else "")
