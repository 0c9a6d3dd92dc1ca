"""store_plan: creating a plan, and importing it again in place."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from actionplan import interchange as ix
from actionplan.plans import services
from actionplan.plans.models import (
    Action,
    ActionParty,
    Body,
    CrossReference,
    ImportRun,
    ImportWarning,
    Milestone,
    Organisation,
    Party,
    Plan,
    ProgressRecord,
    Recommendation,
    ReportingRequirement,
)
from actionplan.plans.services import PlanStoreError, action_keys, store_plan
from support.factories import plan_document

pytestmark = pytest.mark.django_db


def _rec(doc: ix.PlanDocument, number: str) -> ix.Recommendation:
    return next(r for r in doc.recommendations if r.number == number)


def test_it_creates_the_plan_and_everything_in_it(plan_doc):
    result = store_plan(plan_doc)

    assert result.created
    plan = result.plan
    assert plan.organisation.name == "North Yorkshire County Council"
    assert plan.organisation.slug == "north-yorkshire-county-council"
    assert plan.period_start == dt.date(2012, 12, 1)
    assert plan.cover["committee"] == "Young Peoples Overview & Scrutiny Committee"
    assert [t.key for t in plan.timescales.all()] == ["immediate", "short", "medium"]
    assert Recommendation.objects.filter(plan=plan).count() == 4
    assert result.recommendations_created == 4
    assert result.actions_created == Action.objects.count() == 11
    assert result.progress_added == ProgressRecord.objects.count() == 3
    assert result.warnings == ImportWarning.objects.count() == 3
    assert ImportRun.objects.get().counts["actions_created"] == 11


def test_it_links_leads_partners_and_mentions_to_parties_of_every_kind(plan_doc):
    store_plan(plan_doc)

    five = Action.objects.get(recommendation__number="1.0", ref="5")
    roles = {(ap.role, ap.party.name, ap.party.kind) for ap in five.action_parties.all()}
    assert roles == {
        ("lead", "Julie Firth", "person"),
        ("partner", "NYAS", "organisation"),
        ("partner", "Head of Safeguarding", "role"),
    }
    assert set(Party.objects.values_list("kind", flat=True)) == {
        "person",
        "role",
        "group",
        "organisation",
    }
    judith = Party.objects.get(name="Judith Hay")
    assert judith.aliases == ["JH", "Judith"]
    assert judith.job_role == "Assistant Director"
    mention = ActionParty.objects.get(role="mention")
    assert (mention.party.name, mention.text) == ("Alan Tucker", "Alan T")


def test_it_resolves_reporting_bodies_by_abbreviation_and_keeps_unknown_ones_as_written(plan_doc):
    store_plan(plan_doc)

    rows = ReportingRequirement.objects.filter(action__ref="5").order_by("order")
    assert [(r.body_label, r.body and r.body.abbreviation) for r in rows] == [
        ("CYPLT", "CYPLT"),
        ("LSCB", "LSCB"),
        ("Performance Board", None),
    ]
    assert rows[2].frequency == "twice a year"


def test_it_nests_sub_actions_under_their_parent(plan_doc):
    store_plan(plan_doc)

    child = Action.objects.get(recommendation__number="1.0", ref="4a")
    assert child.parent.ref == "4"
    assert Action.objects.get(ref="A.1a").parent.ref == "A.1"


def test_it_keys_actions_by_ref_or_position_when_the_ref_is_missing_or_shared():
    actions = [
        ix.Action(ref="1", text="a"),
        ix.Action(ref="2", text="b"),
        ix.Action(ref="2", text="c"),
        ix.Action(ref=None, text="d"),
        ix.Action(ref="#1", text="e"),
    ]
    assert action_keys(actions) == ["1", "#2", "#3", "#4", "#5"]


def test_it_stores_cross_references_even_to_a_recommendation_the_plan_lacks(plan_doc):
    store_plan(plan_doc)

    xrefs = CrossReference.objects.filter(action=None).order_by("order")
    assert [(x.target_number, x.target and x.target.number) for x in xrefs] == [
        ("4.0", "4.0"),
        ("11.0", "11.0"),
    ]
    from_action = CrossReference.objects.get(action__isnull=False)
    assert from_action.target.number == "1.0"


def test_importing_again_updates_the_plan_in_place(plan_doc):
    first = store_plan(plan_doc)
    ids = set(Action.objects.values_list("pk", flat=True))
    plan_doc.recommendations[0].actions[0].text = "A better worded action"

    second = store_plan(plan_doc)

    assert not second.created
    assert second.plan.pk == first.plan.pk
    assert Plan.objects.count() == 1
    assert set(Action.objects.values_list("pk", flat=True)) == ids
    assert second.actions_updated == 11
    assert second.actions_created == 0
    assert (
        Action.objects.get(recommendation__number="1.0", ref="1").text == "A better worded action"
    )
    assert Milestone.objects.count() == 2
    assert ImportWarning.objects.count() == 3
    assert ImportRun.objects.count() == 2


def test_importing_again_keeps_progress_and_does_not_duplicate_it(plan_doc):
    store_plan(plan_doc)
    action = Action.objects.get(recommendation__number="1.0", ref="4a")
    ProgressRecord.objects.create(action=action, rag="red", text="Entered in the service")

    again = store_plan(plan_doc)

    assert again.progress_kept == 4
    assert again.progress_added == 0
    assert ProgressRecord.objects.count() == 4
    assert action.progress.filter(text="Entered in the service").exists()


def test_a_new_progress_entry_in_the_document_is_added_to_the_old_ones(plan_doc):
    store_plan(plan_doc)
    _rec(plan_doc, "1.0").actions[2].progress.append(
        ix.Progress(as_at=dt.date(2013, 4, 30), rag="green", text="Signed off")
    )

    again = store_plan(plan_doc)

    assert (again.progress_kept, again.progress_added) == (3, 1)
    assert list(Action.objects.get(ref="4a").progress.values_list("text", flat=True)) == [
        "Audit scheduled",
        "Audit done",
        "Signed off",
    ]


def test_an_action_gone_from_the_document_is_retired_if_it_has_progress(plan_doc):
    store_plan(plan_doc)
    rec = _rec(plan_doc, "1.0")
    rec.actions = [a for a in rec.actions if a.ref not in ("4a", "5")]

    again = store_plan(plan_doc)

    assert again.actions_retired == 1
    assert again.actions_deleted == 1
    retired = Action.objects.get(ref="4a")
    assert retired.retired
    assert retired.progress.count() == 2
    assert not Action.objects.filter(recommendation__number="1.0", ref="5").exists()


def test_a_retired_action_that_comes_back_is_current_again(plan_doc):
    store_plan(plan_doc)
    rec = _rec(plan_doc, "1.0")
    saved = list(rec.actions)
    rec.actions = [a for a in rec.actions if a.ref != "4a"]
    store_plan(plan_doc)
    rec.actions = saved

    store_plan(plan_doc)

    action = Action.objects.get(ref="4a")
    assert not action.retired
    assert action.progress.count() == 2
    assert action.milestones.count() == 1


def test_a_recommendation_gone_from_the_document_keeps_only_what_has_progress(plan_doc):
    store_plan(plan_doc)
    plan_doc.recommendations = [
        r for r in plan_doc.recommendations if r.number not in ("1.0", "11.0")
    ]

    again = store_plan(plan_doc)

    assert again.recommendations_retired == 1
    one = Recommendation.objects.get(number="1.0")
    assert one.retired
    assert sorted(one.actions.values_list("ref", flat=True)) == ["1", "4a"]
    assert not Recommendation.objects.filter(number="11.0").exists()


def test_people_and_bodies_are_shared_by_an_organisations_plans_with_aliases_merged(plan_doc):
    store_plan(plan_doc)
    plan_doc.plan.title = "Improvement plan 2014"
    plan_doc.people[0].aliases = ["J. Hay"]
    plan_doc.bodies[0].aliases = ["CYP Leadership Team"]

    store_plan(plan_doc)

    assert Plan.objects.count() == 2
    assert Party.objects.get(name="Judith Hay").aliases == ["JH", "Judith", "J. Hay"]
    assert Body.objects.get(abbreviation="CYPLT").aliases == ["CYLPT", "CYP Leadership Team"]
    assert Body.objects.count() == 3


def test_the_organisation_can_be_given_when_the_document_does_not_name_it(plan_doc):
    plan_doc.plan.organisation = ""

    result = store_plan(plan_doc, organisation_name="Anyshire Council")

    assert result.plan.organisation.name == "Anyshire Council"
    assert Organisation.objects.count() == 1


def test_it_refuses_a_plan_with_no_organisation(plan_doc):
    plan_doc.plan.organisation = ""

    with pytest.raises(PlanStoreError, match="--organisation"):
        store_plan(plan_doc)
    assert not Organisation.objects.exists()


@pytest.mark.parametrize(
    ("spoil", "message"),
    [
        (lambda d: setattr(d.recommendations[0], "timescale", "long"), "timescale 'long'"),
        (lambda d: setattr(d.recommendations[0].actions[2], "parent_ref", "9"), "parent_ref '9'"),
        (lambda d: setattr(d.recommendations[1], "number", "1.0"), "appears 2 times"),
    ],
)
def test_it_refuses_a_document_that_contradicts_itself(plan_doc, spoil, message):
    spoil(plan_doc)

    with pytest.raises(PlanStoreError, match=message):
        store_plan(plan_doc)
    assert not Plan.objects.exists()


def test_a_failure_midway_writes_nothing(plan_doc, monkeypatch):
    store_plan(plan_doc)
    before = {m: m.objects.count() for m in (Action, ProgressRecord, ImportWarning, ImportRun)}
    plan_doc.recommendations[0].actions[0].text = "Changed"
    plan_doc.recommendations[0].actions[0].progress.append(ix.Progress(text="new"))

    def boom(self, placed):
        raise RuntimeError("disk full")

    monkeypatch.setattr(services._Store, "_warnings", boom)
    with pytest.raises(RuntimeError):
        store_plan(plan_doc)

    assert {m: m.objects.count() for m in before} == before
    assert Action.objects.get(recommendation__number="1.0", ref="1").text.startswith("CSC SMT")


def _big_document(n_recommendations: int, per_recommendation: int, title: str) -> ix.PlanDocument:
    lead = ix.Party(name="Officer", kind=ix.PartyKind.PERSON)
    return plan_document(
        title=title,
        organisation="Bigshire",
        recommendations=n_recommendations,
        actions=per_recommendation,
        action=lambda r, i: {
            "leads": [lead],
            "milestones": [ix.Milestone(text="May 2013", due=dt.date(2013, 5, 31))],
            "reporting": [ix.Reporting(text="Report to SMT", body="SMT")],
            "progress": [ix.Progress(rag="green", text="ok")],
        },
    )


def test_the_number_of_queries_does_not_grow_with_the_number_of_actions():
    def queries(doc):
        with CaptureQueriesContext(connection) as ctx:
            store_plan(doc)
        return len(ctx.captured_queries)

    # 190 more actions may cost a few more batches, never a query per action. SQLite takes
    # 999 values a statement (about 40 actions), and each table has its history table too.
    small, large = _big_document(5, 2, "Small"), _big_document(5, 40, "Large")
    assert queries(large) - queries(small) < 190 / 5
    # Importing again, in place, writes nothing that has not changed:
    assert queries(large) - queries(small) < 190 / 10


def test_an_organisation_given_in_other_letter_case_is_the_same_one(plan_doc):
    store_plan(plan_doc)

    again = store_plan(plan_doc, organisation_name="north yorkshire county council")

    assert not again.created
    assert Organisation.objects.get().name == "North Yorkshire County Council"
