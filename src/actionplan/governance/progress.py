"""What governance knows about progress updates, read in one place.

`updates_for_plan` is the only function in this app that queries progress, through
monitoring's `updates_as_at`: the forward plan, the calendars and the reminders see the same
updates, and the same latest one, as the dashboard and board papers (ADR 0005).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from django.utils import timezone

from actionplan.monitoring.progress import updates_as_at
from actionplan.monitoring.statuses import FINISHED, normalise


@dataclass(frozen=True)
class Update:
    action_id: int
    on: dt.date  # the date it speaks for; the day it was written when it gives none
    status: str
    rag: str
    text: str
    written: dt.date  # the day it was written

    @property
    def finished(self) -> bool:
        """The work is over: done, handed over for sign-off, or closed (or coloured blue)."""
        return normalise(self.status) in FINISHED or self.rag == "blue"


def updates_for_plan(plan_id: int, *, as_at: dt.date | None = None) -> dict[int, list[Update]]:
    """The plan's progress updates as at `as_at` (today), by action, in monitoring's order
    with the latest last: those written by the end of that day, whatever day they speak for.
    `written_by` narrows a list to an earlier day, in the same order."""
    rows = updates_as_at(
        as_at or timezone.localdate(), action__recommendation__plan_id=plan_id
    ).values_list("action_id", "as_at", "created_at", "status", "rag", "text")
    found: dict[int, list[Update]] = defaultdict(list)
    for action_id, on, created_at, status, rag, text in reversed(list(rows)):
        written = timezone.localdate(created_at)
        found[action_id].append(
            Update(action_id, on or written, status or "", (rag or "").lower(), text, written)
        )
    return dict(found)


def written_by(updates: list[Update], day: dt.date) -> list[Update]:
    """The updates of `updates` as at an earlier `day`: those written by its end."""
    return [u for u in updates if u.written <= day]


def latest(updates: list[Update]) -> Update | None:
    return updates[-1] if updates else None


def has_update_between(updates: list[Update], after: dt.date | None, upto: dt.date) -> bool:
    """Whether an update speaks for a day after `after` (any day, if None) and up to `upto`."""
    return any((after is None or u.on > after) and u.on <= upto for u in updates)


def is_finished(updates: list[Update]) -> bool:
    last = latest(updates)
    return bool(last and last.finished)
