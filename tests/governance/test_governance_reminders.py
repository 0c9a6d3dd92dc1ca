"""Planning reminders: who hears what, when, and only once."""

import datetime as dt

import pytest
from django.contrib.auth import get_user_model
from governance_world import build_world

from actionplan.accounts.models import Membership, Role
from actionplan.governance.contacts import email_addresses
from actionplan.governance.models import Contact, Reminder, ReminderPolicy
from actionplan.governance.reminders import nearest_reminder, plan_reminders, policy_for

D = dt.date
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("addresses", "meetings")]


def planned(**filters) -> list[tuple]:
    return sorted(
        (r.recipient.name, r.kind, r.due.isoformat(), r.days_before)
        for r in Reminder.objects.filter(**filters).select_related("recipient")
    )


# --- the pure part


def test_the_reminder_due_is_the_nearest_whose_day_has_come():
    due = D(2013, 3, 31)

    assert nearest_reminder(due, D(2013, 3, 16), (14, 3)) is None
    assert nearest_reminder(due, D(2013, 3, 17), (14, 3)) == 14
    assert nearest_reminder(due, D(2013, 3, 28), (14, 3)) == 3
    assert nearest_reminder(due, D(2013, 3, 31), (14, 3)) == 3
    assert nearest_reminder(due, D(2013, 4, 1), (14, 3)) is None


# --- milestones and reports


def test_a_lead_is_reminded_fourteen_days_before_a_milestone(world):
    plan_reminders(today=D(2013, 3, 17))

    assert ("Alice Lead", "milestone", "2013-03-31", 14) in planned()


def test_a_lead_is_reminded_again_three_days_before(world):
    plan_reminders(today=D(2013, 3, 17))
    plan_reminders(today=D(2013, 3, 28))

    assert planned(kind="milestone") == [
        ("Alice Lead", "milestone", "2013-03-31", 3),
        ("Alice Lead", "milestone", "2013-03-31", 14),
    ]


def test_a_first_run_inside_both_windows_sends_only_the_nearer_reminder(world):
    plan_reminders(today=D(2013, 3, 29))

    assert planned(kind="milestone") == [("Alice Lead", "milestone", "2013-03-31", 3)]


def test_a_lead_is_reminded_of_the_meeting_that_hears_their_report(world):
    plan_reminders(today=D(2013, 3, 5))

    (report,) = Reminder.objects.filter(kind="report")
    assert (report.recipient, report.due, report.days_before, report.body) == (
        world.alice,
        D(2013, 3, 19),
        14,
        world.cyplt,
    )
    assert report.email == "alice@anyshire.example"
    assert (
        report.subject
        == "Reminder: a report on action 1 of recommendation 1.0 is due on 19 March 2013"
    )
    assert (
        "Report due to CYPLT in 14 days (19 March 2013): Report to CYPLT March 2013" in report.text
    )
    assert report.text.startswith("Dear Alice Lead,")


def test_a_dated_report_with_no_meeting_is_reminded_by_its_due_date(world):
    world.cyplt.meetings.all().delete()

    plan_reminders(today=D(2013, 3, 28))

    (report,) = Reminder.objects.filter(kind="report", body=world.cyplt)
    assert (report.due, report.days_before) == (D(2013, 3, 31), 3)
    assert "no meeting is entered yet" in report.text


def test_the_plans_own_settings_replace_the_defaults(world):
    ReminderPolicy.objects.create(plan=world.plan, days_before=[7])

    plan_reminders(today=D(2013, 3, 17))
    assert planned(kind="milestone") == []

    plan_reminders(today=D(2013, 3, 24))
    assert planned(kind="milestone") == [("Alice Lead", "milestone", "2013-03-31", 7)]


def test_a_plan_with_reminders_turned_off_sends_none(world):
    ReminderPolicy.objects.create(plan=world.plan, enabled=False)

    plan_reminders(today=D(2013, 3, 17))

    assert not Reminder.objects.exists()


def test_without_a_policy_the_defaults_are_fourteen_and_three_days(world):
    assert policy_for(world.plan).days_before == (14, 3)


# --- missing updates


def test_a_lead_hears_a_week_before_the_meeting_that_their_update_is_missing(world):
    plan_reminders(today=D(2013, 3, 12))

    (missing,) = Reminder.objects.filter(kind="update_missing")
    assert (missing.recipient, missing.due) == (world.alice, D(2013, 3, 19))
    assert "CYPLT meets in 7 days (19 March 2013)" in missing.text
    assert "has no progress update since CYPLT last met (19 February 2013)" in missing.text


def test_an_update_since_the_last_meeting_means_no_missing_update_reminder(world):
    world.update(world.a11, D(2013, 3, 1))

    plan_reminders(today=D(2013, 3, 12))

    assert not Reminder.objects.filter(kind="update_missing").exists()


# --- escalation


