"""Members' questions and officers' answers on actions and recommendations."""

import pytest

from actionplan.monitoring import services
from actionplan.monitoring.models import Challenge
from actionplan.monitoring.services import MonitoringError
from actionplan.monitoring.snapshot import challenges
from actionplan.plans.models import AppendOnlyError
from support.monitoring import D, at

pytestmark = pytest.mark.django_db


def test_a_member_asks_about_an_action_and_an_officer_answers(action, people):
    question = services.ask(
        action, user=people.member, question="What do children say?", at=at(2013, 2, 1)
    )
    services.answer(question, user=people.officer, text="ViewPoint returns: 120", at=at(2013, 2, 4))

    (shown,) = challenges(action, D(2013, 2, 4))

    assert (shown.question, shown.by) == ("What do children say?", "Anne Brookes")
    assert [(a.text, a.by) for a in shown.answers] == [("ViewPoint returns: 120", "Judith Hay")]
    assert question.plan_id == action.recommendation.plan_id


def test_a_question_on_a_recommendation_belongs_to_it_and_its_plan(plan, people):
    rec = plan.recommendations.get()

    question = services.ask(rec, user=people.member, question="Is scrutiny working?")

    assert (question.recommendation, question.action, question.plan) == (rec, None, plan)
    assert [c.question for c in challenges(rec)] == ["Is scrutiny working?"]


def test_as_at_a_date_only_the_questions_and_answers_given_by_then_show(action, people):
    question = services.ask(action, user=people.member, question="Why late?", at=at(2013, 2, 1))
    services.answer(question, user=people.officer, text="Sickness", at=at(2013, 2, 4))

    assert challenges(action, D(2013, 1, 31)) == []
    assert challenges(action, D(2013, 2, 3))[0].answers == ()


def test_an_empty_question_or_answer_is_refused(action, people):
    with pytest.raises(MonitoringError) as empty:
        services.ask(action, user=people.member, question=" ")
    question = services.ask(action, user=people.member, question="Why?")
    with pytest.raises(MonitoringError):
        services.answer(question, user=people.officer, text="")

    assert empty.value.field == "question"


def test_questions_and_answers_are_never_changed_or_deleted(action, people):
    question = services.ask(action, user=people.member, question="Why?")
    question.question = "Edited"

    with pytest.raises(AppendOnlyError):
        question.save()
    with pytest.raises(AppendOnlyError):
        Challenge.objects.all().delete()
