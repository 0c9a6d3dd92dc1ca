"""Word's XML details the paper needs and python-docx has no API for: cell shading,
repeating header rows, borders, heading and numbered styles, the numbering part, the
document's language, and the house style used when a council gives no template."""

from __future__ import annotations

from docx.enum.section import WD_ORIENT
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.parts.numbering import NumberingPart
from docx.shared import Cm, Pt, RGBColor

from actionplan.reports.data import PaperData

GREY = RGBColor(0x50, 0x5A, 0x5F)
LANGUAGE = "en-GB"
NUMBER_INDENT = Cm(1.2)


def shade(cell, fill: str) -> None:
    cell._tc.get_or_add_tcPr().append(shading(fill))


def shading(fill: str):
    shd = OxmlElement("w:shd")
    shd.set(qn("w:val"), "clear")
    shd.set(qn("w:color"), "auto")
    shd.set(qn("w:fill"), fill)
    return shd


def repeat_header(row) -> None:
    flag = OxmlElement("w:tblHeader")
    flag.set(qn("w:val"), "true")
    row._tr.get_or_add_trPr().append(flag)


def borders(table) -> None:
    """Thin grey rules, whatever table styles the template has."""
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        line = OxmlElement(f"w:{edge}")
        line.set(qn("w:val"), "single")
        line.set(qn("w:sz"), "4")
        line.set(qn("w:color"), "B1B4B6")
        borders.append(line)
    table._tbl.tblPr.append(borders)


def ensure_style(doc, name: str, kind) -> None:
    if name in [s.name for s in doc.styles]:
        return
    style = doc.styles.add_style(name, kind)
    style.base_style = doc.styles["Normal"]
    style.font.bold = name != "List Bullet"
    if name.startswith("Heading"):
        level = int(name.split()[-1])
        style.font.size = Pt(16 - 2 * level)
        style.paragraph_format.keep_with_next = True
        # The outline level makes it a heading to Word's navigation and its PDF tags.
        outline = OxmlElement("w:outlineLvl")
        outline.set(qn("w:val"), str(level - 1))
        style.element.get_or_add_pPr().append(outline)
    if name == "Title":
        style.font.size = Pt(20)


NUMBERED_STYLE = "Numbered Paragraph"


def numbered_style(doc) -> None:
    """The covering report's numbered paragraphs: Normal, hanging under their number."""
    if NUMBERED_STYLE in [s.name for s in doc.styles]:
        return
    style = doc.styles.add_style(NUMBERED_STYLE, WD_STYLE_TYPE.PARAGRAPH)
    style.base_style = doc.styles["Normal"]
    style.paragraph_format.left_indent = NUMBER_INDENT
    style.paragraph_format.first_line_indent = -NUMBER_INDENT


def numbering_part(doc) -> NumberingPart:
    """The document's numbering definitions; a template may have none yet."""
    try:
        return doc.part.part_related_by(RT.NUMBERING)
    except KeyError:
        part = NumberingPart(
            PackURI("/word/numbering.xml"),
            CT.WML_NUMBERING,
            parse_xml(f"<w:numbering {nsdecls('w')}/>"),
            doc.part.package,
        )
        doc.part.relate_to(part, RT.NUMBERING)
        return part


def language(doc) -> None:
    """British English for the document's defaults and its Normal style, so spelling is
    checked, and text read aloud, as en-GB. A template's own language other than Word's
    default US English is the council's choice and stays."""
    styles = doc.styles.element
    defaults = child(styles, "docDefaults", first=True)
    for rpr in (
        child(child(defaults, "rPrDefault", first=True), "rPr"),
        doc.styles["Normal"].element.get_or_add_rPr(),
    ):
        lang = child(rpr, "lang")
        if lang.get(qn("w:val")) in (None, "", "en-US"):
            lang.set(qn("w:val"), LANGUAGE)


def child(parent, tag: str, *, first: bool = False):
    """parent's w:tag child, added (first, or last) if it has none."""
    child = parent.find(qn(f"w:{tag}"))
    if child is None:
        child = OxmlElement(f"w:{tag}")
        parent.insert(0, child) if first else parent.append(child)
    return child


def clear_body(doc) -> None:
    """Remove the template's body text, keeping its section settings (page, header, footer)."""
    body = doc.element.body
    for child in list(body):
        if child.tag != qn("w:sectPr"):
            body.remove(child)


def house_style(doc, data: PaperData) -> None:
    """Without a template: Arial-like type, A4, and a running header and page numbers."""
    normal = doc.styles["Normal"]
    normal.font.name = "Arial"
    normal.font.size = Pt(11)
    for name, size in (("Title", 20), ("Heading 1", 14), ("Heading 2", 12), ("Caption", 10)):
        style = doc.styles[name]
        style.font.name = "Arial"
        style.font.size = Pt(size)
        style.font.color.rgb = RGBColor(0x0B, 0x0C, 0x0C)
    section = doc.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    for side in ("left_margin", "right_margin"):
        setattr(section, side, Cm(1.8))
    section.top_margin = section.bottom_margin = Cm(2)
    header = section.header.paragraphs[0]
    header.text = f"{data.council} · {data.committee}"
    header.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    header.runs[0].font.size = Pt(8)
    header.runs[0].font.color.rgb = GREY
    footer = section.footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    footer.add_run("Page ")
    field(footer, "PAGE")
    footer.add_run(" of ")
    field(footer, "NUMPAGES")


def field(paragraph, code: str) -> None:
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), code)
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = "1"
    run.append(text)
    field.append(run)
    paragraph._p.append(field)
