"""Checking a PlanDocument before `store_plan` writes anything: a document that names no
organisation or contradicts itself is refused with a message that says what to change."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterator

from pydantic import BaseModel

from actionplan import interchange as ix
from actionplan.core.calendar import in_range
from actionplan.core.errors import UserError
from actionplan.plans.models import Organisation


class PlanStoreError(UserError):
    """A document that cannot be stored as it is; the message says what to change."""


def check_document(doc: ix.PlanDocument, org_name: str) -> None:
    if not org_name:
        raise PlanStoreError(
            "the plan does not name its organisation: give one with --organisation"
        )
    longest = Organisation._meta.get_field("name").max_length
    if longest is not None and len(org_name) > longest:
        raise PlanStoreError(f"the organisation's name is too long: {org_name[:60]!r}...")
    if not doc.plan.title.strip():
        raise PlanStoreError("the plan has no title")
    for place, day in _dates(doc):
        if not in_range(day):
            # A typo (a year of 20130) that the pages' date arithmetic could not take.
            raise PlanStoreError(f"{place}: {day.isoformat()} is not a date between 1900 and 2100")
    keys = [t.key for t in doc.plan.timescales]
    if len(set(keys)) != len(keys):
        raise PlanStoreError(f"two timescales share a key: {', '.join(keys)}")
    numbers = Counter(r.number for r in doc.recommendations)
    for number, n in numbers.items():
        if n > 1:
            raise PlanStoreError(f"recommendation {number} appears {n} times")
    for rec in doc.recommendations:
        if rec.timescale is not None and rec.timescale not in keys:
            raise PlanStoreError(
                f"recommendation {rec.number}: timescale {rec.timescale!r} is not one of the "
                f"plan's ({', '.join(keys) or 'none'})"
            )
        refs = {a.ref for a in rec.actions if a.ref}
        for i, action in enumerate(rec.actions, start=1):
            name = f"recommendation {rec.number}, action {action.ref or f'#{i}'}"
            if action.parent_ref is not None and action.parent_ref not in refs:
                raise PlanStoreError(
                    f"{name}: parent_ref {action.parent_ref!r} is not the ref of an action "
                    "of the same recommendation"
                )
            for p in action.progress:
                if p.percent_complete is not None and not 0 <= p.percent_complete <= 100:
                    raise PlanStoreError(f"{name}: percent_complete must be 0 to 100")


def _dates(model: BaseModel, place: str = "") -> Iterator[tuple[str, dt.date]]:
    """Every date in the document, with where it is ("recommendation 1.0, action 4a, due")."""
    for name, value in model:
        here = f"{place}, {name}" if place else name
        if isinstance(value, dt.date):
            yield here, value
        elif isinstance(value, BaseModel):
            yield from _dates(value, here)
        elif isinstance(value, list):
            for i, item in enumerate(value, start=1):
                if isinstance(item, ix.Recommendation):
                    yield from _dates(item, f"recommendation {item.number}")
                elif isinstance(item, ix.Action):
                    yield from _dates(item, f"{place}, action {item.ref or f'#{i}'}".lstrip(", "))
                elif isinstance(item, BaseModel):
                    yield from _dates(item, f"{here} {i}")
