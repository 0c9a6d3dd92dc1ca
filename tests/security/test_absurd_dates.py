"""Finding 11, dates: a year of 10^20 in a date field, and ?as_at=9999-12-31, gave 500s. A
date a person gives must be between 1900 and 2100 (core.calendar): in every form
(core.forms.GovukDateField), in ?as_at= (core.asat), in an imported plan (plans.services)
and in a CSV of meetings. Every form and every page of the URL walk are attacked in
tests/web/test_url_walk.py; these are the other ways in."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse

from actionplan.core.asat import AsAtError, parse_as_at
from actionplan.core.forms import GovukDateField, GovukForm
from actionplan.governance.models import Meeting
from actionplan.plans.models import Plan

TODAY = dt.date(2013, 3, 15)


@pytest.mark.parametrize(
    "value",
    ["9999-12-31", "0001-01-01", "1899-12-31", "2101-01-01", "10000-01-01", "1" * 5000 + "-1-1"],
)
def test_an_as_at_date_outside_the_calendar_is_refused_with_what_to_enter(value):
    with pytest.raises(AsAtError, match="must be between 1900 and 2100"):
        parse_as_at(value, today=TODAY)


@pytest.mark.parametrize("value", ["1900-01-01", "2100-12-31"])
def test_the_calendars_first_and_last_days_are_dates(value):
    # Seen from the calendar's last day, as a date after today is refused for other reasons.
    last = dt.date(2100, 12, 31)
    assert parse_as_at(value, today=last) == dt.date.fromisoformat(value)


class _Dated(GovukForm):
    on = GovukDateField(label="The date")


@pytest.mark.parametrize(
    ("year", "message"),
    [
        ("100000000000000000000", "The date must be between 1900 and 2100"),
        ("9" * 5000, "The date must be between 1900 and 2100"),
        ("9999", "The date must be between 1900 and 2100"),
        ("1066", "The date must be between 1900 and 2100"),
        ("0", "The date must be a real date"),
        ("-2013", "The date must be a real date"),
        ("2013.5", "The date must be a real date"),
    ],
)
def test_a_date_field_answers_an_absurd_year_with_a_message(year, message):
    form = _Dated(data={"on_day": "1", "on_month": "1", "on_year": year})

    assert not form.is_valid()
    assert form.errors["on"] == [message]


def plan_with_due(due: str) -> bytes:
    return (
        '{"plan": {"title": "Plan with a typo", "organisation": "North Yorkshire County '
        'Council"}, "recommendations": [{"number": "1.0", "title": "Views", "actions": '
        f'[{{"ref": "4a", "text": "Audit", "due": "{due}"}}]}}]}}'
    ).encode()


def test_an_imported_plan_with_a_date_in_the_year_9999_is_refused_naming_the_place(
    client, personas
):
    client.force_login(personas.improvement_lead)
    uploaded = client.post(
        reverse("plans:import"),
        {"file": SimpleUploadedFile("plan.json", plan_with_due("9999-12-31"))},
    )

    confirmed = client.post(
        uploaded["Location"], {"organisation": "North Yorkshire County Council"}
    )

    html = confirmed.content.decode()
    assert confirmed.status_code == 200
    assert "recommendation 1.0, action 4a, due: 9999-12-31 is not a date between 1900" in html
    assert not Plan.objects.filter(title="Plan with a typo").exists()


def test_the_command_line_import_refuses_it_too(db, tmp_path):
    path = tmp_path / "plan.json"
    path.write_bytes(plan_with_due("0001-01-01"))

    with pytest.raises(CommandError, match=r"action 4a, due: 0001-01-01 is not a date"):
        call_command("import", str(path))
    assert not Plan.objects.exists()


def test_a_csv_of_meetings_with_a_meeting_in_9999_is_refused_and_stores_nothing(client, personas):
    client.force_login(personas.improvement_lead)
    content = "body,date\nCYPLT,2013-07-02\nCYPLT,31/12/9999\n"

    response = client.post(
        reverse("governance:import_meetings", args=[personas.plan.pk]),
        {"file": SimpleUploadedFile("meetings.csv", content.encode(), content_type="text/csv")},
    )

    assert response.status_code == 200
    assert "a meeting date must be between 1900 and 2100" in response.content.decode()
    assert not Meeting.objects.exists()


@pytest.mark.parametrize(
    "boxes",
    [
        {"on_day": "15", "on_month": "3", "on_year": "2013"},
        {"on_day": "15", "on_month": "March", "on_year": "2013"},
        {"on_day": "15", "on_month": "mar", "on_year": "2013"},
        {"on_day": "15/03/2013", "on_month": "", "on_year": ""},
        {"on_day": "15 March 2013", "on_month": "", "on_year": ""},
    ],
)
def test_a_date_field_takes_the_usual_uk_forms(boxes):
    form = _Dated(data=boxes)

    assert form.is_valid(), form.errors
    assert form.cleaned_data["on"] == dt.date(2013, 3, 15)
