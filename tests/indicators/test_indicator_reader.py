"""Reading workbooks and CSV folders: lenient headers, every problem reported, no crash."""

import datetime as dt
import re

import openpyxl
import pytest
from indicator_data import excel

from actionplan.indicators.annexa import AnnexAError, compute, read_annex_a, read_sheets
from actionplan.indicators.annexa.cells import from_day_number
from actionplan.indicators.annexa.headers import header_key, list_number_in_name

SEEN_ALONE = "Was the Child Seen Alone?"


def dates(table, key):
    return [None if n < -(2**31) + 2 else from_day_number(n) for n in table.columns[key].values]


def test_the_sample_workbook_loads_every_list_and_reports_its_junk(sample_workbook):
    annex = read_annex_a(sample_workbook)

    assert sorted(annex.lists) == list(range(1, 12))
    assert len(annex.lists[7]) == 7
    assert annex.lists[1].columns["age"].header == "Age"  # the variant header
    # Formulas are read as the values Excel last calculated.
    assert dates(annex.lists[10], "adoption_decision_date")[0] == dt.date(2009, 8, 11)
    reported = {(p.sheet, p.row, p.column, p.value, p.reason) for p in annex.problems}
    assert ("List 6", 2, "Allocated Team", "#N/A", "an Excel error value") in reported
    assert all(p.sheet == "List 6" for p in annex.problems)
    assert len(annex.problems) == 10  # team and worker, on each of its five rows


def test_the_sample_workbook_computes_every_measure(sample_workbook):
    result = compute(read_annex_a(sample_workbook), dt.date(2021, 3, 31))

    assert [m.not_computed for m in result.measures] == [None] * 11
    by_id = {m.id: (m.numerator, m.denominator) for m in result.measures}
    assert by_id["cp_seen_alone"] == (2, 2)  # the two plans starting 8 February 2021
    assert by_id["cin_seen_within_6_weeks"] == (2, 5)  # seen 5 and 15 March 2021


@pytest.mark.parametrize(
    "written",
    [
        "Was the Child Seen Alone?",
        "was the child seen alone",
        "WAS THE CHILD SEEN ALONE ?",
        "  Was the  Child\u00a0Seen Alone? ",
        "Was the Child Seen Alone??",
    ],
)
def test_headers_match_ignoring_case_spacing_and_a_trailing_question_mark(written):
    assert header_key(written) == header_key("Was the Child Seen Alone")


def test_headers_match_whatever_the_quote_style():
    straight = "Number of Episodes the Child has been 'Missing' from their Placement"
    assert header_key(straight.replace("'", "‘", 1).replace("'", "’")) == header_key(straight)
    assert header_key(straight.replace("'", '"')) == header_key(straight)


@pytest.mark.parametrize(
    ("name", "number"),
    [
        ("List 7", 7),
        ("list7", 7),
        ("List_11.csv", 11),
        ("Annex A List 3 - referrals", 3),
        ("List 12", None),
        ("Notes", None),
        ("List 71", None),
    ],
)
def test_a_sheet_or_file_name_says_which_list_it_is(name, number):
    assert list_number_in_name(name) == number


def test_a_title_row_above_the_header_and_columns_in_any_order_are_fine():
    rows = [
        ["Annex A List 7: children subject to a plan"],
        [],
        [
            "Notes",
            SEEN_ALONE.upper(),
            "Child Unique ID",
            "Extra",
            "Child Protection Plan Start Date",
        ],
        ["x", "a) Yes", 1, "y", excel(2024, 1, 2)],
        [None, None, None, None, None],  # a blank row is skipped
        ["x", "No", 2, "y", "03/01/2024"],
    ]

    annex = read_sheets([("CP plans", rows)])
    table = annex.lists[7]

    assert list(table.columns["seen_alone"].values) == ["yes", "no"]
    assert dates(table, "cp_plan_start_date") == [dt.date(2024, 1, 2), dt.date(2024, 1, 3)]
    assert list(table.row_numbers) == [4, 6]
    assert {k: list(v) for k, v in table.extras.items()} == {
        "Notes": ["x", "x"],
        "Extra": ["y", "y"],
    }


def test_a_sheet_is_recognised_by_its_headers_when_its_name_does_not_say():
    rows = [["Child Unique ID", "Date of Referral", "Referral NFA?"], [1, excel(2024, 1, 1), "No"]]

    assert list(read_sheets([("Referrals", rows)]).lists) == [3]


