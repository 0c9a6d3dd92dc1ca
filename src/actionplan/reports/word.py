"""The paper as an editable Word document (python-docx): Word's own heading styles (Heading
1 for sections, Heading 2 for the annex's recommendations), paragraph numbers as Word
numbering, real tables whose header rows repeat on each page, charts as pictures with alt
text, British English, and the paper's own title, subject, author and dates in the file's
properties.

A council may supply its own .docx: the paper is written into a copy of it, so it keeps
the council's styles, page set-up, header and footer (logo included); only the body text
of the template is replaced. Styles the template lacks are added, based on its Normal. The
template is cleaned first, every time (council_template.py): nothing in a paper fetches.
"""

from __future__ import annotations

import datetime as dt
import io
import itertools
import zipfile

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


def check_template(content: bytes, name: str = "the template") -> bytes:
    """The template cleaned (council_template.py), once python-docx has opened the clean
    copy; TemplateError, with a plain reason, for anything it cannot use."""
    cleaned = clean_template(content, name, read_limits(upload=False)).content
    try:
        Document(io.BytesIO(cleaned))
    except (PackageNotFoundError, KeyError, ValueError, zipfile.BadZipFile):
        raise TemplateError(f"{name} is not a Word .docx file") from None
    return cleaned


def render_docx(
    data: PaperData,
    *,
    draft: bool,
    template: bytes | None = None,
    figures: tuple[Chart, ...] | None = None,
    trends: tuple[Chart, ...] | None = None,
) -> bytes:
    data = printable_data(data)
    if template:
        doc = Document(io.BytesIO(check_template(template)))
        clear_body(doc)
    else:
        doc = Document()
        house_style(doc, data)
    w = Writer(doc)
    _title_block(w, data, draft)
    if data.kind == "performance":
        _performance(w, data, trends if trends is not None else trend_charts(data))
    elif data.kind == "highlight":
        _highlight(w, data)
    else:
        _progress_report(w, data, figures or charts(data))
    _properties(doc, data, draft)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def _progress_report(w: Writer, data: PaperData, figures: tuple[Chart, ...]) -> None:
    progress, rag = figures
    _covering(w, data, progress)
    _recommendations(w, data, rag)
    _items(w, data)
    _exceptions(w, data)
    if data.indicators:
        _indicators(w, data)
    _implications(w, data)
    _closing(w, data)
    _annex(w, data)
    if data.evidence:
        _evidence(w, data.evidence)


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


def _performance(w: Writer, data: PaperData, trends: tuple[Chart, ...]) -> None:
    """The six-monthly performance report, in the order of templates/reports/performance.html."""
    _covering(w, data)
    by = long_date(data.as_at)
    if data.indicators:
        _indicators(
            w, data, f"{wording.PERF_INDICATORS}. Indicators over the six months to {by}", 1
        )
    else:
        w.heading(f"{wording.PERF_INDICATORS}. Indicators over the six months to {by}")
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
    if data.evidence:
        _evidence(w, data.evidence, f"{wording.PERF_FINDINGS}. Audit and feedback findings")
    else:
        w.heading(f"{wording.PERF_FINDINGS}. Audit and feedback findings")
        w.paragraph(
            f"No case-file audit was completed and no feedback was heard in the six months to {by}."
        )
    _exceptions(
        w,
        data,
        f"{wording.PERF_EXCEPTIONS}. Exceptions: actions off track or overdue, indicators "
        "missing their target",
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
    _implications(w, data, wording.PERF_IMPLICATIONS)
    _closing(w, data)


def _highlight(w: Writer, data: PaperData) -> None:
    """The one-page highlight report, in the order of templates/reports/highlight.html."""
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
    w.heading("Top risks")
    if h.risks:
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
    else:
        w.paragraph("No action is rated red or overdue.")
    w.heading(f"Asks of the {data.committee_short}")
    for section in data.sections:
        for p in section.paragraphs:
            w.paragraph(p.text)
            for b in p.bullets:
                w.bullet(b)
    w.heading("Contact officer")
    w.paragraph("; ".join(f"{label}: {value}" for label, value in wording.contact(data)))


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
                    _action(i),
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


def _action(i: Item) -> list:
    return [(i.text, "")] + ([(f"Lead: {', '.join(i.leads)}", "grey")] if i.leads else [])


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


def _implications(w: Writer, data: PaperData, number: int = 0) -> None:
    number = number or wording.implications_section(bool(data.indicators))
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
