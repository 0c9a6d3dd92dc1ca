"""The paper as an editable Word document (python-docx): Word's own heading styles (Heading
1 for sections, Heading 2 for the annex's recommendations), paragraph numbers as Word
numbering, real tables whose header rows repeat on each page, charts as pictures with alt
text, British English, and the paper's own title, subject, author and dates in the file's
properties.

A council may supply its own .docx: the paper is written into a copy of it, so it keeps
the council's styles, page set-up, header and footer (logo included); only the body text
of the template is replaced. Styles the template lacks are added, based on its Normal. The
template is cleaned first, every time (council_template.py): nothing in a paper fetches.
"""

from __future__ import annotations

import datetime as dt
import io
import itertools
import zipfile
from collections.abc import Iterable

from docx import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_BREAK
from docx.opc.exceptions import PackageNotFoundError
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Cm, Pt, RGBColor
from docx.table import _Cell

from actionplan.core.limits import read_limits
from actionplan.core.wording import long_date
from actionplan.monitoring.chart import PALETTE
from actionplan.reports import wording
from actionplan.reports.charts import Chart, charts, trend_charts
from actionplan.reports.council_template import TemplateError, clean_template
from actionplan.reports.data import KINDS, PROGRESS, Item, PaperData, Update, printable_data
from actionplan.reports.docx_parts import (
    GREY,
    LANGUAGE,
    NUMBER_INDENT,
    NUMBERED_STYLE,
    borders,
    clear_body,
    ensure_style,
    house_style,
    language,
    numbered_style,
    numbering_part,
    repeat_header,
    shade,
    shading,
)
from actionplan.reports.evidence import ANNEX_B, Evidence

TEXT_WIDTH = Cm(17.4)  # A4 less 1.8 cm margins
TABLE_TEXT = Pt(9)
DARK_TEXT = {"amber", "yellow", "light-blue"}


def check_template(content: bytes, name: str = "the template") -> bytes:
    """The template cleaned (council_template.py), once python-docx has opened the clean
    copy; TemplateError, with a plain reason, for anything it cannot use."""
    cleaned = clean_template(content, name, read_limits(upload=False)).content
    try:
        Document(io.BytesIO(cleaned))
    except (PackageNotFoundError, KeyError, ValueError, zipfile.BadZipFile):
        raise TemplateError(f"{name} is not a Word .docx file") from None
    return cleaned


def render_docx(
    data: PaperData,
    *,
    draft: bool,
    template: bytes | None = None,
    figures: tuple[Chart, ...] | None = None,
    trends: tuple[Chart, ...] | None = None,
) -> bytes:
    data = printable_data(data)
    if template:
        doc = Document(io.BytesIO(check_template(template)))
        clear_body(doc)
    else:
        doc = Document()
        house_style(doc, data)
    w = _Writer(doc)
    w.title_block(data, draft)
    if data.kind == "performance":
        _performance(w, data, trends if trends is not None else trend_charts(data))
    elif data.kind == "highlight":
        _highlight(w, data)
    else:
        _progress_report(w, data, figures or charts(data))
    _properties(doc, data, draft)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def _progress_report(w: _Writer, data: PaperData, figures: tuple[Chart, ...]) -> None:
    progress, rag = figures
    _covering(w, data, progress)
    _recommendations(w, data, rag)
    _items(w, data)
    _exceptions(w, data)
    if data.indicators:
        _indicators(w, data)
    w.implications(data)
    w.closing(data)
    _annex(w, data)
    if data.evidence:
        _evidence(w, data.evidence)


def _covering(w: _Writer, data: PaperData, progress: Chart | None = None) -> None:
    """The covering report's numbered sections; the progress chart, if given, after the
    summary (Figure 1)."""
    for section in data.sections:
        w.heading(f"{section.number}. {section.title}")
        numbering = w.numbering(section.number)
        for p in section.paragraphs:
            w.numbered(numbering, p.text)
            for b in p.bullets:
                w.bullet(b)
        if progress is not None and section.number == wording.SUMMARY_SECTION:
            w.figure(progress, 1)


