"""What needs the signed-in person in a plan: their to-do list (issue 16, point 1).

The rules, one kind of item each (who sees it, and when it leaves the list):

- SIGN_OFF: completions proposed and not yet signed off or returned -> whoever may sign off
  (the improvement lead). Leaves when signed off or returned.
- QUESTIONS: questions with no answer yet about an action the person leads, or a
  recommendation they hold overall responsibility for (lead officers; the improvement lead
  sees every unanswered question). Leaves when answered.
- UPDATES: an action the person leads (or is a partner in) with a milestone or end date
  overdue or due within DUE_SOON_DAYS, as "Overdue and due soon" and "My actions" count
  them (monitoring.deadlines). Leaves when the milestone is reported met or the action
  finished.
- RETURNED: an action the person leads whose completion was returned, until a new update.
- ANSWERED: answers to the person's own questions, for ANSWERED_DAYS after the answer.
- INVITATIONS: invitations to the plan neither accepted nor expired -> whoever may invite.
- other kinds from other apps, through `todo_sources` (reports: papers to issue).

Deadlines are judged as at the date the plan is shown at (the demo opens inside its story);
what has been done is everything written so far, so an item leaves the list as soon as it is
done. A fixed number of queries whatever the size of the plan.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable, Iterable
from typing import Any, cast

from django.conf import settings
from django.db.models import Exists, OuterRef, Q
from django.urls import reverse
from django.utils import timezone

from actionplan.accounts import access
from actionplan.accounts.models import Invitation, Membership, Role
from actionplan.core.wording import action_label, long_date
from actionplan.monitoring import cached, statuses, versions
from actionplan.monitoring.deadlines import DUE_SOON_DAYS, deadlines
from actionplan.monitoring.models import Answer, Challenge
from actionplan.monitoring.progress import latest_progress
from actionplan.monitoring.snapshot import NotInPlanYet, actions_as_at
from actionplan.plans.models import Action, ActionParty, Plan, ProgressRecord, Responsibility

ANSWERED_DAYS = 14

# The kinds, in the order the list shows them, with their headings.
KINDS = {
    "sign_off": "Completions to sign off",
    "questions": "Questions to answer",
    "updates": "Updates due or late",
    "returned": "Completions returned to you",
    "answered": "Answers to your questions",
    "invitations": "Invitations not yet accepted",
    "papers": "Papers to issue",
}


@dataclasses.dataclass(frozen=True)
class Item:
    kind: str  # a key of KINDS
    text: str
    href: str  # where it is done
    detail: str = ""


@dataclasses.dataclass(frozen=True)
class Group:
    kind: str
    heading: str
    items: tuple[Item, ...]


@dataclasses.dataclass(frozen=True)
class ToDo:
    groups: tuple[Group, ...]

    @property
    def count(self) -> int:
        return sum(len(g.items) for g in self.groups)


@dataclasses.dataclass(frozen=True)
class Asked:
    """What a source is asked: who, in which plan, as at which day."""

    user: Any  # the signed-in User
    membership: Membership
    plan: Plan
    on: dt.date

    def may(self, permission: str) -> bool:
        return permission in access.permissions_for(self.membership.role)


# The extension point for other apps' items (reports: papers to issue): a source is called
# with an `Asked` and returns items, in a fixed number of queries.
TodoSource = Callable[[Asked], Iterable[Item]]
todo_sources: list[TodoSource] = []


def register_todo_source(source: TodoSource) -> TodoSource:
    """Add a source of to-do items (usable as a decorator)."""
    if source not in todo_sources:
        todo_sources.append(source)
    return source


def _about(action: Action) -> str:
    label = action_label(action.ref, action.number, action.order)
    return f"Action {label} of recommendation {action.recommendation.number}: {action.text}"


def _action_href(plan_id: int, action_id: int, anchor: str = "") -> str:
    return reverse("plans:action", args=[plan_id, action_id]) + anchor


def _live(plan: Plan):
    return Action.objects.filter(recommendation__plan=plan, retired=False)


def _latest(asked: Asked, actions, source: str) -> list[ProgressRecord]:
    """The actions whose latest record (everything written so far: what is done is done,
    whatever date the plan is shown at) is of `source`: only those are read, not the
    latest record of every action of the plan."""
    # Only actions with a record of that source at all are asked for their latest.
    ever = ProgressRecord.objects.filter(action=OuterRef("pk"), source=source)
    return list(
        latest_progress(actions.filter(Exists(ever)), timezone.localdate())
        .filter(source=source)
        .select_related("action__recommendation")
        .order_by(
            "action__recommendation__order",
            "action__recommendation_id",
            "action__order",
            "action_id",
        )
    )


def _sign_off(asked: Asked) -> list[Item]:
    if not asked.may(access.SIGN_OFF):
        return []
    return [
        Item(
            "sign_off",
            _about(r.action),
            _action_href(asked.plan.pk, r.action_id, "#what-you-can-do"),
            f"proposed {long_date(timezone.localdate(r.created_at))}",
        )
        for r in _latest(asked, _live(asked.plan), ProgressRecord.Source.PROPOSAL)
        if statuses.normalise(r.status) == statuses.AWAITING_SIGN_OFF
    ]


def _own_action_ids(asked: Asked, roles: Iterable[str]) -> Q:
    return Q(
        Exists(
            ActionParty.objects.filter(
                action=OuterRef("pk"),
                party_id=cast(int, asked.membership.party_id),  # None matches nothing
                role__in=list(roles),
            )
        )
    )


def _returned(asked: Asked) -> list[Item]:
    if asked.membership.role != Role.LEAD_OFFICER or not asked.membership.party_id:
        return []
    mine = _live(asked.plan).filter(_own_action_ids(asked, [ActionParty.Role.LEAD]))
    return [
        Item(
            "returned",
            _about(r.action),
            reverse("plans:add_update", args=[asked.plan.pk, r.action_id]),
            f"returned {long_date(timezone.localdate(r.created_at))}: {r.text}",
        )
        for r in _latest(asked, mine, ProgressRecord.Source.RETURN)
    ]


def _questions(asked: Asked) -> list[Item]:
    m = asked.membership
    if not asked.may(access.ANSWER_CHALLENGE):
        return []
    open_ = Challenge.objects.filter(plan=asked.plan).exclude(
        Exists(Answer.objects.filter(challenge=OuterRef("pk")))
    )
    if m.role in (Role.LEAD_OFFICER, Role.PARTNER):
        if not m.party_id:
            return []
        role = ActionParty.Role.LEAD if m.role == Role.LEAD_OFFICER else ActionParty.Role.PARTNER
        theirs = Q(
            action__in=ActionParty.objects.filter(party_id=m.party_id, role=role).values(
                "action_id"
            )
        )
        if m.role == Role.LEAD_OFFICER:
            theirs |= Q(
                recommendation__in=Responsibility.objects.filter(party_id=m.party_id).values(
                    "recommendation_id"
                )
            )
        open_ = open_.filter(theirs)
    items = []
    for c in open_.select_related("action__recommendation", "recommendation").order_by(
        "asked_at", "pk"
    ):
        if c.action is not None:
            label = action_label(c.action.ref, c.action.number, c.action.order)
            about = f"action {label} of recommendation {c.action.recommendation.number}"
        elif c.recommendation is not None:
            about = f"recommendation {c.recommendation.number}"
        else:  # a challenge is about an action or a recommendation (a check constraint)
            about = "the plan"
        items.append(
            Item(
                "questions",
                f"About {about}: {c.question}",
                reverse("plans:answer_challenge", args=[asked.plan.pk, c.pk]),
                f"asked {long_date(timezone.localdate(c.asked_at))}",
            )
        )
    return items


def _updates(asked: Asked) -> list[Item]:
    m = asked.membership
    if m.role not in (Role.LEAD_OFFICER, Role.PARTNER) or not m.party_id:
        return []
    role = ActionParty.Role.LEAD if m.role == Role.LEAD_OFFICER else ActionParty.Role.PARTNER
    mine = list(
        _live(asked.plan).filter(_own_action_ids(asked, [role])).values_list("pk", flat=True)
    )
    if not mine:
        return []
    try:
        snap = actions_as_at(asked.plan.pk, asked.on, mine)
    except NotInPlanYet:  # a date before the plan was imported: nothing was due in it yet
        return []
    found = deadlines(snap, DUE_SOON_DAYS)
    # Finished since (a completion proposed after the date shown): nothing more is due.
    finished = {
        r.action_id
        for r in latest_progress(Action.objects.filter(pk__in=mine), timezone.localdate())
        if statuses.normalise(r.status) in statuses.FINISHED
    }
    items, seen = [], set()
    for d, late in [(d, True) for d in found.overdue] + [(d, False) for d in found.due_soon]:
        if d.action.id in seen or d.action.id in finished:
            continue
        seen.add(d.action.id)
        when = f"{d.days} days late" if late else f"due in {d.days} days"
        items.append(
            Item(
                "updates",
                f"Action {d.action.label} of recommendation {d.recommendation.number}: "
                f"{d.action.text}",
                reverse("plans:add_update", args=[asked.plan.pk, d.action.id]),
                f"{d.text or 'End date'}, {long_date(d.due)} ({when if d.days else 'due today'})",
            )
        )
    return items


def _answered(asked: Asked) -> list[Item]:
    since = timezone.now() - dt.timedelta(days=ANSWERED_DAYS)
    answers = (
        Answer.objects.filter(
            challenge__plan=asked.plan,
            challenge__asked_by=asked.user,
            answered_at__gte=since,
        )
        .select_related("challenge__action__recommendation", "challenge__recommendation")
        .order_by("-answered_at", "-pk")
    )
    items = []
    for a in answers:
        c = a.challenge
        if c.action_id:
            href = _action_href(asked.plan.pk, c.action_id, "#challenges")
        else:
            href = reverse("plans:recommendation", args=[asked.plan.pk, c.recommendation_id])
            href += "#challenges"
        items.append(
            Item(
                "answered",
                c.question,
                href,
                f"answered {long_date(timezone.localdate(a.answered_at))}",
            )
        )
    return items


def _invitations(asked: Asked) -> list[Item]:
    if not asked.may(access.INVITE_USER):
        return []
    since = timezone.now() - dt.timedelta(days=settings.INVITATION_DAYS)
    pending = Invitation.objects.filter(
        plan=asked.plan, accepted_at__isnull=True, created_at__gte=since
    ).order_by("created_at", "pk")
    href = reverse("plans:people", args=[asked.plan.pk]) + "#invitations"
    return [
        Item(
            "invitations",
            f"{i.full_name or i.email} as {i.get_role_display().lower()}",
            href,
            f"sent {long_date(timezone.localdate(i.created_at))}",
        )
        for i in pending
    ]


BUILT_IN: tuple[TodoSource, ...] = (
    _sign_off,
    _questions,
    _updates,
    _returned,
    _answered,
    _invitations,
)


def todo(user, plan: Plan, on: dt.date) -> ToDo:
    """The user's to-do list in `plan`, with deadlines as at `on`."""
    m = access.membership(user, plan)
    if m is None:
        return ToDo(())
    asked = Asked(user, m, plan, on)
    found: dict[str, list[Item]] = {k: [] for k in KINDS}
    for source in (*BUILT_IN, *todo_sources):
        for item in source(asked):
            found.setdefault(item.kind, []).append(item)
    return ToDo(tuple(Group(k, KINDS.get(k, k), tuple(v)) for k, v in found.items() if v))


def for_request(request, plan: Plan) -> ToDo:
    """The signed-in user's to-do list in `plan` as at the page's date, once per request
    (the dashboard and the navigation both ask)."""
    asked = getattr(request, "_actionplan_todo", None)
    if asked is not None and asked[0] == plan.pk:
        return asked[1]
    today = timezone.localdate()
    on = min(getattr(request, "as_at", None) or today, today)
    m = access.membership(request.user, plan)
    if m is None:
        return ToDo(())
    # Every page shows its count: kept in the cache under the plan's write version, which
    # every write the list reads bumps (monitoring/signals.py), and the day. An answer
    # leaves "answered lately" at the next write or the next day, not to the minute.
    key = (
        f"actionplan:todo:{request.user.pk}:{plan.pk}:{m.role}:{m.party_id}:{on}:{today}:"
        f"{versions.current(plan.pk, request)}"
    )
    result = cached.remember(key, lambda: todo(request.user, plan, on))
    request._actionplan_todo = (plan.pk, result)
    return result


def count_for_request(request, plan) -> int:
    """For the navigation's Dashboard link: how many things wait for the user."""
    if not access.can(request.user, access.VIEW_PLAN, plan):
        return 0
    return for_request(request, plan).count
