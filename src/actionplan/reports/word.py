"""The paper as an editable Word document (python-docx): Word's own heading styles (Heading
1 for sections, Heading 2 for the annex's recommendations), paragraph numbers as Word
numbering, real tables whose header rows repeat on each page, charts as pictures with alt
text, British English, and the paper's own title, subject, author and dates in the file's
properties.

A council may supply its own .docx: the paper is written into a copy of it, so it keeps
the council's styles, page set-up, header and footer (logo included); only the body text
of the template is replaced. Styles the template lacks are added, based on its Normal. The
template is cleaned first, every time (council_template.py): nothing in a paper fetches.

The sections come in the order of the paper kind's frame template, the one the HTML paper
is printed from (sections.py reads it, a council's own first; docs/adr/0035): WRITERS has
a writer for each section the frames name, and a section without one is a note in its place.
"""

from __future__ import annotations

import datetime as dt
import functools
import io
import itertools
import logging
import zipfile
from collections.abc import Callable, Sequence
from typing import NamedTuple

from docx import Document
from docx.opc.exceptions import PackageNotFoundError
from docx.shared import Cm, Pt

from actionplan.core.limits import read_limits
from actionplan.core.wording import long_date
from actionplan.reports import wording
from actionplan.reports.charts import Chart, charts, trend_charts
from actionplan.reports.council_template import TemplateError, clean_template
from actionplan.reports.data import KINDS, PROGRESS, Item, PaperData, Update, printable_data
from actionplan.reports.docx_parts import LANGUAGE, clear_body, house_style
from actionplan.reports.docx_writer import Rag, Writer
from actionplan.reports.evidence import ANNEX_B, Evidence

log = logging.getLogger(__name__)


def check_template(content: bytes, name: str = "the template") -> bytes:
    """The template cleaned (council_template.py), once python-docx has opened the clean
    copy; TemplateError, with a plain reason, for anything it cannot use."""
    cleaned = clean_template(content, name, read_limits(upload=False)).content
    try:
        Document(io.BytesIO(cleaned))
    except (PackageNotFoundError, KeyError, ValueError, zipfile.BadZipFile):
        raise TemplateError(f"{name} is not a Word .docx file") from None
    return cleaned


class Part(NamedTuple):
    """One section of a paper as its frame template names it (reports/sections.py): the
    template it includes ("reports/parts/covering.html"), or the id of a <section> written
    in the frame itself ("section-5"); and its number, when the include gives one as a
    figure (`with number=4`)."""

    name: str
    number: int | None = None


def render_docx(
    data: PaperData,
    *,
    draft: bool,
    template: bytes | None = None,
    figures: tuple[Chart, ...] | None = None,
    trends: tuple[Chart, ...] | None = None,
    sections: Sequence[Part] | None = None,
) -> bytes:
    """The Word file. `sections`: the paper's sections in order, as its kind's frame
    template has them (reports/sections.py reads a council's own); the built-in frame's
    order (STANDARD) if not given. A section the Word writer cannot write is a visible
    note in its place, and a warning in the log."""
    data = printable_data(data)
    if template:
        doc = Document(io.BytesIO(check_template(template)))
        clear_body(doc)
    else:
        doc = Document()
        house_style(doc, data)
    paper = _Paper(Writer(doc), data, draft, figures, trends)
    kind = data.kind if data.kind in STANDARD else PROGRESS
    for part in sections if sections is not None else STANDARD[kind]:
        writer = WRITERS.get(part.name)
        if writer is None:
            _unwritten(paper.w, part)
        else:
            writer(paper, part.number)
    _properties(doc, data, draft)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


class _Paper:
    """What a section's writer needs; the charts drawn once, when a section first asks."""

    def __init__(
        self,
        w: Writer,
        data: PaperData,
        draft: bool,
        figures: tuple[Chart, ...] | None,
        trends: tuple[Chart, ...] | None,
    ):
        self.w, self.data, self.draft = w, data, draft
        self._figures, self._trends = figures, trends

    @functools.cached_property
    def figures(self) -> tuple[Chart, ...]:
        return self._figures or charts(self.data)

    @functools.cached_property
    def trends(self) -> tuple[Chart, ...]:
        return self._trends if self._trends is not None else trend_charts(self.data)


def _unwritten(w: Writer, part: Part) -> None:
    """A section of a council's template that the Word paper has no writer for: said in the
    document where it stands, and logged, never dropped in silence (docs/adr/0035)."""
    log.warning(
        "the Word paper has no writer for the section %r of the paper's template", part.name
    )
    w.paragraph(
        f"[The section {part.name!r} of this paper's template is in the paper's HTML and PDF "
        "versions only: the Word version has no writer for it.]"
    )


