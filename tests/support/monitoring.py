"""Helpers for the monitoring tests: dates in the service's time zone, a small plan."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from actionplan import interchange as ix
from actionplan.monitoring.history import date_plan_from
from actionplan.plans.models import Plan
from actionplan.plans.services import store_plan
from support.factories import plan_document

D = dt.date
STARTED = (2012, 12, 3)


def at(year: int, month: int, day: int, hour: int = 10) -> dt.datetime:
    """A moment in the service's time zone."""
    return timezone.make_aware(dt.datetime(year, month, day, hour))


def small_document(actions: int = 3, title: str = "Improvement plan") -> ix.PlanDocument:
    """One recommendation of `actions` actions, each led by Judith Hay with NYAS as a
    partner, a milestone due at the end of February 2013 and an end date in June."""
    judith = ix.Party(name="Judith Hay", kind=ix.PartyKind.PERSON)
    nyas = ix.Party(name="NYAS", kind=ix.PartyKind.ORGANISATION)
    return plan_document(
        title=title,
        actions=actions,
        period=ix.Period(start=D(2012, 12, 1), end=D(2013, 6, 30)),
        people=[ix.Person(name="Judith Hay")],
        recommendation={
            "title": "Ensure that children's views are recorded",
            "overall_responsibility": [judith],
        },
        action=lambda r, i: {
            "due": D(2013, 6, 30),
            "leads": [judith],
            "partners": [nyas],
            "milestones": [ix.Milestone(text="Audit – February 2013", due=D(2013, 2, 28))],
            "reporting": [ix.Reporting(text="Report to SMT", body="SMT")],
        },
    )


def stored(doc: ix.PlanDocument) -> Plan:
    """The document stored, its history dated from 3 December 2012 (see date_plan_from)."""
    plan = store_plan(doc).plan
    date_plan_from(plan, at(*STARTED))
    return plan
