"""Exporting: the interchange document back out, and the one-row-per-action spreadsheets."""

import csv
import datetime as dt
import io

import openpyxl
import pytest

from actionplan import interchange as ix
from actionplan.plans.exporting import HEADERS, plan_to_document, write_csv, write_xlsx
from actionplan.plans.models import Action, ProgressRecord
from actionplan.plans.services import store_plan

pytestmark = pytest.mark.django_db

EXPECTED_HEADERS = [
    "Rec No",
    "Recommendation",
    "Timescale",
    "Ref",
    "Parent ref",
    "Key action",
    "Resources",
    "Lead officer",
    "Key partners",
    "Milestones",
    "Reporting process",
    "Progress",
    "Status",
    "RAG",
    "Progress date",
    "Objective",
    "Success criteria",
    "Steps",
    "Overall responsibility",
    "actionplan data (do not edit)",
]


def test_storing_then_exporting_gives_back_the_same_document(plan_doc):
    exported = plan_to_document(store_plan(plan_doc).plan)

    assert exported.model_dump(mode="json") == plan_doc.model_dump(mode="json")


def test_the_round_trip_holds_through_json(plan_doc):
    again = ix.PlanDocument.from_json(plan_doc.to_json())
    exported = plan_to_document(store_plan(again).plan)

    assert exported.to_json() == plan_doc.to_json()


def test_an_export_after_a_second_import_is_the_second_document(plan_doc):
    store_plan(plan_doc)
    rec = plan_doc.recommendations[0]
    rec.actions = [a for a in rec.actions if a.ref != "4a"]
    rec.actions[0].leads = []

    exported = plan_to_document(store_plan(plan_doc).plan)

    assert exported.model_dump(mode="json") == plan_doc.model_dump(mode="json")


def test_progress_entered_in_the_service_is_exported_with_the_action(plan_doc):
    plan = store_plan(plan_doc).plan
    ProgressRecord.objects.create(
        action=Action.objects.get(ref="4"), as_at=dt.date(2013, 5, 1), rag="red", text="Late"
    )

    four = plan_to_document(plan).recommendations[0].actions[1]

    assert [(p.rag, p.text) for p in four.progress] == [("red", "Late")]


def test_the_spreadsheet_headers_are_the_ones_councils_use():
    assert HEADERS == EXPECTED_HEADERS


def _csv_rows(doc) -> list[dict]:
    buffer = io.StringIO(newline="")
    write_csv(doc, buffer)
    return list(csv.DictReader(io.StringIO(buffer.getvalue(), newline="")))


def test_csv_has_one_row_per_action_with_the_latest_progress(plan_doc):
    rows = _csv_rows(plan_doc)

    assert len(rows) == 11 + 1  # 11 actions, and recommendation 11.0 which has none
    row = next(r for r in rows if r["Ref"] == "4a")
    assert row["Rec No"] == "1.0"
    assert row["Timescale"] == "Immediate"
    assert row["Parent ref"] == "4"
    assert row["Lead officer"] == "Judith Hay"
    assert row["Milestones"] == "Audit of supervision – May 2013"
    assert row["Reporting process"] == "Report to SMT July2012"
    assert (row["Progress"], row["RAG"], row["Progress date"]) == (
        "Audit done",
        "Green",
        "2013-03-31",
    )


def test_csv_joins_several_people_with_semicolons_and_reporting_lines_with_newlines(plan_doc):
    row = next(r for r in _csv_rows(plan_doc) if r["Rec No"] == "1.0" and r["Ref"] == "5")

    assert row["Key partners"] == "NYAS; Head of Safeguarding"
    assert row["Reporting process"].split("\n") == [
        "Report to CYPLT, Exec Members, LSCB – June 2013",
        "Bi-annual ViewPoint findings report",
    ]
    assert row["Progress"] == row["RAG"] == row["Progress date"] == ""


def test_xlsx_has_the_header_row_and_a_real_date_for_progress(plan_doc):
    buffer = io.BytesIO()
    write_xlsx(plan_doc, buffer)

    sheet = openpyxl.load_workbook(io.BytesIO(buffer.getvalue())).active
    rows = list(sheet.iter_rows(values_only=True))
    header = rows.index(tuple(EXPECTED_HEADERS))
    assert rows[0][0] == "Post Inspection Action Plan"
    assert len(rows) == header + 1 + 12
    row = dict(zip(EXPECTED_HEADERS, next(r for r in rows if r[3] == "4a"), strict=True))
    assert row["Progress date"] == dt.datetime(2013, 3, 31)
    assert row["RAG"] == "Green"


def test_xlsx_keeps_text_that_looks_like_a_formula_as_text(plan_doc):
    plan_doc.recommendations[0].actions[0].text = '=HYPERLINK("http://example.com")'
    buffer = io.BytesIO()
    write_xlsx(plan_doc, buffer)

    sheet = openpyxl.load_workbook(io.BytesIO(buffer.getvalue())).active
    header = next(r[0].row for r in sheet.iter_rows() if r[0].value == "Rec No")
    cell = sheet.cell(header + 1, 6)
    assert (cell.value, cell.data_type) == ('=HYPERLINK("http://example.com")', "s")
