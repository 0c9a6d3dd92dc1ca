"""Issue 13: the pages "as at today" build only what they show, and show what the whole plan
rebuilt from its history shows (ADR 0024). On the demo plan, for several days: the overdue
and due-soon list from the actions the state table names, and pages of the Actions list
filtered, sorted, counted and paged in SQL."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core.management import call_command
from django.http import QueryDict
from django.utils import timezone

from actionplan.monitoring import finding, listing, state
from actionplan.monitoring.deadlines import deadlines
from actionplan.monitoring.progress import end_of
from actionplan.monitoring.snapshot import actions_as_at, as_of, plan_as_at
from actionplan.plans.models import ActionParty, Body, Plan, ReportingRequirement
from support.monitoring import D

pytestmark = pytest.mark.django_db

# Inside the demo's story (December 2012 to July 2013), and after it.
DUE_DAYS = (D(2013, 1, 15), D(2013, 3, 15), D(2013, 5, 20), D(2013, 8, 1))
# The list reads plain columns, which hold today's values: days after the demo's last
# write, when they are the same as the history's.
LIST_DAYS = (D(2013, 8, 1), D(2014, 1, 10))


@pytest.fixture
def demo() -> Plan:
    call_command("demo", stdout=io.StringIO())
    return Plan.objects.get()


def listed_deadlines(snapshot) -> tuple:
    found = deadlines(snapshot)
    return tuple(
        tuple((d.action, d.recommendation.id, d.text, d.due, d.days) for d in part)
        for part in (found.overdue, found.due_soon)
    )


def test_the_overdue_page_from_the_state_table_lists_what_the_whole_plan_does(demo):
    seen = set()
    for on in (*DUE_DAYS, timezone.localdate()):
        ids = state.with_deadlines(demo, on)
        assert ids is not None
        narrow = listed_deadlines(actions_as_at(demo, on, ids))
        whole = listed_deadlines(plan_as_at(demo, on))
        assert narrow == whole, on
        assert len(ids) < len(plan_as_at(demo, on).actions()) or not ids
        seen |= {bool(part) for part in whole}
    assert seen == {True, False}  # days with deadlines listed, and a part that is empty


def queries(plan: Plan, on: dt.date) -> list[str]:
    """Lists the state table and plain columns answer, on every page."""
    before = end_of(on)
    lead = as_of(ActionParty, before, role=ActionParty.Role.LEAD).order_by("party_id").first()
    body = as_of(ReportingRequirement, before, body_id__isnull=False).order_by("body_id").first()
    number = plan.recommendations.order_by("order", "id")[1].number
    asked = [
        "",
        "page=2",
        "page=99",
        "page=nothing",
        "rag=red&rag=amber",
        "rag=grey&rag=blue",
        "sort=rag",
        "sort=rag&order=desc&page=2",
        "sort=due",
        "sort=due&order=desc",
        "sort=due&order=desc&page=2",
        "sort=action&order=desc",
        "sort=recommendation",
        "due=14",
        "due=90&sort=rag",
        "due=none",
        f"recommendation={number}&sort=due",
        f"lead={lead.party_id}",
        f"lead={lead.party_id}&rag=green&sort=rag&order=desc",
    ]
    if body is not None:
        asked.append(f"body={body.body_id}&sort=due")
    return asked


def shown(found: finding.Found) -> tuple:
    page = found.page
    rows = tuple(
        (
            r.action,
            r.recommendation.id,
            r.recommendation.number,
            r.rag,
            r.status,
            r.leads,
            r.next_milestone,
            r.updated_on,
        )
        for r in found.rows
    )
    return (
        rows,
        found.total,
        found.shown_ids,
        page.number,
        page.paginator.num_pages,
        found.options,
        found.selected,
        found.sorts,
    )


def test_a_page_of_the_actions_list_from_the_state_table_is_the_whole_plans_page(demo):
    bodies = list(Body.objects.filter(plans=demo).values_list("pk", "name"))
    totals = set()
    for on in (*LIST_DAYS, timezone.localdate()):
        whole_plan = plan_as_at(demo, on)
        for asked in queries(demo, on):
            query = QueryDict(asked)
            f = finding.Filters.from_query(query)
            assert listing.answerable(f), asked
            narrow = listing.listed(demo, on, f, query.get("page"))
            assert narrow is not None
            assert len(narrow.snapshot.actions()) <= finding.PER_PAGE
            expected = listing.whole(whole_plan, query, bodies)
            assert shown(narrow.found(f, bodies)) == shown(expected), (on, asked)
            totals.add(expected.total)
    assert len(totals) > 5 and 0 in totals  # the filters keep more and fewer, and none


def test_what_the_state_table_cannot_answer_reads_the_whole_plan():
    for asked in ("q=review", "status=on_track", "due=overdue", "sort=lead", "sort=updated"):
        assert not listing.answerable(finding.Filters.from_query(QueryDict(asked))), asked
    assert listing.answerable(finding.Filters.from_query(QueryDict("rag=red&sort=due&page=3")))
