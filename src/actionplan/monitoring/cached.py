"""The plan as at a day, rebuilt from the history once and then read from Django's cache
until the plan is written to (ADR 0024).

A key holds the plan, the day and the plan's write version (monitoring/versions.py), which
every write the pages show bumps in its own transaction: a write makes the old entries
unreachable instead of deleting them, so a cache shared by several servers stays right
without being told. Today is cached too: a write today bumps the version like any other,
and tomorrow is another key."""

from __future__ import annotations

from django.core.cache import cache

from actionplan.monitoring import snapshot, versions
from actionplan.plans.models import Action, Plan

# Entries of old versions are never read again: they only wait to expire.
TIMEOUT = 24 * 60 * 60


def _key(request, kind: str, plan_id: int, part: object) -> str:
    version = versions.current(plan_id, request)
    return f"actionplan:{kind}:{plan_id}:{request.as_at.isoformat()}:{part}:{version}"


def plan_as_at(
    request, plan: Plan, *, recommendation_id: int | None = None
) -> snapshot.PlanSnapshot:
    """`snapshot.plan_as_at` as at the request's day, cached up to today (the pages never
    ask for a later day)."""
    on = request.as_at
    if on > request.today:
        return snapshot.plan_as_at(plan, on, recommendation_id=recommendation_id)
    key = _key(request, "plan-as-at", plan.pk, recommendation_id or "")
    found = cache.get(key)
    if found is None:
        found = snapshot.plan_as_at(plan, on, recommendation_id=recommendation_id)
        cache.set(key, found, TIMEOUT)
    return found


def action_page(request, action: Action) -> snapshot.ActionPage:
    """`snapshot.action_page` as at the request's day, cached up to today."""
    on = request.as_at
    if on > request.today:
        return snapshot.action_page(action, on)
    key = _key(request, "action-page", action.recommendation.plan_id, action.pk)
    found = cache.get(key)
    if found is None:
        found = snapshot.action_page(action, on)
        cache.set(key, found, TIMEOUT)
    return found
