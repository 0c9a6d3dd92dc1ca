"""Audits appear on the forward plan (at the body's first meeting after the due date) and
their auditors are reminded before the due date, once, like any other deadline."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail
from django.urls import reverse

from actionplan.audits import services
from actionplan.governance.agenda import forward_plan
from actionplan.governance.calendars import body_calendar
from actionplan.governance.meetings import add_meeting, find_body
from actionplan.governance.models import Reminder
from actionplan.governance.reminders import run_reminders
from support.audits import make_audit, record

pytestmark = pytest.mark.django_db


@pytest.fixture
def cyplt(personas):
    return find_body(personas.plan.organisation, "CYPLT")


def test_an_audit_is_due_at_its_bodys_first_meeting_after_its_due_date(personas, cyplt):
    add_meeting(cyplt, dt.date(2013, 3, 19))
    april, _ = add_meeting(cyplt, dt.date(2013, 4, 16))
    audit = make_audit(personas.plan, report_to=cyplt)
    fp = forward_plan(personas.plan, as_at=dt.date(2013, 3, 1))
    agenda = fp.body("CYPLT")
    items = {m.meeting_id: m.items for m in agenda.meetings}
    (item,) = items[april.pk]
    assert item.kind == "Case-file audit"
    assert item.title == "Quality of child in need plans (Q4 2012/13)"
    assert "0 of 30 cases audited" in item.detail
    assert item.url == reverse("audits:audit", args=[personas.plan.pk, audit.pk])
    ics = body_calendar(personas.plan, [cyplt]).to_ical().decode()
    assert "Case-file audit: Quality of child in need plans" in ics.replace("\r\n ", "")


def test_an_audit_with_no_meeting_after_it_waits_for_one(personas, cyplt):
    add_meeting(cyplt, dt.date(2013, 3, 19))
    make_audit(personas.plan, report_to=cyplt, due=dt.date(2013, 6, 30))
    agenda = forward_plan(personas.plan, as_at=dt.date(2013, 3, 1)).body("CYPLT")
    assert [i.title for i in agenda.unscheduled_items] == [
        "Quality of child in need plans (Q4 2012/13)"
    ]


def test_auditors_are_reminded_before_the_due_date_once(personas, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    audit = make_audit(personas.plan, auditors=[personas.lead_party])
    record(audit, personas.lead_officer)
    run_reminders(today=dt.date(2013, 3, 17), plan_id=personas.plan.pk)
    run_reminders(today=dt.date(2013, 3, 17), plan_id=personas.plan.pk)
    sent = [m for m in mail.outbox if "audit" in m.subject]
    assert len(sent) == 1
    assert sent[0].to == [personas.lead_officer.email]
    assert "29 cases of its sample of 30 still to audit" in sent[0].body
    row = Reminder.objects.get(kind=Reminder.Kind.DEADLINE)
    assert (row.action, row.topic, row.days_before) == (None, f"audit:{audit.pk}", 14)


def test_a_complete_audit_reminds_nobody(personas, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    audit = make_audit(personas.plan, auditors=[personas.lead_party])
    record(audit, personas.lead_officer)
    services.complete_audit(audit, user=personas.improvement_lead)
    run_reminders(today=dt.date(2013, 3, 28), plan_id=personas.plan.pk)
    assert not Reminder.objects.filter(kind=Reminder.Kind.DEADLINE).exists()


def test_the_reminders_page_shows_an_audit_reminder(client, personas, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    make_audit(personas.plan, auditors=[personas.lead_party])
    run_reminders(today=dt.date(2013, 3, 28), plan_id=personas.plan.pk)
    client.force_login(personas.improvement_lead)
    page = client.get(reverse("governance:reminders", args=[personas.plan.pk]))
    assert page.status_code == 200
    assert "the audit &#x27;Quality of child in need plans&#x27; is due" in page.content.decode()
