"""E-mail notifications end to end: an event in a plan, the row it owes each person, the
task on the real queue (the database backend) run by `actionplan worker --batch` in this
process, and the e-mail in the outbox: once, to the right person, as they chose."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from actionplan.core import events
from actionplan.monitoring import challenging, editing, statuses
from actionplan.monitoring import services as monitoring
from actionplan.notifications.models import Choice, Digest, Kind, Notification, Preference
from actionplan.plans.models import ActionParty, Body
from actionplan.reports import services as papers

# The worker closes the database connection after each task; on PostgreSQL that would end
# the transaction a plain test runs in.
pytestmark = pytest.mark.django_db(transaction=True)

QUESTION = "Why has nothing changed for Child A at 12 Acacia Avenue?"


def run_worker():
    call_command("worker", "--batch", "--no-sweep", "--interval", "0", verbosity=0)


def sent_to(user) -> list:
    return [m for m in mail.outbox if m.to == [user.email]]


def choose(user, kind, choice):
    Preference.objects.update_or_create(user=user, kind=kind, defaults={"choice": choice})


def propose(personas, action):
    return monitoring.propose_completion(
        action,
        user=personas.lead_officer,
        expected_version=action.version,
        impact="Audits show children's views in every file.",
    )


def name_both(personas, action):
    editing.edit_action(
        action.pk,
        {"leads": [personas.lead_party.pk], "partners": [personas.partner_party.pk]},
        action.version,
        personas.improvement_lead,
    )


def test_a_question_goes_to_the_actions_lead_once_through_the_queue(personas):
    action = personas.led_action()
    challenging.ask(action, user=personas.member, question=QUESTION)
    assert mail.outbox == []  # queued, not sent by the request
    run_worker()
    run_worker()
    [message] = mail.outbox
    assert message.to == [personas.lead_officer.email]
    assert "member@example.gov.uk asked a question about action" in message.body
    assert reverse("plans:action", args=[personas.plan.pk, action.pk]) in message.body
    # What the member wrote stays in the service: it may name a child.
    assert "Acacia" not in message.body and "Acacia" not in message.subject
    assert DBTaskResult.objects.filter(task_path__endswith="send_notification").count() == 1


def test_an_answer_goes_to_the_member_who_asked(personas):
    challenge = challenging.ask(personas.led_action(), user=personas.member, question=QUESTION)
    challenging.answer(challenge, user=personas.lead_officer, text="Because of Child A.")
    run_worker()
    [answer] = [m for m in sent_to(personas.member)]
    assert "answered your question" in answer.subject
    assert "Child A" not in answer.body
    assert len(sent_to(personas.lead_officer)) == 1  # the question itself


def test_a_proposal_goes_to_the_improvement_lead_and_the_decision_back_to_the_officer(
    personas,
):
    action = personas.led_action()
    propose(personas, action)
    run_worker()
    [proposed] = sent_to(personas.improvement_lead)
    assert proposed.subject.startswith("A completion to sign off")
    assert sent_to(personas.lead_officer) == []
    action.refresh_from_db()
    monitoring.accept_completion(
        action, user=personas.improvement_lead, expected_version=action.version
    )
    run_worker()
    [accepted] = sent_to(personas.lead_officer)
    assert accepted.subject.startswith("Completion signed off")
    assert "ilead@example.gov.uk signed off the completion you proposed" in accepted.body


def test_a_returned_completion_tells_the_officer_without_the_reason(personas):
    action = personas.led_action()
    propose(personas, action)
    action.refresh_from_db()
    monitoring.return_completion(
        action,
        user=personas.improvement_lead,
        expected_version=action.version,
        reason="The audit of Child A's file shows no change.",
    )
    run_worker()
    [returned] = sent_to(personas.lead_officer)
    assert returned.subject.startswith("Completion returned")
    assert "Child A" not in returned.body
    assert monitoring.current_status(action) in statuses.UPDATE_STATUSES


def test_being_named_lead_or_partner_tells_that_person_as_they_chose(personas):
    choose(personas.lead_officer, Kind.ASSIGNED, Choice.IMMEDIATELY)
    choose(personas.partner, Kind.ASSIGNED, Choice.IMMEDIATELY)
    action = personas.action_of_neither()
    name_both(personas, action)
    run_worker()
    [lead] = sent_to(personas.lead_officer)
    assert f"{personas.lead_party.name} is a lead of action" in lead.subject
    [partner] = sent_to(personas.partner)
    assert "is a partner of action" in partner.subject
    assert sent_to(personas.improvement_lead) == []
    # Saved again unchanged, nobody is named anew.
    action.refresh_from_db()
    name_both(personas, action)
    run_worker()
    assert len(mail.outbox) == 2


def test_an_issued_paper_goes_to_the_plans_members(personas):
    body = Body.objects.get(organisation=personas.plan.organisation, abbreviation="CYPLT")
    draft = papers.draft_paper(
        personas.plan, body, timezone.localdate(), user=personas.improvement_lead
    )
    papers.issue_paper(draft, personas.improvement_lead)
    run_worker()
    [issued] = mail.outbox
    assert issued.to == [personas.member.email]
    assert issued.subject == "Paper issued: CYPLT"
    assert reverse("reports:paper", args=[personas.plan.pk, draft.pk]) in issued.body


def test_off_sends_nothing_and_daily_waits_for_the_digest(personas):
    choose(personas.lead_officer, Kind.QUESTION_RAISED, Choice.OFF)
    choose(personas.improvement_lead, Kind.COMPLETION_PROPOSED, Choice.DAILY)
    action = personas.led_action()
    challenging.ask(action, user=personas.member, question=QUESTION)
    propose(personas, action)
    run_worker()
    assert mail.outbox == []
    assert not Notification.objects.filter(user=personas.lead_officer).exists()
    assert Notification.objects.get(user=personas.improvement_lead).status == "pending"


def test_a_digest_groups_a_days_events_into_one_email_sent_once(personas):
    choose(personas.lead_officer, Kind.QUESTION_RAISED, Choice.DAILY)
    choose(personas.lead_officer, Kind.ASSIGNED, Choice.DAILY)
    first, second = personas.led_action(), personas.action_of_neither()
    challenging.ask(first, user=personas.member, question=QUESTION)
    challenging.ask(second, user=personas.member, question="And this one?")  # no lead of it
    editing.edit_action(
        second.pk, {"leads": [personas.lead_party.pk]}, second.version, personas.improvement_lead
    )
    run_worker()
    assert mail.outbox == []
    today = timezone.localdate().isoformat()
    call_command("digest", "--day", today, verbosity=0)
    call_command("digest", "--day", today, verbosity=0)  # the timer fired twice
    run_worker()
    [digest] = mail.outbox
    assert digest.to == [personas.lead_officer.email]
    assert digest.subject == "actionplan: 2 things since the last digest"
    assert "1. A question from member@example.gov.uk" in digest.body
    assert "2. " in digest.body and "is a lead of action" in digest.body
    assert "daily digest" in digest.body
    assert Digest.objects.count() == 1
    assert set(Notification.objects.values_list("status", flat=True)) == {"sent"}


def test_a_digest_leaves_the_events_of_a_later_day_for_the_next_one(personas):
    choose(personas.lead_officer, Kind.QUESTION_RAISED, Choice.DAILY)
    challenging.ask(personas.led_action(), user=personas.member, question=QUESTION)
    yesterday = timezone.localdate() - dt.timedelta(days=1)
    call_command("digest", "--now", "--day", yesterday.isoformat(), verbosity=0)
    assert mail.outbox == []
    call_command("digest", "--now", "--day", timezone.localdate().isoformat(), verbosity=0)
    assert len(mail.outbox) == 1


def test_an_event_seen_twice_owes_nothing_more(personas):
    challenge = challenging.ask(personas.led_action(), user=personas.member, question=QUESTION)
    events.question_asked.send(type(challenge), challenge=challenge)  # a retry, a double send
    run_worker()
    assert len(mail.outbox) == 1
    row = Notification.objects.get()
    with pytest.raises(IntegrityError), transaction.atomic():
        Notification.objects.create(
            user=row.user, plan=row.plan, kind=row.kind, key=row.key, delivery="immediately"
        )


def test_a_task_run_again_sends_nothing_more(personas):
    from actionplan.notifications.tasks import send_notification

    challenging.ask(personas.led_action(), user=personas.member, question=QUESTION)
    run_worker()
    send_notification.enqueue(Notification.objects.get().pk)  # a retry, a second worker
    run_worker()
    assert len(mail.outbox) == 1


def test_a_failed_send_is_tried_again_and_then_sent_once(personas, settings, monkeypatch):
    from django.core.mail.backends.locmem import EmailBackend

    real = EmailBackend.send_messages

    def down(self, messages):
        raise ConnectionError("mail server down")

    monkeypatch.setattr(EmailBackend, "send_messages", down)
    challenging.ask(personas.led_action(), user=personas.member, question=QUESTION)
    run_worker()
    row = Notification.objects.get()
    assert (row.status, row.attempts) == ("pending", 1)
    assert "mail server down" in row.last_error
    monkeypatch.setattr(EmailBackend, "send_messages", real)
    Notification.objects.update(retry_after=timezone.now())
    call_command("digest", "--now", verbosity=0)
    run_worker()  # the retry the failure queued waits for its time: nothing more goes
    assert len(mail.outbox) == 1
    assert Notification.objects.get().status == "sent"


def test_the_demo_and_other_backdated_records_tell_no_one(personas):
    action = personas.led_action()
    challenging.ask(
        action, user=personas.member, question=QUESTION, at=timezone.now() - dt.timedelta(days=9)
    )
    run_worker()
    assert mail.outbox == [] and not Notification.objects.exists()


def test_nobody_is_told_of_what_they_did_themselves(personas):
    action = personas.action_of_neither()
    ActionParty.objects.filter(action=action).delete()
    # The lead officer makes themself a lead: nothing to tell.
    choose(personas.lead_officer, Kind.ASSIGNED, Choice.IMMEDIATELY)
    editing.edit_action(
        action.pk, {"leads": [personas.lead_party.pk]}, action.version, personas.lead_officer
    )
    run_worker()
    assert mail.outbox == []


def test_retention_deletes_sent_and_failed_rows_past_the_period_and_keeps_pending(
    personas, settings
):
    """They keep staff names and the action's words: RETAIN_NOTIFICATIONS_MONTHS after sending
    they go, with the digests left empty; what is still owed stays."""
    from actionplan.core.retention import enforce

    settings.RETAIN_NOTIFICATIONS_MONTHS = 6
    today = dt.date(2026, 12, 7)
    old = timezone.make_aware(dt.datetime(2026, 5, 1, 9))
    recent = timezone.make_aware(dt.datetime(2026, 11, 1, 9))
    user, plan = personas.lead_officer, personas.plan

    def row(key, status, sent_at=None, happened_at=old, digest=None):
        return Notification.objects.create(
            user=user,
            plan=plan,
            kind=Kind.QUESTION_RAISED,
            key=key,
            delivery=Choice.DAILY,
            subject="A question",
            text="Judith Hay asked about action 1",
            status=status,
            sent_at=sent_at,
            happened_at=happened_at,
            digest=digest,
        )

    old_digest = Digest.objects.create(user=user, day=dt.date(2026, 5, 1))
    row("sent-old", Notification.Status.SENT, sent_at=old, digest=old_digest)
    row("failed-old", Notification.Status.FAILED)
    row("sent-recent", Notification.Status.SENT, sent_at=recent, happened_at=recent)
    row("pending-old", Notification.Status.PENDING)

    assert enforce(today)["notifications"] == 2
    kept = sorted(Notification.objects.values_list("key", flat=True))
    assert kept == ["pending-old", "sent-recent"]
    assert not Digest.objects.filter(pk=old_digest.pk).exists()
    assert enforce(today)["notifications"] == 0
