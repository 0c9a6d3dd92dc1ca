"""RAG given only by colour: readers carry each cell's fill, and a colour reads as a rating."""

from __future__ import annotations

import io

import openpyxl
import pytest
from docx import Document as WordDocument
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from openpyxl.styles import PatternFill
from openpyxl.styles.colors import Color

from actionplan.importing.colours import read_colour
from actionplan.importing.pipeline import parse_bytes
from actionplan.importing.readers import read_bytes
from actionplan.importing.readers.colour import tinted

HEADER = ["Ref", "Action", "Lead", "Due date", "RAG"]
ROWS = [
    ["1.1", "Refresh the supervision policy", "Head of Service", "March 2024"],
    ["1.2", "Train all team managers", "Principal Social Worker", "June 2024"],
    ["1.3", "Audit supervision records", "Head of Service", "July 2024"],
]


@pytest.mark.parametrize(
    ("rgb", "rag"),
    [
        ("FF0000", "red"),
        ("FFC000", "amber"),
        ("00B050", "green"),
        ("0070C0", "blue"),
        ("D99694", "red"),  # Office red at 40% lighter
        ("FAC090", "amber"),  # Office orange at 40% lighter
        ("C3D69B", "green"),
        ("B8CCE4", "blue"),
        ("FFC7CE", "red"),  # Excel's "Bad" style
        ("FFEB9C", "amber"),  # "Neutral"
        ("C6EFCE", "green"),  # "Good"
    ],
)
def test_a_colour_reads_as_the_rating_nearest_in_hue(rgb, rag):
    assert read_colour(rgb).rag == rag


@pytest.mark.parametrize("rgb", ["FFFFFF", "D9D9D9", "BFBFBF", "DDEBF7"])
def test_greys_white_and_pale_banding_say_nothing(rgb):
    reading = read_colour(rgb)
    assert (reading.rag, reading.meaningful) == (None, False)


def test_a_strong_colour_far_from_every_rating_is_no_rating_but_meaningful():
    reading = read_colour("7030A0")  # purple
    assert (reading.rag, reading.meaningful) == (None, True)


def test_a_tint_lightens_and_a_negative_tint_darkens_in_lightness():
    assert tinted("C0504D", 0.4) == "D99694"  # what Excel shows for accent 2 at 40% lighter
    assert tinted("FFFFFF", -0.25) == "BFBFBF"


def _shade(cell, **attributes):
    shd = OxmlElement("w:shd")
    shd.set(qn("w:val"), "clear")
    for name, value in attributes.items():
        shd.set(qn(f"w:{name}"), value)
    cell._tc.get_or_add_tcPr().append(shd)


def _word_plan(shades) -> bytes:
    doc = WordDocument()
    doc.add_paragraph("Anytown Council: Ofsted action plan 2024")
    doc.add_paragraph("Recommendation 1: Strengthen management oversight")
    table = doc.add_table(rows=1, cols=len(HEADER))
    for cell, text in zip(table.rows[0].cells, HEADER, strict=True):
        cell.text = text
    for row, shade in zip(ROWS, shades, strict=True):
        cells = table.add_row().cells
        for cell, text in zip(cells, row, strict=False):
            cell.text = text
        _shade(cells[-1], **shade)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def test_word_shading_is_read_from_its_fill_or_its_theme_colour_with_tint_or_shade():
    data = _word_plan(
        [
            {"fill": "00B050"},
            # accent2 of the default theme is C0504D; a tint of 0x66 keeps 40% of it.
            {"fill": "auto", "themeFill": "accent2", "themeFillTint": "66"},
            {"fill": "FFC000", "themeFill": "accent6", "themeFillShade": "BF"},
        ]
    )
    rows = [r for r in read_bytes(data, "plan.docx").rows if r.in_table][1:]
    assert [r.fill(4) for r in rows] == ["00B050", "E6B9B8", "E46C0A"]
    assert rows[0].fill(1) is None  # an unshaded cell has no colour


def test_a_word_plan_whose_rag_is_only_colour_gets_its_rag_from_the_colour():
    data = _word_plan(
        [{"fill": "00B050"}, {"themeFill": "accent2", "themeFillTint": "66"}, {"fill": "7030A0"}]
    )
    doc = parse_bytes(data, "plan.docx")
    a1, a2, a3 = doc.recommendations[0].actions
    assert (a1.progress[0].rag, a1.progress[0].rag_colour) == ("green", "00B050")
    assert (a2.progress[0].rag, a2.progress[0].rag_colour) == ("red", "E6B9B8")
    assert a3.progress == []  # purple is no rating: nothing is guessed ...
    assert any(
        w.action == a3.ref and "coloured #7030A0" in w.message for w in doc.warnings
    )  # ... and the warning says so, where


def _workbook_plan(fills) -> bytes:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Plan"
    sheet.append(["Anytown Council: Ofsted action plan 2024"])
    sheet.append([])
    sheet.append(["Recommendation", *HEADER])
    for k, (row, fill) in enumerate(zip(ROWS, fills, strict=True)):
        sheet.append(["Strengthen management oversight" if k == 0 else None, *row])
        sheet.cell(row=4 + k, column=len(HEADER) + 1).fill = fill
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def test_excel_fills_are_read_as_rgb_indexed_or_theme_colour_with_tint():
    data = _workbook_plan(
        [
            PatternFill("solid", fgColor="FF00B050"),
            PatternFill("solid", fgColor=Color(indexed=11)),  # Excel's palette: 00FF00
            PatternFill("solid", fgColor=Color(theme=5, tint=0.3999755851924192)),
        ]
    )
    rows = read_bytes(data, "plan.xlsx").rows[2:]
    assert [r.fill(5) for r in rows] == ["00B050", "00FF00", "D99694"]
    doc = parse_bytes(data, "plan.xlsx")
    assert [a.progress[0].rag for a in doc.recommendations[0].actions] == ["green"] * 2 + ["red"]
    assert all(a.progress[0].rag_colour for a in doc.recommendations[0].actions)


def test_words_in_a_rag_cell_beat_its_colour():
    data = _workbook_plan([PatternFill("solid", fgColor="FFFF0000")] * 3)
    book = openpyxl.load_workbook(io.BytesIO(data))
    book.active["F4"] = "Amber"
    out = io.BytesIO()
    book.save(out)
    first = parse_bytes(out.getvalue(), "plan.xlsx").recommendations[0].actions[0]
    assert (first.progress[0].rag, first.progress[0].rag_colour) == ("amber", None)


def test_the_plans_own_key_reads_its_status_words():
    book = openpyxl.Workbook()
    key = book.active
    key.title = "Key"
    key.append(["Off Track", "Will not be completed on time"])
    key.append(["On Track", "In progress and expected on time"])
    key["A1"].fill = PatternFill("solid", fgColor="FFFF0000")
    key["A2"].fill = PatternFill("solid", fgColor="FFFFC000")
    plan = book.create_sheet("Plan")
    plan.append(["Recommendation", "Ref", "Action", "Lead", "Due date", "Status"])
    plan.append(
        ["Improve supervision", "1.1", "Refresh policy", "Head of Service", "May 2024", "On Track"]
    )
    out = io.BytesIO()
    book.save(out)
    doc = parse_bytes(out.getvalue(), "plan.xlsx")
    assert [(k.label, k.rag) for k in doc.plan.rag_key] == [
        ("Off Track", "red"),
        ("On Track", "amber"),
    ]
    assert doc.recommendations[0].actions[0].progress[0].rag == "amber"  # the key's, not green