def _covering(w: Writer, data: PaperData, progress: Chart | None = None) -> None:
    """The covering report's numbered sections; the progress chart, if given, after the
    summary (Figure 1)."""
    for section in data.sections:
        w.heading(f"{section.number}. {section.title}")
        numbering = w.numbering(section.number)
        for p in section.paragraphs:
            w.numbered(numbering, p.text)
            for b in p.bullets:
                w.bullet(b)
        if progress is not None and section.number == wording.SUMMARY_SECTION:
            w.figure(progress, 1)


def _perf_indicators(w: Writer, data: PaperData, trends: tuple[Chart, ...], number: int) -> None:
    """The performance report's indicators over six months, with their trend charts."""
    by = long_date(data.as_at)
    if data.indicators:
        _indicators(w, data, f"{number}. Indicators over the six months to {by}", 1)
    else:
        w.heading(f"{number}. Indicators over the six months to {by}")
        w.paragraph("The plan has no indicators yet.")
    shown = itertools.count(1)  # figures are numbered among those drawn
    for trend, chart in zip(data.trends, trends, strict=True):
        w.doc.add_heading(trend.name, level=2)
        if trend.definition:
            w.paragraph(trend.definition)
        if trend.points:
            w.figure(chart, next(shown))
        else:
            w.paragraph(f"No value for a period in the six months to {by}.")
        if trend.commentary:
            w.paragraph("Commentary")
            for c in trend.commentary:
                w.bullet(c)


def _findings(w: Writer, data: PaperData, number: int) -> None:
    """The performance report's audit and feedback findings (Annex B's content)."""
    if data.evidence:
        _evidence(w, data.evidence, f"{number}. Audit and feedback findings")
    else:
        w.heading(f"{number}. Audit and feedback findings")
        w.paragraph(
            "No case-file audit was completed and no feedback was heard in the six months to "
            f"{long_date(data.as_at)}."
        )


def _perf_exceptions(w: Writer, data: PaperData, number: int) -> None:
    """The performance report's exceptions: actions (Table 2), then indicators (Table 3)."""
    _exceptions(
        w,
        data,
        f"{number}. Exceptions: actions off track or overdue, indicators missing their target",
        2,
    )
    missing = [r for r in data.indicators if r.rag in ("red", "amber")]
    if missing:
        w.table(
            "Table 3: indicators missing their target",
            ["Indicator", "Period", "Latest", "Target", "Against target"],
            [
                [[(r.name, "bold")], r.period, r.value, r.target, Rag(r.rag or "", r.rag_label)]
                for r in missing
            ],
            [Cm(5.6), Cm(3.4), Cm(2.4), Cm(2.4), Cm(3.6)],
        )
    else:
        w.paragraph("No indicator is missing its target.")


def _summary(w: Writer, data: PaperData) -> None:
    """The highlight report's RAG summary."""
    h = wording.highlight(data)
    w.heading(
        f"Summary: the plan's {data.total} actions by RAG rating as at {long_date(data.as_at)}"
    )
    w.table(
        "Actions by RAG rating",
        ["Rating", "What it means", "Actions"],
        [[Rag(r.colour, r.label), r.meaning, str(r.count)] for r in h.summary]
        + [[[("All actions", "bold")], "", str(data.total)]],
        [Cm(4), Cm(11), Cm(2.4)],
    )
    w.paragraph(h.summary_text)


def _risks(w: Writer, data: PaperData) -> None:
    """The highlight report's top risks."""
    h = wording.highlight(data)
    w.heading("Top risks")
    if not h.risks:
        w.paragraph("No action is rated red or overdue.")
        return
    w.table(
        "Red and overdue actions" + (f": the first {len(h.risks)}" if h.more_risks else ""),
        ["Ref", "Action and lead officer", "RAG and why"],
        [
            [
                i.ref,
                _action(i),
                [Rag(i.colour, i.rating)]
                + ([(i.reason[:1].upper() + i.reason[1:], "grey")] if i.reason else [])
                + ([(f"Overdue: {i.overdue[0]}", "grey")] if i.overdue else []),
            ]
            for i in h.risks
        ],
        [Cm(1.8), Cm(8.4), Cm(7.2)],
    )
    if h.more_risks:
        w.paragraph(h.more_risks)


def _asks(w: Writer, data: PaperData) -> None:
    """The highlight report's asks: the covering report's paragraphs, unnumbered."""
    w.heading(f"Asks of the {data.committee_short}")
    for section in data.sections:
        for p in section.paragraphs:
            w.paragraph(p.text)
            for b in p.bullets:
                w.bullet(b)


