"""Plans laid out as councils really lay them out, as .docx and as .xlsx written here."""

from __future__ import annotations

import datetime as dt

import openpyxl
import pytest
from docx import Document as WordDocument

from actionplan.importing.pipeline import parse_file

TITLE = "Anytown Borough Council: Ofsted ILACS post-inspection action plan 2024"


def write_docx(path, header, rows):
    doc = WordDocument()
    doc.add_paragraph(TITLE)
    table = doc.add_table(rows=1, cols=len(header))
    for cell, text in zip(table.rows[0].cells, header, strict=True):
        cell.text = text
    for row in rows:
        cells = table.add_row().cells
        if isinstance(row, str):  # a heading row across the table
            merged = cells[0].merge(cells[-1])
            merged.text = row
            continue
        for cell, text in zip(cells, row, strict=True):
            cell.text = text
    doc.save(path)


def write_xlsx(path, header, rows):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Action plan"
    sheet.append([TITLE])
    sheet.append([])
    sheet.append(header)
    for row in rows:
        sheet.append([row] if isinstance(row, str) else list(row))
    book.save(path)


@pytest.fixture(params=["docx", "xlsx"])
def write(request, tmp_path):
    def _write(header, rows):
        path = tmp_path / f"plan.{request.param}"
        (write_docx if request.param == "docx" else write_xlsx)(path, header, rows)
        return parse_file(path)

    return _write


def rec(doc, number):
    return next(r for r in doc.recommendations if r.number == number)


def test_action_activity_owner_layout(write):
    doc = write(
        ["Action", "Activity", "Owner", "Due Date (mm/yy)", "Progress & Review"],
        [
            "Recommendation 1: Improve the timeliness of initial child protection conferences",
            [
                "1.1",
                "Weekly tracking of strategy discussions to ICPC",
                "Jane Smith, Head of Service",
                "03/24",
                "12/02/2024: tracker in place; 11 of 14 ICPCs in timescale",
            ],
            ["1.2", "Add conference chairs to the rota", "Ravi Patel", "06/24", ""],
            "Recommendation 2: Strengthen management oversight",
            ["2.1", "Refresh the supervision policy", "Jane Smith", "09/24", "Not started"],
        ],
    )
    assert [(r.number, r.title) for r in doc.recommendations] == [
        ("1", "Improve the timeliness of initial child protection conferences"),
        ("2", "Strengthen management oversight"),
    ]
    a11, a12 = rec(doc, "1").actions
    assert (a11.ref, a11.text) == ("1.1", "Weekly tracking of strategy discussions to ICPC")
    assert [(p.name, p.kind) for p in a11.leads] == [("Jane Smith", "person")]
    assert a11.milestones[0].due == dt.date(2024, 3, 31)
    assert a12.milestones[0].due == dt.date(2024, 6, 30)
    assert a11.progress[0].as_at == dt.date(2024, 2, 12)
    assert "11 of 14 ICPCs" in a11.progress[0].text
    assert not a12.progress
    assert rec(doc, "2").actions[0].progress[0].status == "not_started"
    jane = next(p for p in doc.people if p.name == "Jane Smith")
    assert jane.role == "Head of Service"


def test_ofsted_area_for_improvement_layout(write):
    doc = write(
        [
            "No.",
            "Ofsted Para No",
            "Ofsted Area for Improvement",
            "Lead",
            "Action",
            "By When",
            "Progress",
            "R/A/G",
            "Monitoring and Evaluation",
        ],
        [
            [
                "1",
                "12",
                "The quality and impact of supervision",
                "Principal Social Worker",
                "Refresh the supervision policy",
                "31/03/2024",
                "Policy drafted",
                "A",
                "Quarterly audit report to DMT",
            ],
            [
                "2",
                "",
                "",
                "Head of Safeguarding",
                "Train all team managers",
                "June 2024",
                "",
                "R",
                "Training records to the Improvement Board monthly",
            ],
            [
                "3",
                "15",
                "Management oversight of children in need",
                "Jane Smith",
                "Monthly CIN plan audits",
                "Sept 2024",
                "Complete",
                "G",
                "",
            ],
        ],
    )
    assert [(r.number, r.title) for r in doc.recommendations] == [
        ("1", "The quality and impact of supervision"),
        ("2", "Management oversight of children in need"),
    ]
    first, second = rec(doc, "1").actions
    assert (first.ref, second.ref) == ("1", "2")
    assert [(p.name, p.kind) for p in first.leads] == [("Principal Social Worker", "role")]
    assert first.milestones[0].due == dt.date(2024, 3, 31)
    assert second.milestones[0].due == dt.date(2024, 6, 30)
    assert [p.rag for p in first.progress] == ["amber"]
    assert [p.rag for p in second.progress] == ["red"]
    assert [(r.body, r.frequency) for r in first.reporting] == [("DMT", "quarterly")]
    assert [(r.body, r.frequency) for r in second.reporting] == [("Improvement Board", "monthly")]
    third = rec(doc, "2").actions[0]
    assert (third.ref, third.progress[0].rag, third.progress[0].status) == (
        "3",
        "green",
        "complete",
    )
    assert "Inspection report paragraph 12" in rec(doc, "1").overview


