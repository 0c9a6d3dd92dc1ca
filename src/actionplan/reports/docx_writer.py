"""The Word paper's writer: python-docx paragraphs, Word-numbered paragraphs, bullets,
figures with alt text, and tables whose header rows repeat on each page, with RAG labels
shaded so they read in greyscale too. What goes in them is the paper's (word.py)."""

from __future__ import annotations

import io
from collections.abc import Iterable

from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_BREAK
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Cm, Pt, RGBColor
from docx.table import _Cell

from actionplan.monitoring.chart import PALETTE
from actionplan.reports.charts import Chart
from actionplan.reports.docx_parts import (
    GREY,
    NUMBER_INDENT,
    NUMBERED_STYLE,
    borders,
    ensure_style,
    language,
    numbered_style,
    numbering_part,
    repeat_header,
    shade,
    shading,
)

TABLE_TEXT = Pt(9)
DARK_TEXT = {"amber", "yellow", "light-blue"}


class Rag:
    """A RAG cell: the label in the colour, so it reads in greyscale too."""

    def __init__(self, colour: str, label: str):
        self.colour, self.label = colour, label


class Writer:
    """Paragraphs, Word-numbered paragraphs, bullets, figures with alt text and tables with
    repeating header rows, written into a python-docx document."""

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
            _write(cell, Rag(colour, text) if colour else [(text, "bold")], size)
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
    """Fill a cell: a string, a Rag, or a list of (text, look) lines and _Rags."""
    lines: Iterable = value if isinstance(value, list) else [value]
    first = True
    for line in lines:
        p = cell.paragraphs[0] if first else cell.add_paragraph()
        first = False
        p.paragraph_format.space_after = Pt(2)
        if isinstance(line, Rag):
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
