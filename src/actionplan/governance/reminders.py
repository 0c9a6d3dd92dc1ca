"""Reminders and escalation, each e-mail sent exactly once (docs/governance.md).

A run has two steps, and either can run in any number of workers at once:

1. `plan_reminders(today)` works out who should hear what today and inserts one Reminder
   row per (recipient, action, kind, due date, days before). A unique constraint makes it
   idempotent: a second run, or a second worker, inserts nothing new.
2. `deliver_pending(worker)` sends the pending rows one at a time. For each, one database
   transaction claims the row (a conditional UPDATE from pending to sent, after picking it
   with SELECT ... FOR UPDATE SKIP LOCKED where the database has row locks, or under
   SQLite's write lock), hands the e-mail to Django's mail backend, and commits. Two
   workers cannot both claim a row; a worker killed before the commit leaves the row
   pending, so the next run sends it, once. A send that fails rolls the claim back too; the
   failure is recorded and the row retried later, up to MAX_ATTEMPTS.

What the rows are about (with the plan's ReminderPolicy, or the defaults):

- MILESTONE: a milestone of an action falls due in `days_before` days (14 and 3 by
  default; when several apply at once, only the nearest) -> the action's leads.
- REPORT: a meeting that hears one of the action's reporting lines, or a dated line no
  meeting hears yet, is that near -> the action's leads.
- UPDATE_MISSING: such a meeting is `update_missing_days` away and the action has no
  progress update since the body's previous meeting -> the action's leads.
- OVERDUE: the action's end date (its due date, else its last milestone) has passed without
  it being finished, or a meeting heard it without an update -> the owners of its
  recommendation (overall responsibility), `escalate_after_days` after the date and for
  `escalation_window_days`, after which the board papers carry it instead.

- DEADLINE: another app's deadline (an audit due), through `deadline_sources`, is
  `days_before` away -> the parties the deadline names.

Nothing is sent about an action that is retired or whose latest update says it finished,
nor about a milestone its lead has reported met.
"""

from __future__ import annotations

import datetime as dt
import logging
from bisect import bisect_left
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from django.utils import timezone

from actionplan.core.wording import action_label, long_date
from actionplan.governance.contacts import email_addresses
from actionplan.governance.delivery import Delivered, deliver_pending
from actionplan.governance.models import (
    DEFAULT_DAYS_BEFORE,
    Meeting,
    Reminder,
    ReminderPolicy,
    ReportingLink,
)
from actionplan.governance.progress import (
    Update,
    has_update_between,
    is_finished,
    latest,
    updates_for_plan,
)
from actionplan.plans.models import (
    Action,
    ActionParty,
    Milestone,
    Party,
    Plan,
    ReportingRequirement,
    Responsibility,
)

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Policy:
    enabled: bool = True
    days_before: tuple[int, ...] = DEFAULT_DAYS_BEFORE
    update_missing_days: int = 7
    escalate_after_days: int = 1
    escalation_window_days: int = 30


def policy_for(plan: Plan) -> Policy:
    row = ReminderPolicy.objects.filter(plan=plan).first()
    if row is None:
        return Policy()
    days = tuple(sorted({int(d) for d in row.days_before or () if int(d) >= 0}, reverse=True))
    return Policy(
        enabled=row.enabled,
        days_before=days,
        update_missing_days=row.update_missing_days,
        escalate_after_days=row.escalate_after_days,
        escalation_window_days=row.escalation_window_days,
    )


def nearest_reminder(due: dt.date, today: dt.date, days_before: Iterable[int]) -> int | None:
    """Which "n days before" reminder is due today for something due on `due`: the nearest
    one whose day has come, so a late first run sends one reminder, not one per setting."""
    if due < today:
        return None
    come = [n for n in days_before if due - dt.timedelta(days=n) <= today]
    return min(come) if come else None


# --- Step 1: planning


@dataclass
class Planned:
    created: int = 0
    candidates: int = 0
    without_address: set[str] = field(default_factory=set)
    without_owner: set[str] = field(default_factory=set)


@dataclass
class _Draft:
    plan_id: int
    action_id: int
    party_id: int
    kind: str
    due: dt.date
    days_before: int
    body_id: int | None
    lines: list[str] = field(default_factory=list)


