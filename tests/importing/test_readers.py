import datetime as dt
import io
import os
import tracemalloc
import zipfile

import docx
import openpyxl
import pytest
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from actionplan.importing import readers
from actionplan.importing.errors import PlanReadError
from actionplan.importing.readers import Row, read_bytes, read_document

# The reference plan lives outside the repository; a checkout without it skips that test.
from support.seed import SEED

# -- fixtures built in the tests ---------------------------------------------------------


def docx_bytes(build) -> bytes:
    document = docx.Document()
    build(document)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def plan_docx(document) -> None:
    """A heading, a table with a merged cell, a paragraph, a second table."""
    document.add_heading("Post Inspection Action Plan", level=1)
    document.add_paragraph("")  # empty: skipped, but still counted
    first = document.add_table(rows=3, cols=4)
    for i, text in enumerate(["Action", "Lead Officer", "Due", "RAG"]):
        first.cell(0, i).text = text
    first.cell(1, 0).merge(first.cell(1, 1)).text = "1. Issue guidance (lead: SMT)"
    first.cell(1, 2).text = "May 2013"
    first.cell(1, 3).text = "Green"
    first.cell(2, 0).text = "2. Audit"
    first.cell(2, 1).text = "Julie Firth"
    first.cell(2, 2).text = "June 2013"
    document.add_paragraph("2.0 Ensure up to date chronologies")
    second = document.add_table(rows=2, cols=2)
    second.cell(0, 0).text, second.cell(0, 1).text = "Action", "Lead Officer"
    second.cell(1, 0).text, second.cell(1, 1).text = "1. Set standards", "Nick O'Brien"


def xlsx_bytes(build) -> bytes:
    workbook = openpyxl.Workbook()
    build(workbook)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def problem_with(data: bytes, filename: str) -> PlanReadError:
    with pytest.raises(PlanReadError) as caught:
        read_bytes(data, filename)
    assert caught.value.file == filename
    assert str(caught.value).startswith(f"{filename}: ")
    return caught.value


# -- text saved from Word ----------------------------------------------------------------


@pytest.mark.skipif(not SEED.exists(), reason="the seed plan is not available")
def test_it_reads_a_word_table_text_file_as_tab_separated_rows():
    doc = read_document(SEED)
    assert doc.file == SEED.name
    assert doc.format == "text"
    header = next(r for r in doc.rows if r.cells[0].startswith("Key Actions Summary"))
    assert header.where == "line 79"
    assert header.in_table
    assert header.cells == (
        "Key Actions Summary (with end date)",
        "Resources",
        "Lead Officer",
        "Key Partners",
        "Milestones",
        "Reporting Process",
        "",
        "",
    )
    assert doc.rows[0] == Row(("NORTH YORKSHIRE COUNTY COUNCIL",), "line 1", in_table=False)
    assert doc.rows[-1].where == f"line {len(doc.rows)}"


def test_it_keeps_empty_cells_so_that_columns_keep_their_positions():
    doc = read_bytes(b"\t\t\t\tFebruary 2013\tLSCB to be advised\t\n", "plan.txt")
    assert doc.rows[0].cells == ("", "", "", "", "February 2013", "LSCB to be advised", "")


def test_it_normalises_line_endings_and_non_breaking_spaces_but_keeps_tabs():
    data = "one\u00a0two\tthree\r\nfour\rfive\n".encode()
    doc = read_bytes(data, "plan.txt")
    assert [r.cells for r in doc.rows] == [("one two", "three"), ("four",), ("five",)]
    assert [r.where for r in doc.rows] == ["line 1", "line 2", "line 3"]
    assert [r.in_table for r in doc.rows] == [True, False, False]


