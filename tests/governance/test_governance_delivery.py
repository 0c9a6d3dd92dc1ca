"""Delivering reminders in one process: each sent once, failures retried, crashes lose
nothing. (Two worker processes at once: test_governance_workers.py.)"""

import datetime as dt
import io

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone
from governance_world import build_world

from actionplan.governance import delivery
from actionplan.governance.delivery import HEADER, MAX_ATTEMPTS, deliver_pending
from actionplan.governance.meetings import generate_meetings
from actionplan.governance.models import Reminder
from actionplan.governance.reminders import plan_reminders, run_reminders

D = dt.date
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("addresses", "meetings")]
TODAY = D(2013, 3, 20)  # the day after CYPLT's March meeting: every kind of reminder is due


@pytest.fixture
def planned(world):
    plan_reminders(today=TODAY)
    count = Reminder.objects.count()
    assert count >= 3
    return count


def sent_ids() -> list[str]:
    return sorted(m.extra_headers[HEADER] for m in mail.outbox)


def test_each_pending_reminder_is_sent_once(planned):
    result = deliver_pending(worker="w1")

    assert result.sent == planned
    assert len(mail.outbox) == planned
    assert sent_ids() == sorted(str(pk) for pk in Reminder.objects.values_list("pk", flat=True))
    assert set(Reminder.objects.values_list("status", "sent_by", "attempts")) == {("sent", "w1", 1)}


def test_delivering_again_sends_nothing(planned):
    deliver_pending()

    again = deliver_pending()

    assert again.sent == 0
    assert len(mail.outbox) == planned


def test_the_message_is_what_was_planned_with_a_stable_message_id(planned):
    deliver_pending()

    reminder = Reminder.objects.order_by("pk").first()
    message = next(m for m in mail.outbox if m.extra_headers[HEADER] == str(reminder.pk))
    assert (message.subject, message.body, message.to) == (
        reminder.subject,
        reminder.text,
        [reminder.email],
    )
    assert message.extra_headers["Message-ID"].startswith(f"<reminder-{reminder.pk}-")
    assert message.message()["Message-ID"] == message.extra_headers["Message-ID"]


def test_a_send_that_fails_after_the_claim_rolls_the_claim_back(planned, settings):
    settings.EMAIL_BACKEND = "governance_mailbox.Failing"

    result = deliver_pending(worker="w1")

    assert (result.sent, result.failed) == (0, planned)
    for reminder in Reminder.objects.all():
        assert (reminder.status, reminder.attempts, reminder.sent_at) == ("pending", 1, None)
        assert reminder.last_error == "SMTPServerDisconnected: the mail server went away"
        assert reminder.retry_after > timezone.now()


def test_a_failed_reminder_waits_then_is_sent_once(planned, settings):
    settings.EMAIL_BACKEND = "governance_mailbox.Failing"
    deliver_pending()
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"

    assert deliver_pending().sent == 0  # not yet: it waits a minute
    Reminder.objects.update(retry_after=timezone.now())
    result = deliver_pending()

    assert result.sent == planned
    assert len(mail.outbox) == planned
    assert set(Reminder.objects.values_list("status", "attempts")) == {("sent", 2)}


def test_after_repeated_failures_it_gives_up(planned, settings):
    settings.EMAIL_BACKEND = "governance_mailbox.Failing"
    for _ in range(MAX_ATTEMPTS):
        Reminder.objects.filter(status="pending").update(retry_after=None)
        deliver_pending()

    assert set(Reminder.objects.values_list("status", "attempts")) == {("failed", MAX_ATTEMPTS)}
    assert deliver_pending().gave_up == planned


def test_a_crash_between_claim_and_send_leaves_the_reminder_pending(planned, monkeypatch):
    calls = []

    def crash(reminder):
        calls.append(reminder.pk)
        raise KeyboardInterrupt  # the process dies here: nothing after it runs

    monkeypatch.setattr(delivery, "_message", crash)
    with pytest.raises(KeyboardInterrupt):
        deliver_pending(worker="dies")
    monkeypatch.undo()

    crashed = Reminder.objects.get(pk=calls[0])
    assert (crashed.status, crashed.sent_by, crashed.attempts) == ("pending", "", 0)

    deliver_pending(worker="restarted")

    assert len(mail.outbox) == planned
    assert sent_ids().count(str(calls[0])) == 1
    assert Reminder.objects.get(pk=calls[0]).sent_by == "restarted"


