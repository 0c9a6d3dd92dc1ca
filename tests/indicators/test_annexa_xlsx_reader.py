"""The .xlsx reader (python-calamine, xlsx.py) against the reference (openpyxl): the same
lists, values, row numbers and problems, or the same refusal, for every test workbook:
the sample workbook, the synthetic data, sheets of every awkward cell the reading rules
test, error cells, sheets that start below and right of A1, and the malformed workbooks of
the privacy tests."""

import datetime as dt
import zipfile
from pathlib import Path

import openpyxl
import pytest
from indicator_data import SAMPLE_WORKBOOK
from openpyxl.chart import BarChart, Reference

from actionplan.importing.readers.packages import Limits
from actionplan.indicators.annexa import read_annex_a, reader, xlsx
from actionplan.indicators.annexa.lists import LISTS
from actionplan.indicators.annexa.synthetic import generate
from indicators.test_annexa_fast_reader import SAMPLE, snapshot
from indicators.test_annexa_reader_rules import CELLS, LIST_7, LIST_11, NOTES
from support.office_files import MALFORMED


def both(monkeypatch, path: Path, limits: Limits | None = None) -> tuple[object, bool]:
    """calamine's answer, after checking it is openpyxl's, and whether calamine read it."""
    declined = []
    real = xlsx.sheets

    def counted(*args):
        try:
            return real(*args)
        except Exception:
            declined.append(True)
            raise

    monkeypatch.setattr(xlsx, "sheets", counted)
    monkeypatch.setattr(reader, "XLSX_CALAMINE", True)
    fast = snapshot(path, limits)
    monkeypatch.setattr(reader, "XLSX_CALAMINE", False)
    expected = snapshot(path, limits)
    assert fast == expected
    return fast, not declined


def header(columns: list[str], number: int) -> list[str]:
    by_key = LISTS[number].by_key
    return [NOTES if key == NOTES else by_key[key].header for key in columns]


def awkward_workbook(path: Path, start_row: int = 1, start_col: int = 1) -> Path:
    """Lists 7 and 11 with every awkward cell in every column, a title above the header,
    blank rows, and the sheet starting at (start_row, start_col)."""
    workbook = openpyxl.Workbook()
    workbook.remove(workbook.active)
    for number, columns in ((7, LIST_7), (11, LIST_11)):
        sheet = workbook.create_sheet(f"List {number}")
        rows = [[f"Annex A List {number}"], [], header(columns, number)]
        for i, cell in enumerate(CELLS):
            others = range(1, len(columns))
            rows.append([f"C{i}"] + [CELLS[(i + c * 7) % len(CELLS)] for c in others])
            if i % 9 == 0:
                rows.append([None] * len(columns))
            rows.append([cell] * len(columns))
        for r, row in enumerate(rows):
            for c, value in enumerate(row):
                if value is not None:
                    sheet.cell(start_row + r, start_col + c, value)
    workbook.save(path)
    return path


SAMPLES = [p for p in (SAMPLE_WORKBOOK, SAMPLE) if p.exists()][:1]


@pytest.mark.skipif(not SAMPLES, reason="the sample workbook is not here")
def test_the_sample_workbook_reads_alike(monkeypatch):
    _, read = both(monkeypatch, SAMPLES[0])
    assert read


def test_the_synthetic_data_reads_alike(monkeypatch, tmp_path):
    data = generate(3000, dt.date(2024, 3, 31), seed=3)
    (lists, problems), read = both(monkeypatch, data.write_xlsx(tmp_path / "annex_a.xlsx"))
    assert read and len(lists) == 11
    assert any(p.value == "#N/A" for p in problems)  # error cells, put back


@pytest.mark.parametrize("start", [(1, 1), (4, 3)])
def test_every_awkward_cell_reads_alike(monkeypatch, tmp_path, start):
    (lists, problems), read = both(monkeypatch, awkward_workbook(tmp_path / "a.xlsx", *start))
    assert read and set(lists) == {7, 11} and problems


def test_a_sheet_of_cells_far_apart_is_left_to_openpyxl(monkeypatch, tmp_path):
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "List 11"
    sheet.append(header(LIST_11, 11))
    sheet.append(["A1", "01/02/2024", "01/03/2024", 1, "No"])
    sheet.cell(900_000, 2000, "far away")
    workbook.save(tmp_path / "sparse.xlsx")
    (lists, _), read = both(monkeypatch, tmp_path / "sparse.xlsx", Limits().untimed())
    assert not read and lists[11][1][0] == 2  # (sheet, row numbers, ...)


def test_a_long_narrow_sheet_is_read_by_calamine(tmp_path):
    """The grid is measured by the widest column the sheet has, not by Z: a list of two
    columns and 400,000 rows is no sparse sheet."""
    rows = "".join(
        f'<row r="{i}"><c r="A{i}"><v>1</v></c><c r="B{i}"><v>2</v></c></row>'
        for i in range(1, 400_001)
    )
    with zipfile.ZipFile(tmp_path / "a.xlsx", "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("sheet.xml", f"<worksheet><sheetData>{rows}</sheetData></worksheet>")
    with zipfile.ZipFile(tmp_path / "a.xlsx") as archive:
        assert xlsx._errors(archive, "sheet.xml") == {}


def test_a_workbook_with_a_chart_sheet_is_left_to_openpyxl(monkeypatch, tmp_path):
    path = awkward_workbook(tmp_path / "a.xlsx")
    workbook = openpyxl.load_workbook(path)
    chart = BarChart()
    chart.add_data(Reference(workbook["List 11"], min_col=4, min_row=4, max_row=20))
    workbook.create_chartsheet("Chart").add_chart(chart)
    workbook.save(path)
    (lists, _), read = both(monkeypatch, path)
    assert not read and set(lists) == {7, 11}


def test_the_limits_refuse_alike(monkeypatch, tmp_path):
    path = awkward_workbook(tmp_path / "a.xlsx")
    for limits in (Limits(rows=30), Limits(cells=200)):
        refused, _ = both(monkeypatch, path, limits)
        assert refused[0] == "refused"


@pytest.mark.parametrize("attack", MALFORMED, ids=list(MALFORMED))
def test_a_malformed_workbook_reads_alike(monkeypatch, tmp_path, attack):
    path = tmp_path / "annex_a.xlsx"
    path.write_bytes(MALFORMED[attack]())
    both(monkeypatch, path)


def test_the_reader_uses_calamine_by_default(tmp_path):
    assert reader.XLSX_CALAMINE
    path = awkward_workbook(tmp_path / "a.xlsx")
    assert len(read_annex_a(path).lists) == 2