def test_it_decodes_text_saved_from_word_on_windows_as_windows_1252():
    data = "Children’s social care – action plan\tJudith Hay\n".encode("cp1252")
    doc = read_bytes(data, "plan.txt")
    assert doc.rows[0].cells == ("Children’s social care – action plan", "Judith Hay")


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16"])
def test_it_decodes_unicode_text_with_or_without_a_byte_order_mark(encoding):
    data = "Children’s views\tJudith Hay\n".encode(encoding)
    assert read_bytes(data, "plan.txt").rows[0].cells == ("Children’s views", "Judith Hay")


def test_it_reads_text_whatever_the_file_is_called():
    assert read_bytes(b"Action\tLead\n", "plan").format == "text"
    assert read_bytes(b"Action\tLead\n", "plan.doc").format == "text"


# -- Word .docx --------------------------------------------------------------------------


def test_it_reads_a_word_document_in_body_order_with_merged_cells_kept_in_their_columns():
    doc = read_bytes(docx_bytes(plan_docx), "plan.docx")
    assert doc.format == "docx"
    assert [(r.where, r.cells, r.in_table) for r in doc.rows] == [
        ("paragraph 1", ("Post Inspection Action Plan",), False),
        ("table 1, row 1", ("Action", "Lead Officer", "Due", "RAG"), True),
        ("table 1, row 2", ("1. Issue guidance (lead: SMT)", "", "May 2013", "Green"), True),
        ("table 1, row 3", ("2. Audit", "Julie Firth", "June 2013", ""), True),
        ("paragraph 3", ("2.0 Ensure up to date chronologies",), False),
        ("table 2, row 1", ("Action", "Lead Officer"), True),
        ("table 2, row 2", ("1. Set standards", "Nick O'Brien"), True),
    ]


def test_it_repeats_a_cell_merged_down_over_rows_in_each_of_them():
    def build(document):
        table = document.add_table(rows=3, cols=2)
        table.cell(0, 0).text, table.cell(0, 1).text = "Action", "Lead Officer"
        table.cell(1, 0).text, table.cell(2, 0).text = "1. Draft", "2. Publish"
        table.cell(1, 1).merge(table.cell(2, 1)).text = "Judith Hay"

    rows = read_bytes(docx_bytes(build), "plan.docx").rows
    assert [r.cells for r in rows[1:]] == [("1. Draft", "Judith Hay"), ("2. Publish", "Judith Hay")]


def test_it_keeps_a_row_that_starts_columns_late_aligned_with_the_header():
    def build(document):
        table = document.add_table(rows=2, cols=3)
        for i, text in enumerate(["Action", "Lead Officer", "Due"]):
            table.cell(0, i).text = text
        table.cell(1, 1).text, table.cell(1, 2).text = "Julie Firth", "June 2013"
        tr = table.rows[1]._tr
        tr.remove(tr.tc_lst[0])  # Word writes <w:gridBefore> for a row with no first cell
        grid_before = OxmlElement("w:gridBefore")
        grid_before.set(qn("w:val"), "1")
        tr.get_or_add_trPr().append(grid_before)

    rows = read_bytes(docx_bytes(build), "plan.docx").rows
    assert rows[1].cells == ("", "Julie Firth", "June 2013")


def test_it_joins_a_cells_paragraphs_with_line_breaks_and_flattens_nested_tables():
    def build(document):
        table = document.add_table(rows=1, cols=2)
        cell = table.cell(0, 0)
        cell.text = "Standards should include:"
        cell.add_paragraph("(a) Core standards")
        nested = table.cell(0, 1).add_table(rows=2, cols=2)
        nested.cell(0, 0).text, nested.cell(0, 1).text = "Phase 1", "March 2013"
        nested.cell(1, 0).text = "Phase 2"

    (row,) = read_bytes(docx_bytes(build), "plan.docx").rows
    assert row.cells == (
        "Standards should include:\n(a) Core standards",
        "Phase 1 | March 2013\nPhase 2",
    )


