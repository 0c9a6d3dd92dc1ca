"""Everything that happened to an action (or a recommendation), in one dated list, and as CSV.

The list merges the structure's history (django-simple-history: each saved version, with
who saved it, when and why, turned into field-by-field changes) with the append-only
records: progress updates, completion proposals and decisions, RAG overrides, challenges
and their answers. A fixed number of queries, whatever the length of the history.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterable, Iterator
from typing import TextIO, cast

from django.db import transaction
from django.db.models import F, Model, QuerySet
from django.utils import timezone

from actionplan.core.spreadsheets import write_csv_rows
from actionplan.core.wording import action_label, long_date
from actionplan.monitoring import statuses
from actionplan.monitoring import versions as plan_versions
from actionplan.monitoring.models import Challenge, RagOverride
from actionplan.monitoring.services import user_name
from actionplan.plans.models import (
    Action,
    ActionParty,
    Milestone,
    Party,
    Plan,
    ProgressRecord,
    Recommendation,
    ReportingRequirement,
    Responsibility,
)


@dataclasses.dataclass(frozen=True)
class Change:
    field: str
    before: str
    after: str


@dataclasses.dataclass(frozen=True)
class HistoryEntry:
    at: dt.datetime
    who: str  # empty when nobody signed in made it (an import from the command line)
    what: str  # "Action changed", "Milestone added", "Progress update", "Question asked", ...
    subject: str = ""  # which milestone, lead, reporting line or question
    changes: tuple[Change, ...] = ()
    text: str = ""  # a narrative, a reason, a question or an answer
    reason: str = ""  # why the structure changed: "import", "edited", "met", ...


# The fields of each tracked model that people read, with their names; the rest (order,
# key, where in the document) is bookkeeping.
_SHOWN: dict[type[Model], dict[str, str]] = {
    Action: {
        "text": "Action",
        "resources": "Resources",
        "due": "End date",
        "lead_text": "Lead officer (as written)",
        "partners_text": "Key partners (as written)",
        "milestones_text": "Milestones (as written)",
        "reporting_text": "Reporting (as written)",
        "ref": "Reference",
        "number": "Number",
        "part": "Part",
        "phase": "Phase",
        "success_criteria": "Success criteria",
        "steps": "Steps",
        "parent_id": "Part of action",
        "retired": "Retired",
    },
    Milestone: {"text": "Milestone", "due": "Due", "done_on": "Met on"},
    ReportingRequirement: {
        "text": "Reporting",
        "body_label": "Body",
        "due": "Due",
        "frequency": "Frequency",
    },
    ActionParty: {"party_id": "Who", "role": "Role", "text": "As written"},
    Recommendation: {"number": "Number", "title": "Recommendation", "retired": "Retired"},
    Responsibility: {"party_id": "Who", "text": "As written"},
}
_NOUN = {
    Action: "Action",
    Milestone: "Milestone",
    ReportingRequirement: "Reporting line",
    Recommendation: "Recommendation",
    Responsibility: "Overall responsibility",
}
_VERB = {"+": "added", "~": "changed", "-": "removed"}
_ROLE = {"lead": "Lead", "partner": "Partner", "mention": "Mention"}
_RECORD = {
    ProgressRecord.Source.IMPORT: "Progress imported",
    ProgressRecord.Source.UPDATE: "Progress update",
    ProgressRecord.Source.PROPOSAL: "Completion proposed",
    ProgressRecord.Source.SIGN_OFF: "Completion signed off",
    ProgressRecord.Source.RETURN: "Completion returned",
    ProgressRecord.Source.REOPEN: "Reopened",
}


def action_history(action: Action, *, until: dt.datetime | None = None) -> list[HistoryEntry]:
    """Every change to the action, its milestones, leads and partners, reporting lines,
    and every update, decision, override, question and answer, oldest first; only what
    happened before `until`, if given."""
    versions = {
        Action: Action.history.filter(id=action.pk),
        Milestone: Milestone.history.filter(action_id=action.pk),
        ActionParty: ActionParty.history.filter(action_id=action.pk),
        ReportingRequirement: ReportingRequirement.history.filter(action_id=action.pk),
    }
    records = ProgressRecord.objects.filter(action=action).prefetch_related("evidence")
    overrides = RagOverride.objects.filter(action=action).select_related("created_by")
    questions = Challenge.objects.filter(action=action)
    if until is not None:
        versions = {m: q.filter(history_date__lt=until) for m, q in versions.items()}
        records = records.filter(created_at__lt=until)
        overrides = overrides.filter(created_at__lt=until)
        questions = questions.filter(asked_at__lt=until)
    loaded = {m: list(q.select_related("history_user")) for m, q in versions.items()}
    names = _names(loaded)
    labels = {
        a.pk: action_label(a.ref, a.number, a.order)
        for a in Action.objects.filter(
            pk__in={v.parent_id for v in loaded[Action] if v.parent_id}
        ).only("ref", "number", "order")
    }
    entries = [e for model, rows in loaded.items() for e in _structure(model, rows, names, labels)]
    entries += _records(records.select_related("author"))
    entries += _overrides(overrides)
    entries += _challenges(questions, until)
    return sorted(entries, key=lambda e: e.at)


def recommendation_history(
    recommendation: Recommendation, *, until: dt.datetime | None = None
) -> list[HistoryEntry]:
    """Changes to the recommendation and its owners, and the questions asked about it;
    its actions have their own histories."""
    versions = {
        Recommendation: Recommendation.history.filter(id=recommendation.pk),
        Responsibility: Responsibility.history.filter(recommendation_id=recommendation.pk),
    }
    questions = Challenge.objects.filter(recommendation=recommendation)
    if until is not None:
        versions = {m: q.filter(history_date__lt=until) for m, q in versions.items()}
        questions = questions.filter(asked_at__lt=until)
    loaded = {m: list(q.select_related("history_user")) for m, q in versions.items()}
    names = _names(loaded)
    entries = [e for model, rows in loaded.items() for e in _structure(model, rows, names, {})]
    entries += _challenges(questions, until)
    return sorted(entries, key=lambda e: e.at)


def date_plan_from(plan: Plan, when: dt.datetime) -> None:
    """Move the plan's recorded history so that it begins at `when`, every version keeping
    its place: for a plan that was running before it was stored here (the demo plan of
    2012-13, a council loading its past updates with `at=`). Call it straight after the
    first import. Progress records and the other records keep their own dates."""
    first = Plan.history.filter(id=plan.pk).order_by("history_date", "history_id").first()
    if first is None:
        return
    shift = first.history_date - when
    rec_ids = Recommendation.history.filter(plan_id=plan.pk).values("id")
    action_ids = Action.history.filter(recommendation_id__in=rec_ids).values("id")
    rows = {
        Plan: {"id": plan.pk},
        Recommendation: {"plan_id": plan.pk},
        Responsibility: {"recommendation_id__in": rec_ids},
        Action: {"recommendation_id__in": rec_ids},
        ActionParty: {"action_id__in": action_ids},
        Milestone: {"action_id__in": action_ids},
        ReportingRequirement: {"action_id__in": action_ids},
    }
    with transaction.atomic():
        for model, filters in rows.items():
            history = model.history  # type: ignore[attr-defined]  # simple-history's manager
            history.filter(**filters).update(history_date=F("history_date") - shift)
        plan_versions.bump(plan_id=plan.pk)  # the plan's past changed: no cached "as at" holds


HEADERS = ["When", "Who", "What", "Subject", "Field", "Before", "After", "Text", "Why"]


def write_csv(entries: Iterable[HistoryEntry], out: TextIO) -> None:
    """One row per changed field (one row for an entry without fields), in local time."""
    write_csv_rows(out, [HEADERS, *_rows(entries)])


def _rows(entries: Iterable[HistoryEntry]) -> Iterator[list[str]]:
    for e in entries:
        when = timezone.localtime(e.at).strftime("%Y-%m-%d %H:%M")
        for change in e.changes or (Change("", "", ""),):
            fields = [change.field, change.before, change.after]
            yield [when, e.who, e.what, e.subject, *fields, e.text, e.reason]


def _names(loaded: dict[type[Model], list]) -> dict[int, str]:
    ids = {v.party_id for rows in loaded.values() for v in rows if hasattr(v, "party_id")}
    return dict(Party.objects.filter(pk__in=ids).values_list("pk", "name")) if ids else {}


def _shown(value: object, field: str, names: dict[int, str], labels: dict[int, str]) -> str:
    if value is None or value == "":
        return ""
    if field == "party_id":
        return names.get(cast(int, value), f"#{value}")  # an id
    if field == "parent_id":
        return labels.get(cast(int, value), f"#{value}")
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, list):  # an action's steps
        return "; ".join(str(v) for v in value)
    if isinstance(value, dt.date):
        return long_date(value)
    return str(value)


def _structure(model, rows: list, names: dict[int, str], labels: dict[int, str]):
    """Entries for one model's versions: what each version changed from the one before."""
    fields = _SHOWN[model]

    def show(row, name: str) -> str:
        return _shown(getattr(row, name), name, names, labels) if row is not None else ""

    previous: dict[int, object] = {}
    for v in sorted(rows, key=lambda v: (v.history_date, v.history_id)):
        before = previous.get(v.id)
        previous[v.id] = v
        changes: tuple[Change, ...]
        if v.history_type == "-":
            changes = ()
        else:
            changes = tuple(
                Change(label, show(before, name), show(v, name))
                for name, label in fields.items()
                if show(before, name) != show(v, name)
                # A new row lists what it has, not every flag it has not.
                and not (before is None and show(v, name) == "no")
            )
            if v.history_type == "~" and not changes:
                continue  # only bookkeeping changed (an order number)
        yield HistoryEntry(
            at=v.history_date,
            who=user_name(v.history_user),
            what=_what(model, v),
            subject=_subject(model, v, names),
            changes=changes,
            reason=v.history_change_reason or "",
        )


