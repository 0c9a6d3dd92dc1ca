"""The demo plan's indicators: what North Yorkshire's 2013 plan promised to measure, with a
believable series of values from the inspection (October 2012) to the end of 2012-13.

The values are illustrative, not North Yorkshire's: the plan gives targets, not results.
"""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.db import transaction

from actionplan.indicators.models import Indicator, IndicatorValue, LocalMeasure
from actionplan.indicators.services import value_in_unit
from actionplan.plans.models import Action, Party, Plan

MONTHS = [(2012, m) for m in (10, 11, 12)] + [(2013, m) for m in (1, 2, 3)]
QUARTERS = [
    (dt.date(2012, 10, 1), dt.date(2012, 12, 31)),
    (dt.date(2013, 1, 1), dt.date(2013, 3, 31)),
]

CIN_WITH_PLAN = LocalMeasure(
    key="cin_with_plan",
    name="Children in need with a plan",
    definition="Child in need episodes open on the as-at date whose case status is 'Child in "
    "need plan', of all open episodes (Annex A List 6).",
    sql="""SELECT count(*) FILTER (WHERE case_status = 'Child in need plan') AS numerator,
       count(*) AS denominator
FROM list_6
WHERE open_at(cin_start_date, cin_closure_date)""",
)


@dataclass(frozen=True)
class DemoIndicator:
    name: str
    definition: str
    unit: str
    frequency: str
    baseline: tuple[Decimal, str]
    target: Decimal
    tolerance: Decimal
    owner: str
    recommendation: str
    actions: tuple[str, ...]
    counts: tuple[tuple[int, int | None], ...]  # (numerator, denominator) for each period
    source: str
    measure_id: str = ""
    notes: tuple[tuple[int, str], ...] = ()  # (index into counts, note)


INDICATORS = (
    DemoIndicator(
        name="Children in need with a plan",
        definition="Children in need receiving social work services who have an individual, "
        "outcome focused plan recorded on ICS, as a share of all open CiN cases. From the "
        "monthly performance report; computable from Annex A List 6 (local measure "
        "cin_with_plan).",
        unit=Indicator.Unit.PERCENT,
        frequency=Indicator.Frequency.MONTHLY,
        baseline=(Decimal(78), "September 2012"),
        target=Decimal(100),
        tolerance=Decimal(5),
        owner="Head of Safeguarding",
        recommendation="4",
        actions=("A.1", "A.1a"),
        counts=((480, 604), (502, 611), (517, 598), (561, 617), (587, 623), (610, 630)),
        source=IndicatorValue.Source.CSV,
        measure_id=CIN_WITH_PLAN.key,
        notes=((3, "Monthly monitoring of CiN plans introduced January 2013"),),
    ),
    DemoIndicator(
        name="CiN plans reviewed within timescales",
        definition="Child in need plans whose latest review was held within the required "
        "timescale, as a share of CiN plans due a review. From the monthly compliance report.",
        unit=Indicator.Unit.PERCENT,
        frequency=Indicator.Frequency.MONTHLY,
        baseline=(Decimal(62), "September 2012"),
        target=Decimal(100),
        tolerance=Decimal(10),
        owner="Head of Safeguarding",
        recommendation="4",
        actions=("A.4",),
        counts=((134, 212), (137, 205), (129, 198), (160, 221), (183, 229), (202, 234)),
        source=IndicatorValue.Source.CSV,
        notes=((2, "December dip: reviews postponed over Christmas"),),
    ),
    DemoIndicator(
        name="Case files showing the child was told about advocacy (NYAS)",
        definition="Case files audited in the quarter that show the child was told they can "
        "have an advocate from NYAS, as a share of case files audited.",
        unit=Indicator.Unit.PERCENT,
        frequency=Indicator.Frequency.QUARTERLY,
        baseline=(Decimal(41), "Q2 2012/13 (audit, September 2012)"),
        target=Decimal(100),
        tolerance=Decimal(10),
        owner="Nick O'Brien",
        recommendation="6",
        actions=("1",),
        counts=((35, 60), (47, 62)),
        source=IndicatorValue.Source.MANUAL,
        notes=((1, "ViewPoint question on advocacy added January 2013"),),
    ),
    DemoIndicator(
        name="Advocacy referrals to NYAS",
        definition="Referrals of children and young people to the National Youth Advocacy "
        "Service in the quarter, from NYAS contract monitoring. Target: a 25% rise on "
        "Q2 2012/13.",
        unit=Indicator.Unit.COUNT,
        frequency=Indicator.Frequency.QUARTERLY,
        baseline=(Decimal(48), "Q2 2012/13"),
        target=Decimal(60),
        tolerance=Decimal(6),
        owner="Alan Tucker",
        recommendation="6",
        actions=("3",),
        counts=((52, None), (61, None)),
        source=IndicatorValue.Source.MANUAL,
    ),
    DemoIndicator(
        name="Case files recording the child's views",
        definition="Case files of children seen in the month that record the child's views, "
        "not only that they were seen and spoken to, as a share of those files. Monthly "
        "compliance monitoring.",
        unit=Indicator.Unit.PERCENT,
        frequency=Indicator.Frequency.MONTHLY,
        baseline=(Decimal(55), "September 2012"),
        target=Decimal(100),
        tolerance=Decimal(10),
        owner="Alan Tucker",
        recommendation="1",
        actions=("2", "5", "6"),
        counts=((106, 184), (111, 176), (116, 169), (141, 190), (152, 188), (166, 195)),
        source=IndicatorValue.Source.CSV,
    ),
)


