"""A local measure gives aggregates only: queries that try to smuggle a child's id or date
of birth out as a number are refused, small numbers are withheld as official statistics
withhold them, DuckDB runs within a memory and thread cap, and the check before a measure
is saved runs it on representative rows, not on empty tables."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError

from actionplan.indicators.annexa import MeasureEngine, MeasureQueryError, compute, read_sheets
from actionplan.indicators.annexa.engine import Resources, Suppression
from actionplan.indicators.annexa.synthetic import generate
from actionplan.indicators.models import LocalMeasure
from actionplan.plans.models import Organisation

A = dt.date(2013, 3, 31)


@pytest.fixture(scope="module")
def data():
    return generate(1500, A, seed=5)


@pytest.fixture(scope="module")
def engine(data):
    with MeasureEngine(read_sheets(data.sheets.items())) as engine:
        yield engine


def some_child(data) -> str:
    referrals = data.sheets["List 3"]
    header = next(row for row in referrals if "Child Unique ID" in row)
    column = header.index("Child Unique ID")
    return next(
        str(row[column]).strip()
        for row in referrals[referrals.index(header) + 1 :]
        if str(row[column] or "").strip().startswith("SYN")
    )


def smuggling(child: str) -> list[str]:
    """Queries giving one number that is, or betrays, a child's id or date of birth."""
    digits = "CAST(regexp_replace(child_id, '[^0-9]', '', 'g') AS BIGINT)"
    return [
        f"SELECT max({digits}) AS numerator, count(*) AS denominator FROM list_3",
        f"SELECT sum({digits}) FILTER (WHERE row_number = 5) AS numerator, "
        "count(*) AS denominator FROM list_3",
        f"SELECT count(*) FILTER (WHERE child_id = '{child}') AS numerator, "
        "count(*) AS denominator FROM list_3",
        "SELECT count(*) FILTER (WHERE child_id LIKE 'SYN00001%') AS numerator, "
        "count(*) AS denominator FROM list_3",
        f"SELECT max(age) FILTER (WHERE child_id = '{child}') * 100 AS numerator, "
        "count(*) AS denominator FROM list_3",
        "SELECT min(length(child_id)) AS numerator, count(*) AS denominator FROM list_3",
        "SELECT max(date_diff('day', DATE '1970-01-01', date_of_birth)) AS numerator, "
        "count(*) AS denominator FROM list_3",
        "SELECT max(year(date_of_birth) * 10000 + month(date_of_birth) * 100 "
        "+ day(date_of_birth)) AS numerator, count(*) AS denominator FROM list_3",
    ]


def test_every_way_to_smuggle_a_child_out_as_a_number_is_refused(data, engine):
    for sql in smuggling(some_child(data)):
        with pytest.raises(MeasureQueryError, match=r"children's ids|date of birth") as refused:
            engine.local(sql, A)
        assert some_child(data) not in str(refused.value), sql


@pytest.mark.parametrize(
    "sql",
    [
        "SELECT count(DISTINCT child_id) FILTER (WHERE referrals_last_12_months >= 1) "
        "AS numerator, count(DISTINCT child_id) AS denominator FROM list_3",
        # Children referred who were then assessed: a join on the id, kept by the renaming.
        "SELECT count(DISTINCT r.child_id) FILTER (WHERE a.child_id IS NOT NULL) AS numerator, "
        "count(DISTINCT r.child_id) AS denominator "
        "FROM list_3 r LEFT JOIN list_4 a ON a.child_id = r.child_id",
        # Under-fives: a date of birth compared, never given.
        "SELECT count(*) FILTER (WHERE date_of_birth > as_at() - INTERVAL 5 YEAR) AS numerator, "
        "count(*) AS denominator FROM list_3",
        "SELECT sum(working_days(assessment_start_date, assessment_authorised_date)) "
        "AS numerator, count(*) AS denominator FROM list_4 WHERE in_window(assessment_authorised_date)",
    ],
    ids=["distinct children", "join on the id", "under fives", "sum of working days"],
)
def test_honest_aggregates_pass(engine, sql):
    result = engine.local(sql, A)

    assert result.denominator > 0


