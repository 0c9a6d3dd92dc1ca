"""The reading rules, list by list: the reader against an oracle that reads every cell on
its own with the cell readers, for sheets of awkward cells, ragged rows and blank rows,
read in batches of every size. Whatever way the reader goes about it, each value it keeps
and each problem it lists must be what reading cell by cell gives."""

import datetime as dt
import gc
import math

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from actionplan.importing.readers.packages import Refused
from actionplan.indicators.annexa import read_annex_a, read_sheets, reader
from actionplan.indicators.annexa.cells import (
    BLANK,
    UNREADABLE,
    from_day_number,
    read_answer,
    read_code,
    read_count,
    read_date,
    read_id,
    read_number,
    read_text,
)
from actionplan.indicators.annexa.lists import LISTS, Kind
from actionplan.indicators.annexa.problems import Problem, shown

READERS = {
    Kind.DATE: read_date,
    Kind.ANSWER: read_answer,
    Kind.COUNT: read_count,
    Kind.NUMBER: read_number,
    Kind.CODE: read_code,
    Kind.TEXT: read_text,
}
CELLS = [
    None,
    "",
    "   ",
    "\u00a0",
    "Yes",
    "a) Yes",
    " y ",
    "NO",
    "Unknown",
    "maybe",
    "#N/A",
    "#REF!",
    "TBC",
    "05/03/2024",
    " 5/3/2024 ",
    "31/02/2023",
    "2024-03-05",
    "12",
    " 3 ",
    "two",
    "1.5",
    "-1",
    "1e3",
    "a) Male",
    "Locality\u00a01 ",
    "A123",
    " A123",
    0,
    1,
    2,
    1.0,
    2.0,
    1.5,
    -1,
    2**31,
    True,
    False,
    dt.datetime(2024, 3, 5),
    dt.datetime(2024, 3, 5, 17, 30),
    dt.date(2023, 1, 1),
    dt.datetime(2022, 12, 1),
]
NOTES = "Notes"


def oracle(number, columns, rows, first_row):
    """What reading each cell on its own gives: (values by key, row numbers, extras,
    problems). `columns` is the header, a field key or NOTES per column."""
    spec = LISTS[number]
    by_key = spec.by_key
    header_row = first_row - 1
    problems = [
        Problem(f"List {number}", number, header_row, f.header, None, "column not found")
        for f in spec.fields
        if f.key not in columns
    ]
    values = {f.key: [] for f in spec.fields}
    extras = {NOTES: []} if NOTES in columns else {}
    numbers = []
    for n, row in enumerate(rows, start=first_row):
        if all(c is None or (isinstance(c, str) and not c.strip()) for c in row):
            continue
        numbers.append(n)
        cells = list(row) + [None] * (len(columns) - len(row))
        found = []
        for col, key in enumerate(columns):
            cell = cells[col]
            if key == NOTES:
                extras[NOTES].append(read_text(cell)[0])
                continue
            f = by_key[key]
            if f.kind is Kind.ID:
                values[key].append(read_id(cell))
                continue
            value, why = READERS[f.kind](cell)
            values[key].append(value)
            if why:
                if f.private:
                    why = f"{why} (the value is not shown: {f.header} is personal data)"
                found.append((col, Problem(f"List {number}", number, n, f.header, None, why)))
                if not f.private:
                    found[-1] = (
                        col,
                        Problem(f"List {number}", number, n, f.header, shown(cell), why),
                    )
        if spec.has_children and "child_id" in columns and values["child_id"][-1] is None:
            why = "no child id: the row is not counted as a child"
            found.append(
                (
                    columns.index("child_id"),
                    Problem(f"List {number}", number, n, "Child Unique ID", None, why),
                )
            )
        for start, end in spec.spans:
            if start in columns and end in columns:
                s, e = values[start][-1], values[end][-1]
                if UNREADABLE < e < s:
                    why = f"ends before it starts, on {shown(from_day_number(s))}"
                    header = by_key[end].header
                    found.append(
                        (
                            columns.index(end),
                            Problem(
                                f"List {number}", number, n, header, shown(from_day_number(e)), why
                            ),
                        )
                    )
        problems += [p for _, p in sorted(found, key=lambda cp: cp[0])]
    for f in spec.fields:
        if f.key not in columns:
            blank = {Kind.DATE: BLANK, Kind.COUNT: BLANK, Kind.NUMBER: math.nan}
            values[f.key] = [blank.get(f.kind)] * len(numbers)
    return values, numbers, extras, problems


