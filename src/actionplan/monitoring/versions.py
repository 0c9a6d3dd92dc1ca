"""Each plan's write version (`PlanVersion`): bumped in the transaction of every write that
can change what the plan's pages show, read by the cache of past "as at" snapshots
(monitoring/cached.py, ADR 0024)."""

from __future__ import annotations

from django.db import connection
from django.db.models import F

from actionplan.monitoring.models import PlanVersion
from actionplan.plans.models import Action, Plan, Recommendation


def current(plan_id: int, request=None) -> int:
    """The plan's version now: one indexed read, once per reading request (a GET writes
    nothing, so its pages and its to-do list key by the same version)."""
    memo = None
    if request is not None and request.method in ("GET", "HEAD"):
        memo = request.__dict__.setdefault("_actionplan_versions", {})
        if plan_id in memo:
            return memo[plan_id]
    found = PlanVersion.objects.filter(plan_id=plan_id).values_list("version", flat=True)
    version = next(iter(found), 0)
    if memo is not None:
        memo[plan_id] = version
    return version


def bump_plans(plan_ids, *, deleting: bool = False) -> None:
    """Add one to each plan's version; `deleting`: only to rows there are, for a delete
    that may be the plan's own (a new row would point at the plan being deleted)."""
    for plan_id in sorted(set(plan_ids)):
        if deleting:
            PlanVersion.objects.filter(plan_id=plan_id).update(version=F("version") + 1)
        else:
            bump(plan_id=plan_id)


def bump(
    *,
    plan_id: int | None = None,
    recommendation_id: int | None = None,
    action_ids=(),
    organisation_id: int | None = None,
) -> None:
    """Add one to the version of the plan (of the recommendation, of the actions, of every
    plan of the council), in the caller's transaction: an upsert, so the first write of a
    plan makes its row."""
    version, action, rec, plan = (
        m._meta.db_table for m in (PlanVersion, Action, Recommendation, Plan)
    )
    ids = sorted(set(action_ids))
    if plan_id is not None:
        source, params = "VALUES (%s, 1)", [plan_id]
    elif organisation_id is not None:
        source, params = f"SELECT id, 1 FROM {plan} WHERE organisation_id = %s", [organisation_id]
    elif recommendation_id is not None:
        source, params = f"SELECT plan_id, 1 FROM {rec} WHERE id = %s", [recommendation_id]
    elif ids:
        source = (
            f"SELECT DISTINCT r.plan_id, 1 FROM {action} a JOIN {rec} r "
            f"ON r.id = a.recommendation_id WHERE a.id IN ({', '.join(['%s'] * len(ids))})"
        )
        params = ids
    else:
        return
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {version} (plan_id, version) {source} "
            f"ON CONFLICT (plan_id) DO UPDATE SET version = {version}.version + 1",
            params,
        )
