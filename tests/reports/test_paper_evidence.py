"""Issue 15, point 7: a paper's Annex B gives the audits completed and what children and
families said in the six months to its as-at date, in HTML, PDF and Word alike, without any
case reference or any quote flagged as suggesting a child may be at risk."""

from __future__ import annotations

import dataclasses
import datetime as dt

from django.utils import timezone

from actionplan.audits import services as audits
from actionplan.plans.models import Body
from actionplan.reports.building import build_paper
from actionplan.reports.data import from_json, to_json
from actionplan.reports.evidence import ANNEX_B
from actionplan.reports.html import render_html
from actionplan.reports.pdf import render_pdf
from actionplan.reports.word import render_docx
from actionplan.voice import services as voice
from actionplan.voice.models import Quote
from reports.paper_support import docx_text, html_text, pdf_text
from support.audits import make_audit, record

# The personas' plan is stored today, so its papers are as at today or later.
AS_AT = dt.date.today()
AGO = AS_AT - dt.timedelta(days=30)
FLAGGED = "Sometimes I'm scared to go home"


def _world(personas):
    plan = personas.plan
    audit = make_audit(plan, auditors=[personas.lead_party], moderators=[personas.partner_party])
    record(audit, personas.lead_officer, reference="CA-2013-0001")
    record(audit, personas.lead_officer, reference="CA-2013-0002", overall_grade="inadequate")
    action = plan.recommendations.first().actions.first()
    audits.add_finding(
        audit, kind="learning", text="Plans need clearer timescales.", actions=[action]
    )
    audits.complete_audit(audit, user=personas.improvement_lead, at=timezone.now())
    voice.add_source(plan, name="ViewPoint", kind="survey")
    data = (
        "source,question,period start,period end,responses,positive\n"
        f"ViewPoint,Do you feel safe?,{AGO - dt.timedelta(days=60)},{AGO},212,84%\n"
    ).encode()
    voice.import_results_csv(data, plan, today=AS_AT)
    theme = voice.add_theme(plan, name="Feeling safe", summary="Most children feel safe")
    voice.add_quote(theme, text="My carers listen to me", heard_on=AGO)
    voice.add_quote(theme, text=FLAGGED, heard_on=AGO)
    voice.save_you_said(
        plan, theme=theme, you_said="We did not know our worker", we_did="Photo cards for all"
    )
    return plan, Body.objects.filter(plans=plan).first()


def test_annex_b_gives_the_audits_and_feedback_without_cases_or_flagged_quotes(personas):
    plan, body = _world(personas)
    assert Quote.objects.get(text=FLAGGED).flagged
    data = build_paper(plan, body, AS_AT)
    e = data.evidence
    assert ANNEX_B in data.annexes
    assert e.end == AS_AT and 181 <= (e.end - e.start).days <= 184  # six months
    (a,) = e.audits
    assert (a.cases, a.good_or_better) == (2, 1)
    assert {g.grade: g.cases for g in a.grades}["Inadequate"] == 1
    assert a.findings[0].actions  # linked to the plan's action
    assert [r.positive for r in e.results] == ["84%"]
    assert e.themes[0].quotes == ("My carers listen to me",)
    assert e.you_said[0].we_did == "Photo cards for all"
    assert from_json(to_json(data)) == data
    html = render_html(data, draft=True)
    word = docx_text(render_docx(data, draft=True))
    pdf = pdf_text(render_pdf(html))
    for text in (html_text(html.encode()), word, pdf):
        assert "Annex B: case-file audits and what children and families told us" in text
        assert "Plans need clearer timescales." in text
        assert "Do you feel safe?" in text and "My carers listen to me" in text
        assert "Photo cards for all" in text
        assert "CA-2013-000" not in text and "scared to go home" not in text


def test_a_paper_with_nothing_to_show_has_no_annex_b_and_old_papers_still_read(personas):
    plan = personas.plan
    body = Body.objects.filter(plans=plan).first()
    data = build_paper(plan, body, AS_AT)
    assert data.evidence is None and ANNEX_B not in data.annexes
    assert "Annex B" not in render_html(data, draft=True)
    stored = to_json(data)
    del stored["evidence"]  # a paper issued before Annex B existed
    assert from_json(stored) == dataclasses.replace(data, evidence=None)


def test_audits_and_feedback_older_than_six_months_are_left_out(personas):
    plan, body = _world(personas)
    data = build_paper(plan, body, AS_AT + dt.timedelta(days=365))
    assert data.evidence is None or not data.evidence.audits