@transaction.atomic
def load_demo_indicators(plan: Plan) -> list[Indicator]:
    """Create (or refresh) the demo plan's indicators, their values and the local measure
    one of them names. Safe to run again."""
    LocalMeasure.objects.update_or_create(
        organisation=plan.organisation,
        key=CIN_WITH_PLAN.key,
        defaults={f: getattr(CIN_WITH_PLAN, f) for f in ("name", "sql", "definition")},
    )
    return [_indicator(plan, order, spec) for order, spec in enumerate(INDICATORS, start=1)]


def _indicator(plan: Plan, order: int, spec: DemoIndicator) -> Indicator:
    indicator, _ = Indicator.objects.update_or_create(
        plan=plan,
        name=spec.name,
        defaults={
            "definition": spec.definition,
            "unit": spec.unit,
            "polarity": Indicator.Polarity.HIGHER,
            "frequency": spec.frequency,
            "baseline_value": spec.baseline[0],
            "baseline_period": spec.baseline[1],
            "target": spec.target,
            "tolerance": spec.tolerance,
            "owner": Party.objects.filter(organisation=plan.organisation, name=spec.owner).first(),
            "measure_id": spec.measure_id,
            "order": order,
        },
    )
    recommendation = plan.recommendations.filter(number=spec.recommendation).first()
    indicator.recommendations.set([recommendation] if recommendation else [])
    indicator.actions.set(
        Action.objects.filter(recommendation=recommendation, ref__in=spec.actions)
        if recommendation
        else []
    )
    periods = QUARTERS if spec.frequency == Indicator.Frequency.QUARTERLY else _months()
    notes = dict(spec.notes)
    for i, ((start, end), (numerator, denominator)) in enumerate(
        zip(periods, spec.counts, strict=True)
    ):
        IndicatorValue.objects.update_or_create(
            indicator=indicator,
            period_end=end,
            defaults={
                "period_start": start,
                "value": value_in_unit(spec.unit, numerator, denominator),
                "numerator": numerator,
                "denominator": denominator,
                "source": spec.source,
                "note": notes.get(i, ""),
            },
        )
    return indicator


def _months() -> list[tuple[dt.date, dt.date]]:
    return [(dt.date(y, m, 1), dt.date(y, m, calendar.monthrange(y, m)[1])) for y, m in MONTHS]
