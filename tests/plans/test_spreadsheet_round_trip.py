"""The spreadsheet actionplan writes is one actionplan reads back without loss."""

from __future__ import annotations

import csv
import datetime as dt

import pytest

from actionplan import interchange as ix
from actionplan.importing.pipeline import parse_file
from actionplan.plans.exporting import plan_to_document, write_csv, write_xlsx
from actionplan.plans.models import Action, ProgressRecord
from actionplan.plans.services import store_plan
from support.seed import SEED


def essentials(doc):
    """What a council lays out in its spreadsheet, action by action."""
    return [
        (
            rec.number,
            rec.title,
            rec.timescale,
            [
                (
                    a.ref,
                    a.parent_ref,
                    a.text,
                    a.resources,
                    [(p.name, p.kind) for p in a.leads],
                    [p.name for p in a.partners],
                    [(m.text, m.due) for m in a.milestones],
                    [(r.body, r.due, r.frequency) for r in a.reporting],
                    [(p.as_at, p.status, p.rag, p.text) for p in a.progress[-1:]],
                )
                for a in rec.actions
            ],
        )
        for rec in doc.recommendations
    ]


@pytest.fixture
def stored_seed(db):
    plan = store_plan(parse_file(SEED)).plan
    action = Action.objects.get(recommendation__number="1", ref="4a")
    ProgressRecord.objects.create(
        action=action,
        as_at=dt.date(2013, 3, 15),
        status="at_risk",
        rag="amber",
        text="Audit slipped to June",
    )
    return plan


def test_the_xlsx_export_reads_back_as_the_same_plan(stored_seed, tmp_path):
    exported = plan_to_document(stored_seed)
    path = tmp_path / "plan.xlsx"
    with path.open("wb") as f:
        write_xlsx(exported, f)

    again = parse_file(path)

    for read, written in zip(essentials(again), essentials(exported), strict=True):
        assert read[:3] == written[:3]
        for read_action, written_action in zip(read[3], written[3], strict=True):
            assert read_action == written_action
    assert again.plan.title == exported.plan.title
    assert again.plan.organisation == exported.plan.organisation
    assert again.plan.lead_body == exported.plan.lead_body
    assert again.plan.period == exported.plan.period
    assert [(t.key, t.label, t.due) for t in again.plan.timescales] == [
        (t.key, t.label, t.due) for t in exported.plan.timescales
    ]


def test_the_csv_export_keeps_every_action_and_its_latest_progress(stored_seed, tmp_path):
    exported = plan_to_document(stored_seed)
    path = tmp_path / "plan.csv"
    with path.open("w", newline="", encoding="utf-8") as f:
        write_csv(exported, f)

    again = parse_file(path)

    assert [(r.number, r.title, [a.ref for a in r.actions]) for r in again.recommendations] == [
        (r.number, r.title, [a.ref for a in r.actions]) for r in exported.recommendations
    ]
    a4a = next(a for a in again.recommendations[0].actions if a.ref == "4a")
    assert [(p.as_at, p.status, p.rag) for p in a4a.progress] == [
        (dt.date(2013, 3, 15), "at_risk", "amber")
    ]


# Issue 12, point 10: every export format re-imports over its plan with nothing lost.


@pytest.fixture
def rich_plan(db):
    """The seed with what the seed does not have: objectives, steps, success criteria, a
    covering report, an organisation-kind partner."""
    doc = parse_file(SEED)
    rec = doc.recommendations[0]
    rec.objectives = [
        ix.Objective(number="1.1", title="Audit the front door"),
        ix.Objective(number="1.2", title="Train the managers"),
    ]
    rec.actions[0].objective = "1.1"
    rec.actions[0].success_criteria = "Audits graded good\nin two quarters running"
    rec.actions[0].steps = [
        "Agree the audit tool",
        "Audit monthly",
        "=SUM(A1) looks like a formula",
    ]
    rec.actions[1].objective = "1.2"
    rec.actions[1].partners.append(ix.Party(name="North Yorkshire Police", kind="organisation"))
    doc.plan.cover = ix.Cover(title="Covering report", committee="Executive", author="A. Smith")
    doc.plan.strategic_lead = "Director of Children's Services"
    doc.plan.objectives = ["Keep children safe"]
    plan = store_plan(doc).plan
    action = Action.objects.get(recommendation__number="1", ref="4a")
    for as_at, rag in ((dt.date(2013, 2, 1), "red"), (dt.date(2013, 3, 15), "amber")):
        ProgressRecord.objects.create(
            action=action, as_at=as_at, status="at_risk", rag=rag, text=f"{rag} update"
        )
    return plan


def _json(plan) -> dict:
    return plan_to_document(plan).model_dump(mode="json", exclude={"source"})


def _export(doc, fmt: str, tmp_path):
    path = tmp_path / f"plan.{fmt}"
    if fmt == "json":
        path.write_text(doc.to_json(), encoding="utf-8")
    elif fmt == "xlsx":
        with path.open("wb") as f:
            write_xlsx(doc, f)
    else:
        with path.open("w", newline="", encoding="utf-8") as f:
            write_csv(doc, f)
    return path


