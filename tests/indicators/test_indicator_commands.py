"""actionplan indicators compute | import | generate, as a user runs them."""

import datetime as dt
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from actionplan.indicators.annexa.synthetic import generate
from actionplan.indicators.models import Indicator, IndicatorValue
from actionplan.plans.services import store_plan

PROGRAM = Path(sys.executable).with_name("actionplan")
A = dt.date(2013, 3, 31)


def run(*args) -> str:
    out = io.StringIO()
    call_command("indicators", *args, stdout=out, stderr=io.StringIO())
    return out.getvalue()


def program(*args) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(PROGRAM), "indicators", *args],
        capture_output=True,
        text=True,
        env=os.environ.copy(),
        timeout=120,
        check=False,
    )


@pytest.fixture(scope="module")
def data():
    return generate(1500, A, seed=21)


@pytest.fixture
def folder(data, tmp_path):
    return data.write_csv(tmp_path / "annex_a")


def test_compute_json_has_exactly_the_documented_shape(data, folder):
    printed = json.loads(
        run("compute", "--annex-a", str(folder), "--as-at", "2013-03-31", "--json")
    )

    assert list(printed) == ["as_at", "measures", "problems"]
    assert printed["as_at"] == "2013-03-31"
    assert [list(m) for m in printed["measures"]] == [
        ["id", "numerator", "denominator", "value"]
    ] * 11
    for m in printed["measures"]:
        expected = data.expected[m["id"]]
        assert (m["numerator"], m["denominator"]) == (expected.numerator, expected.denominator)
        assert m["value"] == pytest.approx(expected.numerator / expected.denominator)
    assert len(printed["problems"]) == len(data.problems)
    assert list(printed["problems"][0]) == ["sheet", "list", "row", "column", "value", "reason"]


def test_a_value_is_null_when_the_denominator_is_0(tmp_path):
    empty = generate(0, A, messy=False).write_csv(tmp_path / "empty")

    printed = json.loads(run("compute", "--annex-a", str(empty), "--as-at", "31/03/2013", "--json"))

    assert {(m["numerator"], m["denominator"], m["value"]) for m in printed["measures"]} == {
        (0, 0, None)
    }


def test_compute_by_team_adds_each_teams_counts(data, folder):
    printed = json.loads(
        run("compute", "--annex-a", str(folder), "--as-at", "2013-03-31", "--json", "--by-team")
    )

    seen_alone = next(m for m in printed["measures"] if m["id"] == "cp_seen_alone")
    teams = {t["team"]: (t["numerator"], t["denominator"]) for t in seen_alone["by_team"]}
    assert teams == data.expected["cp_seen_alone"].by_team


def test_compute_prints_a_table_and_the_first_problems(data, folder):
    printed = run("compute", "--annex-a", str(folder), "--as-at", "2013-03-31")

    lines = printed.splitlines()
    assert lines[0] == f"Measures as at 31/03/2013 from {folder}"
    expected = data.expected["cp_seen_alone"]
    row = next(line for line in lines if line.strip().startswith("cp_seen_alone"))
    assert row.split()[1:3] == [str(expected.numerator), str(expected.denominator)]
    assert f"{len(data.problems)} problems:" in lines
    assert lines[-1].endswith("more (all of them with --json)")


@pytest.mark.django_db
def test_compute_stores_values_against_a_plans_indicators(plan_doc, folder, data):
    plan = store_plan(plan_doc).plan
    Indicator.objects.create(plan=plan, name="Plans reviewed", measure_id="cp_reviews_in_timescale")

    run(
        "compute",
        "--annex-a",
        str(folder),
        "--as-at",
        "2013-03-31",
        "--plan",
        str(plan.pk),
        "--store",
    )

    value = IndicatorValue.objects.get()
    assert value.numerator == data.expected["cp_reviews_in_timescale"].numerator


@pytest.mark.django_db
def test_store_without_a_plan_is_refused(folder):
    with pytest.raises(CommandError, match="--store needs --plan"):
        run("compute", "--annex-a", str(folder), "--as-at", "2013-03-31", "--store")


@pytest.mark.django_db
def test_import_stores_values_from_a_csv_file(plan_doc, tmp_path):
    plan = store_plan(plan_doc).plan
    Indicator.objects.create(plan=plan, name="Advocacy referrals", unit="count")
    path = tmp_path / "values.csv"
    path.write_text("indicator,period end,value\nAdvocacy referrals,31/12/2012,52\n")

    assert run("import", str(path)) == f"Imported {path}: 1 new values, 0 updated\n"


def test_generate_writes_a_workbook_and_prints_its_answers(tmp_path):
    printed = run(
        "generate",
        str(tmp_path / "a.xlsx"),
        "--rows",
        "300",
        "--as-at",
        "2013-03-31",
        "--seed",
        "3",
    )

    data = generate(300, A, seed=3)
    assert (tmp_path / "a.xlsx").exists()
    assert (
        printed.splitlines()[0]
        == f"Wrote 300 rows to {tmp_path / 'a.xlsx'}, {len(data.problems)} problems planted"
    )
    e = data.expected["cp_seen_alone"]
    assert f"  {'cp_seen_alone':<32} {e.numerator:>8} / {e.denominator:<8}" in printed.splitlines()


def test_measures_lists_each_standard_measure_with_its_definition():
    printed = run("measures").splitlines()

    assert printed[:3] == [
        "re_referral_12m (List 3): Re-referrals within 12 months",
        "  of children with a referral in the six months to the as-at date,",
        "  those whose Number of Referrals in Last 12 Months is 1 or more on one of those referrals",
    ]
    assert len(printed) == 33


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["compute", "--annex-a", "/no/such/annex", "--as-at", "2013-03-31"],
            "argument --annex-a: /no/such/annex: no such file or folder",
        ),
        (
            ["compute", "--annex-a", "/", "--as-at", "31/02/2013"],
            "argument --as-at: '31/02/2013' is not a date (YYYY-MM-DD or DD/MM/YYYY)",
        ),
        (
            ["compute", "--annex-a", __file__, "--as-at", "2013-03-31"],
            f"{__file__}: not an .xlsx workbook, a .zip of .csv files or a folder of them",
        ),
        (
            ["compile"],
            "argument ACTION: invalid choice: 'compile' (choose from 'compute', 'import', 'measures', 'generate')",
        ),
    ],
)
def test_a_users_mistake_is_one_line_on_stderr_and_exit_status_2(args, message):
    result = program(*args)

    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr.splitlines() == [f"actionplan: error: {message}"]


def test_the_program_lists_the_indicators_command():
    result = subprocess.run([str(PROGRAM)], capture_output=True, text=True, check=False, timeout=60)

    assert "\n  indicators Compute measures from Ofsted Annex A data" in result.stdout
