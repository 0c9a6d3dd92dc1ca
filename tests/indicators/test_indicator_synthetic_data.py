"""The generator's planted answers match what is computed, through every way in."""

import datetime as dt

import pytest

from actionplan.indicators.annexa import compute, read_annex_a, read_sheets
from actionplan.indicators.annexa.synthetic import generate

A = dt.date(2024, 3, 31)


def computed(annex, as_at):
    return {
        m.id: (
            m.numerator,
            m.denominator,
            {t.team: (t.numerator, t.denominator) for t in m.by_team},
        )
        for m in compute(annex, as_at).measures
    }


def expected(data):
    return {i: (e.numerator, e.denominator, e.by_team) for i, e in data.expected.items()}


@pytest.mark.parametrize(
    ("seed", "as_at", "messy"),
    [
        (0, A, True),
        (1, dt.date(2023, 8, 31), True),  # a window starting on 28 February
        (2, dt.date(2020, 12, 31), True),  # Christmas and a substitute Boxing Day
        (3, A, False),
    ],
)
def test_the_computed_measures_equal_the_planted_answers_team_by_team(seed, as_at, messy):
    data = generate(4000, as_at, seed=seed, messy=messy)

    assert computed(read_sheets(data.rows()), as_at) == expected(data)


def test_the_planted_answers_are_not_trivial():
    data = generate(4000, A, seed=0)

    for measure_id, e in data.expected.items():
        assert 0 < e.numerator < e.denominator, measure_id
        assert len(e.by_team) >= 5, measure_id


def test_every_planted_problem_is_reported_and_nothing_else():
    data = generate(4000, A, seed=4)

    reported = {(p.list, p.row, p.column) for p in read_sheets(data.rows()).problems}

    assert reported == data.problems
    assert len(reported) > 100


def test_clean_data_has_no_problems():
    data = generate(2000, A, seed=5, messy=False)

    assert read_sheets(data.rows()).problems == []
    assert data.problems == set()


def test_a_generated_workbook_and_csv_folder_give_the_planted_answers(tmp_path):
    data = generate(1500, A, seed=6)

    from_xlsx = read_annex_a(data.write_xlsx(tmp_path / "annex_a.xlsx"))
    from_csv = read_annex_a(data.write_csv(tmp_path / "csv"))

    assert computed(from_xlsx, A) == expected(data)
    assert computed(from_csv, A) == expected(data)
    assert {(p.list, p.row, p.column) for p in from_csv.problems} == data.problems


def test_the_same_seed_gives_the_same_data_and_another_seed_does_not():
    assert generate(500, A, seed=7).sheets == generate(500, A, seed=7).sheets
    assert generate(500, A, seed=7).sheets != generate(500, A, seed=8).sheets


def test_the_rows_are_split_across_all_eleven_lists():
    data = generate(1000, A, seed=9, messy=False)

    sizes = {name: len(rows) - 1 for name, rows in data.sheets.items()}

    assert sum(sizes.values()) == 1000
    assert len(sizes) == 11 and min(sizes.values()) >= 10


def test_ids_and_names_are_obviously_synthetic():
    data = generate(500, A, seed=10, messy=False)
    header, *rows = data.sheets["List 7"]
    ids = {row[header.index("Child Unique ID")] for row in rows}
    workers = {row[header.index("Allocated Worker")] for row in rows}

    assert all(i.startswith("SYN") for i in ids)
    assert all(w.endswith("(synthetic)") for w in workers)