def _performance(w: _Writer, data: PaperData, trends: tuple[Chart, ...]) -> None:
    """The six-monthly performance report, in the order of templates/reports/performance.html."""
    _covering(w, data)
    by = long_date(data.as_at)
    if data.indicators:
        _indicators(
            w, data, f"{wording.PERF_INDICATORS}. Indicators over the six months to {by}", 1
        )
    else:
        w.heading(f"{wording.PERF_INDICATORS}. Indicators over the six months to {by}")
        w.paragraph("The plan has no indicators yet.")
    shown = itertools.count(1)  # figures are numbered among those drawn
    for trend, chart in zip(data.trends, trends, strict=True):
        w.doc.add_heading(trend.name, level=2)
        if trend.definition:
            w.paragraph(trend.definition)
        if trend.points:
            w.figure(chart, next(shown))
        else:
            w.paragraph(f"No value for a period in the six months to {by}.")
        if trend.commentary:
            w.paragraph("Commentary")
            for c in trend.commentary:
                w.bullet(c)
    if data.evidence:
        _evidence(w, data.evidence, f"{wording.PERF_FINDINGS}. Audit and feedback findings")
    else:
        w.heading(f"{wording.PERF_FINDINGS}. Audit and feedback findings")
        w.paragraph(
            f"No case-file audit was completed and no feedback was heard in the six months to {by}."
        )
    _exceptions(
        w,
        data,
        f"{wording.PERF_EXCEPTIONS}. Exceptions: actions off track or overdue, indicators "
        "missing their target",
        2,
    )
    missing = [r for r in data.indicators if r.rag in ("red", "amber")]
    if missing:
        w.table(
            "Table 3: indicators missing their target",
            ["Indicator", "Period", "Latest", "Target", "Against target"],
            [
                [[(r.name, "bold")], r.period, r.value, r.target, _Rag(r.rag or "", r.rag_label)]
                for r in missing
            ],
            [Cm(5.6), Cm(3.4), Cm(2.4), Cm(2.4), Cm(3.6)],
        )
    else:
        w.paragraph("No indicator is missing its target.")
    w.implications(data, wording.PERF_IMPLICATIONS)
    w.closing(data)


def _highlight(w: _Writer, data: PaperData) -> None:
    """The one-page highlight report, in the order of templates/reports/highlight.html."""
    h = wording.highlight(data)
    w.heading(
        f"Summary: the plan's {data.total} actions by RAG rating as at {long_date(data.as_at)}"
    )
    w.table(
        "Actions by RAG rating",
        ["Rating", "What it means", "Actions"],
        [[_Rag(r.colour, r.label), r.meaning, str(r.count)] for r in h.summary]
        + [[[("All actions", "bold")], "", str(data.total)]],
        [Cm(4), Cm(11), Cm(2.4)],
    )
    w.paragraph(h.summary_text)
    w.heading("Top risks")
    if h.risks:
        w.table(
            "Red and overdue actions" + (f": the first {len(h.risks)}" if h.more_risks else ""),
            ["Ref", "Action and lead officer", "RAG and why"],
            [
                [
                    i.ref,
                    _action(i),
                    [_Rag(i.colour, i.rating)]
                    + ([(i.reason[:1].upper() + i.reason[1:], "grey")] if i.reason else [])
                    + ([(f"Overdue: {i.overdue[0]}", "grey")] if i.overdue else []),
                ]
                for i in h.risks
            ],
            [Cm(1.8), Cm(8.4), Cm(7.2)],
        )
        if h.more_risks:
            w.paragraph(h.more_risks)
    else:
        w.paragraph("No action is rated red or overdue.")
    w.heading(f"Asks of the {data.committee_short}")
    for section in data.sections:
        for p in section.paragraphs:
            w.paragraph(p.text)
            for b in p.bullets:
                w.bullet(b)
    w.heading("Contact officer")
    w.paragraph("; ".join(f"{label}: {value}" for label, value in wording.contact(data)))


