"""Issue 14 point 5: the paper's tables are lean markup for WeasyPrint (no whitespace text
between a row's cells, Annex A's rating as the coloured cell itself, an update's date and
status as one line without an inline element), and still say and tag everything they did."""

import dataclasses
import datetime as dt
import io
import re

import pikepdf
from paper_support import item, paper, pdf_text

from actionplan.reports.data import RecommendationItems, Update
from actionplan.reports.html import render_html
from actionplan.reports.pdf import render_pdf

UPDATE = Update(dt.date(2013, 3, 1), "At risk", "Sickness.", "Recruit.", "Judith Hay")


def _annexed():
    measured = dataclasses.replace(
        item("1", "amber", UPDATE), success_criteria="Audits graded good"
    )
    return paper(annex=(RecommendationItems("1.0", "Record views", (), (measured,)),))


def test_table_bodies_have_no_whitespace_between_tags_and_the_annex_row_is_lean():
    html = render_html(_annexed(), draft=False)

    bodies = re.findall(r"<tbody>.*?</tbody>", html, flags=re.S)
    assert bodies and not any(re.search(r">\s+<", body) for body in bodies)
    annex = html[html.index('id="annex-a"') :]
    row = annex[annex.index("<tbody>") : annex.index("</tbody>")]
    assert '<td class="rating rag rag-amber">amber</td>' in row
    assert "<p>Action 1</p>" in row
    assert '<p class="secondary">Lead: Judith Hay</p>' in row
    assert '<p class="secondary">Success criteria: Audits graded good</p>' in row
    assert '<p class="update-meta">1 March 2013, Judith Hay: At risk</p>' in row
    assert "<strong>" not in row and "<span" not in row and "<br>" not in row
    exceptions = html[html.index('class="exceptions"') :]
    exceptions = exceptions[: exceptions.index("</table>")]
    assert '<td><p>Action 1</p><p class="secondary">Lead: Judith Hay</p></td>' in exceptions
    assert "<br>" not in exceptions


def test_the_lean_annex_row_prints_its_words_in_tagged_cells():
    content = render_pdf(render_html(_annexed(), draft=False))

    text = pdf_text(content)
    for words in ("Lead: Judith Hay", "Success criteria: Audits graded good", "Sickness."):
        assert words in text
    with pikepdf.open(io.BytesIO(content)) as pdf:
        tags = []
        elements = [pdf.Root.StructTreeRoot]
        while elements:
            element = elements.pop()
            if "/S" in element:
                tags.append(str(element.S))
            kids = element.get("/K")
            if isinstance(kids, pikepdf.Dictionary):
                elements.append(kids)
            elif isinstance(kids, pikepdf.Array):
                elements.extend(k for k in kids if isinstance(k, pikepdf.Dictionary))
    assert {"/Table", "/TH", "/TD", "/P"} <= set(tags)
