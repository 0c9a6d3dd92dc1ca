"""What the board paper pages show: a paper's row, its downloads, its summary (the
dataclasses and functions the views fill their templates with)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models.functions import Length
from django.urls import reverse

from actionplan.core.presenters.tags import RagKey, Tag, rag_key, rag_tag
from actionplan.core.wording import long_date
from actionplan.monitoring.services import user_name
from actionplan.reports import services
from actionplan.reports.data import KINDS, PROGRESS, Item, PaperData
from actionplan.reports.models import FORMATS, DraftRendering, Paper

FORMAT_LABELS = {"html": "HTML", "pdf": "PDF", "docx": "Word"}
# What the "preparing" page calls a draft's file made in the background.
FILE_NAMES = {"pdf": "the PDF", "docx": "the Word file"}
# The preview is the paper's own standalone HTML (inline styles, charts as data: URIs), in
# a sandboxed frame of this page. Its response gets a policy of its own: nothing but its
# inline styles and images, no script, no form, framed only by our own pages.
PREVIEW_CSP = (
    "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; "
    "form-action 'none'; frame-ancestors 'self'; sandbox"
)
BINARIES = ("html", "pdf", "docx", "template", "data")


FORMAT_LABELS = {"html": "HTML", "pdf": "PDF", "docx": "Word"}


# What the "preparing" page calls a draft's file made in the background.
FILE_NAMES = {"pdf": "the PDF", "docx": "the Word file"}


@dataclass(frozen=True)
class Download:
    fmt: str
    label: str
    url: str
    size: str  # issued: the file's; a draft's PDF or Word file: its rendering's, if ready
    direct: bool = True  # the link downloads the file (a draft's PDF or Word may not yet)
    note: str = ""  # a draft's PDF or Word file: "being prepared", "could not be made"


@dataclass(frozen=True)
class PaperRow:
    url: str
    body: str
    as_at: dt.date
    state: Tag
    who: str  # issued by, or drafted by
    when: dt.datetime | None
    downloads: tuple[Download, ...]


@dataclass(frozen=True)
class Line:
    """An action as the paper page lists it."""

    ref: str
    text: str
    rating: Tag
    why: str
    overdue: tuple[str, ...]
    reporting: tuple[str, ...]


@dataclass(frozen=True)
class RatingCount:
    rating: Tag
    count: int


@dataclass(frozen=True)
class Summary:
    """What the paper says (or, for a draft, will say if issued now), in short."""

    key: RagKey
    counts: tuple[RatingCount, ...]
    total: int
    items: tuple[Line, ...]
    exceptions: tuple[Line, ...]
    meeting: dt.date | None
    author: str
    asks: tuple[str, ...]
    indicators: int


def human_size(n: int | None) -> str:
    if n is None:
        return ""
    if n < 1024:
        return f"{n} bytes"
    if n < 1024 * 1024:
        return f"{round(n / 1024)} KB"
    return f"{n / (1024 * 1024):.1f} MB"


def state_tag(paper: Paper) -> Tag:
    if paper.issued:
        return Tag("Issued", "govuk-tag--green")
    if paper.issue_failed:
        return Tag("Issue failed", "govuk-tag--red")
    if paper.being_issued:
        return Tag("Being issued", "govuk-tag--yellow")
    return Tag("Draft", "govuk-tag--grey")


def body_label(body) -> str:
    if body.abbreviation and body.abbreviation != body.name:
        return f"{body.name} ({body.abbreviation})"
    return body.name


def label_of(paper: Paper) -> str:
    body = paper.body.abbreviation or paper.body.name
    what = "paper" if paper.kind == PROGRESS else KINDS[paper.kind]
    return f"{body} {what} as at {long_date(paper.as_at)}"


def downloads(paper: Paper, renderings: dict | None = None) -> tuple[Download, ...]:
    """The paper's files. `renderings`: a draft's up-to-date ones, format -> (size or None
    while being prepared, error), as `renderings` reads them."""
    renderings = renderings or {}
    rows = []
    for fmt in FORMATS:
        url = reverse("reports:paper_download", args=[paper.plan_id, paper.pk, fmt])
        if paper.issued:
            rows.append(
                Download(
                    fmt, FORMAT_LABELS[fmt], url, human_size(getattr(paper, f"{fmt}_size", None))
                )
            )
        elif fmt not in DraftRendering.FORMATS:
            rows.append(Download(fmt, FORMAT_LABELS[fmt], url, ""))
        elif paper.being_issued:  # its files are being made: the issued ones
            rows.append(Download(fmt, FORMAT_LABELS[fmt], url, "", False, "ready when issued"))
        else:
            size, error = renderings.get(fmt, (None, ""))
            ready = size is not None
            note = ""
            if error:
                note = "could not be made"
            elif fmt in renderings and not ready:
                note = "being prepared"
            rows.append(Download(fmt, FORMAT_LABELS[fmt], url, human_size(size), ready, note))
    return tuple(rows)


def renderings(paper: Paper, data: PaperData) -> dict:
    """A draft's up-to-date PDF and Word renderings: format -> (size or None, error)."""
    fingerprint = services.fingerprint(paper, data)
    rows = (
        DraftRendering.objects.filter(paper=paper, fingerprint=fingerprint)
        .annotate(size=Length("content"))
        .values_list("format", "size", "error")
    )
    return {fmt: (size, error) for fmt, size, error in rows}


def paper_row(paper: Paper) -> PaperRow:
    issued = paper.issued
    return PaperRow(
        url=reverse("reports:paper", args=[paper.plan_id, paper.pk]),
        body=body_label(paper.body) + ("" if paper.kind == PROGRESS else f": {KINDS[paper.kind]}"),
        as_at=paper.as_at,
        state=state_tag(paper),
        who=user_name(paper.issued_by if issued else paper.created_by),
        when=paper.issued_at if issued else paper.created_at,
        downloads=downloads(paper),
    )


def _line(item: Item, key: RagKey) -> Line:
    return Line(
        ref=item.ref,
        text=item.text,
        rating=Tag(item.rating, rag_tag(item.colour, key).classes),
        why=item.reason or item.status,
        overdue=item.overdue,
        reporting=item.reporting,
    )


def summary(data: PaperData, asks: tuple[str, ...]) -> Summary:
    key = rag_key([(k.colour, k.label, k.meaning) for k in data.key], title="The paper's key")
    counts = tuple(
        RatingCount(Tag(c.label, rag_tag(c.colour, key).classes), c.count) for c in data.totals
    )
    author = ", ".join(x for x in (data.author.name, data.author.role) if x)
    return Summary(
        key=key,
        counts=counts,
        total=data.total,
        items=tuple(_line(i, key) for i in data.items),
        exceptions=tuple(_line(i, key) for i in data.exceptions),
        meeting=data.meeting,
        author=author,
        asks=asks,
        indicators=len(data.indicators),
    )