def _when(due: dt.date, today: dt.date) -> str:
    days = (due - today).days
    return "today" if days == 0 else "tomorrow" if days == 1 else f"in {days} days"


class _PlanReminders:
    """The reminders one plan calls for today."""

    def __init__(self, plan: Plan, today: dt.date, policy: Policy):
        self.plan, self.today, self.policy = plan, today, policy
        self.drafts: dict[tuple, _Draft] = {}
        self.without_owner: set[str] = set()
        actions = Action.objects.filter(recommendation__plan=plan, retired=False)
        self.actions = {a.pk: a for a in actions.select_related("recommendation")}
        self.leads: dict[int, list[int]] = defaultdict(list)
        self.names: dict[int, str] = {}
        for action_id, party_id, name in ActionParty.objects.filter(
            action_id__in=self.actions, role=ActionParty.Role.LEAD
        ).values_list("action_id", "party_id", "party__name"):
            self.leads[action_id].append(party_id)
            self.names[party_id] = name
        self.owners: dict[int, list[int]] = defaultdict(list)
        for rec_id, party_id, name in Responsibility.objects.filter(
            recommendation__plan=plan
        ).values_list("recommendation_id", "party_id", "party__name"):
            self.owners[rec_id].append(party_id)
            self.names[party_id] = name
        self.updates = updates_for_plan(plan.pk, as_at=today)

    def label(self, action: Action) -> str:
        return f"{action_label(action.ref, action.number, action.order)} of recommendation {action.recommendation.number}"

    def add(self, parties, action: Action, kind: str, due, days_before, body_id, line) -> None:
        for party_id in parties:
            key = (party_id, action.pk, kind, due, days_before)
            draft = self.drafts.get(key)
            if draft is None:
                draft = self.drafts[key] = _Draft(
                    self.plan.pk, action.pk, party_id, kind, due, days_before, body_id
                )
            if line not in draft.lines:
                draft.lines.append(line)

    def collect(self) -> None:
        today, policy = self.today, self.policy
        finished = {a for a in self.actions if is_finished(self.updates.get(a, []))}
        live = [a for a in self.actions.values() if a.pk not in finished]

        ends: dict[int, dt.date] = {a.pk: a.due for a in live if a.due}
        for m in Milestone.objects.filter(action_id__in=[a.pk for a in live], due__isnull=False):
            due = m.due
            assert due is not None  # by the filter
            action = self.actions[m.action_id]
            if not action.due:
                ends[action.pk] = max(ends.get(action.pk, due), due)
            if m.done_on and m.done_on <= today:
                continue  # met already: nothing to remind anyone of
            n = nearest_reminder(due, today, policy.days_before)
            if n is not None:
                line = f"Milestone due {_when(due, today)} ({long_date(due)}): {m.text}"
                self.add(self.leads[action.pk], action, Reminder.Kind.MILESTONE, due, n, None, line)

        for action in live:
            end = ends.get(action.pk)
            if end and self._escalate(end):
                last = latest(self.updates.get(action.pk, []))
                said = (
                    f"; its latest update ({long_date(last.on)}) does not say it is finished"
                    if last
                    else "; it has no progress update"
                )
                line = f"Action {self.label(action)} was due to end on {long_date(end)}{said}."
                self._escalation(action, end, line)

        self._reports(live)

    def _escalate(self, due: dt.date) -> bool:
        since = (self.today - due).days
        after = self.policy.escalate_after_days
        return after <= since <= after + self.policy.escalation_window_days

    def _escalation(self, action: Action, due: dt.date, line: str) -> None:
        owners = self.owners.get(action.recommendation_id, [])
        if not owners:
            self.without_owner.add(f"recommendation {action.recommendation.number}")
        self.add(owners, action, Reminder.Kind.OVERDUE, due, 0, None, line)

    def _reports(self, live: list[Action]) -> None:
        lines = {
            r.pk: r
            for r in ReportingRequirement.objects.filter(
                action_id__in={a.pk for a in live}, body__isnull=False
            ).select_related("body")
        }
        meetings: dict[int | None, list[dt.date]] = defaultdict(list)
        for body_id, date in (
            Meeting.objects.filter(body_id__in={r.body_id for r in lines.values()})
            .order_by("date")
            .values_list("body_id", "date")
        ):
            meetings[body_id].append(date)
        heard: set[int] = set()
        for requirement_id, date in ReportingLink.objects.filter(
            requirement_id__in=lines
        ).values_list("requirement_id", "meeting__date"):
            line = lines[requirement_id]
            heard.add(line.pk)
            dates = meetings[line.body_id]
            i = bisect_left(dates, date)
            self._meeting(line, date, dates[i - 1] if i > 0 else None)
        for line in lines.values():
            if line.pk not in heard and line.due:
                self._report_due(line, line.due, "; no meeting is entered yet")

    def _report_due(self, line: ReportingRequirement, date: dt.date, note: str = "") -> None:
        n = nearest_reminder(date, self.today, self.policy.days_before)
        if n is not None:
            action, name = self.actions[line.action_id], _body_name(line)
            text = f"Report due to {name} {_when(date, self.today)} ({long_date(date)}{note}): {line.text}"
            self.add(
                self.leads[action.pk], action, Reminder.Kind.REPORT, date, n, line.body_id, text
            )

    def _meeting(self, line: ReportingRequirement, date: dt.date, previous: dt.date | None) -> None:
        """The reminders about one meeting that hears one of an action's reporting lines."""
        self._report_due(line, date)
        action, name = self.actions[line.action_id], _body_name(line)
        updates: list[Update] = self.updates.get(action.pk, [])
        since = f"since {name} last met ({long_date(previous)})" if previous else "yet"
        days_to_go = (date - self.today).days
        if 0 <= days_to_go <= self.policy.update_missing_days and not has_update_between(
            updates, previous, self.today
        ):
            text = (
                f"{name} meets {_when(date, self.today)} ({long_date(date)}) and action "
                f"{self.label(action)} has no progress update {since}."
            )
            kind = Reminder.Kind.UPDATE_MISSING
            self.add(self.leads[action.pk], action, kind, date, 0, line.body_id, text)
        if self._escalate(date) and not has_update_between(updates, previous, date):
            text = (
                f"{name} met on {long_date(date)} to hear action {self.label(action)}, "
                f"which had no progress update {since}."
            )
            self._escalation(action, date, text)


