"""Helpers for the paper tests: a small plan that reports to SMT, and reading papers back."""

from __future__ import annotations

import html
import io
import re

from docx import Document
from pypdf import PdfReader

from actionplan import interchange as ix
from actionplan.plans.models import Plan
from support.monitoring import D, stored


def small_plan() -> Plan:
    """Anyshire's plan: one recommendation of three actions led by Judith Hay, each with
    a milestone at the end of February 2013 and a report to SMT in March 2013; stored
    (its history dated) from 3 December 2012."""
    judith = ix.Party(name="Judith Hay", kind=ix.PartyKind.PERSON)
    doc = ix.PlanDocument(
        plan=ix.PlanInfo(
            title="Improvement plan",
            organisation="Anyshire Council",
            inspection="Inspection of services for children in need of help and protection",
            inspectorate="Ofsted",
            period=ix.Period(start=D(2012, 12, 1), end=D(2013, 6, 30)),
            cover=ix.Cover(
                committee="Children's Scrutiny Committee",
                date=D(2013, 1, 25),
                author="Stephanie Bratcher",
                author_role="Improvement Lead",
            ),
        ),
        people=[ix.Person(name="Judith Hay")],
        bodies=[ix.Body(abbreviation="SMT", name="Senior Management Team")],
        recommendations=[
            ix.Recommendation(
                number="1.0",
                title="Ensure that children's views are recorded",
                overall_responsibility=[judith],
                actions=[
                    ix.Action(
                        ref=str(i),
                        text=f"Audit case files, part {i}",
                        due=D(2013, 6, 30),
                        leads=[judith],
                        milestones=[ix.Milestone(text="Audit – February 2013", due=D(2013, 2, 28))],
                        reporting=[
                            ix.Reporting(
                                text="Report to SMT March 2013", body="SMT", due=D(2013, 3, 31)
                            )
                        ],
                    )
                    for i in (1, 2, 3)
                ],
            )
        ],
    )
    return stored(doc)


def squash(text: str) -> str:
    """Text with every run of white space as one space, to compare across line breaks."""
    return " ".join(text.split())


def compact(text: str) -> str:
    """Text without white space: a PDF breaks lines after a slash, a Word cell does not."""
    return "".join(text.split())


def docx_text(content: bytes) -> str:
    """Every paragraph and table cell of a Word document, in order."""
    doc = Document(io.BytesIO(content))
    parts = [p.text for p in doc.paragraphs]
    for table in doc.tables:
        for row in table.rows:
            parts.extend(cell.text for cell in row.cells)
    return squash("\n".join(parts))


def pdf_text(content: bytes) -> str:
    reader = PdfReader(io.BytesIO(content))
    return squash("\n".join(page.extract_text() for page in reader.pages))


def html_text(content: bytes) -> str:
    body = content.decode("utf-8").split("<body>", 1)[1]
    return squash(html.unescape(re.sub(r"<[^>]+>", " ", body)))
