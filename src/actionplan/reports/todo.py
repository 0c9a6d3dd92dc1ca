"""Papers to issue, on the improvement lead's to-do list (monitoring.todo): each draft whose
body meets within DUE_SOON_DAYS of the date the plan is shown at (or, with no meeting
entered, whose period ends by then). It leaves the list when issued or deleted."""

from __future__ import annotations

import datetime as dt

from django.db.models import Min, OuterRef, Subquery
from django.urls import reverse

from actionplan.accounts import access
from actionplan.core.wording import long_date
from actionplan.governance.models import Meeting
from actionplan.monitoring.deadlines import DUE_SOON_DAYS
from actionplan.monitoring.todo import Asked, Item
from actionplan.reports.models import Paper


def papers_to_issue(asked: Asked) -> list[Item]:
    if not asked.may(access.ISSUE_PAPER):
        return []
    until = asked.on + dt.timedelta(days=DUE_SOON_DAYS)
    next_meeting = (
        Meeting.objects.filter(body=OuterRef("body"), date__gte=asked.on)
        .values("body")
        .annotate(first=Min("date"))
        .values("first")
    )
    drafts = (
        Paper.objects.filter(plan=asked.plan, status=Paper.Status.DRAFT)
        .select_related("body")
        .annotate(meeting=Subquery(next_meeting[:1]))
        .order_by("as_at", "pk")
    )
    items = []
    for paper in drafts:
        due = paper.meeting or paper.period_end
        if due > until:
            continue
        when = f"meets {long_date(due)}" if paper.meeting else f"period ends {long_date(due)}"
        items.append(
            Item(
                "papers",
                f"Paper to {paper.body.abbreviation or paper.body.name}, as at "
                f"{long_date(paper.as_at)}",
                reverse("reports:paper", args=[asked.plan.pk, paper.pk]),
                f"{paper.body.name} {when}",
            )
        )
    return items