def test_it_restores_word_automatic_list_numbers_and_marks_bullets():
    def build(document):
        document.add_paragraph("Review guidance", style="List Number")
        document.add_paragraph("Brief staff", style="List Number")
        document.add_paragraph("the quality of supervision", style="List Bullet")
        document.add_table(rows=1, cols=1).cell(0, 0).text = "Action"

    rows = read_bytes(docx_bytes(build), "plan.docx").rows
    assert [r.cells[0] for r in rows] == [
        "1. Review guidance",
        "2. Brief staff",
        "• the quality of supervision",
        "Action",
    ]


def test_it_reads_a_word_document_by_its_content_whatever_it_is_called():
    assert read_bytes(docx_bytes(plan_docx), "plan.txt").format == "docx"


# -- spreadsheets ------------------------------------------------------------------------


def test_it_reads_every_visible_worksheet_in_order_with_values_as_text():
    def build(workbook):
        plan = workbook.active
        plan.title = "Plan"
        plan.append(["Ref", "Action", "Due", "Done", "Cost", "Complete"])
        plan.append([1.0, "Audit case files", dt.datetime(2013, 5, 31), None, 2.5, 0.5])
        plan["F2"].number_format = "0%"
        plan.append([])
        plan.append([2, "Brief staff", dt.datetime(2013, 1, 7, 9, 30), dt.date(2013, 2, 1)])
        workbook.create_sheet("Hidden").append(["secret"])
        workbook["Hidden"].sheet_state = "hidden"
        workbook.create_sheet("Phase 2").append(["Action", "Lead"])

    doc = read_bytes(xlsx_bytes(build), "plan.xlsx")
    assert doc.format == "xlsx"
    assert [(r.where, r.cells) for r in doc.rows] == [
        ("sheet 'Plan', row 1", ("Ref", "Action", "Due", "Done", "Cost", "Complete")),
        ("sheet 'Plan', row 2", ("1", "Audit case files", "2013-05-31", "", "2.5", "50%")),
        ("sheet 'Plan', row 4", ("2", "Brief staff", "2013-01-07 09:30", "2013-02-01")),
        ("sheet 'Phase 2', row 1", ("Action", "Lead")),
    ]


def test_it_reads_a_macro_enabled_workbook_and_a_workbook_by_its_content():
    data = xlsx_bytes(lambda wb: wb.active.append(["Action", "Lead"]))
    assert read_bytes(data, "plan.xlsm").rows[0].cells == ("Action", "Lead")
    assert read_bytes(data, "plan.docx").format == "xlsx"


def test_it_refuses_a_workbook_whose_visible_sheets_are_empty():
    def build(workbook):
        workbook.create_sheet("Old").append(["Action"])
        workbook["Old"].sheet_state = "hidden"

    error = problem_with(xlsx_bytes(build), "plan.xlsx")
    assert "no data in its visible sheets (1 hidden sheet skipped)" in error.problem


@pytest.mark.parametrize("delimiter", [",", ";", "\t"])
def test_it_reads_a_csv_file_whatever_its_delimiter(delimiter):
    lines = [["Action", "Lead", "Due"], ["Audit, then report", "Julie Firth", "May 2013"]]
    data = "\r\n".join(delimiter.join(f'"{c}"' for c in line) for line in lines).encode()
    doc = read_bytes(data, "plan.csv")
    assert doc.format == "csv"
    assert [(r.where, r.cells) for r in doc.rows] == [
        ("row 1", ("Action", "Lead", "Due")),
        ("row 2", ("Audit, then report", "Julie Firth", "May 2013")),
    ]


def test_it_reads_csv_cells_with_line_breaks_and_windows_1252_text():
    data = 'Action,Lead\r\n\r\n"Children’s views –\r\nrecorded",JH\r\n'.encode("cp1252")
    doc = read_bytes(data, "plan.csv")
    assert [(r.where, r.cells) for r in doc.rows] == [
        ("row 1", ("Action", "Lead")),
        ("row 3", ("Children’s views –\nrecorded", "JH")),
    ]


