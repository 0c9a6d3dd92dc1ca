"""Whatever it is given, the importer answers with a plan or with its own error."""

from __future__ import annotations

import openpyxl
import pytest
from docx import Document as WordDocument
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from actionplan.importing.errors import PlanReadError
from actionplan.importing.pipeline import parse_bytes, parse_file
from support.seed import SEED

needs_seed = pytest.mark.skipif(
    not SEED.exists(), reason="../shared/seeds is not beside the checkout"
)

HEADER = "Key Actions Summary (with end date)\tResources\tLead Officer\tKey Partners\tMilestones\tReporting Process"
WORDS = [
    "1.",
    "2 (a)",
    "(b)",
    "4a",
    "(A) Part:",
    "Phase 2;",
    "Overview:",
    "Overall responsibility",
    "As above",
    "As (4) above",
    "As for 2(a)",
    "as at * above",
    "*",
    "Existing",
    "Judith Hay",
    "JH",
    "Alan T",
    "Nick O'",
    "LSCB",
    "CYLPT",
    "Report to",
    "SMT",
    "Mid",
    "May",
    "2013",
    "2012/13",
    "Q1",
    "Summer and Autumn Term",
    "by end",
    "July2012",
    "-",
    "–",
    "/",
    ":",
    "(",
    ")",
    "LEAD BODY",
    "1.0 Ensure that",
    "Recommendation 3",
    "FOR SHORT TERM ACTION",
    "bi-annual",
    "",
    "\u00a0",
]


@given(st.binary(max_size=2000))
@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_arbitrary_bytes_give_a_plan_or_the_importers_error(data):
    try:
        parse_bytes(data, "plan.txt")
    except PlanReadError as error:
        assert str(error).startswith("plan.txt: ")


cells = st.lists(st.sampled_from(WORDS), max_size=6).map(" ".join)
rows = st.lists(cells, min_size=1, max_size=7).map("\t".join)


@given(st.lists(rows, max_size=40), st.integers(min_value=0, max_value=40))
@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_arbitrary_tables_give_a_plan_or_the_importers_error(lines, at):
    lines.insert(min(at, len(lines)), HEADER)
    try:
        parse_bytes("\n".join(lines).encode(), "plan.txt")
    except PlanReadError as error:
        assert str(error).startswith("plan.txt: ")


@needs_seed
def test_a_plan_saved_in_windows_1252_reads_as_the_same_plan(tmp_path):
    text = SEED.read_text(encoding="utf-8")
    path = tmp_path / "plan.txt"
    path.write_bytes(text.encode("cp1252", errors="replace"))
    utf8, cp1252 = parse_file(SEED), parse_file(path)
    assert [(r.number, len(r.actions)) for r in cp1252.recommendations] == [
        (r.number, len(r.actions)) for r in utf8.recommendations
    ]
    assert (
        cp1252.recommendations[0].actions[6].reporting[0].text
        == "Report to CYPLT/Exec Members/LSCB – June 2013"
    )


@needs_seed
def test_the_seed_as_a_word_document_reads_as_the_same_plan(tmp_path):
    """Word keeps the plan as paragraphs and tables; the .docx reader must see what the
    text export shows."""
    doc = WordDocument()
    table = None
    for line in SEED.read_text(encoding="utf-8").splitlines():
        if "\t" not in line:
            table = None
            doc.add_paragraph(line)
            continue
        cells = line.split("\t")
        if table is None or len(cells) > len(table.columns):
            table = doc.add_table(rows=0, cols=max(len(cells), 8))
        row = table.add_row().cells
        for cell, text in zip(row, cells, strict=False):
            cell.text = text
    path = tmp_path / "plan.docx"
    doc.save(path)
    from_word, from_text = parse_file(path), parse_file(SEED)
    assert [
        (r.number, r.title, r.timescale, [a.ref for a in r.actions])
        for r in from_word.recommendations
    ] == [
        (r.number, r.title, r.timescale, [a.ref for a in r.actions])
        for r in from_text.recommendations
    ]
    assert from_word.people == from_text.people
    assert from_word.bodies == from_text.bodies


def test_an_empty_file_is_refused(tmp_path):
    path = tmp_path / "empty.txt"
    path.write_text("")
    with pytest.raises(PlanReadError, match=r"^empty.txt: the file is empty"):
        parse_file(path)


def test_text_with_no_table_is_refused(tmp_path):
    path = tmp_path / "letter.txt"
    path.write_text("Dear colleague,\nPlease find the plan attached.\n")
    with pytest.raises(PlanReadError, match=r"^letter.txt: no table header found"):
        parse_file(path)


def test_a_spreadsheet_with_no_recognisable_header_is_refused(tmp_path):
    book = openpyxl.Workbook()
    book.active.append(["Name", "Age", "Postcode"])
    book.active.append(["A child", "7", "AB1 2CD"])
    path = tmp_path / "list.xlsx"
    book.save(path)
    with pytest.raises(PlanReadError, match=r"^list.xlsx: no table header found"):
        parse_file(path)


def test_a_header_with_no_actions_is_refused(tmp_path):
    path = tmp_path / "blank.csv"
    path.write_text("Action,Lead officer,Due date\n")
    with pytest.raises(
        PlanReadError, match=r"^blank.csv: the header row \(row 1\) has no actions under it"
    ):
        parse_file(path)


def test_an_interchange_file_that_is_not_one_is_refused(tmp_path):
    path = tmp_path / "plan.json"
    path.write_text('{"plan": {"title": 3}}')
    with pytest.raises(
        PlanReadError, match=r"^.*plan.json: not a plan-interchange file: plan.title"
    ):
        parse_file(path)
