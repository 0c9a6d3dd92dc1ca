"""The plan as it stood at the end of a day, from its history, for every page's "as at".

- Structure (plan, recommendations, owners, actions, leads and partners, milestones, the
  RAG rules): each row's latest historical version saved by the end of that day
  (django-simple-history's tables), leaving out rows deleted by then.
- Updates and overrides: those *written* by the end of that day (created_at), so the page
  shows what a reader could have seen then. Of those, the latest is the one that speaks
  for the latest date (as_at), then the last written: a late correction of February does
  not displace March.
- RAG: the rules in force that day, applied as at that day (rag.rate), then any override.

Each loader costs the same number of queries whatever the plan's size: one per table,
with the rest done in Python by the pure modules (rag, rollup). Retired actions and
recommendations (gone from the latest import) are left out: their pages still work.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections import defaultdict
from typing import NamedTuple

from django.db.models import Exists, F, OuterRef, Q, QuerySet, Subquery
from django.utils import timezone

from actionplan.core.wording import action_label
from actionplan.core.wording import long_date as _date
from actionplan.monitoring import rag, statuses
from actionplan.monitoring.history import HistoryEntry, action_history
from actionplan.monitoring.models import Challenge, RagOverride, RagRuleSet
from actionplan.monitoring.progress import UPDATE_ORDER, end_of, latest_progress
from actionplan.monitoring.rollup import Rollup, roll_up
from actionplan.monitoring.services import MonitoringError, user_name
from actionplan.plans.models import (
    Action,
    ActionParty,
    Milestone,
    Party,
    Plan,
    ProgressRecord,
    Recommendation,
    Responsibility,
)

Source = ProgressRecord.Source


class NotInPlanYet(MonitoringError):
    """The plan (or the action) was not in actionplan on the date asked for."""


@dataclasses.dataclass(frozen=True)
class PartyView:
    id: int
    name: str
    kind: str


@dataclasses.dataclass(frozen=True)
class MilestoneView:
    id: int
    text: str
    due: dt.date | None
    done_on: dt.date | None
    met: bool


@dataclasses.dataclass(frozen=True)
class EvidenceView:
    """A link (`url`), or a file: files may hold personal data, so pages serve them by
    `id` through a view that checks the reader's access, never from MEDIA_URL."""

    id: int
    title: str
    url: str
    is_file: bool


@dataclasses.dataclass(frozen=True)
class UpdateView:
    id: int
    as_at: dt.date | None
    written_at: dt.datetime
    status: str | None
    status_label: str
    percent_complete: int | None
    narrative: str
    next_steps: str
    author: str
    source: str
    source_label: str
    evidence: tuple[EvidenceView, ...] = ()


@dataclasses.dataclass(frozen=True)
class OverrideView:
    colour: str
    reason: str
    by: str
    at: dt.datetime


@dataclasses.dataclass(frozen=True)
class ActionView:
    id: int
    recommendation_id: int
    parent_id: int | None
    label: str
    text: str
    resources: str
    due: dt.date | None
    leads: tuple[PartyView, ...]
    partners: tuple[PartyView, ...]
    milestones: tuple[MilestoneView, ...]
    latest: UpdateView | None
    status: str | None
    signed_off: bool
    rating: rag.Rating
    override: OverrideView | None
    success_criteria: str = ""
    steps: tuple[str, ...] = ()
    objective_id: int | None = None

    @property
    def status_label(self) -> str:
        return statuses.label(self.status)

    @property
    def finished(self) -> bool:
        return self.status in statuses.FINISHED

    def deadlines(self) -> tuple[rag.Deadline, ...]:
        return deadlines_of(self.milestones, self.due)


def deadlines_of(milestones: tuple[MilestoneView, ...], due: dt.date | None) -> tuple:
    """The milestones and the action's own end date, as the RAG rules see them."""
    own = (rag.Deadline("the action's end date", due),) if due else ()
    return (*(rag.Deadline(m.text, m.due, m.done_on) for m in milestones), *own)


@dataclasses.dataclass(frozen=True)
class RecommendationView:
    id: int
    number: str
    title: str
    owners: tuple[PartyView, ...]
    actions: tuple[ActionView, ...]
    rollup: Rollup


