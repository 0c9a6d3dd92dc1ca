"""A plan's reminder settings, changed by its improvement lead in the service (the admin
changes them too): each change is a correction, with who and why."""

from __future__ import annotations

from django.db import transaction

from actionplan.governance.models import DEFAULT_DAYS_BEFORE, ReminderPolicy
from actionplan.plans.corrections import record, required_reason
from actionplan.plans.models import Plan

# The settings, in the order the form and the summary give them.
FIELDS = (
    "enabled",
    "days_before",
    "update_missing_days",
    "escalate_after_days",
    "escalation_window_days",
)


def current(plan: Plan) -> dict:
    """The plan's settings, its own or the defaults, as the form takes them."""
    row = ReminderPolicy.objects.filter(plan=plan).first() or ReminderPolicy(
        plan=plan, days_before=list(DEFAULT_DAYS_BEFORE)
    )
    return {name: getattr(row, name) for name in FIELDS}


def set_policy(plan: Plan, values: dict, *, user, reason: str) -> ReminderPolicy:
    """Give the plan these settings (its own from now on); record what changed."""
    reason = required_reason(reason)
    values = {**values, "days_before": sorted(set(values["days_before"]), reverse=True)}
    with transaction.atomic():
        row, _ = ReminderPolicy.objects.get_or_create(plan=plan)
        before = {name: getattr(row, name) for name in FIELDS}
        changed = {k: v for k, v in values.items() if k in FIELDS and before[k] != v}
        if not changed:
            return row
        for name, value in changed.items():
            setattr(row, name, value)
        row.full_clean()
        row.save()
        summary = "; ".join(f"{k.replace('_', ' ')} {before[k]} → {v}" for k, v in changed.items())
        record(plan.organisation_id, plan, "reminder policy", row, summary, reason, user)
    return row
