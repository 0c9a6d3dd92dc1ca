"""Helpers for the paper tests: a small plan that reports to SMT, and reading papers back."""

from __future__ import annotations

import dataclasses
import datetime as dt
import html
import io
import re

from docx import Document
from pypdf import PdfReader

from actionplan import interchange as ix
from actionplan.plans.models import Plan
from actionplan.reports.data import (
    Author,
    Change,
    Count,
    IndicatorRow,
    Item,
    KeyEntry,
    PaperData,
    Previous,
    ProgressPoint,
    RecommendationItems,
    RecommendationSummary,
    Update,
)
from support.factories import plan_document
from support.monitoring import stored

D = dt.date


def small_plan() -> Plan:
    """Anyshire's plan: one recommendation of three actions led by Judith Hay, each with
    a milestone at the end of February 2013 and a report to SMT in March 2013; stored
    (its history dated) from 3 December 2012."""
    judith = ix.Party(name="Judith Hay", kind=ix.PartyKind.PERSON)
    doc = plan_document(
        inspection="Inspection of services for children in need of help and protection",
        inspectorate="Ofsted",
        period=ix.Period(start=D(2012, 12, 1), end=D(2013, 6, 30)),
        cover=ix.Cover(
            committee="Children's Scrutiny Committee",
            date=D(2013, 1, 25),
            author="Stephanie Bratcher",
            author_role="Improvement Lead",
        ),
        people=[ix.Person(name="Judith Hay")],
        bodies=[ix.Body(abbreviation="SMT", name="Senior Management Team")],
        recommendation={
            "title": "Ensure that children's views are recorded",
            "overall_responsibility": [judith],
        },
        action=lambda r, i: {
            "text": f"Audit case files, part {i}",
            "due": D(2013, 6, 30),
            "leads": [judith],
            "milestones": [ix.Milestone(text="Audit – February 2013", due=D(2013, 2, 28))],
            "reporting": [
                ix.Reporting(text="Report to SMT March 2013", body="SMT", due=D(2013, 3, 31))
            ],
        },
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


# --- a paper's data, without a database -----------------------------------------------------

KEY = (
    KeyEntry("red", "Off track", "More than a month late."),
    KeyEntry("amber", "At risk", "Up to a month late."),
    KeyEntry("green", "On track", "No milestone missed."),
    KeyEntry("green", "Completed – awaiting sign-off", "Reported complete."),
    KeyEntry("blue", "Complete", "Signed off."),
)


def item(ref: str, colour: str, latest: Update | None = None) -> Item:
    return Item(
        1,
        "1.0",
        ref,
        f"Action {ref}",
        ("Judith Hay",),
        D(2013, 3, 31),
        colour,
        colour,
        "",
        "",
        latest,
    )


def paper(**changes) -> PaperData:
    """A paper with something in most parts; `changes` replace fields."""
    update = Update(D(2013, 2, 28), "At risk", "Sickness in the team.", "Recruit.", "Judith Hay")
    data = PaperData(
        council="Anyshire Council",
        committee="Children's Scrutiny Committee",
        committee_short="Scrutiny",
        plan_id=1,
        plan_title="Improvement plan",
        title="Improvement plan: progress report",
        as_at=D(2013, 3, 15),
        period_end=D(2013, 3, 31),
        meeting=None,
        sections=(),
        author=Author("Stephanie Bratcher", "Improvement Lead"),
        key=KEY,
        totals=(
            Count("red", "Off track", 1),
            Count("amber", "At risk", 2),
            Count("blue", "Complete", 3),
        ),
        total=6,
        percent=67,
        recommendations=(
            RecommendationSummary(
                "1.0",
                "Record children's views",
                ("Judith Hay",),
                (Count("red", "Red", 1), Count("amber", "Amber", 2)),
                3,
                17,
            ),
            RecommendationSummary(
                "2.0", "Keep chronologies up to date", (), (Count("blue", "Blue", 3),), 3, 100
            ),
        ),
        items=(item("1", "amber", update),),
        exceptions=(item("1", "amber", update), item("2", "red")),
        indicators=(
            IndicatorRow(
                "CiN with a plan", "February 2013", "93%", "100%", "red", "improving", "88%"
            ),
        ),
        progress=(
            ProgressPoint(D(2013, 1, 31), 1, 0),
            ProgressPoint(D(2013, 2, 28), 3, 2),
            ProgressPoint(D(2013, 3, 15), 4, 3),
            ProgressPoint(D(2013, 4, 30), 6, None),
        ),
        annex=(
            RecommendationItems(
                "1.0", "Record children's views", (), (item("1", "amber", update),)
            ),
        ),
        previous=Previous(7, D(2013, 2, 15), D(2013, 2, 20)),
        changes=(Change("1.0 / 1", "Action 1", "On track", "At risk", "green", "amber"),),
    )
    return dataclasses.replace(data, **changes)
