"""Running a plan: progress updates, completion and sign-off, and what the other writers
share (errors, locking, checks). RAG overrides and rule sets are in `overrides`, editing
and adding actions in `editing`, challenges and answers in `challenging`; their names are
still importable from here (`services.edit_action`), as they were before the split.

Every function takes the acting `user` and trusts its caller (the web layer) to have
checked that this user may do it. Each one writes in a single transaction and records
who and when; proposals and decisions are announced in it (core/events.py), for whoever
listens (notifications). Nothing here changes or deletes a progress record, an override, a
challenge or an answer: a correction is a new one.

The action's `version` counts the changes others act on (edits, proposals, decisions):
`edit_action` and the sign-off steps take the version the user saw and raise StaleEdit
when someone else has saved since. Ordinary updates only add a record, so two officers
reporting at once both keep what they wrote.

`at`, where taken, is when the thing was written (default: now); only loading past
records (the demo, a council's earlier updates) passes it.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import importlib
from collections.abc import Iterable, Mapping
from pathlib import PurePath
from typing import TYPE_CHECKING, cast

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import transaction
from django.db.models import F, Model
from django.utils import timezone

from actionplan.core import events
from actionplan.core.errors import UserError
from actionplan.core.presenters.people import display_name
from actionplan.core.uploads import too_large
from actionplan.core.wording import long_date
from actionplan.monitoring import rag, statuses
from actionplan.monitoring.models import Evidence, RagRuleSet
from actionplan.plans.models import Action, ActionParty, Plan, ProgressRecord

Source = ProgressRecord.Source

# Documents, spreadsheets, presentations, PDFs and images; nothing a browser would run.
EVIDENCE_TYPES = frozenset(
    {".pdf", ".doc", ".docx", ".odt", ".rtf", ".txt", ".csv", ".xls", ".xlsx", ".ods"}
    | {".ppt", ".pptx", ".odp", ".png", ".jpg", ".jpeg", ".gif"}
)
# The statuses of work under way, which a returned or reopened action goes back to.
WORKING = (statuses.ON_TRACK, statuses.AT_RISK, statuses.OFF_TRACK)


class MonitoringError(UserError):
    """What was asked cannot be done. The message says why, in words for the user;
    `field` names the input at fault, for a form's error summary."""

    def __init__(self, message: str, field: str | None = None):
        super().__init__(message)
        self.field = field


class InvalidTransition(MonitoringError):
    """The action's status does not allow this step (e.g. signing off what nobody proposed)."""


class StaleEdit(MonitoringError):
    """Someone else saved the action after the user opened it. Carries the action as it is
    now (`action`, `current`) and who saved last, so the page can show both versions and
    keep the user's text."""

    def __init__(self, action: Action, expected_version: int):
        self.action = action
        self.expected_version = expected_version
        self.current = editable_state(action)
        self.saved_by, self.saved_at = last_saved(action)
        who = user_name(self.saved_by) or "Someone else"
        saved = timezone.localtime(self.saved_at) if self.saved_at else None
        when = f" at {saved:%H:%M} on {long_date(saved)}" if saved else ""
        super().__init__(
            f"{who} saved a change to this action{when}, after you opened it. Your changes "
            "have not been saved: compare them with the action as it is now, then save again."
        )


@dataclasses.dataclass(frozen=True)
class Link:
    """A link given as evidence."""

    url: str
    title: str = ""


def user_name(user) -> str:
    return display_name(user)


def latest_record(action: Action | int) -> ProgressRecord | None:
    """The record that gives the action's status now: the one that speaks for the latest
    date; of those, the last written."""
    return _records(action).first()


def current_status(action: Action | int) -> str | None:
    record = latest_record(action)
    return statuses.normalise(record.status) if record else None


def rules_for(plan: Plan | int) -> rag.RuleSet:
    """The plan's RAG rules: its own set, or the default."""
    rule_set = RagRuleSet.objects.filter(plan=plan).first()
    return rule_set.rule_set() if rule_set else rag.DEFAULT_RULES


def editable_state(action: Action) -> dict:
    """What edit_action can change, as it is stored: for a form, and for StaleEdit."""
    parties: dict[str, list[int]] = {
        role: [] for role in (ActionParty.Role.LEAD, ActionParty.Role.PARTNER)
    }
    for ap in action.action_parties.filter(role__in=parties).order_by("order", "pk"):
        parties[ap.role].append(ap.party_id)
    return {
        "version": action.version,
        "text": action.text,
        "resources": action.resources,
        "success_criteria": action.success_criteria,
        "steps": list(action.steps),
        "due": action.due,
        "leads": parties[ActionParty.Role.LEAD],
        "partners": parties[ActionParty.Role.PARTNER],
        "milestones": [
            {"id": m.pk, "text": m.text, "due": m.due, "done_on": m.done_on}
            for m in action.milestones.order_by("order", "pk")
        ],
    }


