"""Calendars (RFC 5545, through the icalendar library): one per body, one per person.

- A body's calendar has its meetings, each listing what is due at it (the forward plan).
- A person's calendar has the milestones and report deadlines of the actions they lead,
  and the meetings of the bodies those actions report to, each listing their items.

UIDs are stable, so a calendar subscribed to or imported twice updates its events rather
than doubling them: a meeting is its body and date (a body meets once a day), a milestone
or a deadline is its action and date. Nothing in a UID changes when a plan is imported
again or meetings are generated again. DTSTAMP is when the plan last changed, so the same
data gives the same file.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from zoneinfo import ZoneInfo

import icalendar
from django.conf import settings
from django.utils import timezone

from actionplan.core.errors import UserError
from actionplan.core.wording import action_label, long_date
from actionplan.governance.agenda import ActionDue, MeetingAgenda, forward_plan
from actionplan.plans.models import (
    Action,
    ActionParty,
    Body,
    Milestone,
    Party,
    Plan,
    ReportingRequirement,
)

PRODID = "-//actionplan//governance calendar//EN"


def _short(text: str, limit: int = 70) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _action_line(a: ActionDue) -> str:
    line = f"Recommendation {a.recommendation_number}, action {a.label}: {_short(a.text, 120)}"
    if a.leads:
        line += f" (lead: {', '.join(a.leads)})"
    if a.finished:
        line += " [finished]"
    elif a.update_missing:
        line += " [update missing]"
    if a.late:
        line += " [late: due " + (long_date(a.due) if a.due else "earlier") + "]"
    return line


class _Builder:
    def __init__(self, plan: Plan, name: str):
        self.plan = plan
        self.domain = f"{plan.organisation.slug}@actionplan"
        self.stamp = (plan.updated_at or timezone.now()).astimezone(dt.UTC)
        self.zone = ZoneInfo(settings.TIME_ZONE)
        self.cal = icalendar.Calendar()
        self.cal.add("prodid", PRODID)
        self.cal.add("version", "2.0")
        self.cal.add("calscale", "GREGORIAN")
        self.cal.add("method", "PUBLISH")
        self.cal.add("x-wr-calname", name)
        self.cal.add("x-wr-timezone", settings.TIME_ZONE)

    def event(
        self,
        uid: str,
        summary: str,
        day: dt.date,
        *,
        start: dt.time | None = None,
        end: dt.time | None = None,
        description: str = "",
        location: str = "",
        busy: bool = False,
        categories: tuple[str, ...] = (),
    ) -> None:
        event = icalendar.Event()
        event.add("uid", f"{uid}.{self.domain}")
        event.add("dtstamp", self.stamp)
        event.add("summary", summary)
        if start:
            event.add("dtstart", dt.datetime.combine(day, start, self.zone))
            if end and end > start:
                event.add("dtend", dt.datetime.combine(day, end, self.zone))
        else:
            event.add("dtstart", day)
            event.add("dtend", day + dt.timedelta(days=1))  # all day: DTEND is exclusive
        if description:
            event.add("description", description)
        if location:
            event.add("location", location)
        if categories:
            event.add("categories", list(categories))
        # Deadlines are marked free, so they do not block anyone's diary.
        event.add("transp", "OPAQUE" if busy else "TRANSPARENT")
        self.cal.add_component(event)

    def meeting(self, body: Body, m: MeetingAgenda, actions: tuple[ActionDue, ...], intro: str):
        label = body.abbreviation or body.name
        lines = [intro.format(plan=self.plan.title)]
        lines += [f"- {_action_line(a)}" for a in actions] or ["- nothing"]
        missing = [a for a in actions if a.update_missing]
        if missing:
            since = f"since {long_date(m.previous)}" if m.previous else "yet"
            lines.append(f"{len(missing)} of these have no progress update {since}.")
        if m.items:
            lines.append("Also due:")
            lines += [
                f"- {i.kind}: {i.title}" + (f" ({i.detail})" if i.detail else "") for i in m.items
            ]
        if m.indicators:
            lines.append("Indicators:")
            lines += [f"- {i.name}" + (f": {i.detail}" if i.detail else "") for i in m.indicators]
        self.event(
            f"meeting-{body.pk}-{m.date:%Y%m%d}",
            f"{label} meeting" if body.abbreviation else body.name,
            m.date,
            start=m.time,
            end=m.end_time,
            description="\n".join(lines),
            location=m.location,
            busy=True,
            categories=("Meeting",),
        )

    def finish(self) -> icalendar.Calendar:
        self.cal.add_missing_timezones()
        return self.cal


def body_calendar(
    plan: Plan, bodies: list[Body] | None = None, *, as_at=None
) -> icalendar.Calendar:
    """The meetings of the bodies (default: every body the plan reports to), with what is due."""
    fp = forward_plan(plan, bodies=bodies, as_at=as_at)
    names = ", ".join(b.label for b in fp.bodies if b.meetings) or "no meetings"
    builder = _Builder(plan, f"{names}: {plan.title}" if bodies else f"{plan.title}: meetings")
    by_id = {b.pk: b for b in Body.objects.filter(pk__in=[b.body_id for b in fp.bodies])}
    for agenda in fp.bodies:
        for m in agenda.meetings:
            builder.meeting(by_id[agenda.body_id], m, m.actions, "Due from {plan}:")
    return builder.finish()


def person_calendar(plan: Plan, party: Party, *, as_at=None) -> icalendar.Calendar:
    """The milestones and report deadlines of the actions `party` leads, and the meetings of
    the bodies those actions report to."""
    builder = _Builder(plan, f"{party.name}: {plan.title}")
    action_ids = set(
        ActionParty.objects.filter(
            party=party,
            role=ActionParty.Role.LEAD,
            action__recommendation__plan=plan,
            action__retired=False,
        ).values_list("action_id", flat=True)
    )
    actions = {
        a.pk: a for a in Action.objects.filter(pk__in=action_ids).select_related("recommendation")
    }

    def name(a: Action) -> str:
        return f"{a.recommendation.number}/{action_label(a.ref, a.number, a.order)}"

    milestones: dict[tuple[int, dt.date], list[str]] = defaultdict(list)
    for milestone in Milestone.objects.filter(action_id__in=action_ids, due__isnull=False).order_by(
        "order", "pk"
    ):
        if milestone.due is not None:  # always, by the filter; said for the type checker
            milestones[(milestone.action_id, milestone.due)].append(milestone.text)
    for (action_id, due), texts in sorted(milestones.items(), key=lambda kv: kv[0][1]):
        a = actions[action_id]
        builder.event(
            f"milestone-{action_id}-{due:%Y%m%d}",
            f"Milestone, action {name(a)}: {_short(texts[0])}",
            due,
            description="\n".join([*texts, "", f"Action {name(a)}: {a.text}"]),
            categories=("Milestone",),
        )

    deadlines: dict[tuple[int, int, dt.date], list[str]] = defaultdict(list)
    bodies: dict[int, Body] = {}
    for r in ReportingRequirement.objects.filter(
        action_id__in=action_ids, body__isnull=False
    ).select_related("body"):
        if r.body is None:  # never, by the filter; said for the type checker
            continue
        bodies[r.body.pk] = r.body
        if r.due:
            deadlines[(r.action_id, r.body.pk, r.due)].append(r.text)
    for (action_id, body_id, due), texts in sorted(deadlines.items(), key=lambda kv: kv[0][2]):
        a, body = actions[action_id], bodies[body_id]
        builder.event(
            f"report-{action_id}-{body_id}-{due:%Y%m%d}",
            f"Report due to {body.abbreviation or body.name}, action {name(a)}",
            due,
            description="\n".join([*texts, "", f"Action {name(a)}: {a.text}"]),
            categories=("Report deadline",),
        )

    fp = forward_plan(plan, bodies=list(bodies.values()), as_at=as_at)
    for agenda in fp.bodies:
        for m in agenda.meetings:
            mine = tuple(a for a in m.actions if a.action_id in action_ids)
            builder.meeting(bodies[agenda.body_id], m, mine, "Your actions due, from {plan}:")
    return builder.finish()


def find_person(plan: Plan, name: str) -> Party:
    """The party of the plan's organisation called `name` (its name or an alias, any case)."""
    wanted = " ".join(name.split()).casefold()
    parties = list(Party.objects.filter(organisation=plan.organisation))
    exact = [
        p
        for p in parties
        if wanted == p.name.casefold() or wanted in {a.casefold() for a in p.aliases or []}
    ]
    if not exact:
        exact = [p for p in parties if wanted and wanted in p.name.casefold()]
    if len(exact) == 1:
        return exact[0]
    if not exact:
        raise UserError(f"no one in {plan.organisation} is called {name!r}")
    names = "; ".join(p.name for p in exact[:6])
    raise UserError(f"{name!r} could be more than one person ({names}): give the full name")


def to_ics(cal: icalendar.Calendar) -> bytes:
    return cal.to_ical()


def check_ics(data: bytes) -> icalendar.Calendar:
    """Parse a calendar back and check what RFC 5545 requires of it; ValueError if not."""
    cal = icalendar.Calendar.from_ical(data)
    for prop in ("PRODID", "VERSION"):
        if prop not in cal:
            raise ValueError(f"the calendar has no {prop}")
    for event in cal.walk("VEVENT"):
        for prop in ("UID", "DTSTAMP", "DTSTART"):
            if prop not in event:
                raise ValueError(f"an event has no {prop}: {event.get('SUMMARY')}")
    uids = [str(e["UID"]) for e in cal.walk("VEVENT")]
    if len(uids) != len(set(uids)):
        raise ValueError("two events share a UID")
    return cal
