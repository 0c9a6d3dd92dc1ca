"""Decisions recorded back: what the body resolved on an issued paper (docs/papers.md).

Each resolution is stored beside the frozen paper (models.Resolution) and makes what it
says, through the services that own it, so that it shows in the history of what it
touched: a further report becomes a reporting line to the body (relinked to its
meetings: the forward plan shows it), a question a challenge on the action
(monitoring.challenging), a new action joins the plan with the resolution as its source
(monitoring.add_action, as an audit's finding does). Noted and approved make nothing.
The next paper to the body lists them as matters arising (`matters_arising`).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence

from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from actionplan.core.errors import UserError
from actionplan.core.wording import action_label, long_date
from actionplan.governance.linking import relink
from actionplan.monitoring import challenging, editing
from actionplan.monitoring.services import MonitoringError, _stamp
from actionplan.plans.models import Action, Recommendation, ReportingRequirement
from actionplan.reports.data import from_json
from actionplan.reports.models import Paper, Resolution

Kind = Resolution.Kind


class DecisionError(UserError):
    """A resolution that cannot be recorded as given; `field` names the form's field."""

    def __init__(self, message: str, field: str | None = None):
        super().__init__(message)
        self.field = field


def paper_actions(paper: Paper) -> list[tuple[int, str]]:
    """The actions of the issued paper's Annex A, as (id, "ref: text"), in its order."""
    data = from_json(paper.data or {})
    return [(i.action_id, f"{i.ref}: {i.text}") for r in data.annex for i in r.items]


def find_action(paper: Paper, given: str) -> Action:
    """An action of the paper by its ref as the paper shows it ("7 / 2", "7/2") or its id."""
    wanted = _fold(given)
    for action_id, label in paper_actions(paper):
        ref = label.split(": ", 1)[0]
        if wanted in (_fold(ref), str(action_id)):
            return Action.objects.get(pk=action_id)
    raise DecisionError(f"the paper has no action {given!r}: give its ref, like 7 / 2", "action")


def find_recommendation(paper: Paper, number: str) -> Recommendation:
    for r in paper.plan.recommendations.all():
        if _fold(r.number) == _fold(number):
            return r
    raise DecisionError(f"the plan has no recommendation {number!r}", "recommendation")


def record(
    paper: Paper,
    kind: str,
    *,
    user,
    text: str,
    resolved_on: dt.date | None = None,
    action: Action | None = None,
    due: dt.date | None = None,
    recommendation: Recommendation | None = None,
    leads: Sequence[int] = (),
    at: dt.datetime | None = None,
) -> Resolution:
    """Record one resolution on an issued paper and make what it says, in one transaction.
    `resolved_on` defaults to the paper's meeting (else today)."""
    if not paper.issued:
        raise DecisionError("decisions are recorded on an issued paper: issue it first")
    if kind not in Kind.values:
        raise DecisionError(f"a resolution is one of {', '.join(Kind.values)}, not {kind!r}")
    text = " ".join((text or "").split())
    if not text:
        raise DecisionError("Enter what the body resolved", "text")
    data = from_json(paper.data or {})
    resolved_on = resolved_on or data.meeting or timezone.localdate()
    at = at or timezone.now()
    body = paper.body.abbreviation or paper.body.name
    source = f"resolved by the {body} on {long_date(resolved_on)} (paper {paper.pk})"
    if kind in (Kind.FURTHER_REPORT, Kind.QUESTION) and action is None:
        raise DecisionError("Choose the action it is about", "action")
    if action is not None and action.recommendation.plan_id != paper.plan_id:
        raise DecisionError("Choose an action of this plan", "action")
    if kind == Kind.FURTHER_REPORT and due is None:
        raise DecisionError("Enter the date the further report is due by", "due")
    if kind == Kind.FURTHER_REPORT and due is not None and due < resolved_on:
        raise DecisionError("The further report must be due after the meeting", "due")
    if kind == Kind.NEW_ACTION and recommendation is None:
        raise DecisionError("Choose the recommendation the new action is for", "recommendation")
    with transaction.atomic():
        resolution = Resolution(
            paper=paper,
            kind=kind,
            text=text,
            resolved_on=resolved_on,
            action=action if kind in (Kind.FURTHER_REPORT, Kind.QUESTION) else None,
            due=due if kind == Kind.FURTHER_REPORT else None,
            recorded_by=user,
            recorded_at=at,
        )
        if kind == Kind.FURTHER_REPORT:
            resolution.reporting = _reporting_line(paper, action, due, body, source, user, at)
        elif kind == Kind.QUESTION:
            assert action is not None  # checked above
            resolution.challenge = challenging.ask(
                action, user=user, question=f"{text} (the {body}, {long_date(resolved_on)})", at=at
            )
        elif kind == Kind.NEW_ACTION:
            assert recommendation is not None  # checked above
            try:
                resolution.new_action = editing.add_action(
                    recommendation,
                    user=user,
                    text=text,
                    leads=list(leads),
                    due=due,
                    reason=source,
                    at=at,
                )
            except MonitoringError as e:
                raise DecisionError(str(e), e.field) from None
        resolution.save()
    if kind == Kind.FURTHER_REPORT:
        relink(plan_id=paper.plan_id, body_ids=[paper.body_id])  # onto the forward plan
    return resolution


def _reporting_line(paper, action, due, body, source, user, at) -> ReportingRequirement:
    order = (action.reporting.aggregate(n=Max("order"))["n"] or 0) + 1
    line = ReportingRequirement(
        action=action,
        body=paper.body,
        body_label=body,
        text=f"Further report to {body} by {long_date(due)}, as {source}",
        due=due,
        order=order,
    )
    _stamp(line, user, at, source).save()
    return line


def matters_arising(paper: Paper) -> tuple[str, ...]:
    """What the body resolved on `paper`, as the next paper's matters arising."""
    return tuple(describe(r) for r in paper.resolutions.select_related("action", "new_action"))


def describe(r: Resolution) -> str:
    if r.kind == Kind.FURTHER_REPORT:
        return f"{r.text}: a further report on {_ref(r.action)} by {long_date(r.due)}."
    if r.kind == Kind.QUESTION:
        return f"{r.text}: a question on {_ref(r.action)}, put to its lead officer."
    if r.kind == Kind.NEW_ACTION:
        made = f", added to the plan as {_ref(r.new_action)}" if r.new_action else ""
        return f"A new action: {r.text}{made}."
    return f"{r.get_kind_display()}: {r.text}"


def _ref(action: Action | None) -> str:
    if action is None:
        return "an action since removed"
    label = action_label(action.ref, action.number, action.order)
    return f"action {action.recommendation.number} / {label}"


def _fold(text: str) -> str:
    return re.sub(r"\s+", "", text or "").casefold()