@dataclasses.dataclass(frozen=True)
class PlanSnapshot:
    plan_id: int
    title: str
    organisation: str
    on: dt.date
    rules: rag.RuleSet
    recommendations: tuple[RecommendationView, ...]
    rollup: Rollup

    @property
    def key(self) -> list[rag.KeyEntry]:
        return rag.key(self.rules)

    def actions(self) -> list[ActionView]:
        return [a for r in self.recommendations for a in r.actions]

    def action(self, action_id: int) -> ActionView:
        found = next((a for a in self.actions() if a.id == action_id), None)
        if found is None:
            raise NotInPlanYet(f"The action was not in the plan on {_date(self.on)}")
        return found

    def recommendation_of(self, action: ActionView) -> RecommendationView:
        return next(r for r in self.recommendations if r.id == action.recommendation_id)


@dataclasses.dataclass(frozen=True)
class AnswerView:
    text: str
    by: str
    at: dt.datetime


@dataclasses.dataclass(frozen=True)
class ChallengeView:
    id: int
    question: str
    by: str
    at: dt.datetime
    answers: tuple[AnswerView, ...]


@dataclasses.dataclass(frozen=True)
class ActionPage:
    """Everything an action's page shows as at a date. `version` is the action's version
    now, for the forms that change it (edit_action, the sign-off steps)."""

    plan: PlanSnapshot
    recommendation: RecommendationView
    action: ActionView
    version: int
    retired: bool
    updates: tuple[UpdateView, ...]
    challenges: tuple[ChallengeView, ...]
    history: tuple[HistoryEntry, ...]


def as_of(model, before: dt.datetime, **filters) -> QuerySet:
    """The historical versions of `model`'s rows in force just before `before`: the latest
    saved before it, rows deleted by then left out. Like simple-history's `as_of`, but two
    versions saved at the same instant (a bulk import) are told apart by their id."""
    history = model.history.model
    later = history.objects.filter(
        Q(history_date__gt=OuterRef("history_date"))
        | Q(history_date=OuterRef("history_date"), history_id__gt=OuterRef("history_id")),
        id=OuterRef("id"),
        history_date__lt=before,
    )
    return (
        history.objects.filter(history_date__lt=before, **filters)
        .filter(~Exists(later))
        .exclude(history_type="-")
    )


def plan_as_at(
    plan: Plan | int, on: dt.date | None = None, *, recommendation_id: int | None = None
) -> PlanSnapshot:
    """The whole plan as it stood at the end of `on` (default: today). With
    `recommendation_id`, only that recommendation, its owners and its actions are loaded
    (the same number of queries, each reading only that recommendation's rows): the
    snapshot's recommendations are that one, or none when it was not in the plan that day,
    and its roll-up counts only its actions."""
    return _Loader(plan, on, recommendation_id=recommendation_id).snapshot()


def actions_as_at(plan: Plan | int, on: dt.date, action_ids: list[int]) -> PlanSnapshot:
    """The plan as it stood at the end of `on`, with only the actions of `action_ids` (and
    their recommendations): the same number of queries as the whole plan."""
    return _Loader(plan, on, action_ids=action_ids).snapshot()


def rules_as_at(plan: Plan | int, on: dt.date) -> rag.RuleSet:
    """The RAG rules the plan had at the end of `on`."""
    return _Loader(plan, on)._rules()


def action_page(action: Action | int, on: dt.date | None = None) -> ActionPage:
    """One action as at the end of `on`: the action (with its rating), its recommendation,
    every update written by then, the challenges and the whole history up to then. Works
    for a retired action too, for its records."""
    if not isinstance(action, Action):
        action = Action.objects.select_related("recommendation").get(pk=action)
    on = on or timezone.localdate()
    snapshot = _Loader(action.recommendation.plan_id, on, [action.pk], keep_retired=True).snapshot()
    view = snapshot.action(action.pk)
    return ActionPage(
        plan=snapshot,
        recommendation=snapshot.recommendation_of(view),
        action=view,
        version=action.version,
        retired=action.retired,
        updates=tuple(updates(action, on)),
        challenges=tuple(challenges(action, on)),
        history=tuple(action_history(action, until=end_of(on))),
    )


def challenges(about: Action | Recommendation, on: dt.date | None = None) -> list[ChallengeView]:
    """The questions asked about an action or a recommendation by the end of `on`, with
    the answers given by then, oldest first."""
    before = end_of(on or timezone.localdate())
    target = {"action": about} if isinstance(about, Action) else {"recommendation": about}
    found = (
        Challenge.objects.filter(asked_at__lt=before, **target)
        .select_related("asked_by")
        .prefetch_related("answers__answered_by")
    )
    return [
        ChallengeView(
            c.pk,
            c.question,
            user_name(c.asked_by),
            c.asked_at,
            tuple(
                AnswerView(a.text, user_name(a.answered_by), a.answered_at)
                for a in c.answers.all()
                if a.answered_at < before
            ),
        )
        for c in found
    ]


