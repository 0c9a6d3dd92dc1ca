"""The CYPLT paper on the seed plan with the demo progress, as at 15 March 2013: every
action that reports to CYPLT by its meeting on 19 March 2013, the red and amber items and the
key, in the Word document, the PDF and the HTML; and the PDF's pages as pictures."""

import datetime as dt
import io
import shutil
import subprocess
from decimal import Decimal
from types import SimpleNamespace

import pytest
from django.core.management import call_command
from django.db import transaction
from django.db.models import Q
from docx import Document
from paper_support import compact, docx_text, html_text, pdf_text, squash
from pypdf import PdfReader

from actionplan.indicators.models import Indicator, IndicatorValue
from actionplan.monitoring.snapshot import plan_as_at
from actionplan.plans.models import Body, Plan, ReportingRequirement
from actionplan.reports.building import build_paper
from actionplan.reports.services import render_all

pytestmark = pytest.mark.django_db
AS_AT = dt.date(2013, 3, 15)


@pytest.fixture(scope="module")
def paper(django_db_setup, django_db_blocker):
    """The demo loaded once for the module, with one indicator, and its CYPLT paper in
    every format; rolled back after the module."""
    with django_db_blocker.unblock(), transaction.atomic():
        call_command("demo", stdout=io.StringIO())
        plan = Plan.objects.get()
        # The demo's own indicators give way to one whose values this module knows.
        Indicator.objects.filter(plan=plan).delete()
        indicator = Indicator.objects.create(
            plan=plan,
            name="Children in need with a plan",
            target=Decimal(100),
            tolerance=Decimal(5),
        )
        for month, value in ((1, 88), (2, 93)):
            IndicatorValue.objects.create(
                indicator=indicator,
                period_start=dt.date(2013, month, 1),
                period_end=dt.date(2013, month, 28),
                value=Decimal(value),
            )
        cyplt = Body.objects.get(organisation=plan.organisation, abbreviation="CYPLT")
        data = build_paper(plan, cyplt, AS_AT)
        files = render_all(data, draft=False)
        yield SimpleNamespace(
            plan=plan,
            body=cyplt,
            data=data,
            files=files,
            texts={
                "docx": compact(docx_text(files["docx"])),
                "pdf": compact(pdf_text(files["pdf"])),
                "html": compact(html_text(files["html"])),
            },
            snapshot=plan_as_at(plan, AS_AT),
        )
        transaction.set_rollback(True)


MEETING = dt.date(2013, 3, 19)  # the demo's CYPLT meeting after 15 March


def reporting_to_cyplt_by_the_meeting(plan, body) -> set[int]:
    """Worked out from the reporting lines alone: due to CYPLT by its meeting, or recurring."""
    lines = ReportingRequirement.objects.filter(
        action__recommendation__plan=plan, action__retired=False, body=body
    ).filter(Q(due__lte=MEETING) | ~Q(frequency=""))
    return set(lines.values_list("action_id", flat=True))


def test_the_paper_picks_every_action_that_reports_to_cyplt_by_its_meeting(paper):
    expected = reporting_to_cyplt_by_the_meeting(paper.plan, paper.body)

    assert {i.action_id for i in paper.data.items} == expected
    # January's (heard late) and the recurring ones; those due at the end of March are
    # after the meeting, so April's paper takes them.
    assert len(expected) == 6
    assert paper.data.meeting == paper.data.period_end == MEETING


def test_its_exceptions_are_every_red_and_amber_action_then_the_overdue(paper):
    snapshot = paper.snapshot
    colours = [i.colour for i in paper.data.exceptions]
    red_amber = {a.id for a in snapshot.actions() if a.rating.colour in ("red", "amber")}

    assert red_amber <= {i.action_id for i in paper.data.exceptions}
    assert colours.count("red") == snapshot.rollup.count("red") > 0
    assert colours.count("amber") == snapshot.rollup.count("amber") > 0
    assert colours == sorted(colours, key=["red", "amber"].index)


@pytest.mark.parametrize("fmt", ["docx", "pdf", "html"])
def test_each_format_lists_the_cyplt_items_the_exceptions_and_the_key(paper, fmt):
    text = paper.texts[fmt]

    def shows(words: str) -> bool:
        return compact(words) in text

    for item in paper.data.items:
        assert shows(f"{item.recommendation} / {item.label}")
        assert shows(squash(item.text)[:40])
    assert shows("Quarterly feedback reports to CYPLT, March 2013")
    for item in paper.data.exceptions:
        assert shows(f"{item.recommendation} / {item.label}")
        if item.latest:
            assert shows(item.latest.narrative[:30])
    for entry in paper.snapshot.key:
        assert shows(entry.label)
        assert shows(entry.meaning[:40])


