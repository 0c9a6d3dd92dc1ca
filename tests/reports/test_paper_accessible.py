"""Accessible papers (issue 14, part 3): the PDF tagged for PDF/UA, read back through its
structure tree; the Word file in British English, with its own properties, Word headings,
Word numbering and alt text; the HTML with the same language, headings, header cells and
alt text. Public sector bodies publish committee papers under the accessibility
regulations 2018."""

import dataclasses
import datetime as dt
import io
import itertools
import re

import pikepdf
import pytest
from docx import Document
from docx.oxml.ns import qn
from paper_support import paper
from test_paper_template import council_template

from actionplan.reports.charts import charts
from actionplan.reports.data import Author, Paragraph, RecommendationItems, Section
from actionplan.reports.html import render_html
from actionplan.reports.pdf import render_pdf
from actionplan.reports.word import render_docx

STARTED = dt.datetime.now(dt.UTC).replace(microsecond=0)
SECTIONS = (
    Section(1, "Purpose of this report", (Paragraph("To report progress."),)),
    Section(
        4,
        "Summary of progress",
        (Paragraph("Six actions.", ("Off track (red): 1",)), Paragraph("Two are late.")),
    ),
)


@pytest.fixture(scope="module")
def data():
    base = paper(sections=SECTIONS)
    # A second recommendation in the annex: each is a heading under Annex A.
    annex = (*base.annex, RecommendationItems("2.0", "Keep chronologies", (), base.annex[0].items))
    return paper(sections=SECTIONS, annex=annex)


@pytest.fixture(scope="module")
def figures(data):
    return charts(data)


@pytest.fixture(scope="module")
def html(data, figures):
    return render_html(data, draft=False, figures=figures)


@pytest.fixture(scope="module")
def pdf(html):
    return pikepdf.open(io.BytesIO(render_pdf(html)))


def structure(root) -> list[pikepdf.Dictionary]:
    """Every element under a structure element (or the tree's root), in document order."""
    found = []

    def walk(element):
        kids = element.get("/K")
        if kids is None:
            return
        for kid in kids if isinstance(kids, pikepdf.Array) else [kids]:
            if isinstance(kid, pikepdf.Dictionary) and "/S" in kid:
                found.append(kid)
                walk(kid)

    walk(root)
    return found


def kinds(elements) -> list[str]:
    return [str(e.S) for e in elements]


def test_the_pdf_is_tagged_in_british_english_with_the_papers_title(pdf):
    title = "Improvement plan: progress report: Children's Scrutiny Committee, as at 15 March 2013"

    assert "/StructTreeRoot" in pdf.Root and pdf.Root.MarkInfo.Marked
    assert str(pdf.Root.Lang) == "en-GB"
    assert str(pdf.docinfo.Title) == title
    with pdf.open_metadata() as xmp:
        assert xmp["dc:title"] == title
        assert xmp["pdfuaid:part"] == "1"
    assert pdf.Root.ViewerPreferences.DisplayDocTitle


def test_the_pdfs_headings_go_in_order_without_skipping_a_level(pdf):
    headings = [
        int(k[2]) for k in kinds(structure(pdf.Root.StructTreeRoot)) if re.fullmatch(r"/H[1-6]", k)
    ]

    assert headings[0] == 1 and headings.count(1) == 1
    assert 2 in headings and 3 in headings  # sections, then the annex's recommendations
    assert all(b <= a + 1 for a, b in itertools.pairwise(headings))


def test_every_pdf_table_has_header_cells(pdf):
    tables = [e for e in structure(pdf.Root.StructTreeRoot) if e.S == "/Table"]

    assert len(tables) >= 6
    for table in tables:
        assert "/TH" in kinds(structure(table))


def test_every_pdf_figure_says_what_the_chart_shows(pdf, figures):
    alts = [str(e.Alt) for e in structure(pdf.Root.StructTreeRoot) if e.S == "/Figure"]

    assert alts == [figures[0].alt, figures[1].alt]
    assert all(re.search(r"\d", alt) for alt in alts)  # the numbers, not "a chart"


def test_the_html_has_the_same_language_headings_header_cells_and_alt_text(html):
    headings = [int(h) for h in re.findall(r"<h([1-6])[ >]", html)]

    assert '<html lang="en-GB">' in html
    assert headings[0] == 1 and headings.count(1) == 1 and 3 in headings
    assert all(b <= a + 1 for a, b in itertools.pairwise(headings))
    assert html.count("<table") == html.count("<caption")
    assert "<th>" not in html  # every header cell says what it heads
    assert all(alt.strip() for alt in re.findall(r'alt="([^"]*)"', html))


def word(data, figures, **kwargs):
    return Document(io.BytesIO(render_docx(data, draft=False, figures=figures, **kwargs)))


@pytest.fixture(scope="module")
def docx(data, figures):
    return word(data, figures)


def test_the_word_file_is_in_british_english(docx):
    styles = docx.styles.element
    default = styles.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    normal = docx.styles["Normal"].element.rPr

    assert default.find(qn("w:lang")).get(qn("w:val")) == "en-GB"
    assert normal.find(qn("w:lang")).get(qn("w:val")) == "en-GB"
    assert docx.core_properties.language == "en-GB"


