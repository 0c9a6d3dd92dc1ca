"""The plan model's own rules: what must be unique, and how plans are found by name."""

import pytest
from django.db import IntegrityError, transaction

from actionplan.plans.models import (
    Action,
    Organisation,
    Party,
    Plan,
    PlanLookupError,
    ProgressRecord,
    Recommendation,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def org() -> Organisation:
    return Organisation.objects.create(name="Anyshire Council", slug="anyshire-council")


@pytest.fixture
def rec(org) -> Recommendation:
    plan = Plan.objects.create(organisation=org, title="Improvement plan")
    return Recommendation.objects.create(plan=plan, number="1.0", title="Do better")


def refused(create) -> bool:
    try:
        with transaction.atomic():
            create()
    except IntegrityError:
        return True
    return False


def test_an_organisation_name_is_unique(org):
    assert refused(lambda: Organisation.objects.create(name=org.name, slug="other"))


def test_two_plans_of_an_organisation_may_share_a_title_and_start_date(org):
    # An import makes a new plan when the importer does not lead the plan of that title
    # (docs/security.md), so the database must not refuse it.
    Plan.objects.create(organisation=org, title="P", period_start="2013-01-01")
    Plan.objects.create(organisation=org, title="P", period_start="2013-01-01")

    assert Plan.objects.filter(title="P").count() == 2


def test_a_party_is_unique_by_kind_and_name_within_an_organisation(org):
    Party.objects.create(organisation=org, kind="person", name="Judith Hay")

    assert refused(lambda: Party.objects.create(organisation=org, kind="person", name="Judith Hay"))
    Party.objects.create(organisation=org, kind="role", name="Judith Hay")


def test_an_action_key_is_unique_within_its_recommendation(rec):
    Action.objects.create(recommendation=rec, key="1", text="a")

    assert refused(lambda: Action.objects.create(recommendation=rec, key="1", text="b"))


def test_a_recommendation_number_is_unique_within_its_plan(rec):
    assert refused(
        lambda: Recommendation.objects.create(plan=rec.plan, number="1.0", title="Again")
    )


def test_an_action_with_progress_cannot_be_deleted(rec):
    action = Action.objects.create(recommendation=rec, key="1", text="a")
    ProgressRecord.objects.create(action=action, rag="green")

    with pytest.raises(Exception, match="protected"):
        action.delete()


def test_things_read_well_in_lists(rec):
    action = Action.objects.create(recommendation=rec, key="#1", ref="", order=1, text="Audit")

    assert str(rec) == "1.0 Do better"
    assert str(action) == "#1 Audit"
    assert str(rec.plan) == "Improvement plan"


def test_a_plan_is_found_by_id_or_by_part_of_its_title(rec):
    plan = rec.plan

    assert Plan.objects.identify(str(plan.pk)) == plan
    assert Plan.objects.identify("  IMPROVEMENT ") == plan
    with pytest.raises(PlanLookupError, match="no plan's title contains"):
        Plan.objects.identify("budget")
