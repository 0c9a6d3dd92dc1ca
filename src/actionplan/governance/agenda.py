"""The forward plan: for each body, each of its meetings and what is due at it.

`forward_plan(plan)` returns plain, frozen data (no model instances), so that board
papers, web pages, calendars and reminders build on one answer and tests compare values:

    ForwardPlan
      bodies: BodyAgenda            one per body the plan reports to
        meetings: MeetingAgenda     each meeting in the range, in date order
          actions: ActionDue        actions whose reporting lines this meeting hears
          recommendations: ...      their recommendations, with counts
          indicators: IndicatorDue  from the indicators app, through `indicator_sources`
          items: ItemDue            anything else due there (an audit's findings), from
                                    other apps through `item_sources`
          missing_updates           the actions due here with no update since the
                                    body's previous meeting
        unscheduled: ActionDue      dated lines with no meeting at all (none entered)
        unscheduled_items: ItemDue  other things due to the body with no meeting after them

An update counts for a meeting when it speaks for a day after the body's previous
meeting and up to the meeting (and up to `as_at`: the forward plan as it stood then).
An action whose latest update says it is finished needs no new update.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from itertools import pairwise

from django.utils import timezone

from actionplan.core.wording import action_label
from actionplan.governance.models import Meeting, ReportingLink
from actionplan.governance.progress import (
    Update,
    has_update_between,
    is_finished,
    latest,
    updates_for_plan,
    written_by,
)
from actionplan.plans.models import (
    Action,
    ActionParty,
    Body,
    Plan,
    Recommendation,
    ReportingRequirement,
    Responsibility,
)


@dataclass(frozen=True)
class ActionDue:
    action_id: int
    recommendation_id: int
    recommendation_number: str
    label: str  # the action's number as the plan writes it ("4a", "2 (a)")
    text: str
    leads: tuple[str, ...]
    reporting: tuple[str, ...]  # the reporting lines heard here, as the document wrote them
    due: dt.date | None  # the earliest due date of those lines, if dated
    late: bool  # heard after its due date: the body had no meeting on or before it
    last_update: dt.date | None
    update_missing: bool
    finished: bool


@dataclass(frozen=True)
class RecommendationDue:
    recommendation_id: int
    number: str
    title: str
    owners: tuple[str, ...]
    actions: int
    missing_updates: int


@dataclass(frozen=True)
class IndicatorDue:
    """An indicator a meeting should see. Filled in by the indicators app."""

    key: str
    name: str
    detail: str = ""


@dataclass(frozen=True)
class ItemDue:
    """Something besides the plan's actions that a body should hear: an audit's findings.
    Filled in by other apps, through `item_sources`."""

    kind: str  # what it is, in words: "Case-file audit"
    title: str
    detail: str = ""
    due: dt.date | None = None
    url: str = ""


@dataclass(frozen=True)
class MeetingAgenda:
    meeting_id: int
    date: dt.date
    time: dt.time | None
    end_time: dt.time | None
    location: str
    previous: dt.date | None  # the body's meeting before this one, if any
    actions: tuple[ActionDue, ...]
    recommendations: tuple[RecommendationDue, ...]
    indicators: tuple[IndicatorDue, ...] = ()
    items: tuple[ItemDue, ...] = ()

    @property
    def missing_updates(self) -> tuple[ActionDue, ...]:
        return tuple(a for a in self.actions if a.update_missing)


@dataclass(frozen=True)
class BodyAgenda:
    body_id: int
    name: str
    abbreviation: str
    meetings: tuple[MeetingAgenda, ...]
    unscheduled: tuple[ActionDue, ...] = ()
    unscheduled_items: tuple[ItemDue, ...] = ()

    @property
    def label(self) -> str:
        return self.abbreviation or self.name


@dataclass(frozen=True)
class ForwardPlan:
    plan_id: int
    title: str
    as_at: dt.date
    start: dt.date | None
    end: dt.date | None
    bodies: tuple[BodyAgenda, ...] = field(default_factory=tuple)

    def body(self, name: str) -> BodyAgenda:
        wanted = name.casefold()
        for b in self.bodies:
            if wanted in (b.name.casefold(), b.abbreviation.casefold()):
                return b
        raise KeyError(name)


# The extension point for the indicators app: a source is called with the plan, a body
# and its meetings in the range, and returns the indicators due at each, by meeting id.
IndicatorSource = Callable[[Plan, Body, Sequence[Meeting]], Mapping[int, Sequence[IndicatorDue]]]
indicator_sources: list[IndicatorSource] = []


def register_indicator_source(source: IndicatorSource) -> IndicatorSource:
    """Add a source of indicators for the forward plan (usable as a decorator)."""
    if source not in indicator_sources:
        indicator_sources.append(source)
    return source


def _indicators(plan: Plan, body: Body, meetings: list[Meeting]) -> dict[int, list[IndicatorDue]]:
    found: dict[int, list[IndicatorDue]] = defaultdict(list)
    for source in indicator_sources:
        for meeting_id, items in source(plan, body, meetings).items():
            found[meeting_id].extend(items)
    return found


# The extension point for other things due at meetings: a source is called once per forward
# plan, with the plan and each body's meetings (every one, by body id), and returns the items
# due, by (body id, meeting id); under (body id, None), those due to the body with no meeting
# on or after their date. One call per forward plan keeps its queries fixed.
ItemSource = Callable[
    [Plan, Mapping[int, Sequence[Meeting]]], Mapping[tuple[int, int | None], Sequence[ItemDue]]
]
item_sources: list[ItemSource] = []


def register_item_source(source: ItemSource) -> ItemSource:
    """Add a source of items for the forward plan (usable as a decorator)."""
    if source not in item_sources:
        item_sources.append(source)
    return source


def _items(
    plan: Plan, meetings: Mapping[int, Sequence[Meeting]]
) -> dict[tuple[int, int | None], list[ItemDue]]:
    found: dict[tuple[int, int | None], list[ItemDue]] = defaultdict(list)
    for source in item_sources:
        for key, items in source(plan, meetings).items():
            found[key].extend(items)
    return found


@dataclass
class _Line:
    action_id: int
    body_id: int
    text: str
    due: dt.date | None
    frequency: str


class _PlanFacts:
    """Everything the forward plan reads about a plan, in a fixed number of queries."""

    def __init__(self, plan: Plan, as_at: dt.date, body_ids: set[int] | None):
        actions = Action.objects.filter(recommendation__plan=plan, retired=False)
        self.actions = {
            a.pk: a
            for a in actions.only("id", "recommendation_id", "ref", "number", "text", "order")
        }
        self.recommendations = {
            r.pk: r
            for r in Recommendation.objects.filter(plan=plan).only("id", "number", "title", "order")
        }
        self.leads: dict[int, list[str]] = defaultdict(list)
        for action_id, name in ActionParty.objects.filter(
            action_id__in=self.actions, role=ActionParty.Role.LEAD
        ).values_list("action_id", "party__name"):
            self.leads[action_id].append(name)
        self.owners: dict[int, list[str]] = defaultdict(list)
        for rec_id, name in Responsibility.objects.filter(recommendation__plan=plan).values_list(
            "recommendation_id", "party__name"
        ):
            self.owners[rec_id].append(name)
        lines = ReportingRequirement.objects.filter(
            action_id__in=self.actions, body__isnull=False
        ).values_list("pk", "action_id", "body_id", "text", "due", "frequency")
        self.lines = {
            pk: _Line(action_id, body_id, text, due, frequency or "")
            for pk, action_id, body_id, text, due, frequency in lines
            if body_ids is None or body_id in body_ids
        }
        self.links: dict[int, list[tuple[int, bool]]] = defaultdict(list)  # meeting -> lines
        for line_id, meeting_id, late in ReportingLink.objects.filter(
            requirement_id__in=self.lines
        ).values_list("requirement_id", "meeting_id", "late"):
            self.links[meeting_id].append((line_id, late))
        self.updates = updates_for_plan(plan.pk, as_at=as_at)

    def action_due(
        self, action_id: int, heard: list[tuple[_Line, bool]], since: dt.date | None, upto: dt.date
    ) -> ActionDue:
        action = self.actions[action_id]
        rec = self.recommendations[action.recommendation_id]
        updates: list[Update] = self.updates.get(action_id, [])
        done = written_by(updates, upto)
        finished = is_finished(done)
        dues = [line.due for line, _ in heard if line.due]
        last = latest(done)
        return ActionDue(
            action_id=action_id,
            recommendation_id=rec.pk,
            recommendation_number=rec.number,
            label=action_label(action.ref, action.number, action.order),
            text=action.text,
            leads=tuple(self.leads.get(action_id, ())),
            reporting=tuple(dict.fromkeys(line.text for line, _ in heard)),
            due=min(dues) if dues else None,
            late=any(late for _, late in heard),
            last_update=last.on if last else None,
            update_missing=not finished and not has_update_between(done, since, upto),
            finished=finished,
        )


def _recommendations(facts: _PlanFacts, actions: list[ActionDue]) -> tuple[RecommendationDue, ...]:
    by_rec: dict[int, list[ActionDue]] = defaultdict(list)
    for a in actions:
        by_rec[a.recommendation_id].append(a)
    return tuple(
        RecommendationDue(
            recommendation_id=rec_id,
            number=facts.recommendations[rec_id].number,
            title=facts.recommendations[rec_id].title,
            owners=tuple(facts.owners.get(rec_id, ())),
            actions=len(due),
            missing_updates=sum(a.update_missing for a in due),
        )
        for rec_id, due in by_rec.items()
    )


def forward_plan(
    plan: Plan,
    *,
    bodies: Sequence[Body] | None = None,
    start: dt.date | None = None,
    end: dt.date | None = None,
    as_at: dt.date | None = None,
) -> ForwardPlan:
    """What is due at each meeting of each body the plan reports to (or of `bodies`),
    for meetings from start to end (default: every meeting that hears the plan, and every
    meeting of those bodies in the plan period), with updates as at `as_at` (today)."""
    as_at = as_at or timezone.localdate()
    wanted = {b.pk for b in bodies} if bodies is not None else None
    facts = _PlanFacts(plan, as_at, wanted)
    body_ids = wanted if wanted is not None else {line.body_id for line in facts.lines.values()}
    all_meetings: dict[int, list[Meeting]] = defaultdict(list)
    for meeting in Meeting.objects.filter(body_id__in=body_ids).order_by("date"):
        all_meetings[meeting.body_id].append(meeting)

    other = _items(plan, {b: all_meetings.get(b, []) for b in body_ids})
    agendas = []
    found = Body.objects.filter(pk__in=body_ids)
    for body in sorted(found, key=lambda b: (b.abbreviation or b.name).casefold()):
        meetings = all_meetings.get(body.pk, [])
        shown = [m for m in meetings if _in_range(m, facts, plan, start, end)]
        indicators = _indicators(plan, body, shown)
        previous = {m.pk: p.date for p, m in pairwise(meetings)}
        items = []
        for m in shown:
            heard: dict[int, list[tuple[_Line, bool]]] = defaultdict(list)
            for line_id, late in facts.links.get(m.pk, []):
                line = facts.lines[line_id]
                heard[line.action_id].append((line, late))
            since, upto = previous.get(m.pk), min(m.date, as_at)
            actions = sorted(
                (facts.action_due(a, h, since, upto) for a, h in heard.items()),
                key=lambda a: _order(facts, a.action_id),
            )
            items.append(
                MeetingAgenda(
                    meeting_id=m.pk,
                    date=m.date,
                    time=m.time,
                    end_time=m.end_time,
                    location=m.location,
                    previous=previous.get(m.pk),
                    actions=tuple(actions),
                    recommendations=_recommendations(facts, actions),
                    indicators=tuple(indicators.get(m.pk, ())),
                    items=tuple(other.get((body.pk, m.pk), ())),
                )
            )
        linked = {line_id for pairs in facts.links.values() for line_id, _ in pairs}
        waiting: dict[int, list[tuple[_Line, bool]]] = defaultdict(list)
        for line_id, line in facts.lines.items():
            if line.body_id == body.pk and line.due and line_id not in linked:
                waiting[line.action_id].append((line, False))
        unscheduled = sorted(
            (facts.action_due(a, h, None, as_at) for a, h in waiting.items()),
            key=lambda a: (a.due, _order(facts, a.action_id)),
        )
        agendas.append(
            BodyAgenda(
                body_id=body.pk,
                name=body.name,
                abbreviation=body.abbreviation,
                meetings=tuple(items),
                unscheduled=tuple(unscheduled),
                unscheduled_items=tuple(other.get((body.pk, None), ())),
            )
        )
    return ForwardPlan(
        plan_id=plan.pk,
        title=plan.title,
        as_at=as_at,
        start=start,
        end=end,
        bodies=tuple(agendas),
    )


def _in_range(
    meeting: Meeting, facts: _PlanFacts, plan: Plan, start: dt.date | None, end: dt.date | None
) -> bool:
    if start or end:
        return (start is None or meeting.date >= start) and (end is None or meeting.date <= end)
    if meeting.pk in facts.links:
        return True
    after_start = plan.period_start is None or meeting.date >= plan.period_start
    before_end = plan.period_end is None or meeting.date <= plan.period_end
    return after_start and before_end


def _order(facts: _PlanFacts, action_id: int) -> tuple[int, int]:
    action = facts.actions[action_id]
    return (facts.recommendations[action.recommendation_id].order, action.order)
