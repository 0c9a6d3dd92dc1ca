"""Presenters for the pages that run the plan: a monitoring snapshot in, the design
system's parameters out (tags, the key, the chart, rows). No database access: every figure
comes from `monitoring.snapshot`, so each page honours its as-at date and costs the same
number of queries whatever the plan's size."""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import cast

from django.utils.safestring import SafeString, mark_safe

from actionplan.core.presenters.people import display_name
from actionplan.core.presenters.tags import RAG_CLASSES, RagKey, Tag, rag_key, status_tag
from actionplan.core.wording import long_date
from actionplan.monitoring import chart, rag
from actionplan.monitoring.deadlines import Deadlines
from actionplan.monitoring.rollup import Rollup
from actionplan.monitoring.snapshot import (
    ActionView,
    MilestoneView,
    PlanSnapshot,
    RecommendationView,
)


def key_of(rules: rag.RuleSet) -> RagKey:
    """The key for a plan's rules: every rule's colour, label and meaning. Each entry names
    its colour too ("Red: Off track"): roll-ups count by colour, actions show the label."""
    return rag_key(
        [(k.colour, f"{k.colour.capitalize()}: {k.label}", k.meaning) for k in rag.key(rules)]
    )


def colour_tag(colour: str | None, label: str | None = None) -> Tag:
    """A RAG colour as a tag; grey and black share GOV.UK's grey, their words differ."""
    if not colour:
        return Tag("No RAG", "govuk-tag--grey")
    return Tag(label or colour.capitalize(), RAG_CLASSES.get(colour, "govuk-tag--grey"))


def rating_tag(action: ActionView) -> Tag:
    return colour_tag(action.rating.colour, action.rating.label)


def names(parties) -> str:
    return ", ".join(p.name for p in parties)


# --- roll-ups ---------------------------------------------------------------------------


@dataclasses.dataclass(frozen=True)
class RollupView:
    counts: tuple[tuple[Tag, int], ...]  # colours with at least one action, in key order
    total: int
    worst: Tag | None
    percent: int | None

    @property
    def summary(self) -> str:
        parts = ", ".join(f"{n} {t.text.lower()}" for t, n in self.counts)
        return parts or "No actions"


def rollup_view(rollup: Rollup) -> RollupView:
    return RollupView(
        counts=tuple((colour_tag(c), n) for c, n in rollup.counts if n),
        total=rollup.total,
        worst=colour_tag(rollup.worst) if rollup.worst else None,
        percent=rollup.percent,
    )


@dataclasses.dataclass(frozen=True)
class Chart:
    svg: SafeString
    table: SafeString


def rollup_chart(rollup: Rollup, *, title: str, chart_id: str) -> Chart:
    drawn = chart.bar_chart(chart.rollup_bars(rollup), title=title, chart_id=chart_id)
    # chart.py escapes every text it writes.
    return Chart(mark_safe(drawn.svg), mark_safe(drawn.table_html()))


# --- actions in a table ---------------------------------------------------------------


@dataclasses.dataclass(frozen=True)
class ActionRow:
    action: ActionView
    recommendation: RecommendationView
    rag: Tag
    status: Tag | None
    leads: str
    next_milestone: MilestoneView | None
    updated_on: dt.date | None
    role: str = ""


def next_milestone(action: ActionView, on: dt.date) -> MilestoneView | None:
    """The first milestone not met as at `on`: the one past its date, else the next due."""
    open_ = [m for m in action.milestones if m.due and not m.met]
    return min(open_, key=lambda m: cast(dt.date, m.due), default=None)  # all dated


def action_row(action: ActionView, rec: RecommendationView, on: dt.date, role="") -> ActionRow:
    latest = action.latest
    return ActionRow(
        action=action,
        recommendation=rec,
        rag=rating_tag(action),
        status=status_tag(action.status_label if action.status else "not_started"),
        leads=names(action.leads),
        next_milestone=next_milestone(action, on),
        updated_on=(latest.as_at or latest.written_at.date()) if latest else None,
        role=role,
    )


# --- pages ------------------------------------------------------------------------------


@dataclasses.dataclass(frozen=True)
class RecommendationSummary:
    recommendation: RecommendationView
    owners: str
    rollup: RollupView


@dataclasses.dataclass(frozen=True)
class DashboardPage:
    snapshot: PlanSnapshot
    key: RagKey
    rollup: RollupView
    chart: Chart
    recommendations: tuple[RecommendationSummary, ...]
    overdue: int
    due_soon: int


def dashboard(snapshot: PlanSnapshot, deadlines: Deadlines) -> DashboardPage:
    return dashboard_of(snapshot, len(deadlines.overdue), len(deadlines.due_soon))


