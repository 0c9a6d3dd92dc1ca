"""What is overdue and due soon in a plan as at a date, and the actions a party leads or is
a partner in (its "my actions"), with theirs: read from the plan's snapshot."""

from __future__ import annotations

import dataclasses
import datetime as dt

from django.utils import timezone

from actionplan.monitoring.progress import end_of
from actionplan.monitoring.snapshot import (
    ActionView,
    PartyView,
    PlanSnapshot,
    RecommendationView,
    actions_as_at,
    as_of,
)
from actionplan.plans.models import Action, ActionParty, Party, Recommendation

DUE_SOON_DAYS = 14


@dataclasses.dataclass(frozen=True)
class DeadlineView:
    action: ActionView
    recommendation: RecommendationView
    text: str
    due: dt.date
    days: int  # past the date (overdue) or to go (due soon)


@dataclasses.dataclass(frozen=True)
class Deadlines:
    on: dt.date
    overdue: tuple[DeadlineView, ...]
    due_soon: tuple[DeadlineView, ...]


@dataclasses.dataclass(frozen=True)
class MyActions:
    """The actions a party leads or is a partner in, across its organisation's plans."""

    party: PartyView
    on: dt.date
    plans: tuple[PlanSnapshot, ...]
    roles: dict[int, str]  # action id -> "lead" or "partner"
    deadlines: Deadlines


def deadlines(
    snapshot: PlanSnapshot, days: int = DUE_SOON_DAYS, only: set[int] | None = None
) -> Deadlines:
    """Milestones and end dates not met: overdue as at the snapshot's date, and due within
    `days` after it; for unfinished actions (of `only`, if given), soonest first."""
    on = snapshot.on
    overdue, soon = [], []
    for rec in snapshot.recommendations:
        for action in rec.actions:
            if action.finished or (only is not None and action.id not in only):
                continue
            for d in action.deadlines():
                if d.due is None or not d.open_on(on):
                    continue
                if d.due < on:
                    overdue.append(DeadlineView(action, rec, d.text, d.due, (on - d.due).days))
                elif (d.due - on).days <= days:
                    soon.append(DeadlineView(action, rec, d.text, d.due, (d.due - on).days))
    return Deadlines(
        on,
        tuple(sorted(overdue, key=lambda d: d.due)),
        tuple(sorted(soon, key=lambda d: d.due)),
    )


def my_actions(party: Party, on: dt.date | None = None, days: int = DUE_SOON_DAYS) -> MyActions:
    """What `party` leads or is a partner in as at `on`, and its deadlines. The web layer
    finds the party of the signed-in user. A few queries per plan the party is in."""
    on = on or timezone.localdate()
    before = end_of(on)
    roles_of = as_of(
        ActionParty,
        before,
        party_id=party.pk,
        role__in=[ActionParty.Role.LEAD, ActionParty.Role.PARTNER],
    )
    roles: dict[int, str] = {}
    for action_id, role in roles_of.order_by("role").values_list("action_id", "role"):
        roles.setdefault(action_id, role)  # "lead" sorts first: a lead is a lead
    # A set: the historical models' default ordering would defeat distinct().
    plan_ids = set(
        as_of(
            Recommendation,
            before,
            id__in=as_of(Action, before, id__in=list(roles)).values("recommendation_id"),
        ).values_list("plan_id", flat=True)
    )
    snapshots = tuple(actions_as_at(plan_id, on, list(roles)) for plan_id in sorted(plan_ids))
    each = [deadlines(s, days) for s in snapshots]
    overdue = sorted((d for ds in each for d in ds.overdue), key=lambda d: d.due)
    due_soon = sorted((d for ds in each for d in ds.due_soon), key=lambda d: d.due)
    return MyActions(
        PartyView(party.pk, party.name, party.kind),
        on,
        snapshots,
        roles,
        Deadlines(on, tuple(overdue), tuple(due_soon)),
    )
