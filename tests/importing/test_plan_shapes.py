"""Issue 12's shapes of plan: the recommendation level wherever it is, three levels, steps,
success criteria and indicators, status words, and leads as councils write them."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from docx import Document as WordDocument

from actionplan.importing import catalogue
from actionplan.importing.cells import split_steps
from actionplan.importing.numbering import read_label
from actionplan.importing.people import People
from actionplan.importing.pipeline import interpret, parse_bytes
from actionplan.importing.readers.rows import Document, Row


def rows_doc(rows, fmt="csv") -> Document:
    return Document(
        file="plan.csv",
        format=fmt,
        rows=[Row(tuple(r), where=f"row {n}") for n, r in enumerate(rows, start=1)],
    )


def word(build) -> bytes:
    doc = WordDocument()
    build(doc)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def table(doc, header, rows):
    t = doc.add_table(rows=1, cols=len(header))
    for cell, text in zip(t.rows[0].cells, header, strict=True):
        cell.text = text
    for row in rows:
        cells = t.add_row().cells
        for cell, text in zip(cells, row, strict=True):
            cell.text = text


HEADER = ["What we will do", "Lead", "By when", "How will we know (impact)"]


def test_headings_before_each_table_are_the_recommendations_and_themes_group_them():
    def build(doc):
        doc.add_paragraph("Anytown ILACS action plan")
        doc.add_paragraph("Theme 1: Oversight")
        doc.add_paragraph("Recommendation 3: Improve supervision")
        table(doc, HEADER, [["Refresh policy", "Head of Service", "Q3 23/24", "Audits good"]])
        doc.add_paragraph("R4 Strengthen the voice of children in plans")
        table(doc, HEADER, [["Relaunch standards", "Participation Lead", "March 2024", ""]])
        doc.add_paragraph("b. Sufficiency of foster homes for children")
        table(doc, HEADER, [["Recruit carers", "Head of Fostering", "Ongoing", ""]])

    doc = parse_bytes(word(build), "plan.docx")
    assert [(r.number, r.title) for r in doc.recommendations] == [
        ("3", "Improve supervision"),
        ("R4", "Strengthen the voice of children in plans"),
        ("b", "Sufficiency of foster homes for children"),
    ]
    first = doc.recommendations[0]
    assert first.overview == ["Theme 1: Oversight"]  # a grouping, kept, not a recommendation
    assert first.actions[0].due == dt.date(2023, 12, 31)  # Q3 of 2023/24
    assert first.actions[0].success_criteria == "Audits good"
    ongoing = doc.recommendations[2].actions[0]
    assert (ongoing.status_text, ongoing.milestones, ongoing.due) == ("Ongoing", [], None)


def test_spanning_rows_give_three_levels_and_an_objectives_impact_is_its_success():
    rows = [
        ("Ref", "Action", "Lead", "Target date", "Progress"),
        ("Corporate Aim 1: Sound finances",),
        ("Key Objective 1(a): Balance the budget", "", "", "Impact: a balanced budget"),
        ("1(a)(i)", "Set the budget", "Chief Executive", "end of 2016/17", "On track"),
        ("Key Objective 1(b): Review fees",),
        ("1(b)(i)", "Review parking fees", "Director of Finance", "Q4 2016/17", ""),
    ]
    (rec,) = interpret(rows_doc(rows)).recommendations
    assert (rec.number, rec.title) == ("1", "Sound finances")
    assert [(o.number, o.title) for o in rec.objectives] == [
        ("1(a)", "Balance the budget"),
        ("1(b)", "Review fees"),
    ]
    assert [(a.ref, a.objective) for a in rec.actions] == [("1(a)(i)", "1(a)"), ("1(b)(i)", "1(b)")]
    assert rec.actions[0].success_criteria == "a balanced budget"
    assert rec.actions[0].due == dt.date(2017, 3, 31)


def test_a_tracker_whose_action_column_is_headed_recommendation_is_read():
    rows = [
        ("No.", "Recommendation", "Responsibility", "Date", "Progress"),
        (
            "1.",
            "HMIC recommends that the force should: review its training",
            "Chief Constable",
            "May 2019",
            "",
        ),
        (
            "2.",
            "HMIC recommends that the force should: publish its plan",
            "Chief Constable",
            "TBC",
            "",
        ),
    ]
    doc = interpret(rows_doc(rows))
    assert [(r.number, r.title) for r in doc.recommendations] == [
        ("1", "review its training"),
        ("2", "publish its plan"),
    ]
    first = doc.recommendations[0]
    assert first.overview == ["HMIC recommends that the force should:"]
    assert (first.actions[0].ref, first.actions[0].text) == ("1", "review its training")
    assert doc.recommendations[1].actions[0].status_text == "TBC"


def test_numbering_that_restarts_in_each_section_carries_the_section():
    rows = [
        (
            "No.",
            "Requirement / Recommendation",
            "Action to be taken",
            "Responsible person",
            "Timescale",
        ),
        ("Waverley Care Home – inspection May 2016",),
        (
            "Requirement 1",
            "Plans must be reviewed",
            "Review all plans",
            "Registered Manager",
            "June 2016",
        ),
        ("Saltgreens Care Home – inspection June 2016",),
        (
            "Requirement 1",
            "Medicines must be recorded",
            "Audit records",
            "Registered Manager",
            "July 2016",
        ),
    ]
    doc = interpret(rows_doc(rows))
    assert [r.number for r in doc.recommendations] == [
        "Waverley Care Home: Requirement 1",
        "Saltgreens Care Home: Requirement 1",
    ]


def test_a_bulleted_action_cell_keeps_its_steps_and_its_lines():
    text, steps = split_steps("Relaunch the standards:\n• Train managers\n• Audit plans\n  monthly")
    assert steps == ["Train managers", "Audit plans monthly"]
    assert text == "Relaunch the standards:\nTrain managers\nAudit plans\n  monthly"
    assert split_steps("One sentence, no list") == ("One sentence, no list", [])


def test_word_bullets_become_steps():
    def build(doc):
        doc.add_paragraph("Recommendation 1: Improve advocacy")
        t = doc.add_table(rows=2, cols=3)
        for cell, text in zip(
            t.rows[0].cells, ["Action required", "Lead officer", "Timescale"], strict=True
        ):
            cell.text = text
        cell = t.rows[1].cells[0]
        cell.paragraphs[0].text = "Re-commission the service"
        cell.paragraphs[0].style = "List Bullet"
        cell.add_paragraph("Report take-up quarterly", style="List Bullet")
        t.rows[1].cells[1].text = "Head of Service"
        t.rows[1].cells[2].text = "April 2017"

    action = parse_bytes(word(build), "plan.docx").recommendations[0].actions[0]
    assert action.steps == ["Re-commission the service", "Report take-up quarterly"]


def test_success_measures_kpis_and_committee_dates_take_their_own_fields():
    rows = [
        ("Action", "Lead", "Due", "Outcome", "KPI", "Committee date"),
        (
            "Audit plans",
            "Head of Service",
            "March 2024",
            "Plans are good",
            "% plans good\nAudits done",
            "12 February 2024",
        ),
    ]
    action = interpret(rows_doc(rows)).recommendations[0].actions[0]
    assert action.success_criteria == "Plans are good"
    assert action.indicators == ["% plans good", "Audits done"]
    assert action.due == dt.date(2024, 3, 31)  # the due column's, not the committee's
    assert [(r.text, r.due) for r in action.reporting] == [
        ("12 February 2024", dt.date(2024, 2, 12))
    ]
    assert action.milestones[0].due == dt.date(2024, 3, 31)


def test_the_front_matter_gives_the_title_and_the_strategic_lead():
    rows = [
        ("Anytown Borough Council",),
        ("Children's Improvement Plan",),
        ("Strategic lead: Director of Children's Services",),
        ("Action", "Lead", "Due"),
        ("Audit plans", "Head of Service", "March 2024"),
    ]
    plan = interpret(rows_doc(rows)).plan
    assert plan.title == "Children's Improvement Plan"
    assert plan.strategic_lead == "Director of Children's Services"
    assert plan.front_matter[:2] == ["Anytown Borough Council", "Children's Improvement Plan"]


def test_a_document_of_labelled_paragraphs_is_a_tracker():
    def build(doc):
        doc.add_paragraph("Our response")
        for text in ("The Service should manage risk", "The Service should use data"):
            doc.add_paragraph(text)
            doc.add_paragraph("Action Taken")
            doc.add_paragraph("A risk board meets monthly")
            doc.add_paragraph("Status: In Progress")

    doc = parse_bytes(word(build), "response.docx")
    assert [(r.number, r.title) for r in doc.recommendations] == [
        ("1", "The Service should manage risk"),
        ("2", "The Service should use data"),
    ]
    action = doc.recommendations[1].actions[0]
    assert (action.text, action.progress[0].status) == ("A risk board meets monthly", "on_track")


@pytest.fixture(scope="module")
def people():
    return People(catalogue.load())


@pytest.mark.parametrize(
    ("cell", "parties"),
    [
        ("Head of Quality and Performance", [("Head of Quality and Performance", "role", "")]),
        ("Director, Children and Families", [("Director, Children and Families", "role", "")]),
        ("Head of Education Planning", [("Head of Education Planning", "role", "")]),
        ("Data and Performance Manager", [("Data and Performance Manager", "role", "")]),
        (
            "Financial Assessment & Benefits Manager",
            [("Financial Assessment & Benefits Manager", "role", "")],
        ),
        ("Strategic Director – People (HBC)", [("Strategic Director – People", "role", "HBC")]),
        ("Karen Pryce (HBC)", [("Karen Pryce", "person", "HBC")]),
        ("N/A", []),
        (
            "Pan-Berkshire Training Sub-Group and Early Intervention Sub Group of Children's Partnership",
            [
                ("Pan-Berkshire Training Sub-Group", "group", ""),
                ("Early Intervention Sub Group of Children's Partnership", "group", ""),
            ],
        ),
        ("Operations Managers", [("Operations Managers", "role", "")]),
        ("DCS Managers", [("DCS Managers", "group", "")]),
        ("Head of Safeguarding and Review", [("Head of Safeguarding and Review", "role", "")]),
        (
            "HR and Organisational Development Manager",
            [("HR and Organisational Development Manager", "role", "")],
        ),
        (
            "Commander, Operations and Security",
            [("Commander, Operations and Security", "role", "")],
        ),
        ("Designated Clinical Officer (DCO)", [("Designated Clinical Officer", "role", "")]),
        (
            "Performance, Quality and Audit Sub-Group",
            [("Performance, Quality and Audit Sub-Group", "group", "")],
        ),
        (
            "Director of Children's Services and BCCG Chief Nurse",
            [("Director of Children's Services", "role", ""), ("BCCG Chief Nurse", "role", "")],
        ),
        (
            "SNAP Parent and Carer Forum and Head of SEND Service",
            [("SNAP Parent and Carer Forum", "group", ""), ("Head of SEND Service", "role", "")],
        ),
    ],
)
def test_leads_as_councils_write_them(people, cell, parties):
    parsed = people.parse(cell)
    assert [(p.name, p.kind.value, p.organisation) for p in parsed.parties] == parties


def test_a_joint_lead_in_brackets_is_a_second_lead(people):
    parsed = people.parse("Service Director, Early Help (with Wye Valley NHS Trust)")
    assert [(p.name, p.kind.value) for p in parsed.parties] == [
        ("Service Director, Early Help", "role"),
        ("Wye Valley NHS Trust", "organisation"),
    ]


def test_a_rank_before_a_name_is_how_it_was_written(people):
    (party,) = people.parse("DI Sarah Penrose (Cheshire Constabulary)").parties
    assert (party.name, party.text, party.organisation) == (
        "Sarah Penrose",
        "DI Sarah Penrose",
        "Cheshire Constabulary",
    )


def test_a_list_letter_is_the_actions_own_number():
    label = read_label("a) School Self Evaluation (SSE) Ensure governors take part")
    assert (label.number, label.suffix, label.text) == (
        "a",
        "(a)",
        "School Self Evaluation (SSE) Ensure governors take part",
    )
    assert read_label("a) the plan").number is None  # a letter before lower case is not a label
