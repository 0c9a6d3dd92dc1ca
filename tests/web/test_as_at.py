"""The as-at date: the pure parser, and the page a bad date gets."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from actionplan.core.asat import AsAtError, as_at_query, parse_as_at

TODAY = dt.date(2013, 3, 15)


@pytest.mark.parametrize("value", [None, "", "   "])
def test_no_date_means_today(value):
    assert parse_as_at(value, today=TODAY) == TODAY


def test_an_iso_date_is_read():
    assert parse_as_at(" 2013-01-31 ", today=TODAY) == dt.date(2013, 1, 31)


@pytest.mark.parametrize(
    "value",
    [
        "31/01/2013",
        "31/1/2013",
        "31-01-2013",
        "31.01.2013",
        "31 1 2013",
        "31 January 2013",
        "31 jan 2013",
        "31st January, 2013",
        "2013-1-31",
    ],
)
def test_the_usual_uk_forms_are_read_day_first(value):
    assert parse_as_at(value, today=TODAY) == dt.date(2013, 1, 31)


@pytest.mark.parametrize(
    "value", ["yesterday", "2013-1", "2013-01-31T10:00", "01/31/2013x", "31 Janvier 2013"]
)
def test_anything_else_is_refused_with_an_example(value):
    with pytest.raises(AsAtError, match="like 15/03/2013"):
        parse_as_at(value, today=TODAY)


@pytest.mark.parametrize("value", ["2013-02-30", "31/02/2013", "12/31/2013"])
def test_a_date_that_does_not_exist_is_refused(value):
    with pytest.raises(AsAtError, match="must be a real date"):
        parse_as_at(value, today=TODAY)


def test_a_date_after_today_is_refused_saying_why():
    with pytest.raises(AsAtError, match=r"must be today or in the past.*15 March 2013"):
        parse_as_at("16/03/2013", today=TODAY)
    assert parse_as_at("15/03/2013", today=TODAY) == TODAY


def test_links_carry_the_date_unless_it_is_today():
    assert as_at_query(TODAY, today=TODAY) == ""
    assert as_at_query(dt.date(2013, 1, 1), today=TODAY) == "?as_at=2013-01-01"


def test_a_plan_page_says_what_date_it_shows(client, personas):
    client.force_login(personas.member)
    url = reverse("plans:dashboard", args=[personas.plan.pk])
    html = client.get(url + "?as_at=2013-03-15").content.decode()
    assert "Showing the plan as at 15 March 2013" in html
    # Links to other plan pages keep the date.
    assert f'href="{reverse("plans:people", args=[personas.plan.pk])}?as_at=2013-03-15"' in html


def test_a_bad_date_gets_the_page_it_asked_for_as_at_today_saying_so(client, personas):
    client.force_login(personas.member)
    url = reverse("plans:dashboard", args=[personas.plan.pk])
    response = client.get(url + "?as_at=15/13/2013")
    html = response.content.decode()
    assert response.status_code == 400
    assert html.startswith("<!DOCTYPE html>")
    assert "<title>Error: " in html
    assert 'href="#as-at"' in html
    assert "must be a real date" in html
    assert 'value="15/13/2013"' in html
    # The plan's own page, with its header, shown as at today.
    assert f'<h1 class="govuk-heading-l">{personas.plan.title}</h1>' in html
    assert 'id="navigation"' in html


def test_a_bad_date_on_a_download_gets_the_page_that_says_what_to_enter(client, personas):
    client.force_login(personas.member)
    url = reverse("plans:export", args=[personas.plan.pk, "csv"])
    response = client.get(url + "?as_at=not-a-date")
    assert response.status_code == 400
    assert "<title>Error: Date not recognised – actionplan</title>" in response.content.decode()


def test_a_uk_date_in_the_box_is_shown_back_the_uk_way(client, personas):
    client.force_login(personas.member)
    url = reverse("plans:dashboard", args=[personas.plan.pk])
    response = client.get(url + "?as_at=15/03/2013")
    html = response.content.decode()
    assert response.status_code == 200
    assert "Showing the plan as at 15 March 2013" in html
    assert 'value="15/03/2013"' in html


def test_the_action_page_shows_progress_up_to_the_date_only(client, personas):
    from actionplan.monitoring.history import date_plan_from
    from actionplan.plans.models import ProgressRecord
    from support.monitoring import at

    # The page shows the plan from its history: it was in the service from December 2012,
    # and each update from when it was written.
    date_plan_from(personas.plan, at(2012, 12, 3))
    action = personas.led_action()
    ProgressRecord.objects.create(
        action=action,
        as_at=dt.date(2013, 1, 31),
        rag="green",
        text="January's",
        created_at=at(2013, 2, 5),
    )
    ProgressRecord.objects.create(
        action=action,
        as_at=dt.date(2013, 4, 30),
        rag="red",
        text="April's",
        created_at=at(2013, 5, 3),
    )
    client.force_login(personas.inspector)
    url = reverse("plans:action", args=[personas.plan.pk, action.pk])
    html = client.get(url + "?as_at=2013-03-01").content.decode()
    assert "January&#x27;s" in html
    assert "April&#x27;s" not in html
    assert "What the colours mean" in html


def test_a_plan_with_a_date_of_its_own_opens_on_it_and_says_why(client, personas):
    plan = personas.plan
    plan.opens_as_at = dt.date(2013, 3, 15)
    plan.save()
    client.force_login(personas.member)
    url = reverse("plans:dashboard", args=[plan.pk])

    html = client.get(url).content.decode()
    assert "Showing the plan as at 15 March 2013" in html
    assert "opens on a date inside its story, not today" in html
    # Links keep the date; "Show today" asks for today by name, which links then keep.
    today = timezone.localdate().isoformat()
    assert f'href="{reverse("plans:people", args=[plan.pk])}?as_at=2013-03-15"' in html
    assert f'href="{url}?as_at={today}">Show today</a>' in html

    html = client.get(f"{url}?as_at={today}").content.decode()
    assert "inside its story" not in html
    assert f'href="{reverse("plans:people", args=[plan.pk])}?as_at={today}"' in html