def comparable(values):
    return ["nan" if isinstance(v, float) and math.isnan(v) else v for v in values]


def check(number, columns, rows):
    header = [LISTS[number].by_key[k].header if k != NOTES else NOTES for k in columns]
    annex = read_sheets([(f"List {number}", [header, *rows])])
    values, numbers, extras, problems = oracle(number, columns, rows, first_row=2)

    table = annex.lists[number]
    assert list(table.row_numbers) == numbers
    for key, expected in values.items():
        assert comparable(list(table.columns[key].values)) == comparable(expected), key
    assert {k: list(v) for k, v in table.extras.items()} == extras
    assert annex.problems == problems


LIST_7 = [
    "child_id",
    "seen_alone",
    NOTES,
    "cp_plan_start_date",
    "previous_cp_plans",
    "cp_plan_end_date",
    "age",
    "gender",
    "allocated_team",
    "date_of_birth",
]
LIST_11 = ["adopter_id", "stage_1_start_date", "stage_1_end_date", "children_placed", "disability"]
cell = st.sampled_from(CELLS)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    rows=st.lists(st.lists(cell, min_size=0, max_size=len(LIST_7) + 3), max_size=30),
    batch=st.integers(1, 7),
)
def test_list_7_reads_as_cell_by_cell(monkeypatch, rows, batch):
    monkeypatch.setattr(reader, "BATCH_ROWS", batch)
    check(7, LIST_7, rows)


@settings(
    max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    rows=st.lists(st.lists(cell, min_size=0, max_size=len(LIST_11) + 2), max_size=20),
    batch=st.integers(1, 5),
)
def test_adopters_have_no_children_and_read_as_cell_by_cell(monkeypatch, rows, batch):
    monkeypatch.setattr(reader, "BATCH_ROWS", batch)
    check(11, LIST_11, rows)


def test_equal_numbers_of_different_types_are_read_apart():
    # 1, 1.0 and True are one key to a dict, but not to the rules.
    rows = [["A", c, c, c, c] for c in (1, True, 1.0, "1", 1, True, 0, False, 0.0)]

    check(7, ["child_id", "previous_cp_plans", "seen_alone", "cp_plan_start_date", "gender"], rows)


def test_blank_and_whitespace_rows_are_skipped_but_keep_their_numbers():
    rows = [["1", "Yes"], [None, "  "], ["", "\u00a0", None, None], [], ["2", "No"]]

    check(7, ["child_id", "seen_alone"], rows)
    table = read_sheets([("List 7", [["Child Unique ID", SEEN_ALONE], *rows])]).lists[7]
    assert list(table.row_numbers) == [2, 6]


SEEN_ALONE = "Was the Child Seen Alone?"


def test_a_row_with_something_only_in_an_unheaded_column_is_kept_with_no_child_id():
    rows = [["1", "Yes"], [None, None, None, "stray"]]

    check(7, ["child_id", "seen_alone"], rows)
    problems = read_sheets([("List 7", [["Child Unique ID", SEEN_ALONE], *rows])]).problems
    assert [(p.row, p.reason) for p in problems if p.row == 3] == [
        (3, "no child id: the row is not counted as a child")
    ]


def test_short_rows_are_blank_at_their_end():
    rows = [["1"], ["2", "Yes", "ignored"], ["3", "No"]]

    check(7, ["child_id", "seen_alone"], rows)


