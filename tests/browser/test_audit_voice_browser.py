"""The audit and voice pages in Chromium, with axe (WCAG 2.2 AA) on every page, with and
without errors: the auditor audits a case, the moderator moderates it, the improvement lead
runs the programme and the voice pages, a member reads findings and feedback and asks about
them."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse

from actionplan.audits.models import CaseAudit, Moderation
from actionplan.voice import services as voice
from support.audits import audit_world
from support.browser import axe_violations, check, sign_in


def submit(page, button: str) -> None:
    """Send the page's form and wait for the page that answers."""
    with page.expect_navigation():
        page.get_by_role("button", name=button, exact=True).click()


def _voice(plan):
    source = voice.add_source(plan, name="ViewPoint", kind="survey")
    theme = voice.add_theme(plan, name="Feeling safe", summary="Most children feel safe")
    voice.add_quote(
        theme, text="My carers listen to me", heard_on=dt.date(2013, 2, 1), source=source
    )
    voice.add_quote(theme, text="Sometimes I'm scared to go home", heard_on=dt.date(2013, 2, 2))
    entry = voice.save_you_said(
        plan, theme=theme, you_said="We did not know our worker", we_did="Photo cards for all"
    )
    return source, theme, entry


def test_the_auditor_audits_a_case(page, live_server, personas):
    plan = personas.plan
    audit_world(personas)
    sign_in(page, live_server, personas.lead_officer.username)
    page.goto(live_server.url + reverse("audits:programme", args=[plan.pk]))
    assert axe_violations(page) == []
    page.get_by_role("link", name="Quality of child in need plans").click()
    page.get_by_role("link", name="Audit a case").click()
    submit(page, "Save case audit")
    assert page.title().startswith("Error: ")
    assert axe_violations(page) == []
    page.get_by_label("Case reference").fill("CA-2013-0200")
    page.get_by_label("Day").fill("14")
    page.get_by_label("Month").fill("2")
    page.get_by_label("Year").fill("2013")
    page.get_by_role("group", name="Was the child seen alone at the last visit?").get_by_label(
        "Yes", exact=True
    ).check()
    page.get_by_role("group", name="Are the child's views recorded").get_by_label("Good").check()
    page.get_by_role("group", name="Is the child in need plan outcome focused?").get_by_label(
        "Not applicable"
    ).check()
    page.get_by_role("group", name="Overall grade").get_by_label("Good").check()
    page.get_by_label("Strengths (optional)").fill("Seen alone; wishes recorded. DOB 13/03/2009")
    submit(page, "Save case audit")
    assert "a date of birth" in page.locator(".govuk-error-summary").inner_text()
    assert axe_violations(page) == []
    strengths = page.get_by_label("Strengths (optional)")
    assert strengths.input_value() == "Seen alone; wishes recorded. DOB [removed]"
    strengths.fill("Seen alone; wishes recorded.")
    submit(page, "Save case audit")
    page.wait_for_url("**/audits/*/#cases")
    assert "The case audit has been saved: CA-2013-0200" in page.content()
    assert axe_violations(page) == []
    assert CaseAudit.objects.filter(case_reference="CA-2013-0200").exists()


def test_the_moderator_changes_a_grade_with_a_reason(page, live_server, personas):
    plan = personas.plan
    _, case, *_ = audit_world(personas)
    sign_in(page, live_server, personas.partner.username)
    page.goto(live_server.url + reverse("audits:case", args=[plan.pk, case.pk]))
    assert axe_violations(page) == []
    page.get_by_role("link", name="Moderate this case").click()
    page.get_by_role("group", name="Overall grade").get_by_label("Requires improvement").check()
    submit(page, "Save moderation")
    assert page.title().startswith("Error: ")
    assert axe_violations(page) == []
    page.get_by_label("Why you changed a grade").fill("The plan has no timescales")
    submit(page, "Save moderation")
    page.wait_for_url(f"**/audits/cases/{case.pk}/")
    assert "Overall grade: Good to Requires improvement" in page.content()
    assert axe_violations(page) == []
    assert not Moderation.objects.get().agreed