def test_a_reminder_claimed_by_another_worker_is_not_sent(planned):
    first = Reminder.objects.order_by("pk").first()
    # Another worker's committed claim: the row is no longer pending.
    Reminder.objects.filter(pk=first.pk).update(status="sent", sent_by="other")

    deliver_pending(worker="me")

    assert str(first.pk) not in sent_ids()
    assert len(mail.outbox) == planned - 1


def test_a_limit_stops_the_delivery_early(planned):
    assert deliver_pending(limit=2).sent == 2
    assert Reminder.objects.filter(status="pending").count() == planned - 2


def test_one_run_plans_and_sends(world):
    run = run_reminders(today=TODAY, worker="w")

    summary = run.as_dict()
    assert summary["planned"] == summary["sent"] == len(mail.outbox) > 0
    assert summary["without_address"] == []


def test_remind_now_runs_the_job_here(world):
    out = io.StringIO()

    call_command("remind", "--now", "--today", TODAY.isoformat(), stdout=out)

    count = Reminder.objects.count()
    assert out.getvalue().startswith(f"Reminders: {count} planned, {count} sent, 0 failed")
    assert len(mail.outbox) == count


def test_remind_queues_the_job_for_a_worker(world):
    from django_tasks_db.models import DBTaskResult

    out = io.StringIO()
    call_command("remind", "--today", TODAY.isoformat(), stdout=out)

    (queued,) = DBTaskResult.objects.all()
    assert queued.task_path == "actionplan.governance.tasks.send_reminders"
    assert queued.args_kwargs == {"args": [], "kwargs": {"today": "2013-03-20"}}
    assert "Queued the reminder job" in out.getvalue()
    assert mail.outbox == []


def test_the_reminder_task_runs_the_job(world, settings):
    from actionplan.governance.tasks import send_reminders

    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    result = send_reminders.enqueue(today=TODAY.isoformat())

    assert result.return_value["sent"] == len(mail.outbox) > 0


def test_a_crash_after_the_mail_server_took_the_message_repeats_it_rather_than_lose_it(
    planned, monkeypatch
):
    # The one window no database can close (docs/governance.md): the message has left,
    # the claim has not committed. The reminder is sent again, never lost.
    def accepted_then_crash(self, messages):
        mail.outbox.extend(messages)
        raise KeyboardInterrupt

    monkeypatch.setattr(
        "django.core.mail.backends.locmem.EmailBackend.send_messages", accepted_then_crash
    )
    with pytest.raises(KeyboardInterrupt):
        deliver_pending()
    monkeypatch.undo()
    (first,) = sent_ids()

    deliver_pending()

    assert sent_ids().count(first) == 2
    assert len(mail.outbox) == planned + 1


# --- one plan's run (the reminders page's button)


@pytest.fixture
def two_councils(world):
    other = build_world("Otherton Council")
    other.addresses()
    generate_meetings(other.cyplt, "third Tuesday of each month", D(2013, 1, 1), D(2013, 6, 30))
    return world, other


def test_a_run_for_one_plan_plans_and_sends_only_that_plans_reminders(two_councils):
    world, other = two_councils
    plan_reminders(today=TODAY, plans=[other.plan])  # left pending by an earlier run
    theirs = Reminder.objects.filter(plan=other.plan).count()
    assert theirs > 0

    summary = run_reminders(today=TODAY, worker="w", plan_id=world.plan.pk).as_dict()

    ours = Reminder.objects.filter(plan=world.plan)
    assert summary["planned"] == summary["sent"] == ours.count() == len(mail.outbox) > 0
    assert set(ours.values_list("status", flat=True)) == {"sent"}
    assert Reminder.objects.filter(plan=other.plan, status="pending").count() == theirs
    assert sent_ids() == sorted(str(pk) for pk in ours.values_list("pk", flat=True))


def test_delivery_for_one_plan_leaves_the_others_pending(two_councils):
    world, other = two_councils
    plan_reminders(today=TODAY)
    ours = Reminder.objects.filter(plan=world.plan).count()

    result = deliver_pending(worker="w", plan_id=world.plan.pk)

    assert result.sent == ours == len(mail.outbox)
    assert not Reminder.objects.filter(plan=world.plan, status="pending").exists()
    assert Reminder.objects.filter(plan=other.plan, status="sent").count() == 0


def test_the_reminder_task_can_run_for_one_plan(two_councils, settings):
    from actionplan.governance.tasks import send_reminders

    world, other = two_councils
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    result = send_reminders.enqueue(today=TODAY.isoformat(), plan_id=world.plan.pk)

    assert result.return_value["sent"] == len(mail.outbox) > 0
    assert not Reminder.objects.filter(plan=other.plan).exists()
