"""A council's own Word template: the paper is written into a copy of it, keeping its
styles, header, footer and logo; a file that is not a .docx is refused."""

import datetime as dt
import io
import zipfile

import openpyxl
import pytest
from docx import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.oxml.ns import qn
from docx.shared import Cm
from paper_support import docx_text, small_plan
from PIL import Image

from actionplan.plans.models import Body
from actionplan.reports import services
from actionplan.reports.building import build_paper
from actionplan.reports.word import TemplateError, render_docx

pytestmark = pytest.mark.django_db
MARCH = dt.date(2013, 3, 15)


def a_zip(name: str) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        z.writestr(name, "not a document")
    return out.getvalue()


def a_spreadsheet() -> bytes:
    out = io.BytesIO()
    openpyxl.Workbook().save(out)
    return out.getvalue()


def logo() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (120, 40), "#005ea5").save(out, format="PNG")
    return out.getvalue()


def council_template(*, without: tuple[str, ...] = ()) -> bytes:
    """Anyshire's template: Georgia type, a header with its logo and OFFICIAL marking, a
    footer with its address, and a line of body text that a paper replaces."""
    doc = Document()
    doc.styles["Normal"].font.name = "Georgia"
    header = doc.sections[0].header.paragraphs[0]
    header.add_run().add_picture(io.BytesIO(logo()), width=Cm(3))
    header.add_run("  Anyshire Council · OFFICIAL")
    doc.sections[0].footer.paragraphs[0].text = "County Hall, Anytown AN1 1AA"
    doc.add_paragraph("Replace this text with the report.")
    for name in without:
        style = doc.styles[name]
        style.element.getparent().remove(style.element)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


@pytest.fixture
def paper_data():
    plan = small_plan()
    return build_paper(plan, Body.objects.get(abbreviation="SMT"), MARCH)


def test_the_paper_is_written_into_a_copy_of_the_councils_template(paper_data):
    content = render_docx(paper_data, draft=False, template=council_template())
    doc = Document(io.BytesIO(content))
    header = doc.sections[0].header

    assert "Anyshire Council · OFFICIAL" in header.paragraphs[0].text
    assert header._element.findall(".//" + qn("w:drawing"))  # the logo
    assert doc.sections[0].footer.paragraphs[0].text == "County Hall, Anytown AN1 1AA"
    assert doc.styles["Normal"].font.name == "Georgia"
    text = docx_text(content)
    assert "Replace this text" not in text
    assert text.startswith(
        "ANYSHIRE COUNCIL Senior Management Team Improvement plan: progress report"
    )
    assert "1. Purpose of this report" in text and "Annex A" in text


def test_a_template_without_words_heading_styles_still_gets_headings(paper_data):
    template = council_template(without=("Heading 1", "Title", "List Bullet", "Caption"))
    assert "Heading 1" not in [s.name for s in Document(io.BytesIO(template)).styles]

    doc = Document(io.BytesIO(render_docx(paper_data, draft=False, template=template)))

    headings = [p.text for p in doc.paragraphs if p.style.name == "Heading 1"]
    assert headings[:2] == ["1. Purpose of this report", "2. Recommendations"]
    assert doc.styles["Heading 1"].type == WD_STYLE_TYPE.PARAGRAPH


def test_an_issued_paper_keeps_its_template(paper_data):
    plan_body = Body.objects.get(abbreviation="SMT")
    draft = services.draft_paper(
        plan_body.plans.get(), plan_body, MARCH, template=council_template(), template_name="a.docx"
    )

    paper = services.issue_paper(draft)

    content = services.paper_file(paper, "docx").content
    assert "OFFICIAL" in Document(io.BytesIO(content)).sections[0].header.paragraphs[0].text


@pytest.mark.parametrize(
    "content",
    [
        b"%PDF-1.7 not a Word file",
        b"PK\x03\x04 a broken zip",
        b"\0",
        a_zip("a.txt"),
        a_spreadsheet(),
    ],
    ids=["pdf", "broken zip", "a byte", "a zip of other things", "a spreadsheet"],
)
def test_a_template_that_is_not_a_word_document_is_refused(paper_data, content):
    plan_body = Body.objects.get(abbreviation="SMT")

    with pytest.raises(TemplateError, match=r"is not a (readable )?Word \.docx file"):
        render_docx(paper_data, draft=False, template=content)
    with pytest.raises(TemplateError, match=r"council\.docx is not a (readable )?Word \.docx file"):
        services.draft_paper(
            plan_body.plans.get(), plan_body, MARCH, template=content, template_name="council.docx"
        )