def _recommendations(w: Writer, data: PaperData, rag: Chart) -> None:
    w.heading(f"{wording.RAG_SECTION}. Progress by recommendation")
    colours = list(dict.fromkeys(t.colour for t in data.totals))
    rows = [
        [
            [(f"{r.number} {r.title}", "bold")]
            + ([(f"Overall responsibility: {', '.join(r.owners)}", "grey")] if r.owners else []),
            *(str(sum(c.count for c in r.counts if c.colour == k)) for k in colours),
            str(r.total),
        ]
        for r in data.recommendations
    ]
    rows.append(
        [
            [("The whole plan", "bold")],
            *(str(sum(c.count for c in data.totals if c.colour == k)) for k in colours),
            str(data.total),
        ]
    )
    w.table(
        f"Table 1: actions by RAG rating for each recommendation, as at {long_date(data.as_at)}",
        ["Recommendation", *(k.capitalize() for k in colours), "Total"],
        rows,
        [Cm(17.4 - 1.4 * (len(colours) + 1))] + [Cm(1.4)] * (len(colours) + 1),
        header_colours=[None, *colours, None],
    )
    w.figure(rag, 2)
    w.table(
        "Table 2: key to the RAG ratings",
        ["Rating", "What it means"],
        [[Rag(k.colour, k.label), k.meaning] for k in data.key],
        [Cm(4.4), Cm(13)],
    )


def _items(w: Writer, data: PaperData) -> None:
    by = long_date(data.period_end)
    w.heading(f"{wording.ITEMS_SECTION}. Actions reporting to the {data.committee_short} by {by}")
    if not data.items:
        w.paragraph(f"No action has a reporting line to the {data.committee_short} due by {by}.")
        return
    w.table(
        f"Table 3: actions with a reporting line to the {data.committee_short} due by {by} or "
        "recurring, with their latest update",
        ["Ref", "Action and lead officer", "Reporting line", "RAG", "Latest update"],
        [
            [
                i.ref,
                _action(i),
                "; ".join(i.reporting),
                [Rag(i.colour, i.rating)]
                + ([(f"See section {wording.EXCEPTIONS_SECTION}", "grey")] if i.exception else []),
                _update(i.latest),
            ]
            for i in data.items
        ],
        [Cm(1.6), Cm(5.2), Cm(3), Cm(2.4), Cm(5.2)],
    )


def _exceptions(w: Writer, data: PaperData, heading: str = "", table: int = 4) -> None:
    w.heading(
        heading
        or f"{wording.EXCEPTIONS_SECTION}. Exceptions: actions off track, at risk or overdue"
    )
    if not data.exceptions:
        w.paragraph("No action is off track, at risk or overdue.")
        return
    w.table(
        f"Table {table}: red, amber and overdue actions, with the latest narrative and next steps",
        ["Ref", "Action and lead officer", "RAG and why", "Latest update", "Next steps"],
        [
            [
                i.ref,
                _action(i),
                [Rag(i.colour, i.rating)]
                + ([(i.reason[:1].upper() + i.reason[1:], "grey")] if i.reason else [])
                + [(f"Overdue: {late}", "grey") for late in i.overdue],
                _update(i.latest),
                (i.latest.next_steps if i.latest else "") or "None given",
            ]
            for i in data.exceptions
        ],
        [Cm(1.6), Cm(4.2), Cm(3.6), Cm(4.6), Cm(3.4)],
    )


def _indicators(w: Writer, data: PaperData, heading: str = "", table: int = 5) -> None:
    w.heading(heading or f"{wording.INDICATORS_SECTION}. Indicators")
    w.table(
        f"Table {table}: the plan's indicators, their latest values and RAG against target",
        ["Indicator", "Period", "Latest", "Previous", "Target", "Against target", "Direction"],
        [
            [
                [(r.name, "bold")],
                r.period,
                r.value,
                r.previous,
                r.target or "none set",
                Rag(r.rag, r.rag_label) if r.rag else r.rag_label,
                (r.direction or "").capitalize(),
            ]
            for r in data.indicators
        ],
        [Cm(4.6), Cm(2.8), Cm(1.8), Cm(1.8), Cm(1.8), Cm(2.4), Cm(2.2)],
    )