def test_very_long_rows_are_read_too():
    rows = [["1", "Yes", *[None] * 500, "x"], ["2", "No"], [None] * 600, [*[None] * 599, "y"]]

    check(7, ["child_id", "seen_alone"], rows)


def test_an_end_before_its_start_is_a_problem_of_the_end_naming_the_start():
    rows = [
        ["1", "10/01/2024", "09/01/2024"],
        ["2", "10/01/2024", "10/01/2024"],  # the same day is fine
        ["3", "10/01/2024", "TBC"],  # unreadable: its own problem only
        ["4", None, "01/01/2024"],
    ]
    columns = ["child_id", "cp_plan_start_date", "cp_plan_end_date"]

    check(7, columns, rows)
    header = [LISTS[7].by_key[k].header for k in columns]
    problems = read_sheets([("List 7", [header, *rows])]).problems
    assert [(p.row, p.column, p.value, p.reason) for p in problems if p.row != 1] == [
        (
            2,
            "Child Protection Plan End Date",
            "09/01/2024",
            "ends before it starts, on 10/01/2024",
        ),
        (4, "Child Protection Plan End Date", "TBC", "not a date (day/month/year)"),
    ]


def test_a_second_column_for_a_field_is_reported_and_left_out():
    rows = [["Child Unique ID", SEEN_ALONE, "was the child seen alone"], ["1", "Yes", "maybe"]]

    annex = read_sheets([("List 7", rows)])

    assert list(annex.lists[7].columns["seen_alone"].values) == ["yes"]
    assert (
        Problem(
            "List 7",
            7,
            1,
            "was the child seen alone",
            None,
            "a second 'Was the Child Seen Alone' column: left out",
        )
        in annex.problems
    )
    assert not [p for p in annex.problems if p.row == 2]


def test_a_csv_file_that_breaks_part_way_keeps_the_rows_before_and_says_where(
    tmp_path, monkeypatch
):
    monkeypatch.setattr(reader, "BATCH_ROWS", 3)
    too_long = "x" * 200_000  # past the csv module's field size limit
    good = [f"{n},{'maybe' if n in (3, 29) else 'Yes'}" for n in range(1, 30)]
    lines = ["Child Unique ID,Was the Child Seen Alone?", *good, f'30,"{too_long}"', "31,Yes"]
    (tmp_path / "List 7.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")

    annex = read_annex_a(tmp_path)

    assert list(annex.lists[7].columns["child_id"].values) == [str(n) for n in range(1, 30)]
    # The break is found while the last rows are gathered, so it is listed before them.
    assert [(p.row, p.reason) for p in annex.problems if p.row != 1] == [
        (4, "not a yes/no answer"),
        (31, "this row and the rest could not be read (field larger than field limit (131072))"),
        (30, "not a yes/no answer"),
    ]


def test_a_csv_file_that_breaks_in_its_first_rows_is_left_out(tmp_path):
    lines = ["Child Unique ID,Was the Child Seen Alone?", f'1,"{"x" * 200_000}"']
    (tmp_path / "List 7.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")

    annex = read_annex_a(tmp_path)

    assert annex.lists == {}
    assert [(p.row, p.reason) for p in annex.problems] == [
        (
            2,
            "this row and the rest could not be read (field larger than field limit (131072)): "
            "the sheet is left out",
        )
    ]


def test_the_garbage_collector_is_paused_only_while_reading():
    def rows():
        assert not gc.isenabled()
        yield ["Child Unique ID", SEEN_ALONE]
        raise Refused("has more rows than are read")  # what stops a whole reading

    with pytest.raises(Refused):
        read_sheets([("List 7", rows())])
    assert gc.isenabled()

    gc.disable()
    try:
        read_sheets([("List 7", [["Child Unique ID", SEEN_ALONE], ["1", "Yes"]])])
        assert not gc.isenabled()
    finally:
        gc.enable()
