"""RAG overrides (a colour shown instead of what the rules give, with the reason) and a
plan's own RAG rule sets. Each writes who and when; nothing is deleted but a rule set,
whose versions stay in the history."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from actionplan.monitoring import rag
from actionplan.monitoring.models import RagOverride, RagRuleSet
from actionplan.monitoring.services import (
    InvalidTransition,
    MonitoringError,
    _action,
    _open,
    _required,
    _stamp,
    rules_for,
)
from actionplan.plans.models import Action, Plan


def override_rag(
    action: Action | int, *, user, colour: str, reason: str, at: dt.datetime | None = None
) -> RagOverride:
    """Show `colour` for the action instead of what the rules give, with the reason, until
    the override is cleared."""
    reason = _required(reason, "Give the reason for overriding the RAG rating", "reason")
    action = _open(_action(action))
    colours = rules_for(action.recommendation.plan_id).colours()
    if colour not in colours:
        raise MonitoringError(f"Choose one of the plan's colours: {', '.join(colours)}", "colour")
    return RagOverride.objects.create(
        action=action,
        colour=colour,
        reason=reason,
        created_by=user,
        created_at=at or timezone.now(),
    )


def clear_override(
    action: Action | int, *, user, reason: str = "", at: dt.datetime | None = None
) -> RagOverride:
    """Go back to the colour the rules give; the cleared override stays in the history."""
    action = _action(action)
    latest = RagOverride.objects.filter(action=action).order_by("-created_at", "-id").first()
    if latest is None or not latest.colour:
        raise InvalidTransition("This action's RAG rating is not overridden")
    return RagOverride.objects.create(
        action=action,
        colour="",
        reason=reason.strip(),
        created_by=user,
        created_at=at or timezone.now(),
    )


def set_rag_rules(plan: Plan, data: dict, *, user, at: dt.datetime | None = None) -> RagRuleSet:
    """Give the plan its own RAG rules (see rag.parse_rules for their form)."""
    try:
        rules = rag.parse_rules(data)
    except rag.RuleError as e:
        raise MonitoringError(f"These RAG rules cannot be used: {e}", "rules") from None
    at = at or timezone.now()
    rule_set = RagRuleSet.objects.filter(plan=plan).first() or RagRuleSet(plan=plan)
    rule_set.data, rule_set.updated_by, rule_set.updated_at = rules.to_data(), user, at
    _stamp(rule_set, user, at, "rules set").save()
    return rule_set


def reset_rag_rules(plan: Plan, *, user, at: dt.datetime | None = None) -> None:
    """Back to the default rules; the plan's own stay in the history."""
    for rule_set in RagRuleSet.objects.filter(plan=plan):
        _stamp(rule_set, user, at or timezone.now(), "back to the default rules").delete()