def _recommendations(w: _Writer, data: PaperData, rag: Chart) -> None:
    w.heading(f"{wording.RAG_SECTION}. Progress by recommendation")
    colours = list(dict.fromkeys(t.colour for t in data.totals))
    rows = [
        [
            [(f"{r.number} {r.title}", "bold")]
            + ([(f"Overall responsibility: {', '.join(r.owners)}", "grey")] if r.owners else []),
            *(str(sum(c.count for c in r.counts if c.colour == k)) for k in colours),
            str(r.total),
        ]
        for r in data.recommendations
    ]
    rows.append(
        [
            [("The whole plan", "bold")],
            *(str(sum(c.count for c in data.totals if c.colour == k)) for k in colours),
            str(data.total),
        ]
    )
    w.table(
        f"Table 1: actions by RAG rating for each recommendation, as at {long_date(data.as_at)}",
        ["Recommendation", *(k.capitalize() for k in colours), "Total"],
        rows,
        [Cm(17.4 - 1.4 * (len(colours) + 1))] + [Cm(1.4)] * (len(colours) + 1),
        header_colours=[None, *colours, None],
    )
    w.figure(rag, 2)
    w.table(
        "Table 2: key to the RAG ratings",
        ["Rating", "What it means"],
        [[_Rag(k.colour, k.label), k.meaning] for k in data.key],
        [Cm(4.4), Cm(13)],
    )


def _items(w: _Writer, data: PaperData) -> None:
    by = long_date(data.period_end)
    w.heading(f"{wording.ITEMS_SECTION}. Actions reporting to the {data.committee_short} by {by}")
    if not data.items:
        w.paragraph(f"No action has a reporting line to the {data.committee_short} due by {by}.")
        return
    w.table(
        f"Table 3: actions with a reporting line to the {data.committee_short} due by {by} or "
        "recurring, with their latest update",
        ["Ref", "Action and lead officer", "Reporting line", "RAG", "Latest update"],
        [
            [
                i.ref,
                _action(i),
                "; ".join(i.reporting),
                [_Rag(i.colour, i.rating)]
                + ([(f"See section {wording.EXCEPTIONS_SECTION}", "grey")] if i.exception else []),
                _update(i.latest),
            ]
            for i in data.items
        ],
        [Cm(1.6), Cm(5.2), Cm(3), Cm(2.4), Cm(5.2)],
    )


def _exceptions(w: _Writer, data: PaperData, heading: str = "", table: int = 4) -> None:
    w.heading(
        heading
        or f"{wording.EXCEPTIONS_SECTION}. Exceptions: actions off track, at risk or overdue"
    )
    if not data.exceptions:
        w.paragraph("No action is off track, at risk or overdue.")
        return
    w.table(
        f"Table {table}: red, amber and overdue actions, with the latest narrative and next steps",
        ["Ref", "Action and lead officer", "RAG and why", "Latest update", "Next steps"],
        [
            [
                i.ref,
                _action(i),
                [_Rag(i.colour, i.rating)]
                + ([(i.reason[:1].upper() + i.reason[1:], "grey")] if i.reason else [])
                + [(f"Overdue: {late}", "grey") for late in i.overdue],
                _update(i.latest),
                (i.latest.next_steps if i.latest else "") or "None given",
            ]
            for i in data.exceptions
        ],
        [Cm(1.6), Cm(4.2), Cm(3.6), Cm(4.6), Cm(3.4)],
    )


def _indicators(w: _Writer, data: PaperData, heading: str = "", table: int = 5) -> None:
    w.heading(heading or f"{wording.INDICATORS_SECTION}. Indicators")
    w.table(
        f"Table {table}: the plan's indicators, their latest values and RAG against target",
        ["Indicator", "Period", "Latest", "Previous", "Target", "Against target", "Direction"],
        [
            [
                [(r.name, "bold")],
                r.period,
                r.value,
                r.previous,
                r.target or "none set",
                _Rag(r.rag, r.rag_label) if r.rag else r.rag_label,
                (r.direction or "").capitalize(),
            ]
            for r in data.indicators
        ],
        [Cm(4.6), Cm(2.8), Cm(1.8), Cm(1.8), Cm(1.8), Cm(2.4), Cm(2.2)],
    )


