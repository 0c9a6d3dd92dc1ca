"""The demo plan's indicators: the five things North Yorkshire's plan promised to measure."""

import pytest

from actionplan.indicators.demo import load_demo_indicators
from actionplan.indicators.models import IndicatorValue, LocalMeasure
from actionplan.indicators.services import unstorable
from actionplan.plans.services import store_plan
from support.seed import SEED

pipeline = pytest.importorskip("actionplan.importing.pipeline")
pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def seed_doc():
    return pipeline.parse_file(SEED)


def links(indicator) -> tuple:
    recommendations = [r.number for r in indicator.recommendations.all()]
    return recommendations, sorted(a.ref for a in indicator.actions.all())


def test_the_demo_plan_gets_its_promised_indicators_linked_to_its_actions(seed_doc):
    plan = store_plan(seed_doc).plan

    indicators = load_demo_indicators(plan)

    assert {i.name: links(i) for i in indicators} == {
        "Children in need with a plan": (["4"], ["A.1", "A.1a"]),
        "CiN plans reviewed within timescales": (["4"], ["A.4"]),
        "Case files showing the child was told about advocacy (NYAS)": (["6"], ["1"]),
        "Advocacy referrals to NYAS": (["6"], ["3"]),
        "Case files recording the child's views": (["1"], ["2", "5", "6"]),
    }
    assert {i.name: str(i.owner) for i in indicators}["Advocacy referrals to NYAS"] == "Alan Tucker"


def test_the_values_run_over_2012_13_monthly_or_quarterly_and_mostly_improve(seed_doc):
    indicators = load_demo_indicators(store_plan(seed_doc).plan)

    for indicator in indicators:
        values = list(indicator.values.order_by("period_end"))
        assert len(values) == (6 if indicator.frequency == "monthly" else 2)
        assert values[0].period_start.isoformat() == "2012-10-01"
        assert values[-1].period_end.isoformat() == "2013-03-31"
        assert values[-1].value > values[0].value
    referrals = next(i for i in indicators if i.name == "Advocacy referrals to NYAS")
    assert referrals.target == referrals.baseline_value * 125 / 100  # the promised 25% rise
    assert referrals.rag_of(referrals.values.last()) == "green"
    # Within what the number columns hold, by the rule every other way in applies.
    stored = IndicatorValue.objects.values_list("value", "numerator", "denominator")
    assert not [v for v in stored if unstorable(**dict(zip(("v", "n", "d"), v, strict=True)))]


def test_one_indicator_names_a_local_measure_the_demo_defines(seed_doc):
    plan = store_plan(seed_doc).plan

    indicators = load_demo_indicators(plan)

    measure = LocalMeasure.objects.get(organisation=plan.organisation)
    assert [i.measure_id for i in indicators if i.measure_id] == [measure.key]
    measure.full_clean()  # its SQL runs


def test_loading_the_demo_indicators_again_changes_nothing(seed_doc):
    plan = store_plan(seed_doc).plan
    load_demo_indicators(plan)
    before = list(IndicatorValue.objects.values_list("pk", "value"))

    load_demo_indicators(plan)

    assert list(IndicatorValue.objects.values_list("pk", "value")) == before
