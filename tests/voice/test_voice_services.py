"""The voice of children and families as the services keep it: results from CSV (all rows
or none, every bad row named), quotes checked for identifiers and risk, safeguarding alerts
sent once through the task queue, 'you said, we did', and the papers' data."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied

from actionplan.core.errors import UserError
from actionplan.plans.models import AppendOnlyError
from actionplan.voice import services
from actionplan.voice.models import (
    FeedbackAnswer,
    FeedbackQuestion,
    FeedbackResult,
    Quote,
    SafeguardingAlert,
)
from actionplan.voice.risk import risk_matches

pytestmark = pytest.mark.django_db
D = dt.date
HEADER = "source,question,period start,period end,responses,positive\n"


def test_the_risk_module_is_pure_and_its_phrases_are_data():
    source = (Path(__file__).resolve().parents[2] / "src/actionplan/voice/risk.py").read_text()
    assert not re.search(r"^\s*(import|from) django\b", source, re.M)
    assert [m.category for m in risk_matches("He hits me when I’m late")] == ["harm by others"]
    assert risk_matches("I feel safe with my foster carers") == []
    assert [m.phrase for m in risk_matches("I don't feel SAFE... not safe at all")] == [
        "not safe",
        "don't feel safe",
    ]


@pytest.fixture
def plan(personas):
    services.add_source(personas.plan, name="ViewPoint", kind="survey")
    return personas.plan


def test_results_are_imported_from_csv(plan):
    data = (
        HEADER
        + "ViewPoint,Do you feel safe?,01/10/2012,31/12/2012,212,84%\n"
        + 'viewpoint,Do you know your social worker?,2012-10-01,2012-12-31,"1,024",61.5\n'
    ).encode("cp1252")
    imported = services.import_results_csv(data, plan, today=D(2013, 3, 1))
    assert (imported.created, imported.updated) == (2, 0)
    again = services.import_results_csv(data, plan, today=D(2013, 3, 1))
    assert (again.created, again.updated) == (0, 2)
    assert sorted(FeedbackResult.objects.values_list("responses", flat=True)) == [212, 1024]


def test_a_bad_file_names_every_bad_row_and_stores_nothing(plan):
    data = (
        HEADER
        + "ViewPoint,Q1,01/10/2012,31/12/2012,212,84\n"
        + "Nowhere,Q2,01/10/2012,31/12/2012,10,50\n"
        + "ViewPoint,Q3,31/12/2012,01/10/2012,ten,150\n"
        + "ViewPoint,Q1,01/10/2012,31/12/2012,3,1\n"
    ).encode()
    with pytest.raises(services.VoiceError) as e:
        services.import_results_csv(data, plan, today=D(2013, 3, 1))
    assert e.value.errors == [
        "row 3, column 'source': not one of the plan's feedback sources: add it first",
        "row 4, column 'period_start': the period starts after it ends",
        "row 4, column 'responses': not a whole number of responses",
        "row 4, column 'positive': not a percentage from 0 to 100",
        "row 5: the same source, question and period as row 2",
    ]
    assert not FeedbackResult.objects.exists()


@pytest.mark.parametrize(
    ("data", "problem"),
    [
        (b"", "the file is empty"),
        (
            b"source,question\n",
            "row 1: no column for period_start, period_end, responses, positive",
        ),
        (HEADER.encode(), "no results"),
    ],
)
def test_an_unreadable_file_says_why(plan, data, problem):
    with pytest.raises(services.VoiceError, match=re.escape(problem)):
        services.import_results_csv(data, plan, today=D(2013, 3, 1))


def test_a_quote_with_an_identifier_is_refused(plan):
    theme = services.add_theme(plan, name="Feeling listened to")
    with pytest.raises(services.IdentifiersFound) as e:
        services.add_quote(
            theme, text="My worker Sarah Jones rings 07700 900123", heard_on=D(2013, 2, 1)
        )
    assert [m.split(" (")[0] for m in e.value.problems["text"]] == [
        "The quote seems to contain a person's name",
        "The quote seems to contain a telephone number",
    ]
    assert not Quote.objects.exists()


def test_a_quote_suggesting_risk_is_flagged_and_sent_to_the_contact_once(
    plan, settings, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    theme = services.add_theme(plan, name="Feeling safe")
    with django_capture_on_commit_callbacks(execute=True):
        quote = services.add_quote(theme, text="I'm scared to go home", heard_on=D(2013, 2, 1))
    assert quote.flagged and quote.flag_reasons == ["fear"]
    assert quote.alert.status == SafeguardingAlert.Status.WAITING  # no contact named yet
    with django_capture_on_commit_callbacks(execute=True):
        services.set_contact(plan, name="Designated safeguarding lead", email="dsl@example.gov.uk")
    from django_tasks_db.models import DBTaskResult

    from actionplan.voice.tasks import send_safeguarding_alerts

    queued = DBTaskResult.objects.filter(task_path=send_safeguarding_alerts.module_path)
    assert queued.count() == 1  # when the contact was named: before, there was nobody to send to
    assert [services.deliver_alerts(), services.deliver_alerts()] == [1, 0]  # a second run: none
    (message,) = mail.outbox
    assert message.to == ["dsl@example.gov.uk"]
    assert "scared to go home" in message.body and "(fear)" in message.body
    quote.alert.refresh_from_db()
    assert quote.alert.status == SafeguardingAlert.Status.SENT


def test_an_alert_that_fails_is_tried_again_then_given_up(plan, settings, monkeypatch):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    services.set_contact(plan, name="DSL", email="dsl@example.gov.uk")
    theme = services.add_theme(plan, name="Feeling safe")
    quote = services.add_quote(theme, text="Nobody knows he hits me", heard_on=D(2013, 2, 1))

    def broken(self, *args, **kwargs):
        raise ConnectionRefusedError

    monkeypatch.setattr("django.core.mail.EmailMessage.send", broken)
    for _ in range(services.MAX_ATTEMPTS):
        services.deliver_alerts()
    quote.alert.refresh_from_db()
    assert (quote.alert.status, quote.alert.attempts) == ("failed", services.MAX_ATTEMPTS)
    assert quote.alert.last_error == "ConnectionRefusedError"


def test_feedback_for_paper_never_holds_a_flagged_quote(plan, personas):
    services.import_results_csv(
        (HEADER + "ViewPoint,Do you feel safe?,01/10/2012,31/12/2012,212,84\n").encode(),
        plan,
        today=D(2013, 3, 1),
    )
    theme = services.add_theme(plan, name="Feeling safe")
    services.add_quote(theme, text="My carers listen to me", heard_on=D(2013, 1, 10))
    services.add_quote(theme, text="I ran away last week", heard_on=D(2013, 1, 11))
    services.add_quote(theme, text="Too old to count", heard_on=D(2012, 1, 11))
    action = personas.led_action()
    services.save_you_said(
        plan, you_said="We did not know our worker", we_did="Photo cards", actions=[action]
    )
    paper = services.feedback_for_paper(plan, (D(2012, 10, 1), dt.date.today()))
    assert [t.quotes for t in paper.themes] == [("My carers listen to me",)]
    (source,) = paper.sources
    assert (source.name, source.results[0].positive, source.results[0].responses) == (
        "ViewPoint",
        84,
        212,
    )
    assert paper.you_said_we_did[0].we_did == "Photo cards"
    assert paper.you_said_we_did[0].actions[0].startswith("Recommendation ")
    assert "ran away" not in repr(paper)


def test_quotes_past_the_retention_period_are_deleted_with_their_alerts(plan, settings):
    from actionplan.core.retention import enforce

    settings.RETAIN_QUOTES_MONTHS = 12
    theme = services.add_theme(plan, name="Feeling safe")
    services.add_quote(theme, text="I ran away", heard_on=D(2012, 1, 1))
    services.add_quote(theme, text="My carers listen", heard_on=D(2013, 2, 1))
    assert enforce(D(2013, 6, 1))["feedback quotes"] == 1
    assert list(Quote.objects.values_list("text", flat=True)) == ["My carers listen"]
    assert not SafeguardingAlert.objects.exists()
    assert enforce(D(2013, 6, 1))["feedback quotes"] == 0


# --- members' questions about feedback -----------------------------------------------------


def test_a_member_asks_about_feedback_and_the_improvement_lead_answers(plan, personas):
    source = plan.feedback_sources.get()
    q = services.ask(source, user=personas.member, question="  Why did fewer answer?  ")
    assert (q.source, q.question, q.asked_by) == (source, "Why did fewer answer?", personas.member)
    a = services.answer(q, user=personas.improvement_lead, text="The survey ran for 2 weeks.")
    assert (a.question, a.answered_by) == (q, personas.improvement_lead)
    assert list(source.questions.get().answers.all()) == [a]


def test_a_question_or_answer_with_an_identifier_or_empty_is_refused(plan, personas):
    source = plan.feedback_sources.get()
    with pytest.raises(services.IdentifiersFound) as e:
        services.ask(source, user=personas.member, question="Did Sarah Jones answer it?")
    assert e.value.problems["question"][0].startswith(
        "Your question seems to contain a person's name"
    )
    with pytest.raises(UserError, match="Enter your question"):
        services.ask(source, user=personas.member, question="  ")
    q = services.ask(source, user=personas.member, question="Why did fewer answer?")
    with pytest.raises(services.IdentifiersFound):
        services.answer(q, user=personas.improvement_lead, text="Ring 07700 900123")
    with pytest.raises(UserError, match="Enter the answer"):
        services.answer(q, user=personas.improvement_lead, text="")
    assert list(FeedbackQuestion.objects.all()) == [q] and not FeedbackAnswer.objects.exists()


@pytest.mark.parametrize("who", ["lead_officer", "partner", "inspector", "outsider"])
def test_only_those_who_may_challenge_ask(plan, personas, who):
    with pytest.raises(PermissionDenied):
        services.ask(plan.feedback_sources.get(), user=getattr(personas, who), question="Why?")
    assert not FeedbackQuestion.objects.exists()


@pytest.mark.parametrize("who", ["member", "lead_officer", "partner", "inspector", "outsider"])
def test_only_the_officers_who_answer_audit_questions_answer(plan, personas, who):
    """A lead officer answers what is theirs (their actions, audits they do); a feedback
    source is nobody's, so it is the improvement lead's, as the voice is."""
    q = services.ask(plan.feedback_sources.get(), user=personas.member, question="Why?")
    with pytest.raises(PermissionDenied):
        services.answer(q, user=getattr(personas, who), text="Because.")
    assert not FeedbackAnswer.objects.exists()


def test_questions_and_answers_about_feedback_are_never_changed_or_deleted(plan, personas):
    q = services.ask(plan.feedback_sources.get(), user=personas.member, question="Why?")
    a = services.answer(q, user=personas.improvement_lead, text="Because.")
    for row in (q, a):
        with pytest.raises(AppendOnlyError):
            row.save()
        with pytest.raises(AppendOnlyError):
            row.delete()