def _annex(w: _Writer, data: PaperData) -> None:
    w.page_break()
    w.heading("Annex A: the whole plan and its latest updates")
    for r in data.annex:
        owners = f" (overall responsibility: {', '.join(r.owners)})" if r.owners else ""
        w.table(
            f"{r.number} {r.title}{owners}",
            ["Ref", "Action and lead officer", "Due", "RAG", "Latest update"],
            [
                [
                    i.label,
                    _action(i),
                    f"{i.due:%b %Y}" if i.due else "–",
                    _Rag(i.colour, i.rating),
                    _update(i.latest),
                ]
                for i in r.items
            ],
            [Cm(1.4), Cm(6.2), Cm(1.8), Cm(2.6), Cm(5.4)],
            size=Pt(8),
            caption_style="Heading 2",
        )


def _evidence(w: _Writer, e: Evidence, heading: str = "") -> None:
    """Annex B, as the HTML paper has it (templates/reports/evidence.html); or, given a
    heading, a performance report's section of findings, on the page as it runs."""
    if not heading:
        w.page_break()
    w.heading(heading or ANNEX_B)
    w.paragraph(
        f"Audits completed and feedback heard from {long_date(e.start)} to {long_date(e.end)}. "
        "Grades are the moderated ones; no case is named."
    )
    for a in e.audits:
        w.table(
            f"Audit: {a.title} ({a.quarter}, completed {long_date(a.completed)}; {a.cases} of "
            f"{a.sample_size} cases, {a.moderated} moderated; {a.good_or_better} good or better)",
            ["Overall grade", "Cases"],
            [[[(g.grade, "bold")], str(g.cases)] for g in a.grades],
            [Cm(6), Cm(2)],
        )
        for f in a.findings:
            actions = f" Actions: {'; '.join(f.actions)}" if f.actions else ""
            w.bullet(f"{f.kind}: {f.text}{actions}")
    if e.results:
        w.table(
            "Feedback results",
            ["Source and question", "Period", "Responses", "Positive"],
            [
                [[(f"{r.source}: {r.question}", "bold")], r.period, str(r.responses), r.positive]
                for r in e.results
            ],
            [Cm(8), Cm(5), Cm(2.2), Cm(2)],
        )
    for t in e.themes:
        w.paragraph(f"Theme: {t.name}. {t.summary}".strip())
        for q in t.quotes:
            w.bullet(f"“{q}”")
    if e.you_said:
        w.paragraph("You said, we did")
        for y in e.you_said:
            actions = f" Actions: {'; '.join(y.actions)}" if y.actions else ""
            w.bullet(f"You said: {y.you_said} We did: {y.we_did}{actions}")


def _properties(doc, data: PaperData, draft: bool) -> None:
    """The file's own properties: the paper's, not the library's or the template's. Files
    are rendered when a paper is issued (or a draft downloaded), so now is the issue date."""
    now = dt.datetime.now(dt.UTC).replace(microsecond=0, tzinfo=None)  # core.xml is in UTC
    author = data.author.name or f"{data.council} improvement team"
    p = doc.core_properties
    p.title = f"{data.title}: {data.committee}, as at {long_date(data.as_at)}"
    what = KINDS.get(data.kind, "progress") if data.kind != PROGRESS else "progress"
    p.subject = f"{data.plan_title}: {what} as at {long_date(data.as_at)}"
    p.author = p.last_modified_by = author
    p.comments = p.keywords = p.category = ""
    p.content_status = "Draft" if draft else "Issued"
    p.created = p.modified = now
    p.revision = 1
    p.language = LANGUAGE


def _action(i: Item) -> list:
    return [(i.text, "")] + ([(f"Lead: {', '.join(i.leads)}", "grey")] if i.leads else [])


def _update(u: Update | None) -> list:
    if u is None:
        return [("No update yet", "grey")]
    by = f", {u.author}" if u.author else ""
    lines = [(f"{long_date(u.as_at)}{by}: {u.status}", "grey")]
    return lines + ([(u.narrative, "")] if u.narrative else [])


