"""Issue 14, point 2: the Word paper's sections follow the paper kind's frame template, the
one the HTML and PDF paper is printed from, so a council's own order in its PAPER_TEMPLATES
folder shows in every format (docs/adr/0035); a section the Word paper cannot write is a
note in its place and a warning, never dropped. And Annex A prints success criteria in Word
as in HTML."""

import dataclasses
import io
import logging
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.test import override_settings
from docx import Document
from paper_support import docx_text, item, paper
from test_paper_kinds import kind_paper

from actionplan import reports
from actionplan.reports.data import (
    IndicatorRow,
    Paragraph,
    RecommendationItems,
    Section,
)
from actionplan.reports.sections import check_paper_sections, section_order
from actionplan.reports.services import render_all
from actionplan.reports.word import STANDARD, WRITERS, Part, render_docx

FOREWORD = "Foreword by the lead member for children"


@pytest.fixture
def council(tmp_path):
    """A council's PAPER_TEMPLATES folder: write(name, text) puts a template in it; the
    settings read it first while the test runs."""

    def write(name: str, text: str) -> None:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)

    engines = [{**settings.TEMPLATES[0], "DIRS": [str(tmp_path)]}]
    with override_settings(TEMPLATES=engines):
        yield write


def word_headings(content: bytes) -> list[str]:
    doc = Document(io.BytesIO(content))
    return [p.text for p in doc.paragraphs if p.style.name == "Heading 1"]


def html_headings(content: bytes) -> list[str]:
    return [
        " ".join(re.sub(r"<[^>]+>", " ", h).split())
        for h in re.findall(r"<h2[^>]*>(.*?)</h2>", content.decode(), re.DOTALL)
    ]


def progress_paper():
    covering = (
        Section(1, "Purpose of this report", (Paragraph("To report progress."),)),
        Section(4, "Summary of progress", (Paragraph("Most actions are on track."),)),
    )
    indicator = IndicatorRow(
        "CiN with a plan", "Feb 2013", "96%", "100%", "amber", "improving", "88%"
    )
    return paper(sections=covering, indicators=(indicator,))


@pytest.mark.parametrize("kind", ["progress", "performance", "highlight"])
def test_the_word_papers_standard_order_is_the_built_in_templates(kind):
    assert section_order(kind) == STANDARD[kind]
    assert all(part.name in WRITERS for part in STANDARD[kind])


def test_a_councils_performance_report_order_and_numbers_show_in_word_and_html(council):
    council("council/foreword.html", f"<section><h2>{FOREWORD}</h2><p>Words.</p></section>")
    council(
        "reports/performance.html",
        '<!DOCTYPE html><html lang="en-GB"><head>{% include "reports/parts/head.html" %}'
        "</head><body><main>\n"
        '{% include "reports/parts/title_block.html" %}\n'
        '{% include "council/foreword.html" %}\n'
        '{% include "reports/parts/covering.html" %}\n'
        '{% include "reports/performance/findings.html" with number=4 %}\n'
        '{% include "reports/performance/indicators.html" with number=5 %}\n'
        '{% comment %}{% include "reports/performance/exceptions.html" with number=6 %}'
        "{% endcomment %}\n"
        '{% include "reports/parts/implications.html" with number=6 %}\n'
        '{% include "reports/parts/closing.html" %}\n'
        "</main></body></html>",
    )
    files = render_all(kind_paper("performance"), draft=True, formats=("html", "docx"))

    expected = [
        "1. Purpose of this report",
        "2. Recommendations",
        "4. Audit and feedback findings",
        "5. Indicators over the six months to 15 March 2013",
        "6. Implications",
        "Background papers",
        "Contact officer",
    ]
    assert word_headings(files["docx"]) == expected
    assert html_headings(files["html"]) == [FOREWORD, *expected]
    # The council's own section is in the HTML; in Word a note stands in its place.
    note = (
        "[The section 'council/foreword.html' of this paper's template is in the paper's HTML "
        "and PDF versions only: the Word version has no writer for it.]"
    )
    paragraphs = [p.text for p in Document(io.BytesIO(files["docx"])).paragraphs]
    assert paragraphs.index(note) < paragraphs.index("1. Purpose of this report")
    assert "Exceptions" not in docx_text(files["docx"])  # commented out: not a section


