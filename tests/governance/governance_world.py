"""A small plan to govern, built row by row: two bodies, two recommendations, three actions.

- Recommendation 1.0, owned by Olive Owner:
  - action 1, led by Alice Lead: milestone 31 March 2013; "Report to CYPLT March 2013"
  - action 2, led by Alice Lead: "Quarterly reports to LSCB" (no date)
- Recommendation 2.0, owned by Oscar Owner:
  - action 1, led by Leo Lead, due 28 February 2013: "Report to CYPLT June 2013"

The plan runs from 1 January to 30 June 2013. No meetings: each test adds what it needs.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.utils import timezone

from actionplan.governance.models import Contact, Meeting
from actionplan.plans.models import (
    Action,
    ActionParty,
    Body,
    Milestone,
    Organisation,
    Party,
    Plan,
    ProgressRecord,
    Recommendation,
    ReportingRequirement,
    Responsibility,
)

D = dt.date


def at(on: dt.date, hour: int = 12) -> dt.datetime:
    """A moment on `on`, in the service's time zone."""
    return timezone.make_aware(dt.datetime.combine(on, dt.time(hour)))


@dataclass
class World:
    org: Organisation
    plan: Plan
    cyplt: Body
    lscb: Body
    alice: Party
    leo: Party
    olive: Party
    oscar: Party
    rec1: Recommendation
    rec2: Recommendation
    a11: Action
    a12: Action
    a21: Action
    r11: ReportingRequirement
    r12: ReportingRequirement
    r21: ReportingRequirement

    def meet(self, body: Body, *dates: dt.date) -> list[Meeting]:
        return [Meeting.objects.create(body=body, date=d) for d in dates]

    def update(self, action: Action, on: dt.date, status: str = "on_track", **fields):
        """An update for `on`, written that day unless `created_at` says when (ADR 0005: as
        at a day means written by its end)."""
        fields.setdefault("created_at", at(on))
        return ProgressRecord.objects.create(action=action, as_at=on, status=status, **fields)

    def addresses(self) -> None:
        for party in (self.alice, self.leo, self.olive, self.oscar):
            first = party.name.split()[0].lower()
            Contact.objects.create(party=party, email=f"{first}@anyshire.example")


def build_world(organisation: str = "Anyshire Council") -> World:
    org = Organisation.objects.create(
        name=organisation, slug=organisation.lower().replace(" ", "-")
    )
    plan = Plan.objects.create(
        organisation=org,
        title="Improvement plan",
        period_start=D(2013, 1, 1),
        period_end=D(2013, 6, 30),
    )
    cyplt = Body.objects.create(
        organisation=org,
        abbreviation="CYPLT",
        name="Children and Young People's Leadership Team",
        aliases=["CYLPT"],
    )
    lscb = Body.objects.create(
        organisation=org, abbreviation="LSCB", name="Anyshire Safeguarding Children Board"
    )

    def party(name: str) -> Party:
        return Party.objects.create(organisation=org, kind=Party.Kind.PERSON, name=name)

    alice, leo, olive, oscar = (
        party(n) for n in ("Alice Lead", "Leo Lead", "Olive Owner", "Oscar Owner")
    )
    rec1 = Recommendation.objects.create(plan=plan, number="1.0", title="Hear children", order=1)
    rec2 = Recommendation.objects.create(plan=plan, number="2.0", title="Plan well", order=2)
    Responsibility.objects.create(recommendation=rec1, party=olive)
    Responsibility.objects.create(recommendation=rec2, party=oscar)

    def action(rec, key, text, lead, order, due=None) -> Action:
        a = Action.objects.create(
            recommendation=rec, key=key, ref=key, number=key, text=text, order=order, due=due
        )
        ActionParty.objects.create(action=a, party=lead, role=ActionParty.Role.LEAD)
        return a

    a11 = action(rec1, "1", "Set practice standards", alice, 1)
    a12 = action(rec1, "2", "Audit case files", alice, 2)
    a21 = action(rec2, "1", "Train managers", leo, 1, due=D(2013, 2, 28))
    Milestone.objects.create(
        action=a11, text="Standards agreed March 2013", due=D(2013, 3, 31), precision="month"
    )
    r11 = ReportingRequirement.objects.create(
        action=a11,
        body=cyplt,
        body_label="CYPLT",
        text="Report to CYPLT March 2013",
        due=D(2013, 3, 31),
        start=D(2013, 3, 1),
        precision="month",
    )
    r12 = ReportingRequirement.objects.create(
        action=a12,
        body=lscb,
        body_label="LSCB",
        text="Quarterly reports to LSCB",
        frequency="quarterly",
    )
    r21 = ReportingRequirement.objects.create(
        action=a21,
        body=cyplt,
        body_label="CYPLT",
        text="Report to CYPLT June 2013",
        due=D(2013, 6, 30),
        start=D(2013, 6, 1),
        precision="month",
    )
    return World(
        org, plan, cyplt, lscb, alice, leo, olive, oscar, rec1, rec2, a11, a12, a21, r11, r12, r21
    )