def updates(action: Action, on: dt.date | None = None) -> list[UpdateView]:
    """Every progress record of the action written by the end of `on`, the latest first
    (in the order that decides the action's status), with its evidence."""
    before = end_of(on or timezone.localdate())
    records = (
        ProgressRecord.objects.filter(action=action, created_at__lt=before)
        .select_related("author")
        .prefetch_related("evidence")
        .order_by(*UPDATE_ORDER)
    )
    return [_update_view(r, with_evidence=True) for r in records]


def _update_view(r: ProgressRecord, *, with_evidence: bool = False) -> UpdateView:
    status = statuses.normalise(r.status)
    evidence: tuple[EvidenceView, ...] = ()
    if with_evidence:
        evidence = tuple(EvidenceView(e.pk, str(e), e.url, bool(e.file)) for e in r.evidence.all())
    return UpdateView(
        id=r.pk,
        as_at=r.as_at,
        written_at=r.created_at,
        status=status,
        status_label=statuses.label(status) if status else (r.status or "No status given"),
        percent_complete=r.percent_complete,
        narrative=r.text,
        next_steps=r.next_steps,
        author=user_name(r.author),
        source=r.source,
        source_label=r.get_source_display(),
        evidence=evidence,
    )


class _Row(NamedTuple):
    """The fields of an action's historical version that a snapshot reads."""

    id: int
    recommendation_id: int
    parent_id: int | None
    ref: str
    number: str
    order: int
    text: str
    resources: str
    due: dt.date | None
    success_criteria: str
    steps: list
    objective_id: int | None
    retired: bool  # last: read by position below