def last_saved(action: Action) -> tuple[object | None, dt.datetime | None]:
    """Who last made a versioned change to the action, and when: an edit (its history) or
    a proposal or decision (its progress records)."""
    candidates = []
    edit = (
        action.history.select_related("history_user")
        .order_by("-history_date", "-history_id")
        .first()
    )
    if edit is not None:
        candidates.append((edit.history_date, edit.history_user))
    step = (
        ProgressRecord.objects.filter(action=action)
        .exclude(source__in=[Source.IMPORT, Source.UPDATE])
        .select_related("author")
        .order_by("-created_at", "-pk")
        .first()
    )
    if step is not None:
        candidates.append((step.created_at, step.author))
    if not candidates:
        return None, None
    when, who = max(candidates, key=lambda c: c[0])
    return who, when


# --- progress updates and completion ---------------------------------------------------


def record_update(
    action: Action | int,
    *,
    user,
    status: str,
    narrative: str,
    percent_complete: int | None = None,
    next_steps: str = "",
    as_at: dt.date | None = None,
    files: Iterable = (),
    links: Iterable[Link] = (),
    milestones_done: Mapping[int, dt.date] | None = None,
    at: dt.datetime | None = None,
) -> ProgressRecord:
    """Add a progress update: a status (statuses.UPDATE_STATUSES), what has happened, what
    comes next, evidence; `milestones_done` marks milestones of the action as met (id ->
    date). `as_at` is the date it speaks for (default: the day it is written)."""
    at = at or timezone.now()
    if status not in statuses.UPDATE_STATUSES:
        if status in (statuses.COMPLETE, statuses.AWAITING_SIGN_OFF):
            raise MonitoringError(
                "An update cannot mark an action complete: propose its completion, with the "
                "evidence of impact, for the improvement lead to sign off",
                "status",
            )
        raise MonitoringError("Choose the action's status", "status")
    narrative = _required(narrative, "Say what has happened since the last update", "narrative")
    _check_percent(percent_complete)
    as_at = _check_as_at(as_at, at)
    files, links = _check_evidence(files, links)
    with transaction.atomic():
        action = _locked(action)
        current = current_status(action)
        if current == statuses.AWAITING_SIGN_OFF:
            raise InvalidTransition(
                "This action awaits sign-off: the improvement lead accepts or returns the "
                "proposal before it takes another update"
            )
        if current == statuses.COMPLETE:
            raise InvalidTransition(
                "This action is complete and signed off; the improvement lead can reopen it"
            )
        record = ProgressRecord.objects.create(
            action=action,
            as_at=as_at,
            status=status,
            percent_complete=percent_complete,
            text=narrative,
            next_steps=next_steps.strip(),
            source=Source.UPDATE,
            author=user,
            created_at=at,
        )
        _attach(record, files, links, at)
        if milestones_done:
            _mark_milestones(action, milestones_done, user, at)
    return record


def propose_completion(
    action: Action | int,
    *,
    user,
    expected_version: int,
    impact: str,
    files: Iterable = (),
    links: Iterable[Link] = (),
    as_at: dt.date | None = None,
    at: dt.datetime | None = None,
) -> ProgressRecord:
    """A lead officer reports the action complete, with the evidence of its impact: the
    action awaits the improvement lead's sign-off."""
    backdated, at = at is not None, at or timezone.now()
    impact = _required(
        impact, "Describe the evidence of impact: what has changed, and for whom", "impact"
    )
    as_at = _check_as_at(as_at, at)
    files, links = _check_evidence(files, links)
    with transaction.atomic():
        action = _claim(action, expected_version)
        current = current_status(action)
        if current in (statuses.AWAITING_SIGN_OFF, statuses.COMPLETE):
            raise InvalidTransition(
                f"This action is already {statuses.label(current).lower()}: there is nothing "
                "to propose"
            )
        record = ProgressRecord.objects.create(
            action=action,
            as_at=as_at,
            status=statuses.AWAITING_SIGN_OFF,
            percent_complete=100,
            text=impact,
            source=Source.PROPOSAL,
            author=user,
            created_at=at,
        )
        _attach(record, files, links, at)
        events.completion_proposed.send(ProgressRecord, record=record, backdated=backdated)
    return record


