"""A council's own measure: SQL over the loaded lists, in a sandbox it cannot leave."""

import datetime as dt

import pytest
from indicator_data import annex_of, excel

from actionplan.indicators.annexa import MeasureEngine, MeasureQueryError, compute

A = dt.date(2024, 6, 30)
CIN = [
    {"child_id": "1", "cin_start_date": excel(2023, 1, 1), "case_status": "c) Child in need plan"},
    {"child_id": "2", "cin_start_date": excel(2024, 2, 1), "case_status": "b) Assessment"},
    {
        "child_id": "3",
        "cin_start_date": excel(2024, 2, 1),
        "cin_closure_date": excel(2024, 3, 1),
        "case_status": "c) Child in need plan",
    },
]
CIN_WITH_PLAN = """
    SELECT count(*) FILTER (WHERE case_status = 'Child in need plan') AS numerator,
           count(*) AS denominator
    FROM list_6
    WHERE open_at(cin_start_date, cin_closure_date)
"""


@pytest.fixture
def engine():
    with MeasureEngine(annex_of({6: CIN})) as engine:
        yield engine


def test_a_local_measure_is_a_select_giving_a_numerator_and_a_denominator(engine):
    result = engine.local(CIN_WITH_PLAN, A, measure_id="cin_with_plan")

    assert (result.id, result.numerator, result.denominator, result.value) == (
        "cin_with_plan",
        1,
        2,
        0.5,
    )


def test_a_local_measure_must_say_what_it_counts_from(engine):
    with pytest.raises(
        MeasureQueryError, match="a column named numerator and one named denominator"
    ):
        engine.local("SELECT count(*) AS numerator FROM list_6 WHERE in_window(cin_start_date)", A)


def test_the_as_at_date_window_and_working_days_are_there_to_use(engine):
    sql = (
        "SELECT working_days(window_start(), as_at()) AS numerator, "
        "CAST(as_at() - window_start() AS INTEGER) AS denominator"
    )

    result = engine.local(sql, A)

    # 31 Dec 2023 to 30 Jun 2024: 183 days, 125 working days once the six bank holidays are out
    assert (result.numerator, result.denominator) == (125, 183)


def test_local_measures_are_computed_after_the_standard_ones():
    local = {"cin_with_plan": CIN_WITH_PLAN}
    result = compute(annex_of({6: CIN}), A, local=local, suppression=None)

    assert [m.id for m in result.measures][-1] == "cin_with_plan"
    assert result.measures[-1].value == 0.5
    # Two children are too few to report: by default the measure is withheld.
    withheld = compute(annex_of({6: CIN}), A, local=local).measures[-1]
    assert (withheld.numerator, withheld.not_computed) == (
        None,
        "suppressed (c): a cohort (denominator) of fewer than 10",
    )


@pytest.mark.parametrize(
    "sql",
    [
        "SELECT count(*) AS numerator FROM read_csv('/etc/passwd')",
        "SELECT count(*) AS numerator FROM read_text('/etc/passwd')",
        "SELECT count(*) AS numerator FROM '/etc/passwd'",
        "SELECT count(*) AS numerator FROM glob('/etc/*')",
        "SELECT count(*) AS numerator FROM read_parquet('https://example.com/x.parquet')",
        "SELECT count(*) AS numerator FROM query('SELECT * FROM read_text(''/etc/passwd'')')",
        "COPY list_6 TO '/tmp/children.csv'",
        "EXPORT DATABASE '/tmp/children'",
        "ATTACH '/tmp/other.duckdb' AS other",
        "INSTALL httpfs",
        "LOAD httpfs",
        "SET enable_external_access = true",
        "PRAGMA enable_profiling",
        "CALL pragma_version()",
        "CREATE TABLE copy AS SELECT * FROM list_6",
        "DELETE FROM list_6",
        "SELECT 1 AS numerator; DROP TABLE list_6",
    ],
)
def test_file_network_extension_and_write_access_are_refused(engine, sql):
    with pytest.raises(MeasureQueryError):
        engine.local(sql, A)

    assert engine.local(CIN_WITH_PLAN, A).denominator == 2  # the data is untouched