def test_every_unreadable_value_is_a_problem_with_its_row_column_and_value():
    rows = [
        [
            "Child Unique ID",
            "Child Protection Plan Start Date",
            "Number of Previous Child Protection Plans",
            SEEN_ALONE,
        ],
        ["1", "TBC", "two", "perhaps"],
        [None, excel(2024, 1, 1), 0, "Yes"],
    ]

    problems = read_sheets([("List 7", rows)]).problems

    assert [(p.row, p.column, p.value, p.reason) for p in problems if p.row != 1] == [
        (2, "Child Protection Plan Start Date", "TBC", "not a date (day/month/year)"),
        (2, "Number of Previous Child Protection Plans", "two", "not a count"),
        (2, SEEN_ALONE, "perhaps", "not a yes/no answer"),
        (3, "Child Unique ID", None, "no child id: the row is not counted as a child"),
    ]


def test_missing_columns_are_problems_of_the_header_row():
    rows = [
        ["Title"],
        ["Child Unique ID", "Child Protection Plan Start Date"],
        [1, excel(2024, 1, 1)],
    ]

    problems = read_sheets([("List 7", rows)]).problems

    assert (2, SEEN_ALONE.rstrip("?"), "column not found") in {
        (p.row, p.column, p.reason) for p in problems
    }


def test_values_in_private_columns_are_never_shown_in_problems():
    rows = [
        ["Child Unique ID", "Date of Birth", "Date of Referral"],
        ["A123", "31/02/2015", "1/1/2024"],
    ]

    (problem,) = read_sheets([("List 3", rows)]).problems[-1:]

    assert problem.value is None
    assert "31/02/2015" not in str(problem)
    assert problem.reason == "no such date (the value is not shown: Date of Birth is personal data)"


def test_an_unrecognised_sheet_and_a_second_copy_of_a_list_are_reported_and_left_out():
    referrals = [["Child Unique ID", "Date of Referral"], [1, excel(2024, 1, 1)]]

    annex = read_sheets(
        [("Guidance", [["Read me first"]]), ("List 3", referrals), ("List 3 (2)", referrals)]
    )

    assert [p.reason for p in annex.problems if p.row is None] == [
        "not recognised as an Annex A list: left out",
        "List 3 again (first read from 'List 3'): left out",
    ]


def test_a_csv_folder_reads_like_a_workbook(tmp_path):
    (tmp_path / "list_7.csv").write_text(
        "Child Unique ID,Child Protection Plan Start Date,Was the Child Seen Alone?\n"
        '1,02/01/2024,a) Yes\n" 2",3/1/2024,No\n',
        encoding="utf-8",
    )
    (tmp_path / "notes.txt").write_text("not read")

    annex = read_annex_a(tmp_path)

    assert list(annex.lists[7].columns["child_id"].values) == ["1", "2"]
    assert dates(annex.lists[7], "cp_plan_start_date") == [dt.date(2024, 1, 2), dt.date(2024, 1, 3)]


def test_a_windows_1252_csv_with_curly_quotes_in_its_headers_is_read(tmp_path):
    header = "Child Unique ID;Number of Episodes the Child has been ‘Missing’ from their Placement in the last 12 months"
    (tmp_path / "List 8.csv").write_bytes(f"{header}\n1;2\n".encode("cp1252"))

    annex = read_annex_a(tmp_path)

    assert list(annex.lists[8].columns["missing_episodes_last_12_months"].values) == [2]


def test_a_workbook_reads_dates_numbers_and_text_as_excel_stores_them(tmp_path):
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "List 3"
    sheet.append(["Child Unique ID", "Date of Referral", "Number of Referrals in Last 12 Months"])
    sheet.append([123, dt.datetime(2024, 2, 1, 9, 30), 2])
    sheet.append(["124", "01/02/2024", "3"])
    workbook.save(tmp_path / "annex.xlsx")

    table = read_annex_a(tmp_path / "annex.xlsx").lists[3]

    assert list(table.columns["child_id"].values) == ["123", "124"]
    assert dates(table, "referral_date") == [dt.date(2024, 2, 1)] * 2
    assert list(table.columns["referrals_last_12_months"].values) == [2, 3]


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("missing.xlsx", None, "no such file or folder"),
        ("annex.xlsx", b"not a zip", "not a readable .xlsx workbook"),
        ("annex.xls", b"old", "an old-style .xls workbook; save it as .xlsx"),
        ("annex.pdf", b"%PDF", "not an .xlsx workbook, a .zip of .csv files or a folder of them"),
    ],
)
def test_a_path_that_is_not_annex_a_at_all_is_one_clear_error(tmp_path, name, content, message):
    path = tmp_path / name
    if content is not None:
        path.write_bytes(content)

    with pytest.raises(AnnexAError, match=re.escape(message)) as error:
        read_annex_a(path)
    assert str(error.value).startswith(str(path))


def test_a_folder_without_csv_files_is_an_error(tmp_path):
    with pytest.raises(AnnexAError, match=r"the folder has no \.csv files"):
        read_annex_a(tmp_path)
