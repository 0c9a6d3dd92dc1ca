"""Drafting, issuing and downloading papers: what the command and the web pages call.

A draft is rebuilt from the live plan whenever it is read. Issuing builds it once more,
renders the three formats from that data and stores data and files together, in one
transaction; an issued paper is then only ever read back, byte for byte.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import json
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from actionplan import __version__
from actionplan.core import events
from actionplan.core.errors import UserError
from actionplan.core.wording import long_date
from actionplan.plans.models import Body, Plan
from actionplan.reports.building import build_paper, default_period_end
from actionplan.reports.charts import charts, trend_charts
from actionplan.reports.data import (
    KINDS,
    PROGRESS,
    Author,
    PaperData,
    from_json,
    printable_data,
    to_json,
)
from actionplan.reports.html import render_html
from actionplan.reports.models import FORMATS, DraftRendering, Paper
from actionplan.reports.pdf import render_pdf
from actionplan.reports.sections import section_order
from actionplan.reports.word import check_template, render_docx

CONTENT_TYPES = {
    "html": "text/html; charset=utf-8",
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}


class PaperError(UserError):
    """What cannot be done to a paper: editing or issuing one that is issued, an unknown format."""


@dataclass(frozen=True)
class PaperFile:
    content: bytes
    filename: str
    content_type: str
    sha256: str


def render(data: PaperData, fmt: str, *, draft: bool, template: bytes | None = None) -> bytes:
    """One format of the paper."""
    return render_all(data, draft=draft, template=template, formats=(fmt,))[fmt]


def render_all(
    data: PaperData,
    *,
    draft: bool,
    template: bytes | None = None,
    formats: tuple[str, ...] = FORMATS,
) -> dict[str, bytes]:
    unknown = [f for f in formats if f not in FORMATS]
    if unknown:
        raise PaperError(f"a paper is html, pdf or docx, not {unknown[0]!r}")
    data = printable_data(data)
    figures = charts(data)  # drawn once for every format
    trends = trend_charts(data)
    files = {}
    if "html" in formats or "pdf" in formats:
        html = render_html(data, draft=draft, figures=figures, trends=trends)
        if "html" in formats:
            files["html"] = html.encode("utf-8")
        if "pdf" in formats:
            files["pdf"] = render_pdf(html)
    if "docx" in formats:
        files["docx"] = render_docx(
            data,
            draft=draft,
            template=template,
            figures=figures,
            trends=trends,
            sections=section_order(data.kind),  # the HTML frame's order (ADR 35)
        )
    return files


def draft_paper(
    plan: Plan,
    body: Body,
    as_at: dt.date,
    *,
    user=None,
    period_end: dt.date | None = None,
    author: Author | None = None,
    asks: tuple[str, ...] = (),
    template: bytes | None = None,
    template_name: str = "",
    conventions: dict | None = None,
    kind: str = PROGRESS,
) -> Paper:
    """A new draft paper for `body` on `plan` as at `as_at`; a template is checked first.
    `kind`: the paper type, a key of data.KINDS (the progress report by default)."""
    if body.organisation_id != plan.organisation_id:
        raise PaperError(f"{body} is not one of {plan.organisation}'s bodies")
    _check_kind(kind)
    if template:  # what is stored is the clean copy (council_template.py)
        template = check_template(template, template_name or "the template")
    paper = Paper(plan=plan, body=body, as_at=as_at, created_by=user)
    _set(paper, period_end, author, asks, template, template_name, conventions, kind)
    paper.save()
    return paper


def edit_draft(
    paper: Paper,
    *,
    as_at: dt.date | None = None,
    period_end: dt.date | None = None,
    author: Author | None = None,
    asks: tuple[str, ...] | None = None,
    template: bytes | None = None,
    template_name: str = "",
    conventions: dict | None = None,
    kind: str | None = None,
) -> Paper:
    """Change what a draft is built from; an issued paper refuses. `conventions`: the
    committee report's details (report of, agenda item, implications ...), as
    `building.build_paper` takes them; None keeps them, as it keeps the `kind`."""
    _refuse_if_issued(paper, "edited")
    if kind is not None:
        _check_kind(kind)
    if template:
        template = check_template(template, template_name or "the template")
    paper.as_at = as_at or paper.as_at
    options = paper.options or {}
    _set(
        paper,
        period_end or (paper.period_end if as_at is None else None),
        author or (Author(**options["author"]) if "author" in options else None),
        tuple(options.get("asks", ())) if asks is None else asks,
        template or paper.template,
        template_name or paper.template_name,
        options.get("committee") if conventions is None else conventions,
        paper.kind if kind is None else kind,
    )
    paper.save()
    return paper


def paper_data(paper: Paper, report_date: dt.date | None = None) -> PaperData:
    """What the paper says: as issued, or as the live plan makes it now (dated
    `report_date`, the day it is issued; a draft is undated)."""
    if paper.issued:
        assert paper.data is not None  # issuing froze it
        return from_json(paper.data)
    options = paper.options or {}
    return build_paper(
        paper.plan,
        paper.body,
        paper.as_at,
        period_end=paper.period_end,
        author=Author(**options["author"]) if "author" in options else None,
        asks=tuple(options.get("asks", ())),
        conventions=options.get("committee"),
        report_date=report_date,
        kind=paper.kind,
    )


def paper_file(paper: Paper, fmt: str) -> PaperFile:
    """The paper in one format: an issued paper's stored file, a draft's rendered now."""
    if fmt not in FORMATS:
        raise PaperError(f"a paper is html, pdf or docx, not {fmt!r}")
    if paper.issued:
        content = bytes(getattr(paper, fmt))
        digest = hashlib.sha256(content).hexdigest()
        if digest != getattr(paper, f"{fmt}_sha256"):
            raise RuntimeError(f"paper {paper.pk}: the stored {fmt} does not match its SHA-256")
    else:
        content = render(paper_data(paper), fmt, draft=True, template=template_of(paper))
        digest = hashlib.sha256(content).hexdigest()
    return PaperFile(content, filename(paper, fmt), CONTENT_TYPES[fmt], digest)


def fingerprint(paper: Paper, data: PaperData) -> str:
    """The SHA-256 of what a draft's files are made from: its data as built now (which
    holds the plan's state, the as-at date, the period, the author and the asks), its
    template and the service's version (a new release may render differently). A draft
    rendering with another fingerprint is stale."""
    template = template_of(paper)
    inputs = {
        "data": to_json(data),
        "template": hashlib.sha256(template).hexdigest() if template else "",
        "version": __version__,
    }
    text = json.dumps(inputs, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def issue_paper(paper: Paper, user=None, *, backdated: bool = False) -> Paper:
    """Freeze a draft: build it one last time, render every format, store them all.
    `backdated`: a paper of past records (the demo's), which nobody is told of now."""
    with transaction.atomic():
        paper = Paper.objects.select_for_update().get(pk=paper.pk)
        _refuse_if_issued(paper, "issued again")
        data = paper_data(paper, report_date=timezone.localdate())
        files = render_all(data, draft=False, template=template_of(paper))
        paper.data = to_json(data)
        for fmt, content in files.items():
            setattr(paper, fmt, content)
            setattr(paper, f"{fmt}_sha256", hashlib.sha256(content).hexdigest())
        paper.status = Paper.Status.ISSUED
        paper.issued_by = user
        paper.issued_at = timezone.now()
        paper.save()
        # Issued, it serves its frozen files: the draft's renderings are no longer needed.
        DraftRendering.objects.filter(paper=paper).delete()
        events.paper_issued.send(Paper, paper=paper, backdated=backdated)
    return paper


def filename(paper: Paper, fmt: str) -> str:
    state = "" if paper.issued else "-draft"
    body = slugify(paper.body.abbreviation or paper.body.name) or "body"
    what = "paper" if paper.kind == PROGRESS else f"{paper.kind}-report"
    return f"{body}-{what}-{paper.as_at.isoformat()}{state}.{fmt}"


def template_of(paper: Paper) -> bytes | None:
    return bytes(paper.template) if paper.template else None


def _check_kind(kind: str) -> None:
    if kind not in KINDS:
        raise PaperError(f"a paper's kind is one of {', '.join(KINDS)}, not {kind!r}")


def _set(
    paper, period_end, author, asks, template, template_name, conventions=None, kind=PROGRESS
) -> None:
    paper.period_end = period_end or default_period_end(paper.body, paper.as_at)
    options: dict[str, Any] = {}
    if kind != PROGRESS:  # a progress report's options stay as they were before kinds
        options["kind"] = kind
    if author is not None:
        options["author"] = dataclasses.asdict(author)
    if asks:
        options["asks"] = list(asks)
    if conventions:
        options["committee"] = conventions
    paper.options = options
    paper.template = template
    paper.template_name = template_name if template else ""


def _refuse_if_issued(paper: Paper, what: str) -> None:
    if paper.issued:
        raise PaperError(
            f"paper {paper.pk} was issued on {long_date(timezone.localtime(paper.issued_at))} and cannot be {what}: "
            "draft a new paper instead"
        )