def accept_completion(
    action: Action | int,
    *,
    user,
    expected_version: int,
    note: str = "",
    at: dt.datetime | None = None,
) -> ProgressRecord:
    """The improvement lead signs the proposed completion off: the action is complete."""
    backdated, at = at is not None, at or timezone.now()
    with transaction.atomic():
        action = _claim(action, expected_version)
        _awaiting(action, "signed off")
        record = ProgressRecord.objects.create(
            action=action,
            as_at=timezone.localdate(at),
            status=statuses.COMPLETE,
            percent_complete=100,
            text=note.strip() or "Completion signed off.",
            source=Source.SIGN_OFF,
            author=user,
            created_at=at,
        )
        events.completion_decided.send(ProgressRecord, record=record, backdated=backdated)
        return record


def return_completion(
    action: Action | int,
    *,
    user,
    expected_version: int,
    reason: str,
    at: dt.datetime | None = None,
) -> ProgressRecord:
    """The improvement lead returns the proposal with a reason: the action goes back to the
    status it had before (on track if it had none to go back to)."""
    backdated, at = at is not None, at or timezone.now()
    reason = _required(reason, "Say why the completion is returned", "reason")
    with transaction.atomic():
        action = _claim(action, expected_version)
        _awaiting(action, "returned")
        before = _working_before(action)
        record = ProgressRecord.objects.create(
            action=action,
            as_at=timezone.localdate(at),
            # before's status is a working one (_working_before), so never None.
            status=cast(str, statuses.normalise(before.status)) if before else statuses.ON_TRACK,
            percent_complete=before.percent_complete if before else None,
            text=reason,
            source=Source.RETURN,
            author=user,
            created_at=at,
        )
        events.completion_decided.send(ProgressRecord, record=record, backdated=backdated)
        return record


def reopen_action(
    action: Action | int,
    *,
    user,
    expected_version: int,
    reason: str,
    status: str | None = None,
    at: dt.datetime | None = None,
) -> ProgressRecord:
    """The improvement lead reopens a signed-off action (a sign-off made in error, work
    found undone), with a reason. It goes back to the working status (and percent
    complete) it had before its completion was proposed, or on track if it had none;
    `status`, if given, says which working status it has instead."""
    at = at or timezone.now()
    reason = _required(reason, "Say why the action is reopened", "reason")
    if status is not None and status not in WORKING:
        raise MonitoringError("Choose on track, at risk or off track", "status")
    with transaction.atomic():
        action = _claim(action, expected_version)
        current = current_status(action)
        if current != statuses.COMPLETE:
            now = f"is {statuses.label(current).lower()}" if current else "has no update yet"
            raise InvalidTransition(
                f"Only an action signed off as complete can be reopened; this action {now}"
            )
        before = _working_before(action)
        return ProgressRecord.objects.create(
            action=action,
            as_at=timezone.localdate(at),
            status=status
            or (cast(str, statuses.normalise(before.status)) if before else statuses.ON_TRACK),
            percent_complete=before.percent_complete if before else None,
            text=reason,
            source=Source.REOPEN,
            author=user,
            created_at=at,
        )


# --- helpers --------------------------------------------------------------------------


def _records(action: Action | int):
    action_id = action.pk if isinstance(action, Action) else action
    return ProgressRecord.objects.filter(action_id=action_id).order_by(
        F("as_at").desc(nulls_last=True), "-created_at", "-id"
    )


def _action(action: Action | int) -> Action:
    if isinstance(action, Action):
        return action
    return Action.objects.select_related("recommendation").get(pk=action)


def _open(action: Action) -> Action:
    if action.retired:
        raise InvalidTransition(
            "This action has left the plan (the last import no longer has it): it is kept "
            "for its records and takes no more changes"
        )
    return action


def _locked(action: Action | int) -> Action:
    """The action, locked until the transaction ends, so that a decision on it and an
    update to it happen one after the other."""
    action_id = action.pk if isinstance(action, Action) else action
    return _open(Action.objects.select_for_update().get(pk=action_id))


def _claim(action: Action | int, expected_version: int) -> Action:
    """Move the action to its next version if it is still at `expected_version`; else
    StaleEdit. The conditional UPDATE is the lock: of two saves, one finds the old version."""
    action_id = action.pk if isinstance(action, Action) else action
    claimed = Action.objects.filter(pk=action_id, version=expected_version).update(
        version=F("version") + 1
    )
    current = _open(Action.objects.select_related("recommendation").get(pk=action_id))
    if not claimed:
        raise StaleEdit(current, expected_version)
    return current


def _working_before(action: Action) -> ProgressRecord | None:
    """The latest record that gave the action a working status: where a returned or a
    reopened action goes back to."""
    return next((r for r in _records(action) if statuses.normalise(r.status) in WORKING), None)


def _awaiting(action: Action, verb: str) -> ProgressRecord:
    latest = latest_record(action)
    status = statuses.normalise(latest.status) if latest else None
    if status != statuses.AWAITING_SIGN_OFF:
        raise InvalidTransition(
            f"Only a completion awaiting sign-off can be {verb}; this action is "
            f"{statuses.label(status).lower()}"
        )
    assert latest is not None  # its status is awaiting sign-off
    return latest