@pytest.mark.parametrize("fmt", ["json", "xlsx", "csv"])
def test_an_export_imported_over_its_plan_changes_nothing(rich_plan, fmt, tmp_path):
    before = _json(rich_plan)
    rec = before["recommendations"][0]
    assert rec["overall_responsibility"] and rec["objectives"]
    assert rec["actions"][0]["steps"] and rec["actions"][0]["success_criteria"]
    path = _export(plan_to_document(rich_plan), fmt, tmp_path)

    again = parse_file(path)  # no organisation given: the file carries it
    assert again.plan.organisation == "North Yorkshire County Council"
    result = store_plan(again, into=rich_plan)

    after = _json(rich_plan)
    for name in ("plan", "people", "bodies", "warnings"):
        assert after[name] == before[name], name
    for got, wanted in zip(after["recommendations"], before["recommendations"], strict=True):
        for field in wanted:
            if field != "actions":
                assert got[field] == wanted[field], (wanted["number"], field)
        for a, b in zip(got["actions"], wanted["actions"], strict=True):
            for field in b:
                assert a[field] == b[field], (wanted["number"], b["ref"], field)
    assert after == before
    assert result.progress_added == 0


def test_edits_made_in_the_spreadsheet_are_read_over_what_it_carries(rich_plan, tmp_path):
    import openpyxl

    path = _export(plan_to_document(rich_plan), "xlsx", tmp_path)
    wb = openpyxl.load_workbook(path)
    ws = wb.active
    header = next(r for r in ws.iter_rows() if r[0].value == "Rec No")
    col = {c.value: c.column for c in header}
    row = next(r[0].row for r in ws.iter_rows() if r[col["Ref"] - 1].value == "4a")
    ws.cell(row, col["Success criteria"], "Every audit good")
    ws.cell(row, col["Steps"], "One step\nTwo steps")
    ws.cell(row, col["Progress"], "Audits restarted")
    ws.cell(row, col["RAG"], "Green")
    ws.cell(row, col["Progress date"], dt.date(2013, 4, 30))
    first = next(r[0].row for r in ws.iter_rows() if r[0].value == "2")
    ws.cell(first, col["Recommendation"], "A better title")
    ws.cell(first, col["Timescale"], "Medium term")
    ws.cell(first + 1, col["Recommendation"], "Only its first row names it")
    wb.save(path)

    again = parse_file(path)

    a4a = next(a for a in again.recommendations[0].actions if a.ref == "4a")
    assert a4a.success_criteria == "Every audit good"
    assert a4a.steps == ["One step", "Two steps"]
    stored = next(
        a for a in plan_to_document(rich_plan).recommendations[0].actions if a.ref == "4a"
    )
    assert (a4a.leads, a4a.milestones, a4a.objective) == (
        stored.leads,
        stored.milestones,
        stored.objective,
    )
    latest = a4a.progress[-1]
    assert (latest.as_at, latest.rag, latest.text) == (
        dt.date(2013, 4, 30),
        "green",
        "Audits restarted",
    )
    assert len(a4a.progress) == 3  # the two stored records are kept, under the new one
    second = again.recommendations[1]
    assert (second.number, second.title, second.timescale) == ("2", "A better title", "medium")


def test_a_row_added_to_the_csv_is_read_from_its_cells_with_a_warning(rich_plan, tmp_path):
    path = _export(plan_to_document(rich_plan), "csv", tmp_path)
    with path.open("a", newline="", encoding="utf-8") as f:
        f.write('"1","","","9z","","Visit every team","","Jo New; Head of Service",,,,,,,,,,,\n')

    again = parse_file(path)

    added = again.recommendations[0].actions[-1]
    assert (added.ref, added.text) == ("9z", "Visit every team")
    assert [(p.name, p.kind) for p in added.leads] == [
        ("Jo New", "person"),
        ("Head of Service", "role"),  # the plan knows it as a role
    ]
    messages = [w.message for w in again.warnings]
    assert "an action added in the spreadsheet" in messages
    with path.open(newline="", encoding="utf-8") as f:
        records = len(list(csv.reader(f)))
    added_at = next(w.where for w in again.warnings if w.message.startswith("an action added"))
    assert added_at == f"row {records}"  # the CSV's last record
    assert "'Jo New' is taken to be a person: correct it if not" in messages


def test_a_packed_cell_is_read_only_when_it_unpacks_within_bounds():
    from actionplan.interchange import sheet

    assert sheet.unpack(sheet.pack({"x": 1})) == {"x": 1}
    assert sheet.unpack(sheet.pack({"x": "a" * (sheet.MAX_UNPACKED + 10)})) is None
    assert sheet.unpack("AP1:not base64!") is None
    assert sheet.unpack("a council's own text") is None