@pytest.mark.parametrize("fmt", ["docx", "pdf", "html"])
def test_each_format_reads_as_a_committee_paper(paper, fmt):
    text = paper.texts[fmt]

    def shows(words: str) -> bool:
        return compact(words) in text

    assert shows("NORTH YORKSHIRE COUNTY COUNCIL") or shows("North Yorkshire County Council")
    assert shows("Post Inspection Action Plan: progress report")
    for heading in (
        "1. Purpose of this report",
        "2. Recommendations",
        "3. Background",
        "4. Summary of progress",
        "5. Progress by recommendation",
        "7. Exceptions: actions off track, at risk or overdue",
        "8. Indicators",
        "9. Implications",
        "Background papers",
        "Contact officer",
        "Annex A: the whole plan and its latest updates",
    ):
        assert shows(heading)
    assert shows("Members are asked to:")
    # The committee report's header block (docs/papers.md), from the plan and the meeting.
    for label, value in (
        ("Report of", paper.data.conventions.report_of),
        ("Date of meeting", "Tuesday 19 March 2013"),
        ("Agenda item", "To be given by the clerk"),
        ("Status", "Open"),
        ("Wards affected", "All wards"),
        ("Key decision", "No"),
        ("Items due to the CYPLT by", "19 March 2013"),
    ):
        assert shows(label) and shows(value)
    assert paper.data.conventions.report_of
    for heading in ("Financial", "Legal", "Equalities", "Risk", "Human resources", "Climate"):
        assert shows(f"{heading} implications:")
    assert shows("Consultation implications: None")
    assert shows("Name and title") and shows("Stephanie Bratcher")
    assert shows("Children in need with a plan") and shows("93%") and shows("Improving")
    assert shows("Off target")  # 93% against 100%, more than the 5 points' tolerance


def test_the_summary_gives_the_counts_that_the_snapshot_gives(paper):
    summary = " ".join(p.text for p in paper.data.sections[3].paragraphs)
    bullets = [b for p in paper.data.sections[3].paragraphs for b in p.bullets]
    red = paper.snapshot.rollup.count("red")

    assert f"{red} actions are rated red" in summary
    assert f"Off track (red): {red}" in bullets
    assert "6 actions report to the CYPLT by 19 March 2013" in summary


def test_the_word_document_uses_word_headings_real_tables_and_pictures_with_alt_text(paper):
    doc = Document(io.BytesIO(paper.files["docx"]))
    headings = [p.text for p in doc.paragraphs if p.style.name == "Heading 1"]
    pictures = doc.inline_shapes

    assert headings[0] == "1. Purpose of this report"
    assert len(doc.tables) > 10
    first_cells = [t.rows[0].cells[0].text for t in doc.tables]
    annex_b = first_cells.index("Overall grade")  # the demo's audits and feedback
    assert first_cells[annex_b - 2 : annex_b] == ["Ref", "Ref"]  # Annex A before it
    assert set(first_cells[annex_b:]) == {"Overall grade", "Source and question"}
    assert len(pictures) == 2
    assert all(len(s._inline.docPr.get("descr")) > 100 for s in pictures)


def test_the_html_is_one_accessible_document(paper):
    html = paper.files["html"].decode("utf-8")

    assert html.startswith("<!DOCTYPE html>") and '<html lang="en-GB">' in html
    assert html.count("<table") == html.count("<caption>")
    assert '<th scope="col"' in html and '<th scope="row"' in html
    assert html.count('<img src="data:image/png;base64,') == 2
    assert 'alt=""' not in html
    assert "@page" in html and "counter(pages)" in html


def test_the_pdf_is_a4_with_the_council_and_committee_on_every_page(paper):
    reader = PdfReader(io.BytesIO(paper.files["pdf"]))
    pages = reader.pages

    assert len(pages) > 5
    assert all(round(float(p.mediabox.width)) == 595 for p in pages)  # A4: 595 x 842 pt
    for number, page in enumerate(pages, start=1):
        text = page.extract_text()
        assert "North Yorkshire County Council" in text and "CYPLT" in text
        assert f"Page {number} of {len(pages)}" in text


def test_the_pdf_pages_render_to_pictures(paper, tmp_path):
    if shutil.which("pdftoppm") is None:
        pytest.skip("pdftoppm is missing: install Debian's poppler-utils to render the pages")
    pdf = tmp_path / "paper.pdf"
    pdf.write_bytes(paper.files["pdf"])

    subprocess.run(["pdftoppm", "-r", "50", "-png", str(pdf), str(tmp_path / "page")], check=True)

    pages = sorted(tmp_path.glob("page-*.png"))
    assert len(pages) == len(PdfReader(io.BytesIO(paper.files["pdf"])).pages)
    assert all(p.read_bytes().startswith(b"\x89PNG") and p.stat().st_size > 5000 for p in pages)


def test_the_demo_paper_has_annex_b_with_its_audit_and_feedback_but_no_flagged_quote(paper):
    from actionplan.voice.models import Quote

    e = paper.data.evidence
    assert e is not None and e.audits and e.results and e.you_said
    flagged = Quote.objects.filter(theme__plan=paper.plan, flagged=True).values_list("text")
    for kind, text in paper.texts.items():
        assert compact("Annex B: case-file audits") in text, kind
        assert compact(e.audits[0].findings[0].text) in text, kind
        assert not [q for (q,) in flagged if compact(q) in text], kind
