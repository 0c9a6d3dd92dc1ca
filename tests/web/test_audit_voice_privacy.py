"""No identifier reaches the database, the logs, e-mails, pages or papers: identifiers are
planted in every free-text field of the audit and voice forms, which refuse them; then the
whole database (dumpdata), the captured logs, the mail sent, every page returned and the
papers' data are searched for them."""

from __future__ import annotations

import datetime as dt
import io
import logging

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse

from actionplan.audits.services import findings_for_paper
from actionplan.identifiers import upn_check_letter
from actionplan.voice import services as voice
from actionplan.voice.services import feedback_for_paper
from support.audits import audit_world

pytestmark = pytest.mark.django_db

UPN = upn_check_letter("801201001011") + "801201001011"
PLANTED = {
    "NHS number": "943 476 5919",
    "date of birth": "born 13/03/2009",
    "postcode": "YO7 1HH",
    "e-mail address": "kelly.robinson@example.com",
    "telephone number": "01609 780780",
    "pupil number": UPN,
    "name": "Kelly Robinson",
}
# What to search for: each value, and the NHS number's digits run together.
SOUGHT = [*PLANTED.values(), "9434765919", "13/03/2009", "Robinson"]


def test_no_planted_identifier_is_kept_logged_sent_or_shown(client, personas, caplog, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    caplog.set_level(logging.DEBUG)
    plan = personas.plan
    audit, case, finding, question = audit_world(personas)
    source = voice.add_source(plan, name="ViewPoint", kind="survey")
    theme = voice.add_theme(plan, name="Feeling safe")
    entry = voice.save_you_said(plan, you_said="We said", we_did="We did")
    voice.set_contact(plan, name="DSL", email="dsl@example.gov.uk")
    pages = []

    def post(user, name, args, data):
        client.force_login(user)
        response = client.post(reverse(name, args=[plan.pk, *args]), data)
        assert response.status_code == 200, (name, response.status_code)  # refused, shown again
        assert "There is a problem" in response.content.decode()
        pages.append(response.content.decode())

    for kind, value in PLANTED.items():
        text = f"Noted at the visit: {value}."
        date = {"audited_on_day": "14", "audited_on_month": "2", "audited_on_year": "2013"}
        answers = {"q_seen-alone": "yes", "q_views": "good", "q_plan-quality": "good"}
        case_fields = {
            "case_reference": f"CA-{kind[:3]}",
            **date,
            **answers,
            "overall_grade": "good",
        }
        for field in ("strengths", "improvements", "team_actions"):
            post(personas.lead_officer, "audits:add_case", [audit.pk], {**case_fields, field: text})
        post(
            personas.partner,
            "audits:moderate_case",
            [case.pk],
            {**answers, "overall_grade": "inadequate", "reason": text},
        )
        post(
            personas.improvement_lead,
            "audits:add_finding",
            [audit.pk],
            {"kind": "theme", "text": text},
        )
        post(
            personas.improvement_lead,
            "audits:edit_finding",
            [finding.pk],
            {"kind": "theme", "text": text},
        )
        post(personas.member, "audits:ask", [audit.pk], {"question": text})
        post(personas.improvement_lead, "audits:answer", [question.pk], {"text": text})
        post(
            personas.improvement_lead,
            "voice:add_quote",
            [theme.pk],
            {"text": text, "heard_on_day": "1", "heard_on_month": "2", "heard_on_year": "2013"},
        )
        post(
            personas.improvement_lead,
            "voice:add_theme",
            [],
            {"name": f"Theme {kind}", "summary": text},
        )
        post(
            personas.improvement_lead,
            "voice:edit_you_said",
            [entry.pk],
            {"you_said": text, "we_did": "x"},
        )
        post(personas.improvement_lead, "voice:add_you_said", [], {"you_said": "x", "we_did": text})
        data = (
            "source,question,period start,period end,responses,positive\n"
            f"ViewPoint,{text},01/10/2012,31/12/2012,10,50\n"
        ).encode()
        post(
            personas.improvement_lead,
            "voice:import_results",
            [],
            {"file": SimpleUploadedFile("results.csv", data, "text/csv")},
        )
    assert source.results.count() == 0

    dump = io.StringIO()
    call_command("dumpdata", stdout=dump)
    today = dt.date.today()
    papers = repr(findings_for_paper(plan, (today, today))) + repr(
        feedback_for_paper(plan, (dt.date(2012, 1, 1), today))
    )
    sent = " ".join(m.subject + m.body for m in mail.outbox)
    for value in SOUGHT:
        assert value not in dump.getvalue(), f"{value!r} is in the database"
        assert value not in caplog.text, f"{value!r} is in the logs"
        assert value not in sent, f"{value!r} was e-mailed"
        assert value not in papers, f"{value!r} is in the papers' data"
        shown = [p for p in pages if value in p]
        assert not shown, f"{value!r} was shown on a page"
