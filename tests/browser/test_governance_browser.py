"""The governance pages in a real browser: axe on every one, as the improvement lead and as
the inspector, and the improvement lead's journey through them without JavaScript help."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from django.urls import reverse

from actionplan.governance.demo import load_demo_meetings
from actionplan.governance.meetings import find_body
from actionplan.governance.models import Meeting, Reminder
from actionplan.plans.models import Action
from support.browser import axe_violations, check, sign_in

SCREENSHOTS = Path(__file__).resolve().parents[2] / "var" / "screenshots"


@pytest.fixture
def plan(personas):
    load_demo_meetings(personas.plan)
    plan = personas.plan
    action = Action.objects.filter(recommendation__plan=plan).first()
    party = personas.lead_party
    for i, (kind, status) in enumerate(
        [("milestone", "sent"), ("report", "pending"), ("overdue", "failed")]
    ):
        Reminder.objects.create(
            plan=plan,
            action=action,
            recipient=party,
            email="lead@example.gov.uk",
            kind=kind,
            status=status,
            due=dt.date(2013, 3, 1 + i),
            days_before=3,
            subject="s",
            text="t",
            last_error="SMTP refused" if status == "failed" else "",
        )
    return plan


def governance_pages(plan, *, manager: bool) -> list[str]:
    cyplt = find_body(plan.organisation, "CYPLT")
    meeting = Meeting.objects.filter(body=cyplt).order_by("date").first()
    urls = [
        reverse("governance:meetings", args=[plan.pk]),
        reverse("governance:meetings", args=[plan.pk]) + f"?body={cyplt.pk}",
        reverse("governance:meetings", args=[plan.pk]) + "?body=999999",  # the filter's error
        reverse("governance:forward_plan", args=[plan.pk]),
        reverse("governance:forward_plan_body", args=[plan.pk, cyplt.pk]) + "?as_at=2013-03-15",
        reverse("governance:reminders", args=[plan.pk]),
    ]
    if manager:
        urls += [
            reverse("governance:add_meeting", args=[plan.pk]),
            reverse("governance:generate_meetings", args=[plan.pk]),
            reverse("governance:import_meetings", args=[plan.pk]),
            reverse("governance:remove_meeting", args=[plan.pk, meeting.pk]),
        ]
    return urls


def test_the_inspectors_governance_pages_are_accessible(page, live_server, personas, plan):
    sign_in(page, live_server, personas.inspector.username)
    assert check(page, live_server, governance_pages(plan, manager=False)) == {}


def test_the_improvement_leads_governance_pages_and_their_errors_are_accessible(
    page, live_server, personas, plan
):
    sign_in(page, live_server, personas.improvement_lead.username)
    assert check(page, live_server, governance_pages(plan, manager=True)) == {}

    page.goto(live_server.url + reverse("governance:add_meeting", args=[plan.pk]))
    page.get_by_label("Start time").fill("25pm")
    with page.expect_navigation():
        page.get_by_role("button", name="Add meeting").click()
    assert page.title().startswith("Error: ")
    assert axe_violations(page) == []

    page.goto(live_server.url + reverse("governance:generate_meetings", args=[plan.pk]))
    page.get_by_label("When does it meet?").fill("thrid Tuesday of each month")
    with page.expect_navigation():
        page.get_by_role("button", name="Add meetings").click()
    assert page.title().startswith("Error: ")
    assert axe_violations(page) == []

    page.goto(live_server.url + reverse("governance:import_meetings", args=[plan.pk]))
    page.get_by_label("Upload a CSV file of meetings").set_input_files(
        files=[
            {
                "name": "meetings.csv",
                "mimeType": "text/csv",
                "buffer": b"body,date\nCYPLT,31/02/2013\nCabinet,2013-03-19\n",
            }
        ]
    )
    with page.expect_navigation():
        page.get_by_role("button", name="Import meetings").click()
    assert page.title().startswith("Error: ")
    assert page.get_by_text("Row 3, column 'body'").first.is_visible()
    assert axe_violations(page) == []


def test_the_improvement_lead_enters_meetings_and_reads_the_forward_plan(
    page, live_server, personas, plan
):
    lscb = find_body(plan.organisation, "LSCB")
    Meeting.objects.filter(body=lscb).delete()
    sign_in(page, live_server, personas.improvement_lead.username)
    page.goto(live_server.url + reverse("governance:meetings", args=[plan.pk]))

    page.get_by_role("link", name="Add meetings from a rule").click()
    page.get_by_label("Which body meets?").select_option(str(lscb.pk))
    page.get_by_label("When does it meet?").fill("last Thursday of each quarter")
    page.get_by_role("button", name="Add meetings").click()

    page.get_by_text("LSCB: ").first.wait_for()
    assert Meeting.objects.filter(body=lscb).exists()
    assert page.url.endswith(f"?body={lscb.pk}")
    assert axe_violations(page) == []

    page.get_by_role("link", name="Forward plan").first.click()
    page.get_by_role("link", name=lscb.abbreviation, exact=False).first.click()
    page.get_by_role("heading", name="Meetings held, the latest first").wait_for()
    assert axe_violations(page) == []
    with page.expect_download() as download:
        page.get_by_role("link", name="Download LSCB’s meetings as a calendar").click()
    assert download.value.suggested_filename.startswith("lscb-")

    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "forward-plan.png"), full_page=True)

    page.goto(live_server.url + reverse("governance:reminders", args=[plan.pk]))
    page.get_by_role("button", name="Queue the reminder job").click()
    page.get_by_text("The reminders for this plan due today will be worked out").wait_for()
    assert axe_violations(page) == []
    page.get_by_role("button", name="Queue the reminder job").click()
    page.get_by_text("The reminders for this plan are already waiting to be sent").wait_for()
    assert axe_violations(page) == []
