"""The paper types (issue 14, point 2): the six-monthly performance report and the one-page
highlight report, beside the progress report. Each in the three formats, tagged and
properties intact as the progress report's (test_paper_accessible.py); the highlight report
on one page for the demo plan; a council's own section order through its template folder."""

import dataclasses
import datetime as dt
import io
import itertools
import re
from types import SimpleNamespace

import pikepdf
import pytest
from django.core.management import call_command
from django.db import transaction
from django.test import override_settings
from docx import Document
from paper_support import html_text, item, paper
from pypdf import PdfReader
from test_paper_accessible import kinds, structure

from actionplan.reports.charts import trend_charts
from actionplan.reports.data import IndicatorTrend, Paragraph, Section, TrendPoint
from actionplan.reports.services import render_all
from actionplan.reports.wording import HIGHLIGHT_RISKS

AS_AT = dt.date(2013, 3, 15)
TREND = IndicatorTrend(
    "CiN with a plan",
    "Children in need with a plan, of all children in need",
    100.0,
    "100%",
    (
        TrendPoint("Oct 2012", 80.0, "80%", "red"),
        TrendPoint("Dec 2012", 88.0, "88%", "red"),
        TrendPoint("Feb 2013", 96.0, "96%", "amber"),
    ),
    ("February 2013: the duty team's plans are now checked each week.",),
)
ASKS = Section(2, "Recommendations", (Paragraph("Members are asked to:", ("note it;", "ask.")),))
TITLES = {
    "performance": "Improvement plan: six-monthly performance report",
    "highlight": "Improvement plan: highlight report",
}


def kind_paper(kind: str):
    sections = (Section(1, "Purpose of this report", (Paragraph("To report."),)), ASKS)
    if kind == "highlight":
        sections = (Section(1, "Asks of the board", ASKS.paragraphs),)
    return paper(
        kind=kind,
        title=TITLES[kind],
        sections=sections,
        trends=(TREND,) if kind == "performance" else (),
    )


@pytest.fixture(scope="module", params=["performance", "highlight"])
def made(request):
    data = kind_paper(request.param)
    files = render_all(data, draft=False)
    return SimpleNamespace(
        kind=request.param,
        data=data,
        html=files["html"].decode(),
        pdf=pikepdf.open(io.BytesIO(files["pdf"])),
        docx=Document(io.BytesIO(files["docx"])),
    )


def test_each_kind_is_titled_as_itself_in_every_format(made):
    title = f"{TITLES[made.kind]}: Children's Scrutiny Committee, as at 15 March 2013"

    assert f"<title>{title.replace(chr(39), '&#x27;')}</title>" in made.html
    assert str(made.pdf.docinfo.Title) == title
    assert made.docx.core_properties.title == title


def test_each_kinds_pdf_is_tagged_in_british_english(made):
    pdf = made.pdf
    headings = [
        int(k[2]) for k in kinds(structure(pdf.Root.StructTreeRoot)) if re.fullmatch(r"/H[1-6]", k)
    ]
    tables = [e for e in structure(pdf.Root.StructTreeRoot) if e.S == "/Table"]

    assert "/StructTreeRoot" in pdf.Root and pdf.Root.MarkInfo.Marked
    assert str(pdf.Root.Lang) == "en-GB"
    with pdf.open_metadata() as xmp:
        assert xmp["pdfuaid:part"] == "1"
    assert headings[0] == 1 and headings.count(1) == 1 and 2 in headings
    assert all(b <= a + 1 for a, b in itertools.pairwise(headings))
    assert tables and all("/TH" in kinds(structure(t)) for t in tables)


def test_each_kinds_figures_say_what_they_show_in_pdf_word_and_html(made):
    alts = [str(e.Alt) for e in structure(made.pdf.Root.StructTreeRoot) if e.S == "/Figure"]
    described = [s._inline.docPr.get("descr") for s in made.docx.inline_shapes]
    expected = [c.alt for c in trend_charts(made.data)]

    assert alts == described == expected
    if made.kind == "performance":
        assert expected == [
            "Line chart of CiN with a plan. 3 values from Oct 2012 (80%) to Feb 2013 (96%); "
            "the latest is close to target. Target 100%."
        ]
    assert all(a.strip() for a in re.findall(r'alt="([^"]*)"', made.html))
    assert made.html.count("<table") == made.html.count("<caption")
    assert "<th>" not in made.html


def test_each_kinds_word_file_is_british_english_with_its_own_properties(made):
    properties = made.docx.core_properties
    headings = [p.text for p in made.docx.paragraphs if p.style.name == "Heading 1"]

    assert properties.language == "en-GB"
    assert properties.author == "Stephanie Bratcher"
    assert "python-docx" not in properties.comments
    assert (
        properties.subject == f"Improvement plan: {TITLES[made.kind].split(': ')[1]} as at "
        "15 March 2013"
    )
    if made.kind == "performance":
        assert headings == [
            "1. Purpose of this report",
            "2. Recommendations",
            "4. Indicators over the six months to 15 March 2013",
            "5. Audit and feedback findings",
            "6. Exceptions: actions off track or overdue, indicators missing their target",
            "7. Implications",
            "Background papers",
            "Contact officer",
        ]
        numbered = [p for p in made.docx.paragraphs if p.style.name == "Numbered Paragraph"]
        assert numbered and not any(re.match(r"\d+\.\d", p.text) for p in numbered)
    else:
        assert headings == [
            "Summary: the plan's 6 actions by RAG rating as at 15 March 2013",
            "Top risks",
            "Asks of the Scrutiny",
            "Contact officer",
        ]


