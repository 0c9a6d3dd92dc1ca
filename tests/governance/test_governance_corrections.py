"""The improvement lead changes a meeting in place and the plan's reminder settings in the
service, each with who and why; nobody else may."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from actionplan.governance.meetings import add_meeting, find_body
from actionplan.governance.models import Meeting, ReminderPolicy, ReportingLink
from actionplan.governance.reminders import policy_for
from actionplan.plans.models import Correction

D = dt.date
pytestmark = pytest.mark.django_db


def url(name, plan, *more):
    return reverse(f"governance:{name}", args=[plan.pk, *more])


@pytest.fixture
def meeting(personas):
    cyplt = find_body(personas.plan.organisation, "CYPLT")
    add_meeting(cyplt, D(2013, 3, 19), location="County Hall")
    add_meeting(cyplt, D(2013, 4, 16))
    return Meeting.objects.get(body=cyplt, date=D(2013, 3, 19))


def errors(response) -> str:
    html = response.content.decode()
    return html.split("govuk-error-summary__list")[1].split("</ul>")[0]


def test_the_meetings_page_links_to_changing_a_meeting(client, personas, meeting):
    client.force_login(personas.improvement_lead)
    page = client.get(url("meetings", personas.plan)).content.decode()
    assert url("edit_meeting", personas.plan, meeting.pk) in page


def test_a_meeting_is_changed_in_place_and_its_lines_linked_again(client, personas, meeting):
    client.force_login(personas.improvement_lead)
    response = client.post(
        url("edit_meeting", personas.plan, meeting.pk),
        {
            "date_day": "26/03/2013",  # a UK date typed into one box
            "time": "2pm",
            "end_time": "",
            "location": "Room 2, County Hall",
            "notes": "",
            "papers_due_day": "15 March 2013",
            "reason": "The meeting moved a week",
        },
    )

    assert response.status_code == 302
    meeting.refresh_from_db()
    assert (meeting.date, meeting.time, meeting.location, meeting.papers_due) == (
        D(2013, 3, 26),
        dt.time(14, 0),
        "Room 2, County Hall",
        D(2013, 3, 15),
    )
    assert Meeting.objects.filter(body=meeting.body).count() == 2  # moved, not added
    note = Correction.objects.get(subject="meeting")
    assert (note.user, note.reason, note.object_id) == (
        personas.improvement_lead,
        "The meeting moved a week",
        meeting.pk,
    )
    assert "19 March 2013 → 26 March 2013" in note.summary
    assert not ReportingLink.objects.filter(meeting__date=D(2013, 3, 19)).exists()
    page = client.get(response["Location"]).content.decode()
    assert "Papers due Friday 15 March 2013" in page


def test_a_meeting_form_lists_every_error_and_changes_nothing(client, personas, meeting):
    client.force_login(personas.improvement_lead)
    response = client.post(
        url("edit_meeting", personas.plan, meeting.pk),
        {"date_day": "16", "date_month": "4", "date_year": "2013", "time": "teatime", "reason": ""},
    )

    summary = errors(response)
    assert "Enter the start time like 14:00 or 2pm" in summary
    assert "Say why you are making this change" in summary
    meeting.refresh_from_db()
    assert meeting.date == D(2013, 3, 19)


def test_a_meeting_cannot_move_onto_another_of_the_bodys_days(client, personas, meeting):
    client.force_login(personas.improvement_lead)
    response = client.post(
        url("edit_meeting", personas.plan, meeting.pk),
        {"date_day": "16", "date_month": "4", "date_year": "2013", "reason": "Moved"},
    )

    assert "already meets on 16 April 2013" in errors(response)
    assert Meeting.objects.filter(body=meeting.body).count() == 2


def test_the_reminder_settings_are_changed_in_the_service(client, personas):
    plan = personas.plan
    client.force_login(personas.improvement_lead)
    page = client.get(url("reminders", plan)).content.decode()
    assert url("reminder_policy", plan) in page

    response = client.post(
        url("reminder_policy", plan),
        {
            "enabled": "yes",
            "days_before": "21, 7 and 1",
            "update_missing_days": "5",
            "escalate_after_days": "2",
            "escalation_window_days": "60",
            "reason": "Agreed at CYPLT",
        },
    )

    assert response.status_code == 302
    policy = policy_for(plan)
    assert (policy.days_before, policy.update_missing_days, policy.escalate_after_days) == (
        (21, 7, 1),
        5,
        2,
    )
    note = Correction.objects.get(subject="reminder policy")
    assert note.reason == "Agreed at CYPLT" and note.user == personas.improvement_lead


def test_the_reminder_settings_form_lists_every_error(client, personas):
    client.force_login(personas.improvement_lead)
    response = client.post(
        url("reminder_policy", personas.plan),
        {"days_before": "soon", "update_missing_days": "-1", "escalation_window_days": "x"},
    )

    summary = errors(response)
    for message in (
        "Select whether to send reminders",
        "Enter whole numbers of days from 0 to 365",
        "as 0 days or more",
        "Enter days after an action falls due to escalate it",
        "as a whole number of days",
        "Say why you are making this change",
    ):
        assert message in summary
    assert not ReminderPolicy.objects.filter(plan=personas.plan).exists()


@pytest.mark.parametrize("persona", ["lead_officer", "partner", "member", "inspector"])
def test_no_one_else_may_change_a_meeting_or_the_reminder_settings(
    client, personas, meeting, persona
):
    client.force_login(personas.all()[persona])
    data = {"date_day": "26/03/2013", "reason": "Mine", "enabled": "no"}
    assert client.post(url("edit_meeting", personas.plan, meeting.pk), data).status_code == 403
    assert client.post(url("reminder_policy", personas.plan), data).status_code == 403
    meeting.refresh_from_db()
    assert meeting.date == D(2013, 3, 19)
    assert not ReminderPolicy.objects.filter(plan=personas.plan).exists()