class _Rag:
    """A RAG cell: the label in the colour, so it reads in greyscale too."""

    def __init__(self, colour: str, label: str):
        self.colour, self.label = colour, label


class _Writer:
    def __init__(self, doc):
        self.doc = doc
        for name, kind in (
            ("Title", WD_STYLE_TYPE.PARAGRAPH),
            ("Heading 1", WD_STYLE_TYPE.PARAGRAPH),
            ("Heading 2", WD_STYLE_TYPE.PARAGRAPH),
            ("List Bullet", WD_STYLE_TYPE.PARAGRAPH),
            ("Caption", WD_STYLE_TYPE.PARAGRAPH),
        ):
            ensure_style(doc, name, kind)
        numbered_style(doc)
        language(doc)
        self.grid = "Table Grid" in [s.name for s in doc.styles]
        self.numbers = numbering_part(doc).element

    def title_block(self, data: PaperData, draft: bool) -> None:
        council = self.paragraph("")
        council.add_run(data.council.upper()).bold = True
        committee = self.paragraph("")
        committee.add_run(data.committee).bold = True
        self.doc.add_paragraph(data.title, style="Title")
        if draft:
            p = self.paragraph("")
            p.add_run("DRAFT").bold = True
            p.add_run(": built from the live plan; it changes until it is issued.")
        self.pairs(list(wording.header(data, draft=draft)))

    def implications(self, data: PaperData, number: int = 0) -> None:
        number = number or wording.implications_section(bool(data.indicators))
        self.heading(f"{number}. Implications")
        numbering = self.numbering(number)
        for i in data.conventions.implications:
            p = self.numbered(numbering, "")
            p.add_run(f"{i.heading} implications:").bold = True
            p.add_run(f" {i.text}")

    def closing(self, data: PaperData) -> None:
        """Background papers and the contact officer, after the main body."""
        self.heading("Background papers")
        for b in data.conventions.background_papers:
            self.bullet(b)
        self.paragraph("Annexes: " + "; ".join(data.annexes))
        self.heading("Contact officer")
        self.pairs(list(wording.contact(data)))

    def pairs(self, pairs: list[tuple[str, str]]) -> None:
        table = self.doc.add_table(rows=0, cols=2)
        for label, value in pairs:
            cells = table.add_row().cells
            cells[0].paragraphs[0].add_run(label).bold = True
            cells[1].paragraphs[0].add_run(value)
            cells[0].width, cells[1].width = Cm(5.5), Cm(11.9)

    def heading(self, text: str) -> None:
        self.doc.add_heading(text, level=1)

    def paragraph(self, text: str):
        return self.doc.add_paragraph(text)

    def numbering(self, section: int) -> int:
        """A list for a section's paragraphs, numbered section.1, section.2 ... by Word."""
        ids = [
            int(n.get(qn("w:abstractNumId")))
            for n in self.numbers.iterchildren(qn("w:abstractNum"))
        ]
        abstract_id = max(ids, default=0) + 1
        abstract = parse_xml(
            f'<w:abstractNum {nsdecls("w")} w:abstractNumId="{abstract_id}">'
            '<w:multiLevelType w:val="singleLevel"/>'
            f'<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/>'
            f'<w:lvlText w:val="{section}.%1"/><w:lvlJc w:val="left"/>'
            f'<w:pPr><w:tabs><w:tab w:val="num" w:pos="{NUMBER_INDENT.twips}"/></w:tabs>'
            f'<w:ind w:left="{NUMBER_INDENT.twips}" w:hanging="{NUMBER_INDENT.twips}"/></w:pPr>'
            "<w:rPr><w:b/></w:rPr></w:lvl></w:abstractNum>"
        )
        # The schema's order: every abstractNum, then every num, then Word's cleanup marker.
        nums = list(self.numbers.iterchildren(qn("w:num")))
        cleanup = self.numbers.find(qn("w:numIdMacAtCleanup"))
        if nums:
            nums[0].addprevious(abstract)
        elif cleanup is not None:
            cleanup.addprevious(abstract)
        else:
            self.numbers.append(abstract)
        num_id = max((int(n.get(qn("w:numId"))) for n in nums), default=0) + 1
        (nums[-1] if nums else abstract).addnext(
            parse_xml(
                f'<w:num {nsdecls("w")} w:numId="{num_id}">'
                f'<w:abstractNumId w:val="{abstract_id}"/></w:num>'
            )
        )
        return num_id

    def numbered(self, numbering: int, text: str):
        p = self.doc.add_paragraph(text, style=NUMBERED_STYLE)
        num = p._p.get_or_add_pPr().get_or_add_numPr()
        num.get_or_add_ilvl().val = 0
        num.get_or_add_numId().val = numbering
        return p

    def bullet(self, text: str) -> None:
        p = self.doc.add_paragraph(text, style="List Bullet")
        p.paragraph_format.left_indent = Cm(1.9)

    def figure(self, chart: Chart, number: int) -> None:
        p = self.doc.add_paragraph()
        p.paragraph_format.keep_with_next = True
        shape = p.add_run().add_picture(io.BytesIO(chart.png), width=Cm(16))
        properties = shape._inline.docPr  # python-docx has no API for alt text
        properties.set("descr", chart.alt)
        properties.set("title", chart.title)
        self.doc.add_paragraph(f"Figure {number}: {chart.title}", style="Caption")

    def page_break(self) -> None:
        self.doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)

    def table(
        self,
        caption,
        headers,
        rows,
        widths,
        *,
        size=TABLE_TEXT,
        header_colours=None,
        caption_style="Caption",
    ) -> None:
        cap = self.doc.add_paragraph(caption, style=caption_style)
        cap.paragraph_format.keep_with_next = True
        table = self.doc.add_table(rows=1, cols=len(headers))
        if self.grid:
            table.style = "Table Grid"
        table.alignment = WD_TABLE_ALIGNMENT.LEFT
        table.autofit = False
        borders(table)
        for column, width in zip(table.columns, widths, strict=True):
            column.width = width  # the grid, which LibreOffice follows; Word reads the cells'
        # Cells through their XML: python-docx's row.cells walks the whole table each time,
        # which makes a long table quadratic.
        colours = header_colours or [None] * len(headers)
        head = table.rows[0]._tr
        repeat_header(table.rows[0])
        for tc, text, colour, width in zip(head.tc_lst, headers, colours, widths, strict=True):
            cell = _Cell(tc, table)
            _write(cell, _Rag(colour, text) if colour else [(text, "bold")], size)
            if not colour:
                shade(cell, "F3F2F1")
            cell.width = width
        for row in rows:
            tr = table.add_row()._tr
            for tc, value, width in zip(tr.tc_lst, row, widths, strict=True):
                cell = _Cell(tc, table)
                _write(cell, value, size)
                cell.width = width
        self.doc.add_paragraph()


def _write(cell, value, size) -> None:
    """Fill a cell: a string, a _Rag, or a list of (text, look) lines and _Rags."""
    lines: Iterable = value if isinstance(value, list) else [value]
    first = True
    for line in lines:
        p = cell.paragraphs[0] if first else cell.add_paragraph()
        first = False
        p.paragraph_format.space_after = Pt(2)
        if isinstance(line, _Rag):
            run = p.add_run(line.label)
            run.bold = True
            run.font.size = size
            run.font.color.rgb = RGBColor.from_string(
                "0B0C0C" if line.colour in DARK_TEXT else "FFFFFF"
            )
            # The label is shaded, not the cell: a tag, with the reasons readable below it.
            run._r.get_or_add_rPr().append(
                shading(PALETTE.get(line.colour, PALETTE["grey"]).lstrip("#").upper())
            )
            continue
        text, look = (line, "") if isinstance(line, str) else line
        run = p.add_run(text)
        run.font.size = size
        run.bold = look == "bold"
        if look == "grey":
            run.font.color.rgb = GREY