def test_the_word_files_properties_are_the_papers(docx):
    properties = docx.core_properties

    assert properties.title.startswith("Improvement plan: progress report: Children's")
    assert "Improvement plan" in properties.subject and "15 March 2013" in properties.subject
    assert properties.author == "Stephanie Bratcher"
    assert "python-docx" not in (properties.comments + properties.author)
    # Rendered now (an issued paper's files are rendered when it is issued), not in 2013.
    assert STARTED <= properties.created <= dt.datetime.now(dt.UTC)
    assert properties.modified == properties.created


def test_without_an_author_the_council_improvement_team_is_the_author(data, figures):
    doc = word(dataclasses.replace(data, author=Author()), figures)

    assert doc.core_properties.author == "Anyshire Council improvement team"


def test_the_word_file_has_heading_1_for_sections_and_heading_2_for_annex_recommendations(
    docx,
):
    styles = [(p.style.name, p.text) for p in docx.paragraphs if p.style.name.startswith("Head")]

    assert ("Heading 1", "1. Purpose of this report") in styles
    assert ("Heading 1", "Annex A: the whole plan and its latest updates") in styles
    assert ("Heading 2", "1.0 Record children's views") in styles
    assert ("Heading 2", "2.0 Keep chronologies") in styles
    assert not [p for p in docx.paragraphs if p.style.name == "Caption" and p.text[:1].isdigit()]


def test_the_word_files_paragraph_numbers_are_word_numbering(docx):
    numbered = [p for p in docx.paragraphs if p.style.name == "Numbered Paragraph"]
    numbering = docx.part.numbering_part.element
    ids = [p._p.pPr.numPr.numId.val for p in numbered]

    assert [p.text for p in numbered] == ["To report progress.", "Six actions.", "Two are late."]
    assert not any(re.match(r"\d+\.\d", p.text) for p in numbered)  # not typed
    assert ids[1] == ids[2] != ids[0]  # one list a section
    for num_id, section in ((ids[0], 1), (ids[1], 4)):
        num = next(n for n in numbering.num_lst if n.numId == num_id)
        abstract = next(
            a
            for a in numbering.findall(qn("w:abstractNum"))
            if a.get(qn("w:abstractNumId")) == str(num.abstractNumId.val)
        )
        level = abstract.find(qn("w:lvl"))
        assert level.find(qn("w:lvlText")).get(qn("w:val")) == f"{section}.%1"
        assert level.find(qn("w:numFmt")).get(qn("w:val")) == "decimal"


def test_every_word_chart_has_alt_text(docx, figures):
    descriptions = [s._inline.docPr.get("descr") for s in docx.inline_shapes]

    assert descriptions == [figures[0].alt, figures[1].alt]


def test_a_council_template_gets_the_same_and_keeps_its_own_headings(data, figures):
    doc = word(data, figures, template=council_template(without=("Heading 2",)))
    styles = {p.style.name for p in doc.paragraphs}
    heading_2 = doc.styles["Heading 2"].element

    assert {"Heading 1", "Heading 2", "Numbered Paragraph"} <= styles
    assert heading_2.pPr.find(qn("w:outlineLvl")).get(qn("w:val")) == "1"
    assert doc.core_properties.author == "Stephanie Bratcher"
    assert doc.styles["Normal"].element.rPr.find(qn("w:lang")).get(qn("w:val")) == "en-GB"
    assert len(doc.part.numbering_part.element.num_lst) >= 2


def test_a_template_without_numbering_gets_its_own(data, figures):
    template = council_template()
    bare = Document(io.BytesIO(template))
    numbering = bare.part.part_related_by(
        "http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering"
    )
    bare.part.drop_rel(next(k for k, r in bare.part.rels.items() if r.target_part is numbering))
    out = io.BytesIO()
    bare.save(out)

    doc = word(data, figures, template=out.getvalue())

    assert (
        len(doc.part.numbering_part.element.num_lst) == 3
    )  # sections 1 and 4, and the implications
    assert next(p.text for p in doc.paragraphs if p.style.name == "Numbered Paragraph") == (
        "To report progress."
    )


def test_a_template_in_welsh_stays_in_welsh(data, figures):
    template = Document(io.BytesIO(council_template()))
    rpr = template.styles["Normal"].element.get_or_add_rPr()
    lang = rpr.makeelement(qn("w:lang"), {qn("w:val"): "cy-GB"})
    rpr.append(lang)
    out = io.BytesIO()
    template.save(out)

    doc = word(data, figures, template=out.getvalue())

    assert doc.styles["Normal"].element.rPr.find(qn("w:lang")).get(qn("w:val")) == "cy-GB"


def test_numbering_keeps_the_schemas_order_in_a_template_word_saved(data, figures):
    template = Document(io.BytesIO(council_template()))
    numbering = template.part.numbering_part.element
    numbering.append(numbering.makeelement(qn("w:numIdMacAtCleanup"), {qn("w:val"): "3"}))
    out = io.BytesIO()
    template.save(out)

    doc = word(data, figures, template=out.getvalue())

    order = [child.tag.split("}")[1] for child in doc.part.numbering_part.element]
    last_abstract = max(i for i, tag in enumerate(order) if tag == "abstractNum")
    first_num = order.index("num")
    assert last_abstract < first_num and order[-1] == "numIdMacAtCleanup"
    assert order.count("num") == order.count("abstractNum")