def _body_name(line: ReportingRequirement) -> str:
    body = line.body
    assert body is not None  # only lines to a body are reminded of (body__isnull=False)
    return body.abbreviation or body.name


_SUBJECTS: dict[str, str] = {
    Reminder.Kind.MILESTONE: "Reminder: a milestone of action {label} is due on {due}",
    Reminder.Kind.REPORT: "Reminder: a report on action {label} is due on {due}",
    Reminder.Kind.UPDATE_MISSING: "Update needed: action {label} before the meeting on {due}",
    Reminder.Kind.OVERDUE: "Overdue: action {label}",
}
_WHY: dict[str, str] = {
    Reminder.Kind.OVERDUE: "You have overall responsibility for recommendation {rec} of the plan.",
}


def _compose(work: _PlanReminders, draft: _Draft) -> tuple[str, str]:
    action = work.actions[draft.action_id]
    label = work.label(action)
    subject = _SUBJECTS[draft.kind].format(label=label, due=long_date(draft.due))
    why = _WHY.get(draft.kind, "You lead this action in the plan.").format(
        rec=action.recommendation.number
    )
    last = latest(work.updates.get(action.pk, []))
    latest_line = (
        f"Latest progress update ({long_date(last.on)}): {' '.join(last.text.split())[:300] or 'no narrative'}"
        if last
        else "No progress update has been recorded."
    )
    text = "\n".join(
        [
            f"Dear {work.names.get(draft.party_id, 'colleague')},",
            "",
            *draft.lines,
            "",
            f"Action {label}: {action.text}",
            latest_line,
            "",
            f"{why} This message comes from actionplan, which runs {work.plan.title!r}.",
        ]
    )
    return subject, text


@dataclass(frozen=True)
class Deadline:
    """A date that is not an action's, of which the parties named should be reminded
    `days_before` (the plan's policy) it falls: an audit's fieldwork. From other apps,
    through `deadline_sources`."""

    topic: str  # what it is about, the same every run: "audit:12"
    recipients: tuple[int, ...]  # party ids
    due: dt.date
    subject: str
    lines: tuple[str, ...]


