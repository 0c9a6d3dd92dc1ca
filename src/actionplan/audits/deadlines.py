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
from collections.abc import Sequence

from django.urls import reverse

from actionplan.audits.models import Audit
from actionplan.core.wording import long_date, plural
from actionplan.governance.agenda import ItemDue
from actionplan.governance.models import Meeting
from actionplan.governance.reminders import Deadline
from actionplan.plans.models import Body, Plan

KIND = "Case-file audit"


def audits_due_at_meetings(
    plan: Plan, body: Body, meetings: Sequence[Meeting]
) -> dict[int | None, list[ItemDue]]:
    dates = [m.date for m in meetings]
    found: dict[int | None, list[ItemDue]] = defaultdict(list)
    for audit in Audit.objects.filter(plan=plan, report_to=body).prefetch_related("cases"):
        i = bisect_left(dates, audit.due)
        done = len(audit.cases.all())
        state = "complete" if audit.complete else f"{done} of {audit.sample_size} cases audited"
        found[meetings[i].pk if i < len(meetings) else None].append(
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