def test_the_improvement_leads_audit_and_voice_pages_are_accessible(page, live_server, personas):
    plan = personas.plan
    audit, case, finding, question = audit_world(personas)
    source, theme, entry = _voice(plan)
    asked = voice.ask(source, user=personas.member, question="Why did fewer answer?")
    sign_in(page, live_server, personas.improvement_lead.username)
    p = plan.pk
    urls = [
        reverse("audits:programme", args=[p]),
        reverse("audits:audit", args=[p, audit.pk]),
        reverse("audits:case", args=[p, case.pk]),
        reverse("audits:tools", args=[p]),
        reverse("audits:tool", args=[p, audit.tool_id]),
        reverse("audits:edit_tool", args=[p, audit.tool_id]),
        reverse("audits:edit_audit", args=[p, audit.pk]),
        reverse("audits:complete_audit", args=[p, audit.pk]),
        reverse("audits:edit_finding", args=[p, finding.pk]),
        reverse("audits:answer", args=[p, question.pk]),
        reverse("voice:overview", args=[p]),
        reverse("voice:source", args=[p, source.pk]),
        reverse("voice:safeguarding", args=[p]),
        reverse("voice:edit_you_said", args=[p, entry.pk]),
        reverse("voice:you_said_we_did", args=[p]),
        # Filled in from the finding: no error to show when sent as it comes.
        reverse("audits:finding_action", args=[p, finding.pk]),
    ]
    assert check(page, live_server, urls) == {}
    forms = {
        reverse("audits:add_audit", args=[p]): "Add audit",
        reverse("audits:add_tool", args=[p]): "Add tool",
        reverse("audits:add_finding", args=[p, audit.pk]): "Add finding",
        reverse("audits:measures", args=[p]): "Add indicator",
        reverse("voice:add_source", args=[p]): "Add source",
        reverse("voice:import_results", args=[p]): "Import results",
        reverse("voice:add_theme", args=[p]): "Add theme",
        reverse("voice:add_quote", args=[p, theme.pk]): "Add quote",
        reverse("voice:add_you_said", args=[p]): "Add",
        reverse("voice:answer", args=[p, asked.pk]): "Send answer",
    }
    assert check(page, live_server, list(forms)) == {}
    for url, button in forms.items():
        page.goto(live_server.url + url)
        submit(page, button)
        assert page.title().startswith("Error: "), url
        assert axe_violations(page) == [], url


def test_a_member_reads_findings_and_asks_about_them(page, live_server, personas):
    plan = personas.plan
    audit, *_ = audit_world(personas)
    _voice(plan)
    sign_in(page, live_server, personas.member.username)
    page.goto(live_server.url + reverse("audits:audit", args=[plan.pk, audit.pk]))
    assert "Plans need clearer timescales." in page.content()
    assert "CA-2013-0001" not in page.content()
    assert axe_violations(page) == []
    page.get_by_role("link", name="Ask a question about these findings").click()
    page.get_by_label("Your question").fill("Which teams had the weakest plans?")
    submit(page, "Send question")
    page.wait_for_url("**/#questions")
    assert "Which teams had the weakest plans?" in page.content()
    assert axe_violations(page) == []
    page.goto(live_server.url + reverse("voice:overview", args=[plan.pk]))
    assert "scared to go home" not in page.content()
    assert axe_violations(page) == []
    page.get_by_role("link", name="ViewPoint").click()
    page.get_by_role("heading", name="Questions about the feedback").wait_for()
    assert axe_violations(page) == []
    page.get_by_role("link", name="Ask a question about this feedback").click()
    page.get_by_label("Your question").fill("Did Sarah Jones answer it?")
    submit(page, "Send question")
    assert page.title().startswith("Error: ")
    assert axe_violations(page) == []
    page.get_by_label("Your question").fill("Why did fewer children answer this year?")
    submit(page, "Send question")
    page.wait_for_url("**/#questions")
    assert "Why did fewer children answer this year?" in page.content()
    assert axe_violations(page) == []
    page.goto(live_server.url + reverse("voice:overview", args=[plan.pk]))
    page.get_by_role("link", name="‘You said, we did’ for children and families (to print)").click()
    page.get_by_role("heading", name="You said, we did").wait_for()
    assert axe_violations(page) == []
    page.emulate_media(media="print")
    assert axe_violations(page) == []


def test_the_audit_and_voice_pages_fit_a_small_phone(page, live_server, personas):
    plan = personas.plan
    audit, case, *_ = audit_world(personas)
    source, *_ = _voice(plan)
    voice.ask(source, user=personas.member, question="Why did fewer answer?")
    p = plan.pk
    page.set_viewport_size({"width": 375, "height": 800})
    sign_in(page, live_server, personas.improvement_lead.username)
    too_wide = {}
    for url in [
        reverse("audits:programme", args=[p]),
        reverse("audits:audit", args=[p, audit.pk]),
        reverse("audits:case", args=[p, case.pk]),
        reverse("audits:tool", args=[p, audit.tool_id]),
        reverse("audits:measures", args=[p]),
        reverse("voice:overview", args=[p]),
        reverse("voice:source", args=[p, source.pk]),
        reverse("voice:safeguarding", args=[p]),
        reverse("voice:you_said_we_did", args=[p]),
    ]:
        page.goto(live_server.url + url)
        width = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
        if width[0] > width[1]:
            too_wide[url] = width
        assert axe_violations(page) == [], url
    assert too_wide == {}
