"""The governance app's URLs in the URL walk (tests/web/test_url_walk.py merges them).

EXPECTED: URL name -> {persona: status}, "*" for every persona not named.
ids(personas): URL name -> the args to reverse it with, on personas.plan.
guessed(personas): URLs with another council's ids in them; every reader must get 404.
"""

from __future__ import annotations

import datetime as dt

from django.urls import reverse

READERS = {"improvement_lead", "lead_officer", "partner", "member", "inspector"}
PLAN_PAGE = {**dict.fromkeys(READERS, 200), "outsider": 404, "anonymous": 302}
LEAD_ONLY = {"*": 403, "improvement_lead": 200, "outsider": 404, "anonymous": 302}

EXPECTED: dict[str, dict[str, int]] = {
    "governance:meetings": PLAN_PAGE,
    "governance:add_meeting": LEAD_ONLY,
    "governance:generate_meetings": LEAD_ONLY,
    "governance:import_meetings": LEAD_ONLY,
    "governance:remove_meeting": LEAD_ONLY,
    "governance:edit_meeting": LEAD_ONLY,
    "governance:forward_plan": PLAN_PAGE,
    "governance:forward_plan_body": PLAN_PAGE,
    "governance:plan_calendar": PLAN_PAGE,
    "governance:body_calendar": PLAN_PAGE,
    "governance:person_calendar": PLAN_PAGE,
    "governance:reminders": {
        "*": 403,
        "improvement_lead": 200,
        "inspector": 200,
        "outsider": 404,
        "anonymous": 302,
    },
    # Queues the reminder job: a POST only.
    "governance:run_reminders": {"*": 405},
    "governance:reminder_policy": LEAD_ONLY,
}


def _cyplt_meeting(plan):
    from actionplan.governance.meetings import add_meeting, find_body

    body = find_body(plan.organisation, "CYPLT")
    meeting, _ = add_meeting(body, dt.date(2013, 3, 19))
    return body, meeting


def ids(personas) -> dict[str, list]:
    plan = personas.plan
    body, meeting = _cyplt_meeting(plan)
    return {
        "governance:meetings": [plan.pk],
        "governance:add_meeting": [plan.pk],
        "governance:generate_meetings": [plan.pk],
        "governance:import_meetings": [plan.pk],
        "governance:remove_meeting": [plan.pk, meeting.pk],
        "governance:edit_meeting": [plan.pk, meeting.pk],
        "governance:forward_plan": [plan.pk],
        "governance:forward_plan_body": [plan.pk, body.pk],
        "governance:plan_calendar": [plan.pk],
        "governance:body_calendar": [plan.pk, body.pk],
        "governance:person_calendar": [plan.pk, personas.lead_party.pk],
        "governance:reminders": [plan.pk],
        "governance:run_reminders": [plan.pk],
        "governance:reminder_policy": [plan.pk],
    }


def guessed(personas) -> list[str]:
    """Another council's plan, and its bodies, meetings and people under this plan's URLs."""
    from actionplan.governance.models import Meeting
    from actionplan.plans.models import Body

    mine, theirs = personas.plan, personas.outsider_plan
    their_body = Body.objects.filter(organisation=theirs.organisation).order_by("pk").first()
    their_party = theirs.organisation.parties.order_by("pk").first()
    their_meeting, _ = Meeting.objects.get_or_create(body=their_body, date=dt.date(2013, 3, 20))
    urls = [
        reverse(f"governance:{name}", args=[theirs.pk])
        for name in (
            "meetings",
            "add_meeting",
            "generate_meetings",
            "import_meetings",
            "forward_plan",
            "plan_calendar",
            "reminders",
            "reminder_policy",
        )
    ]
    urls += [
        reverse("governance:remove_meeting", args=[theirs.pk, their_meeting.pk]),
        reverse("governance:edit_meeting", args=[theirs.pk, their_meeting.pk]),
        reverse("governance:forward_plan_body", args=[theirs.pk, their_body.pk]),
        reverse("governance:body_calendar", args=[theirs.pk, their_body.pk]),
        reverse("governance:person_calendar", args=[theirs.pk, their_party.pk]),
        # Their ids under my plan's URLs: still not mine.
        reverse("governance:forward_plan_body", args=[mine.pk, their_body.pk]),
        reverse("governance:body_calendar", args=[mine.pk, their_body.pk]),
        reverse("governance:person_calendar", args=[mine.pk, their_party.pk]),
        # Ids that do not exist.
        reverse("governance:forward_plan_body", args=[mine.pk, 999_999]),
        reverse("governance:person_calendar", args=[mine.pk, 999_999]),
    ]
    return urls
