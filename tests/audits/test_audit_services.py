"""Audits as the services write them: tools and versions, case audits, moderation,
findings made into actions, indicators fed from audits, and the papers' data."""

from __future__ import annotations

import datetime as dt

import pytest

from actionplan.audits import services
from actionplan.audits.models import AuditMeasure, CaseAudit, ToolVersion
from actionplan.identifiers import Kind
from actionplan.indicators.models import IndicatorValue
from actionplan.plans.models import Action
from support.audits import ANSWERS, TOOL, make_audit, make_tool, record

pytestmark = pytest.mark.django_db


@pytest.fixture
def audit(personas):
    return make_audit(
        personas.plan, auditors=[personas.lead_party], moderators=[personas.partner_party]
    )


def test_a_tool_is_changed_in_place_until_a_case_uses_it_then_gets_a_new_version(personas):
    tool = make_tool(personas.plan)
    changed = TOOL + "Question chronology (yes/partly/no): Is the chronology up to date?\n"
    version, new = services.revise_tool(tool, definition=changed)
    assert (version.number, new) == (1, False)
    audit = make_audit(personas.plan, tool=tool)
    case = record(audit, personas.lead_officer, answers={**ANSWERS, "chronology": "yes"})
    version, new = services.revise_tool(tool, definition=TOOL)
    assert (version.number, new) == (2, True)
    case.refresh_from_db()
    assert case.tool_version.number == 1
    assert case.tool_version.spec().question("chronology") is not None
    assert tool.current().spec().question("chronology") is None
    later = record(audit, personas.lead_officer, reference="CA-2")
    assert later.tool_version.number == 2


def test_a_case_audit_needs_every_answer_and_an_overall_grade(audit, personas):
    with pytest.raises(services.AuditError, match="Answer the question") as e:
        record(audit, personas.lead_officer, answers={"views": "good"})
    assert e.value.field == "q_seen-alone"
    with pytest.raises(services.AuditError, match="overall grade"):
        record(audit, personas.lead_officer, overall_grade="")
    assert not CaseAudit.objects.exists()


@pytest.mark.parametrize(
    ("field", "text", "kind"),
    [
        ("strengths", "Seen with his mother Kelly Robinson at home", Kind.NAME),
        ("improvements", "NHS number 943 476 5919 is on the front sheet", Kind.NHS_NUMBER),
        ("team_actions", "Child born 13/03/2009: check the health plan", Kind.DATE_OF_BIRTH),
        ("strengths", "Family moved to YO7 1HH", Kind.POSTCODE),
        ("case_reference", "9434765919", Kind.NHS_NUMBER),
    ],
)
def test_a_case_audit_refuses_identifiers_naming_the_field_and_kind(
    audit, personas, field, text, kind
):
    with pytest.raises(services.IdentifiersFound) as e:
        record(audit, personas.lead_officer, **{field: text})
    assert list(e.value.problems) == [field]
    message = e.value.problems[field][0]
    assert str(kind) in message
    assert text not in message and text.split()[-1] not in message
    assert not CaseAudit.objects.exists()


def test_the_plans_people_may_be_named(audit, personas):
    case = record(audit, personas.lead_officer, strengths="Judith Hay chaired the review")
    assert case.strengths == "Judith Hay chaired the review"


def test_moderation_keeps_both_grades_and_needs_a_reason_to_change_one(audit, personas):
    case = record(audit, personas.lead_officer)
    grades = {**ANSWERS, "overall": "requires_improvement"}
    with pytest.raises(services.AuditError, match="Say why"):
        services.moderate(case, user=personas.partner, grades=grades)
    m = services.moderate(
        case, user=personas.partner, grades=grades, reason="The plan has no timescales"
    )
    assert m.changed() == {"overall": ("good", "requires_improvement")}
    case.refresh_from_db()
    assert case.overall_grade == "good"
    assert case.grades()["overall"] == "requires_improvement"
    agreed = services.moderate(case, user=personas.improvement_lead, grades=case.grades())
    assert agreed.agreed


def test_a_case_is_not_moderated_by_its_auditor_nor_changed_once_moderated(audit, personas):
    case = record(audit, personas.lead_officer)
    with pytest.raises(services.AuditError, match="someone other than its auditor"):
        services.moderate(case, user=personas.lead_officer, grades=case.grades())
    services.moderate(case, user=personas.partner, grades=case.grades())
    with pytest.raises(services.AuditError, match="moderated"):
        services.edit_case_audit(
            case,
            case_reference="CA-2013-0001",
            audited_on=dt.date(2013, 2, 14),
            answers=ANSWERS,
            overall_grade="inadequate",
        )


