"""What governance knows about progress updates, read in one place.

`updates_for_plan` is the only function in this app that queries progress. When the
monitoring app changes how updates are stored, this query is the line to change; the
forward plan, the calendars and the reminders all go through it.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from django.utils import timezone

from actionplan.monitoring.statuses import FINISHED, normalise
from actionplan.plans.models import ProgressRecord


@dataclass(frozen=True)
class Update:
    action_id: int
    on: dt.date  # the date it speaks for; the day it was written when it gives none
    status: str
    rag: str
    text: str

    @property
    def finished(self) -> bool:
        """The work is over: done, handed over for sign-off, or closed (or coloured blue)."""
        return normalise(self.status) in FINISHED or self.rag == "blue"


def updates_for_plan(plan_id: int, *, as_at: dt.date | None = None) -> dict[int, list[Update]]:
    """The plan's progress updates that speak for a day up to `as_at`, oldest first, by action.

    An imported update speaks for the date the document gave it, however recently it was
    imported; one without a date speaks for the day it was written."""
    rows = ProgressRecord.objects.filter(action__recommendation__plan_id=plan_id).values_list(
        "action_id", "as_at", "created_at", "status", "rag", "text"
    )
    found: dict[int, list[Update]] = defaultdict(list)
    for action_id, on, created_at, status, rag, text in rows:
        day = on or timezone.localdate(created_at)
        if as_at and day > as_at:
            continue
        found[action_id].append(Update(action_id, day, status or "", (rag or "").lower(), text))
    for updates in found.values():
        updates.sort(key=lambda u: u.on)
    return dict(found)


def latest(updates: list[Update]) -> Update | None:
    return updates[-1] if updates else None


def has_update_between(updates: list[Update], after: dt.date | None, upto: dt.date) -> bool:
    """Whether an update speaks for a day after `after` (any day, if None) and up to `upto`."""
    return any((after is None or u.on > after) and u.on <= upto for u in updates)


def is_finished(updates: list[Update]) -> bool:
    last = latest(updates)
    return bool(last and last.finished)