def dashboard_of(snapshot: PlanSnapshot, overdue: int, due_soon: int) -> DashboardPage:
    """The dashboard from a snapshot's roll-ups (its recommendations need not carry their
    actions) and the numbers of deadlines overdue and due soon."""
    return DashboardPage(
        snapshot=snapshot,
        key=key_of(snapshot.rules),
        rollup=rollup_view(snapshot.rollup),
        chart=rollup_chart(
            snapshot.rollup,
            title=f"Actions by RAG rating as at {long_date(snapshot.on)}",
            chart_id="plan-rag-chart",
        ),
        recommendations=tuple(
            RecommendationSummary(r, names(r.owners), rollup_view(r.rollup))
            for r in snapshot.recommendations
        ),
        overdue=overdue,
        due_soon=due_soon,
    )


@dataclasses.dataclass(frozen=True)
class RecommendationPage:
    recommendation: RecommendationView
    owners: str
    key: RagKey
    rollup: RollupView
    rows: tuple[ActionRow, ...]


def recommendation_page(snapshot: PlanSnapshot, rec_id: int) -> RecommendationPage | None:
    rec = next((r for r in snapshot.recommendations if r.id == rec_id), None)
    if rec is None:
        return None
    return RecommendationPage(
        recommendation=rec,
        owners=names(rec.owners),
        key=key_of(snapshot.rules),
        rollup=rollup_view(rec.rollup),
        rows=tuple(action_row(a, rec, snapshot.on) for a in rec.actions),
    )


@dataclasses.dataclass(frozen=True)
class DeadlineRow:
    row: ActionRow
    text: str
    due: dt.date
    days: int


@dataclasses.dataclass(frozen=True)
class DuePage:
    key: RagKey
    overdue: tuple[DeadlineRow, ...]
    due_soon: tuple[DeadlineRow, ...]


def due_page(rules: rag.RuleSet, deadlines: Deadlines) -> DuePage:
    def rows(items):
        return tuple(
            DeadlineRow(action_row(d.action, d.recommendation, deadlines.on), d.text, d.due, d.days)
            for d in items
        )

    return DuePage(key_of(rules), rows(deadlines.overdue), rows(deadlines.due_soon))


@dataclasses.dataclass(frozen=True)
class MyActionsPage:
    party: str
    key: RagKey
    rows: tuple[ActionRow, ...]
    due: DuePage

    # Open first, completed apart (issue 16): what is finished needs nothing more from them.
    @property
    def open_rows(self) -> tuple[ActionRow, ...]:
        return tuple(r for r in self.rows if not r.action.finished)

    @property
    def finished_rows(self) -> tuple[ActionRow, ...]:
        return tuple(r for r in self.rows if r.action.finished)


def my_actions_page(
    party: str, snapshot: PlanSnapshot | None, roles: dict[int, str], deadlines: Deadlines
) -> MyActionsPage:
    rules = snapshot.rules if snapshot else rag.DEFAULT_RULES
    rows: tuple[ActionRow, ...] = ()
    if snapshot is not None:
        rows = tuple(
            action_row(a, r, snapshot.on, role=roles.get(a.id, "").capitalize())
            for r in snapshot.recommendations
            for a in r.actions
        )
    return MyActionsPage(party, key_of(rules), rows, due_page(rules, deadlines))


@dataclasses.dataclass(frozen=True)
class UpdateRow:
    update: object  # snapshot.UpdateView
    status: Tag | None


@dataclasses.dataclass(frozen=True)
class ActionPage:
    page: object  # snapshot.ActionPage
    action: ActionView
    recommendation: RecommendationView
    key: RagKey
    rag: Tag
    computed: Tag | None  # what the rules give, when an override is shown instead
    status: Tag | None
    updates: tuple[UpdateRow, ...]
    leads: str
    partners: str
    awaiting_sign_off: bool
    open_milestones: tuple[MilestoneView, ...]


def action_page(page) -> ActionPage:
    action = page.action
    computed = action.rating.computed
    return ActionPage(
        page=page,
        action=action,
        recommendation=page.recommendation,
        key=key_of(page.plan.rules),
        rag=rating_tag(action),
        computed=colour_tag(computed.colour, computed.label) if computed else None,
        status=status_tag(action.status_label if action.status else "not_started"),
        updates=tuple(
            UpdateRow(u, status_tag(u.status_label) if u.status else None) for u in page.updates
        ),
        leads=names(action.leads),
        partners=names(action.partners),
        awaiting_sign_off=action.status == "completed_awaiting_sign_off",
        open_milestones=tuple(m for m in action.milestones if not m.met),
    )


@dataclasses.dataclass(frozen=True)
class EditedState:
    """The action as someone else saved it, shown beside the user's refused changes."""

    text: str
    resources: str
    due: dt.date | None
    leads: str
    partners: str
    milestones: tuple[dict, ...]
    saved_by: str
    saved_at: dt.datetime | None


def edited_state(current: dict, parties, saved_by, saved_at) -> EditedState:
    by_id = {p.pk: p.name for p in parties}
    return EditedState(
        text=current["text"],
        resources=current["resources"],
        due=current["due"],
        leads=", ".join(by_id.get(i, "") for i in current["leads"]),
        partners=", ".join(by_id.get(i, "") for i in current["partners"]),
        milestones=tuple(current["milestones"]),
        saved_by=display_name(saved_by),
        saved_at=saved_at,
    )
