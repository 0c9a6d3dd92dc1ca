"""Audits on the forward plan and in reminders, through governance's extension points.

- The forward plan: an audit that reports to a body is due at that body's first meeting on
  or after the audit's due date (or waits for one, if there is none yet).
- Reminders: the auditors of an audit not yet complete are reminded before its due date,
  as action leads are before a milestone.
"""

from __future__ import annotations

import datetime as dt
from bisect import bisect_left
from collections import defaultdict
from collections.abc import Mapping, Sequence

from django.db.models import Count
from django.urls import reverse

from actionplan.audits.models import Audit
from actionplan.core.wording import long_date, plural
from actionplan.governance.agenda import ItemDue
from actionplan.governance.models import Meeting
from actionplan.governance.reminders import Deadline
from actionplan.plans.models import Plan

KIND = "Case-file audit"


def audits_due_at_meetings(
    plan: Plan, meetings: Mapping[int, Sequence[Meeting]]
) -> dict[tuple[int, int | None], list[ItemDue]]:
    """Each audit reporting to one of the bodies, at its first meeting on or after the due
    date (by body and meeting id), or waiting for one (meeting id None). One query."""
    found: dict[tuple[int, int | None], list[ItemDue]] = defaultdict(list)
    audits = (
        Audit.objects.filter(plan=plan, report_to_id__in=list(meetings))
        .annotate(done=Count("cases"))
        .order_by("quarter_start", "due", "id")
    )
    for audit in audits:
        if audit.report_to_id is None:  # never, by the filter; said for the type checker
            continue
        body_meetings = meetings[audit.report_to_id]
        i = bisect_left([m.date for m in body_meetings], audit.due)
        state = (
            "complete" if audit.complete else f"{audit.done} of {audit.sample_size} cases audited"
        )
        meeting = body_meetings[i].pk if i < len(body_meetings) else None
        found[audit.report_to_id, meeting].append(
            ItemDue(
                kind=KIND,
                title=f"{audit.title} ({audit.quarter.label})",
                detail=f"Due {long_date(audit.due)}; {state}",
                due=audit.due,
                url=reverse("audits:audit", args=[plan.pk, audit.pk]),
            )
        )
    return found


def audit_deadlines(plan: Plan, today: dt.date) -> list[Deadline]:
    deadlines = []
    audits = Audit.objects.filter(plan=plan, completed_at__isnull=True, due__gte=today)
    for audit in audits.prefetch_related("auditors", "cases"):
        auditors = tuple(p.pk for p in audit.auditors.all())
        if not auditors:
            continue
        left = audit.sample_size - len(audit.cases.all())
        deadlines.append(
            Deadline(
                topic=f"audit:{audit.pk}",
                recipients=auditors,
                due=audit.due,
                subject=f"Reminder: the audit '{audit.title}' is due on {long_date(audit.due)}",
                lines=(
                    f"The case-file audit '{audit.title}' ({audit.quarter.label}) is due on "
                    f"{long_date(audit.due)}.",
                    f"{plural(max(left, 0), 'case')} of its sample of {audit.sample_size} "
                    "still to audit.",
                    "You are one of its auditors.",
                ),
            )
        )
    return deadlines
