"""Reporting lines linked to the meetings that hear them, stored and kept up to date."""

import datetime as dt

import pytest
from django.contrib.admin.sites import site
from django.test import RequestFactory
from governance_world import build_world

from actionplan.governance.linking import relink
from actionplan.governance.meetings import generate_meetings, import_meetings_csv, remove_meetings
from actionplan.governance.models import Meeting, ReportingLink
from actionplan.plans.models import ImportRun, ReportingRequirement

D = dt.date
pytestmark = pytest.mark.django_db


def heard(line: ReportingRequirement) -> list[tuple[str, bool]]:
    return [
        (link.meeting.date.isoformat(), link.late)
        for link in ReportingLink.objects.filter(requirement=line).select_related("meeting")
    ]


def test_a_dated_line_is_linked_to_the_last_meeting_before_its_due_date(world):
    generate_meetings(world.cyplt, "third Tuesday of each month", D(2013, 1, 1), D(2013, 6, 30))

    assert heard(world.r11) == [("2013-03-19", False)]
    assert heard(world.r21) == [("2013-06-18", False)]


def test_a_dated_line_with_no_meeting_before_it_goes_to_the_first_after_flagged_late(world):
    world.meet(world.cyplt, D(2013, 4, 16), D(2013, 5, 21))

    assert heard(world.r11) == [("2013-04-16", True)]


def test_a_quarterly_line_is_linked_to_one_meeting_a_quarter_in_the_plan_period(world):
    generate_meetings(world.lscb, "last Thursday of each month", D(2012, 10, 1), D(2013, 12, 31))

    assert heard(world.r12) == [("2013-03-28", False), ("2013-06-27", False)]


def test_a_line_to_a_body_without_meetings_has_no_link(world):
    assert heard(world.r11) == []


def test_a_meeting_added_later_takes_the_line_over(world):
    world.meet(world.cyplt, D(2013, 2, 19))
    assert heard(world.r11) == [("2013-02-19", False)]

    world.meet(world.cyplt, D(2013, 3, 19))

    assert heard(world.r11) == [("2013-03-19", False)]


def test_removing_the_meeting_moves_the_line_to_the_one_before(world):
    world.meet(world.cyplt, D(2013, 2, 19), D(2013, 3, 19))

    remove_meetings(world.cyplt, [D(2013, 3, 19)])

    assert heard(world.r11) == [("2013-02-19", False)]


def test_moving_a_meeting_relinks(world):
    (meeting,) = world.meet(world.cyplt, D(2013, 3, 19))

    meeting.date = D(2013, 4, 16)
    meeting.save()

    assert heard(world.r11) == [("2013-04-16", True)]


def test_a_meeting_changed_in_the_admin_relinks(world, admin_user):
    (meeting,) = world.meet(world.cyplt, D(2013, 3, 19))
    request = RequestFactory().post("/")
    request.user = admin_user

    site._registry[Meeting].delete_model(request, meeting)

    assert heard(world.r11) == []


def test_imported_meetings_are_linked(world):
    import_meetings_csv(world.org, b"body,date\nCYPLT,2013-03-19\nLSCB,2013-03-28\n")

    assert heard(world.r11) == [("2013-03-19", False)]
    assert heard(world.r12) == [("2013-03-28", False)]


def test_a_retired_actions_lines_are_not_linked(world):
    world.a11.retired = True
    world.a11.save()

    world.meet(world.cyplt, D(2013, 3, 19))

    assert heard(world.r11) == []
    assert heard(world.r21) == [("2013-03-19", False)]


def test_an_import_of_the_plan_relinks_its_new_reporting_lines(world):
    world.meet(world.cyplt, D(2013, 3, 19), D(2013, 6, 18))
    # What store_plan does to a reporting line on a re-import: delete it, write it anew.
    world.r11.delete()
    fresh = ReportingRequirement.objects.create(
        action=world.a11, body=world.cyplt, text="Report to CYPLT June 2013", due=D(2013, 6, 30)
    )
    assert heard(fresh) == []

    ImportRun.objects.create(plan=world.plan, started_at=dt.datetime.now(dt.UTC))

    assert heard(fresh) == [("2013-06-18", False)]


def test_relinking_is_idempotent(world):
    generate_meetings(world.cyplt, "third Tuesday of each month", D(2013, 1, 1), D(2013, 6, 30))
    before = sorted(ReportingLink.objects.values_list("requirement_id", "meeting_id", "late"))

    assert relink(plan_id=world.plan.pk) == len(before)
    assert (
        sorted(ReportingLink.objects.values_list("requirement_id", "meeting_id", "late")) == before
    )


def test_relinking_one_plan_leaves_another_plans_links_alone(world):
    other = build_world("Otherton Council")
    world.meet(world.cyplt, D(2013, 3, 19))
    other.meet(other.cyplt, D(2013, 3, 19))

    relink(plan_id=world.plan.pk)

    assert heard(other.r11) == [("2013-03-19", False)]


def test_generating_a_years_meetings_relinks_once_not_per_meeting(
    world, django_assert_max_num_queries
):
    with django_assert_max_num_queries(12):
        generate_meetings(world.cyplt, "every Wednesday", D(2013, 1, 1), D(2013, 12, 31))

    assert heard(world.r11) == [("2013-03-27", False)]