# The extension point for other apps' deadlines: called with a plan and today's date.
DeadlineSource = Callable[[Plan, dt.date], Iterable[Deadline]]
deadline_sources: list[DeadlineSource] = []


def register_deadline_source(source: DeadlineSource) -> DeadlineSource:
    """Add a source of deadlines to remind people of (usable as a decorator)."""
    if source not in deadline_sources:
        deadline_sources.append(source)
    return source


def _deadline_rows(plan: Plan, today: dt.date, policy: Policy, result: Planned) -> list[Reminder]:
    due = [
        (d, n)
        for source in deadline_sources
        for d in source(plan, today)
        if (n := nearest_reminder(d.due, today, policy.days_before)) is not None
    ]
    parties = {p for d, _ in due for p in d.recipients}
    names = dict(Party.objects.filter(pk__in=parties).values_list("pk", "name"))
    addresses = email_addresses(plan.pk, parties)
    rows = []
    for deadline, n in due:
        result.candidates += len(deadline.recipients)
        for party_id in deadline.recipients:
            name = names.get(party_id, "colleague")
            if not addresses.get(party_id):
                result.without_address.add(name)
                continue
            text = "\n".join(
                [
                    f"Dear {name},",
                    "",
                    *deadline.lines,
                    "",
                    f"This message comes from actionplan, which runs {plan.title!r}.",
                ]
            )
            rows.append(
                Reminder(
                    plan=plan,
                    topic=deadline.topic,
                    recipient_id=party_id,
                    email=addresses[party_id],
                    kind=Reminder.Kind.DEADLINE,
                    due=deadline.due,
                    days_before=n,
                    subject=deadline.subject,
                    text=text,
                )
            )
    return rows


def plan_reminders(*, today: dt.date | None = None, plans: Iterable[Plan] | None = None) -> Planned:
    """Insert the reminders due today that are not there yet. Safe to run at any time, as
    often as you like, in as many processes as you like."""
    today = today or timezone.localdate()
    result = Planned()
    for plan in plans if plans is not None else Plan.objects.all():
        policy = policy_for(plan)
        if not policy.enabled:
            continue
        work = _PlanReminders(plan, today, policy)
        work.collect()
        result.without_owner |= work.without_owner
        result.candidates += len(work.drafts)
        addresses = email_addresses(plan.pk, {d.party_id for d in work.drafts.values()})
        rows = []
        for draft in work.drafts.values():
            email = addresses.get(draft.party_id)
            if not email:
                result.without_address.add(work.names.get(draft.party_id, str(draft.party_id)))
                continue
            subject, text = _compose(work, draft)
            rows.append(
                Reminder(
                    plan_id=draft.plan_id,
                    action_id=draft.action_id,
                    recipient_id=draft.party_id,
                    email=email,
                    kind=draft.kind,
                    due=draft.due,
                    days_before=draft.days_before,
                    body_id=draft.body_id,
                    subject=subject,
                    text=text,
                )
            )
        rows += _deadline_rows(plan, today, policy, result)
        before = Reminder.objects.filter(plan=plan).count()
        # The unique constraint turns a reminder planned already, by an earlier run or by
        # another worker at this moment, into nothing.
        Reminder.objects.bulk_create(rows, batch_size=500, ignore_conflicts=True)
        result.created += Reminder.objects.filter(plan=plan).count() - before
    return result


@dataclass
class Run:
    planned: Planned
    delivered: Delivered

    def as_dict(self) -> dict:
        return {
            "planned": self.planned.created,
            "sent": self.delivered.sent,
            "failed": self.delivered.failed,
            "without_address": sorted(self.planned.without_address),
            "without_owner": sorted(self.planned.without_owner),
        }


def run_reminders(
    *, today: dt.date | None = None, worker: str = "", plan_id: int | None = None
) -> Run:
    """One run of the reminder job: plan what today calls for, then send what is pending;
    for every plan, or, given `plan_id`, for that plan alone (the reminders page's button:
    one council's run must not plan, escalate or send another's)."""
    plans = Plan.objects.filter(pk=plan_id) if plan_id is not None else None
    return Run(
        plan_reminders(today=today, plans=plans), deliver_pending(worker=worker, plan_id=plan_id)
    )
