"""The papers list is searched, filtered, sorted by its date and paged (25 a page) from the
query string (issue 16, point 5); a page costs the same queries whatever the papers."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from actionplan.plans.models import Body
from actionplan.reports.models import Paper
from support.walks.reports import issued_stand_in


@pytest.fixture
def bodies(personas):
    org = personas.plan.organisation
    return (
        Body.objects.get(organisation=org, abbreviation="CYPLT"),
        Body.objects.exclude(abbreviation="CYPLT").filter(organisation=org).first(),
    )


def make(personas, body, n: int, *, days_ago: int = 0):
    """`n` drafts, a day apart from `days_ago` back."""
    today = timezone.localdate()
    Paper.objects.bulk_create(
        Paper(
            plan=personas.plan,
            body=body,
            as_at=today - dt.timedelta(days=days_ago + i),
            period_end=today,
        )
        for i in range(n)
    )


def papers(client, user, plan, query: str = "") -> str:
    client.force_login(user)
    response = client.get(reverse("reports:papers", args=[plan.pk]) + query)
    assert response.status_code == 200
    return response.content.decode()


def rows(html: str) -> int:
    return html.count('<tr class="govuk-table__row"><th scope="row"')


def test_the_papers_come_25_a_page_newest_first(client, personas, bodies):
    make(personas, bodies[0], 30)
    html = papers(client, personas.improvement_lead, personas.plan)
    assert rows(html) == 25
    assert "30 papers, page 1 of 2" in html
    assert 'href="?page=2"' in html
    assert 'aria-sort="descending"><a class="govuk-link" href="?order=asc">As at' in html
    assert rows(papers(client, personas.improvement_lead, personas.plan, "?page=2")) == 5


def test_filters_by_body_state_and_date_and_search(client, personas, bodies):
    cyplt, other = bodies
    make(personas, cyplt, 3)
    make(personas, other, 2, days_ago=400)
    issued = issued_stand_in(personas.plan, cyplt, user=personas.improvement_lead)
    Paper.objects.filter(pk=issued.pk).update(as_at=issued.as_at - dt.timedelta(days=10))
    lead, plan = personas.improvement_lead, personas.plan
    assert rows(papers(client, lead, plan, f"?body={cyplt.pk}")) == 4
    assert rows(papers(client, lead, plan, "?status=issued")) == 1
    assert rows(papers(client, lead, plan, "?when=older")) == 2
    assert rows(papers(client, lead, plan, "?when=90&status=draft")) == 3
    html = papers(client, lead, plan, "?q=cyplt&order=asc")
    assert rows(html) == 4 and "4 papers found" in html
    assert 'name="order" value="asc"' in html
    assert "Remove filter" in html and "Search: cyplt" in html
    assert rows(papers(client, lead, plan, "?q=zzzz")) == 0


def test_readers_see_no_state_filter_and_no_drafts(client, personas, bodies):
    make(personas, bodies[0], 3)
    issued_stand_in(personas.plan, bodies[0], user=personas.improvement_lead)
    html = papers(client, personas.member, personas.plan, "?status=draft")
    assert 'name="status"' not in html
    assert rows(html) == 1


def test_a_filtered_page_costs_the_same_queries_with_few_papers_or_many(
    client, personas, bodies, django_assert_max_num_queries
):
    query = f"?q=c&body={bodies[0].pk}&status=draft&when=365&order=asc&page=2"
    make(personas, bodies[0], 30)
    papers(client, personas.improvement_lead, personas.plan)  # the session, once
    with CaptureQueriesContext(connection) as few:
        papers(client, personas.improvement_lead, personas.plan, query)
    make(personas, bodies[0], 300, days_ago=30)
    make(personas, bodies[1], 100)
    with django_assert_max_num_queries(len(few)):
        html = papers(client, personas.improvement_lead, personas.plan, query)
    assert rows(html) == 25
