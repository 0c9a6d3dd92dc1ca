"""The eleven standard measures, each a cohort (the denominator) and a condition (which of
the cohort count in the numerator), in words for the docs and in SQL for the engine.

The SQL runs on the tables the engine loads (list_1 ... list_11, one column per Annex A
column, docs/indicators.md) with its macros: as_at(), window_start() (as_at minus six
months), in_window(d) (window_start() < d <= as_at()), open_at(start, end) and
working_days(x, y). They are the same tables and macros a council's local measures use,
so these definitions are also worked examples.

A row with an unreadable value in any date column a measure reads is left out
of that measure altogether: an unreadable end date must not make a plan "open".
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from .lists import LISTS, Kind


class Period(StrEnum):
    WINDOW = "window"  # about events in the six months ending on the as-at date
    AS_AT = "as_at"  # a snapshot on the as-at date


@dataclass(frozen=True)
class Measure:
    id: str
    list: int
    title: str
    cohort: str  # the denominator, in words
    condition: str  # the numerator, in words
    cohort_sql: str
    condition_sql: str
    reads: tuple[str, ...]  # every column it needs: without one it cannot be computed
    period: Period
    counts_children: bool = False  # distinct children rather than rows

    @property
    def dates(self) -> tuple[str, ...]:
        """The date columns it reads: a row with an unreadable one is left out."""
        fields = LISTS[self.list].by_key
        return tuple(k for k in self.reads if fields[k].kind is Kind.DATE)


STANDARD_MEASURES: tuple[Measure, ...] = (
    Measure(
        "re_referral_12m",
        3,
        "Re-referrals within 12 months",
        "children with a referral in the six months to the as-at date",
        "those whose Number of Referrals in Last 12 Months is 1 or more on one of those referrals",
        "in_window(referral_date)",
        "referrals_last_12_months >= 1",
        reads=("referral_date", "referrals_last_12_months", "child_id"),
        period=Period.WINDOW,
        counts_children=True,
    ),
    Measure(
        "children_seen_at_assessment",
        4,
        "Children seen during their assessment",
        "assessments starting in the six months to the as-at date",
        "those where Child Seen During Continuous Assessment is yes",
        "in_window(assessment_start_date)",
        "child_seen = 'yes'",
        reads=("assessment_start_date", "child_seen"),
        period=Period.WINDOW,
    ),
    Measure(
        "assessments_within_45_wd",
        4,
        "Assessments authorised within 45 working days",
        "assessments authorised in the six months to the as-at date",
        "those authorised within 45 working days of their start",
        "in_window(assessment_authorised_date)",
        "working_days(assessment_start_date, assessment_authorised_date) <= 45",
        reads=("assessment_authorised_date", "assessment_start_date"),
        period=Period.WINDOW,
    ),
    Measure(
        "s47_to_icpc",
        5,
        "Section 47 enquiries going on to an initial child protection conference",
        "enquiries whose strategy discussion is in the six months to the as-at date and "
        "that have a decision on whether a conference is needed",
        "those where a conference was not deemed unnecessary (the answer is no)",
        "in_window(strategy_discussion_date) AND icpc_unnecessary IS NOT NULL",
        "icpc_unnecessary = 'no'",
        reads=("strategy_discussion_date", "icpc_unnecessary"),
        period=Period.WINDOW,
    ),
    Measure(
        "icpc_within_15_wd",
        5,
        "Initial conferences within 15 working days of the strategy discussion",
        "initial child protection conferences held in the six months to the as-at date",
        "those held within 15 working days of the strategy discussion",
        "in_window(icpc_date)",
        "working_days(strategy_discussion_date, icpc_date) <= 15",
        reads=("icpc_date", "strategy_discussion_date"),
        period=Period.WINDOW,
    ),
    Measure(
        "icpc_to_cp_plan",
        5,
        "Initial conferences resulting in a child protection plan",
        "initial child protection conferences held in the six months to the as-at date",
        "those that resulted in a child protection plan",
        "in_window(icpc_date)",
        "icpc_resulted_in_plan = 'yes'",
        reads=("icpc_date", "icpc_resulted_in_plan"),
        period=Period.WINDOW,
    ),
    Measure(
        "cp_plans_second_or_subsequent",
        7,
        "Child protection plans for a second or subsequent time",
        "child protection plans starting in the six months to the as-at date",
        "those whose Number of Previous Child Protection Plans is 1 or more",
        "in_window(cp_plan_start_date)",
        "previous_cp_plans >= 1",
        reads=("cp_plan_start_date", "previous_cp_plans"),
        period=Period.WINDOW,
    ),
    Measure(
        "cp_seen_alone",
        7,
        "Children on a plan seen alone at their last visit",
        "child protection plans open on the as-at date (started on or before it, and not "
        "ended or ended after it)",
        "those whose child was seen alone at the last statutory visit (yes; unknown is not yes)",
        "open_at(cp_plan_start_date, cp_plan_end_date)",
        "seen_alone = 'yes'",
        reads=("cp_plan_start_date", "cp_plan_end_date", "seen_alone"),
        period=Period.AS_AT,
    ),
    Measure(
        "cp_reviews_in_timescale",
        7,
        "Child protection plans reviewed within timescales",
        "child protection plans open on the as-at date that started at least 3 months before it",
        "those whose latest review conference is within the six months up to the as-at date",
        "open_at(cp_plan_start_date, cp_plan_end_date) "
        "AND cp_plan_start_date <= as_at() - INTERVAL 3 MONTH",
        "in_window(latest_review_date)",
        reads=("cp_plan_start_date", "cp_plan_end_date", "latest_review_date"),
        period=Period.AS_AT,
    ),
    Measure(
        "cp_plans_lasting_2_years",
        7,
        "Child protection plans that lasted two years or more",
        "child protection plans ending in the six months to the as-at date",
        "those that lasted two years or more (ended on or after the second anniversary of "
        "their start)",
        "in_window(cp_plan_end_date)",
        "cp_plan_end_date >= cp_plan_start_date + INTERVAL 2 YEAR",
        reads=("cp_plan_end_date", "cp_plan_start_date"),
        period=Period.WINDOW,
    ),
    Measure(
        "cin_seen_within_6_weeks",
        6,
        "Children in need seen within the last six weeks",
        "child in need episodes open on the as-at date (started on or before it, and not "
        "closed or closed after it)",
        "those whose child was last seen within the 42 days up to the as-at date",
        "open_at(cin_start_date, cin_closure_date)",
        "last_seen_date > as_at() - 42 AND last_seen_date <= as_at()",
        reads=("cin_start_date", "cin_closure_date", "last_seen_date"),
        period=Period.AS_AT,
    ),
)

MEASURES_BY_ID = {m.id: m for m in STANDARD_MEASURES}
