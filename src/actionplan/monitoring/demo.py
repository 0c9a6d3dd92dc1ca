"""A realistic, deterministic history for the demo plan (North Yorkshire, 2012-13).

Monthly rounds of updates from December 2012 to June 2013, each entered in the first week
of the next month by the action's lead officer (or by the improvement lead for a group or
a role). Most actions go steadily and are signed off; some slip to amber and red; some
start late; some report "on track" while their milestones pass, which the rules catch;
a few are never reported on. On top of that, scripted events: a completion returned with
a reason, a RAG override, an action given a lead, a milestone moved, a member's
challenges answered. As at 15 March 2013 the plan shows red, amber, green and blue.

Everything goes through the services, with `at=` giving the past moment, so the history
is what the service would have recorded. Loading it twice does nothing the second time.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import heapq
from typing import TYPE_CHECKING

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from actionplan.core.wording import long_date
from actionplan.monitoring import challenging, editing, overrides, services, statuses
from actionplan.monitoring.history import date_plan_from
from actionplan.plans.models import Action, Milestone, Party, Plan, ProgressRecord

if TYPE_CHECKING:
    from django.contrib.auth.models import User  # AUTH_USER_MODEL is Django's own

D = dt.date


def at(year: int, month: int, day: int, hour: int = 10) -> dt.datetime:
    return timezone.make_aware(dt.datetime(year, month, day, hour))


STORED = at(2012, 12, 3, 9)  # the plan went into the service when it was adopted
IMPROVEMENT_LEAD = "stephanie.bratcher"
MEMBER = "sam.ashby"
# Demo users: username -> (first name, last name, the plan's party they are). The
# councillor is invented; the officers are those the published plan names.
PEOPLE = {
    IMPROVEMENT_LEAD: ("Stephanie", "Bratcher", "Stephanie Bratcher"),
    "judith.hay": ("Judith", "Hay", "Judith Hay"),
    "julie.firth": ("Julie", "Firth", "Julie Firth"),
    "nick.obrien": ("Nick", "O'Brien", "Nick O'Brien"),
    "alan.tucker": ("Alan", "Tucker", "Alan Tucker"),
    "david.obrien": ("David", "O'Brien", "David F O'Brien"),
    "dallas.frank": ("Dallas", "Frank", "Dallas Frank"),
    "carolyn.bird": ("Carolyn", "Bird", "Carolyn Bird"),
    "sue.barker": ("Sue", "Barker", "Sue Barker"),
    "simon.moss": ("Simon", "Moss", "Simon Moss"),
    "marc.mason": ("Marc", "Mason", "Marc Mason"),
    MEMBER: ("Sam", "Ashby", None),
}
# (the date each round speaks for, when it was entered)
ROUNDS = [
    (D(2012, 12, 31), at(2013, 1, 7)),
    (D(2013, 1, 31), at(2013, 2, 6)),
    (D(2013, 2, 28), at(2013, 3, 6)),
    (D(2013, 3, 31), at(2013, 4, 8)),
    (D(2013, 4, 30), at(2013, 5, 7)),
    (D(2013, 5, 31), at(2013, 6, 6)),
    (D(2013, 6, 30), at(2013, 7, 5)),
]
PLAN_END = D(2013, 6, 30)
# The date the demo plan's pages open on (Plan.opens_as_at): mid-story, when it shows red,
# amber, green and blue, rather than today, when every open action is years overdue.
STORY_DATE = D(2013, 3, 15)
# How each action's year goes, in turn down the plan.
ARCS = [
    "steady", "steady", "slipping", "steady", "recovering", "steady",
    "late", "steady", "silent", "steady", "stalled", "recovering",
]  # fmt: skip
SETBACKS = [
    "sickness in the team has slowed the work",
    "the audit needs more case files than were planned for",
    "the change to ICS is waiting for the supplier",
    "partners have asked for more time to comment",
    "the lead officer post was vacant for a month",
]
IMPACT = [
    "an audit of 40 case files found children's views recorded in 37, up from 22 in October",
    "team managers confirm the standard is used in every team; the supervision audit agrees",
    "the scrutiny committee had its first effectiveness report in March and asked for more",
    "re-referrals within 12 months fell from 27% to 21% over the quarter",
    "children and parents in the ViewPoint survey say workers explain plans more clearly",
]


@dataclasses.dataclass
class Loaded:
    updates: int = 0
    proposals: int = 0
    sign_offs: int = 0
    returns: int = 0
    overrides: int = 0
    edits: int = 0
    challenges: int = 0


def load_demo_history(plan: Plan) -> Loaded | None:
    """Load the history into the demo plan just stored; None if it has one already."""
    if (
        ProgressRecord.objects.filter(action__recommendation__plan=plan)
        .exclude(source=ProgressRecord.Source.IMPORT)
        .exists()
    ):
        return None
    with transaction.atomic():  # all or nothing, and one commit rather than hundreds
        date_plan_from(plan, STORED)
        return _Script(plan, _users()).run()


def _users() -> dict[str, User]:
    users = {}
    for username, (first, last, _party) in PEOPLE.items():
        user, created = get_user_model().objects.get_or_create(
            username=username, defaults={"first_name": first, "last_name": last}
        )
        if created:
            user.set_unusable_password()  # accounts invites them; the demo signs nobody in
            user.save()
        users[username] = user
    return users


class _Script:
    """A timeline of dated events, run in date order: each round schedules the rounds'
    updates, a proposal schedules its decision, the scripted stories have their dates."""

    def __init__(self, plan: Plan, users: dict[str, User]):
        self.plan = plan
        self.users = users
        self.lead = users[IMPROVEMENT_LEAD]
        self.loaded = Loaded()
        self.queue: list[tuple] = []
        self.scheduled = 0
        by_party = {party: users[u] for u, (_f, _l, party) in PEOPLE.items() if party}
        # Actions imported with progress of their own keep it, undisturbed.
        self.actions = list(
            Action.objects.filter(recommendation__plan=plan, retired=False, progress__isnull=True)
            .select_related("recommendation")
            .prefetch_related("milestones", "action_parties__party")
            .order_by("recommendation__order", "recommendation_id", "order", "pk")
        )
        self.author = {}
        for a in self.actions:
            leads = [ap.party.name for ap in a.action_parties.all() if ap.role == "lead"]
            self.author[a.pk] = next((by_party[n] for n in leads if n in by_party), self.lead)
        self.arc = {a.pk: ARCS[i % len(ARCS)] for i, a in enumerate(self.actions)}
        self.finished: set[int] = set()
        self.waiting: set[int] = set()  # proposed, awaiting a decision
        # The scripted stories' actions; a plan other than the seed may not have them, and
        # then gets the monthly pattern alone.
        self.returned = self._find("3", "1")
        self.overridden = self._find("2", "3")
        self.unled = self._find("4", "A.1")
        self.ecaf = self._find("8", "6")  # its supplier is late
        for action, arc in (
            (self.returned, "returned"),
            (self.overridden, "overridden"),
            (self.unled, "slipping"),
            (self.ecaf, "slipping"),
        ):
            if action is not None:
                self.arc[action.pk] = arc

    def run(self) -> Loaded:
        for as_at, written in ROUNDS:
            for i, action in enumerate(self.actions):
                self._at(written + dt.timedelta(minutes=7 * i), self._monthly, action, as_at, i)
        self._stories()
        while self.queue:
            when, _seq, step, args = heapq.heappop(self.queue)
            step(when, *args)
        return self.loaded

    def _at(self, when: dt.datetime, step, *args) -> None:
        self.scheduled += 1  # ties run in the order they were scheduled
        heapq.heappush(self.queue, (when, self.scheduled, step, args))

    def _find(self, number: str, ref: str) -> Action | None:
        return next(
            (a for a in self.actions if a.recommendation.number == number and a.ref == ref),
            None,
        )

    def _version(self, action: Action) -> int:
        action.refresh_from_db(fields=["version"])
        return action.version

    # --- the monthly rounds ---------------------------------------------------------

    def _monthly(self, written, action, as_at, i) -> None:
        if action.pk in self.finished or action.pk in self.waiting:
            return
        getattr(self, f"_{self.arc[action.pk]}")(action, as_at, written, i)

    def _deadlines(self, action: Action) -> list[tuple[Milestone, dt.date]]:
        return [(m, m.due) for m in action.milestones.all() if m.due]

    def _final(self, action: Action) -> dt.date:
        dues = [due for _m, due in self._deadlines(action)]
        if action.due:
            dues.append(action.due)
        return min(max(dues, default=PLAN_END), PLAN_END)

    def _update(self, action, written, as_at, status, text, **kwargs) -> None:
        services.record_update(
            action,
            user=self.author[action.pk],
            status=status,
            narrative=text,
            as_at=as_at,
            at=written,
            **kwargs,
        )
        self.loaded.updates += 1

    def _next_step(self, action, as_at: dt.date) -> str:
        coming = sorted((due, m.text) for m, due in self._deadlines(action) if due > as_at)
        if coming:
            due, text = coming[0]
            return f"Next milestone: {text} ({long_date(due)})."
        return "Gather the evidence of impact for sign-off."

    def _percent(self, action, as_at: dt.date) -> int:
        span = (self._final(action) - STORED.date()).days or 1
        return max(5, min(90, round(100 * (as_at - STORED.date()).days / span)))

    def _progress(self, action, as_at, written, i, late_by: int = 0) -> None:
        """On track; the milestones due by now (`late_by` days late) met; completion
        proposed once the last is met."""
        late = dt.timedelta(days=late_by)
        done = {
            m.pk: due - dt.timedelta(days=3) + late
            for m, due in self._deadlines(action)
            if m.done_on is None and due + late <= as_at
        }
        met = "; ".join(m.text for m in action.milestones.all() if m.pk in done)
        self._update(
            action,
            written,
            as_at,
            statuses.ON_TRACK,
            f"Milestone met: {met}." if met else "Work is going to plan.",
            milestones_done=done,
            percent_complete=self._percent(action, as_at),
            next_steps=self._next_step(action, as_at),
        )
        for m in action.milestones.all():
            m.done_on = done.get(m.pk, m.done_on)
        if as_at >= self._final(action) + late:
            self._at(written + dt.timedelta(days=1), self._propose, action, i, "")

    def _steady(self, action, as_at, written, i) -> None:
        self._progress(action, as_at, written, i)

    def _recovering(self, action, as_at, written, i) -> None:
        if as_at.month in (12, 1) and as_at < self._final(action):
            self._update(
                action,
                written,
                as_at,
                statuses.AT_RISK,
                f"At risk: {SETBACKS[i % len(SETBACKS)]}.",
                next_steps="Recovery plan agreed with the Head of Service.",
            )
        else:
            self._progress(action, as_at, written, i, late_by=20)

    def _late(self, action, as_at, written, i) -> None:
        if as_at < D(2013, 2, 28):
            self._update(
                action,
                written,
                as_at,
                statuses.NOT_STARTED,
                "Not started: waiting for the practice model to be agreed by SMT.",
            )
        else:
            self._progress(action, as_at, written, i, late_by=45)

    def _slipping(self, action, as_at, written, i) -> None:
        first = min((due for _m, due in self._deadlines(action)), default=PLAN_END)
        if as_at < first:
            status, text = statuses.ON_TRACK, "Work has started; planning is in hand."
        elif as_at < first + dt.timedelta(days=35):
            status, text = statuses.AT_RISK, f"At risk: {SETBACKS[i % len(SETBACKS)]}."
        else:
            status = statuses.OFF_TRACK
            text = (
                f"Off track: {SETBACKS[(i + 1) % len(SETBACKS)]}. A recovery plan goes to "
                "SMT next month."
            )
        self._update(
            action, written, as_at, status, text, next_steps=self._next_step(action, as_at)
        )

    def _stalled(self, action, as_at, written, i) -> None:
        # Reported on track month after month while its milestones pass: the rules say not.
        self._update(action, written, as_at, statuses.ON_TRACK, "On track.", percent_complete=50)

    def _silent(self, action, as_at, written, i) -> None:
        """Nobody reports on it."""

    def _returned(self, action, as_at, written, i) -> None:
        if as_at == D(2013, 1, 31) and self.loaded.returns == 0:
            self._at(
                written,
                self._propose,
                action,
                i,
                "Guidance on strategy meetings has been revised and sent to every team.",
            )
        else:
            self._progress(action, as_at, written, i, late_by=26)  # SMT agrees it in February

    def _overridden(self, action, as_at, written, i) -> None:
        if as_at >= D(2013, 3, 31):
            self._progress(action, as_at, written, i, late_by=52)
            return
        self._update(
            action,
            written,
            as_at,
            statuses.ON_TRACK,
            "Team managers now check chronologies in supervision; the first monitoring "
            "report goes to SMT on 20 March.",
            percent_complete=60,
        )

    # --- completion -----------------------------------------------------------------

    def _propose(self, when, action, i, impact) -> None:
        if action.pk in self.waiting or action.pk in self.finished:
            return
        services.propose_completion(
            action,
            user=self.author[action.pk],
            expected_version=self._version(action),
            impact=impact or f"Evidence of impact: {IMPACT[i % len(IMPACT)]}.",
            at=when,
        )
        self.loaded.proposals += 1
        self.waiting.add(action.pk)
        if action == self.returned and self.loaded.returns == 0:
            self._at(when + dt.timedelta(days=6), self._return, action)
        else:
            self._at(when + dt.timedelta(days=6), self._sign_off, action)

    def _sign_off(self, when, action) -> None:
        services.accept_completion(
            action,
            user=self.lead,
            expected_version=self._version(action),
            note="Evidence seen at the improvement board; signed off.",
            at=when,
        )
        self.loaded.sign_offs += 1
        self.waiting.discard(action.pk)
        self.finished.add(action.pk)

    def _return(self, when, action) -> None:
        services.return_completion(
            action,
            user=self.lead,
            expected_version=self._version(action),
            reason="The revised guidance has not been agreed by SMT yet, and there is no "
            "evidence that practice has changed. Send the SMT minute and a dip sample of "
            "strategy meeting records.",
            at=when,
        )
        self.loaded.returns += 1
        self.waiting.discard(action.pk)

    # --- the scripted stories -------------------------------------------------------

    def _story(self, when: dt.datetime, step, about, *args) -> None:
        if about is not None:
            self._at(when, step, about, *args)

    def _stories(self) -> None:
        hos = Party.objects.filter(
            organisation=self.plan.organisation, name="Head of Safeguarding"
        ).first()
        if hos is not None:
            self._story(at(2012, 12, 10), self._edit, self.unled, {"leads": [hos.pk]})
        self._story(at(2013, 3, 8), self._override, self.overridden)
        self._story(at(2013, 4, 9), self._clear_override, self.overridden)
        self._story(at(2013, 4, 15), self._move_milestone, self._find("7", "4"), D(2013, 6, 30))
        self._story(
            at(2013, 2, 20, 16),
            self._ask,
            self._find("6", "1"),
            "How many children were told about advocacy in January, and how do we know?",
            "nick.obrien",
            "ViewPoint now asks every child. In January 118 of the 140 children who "
            "answered said their worker told them about NYAS; team managers check it in "
            "supervision.",
        )
        scrutiny = next(
            (a.recommendation for a in self.actions if a.recommendation.number == "10"), None
        )
        self._story(
            at(2013, 3, 12, 18),
            self._ask,
            scrutiny,
            "When will members first see the quarterly report on effectiveness?",
            IMPROVEMENT_LEAD,
            "The first report goes to the Executive Members on 9 April and to this "
            "committee in May.",
        )
        self._story(
            at(2013, 4, 16, 18),
            self._ask,
            self.ecaf,
            "The eCAF reporting is still red. What is the recovery plan, and when will we "
            "see the first figures?",
            "simon.moss",
            "The supplier delivers the reporting module in May; the first figures come to "
            "the July meeting. Until then the Early Help teams count CAFs by hand.",
        )

    def _edit(self, when, action, changes) -> None:
        editing.edit_action(action.pk, changes, self._version(action), self.lead, at=when)
        self.loaded.edits += 1

    def _move_milestone(self, when, action, due) -> None:
        milestones = [
            {"id": m.pk, "text": m.text, "due": due, "done_on": m.done_on}
            for m in action.milestones.all()
        ]
        self._edit(when, action, {"milestones": milestones})

    def _override(self, when, action) -> None:
        overrides.override_rag(
            action,
            user=self.lead,
            colour="amber",
            reason="Monitoring began in February through supervision; the first results go "
            "to SMT on 20 March. Amber, not red, until then.",
            at=when,
        )
        self.loaded.overrides += 1

    def _clear_override(self, when, action) -> None:
        overrides.clear_override(
            action, user=self.lead, reason="SMT has had the monitoring report.", at=when
        )

    def _ask(self, when, about, question, answerer, answer) -> None:
        challenge = challenging.ask(about, user=self.users[MEMBER], question=question, at=when)
        challenging.answer(
            challenge, user=self.users[answerer], text=answer, at=when + dt.timedelta(days=3)
        )
        self.loaded.challenges += 1
