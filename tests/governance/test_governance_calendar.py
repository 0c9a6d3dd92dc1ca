"""Calendars per body and per person: valid RFC 5545, read back with icalendar."""

import datetime as dt
import io

import icalendar
import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from actionplan.core.errors import UserError
from actionplan.governance.calendars import (
    body_calendar,
    check_ics,
    find_person,
    person_calendar,
    to_ics,
)
from actionplan.governance.meetings import add_meeting, generate_meetings, remove_meetings
from actionplan.plans.models import Milestone

D = dt.date
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("meetings")]


def events(cal: icalendar.Calendar) -> dict[str, icalendar.Event]:
    parsed = check_ics(to_ics(cal))
    return {
        str(e["SUMMARY"]) + " " + e.decoded("DTSTART").isoformat(): e for e in parsed.walk("VEVENT")
    }


def test_a_body_calendar_has_each_meeting_as_an_all_day_event(world):
    found = events(body_calendar(world.plan, [world.cyplt], as_at=D(2013, 3, 1)))

    assert sorted(found) == [
        "CYPLT meeting 2013-01-15",
        "CYPLT meeting 2013-02-19",
        "CYPLT meeting 2013-03-19",
        "CYPLT meeting 2013-04-16",
        "CYPLT meeting 2013-05-21",
        "CYPLT meeting 2013-06-18",
    ]
    march = found["CYPLT meeting 2013-03-19"]
    assert march.decoded("DTEND") == D(2013, 3, 20)
    assert str(march["TRANSP"]) == "OPAQUE"


def test_a_meeting_event_lists_what_is_due_at_it(world):
    march = events(body_calendar(world.plan, [world.cyplt], as_at=D(2013, 3, 1)))[
        "CYPLT meeting 2013-03-19"
    ]

    description = str(march["DESCRIPTION"])
    assert "Due from Improvement plan:" in description
    assert (
        "Recommendation 1.0, action 1: Set practice standards (lead: Alice Lead) [update missing]"
        in description
    )
    assert "1 of these have no progress update since 19 February 2013." in description


def test_a_meeting_with_a_time_and_place_is_a_timed_event_in_london_time(world):
    add_meeting(
        world.cyplt, D(2013, 3, 19), time=dt.time(14), end_time=dt.time(16), location="County Hall"
    )

    calendar = check_ics(to_ics(body_calendar(world.plan, [world.cyplt])))

    march = next(e for e in calendar.walk("VEVENT") if "20130319" in str(e["UID"]))
    assert march.decoded("DTSTART").isoformat() == "2013-03-19T14:00:00+00:00"
    assert march["DTSTART"].params["TZID"] == "Europe/London"
    assert march.decoded("DTEND").hour == 16
    assert str(march["LOCATION"]) == "County Hall"
    # A TZID must have its VTIMEZONE (RFC 5545, 3.2.19).
    assert [str(tz["TZID"]) for tz in calendar.walk("VTIMEZONE")] == ["Europe/London"]


def test_a_summer_meeting_is_in_british_summer_time(world):
    add_meeting(world.cyplt, D(2013, 6, 18), time=dt.time(10))

    calendar = check_ics(to_ics(body_calendar(world.plan, [world.cyplt])))

    june = next(e for e in calendar.walk("VEVENT") if "20130618" in str(e["UID"]))
    assert june.decoded("DTSTART").utcoffset() == dt.timedelta(hours=1)


def test_uids_stay_the_same_when_meetings_are_generated_again(world):
    before = {str(e["UID"]) for e in check_ics(to_ics(body_calendar(world.plan))).walk("VEVENT")}

    remove_meetings(world.cyplt, [D(2013, 3, 19)])
    generate_meetings(world.cyplt, "third Tuesday of each month", D(2013, 1, 1), D(2013, 6, 30))
    after = {str(e["UID"]) for e in check_ics(to_ics(body_calendar(world.plan))).walk("VEVENT")}

    assert before == after
    assert len(before) == 8
    assert f"meeting-{world.cyplt.pk}-20130319.anyshire-council@actionplan" in before


def test_the_same_data_gives_the_same_file(world):
    first = to_ics(body_calendar(world.plan, as_at=D(2013, 3, 1)))
    second = to_ics(body_calendar(world.plan, as_at=D(2013, 3, 1)))

    assert first == second


