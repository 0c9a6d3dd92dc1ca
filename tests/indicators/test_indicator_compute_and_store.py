"""Computing measures from an Annex A file and storing them against a plan's indicators."""

import datetime as dt
from decimal import Decimal

import pytest

from actionplan.indicators.annexa import Computation, MeasureResult
from actionplan.indicators.annexa.synthetic import generate
from actionplan.indicators.models import Indicator, IndicatorValue, LocalMeasure
from actionplan.indicators.services import (
    ValueNotStorable,
    compute_from_annex_a,
    record_value,
    store_computation,
    value_in_unit,
)
from actionplan.plans.services import store_plan

pytestmark = pytest.mark.django_db
A = dt.date(2013, 3, 31)


@pytest.fixture(scope="module")
def data():
    return generate(3000, A, seed=11)


@pytest.fixture
def workbook(data, tmp_path):
    return data.write_xlsx(tmp_path / "annex_a.xlsx")


@pytest.fixture
def plan(plan_doc):
    plan = store_plan(plan_doc).plan
    Indicator.objects.create(plan=plan, name="Seen alone", measure_id="cp_seen_alone", order=1)
    Indicator.objects.create(
        plan=plan,
        name="Assessments on time",
        measure_id="assessments_within_45_wd",
        order=2,
        unit=Indicator.Unit.NUMBER,
    )
    Indicator.objects.create(plan=plan, name="Advocacy audit", order=3)  # entered by hand
    return plan


def test_computed_values_are_stored_against_the_indicators_that_name_them(data, workbook, plan):
    result = compute_from_annex_a(workbook, A)

    stored = store_computation(plan, result, source="annex_a.xlsx")

    assert (stored.created, stored.updated, stored.not_stored) == (2, 0, [])
    seen_alone = IndicatorValue.objects.get(indicator__name="Seen alone")
    expected = data.expected["cp_seen_alone"]
    assert (seen_alone.numerator, seen_alone.denominator) == (
        expected.numerator,
        expected.denominator,
    )
    assert seen_alone.value == (Decimal(100) * expected.numerator / expected.denominator).quantize(
        Decimal("0.000001")
    )
    assert seen_alone.period_start is None  # open on the date: a snapshot
    assert seen_alone.period_end == A
    assert seen_alone.source == "computed"
    assert seen_alone.note == "Computed from annex_a.xlsx as at 31/03/2013"
    on_time = IndicatorValue.objects.get(indicator__name="Assessments on time")
    assert on_time.period_start == dt.date(2012, 10, 1)  # the six months to the as-at date
    ratio = on_time.numerator / on_time.denominator  # a NUMBER is the ratio
    assert on_time.value == ratio.quantize(Decimal("0.000001"))
    assert not IndicatorValue.objects.filter(indicator__name="Advocacy audit").exists()


def test_computing_the_same_date_again_updates_the_values_in_place(workbook, plan):
    store_computation(plan, compute_from_annex_a(workbook, A))
    first = set(IndicatorValue.objects.values_list("pk", flat=True))

    stored = store_computation(plan, compute_from_annex_a(workbook, A))

    assert (stored.created, stored.updated) == (0, 2)
    assert set(IndicatorValue.objects.values_list("pk", flat=True)) == first


def test_the_organisations_local_measures_are_computed_and_stored(data, workbook, plan):
    LocalMeasure.objects.create(
        organisation=plan.organisation,
        key="cp_open",
        name="Children on a plan",
        sql="SELECT count(*) FILTER (WHERE open_at(cp_plan_start_date, cp_plan_end_date)) "
        "AS numerator, count(*) AS denominator FROM list_7",
    )
    Indicator.objects.create(plan=plan, name="On a plan", measure_id="cp_open", unit="count")

    store_computation(plan, compute_from_annex_a(workbook, A, plan.organisation))

    value = IndicatorValue.objects.get(indicator__name="On a plan")
    assert value.value == value.numerator == data.expected["cp_seen_alone"].denominator
    assert value.denominator > value.numerator  # the plans the count is of


def test_an_indicator_whose_measure_could_not_be_computed_is_reported_not_stored(plan, tmp_path):
    data = generate(200, A, seed=12, messy=False)
    del data.sheets["List 7"]
    result = compute_from_annex_a(data.write_csv(tmp_path / "csv"), A)

    stored = store_computation(plan, result)

    assert stored.not_stored == ["Seen alone: cp_seen_alone not computed"]
    assert stored.created == 1


@pytest.mark.parametrize(
    ("unit", "numerator", "denominator", "value"),
    [
        ("percent", 1, 3, Decimal("33.333333")),
        ("percent", 0, 0, None),
        ("number", 1, 4, Decimal("0.25")),
        ("count", 7, 9, Decimal(7)),
        ("percent", 12, None, Decimal(12)),  # a count from a local measure
        ("percent", None, None, None),
    ],
)
def test_a_result_becomes_a_value_in_the_indicators_unit(unit, numerator, denominator, value):
    assert value_in_unit(unit, numerator, denominator) == value


def test_computed_figures_too_large_to_store_are_reported_not_stored(plan):
    # A local measure's SQL may give any finite number: SUM over a column of large ones.
    Indicator.objects.create(plan=plan, name="Huge", measure_id="huge", unit="count")
    Indicator.objects.create(plan=plan, name="Fine", measure_id="fine", unit="number")
    result = Computation(
        A,
        [
            MeasureResult(id="huge", numerator=1e30, denominator=None),
            MeasureResult(id="fine", numerator=1 / 3, denominator=2),  # to the places stored
        ],
    )

    stored = store_computation(plan, result)

    assert "Huge: the value has more than 14 digits before the decimal point" in stored.not_stored
    fine = IndicatorValue.objects.get(indicator__name="Fine")
    assert (fine.numerator, fine.value) == (Decimal("0.333333"), Decimal("0.166667"))


def test_a_value_typed_in_that_the_columns_cannot_hold_is_refused(plan):
    indicator = Indicator.objects.create(plan=plan, name="Typed in", unit="percent")

    with pytest.raises(ValueNotStorable, match="Typed in: the value has more than 14 digits"):
        record_value(indicator, period_end=A, numerator=Decimal(10**13), denominator=Decimal(1))
    with pytest.raises(ValueNotStorable, match="the numerator has more than 6 decimal places"):
        record_value(indicator, period_end=A, value=Decimal(1), numerator=Decimal("1e-7"))
    assert not IndicatorValue.objects.exists()