def test_it_streams_a_large_csv_file_rather_than_holding_copies_of_it():
    action = "Audit of supervision and appraisal records to check compliance with the standards"
    line = (
        f'"{action}",Judith Hay,Existing,"Audit completed - May 2013","Report to SMT July 2013"\n'
    )
    data = (
        "Action,Lead,Resources,Milestones,Reporting\n" + line * (4_000_000 // len(line))
    ).encode()
    tracemalloc.start()
    try:
        doc = read_bytes(data, "big.csv")
        kept, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert len(doc.rows) == data.count(b"\n")
    assert peak - kept < len(data) / 4  # reading held no decoded copy of the file
    assert peak < 5 * len(data)  # the rows themselves included: a Row costs ~4x its line


# -- files that are not plans ------------------------------------------------------------


def test_it_says_when_a_file_does_not_exist(tmp_path):
    with pytest.raises(PlanReadError, match=r"^missing\.docx: the file does not exist$"):
        read_document(tmp_path / "missing.docx")


def test_it_says_when_it_is_given_a_folder(tmp_path):
    (tmp_path / "plans").mkdir()
    with pytest.raises(PlanReadError, match=r"^plans: is a folder, not a file$"):
        read_document(tmp_path / "plans")


def test_it_says_when_a_file_cannot_be_read(tmp_path, monkeypatch):
    path = tmp_path / "locked.txt"
    path.write_text("Action\tLead\n")

    def refuse(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(readers, "open", refuse, raising=False)
    with pytest.raises(PlanReadError, match=r"^locked\.txt: the file cannot be read"):
        read_document(path)


@pytest.mark.parametrize("data", [b"", b"  \r\n\t \n", "\ufeff \u00a0\n".encode()])
def test_it_says_when_a_file_is_empty(tmp_path, data):
    path = tmp_path / "plan.txt"
    path.write_bytes(data)
    with pytest.raises(PlanReadError, match=r"^plan\.txt: the file is empty$"):
        read_document(path)


def test_it_refuses_a_file_over_the_size_limit_without_reading_it(tmp_path, monkeypatch):
    path = tmp_path / "huge.docx"
    with open(path, "wb") as f:
        f.truncate(50 * 1024 * 1024)  # sparse: takes no disk
    monkeypatch.setattr(readers, "open", pytest.fail, raising=False)
    with pytest.raises(PlanReadError) as caught:
        read_document(path)
    assert str(caught.value) == (
        "huge.docx: the file is 50.0 MB; the largest plan accepted is 20 MB"
    )


def test_it_refuses_uploaded_bytes_over_the_size_limit():
    with pytest.raises(PlanReadError) as caught:
        read_bytes(b"x" * 2048, "plan.txt", max_bytes=1024)
    assert caught.value.problem == "the file is 2.0 KB; the largest plan accepted is 1 KB"


@pytest.mark.parametrize(
    ("data", "filename", "looks_like"),
    [
        (b"\x89PNG\r\n\x1a\n" + bytes(100), "plan.png", "looks like a PNG image, not a plan"),
        (b"\xff\xd8\xff\xe0" + bytes(100), "plan.docx", "looks like a JPEG image, not a plan"),
        (b"GIF89a" + bytes(100), "plan.txt", "looks like a GIF image, not a plan"),
        (b"%PDF-1.7\n" + bytes(100), "plan.pdf", "looks like a PDF file, not a plan"),
        (b"Action\x00\x01\x02\tLead\n", "plan.txt", "looks like a binary file, not a plan"),
        (bytes(range(1, 9)) * 50 + b"Action", "plan.txt", "looks like a binary file, not a plan"),
        (b"{\\rtf1\\ansi Action}", "plan.rtf", "is an RTF file; save it as .docx"),
        (b"<!DOCTYPE html><html>", "plan.xls", "is a web page (HTML)"),
    ],
)
def test_it_says_what_a_file_that_is_not_a_plan_looks_like(data, filename, looks_like):
    assert looks_like in problem_with(data, filename).problem


def test_it_says_a_zip_archive_that_is_not_an_office_file_is_not_a_plan():
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("notes.txt", "Action\tLead\n")
    data = out.getvalue()
    assert problem_with(data, "plans.zip").problem == "looks like a zip archive, not a plan"
    assert problem_with(data, "plan.docx").problem == "is not a valid .docx file"


def test_it_says_when_a_word_document_has_no_tables():
    from actionplan.importing.pipeline import parse_bytes

    data = docx_bytes(lambda d: d.add_paragraph("Minutes of the meeting"))
    with pytest.raises(PlanReadError) as caught:
        parse_bytes(data, "minutes.docx")
    assert caught.value.problem.startswith(
        "the document has no tables; a plan is read from its tables, or from paragraphs"
    )


@pytest.mark.parametrize(
    ("data", "filename", "problem"),
    [
        (docx_bytes(plan_docx)[:2000], "plan.docx", "is not a valid .docx file"),
        (b"PK\x03\x04" + bytes(200), "plan.xlsx", "is not a valid .xlsx file"),
        (b"Action\tLead\n", "plan.xlsx", "is not a valid .xlsx file"),
        (b"PK\x03\x04garbage", "plan.txt", "looks like a damaged zip archive, not a plan"),
    ],
)
def test_it_says_when_a_word_or_excel_file_is_damaged(data, filename, problem):
    assert problem_with(data, filename).problem == problem


def test_it_says_when_a_damaged_word_document_breaks_inside_the_package():
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document>not xml")
    assert problem_with(out.getvalue(), "plan.docx").problem == "is not a valid .docx file"


def ole2(*streams: str) -> bytes:
    return b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504) + "".join(streams).encode("utf-16-le")


@pytest.mark.parametrize(
    ("data", "filename", "problem"),
    [
        (ole2("Root Entry", "WordDocument"), "plan.doc", "is a Word 97-2003 .doc file"),
        (ole2("Root Entry", "Workbook"), "plan.xls", "is an Excel 97-2003 .xls file"),
        (ole2("Root Entry"), "plan.xls", "is an Excel 97-2003 .xls file"),
        (ole2("Root Entry", "WordDocument"), "plan.txt", "is a Word 97-2003 .doc file"),
        (ole2("Root Entry", "EncryptedPackage"), "plan.docx", "is password-protected"),
    ],
)
def test_it_asks_for_old_office_files_to_be_saved_in_the_current_format(data, filename, problem):
    assert problem_with(data, filename).problem.startswith(problem)


def test_it_names_an_uploaded_file_without_the_browsers_path():
    with pytest.raises(PlanReadError, match=r"^plan\.docx: "):
        read_bytes(b"", "C:\\Users\\jh\\Documents\\plan.docx")


# No deadline: the machine is shared, and how long a read takes is not what is checked here.
@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(
    st.one_of(
        st.binary(max_size=2000),
        st.text(max_size=500).map(str.encode),
        st.tuples(
            st.sampled_from([b"PK\x03\x04", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", b"\xff\xfe"]),
            st.binary(max_size=500),
        ).map(b"".join),
    )
)
def test_any_bytes_give_a_document_or_a_plan_read_error_and_nothing_else(data):
    try:
        assert read_bytes(data, "x.txt").rows
    except PlanReadError as error:
        assert error.file == "x.txt"


GOOD_DOCX = docx_bytes(plan_docx)


@settings(max_examples=100, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(st.integers(0, len(GOOD_DOCX) - 1), st.binary(min_size=1, max_size=8))
def test_a_damaged_word_document_gives_a_document_or_a_plan_read_error(at, junk):
    data = GOOD_DOCX[:at] + junk + GOOD_DOCX[at + len(junk) :]
    try:
        read_bytes(data, "plan.docx")
    except PlanReadError as error:
        assert error.file == "plan.docx"


def test_it_reads_a_path_given_as_a_string(tmp_path):
    path = tmp_path / "plan.txt"
    path.write_text("Action\tLead\n")
    assert read_document(os.fspath(path)).rows[0].cells == ("Action", "Lead")