def _annex(w: Writer, data: PaperData) -> None:
    w.page_break()
    w.heading("Annex A: the whole plan and its latest updates")
    for r in data.annex:
        owners = f" (overall responsibility: {', '.join(r.owners)})" if r.owners else ""
        w.table(
            f"{r.number} {r.title}{owners}",
            ["Ref", "Action and lead officer", "Due", "RAG", "Latest update"],
            [
                [
                    i.label,
                    _action(i, criteria=True),
                    f"{i.due:%b %Y}" if i.due else "–",
                    Rag(i.colour, i.rating),
                    _update(i.latest),
                ]
                for i in r.items
            ],
            [Cm(1.4), Cm(6.2), Cm(1.8), Cm(2.6), Cm(5.4)],
            size=Pt(8),
            caption_style="Heading 2",
        )


def _evidence(w: Writer, e: Evidence, heading: str = "") -> None:
    """Annex B, as the HTML paper has it (templates/reports/evidence.html); or, given a
    heading, a performance report's section of findings, on the page as it runs."""
    if not heading:
        w.page_break()
    w.heading(heading or ANNEX_B)
    w.paragraph(
        f"Audits completed and feedback heard from {long_date(e.start)} to {long_date(e.end)}. "
        "Grades are the moderated ones; no case is named."
    )
    for a in e.audits:
        w.table(
            f"Audit: {a.title} ({a.quarter}, completed {long_date(a.completed)}; {a.cases} of "
            f"{a.sample_size} cases, {a.moderated} moderated; {a.good_or_better} good or better)",
            ["Overall grade", "Cases"],
            [[[(g.grade, "bold")], str(g.cases)] for g in a.grades],
            [Cm(6), Cm(2)],
        )
        for f in a.findings:
            actions = f" Actions: {'; '.join(f.actions)}" if f.actions else ""
            w.bullet(f"{f.kind}: {f.text}{actions}")
    if e.results:
        w.table(
            "Feedback results",
            ["Source and question", "Period", "Responses", "Positive"],
            [
                [[(f"{r.source}: {r.question}", "bold")], r.period, str(r.responses), r.positive]
                for r in e.results
            ],
            [Cm(8), Cm(5), Cm(2.2), Cm(2)],
        )
    for t in e.themes:
        w.paragraph(f"Theme: {t.name}. {t.summary}".strip())
        for q in t.quotes:
            w.bullet(f"“{q}”")
    if e.you_said:
        w.paragraph("You said, we did")
        for y in e.you_said:
            actions = f" Actions: {'; '.join(y.actions)}" if y.actions else ""
            w.bullet(f"You said: {y.you_said} We did: {y.we_did}{actions}")


def _properties(doc, data: PaperData, draft: bool) -> None:
    """The file's own properties: the paper's, not the library's or the template's. Files
    are rendered when a paper is issued (or a draft downloaded), so now is the issue date."""
    now = dt.datetime.now(dt.UTC).replace(microsecond=0, tzinfo=None)  # core.xml is in UTC
    author = data.author.name or f"{data.council} improvement team"
    p = doc.core_properties
    p.title = f"{data.title}: {data.committee}, as at {long_date(data.as_at)}"
    what = KINDS.get(data.kind, "progress") if data.kind != PROGRESS else "progress"
    p.subject = f"{data.plan_title}: {what} as at {long_date(data.as_at)}"
    p.author = p.last_modified_by = author
    p.comments = p.keywords = p.category = ""
    p.content_status = "Draft" if draft else "Issued"
    p.created = p.modified = now
    p.revision = 1
    p.language = LANGUAGE


def _action(i: Item, *, criteria: bool = False) -> list:
    """The action and its lead officers; with `criteria`, its success criteria too (Annex A,
    as the HTML paper's annex has them)."""
    lines = [(i.text, "")] + ([(f"Lead: {', '.join(i.leads)}", "grey")] if i.leads else [])
    if criteria and i.success_criteria:
        lines.append((f"Success criteria: {i.success_criteria}", "grey"))
    return lines


def _update(u: Update | None) -> list:
    if u is None:
        return [("No update yet", "grey")]
    by = f", {u.author}" if u.author else ""
    lines = [(f"{long_date(u.as_at)}{by}: {u.status}", "grey")]
    return lines + ([(u.narrative, "")] if u.narrative else [])


def _title_block(w: Writer, data: PaperData, draft: bool) -> None:
    council = w.paragraph("")
    council.add_run(data.council.upper()).bold = True
    committee = w.paragraph("")
    committee.add_run(data.committee).bold = True
    w.doc.add_paragraph(data.title, style="Title")
    if draft:
        p = w.paragraph("")
        p.add_run("DRAFT").bold = True
        p.add_run(": built from the live plan; it changes until it is issued.")
    w.pairs(list(wording.header(data, draft=draft)))


