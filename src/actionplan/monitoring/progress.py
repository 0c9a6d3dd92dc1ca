"""The one answer to "what was the latest progress of an action as at a day" (ADR 0005).

As at a day means by the end of it: the updates *written* (created_at) by then, so a page,
a board paper or a reminder shows what a reader could have seen that day and a correction
entered later does not rewrite it. Of those, the latest is the one that speaks for the latest
date (as_at; an update that gives none comes after every dated one), then the last written.
The dashboard, board papers, the forward plan and reminders all read progress through here.
"""

from __future__ import annotations

import datetime as dt

from django.db.models import F, OuterRef, QuerySet, Subquery
from django.utils import timezone

from actionplan.plans.models import Action, ProgressRecord

# Latest first: the date spoken for, then when written (and the id for the same instant).
UPDATE_ORDER = (F("as_at").desc(nulls_last=True), F("created_at").desc(), F("id").desc())


def end_of(on: dt.date) -> dt.datetime:
    """The first moment after `on`, in the service's time zone: 'as at' a day means by the
    end of it."""
    return timezone.make_aware(dt.datetime.combine(on + dt.timedelta(days=1), dt.time.min))


def updates_as_at(on: dt.date, **filters) -> QuerySet[ProgressRecord]:
    """The progress updates (of `filters`) written by the end of `on`, latest first."""
    return ProgressRecord.objects.filter(created_at__lt=end_of(on), **filters).order_by(
        *UPDATE_ORDER
    )


def latest_progress(actions: QuerySet[Action], on: dt.date) -> QuerySet[ProgressRecord]:
    """Each of `actions`' latest progress update as at the end of `on` (none for an action
    without one): a subquery per action, which walks the (action, as_at) index. A window
    function over all the plan's rows was seven times slower on SQLite."""
    first = updates_as_at(on, action=OuterRef("pk"))
    ids = actions.annotate(latest=Subquery(first.values("id")[:1]))
    return ProgressRecord.objects.filter(id__in=ids.values("latest"))