def test_small_numbers_are_withheld_as_official_statistics_withhold_them(engine):
    local = {
        "tiny_cohort": "SELECT count(*) AS numerator, count(*) AS denominator "
        "FROM list_3 WHERE row_number < 8",
        "three_children": "SELECT count(*) FILTER (WHERE row_number < 6) AS numerator, "
        "count(*) AS denominator FROM list_3",
        "none": "SELECT 0 AS numerator, count(*) AS denominator FROM list_3",
        "enough": "SELECT count(*) FILTER (WHERE row_number < 30) AS numerator, "
        "count(*) AS denominator FROM list_3",
    }

    local["one_child"] = (  # a row per child, the first one kept: a cohort of one
        "SELECT count(*) AS numerator, count(*) AS denominator FROM list_3 "
        "GROUP BY child_id ORDER BY child_id LIMIT 1"
    )
    measures = {m.id: m for m in engine.compute(A, local, Suppression()).measures}

    assert measures["tiny_cohort"].not_computed == (
        "suppressed (c): a cohort (denominator) of fewer than 10"
    )
    assert measures["three_children"].not_computed == "suppressed (c): a count from 1 to 5"
    assert measures["one_child"].not_computed.startswith(("suppressed (c)", "the answer depends"))
    assert measures["three_children"].numerator is None
    assert (measures["none"].numerator, measures["none"].not_computed) == (0, None)
    assert measures["enough"].not_computed is None
    stricter = engine.compute(A, local, Suppression(min_cohort=100_000)).measures
    assert {m.id: m.not_computed for m in stricter}["enough"].startswith("suppressed (c)")


def test_duckdb_runs_within_its_memory_and_thread_caps_and_spills_nothing(tmp_path, data):
    os.chdir(tmp_path)  # DuckDB's own default would spill to ./.tmp
    with MeasureEngine(read_sheets(data.sheets.items()), Resources(memory_mb=64, threads=1)) as e:
        settings = e.con.execute(
            "SELECT current_setting('memory_limit'), current_setting('threads'), "
            "current_setting('temp_directory')"
        ).fetchone()
        with pytest.raises(MeasureQueryError, match="out of memory"):
            e.local(
                "SELECT count(DISTINCT i::VARCHAR) AS numerator, count(*) AS denominator "
                "FROM range(20000000) t(i)",
                A,
            )

    assert settings[1:] == (1, "")
    assert settings[0].startswith("61.0 MiB")  # 64 MB, as DuckDB counts it
    assert not list(Path(tmp_path).iterdir())


def test_the_default_caps_are_the_settings(settings):
    from actionplan.indicators import sandbox

    settings.DUCKDB_MEMORY_LIMIT_MB, settings.DUCKDB_THREADS = 300, 2
    settings.LOCAL_MEASURE_MIN_COHORT = 25

    assert sandbox.resources() == Resources(memory_mb=300, threads=2)
    assert sandbox.suppression().min_cohort == 25


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("sql", "why"),
    [
        # Passes on empty tables (the sum of nothing is 0), fails on a real id.
        (
            "SELECT sum(CAST(child_id AS INTEGER)) AS numerator, count(*) AS denominator "
            "FROM list_3",
            "conversion error",
        ),
        (
            "SELECT max(CAST(regexp_replace(child_id, '[^0-9]', '', 'g') AS BIGINT)) "
            "AS numerator, count(*) AS denominator FROM list_3",
            "values of children's ids",
        ),
        ("SELECT count(*) AS numerator, 1 AS denominator FROM list_3 GROUP BY child_id", "one row"),
    ],
    ids=["fails on data", "reads an id", "a row per child"],
)
def test_a_measure_is_tried_on_representative_rows_before_it_is_saved(sql, why):
    organisation = Organisation.objects.create(name="Anyshire Council")
    measure = LocalMeasure(organisation=organisation, key="mine", name="Mine", sql=sql)

    with pytest.raises(ValidationError, match=why):
        measure.full_clean()


@pytest.mark.django_db
def test_an_honest_measure_saves():
    organisation = Organisation.objects.create(name="Anyshire Council")
    measure = LocalMeasure(
        organisation=organisation,
        key="seen",
        name="Seen",
        sql="SELECT count(*) FILTER (WHERE child_seen = 'yes') AS numerator, "
        "count(*) AS denominator FROM list_4",
    )

    measure.full_clean()


def test_a_measure_withheld_or_refused_is_not_computed_and_the_others_still_are(data):
    local = {"smuggler": smuggling(some_child(data))[0]}

    result = compute(read_sheets(data.sheets.items()), A, local)

    smuggler = result.measures[-1]
    assert smuggler.numerator is None
    assert "values of children's ids" in smuggler.not_computed
    assert all(m.numerator is not None for m in result.measures[:-1] if not m.not_computed)
