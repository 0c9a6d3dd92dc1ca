"""The paper as one standalone, accessible HTML document: styles inline, charts as data
URIs, so the file can be e-mailed or published as it is. The PDF is printed from it."""

from __future__ import annotations

import base64
import itertools
import struct
from dataclasses import dataclass

from django.template.loader import render_to_string

from actionplan.reports import wording
from actionplan.reports.charts import DPI, Chart, charts, trend_charts
from actionplan.reports.data import PaperData, printable_data

# Each paper type's template. A council's own, of the same name in its PAPER_TEMPLATES
# folder, comes first (settings.TEMPLATES): that is how it orders the sections its way.
TEMPLATES = {
    "progress": "reports/paper.html",
    "performance": "reports/performance.html",
    "highlight": "reports/highlight.html",
}


@dataclass(frozen=True)
class _Figure:
    title: str
    alt: str
    src: str
    width: int
    height: int


def render_html(
    data: PaperData,
    *,
    draft: bool,
    figures: tuple[Chart, ...] | None = None,
    trends: tuple[Chart, ...] | None = None,
) -> str:
    data = printable_data(data)
    if data.kind in ("performance", "highlight"):  # anything else: the progress report
        return _render_kind(data, draft, trends)
    progress, rag = figures or charts(data)
    colours = list(dict.fromkeys(t.colour for t in data.totals))
    recommendations = [
        {
            "number": r.number,
            "title": r.title,
            "owners": r.owners,
            "row": [sum(c.count for c in r.counts if c.colour == colour) for colour in colours],
            "total": r.total,
        }
        for r in data.recommendations
    ]
    total_row = [sum(c.count for c in data.totals if c.colour == colour) for colour in colours]
    return render_to_string(
        "reports/paper.html",
        {
            "d": data,
            "draft": draft,
            "colours": colours,
            "recommendations": recommendations,
            "total_row": total_row,
            "progress_chart": _figure(progress),
            "rag_chart": _figure(rag),
            "header": wording.header(data, draft=draft),
            "contact": wording.contact(data),
            "summary_section": wording.SUMMARY_SECTION,
            "implications_section": wording.implications_section(bool(data.indicators)),
        },
    )


def _render_kind(data: PaperData, draft: bool, trends: tuple[Chart, ...] | None) -> str:
    """The performance and highlight reports: the committee report's frame, and their own
    sections (templates/reports/performance/, highlight/)."""
    context: dict = {
        "d": data,
        "draft": draft,
        "header": wording.header(data, draft=draft),
        "contact": wording.contact(data),
    }
    if data.kind == "performance":
        drawn = trends if trends is not None else trend_charts(data)
        shown = itertools.count(1)  # figures are numbered among those drawn
        context["trends"] = [
            {"trend": t, "figure": _figure(c), "number": next(shown) if t.points else None}
            for t, c in zip(data.trends, drawn, strict=True)
        ]
        context["missing"] = [r for r in data.indicators if r.rag in ("red", "amber")]
    else:
        h = wording.highlight(data)
        context.update(
            summary=h.summary,
            summary_text=h.summary_text,
            risks=h.risks,
            more_risks=h.more_risks,
        )
    return render_to_string(TEMPLATES[data.kind], context)


def _figure(chart: Chart) -> _Figure:
    # The PNG's own size (from its header), at the DPI it is drawn at, in CSS pixels.
    width, height = struct.unpack(">II", chart.png[16:24])
    src = "data:image/png;base64," + base64.b64encode(chart.png).decode("ascii")
    return _Figure(chart.title, chart.alt, src, width * 96 // DPI, height * 96 // DPI)
