"""The demo's audits and voice, loaded into the seed plan with its 2013 history."""

from __future__ import annotations

import datetime as dt

import pytest

from actionplan.audits.demo import load_demo_audits
from actionplan.audits.models import Audit, CaseAudit, FindingAction, Moderation
from actionplan.audits.services import findings_for_paper
from actionplan.governance.demo import load_demo_meetings
from actionplan.identifiers import find_identifiers
from actionplan.indicators.models import IndicatorValue
from actionplan.monitoring.demo import load_demo_history
from actionplan.voice.demo import load_demo_voice
from actionplan.voice.models import FeedbackResult, Quote, SafeguardingAlert, YouSaidWeDid
from actionplan.voice.services import feedback_for_paper

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(seed_plan):
    load_demo_history(seed_plan)
    load_demo_meetings(seed_plan)
    assert load_demo_audits(seed_plan) == 30
    assert load_demo_voice(seed_plan) == 7
    return seed_plan


def test_the_demo_has_a_programme_a_versioned_tool_and_30_moderated_cases(demo):
    audits = list(Audit.objects.filter(plan=demo).order_by("quarter_start"))
    assert [a.quarter.label for a in audits] == ["Q4 2012/13", "Q1 2013/14", "Q2 2013/14"]
    assert [a.complete for a in audits] == [True, True, False]
    cases = CaseAudit.objects.filter(audit__plan=demo)
    assert cases.count() == 30
    assert set(cases.values_list("tool_version__number", flat=True)) == {1, 2}
    assert Moderation.objects.filter(case_audit__audit__plan=demo).count() == 10
    assert Moderation.objects.filter(case_audit__audit__plan=demo, agreed=False).exists()
    assert all(c.auditor is not None for c in cases)


def test_the_demo_findings_are_linked_to_actions_one_made_new(demo):
    links = FindingAction.objects.filter(finding__audit__plan=demo)
    assert links.filter(made_from_finding=False).exists()
    made = links.get(made_from_finding=True).action
    assert made.history.earliest("history_date").history_date.date() == dt.date(2013, 6, 12)


def test_the_demo_audits_feed_two_indicators_by_quarter(demo):
    values = IndicatorValue.objects.filter(indicator__plan=demo, source="audit")
    names = sorted(set(values.values_list("indicator__name", flat=True)))
    assert names == [
        "Audited cases graded good or better",
        "Children seen alone (case-file audits)",
    ]
    assert sorted(set(values.values_list("period_end", flat=True))) == [
        dt.date(2013, 3, 31),
        dt.date(2013, 6, 30),
    ]


def test_the_demo_voice_has_results_a_flagged_quote_and_you_said_we_did(demo):
    assert FeedbackResult.objects.filter(source__plan=demo).count() == 15
    flagged = Quote.objects.get(theme__plan=demo, flagged=True)
    assert flagged.alert.status == SafeguardingAlert.Status.PENDING
    assert YouSaidWeDid.objects.filter(plan=demo, links__isnull=False).distinct().count() == 3
    paper = feedback_for_paper(demo, (dt.date(2012, 10, 1), dt.date(2013, 3, 31)))
    assert flagged.text not in repr(paper)
    assert findings_for_paper(demo, (dt.date(2013, 1, 1), dt.date(2013, 6, 30))).cases == 30


def test_the_demo_text_holds_no_identifier_and_loading_again_adds_nothing(demo):
    texts = [q.text for q in Quote.objects.all()]
    for c in CaseAudit.objects.all():
        texts += [c.case_reference, c.strengths, c.improvements, c.team_actions]
    assert [t for t in texts if find_identifiers(t)] == []
    assert load_demo_audits(demo) is None and load_demo_voice(demo) is None
    assert CaseAudit.objects.count() == 30
