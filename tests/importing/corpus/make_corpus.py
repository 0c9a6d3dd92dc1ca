#!/usr/bin/env python3
"""Rebuild the importer's corpus of published action plans (tests/importing/corpus/).

Every case directory holds one test file (.docx, .xlsx or .csv) laid out as the
published plan is laid out, and ``expected.json``: what a careful human reader sees
in it. Each case's source (publisher, title, address) is in its expected.json and in
README.md; where the public excerpt did not show the whole plan, the rows that had to be
reconstructed are named in the case's "difficulties".

Officers' personal names are invented (roles, organisations and bodies are as published).
No child's data of any kind is held here.

Run:  python make_corpus.py            (rebuilds every case)
      python make_corpus.py 07 12      (rebuilds the cases whose directory starts so)

Standard library + python-docx + openpyxl only. The output is deterministic: core
properties carry fixed dates and every zip member a fixed timestamp.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import pathlib
import re
import sys
import zipfile

import openpyxl
from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.styles.colors import Color
from openpyxl.utils import get_column_letter

HERE = pathlib.Path(__file__).resolve().parent
ZIP_TIME = (2025, 1, 1, 0, 0, 0)
CASES: list = []


def case(fn):
    CASES.append(fn)
    return fn


# --------------------------------------------------------------------------- expected


def lead(name, kind, organisation=None):
    assert kind in ("person", "role", "organisation", "group"), kind
    return {"name": name, "kind": kind, "organisation": organisation}


def act(
    ref,
    text,
    *,
    steps=None,
    leads=(),
    due=None,
    due_text="",
    status_word=None,
    rag=None,
    rag_from_colour=False,
    success=None,
    progress=None,
    reporting_body=None,
    reporting_date=None,
    kpi=None,
):
    """One action as a careful reader records it (``text`` without its number)."""
    return {
        "ref": ref,
        "text_starts": text[:40],
        "steps": list(steps or []),
        "leads": list(leads),
        "due": due,
        "due_text": due_text,
        "status_word": status_word,
        "rag": rag,
        "rag_from_colour": rag_from_colour,
        "success_criteria": success,
        "progress_starts": progress[:40] if progress else None,
        "reporting_body": reporting_body,
        "reporting_date": reporting_date,
        "kpi": kpi,
    }


def rec(number, title, actions=None, overall=(), objectives=None):
    r = {"number": number, "title": title, "overall_responsibility": list(overall)}
    if objectives is not None:
        r["objectives"] = objectives
        r["actions"] = []
    else:
        r["actions"] = list(actions or [])
    return r


def objective(number, title, actions):
    return {"number": number, "title": title, "actions": list(actions)}


def write_expected(folder, *, source, fmt, plan, layout, levels, recommendations, difficulties):
    data = {
        "source": source,
        "format": fmt,
        "plan": plan,
        "layout": layout,
        "levels": levels,
        "recommendations": recommendations,
        "difficulties": difficulties,
    }
    (folder / "expected.json").write_text(
        json.dumps(data, indent=2, ensure_ascii=False) + "\n", encoding="utf-8"
    )


# --------------------------------------------------------------------------- zip hygiene


def normalise_zip(path, modified):
    """Rewrite an OOXML package with fixed member times and a fixed modified date."""
    stamp = modified.strftime("%Y-%m-%dT%H:%M:%SZ")
    with zipfile.ZipFile(path) as src:
        members = [(info.filename, src.read(info.filename)) for info in src.infolist()]
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as dst:
        for name, data in members:
            if name == "docProps/core.xml":
                text = data.decode("utf-8")
                text = re.sub(
                    r"(<dcterms:modified[^>]*>)[^<]*(</dcterms:modified>)",
                    lambda m: m.group(1) + stamp + m.group(2),
                    text,
                )
                data = text.encode("utf-8")
            info = zipfile.ZipInfo(name, date_time=ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            dst.writestr(info, data)
    pathlib.Path(path).write_bytes(buf.getvalue())


# --------------------------------------------------------------------------- docx


def new_docx(title, author, created, landscape=True):
    doc = Document()
    cp = doc.core_properties
    cp.title = title
    cp.author = author
    cp.last_modified_by = author
    cp.created = created
    cp.modified = created
    cp.last_printed = created
    cp.revision = 1
    if landscape:
        sec = doc.sections[0]
        sec.orientation = WD_ORIENT.LANDSCAPE
        sec.page_width, sec.page_height = Cm(29.7), Cm(21.0)
        for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
            setattr(sec, side, Cm(1.5))
    style = doc.styles["Normal"]
    style.font.name = "Arial"
    style.font.size = Pt(10)
    return doc


def save_docx(doc, path, created):
    doc.save(path)
    normalise_zip(path, created)


def para(doc_or_cell, text, *, bold=False, style=None, size=None, italic=False):
    p = doc_or_cell.add_paragraph(style=style)
    if text:
        run = p.add_run(text)
        run.bold = bold
        run.italic = italic
        if size:
            run.font.size = Pt(size)
    return p


def _set_num(paragraph, num_id, ilvl=0):
    pPr = paragraph._p.get_or_add_pPr()
    numPr = OxmlElement("w:numPr")
    lvl = OxmlElement("w:ilvl")
    lvl.set(qn("w:val"), str(ilvl))
    nid = OxmlElement("w:numId")
    nid.set(qn("w:val"), str(num_id))
    numPr.append(lvl)
    numPr.append(nid)
    pPr.append(numPr)


BULLET_NUM = 1  # "List Bullet" in python-docx's default template
NUMBER_NUM = 5  # "List Number"


def new_number_list(doc):
    """A fresh numbering instance (restarting at 1) over the List Number definition."""
    numbering = doc.part.numbering_part.element
    ids = [int(n.get(qn("w:numId"))) for n in numbering.findall(qn("w:num"))]
    abstract = None
    for n in numbering.findall(qn("w:num")):
        if n.get(qn("w:numId")) == str(NUMBER_NUM):
            abstract = n.find(qn("w:abstractNumId")).get(qn("w:val"))
    new_id = max(ids) + 1
    num = OxmlElement("w:num")
    num.set(qn("w:numId"), str(new_id))
    a = OxmlElement("w:abstractNumId")
    a.set(qn("w:val"), abstract)
    num.append(a)
    override = OxmlElement("w:lvlOverride")
    override.set(qn("w:ilvl"), "0")
    start = OxmlElement("w:startOverride")
    start.set(qn("w:val"), "1")
    override.append(start)
    num.append(override)
    numbering.append(num)
    return new_id


def bullet(doc_or_cell, text, num_id=BULLET_NUM, style="List Bullet"):
    p = doc_or_cell.add_paragraph(text, style=style)
    _set_num(p, num_id)
    return p


def numbered(doc_or_cell, text, num_id=NUMBER_NUM):
    p = doc_or_cell.add_paragraph(text, style="List Number")
    _set_num(p, num_id)
    return p


def shade(cell, fill):
    tcPr = cell._tc.get_or_add_tcPr()
    for old in tcPr.findall(qn("w:shd")):
        tcPr.remove(old)
    shd = OxmlElement("w:shd")
    shd.set(qn("w:val"), "clear")
    shd.set(qn("w:color"), "auto")
    shd.set(qn("w:fill"), fill)
    tcPr.append(shd)


def fill_cell(cell, spec):
    """spec: str ("\\n" = new paragraph) or dict(paras=[...], bullets=[...], numbers=[...],
    after=[...], bold=bool, fill=hex, doc=Document (needed for numbers))."""
    if isinstance(spec, str):
        spec = {"paras": spec.split("\n") if spec else []}
    first = cell.paragraphs[0]
    used_first = False

    def add(text, kind, num_id=None):
        nonlocal used_first
        if not used_first:
            p = first
            used_first = True
            if kind == "bullet":
                p.style = cell.part.document.styles["List Bullet"]
                _set_num(p, BULLET_NUM)
            elif kind == "number":
                p.style = cell.part.document.styles["List Number"]
                _set_num(p, num_id)
            if text:
                r = p.add_run(text)
                r.bold = spec.get("bold", False)
            return p
        if kind == "bullet":
            return bullet(cell, text)
        if kind == "number":
            return numbered(cell, text, num_id)
        p = cell.add_paragraph()
        if text:
            r = p.add_run(text)
            r.bold = spec.get("bold", False)
        return p

    for t in spec.get("paras", []):
        add(t, "para")
    for t in spec.get("bullets", []):
        add(t, "bullet")
    if spec.get("numbers"):
        nid = spec["num_id"]
        for t in spec["numbers"]:
            add(t, "number", nid)
    for t in spec.get("after", []):
        add(t, "para")
    if spec.get("fill"):
        shade(cell, spec["fill"])


def add_table(doc, header, rows, *, merges=(), header_fill="D9D9D9", widths=None, header_rows=None):
    """header: list of str (or None when header_rows gives several header rows)."""
    head = header_rows if header_rows is not None else ([header] if header else [])
    ncols = len(head[0]) if head else len(rows[0])
    table = doc.add_table(rows=0, cols=ncols)
    table.style = doc.styles["Table Grid"]
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    for hrow in head:
        cells = table.add_row().cells
        for c, spec in zip(cells, hrow, strict=False):
            fill_cell(
                c, {"paras": spec.split("\n") if spec else [], "bold": True, "fill": header_fill}
            )
    for row in rows:
        cells = table.add_row().cells
        if isinstance(row, dict) and "span" in row:
            merged = cells[0].merge(cells[-1])
            fill_cell(
                merged,
                {"paras": row["span"].split("\n"), "bold": True, "fill": row.get("fill", "F2F2F2")},
            )
            continue
        assert len(row) == ncols, (len(row), ncols, row)
        for c, spec in zip(cells, row, strict=False):
            fill_cell(c, spec)
    for r0, c0, r1, c1 in merges:
        a = table.cell(r0, c0)
        b = table.cell(r1, c1)
        a.merge(b)
    if widths:
        for row in table.rows:
            for c, w in zip(row.cells, widths, strict=False):
                c.width = Cm(w)
    return table


RAG_HEX = {"red": "FF0000", "amber": "FFC000", "green": "00B050", "blue": "0070C0"}


# --------------------------------------------------------------------------- xlsx

THEME = {  # openpyxl's default theme: accent1 4F81BD, accent2 C0504D, accent3 9BBB59, accent6 F79646
    "red": (5, 0.3999755851924192),
    "amber": (9, 0.3999755851924192),
    "green": (6, 0.3999755851924192),
    "blue": (4, 0.3999755851924192),
    "grey": (0, -0.249977111117893),
}
RGB = {
    "red": "FFFF0000",
    "amber": "FFFFC000",
    "green": "FF00B050",
    "blue": "FF0070C0",
    "grey": "FFBFBFBF",
    "header": "FFD9D9D9",
    "band": "FFDDEBF7",
}


def theme_fill(name):
    theme, tint = THEME[name]
    c = Color(theme=theme, tint=tint)
    return PatternFill(patternType="solid", fgColor=c, bgColor=Color(indexed=64))


def rgb_fill(name_or_hex):
    hexv = RGB.get(name_or_hex, name_or_hex)
    return PatternFill(patternType="solid", fgColor=hexv, bgColor=hexv)


THIN = Side(style="thin", color="FF808080")
BOX = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
WRAP = Alignment(wrap_text=True, vertical="top")


def new_xlsx(title, author, created):
    wb = openpyxl.Workbook()
    wb.properties.title = title
    wb.properties.creator = author
    wb.properties.lastModifiedBy = author
    wb.properties.created = created
    wb.properties.modified = created
    return wb


def save_xlsx(wb, path, created):
    wb.save(path)
    normalise_zip(path, created)


def put(
    ws,
    row,
    col,
    value,
    *,
    bold=False,
    fill=None,
    wrap=True,
    border=True,
    number_format=None,
    size=None,
):
    cell = ws.cell(row=row, column=col, value=value)
    if bold or size:
        cell.font = Font(bold=bold, size=size or 11)
    if fill is not None:
        cell.fill = fill
    if wrap:
        cell.alignment = WRAP
    if border:
        cell.border = BOX
    if number_format:
        cell.number_format = number_format
    return cell


def put_row(ws, row, values, **kw):
    for i, v in enumerate(values, start=1):
        if v is None and not kw.get("border", True):
            continue
        put(ws, row, i, v, **kw)


def widths(ws, cols):
    for i, w in enumerate(cols, start=1):
        ws.column_dimensions[get_column_letter(i)].width = w


def title_rows(ws, lines, ncols):
    for i, text in enumerate(lines, start=1):
        put(ws, i, 1, text, bold=(i == 1), border=False, wrap=False, size=14 if i == 1 else 11)
    return len(lines)


def cover_sheet(ws, lines, key, *, width):
    """A cover sheet: title lines (the 1st, 2nd and last bold, the 2nd large), then a RAG key
    of theme-colour fills below them."""
    for i, line in enumerate(lines, start=1):
        bold = i in (1, 2, len(lines))
        put(ws, i, 1, line, bold=bold, border=False, wrap=False, size=14 if i == 2 else 11)
    for i, (colour, text) in enumerate(key, start=len(lines) + 1):
        put(ws, i, 1, text, fill=theme_fill(colour))
    widths(ws, [width])


# --------------------------------------------------------------------------- csv


def write_csv(path, rows):
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\r\n")
    for r in rows:
        w.writerow(r)
    pathlib.Path(path).write_bytes(buf.getvalue().encode("cp1252"))


def folder(name):
    f = HERE / name
    f.mkdir(parents=True, exist_ok=True)
    for old in f.iterdir():
        if old.is_file() and old.suffix in (".docx", ".xlsx", ".csv"):
            old.unlink()
    return f


def d(y, m, day):
    return dt.date(y, m, day).isoformat()


# =========================================================================== cases
# 01 -------------------------------------------------------------------------------


@case
def c01_rotherham_yos():
    f = folder("01-rotherham-yos-sqs-2012")
    created = dt.datetime(2013, 7, 22, 9, 0, 0)
    doc = new_docx("Youth Offending Services - Improvement Action Plan", "Rotherham CYPS", created)
    para(doc, "Youth Offending Services - Improvement Action Plan", bold=True, size=14)
    para(
        doc,
        "In response to the Short Quality Screening (SQS) of youth offending work "
        "12th-14th November 2012 by HM Inspectorate of Probation",
    )
    header = [
        "Ref No",
        "AREA REQUIRING IMPROVEMENT (Recommendations)",
        "Action Required",
        "Planned\nCompletion Date",
        "Lead Officer / Agency",
        "Progress against agreed action and impact monitoring",
    ]
    r1 = (
        "Timeliness of initial assessments (ASSET \u2013 Youth Justice Board Assessment Tool). "
        "Completion required within 20 working days for Referral Orders, 15 days for all "
        "other Court Orders."
    )
    p1a = (
        "Action completed.\n"
        "The current target of 98% needs to be reviewed and redefined. This is due to "
        "assessments being out of time because a percentage of young people are not "
        "turning up for assessment appointments.\n"
        "Update (July 2013)\n"
        "84.9% of assessments due between April \u2013 July 2013 were completed on time.\n"
        "Further work will be undertaken to review and define this measure and regular "
        "monitoring and reporting will commence to the YOT Management Board as a standing "
        "performance item."
    )
    r2 = (
        "Assessment of Risk of Harm to others. Assessments to clearly identify the risk to "
        "others, be completed on time and be reviewed following a significant change."
    )
    r3 = (
        "Vulnerability management. Vulnerability management plans to be in place where "
        "required and to be reviewed at the appropriate intervals."
    )
    r4 = (
        "Management oversight. Countersigning by managers to be effective in assuring the "
        "quality of assessments and plans."
    )
    rows = [
        [
            "1",
            r1,
            "(1a) Raise performance from 78% (inspection findings) to 98% completion of ASSET.",
            "March 2013",
            "Operations Managers (PH), (KW)",
            p1a,
        ],
        [
            "",
            "",
            "(1b) Weekly information system reports to managers detailing ASSET due times, "
            "case manager responsible and, days to completion.\n"
            "(1c) Address underperformance of completion of ASSET in supervision and record "
            "in supervision notes. Record actions taken in respect of underperformance e.g. "
            "target setting/training/coaching.",
            "January 2013\nMarch 2013",
            "YOS Information Officer\nOperations Managers",
            "Weekly reports in place from January 2013.\nSupervision file audit completed "
            "March 2013.",
        ],
        [
            "2",
            r2,
            "(2a) Deliver refresher training on Risk of Harm assessment and planning to "
            "all case managers.",
            "April 2013",
            "Operations Managers / YOS Training Officer",
            "Training delivered 16th April 2013.",
        ],
        [
            "",
            "",
            "(2b) Managers to quality assure all Risk of Harm assessments rated medium or "
            "above before sign off.",
            "Ongoing",
            "Team Managers",
            "",
        ],
        [
            "3",
            r3,
            "(3a) Introduce a monthly vulnerability management panel chaired by an "
            "Operations Manager.",
            "February 2013",
            "Operations Manager (PH)",
            "Panel established February 2013.",
        ],
        [
            "",
            "",
            "(3b) Review the YOS vulnerability and risk management policy with partners "
            "(CYPS Safeguarding Unit, South Yorkshire Police).",
            "June 2013",
            "Head of Service / Agency partners",
            "",
        ],
        [
            "4",
            r4,
            "(4a) Countersigning audit tool to be developed and used in a monthly audit of "
            "10% of cases.",
            "April 2013",
            "Head of Service, Youth Offending Services",
            "Audit tool agreed at YOT Management Board May 2013.",
        ],
    ]
    # table row index: 0 = header; rec 1 spans rows 1-2, rec 2 rows 3-4, rec 3 rows 5-6
    merges = [(1, 0, 2, 0), (1, 1, 2, 1), (3, 0, 4, 0), (3, 1, 4, 1), (5, 0, 6, 0), (5, 1, 6, 1)]
    add_table(doc, header, rows, merges=merges, widths=[1.3, 5.5, 6.5, 2.6, 3.6, 7.0])
    save_docx(doc, f / "rotherham-yos-improvement-action-plan.docx", created)

    org = "Rotherham YOS"
    recs = [
        rec(
            "1",
            r1,
            [
                act(
                    "1a",
                    "Raise performance from 78% (inspection findings) to 98% completion of ASSET.",
                    leads=[lead("PH", "person", org), lead("KW", "person", org)],
                    due=d(2013, 3, 31),
                    due_text="March 2013",
                    status_word="Action completed",
                    progress=p1a.replace("\n", " "),
                    reporting_body="YOT Management Board",
                ),
                act(
                    "1b",
                    "Weekly information system reports to managers detailing ASSET due times, "
                    "case manager responsible and, days to completion.",
                    leads=[lead("YOS Information Officer", "role", org)],
                    due=d(2013, 1, 31),
                    due_text="January 2013",
                    progress="Weekly reports in place from January 2013.",
                ),
                act(
                    "1c",
                    "Address underperformance of completion of ASSET in supervision and record "
                    "in supervision notes.",
                    leads=[lead("Operations Managers", "role", org)],
                    due=d(2013, 3, 31),
                    due_text="March 2013",
                    progress="Supervision file audit completed March 2013.",
                ),
            ],
        ),
        rec(
            "2",
            r2,
            [
                act(
                    "2a",
                    "Deliver refresher training on Risk of Harm assessment and planning to all "
                    "case managers.",
                    leads=[
                        lead("Operations Managers", "role", org),
                        lead("YOS Training Officer", "role", org),
                    ],
                    due=d(2013, 4, 30),
                    due_text="April 2013",
                    progress="Training delivered 16th April 2013.",
                ),
                act(
                    "2b",
                    "Managers to quality assure all Risk of Harm assessments rated medium or "
                    "above before sign off.",
                    leads=[lead("Team Managers", "role", org)],
                    due=None,
                    due_text="Ongoing",
                    status_word="Ongoing",
                ),
            ],
        ),
        rec(
            "3",
            r3,
            [
                act(
                    "3a",
                    "Introduce a monthly vulnerability management panel chaired by an Operations "
                    "Manager.",
                    leads=[lead("PH", "person", org)],
                    due=d(2013, 2, 28),
                    due_text="February 2013",
                    progress="Panel established February 2013.",
                ),
                act(
                    "3b",
                    "Review the YOS vulnerability and risk management policy with partners "
                    "(CYPS Safeguarding Unit, South Yorkshire Police).",
                    leads=[
                        lead("Head of Service", "role", org),
                        lead("Agency partners", "group", None),
                    ],
                    due=d(2013, 6, 30),
                    due_text="June 2013",
                ),
            ],
        ),
        rec(
            "4",
            r4,
            [
                act(
                    "4a",
                    "Countersigning audit tool to be developed and used in a monthly audit of 10% "
                    "of cases.",
                    leads=[lead("Head of Service, Youth Offending Services", "role", org)],
                    due=d(2013, 4, 30),
                    due_text="April 2013",
                    progress="Audit tool agreed at YOT Management Board May 2013.",
                ),
            ],
        ),
    ]
    write_expected(
        f,
        source={
            "title": "Youth Offending Services - Improvement Action Plan (response to the HMI "
            "Probation Short Quality Screening, November 2012)",
            "publisher": "Rotherham Metropolitan Borough Council, Children and Young People's Services",
            "url": "https://docsbay.net/rotherham-metropolitan-borough-council-children-and-young-people-s-services",
            "date": "2013-07",
            "kind": "youth justice (HMI Probation) improvement plan",
        },
        fmt="docx",
        plan={
            "title": "Youth Offending Services - Improvement Action Plan",
            "organisation": "Rotherham Metropolitan Borough Council",
            "period_start": None,
            "period_end": None,
            "strategic_lead": None,
        },
        layout={
            "sheet": None,
            "header_row": 1,
            "columns": {
                "Ref No": "recommendation_ref",
                "AREA REQUIRING IMPROVEMENT (Recommendations)": "recommendation",
                "Action Required": "action",
                "Planned\nCompletion Date": "due",
                "Lead Officer / Agency": "leads",
                "Progress against agreed action and impact monitoring": "progress",
            },
        },
        levels=2,
        recommendations=recs,
        difficulties=[
            "Ref No and the recommendation are vertically merged over the rows of their actions.",
            "Two sub-actions, (1b) and (1c), share one table row: the date cell stacks their two "
            "dates (January 2013 / March 2013) and the lead cell their two leads, in the same order.",
            "Action numbers are written in brackets at the start of the action text: (1a), (2b).",
            "Leads are a role followed by officers' initials in brackets: \"Operations Managers "
            '(PH), (KW)"; "Operations Manager (PH)" is the same person as PH.',
            'The progress cell opens with a status ("Action completed.") and holds a dated update '
            '("Update (July 2013)") after the original commentary.',
            'A lead cell names partners generically ("Head of Service / Agency partners").',
            "Only recommendation 1 is visible in full in the published excerpt; recommendations 2-4 "
            "and their actions are reconstructed in the plan's style (SQS areas requiring improvement).",
        ],
    )


# 02 -------------------------------------------------------------------------------


@case
def c02_slough_lscb():
    f = folder("02-slough-lscb-business-plan-2012")
    created = dt.datetime(2012, 5, 14, 9, 0, 0)
    doc = new_docx("SLSCB Business Plan", "SLSCB", created)
    para(
        doc,
        "SLSCB BUSINESS PLAN \u2013 ACTIONS, TIMESCALES, OUTCOMES AND RAG RATINGS",
        bold=True,
        size=13,
    )
    header = [
        "Specific Actions",
        "Timescale/\nTarget",
        "Lead",
        "Output/Outcome\nmeasurement",
        "RAG\nrating",
    ]

    para(doc, "PRIORITY 1a Early Help and Prevention", bold=True)
    para(
        doc,
        "Strategic Lead from SLSCB Executive: Helen Marsh/Ruth Keeling (BHFT) Chair of "
        "Quality and Performance Sub Group",
    )
    para(doc, "OBJECTIVES:", bold=True)
    para(
        doc,
        "SLSCB to take a robust role in the implementation, monitoring and evaluation of the "
        "Early Intervention Strategy.",
    )
    para(
        doc,
        "To improve the effectiveness of universal services to reduce the number of children "
        "requiring early help and targeted services",
    )
    para(
        doc,
        "To reduce the number of children referred into child protection and other specialist "
        "safeguarding services though more effective integrated early help that improves "
        "outcomes for CYP",
    )
    a1 = (
        "To ensure that the Early Intervention Strategy addresses safeguarding priorities by "
        "engaging in the consultation on, and agreement to, the Strategy."
    )
    a2 = (
        "Support the implementation of the Early Response Hub to ensure that safeguarding "
        "priorities are to the fore. Allocation of Munro training monies to support programme of "
        "multi-agency training to support effective implementation of Early Response Hub operation"
    )
    a3 = (
        "Support the implementation of the Referral Hub co-ordinated by Thames Valley Police. "
        "Receive first evaluation of operation of Hub and determine if further actions required "
        "to secure operational effectiveness."
    )
    o1 = (
        "Strategy agreed and in place by April 2012.\n(Agreement to strategy secured at joint "
        "meeting of SLSCB and CP on 11th April 2012)"
    )
    o2 = (
        "Target number of staff across each agency?\nEvaluation of staff understanding/"
        "operational effectiveness\nEarly help data in scorecard."
    )
    o3 = "An evaluation report to the SLSCB Executive with recommendations for any changes."
    rows = [
        [
            "1. " + a1,
            "Strategy agreed and in place by April 2012",
            "Chair of SLSCB",
            o1,
            {"fill": RAG_HEX["green"]},
        ],
        [
            "2. " + a2,
            "Training programme to run across financial year 2012/13",
            "Pan-Berkshire Training Sub-Group and Early Intervention Sub Group of Children\u2019s "
            "Partnership",
            o2,
            {"fill": RAG_HEX["amber"]},
        ],
        [
            "3. " + a3,
            "Evaluation of Hub to be received in June/July 2012\nReview of Hub operation "
            "completed by September 2012",
            "Tom Hadley",
            o3,
            {"fill": RAG_HEX["amber"]},
        ],
    ]
    add_table(doc, header, rows, widths=[9.0, 4.0, 4.5, 7.0, 2.0])

    para(doc, "")
    para(doc, "PRIORITY 1b Child Sexual Exploitation", bold=True)
    para(doc, "Strategic Lead from SLSCB Executive: DCI Mark Aldous (TVP) Chair of CSE Sub Group")
    para(doc, "OBJECTIVES:", bold=True)
    para(
        doc,
        "To ensure that children at risk of sexual exploitation are identified early and "
        "receive a co-ordinated multi-agency response",
    )
    b1 = (
        "Agree the Berkshire CSE protocol and risk assessment tool and launch it across all "
        "agencies."
    )
    b2 = "Establish a multi-agency CSE sub group reporting quarterly to the SLSCB."
    b3 = (
        "Deliver CSE awareness training to front line staff in schools, health and children\u2019s "
        "social care."
    )
    rows_b = [
        [
            "1. " + b1,
            "Protocol launched by July 2012",
            "Chair of CSE Sub Group",
            "Protocol in use by all agencies.",
            {"fill": RAG_HEX["green"]},
        ],
        [
            "2. " + b2,
            "Sub group in place by May 2012",
            "SLSCB Business Manager",
            "Quarterly reports to SLSCB.",
            {"fill": RAG_HEX["green"]},
        ],
        [
            "3. " + b3,
            "March 2013",
            "Pan-Berkshire Training Sub-Group",
            "Number of staff trained by agency.",
            {"fill": RAG_HEX["red"]},
        ],
    ]
    add_table(doc, header, rows_b, widths=[9.0, 4.0, 4.5, 7.0, 2.0])
    save_docx(doc, f / "slough-lscb-business-plan.docx", created)

    recs = [
        rec(
            "1a",
            "Early Help and Prevention",
            overall=["Helen Marsh", "Ruth Keeling"],
            actions=[
                act(
                    "1",
                    a1,
                    leads=[lead("Chair of SLSCB", "role", "SLSCB")],
                    due=d(2012, 4, 30),
                    due_text="Strategy agreed and in place by April 2012",
                    rag="green",
                    rag_from_colour=True,
                    success=o1.replace("\n", " "),
                ),
                act(
                    "2",
                    a2,
                    leads=[
                        lead("Pan-Berkshire Training Sub-Group", "group", None),
                        lead(
                            "Early Intervention Sub Group of Children\u2019s Partnership",
                            "group",
                            None,
                        ),
                    ],
                    due=d(2013, 3, 31),
                    due_text="Training programme to run across financial year 2012/13",
                    rag="amber",
                    rag_from_colour=True,
                    success=o2.replace("\n", " "),
                ),
                act(
                    "3",
                    a3,
                    leads=[lead("Tom Hadley", "person", None)],
                    due=d(2012, 9, 30),
                    due_text="Evaluation of Hub to be received in June/July 2012 Review of Hub operation "
                    "completed by September 2012",
                    rag="amber",
                    rag_from_colour=True,
                    success=o3,
                ),
            ],
        ),
        rec(
            "1b",
            "Child Sexual Exploitation",
            overall=["DCI Mark Aldous"],
            actions=[
                act(
                    "1",
                    b1,
                    leads=[lead("Chair of CSE Sub Group", "role", "SLSCB")],
                    due=d(2012, 7, 31),
                    due_text="Protocol launched by July 2012",
                    rag="green",
                    rag_from_colour=True,
                    success="Protocol in use by all agencies.",
                ),
                act(
                    "2",
                    b2,
                    leads=[lead("SLSCB Business Manager", "role", "SLSCB")],
                    due=d(2012, 5, 31),
                    due_text="Sub group in place by May 2012",
                    rag="green",
                    rag_from_colour=True,
                    success="Quarterly reports to SLSCB.",
                ),
                act(
                    "3",
                    b3,
                    leads=[lead("Pan-Berkshire Training Sub-Group", "group", None)],
                    due=d(2013, 3, 31),
                    due_text="March 2013",
                    rag="red",
                    rag_from_colour=True,
                    success="Number of staff trained by agency.",
                ),
            ],
        ),
    ]
    write_expected(
        f,
        source={
            "title": "SLSCB Business Plan \u2013 Actions, Timescales, Outcomes and RAG Ratings",
            "publisher": "Slough Local Safeguarding Children Board",
            "url": "https://studylib.net/doc/8168699/slscb-business-plan-%E2%80%93-actions--timescales",
            "date": "2012",
            "kind": "safeguarding children board business plan",
        },
        fmt="docx",
        plan={
            "title": "SLSCB Business Plan \u2013 Actions, Timescales, Outcomes and RAG Ratings",
            "organisation": "Slough Local Safeguarding Children Board",
            "period_start": d(2012, 4, 1),
            "period_end": d(2013, 3, 31),
            "strategic_lead": None,
        },
        layout={
            "sheet": None,
            "header_row": 1,
            "columns": {
                "Specific Actions": "action",
                "Timescale/\nTarget": "due",
                "Lead": "leads",
                "Output/Outcome\nmeasurement": "success_criteria",
                "RAG\nrating": "rag",
            },
        },
        levels=2,
        recommendations=recs,
        difficulties=[
            'Each priority is a heading paragraph ("PRIORITY 1a Early Help and Prevention") '
            'followed by front-matter lines before its table: "Strategic Lead from SLSCB '
            'Executive: ..." and an OBJECTIVES list that is not linked to individual actions.',
            'The strategic lead is two people sharing one organisation: "Helen Marsh/Ruth Keeling '
            '(BHFT)", followed by a role ("Chair of Quality and Performance Sub Group").',
            "Action numbers restart at 1 in each priority's table; the number is part of the "
            'action text ("1. To ensure ...").',
            "RAG is given by cell colour only; the RAG cells hold no text.",
            "The Timescale/Target cell mixes target wording and dates, and one cell holds two "
            "dated milestones (June/July 2012 and September 2012).",
            'An outcome cell holds an open question ("Target number of staff across each agency?").',
            'A lead cell names two groups run together ("Pan-Berkshire Training Sub-Group and '
            "Early Intervention Sub Group of Children's Partnership\").",
            "The published excerpt shows Priority 1a with three actions (the third outcome cell is "
            "cut off); the third outcome text and Priority 1b are reconstructed in the plan's style.",
        ],
    )


# 03 -------------------------------------------------------------------------------


@case
def c03_stockton_lscb_review():
    f = folder("03-stockton-lscb-review-tracker-2017")
    created = dt.datetime(2017, 12, 4, 9, 0, 0)
    doc = new_docx(
        "Initial Progress Update - Review of Stockton LSCB", "Stockton-on-Tees BC", created
    )
    para(
        doc,
        "Initial Progress Update \u2013 Review of Stockton Local Safeguarding Children Board"
        "\tAppendix 1",
        bold=True,
    )
    header = [
        "No.",
        "Recommendation",
        "Responsibility",
        "Date",
        "Progress presented to Committee\nDec 2017",
        "Assessment of progress Categories\n1 - 4",
    ]
    R = [
        (
            "Participate and initiate discussion where necessary with other Tees Boards about the "
            "response to the Wood review and the opportunities to collaborate further and ensure a "
            "streamlined and efficient approach with partners.",
            "To be confirmed in Children and Social Work Act",
            "Stockton and Hartlepool Boards have agreed to develop a joint approach.\nLSCB Chair "
            "written to the Chief Executives of the safeguarding partners outlining plans to move "
            "forward with a North of Tees approach.\nSeeking to be an early adopter of new "
            "arrangements by September 2018",
            "2",
        ),
        (
            "Continue to develop a self-assessment and review format of Board and sub group meetings "
            "to focus discussion on key issues and strengthen the co-ordination, challenge and change "
            "functions including the potential role of an Executive.",
            "April 2017",
            "Executive has been established and now driving the agenda for the Board and its sub "
            "groups.\nJoint targeted Area Inspection process will make some observations about the LSCB",
            "2",
        ),
        (
            "Continue to identify ways to encourage all partner agencies to play a more active role in "
            "discussions, including varying the format of meetings.",
            "March 2017",
            "Chair undertaking annual appraisals of Board members contributions",
            "2",
        ),
        (
            "Provide training for SLSCB members to ensure that they have the skills to fulfil their "
            "roles, especially around assurance roles.",
            "April 2017",
            "Board members have been provided with guidance on assurance role.",
            "1",
        ),
        (
            "Assure itself that it has responded to the Ofsted recommendations.",
            "April 2017",
            "Actions completed and built into Business Plan.\nAny further recommendations arising form "
            "the JTAI will be addressed in a follow up action plan in April.",
            "1",
        ),
        (
            "Ensure that the Board\u2019s annual report is presented to the Select Committee each year.",
            "Annually",
            "Annual report 2016/17 to be presented in early 2018.",
            "2",
        ),
    ]
    rows = [
        [f"{i}.", r, "Chair / DCS", date, prog, cat] for i, (r, date, prog, cat) in enumerate(R, 1)
    ]
    add_table(doc, header, rows, widths=[1.2, 8.0, 2.5, 3.5, 8.5, 2.8])
    para(doc, "")
    para(doc, "1 Fully Achieved")
    para(doc, "2 On-Track to be Achieved")
    para(doc, "3 Not Achieved (Obsolete)")
    para(doc, "4 Not Achieved")
    save_docx(doc, f / "stockton-lscb-review-progress-appendix-1.docx", created)

    cats = {"1": "Fully Achieved", "2": "On-Track to be Achieved"}
    dues = {"April 2017": d(2017, 4, 30), "March 2017": d(2017, 3, 31)}
    leads = [
        lead("Chair", "role", "Stockton Local Safeguarding Children Board"),
        lead("DCS", "role", "Stockton-on-Tees Borough Council"),
    ]
    recs = []
    for i, (r, date, prog, cat) in enumerate(R, 1):
        recs.append(
            rec(
                str(i),
                r,
                [
                    act(
                        str(i),
                        r,
                        leads=leads,
                        due=dues.get(date),
                        due_text=date,
                        status_word=cats[cat],
                        progress=prog.replace("\n", " "),
                        reporting_body="Children and Young People Select Committee",
                        reporting_date=d(2017, 12, 31),
                    ),
                ],
            )
        )
    write_expected(
        f,
        source={
            "title": "Initial Progress Update \u2013 Review of Stockton Local Safeguarding "
            "Children Board (Appendix 1)",
            "publisher": "Stockton-on-Tees Borough Council (Children and Young People Select Committee)",
            "url": "https://docsbay.net/initial-progress-update-review-of-stockton-local-safeguarding-children-board-appendix-1",
            "date": "2017-12",
            "kind": "scrutiny committee recommendation tracker (scrutiny review of the safeguarding children board)",
        },
        fmt="docx",
        plan={
            "title": "Initial Progress Update \u2013 Review of Stockton Local Safeguarding Children Board",
            "organisation": "Stockton-on-Tees Borough Council",
            "period_start": None,
            "period_end": None,
            "strategic_lead": None,
        },
        layout={
            "sheet": None,
            "header_row": 1,
            "columns": {
                "No.": "recommendation_ref",
                "Recommendation": "recommendation",
                "Responsibility": "leads",
                "Date": "due",
                "Progress presented to Committee\nDec 2017": "progress",
                "Assessment of progress Categories\n1 - 4": "status",
            },
        },
        levels=2,
        recommendations=recs,
        difficulties=[
            'The column that holds what is to be done is headed "Recommendation": each row is one '
            "scrutiny recommendation tracked as its own single action, with no separate action column.",
            "The progress column header carries the committee and month it was presented to "
            '("Progress presented to Committee Dec 2017"): a reporting date hidden in a header.',
            "Status is a category number (1-4) whose meaning is only in the key printed under the "
            "table (1 Fully Achieved, 2 On-Track to be Achieved ...).",
            'The title line ends with "Appendix 1" after a tab.',
            'Responsibility is two roles in one cell ("Chair / DCS").',
            'A date cell holds words, not a date ("To be confirmed in Children and Social Work Act").',
            'A progress cell anticipates another inspection ("Joint targeted Area Inspection process '
            'will make some observations") and has a typo kept as published ("arising form the JTAI").',
            "Rows 1-5 are as published; row 6 and key lines 3-4 are reconstructed (the excerpt ends "
            'after "2 On").',
        ],
    )


# 04 -------------------------------------------------------------------------------


@case
def c04_wrexham_estyn():
    f = folder("04-wrexham-estyn-piap-2010")
    created = dt.datetime(2011, 4, 28, 9, 0, 0)
    doc = new_docx("Post Inspection Action Plan (Draft)", "Wrexham CBC", created)
    para(doc, "Appendix 2")
    para(
        doc, "Local Authority Education Services for\nChildren and Young People", bold=True, size=14
    )
    para(doc, "Estyn Inspection 2010", bold=True)
    para(doc, "Post Inspection Action Plan (Draft)", bold=True, size=14)
    para(
        doc,
        "The Executive Board of Wrexham County Borough Council approved this Post Inspection "
        "Action Plan on 10 May 2011",
    )
    para(
        doc,
        "(to be inserted subject to approval by the Executive Board, prior to submission to Estyn)",
        italic=True,
    )
    para(doc, "Introduction", bold=True)
    para(
        doc,
        "This Post Inspection Action Plan shows how the authority will meet the recommendations "
        "made by Estyn following the inspection of Wrexham Local Authority\u2019s Education "
        "Services for Children and Young People in November 2010.",
    )
    para(doc, "The Layout of the Post Inspection Action Plan", bold=True)
    para(
        doc,
        "The action plan takes the form of a set of tables using a common template, with a table "
        "for each recommendation (R) and each additional action (A). The recommendations are as "
        "stated in the inspection report. The additional actions relate to the areas for "
        "improvement identified in the report that are not included in the recommendations.",
    )
    para(
        doc,
        "The tables are broken down into columns that identify: Reference number / Action / "
        "Objective/ Improvement / Lead officer / Monitored by / Resource / Target date / Joint "
        "Plan Outcome",
    )
    para(doc, "Summary of recommendations and additional actions", bold=True)
    R = {
        "R1": "Raise standards of achievement at key stage 4, particularly for boys and for pupils "
        "entitled to free school meals",
        "R2": "Improve the way the authority uses data to challenge and support schools",
        "R3": "Strengthen strategic planning and self-evaluation so that the impact of services is "
        "clearly measured",
        "A1": "Reduce surplus places in primary schools",
    }
    leads = {
        "R1": "Chief Learning Officer",
        "R2": "Senior Officer, School Improvement",
        "R3": "Head of Children and Young People\u2019s Services",
        "A1": "Head of Education Planning and Resources",
    }
    add_table(
        doc,
        ["Recommendation / Additional action", "Lead officer"],
        [[f"{k} {v}", leads[k]] for k, v in R.items()],
        widths=[18.0, 8.0],
    )
    header = [
        "Reference number",
        "Action",
        "Objective/ Improvement",
        "Lead officer",
        "Monitored by",
        "Resource",
        "Target date",
        "Joint Plan Outcome",
    ]
    T = {
        "R1": [
            (
                "R1a",
                "Target intensive support from the school improvement service at the four "
                "secondary schools with the lowest key stage 4 results",
                "Level 2 threshold including English/Welsh and mathematics to rise to 50% by 2012",
                "Senior Officer, School Improvement",
                "Lifelong Learning Scrutiny Committee",
                "Existing resources",
                "July 2012",
                "CYPP Outcome 2",
            ),
            (
                "R1b",
                "Introduce a boys\u2019 achievement strategy with all secondary schools",
                "Gap between boys and girls at key stage 4 narrows year on year",
                "Chief Learning Officer",
                "Education Management Team",
                "\u00a312,000 (School Effectiveness Grant)",
                "Summer term 2011",
                "CYPP Outcome 2",
            ),
            (
                "R1c",
                "Track the progress of pupils entitled to free school meals termly in every "
                "secondary school",
                "Progress of pupils entitled to free school meals is known and challenged",
                "Data and Performance Manager",
                "Education Management Team",
                "Existing resources",
                "Autumn term 2011",
                "CYPP Outcome 2",
            ),
        ],
        "R2": [
            (
                "R2a",
                "Produce a single school data profile for each school for use in challenge "
                "meetings",
                "All schools receive a data profile by October each year",
                "Data and Performance Manager",
                "Education Management Team",
                "Existing resources",
                "October 2011",
                "CYPP Outcome 2",
            ),
            (
                "R2b",
                "Train link officers in the use of data to set challenging targets",
                "All link officers trained",
                "Senior Officer, School Improvement",
                "Education Management Team",
                "Existing resources",
                "September 2011",
                "CYPP Outcome 2",
            ),
        ],
        "R3": [
            (
                "R3a",
                "Introduce a self-evaluation framework for all education services",
                "Each service produces a self-evaluation report annually",
                "Head of Children and Young People\u2019s Services",
                "Executive Board",
                "Existing resources",
                "December 2011",
                "CYPP Outcome 6",
            ),
            (
                "R3b",
                "Report progress against this plan to Executive Board and scrutiny each term",
                "Termly progress reports",
                "Chief Learning Officer",
                "Lifelong Learning Scrutiny Committee",
                "Existing resources",
                "Termly",
                "CYPP Outcome 6",
            ),
        ],
        "A1": [
            (
                "A1a",
                "Consult on proposals to reduce surplus places in the primary sector",
                "Surplus places reduced to below 10% by 2013",
                "Head of Education Planning and Resources",
                "Executive Board",
                "Existing resources",
                "March 2012",
                "CYPP Outcome 2",
            ),
        ],
    }
    comments = {
        "R1": "Inspection report comment: \u201cPerformance at key stage 4 has not improved at the "
        "same rate as in similar authorities.\u201d",
        "R2": "Inspection report comment: \u201cThe authority does not use data well enough to "
        "challenge schools.\u201d",
        "R3": "Inspection report comment: \u201cPlans do not always identify how success will be "
        "measured.\u201d",
        "A1": "Inspection report comment: \u201cThere are too many surplus places in primary schools.\u201d",
    }
    for key, title in R.items():
        para(doc, "")
        para(doc, f"{key} {title}", bold=True)
        para(doc, comments[key], italic=True)
        add_table(
            doc, header, [list(r) for r in T[key]], widths=[2.0, 6.0, 5.0, 3.4, 3.4, 2.6, 2.2, 2.2]
        )
    save_docx(doc, f / "wrexham-estyn-post-inspection-action-plan.docx", created)

    dues = {
        "July 2012": d(2012, 7, 31),
        "Summer term 2011": d(2011, 7, 31),
        "Autumn term 2011": d(2011, 12, 31),
        "October 2011": d(2011, 10, 31),
        "September 2011": d(2011, 9, 30),
        "December 2011": d(2011, 12, 31),
        "March 2012": d(2012, 3, 31),
        "Termly": None,
    }
    org = "Wrexham County Borough Council"
    recs = []
    for key, title in R.items():
        acts = []
        for ref, action, obj, lo, mon, _res, target, _jpo in T[key]:
            acts.append(
                act(
                    ref,
                    action,
                    leads=[lead(lo, "role", org)],
                    due=dues[target],
                    due_text=target,
                    success=obj,
                    reporting_body=mon,
                )
            )
        recs.append(rec(key, title, acts, overall=[leads[key]]))
    write_expected(
        f,
        source={
            "title": "Local Authority Education Services for Children and Young People: Estyn "
            "Inspection 2010 \u2013 Post Inspection Action Plan (Draft)",
            "publisher": "Wrexham County Borough Council",
            "url": "https://docsbay.net/piap-table-format",
            "date": "2011-05",
            "kind": "Welsh inspectorate (Estyn) post-inspection action plan",
        },
        fmt="docx",
        plan={
            "title": "Post Inspection Action Plan (Draft)",
            "organisation": org,
            "period_start": None,
            "period_end": None,
            "strategic_lead": None,
        },
        layout={
            "sheet": None,
            "header_row": 1,
            "columns": {
                "Reference number": "ref",
                "Action": "action",
                "Objective/ Improvement": "success_criteria",
                "Lead officer": "leads",
                "Monitored by": "reporting",
                "Resource": "resources",
                "Target date": "due",
                "Joint Plan Outcome": "ignore",
            },
        },
        levels=2,
        recommendations=recs,
        difficulties=[
            "One table per recommendation (R1, R2 ...) and per additional action (A1 ...); the "
            "recommendation is a heading paragraph above its table, followed by an italic "
            '"Inspection report comment" paragraph.',
            "A summary table of recommendations and lead officers comes before the plan tables and "
            "must not be read as actions (its lead officers are the recommendations' owners).",
            "Additional actions (A) answer areas for improvement that are not recommendations.",
            "Reference numbers join the recommendation and a letter (R1a, R2b, A1a).",
            '"Monitored by" names the reporting body; "Joint Plan Outcome" cross-refers to the '
            "Children and Young People's Plan.",
            "Front matter repeats the column list as prose and carries a draft note about approval.",
            'Welsh school-term dates ("Summer term 2011", "Autumn term 2011") and "Termly".',
            "The published excerpt shows the front matter and column list only; recommendation wording, "
            "comments and rows are reconstructed in the plan's stated template.",
        ],
    )


# 05 -------------------------------------------------------------------------------


@case
def c05_hmp_elmley():
    f = folder("05-hmp-elmley-hmip-2019")
    created = dt.datetime(2019, 11, 5, 9, 0, 0)
    doc = new_docx("Action Plan: HMP Elmley", "HMPPS", created)
    para(doc, "Action Plan: HMP Elmley", bold=True, size=16)
    para(doc, "Action Plan Submitted 05 November 2019")
    para(doc, "A Response to the HMIP Inspection 23 April \u2013 3 May 2019")
    para(doc, "Report Published 20 August 2019")
    para(doc, "INTRODUCTION", bold=True)
    para(
        doc,
        "HM Inspectorate of Prisons (HMIP) and HM Inspectorate of Probation for England and Wales "
        "are independent inspectorates which provide scrutiny of the conditions for, and treatment "
        "of prisoners and offenders. In response to the report HMPPS / MoJ are required to draft "
        "a robust and timely action plan to address the recommendations. The action plan confirms "
        "whether recommendations are agreed, partly agreed or not agreed (see categorisations "
        "below). Where a recommendation is agreed or partly agreed, the action plans provides "
        "specific steps and actions to address these. Actions are clear, measurable, achievable "
        "and relevant with the owner and timescale of each step clearly identified.",
    )
    add_table(
        doc,
        ["Term", "Definition", "Additional comment"],
        [
            [
                "Agreed",
                "All of the recommendation is agreed with, can be achieved and is affordable.",
                "The response should clearly explain how the recommendation will be achieved along with "
                "timescales.",
            ],
            [
                "Partly Agreed",
                "Only part of the recommendation is agreed with, is achievable, affordable "
                "and will be implemented.",
                "The response must state clearly which part of the recommendation will be implemented.",
            ],
            [
                "Not Agreed",
                "The recommendation is not agreed and will not be implemented.",
                "The response must clearly state the reasons why.",
            ],
        ],
        widths=[3.0, 10.0, 12.0],
    )
    para(doc, "")
    header = [
        "No.",
        "Recommendation",
        "Agreed / Partly Agreed / Not Agreed",
        "Response",
        "Responsible Owner",
        "Target Date",
    ]
    R = [
        ("Safety", None),
        (
            "1",
            "Leaders should analyse the causes of the high levels of violence and implement a "
            "co-ordinated strategy to reduce it. (S37)",
            "Agreed",
            "A violence reduction strategy has been published and is reviewed monthly at the Safer "
            "Custody meeting, using analysis of incident data by wing and time of day.",
            "Head of Safety",
            "31 March 2020",
        ),
        (
            "2",
            "Prisoners at risk of self-harm should receive consistent, good-quality care through "
            "the ACCT process. (S38)",
            "Agreed",
            "All ACCT case managers will receive refresher training and ACCT documents will be quality "
            "checked weekly by the Safer Custody team.",
            "Head of Safer Custody",
            "31 December 2019",
        ),
        ("Respect", None),
        (
            "3",
            "Prisoners should live in clean, decent cells with working showers and in-cell "
            "electricity. (S39)",
            "Partly Agreed",
            "This recommendation is partly agreed. Cell and shower repairs are prioritised through the "
            "local maintenance contract; wider refurbishment is subject to the national capital "
            "programme and cannot be committed locally.",
            "Head of Residence",
            "April 2020",
        ),
        (
            "4",
            "Prisoners should be able to attend internal and external health appointments promptly "
            "and within community-equivalent waiting times. (S40)",
            "Partly Agreed",
            "This recommendation is partly agreed. Escort capacity for external appointments will be "
            "reviewed with the healthcare provider; waiting times for some community services are "
            "outside the prison\u2019s control.",
            "Head of Healthcare",
            "31 January 2020",
        ),
        ("Purposeful activity", None),
        (
            "5",
            "Leaders should increase the time prisoners spend unlocked and in purposeful activity. "
            "(S41)",
            "Partly Agreed",
            "This recommendation is partly agreed. A revised regime will be introduced when staffing "
            "levels allow.",
            "Head of Reducing Reoffending",
            "Ongoing",
        ),
        ("Rehabilitation and release planning", None),
        (
            "6",
            "Prisoners should be able to receive visits on at least five days a week. (4.9)",
            "Not Agreed",
            "This recommendation is not agreed. The current visits provision meets national policy and "
            "demand is monitored monthly.",
            "N/A",
            "N/A",
        ),
    ]
    rows = []
    for r in R:
        if r[1] is None:
            rows.append({"span": r[0]})
        else:
            rows.append(list(r))
    add_table(doc, header, rows, widths=[1.2, 7.0, 3.0, 9.0, 3.5, 2.8])
    save_docx(doc, f / "hmp-elmley-action-plan.docx", created)

    dues = {
        "31 March 2020": d(2020, 3, 31),
        "31 December 2019": d(2019, 12, 31),
        "April 2020": d(2020, 4, 30),
        "31 January 2020": d(2020, 1, 31),
    }
    org = "HMP Elmley"
    recs = []
    for r in R:
        if r[1] is None:
            continue
        no, text, agreed, response, owner, target = r
        leads = [] if owner == "N/A" else [lead(owner, "role", org)]
        recs.append(
            rec(
                no,
                text,
                [
                    act(
                        None,
                        response,
                        leads=leads,
                        due=dues.get(target),
                        due_text=target,
                        status_word=agreed,
                    ),
                ],
            )
        )
    write_expected(
        f,
        source={
            "title": "Action Plan: HMP Elmley \u2013 A Response to the HMIP Inspection 23 April "
            "\u2013 3 May 2019",
            "publisher": "HM Prison and Probation Service",
            "url": "https://vdocuments.mx/a-response-to-the-hmip-inspection-23-april-report-internal-and-external.html",
            "date": "2019-11",
            "kind": "HM Inspectorate of Prisons inspection action plan",
        },
        fmt="docx",
        plan={
            "title": "Action Plan: HMP Elmley",
            "organisation": "HMP Elmley (HM Prison and Probation Service)",
            "period_start": None,
            "period_end": None,
            "strategic_lead": None,
        },
        layout={
            "sheet": None,
            "header_row": 1,
            "columns": {
                "No.": "recommendation_ref",
                "Recommendation": "recommendation",
                "Agreed / Partly Agreed / Not Agreed": "status",
                "Response": "response",
                "Responsible Owner": "leads",
                "Target Date": "due",
            },
        },
        levels=2,
        recommendations=recs,
        difficulties=[
            "Each row is a recommendation with its response: there is no separate action column; "
            "the Response holds what will be done.",
            "The inspection report's paragraph reference is in brackets at the end of the "
            "recommendation text ((S40), (4.9)), separate from the action plan's own No.",
            "Rows spanning the table name the healthy prison test (Safety, Respect ...) and are not "
            "recommendations.",
            "A table of categorisations (Agreed / Partly Agreed / Not Agreed) comes first and is a "
            "key, not plan rows.",
            'A not-agreed recommendation has "N/A" as owner and target date.',
            'Mixed date forms: "31 March 2020", "April 2020", "Ongoing".',
            "The excerpt shows the front matter, the categorisation key and the S40 row's start "
            '("...within community-equivalent waiting times. (S40) Partly Agreed This recommendation"); '
            "the other rows and the response wording are reconstructed in the HMPPS template's style.",
        ],
    )


# 06 -------------------------------------------------------------------------------


@case
def c06_shropshire_frs():
    f = folder("06-shropshire-frs-hmicfrs-response")
    created = dt.datetime(2023, 9, 1, 9, 0, 0)
    doc = new_docx("HMICFRS", "Shropshire Fire and Rescue Service", created, landscape=False)
    para(doc, "HMICFRS", bold=True, size=16)
    for line in [
        "Outstanding",
        "Good",
        "Understanding the risk of fire and other emergencies",
        "Adequate",
        "Preventing fires and other risks",
        "Responding to fires and other emergencies",
        "Responding to major and multi-agency incidents",
        "Requirs\nImprovement",
        "Protecting the public through fire regulation",
        "Making the FRS affordable now and in the future",
        "Promoting the right values and culture",
        "Getting the right people with the right skills",
        "Ensuring fairness and promoting diversity",
        "Managing performance and developing leaders",
        "Inadequate",
        "Making best use of resources",
    ]:
        para(
            doc,
            line,
            bold=line in ("Outstanding", "Good", "Adequate", "Requirs\nImprovement", "Inadequate"),
        )
    para(
        doc,
        "*HMICFRS measure fire and rescue services against the 11 characteristics of \u2018good\u2019 "
        "awarding potential gradings of Outstanding, Good, Adequate, Requires Improvement or "
        "Inadequate.",
        italic=True,
    )
    para(
        doc,
        "In the rest of the report, HMICFRS sets out its detailed findings about the areas in "
        "which the service has performed well and where it should improve.",
    )
    para(doc, "Read the full report")
    para(
        doc,
        "The report contained 30 areas for improvement. This page details our response to these "
        "recommendations:",
    )
    para(doc, "Cause for Concern", bold=True, size=13)
    R = [
        "The Service Should make sure there are appropriate strategic oversight arrangements in place "
        "to manage risks, performance and improvement plans effectively",
        "The Service Should make sure the corporate risk register is actively used  to mitigate and "
        "manage known risks",
        "The Service Should make sure all processes in place to support performance management are "
        "effective",
        "The Service Should make sure it has access to accurate data and analysis to support effective "
        "performance management",
        "The Service Should make sure it has robust processes for reporting accurate and suitably "
        "detailed financial information",
    ]
    for r in R:
        para(doc, r)
        para(doc, "Action Taken", bold=True)
        para(doc, "xxx")
        para(doc, "Status: In Progress")
    save_docx(doc, f / "shropshire-frs-hmicfrs-response.docx", created)

    org = "Shropshire Fire and Rescue Service"
    recs = [
        rec(
            str(i),
            r,
            [act(None, "xxx", leads=[], due=None, due_text="", status_word="In Progress")],
            overall=[org],
        )
        for i, r in enumerate(R, 1)
    ]
    write_expected(
        f,
        source={
            "title": "HMICFRS (our response to the inspection's cause for concern and areas for "
            "improvement)",
            "publisher": "Shropshire Fire and Rescue Service",
            "url": "https://www.shropshirefire.gov.uk/about-us/hmicfrs/",
            "date": "2023",
            "kind": "HMICFRS inspection action plan (published response)",
        },
        fmt="docx",
        plan={
            "title": "HMICFRS",
            "organisation": org,
            "period_start": None,
            "period_end": None,
            "strategic_lead": None,
        },
        layout={
            "sheet": None,
            "header_row": 0,
            "columns": {"Action Taken": "response", "Status:": "status"},
        },
        levels=2,
        recommendations=recs,
        difficulties=[
            "No table at all: the published response is a web page of paragraphs; each "
            'recommendation is a paragraph followed by an "Action Taken" label, the response and '
            'a "Status: In Progress" line (header_row 0: there is no header row). The '
            "recommendations are unnumbered and are numbered here by position.",
            'Every response is the placeholder "xxx", published as such: the plan has '
            "recommendations and statuses but no actions yet.",
            "The page opens with the grading graphic flattened into lines (grades interleaved with "
            'the eleven characteristics), including the typo "Requirs Improvement"; none of it is '
            "plan content.",
            'The heading says "30 areas for improvement" and "these recommendations", but only the '
            "cause for concern's recommendations follow.",
            'Recommendations start "The Service Should" with odd capitals and a double space '
            '("actively used  to").',
            "The page carries no date; 2023 is inferred from the five-point grading (with "
            '"Adequate"), introduced for the 2023-25 round. The excerpt ends during the fifth '
            'recommendation, whose end ("financial information") is completed here.',
        ],
    )


# 07 -------------------------------------------------------------------------------


@case
def c07_christ_church_sip():
    f = folder("07-christ-church-primary-sip-2011")
    created = dt.datetime(2011, 7, 15, 9, 0, 0)
    doc = new_docx("School Improvement Plan 2011-12", "Christ Church C of E Primary", created)
    para(doc, "CHRIST CHURCH C of E (VA) PRIMARY School AND nURSERY", bold=True, size=14)
    para(doc, "schOol IMPROVEMENT PLAN", bold=True, size=14)
    para(doc, "September 2011 \u2013 August 2012", bold=True)
    para(doc, "Developing the plan", bold=True)
    para(doc, "Context", bold=True)
    para(
        doc,
        "All stakeholders have been involved throughout the process through meetings, "
        "questionnaires and discussions. They are fully committed to improving the quality of "
        "teaching and learning and individuals are keen to improve.",
    )
    para(doc, "Areas for improvement", bold=True)
    para(doc, "The areas for improvement identified are:")
    KI = [
        (
            "1",
            "To improve the teaching and learning in all aspects of English and maths in order to "
            "accelerate progress and raise attainment in these subjects:",
            [
                ("1", "Improve the quality of teaching and learning."),
                ("2", "Improve attainment and pupils\u2019 achievements across the school."),
                ("3", "Improve the whole school approaches to the teaching of reading."),
            ],
        ),
        (
            "2",
            "To strengthen the effectiveness of school leadership, including School Leadership team, "
            "Governors and subject leaders.",
            [
                (
                    "4",
                    "Improve the quality of the school\u2019s leadership and management, particularly that "
                    "of the SLT, subject leaders and also the quality of its governance.",
                ),
                (
                    "5",
                    "Ensure that the new performance management arrangements are in place and they are "
                    "linked directly to the Key Issue 1.",
                ),
            ],
        ),
        (
            "3",
            "To develop further a Christian character of the school.",
            [
                (
                    "6",
                    "Improve the understanding of what a distinctive Christian character means for the "
                    "whole school community.",
                )
            ],
        ),
        (
            "4",
            "To develop a more effective and closer partnership with parents.",
            [
                ("7", "Develop further the newly established Parent Council."),
                ("8", "Improve communication with parents."),
            ],
        ),
    ]
    for n, text, areas in KI:
        label = "Key Issue" if n in ("1", "2") else "Key issue"
        para(doc, f"{label} {n}: {text}", bold=True)
        for _, a in areas:
            numbered(doc, a)  # one list, numbered 1-8 across all key issues
    para(doc, "Christ Church School SIP Version: 01 (July 2011)", italic=True)
    doc.add_page_break()
    para(
        doc,
        "Key issue 1: To improve the teaching and learning in all aspects of English and maths in "
        "order to accelerate progress and raise attainment in these subjects:",
        bold=True,
    )
    para(doc, "These targets will be reviewed by the end of November 2011.")
    add_table(
        doc,
        None,
        [
            ["KS1 2012", "88%", "25%", "85%", "15%", "90%", "20%"],
            ["KS2 2012", "85%", "35%", "80%", "25%", "85%", "30%"],
        ],
        header_rows=[
            ["Targets", "Reading", "", "Writing", "", "Maths", ""],
            ["", "Level 2", "Level 3", "Level 2", "Level 3", "Level 2", "Level 3"],
        ],
        merges=[(0, 1, 0, 2), (0, 3, 0, 4), (0, 5, 0, 6), (0, 0, 1, 0)],
    )
    header = [
        "Actions",
        "Person(s) responsible",
        "Timescale",
        "Resources / Cost",
        "Success criteria",
        "Monitoring and evaluation",
    ]
    A = {
        "1": [
            (
                "Half-termly lesson observations by SLT with written feedback and agreed targets for "
                "each teacher",
                "Headteacher / Deputy Headteacher",
                "Autumn term 2011",
                "SLT release time",
                "All teaching judged at least good by July 2012",
                "Headteacher report to Curriculum Sub-Committee each term",
            ),
            (
                "Staff INSET on assessment for learning and marking",
                "Deputy Headteacher",
                "Spring 2 2012",
                "\u00a3600 course fees",
                "Marking consistently shows pupils their next steps",
                "Work scrutiny by SLT",
            ),
        ],
        "2": [
            (
                "Pupil progress meetings each half term for every class",
                "Headteacher",
                "Ongoing",
                "Supply cover 1 day per half term",
                "Pupils not making expected progress are identified and supported",
                "Pupil progress reports to governors",
            )
        ],
        "3": [
            (
                "Introduce guided reading sessions daily in KS1 and KS2",
                "English subject leader",
                "By Easter 2012",
                "New reading scheme books \u00a32,500",
                "Reading targets above are met",
                "English subject leader monitoring",
            ),
            (
                "Reading volunteers programme with the parish",
                "English subject leader",
                "Summer term 2012",
                "None",
                "20 volunteers trained",
                "Termly review by SLT",
            ),
        ],
        "4": [
            (
                "Governors to link with a subject leader and visit each term",
                "Chair of Governors",
                "November 2011",
                "None",
                "Governors can describe strengths and weaknesses of the school",
                "Governors\u2019 visit reports",
            ),
            (
                "Subject leaders to produce action plans and report to governors",
                "SLT",
                "July 2012",
                "Subject leader release time",
                "Action plans in place for all subjects",
                "Curriculum Sub-Committee",
            ),
        ],
        "5": [
            (
                "Set performance management objectives for all teachers linked to Key Issue 1",
                "Headteacher",
                "Autumn term 2011",
                "None",
                "All objectives linked to pupil progress",
                "Performance management reviewers",
            )
        ],
    }
    for _n, _text, areas in KI[:2]:
        for num, area in areas:
            para(doc, "")
            para(doc, f"{num}.  {area}", bold=True)
            add_table(doc, header, [list(r) for r in A[num]], widths=[7.0, 3.6, 2.8, 3.6, 5.0, 4.5])
    save_docx(doc, f / "christ-church-school-improvement-plan.docx", created)

    dues = {
        "Autumn term 2011": d(2011, 12, 31),
        "Spring 2 2012": d(2012, 4, 8),
        "By Easter 2012": d(2012, 4, 8),
        "Summer term 2012": d(2012, 7, 31),
        "November 2011": d(2011, 11, 30),
        "July 2012": d(2012, 7, 31),
        "Ongoing": None,
    }
    org = "Christ Church C of E (VA) Primary School"

    def leads_of(text):
        out = []
        for part in re.split(r"\s*/\s*", text):
            out.append(lead(part, "group" if part == "SLT" else "role", org))
        return out

    recs = []
    for n, text, areas in KI[:2]:
        objs = []
        for num, area in areas:
            objs.append(
                objective(
                    num,
                    area,
                    [
                        act(
                            None,
                            a,
                            leads=leads_of(who),
                            due=dues[when],
                            due_text=when,
                            status_word="Ongoing" if when == "Ongoing" else None,
                            success=sc,
                            reporting_body=mon,
                        )
                        for a, who, when, res, sc, mon in A[num]
                    ],
                )
            )
        recs.append(rec(n, text, objectives=objs))
    write_expected(
        f,
        source={
            "title": "Christ Church C of E (VA) Primary School and Nursery: School Improvement Plan "
            "September 2011 \u2013 August 2012",
            "publisher": "Christ Church C of E (VA) Primary School and Nursery",
            "url": "https://docsbay.net/Primary-School-Development-Plan-Example",
            "date": "2011-07",
            "kind": "school improvement plan",
        },
        fmt="docx",
        plan={
            "title": "School Improvement Plan September 2011 \u2013 August 2012",
            "organisation": org,
            "period_start": d(2011, 9, 1),
            "period_end": d(2012, 8, 31),
            "strategic_lead": None,
        },
        layout={
            "sheet": None,
            "header_row": 1,
            "columns": {
                "Actions": "action",
                "Person(s) responsible": "leads",
                "Timescale": "due",
                "Resources / Cost": "resources",
                "Success criteria": "success_criteria",
                "Monitoring and evaluation": "reporting",
            },
        },
        levels=3,
        recommendations=recs,
        difficulties=[
            "Three levels: Key Issue > numbered area for improvement > actions; the areas are one "
            "Word numbered list running 1-8 across all four key issues, so area 4 is the first of "
            "Key Issue 2.",
            'The title keeps the published odd capitals ("PRIMARY School AND nURSERY", '
            '"schOol IMPROVEMENT PLAN").',
            '"Key Issue" and "Key issue" are both used.',
            "A targets table (two header rows, Reading/Writing/Maths merged across Level 2/Level 3) "
            "comes before the action tables and is not a plan table.",
            'A version line ("Christ Church School SIP Version: 01 (July 2011)") sits between the '
            "summary and the plan.",
            'School-year dates: "Autumn term 2011", "Spring 2 2012" (second half of the spring '
            'term), "By Easter 2012" (Easter Sunday 8 April 2012), "Summer term 2012".',
            'Leads are roles joined by "/" and the group "SLT".',
            "The excerpt shows the front matter, the key issues and the start of the targets table; "
            "the target percentages and the action tables (columns and rows) are reconstructed in "
            "the plan's style, for Key Issues 1 and 2 only.",
        ],
    )


# 08 -------------------------------------------------------------------------------


@case
def c08_telford_sif():
    f = folder("08-telford-getting-to-good-2016")
    created = dt.datetime(2016, 11, 8, 9, 0, 0)
    doc = new_docx("Getting To Good", "Telford & Wrekin Council", created)
    para(doc, "Getting To Good", bold=True, size=18)
    para(doc, "Telford & Wrekin Council \u2013 Children & Family Services", bold=True)
    para(
        doc,
        "Improvement plan in response to the Ofsted inspection of services for children in need "
        "of help and protection, children looked after and care leavers (2016)",
    )
    para(doc, "Cabinet: 17 November 2016    Full Council: 24 November 2016")
    para(doc, "Additional investment to deliver the plan: \u00a3255,000")
    para(
        doc,
        "The plan takes each of the 11 recommendations in turn and groups them into three themes. "
        "Progress is reported in the \u201cWhere We Are\u201d self assessment.",
    )
    header = [
        "Action required",
        "Desired outcome",
        "How success will be measured",
        "Lead officer",
        "Timescale",
    ]
    THEMES = [
        (
            "Theme 1: Scrutiny, oversight and advocacy",
            [
                (
                    "1",
                    "Ensure that independent reviewing officers consistently and effectively challenge "
                    "drift and delay in plans for children looked after.",
                    [
                        {
                            "bullets": [
                                "Revise the IRO escalation protocol",
                                "Report escalations quarterly to the Corporate Parenting Board",
                                "Audit a sample of reviews each quarter",
                            ]
                        },
                        "Plans progress without delay",
                        "Quarterly escalation report; audit findings",
                        "Group Manager, Safeguarding and Review",
                        "March 2017",
                    ],
                ),
                (
                    "2",
                    "Ensure that children and young people have access to independent advocacy and "
                    "are helped to use it.",
                    [
                        "Re-commission the advocacy service and promote it at every review",
                        "More children use advocacy",
                        "Take-up of advocacy reported quarterly",
                        "Service Delivery Manager, Commissioning",
                        "April 2017",
                    ],
                ),
            ],
        ),
        (
            "Theme 2: The quality and effectiveness of frontline practice",
            [
                (
                    "3",
                    "Improve the quality of assessments so that they consistently analyse risk and "
                    "the impact of parental difficulties on children.",
                    [
                        {
                            "bullets": [
                                "Deliver assessment and analysis training to all social workers",
                                "Introduce monthly practice audits by team managers",
                                "Publish a practice standard for assessments",
                            ]
                        },
                        "Assessments are analytical and child focused",
                        "80% of audited assessments judged good or better",
                        "Principal Social Worker",
                        "June 2017",
                    ],
                ),
                (
                    "4",
                    "Ensure that supervision is regular, reflective and recorded on the child\u2019s file.",
                    [
                        "Refresh the supervision policy and monitor compliance monthly",
                        "Supervision drives the plan for each child",
                        "Monthly supervision compliance report",
                        "Assistant Director, Children\u2019s Safeguarding",
                        "January 2017",
                    ],
                ),
            ],
        ),
        (
            "Theme 3: Outcomes for children and young people in specific circumstances",
            [
                (
                    "5",
                    "Improve the timeliness of return home interviews for children who go missing.",
                    [
                        "Bring the return home interview service in house and report weekly to managers",
                        "Children are seen within 72 hours of returning",
                        "Percentage of interviews within 72 hours",
                        "Group Manager, Early Help",
                        "Ongoing",
                    ],
                ),
                (
                    "6",
                    "Ensure that pathway plans for care leavers are reviewed when circumstances "
                    "change and record young people\u2019s views.",
                    [
                        "Pathway plan reviews to be triggered by any change of accommodation, "
                        "education or employment",
                        "Plans reflect current circumstances",
                        "Audit of pathway plans each quarter",
                        "Service Delivery Manager, Care Leavers",
                        "February 2017",
                    ],
                ),
            ],
        ),
    ]
    for theme, recs_ in THEMES:
        para(doc, "")
        para(doc, theme, bold=True, size=12)
        for n, text, row in recs_:
            para(doc, f"Recommendation {n}: {text}", bold=True)
            add_table(doc, header, [row], widths=[8.0, 5.0, 5.0, 4.2, 2.6])
    save_docx(doc, f / "telford-getting-to-good-improvement-plan.docx", created)

    dues = {
        "March 2017": d(2017, 3, 31),
        "April 2017": d(2017, 4, 30),
        "June 2017": d(2017, 6, 30),
        "January 2017": d(2017, 1, 31),
        "February 2017": d(2017, 2, 28),
        "Ongoing": None,
    }
    org = "Telford & Wrekin Council"
    recs = []
    for _theme, recs_ in THEMES:
        for n, text, row in recs_:
            # "Desired outcome" is what success looks like (the success criteria); "How success
            # will be measured" names the measures (indicators), as the layout says.
            action_cell, outcome, measure, lo, when = row
            if isinstance(action_cell, dict):
                steps = action_cell["bullets"]
                a = act(
                    None,
                    steps[0],
                    steps=steps,
                    leads=[lead(lo, "role", org)],
                    due=dues[when],
                    due_text=when,
                    success=outcome,
                    kpi=measure,
                )
            else:
                a = act(
                    None,
                    action_cell,
                    leads=[lead(lo, "role", org)],
                    due=dues[when],
                    due_text=when,
                    success=outcome,
                    kpi=measure,
                    status_word="Ongoing" if when == "Ongoing" else None,
                )
            recs.append(rec(n, text, [a]))
    write_expected(
        f,
        source={
            "title": "Council action plan to tackle Ofsted recommendations (\u201cGetting To Good\u201d)",
            "publisher": "Telford & Wrekin Council",
            "url": "https://newsroomarchive.telford.gov.uk/News/Details/13452",
            "date": "2016-11",
            "kind": "Ofsted single inspection (SIF) improvement plan",
        },
        fmt="docx",
        plan={
            "title": "Getting To Good",
            "organisation": org,
            "period_start": None,
            "period_end": None,
            "strategic_lead": None,
        },
        layout={
            "sheet": None,
            "header_row": 1,
            "columns": {
                "Action required": "action",
                "Desired outcome": "success_criteria",
                "How success will be measured": "kpi",
                "Lead officer": "leads",
                "Timescale": "due",
            },
        },
        levels=2,
        recommendations=recs,
        difficulties=[
            "Recommendations are grouped under three theme headings; the themes are groupings, not "
            "recommendations, and the recommendations keep their report numbers across themes.",
            'Each recommendation is a heading paragraph ("Recommendation 3: ...") with its own '
            "one-row table.",
            "Some action cells are a bulleted list of steps (real Word bullets) instead of one "
            "sentence; the whole list is the one action.",
            'Two success columns: "Desired outcome" and "How success will be measured".',
            "Front matter carries the meeting dates and the budget (\u00a3255,000).",
            "The source is the council's news release describing the plan: its 11 recommendations, "
            "three themes and columns (action required, desired outcome, how success is measured, "
            "officer, timescale). The recommendation wording and rows are reconstructed in the plan's "
            "style, shortened to six recommendations.",
        ],
    )


# 09 -------------------------------------------------------------------------------


@case
def c09_stockton_ilacs():
    f = folder("09-stockton-ilacs-action-plan-2023")
    created = dt.datetime(2023, 6, 1, 9, 0, 0)
    doc = new_docx("ILACS Action Plan 2023", "Stockton-on-Tees Borough Council", created)
    para(
        doc, "Stockton-on-Tees Borough Council \u2013 Children\u2019s Services", bold=True, size=14
    )
    para(
        doc,
        "Inspection of Local Authority Children\u2019s Services (ILACS) \u2013 Action Plan",
        bold=True,
        size=14,
    )
    add_table(
        doc,
        None,
        [
            ["Inspection", "27 February \u2013 14 March 2023 (report published 9 May 2023)"],
            ["Judgement", "Requires Improvement to be Good"],
            ["Action plan to Ofsted by", "16 August 2023"],
            ["Oversight", "Good and Beyond Board (independently chaired)"],
            ["Strategic lead", "Director of Children\u2019s Services"],
        ],
        widths=[5.0, 18.0],
    )
    header = ["What we will do", "Lead", "By when", "How will we know (impact)", "Progress"]
    AREAS = [
        (
            "a",
            "The quality and effectiveness of plans for children and care leavers, including safety "
            "plans agreed with parents.",
            [
                (
                    {
                        "bullets": [
                            "Relaunch the practice standard for plans",
                            "Introduce a safety plan template co-produced with parents",
                            "Team managers to sign off every new plan",
                        ]
                    },
                    "Assistant Director, Children\u2019s Social Care",
                    "September 2023",
                    "Audits show plans are specific and understood by families",
                    "",
                ),
                (
                    "Pathway plans reviewed with every care leaver using the new format",
                    "Head of Service, Children in Care",
                    "Q3 23/24",
                    "All care leavers have an up-to-date pathway plan",
                    "",
                ),
            ],
        ),
        (
            "b",
            "Sufficiency of suitable foster homes for children.",
            [
                (
                    "Deliver the fostering recruitment campaign and review the foster carer offer",
                    "Head of Service, Placements and Resources",
                    "March 2024",
                    "Net increase of 15 fostering households",
                    "",
                ),
                (
                    "Develop a sufficiency dashboard reported to the Good and Beyond Board",
                    "Head of Business Intelligence",
                    "Q3 23/24",
                    "Dashboard reported each quarter",
                    "",
                ),
            ],
        ),
        (
            "c",
            "Frontline management oversight across the service, in relation to the quality of "
            "assessment and plans and the impact of interventions.",
            [
                (
                    "Management oversight training for all team managers and senior practitioners",
                    "Principal Social Worker",
                    "December 2023",
                    "Audit grades for management oversight improve",
                    "",
                ),
                (
                    "Monthly performance clinics for each team",
                    "Assistant Director, Children\u2019s Social Care",
                    "Ongoing",
                    "Clinics held and actions followed up",
                    "",
                ),
            ],
        ),
        (
            "d",
            "Opportunities for more children and care leavers to have a voice and to influence the "
            "development of services.",
            [
                (
                    "Expand the Children in Care Council and care leavers\u2019 forum",
                    "Participation Lead",
                    "March 2024",
                    "Number of children and care leavers taking part",
                    "",
                ),
                (
                    "Publish \u201cyou said, we did\u201d feedback every quarter",
                    "Participation Lead",
                    "Ongoing",
                    "Feedback published each quarter",
                    "",
                ),
            ],
        ),
    ]
    for letter, title, rows in AREAS:
        para(doc, "")
        para(doc, f"{letter}. {title}", bold=True)
        add_table(doc, header, [list(r) for r in rows], widths=[9.0, 4.5, 2.5, 6.0, 4.5])
    save_docx(doc, f / "stockton-ilacs-action-plan.docx", created)

    dues = {
        "September 2023": d(2023, 9, 30),
        "Q3 23/24": d(2023, 12, 31),
        "March 2024": d(2024, 3, 31),
        "December 2023": d(2023, 12, 31),
        "Ongoing": None,
    }
    org = "Stockton-on-Tees Borough Council"
    recs = []
    for letter, title, rows in AREAS:
        acts = []
        for cell, lo, when, impact, _ in rows:
            if isinstance(cell, dict):
                acts.append(
                    act(
                        None,
                        cell["bullets"][0],
                        steps=cell["bullets"],
                        leads=[lead(lo, "role", org)],
                        due=dues[when],
                        due_text=when,
                        success=impact,
                    )
                )
            else:
                acts.append(
                    act(
                        None,
                        cell,
                        leads=[lead(lo, "role", org)],
                        due=dues[when],
                        due_text=when,
                        success=impact,
                        status_word="Ongoing" if when == "Ongoing" else None,
                        reporting_body="Good and Beyond Board" if "Board" in cell else None,
                    )
                )
        recs.append(rec(letter, title, acts))
    write_expected(
        f,
        source={
            "title": "Inspection of Local Authority Children's Services (ILACS) \u2013 Outcomes and "
            "Action Plan (Cabinet, 15 June 2023)",
            "publisher": "Stockton-on-Tees Borough Council",
            "url": "https://moderngov.stockton.gov.uk/ieIssueDetails.aspx?IId=1757&Opt=3",
            "date": "2023-06",
            "kind": "Ofsted ILACS post-inspection action plan",
        },
        fmt="docx",
        plan={
            "title": "Inspection of Local Authority Children\u2019s Services (ILACS) \u2013 Action Plan",
            "organisation": org,
            "period_start": None,
            "period_end": None,
            "strategic_lead": "Director of Children\u2019s Services",
        },
        layout={
            "sheet": None,
            "header_row": 1,
            "columns": {
                "What we will do": "action",
                "Lead": "leads",
                "By when": "due",
                "How will we know (impact)": "success_criteria",
                "Progress": "progress",
            },
        },
        levels=2,
        recommendations=recs,
        difficulties=[
            "A two-column front-matter table (inspection dates, judgement, deadline, oversight board, "
            "strategic lead) comes before the plan tables and is not a plan table.",
            "Areas for improvement are lettered a-d, as in the cabinet report, and each is a heading "
            "paragraph above its own table.",
            "The first action of some areas is a bulleted list of steps in one cell.",
            'Quarter dates in financial-year form: "Q3 23/24" is October-December 2023.',
            "The Progress column is present but empty in a newly agreed plan.",
            "The cabinet report gives the inspection dates, the four key areas (a-d), the deadline and "
            "the Good and Beyond Board; the table columns and actions are reconstructed in the style "
            "of such plans.",
        ],
    )


# 10 -------------------------------------------------------------------------------


@case
def c10_worcestershire_wsoa():
    f = folder("10-worcestershire-send-wsoa-2018")
    created = dt.datetime(2018, 7, 27, 9, 0, 0)
    doc = new_docx(
        "Worcestershire Local Area SEND Action Plan", "Worcestershire County Council", created
    )
    para(doc, "Appendix 1")
    para(doc, "Worcestershire Local Area SEND Action Plan", bold=True, size=16)
    para(doc, "IN RESPONSE TO OFSTED/CQC LETTER DATED MAY 16th 2018", bold=True)
    para(doc, "This Written Statement of Action has been approved and endorsed by:")
    para(doc, "Worcestershire County Council Cabinet")
    para(
        doc,
        "Joint Clinical Commissioning Group Board (Redditch and Bromsgrove, Wyre Forest, South "
        "Worcestershire)",
    )
    for line in [
        "3\tStatement of Intent and Introduction",
        "5\tGlossary",
        "6\tGovernance and Monitoring",
        "9\tWork stream Structure",
        "\tACTION PLAN",
        "10\tStructure of the Action Plan",
        "11 - 13\tSafeguarding",
        "14 - 22\tWork stream One - The Local Offer",
        "23 - 45\tWork stream Two \u2013 Embedding the Graduated Response",
        "46 - 59\tWork stream Three \u2013 Assessment and Planning",
        "60 - 67\tWork stream Four \u2013 Joint Commissioning and Leadership",
        "68 - 76\tWork stream Five - Workforce and Engagement",
        "77\tAppendix - List of Key Individuals",
    ]:
        para(doc, line)
    para(doc, "FiNAL v1.0 27 July 2018\tPage 2 of 78")
    para(doc, "Statement of Intent", bold=True)
    para(
        doc,
        "Our Local Area Inspection identified a number of areas in which we must improve, and we "
        "have resolved to make these improvements. This action plan sets out how the Council and "
        "the Clinical Commissioning Group (CCG) will work together with partners, parents/carers "
        "and young people and with school leaders, to improve outcomes for children and young "
        "people with special educational needs and/or disabilities (SEND).",
    )
    para(doc, "ACTION PLAN", bold=True, size=13)
    para(doc, "Structure of the Action Plan", bold=True)
    para(
        doc,
        "Each work stream has a lead officer and addresses one or more of the areas of significant "
        "weakness in the inspection letter. Leads are shown by initials; the List of Key "
        "Individuals (page 77) gives their names and roles.",
    )
    header = [
        "Ref",
        "Action",
        "Lead",
        "Start",
        "Completion",
        "Success Criteria / Impact Measure",
        "RAG",
    ]
    WS = [
        (
            "One",
            "Work stream One - The Local Offer",
            "PW",
            [
                (
                    "1.1",
                    {
                        "paras": [
                            "Co-produce a new Local Offer website with parents/carers and young "
                            "people:"
                        ],
                        "bullets": [
                            "review current content with the Parent Carer Forum",
                            "agree a new structure and search",
                            "launch the new site",
                        ],
                    },
                    "PW",
                    "August 2018",
                    "March 2019",
                    "Parents report the Local Offer is easy to use (annual survey)",
                    "green",
                ),
                (
                    "1.2",
                    "Publish a \u2018you said, we did\u2019 page on the Local Offer each term",
                    "PW / CB",
                    "September 2018",
                    "Ongoing",
                    "Page updated each term",
                    None,
                ),
                (
                    "1.3",
                    "Health services information (therapies, CAMHS, paediatrics) to be added to the Local "
                    "Offer",
                    "JT",
                    "October 2018",
                    "December 2018",
                    "All commissioned health services listed",
                    "amber",
                ),
            ],
        ),
        (
            "Three",
            "Work stream Three \u2013 Assessment and Planning",
            "CB",
            [
                (
                    "3.1",
                    "Introduce a quality assurance framework for EHC plans with multi-agency audit "
                    "each month",
                    "CB",
                    "September 2018",
                    "January 2019",
                    "75% of audited EHC plans judged good by May 2019",
                    "amber",
                ),
                (
                    "3.2",
                    "Health advice for EHC needs assessments returned within 6 weeks",
                    "JT",
                    "August 2018",
                    "Spring 2019",
                    "Percentage of health advice returned within 6 weeks",
                    "red",
                ),
                (
                    "3.3",
                    "Train SENCOs and social workers in writing outcomes for EHC plans",
                    "CB / FM",
                    "October 2018",
                    "May 2019",
                    "All SENCOs offered training",
                    None,
                ),
            ],
        ),
        (
            "Four",
            "Work stream Four \u2013 Joint Commissioning and Leadership",
            "SH",
            [
                (
                    "4.1",
                    "Establish the SEND Improvement Board with the CCGs and parent carer representatives",
                    "SH",
                    "July 2018",
                    "September 2018",
                    "Board meets monthly and reports to Cabinet and the CCG Board",
                    "green",
                ),
                (
                    "4.2",
                    "Agree a joint commissioning strategy for SEND 0-25",
                    "FM / SH",
                    "October 2018",
                    "April 2019",
                    "Strategy agreed by Cabinet and the Joint CCG Board",
                    None,
                ),
            ],
        ),
    ]
    for _key, title, owner, rows in WS:
        para(doc, "")
        para(doc, title, bold=True, size=12)
        para(doc, f"Work stream lead: {owner}")
        trs = []
        for ref, action, who, start, end, sc, rag in rows:
            trs.append([ref, action, who, start, end, sc, {"fill": RAG_HEX[rag]} if rag else ""])
        add_table(doc, header, trs, widths=[1.2, 9.0, 2.0, 2.6, 2.6, 7.0, 1.6])
    para(doc, "")
    para(doc, "Appendix - List of Key Individuals", bold=True, size=12)
    PEOPLE = {
        "SH": (
            "Sarah Hollins",
            "Assistant Director, Education and Skills",
            "Worcestershire County Council",
        ),
        "CB": (
            "Claire Bewdley",
            "Head of SEND and Vulnerable Learners",
            "Worcestershire County Council",
        ),
        "PW": ("Paula Wren", "Local Offer Manager", "Worcestershire County Council"),
        "FM": (
            "Fiona Maddox",
            "SEND Commissioning Lead",
            "Redditch and Bromsgrove, Wyre Forest and South Worcestershire CCGs",
        ),
        "JT": (
            "James Tolley",
            "Designated Clinical Officer",
            "Redditch and Bromsgrove, Wyre Forest and South Worcestershire CCGs",
        ),
    }
    add_table(
        doc,
        ["Initials", "Name", "Role", "Organisation"],
        [[k, *v] for k, v in PEOPLE.items()],
        widths=[2.0, 5.0, 8.0, 10.0],
    )
    save_docx(doc, f / "worcestershire-send-written-statement-of-action.docx", created)

    dues = {
        "March 2019": d(2019, 3, 31),
        "December 2018": d(2018, 12, 31),
        "January 2019": d(2019, 1, 31),
        "Spring 2019": d(2019, 4, 21),
        "May 2019": d(2019, 5, 31),
        "September 2018": d(2018, 9, 30),
        "April 2019": d(2019, 4, 30),
        "Ongoing": None,
    }

    def people(text):
        return [lead(PEOPLE[i][0], "person", PEOPLE[i][2]) for i in re.split(r"\s*/\s*", text)]

    recs = []
    for key, title, owner, rows in WS:
        acts = []
        for ref, action, who, _start, end, sc, rag in rows:
            if isinstance(action, dict):
                text = action["paras"][0]
                steps = action["bullets"]
            else:
                text, steps = action, []
            acts.append(
                act(
                    ref,
                    text,
                    steps=steps,
                    leads=people(who),
                    due=dues[end],
                    due_text=end,
                    status_word="Ongoing" if end == "Ongoing" else None,
                    rag=rag,
                    rag_from_colour=bool(rag),
                    success=sc,
                )
            )
        recs.append(
            rec(
                key,
                title.split(" - ", 1)[-1].split(" \u2013 ", 1)[-1],
                acts,
                overall=[PEOPLE[owner][0]],
            )
        )
    write_expected(
        f,
        source={
            "title": "Worcestershire Local Area SEND Action Plan (Written Statement of Action), in "
            "response to the Ofsted/CQC letter dated 16 May 2018",
            "publisher": "Worcestershire County Council and the Redditch and Bromsgrove, Wyre Forest "
            "and South Worcestershire Clinical Commissioning Groups",
            "url": "https://www.readkong.com/page/worcestershire-local-area-send-action-plan-8469135",
            "date": "2018-07",
            "kind": "SEND area inspection written statement of action",
        },
        fmt="docx",
        plan={
            "title": "Worcestershire Local Area SEND Action Plan",
            "organisation": "Worcestershire County Council and Worcestershire CCGs",
            "period_start": d(2018, 7, 1),
            "period_end": None,
            "strategic_lead": None,
        },
        layout={
            "sheet": None,
            "header_row": 1,
            "columns": {
                "Ref": "ref",
                "Action": "action",
                "Lead": "leads",
                "Start": "start",
                "Completion": "due",
                "Success Criteria / Impact Measure": "success_criteria",
                "RAG": "rag",
            },
        },
        levels=2,
        recommendations=recs,
        difficulties=[
            'Leads are initials only ("CB / FM"); their names, roles and organisations are in the '
            '"Appendix - List of Key Individuals" table at the end, which is not a plan table.',
            "Work streams are numbered in words (One, Three, Four) and only some are present; their "
            "actions are numbered 1.1, 3.1, 4.1.",
            'The contents list is lines of page numbers and titles separated by tabs ("14 - 22\tWork '
            'stream One - The Local Offer") that look like rows.',
            'A footer line with odd capitals sits in the body ("FiNAL v1.0 27 July 2018\tPage 2 of 78").',
            "Hyphen and en dash are mixed in the work stream titles.",
            "One action cell is an introductory sentence followed by bullet steps.",
            "RAG by cell colour only, and blank for actions not yet started.",
            '"Spring 2019" ends at Easter (21 April 2019).',
            "The excerpt shows the front page, approvals, contents and the start of the Statement of "
            "Intent; the work stream tables, the key individuals and their initials are "
            "reconstructed (names invented) in the plan's described structure.",
        ],
    )


# 11 -------------------------------------------------------------------------------


@case
def c11_kent_scb():
    f = folder("11-kent-scb-business-plan-2015")
    created = dt.datetime(2015, 5, 13, 9, 0, 0)
    doc = new_docx("KSCB Business Plan 2015-18", "KSCB", created)
    para(doc, "Kent Safeguarding Children Board", bold=True, size=16)
    para(doc, "Business Plan 2015 \u2013 2018", bold=True, size=16)
    para(doc, "13th May 2015")
    para(doc, "KSCB Business Plan 2015-18 \u2013 FINAL \u2013 13th May 2015 - Website", italic=True)
    para(doc, "Overarching Themes", bold=True)
    nid = new_number_list(doc)
    for t in [
        "Leadership and Governance",
        "Voice of the Child",
        "Quality Assurance and Evidence of impact",
        "Learning from Case Reviews and Child Deaths",
        "Staff Development",
    ]:
        numbered(doc, t, nid)
    para(doc, "Areas of particular interest", bold=True)
    for i, t in enumerate(
        [
            "Child Sexual Exploitation",
            "Early Help",
            "Children in Need",
            "Toxic Trio (Domestic Abuse, Parental Mental Health and Parental Substance Abuse)",
            "Emotional wellbeing of young people",
            "Sexual abuse",
            "Gangs",
            "Prevent",
            "FGM",
        ],
        start=6,
    ):
        para(doc, f"{i}. {t}")
    para(
        doc,
        "The Board, Business Group and each Group will each contribute to the activities around "
        "each of the areas of this Business Plan. All Groups will produce a workplan with details of "
        "activity and evidence of outcomes for children and young people. These workplans will be "
        "presented to the Business Group who will report in to the full Board with progress and "
        "achievements. The Business Plan will be reviewed annually and a report included in the "
        "Board\u2019s Annual Report.",
    )
    doc.add_page_break()
    para(doc, "KSCB Business Plan 2015-18 \u2013 FINAL \u2013 13th May 2015 - Website", italic=True)
    para(doc, "Overarching Themes", bold=True)
    header = ["Theme", "Ref", "Action", "Lead", "Timescale"]
    T1 = [
        (
            "1.1",
            "Governance arrangements to be agreed between boards with clearly defined reporting "
            "structures (Health and Wellbeing Board and Adult Safeguarding Board, Domestic Abuse "
            "Strategy Group) in order to scrutinise local arrangements to safeguard and promote the "
            "welfare of children and to ensure strategies are effectively coordinated.",
            "Independent Chair / Business Group",
            "September 2015",
        ),
        (
            "1.2",
            "Ensure appropriate agency membership of Board Groups and required commitment to activity "
            "undertaken in that role to demonstrate effective membership",
            "Business Group",
            "Ongoing",
        ),
        (
            "1.3",
            "Recruit a Board representative from the Voluntary and Community Sector",
            "KSCB Manager",
            "December 2015",
        ),
        (
            "1.4",
            "Board members to have a greater understanding of partner agencies\u2019 role and "
            "responsibilities through a programme of Board members\u2019 walkabouts and observations",
            "All Board members",
            "March 2016",
        ),
        (
            "1.5",
            "Develop the role of Lay Members to include a role in the Board\u2019s quality assurance "
            "activity",
            "KSCB Manager / Lay Members",
            "March 2016",
        ),
        (
            "1.6",
            "Annual review of the Board\u2019s Business Plan reported in the Annual Report",
            "Business Group",
            "Annually",
        ),
        (
            "1.7",
            "Section 11 audit of all statutory partners and report findings to the Board",
            "Quality and Effectiveness Group",
            "March 2016",
        ),
        (
            "1.8",
            "Review the Board\u2019s budget and partner contributions",
            "Independent Chair",
            "March 2016",
        ),
        (
            "1.8",
            "Develop a protocol for challenge and escalation between Board partners",
            "Business Group / Policy and Procedures Group",
            "December 2015",
        ),
    ]
    T2 = [
        (
            "2.1",
            "Every Group to include the voice of children and young people in its workplan",
            "Chairs of all Groups",
            "September 2015",
        ),
        (
            "2.2",
            "Consult the Kent Youth County Council on the Board\u2019s priorities each year",
            "KSCB Manager",
            "Annually",
        ),
    ]
    rows = []
    for i, (ref, a, who, when) in enumerate(T1):
        rows.append(["1. Leadership and Governance" if i == 0 else "", ref, a, who, when])
    for i, (ref, a, who, when) in enumerate(T2):
        rows.append(["2. Voice of the Child" if i == 0 else "", ref, a, who, when])
    n1 = len(T1)
    merges = [(1, 0, n1, 0), (n1 + 1, 0, n1 + len(T2), 0)]
    add_table(doc, header, rows, merges=merges, widths=[3.2, 1.2, 13.0, 5.0, 3.0])
    save_docx(doc, f / "kscb-business-plan-2015-18.docx", created)

    dues = {
        "September 2015": d(2015, 9, 30),
        "December 2015": d(2015, 12, 31),
        "March 2016": d(2016, 3, 31),
        "Ongoing": None,
        "Annually": None,
    }
    org = "Kent Safeguarding Children Board"

    def leads_of(text):
        out = []
        for part in re.split(r"\s*/\s*", text):
            kind = (
                "group"
                if ("Group" in part or "Members" in part or "members" in part or "Chairs" in part)
                else "role"
            )
            out.append(lead(part, kind, org))
        return out

    def acts_of(rows_):
        return [
            act(
                ref,
                a,
                leads=leads_of(who),
                due=dues[when],
                due_text=when,
                status_word=when if when in ("Ongoing",) else None,
            )
            for ref, a, who, when in rows_
        ]

    recs = [
        rec("1", "Leadership and Governance", acts_of(T1)),
        rec("2", "Voice of the Child", acts_of(T2)),
    ]
    write_expected(
        f,
        source={
            "title": "Kent Safeguarding Children Board Business Plan 2015 \u2013 2018",
            "publisher": "Kent Safeguarding Children Board",
            "url": "https://studylib.net/doc/7074641/kscb-business-plan-2015-18---kent-safeguarding-children-b...",
            "date": "2015-05",
            "kind": "safeguarding children board business plan",
        },
        fmt="docx",
        plan={
            "title": "Kent Safeguarding Children Board Business Plan 2015 \u2013 2018",
            "organisation": org,
            "period_start": d(2015, 4, 1),
            "period_end": d(2018, 3, 31),
            "strategic_lead": None,
        },
        layout={
            "sheet": None,
            "header_row": 1,
            "columns": {
                "Theme": "recommendation",
                "Ref": "ref",
                "Action": "action",
                "Lead": "leads",
                "Timescale": "due",
            },
        },
        levels=2,
        recommendations=recs,
        difficulties=[
            'The theme is a vertically merged first column ("1. Leadership and Governance") over all '
            "its actions.",
            "The reference 1.8 is used twice for two different actions, as in the published plan.",
            'A running header line ("KSCB Business Plan 2015-18 \u2013 FINAL \u2013 13th May 2015 - '
            'Website") appears in the body before the table.',
            "Front matter lists the five overarching themes as a Word numbered list and nine "
            '"areas of particular interest" (6-14) that have no table rows here.',
            'Leads are groups and roles, sometimes two joined by "/".',
            '"Annually" and "Ongoing" in the timescale column.',
            "The excerpt shows the front matter and theme 1 with refs 1.1-1.8 (1.8 twice) and the "
            "wording of actions 1.1-1.5 (1.5 cut off); the Lead and Timescale columns, the wording of "
            "1.5-1.8 and theme 2 are reconstructed.",
        ],
    )


# 12 -------------------------------------------------------------------------------


@case
def c12_reading_audit_tracker():
    f = folder("12-reading-audit-recommendations-tracker-2023")
    created = dt.datetime(2023, 4, 11, 9, 0, 0)
    wb = new_xlsx(
        "Implementation of Audit Recommendations Tracker", "Reading Borough Council", created
    )
    cover = wb.active
    cover.title = "Cover"
    for i, line in enumerate(
        [
            "Reading Borough Council",
            "Audit & Governance Committee",
            "Implementation of Audit Recommendations Tracker",
            "Appendix 1",
            "April 2023",
            "Report of: Chief Auditor",
            "High and medium risk recommendations from audits given a limited or no "
            "assurance opinion. Priority 3 (advisory) recommendations are not tracked.",
        ],
        start=2,
    ):
        put(
            cover, i, 2, line, bold=i in (2, 4), border=False, wrap=False, size=14 if i == 4 else 11
        )
    widths(cover, [3, 90])

    ws = wb.create_sheet("Tracker")
    header = [
        "AR No.",
        "Audit Title",
        "Assurance Opinion",
        "Priority",
        "Finding / Recommendation",
        "Management Response",
        "Responsible Officer",
        "Original Implementation Date",
        "Agreed Completion Date",
        "% Complete",
        "RAG",
        "Update (April 2023)",
    ]
    n = title_rows(
        ws,
        [
            "Implementation of Audit Recommendations Tracker \u2013 April 2023",
            "Audits with a limited or no assurance opinion (RAG rules on the Key sheet)",
            "",
        ],
        len(header),
    )
    hr = n + 1
    put_row(ws, hr, header, bold=True, fill=theme_fill("grey"))
    ROWS = [
        (
            297,
            "1",
            "Direct payment agreements should be signed by the recipient and held on file before "
            "payments start.",
            "Agreed. A set-up checklist will be introduced so that no payment is made without a signed "
            "agreement on file.",
            "Assistant Director of Adult Social Care Operations",
            dt.date(2022, 3, 31),
            dt.date(2023, 6, 30),
            0.8,
            "green",
            "Checklist in use since February 2023; sample check of new cases due June 2023.",
        ),
        (
            298,
            "2",
            "Annual reviews of direct payment accounts should be completed for all recipients.",
            "Agreed. A review schedule will be set up and monitored monthly by the team manager.",
            "Direct Payments Team Manager",
            dt.date(2022, 3, 31),
            dt.date(2023, 9, 30),
            0.5,
            "amber",
            "Schedule in place; half of the overdue reviews completed.",
        ),
        (
            299,
            "1",
            "Unspent balances should be identified and recovered in line with the Direct Payments "
            "policy.",
            "Agreed. A quarterly report of balances above the policy threshold will be produced and "
            "recovery action taken.",
            "Financial Assessment & Benefits Manager",
            dt.date(2022, 6, 30),
            dt.date(2023, 3, 31),
            0.2,
            "red",
            "First report produced; recovery process not yet agreed.",
        ),
        (
            300,
            "1",
            "The Direct Payments policy should be reviewed, updated and approved.",
            "Agreed. The policy will be refreshed and taken to Policy Committee.",
            "Assistant Director of Commissioning",
            dt.date(2022, 9, 30),
            dt.date(2023, 3, 31),
            0.1,
            "red",
            "Draft delayed by staffing changes.",
        ),
        (
            301,
            "2",
            "Payroll services used by direct payment recipients who employ personal assistants "
            "should be monitored.",
            "Agreed. Contract monitoring of the payroll provider will be added to the commissioning plan.",
            "Head of Commissioning",
            dt.date(2022, 9, 30),
            dt.date(2023, 1, 31),
            0.4,
            "red",
            "Monitoring framework drafted.",
        ),
        (
            302,
            "1",
            "Access rights to the social care case management system should be reviewed.",
            "Agreed. An access rights review will be completed with IT.",
            "Business Systems Manager",
            dt.date(2022, 12, 31),
            dt.date(2023, 3, 31),
            0.0,
            "red",
            "Not started.",
        ),
        (
            303,
            "2",
            "Management information on direct payments should be reported to the Directorate "
            "Management Team quarterly.",
            "Agreed. A quarterly dashboard will be developed.",
            "Performance Manager",
            dt.date(2022, 12, 31),
            dt.date(2023, 9, 30),
            0.6,
            "amber",
            "Dashboard in testing.",
        ),
        (
            304,
            "2",
            "Written procedures for the direct payments finance team should be completed.",
            "Agreed.",
            "Direct Payments Team Manager",
            dt.date(2023, 3, 31),
            dt.date(2023, 12, 31),
            0.3,
            "amber",
            "Procedures being written.",
        ),
    ]
    for i, (ar, pr, finding, mr, ro, orig, agreed, pct, rag, upd) in enumerate(ROWS):
        r = hr + 1 + i
        put_row(
            ws,
            r,
            [
                ar,
                "Direct Payments" if i == 0 else None,
                "Limited Assurance" if i == 0 else None,
                pr,
                finding,
                mr,
                ro,
                orig,
                agreed,
                pct,
                None,
                upd,
            ],
        )
        ws.cell(r, 8).number_format = "dd/mm/yyyy"
        ws.cell(r, 9).number_format = "dd/mm/yyyy"
        ws.cell(r, 10).number_format = "0%"
        ws.cell(r, 11).fill = theme_fill(rag)
    last = hr + len(ROWS)
    ws.merge_cells(start_row=hr + 1, start_column=2, end_row=last, end_column=2)
    ws.merge_cells(start_row=hr + 1, start_column=3, end_row=last, end_column=3)
    ws.freeze_panes = f"{get_column_letter(3)}{hr + 1}"
    widths(ws, [8, 16, 12, 8, 40, 40, 24, 13, 13, 9, 6, 36])

    key = wb.create_sheet("Key")
    put(key, 1, 1, "Key", bold=True, border=False)
    put(key, 3, 1, None, fill=theme_fill("red"))
    put(
        key,
        3,
        2,
        "Red \u2013 up to 25% complete, or less than 50% complete and past the agreed "
        "completion date",
    )
    put(key, 4, 1, None, fill=theme_fill("amber"))
    put(key, 4, 2, "Amber \u2013 between 26% and 75% complete")
    put(key, 5, 1, None, fill=theme_fill("green"))
    put(key, 5, 2, "Green \u2013 over 75% complete")
    put(
        key,
        7,
        2,
        "Priority 1 \u2013 high risk; Priority 2 \u2013 medium risk; Priority 3 \u2013 "
        "advisory (not tracked)",
    )
    widths(key, [6, 90])
    save_xlsx(wb, f / "reading-audit-recommendations-tracker.xlsx", created)

    org = "Reading Borough Council"
    recs = []
    for ar, _pr, finding, mr, ro, _orig, agreed, _pct, rag, upd in ROWS:
        recs.append(
            rec(
                str(ar),
                finding,
                [
                    act(
                        None,
                        mr,
                        leads=[lead(ro, "role", org)],
                        due=agreed.isoformat(),
                        due_text=agreed.strftime("%d/%m/%Y"),
                        rag=rag,
                        rag_from_colour=True,
                        progress=upd,
                        reporting_body="Audit & Governance Committee",
                    ),
                ],
            )
        )
    write_expected(
        f,
        source={
            "title": "Implementation of Audit Recommendations Tracker (Appendix 1)",
            "publisher": "Reading Borough Council (Audit & Governance Committee)",
            "url": "https://democracy.reading.gov.uk/mgAi.aspx?ID=5596",
            "date": "2023",
            "kind": "internal audit recommendation tracker",
        },
        fmt="xlsx",
        plan={
            "title": "Implementation of Audit Recommendations Tracker",
            "organisation": org,
            "period_start": None,
            "period_end": None,
            "strategic_lead": "Chief Auditor",
        },
        layout={
            "sheet": "Tracker",
            "header_row": hr,
            "columns": {
                "AR No.": "recommendation_ref",
                "Audit Title": "ignore",
                "Assurance Opinion": "ignore",
                "Priority": "ignore",
                "Finding / Recommendation": "recommendation",
                "Management Response": "response",
                "Responsible Officer": "leads",
                "Original Implementation Date": "milestones",
                "Agreed Completion Date": "due",
                "% Complete": "percent",
                "RAG": "rag",
                "Update (April 2023)": "progress",
            },
        },
        levels=2,
        recommendations=recs,
        difficulties=[
            "Each row is an audit recommendation with its management response: no action column; "
            "the response is the action.",
            "RAG is cell fill only, in theme colours with a tint (not RGB); the RAG cells are empty.",
            "RAG is derived from % complete and dates by the rule on the Key sheet (up to 25% red, "
            "26-75% amber, over 75% green; under 50% and past the agreed date red), so AR 301 at 40% "
            "is red, not amber.",
            "Two date columns: the original implementation date and the (later) agreed completion "
            "date; the agreed date is the one that counts for overdue.",
            "Dates are real Excel dates shown dd/mm/yyyy; % complete is a number shown as a percentage.",
            "Audit title and assurance opinion are vertically merged over all eight rows of the audit.",
            "Three title rows above the header; a cover sheet and a key sheet; panes frozen below the "
            "header.",
            "The committee minutes give the tracker's rules, the AR numbers 297-304 (Direct Payments, "
            "limited assurance) and that ARs 299-302 were red; the column layout and the wording of "
            "the recommendations, responses and updates are reconstructed.",
        ],
    )


# 13 -------------------------------------------------------------------------------


@case
def c13_shsc_cqc():
    f = folder("13-shsc-cqc-action-plan-2017")
    created = dt.datetime(2017, 9, 29, 9, 0, 0)
    wb = new_xlsx(
        "CQC Action Plan Progress Update", "Sheffield Health and Social Care NHS FT", created
    )
    cover = wb.active
    cover.title = "Cover"
    lines = [
        "Sheffield Health and Social Care NHS Foundation Trust",
        "CQC Action Plan Progress Update \u2013 Quarter 2 2017/18",
        "Comprehensive inspection: November 2016. Reports published: 30 March 2017.",
        "There are 88 actions in total: 39 \u2018Must do\u2019 actions and 49 \u2018Should do\u2019 actions.",
        "Once the CSPI Team is satisfied the action has been completed and there is evidence to "
        "demonstrate improvement the action is \u2018signed off\u2019 and turns blue.",
        "",
        "Summary",
        "Red \u2018Off Track\u2019",
        "Amber \u2018On Track\u2019",
        "Green \u2018Complete\u2019",
        "Blue \u2018Complete & CSPI\u2019",
    ]
    counts = [None] * 7 + [0, 44, 26, 18]
    for i, (line, c) in enumerate(zip(lines, counts, strict=False), start=1):
        put(
            cover,
            i,
            1,
            line,
            bold=i in (1, 2, 7),
            border=False,
            wrap=False,
            size=14 if i == 2 else 11,
        )
        if c is not None:
            put(cover, i, 2, c, border=True)
    for i, colour in zip(range(8, 12), ["red", "amber", "green", "blue"], strict=False):
        cover.cell(i, 1).fill = theme_fill(colour)
    widths(cover, [60, 8])

    key = wb.create_sheet("Key")
    put(key, 1, 1, "Status key", bold=True, border=False)
    for i, (colour, label, meaning) in enumerate(
        [
            ("red", "Off Track", "Action will not be completed by the target date"),
            ("amber", "On Track", "Action in progress and expected to complete by the target date"),
            (
                "green",
                "Complete",
                "Action completed; awaiting Care Standards Peer Inspection (CSPI)",
            ),
            ("blue", "Complete & CSPI", "Action completed and tested in practice by a CSPI visit"),
        ],
        start=3,
    ):
        put(key, i, 1, label, fill=theme_fill(colour))
        put(key, i, 2, meaning)
    widths(key, [18, 70])

    header = [
        "Ref",
        "Must Do / Should Do",
        "CQC Requirement",
        "Action",
        "Lead",
        "Target Date",
        "Progress Update (September 2017)",
        "Status",
    ]
    SHEETS = {
        "Provider": [
            (
                "P1",
                "Must Do",
                "The trust must ensure that all staff complete mandatory training, including "
                "Mental Capacity Act and Mental Health Act training. (Regulation 18)",
                "Mandatory training compliance reported monthly to each directorate; targeted sessions "
                "for teams below 80%",
                "Head of Learning and Development",
                "30/11/2017",
                "Compliance 84% at end of August 2017.",
                "amber",
                "On Track",
            ),
            (
                "P2",
                "Must Do",
                "The trust must ensure that the environment of care is safe, including "
                "ligature risks being assessed and mitigated. (Regulation 12)",
                "Ligature risk assessments completed for all inpatient areas and works programme agreed",
                "Director of Estates",
                "31/03/2018",
                "Assessments complete; works programme approved.",
                "blue",
                "Complete & CSPI",
            ),
            (
                "P3",
                "Must Do",
                "The trust must ensure that staff receive regular supervision and appraisal. "
                "(Regulation 18)",
                "Supervision recording added to the electronic staff record; monthly compliance report",
                "Director of Workforce",
                "30/09/2017",
                "Reporting live from August 2017.",
                "green",
                "Complete",
            ),
            (
                "P4",
                "Should Do",
                "The trust should ensure that care plans are personalised and show the "
                "involvement of service users. (Regulation 9)",
                "Care plan audit tool revised; quarterly audit by each team",
                "Director of Nursing",
                "31/12/2017",
                "Audit tool revised; first audit due October 2017.",
                "amber",
                "On Track",
            ),
            (
                "P5",
                "Should Do",
                "The trust should ensure that governance processes provide assurance "
                "from ward to board. (Regulation 17)",
                "Review of the quality governance structure",
                "Director of Corporate Governance",
                "31/10/2017",
                "Review delayed pending new Board appointments.",
                "red",
                "Off Track",
            ),
        ],
        "Acute wards": [
            (
                "AW1",
                "Must Do",
                "The trust must ensure that seclusion is carried out and recorded in line "
                "with the Mental Health Act Code of Practice. (Regulation 13)",
                "Seclusion policy re-issued; weekly audit of seclusion records by ward managers",
                "Clinical Director, Acute and Community",
                "31/08/2017",
                "Weekly audits in place.",
                "blue",
                "Complete & CSPI",
            ),
            (
                "AW2",
                "Must Do",
                "The trust must ensure that patients\u2019 physical health is monitored "
                "after rapid tranquillisation. (Regulation 12)",
                "Physical health monitoring form introduced and audited monthly",
                "Service Manager, Acute Wards",
                "30/11/2017",
                "Form introduced; audit shows 70% compliance.",
                "amber",
                "On Track",
            ),
        ],
    }
    layout_hr = None
    for sheet_name, rows in SHEETS.items():
        ws = wb.create_sheet(sheet_name)
        n = title_rows(
            ws,
            [
                f"CQC Action Plan \u2013 {sheet_name}",
                "Sheffield Health and Social Care NHS Foundation Trust",
                "",
            ],
            len(header),
        )
        hr = n + 1
        layout_hr = layout_hr or hr
        put_row(ws, hr, header, bold=True, fill=rgb_fill("header"))
        for i, (ref, md, req, action, who, target, prog, colour, status) in enumerate(rows):
            r = hr + 1 + i
            put_row(ws, r, [ref, md, req, action, who, target, prog, status])
            ws.cell(r, 8).fill = theme_fill(colour)
        ws.freeze_panes = f"{get_column_letter(1)}{hr + 1}"
        ws.auto_filter.ref = f"A{hr}:H{hr + len(rows)}"
        widths(ws, [6, 12, 48, 44, 28, 12, 36, 16])
    save_xlsx(wb, f / "shsc-cqc-action-plan-progress.xlsx", created)

    org = "Sheffield Health and Social Care NHS Foundation Trust"
    rag_of = {"red": "red", "amber": "amber", "green": "green", "blue": "blue"}
    recs = []
    for rows in SHEETS.values():
        for ref, _md, req, action, who, target, prog, colour, status in rows:
            day, month, year = (int(x) for x in target.split("/"))
            recs.append(
                rec(
                    ref,
                    req,
                    [
                        act(
                            ref,
                            action,
                            leads=[lead(who, "role", org)],
                            due=d(year, month, day),
                            due_text=target,
                            status_word=status,
                            rag=rag_of[colour],
                            rag_from_colour=False,
                            progress=prog,
                        ),
                    ],
                )
            )
    write_expected(
        f,
        source={
            "title": "CQC Action Plan Progress Update",
            "publisher": "Sheffield Health and Social Care NHS Foundation Trust",
            "url": "https://shsc.nhs.uk/about-us/corporate-information/cqc/action-plan-progress-update/",
            "date": "2017",
            "kind": "CQC provider action plan (Must do / Should do)",
        },
        fmt="xlsx",
        plan={
            "title": "CQC Action Plan Progress Update",
            "organisation": org,
            "period_start": d(2017, 3, 30),
            "period_end": None,
            "strategic_lead": None,
        },
        layout={
            "sheet": "Provider",
            "header_row": layout_hr,
            "columns": {
                "Ref": "ref",
                "Must Do / Should Do": "ignore",
                "CQC Requirement": "recommendation",
                "Action": "action",
                "Lead": "leads",
                "Target Date": "due",
                "Progress Update (September 2017)": "progress",
                "Status": "status",
            },
        },
        levels=2,
        recommendations=recs,
        difficulties=[
            "Two plan sheets with the same header (the provider plan and one core service, "
            '"Acute wards"), after a cover sheet and a key sheet; recommendations from both sheets '
            "are listed here, provider first.",
            "Four-colour BRAG: Red Off Track, Amber On Track, Green Complete, Blue Complete & CSPI "
            "(signed off after a peer inspection) - blue is not 'done', it is 'done and checked'.",
            "The status cell holds both a word and a theme-colour fill with tint; the key sheet uses "
            "the same fills.",
            "The regulation breached is in brackets at the end of the CQC requirement text.",
            "Target dates are text in dd/mm/yyyy form, not Excel dates.",
            "The cover sheet repeats the summary counts (0 / 44 / 26 / 18) with coloured cells; they "
            "are not plan rows.",
            "The trust's page gives the inspection and report dates, the 88 actions (39 must do, 49 "
            "should do), the BRAG definitions and the CSPI sign-off; the sheet layout and the rows are "
            "reconstructed.",
        ],
    )


# 14 -------------------------------------------------------------------------------


@case
def c14_cheshire_east_ilacs():
    f = folder("14-cheshire-east-ilacs-progress-2022")
    created = dt.datetime(2022, 5, 9, 9, 0, 0)
    wb = new_xlsx("Ofsted Action Plan and Progress Update", "Cheshire East Council", created)
    cover = wb.active
    cover.title = "Cover"
    cover_sheet(
        cover,
        [
            "Cheshire East Council \u2013 Children\u2019s Services",
            "Ofsted ILACS Action Plan \u2013 Progress Update",
            "Inspection of Local Authority Children\u2019s Services: November 2019",
            "Children and Families Committee: 23 May 2022",
            "Lead: Director of Children\u2019s Social Care",
            "",
            "RAG key",
        ],
        [
            ("green", "G \u2013 complete or on track"),
            ("amber", "A \u2013 some slippage, being addressed"),
            ("red", "R \u2013 off track"),
        ],
        width=70,
    )

    ws = wb.create_sheet("Action Plan")
    header = [
        "Ofsted Recommendation",
        "Ref",
        "Action",
        "Lead Officer",
        "Timescale",
        "Progress Update (May 2022)",
        "RAG",
    ]
    n = title_rows(
        ws, ["Ofsted ILACS Action Plan \u2013 Progress Update May 2022", ""], len(header)
    )
    hr = n + 1
    put_row(ws, hr, header, bold=True, fill=theme_fill("grey"))
    R = [
        (
            "The quality and consistency of management oversight and supervision, so that plans for "
            "children progress without delay.",
            [
                (
                    "1.1",
                    "Refresh the supervision policy and audit compliance each quarter",
                    "Head of Service \u2013 Quality Assurance",
                    "Complete",
                    "Policy refreshed and launched; quarterly audits in place.",
                    "green",
                    "G",
                ),
                (
                    "1.2",
                    "Management oversight training for all team managers",
                    "Principal Social Worker",
                    "Q3 21/22",
                    "Training delivered to 38 managers; impact audit planned.",
                    "green",
                    None,
                ),
            ],
        ),
        (
            "The quality of plans for children in need and children subject to child protection plans, "
            "so that they are specific and measurable.",
            [
                (
                    "2.1",
                    "Introduce a SMART planning practice standard and template",
                    "Head of Service, Children in Need and Child Protection",
                    "March 2022",
                    "Template launched February 2022.",
                    "green",
                    "G",
                ),
                (
                    "2.2",
                    "Monthly thematic audit of plans with feedback to practitioners",
                    "Head of Service \u2013 Quality Assurance",
                    "Ongoing",
                    "Audit grades for plans improving but not yet consistent.",
                    "amber",
                    "A",
                ),
            ],
        ),
        (
            "The timeliness and quality of return home interviews for children who go missing, and the "
            "use of the information gathered.",
            [
                (
                    "3.1",
                    "Recommission the return home interview service with a 72-hour standard",
                    "Head of Commissioning",
                    "end of 2022/23",
                    "Procurement delayed; interim arrangements extended.",
                    "red",
                    None,
                ),
                (
                    "3.2",
                    "Report missing episodes and return home interviews to the Safeguarding Children "
                    "Partnership each quarter",
                    "Head of Service, Early Help",
                    "Ongoing",
                    "Quarterly reports presented.",
                    "green",
                    "G",
                ),
            ],
        ),
        (
            "Pathway plans for care leavers are updated when circumstances change and reflect their views.",
            [
                (
                    "4.1",
                    "Pathway plan reviews aligned with personal adviser visits",
                    "Head of Service, Cared for Children and Care Leavers",
                    "Q3 21/22",
                    "Alignment in place; 85% of plans reviewed in time.",
                    "amber",
                    "A",
                ),
                (
                    "4.2",
                    "Care leavers\u2019 forum to co-design the pathway plan format",
                    "Participation Lead",
                    "TBC",
                    "Forum sessions being arranged.",
                    "amber",
                    None,
                ),
            ],
        ),
    ]
    r = hr + 1
    for title, rows in R:
        start = r
        for i, (ref, action, who, when, prog, colour, letter) in enumerate(rows):
            put_row(ws, r, [title if i == 0 else None, ref, action, who, when, prog, letter])
            ws.cell(r, 7).fill = theme_fill(colour)
            r += 1
        ws.merge_cells(start_row=start, start_column=1, end_row=r - 1, end_column=1)
    ws.freeze_panes = f"{get_column_letter(2)}{hr + 1}"
    widths(ws, [42, 6, 44, 32, 14, 44, 6])
    save_xlsx(wb, f / "cheshire-east-ofsted-action-plan-progress.xlsx", created)

    dues = {
        "Complete": None,
        "Q3 21/22": d(2021, 12, 31),
        "March 2022": d(2022, 3, 31),
        "Ongoing": None,
        "end of 2022/23": d(2023, 3, 31),
        "TBC": None,
    }
    words = {"Complete": "Complete", "Ongoing": "Ongoing", "TBC": "TBC"}
    org = "Cheshire East Council"
    recs = []
    for i, (title, rows) in enumerate(R, 1):
        acts = []
        for ref, action, who, when, prog, colour, letter in rows:
            acts.append(
                act(
                    ref,
                    action,
                    leads=[lead(who, "role", org)],
                    due=dues[when],
                    due_text=when,
                    status_word=words.get(when),
                    rag=colour,
                    rag_from_colour=letter is None,
                    progress=prog,
                    reporting_body="Children and Families Committee",
                    reporting_date=d(2022, 5, 23),
                )
            )
        recs.append(rec(str(i), title, acts))
    write_expected(
        f,
        source={
            "title": "Ofsted Action Plan and Progress Update (Children and Families Committee, "
            "23 May 2022)",
            "publisher": "Cheshire East Council",
            "url": "https://moderngov.cheshireeast.gov.uk/ieIssueDetails.aspx?IId=69513&Opt=3",
            "date": "2022-05",
            "kind": "Ofsted ILACS post-inspection action plan (progress update)",
        },
        fmt="xlsx",
        plan={
            "title": "Ofsted ILACS Action Plan \u2013 Progress Update",
            "organisation": org,
            "period_start": None,
            "period_end": None,
            "strategic_lead": "Director of Children\u2019s Social Care",
        },
        layout={
            "sheet": "Action Plan",
            "header_row": hr,
            "columns": {
                "Ofsted Recommendation": "recommendation",
                "Ref": "ref",
                "Action": "action",
                "Lead Officer": "leads",
                "Timescale": "due",
                "Progress Update (May 2022)": "progress",
                "RAG": "rag",
            },
        },
        levels=2,
        recommendations=recs,
        difficulties=[
            "The Ofsted recommendation is a column merged vertically over its actions; the "
            "recommendations themselves are not numbered (the refs 1.1, 2.1 imply the numbers).",
            "RAG is a theme-colour fill with tint; some RAG cells also hold a letter (G/A) and some "
            "only the colour.",
            'Timescales mix a status ("Complete"), financial-year quarters ("Q3 21/22" = '
            'October-December 2021), "end of 2022/23" (31 March 2023), "Ongoing" and "TBC".',
            "The cover sheet carries the RAG key and the inspection and committee dates.",
            "The minutes record that members asked for more detail on how closely targets were met "
            "behind each rating; the recommendation wording, actions and progress text are "
            "reconstructed in the style of the progress update.",
        ],
    )


# 15 -------------------------------------------------------------------------------


@case
def c15_herefordshire_ilacs():
    f = folder("15-herefordshire-ilacs-improvement-plan-2022")
    created = dt.datetime(2022, 12, 5, 9, 0, 0)
    wb = new_xlsx("Children's Improvement Action Plan", "Herefordshire Council", created)
    ws = wb.active
    ws.title = "Improvement Plan"
    months = [
        dt.date(2022, 12, 1),
        dt.date(2023, 1, 1),
        dt.date(2023, 2, 1),
        dt.date(2023, 3, 1),
        dt.date(2023, 4, 1),
        dt.date(2023, 5, 1),
        dt.date(2023, 6, 1),
    ]
    mlabels = [m.strftime("%b-%y") for m in months]
    header = ["Ref", "Action", "Lead", *mlabels, "Measure of impact"]
    n = title_rows(
        ws,
        [
            "Herefordshire Council \u2013 Children\u2019s Improvement Action Plan",
            "Response to the Ofsted inspection of local authority children\u2019s services "
            "(July 2022)",
            "Draft for Cabinet 15 December 2022 \u2013 timelines added following Children and "
            "Young People Scrutiny Committee",
            "",
        ],
        len(header),
    )
    hr = n + 1
    put_row(ws, hr, header, bold=True, fill=rgb_fill("header"))
    for j, m in enumerate(months):
        c = ws.cell(hr, 4 + j, m)
        c.number_format = "mmm-yy"
    P = [
        (
            "Priority 1: Children get the right help at the right time when they are first referred",
            [
                (
                    "1.1",
                    "Increase capacity in the contact and referral team so that contacts are screened "
                    "within 24 hours",
                    "Head of Service, Front Door",
                    (0, 2),
                    "95% of contacts screened within 24 hours",
                ),
                (
                    "1.2",
                    "Respond to requests for information from partners within agreed timescales",
                    "Team Manager, MASH",
                    (0, 3),
                    "Timeliness of responses reported weekly",
                ),
                (
                    "1.3",
                    "Multi-agency threshold training for partners",
                    "Herefordshire Safeguarding Children Partnership",
                    (1, 5),
                    "Appropriate referrals as a share of all contacts",
                ),
            ],
        ),
        (
            "Priority 2: Early support for expectant mothers and newborns",
            [
                (
                    "2.1",
                    "Agree a pre-birth pathway with midwifery and health visiting",
                    "Service Director, Early Help (with Wye Valley NHS Trust)",
                    (1, 3),
                    "Pathway agreed and in use",
                ),
                (
                    "2.2",
                    "Pre-birth assessments started by 20 weeks of pregnancy where there are concerns",
                    "Head of Service, Assessment",
                    (3, 6),
                    "Percentage of pre-birth assessments started on time",
                ),
            ],
        ),
        (
            "Priority 3: Leaders know the quality of practice and act on it",
            [
                (
                    "3.1",
                    "Monthly practice audits moderated by senior managers",
                    "Head of Quality and Performance",
                    (0, 6),
                    "Audit grades; moderation agreement rate",
                ),
                (
                    "3.2",
                    "Publish an accessible version of this plan for children, families and staff",
                    "Director, Children and Families",
                    (1, 1),
                    "Accessible version published",
                ),
            ],
        ),
    ]
    r = hr + 1
    band = rgb_fill("FF8EA9DB")
    for title, rows in P:
        put(ws, r, 1, title, bold=True, fill=rgb_fill("band"))
        ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=len(header))
        r += 1
        for ref, action, who, (m0, m1), impact in rows:
            put_row(ws, r, [ref, action, who] + [None] * len(months) + [impact])
            for j in range(m0, m1 + 1):
                ws.cell(r, 4 + j).fill = band
            r += 1
    ws.freeze_panes = f"{get_column_letter(4)}{hr + 1}"
    widths(ws, [6, 50, 30] + [7] * len(months) + [34])
    save_xlsx(wb, f / "herefordshire-childrens-improvement-action-plan.xlsx", created)

    def end_of(m):
        nxt = dt.date(m.year + (m.month == 12), m.month % 12 + 1, 1)
        return (nxt - dt.timedelta(days=1)).isoformat()

    org = "Herefordshire Council"
    recs = []
    for i, (title, rows) in enumerate(P, 1):
        acts = []
        for ref, action, who, (m0, m1), impact in rows:
            if "Partnership" in who:
                leads = [lead("Herefordshire Safeguarding Children Partnership", "group", None)]
            elif "(with" in who:
                leads = [
                    lead("Service Director, Early Help", "role", org),
                    lead("Wye Valley NHS Trust", "organisation", None),
                ]
            else:
                leads = [lead(who, "role", org)]
            acts.append(
                act(
                    ref,
                    action,
                    leads=leads,
                    due=end_of(months[m1]),
                    due_text=f"{mlabels[m0]} to {mlabels[m1]} (shaded months)",
                    success=impact,
                )
            )
        recs.append(rec(str(i), title.split(": ", 1)[1], acts))
    cols = {"Ref": "ref", "Action": "action", "Lead": "leads"}
    cols.update({m: "period" for m in mlabels})
    cols["Measure of impact"] = "success_criteria"
    write_expected(
        f,
        source={
            "title": "Children\u2019s Improvement Action Plan (Cabinet, 15 December 2022)",
            "publisher": "Herefordshire Council",
            "url": "https://councillors.herefordshire.gov.uk/ieIssueDetails.aspx?IId=50043387&Opt=3",
            "date": "2022-12",
            "kind": "Ofsted ILACS post-inspection improvement plan",
        },
        fmt="xlsx",
        plan={
            "title": "Children\u2019s Improvement Action Plan",
            "organisation": org,
            "period_start": d(2022, 12, 1),
            "period_end": d(2023, 6, 30),
            "strategic_lead": "Director, Children and Families",
        },
        layout={"sheet": "Improvement Plan", "header_row": hr, "columns": cols},
        levels=2,
        recommendations=recs,
        difficulties=[
            "No date column: when each action happens is shown only by shaded month cells (a Gantt "
            "timeline); the due date is the end of the last shaded month.",
            'The month headers are real Excel dates displayed as "Dec-22", not text.',
            'Priorities are rows merged across the whole table ("Priority 1: ...") above their actions.',
            "A lead can be a role with a partner organisation in brackets, or a partnership.",
            "Four title rows above the header, the last blank; panes frozen at the first month column.",
            "The cabinet minutes give the plan's existence, the timelines added after scrutiny, the "
            "front door and pre-birth (midwifery and health visiting) themes and the accessible "
            "version; the priorities' wording, the rows and the timeline layout are reconstructed.",
        ],
    )


# 16 -------------------------------------------------------------------------------


@case
def c16_epping_forest_kap():
    f = folder("16-epping-forest-key-action-plan-2016")
    created = dt.datetime(2017, 2, 1, 9, 0, 0)
    wb = new_xlsx("Key Action Plan 2016/17", "Epping Forest District Council", created)
    cover = wb.active
    cover.title = "Cover"
    lines = [
        "Epping Forest District Council",
        "Corporate Plan 2015-2020",
        "Key Action Plan 2016/17 \u2013 Quarter 3 (October \u2013 December 2016) progress",
        "Resources Select Committee",
        "",
        "There were 49 actions in total for which progress updates for Q3 are as follows:",
    ]
    for i, line in enumerate(lines, start=1):
        put(cover, i, 1, line, bold=i in (1, 3), border=False, wrap=False)
    STATUS = {
        "Achieved or On-Target": "FF92D050",
        "Under Control": "FFFFC000",
        "Behind Schedule": "FFFF0000",
        "Pending": "FFBFBFBF",
    }
    for i, (label, count, pct) in enumerate(
        [
            ("Achieved or On-Target", 26, "53%"),
            ("Under Control", 13, "27%"),
            ("Behind Schedule", 4, "8%"),
            ("Pending", 6, "12%"),
        ],
        start=7,
    ):
        put(cover, i, 1, label, fill=rgb_fill(STATUS[label]))
        put(cover, i, 2, count)
        put(cover, i, 3, pct)
    widths(cover, [70, 8, 8])

    ws = wb.create_sheet("Key Action Plan")
    header = [
        "Ref",
        "Action",
        "Target Date",
        "Lead Directorate",
        "Q1 (Apr-Jun)",
        "Q2 (Jul-Sep)",
        "Q3 (Oct-Dec)",
        "Q4 (Jan-Mar)",
        "Progress at Q3",
    ]
    n = title_rows(
        ws,
        [
            "Corporate Plan Key Action Plan 2016/17 \u2013 Resources Select Committee",
            "Status at each quarter: Achieved or On-Target / Under Control / Behind Schedule "
            "/ Pending",
            "",
        ],
        len(header),
    )
    hr = n + 1
    put_row(ws, hr, header, bold=True, fill=rgb_fill("header"))
    AIMS = [
        (
            "1",
            "Corporate Aim 1: To ensure that the Council has appropriate resources, on an ongoing basis, "
            "to fund its statutory duties and appropriate discretionary services whilst continuing to "
            "keep Council Tax low",
            [
                (
                    "1(a)",
                    "Key Objective 1(a): To ensure that the Council\u2019s Medium Term Financial Strategy "
                    "plans to meet the Council\u2019s financial and service requirements for forthcoming "
                    "years, whilst minimising any reliance on Government funding",
                    [
                        (
                            "1(a)(i)",
                            "Adopt a Medium Term Financial Strategy for 2017/18 to 2020/21",
                            "end of 2016/17",
                            "Resources",
                            ["Achieved or On-Target"] * 3,
                            "MTFS presented to Finance and Performance Management Cabinet Committee January 2017.",
                        ),
                        (
                            "1(a)(ii)",
                            "Review fees and charges to ensure that costs are recovered where appropriate",
                            "December 2016",
                            "Resources",
                            ["Achieved or On-Target", "Under Control", "Achieved or On-Target"],
                            "Fees and charges agreed as part of the budget.",
                        ),
                    ],
                ),
                (
                    "1(b)",
                    "Key Objective 1(b): To continue to review and develop the Council\u2019s own assets "
                    "and landholdings for the benefit of the district",
                    [
                        (
                            "1(b)(i)",
                            "Complete the development of the Epping Forest Shopping Park",
                            "Q4 2016/17",
                            "Neighbourhoods",
                            ["Under Control", "Under Control", "Behind Schedule"],
                            "Opening delayed to autumn 2017 following contractor issues.",
                        ),
                        (
                            "1(b)(ii)",
                            "Progress the North Weald Airfield master plan",
                            "March 2017",
                            "Neighbourhoods",
                            ["Pending", "Under Control", "Under Control"],
                            "Consultants appointed; master plan in preparation.",
                        ),
                    ],
                ),
            ],
        ),
        (
            "3",
            "Corporate Aim 3: To ensure that the Council adopts modern technology, processes and "
            "procedures to enable residents and customers to access its services and information in "
            "ways that they prefer",
            [
                (
                    "3(a)",
                    "Key Objective 3(a): To utilise modern technology to enable Council officers and "
                    "members to work more effectively",
                    [
                        (
                            "3(a)(i)",
                            "Implement the ICT Strategy work programme for 2016/17",
                            "March 2017",
                            "Resources",
                            ["Achieved or On-Target", "Achieved or On-Target", "Under Control"],
                            "Most projects on track; telephony replacement slipped to Q1 2017/18.",
                        ),
                        (
                            "3(a)(ii)",
                            "Introduce paperless committee meetings for members",
                            "Ongoing",
                            "Governance",
                            ["Pending", "Pending", "Achieved or On-Target"],
                            "Tablets issued to members in November 2016.",
                        ),
                    ],
                ),
                (
                    "3(b)",
                    "Key Objective 3(b): To improve the ways in which residents and customers can "
                    "access services online",
                    [
                        (
                            "3(b)(i)",
                            "Launch the new Council website with online forms and payments",
                            "December 2016",
                            "Governance",
                            ["Achieved or On-Target", "Under Control", "Behind Schedule"],
                            "Launch moved to February 2017.",
                        ),
                    ],
                ),
            ],
        ),
    ]
    r = hr + 1
    for _num, aim, objs in AIMS:
        put(ws, r, 1, aim, bold=True, fill=rgb_fill("FFB4C6E7"))
        ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=len(header))
        r += 1
        for _onum, otext, acts_ in objs:
            put(ws, r, 1, otext, bold=True, fill=rgb_fill("band"))
            ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=len(header))
            r += 1
            for ref, action, target, lead_dir, qs, prog in acts_:
                put_row(ws, r, [ref, action, target, lead_dir, *qs, None, prog])
                for j, q in enumerate(qs):
                    ws.cell(r, 5 + j).fill = rgb_fill(STATUS[q])
                r += 1
    ws.freeze_panes = f"{get_column_letter(3)}{hr + 1}"
    widths(ws, [9, 50, 14, 16, 14, 14, 14, 14, 44])
    save_xlsx(wb, f / "epping-forest-key-action-plan-2016-17.xlsx", created)

    rag = {
        "Achieved or On-Target": "green",
        "Under Control": "amber",
        "Behind Schedule": "red",
        "Pending": None,
    }
    dues = {
        "end of 2016/17": d(2017, 3, 31),
        "December 2016": d(2016, 12, 31),
        "Q4 2016/17": d(2017, 3, 31),
        "March 2017": d(2017, 3, 31),
        "Ongoing": None,
    }
    org = "Epping Forest District Council"
    recs = []
    for num, aim, objs in AIMS:
        obj_list = []
        for onum, otext, acts_ in objs:
            obj_list.append(
                objective(
                    onum,
                    otext.split(": ", 1)[1],
                    [
                        act(
                            ref,
                            action,
                            leads=[lead(f"{lead_dir} Directorate", "group", org)],
                            due=dues[target],
                            due_text=target,
                            status_word=qs[-1],
                            rag=rag[qs[-1]],
                            rag_from_colour=False,
                            progress=prog,
                            reporting_body="Resources Select Committee",
                        )
                        for ref, action, target, lead_dir, qs, prog in acts_
                    ],
                )
            )
        recs.append(rec(num, aim.split(": ", 1)[1], objectives=obj_list))
    write_expected(
        f,
        source={
            "title": "Corporate Plan Key Action Plan 2016/17 \u2013 Quarter 3 progress",
            "publisher": "Epping Forest District Council (Resources Select Committee)",
            "url": "http://eppingforest.moderngov.co.uk/mgAi.aspx?ID=59570",
            "date": "2017",
            "kind": "council corporate plan action plan (corporate aim > key objective > action)",
        },
        fmt="xlsx",
        plan={
            "title": "Corporate Plan Key Action Plan 2016/17",
            "organisation": org,
            "period_start": d(2016, 4, 1),
            "period_end": d(2017, 3, 31),
            "strategic_lead": None,
        },
        layout={
            "sheet": "Key Action Plan",
            "header_row": hr,
            "columns": {
                "Ref": "ref",
                "Action": "action",
                "Target Date": "due",
                "Lead Directorate": "leads",
                "Q1 (Apr-Jun)": "period",
                "Q2 (Jul-Sep)": "period",
                "Q3 (Oct-Dec)": "period",
                "Q4 (Jan-Mar)": "period",
                "Progress at Q3": "progress",
            },
        },
        levels=3,
        recommendations=recs,
        difficulties=[
            "Three levels: Corporate Aim > Key Objective > action, the first two as rows merged across "
            "the table; refs are nested (1(a)(i)).",
            "Status is given per quarter in four period columns (words and fill colour); the current "
            "status is the latest filled quarter (Q3), Q4 is still empty.",
            "Four status categories that are not RAG words: Achieved or On-Target, Under Control, "
            "Behind Schedule, Pending (no colour meaning 'not started').",
            "Aims are numbered with gaps (only aims 1 and 3 are for this select committee).",
            'Target dates: "end of 2016/17", "Q4 2016/17" (January-March 2017), "Ongoing".',
            "The cover sheet repeats the Q3 summary counts (26/13/4/6) with coloured cells.",
            "The committee minute gives the aims > key objectives > actions structure, the 49 actions "
            "and the status categories with the Q3 counts (the Pending count is inferred as the "
            "remainder); the aims' wording, the sheet layout and the actions are reconstructed.",
        ],
    )


# 17 -------------------------------------------------------------------------------


@case
def c17_flintshire_improvement_plan():
    f = folder("17-flintshire-improvement-plan-q3-2013")
    created = dt.datetime(2014, 2, 3, 9, 0, 0)
    wb = new_xlsx(
        "Improvement Plan 2013/14 Quarter 3 Monitoring", "Flintshire County Council", created
    )
    ws = wb.active
    ws.title = "Q3 Monitoring"
    header = [
        "Ref",
        "What we will do in 2013/14",
        "Lead",
        "Milestone date",
        "Progress",
        "Outcome",
        "Achievement will be measured through",
        "Q3 commentary",
    ]
    n = title_rows(
        ws,
        [
            "Flintshire County Council \u2013 Improvement Plan 2013/14",
            "Quarter 3 monitoring (October \u2013 December 2013)",
            "Progress RAG: are we doing what we said? Outcome RAG: how confident are we of "
            "achieving the impact?",
            "",
        ],
        len(header),
    )
    hr = n + 1
    put_row(ws, hr, header, bold=True, fill=rgb_fill("header"))
    P = [
        (
            "1",
            "Housing",
            [
                (
                    "1.2",
                    "Modern, Efficient and Adapted Homes",
                    "Impact: Improving the choice and quality of local housing",
                    [
                        (
                            "1.2.1",
                            "Agree a six year Housing Asset Management Strategy to meet the Welsh Housing "
                            "Quality Standard",
                            "Head of Housing",
                            "March 2014",
                            "green",
                            "amber",
                            "Percentage of council homes meeting WHQS (target 2013/14: 18%)",
                            "Strategy agreed by Cabinet December 2013; funding depends on the HRA business plan.",
                        ),
                        (
                            "1.2.2",
                            "Deliver disabled facilities grants within the target timescale",
                            "Head of Housing",
                            "Ongoing",
                            "amber",
                            "amber",
                            "Average days to deliver a DFG (target 300 days)",
                            "Average 327 days at Q3; process review under way.",
                        ),
                    ],
                ),
            ],
        ),
        (
            "2",
            "Living Independently",
            [
                (
                    "2.1",
                    "Independent Living",
                    "Impact: Supporting people to live independently",
                    [
                        (
                            "2.1.1",
                            "Extend the reablement service to all new referrals to adult social care",
                            "Director of Community Services",
                            "December 2013",
                            "green",
                            "green",
                            "Percentage of people needing no ongoing care after reablement (target 55%)",
                            "Extended from November 2013; 61% at Q3.",
                        ),
                        (
                            "2.1.2",
                            "Open the second extra care scheme",
                            "Director of Community Services",
                            "Q1 2014/15",
                            "amber",
                            "green",
                            "Number of extra care units available",
                            "Building works complete; opening moved to May 2014.",
                        ),
                    ],
                ),
                (
                    "2.2",
                    "Integrated Community Social and Health Services",
                    "Impact: Helping more people to live independently and well at home",
                    [
                        (
                            "2.2.1",
                            "Establish integrated locality teams with Betsi Cadwaladr University Health Board",
                            "Director of Community Services / BCUHB Locality Lead",
                            "March 2014",
                            "red",
                            "amber",
                            "Number of locality teams co-located",
                            "Delayed pending the Health Board\u2019s review of community services.",
                        ),
                    ],
                ),
            ],
        ),
        (
            "4",
            "Skills and Learning",
            [
                (
                    "4.1",
                    "Apprenticeships and Training",
                    "Impact: Meeting the skills and employment needs of local employers",
                    [
                        (
                            "4.1.1",
                            "Increase the number of apprenticeships offered by the Council",
                            "Director of Lifelong Learning",
                            "end of 2013/14",
                            "green",
                            "green",
                            "Number of Council apprenticeships (target 40)",
                            "38 apprentices in post.",
                        ),
                        (
                            "4.1.2",
                            "Reduce the number of young people not in education, employment or training",
                            "Director of Lifelong Learning",
                            "Ongoing",
                            "green",
                            "amber",
                            "Percentage of Year 11 leavers NEET (target 3.5%)",
                            "Final figure due in Q4.",
                        ),
                    ],
                ),
            ],
        ),
    ]
    r = hr + 1
    for pnum, ptitle, subs in P:
        put(ws, r, 1, f"Priority {pnum}: {ptitle}", bold=True, fill=rgb_fill("FFB4C6E7"))
        ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=len(header))
        r += 1
        for snum, stitle, impact, rows in subs:
            put(ws, r, 1, f"Sub-priority {snum}: {stitle}", bold=True, fill=rgb_fill("band"))
            ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=3)
            put(ws, r, 4, impact, fill=rgb_fill("band"))
            ws.merge_cells(start_row=r, start_column=4, end_row=r, end_column=len(header))
            r += 1
            for ref, action, who, when, prog, outc, measure, comm in rows:
                put_row(ws, r, [ref, action, who, when, None, None, measure, comm])
                ws.cell(r, 5).fill = rgb_fill(prog)
                ws.cell(r, 6).fill = rgb_fill(outc)
                r += 1
    ws.freeze_panes = f"{get_column_letter(3)}{hr + 1}"
    widths(ws, [8, 48, 28, 14, 10, 10, 36, 44])
    key = wb.create_sheet("RAG key")
    put(key, 1, 1, "Progress RAG", bold=True, border=False)
    for i, (c, t) in enumerate(
        [
            ("red", "Limited progress \u2013 delay in scheduled activity; not on track"),
            (
                "amber",
                "Satisfactory progress \u2013 some delay in scheduled activity, "
                "but broadly on track",
            ),
            ("green", "Good progress \u2013 activities completed on schedule, on track"),
        ],
        start=2,
    ):
        put(key, i, 1, None, fill=rgb_fill(c))
        put(key, i, 2, t)
    put(key, 6, 1, "Outcome RAG", bold=True, border=False)
    for i, (c, t) in enumerate(
        [
            ("red", "Low \u2013 lower level of confidence in the achievement of outcome(s)"),
            (
                "amber",
                "Medium \u2013 uncertain level of confidence in the achievement of the outcome(s)",
            ),
            ("green", "High \u2013 full confidence in the achievement of the outcome(s)"),
        ],
        start=7,
    ):
        put(key, i, 1, None, fill=rgb_fill(c))
        put(key, i, 2, t)
    widths(key, [6, 90])
    save_xlsx(wb, f / "flintshire-improvement-plan-q3-2013-14.xlsx", created)

    dues = {
        "March 2014": d(2014, 3, 31),
        "Ongoing": None,
        "December 2013": d(2013, 12, 31),
        "Q1 2014/15": d(2014, 6, 30),
        "end of 2013/14": d(2014, 3, 31),
    }
    org = "Flintshire County Council"

    def leads_of(text):
        out = []
        for part in re.split(r"\s*/\s*", text):
            if part.startswith("BCUHB"):
                # "Org-prefix Role" is one role named as the plan writes it (as "KSCB Manager" in
                # 11, "YOS Information Officer" in 01); the prefix is also its organisation.
                out.append(
                    lead("BCUHB Locality Lead", "role", "Betsi Cadwaladr University Health Board")
                )
            else:
                out.append(lead(part, "role", org))
        return out

    recs = []
    for pnum, ptitle, subs in P:
        objs = []
        for snum, stitle, impact, rows in subs:
            objs.append(
                objective(
                    snum,
                    stitle,
                    [
                        act(
                            ref,
                            action,
                            leads=leads_of(who),
                            due=dues[when],
                            due_text=when,
                            status_word="Ongoing" if when == "Ongoing" else None,
                            rag=prog,
                            rag_from_colour=True,
                            success=impact.split(": ", 1)[1],
                            progress=comm,
                            kpi=measure,
                        )
                        for ref, action, who, when, prog, outc, measure, comm in rows
                    ],
                )
            )
        recs.append(rec(pnum, ptitle, objectives=objs))
    write_expected(
        f,
        source={
            "title": "Improvement Plan Quarterly Monitoring \u2013 Quarter 3 2013/14 (October to "
            "December 2013)",
            "publisher": "Flintshire County Council",
            "url": "https://committeemeetings.flintshire.gov.uk/mgAi.aspx?ID=5687",
            "date": "2014",
            "kind": "county council improvement plan (priority > sub-priority > activity)",
        },
        fmt="xlsx",
        plan={
            "title": "Improvement Plan 2013/14",
            "organisation": org,
            "period_start": d(2013, 4, 1),
            "period_end": d(2014, 3, 31),
            "strategic_lead": "Chief Executive",
        },
        layout={
            "sheet": "Q3 Monitoring",
            "header_row": hr,
            "columns": {
                "Ref": "ref",
                "What we will do in 2013/14": "action",
                "Lead": "leads",
                "Milestone date": "due",
                "Progress": "rag",
                "Outcome": "ignore",
                "Achievement will be measured through": "kpi",
                "Q3 commentary": "progress",
            },
        },
        levels=3,
        recommendations=recs,
        difficulties=[
            "Three levels: Priority > Sub-priority > activity, as rows merged across the table; each "
            "sub-priority row also carries its intended impact in the merged cells to its right.",
            "Two RAG columns given by fill colour only: Progress (delivery) and Outcome (confidence in "
            "the impact); they can differ (1.2.1 green/amber) and must not be merged into one status. "
            'The "rag" recorded here is the Progress one; the column vocabulary has no word for an '
            'impact-confidence RAG, so Outcome is mapped to "ignore" though a reader keeps it.',
            "RAG definitions for both columns are on a separate key sheet.",
            'A KPI column ("Achievement will be measured through") holding measures with targets.',
            "Priority numbers have gaps (1, 2, 4): only priorities with Q3 reports are included.",
            'A lead cell joins a council role and a health board role ("Director of Community '
            'Services / BCUHB Locality Lead").',
            'Dates: "Q1 2014/15" (April-June 2014), "end of 2013/14", "Ongoing".',
            "The Cabinet minute gives the quarterly RAG monitoring of 24 sub-priority reports "
            "(progress and confidence in achievement, measures and risks); the rows, the wording of "
            "the sub-priorities and the sheet layout are reconstructed.",
        ],
    )


# 18 -------------------------------------------------------------------------------


@case
def c18_nottingham_focused_visit():
    f = folder("18-nottingham-focused-visit-plan-2020")
    created = dt.datetime(2020, 5, 6, 9, 0, 0)
    wb = new_xlsx("Children at the Heart Improvement Plan", "Nottingham City Council", created)
    cover = wb.active
    cover.title = "Cover"
    for i, line in enumerate(
        [
            "Nottingham City Council",
            "\u2018Children at the Heart\u2019 Improvement Plan",
            "Response to the two priority actions in the Ofsted focused visit letter (February 2020)",
            "Decision: Leader of the Council (key decision, urgency procedure), not before 15th May 2020",
            "Lead director: Corporate Director for People",
            "Ofsted return visit expected: Autumn 2020",
            "Phase 1 and Phase 2 funding are released in turn; Phase 2 subject to review of Phase 1.",
        ],
        start=1,
    ):
        put(cover, i, 1, line, bold=i == 2, border=False, wrap=False, size=14 if i == 2 else 11)
    widths(cover, [100])
    ws = wb.create_sheet("Improvement Plan")
    header = [
        "Priority Action",
        "Workstream",
        "Ref",
        "Action",
        "Lead",
        "Phase",
        "Start",
        "End",
        "Status",
    ]
    n = title_rows(ws, ["Children at the Heart \u2013 Improvement Plan 2020", ""], len(header))
    hr = n + 1
    put_row(ws, hr, header, bold=True, fill=rgb_fill("header"))
    PA = [
        (
            "Priority action 1: Senior leaders should ensure that thresholds for child protection enquiries "
            "are applied consistently and that children at risk of significant harm receive a timely and "
            "proportionate response.",
            [
                (
                    "Front door",
                    "1.1",
                    "Recruit permanent team managers to the MASH and Duty teams",
                    "Head of Service, Children\u2019s Integrated Front Door",
                    "Phase 1",
                    "May 2020",
                    "end of July 2020",
                    "In progress",
                ),
                (
                    "Front door",
                    "1.2",
                    "Daily threshold clinic chaired by a service manager",
                    "Service Manager, MASH",
                    "Phase 1",
                    "May 2020",
                    "June 2020",
                    "Complete",
                ),
                (
                    "Strategy discussions",
                    "1.3",
                    "Strategy discussions held with police and health for every "
                    "child protection enquiry, recorded on the child\u2019s file",
                    "Head of Service, Safeguarding",
                    "Phase 1",
                    "June 2020",
                    "Autumn 2020",
                    "In progress",
                ),
                (
                    "Quality assurance",
                    "1.4",
                    "Independent audit of threshold decisions by an external partner",
                    "Director of Children\u2019s Integrated Services",
                    "Phase 2",
                    "TBC",
                    "TBC",
                    "Not started",
                ),
            ],
        ),
        (
            "Priority action 2: Leaders should ensure that management oversight and supervision are "
            "effective in progressing plans for children in need of help and protection.",
            [
                (
                    "Supervision",
                    "2.1",
                    "Reflective supervision training for all team managers",
                    "Principal Social Worker",
                    "Phase 1",
                    "June 2020",
                    "September 2020",
                    "In progress",
                ),
                (
                    "Supervision",
                    "2.2",
                    "Monthly supervision compliance reported to the Improvement Board",
                    "Head of Performance",
                    "Phase 1",
                    "June 2020",
                    "Ongoing",
                    "In progress",
                ),
                (
                    "Workforce",
                    "2.3",
                    "Reduce average caseloads through additional agency social workers",
                    "Director of Children\u2019s Integrated Services",
                    "Phase 2",
                    "August 2020",
                    "March 2021",
                    "Not started",
                ),
            ],
        ),
    ]
    r = hr + 1
    for title, rows in PA:
        start = r
        for i, row in enumerate(rows):
            put_row(ws, r, [title if i == 0 else None, *list(row)])
            r += 1
        ws.merge_cells(start_row=start, start_column=1, end_row=r - 1, end_column=1)
    ws.freeze_panes = f"{get_column_letter(2)}{hr + 1}"
    widths(ws, [40, 16, 6, 46, 34, 9, 11, 15, 12])
    save_xlsx(wb, f / "children-at-the-heart-improvement-plan.xlsx", created)

    dues = {
        "end of July 2020": d(2020, 7, 31),
        "June 2020": d(2020, 6, 30),
        "Autumn 2020": d(2020, 12, 31),
        "TBC": None,
        "September 2020": d(2020, 9, 30),
        "Ongoing": None,
        "March 2021": d(2021, 3, 31),
    }
    org = "Nottingham City Council"
    recs = []
    for i, (title, rows) in enumerate(PA, 1):
        acts = [
            act(
                ref,
                action,
                leads=[lead(who, "role", org)],
                due=dues[end],
                due_text=end,
                status_word=status,
                reporting_body="Improvement Board" if "Improvement Board" in action else None,
            )
            for ws_, ref, action, who, phase, start, end, status in rows
        ]
        recs.append(
            rec(str(i), title.split(": ", 1)[1], acts, overall=["Corporate Director for People"])
        )
    write_expected(
        f,
        source={
            "title": "'Children at the Heart' Improvement Plan - Key Decision",
            "publisher": "Nottingham City Council",
            "url": "https://committee.nottinghamcity.gov.uk/mgIssueHistoryHome.aspx?IId=53148&PlanId=568&RPID=0",
            "date": "2020-05",
            "kind": "Ofsted focused visit action plan (areas for priority action)",
        },
        fmt="xlsx",
        plan={
            "title": "\u2018Children at the Heart\u2019 Improvement Plan",
            "organisation": org,
            "period_start": d(2020, 5, 1),
            "period_end": None,
            "strategic_lead": "Corporate Director for People",
        },
        layout={
            "sheet": "Improvement Plan",
            "header_row": hr,
            "columns": {
                "Priority Action": "recommendation",
                "Workstream": "ignore",
                "Ref": "ref",
                "Action": "action",
                "Lead": "leads",
                "Phase": "milestones",
                "Start": "start",
                "End": "due",
                "Status": "status",
            },
        },
        levels=2,
        recommendations=recs,
        difficulties=[
            "Only two recommendations: the focused visit's two areas for priority action, each merged "
            "vertically over its actions.",
            "A Workstream column groups actions inside a priority action without numbering them "
            "(a grouping, not a third level).",
            "A Phase column (Phase 1 / Phase 2) refers to phased funding, not to dates.",
            'Start and End are text; End holds "end of July 2020", "Autumn 2020", "Ongoing" and '
            '"TBC".',
            "Status words (In progress / Complete / Not started) with no colour.",
            "The council's forward plan entry gives the plan's name, its purpose (two priority "
            "actions after the February 2020 focused visit), phased funding, the decision-maker and "
            "lead director; the priority actions' wording and the rows are reconstructed.",
        ],
    )


# 19 -------------------------------------------------------------------------------


@case
def c19_halton_jtai():
    f = folder("19-halton-jtai-action-list-2019")
    created = dt.datetime(2019, 8, 28, 9, 0, 0)
    wb = new_xlsx("JTAI Draft Action List", "Halton Borough Council", created)
    ws = wb.active
    ws.title = "Action List"
    header = [
        "No.",
        "Area for improvement (JTAI letter)",
        "Action",
        "Agency",
        "Lead Officer",
        "Timescale",
        "Progress / Update",
    ]
    n = title_rows(
        ws,
        [
            "Halton Joint Targeted Area Inspection \u2013 Child Exploitation",
            "Draft Action List \u2013 September 2019",
            "Inspection 8\u201312 July 2019: Ofsted, Care Quality Commission, HMI Constabulary "
            "and Fire & Rescue Services, HMI Probation",
            "",
        ],
        len(header),
    )
    hr = n + 1
    put_row(ws, hr, header, bold=True, fill=rgb_fill("header"))
    AREAS = [
        (
            "The participation of each agency in strategy discussions and multi-agency meetings is not "
            "consistently recorded, so decisions and next steps are not always clear.",
            [
                (
                    "1a",
                    "Strategy discussion record to show each agency\u2019s attendance, contribution and "
                    "agreed actions",
                    "HBC / Cheshire Constabulary / NHS",
                    "Karen Pryce (HBC)",
                    "October 2019",
                    "Template revised and agreed by partners.",
                ),
                (
                    "1b",
                    "Multi-agency audit of strategy discussions for children at risk of exploitation",
                    "Halton Children and Young People Safeguarding Partnership",
                    "Quality Assurance Sub-group",
                    "December 2019",
                    "",
                ),
            ],
        ),
        (
            "Agencies do not use a common language for exploitation across the boroughs and agencies.",
            [
                (
                    "2a",
                    "Adopt the Pan-Cheshire child exploitation definitions and screening tool",
                    "All agencies",
                    "DI Sarah Penrose (Cheshire Constabulary)",
                    "Q3 19/20",
                    "Agreed at Pan-Cheshire strategic group September 2019.",
                ),
                (
                    "2b",
                    "Briefings for all front line staff on the common language",
                    "All agencies",
                    "Partnership Business Manager",
                    "Ongoing",
                    "",
                ),
            ],
        ),
        (
            "Understanding of contextual safeguarding and its impact on practice and outcomes for children "
            "is at an early stage.",
            [
                (
                    "3a",
                    "Contextual safeguarding training for social workers, police and health practitioners",
                    "HBC / Cheshire Constabulary / NHS Halton CCG",
                    "Hannah Lytham (NHS Halton CCG)",
                    "March 2020",
                    "",
                ),
                (
                    "3b",
                    "Pilot location assessments for two areas of concern identified through mapping",
                    "HBC / Cheshire Constabulary",
                    "Operational Director, Children and Families (HBC)",
                    "TBC",
                    "",
                ),
                (
                    "3c",
                    "Report progress to the Children, Young People and Families Policy and Performance "
                    "Board",
                    "HBC",
                    "Strategic Director \u2013 People (HBC)",
                    "Ongoing",
                    "",
                ),
            ],
        ),
    ]
    r = hr + 1
    for i, (area, rows) in enumerate(AREAS, 1):
        start = r
        for j, row in enumerate(rows):
            put_row(
                ws,
                r,
                [
                    str(i) if j == 0 else None,
                    area if j == 0 else None,
                    row[1],
                    row[2],
                    row[3],
                    row[4],
                    row[5],
                ],
            )
            r += 1
        ws.merge_cells(start_row=start, start_column=1, end_row=r - 1, end_column=1)
        ws.merge_cells(start_row=start, start_column=2, end_row=r - 1, end_column=2)
    ws.freeze_panes = f"{get_column_letter(3)}{hr + 1}"
    widths(ws, [5, 44, 46, 28, 34, 12, 36])
    key = wb.create_sheet("Key")
    for i, line in enumerate(
        [
            "Abbreviations",
            "HBC \u2013 Halton Borough Council",
            "CCG \u2013 Clinical Commissioning Group",
            "JTAI \u2013 Joint Targeted Area Inspection",
            "Each action is overseen by its own designated lead officer.",
        ],
        start=1,
    ):
        put(key, i, 1, line, bold=i == 1, border=False, wrap=False)
    widths(key, [70])
    save_xlsx(wb, f / "halton-jtai-draft-action-list.xlsx", created)

    def person_or_role(text):
        m = re.match(r"(.+?) \((.+)\)$", text)
        name, org = (m.group(1), m.group(2)) if m else (text, None)
        org = {"HBC": "Halton Borough Council"}.get(org, org)
        if re.match(r"^(DI |[A-Z][a-z]+ [A-Z][a-z]+$)", name):
            return lead(name, "person", org)
        if "Sub-group" in name:
            return lead(name, "group", "Halton Children and Young People Safeguarding Partnership")
        return lead(name, "role", org)

    dues = {
        "October 2019": d(2019, 10, 31),
        "December 2019": d(2019, 12, 31),
        "Q3 19/20": d(2019, 12, 31),
        "Ongoing": None,
        "March 2020": d(2020, 3, 31),
        "TBC": None,
    }
    recs = []
    for i, (area, rows) in enumerate(AREAS, 1):
        recs.append(
            rec(
                str(i),
                area,
                [
                    act(
                        None,  # the list gives its actions no number of their own
                        action,
                        leads=[person_or_role(who)],
                        due=dues[when],
                        due_text=when,
                        status_word=when if when in ("Ongoing", "TBC") else None,
                        progress=prog or None,
                        reporting_body=(
                            "Children, Young People and Families Policy and Performance Board"
                            if "Policy and Performance" in action
                            else None
                        ),
                    )
                    for _ref, action, agency, who, when, prog in rows
                ],
            )
        )
    write_expected(
        f,
        source={
            "title": "Joint targeted area inspection of multi-agency response to child exploitation "
            "in Halton (Children Young People and Families Policy and Performance Board, "
            "9 September 2019)",
            "publisher": "Halton Borough Council",
            "url": "https://councillors.halton.gov.uk/ieIssueDetails.aspx?IId=47952&Opt=3",
            "date": "2019-09",
            "kind": "joint targeted area inspection (JTAI) action plan",
        },
        fmt="xlsx",
        plan={
            "title": "Halton Joint Targeted Area Inspection \u2013 Child Exploitation: Draft Action List",
            "organisation": "Halton Borough Council and partners",
            "period_start": None,
            "period_end": None,
            "strategic_lead": "Strategic Director \u2013 People",
        },
        layout={
            "sheet": "Action List",
            "header_row": hr,
            "columns": {
                "No.": "recommendation_ref",
                "Area for improvement (JTAI letter)": "recommendation",
                "Action": "action",
                "Agency": "partners",
                "Lead Officer": "leads",
                "Timescale": "due",
                "Progress / Update": "progress",
            },
        },
        levels=2,
        recommendations=recs,
        difficulties=[
            'Multi-agency leads written "Name (Organisation)" ("DI Sarah Penrose (Cheshire '
            'Constabulary)") or "Role (Organisation)"; the organisation is often an abbreviation '
            "(HBC) explained on the Key sheet.",
            'Separate Agency column listing several agencies joined by "/" (partners) besides the '
            "single lead officer.",
            "A sub-group of the safeguarding partnership as lead.",
            "No. and the area for improvement are merged vertically; the actions under an area are "
            "not numbered (the minutes show no action numbers, so none are invented here).",
            'Timescales: "Q3 19/20" (October-December 2019), "Ongoing", "TBC".',
            "Four title rows, the inspection dates with an en dash (8\u201312 July 2019).",
            "The board minutes give the inspection, the inspectorates, the draft action list with a "
            "designated lead officer for each action, and the issues discussed (recording each "
            "agency's participation, a common language across boroughs and agencies, contextual "
            "safeguarding); the areas' wording and the rows are reconstructed.",
        ],
    )


# 20 -------------------------------------------------------------------------------


@case
def c20_reading_yjs():
    f = folder("20-reading-yjs-hmip-improvement-plan-2024")
    created = dt.datetime(2024, 12, 18, 9, 0, 0)
    wb = new_xlsx(
        "Youth Justice Service Improvement Plan", "Brighter Futures for Children", created
    )
    cover = wb.active
    cover.title = "Cover"
    for i, line in enumerate(
        [
            "Reading Youth Justice Service",
            "Improvement Plan",
            "Response to the HM Inspectorate of Probation inspection, 9\u201313 September 2024 "
            "(report published 3 December 2024)",
            "Endorsed by the Reading Youth Justice Management Board; submitted to HMIP 20 December 2024",
            "Plan owner: Chair of the Youth Justice Management Board",
        ],
        start=1,
    ):
        put(
            cover, i, 1, line, bold=i in (1, 2), border=False, wrap=False, size=14 if i == 2 else 11
        )
    widths(cover, [100])
    ws = wb.create_sheet("Improvement Plan")
    header = [
        "No.",
        "HMIP Recommendation",
        "Action",
        "Lead",
        "By when",
        "Success measure",
        "RAG",
        "Update",
    ]
    n = title_rows(
        ws, ["Reading YJS Improvement Plan \u2013 HMIP inspection 2024", ""], len(header)
    )
    hr = n + 1
    put_row(ws, hr, header, bold=True, fill=rgb_fill("header"))
    GROUPS = [
        (
            "The Reading Youth Justice Service manager should:",
            [
                (
                    "1",
                    "ensure that quality assurance arrangements, oversight of practice, and supervision "
                    "arrangements consistently supported staff and volunteer development",
                    [
                        (
                            "Introduce a quality assurance framework with monthly case audits",
                            "YJS Operational Manager",
                            "March 2025",
                            "80% of audited cases rated good",
                            "amber",
                        ),
                        (
                            "Monthly supervision for all case managers, recorded on ChildView",
                            "Head of YJS",
                            "June 30th 2025",
                            "Supervision compliance 100%",
                            None,
                        ),
                    ],
                ),
                (
                    "2",
                    "ensure that assessing activity always considered how best to achieve safety for the "
                    "child and the community",
                    [
                        (
                            "Safety and wellbeing and risk of harm training for all staff",
                            "YJS Operational Manager",
                            "February 2025",
                            "All staff trained",
                            "green",
                        )
                    ],
                ),
                (
                    "3",
                    "ensure that planning activity was comprehensive and that it aligned effectively with "
                    "activity undertaken by other services, including the consideration of appropriate "
                    "contingency arrangements",
                    [
                        (
                            "Joint planning protocol with children\u2019s social care, including contingency plans",
                            "Head of YJS",
                            "Q4 24/25",
                            "Audit shows contingency plans in 90% of cases",
                            None,
                        )
                    ],
                ),
                (
                    "4",
                    "ensure that staff consistently liaised with all relevant services when delivering "
                    "interventions",
                    [
                        (
                            "Liaison standard included in the practice guidance and audited",
                            "YJS Operational Manager",
                            "Ongoing",
                            "Audit findings",
                            None,
                        )
                    ],
                ),
                (
                    "5",
                    "ensure that commensurate focus was given to the needs of victims",
                    [
                        (
                            "Review the victim offer and restorative justice pathway",
                            "Victim and Restorative Justice Lead",
                            "March 2025",
                            "Victims contacted within 10 working days",
                            "amber",
                        )
                    ],
                ),
            ],
        ),
        (
            "The Reading Youth Justice Management Board should:",
            [
                (
                    "6",
                    "ensure that the YJS was both sufficiently resourced and structured to facilitate the "
                    "delivery of high-quality interventions for children and the victims of crime",
                    [
                        (
                            "Review staffing and partner secondments against demand",
                            "Chair of YJMB",
                            "March 2025",
                            "All posts filled; secondments in place",
                            "green",
                        )
                    ],
                ),
                (
                    "7",
                    "assure itself that the disproportionality action plan was being used effectively across "
                    "the partnership to enhance equality, diversity, inclusion and belonging (EDIB)",
                    [
                        (
                            "Disproportionality action plan reported to every Board meeting",
                            "Chair of YJMB",
                            "Ongoing",
                            "Board minutes show challenge and action",
                            None,
                        )
                    ],
                ),
            ],
        ),
    ]
    r = hr + 1
    for addressee, recs_ in GROUPS:
        put(ws, r, 1, addressee, bold=True, fill=rgb_fill("band"))
        ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=len(header))
        r += 1
        for no, text, rows in recs_:
            start = r
            for j, (action, who, when, measure, rag) in enumerate(rows):
                put_row(
                    ws,
                    r,
                    [
                        no if j == 0 else None,
                        text if j == 0 else None,
                        action,
                        who,
                        when,
                        measure,
                        None,
                        None,
                    ],
                )
                if rag:
                    ws.cell(r, 7).fill = rgb_fill(rag)
                r += 1
            if r - start > 1:
                ws.merge_cells(start_row=start, start_column=1, end_row=r - 1, end_column=1)
                ws.merge_cells(start_row=start, start_column=2, end_row=r - 1, end_column=2)
    ws.freeze_panes = f"{get_column_letter(3)}{hr + 1}"
    widths(ws, [5, 46, 46, 26, 14, 30, 6, 30])
    key = wb.create_sheet("Key")
    for i, (c, t) in enumerate(
        [
            ("red", "Red \u2013 not on track"),
            ("amber", "Amber \u2013 started, some risk"),
            ("green", "Green \u2013 complete or on track"),
        ],
        start=1,
    ):
        put(key, i, 1, t, fill=rgb_fill(c))
    put(key, 5, 1, "Blank \u2013 not yet due to start", border=False)
    widths(key, [40])
    save_xlsx(wb, f / "reading-yjs-improvement-plan.xlsx", created)

    dues = {
        "March 2025": d(2025, 3, 31),
        "June 30th 2025": d(2025, 6, 30),
        "February 2025": d(2025, 2, 28),
        "Q4 24/25": d(2025, 3, 31),
        "Ongoing": None,
    }
    org = "Reading Youth Justice Service"
    recs = []
    for addressee, recs_ in GROUPS:
        owner = (
            "Reading Youth Justice Service manager"
            if "Service manager" in addressee
            else "Reading Youth Justice Management Board"
        )
        for no, text, rows in recs_:
            acts = []
            for action, who, when, measure, rag in rows:
                if who == "Chair of YJMB":
                    lds = [lead("Chair of YJMB", "role", "Reading Youth Justice Management Board")]
                else:
                    lds = [lead(who, "role", org)]
                acts.append(
                    act(
                        None,
                        action,
                        leads=lds,
                        due=dues[when],
                        due_text=when,
                        status_word="Ongoing" if when == "Ongoing" else None,
                        rag=rag,
                        rag_from_colour=bool(rag),
                        success=measure,
                        reporting_body=(
                            "Reading Youth Justice Management Board"
                            if "Board meeting" in action
                            else None
                        ),
                    )
                )
            recs.append(rec(no, text, acts, overall=[owner]))
    write_expected(
        f,
        source={
            "title": "Youth Justice Service Inspection \u2013 HMIP inspection report and Improvement Plan",
            "publisher": "Reading Borough Council (Reading Youth Justice Management Board)",
            "url": "https://democracy.reading.gov.uk/mgAi.aspx?ID=15127",
            "date": "2024-12",
            "kind": "youth justice (HMI Probation) improvement plan",
        },
        fmt="xlsx",
        plan={
            "title": "Reading Youth Justice Service Improvement Plan",
            "organisation": org,
            "period_start": d(2024, 12, 20),
            "period_end": None,
            "strategic_lead": "Chair of the Youth Justice Management Board",
        },
        layout={
            "sheet": "Improvement Plan",
            "header_row": hr,
            "columns": {
                "No.": "recommendation_ref",
                "HMIP Recommendation": "recommendation",
                "Action": "action",
                "Lead": "leads",
                "By when": "due",
                "Success measure": "success_criteria",
                "RAG": "rag",
                "Update": "progress",
            },
        },
        levels=2,
        recommendations=recs,
        difficulties=[
            "Recommendations are grouped by whom they are addressed to, in rows merged across the "
            'table ("The Reading Youth Justice Service manager should:" / "... Management Board '
            'should:"); each recommendation text continues that sentence in lower case.',
            "The addressee is the recommendation's owner; the action leads are others.",
            "RAG is fill colour only (RGB), and blank for actions not yet due to start.",
            'Dates: "June 30th 2025", "Q4 24/25" (January-March 2025), "Ongoing".',
            "An abbreviation (YJMB) used as a lead.",
            "The committee minutes list the recommendations verbatim (the eighth is cut off and left "
            "out here); the actions, leads, dates and layout are reconstructed.",
        ],
    )


# 21 -------------------------------------------------------------------------------


@case
def c21_sb_cares_care_inspectorate():
    f = folder("21-sb-cares-care-inspectorate-action-plans-2016")
    created = dt.datetime(2016, 5, 23, 9, 0, 0)
    wb = new_xlsx("Care Inspectorate Action Plans", "SB Cares", created)
    summ = wb.active
    summ.title = "Summary"
    put(
        summ,
        1,
        1,
        "SB Cares \u2013 Care Inspectorate inspections: update for the LLP Strategic Governance "
        "Group",
        bold=True,
        border=False,
        wrap=False,
    )
    put_row(
        summ,
        3,
        [
            "Service",
            "Quality of Care and Support",
            "Quality of Environment",
            "Quality of Staffing",
            "Quality of Management and Leadership",
            "Action plan",
        ],
        bold=True,
        fill=rgb_fill("header"),
    )
    put_row(
        summ,
        4,
        [
            "Waverley Care Home",
            "4 - Good",
            "4 - Good",
            "3 - Adequate",
            "3 - Adequate",
            "All actions implemented",
        ],
    )
    put_row(
        summ,
        5,
        [
            "Saltgreens Care Home",
            "4 - Good",
            "Not assessed",
            "3 - Adequate",
            "4 - Good",
            "All actions implemented",
        ],
    )
    widths(summ, [26, 18, 18, 18, 22, 24])
    ws = wb.create_sheet("Action Plans")
    header = [
        "No.",
        "Requirement / Recommendation",
        "Action to be taken",
        "Responsible person",
        "Timescale",
        "Progress",
        "Complete (Y/N)",
    ]
    n = title_rows(
        ws,
        ["SB Cares \u2013 Action Plans in response to Care Inspectorate inspection reports", ""],
        len(header),
    )
    hr = n + 1
    put_row(ws, hr, header, bold=True, fill=rgb_fill("header"))
    SERVICES = [
        (
            "Waverley Care Home \u2013 inspection report finalised 2016",
            [
                (
                    "Requirement 1",
                    "The provider must ensure that each resident has a personal plan that sets out "
                    "how their health, welfare and safety needs will be met. This is in order to "
                    "comply with SSI 2011/210 Regulation 5(1) \u2013 Personal plans. Timescale: "
                    "within four weeks of receipt of this report.",
                    [
                        (
                            "All personal plans reviewed and updated with residents and families",
                            "Registered Manager",
                            "31 March 2016",
                            "All plans reviewed.",
                            "Y",
                        ),
                        (
                            "Monthly audit of a sample of personal plans by the Depute Manager",
                            "Depute Manager",
                            "Ongoing",
                            "Audits in place from April 2016.",
                            "Y",
                        ),
                    ],
                ),
                (
                    "Requirement 2",
                    "The provider must ensure that staff receive training appropriate to the work "
                    "they are to perform. This is in order to comply with SSI 2011/210 "
                    "Regulation 15(b)(i) \u2013 Staffing. Timescale: by 30 June 2016.",
                    [
                        (
                            "Training needs analysis for all staff and dementia training plan agreed",
                            "Training Co-ordinator",
                            "30 April 2016",
                            "Training plan agreed.",
                            "Y",
                        )
                    ],
                ),
                (
                    "Recommendation 1",
                    "The provider should ensure that staff supervision takes place in line with "
                    "the organisation\u2019s policy. National Care Standards, Care Homes for "
                    "Older People \u2013 Standard 5: Management and staffing arrangements.",
                    [
                        (
                            "Supervision schedule set for the year and monitored monthly",
                            "Registered Manager",
                            "April 2016",
                            "Schedule in place.",
                            "Y",
                        )
                    ],
                ),
            ],
        ),
        (
            "Saltgreens Care Home \u2013 inspection report finalised 2016",
            [
                (
                    "Requirement 1",
                    "The provider must ensure that medication is administered and recorded in "
                    "accordance with good practice guidance. This is in order to comply with SSI "
                    "2011/210 Regulation 4(1)(a) \u2013 Welfare of users. Timescale: to commence "
                    "on receipt of this report and be completed within one month.",
                    [
                        (
                            "Medication administration record audit weekly; competency checks for all staff "
                            "administering medication",
                            "Registered Manager",
                            "Completed",
                            "Completed February 2016.",
                            "Y",
                        )
                    ],
                ),
                (
                    "Recommendation 1",
                    "The provider should ensure that residents and their families are involved in "
                    "developing the activities programme. National Care Standards, Care Homes "
                    "for Older People \u2013 Standard 12: Lifestyle \u2013 social, cultural and "
                    "religious belief or faith.",
                    [
                        (
                            "Residents\u2019 and relatives\u2019 meetings to plan activities each quarter",
                            "Activities Co-ordinator",
                            "June 2016",
                            "First meeting held April 2016.",
                            "Y",
                        )
                    ],
                ),
            ],
        ),
    ]
    r = hr + 1
    for service, items in SERVICES:
        put(ws, r, 1, service, bold=True, fill=rgb_fill("band"))
        ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=len(header))
        r += 1
        for no, text, rows in items:
            start = r
            for j, (action, who, when, prog, done) in enumerate(rows):
                put_row(
                    ws,
                    r,
                    [
                        no if j == 0 else None,
                        text if j == 0 else None,
                        action,
                        who,
                        when,
                        prog,
                        done,
                    ],
                )
                r += 1
            if r - start > 1:
                ws.merge_cells(start_row=start, start_column=1, end_row=r - 1, end_column=1)
                ws.merge_cells(start_row=start, start_column=2, end_row=r - 1, end_column=2)
    ws.freeze_panes = f"{get_column_letter(3)}{hr + 1}"
    widths(ws, [15, 55, 44, 22, 14, 28, 10])
    save_xlsx(wb, f / "sb-cares-care-inspectorate-action-plans.xlsx", created)

    dues = {
        "31 March 2016": d(2016, 3, 31),
        "Ongoing": None,
        "30 April 2016": d(2016, 4, 30),
        "April 2016": d(2016, 4, 30),
        "Completed": None,
        "June 2016": d(2016, 6, 30),
    }
    org = "SB Cares"
    recs = []
    for service, items in SERVICES:
        home = service.split(" \u2013 ")[0]
        for no, text, rows in items:
            recs.append(
                rec(
                    f"{home}: {no}",
                    text,
                    [
                        act(
                            None,
                            action,
                            leads=[lead(who, "role", f"{org} ({home})")],
                            due=dues[when],
                            due_text=when,
                            status_word=("Complete" if done == "Y" else None)
                            if when != "Ongoing"
                            else "Ongoing",
                            progress=prog,
                        )
                        for action, who, when, prog, done in rows
                    ],
                )
            )
    write_expected(
        f,
        source={
            "title": "Care Inspectorate \u2013 update by the Operations Director of SB Cares on "
            "inspections by the Care Inspectorate (action plans appended)",
            "publisher": "Scottish Borders Council (SB Cares LLP)",
            "url": "https://scottishborders.moderngov.co.uk/mgAi.aspx?ID=5928",
            "date": "2016",
            "kind": "Scottish Care Inspectorate improvement / action plan",
        },
        fmt="xlsx",
        plan={
            "title": "Action Plans in response to Care Inspectorate inspection reports",
            "organisation": "SB Cares (Scottish Borders Council)",
            "period_start": None,
            "period_end": None,
            "strategic_lead": "Operations Director, SB Cares",
        },
        layout={
            "sheet": "Action Plans",
            "header_row": hr,
            "columns": {
                "No.": "recommendation_ref",
                "Requirement / Recommendation": "recommendation",
                "Action to be taken": "action",
                "Responsible person": "leads",
                "Timescale": "due",
                "Progress": "progress",
                "Complete (Y/N)": "status",
            },
        },
        levels=2,
        recommendations=recs,
        difficulties=[
            "Several services' action plans on one sheet, each introduced by a row merged across the "
            "table; the numbering (Requirement 1, Recommendation 1) restarts for each service, so the "
            "service is part of the recommendation's identity.",
            'Requirements ("must", with a regulation of SSI 2011/210) and recommendations ("should", '
            "with a National Care Standard) are two kinds of finding in one column.",
            "The regulator's own timescale is inside the requirement text (\"within four weeks of "
            "receipt of this report\") and differs from the provider's Timescale column.",
            'Complete is a Y/N column; a timescale cell can say "Completed".',
            'A summary sheet of quality grades ("3 - Adequate") comes first and is not plan rows.',
            "The minutes give the services inspected, that action plans answered all requirements and "
            'recommendations and that all actions were implemented, and the "3 - Adequate" staffing '
            "grades; the action plan rows and layout are reconstructed in the Care Inspectorate's "
            "requirement/recommendation style.",
        ],
    )


# 22 -------------------------------------------------------------------------------


@case
def c22_edinburgh_pledges():
    f = folder("22-edinburgh-capital-coalition-pledges-2014")
    P = [
        (
            "15",
            "Work with public organisations, private sector and social enterprise to promote Edinburgh "
            "to investors",
            "Edinburgh was placed in the top 3 in Europe for \u201cOverall mid sized and small cities\u201d by "
            "FDi magazine. The council is working with several organisations to promote Edinburgh to investors "
            "in line with the Council\u2019s Economic Strategy \u201cA Strategy for Jobs 2012-17\u201d.",
        ),
        (
            "16",
            "Examine ways to source new funding to support small businesses",
            "Negotiations are taking place to replace the East of Scotland Investment Fund and West of "
            "Scotland Loan Fund to make funding available from 2015 onwards to small/medium sized businesses "
            "in Edinburgh.",
        ),
        (
            "17",
            "Continue efforts to develop the city\u2019s gap sites and encourage regeneration",
            "The sale of the King\u2019s Stables Road development site has been approved. Standard Life has "
            "confirmed its intention to take office space at the St Andrew Square development.",
        ),
        (
            "18",
            "Complete the tram project in accordance with current plans",
            "The Tram project was completed and handed over to the operator on 30 May 2014. The first tram "
            "service ran on 31 May 2014.",
        ),
        (
            "19",
            "Keep Lothian Buses in public hands and encourage the improvement of routes and times",
            "Transport for Edinburgh has been established to manage and integrate bus and tram operations. "
            "Capital budget allocation is being used to improve accessibility to a number of bus stops and "
            "for 50 new and replacement shelters.",
        ),
        (
            "20",
            "Work with the Scottish Government to deliver a larger return of business rate receipts as "
            "part of the Business Rates Incentivisation Scheme (BRIS)",
            "A simplified scheme has now been put in place with Council specific targets for 2014/15 and "
            "2015/16 also confirmed.",
        ),
    ]
    rows = [
        ["Capital Coalition pledges \u2013 progress", "", ""],
        ["Providing for Edinburgh\u2019s prosperity", "", ""],
        ["", "", ""],
        ["Pledge", "Pledge text", "Progress"],
    ]
    for no, text, prog in P:
        rows.append([f"Pledge {no}", f"\u201c{text}\u201d", prog])
    write_csv(f / "edinburgh-capital-coalition-pledges.csv", rows)

    acts = [
        act(
            no,
            text,
            due=None,
            due_text="",
            progress=prog,
            status_word="Complete" if no == "18" else None,
        )
        for no, text, prog in P
    ]
    write_expected(
        f,
        source={
            "title": "Providing for Edinburgh's prosperity \u2013 Capital Coalition pledges",
            "publisher": "City of Edinburgh Council",
            "url": "http://www.edinburgh.gov.uk/info/20141/council_pledges/694/providing_for_edinburghs_prosperity",
            "date": "2014",
            "kind": "council pledge tracker",
        },
        fmt="csv",
        plan={
            "title": "Capital Coalition pledges \u2013 progress",
            "organisation": "City of Edinburgh Council",
            "period_start": d(2012, 5, 1),
            "period_end": d(2017, 5, 31),
            "strategic_lead": None,
        },
        layout={
            "sheet": None,
            "header_row": 4,
            "columns": {"Pledge": "ref", "Pledge text": "action", "Progress": "progress"},
        },
        levels=2,
        recommendations=[rec("1", "Providing for Edinburgh\u2019s prosperity", acts)],
        difficulties=[
            "A pledge tracker: rows are commitments with progress, no leads, no dates and no status; "
            'completion is only in the words ("The Tram project was completed...").',
            'The pledge number is written "Pledge 15" and the pledge text is wrapped in curly quotes.',
            "The priority (\"Providing for Edinburgh's prosperity\", third of the coalition's six) is a "
            "line above the header, not a column, and carries no number in the file (recorded here as "
            '"1", by position); pledges are numbered 1-53 across all priorities.',
            "Windows-1252 text: curly quotes and apostrophes, en dash in the title.",
            "Taken from the council's web page for this priority (pledges 15-20; pledge 21 is cut off "
            "in the excerpt); the CSV form is an export of that page.",
        ],
    )


# 23 -------------------------------------------------------------------------------


@case
def c23_south_cambs_milestones():
    f = folder("23-south-cambs-cpa-milestones-2005")
    M = [
        (
            "A \u2013 Ambition and priorities",
            [
                (
                    "M1",
                    "Adopt the Council\u2019s vision, aims and approaches following consultation with "
                    "residents and partners (A1)",
                    "Leader",
                    "Chief Executive",
                    "Q2 2005",
                ),
                (
                    "M2",
                    "Agree service plans for 2006/07 that show how each service contributes to the "
                    "Council\u2019s aims (A3) (04/05 M6)",
                    "Leader",
                    "Chief Executive",
                    "Q1 2006",
                ),
            ],
        ),
        (
            "C \u2013 Capacity",
            [
                (
                    "M3",
                    "Implement the Member development programme (C3)",
                    "Leader",
                    "Corporate Services Director",
                    "Q3 2005",
                ),
                (
                    "M4",
                    "Achieve \u00a3250,000 efficiency savings for 2006/07 (C5)",
                    "Resources and Staffing",
                    "Finance and Resources Director",
                    "Q4 2005",
                ),
                (
                    "M5",
                    "Complete the review of the Council\u2019s office accommodation at Cambourne (C7)",
                    "Resources and Staffing",
                    "Finance and Resources Director",
                    "Q1 2006",
                ),
            ],
        ),
        (
            "D \u2013 Performance management",
            [
                (
                    "M6",
                    "Introduce quarterly performance reports to Cabinet covering all Best Value "
                    "Performance Indicators (D5)",
                    "Resources and Staffing",
                    "Chief Executive",
                    "Q2 2005",
                ),
                (
                    "M7",
                    "Publish the 2005/06 Best Value Performance Plan by 30th June 2005 (D1) (04/05 M2)",
                    "Leader",
                    "Chief Executive",
                    "Q2 2005",
                ),
                (
                    "M8",
                    "Introduce a corporate complaints monitoring report \u2013 six monthly (D8)",
                    "Information and Customer Services",
                    "Corporate Services Director",
                    "Q4 2005",
                ),
            ],
        ),
    ]
    rows = [
        [
            "South Cambridgeshire District Council \u2013 Best Value Performance Plan 2005/06",
            "",
            "",
            "",
            "",
        ],
        [
            "Milestones 2005/06 (from the CPA Improvement Plan approved January 2005)",
            "",
            "",
            "",
            "",
        ],
        [
            "Target date based on calendar dates (eg Q2 2005 means completion by 30th June 2005, Q3 2005 "
            "means completion by 30th September 2005 etc)",
            "",
            "",
            "",
            "",
        ],
        ["No.", "Milestone", "Portfolio Holder", "Director", "Target date"],
    ]
    for section, ms in M:
        rows.append([section, "", "", "", ""])
        for no, text, ph, director, when in ms:
            rows.append([no, text, ph, director, when])
    write_csv(f / "south-cambs-bvpp-milestones-2005-06.csv", rows)

    qend = {
        "Q1 2006": d(2006, 3, 31),
        "Q2 2005": d(2005, 6, 30),
        "Q3 2005": d(2005, 9, 30),
        "Q4 2005": d(2005, 12, 31),
    }
    org = "South Cambridgeshire District Council"
    recs = []
    for section, ms in M:
        letter, title = section.split(" \u2013 ", 1)
        recs.append(
            rec(
                letter,
                title,
                [
                    act(
                        no,
                        text,
                        leads=[
                            lead(
                                f"{ph} Portfolio Holder"
                                if ph != "Leader"
                                else "Leader of the Council",
                                "role",
                                org,
                            ),
                            lead(director, "role", org),
                        ],
                        due=qend[when],
                        due_text=when,
                        reporting_body="Cabinet",
                    )
                    for no, text, ph, director, when in ms
                ],
            )
        )
    write_expected(
        f,
        source={
            "title": "Best Value Performance Plan 2005/06 \u2013 milestones (from the CPA Improvement Plan)",
            "publisher": "South Cambridgeshire District Council",
            "url": "http://www.scambs.gov.uk/bvpp/section_69102640501.html",
            "date": "2005",
            "kind": "council improvement plan milestones (CPA Improvement Plan)",
        },
        fmt="csv",
        plan={
            "title": "Best Value Performance Plan 2005/06 \u2013 Milestones",
            "organisation": org,
            "period_start": d(2005, 4, 1),
            "period_end": d(2006, 3, 31),
            "strategic_lead": None,
        },
        layout={
            "sheet": None,
            "header_row": 4,
            "columns": {
                "No.": "ref",
                "Milestone": "action",
                "Portfolio Holder": "leads",
                "Director": "leads",
                "Target date": "due",
            },
        },
        levels=2,
        recommendations=recs,
        difficulties=[
            'Quarters are CALENDAR quarters, defined in a line above the header: "Q2 2005" means by '
            '30 June 2005 and "Q1 2006" by 31 March 2006 - not financial-year quarters.',
            "Each milestone's CPA Improvement Plan code is in brackets at the end of its text (A1, C3, "
            'D5), sometimes followed by a cross-reference to last year\'s milestone ("(04/05 M6)").',
            "Two lead columns: the portfolio holder (a councillor, named by portfolio) and the director.",
            'Section rows ("A \u2013 Ambition and priorities") have text only in the first column.',
            "Windows-1252: \u00a3 and en dashes.",
            "The page's introduction (codes, cross-references, portfolio holder and director, calendar "
            "quarters) is as published; the milestone tables are reconstructed in that form.",
        ],
    )


# 24 -------------------------------------------------------------------------------


@case
def c24_havering_ofsted():
    f = folder("24-havering-ofsted-action-plan-2014")
    R = [
        (
            "1",
            "Ensure that consideration is given to each child or young person\u2019s ethnicity, culture "
            "and identity",
            "Assessments to record and analyse the impact of ethnicity, culture and "
            "identity; data quality reports and case audits to highlight omissions",
            "Head of Children\u2019s Social Care",
            "March 2014",
            "Situation improving. Information sometimes difficult to obtain where involvement is short; "
            "data quality reports and case audits will highlight omissions.",
            "Amber",
        ),
        (
            "2",
            "Ensure the timely completion and review of assessments",
            "Management processes tightened so that assessments are completed before transfer or closure; "
            "target 90% timeliness",
            "Head of Assessment and Care Management",
            "Ongoing",
            "Performance 51% for 2013/14, peaked at 82% in May 2014. Management prioritisation continues "
            "to achieve the 90% target.",
            "Amber",
        ),
        (
            "3",
            "Ensure chronologies are clear, recorded and fit for purpose",
            "Chronology tool in the new CCM case management system",
            "Business Systems Manager",
            "May 2014",
            "CCM chronology tool operational May 2014 \u2013 expected to be rated green by the end of July.",
            "Amber",
        ),
        (
            "4",
            "Improve the collation and analysis of management performance data",
            "Refine the performance management framework and introduce a new performance reporting cycle to "
            "the Children\u2019s Social Care Performance Monitoring Board",
            "Performance Manager",
            "February 2014",
            "New performance reporting cycle implemented from February 2014.",
            "Green",
        ),
        (
            "5",
            "Ensure the workforce strategy translates into a coherent action plan",
            "Workforce action plan aligned with the transformation of children\u2019s services",
            "Workforce Development Manager",
            "March 2014",
            "Additional resources put into IT and training; department almost fully staffed.",
            "Green",
        ),
        (
            "6",
            "Embed the Common Assessment Framework (CAF) across partner agencies",
            "CAF champions in each partner agency and quarterly CAF audit",
            "Early Help Manager",
            "March 2015",
            "Embedding of the CAF still uneven across partner agencies.",
            "Amber",
        ),
    ]
    rows = [
        [
            "Children and Young People\u2019s Services \u2013 OFSTED Action Plan (RAG rated)",
            "",
            "",
            "",
            "",
            "",
            "",
        ],
        [
            "Update for the Children & Learning Overview and Scrutiny Sub-Committee \u2013 July 2014",
            "",
            "",
            "",
            "",
            "",
            "",
        ],
        ["Ref", "Area for improvement", "Action", "Lead officer", "Target date", "Progress", "RAG"],
    ]
    rows += [list(r) for r in R]
    write_csv(f / "havering-ofsted-action-plan-rag.csv", rows)

    dues = {
        "March 2014": d(2014, 3, 31),
        "Ongoing": None,
        "May 2014": d(2014, 5, 31),
        "February 2014": d(2014, 2, 28),
        "March 2015": d(2015, 3, 31),
    }
    org = "London Borough of Havering"
    recs = [
        rec(
            no,
            area,
            [
                act(
                    None,
                    action,
                    leads=[lead(who, "role", org)],
                    due=dues[when],
                    due_text=when,
                    status_word="Ongoing" if when == "Ongoing" else None,
                    rag=ragw.lower(),
                    rag_from_colour=False,
                    progress=prog,
                    reporting_body="Children & Learning Overview and Scrutiny Sub-Committee",
                    reporting_date=d(2014, 7, 31),
                )
            ],
        )
        for no, area, action, who, when, prog, ragw in R
    ]
    write_expected(
        f,
        source={
            "title": "OFSTED Action Plan (RAG rated) \u2013 progress report to the Children & Learning "
            "Overview and Scrutiny Sub-Committee",
            "publisher": "London Borough of Havering",
            "url": "http://democracy.havering.gov.uk/mgAi.aspx?ID=7362",
            "date": "2014-07",
            "kind": "Ofsted inspection action plan (2013 inspection of arrangements for the protection "
            "of children)",
        },
        fmt="csv",
        plan={
            "title": "Children and Young People\u2019s Services \u2013 OFSTED Action Plan",
            "organisation": org,
            "period_start": None,
            "period_end": None,
            "strategic_lead": None,
        },
        layout={
            "sheet": None,
            "header_row": 3,
            "columns": {
                "Ref": "recommendation_ref",
                "Area for improvement": "recommendation",
                "Action": "action",
                "Lead officer": "leads",
                "Target date": "due",
                "Progress": "progress",
                "RAG": "rag",
            },
        },
        levels=2,
        recommendations=recs,
        difficulties=[
            "RAG as words (Amber/Green) because a CSV has no colour.",
            'A target is stated inside the action text ("target 90% timeliness") and performance '
            "figures inside the progress text (51%, 82%).",
            'A progress cell predicts its own future rating ("expected to be rated green by the end of '
            'July").',
            "A target date already past at the time of the update (March 2014) on an amber action.",
            "Windows-1252: en dashes and curly apostrophes.",
            "The scrutiny minutes (January and July 2014) give the RAG-rated plan, the amber areas and "
            "their progress (ethnicity, assessment timeliness with 51% / 82% / 90%, chronologies and the "
            "CCM tool by May 2014, performance reporting from February 2014, workforce strategy, CAF); "
            "the table layout, action wording and leads are reconstructed.",
        ],
    )


# 25 -------------------------------------------------------------------------------


@case
def c25_west_mercia_peel():
    f = folder("25-west-mercia-peel-recommendations-tracker")
    R = [
        (
            "1",
            "Completed",
            "immediately",
            "conduct a review of officers\u2019 capabilities and capacity to "
            "manage their investigative workload, to better understand "
            "investigative demand and the pressures placed upon them; and",
        ),
        (
            "2",
            "Completed",
            "immediately",
            "conduct a review, involving its partners, of the approach to "
            "vulnerability to better safeguard vulnerable people.",
        ),
        (
            "3",
            "Superseded",
            "immediately",
            "expand the skills project work to include an assessment of all "
            "skills, not only operational, including potential future skills "
            "requirements. This assessment should inform workforce plans;",
        ),
        (
            "4",
            "Completed",
            "immediately:",
            "agree arrangements with Warwickshire Police to secure a smooth "
            "transition to its future operating model, ensuring no disruption "
            "to public services; and",
        ),
        (
            "5",
            "Completed",
            "immediately:",
            "clearly define its new operating model, ensuring all operational "
            "and support services are affordable and fit to protect the "
            "communities of West Mercia;",
        ),
        (
            "6",
            "Completed",
            "immediately:",
            "improve its arrangements both to consult with the public about "
            "business planning and to feed back on changes made to service "
            "delivery as a result of such consultation.",
        ),
        (
            "7",
            "Completed",
            "within six months",
            "ensure regular and active supervision of the quality and "
            "progress of investigations. This supervision should be "
            "properly recorded;",
        ),
    ]
    rows = [
        [
            "PEEL: Police effectiveness, efficiency and legitimacy 2018/19 \u2013 West Mercia Police",
            "",
            "",
            "",
        ],
        ["PEEL Force Inspection \u2013 10 recommendations", "", "", ""],
        ["No.", "Status", "Recommendation", "Organisation"],
    ]
    for no, status, when, text in R:
        lead_in = (
            "HMIC recommends that within six months the force should: "
            if when == "within six months"
            else (
                "HMIC recommends that the force should immediately:"
                if when == "immediately:"
                else "HMIC recommends that the force should immediately: "
            )
        )
        rows.append([no, status, lead_in + text, "West Mercia Police"])
    write_csv(f / "west-mercia-peel-2018-19-recommendations.csv", rows)

    recs = []
    for no, status, when, text in R:
        recs.append(
            rec(
                no,
                text,
                [
                    act(
                        no,
                        text,
                        leads=[lead("West Mercia Police", "organisation")],
                        due=None,
                        due_text="within six months"
                        if when == "within six months"
                        else "immediately",
                        status_word=status,
                    )
                ],
            )
        )
    write_expected(
        f,
        source={
            "title": "PEEL: Police effectiveness, efficiency and legitimacy 2018/19 \u2013 West Mercia "
            "Police (recommendations and their status)",
            "publisher": "Accountability Index (tracker of HMICFRS recommendations)",
            "url": "https://www.accountabilityindex.uk/sources/hmicfrs/report/peel-assessment-2018-19-west-mercia/",
            "date": "2019",
            "kind": "HMICFRS recommendations tracker",
        },
        fmt="csv",
        plan={
            "title": "PEEL: Police effectiveness, efficiency and legitimacy 2018/19 \u2013 West Mercia Police",
            "organisation": "West Mercia Police",
            "period_start": None,
            "period_end": None,
            "strategic_lead": None,
        },
        layout={
            "sheet": None,
            "header_row": 3,
            "columns": {
                "No.": "recommendation_ref",
                "Status": "status",
                "Recommendation": "recommendation",
                "Organisation": "leads",
            },
        },
        levels=2,
        recommendations=recs,
        difficulties=[
            "A tracker of the inspectorate's recommendations with a status only: no actions, dates or "
            "leads beyond the force itself; each recommendation is recorded as its own single action.",
            'Every recommendation repeats a lead-in ("HMIC recommends that the force should '
            'immediately:"), once with no space after the colon; the thing to do follows it.',
            'Due dates are relative to the report\'s publication ("immediately", "within six months"), '
            "so no calendar date can be given without the report date.",
            'Recommendations are fragments of one list, ending in "; and" or ";".',
            'A status that is neither done nor open: "Superseded".',
            '"HMIC" wording in a 2018/19 HMICFRS report title.',
            "Windows-1252: en dash and curly apostrophe. The excerpt shows recommendations 1-8 of 10 "
            "(the eighth cut off); 1-7 are kept.",
        ],
    )


# 26 -------------------------------------------------------------------------------


@case
def c26_central_beds_send_wsoa():
    f = folder("26-central-beds-send-wsoa-2020")
    created = dt.datetime(2020, 4, 20, 9, 0, 0)
    org = "Central Bedfordshire Council"
    doc = new_docx("Written Statement of Action", org, created)
    para(doc, "Central Bedfordshire Local Area", bold=True, size=12)
    para(doc, "Written Statement of Action (WSoA) for SEND", bold=True, size=18)
    para(
        doc,
        "Joint local area SEND inspection by Ofsted and the Care Quality Commission (CQC), "
        "18 \u2013 22 November 2019",
    )
    para(
        doc,
        "Produced by Central Bedfordshire Council and Bedfordshire Clinical Commissioning Group "
        "with the SNAP Parent and Carer Forum",
    )
    para(doc, "Key: RAG rating shaded in the last column (Red, Amber, Green)", italic=True)
    header = ["Ref", "Action", "Lead", "By when", "How will we know?", "RAG"]
    # Six areas of weakness, verbatim from the council's page; each heading is followed by
    # its own table, and the RAG cell is shaded with nothing written in it.
    AREAS = [
        (
            "Existing Education, Health and Care Plans (EHC Plans) are not of sufficient quality "
            "to ensure that the needs of children and young people are identified and met",
            [
                (
                    "1.1",
                    {
                        "paras": ["Audit and rewrite existing EHC Plans, prioritising:"],
                        "bullets": [
                            "plans for children moving between phases in September 2020",
                            "plans with outcomes that are out of date",
                            "plans for children placed out of area",
                        ],
                    },
                    "Head of SEND Service",
                    "Spring 2 2021",
                    "90% of audited plans rated good or better",
                    "amber",
                ),
                (
                    "1.2",
                    "Quality assurance framework for EHC Plans agreed with health and social care",
                    "Designated Clinical Officer (DCO)",
                    "July 2020",
                    "Framework in use; monthly multi-agency moderation",
                    "green",
                ),
            ],
        ),
        (
            "Leaders do not have sufficient oversight of the quality of new EHC Plans",
            [
                (
                    "2.1",
                    "Monthly report on the timeliness and quality of new EHC Plans to the SEND "
                    "Improvement Board",
                    "Assistant Director, Education and SEND",
                    "By Easter 2020",
                    "Board minutes record challenge and action",
                    "green",
                ),
            ],
        ),
        (
            "Area leaders in education, health and care do not have a shared understanding of the "
            "outcomes they want for children and young people with SEND",
            [
                (
                    "3.1",
                    "Agree a single outcomes framework with parents, carers and young people",
                    "Director of Children\u2019s Services and BCCG Chief Nurse",
                    "Autumn 1 2020",
                    "Outcomes framework published on the Local Offer",
                    "amber",
                ),
            ],
        ),
        (
            "The area\u2019s SEND strategy is not clear",
            [
                (
                    "4.1",
                    "Co-produce and publish a SEND strategy 2020-2023",
                    "Assistant Director, Education and SEND",
                    "September 2020",
                    "Strategy published and understood by schools and settings",
                    "red",
                ),
            ],
        ),
        (
            "Co-Production is not well informed by the views of children, young people, and their "
            "families",
            [
                (
                    "5.1",
                    "Co-production charter agreed with SNAP and young people\u2019s forum",
                    "SNAP Parent and Carer Forum and Head of SEND Service",
                    "Summer 2 2020",
                    "Charter signed; families report being heard",
                    "green",
                ),
            ],
        ),
        (
            "The Local Offer is not effective",
            [
                (
                    "6.1",
                    "Redesign the Local Offer website with families",
                    "Head of Early Help",
                    "TBC",
                    "Use of the Local Offer website doubles",
                    "amber",
                ),
            ],
        ),
    ]
    for i, (area, rows) in enumerate(AREAS, 1):
        para(doc, "")
        para(doc, f"Area of weakness {i}: {area}", bold=True, size=12)
        body = [
            [ref, action, who, when, know, {"fill": RAG_HEX[rag]}]
            for ref, action, who, when, know, rag in rows
        ]
        add_table(doc, header, body, widths=[1.2, 9.0, 4.5, 2.6, 6.0, 1.4])
    save_docx(doc, f / "central-bedfordshire-send-wsoa.docx", created)

    dues = {
        # the second half of the spring term ends at Easter (4 April 2021); Easter 2020 is 12 April
        "Spring 2 2021": d(2021, 4, 4),
        "July 2020": d(2020, 7, 31),
        "By Easter 2020": d(2020, 4, 12),
        "Autumn 1 2020": d(2020, 10, 31),
        "September 2020": d(2020, 9, 30),
        "Summer 2 2020": d(2020, 7, 31),
        "TBC": None,
    }

    def leads_of(who):
        if who.startswith("Director of Children"):
            return [
                lead("Director of Children\u2019s Services", "role", org),
                lead("BCCG Chief Nurse", "role", "Bedfordshire Clinical Commissioning Group"),
            ]
        if who.startswith("SNAP"):
            return [
                lead("SNAP Parent and Carer Forum", "group", None),
                lead("Head of SEND Service", "role", org),
            ]
        if who.startswith("Designated"):
            return [
                lead(
                    "Designated Clinical Officer",
                    "role",
                    "Bedfordshire Clinical Commissioning Group",
                )
            ]
        return [lead(who, "role", org)]

    recs = []
    for i, (area, rows) in enumerate(AREAS, 1):
        actions = []
        for ref, action, who, when, know, rag in rows:
            steps = action["bullets"] if isinstance(action, dict) else []
            text = action["paras"][0] if isinstance(action, dict) else action
            actions.append(
                act(
                    ref,
                    text,
                    steps=steps,
                    leads=leads_of(who),
                    due=dues[when],
                    due_text=when,
                    status_word="TBC" if when == "TBC" else None,
                    rag=rag,
                    rag_from_colour=True,
                    success=know,
                )
            )
        recs.append(rec(str(i), area, actions))
    write_expected(
        f,
        source={
            "title": "Our action plan (Written Statement of Action)",
            "publisher": org,
            "url": "https://www.centralbedfordshire.gov.uk/info/133/improving_send_services/830/"
            "our_action_plan_written_statement_of_action",
            "date": "2020",
            "kind": "SEND area inspection written statement of action",
        },
        fmt="docx",
        plan={
            "title": "Written Statement of Action (WSoA) for SEND",
            "organisation": org,
            "period_start": None,
            "period_end": None,
            "strategic_lead": None,
        },
        layout={
            "sheet": None,
            "header_row": 1,
            "columns": {
                "Ref": "ref",
                "Action": "action",
                "Lead": "leads",
                "By when": "due",
                "How will we know?": "success_criteria",
                "RAG": "rag",
            },
        },
        levels=2,
        recommendations=recs,
        difficulties=[
            'Each area of weakness is a heading paragraph ("Area of weakness 3: ...") with its own '
            "table; the areas are numbered only in the headings.",
            "RAG by Word cell shading only: the RAG cells hold no text.",
            'An action cell with a lead-in line and a bulleted list ("prioritising:"): the bullets '
            "are the action's steps.",
            'Joint leads across the council and the CCG joined by "and" ("Director of Children\'s '
            'Services and BCCG Chief Nurse"), a parent carer forum and a role joined by "and", '
            '"Assistant Director, Education and SEND" (one role with a comma) and a role with its '
            'short form in brackets ("Designated Clinical Officer (DCO)").',
            'Dates in school half terms ("Spring 2 2021", "Autumn 1 2020", "Summer 2 2020"), a '
            'festival ("By Easter 2020") and "TBC".',
            "The council's page gives the inspection dates, the partners (council, CCG, SNAP) and "
            "the six areas of weakness verbatim; the table layout, actions, leads and dates are "
            "reconstructed in the style of local-area written statements of action.",
        ],
    )


# 27 -------------------------------------------------------------------------------


@case
def c27_herefordshire_scb_business_plan():
    f = folder("27-herefordshire-scb-business-plan-2013")
    created = dt.datetime(2013, 6, 3, 9, 0, 0)
    board = "Herefordshire Safeguarding Children Board"
    doc = new_docx("HSCB Business Plan 2013-2014", board, created)
    para(doc, "Herefordshire Safeguarding Children Board", bold=True, size=16)
    para(doc, "Business Plan 2013-2014 and Development Priorities 2013-2016", bold=True, size=14)
    para(doc, "Contents", bold=True)
    for line in (
        "Foreword by the Independent Chair\t3",
        "Introduction\t4",
        "HSCB\u2019s Vision, Mission and Values\t5",
        "Structural Arrangements\t6",
        "HSCB Development Priorities 2013-2016\t8",
    ):
        para(doc, line)
    para(doc, "HSCB Development Priorities 2013-2016", bold=True, size=12)
    header = ["No.", "What we will do", "Who", "When", "What difference will it make?", "Progress"]
    AREAS = [
        (
            "Improving the experience of children, young people and families when they are "
            "supported in safeguarding systems (i.e. CAF, Social Care)",
            [
                (
                    "1.1",
                    "Ask children and families about their experience of child protection "
                    "conferences and report what they say to the Board",
                    "Head of Safeguarding and Review",
                    "30th September 2013",
                    "Children and families say they understood the plan and were listened to",
                    "Feedback form agreed June 2013.",
                ),
                (
                    "1.2",
                    "Audit the quality of CAFs and their action plans",
                    "Performance, Quality and Audit Sub-Group",
                    "Quarterly",
                    "CAFs lead to help at the right time",
                    "",
                ),
                (
                    "1.3",
                    "Publish a guide to safeguarding services for parents",
                    "HSCB Business Manager",
                    "Q3 2013/14",
                    "Parents know where to go for help",
                    "",
                ),
            ],
        ),
        (
            "Improving multi-agency case work.",
            [
                (
                    "2.1",
                    "Multi-agency case file audits on neglect, with learning shared through "
                    "briefings",
                    "Performance, Quality and Audit Sub-Group",
                    "March 2014",
                    "Neglect is recognised and acted on earlier",
                    "First audit completed May 2013.",
                ),
                (
                    "2.2",
                    "Review the escalation protocol and its use by all agencies",
                    "Designated Nurse, Safeguarding Children",
                    "Ongoing",
                    "Professional disagreements are resolved quickly",
                    "",
                ),
            ],
        ),
    ]
    for i, (area, rows) in enumerate(AREAS, 1):
        para(doc, "")
        para(doc, f"DEVELOPMENT AREA {i}: {area}", bold=True, size=12)
        add_table(doc, header, [list(r) for r in rows], widths=[1.2, 8.5, 5.0, 3.0, 6.0, 4.5])
    save_docx(doc, f / "hscb-business-plan-2013-14.docx", created)

    council = "Herefordshire Council"
    LEADS = {
        "Head of Safeguarding and Review": [
            lead("Head of Safeguarding and Review", "role", council)
        ],
        "Performance, Quality and Audit Sub-Group": [
            lead("Performance, Quality and Audit Sub-Group", "group", board)
        ],
        "HSCB Business Manager": [lead("HSCB Business Manager", "role", board)],
        "Designated Nurse, Safeguarding Children": [
            lead("Designated Nurse, Safeguarding Children", "role", None)
        ],
    }
    dues = {
        "30th September 2013": d(2013, 9, 30),
        "Quarterly": None,
        "Q3 2013/14": d(2013, 12, 31),
        "March 2014": d(2014, 3, 31),
        "Ongoing": None,
    }
    recs = []
    for i, (area, rows) in enumerate(AREAS, 1):
        recs.append(
            rec(
                str(i),
                area,
                [
                    act(
                        ref,
                        text,
                        leads=LEADS[who],
                        due=dues[when],
                        due_text=when,
                        status_word="Ongoing" if when == "Ongoing" else None,
                        success=diff,
                        progress=prog or None,
                    )
                    for ref, text, who, when, diff, prog in rows
                ],
            )
        )
    write_expected(
        f,
        source={
            "title": "Herefordshire Safeguarding Children Board Business Plan 2013-2014 and "
            "Development Priorities 2013-2016",
            "publisher": board,
            "url": "https://vdocuments.site/herefordshire-safeguarding-children-board-business-plan-"
            "herefordshire-safeguarding.html",
            "date": "2013",
            "kind": "safeguarding children board business plan",
        },
        fmt="docx",
        plan={
            "title": "Business Plan 2013-2014 and Development Priorities 2013-2016",
            "organisation": board,
            "period_start": None,
            "period_end": None,
            "strategic_lead": None,
        },
        layout={
            "sheet": None,
            "header_row": 1,
            "columns": {
                "No.": "ref",
                "What we will do": "action",
                "Who": "leads",
                "When": "due",
                "What difference will it make?": "success_criteria",
                "Progress": "progress",
            },
        },
        levels=2,
        recommendations=recs,
        difficulties=[
            'Development areas as upper-case heading paragraphs ("DEVELOPMENT AREA 2: ..."), each '
            "with its own table; a contents list with tab leaders before them.",
            'Leads are roles with "and" and commas inside them ("Head of Safeguarding and Review", '
            '"Designated Nurse, Safeguarding Children"), and a sub-group with commas in its name.',
            'Dates: an ordinal ("30th September 2013"), a long financial-year quarter ("Q3 '
            '2013/14"), "Quarterly" and "Ongoing" (no due date).',
            '"What difference will it make?" is the success criteria.',
            "The public copy shows the title page, the contents and the development areas' titles "
            "(1 and 2 in full); the tables' columns, rows and leads are reconstructed in the style "
            "of safeguarding board business plans of the time.",
        ],
    )


# 28 -------------------------------------------------------------------------------


@case
def c28_bromsgrove_audit_tracker():
    f = folder("28-bromsgrove-internal-audit-tracker-2009")
    created = dt.datetime(2009, 9, 14, 9, 0, 0)
    org = "Bromsgrove District Council"
    wb = new_xlsx("Internal Audit Recommendation Tracker", org, created)
    key = wb.active
    key.title = "Guidance"
    for i, line in enumerate(
        [
            "Internal Audit Recommendation Tracker \u2013 guidance",
            "Priority 1 \u2013 Fundamental: action is imperative to ensure the objectives of the "
            "system under review are met.",
            "Priority 2 \u2013 Important: action is required to avoid exposure to significant risks.",
            "Priority 3 \u2013 Desirable: action is advised to enhance control or improve "
            "operational efficiency.",
            "The tracker reports every priority one finding and key priority two findings.",
            "A Revised Target Completion Date may be agreed once with the Head of Financial "
            "Services; the original Target Completion Date is kept.",
        ],
        start=1,
    ):
        put(key, i, 1, line, bold=i == 1, border=False, wrap=False)
    widths(key, [110])

    ws = wb.create_sheet("Tracker")
    header = [
        "Audit",
        "Rec No.",
        "Priority",
        "Finding",
        "Agreed Action",
        "Responsible Officer",
        "Target Completion Date",
        "Revised Target Completion Date",
        "Progress / Comments",
    ]
    n = title_rows(
        ws,
        [
            "Bromsgrove District Council",
            "Internal Audit Recommendation Tracker \u2013 Quarter 2 2009/10",
            "Audit Board: 28 September 2009",
            "",
        ],
        len(header),
    )
    hr = n + 1
    put_row(ws, hr, header, bold=True, fill=rgb_fill("header"))
    AUDITS = [
        (
            "Creditors 2008/09",
            [
                (
                    "1",
                    "1 - Fundamental",
                    "Changes to suppliers\u2019 bank details are not independently verified before "
                    "payment.",
                    "Agreed. All changes to bank details will be confirmed by telephone with the "
                    "supplier and checked by a second officer.",
                    "Financial Services Manager",
                    dt.date(2009, 6, 30),
                    None,
                    "Procedure in place from June 2009.",
                ),
                (
                    "2",
                    "2 - Important",
                    "Orders are raised after the invoice is received for a number of purchases.",
                    "Agreed. Managers will be reminded of the Financial Regulations and "
                    "retrospective orders reported quarterly.",
                    "Head of Financial Services",
                    dt.date(2009, 7, 31),
                    dt.date(2009, 12, 31),
                    "Reminder issued; quarterly report delayed by the new finance system.",
                ),
            ],
        ),
        (
            "Council Tax 2008/09",
            [
                (
                    "3",
                    "1 - Fundamental",
                    "Reconciliation of the council tax system to the valuation list has not been "
                    "performed since October 2008.",
                    "Agreed. Monthly reconciliations to be completed and signed by the Revenues "
                    "Manager.",
                    "Revenues and Benefits Manager",
                    dt.date(2009, 5, 31),
                    dt.date(2009, 10, 31),
                    "",
                ),
            ],
        ),
        (
            "ICT Security 2008/09",
            [
                (
                    "4",
                    "2 - Important",
                    "Leavers\u2019 network accounts are not always disabled promptly.",
                    "Agreed. HR to send a weekly leavers report to ICT, and accounts to be disabled "
                    "on the leaving date.",
                    "HR and Organisational Development Manager",
                    dt.date(2009, 9, 30),
                    None,
                    "Weekly report in place.",
                ),
                (
                    "5",
                    "2 - Important",
                    "There is no tested disaster recovery plan for the main server room.",
                    "Agreed. A disaster recovery plan will be written and tested with the "
                    "shared service partner.",
                    "ICT Manager",
                    dt.date(2009, 8, 31),
                    dt.date(2010, 3, 31),
                    "Plan drafted; test booked for February 2010.",
                ),
            ],
        ),
    ]
    r = hr + 1
    for audit, rows in AUDITS:
        start = r
        for j, (no, prio, finding, action, who, target, revised, prog) in enumerate(rows):
            put_row(
                ws, r, [audit if j == 0 else None, no, prio, finding, action, who, None, None, prog]
            )
            put(ws, r, 7, target, number_format="dd/mm/yyyy")
            put(ws, r, 8, revised, number_format="dd/mm/yyyy")
            r += 1
        if r - 1 > start:
            ws.merge_cells(start_row=start, start_column=1, end_row=r - 1, end_column=1)
    ws.freeze_panes = f"A{hr + 1}"
    widths(ws, [18, 8, 14, 40, 44, 24, 14, 14, 34])
    save_xlsx(wb, f / "internal-audit-recommendation-tracker-q2-2009-10.xlsx", created)

    LEADS: dict = {}
    recs = []
    for _audit, rows in AUDITS:
        for no, _prio, finding, action, who, target, revised, prog in rows:
            due = revised or target
            recs.append(
                rec(
                    no,
                    finding,
                    [
                        act(
                            None,
                            action,
                            leads=LEADS.get(who, [lead(who, "role", org)]),
                            due=due.isoformat(),
                            due_text=due.strftime("%d/%m/%Y"),
                            progress=prog or None,
                            # the meeting the whole tracker goes to, stated above it (as in 14)
                            reporting_body="Audit Board",
                            reporting_date=d(2009, 9, 28),
                        )
                    ],
                )
            )
    write_expected(
        f,
        source={
            "title": "Internal Audit Recommendation Tracker (Audit Board, 28 September 2009)",
            "publisher": org,
            "url": "https://moderngovwebpublic.bromsgrove.gov.uk/ieIssueDetails.aspx?IId=6040&Opt=3"
            "&PlanId=0",
            "date": "2009-09",
            "kind": "internal audit recommendation tracker",
        },
        fmt="xlsx",
        plan={
            "title": "Internal Audit Recommendation Tracker \u2013 Quarter 2 2009/10",
            "organisation": org,
            "period_start": None,
            "period_end": None,
            "strategic_lead": None,
        },
        layout={
            "sheet": "Tracker",
            "header_row": hr,
            "columns": {
                "Audit": "ignore",
                "Rec No.": "recommendation_ref",
                "Priority": "ignore",
                "Finding": "recommendation",
                "Agreed Action": "response",
                "Responsible Officer": "leads",
                "Target Completion Date": "milestones",
                "Revised Target Completion Date": "due",
                "Progress / Comments": "progress",
            },
        },
        levels=2,
        recommendations=recs,
        difficulties=[
            "Each row is a finding with its agreed action (the response); no action column.",
            "A guidance sheet (priority definitions) before the tracker sheet.",
            'Two date columns: "Target Completion Date" and "Revised Target Completion Date"; the '
            "revised date, where there is one, is when the action is now due, and the original "
            "target is kept as a milestone.",
            'A "Priority" column of gradings ("1 - Fundamental") that is not the recommendation '
            "level.",
            "The audit's name merged vertically over its findings.",
            'A role with "and" inside it ("HR and Organisational Development Manager"), one role.',
            "The minutes describe the tracker (priority one and key priority two findings and "
            "agreed actions, the three priorities, Target Completion and Revised Target Completion "
            "Dates, from quarter 2 2009/10); the rows are reconstructed.",
        ],
    )


# 29 -------------------------------------------------------------------------------


@case
def c29_bathnes_asc_cqc_improvement_plan():
    f = folder("29-bathnes-asc-cqc-improvement-plan-2025")
    created = dt.datetime(2025, 6, 2, 9, 0, 0)
    org = "Bath and North East Somerset Council"
    wb = new_xlsx("Adult Social Care Improvement Plan", org, created)
    cover = wb.active
    cover.title = "Cover"
    cover_sheet(
        cover,
        [
            "Bath and North East Somerset Council",
            "Adult Social Care Improvement Plan 2025/26",
            "CQC Local Authority Assessment \u2013 report published 30 January 2025 (Requires "
            "Improvement)",
            "Plan owner: Director of Adult Social Care",
            "Period: April 2025 to March 2026",
            "",
            "RAG key",
        ],
        [
            ("green", "On track"),
            ("amber", "At risk \u2013 mitigating action in place"),
            ("red", "Off track"),
            ("blue", "Complete"),
        ],
        width=80,
    )

    ws = wb.create_sheet("Improvement Plan")
    header = [
        "Priority",
        "CQC quality statement",
        "Ref",
        "Key action",
        "Lead",
        "Target date",
        "Impact / success measure",
        "RAG",
        "Progress update (May 2025)",
    ]
    put_row(ws, 1, header, bold=True, fill=theme_fill("grey"))
    P = [
        (
            "Priority 1: Timely assessment and review of people\u2019s needs",
            "QS1 Assessing needs",
            [
                (
                    "1.1",
                    "Reduce the waiting list for Care Act assessments through a weekly triage "
                    "and allocation panel",
                    "Head of Operations, Adult Social Care",
                    "Q3 25/26",
                    "No one waits more than 28 days for an assessment",
                    "amber",
                    "Waiting list down from 412 to 265.",
                ),
                (
                    "1.2",
                    "Carers\u2019 assessments offered at every assessment and review",
                    "Carers Lead and Principal Social Worker",
                    "June 30th 2025",
                    "Carers\u2019 assessments completed rise by a quarter",
                    "green",
                    "",
                ),
            ],
        ),
        (
            "Priority 2: Safeguarding enquiries completed without delay",
            "QS7 Safeguarding",
            [
                (
                    "2.1",
                    "Clear the backlog of safeguarding concerns awaiting a decision",
                    "Safeguarding Adults Manager",
                    "Complete",
                    "All concerns screened within 2 working days",
                    "blue",
                    "Backlog cleared April 2025.",
                ),
                (
                    "2.2",
                    "Quarterly multi-agency audit of Section 42 enquiries",
                    "Bath and North East Somerset Community Safety and Safeguarding Partnership",
                    "end of 2025/26",
                    "Audit grades good or better in 80% of cases",
                    "red",
                    "First audit postponed; new date agreed.",
                ),
                (
                    "2.3",
                    "Making Safeguarding Personal training for all social care staff",
                    "Principal Social Worker",
                    "Spring 2026",
                    "People say their safeguarding outcomes were met",
                    "green",
                    "",
                ),
            ],
        ),
    ]
    r = 2
    for ptitle, qs, rows in P:
        start = r
        for j, (ref, text, who, when, impact, rag, prog) in enumerate(rows):
            put_row(
                ws,
                r,
                [
                    ptitle if j == 0 else None,
                    qs if j == 0 else None,
                    ref,
                    text,
                    who,
                    when,
                    impact,
                    None,
                    prog,
                ],
            )
            put(ws, r, 8, None, fill=theme_fill(rag))
            r += 1
        ws.merge_cells(start_row=start, start_column=1, end_row=r - 1, end_column=1)
        ws.merge_cells(start_row=start, start_column=2, end_row=r - 1, end_column=2)
    ws.freeze_panes = "D2"
    widths(ws, [28, 18, 6, 46, 28, 14, 34, 8, 34])
    save_xlsx(wb, f / "bathnes-asc-improvement-plan-2025-26.xlsx", created)

    LEADS = {
        "Carers Lead and Principal Social Worker": [
            lead("Carers Lead", "role", org),
            lead("Principal Social Worker", "role", org),
        ],
        "Bath and North East Somerset Community Safety and Safeguarding Partnership": [
            lead(
                "Bath and North East Somerset Community Safety and Safeguarding Partnership",
                "group",
                None,
            )
        ],
    }
    dues = {
        "Q3 25/26": d(2025, 12, 31),
        "June 30th 2025": d(2025, 6, 30),
        "Complete": None,
        "end of 2025/26": d(2026, 3, 31),
        "Spring 2026": d(2026, 4, 5),  # the spring term ends at Easter
    }
    recs = []
    for i, (ptitle, _qs, rows) in enumerate(P, 1):
        recs.append(
            rec(
                str(i),
                ptitle.split(": ", 1)[1],
                [
                    act(
                        ref,
                        text,
                        leads=LEADS.get(who, [lead(who, "role", org)]),
                        due=dues[when],
                        due_text=when,
                        status_word="Complete" if when == "Complete" else None,
                        rag=rag,
                        rag_from_colour=True,
                        success=impact,
                        progress=prog or None,
                    )
                    for ref, text, who, when, impact, rag, prog in rows
                ],
            )
        )
    write_expected(
        f,
        source={
            "title": "Care Quality Commission (CQC) Local Authority Assessment - Adult Social Care "
            "Improvement Plan Progress Update (Cabinet decision)",
            "publisher": org,
            "url": "https://democracy.bathnes.gov.uk/ieDecisionDetails.aspx?ID=2324",
            "date": "2025",
            "kind": "CQC local authority assessment (adult social care) improvement plan",
        },
        fmt="xlsx",
        plan={
            "title": "Adult Social Care Improvement Plan 2025/26",
            "organisation": org,
            "period_start": d(2025, 4, 1),
            "period_end": d(2026, 3, 31),
            "strategic_lead": "Director of Adult Social Care",
        },
        layout={
            "sheet": "Improvement Plan",
            "header_row": 1,
            "columns": {
                "Priority": "recommendation",
                "CQC quality statement": "ignore",
                "Ref": "ref",
                "Key action": "action",
                "Lead": "leads",
                "Target date": "due",
                "Impact / success measure": "success_criteria",
                "RAG": "rag",
                "Progress update (May 2025)": "progress",
            },
        },
        levels=2,
        recommendations=recs,
        difficulties=[
            "A cover sheet with the title, the plan owner, the period and a BRAG key of theme-colour "
            "fills; the plan on the second sheet.",
            'Priorities merged vertically over their actions ("Priority 1: ..."), beside a merged '
            "CQC quality statement column that is not a level of the plan.",
            "RAG by theme colour with a tint only (blue = complete).",
            '"Impact / success measure" is the success criteria.',
            'Leads joined by "and" that are two roles ("Carers Lead and Principal Social Worker"), '
            'a role with a comma ("Head of Operations, Adult Social Care") and a partnership.',
            'Dates: "Q3 25/26", "June 30th 2025", "end of 2025/26" and "Complete" (a status).',
            "The Cabinet decision gives the assessment, its publication date and rating, the nine "
            "priorities aligned to the CQC quality statements and the progress reporting; the "
            "sheet layout and the rows (two priorities) are reconstructed.",
        ],
    )


# 30 -------------------------------------------------------------------------------


@case
def c30_city_of_london_police_peel():
    f = folder("30-city-of-london-police-peel-2022")
    force = "City of London Police"
    rows = [
        [
            "City of London Police \u2013 HMICFRS PEEL Inspection 2022: Action Plan",
            "",
            "",
            "",
            "",
            "",
            "",
        ],
        [
            "Police Authority Board \u2013 reviewed quarterly by the Strategic Planning and Performance Committee",
            "",
            "",
            "",
            "",
            "",
            "",
        ],
        ["", "", "", "", "", "", ""],
        ["AFI", "Area for improvement", "Action", "Owner", "Target date", "Status", "Update"],
    ]
    R = [
        (
            "AFI 1",
            "The force should improve its strategic planning, organisational management and value "
            "for money.",
            [
                (
                    "Refresh the force management statement and link it to the medium-term "
                    "financial plan",
                    "Director of Corporate Services",
                    "Q4 22/23",
                    "Complete",
                    "FMS 2023 approved by the Chief Officer Team.",
                ),
                (
                    "Introduce a benefits register for change programmes",
                    "Head of Strategic Development and Performance",
                    "September 2023",
                    "On track",
                    "",
                ),
            ],
        ),
        (
            "AFI 2",
            "The force should improve how it prevents crime and anti-social behaviour, working "
            "with the City Corporation\u2019s Safer City Partnership.",
            [
                (
                    "Joint problem-solving plans with the Safer City Partnership for each hotspot",
                    "Commander, Operations and Security",
                    "Ongoing",
                    "On track",
                    "Three plans agreed; ASB broadly on a downward trend.",
                ),
            ],
        ),
        (
            "AFI 3",
            "The force should make sure that supervisors review investigations regularly and "
            "record their reviews.",
            [
                (
                    "Supervisory review template on the crime system, with monthly compliance "
                    "reports",
                    "Detective Chief Superintendent, Crime",
                    "end of 2023/24",
                    "Delayed",
                    "System change scheduled for the summer release.",
                ),
                (
                    "Dip sample of 50 investigations each quarter by the Crime Standards team",
                    "Detective Superintendent, Crime Standards",
                    "TBC",
                    "Not started",
                    "",
                ),
            ],
        ),
    ]
    for afi, area, actions in R:
        for j, (text, owner, when, status, update) in enumerate(actions):
            rows.append(
                [afi if j == 0 else "", area if j == 0 else "", text, owner, when, status, update]
            )
    write_csv(f / "city-of-london-police-peel-2022-action-plan.csv", rows)

    dues = {
        "Q4 22/23": d(2023, 3, 31),
        "September 2023": d(2023, 9, 30),
        "Ongoing": None,
        "end of 2023/24": d(2024, 3, 31),
        "TBC": None,
    }
    recs = []
    for afi, area, actions in R:
        recs.append(
            rec(
                afi,  # numbered as written, the word kept ("Requirement 1" in 21)
                area,
                [
                    act(
                        None,
                        text,
                        leads=[lead(owner, "role", force)],
                        due=dues[when],
                        due_text=when,
                        status_word=status,
                        progress=update or None,
                    )
                    for text, owner, when, status, update in actions
                ],
            )
        )
    write_expected(
        f,
        source={
            "title": "HMICFRS PEEL Inspection 2022 (Report of the Commissioner to the Police "
            "Authority Board)",
            "publisher": "City of London Corporation (Police Authority Board)",
            "url": "https://democracy.cityoflondon.gov.uk/mgAi.aspx?ID=140506",
            "date": "2023",
            "kind": "HMICFRS PEEL inspection action plan (police force)",
        },
        fmt="csv",
        plan={
            "title": "City of London Police \u2013 HMICFRS PEEL Inspection 2022: Action Plan",
            "organisation": force,
            "period_start": None,
            "period_end": None,
            "strategic_lead": None,
        },
        layout={
            "sheet": None,
            "header_row": 4,
            "columns": {
                "AFI": "recommendation_ref",
                "Area for improvement": "recommendation",
                "Action": "action",
                "Owner": "leads",
                "Target date": "due",
                "Status": "status",
                "Update": "progress",
            },
        },
        levels=2,
        recommendations=recs,
        difficulties=[
            'Areas for improvement numbered "AFI 1"..."AFI 3", written only on their first action\'s '
            "row (the CSV of a merged column).",
            'Owners are ranks and roles with commas ("Detective Chief Superintendent, Crime", '
            '"Commander, Operations and Security"): one role each.',
            'Status words that are not RAG ("On track", "Delayed", "Complete").',
            'Dates: "Q4 22/23", "end of 2023/24", "Ongoing".',
            "Windows-1252 with en dashes and a curly apostrophe; two title lines and a blank line "
            "above the header.",
            "The Board's minutes give the PEEL 2022 inspection, the areas needing improvement with a "
            "plan for each (strategic planning, organisational management and value for money; "
            "preventing crime and anti-social behaviour; partnership with the City Corporation), "
            "and quarterly review by the Strategic Planning and Performance Committee; the rows "
            "and the third area are reconstructed.",
        ],
    )


# 31 -------------------------------------------------------------------------------


@case
def c31_brooke_school_governor_action_plan():
    f = folder("31-brooke-school-governor-action-plan-2015")
    created = dt.datetime(2016, 4, 3, 9, 0, 0)
    school = "Brooke School"
    doc = new_docx("Governor Action plan", school, created)
    para(doc, "Governor Action plan", bold=True, size=16)
    para(doc, "Chair of Governors: Margaret Ashdown")
    para(doc, "Date last reviewed: 03/04/16")
    para(doc, school, bold=True)
    para(doc, "September 2015")
    para(doc, "Conducted by Mary Kerr, WCC Governor Services")
    para(
        doc,
        "To help the governing body focus on the essentials, the following priority actions are "
        "recommended:",
    )
    PRIORITIES = [
        (
            "School Improvement",
            "School Improvement: Establish a more systematic approach to engaging with the "
            "improvement cycle, in particular school self evaluation and monitoring of the "
            "school\u2019s Learning Plan. See section 1.",
        ),
        (
            "Governing body organisation",
            "The gb organisation should be reviewed with the aim of streamlining the committee "
            "structure and ensuring that all groups report in writing to the gb. See section 2.",
        ),
    ]
    num = new_number_list(doc)
    for _title, text in PRIORITIES:
        numbered(doc, text, num)
    months = [
        "April 2014",
        "July 2014",
        "December 2014",
        "April 2015",
        "July 2015",
        "December 2015",
        "April 2016",
        "July 2016",
        "December 2016",
    ]
    header = [
        "What are we aiming for and when will it be achieved?",
        "What will be the impact of this?",
        "Staff lead?",
        "Governor Monitor?",
        *months,
    ]
    SHADE = "8DB3E2"
    ITEMS = {
        1: [
            (
                "a",
                "School Self Evaluation (SSE) Ensure gb participation in reviewing and approving "
                "the SSE, so that governors share ownership of the school\u2019s judgements.",
                "It will also confirm that the Improvement Plan/RAP is properly focused.",
                "Headteacher",
                "Lucy Barnard / Tom Hale",
                (4, 5),
            ),
            (
                "b",
                "Governors to receive pupil progress data each term and record their challenge "
                "in the minutes.",
                "Governors can account for the performance of year groups and groups of pupils.",
                "Deputy Headteacher",
                "Tom Hale",
                (4, 6),
            ),
        ],
        2: [
            (
                "a",
                "Review the committee structure and terms of reference.",
                "Fewer, better focused meetings.",
                "Clerk to Governors",
                "Margaret Ashdown",
                (3, 4),
            ),
            (
                "b",
                "Every committee to report in writing to the full governing body.",
                "Minutes show the gb holding the school to account.",
                "Clerk to Governors",
                "Chairs of committees",
                (4, 7),
            ),
            (
                "c",
                "Appoint link governors for safeguarding and for SEND.",
                "Named governors visit and report each term.",
                "Headteacher",
                "Margaret Ashdown",
                (3, 3),
            ),
        ],
    }
    rows = []
    for n, (title, _text) in enumerate(PRIORITIES, 1):
        rows.append({"span": f"{n} {title}"})
        for letter, aim, impact, staff, gov, (first, last) in ITEMS[n]:
            gantt = [{"fill": SHADE} if first <= k <= last else "" for k in range(len(months))]
            rows.append([f"{letter}) {aim}", impact, staff, gov, *gantt])
    add_table(doc, header, rows, widths=[7.5, 5.0, 2.6, 2.6, *[1.0] * len(months)])
    save_docx(doc, f / "brooke-school-governor-action-plan.docx", created)

    ends = {
        3: d(2015, 4, 30),
        4: d(2015, 7, 31),
        5: d(2015, 12, 31),
        6: d(2016, 4, 30),
        7: d(2016, 7, 31),
    }
    recs = []
    for n, (title, _text) in enumerate(PRIORITIES, 1):
        recs.append(
            rec(
                str(n),
                title,
                [
                    act(
                        letter,
                        aim,
                        leads=[lead(staff, "role", school)],
                        due=ends[last],
                        due_text=months[last],
                        success=impact,
                        reporting_body=gov,
                    )
                    for letter, aim, impact, staff, gov, (_first, last) in ITEMS[n]
                ],
            )
        )
    write_expected(
        f,
        source={
            "title": "Governor Action plan (Brooke School, governance review by WCC Governor "
            "Services, September 2015)",
            "publisher": school,
            "url": "https://docsbay.net/governor-action-plan",
            "date": "2016-04",
            "kind": "school governing body action plan (external review of governance)",
        },
        fmt="docx",
        plan={
            "title": "Governor Action plan",
            "organisation": school,
            "period_start": None,
            "period_end": None,
            "strategic_lead": "Chair of Governors",
        },
        layout={
            "sheet": None,
            "header_row": 1,
            "columns": {
                "What are we aiming for and when will it be achieved?": "action",
                "What will be the impact of this?": "success_criteria",
                "Staff lead?": "leads",
                "Governor Monitor?": "reporting",
                **{m: "period" for m in months},
            },
        },
        levels=2,
        recommendations=recs,
        difficulties=[
            'Header cells are questions, one asking two things ("What are we aiming for and when '
            'will it be achieved?"): the "what" is the action, and the "when" is given by the '
            "timeline.",
            "A Gantt timeline of nine dated columns (April 2014 ... December 2016) shaded per "
            "action: the due date is the end of the last shaded column; no other date is given.",
            'Sections as rows spanning the table ("1 School Improvement"); actions lettered '
            '"a)", "b)" within each section.',
            '"Governor Monitor?" names the governors who oversee the action (reporting), not '
            "leads.",
            "The recommended priority actions are a numbered list in the front matter.",
            "The public copy shows the front matter (chair, review date, school, reviewer, the two "
            "priority actions), the timeline header, the column questions and section 1's first "
            "item; the other items and the shading are reconstructed, names invented.",
        ],
    )


# --------------------------------------------------------------------------- check

VOCAB = {
    "recommendation",
    "recommendation_ref",
    "objective",
    "action",
    "ref",
    "response",
    "leads",
    "partners",
    "resources",
    "start",
    "due",
    "milestones",
    "reporting",
    "reporting_date",
    "progress",
    "status",
    "rag",
    "success_criteria",
    "evidence",
    "kpi",
    "percent",
    "period",
    "ignore",
}
ACTION_KEYS = {
    "ref",
    "text_starts",
    "steps",
    "leads",
    "due",
    "due_text",
    "status_word",
    "rag",
    "rag_from_colour",
    "success_criteria",
    "progress_starts",
    "reporting_body",
    "reporting_date",
    "kpi",
}
DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def _norm(text):
    return re.sub(r"\s+", " ", text or "").strip()


def _file_text_and_headers(path, layout):
    """All visible text of the file (whitespace-normalised) and the header row's cells."""
    suffix = path.suffix
    if suffix == ".docx":
        doc = Document(path)
        parts = [p.text for p in doc.paragraphs]
        headers = set()
        for t in doc.tables:
            for row in t.rows:
                cells = [c.text for c in row.cells]
                parts.extend(cells)
            headers.update(c.text for c in t.rows[0].cells)
        return _norm(" ".join(parts)), headers
    if suffix == ".xlsx":
        wb = openpyxl.load_workbook(path)
        parts, headers = [], set()
        for ws in wb.worksheets:
            for row in ws.iter_rows():
                for c in row:
                    if c.value is not None:
                        v = c.value
                        if isinstance(v, (dt.datetime, dt.date)):
                            v = v.strftime("%b-%y")
                        parts.append(str(v))
        ws = wb[layout["sheet"]]
        for c in ws[layout["header_row"]]:
            v = c.value
            if isinstance(v, (dt.datetime, dt.date)):
                v = v.strftime("%b-%y")
            if v is not None:
                headers.add(str(v))
        return _norm(" ".join(parts)), headers
    raw = path.read_bytes()
    text = raw.decode("cp1252")
    if any(ord(ch) > 127 for ch in text):
        try:
            raw.decode("utf-8")
        except UnicodeDecodeError:
            pass
        else:
            raise AssertionError(f"{path}: non-ASCII CSV also decodes as UTF-8")
    rows = list(csv.reader(io.StringIO(text)))
    headers = set(rows[layout["header_row"] - 1])
    return _norm(" ".join(" ".join(r) for r in rows)), headers