def test_an_overdue_action_is_escalated_to_its_recommendations_owner(world):
    plan_reminders(today=D(2013, 3, 1))

    (overdue,) = Reminder.objects.filter(kind="overdue")
    assert (overdue.recipient, overdue.action, overdue.due) == (
        world.oscar,
        world.a21,
        D(2013, 2, 28),
    )
    assert overdue.subject == "Overdue: action 1 of recommendation 2.0"
    assert "was due to end on 28 February 2013; it has no progress update" in overdue.text
    assert "You have overall responsibility for recommendation 2.0" in overdue.text


def test_an_action_without_a_due_date_is_overdue_after_its_last_milestone(world):
    plan_reminders(today=D(2013, 4, 1))

    assert ("Olive Owner", "overdue", "2013-03-31", 0) in planned()


def test_a_meeting_that_heard_no_update_is_escalated(world):
    plan_reminders(today=D(2013, 3, 20))

    assert ("Olive Owner", "overdue", "2013-03-19", 0) in planned()
    (missed,) = Reminder.objects.filter(kind="overdue", due=D(2013, 3, 19))
    assert "CYPLT met on 19 March 2013 to hear action 1 of recommendation 1.0" in missed.text


def test_items_overdue_for_longer_than_the_window_are_left_to_the_board_papers(world):
    plan_reminders(today=D(2013, 4, 15))  # 46 days after action 2.0/1 fell due

    assert not Reminder.objects.filter(action=world.a21, kind="overdue").exists()


def test_a_finished_action_is_neither_reminded_nor_escalated(world):
    world.update(world.a21, D(2013, 2, 20), status="complete")
    world.update(world.a11, D(2013, 3, 1), status="Fully achieved")

    plan_reminders(today=D(2013, 3, 1))
    plan_reminders(today=D(2013, 3, 17))

    assert planned(action=world.a21) == []
    assert planned(action=world.a11) == []


def test_a_retired_action_is_neither_reminded_nor_escalated(world):
    world.a21.retired = True
    world.a21.save()

    plan_reminders(today=D(2013, 3, 1))

    assert planned(action=world.a21) == []


# --- once only, and addresses


def test_planning_again_adds_nothing(world):
    first = plan_reminders(today=D(2013, 3, 20))
    again = plan_reminders(today=D(2013, 3, 20))

    assert first.created > 0
    assert again.created == 0
    assert Reminder.objects.count() == first.created


def test_a_person_without_an_address_is_named_and_not_planned(world):
    Contact.objects.filter(party=world.oscar).delete()

    result = plan_reminders(today=D(2013, 3, 1))

    assert result.without_address == {"Oscar Owner"}
    assert not Reminder.objects.filter(recipient=world.oscar).exists()


def test_an_account_in_the_plan_gives_the_address_when_there_is_no_contact(world):
    Contact.objects.filter(party=world.leo).delete()
    user = get_user_model().objects.create_user("leo", "leo.lead@anyshire.example")
    Membership.objects.create(user=user, plan=world.plan, role=Role.LEAD_OFFICER, party=world.leo)

    assert email_addresses(world.plan.pk, [world.leo.pk, world.alice.pk]) == {
        world.leo.pk: "leo.lead@anyshire.example",
        world.alice.pk: "alice@anyshire.example",
    }


def test_a_recorded_contact_wins_over_the_accounts_address(world):
    user = get_user_model().objects.create_user("alice", "alice.account@anyshire.example")
    Membership.objects.create(user=user, plan=world.plan, role=Role.LEAD_OFFICER, party=world.alice)

    assert email_addresses(world.plan.pk, [world.alice.pk]) == {
        world.alice.pk: "alice@anyshire.example"
    }


def test_an_account_in_another_plan_does_not_give_the_address(world):
    Contact.objects.filter(party=world.leo).delete()
    other = build_world("Otherton Council")
    user = get_user_model().objects.create_user("leo", "leo@otherton.example")
    Membership.objects.create(user=user, plan=other.plan, role=Role.LEAD_OFFICER, party=world.leo)

    assert email_addresses(world.plan.pk, [world.leo.pk]) == {}


def test_a_milestone_reported_met_is_not_reminded(world):
    world.a11.milestones.update(done_on=D(2013, 3, 10))

    plan_reminders(today=D(2013, 3, 17))

    assert planned(kind="milestone") == []


@pytest.mark.parametrize("days", [[14, 3], [7], [0]])
def test_a_policy_takes_a_list_of_days(world, days):
    ReminderPolicy(plan=world.plan, days_before=days).full_clean()


@pytest.mark.parametrize("days", [14, ["14"], [-1], [400], [True], "14, 3"])
def test_a_policy_refuses_days_that_are_not_a_list_of_days(world, days):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError, match="a list of whole numbers of days"):
        ReminderPolicy(plan=world.plan, days_before=days).full_clean()
