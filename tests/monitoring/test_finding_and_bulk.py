"""Issue 16, points 5 and 6: the plan's actions searched, filtered, sorted and paged from
the query string, in a fixed number of queries; and changed many at once, with one reason,
all or nothing, by the improvement lead only."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.urls import reverse

from actionplan.accounts.models import Membership, Role
from actionplan.monitoring import bulk, snapshot
from actionplan.monitoring.services import MonitoringError
from actionplan.plans.models import Action, Body, Party
from support.monitoring import small_document, stored


def signed_in(client, plan, user, role=Role.IMPROVEMENT_LEAD):
    Membership.objects.create(user=user, plan=plan, role=role)
    client.force_login(user)
    return client


@pytest.fixture
def lead(client, plan, people):
    return signed_in(client, plan, people.lead)


def listed(response) -> list[str]:
    html = response.content.decode()
    table = html[html.index('id="actions"') :]
    table = table[: table.index("</table>")]
    return re.findall(r'data-label="Action"[^>]*><a [^>]*>([^<]*)<', table)


def test_the_list_filters_searches_sorts_and_keeps_it_all_in_the_address(lead, plan):
    first = Action.objects.get(recommendation__plan=plan, ref="1")
    first.text = "Audit the case files"
    first.due = dt.date(2013, 1, 31)
    first.save()
    url = reverse("plans:actions", args=[plan.pk])

    everything = lead.get(url + "?as_at=2013-03-15")
    found = lead.get(url + "?q=audit+case&due=overdue")
    by_due = lead.get(url + "?sort=due&order=desc")

    assert everything.status_code == 200
    assert len(listed(everything)) == 3
    html = found.content.decode()
    assert len(listed(found)) == 1
    assert 'Remove filter<span class="govuk-visually-hidden">:</span> Search: audit case' in html
    assert "Past its end date" in html
    assert 'href="?due=overdue"' in html  # removes the search alone
    assert listed(by_due)[-1].endswith(": 1")  # the earliest end date last, descending
    assert 'aria-sort="descending"' in by_due.content.decode()
    assert 'aria-sort="none"' in by_due.content.decode()
    bad = lead.get(url + "?rag=purple&sort=nonsense&due=forever&page=99")
    assert bad.status_code == 200  # what is not offered is ignored, a page too far is the last


def test_the_list_pages_long_results(lead, plan, monkeypatch):
    from actionplan.monitoring import finding

    monkeypatch.setattr(finding, "PER_PAGE", 2)
    url = reverse("plans:actions", args=[plan.pk])
    page_two = lead.get(url + "?page=2&q=")

    html = page_two.content.decode()
    assert 'aria-label="Pages of actions"' in html
    assert 'aria-current="page">2<' in html
    assert len(listed(page_two)) == 1


def test_a_bulk_change_moves_end_dates_with_one_reason_in_each_history(lead, plan, people):
    actions = list(Action.objects.filter(recommendation__plan=plan).order_by("order"))
    url = reverse("plans:bulk_change", args=[plan.pk])

    response = lead.post(
        url + "?q=x",
        {
            "actions": [a.pk for a in actions[:2]],
            "change": "days",
            "days": "14",
            "reason": "The audit slipped a fortnight",
            "back": "?q=x",
        },
    )

    assert response.status_code == 302
    assert response["Location"] == reverse("plans:actions", args=[plan.pk]) + "?q=x"
    for a in actions[:2]:
        a.refresh_from_db()
        assert a.due == dt.date(2013, 7, 14)
        assert a.history.first().history_change_reason == "The audit slipped a fortnight"
        assert a.history.first().history_user == people.lead
    actions[2].refresh_from_db()
    assert actions[2].due == dt.date(2013, 6, 30)
    done = lead.get(response["Location"]).content.decode()
    assert "Moved by 14 days the end date of 2 actions" in done


def test_a_bulk_change_of_lead_shows_in_the_plan_as_at_before_and_after(plan, people):
    actions = list(Action.objects.filter(recommendation__plan=plan))
    julie = Party.objects.create(
        organisation=plan.organisation, name="Julie Firth", kind=Party.Kind.PERSON
    )
    before = snapshot.plan_as_at(plan, dt.date.today())

    done = bulk.bulk_change(
        plan,
        [a.pk for a in actions],
        bulk.BulkChange("lead", lead=julie),
        user=people.lead,
        reason="Judith has left",
    )

    after = snapshot.plan_as_at(plan, dt.date.today())
    assert done == "Julie Firth is now the lead of 3 actions"
    assert {p.name for a in before.actions() for p in a.leads} == {"Judith Hay"}
    assert {p.name for a in after.actions() for p in a.leads} == {"Julie Firth"}
    row = actions[0].action_parties.get(role="lead")
    assert row.history.first().history_change_reason == "Judith has left"


def test_a_bulk_change_is_all_or_nothing(plan, people):
    actions = list(Action.objects.filter(recommendation__plan=plan).order_by("order"))
    actions[-1].due = None
    actions[-1].save()

    with pytest.raises(MonitoringError, match="has no end date to move"):
        bulk.bulk_change(
            plan,
            [a.pk for a in actions],
            bulk.BulkChange("days", days=7),
            user=people.lead,
            reason="Later",
        )

    assert sorted(Action.objects.values_list("due", flat=True), key=str) == sorted(
        [dt.date(2013, 6, 30), dt.date(2013, 6, 30), None], key=str
    )


def test_a_bulk_change_sets_the_body_reported_to(plan, people):
    body = Body.objects.create(organisation=plan.organisation, name="Improvement Board")
    plan.plan_bodies.create(body=body)
    action = Action.objects.filter(recommendation__plan=plan).first()

    bulk.bulk_change(
        plan, [action.pk], bulk.BulkChange("body", body=body), user=people.lead, reason="New board"
    )

    assert {r.body_id for r in action.reporting.all()} == {body.pk}


def test_only_the_improvement_lead_changes_many_actions(client, plan, people):
    officer = signed_in(client, plan, people.officer, Role.LEAD_OFFICER)
    action = Action.objects.filter(recommendation__plan=plan).first()
    page = officer.get(reverse("plans:actions", args=[plan.pk])).content.decode()
    response = officer.post(
        reverse("plans:bulk_change", args=[plan.pk]),
        {"actions": [action.pk], "change": "days", "days": "1", "reason": "x"},
    )

    assert 'id="bulk"' not in page
    assert response.status_code == 403
    action.refresh_from_db()
    assert action.due == dt.date(2013, 6, 30)


def test_a_bulk_change_without_a_reason_or_actions_says_what_is_missing(lead, plan):
    response = lead.post(reverse("plans:bulk_change", args=[plan.pk]), {"change": "lead"})

    html = response.content.decode()
    assert response.status_code == 200
    assert "Select the actions to change" in html
    assert "Say why you are making this change" in html
    assert "Choose the lead" in html


@pytest.mark.parametrize("size", [10, 1000])
def test_a_filtered_sorted_list_of_a_large_plan_takes_a_fixed_number_of_queries(
    client, people, size, django_assert_max_num_queries
):
    plan = stored(small_document(actions=size))
    lead = signed_in(client, plan, people.lead)
    url = reverse("plans:actions", args=[plan.pk])
    with django_assert_max_num_queries(QUERIES):
        response = lead.get(url + "?q=action&rag=grey&status=none&due=90&sort=lead&order=desc")
    assert response.status_code == 200
    with django_assert_max_num_queries(QUERIES):
        lead.get(url + "?as_at=2013-03-15&sort=due&page=3")


QUERIES = 40


def test_the_overdue_list_is_filtered_and_paged_from_the_address(lead, plan, monkeypatch):
    from actionplan.monitoring import finding

    monkeypatch.setattr(finding, "PER_PAGE", 2)
    url = reverse("plans:due", args=[plan.pk])  # today every deadline of 2013 is past

    first = lead.get(url).content.decode()
    none = lead.get(url + "?q=nothing+matches+this").content.decode()

    assert 'aria-label="Pages of overdue deadlines"' in first
    assert "Apply filters" in first
    assert "Nothing is overdue" in none
    assert "Remove filter" in none