def test_a_refusal_says_why():
    with MeasureEngine(annex_of({6: CIN})) as engine:
        with pytest.raises(MeasureQueryError) as file_access:
            engine.local("SELECT count(*) AS numerator FROM read_csv('/etc/passwd')", A)
        with pytest.raises(MeasureQueryError) as two_statements:
            engine.local("SELECT 1 AS numerator; SELECT 2 AS numerator", A)
        with pytest.raises(MeasureQueryError) as not_select:
            engine.local("INSTALL httpfs", A)

    assert "file system operations are disabled" in str(file_access.value)
    assert str(two_statements.value) == "the query must be one SELECT statement, not 2 statements"
    assert str(not_select.value) == "only a SELECT query may define a measure, not INSTALL"


@pytest.mark.parametrize(
    ("sql", "message"),
    [
        ("SELEC 1", 'Parser Error: syntax error at or near "SELEC"'),
        (
            "SELECT count(*) AS numerator FROM list_99",
            "Catalog Error: Table with name list_99 does not exist!",
        ),
        (
            "SELECT nope AS numerator FROM list_6",
            'Binder Error: Referenced column "nope" not found in FROM clause!',
        ),
        (
            "SELECT 1 AS total",
            "the query must give a column named numerator and one named denominator (what the "
            "numerator is counted from, even for a count); it gives total",
        ),
        (
            "SELECT 1 AS numerator, 1 AS denominator FROM list_6",
            "the query must give one row, not several",
        ),
        (
            "SELECT 1 AS numerator, 1 AS denominator WHERE false",
            "the query must give one row, not none",
        ),
        (
            "SELECT any_value(child_id) AS numerator, count(*) AS denominator FROM list_6",
            "the numerator must be a number, not str",
        ),
        ("SELECT -1 AS numerator, 1 AS denominator", "the numerator must not be negative (-1)"),
    ],
)
def test_a_bad_query_is_a_clear_error(engine, sql, message):
    with pytest.raises(MeasureQueryError) as error:
        engine.local(sql, A)

    assert str(error.value) == message


def test_a_query_that_runs_too_long_is_stopped(engine):
    with pytest.raises(MeasureQueryError, match=r"ran for more than 0\.5 seconds"):
        engine.local("SELECT count(*) AS numerator FROM range(1000000000000)", A, timeout=0.5)


CHILD = "AB12345"


@pytest.mark.parametrize(
    ("sql", "message"),
    [
        (
            "SELECT sum(CAST(child_id AS INTEGER)) AS numerator FROM list_6",
            "the query failed: conversion error (a value could not be converted)",
        ),
        (
            "SELECT count(CAST(child_id AS DATE)) AS numerator FROM list_6",
            "the query failed: conversion error (a value could not be converted)",
        ),
        (
            "SELECT count(strptime(child_id, '%d/%m/%Y')) AS numerator FROM list_6",
            "the query failed: invalid input (a value could not be read, or a function could "
            "not use it)",
        ),
        (
            "SELECT count(error(child_id)) AS numerator FROM list_6",
            "the query failed: invalid input (a value could not be read, or a function could "
            "not use it)",
        ),
        (
            "SELECT sum(length(child_id)::INTEGER * 2147483647) AS numerator FROM list_6",
            "the query failed: out of range (a number was too large for its type)",
        ),
    ],
)
def test_a_query_that_fails_on_the_data_says_why_without_quoting_it(sql, message):
    """DuckDB quotes the value it failed on: a child's id must not reach the page."""
    engine = MeasureEngine(annex_of({6: [{**CIN[0], "child_id": CHILD}]}))
    with engine, pytest.raises(MeasureQueryError) as error:
        engine.local(sql, A)

    assert str(error.value) == message
    assert CHILD not in str(error.value)