def _stamp(obj: Model, user, at: dt.datetime, reason: str) -> Model:
    """Who, when and why, for the history record that saving `obj` writes."""
    obj._history_user = user  # type: ignore[attr-defined]  # simple-history reads these
    obj._history_date = at  # type: ignore[attr-defined]
    obj._change_reason = reason  # type: ignore[attr-defined]
    return obj


def _required(text: object, message: str, field: str) -> str:
    text = str(text or "").strip()
    if not text:
        raise MonitoringError(message, field)
    return text


def _check_percent(percent: int | None) -> None:
    if percent is not None and (
        isinstance(percent, bool) or not isinstance(percent, int) or not 0 <= percent <= 100
    ):
        raise MonitoringError(
            "Percent complete must be a whole number from 0 to 100", "percent_complete"
        )


def update_problems(as_at: dt.date | None, files: Iterable, links: Iterable[Link]) -> list:
    """The checks record_update makes on its date and evidence, each run, so a form can show
    every problem at once rather than one per submit."""
    problems = []
    for check in (
        lambda: _check_as_at(as_at, timezone.now()),
        lambda: _check_evidence(files, links),
    ):
        try:
            check()
        except MonitoringError as e:
            problems.append(e)
    return problems


def _check_as_at(as_at: dt.date | None, at: dt.datetime) -> dt.date:
    today = timezone.localdate(at)
    if as_at is None:
        return today
    if as_at > today:
        raise MonitoringError("The date the update is for cannot be in the future", "as_at")
    return as_at


def _date_or_none(value: object, field: str) -> dt.date | None:
    if value is None or isinstance(value, dt.date):
        return value
    raise MonitoringError("Enter a real date", field)


def _check_evidence(files: Iterable, links: Iterable[Link]) -> tuple[list, list[Link]]:
    files, links = list(files), list(links)
    for f in files:
        name = PurePath(f.name or "").name
        if PurePath(name).suffix.lower() not in EVIDENCE_TYPES:
            raise MonitoringError(
                f"{name or 'The file'} is not a type evidence can be: use a document, "
                "spreadsheet, presentation, PDF or image",
                "files",
            )
        if problem := too_large(f.size, name):
            raise MonitoringError(problem, "files")
    check = URLValidator(schemes=["http", "https"])
    for link in links:
        try:
            check(link.url)
        except ValidationError:
            raise MonitoringError(
                f"{link.url!r} is not a web address: it should start https://", "links"
            ) from None
    return files, links


def _attach(record: ProgressRecord, files: list, links: list[Link], at: dt.datetime) -> None:
    for f in files:
        name = PurePath(f.name).name
        Evidence.objects.create(update=record, file=f, title=name, created_at=at)
    for link in links:
        Evidence.objects.create(
            update=record, url=link.url, title=link.title.strip(), created_at=at
        )


def _mark_milestones(action: Action, done: Mapping[int, dt.date], user, at: dt.datetime) -> None:
    milestones = {m.pk: m for m in action.milestones.filter(pk__in=list(done))}
    missing = set(done) - set(milestones)
    if missing:
        raise MonitoringError("A milestone given as met is not one of this action's", "milestones")
    for pk, on in done.items():
        milestone = milestones[pk]
        if milestone.done_on != on:
            milestone.done_on = _date_or_none(on, "milestones")
            _stamp(milestone, user, at, "met").save(update_fields=["done_on"])


# Moved out by concern (issue 11); read through here so that existing imports keep working.
_MOVED = {
    "override_rag": "overrides",
    "clear_override": "overrides",
    "set_rag_rules": "overrides",
    "reset_rag_rules": "overrides",
    "EDITABLE": "editing",
    "edit_action": "editing",
    "add_action": "editing",
    "ask": "challenging",
    "answer": "challenging",
}

if TYPE_CHECKING:  # the same names as __getattr__ gives, for the type checker
    from actionplan.monitoring.challenging import answer as answer
    from actionplan.monitoring.challenging import ask as ask
    from actionplan.monitoring.editing import EDITABLE as EDITABLE
    from actionplan.monitoring.editing import add_action as add_action
    from actionplan.monitoring.editing import edit_action as edit_action
    from actionplan.monitoring.overrides import clear_override as clear_override
    from actionplan.monitoring.overrides import override_rag as override_rag
    from actionplan.monitoring.overrides import reset_rag_rules as reset_rag_rules
    from actionplan.monitoring.overrides import set_rag_rules as set_rag_rules


def __getattr__(name: str) -> object:
    if name in _MOVED:
        return getattr(importlib.import_module(f"actionplan.monitoring.{_MOVED[name]}"), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
