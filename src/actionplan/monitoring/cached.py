"""The plan as at a day, rebuilt from the history once and then read from Django's cache
until the plan is written to (ADR 0024).

A key holds the plan, the day and the plan's write version (monitoring/versions.py), which
every write the pages show bumps in its own transaction: a write makes the old entries
unreachable instead of deleting them, so a cache shared by several servers stays right
without being told. Today is cached too: a write today bumps the version like any other,
and tomorrow is another key."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from typing import TypeVar
from urllib.parse import urlencode

from django.core.cache import cache

from actionplan.monitoring import finding, listing, snapshot, state, versions
from actionplan.plans.models import Action, Plan

T = TypeVar("T")

# Entries of old versions are never read again: they only wait to expire.
TIMEOUT = 24 * 60 * 60


def remember(key: str, build: Callable[[], T]) -> T:
    """What the cache holds under `key`, built and kept on a miss. Every key here holds the
    plan's write version, so nothing is ever deleted. (Not `cache.get_or_set`: on a miss it
    reads the entry back, unpickling a whole plan again.)"""
    found = cache.get(key)
    if found is None:
        found = build()
        cache.set(key, found, TIMEOUT)
    return found


def _up_to_today(request, kind: str, plan_id: int, part: object, build: Callable[[], T]) -> T:
    """`build()` as at the request's day, cached up to today (the pages never ask for a
    later day)."""
    if request.as_at > request.today:
        return build()
    version = versions.current(plan_id, request)
    return remember(
        f"actionplan:{kind}:{plan_id}:{request.as_at.isoformat()}:{part}:{version}", build
    )


def plan_as_at(
    request, plan: Plan, *, recommendation_id: int | None = None
) -> snapshot.PlanSnapshot:
    """`snapshot.plan_as_at` as at the request's day, cached up to today."""
    return _up_to_today(
        request,
        "plan-as-at",
        plan.pk,
        recommendation_id or "",
        lambda: snapshot.plan_as_at(plan, request.as_at, recommendation_id=recommendation_id),
    )


def action_page(request, action: Action) -> snapshot.ActionPage:
    """`snapshot.action_page` as at the request's day, cached up to today."""
    return _up_to_today(
        request,
        "action-page",
        action.recommendation.plan_id,
        action.pk,
        lambda: snapshot.action_page(action, request.as_at),
    )


def due(request, plan: Plan) -> snapshot.PlanSnapshot:
    """The plan as at the request's day with the actions the overdue and due-soon page
    lists: today, only those the state table says have a deadline overdue or due soon
    (rated first, as the dashboard does); otherwise, or when the rows could not be rated,
    the whole plan. `deadlines.deadlines` finds the same list in both."""
    if request.as_at != request.today:
        return plan_as_at(request, plan)

    def build() -> snapshot.PlanSnapshot:
        ids = state.with_deadlines(plan, request.as_at)
        if ids is None:
            return snapshot.plan_as_at(plan, request.as_at)
        return snapshot.actions_as_at(plan, request.as_at, ids)

    return _up_to_today(request, "due", plan.pk, "", build)


def listed(request, plan: Plan, f: finding.Filters, page: str | None) -> listing.Listed | None:
    """`listing.listed` as at the request's day, one entry per filters and page asked."""
    asked = urlencode([*f.pairs(as_at=""), ("page", page or "")])
    part = hashlib.sha256(asked.encode()).hexdigest()[:32]  # a short key for any cache
    return _up_to_today(
        request, "actions", plan.pk, part, lambda: listing.listed(plan, request.as_at, f, page)
    )