class _Loader:
    """One plan as at one day, optionally only some of its actions."""

    def __init__(
        self,
        plan: Plan | int,
        on: dt.date | None,
        action_ids: list[int] | None = None,
        *,
        keep_retired: bool = False,
        recommendation_id: int | None = None,
    ):
        self.plan_id = plan.pk if isinstance(plan, Plan) else plan
        self.on = on or timezone.localdate()
        self.before = end_of(self.on)
        self.action_ids = action_ids
        self.keep_retired = keep_retired
        # Only this recommendation, when given.
        self.recs = {"id": recommendation_id} if recommendation_id is not None else {}

    def snapshot(self) -> PlanSnapshot:
        before, plan_id = self.before, self.plan_id
        plan = as_of(Plan, before, id=plan_id).select_related("organisation").first()
        if plan is None:
            raise NotInPlanYet(f"This plan was not yet in actionplan on {_date(self.on)}")
        rules = self._rules()

        rec_ids = Recommendation.history.filter(plan_id=plan_id, **self.recs).values("id")
        recs = [
            r
            for r in as_of(Recommendation, before, plan_id=plan_id, **self.recs)
            if self.keep_retired or not r.retired
        ]
        owners = defaultdict(list)
        owners_q = as_of(Responsibility, before, recommendation_id__in=rec_ids).order_by(
            "order", "id"
        )
        for rec_id, party_id in owners_q.values_list("recommendation_id", "party_id"):
            owners[rec_id].append(party_id)

        # Rows as tuples, not model instances: a large plan has thousands of them.
        actions_q = as_of(Action, before, recommendation_id__in=rec_ids)
        action_ids = Action.history.filter(recommendation_id__in=rec_ids).values("id")
        if self.action_ids is not None:
            actions_q = actions_q.filter(id__in=self.action_ids)
            action_ids = self.action_ids
        actions = [
            _Row(*values)
            for values in actions_q.values_list(*_Row._fields)
            if self.keep_retired or not values[-1]
        ]

        roles = defaultdict(list)
        people_q = as_of(
            ActionParty,
            before,
            action_id__in=action_ids,
            role__in=[ActionParty.Role.LEAD, ActionParty.Role.PARTNER],
        )
        for action_id, role, party_id in people_q.order_by("order", "id").values_list(
            "action_id", "role", "party_id"
        ):
            roles[(action_id, role)].append(party_id)
        milestones = defaultdict(list)
        milestones_q = as_of(Milestone, before, action_id__in=action_ids).order_by("order", "id")
        for pk, action_id, text, due, done_on in milestones_q.values_list(
            "id", "action_id", "text", "due", "done_on"
        ):
            met = done_on is not None and done_on <= self.on
            milestones[action_id].append(MilestoneView(pk, text, due, done_on, met))
        # Tuples, not model instances: a council has hundreds of people and bodies.
        parties = {
            pk: PartyView(pk, name, kind)
            for pk, name, kind in Party.objects.filter(organisation_id=plan.organisation_id)
            .order_by()
            .values_list("id", "name", "kind")
        }
        latest = {r.action_id: r for r in self._latest_updates()}
        overrides = {o.action_id: o for o in self._latest_overrides()}

        def people(ids: list[int]) -> tuple[PartyView, ...]:
            return tuple(parties[i] for i in ids if i in parties)

        by_rec = defaultdict(list)
        for a in sorted(actions, key=lambda a: (a.order, a.id)):
            by_rec[a.recommendation_id].append(
                self._action(
                    a,
                    leads=people(roles[(a.id, ActionParty.Role.LEAD)]),
                    partners=people(roles[(a.id, ActionParty.Role.PARTNER)]),
                    milestones=tuple(milestones[a.id]),
                    latest=latest.get(a.id),
                    override=overrides.get(a.id),
                    rules=rules,
                )
            )
        rec_views = tuple(
            RecommendationView(
                r.id,
                r.number,
                r.title,
                people(owners[r.id]),
                tuple(by_rec[r.id]),
                roll_up((a.rating.colour for a in by_rec[r.id]), rules),
            )
            for r in sorted(recs, key=lambda r: (r.order, r.id))
            if self.action_ids is None or by_rec[r.id]
        )
        return PlanSnapshot(
            plan_id,
            plan.title,
            plan.organisation.name,
            self.on,
            rules,
            rec_views,
            roll_up((a.rating.colour for r in rec_views for a in r.actions), rules),
        )

    def _rules(self) -> rag.RuleSet:
        rule_set = as_of(RagRuleSet, self.before, plan_id=self.plan_id).first()
        return rag.parse_rules(rule_set.data) if rule_set else rag.DEFAULT_RULES

    def _actions(self) -> QuerySet[Action]:
        if self.action_ids is not None:
            return Action.objects.filter(pk__in=self.action_ids)
        if self.recs:
            # Every action the recommendation has had, as _Loader.snapshot reads them.
            ever = Action.history.filter(recommendation_id=self.recs["id"]).values("id")
            return Action.objects.filter(pk__in=ever)
        return Action.objects.filter(recommendation__plan_id=self.plan_id)

    def _latest_updates(self) -> QuerySet:
        return latest_progress(self._actions(), self.on).select_related("author")

    def _latest_overrides(self) -> list[RagOverride]:
        """Each action's last override written by the as-at moment, as latest_progress."""
        first = RagOverride.objects.filter(action=OuterRef("pk"), created_at__lt=self.before)
        order = (F("created_at").desc(), F("id").desc())
        ids = self._actions().annotate(latest=Subquery(first.order_by(*order).values("id")[:1]))
        latest = RagOverride.objects.filter(id__in=ids.values("latest"))
        return [o for o in latest.select_related("created_by") if o.colour]

    def _action(self, a, *, leads, partners, milestones, latest, override, rules) -> ActionView:
        status = statuses.normalise(latest.status) if latest else None
        # "complete" is only ever written by a sign-off, or read from a council's own plan.
        signed_off = status == statuses.COMPLETE and latest.source in (
            Source.SIGN_OFF,
            Source.IMPORT,
        )
        updated_on = (latest.as_at or timezone.localdate(latest.created_at)) if latest else None
        state = rag.ActionState(status, signed_off, deadlines_of(milestones, a.due), updated_on)
        rating = rag.rate(state, self.on, rules)
        shown = None
        if override is not None:
            shown = OverrideView(
                override.colour,
                override.reason,
                user_name(override.created_by),
                override.created_at,
            )
            rating = rag.overridden(rating, override.colour, override.reason, rules)
        return ActionView(
            id=a.id,
            recommendation_id=a.recommendation_id,
            parent_id=a.parent_id,
            label=action_label(a.ref, a.number, a.order),
            text=a.text,
            resources=a.resources,
            due=a.due,
            leads=leads,
            partners=partners,
            milestones=milestones,
            latest=_update_view(latest) if latest else None,
            status=status,
            signed_off=signed_off,
            rating=rating,
            override=shown,
            success_criteria=a.success_criteria,
            steps=tuple(a.steps),
            objective_id=a.objective_id,
        )