def _implications(w: Writer, data: PaperData, number: int | None = None) -> None:
    if number is None:
        number = (
            wording.PERF_IMPLICATIONS
            if data.kind == "performance"
            else wording.implications_section(bool(data.indicators))
        )
    w.heading(f"{number}. Implications")
    numbering = w.numbering(number)
    for i in data.conventions.implications:
        p = w.numbered(numbering, "")
        p.add_run(f"{i.heading} implications:").bold = True
        p.add_run(f" {i.text}")


def _closing(w: Writer, data: PaperData) -> None:
    """Background papers and the contact officer, after the main body."""
    w.heading("Background papers")
    for b in data.conventions.background_papers:
        w.bullet(b)
    w.paragraph("Annexes: " + "; ".join(data.annexes))
    w.heading("Contact officer")
    w.pairs(list(wording.contact(data)))


def _contact(w: Writer, data: PaperData) -> None:
    """The highlight report's contact officer, on one line."""
    w.heading("Contact officer")
    w.paragraph("; ".join(f"{label}: {value}" for label, value in wording.contact(data)))


def _when(there: object, write: Callable[..., None], *args) -> None:
    """A section the frame writes only when there is something for it ({% if %})."""
    if there:
        write(*args)


# What writes each section, by the name the frame templates give it (Part.name): the
# includes of templates/reports/*.html and the <section>s written in paper.html itself.
# The writer is given the number the include gives (`with number=4`), else None.
_Writes = Callable[[_Paper, int | None], None]
TITLE = "reports/parts/title_block.html"
COVERING = "reports/parts/covering.html"
IMPLICATIONS = "reports/parts/implications.html"
CLOSING = "reports/parts/closing.html"
WRITERS: dict[str, _Writes] = {
    TITLE: lambda p, n: _title_block(p.w, p.data, p.draft),
    COVERING: lambda p, n: _covering(
        p.w, p.data, p.figures[0] if p.data.kind not in ("performance", "highlight") else None
    ),
    "section-5": lambda p, n: _recommendations(p.w, p.data, p.figures[1]),
    "section-6": lambda p, n: _items(p.w, p.data),
    "section-7": lambda p, n: _exceptions(p.w, p.data),
    "section-8": lambda p, n: _when(p.data.indicators, _indicators, p.w, p.data),
    IMPLICATIONS: lambda p, n: _implications(p.w, p.data, n),
    CLOSING: lambda p, n: _closing(p.w, p.data),
    "annex-a": lambda p, n: _annex(p.w, p.data),
    "reports/evidence.html": lambda p, n: _when(p.data.evidence, _evidence, p.w, p.data.evidence),
    "reports/performance/indicators.html": lambda p, n: _perf_indicators(
        p.w, p.data, p.trends, n or wording.PERF_INDICATORS
    ),
    "reports/performance/findings.html": lambda p, n: _findings(
        p.w, p.data, n or wording.PERF_FINDINGS
    ),
    "reports/performance/exceptions.html": lambda p, n: _perf_exceptions(
        p.w, p.data, n or wording.PERF_EXCEPTIONS
    ),
    "reports/highlight/summary.html": lambda p, n: _summary(p.w, p.data),
    "reports/highlight/risks.html": lambda p, n: _risks(p.w, p.data),
    "reports/highlight/asks.html": lambda p, n: _asks(p.w, p.data),
    "reports/highlight/contact.html": lambda p, n: _contact(p.w, p.data),
}

# Each kind's sections in the order of its built-in frame template (reports/paper.html,
# performance.html, highlight.html), for a caller that does not read the templates (tests,
# the bench). tests/reports/test_word_sections.py checks they are the templates' order.
STANDARD: dict[str, tuple[Part, ...]] = {
    PROGRESS: tuple(
        Part(name)
        for name in (
            TITLE,
            COVERING,
            "section-5",
            "section-6",
            "section-7",
            "section-8",
            IMPLICATIONS,
            CLOSING,
            "annex-a",
            "reports/evidence.html",
        )
    ),
    "performance": (
        Part(TITLE),
        Part(COVERING),
        Part("reports/performance/indicators.html", wording.PERF_INDICATORS),
        Part("reports/performance/findings.html", wording.PERF_FINDINGS),
        Part("reports/performance/exceptions.html", wording.PERF_EXCEPTIONS),
        Part(IMPLICATIONS, wording.PERF_IMPLICATIONS),
        Part(CLOSING),
    ),
    "highlight": tuple(
        Part(f"reports/highlight/{name}.html") if name != "title" else Part(TITLE)
        for name in ("title", "summary", "risks", "asks", "contact")
    ),
}