def test_a_finding_becomes_an_action_in_the_plan_with_its_history(audit, personas):
    finding = services.add_finding(audit, kind="learning", text="CiN plans lack timescales")
    rec = personas.plan.recommendations.get(number="4")
    action = services.action_from_finding(
        finding,
        user=personas.improvement_lead,
        recommendation=rec,
        text="Add timescales to every CiN plan",
        leads=[personas.lead_party.pk],
        due=dt.date(2013, 6, 30),
    )
    assert action.recommendation == rec and list(finding.actions.all()) == [action]
    created = action.history.earliest("history_date")
    assert created.history_user == personas.improvement_lead
    assert "Quality of child in need plans" in created.history_change_reason
    assert action.action_parties.get().party == personas.lead_party


def test_a_finding_links_to_existing_actions_and_refuses_other_plans(audit, personas):
    mine = Action.objects.filter(recommendation__plan=personas.plan)[:2]
    finding = services.add_finding(audit, kind="theme", text="Visits", actions=mine)
    assert set(finding.actions.all()) == set(mine)
    theirs = Action.objects.filter(recommendation__plan=personas.outsider_plan)[:1]
    with pytest.raises(services.AuditError, match="actions of this plan"):
        services.link_actions(finding, theirs)


def test_completed_audits_feed_their_indicators_with_moderated_grades(audit, personas):
    plan = personas.plan
    good = services.feed_indicator(
        plan, name="Cases graded good or better", measure=AuditMeasure.Measure.GOOD_OR_BETTER
    )
    alone = services.feed_indicator(
        plan,
        name="Children seen alone",
        measure=AuditMeasure.Measure.ANSWER_YES,
        question_key="seen-alone",
    )
    first = record(audit, personas.lead_officer, reference="A1")
    record(audit, personas.lead_officer, reference="A2", answers={**ANSWERS, "seen-alone": "no"})
    record(
        audit,
        personas.lead_officer,
        reference="A3",
        overall_grade="inadequate",
        answers={**ANSWERS, "seen-alone": "n/a"},
    )
    assert not IndicatorValue.objects.exists()  # nothing until the audit is complete
    services.complete_audit(audit, user=personas.improvement_lead)
    value = good.values.get()
    assert (value.numerator, value.denominator, value.source) == (2, 3, "audit")
    assert value.period_end == dt.date(2013, 3, 31)
    assert f"/audits/{audit.pk}/" in value.source_url
    assert (alone.values.get().numerator, alone.values.get().denominator) == (1, 2)
    services.moderate(
        first,
        user=personas.partner,
        grades={**first.grades(), "overall": "requires_improvement"},
        reason="No timescales",
    )
    assert good.values.get().numerator == 1


def test_findings_for_paper_give_the_period_s_audits_without_any_case(audit, personas):
    record(audit, personas.lead_officer, reference="CA-1")
    record(audit, personas.lead_officer, reference="CA-2", overall_grade="inadequate")
    services.add_finding(audit, kind="learning", text="Plans need timescales")
    services.complete_audit(audit, user=personas.improvement_lead)
    today = dt.date.today()
    paper = services.findings_for_paper(personas.plan, (today - dt.timedelta(days=1), today))
    (found,) = paper.audits
    assert (found.title, found.quarter, found.cases, found.good_or_better) == (
        "Quality of child in need plans",
        "Q4 2012/13",
        2,
        1,
    )
    assert dict(found.grades) == {
        "Outstanding": 0,
        "Good": 1,
        "Requires improvement": 0,
        "Inadequate": 1,
    }
    assert [f.text for f in found.findings] == ["Plans need timescales"]
    assert "CA-1" not in repr(paper)
    earlier = services.findings_for_paper(
        personas.plan, (dt.date(2012, 1, 1), dt.date(2012, 12, 31))
    )
    assert earlier.audits == ()


def test_a_complete_audit_takes_no_more_cases(audit, personas):
    with pytest.raises(services.AuditError, match="at least one case"):
        services.complete_audit(audit, user=personas.improvement_lead)
    record(audit, personas.lead_officer)
    services.complete_audit(audit, user=personas.improvement_lead)
    with pytest.raises(services.AuditError, match="complete"):
        record(audit, personas.lead_officer, reference="CA-9")


def test_versions_are_numbered_per_tool(personas):
    a, b = make_tool(personas.plan, "A"), make_tool(personas.plan, "B")
    assert list(ToolVersion.objects.values_list("tool__name", "number")) == [("A", 1), ("B", 1)]
    with pytest.raises(services.AuditError, match="called 'A' already"):
        make_tool(personas.plan, "A")
    assert a.current().number == b.current().number == 1


def test_re_importing_the_plan_leaves_an_action_made_from_a_finding(audit, personas, seed_doc):
    from actionplan.plans.services import store_plan

    finding = services.add_finding(audit, kind="learning", text="Plans lack timescales")
    action = services.action_from_finding(
        finding,
        user=personas.improvement_lead,
        recommendation=personas.plan.recommendations.get(number="4"),
        text="Add timescales",
        leads=[],
        due=None,
    )
    result = store_plan(seed_doc.model_copy(deep=True))
    assert (result.actions_retired, result.actions_deleted) == (0, 0)
    action.refresh_from_db()
    assert not action.retired