def test_a_calendar_has_what_rfc_5545_requires(world):
    data = to_ics(body_calendar(world.plan))

    calendar = icalendar.Calendar.from_ical(data)
    assert str(calendar["VERSION"]) == "2.0"
    assert str(calendar["PRODID"]).startswith("-//actionplan//")
    for event in calendar.walk("VEVENT"):
        assert {"UID", "DTSTAMP", "DTSTART"} <= set(event)
    assert data.startswith(b"BEGIN:VCALENDAR\r\n")
    assert all(len(line) <= 75 for line in data.split(b"\r\n"))  # folded lines
    if hasattr(calendar, "validate"):
        calendar.validate()


def test_a_person_calendar_has_their_milestones_deadlines_and_meetings(world):
    found = events(person_calendar(world.plan, world.alice, as_at=D(2013, 3, 1)))

    assert "Milestone, action 1.0/1: Standards agreed March 2013 2013-03-31" in found
    assert "Report due to CYPLT, action 1.0/1 2013-03-31" in found
    # Alice reports to CYPLT (action 1) and LSCB (action 2): both bodies' meetings.
    meetings = sorted(k for k in found if "meeting" in k)
    assert meetings == [
        "CYPLT meeting 2013-01-15",
        "CYPLT meeting 2013-02-19",
        "CYPLT meeting 2013-03-19",
        "CYPLT meeting 2013-04-16",
        "CYPLT meeting 2013-05-21",
        "CYPLT meeting 2013-06-18",
        "LSCB meeting 2013-03-28",
        "LSCB meeting 2013-06-27",
    ]
    june = str(found["CYPLT meeting 2013-06-18"]["DESCRIPTION"])
    assert "Your actions due, from Improvement plan:\n- nothing" in june  # that one is Leo's
    march = str(found["CYPLT meeting 2013-03-19"]["DESCRIPTION"])
    assert "action 1: Set practice standards" in march


def test_deadlines_are_marked_free_so_they_do_not_block_the_diary(world):
    found = events(person_calendar(world.plan, world.alice))

    assert str(found["Report due to CYPLT, action 1.0/1 2013-03-31"]["TRANSP"]) == "TRANSPARENT"


def test_two_milestones_of_an_action_on_one_day_are_one_event(world):
    Milestone.objects.create(action=world.a11, text="Training booked", due=D(2013, 3, 31))

    found = events(person_calendar(world.plan, world.alice))

    (milestone,) = [e for k, e in found.items() if k.startswith("Milestone")]
    assert "Standards agreed March 2013\nTraining booked" in str(milestone["DESCRIPTION"])


def test_a_person_who_leads_nothing_has_an_empty_calendar(world):
    calendar = check_ics(to_ics(person_calendar(world.plan, world.olive)))

    assert calendar.walk("VEVENT") == []


def test_a_person_is_found_by_name_or_alias(world):
    world.alice.aliases = ["AL"]
    world.alice.save()

    assert find_person(world.plan, "alice lead") == world.alice
    assert find_person(world.plan, "AL") == world.alice
    with pytest.raises(UserError, match="more than one person"):
        find_person(world.plan, "Lead")
    with pytest.raises(UserError, match="no one in Anyshire Council is called 'Zed'"):
        find_person(world.plan, "Zed")


def test_the_calendar_command_writes_an_ics_file(world, tmp_path):
    out = io.StringIO()
    target = tmp_path / "cyplt.ics"

    call_command("calendar", "Improvement", "--body", "CYPLT", "-o", str(target), stdout=out)

    assert out.getvalue().strip() == f"Wrote {target}: 6 events"
    assert len(check_ics(target.read_bytes()).walk("VEVENT")) == 6


def test_the_calendar_command_writes_a_persons_calendar(world, tmp_path):
    target = tmp_path / "alice.ics"

    call_command(
        "calendar",
        str(world.plan.pk),
        "--person",
        "Alice Lead",
        "-o",
        str(target),
        stdout=io.StringIO(),
    )

    summaries = [str(e["SUMMARY"]) for e in check_ics(target.read_bytes()).walk("VEVENT")]
    assert "Milestone, action 1.0/1: Standards agreed March 2013" in summaries


def test_the_calendar_command_refuses_an_unknown_body(world):
    with pytest.raises(CommandError, match="no body called 'Cabinet'") as caught:
        call_command("calendar", "Improvement", "--body", "Cabinet", stdout=io.StringIO())

    assert caught.value.returncode == 2