def test_a_councils_progress_report_order_shows_in_word_and_html(council):
    # The council's copy of the built-in frame, with the implications moved up after the
    # covering report.
    built_in = (Path(reports.__file__).parent / "templates/reports/paper.html").read_text()
    moved = next(line for line in built_in.splitlines() if "parts/implications.html" in line)
    covering = next(line for line in built_in.splitlines() if "parts/covering.html" in line)
    own = built_in.replace(moved + "\n", "").replace(covering, f"{covering}\n{moved}")
    council("reports/paper.html", own)

    files = render_all(progress_paper(), draft=True, formats=("html", "docx"))

    main = [
        "1. Purpose of this report",
        "4. Summary of progress",
        "9. Implications",
        "5. Progress by recommendation",
        "6. Actions reporting to the Scrutiny by 31 March 2013",
        "7. Exceptions: actions off track, at risk or overdue",
        "8. Indicators",
        "Background papers",
        "Contact officer",
        "Annex A: the whole plan and its latest updates",
    ]
    assert word_headings(files["docx"]) == main
    assert html_headings(files["html"]) == main
    assert [p.name for p in section_order("progress")][2:4] == [
        "reports/parts/implications.html",
        "section-5",
    ]


def test_a_councils_highlight_report_leaves_out_what_its_template_leaves_out(council):
    council(
        "reports/highlight.html",
        '<!DOCTYPE html><html lang="en-GB"><head>{% include "reports/parts/head.html" %}'
        '</head><body><main class="highlight">'
        '{% include "reports/parts/title_block.html" %}'
        '{% include "reports/highlight/asks.html" %}'
        '{% include "reports/highlight/risks.html" %}'
        "</main></body></html>",
    )
    files = render_all(kind_paper("highlight"), draft=True, formats=("html", "docx"))

    assert word_headings(files["docx"]) == ["Asks of the Scrutiny", "Top risks"]
    assert html_headings(files["html"]) == ["Asks of the Scrutiny", "Top risks"]


def test_the_frame_is_read_as_written(council):
    council(
        "reports/highlight.html",
        "<!DOCTYPE html><html><head><!-- <section aria-labelledby='x'> -->"
        '{% include "reports/parts/head.html" %}</head><body>'
        "{% if d.total %}<section class='own' aria-labelledby='own-words'>"
        '<h2 id="own-words">Ours</h2>{% include "reports/highlight/risks.html" %}</section>'
        "{% endif %}{% with x=1 %}{% include 'reports/highlight/summary.html' %}{% endwith %}"
        "<p>Written straight into the frame</p>{{ d.council }}"
        "<section><h2>No id</h2></section>"
        "</body></html>",
    )

    assert section_order("highlight") == (
        Part("own-words"),  # a <section> of the frame's own; the include inside is its
        Part("reports/highlight/summary.html"),
        Part("the words 'Written straight into the frame'"),
        Part("{{ d.council }}"),
        Part("a <section> without an id"),
    )
    warnings = check_paper_sections()
    assert [w.id for w in warnings] == ["reports.W001"] * 4
    assert "highlight paper's template has a section the Word paper cannot write: 'own-words'" in (
        warnings[0].msg
    )


def test_a_section_word_cannot_write_is_logged(caplog):
    with caplog.at_level(logging.WARNING, logger="actionplan.reports.word"):
        text = docx_text(render_docx(paper(), draft=True, sections=(Part("council/x.html"),)))

    assert "'council/x.html'" in text and "has no writer for it" in text
    assert "no writer for the section 'council/x.html'" in caplog.text


def test_word_annex_a_prints_an_actions_success_criteria():
    measured = dataclasses.replace(item("1", "amber"), success_criteria="Audits graded good")
    unmeasured = item("2", "red")
    data = paper(annex=(RecommendationItems("1.0", "Record views", (), (measured, unmeasured)),))

    doc = Document(io.BytesIO(render_docx(data, draft=False)))

    annex = doc.tables[-1]
    cells = [row.cells[1].text for row in annex.rows[1:]]
    assert cells == [
        "Action 1\nLead: Judith Hay\nSuccess criteria: Audits graded good",
        "Action 2\nLead: Judith Hay",
    ]
