"""Challenge: a member's question about an action or a recommendation, and the answers."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from actionplan.core import events
from actionplan.monitoring.models import Answer, Challenge
from actionplan.monitoring.services import _required
from actionplan.plans.models import Action, Recommendation


def ask(
    about: Action | Recommendation, *, user, question: str, at: dt.datetime | None = None
) -> Challenge:
    """A member's question about an action or a recommendation."""
    question = _required(question, "Enter your question", "question")
    if isinstance(about, Action):
        target = {"action": about, "plan_id": about.recommendation.plan_id}
    elif isinstance(about, Recommendation):
        target = {"recommendation": about, "plan_id": about.plan_id}
    else:
        raise TypeError("a challenge is about an action or a recommendation")
    challenge = Challenge.objects.create(
        question=question, asked_by=user, asked_at=at or timezone.now(), **target
    )
    events.question_asked.send(Challenge, challenge=challenge, backdated=at is not None)
    return challenge


def answer(challenge: Challenge, *, user, text: str, at: dt.datetime | None = None) -> Answer:
    """An officer's answer; a challenge may have several (a follow-up, a correction)."""
    text = _required(text, "Enter the answer", "text")
    reply = Answer.objects.create(
        challenge=challenge, text=text, answered_by=user, answered_at=at or timezone.now()
    )
    events.question_answered.send(Answer, answer=reply, backdated=at is not None)
    return reply