def test_area_requiring_improvement_layout(write):
    doc = write(
        [
            "Ref No",
            "Area requiring improvement",
            "Action Required",
            "Planned Completion Date",
            "Lead Officer / Agency",
            "Progress against agreed action and impact monitoring",
        ],
        [
            [
                "1.1",
                "Timeliness of assessments",
                "Weekly performance clinics for team managers",
                "30/06/2024",
                "Team Manager, Assessment Team",
                "Clinics running since January; timeliness up from 62% to 78%",
            ],
            ["1.2", "", "Recruit two permanent social workers", "31/12/2024", "Head of HR", ""],
            [
                "2.1",
                "Return home interviews",
                "Commission an independent provider",
                "31/10/2024",
                "Police",
                "",
            ],
        ],
    )
    assert [(r.number, r.title) for r in doc.recommendations] == [
        ("1", "Timeliness of assessments"),
        ("2", "Return home interviews"),
    ]
    a11, a12 = rec(doc, "1").actions
    assert (a11.ref, a12.ref) == ("1.1", "1.2")
    assert a11.milestones[0].due == dt.date(2024, 6, 30)
    assert a11.milestones[0].precision == "day"
    assert "62% to 78%" in a11.progress[0].text
    assert [(p.name, p.kind) for p in rec(doc, "2").actions[0].leads] == [
        ("Police", "organisation")
    ]
    assert [p.kind for p in a11.leads] == ["role"]


def test_what_who_how_when_layout(write):
    doc = write(
        ["NOS", "What?", "Who?", "How?", "When?", "Success measures", "Current Status", "Outcome"],
        [
            "Priority 1: Children in need have outcome-focused plans",
            [
                "1",
                "Introduce an outcome-focused CIN plan template",
                "Head of Service, Children in Need",
                "Existing resources; case system change request",
                "April 2024",
                "90% of CIN plans rated good in audit",
                "Green",
                "Template live; audit shows 72% good",
            ],
            [
                "2",
                "Review every CIN plan within timescale",
                "Sarah Jones",
                "Weekly tracker",
                "Q2 2024/25",
                "100% reviewed in timescale",
                "Amber",
                "",
            ],
            "Priority 2: Children are seen alone",
            [
                "1",
                "Record whether the child was seen alone at every visit",
                "Sarah Jones",
                "Practice guidance",
                "Spring term 2024",
                "95% of visits record it",
                "Red",
                "",
            ],
        ],
    )
    assert [(r.number, r.title) for r in doc.recommendations] == [
        ("1", "Children in need have outcome-focused plans"),
        ("2", "Children are seen alone"),
    ]
    first, second = rec(doc, "1").actions
    assert first.text == "Introduce an outcome-focused CIN plan template"
    assert first.resources == "Existing resources; case system change request"
    assert first.milestones[0].due == dt.date(2024, 4, 30)
    assert second.milestones[0].due == dt.date(2024, 9, 30)
    assert [p.rag for p in first.progress] == ["green"]
    # "Outcome" is how the plan will know it worked: success criteria, not progress.
    assert first.success_criteria == "Template live; audit shows 72% good"
    assert first.indicators == ["90% of CIN plans rated good in audit"]
    assert [p.rag for p in second.progress] == ["amber"]
    assert rec(doc, "2").actions[0].progress[0].rag == "red"
    assert [p.name for p in second.leads] == ["Sarah Jones"]


@pytest.mark.parametrize(
    ("words", "status"),
    [
        ("Completed - awaiting sign-off", "completed_awaiting_sign_off"),
        ("Closed - not completed", "closed_not_completed"),
        ("Complete", "complete"),
        ("On track", "on_track"),
        ("At risk", "at_risk"),
        ("Off track", "off_track"),
        ("Not started", "not_started"),
    ],
)
def test_status_words_map_to_actionplans_statuses(words, status):
    from actionplan.importing.progress import status_of

    assert status_of(words) == status
