"""Indicators, their values and local measures, as stored."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError

from actionplan.indicators.models import Indicator, IndicatorValue, LocalMeasure
from actionplan.plans.services import store_plan

pytestmark = pytest.mark.django_db
D = dt.date


@pytest.fixture
def plan(plan_doc):
    return store_plan(plan_doc).plan


@pytest.fixture
def indicator(plan):
    return Indicator.objects.create(plan=plan, name="CiN plans reviewed", target=95, tolerance=5)


def test_an_indicator_has_one_value_per_period(indicator):
    IndicatorValue.objects.create(indicator=indicator, period_end=D(2013, 1, 31), value=80)

    with pytest.raises(IntegrityError):
        IndicatorValue.objects.create(indicator=indicator, period_end=D(2013, 1, 31), value=81)


def test_a_period_cannot_start_after_it_ends(indicator):
    with pytest.raises(IntegrityError):
        IndicatorValue.objects.create(
            indicator=indicator, period_start=D(2013, 2, 1), period_end=D(2013, 1, 31)
        )


def test_rag_against_target_uses_the_indicators_target_tolerance_and_polarity(indicator):
    def value(number):
        return IndicatorValue(indicator=indicator, period_end=D(2013, 1, 31), value=number)

    assert indicator.rag_of(value(Decimal("95.0"))) == "green"
    assert indicator.rag_of(value(Decimal("90.0"))) == "amber"
    assert indicator.rag_of(value(Decimal("89.9"))) == "red"
    assert indicator.rag_of(None) is None


def test_an_indicator_may_name_a_standard_measure_or_its_organisations_local_one(plan, indicator):
    LocalMeasure.objects.create(
        organisation=plan.organisation,
        key="advocacy",
        name="Advocacy",
        sql="SELECT count(*) AS numerator FROM list_6",
    )
    for measure_id in ("cp_reviews_in_timescale", "advocacy"):
        indicator.measure_id = measure_id
        indicator.full_clean()

    indicator.measure_id = "made_up"
    with pytest.raises(ValidationError, match="neither a standard measure nor one of"):
        indicator.full_clean()


def test_a_local_measure_is_checked_before_it_is_saved(plan):
    measure = LocalMeasure(organisation=plan.organisation, key="views", name="Views recorded")

    measure.sql = "SELECT count(*) AS numerator, count(*) AS denominator FROM list_7"
    measure.full_clean()

    measure.sql = "SELECT count(*) AS numerator FROM read_csv('/etc/passwd')"
    with pytest.raises(ValidationError, match="file system operations are disabled"):
        measure.full_clean()

    measure.sql = "SELECT count(*) AS numerator FROM list_7 WHERE colour = 'red'"
    with pytest.raises(ValidationError, match='Referenced column "colour" not found'):
        measure.full_clean()


def test_a_local_measure_cannot_take_a_standard_measures_id(plan):
    measure = LocalMeasure(
        organisation=plan.organisation,
        key="cp_seen_alone",
        name="x",
        sql="SELECT 1 AS numerator",
    )

    with pytest.raises(ValidationError, match="is a standard measure's id"):
        measure.full_clean()
