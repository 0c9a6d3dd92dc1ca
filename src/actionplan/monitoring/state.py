"""Each action's standing today, kept in a table, so that the dashboard is a plain query
(ADR 0024).

A row (`ActionState`) holds what the dashboard counts: whether the action is in the plan,
its RAG colour and how many of its deadlines are overdue or due soon, all as at `rated_on`.
The colour and the deadlines depend on the day (a date passes, an update grows old), so a
row is fresh only for the day it was rated on. Every write that can change them calls
`invalidate` in its own transaction (signals in `apps.py`, and the import's run record):
it bumps the row's `generation` and clears `rated_on`. A reader that finds stale or
missing rows rates them again through `snapshot`, the one "as at" rule, and stores them
only where the generation is still the one it read, so a write that lands meanwhile is
never covered by an older rating. "As at" a past day still rebuilds from the history.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections import Counter, defaultdict
from collections.abc import Iterable
from itertools import chain, repeat
from typing import cast

from django.db import OperationalError, connection, transaction
from django.db.models import BooleanField, Case, Count, F, Q, Sum, Value, When

from actionplan.monitoring import deadlines as due
from actionplan.monitoring import rag, versions
from actionplan.monitoring.models import ActionState, PlanVersion
from actionplan.monitoring.rollup import Rollup, roll_up
from actionplan.monitoring.snapshot import (
    PartyView,
    PlanSnapshot,
    RecommendationView,
    _Loader,
    actions_as_at,
    plan_as_at,
    rules_as_at,
)
from actionplan.plans.models import Action, Plan, Recommendation, Responsibility


def invalidate(
    *,
    action_ids: Iterable[int] = (),
    recommendation_id: int | None = None,
    plan_id: int | None = None,
    deleting: bool = False,
) -> None:
    """Mark the state of these actions (or of every action of a recommendation or a plan)
    stale, and bump the plan's write version, in the caller's transaction. An upsert, so that an action whose row a reader is
    writing now waits for it and then marks it stale again; only an update while rows are
    being deleted (`deleting`), which must not bring back a row the deletion has taken."""
    ids = sorted(set(action_ids))
    if plan_id is None and recommendation_id is None and not ids:
        return
    if deleting:
        rows = ActionState.objects.all()
        if plan_id is not None:
            rows = rows.filter(plan_id=plan_id)
        elif recommendation_id is not None:
            rows = rows.filter(action__recommendation_id=recommendation_id)
        else:
            rows = rows.filter(action_id__in=ids)
        # An update only: the plan itself may be what is being deleted.
        PlanVersion.objects.filter(plan_id__in=rows.values("plan_id")).update(
            version=F("version") + 1
        )
        rows.update(generation=F("generation") + 1, rated_on=None)
        return
    # The cache of past "as at" snapshots is keyed by this version (monitoring/cached.py).
    versions.bump(plan_id=plan_id, recommendation_id=recommendation_id, action_ids=ids)
    if plan_id is not None:
        where, params = "r.plan_id = %s", [plan_id]
    elif recommendation_id is not None:
        where, params = "a.recommendation_id = %s", [recommendation_id]
    else:
        where, params = f"a.id IN ({', '.join(['%s'] * len(ids))})", ids
    state, action = ActionState._meta.db_table, Action._meta.db_table
    rec = Recommendation._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {state} (action_id, plan_id, in_plan, colour, overdue, due_soon, "
            f"rated_on, generation) SELECT a.id, r.plan_id, %s, '', 0, 0, NULL, 1 "
            f"FROM {action} a JOIN {rec} r ON r.id = a.recommendation_id WHERE {where} "
            f"ON CONFLICT (action_id) DO UPDATE SET generation = {state}.generation + 1, "
            f"rated_on = NULL",
            [False, *params],
        )


def refresh(plan_id: int, on: dt.date, action_ids: list[int] | None = None) -> None:
    """Rate these actions of the plan (default: all of them) as at `on` and store it."""
    with transaction.atomic():
        actions = Action.objects.filter(recommendation__plan_id=plan_id)
        if action_ids is not None:
            actions = actions.filter(pk__in=action_ids)
        ids = list(actions.values_list("pk", flat=True))
        ActionState.objects.bulk_create(
            [ActionState(action_id=i, plan_id=plan_id) for i in ids], ignore_conflicts=True
        )
        seen = dict(
            ActionState.objects.filter(action_id__in=ids)
            .order_by("action_id")  # the same order of row locks in every reader
            .values_list("action_id", "generation")
        )
        snap = actions_as_at(plan_id, on, ids) if action_ids is not None else _whole(plan_id, on)
        counts = due.deadlines(snap)
        overdue = Counter(d.action.id for d in counts.overdue)
        soon = Counter(d.action.id for d in counts.due_soon)
        colours = {a.id: a.rating.colour for a in snap.actions()}
        # One UPDATE per distinct rating and generation seen, not one per action.
        same: dict[tuple, list[int]] = defaultdict(list)
        for action_id, generation in seen.items():
            rating = (action_id in colours, colours.get(action_id) or "")
            same[(generation, *rating, overdue[action_id], soon[action_id])].append(action_id)
        for (generation, in_plan, colour, late, near), ids in same.items():
            ActionState.objects.filter(action_id__in=ids, generation=generation).update(
                plan_id=plan_id,
                in_plan=in_plan,
                colour=colour,
                overdue=late,
                due_soon=near,
                rated_on=on,
            )


def _whole(plan_id: int, on: dt.date) -> PlanSnapshot:
    return _Loader(plan_id, on).snapshot()


def rebuild(plan: Plan | int, on: dt.date) -> None:
    """Rate every action of the plan again from its history, whatever its rows say."""
    plan_id = plan.pk if isinstance(plan, Plan) else plan
    with transaction.atomic():
        invalidate(plan_id=plan_id)
        refresh(plan_id, on)


@dataclasses.dataclass(frozen=True)
class Standing:
    """What the dashboard shows of a plan today, from the state table."""

    snapshot: PlanSnapshot  # its recommendations carry their roll-ups, not their actions
    overdue: int
    due_soon: int


def standing(plan: Plan, on: dt.date) -> Standing:
    """The plan's roll-ups and deadline counts as at `on`: a grouped query over the state
    rows (rating again the stale ones first, once), the recommendations and their owners."""
    try:
        groups = _fresh_groups(plan.pk, on)
    except OperationalError:
        return _from_history(plan, on)
    rules = rules_as_at(plan.pk, on)
    by_rec: dict[int, list[tuple[str | None, int]]] = defaultdict(list)
    overdue = soon = 0
    for rec_id, colour, in_plan, _, n, late, near in groups:
        if in_plan:
            by_rec[rec_id].append((colour or None, n))
            overdue += late or 0
            soon += near or 0
    owners: dict[int, list[PartyView]] = defaultdict(list)
    for rec_id, pk, name, kind in (
        Responsibility.objects.filter(
            recommendation__plan=plan, party__organisation_id=plan.organisation_id
        )
        .order_by("order", "id")
        .values_list("recommendation_id", "party_id", "party__name", "party__kind")
    ):
        owners[rec_id].append(PartyView(pk, name, kind))
    recs = tuple(
        RecommendationView(pk, number, title, tuple(owners[pk]), (), _roll_up(by_rec[pk], rules))
        for pk, number, title in Recommendation.objects.filter(plan=plan, retired=False)
        .order_by("order", "id")
        .values_list("pk", "number", "title")
    )
    shown = [c for r in recs for c in by_rec[r.id]]
    snap = PlanSnapshot(
        plan.pk,
        plan.title,
        plan.organisation.name,
        on,
        rules,
        recs,
        _roll_up(shown, rules),
    )
    return Standing(snap, overdue, soon)


def with_deadlines(plan: Plan, on: dt.date) -> list[int] | None:
    """The actions of the plan with a deadline overdue or due soon as at `on`: the only
    ones the overdue and due-soon page needs to rebuild (None: all, see `_from_history`)."""
    try:
        _fresh_groups(plan.pk, on)
    except OperationalError:
        return None
    return list(
        ActionState.objects.filter(plan=plan, in_plan=True)
        .filter(Q(overdue__gt=0) | Q(due_soon__gt=0))
        .values_list("action_id", flat=True)
    )


def _from_history(plan: Plan, on: dt.date) -> Standing:
    """The standing rebuilt from the history, for a reader that could not store its rating
    (a deadlock with an import on PostgreSQL, SQLite busy): the page does not need it
    stored, and the next reader rates the rows."""
    snap = plan_as_at(plan, on)
    found = due.deadlines(snap)
    return Standing(snap, len(found.overdue), len(found.due_soon))


def _fresh_groups(plan_id: int, on: dt.date) -> list[tuple]:
    """The plan's `_groups`, rating its stale actions again first if it has any."""
    groups = _groups(plan_id, on)
    if any(not fresh for _, _, _, fresh, *_ in groups):
        stale = list(
            Action.objects.filter(recommendation__plan_id=plan_id)
            .exclude(state__rated_on=on)
            .values_list("pk", flat=True)
        )
        # Most of the plan (a new day, new rules): rate it whole, as a page "as at" would.
        whole = 2 * len(stale) > sum(g[4] for g in groups)
        refresh(plan_id, on, None if whole else stale)
        groups = _groups(plan_id, on)
    return groups


def _roll_up(counts: list[tuple[str | None, int]], rules: rag.RuleSet) -> Rollup:
    # In the plan, a state row's colour is its rating's, never empty: None never gets here.
    return roll_up(chain.from_iterable(repeat(cast(str, c), n) for c, n in counts), rules)


def _groups(plan_id: int, on: dt.date) -> list[tuple]:
    """(recommendation, colour, in plan, fresh, actions, overdue, due soon) for the plan's
    actions: one query, the actions without a row counted as stale."""
    fresh = Case(
        When(Q(state__rated_on=on), then=Value(True)),
        default=Value(False),
        output_field=BooleanField(),
    )
    return list(
        Action.objects.filter(recommendation__plan_id=plan_id)
        .annotate(fresh=fresh)
        .values_list("recommendation_id", "state__colour", "state__in_plan", "fresh")
        .annotate(n=Count("pk"), late=Sum("state__overdue"), near=Sum("state__due_soon"))
        .order_by()
    )
