"""Editing an action under optimistic locking (its text, resources, success criteria,
steps, end date, leads, partners and milestones), and adding an action the plan did not have. Every change is
saved through the models, so the history records who, when and why."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import cast

from django.db import transaction
from django.utils import timezone

from actionplan.core import events
from actionplan.monitoring.services import (
    MonitoringError,
    _claim,
    _date_or_none,
    _required,
    _stamp,
)
from actionplan.plans.models import (
    ADDED_KEY_PREFIX,
    Action,
    ActionParty,
    Milestone,
    Party,
    Recommendation,
)

EDITABLE = (
    "text",
    "resources",
    "success_criteria",
    "steps",
    "due",
    "leads",
    "partners",
    "milestones",
)


def edit_action(
    action_id: int,
    changes: Mapping[str, object],
    expected_version: int,
    user,
    *,
    at: dt.datetime | None = None,
    reason: str = "edited",
) -> Action:
    """Change what an action says, with `reason` in its history (a bulk change gives its
    own): `changes` may hold text, resources, success_criteria, steps (a list of text),
    due (a date or None), leads and partners
    (lists of party ids, in order), milestones (a list of {"id"?, "text", "due",
    "done_on"}: listed ones are kept or added, others removed). Raises StaleEdit, saving
    nothing, when the action is no longer at `expected_version`."""
    unknown = set(changes) - set(EDITABLE)
    if unknown:
        raise MonitoringError(f"These cannot be edited here: {', '.join(sorted(unknown))}")
    backdated, at = at is not None, at or timezone.now()
    with transaction.atomic():
        action = _claim(action_id, expected_version)
        fields: dict[str, object] = {}
        if "text" in changes:
            fields["text"] = _required(str(changes["text"]), "Enter the action", "text")
        if "resources" in changes:
            fields["resources"] = str(changes["resources"]).strip()
        if "success_criteria" in changes:
            fields["success_criteria"] = str(changes["success_criteria"]).strip()
        if "steps" in changes:  # a list, in order; blank steps are dropped
            steps = [str(s).strip() for s in cast(Sequence[object], changes["steps"])]
            fields["steps"] = [s for s in steps if s]
        if "due" in changes:
            fields["due"] = _date_or_none(changes["due"], "due")
        changed = [name for name, value in fields.items() if getattr(action, name) != value]
        for name in changed:
            setattr(action, name, fields[name])
        if changed:
            _stamp(action, user, at, reason).save(update_fields=changed)
        for role, key in ((ActionParty.Role.LEAD, "leads"), (ActionParty.Role.PARTNER, "partners")):
            if key in changes:
                _set_parties(action, role, changes[key], user, at, key, reason, backdated=backdated)
        if "milestones" in changes:
            _set_milestones(action, changes["milestones"], user, at, reason)
    return action


def add_action(
    recommendation: Recommendation,
    *,
    user,
    text: str,
    leads: Sequence[int] = (),
    due: dt.date | None = None,
    ref: str = "",
    reason: str = "added",
    at: dt.datetime | None = None,
) -> Action:
    """A new action in the plan, for work the plan did not have (a finding of an audit, a
    member's challenge): it goes into the history with who, when and `reason`. Its key
    never clashes with a document's, and a re-import of the document leaves it as it is
    (plans.services.store_plan)."""
    text = _required(text, "Enter the action", "text")
    due = _date_or_none(due, "due")
    backdated, at = at is not None, at or timezone.now()
    with transaction.atomic():
        existing = recommendation.actions.all()
        order = max((a.order for a in existing), default=0) + 1
        action = Action(
            recommendation=recommendation,
            key=f"{ADDED_KEY_PREFIX}{order}-{int(at.timestamp())}",
            ref=ref.strip(),
            number=ref.strip(),
            text=text,
            due=due,
            order=order,
        )
        _stamp(action, user, at, reason).save()
        _set_parties(
            action, ActionParty.Role.LEAD, list(leads), user, at, "leads", reason, backdated
        )
    return action


def _set_parties(
    action: Action,
    role: str,
    party_ids: object,
    user,
    at: dt.datetime,
    field: str,
    reason: str = "edited",
    backdated: bool = False,
) -> None:
    if not isinstance(party_ids, list | tuple) or len(set(party_ids)) != len(party_ids):
        raise MonitoringError("Choose each person or organisation once", field)
    known = set(
        Party.objects.filter(
            pk__in=party_ids, organisation_id=action.recommendation.plan.organisation_id
        ).values_list("pk", flat=True)
    )
    if set(party_ids) - known:
        raise MonitoringError("Choose people and organisations of this plan's council", field)
    rows = {ap.party_id: ap for ap in action.action_parties.filter(role=role)}
    for party_id, row in rows.items():
        if party_id not in party_ids:
            _stamp(row, user, at, reason).delete()
    for order, party_id in enumerate(party_ids, start=1):
        row = rows.get(party_id) or ActionParty(action=action, party_id=party_id, role=role)
        if row.pk is None or row.order != order:
            new = row.pk is None
            row.order = order
            _stamp(row, user, at, reason).save()
            if new:
                events.party_assigned.send(ActionParty, action_party=row, backdated=backdated)


def _set_milestones(
    action: Action, items: object, user, at: dt.datetime, reason: str = "edited"
) -> None:
    if not isinstance(items, list | tuple):
        raise MonitoringError("Milestones are a list", "milestones")
    rows = {m.pk: m for m in action.milestones.all()}
    listed = {item.get("id") for item in items if item.get("id") is not None}
    if listed - set(rows):
        raise MonitoringError("A milestone listed is not one of this action's", "milestones")
    for pk, row in rows.items():
        if pk not in listed:
            _stamp(row, user, at, reason).delete()
    for order, item in enumerate(items, start=1):
        row = rows.get(item.get("id")) or Milestone(action=action, precision="day")
        wanted = {
            "text": _required(item.get("text"), "Describe each milestone", "milestones"),
            "due": _date_or_none(item.get("due"), "milestones"),
            "done_on": _date_or_none(item.get("done_on"), "milestones"),
            "order": order,
        }
        if row.pk is None or any(getattr(row, k) != v for k, v in wanted.items()):
            for name, value in wanted.items():
                setattr(row, name, value)
            _stamp(row, user, at, reason).save()