def _what(model, version) -> str:
    verb = _VERB[version.history_type]
    if model is Action:
        return {"+": "Action created", "~": "Action changed", "-": "Action deleted"}[
            version.history_type
        ]
    if model is ActionParty:
        return f"{_ROLE.get(version.role, 'Party')} {verb}"
    return f"{_NOUN[model]} {verb}"


def _subject(model, version, names: dict[int, str]) -> str:
    if model in (ActionParty, Responsibility):
        return names.get(version.party_id, "")
    if model in (Milestone, ReportingRequirement):
        return version.text
    return ""


def _records(records: QuerySet) -> list[HistoryEntry]:
    entries = []
    for r in records:
        status = statuses.normalise(r.status)
        changes = [
            Change("Status", "", statuses.label(status) if status else r.status),
            Change(
                "Percent complete",
                "",
                "" if r.percent_complete is None else f"{r.percent_complete}%",
            ),
            Change("Date it is for", "", _shown(r.as_at, "as_at", {}, {})),
            Change("Next steps", "", r.next_steps),
            Change(
                "Evidence",
                "",
                "; ".join(e.title or e.url or e.file.name for e in r.evidence.all()),
            ),
        ]
        entries.append(
            HistoryEntry(
                at=r.created_at,
                who=user_name(r.author),
                what=_RECORD[r.source],
                changes=tuple(c for c in changes if c.after),
                text=r.text,
            )
        )
    return entries


def _overrides(overrides: QuerySet) -> list[HistoryEntry]:
    return [
        HistoryEntry(
            at=o.created_at,
            who=user_name(o.created_by),
            what="RAG overridden" if o.colour else "RAG override cleared",
            changes=(Change("RAG", "", o.colour),) if o.colour else (),
            text=o.reason,
        )
        for o in overrides
    ]


def _challenges(questions: QuerySet, until: dt.datetime | None) -> list[HistoryEntry]:
    entries = []
    for c in questions.select_related("asked_by").prefetch_related("answers__answered_by"):
        entries.append(
            HistoryEntry(c.asked_at, user_name(c.asked_by), "Question asked", text=c.question)
        )
        entries += [
            HistoryEntry(
                a.answered_at,
                user_name(a.answered_by),
                "Question answered",
                subject=c.question,
                text=a.text,
            )
            for a in c.answers.all()
            if until is None or a.answered_at < until
        ]
    return entries