def test_the_performance_report_has_trends_commentary_findings_and_exceptions():
    data = kind_paper("performance")
    text = html_text(render_all(data, draft=True, formats=("html",))["html"])

    for words in (
        "4. Indicators over the six months to 15 March 2013",
        "Figure 1: CiN with a plan: the six months to date",
        "February 2013: the duty team's plans are now checked each week.",
        "No case-file audit was completed and no feedback was heard in the six months",
        "Table 2: red, amber and overdue actions",
        "Table 3: indicators missing their target",
        "7. Implications",
        "Contact officer",
    ):
        assert words in text
    assert "Annex A" not in text


def test_the_highlight_report_shows_at_most_five_top_risks_red_or_overdue():
    late = dataclasses.replace(item("9", "amber"), overdue=("Milestone 1: due 1 March 2013",))
    many = (*(item(str(n), "red") for n in range(1, 8)), item("8", "amber"), late)
    data = dataclasses.replace(kind_paper("highlight"), exceptions=many)
    text = html_text(render_all(data, draft=True, formats=("html",))["html"])

    assert "Red and overdue actions: the first 5" in text
    assert "1.0 / 5" in text and "1.0 / 6" not in text
    assert "3 more red or overdue actions are in the progress report's exceptions." in text
    assert HIGHLIGHT_RISKS == 5
    for words in (
        "Off track More than a month late. 1",
        "At risk Up to a month late. 2",
        "Complete Signed off. 3",
        "1 action is rated red and 2 amber; 1 action has a deadline passed and not met. "
        "The plan is 67% complete.",
    ):
        assert words in text


def test_a_council_orders_the_sections_through_its_template_folder(tmp_path):
    """PAPER_TEMPLATES (settings.TEMPLATES' DIRS) is read before the built-in templates."""
    own = tmp_path / "reports" / "highlight.html"
    own.parent.mkdir(parents=True)
    own.write_text(
        '<!DOCTYPE html><html lang="en-GB"><head>'
        '{% include "reports/parts/head.html" %}</head><body><main class="highlight">'
        '{% include "reports/parts/title_block.html" %}'
        '{% include "reports/highlight/asks.html" %}'
        '{% include "reports/highlight/risks.html" %}'
        "</main></body></html>"
    )
    from django.conf import settings

    engines = [{**settings.TEMPLATES[0], "DIRS": [str(tmp_path)]}]
    with override_settings(TEMPLATES=engines):
        text = html_text(render_all(kind_paper("highlight"), draft=True, formats=("html",))["html"])

    assert text.index("Asks of the Scrutiny") < text.index("Top risks")
    assert "Summary: the plan's" not in text


# --- the demo plan ----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    from actionplan.plans.models import Body, Plan

    with django_db_blocker.unblock(), transaction.atomic():
        call_command("demo", stdout=io.StringIO())
        plan = Plan.objects.get()
        cyplt = Body.objects.get(organisation=plan.organisation, abbreviation="CYPLT")
        yield SimpleNamespace(plan=plan, body=cyplt)
        transaction.set_rollback(True)


@pytest.mark.django_db
def test_the_demo_plans_highlight_report_is_one_page(demo):
    from actionplan.reports.building import build_paper

    data = build_paper(demo.plan, demo.body, AS_AT, kind="highlight")
    files = render_all(data, draft=False, formats=("pdf", "docx"))

    assert len(PdfReader(io.BytesIO(files["pdf"])).pages) == 1
    assert data.title.endswith(": highlight report") and data.kind == "highlight"
    assert len(data.sections) == 1 and data.sections[0].paragraphs[0].bullets


@pytest.mark.django_db
def test_the_demo_plans_performance_report_has_its_indicators_over_six_months(demo):
    from actionplan.reports.building import build_paper
    from actionplan.reports.data import from_json, to_json

    data = build_paper(demo.plan, demo.body, AS_AT, kind="performance")
    text = html_text(render_all(data, draft=False, formats=("html",))["html"])

    assert data.trends and len(data.trends) == len(data.indicators)
    assert all(
        dt.date(2012, 9, 15) < dt.datetime.strptime(p.period, "%b %Y").date() + dt.timedelta(31)
        for t in data.trends
        for p in t.points
    )
    assert from_json(to_json(data)) == data  # an issued one reads back
    assert "Section 6 sets out each" in text  # the risk implication points to its exceptions
    assert "six-monthly performance report" in text
