"""One answer to "the latest progress of an action as at a day" (ADR 0005): the dashboard, the
forward plan, the reminders and a board paper agree, whatever order updates were entered in.

Action 1 of recommendation 2.0 (due 28 February 2013) has, as at 17 March 2013:
- an update for 10 February, written that day: the latest;
- a back-dated one for 31 January, written on 5 March: written later, but it speaks for an
  earlier date, so it does not displace February's;
- a late-entered "complete" for 10 March, written on 25 March: not yet written on the 17th,
  so nobody may see it as at then (before ADR 0005 was applied everywhere, the forward plan
  and the reminders took it and called the action finished).
"""

import datetime as dt

import pytest
from django.contrib.auth import get_user_model
from governance_world import at, build_world

from actionplan.governance.agenda import forward_plan
from actionplan.governance.meetings import generate_meetings
from actionplan.governance.models import Reminder
from actionplan.governance.reminders import plan_reminders
from actionplan.monitoring.history import date_plan_from
from actionplan.reports.building import build_paper

D = dt.date
AS_AT = D(2013, 3, 17)
pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    w = build_world()
    w.addresses()
    date_plan_from(w.plan, at(D(2012, 12, 1)))
    generate_meetings(w.cyplt, "third Tuesday of each month", D(2013, 1, 1), D(2013, 6, 30))
    w.update(w.a21, D(2013, 2, 10), "on_track", text="February")
    w.update(w.a21, D(2013, 1, 31), "at_risk", text="January", created_at=at(D(2013, 3, 5)))
    w.update(w.a21, D(2013, 3, 10), "complete", text="Done", created_at=at(D(2013, 3, 25)))
    return w


def test_the_dashboard_forward_plan_reminders_and_board_paper_agree(world, client):
    client.force_login(get_user_model().objects.create_superuser("admin", "", "x"))
    page = client.get(f"/plans/{world.plan.pk}/?as_at={AS_AT.isoformat()}")
    dashboard = page.context["page"].snapshot.action(world.a21.pk)

    agenda = forward_plan(world.plan, as_at=AS_AT)
    due = [
        a
        for body in agenda.bodies
        for m in body.meetings
        if m.date > AS_AT
        for a in m.actions
        if a.action_id == world.a21.pk
    ]

    plan_reminders(today=AS_AT)
    (escalation,) = Reminder.objects.filter(action=world.a21, kind="overdue")

    paper = build_paper(world.plan, world.cyplt, AS_AT)
    (item,) = [i for r in paper.annex for i in r.items if i.action_id == world.a21.pk]

    assert (dashboard.latest.as_at, dashboard.status) == (D(2013, 2, 10), "on_track")
    assert due and {(a.last_update, a.finished) for a in due} == {(D(2013, 2, 10), False)}
    assert "its latest update (10 February 2013) does not say it is finished" in escalation.text
    assert (item.latest.as_at, item.latest.narrative) == (D(2013, 2, 10), "February")