def _check_action(where, a, text):
    assert set(a) == ACTION_KEYS, (where, set(a) ^ ACTION_KEYS)
    assert isinstance(a["text_starts"], str) and 0 < len(a["text_starts"]) <= 40, where
    assert _norm(a["text_starts"]) in text, (where, a["text_starts"])
    assert a["due"] is None or DATE_RE.match(a["due"]), (where, a["due"])
    assert a["reporting_date"] is None or DATE_RE.match(a["reporting_date"]), where
    assert a["rag"] in (None, "red", "amber", "green", "blue"), where
    assert isinstance(a["rag_from_colour"], bool) and (a["rag"] or not a["rag_from_colour"]), where
    assert isinstance(a["steps"], list) and all(_norm(s) in text for s in a["steps"]), where
    for ld in a["leads"]:
        assert set(ld) == {"name", "kind", "organisation"}, where
        assert ld["kind"] in ("person", "role", "organisation", "group"), where
    if a["progress_starts"]:
        assert _norm(a["progress_starts"]) in text, (where, a["progress_starts"])


def check():
    """Every case: one file that opens, and an expected.json that follows the schema and the file."""
    problems = 0
    summary = {"docx": 0, "xlsx": 0, "csv": 0}
    theme_files = 0
    for folder_ in sorted(p for p in HERE.iterdir() if p.is_dir() and p.name[:2].isdigit()):
        try:
            files = [p for p in folder_.iterdir() if p.suffix in (".docx", ".xlsx", ".csv")]
            assert len(files) == 1, files
            path = files[0]
            exp = json.loads((folder_ / "expected.json").read_text(encoding="utf-8"))
            assert set(exp) == {
                "source",
                "format",
                "plan",
                "layout",
                "levels",
                "recommendations",
                "difficulties",
            }, set(exp)
            assert exp["format"] == path.suffix[1:], exp["format"]
            summary[exp["format"]] += 1
            src = exp["source"]
            assert set(src) == {"title", "publisher", "url", "date", "kind"}
            assert re.match(r"^\d{4}(-\d{2})?$", src["date"]), src["date"]
            assert src["url"].startswith("http"), src["url"]
            plan = exp["plan"]
            assert set(plan) == {
                "title",
                "organisation",
                "period_start",
                "period_end",
                "strategic_lead",
            }
            for k in ("period_start", "period_end"):
                assert plan[k] is None or DATE_RE.match(plan[k]), k
            layout = exp["layout"]
            assert set(layout) == {"sheet", "header_row", "columns"}
            assert isinstance(layout["header_row"], int)
            assert all(v in VOCAB for v in layout["columns"].values()), layout["columns"]
            text, headers = _file_text_and_headers(path, layout)
            if layout["header_row"]:
                missing = set(layout["columns"]) - headers
                assert not missing, ("header cells not in the header row", missing)
            assert exp["levels"] in (2, 3)
            n_actions = 0
            for r in exp["recommendations"]:
                assert isinstance(r["number"], str) and r["number"], r
                assert isinstance(r["title"], str) and r["title"]
                assert isinstance(r["overall_responsibility"], list)
                if exp["levels"] == 3:
                    assert r["objectives"] and r["actions"] == [], r["number"]
                    for o in r["objectives"]:
                        assert set(o) == {"number", "title", "actions"}
                        for a in o["actions"]:
                            _check_action((folder_.name, r["number"], o["number"]), a, text)
                            n_actions += 1
                else:
                    assert "objectives" not in r
                    for a in r["actions"]:
                        _check_action((folder_.name, r["number"]), a, text)
                        n_actions += 1
            assert 1 <= len(exp["recommendations"]) <= 8, len(exp["recommendations"])
            assert 5 <= n_actions <= 25, n_actions
            assert exp["difficulties"] and all(isinstance(x, str) for x in exp["difficulties"])
            if path.suffix == ".xlsx":
                with zipfile.ZipFile(path) as z:
                    if b"theme=" in z.read("xl/styles.xml") and b"tint=" in z.read("xl/styles.xml"):
                        theme_files += 1
            print(
                f"ok   {folder_.name}: {path.name}, {len(exp['recommendations'])} recommendations, "
                f"{n_actions} actions"
            )
        except Exception as exc:  # report every case, then fail
            problems += 1
            print(f"FAIL {folder_.name}: {exc!r}")
    print(f"formats: {summary}; xlsx files with theme+tint fills: {theme_files}")
    if problems:
        raise SystemExit(f"{problems} case(s) failed")


# --------------------------------------------------------------------------- main


def main(argv):
    if argv[1:] == ["--check"]:
        check()
        return
    wanted = argv[1:]
    for fn in CASES:
        num = fn.__name__[1:3]
        if wanted and num not in wanted:
            continue
        fn()
        print("built", fn.__name__)


if __name__ == "__main__":
    main(sys.argv)
