"""Changing many actions at once (issue 16, point 6): assign a lead, set the body they report
to, or move their end dates, with one reason. One transaction: every action changes, or
none. Each action changes through editing.edit_action (its version claimed, its history
written with who, when and the reason), so the action's history and the plan "as at" a date
before and after show it as they show a single edit."""

from __future__ import annotations

import dataclasses
import datetime as dt

from django.db import transaction
from django.utils import timezone

from actionplan.core.wording import action_label, plural
from actionplan.monitoring.editing import edit_action
from actionplan.monitoring.services import MonitoringError, _required, _stamp
from actionplan.plans.models import Action, Body, Party, Plan, ReportingRequirement

CHANGES = {
    "lead": "Assign a lead",
    "body": "Set the body they report to",
    "due": "Move the end date to a date",
    "days": "Move the end date by a number of days",
}


@dataclasses.dataclass(frozen=True)
class BulkChange:
    change: str  # a key of CHANGES
    lead: Party | None = None
    body: Body | None = None
    due: dt.date | None = None
    days: int | None = None


def bulk_change(
    plan: Plan,
    action_ids: list[int],
    change: BulkChange,
    *,
    user,
    reason: str,
    at: dt.datetime | None = None,
) -> str:
    """Make `change` to each of `plan`'s actions in `action_ids`, all or nothing. Returns
    what was done, in words. Raises MonitoringError, changing nothing, when an action is not
    the plan's, an end date cannot be moved, or the reason is missing."""
    reason = _required(reason, "Say why you are making this change", "reason")
    if not action_ids:
        raise MonitoringError("Select the actions to change", "actions")
    if change.change not in CHANGES:
        raise MonitoringError("Choose what to change", "change")
    if change.change == "body" and (
        change.body is None or change.body.organisation_id != plan.organisation_id
    ):
        raise MonitoringError("Choose a body of this plan's council", "body")
    at = at or timezone.now()
    with transaction.atomic():
        actions = list(
            Action.objects.filter(
                pk__in=set(action_ids), recommendation__plan=plan, retired=False
            ).select_related("recommendation")
        )
        if len(actions) != len(set(action_ids)):
            raise MonitoringError("Some of the actions selected are not in this plan", "actions")
        for action in actions:
            _one(action, change, user, reason, at)
    done = {
        "lead": lambda: f"{change.lead.name if change.lead else ''} is now the lead of",
        "body": lambda: f"{change.body.name if change.body else ''} is now the body reported to by",
        "due": lambda: "Moved the end date of",
        "days": lambda: f"Moved by {plural(change.days or 0, 'day')} the end date of",
    }[change.change]()
    return f"{done} {plural(len(actions), 'action')}"


def _one(action: Action, change: BulkChange, user, reason: str, at: dt.datetime) -> None:
    label = f"Action {action_label(action.ref, action.number, action.order)} of recommendation "
    label += action.recommendation.number
    if change.change == "lead":
        if change.lead is None:
            raise MonitoringError("Choose the lead", "lead")
        edit_action(
            action.pk, {"leads": [change.lead.pk]}, action.version, user, at=at, reason=reason
        )
    elif change.change == "due":
        if change.due is None:
            raise MonitoringError("Enter the new end date", "due")
        edit_action(action.pk, {"due": change.due}, action.version, user, at=at, reason=reason)
    elif change.change == "days":
        if not change.days:
            raise MonitoringError("Enter the number of days, such as 14 or -7", "days")
        if action.due is None:
            raise MonitoringError(f"{label} has no end date to move", "days")
        moved = action.due + dt.timedelta(days=change.days)
        edit_action(action.pk, {"due": moved}, action.version, user, at=at, reason=reason)
    else:
        assert change.body is not None  # checked before any action changed
        _report_to(action, change.body, user, reason, at)


def _report_to(action: Action, body: Body, user, reason: str, at: dt.datetime) -> None:
    """Every reporting line of the action goes to `body`; an action with none gets one."""
    rows = list(action.reporting.all())
    if not rows:
        rows = [ReportingRequirement(action=action, text=f"Report to {body.name}", order=1)]
    for row in rows:
        if row.pk is None or row.body_id != body.pk:
            row.body = body
            row.body_label = body.abbreviation or body.name
            _stamp(row, user, at, reason).save()
