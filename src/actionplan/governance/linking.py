"""Keep each reporting line linked to the meetings that hear it (rule: cadence.py).

The links are stored (ReportingLink) so that the forward plan, the calendars and the
reminders read them instead of recomputing them, and they are recomputed whenever what
they depend on changes:

- a meeting is saved or deleted (signal handlers below; the meeting services change many
  at once inside `relinking_once`, which relinks each body once at the end);
- a plan is imported again, which replaces its reporting lines (the handler on ImportRun,
  the last row `store_plan` writes, inside its transaction).
"""

from __future__ import annotations

import datetime as dt
import threading
from collections import defaultdict
from collections.abc import Iterable, Iterator
from contextlib import contextmanager

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from actionplan.governance.cadence import meeting_for_due_date, meetings_for_frequency
from actionplan.governance.models import Meeting, ReportingLink
from actionplan.plans.models import ImportRun, ReportingRequirement


def relink(*, plan_id: int | None = None, body_ids: Iterable[int] | None = None) -> int:
    """Recompute the links of the reporting lines of one plan, or of those to some bodies
    (or both filters at once). Returns how many links there are now."""
    wanted = ReportingRequirement.objects.filter(body__isnull=False, action__retired=False)
    stale = ReportingLink.objects.all()
    if plan_id is not None:
        wanted = wanted.filter(action__recommendation__plan_id=plan_id)
        stale = stale.filter(requirement__action__recommendation__plan_id=plan_id)
    if body_ids is not None:
        body_ids = list(body_ids)
        wanted = wanted.filter(body_id__in=body_ids)
        stale = stale.filter(requirement__body_id__in=body_ids)
    lines = list(
        wanted.values_list(
            "pk",
            "body_id",
            "due",
            "frequency",
            "action__recommendation__plan__period_start",
            "action__recommendation__plan__period_end",
        )
    )
    meetings: dict[int, list[tuple[int, dt.date]]] = defaultdict(list)
    for pk, body_id, date in Meeting.objects.filter(
        body_id__in={line[1] for line in lines}
    ).values_list("pk", "body_id", "date"):
        meetings[body_id].append((pk, date))

    links = []
    for pk, body_id, due, frequency, start, end in lines:
        held = meetings.get(body_id, [])
        if frequency:
            for meeting_id in meetings_for_frequency(held, frequency, due=due, period=(start, end)):
                links.append(ReportingLink(requirement_id=pk, meeting_id=meeting_id))
        elif due:
            found = meeting_for_due_date(held, due, not_before=start)
            if found:
                links.append(ReportingLink(requirement_id=pk, meeting_id=found[0], late=found[1]))
    with transaction.atomic():
        stale.delete()
        ReportingLink.objects.bulk_create(links, batch_size=500)
    return len(links)


# --- Recomputing when meetings change

_state = threading.local()


@contextmanager
def relinking_once() -> Iterator[None]:
    """Inside the block, meetings saved or deleted mark their body; each marked body is
    relinked once when the block ends (outermost block only)."""
    outer = getattr(_state, "bodies", None) is None
    if outer:
        _state.bodies = set()
    try:
        yield
        if outer and _state.bodies:
            relink(body_ids=_state.bodies)
    finally:
        if outer:
            _state.bodies = None


def meetings_changed(body_id: int) -> None:
    """Relink the body now, or at the end of the enclosing `relinking_once` block."""
    bodies = getattr(_state, "bodies", None)
    if bodies is not None:
        bodies.add(body_id)
    else:
        relink(body_ids=[body_id])


@receiver(post_save, sender=Meeting, dispatch_uid="governance_meeting_saved")
def _meeting_saved(sender, instance: Meeting, raw=False, **kwargs) -> None:
    if not raw:
        meetings_changed(instance.body_id)


@receiver(post_delete, sender=Meeting, dispatch_uid="governance_meeting_deleted")
def _meeting_deleted(sender, instance: Meeting, **kwargs) -> None:
    meetings_changed(instance.body_id)


@receiver(post_save, sender=ImportRun, dispatch_uid="governance_plan_imported")
def _plan_imported(sender, instance: ImportRun, created: bool, raw=False, **kwargs) -> None:
    if created and not raw:
        relink(plan_id=instance.plan_id)
