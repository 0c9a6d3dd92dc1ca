"""The paper's two charts as PNG images with alt text, drawn with matplotlib's Agg backend
(no GUI, no pyplot state: safe in a web worker).

Colours come from the RAG key (GOV.UK's palette, as on the plan's pages); each colour
also has its own hatching and every bar segment is labelled with its number, and the
lines differ in style and marker and are labelled at their ends, so that both charts read
in greyscale print too.
"""

from __future__ import annotations

import functools
import io
import warnings
from dataclasses import dataclass
from typing import Any, cast

import matplotlib
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.dates import DateFormatter
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator
from matplotlib.typing import RcKeyType

from actionplan.core.wording import listed, long_date, plural
from actionplan.indicators.chart import RAG_WORDS, Point, describe
from actionplan.monitoring.chart import PALETTE
from actionplan.reports.data import IndicatorTrend, PaperData

# A plan's words may hold characters no installed font draws (an emoji pasted into a title):
# the chart shows a box, which is no reason for a warning per character in the service's log.
warnings.filterwarnings("ignore", r"Glyph \d+ .* missing from font", UserWarning)

HATCHES = {"red": "///", "amber": "\\\\\\", "green": "", "blue": "...", "grey": "xx", "black": ""}
LIGHT = {"amber", "yellow", "light-blue"}  # colours that take dark text
INK = "#0b0c0c"
WIDTH_IN = 6.3  # the width of an A4 page's text, in inches
DPI = 150  # sharp enough in print, and quick to draw
MAX_BARS = 25  # recommendations in one chart, on one page
STYLE: dict[RcKeyType, Any] = {
    "font.family": "sans-serif",
    "font.sans-serif": ["Liberation Sans", "Arial", "Helvetica", "DejaVu Sans"],
    "font.size": 9,
    "hatch.color": "#ffffff",
    "hatch.linewidth": 0.8,
    "axes.edgecolor": INK,
    "text.color": INK,
    # Labels are the plan's own words: "$" is a dollar sign, never mathematics to typeset.
    "text.parse_math": False,
}


@dataclass(frozen=True)
class Chart:
    title: str
    alt: str
    png: bytes


def charts(data: PaperData) -> tuple[Chart, ...]:
    """The paper's figures in the order it shows them."""
    return progress_chart(data), rag_chart(data)


def _styled(draw):
    """Draw in the paper's style: rcParams are read as each artist is made."""

    @functools.wraps(draw)
    def drawn(data: PaperData) -> Chart:
        with matplotlib.rc_context(STYLE):
            return draw(data)

    return drawn


@_styled
def rag_chart(data: PaperData) -> Chart:
    shown = _most_troubled(data.recommendations)
    recs = list(reversed(shown))  # the first recommendation at the top
    colours = [c.colour for c in data.totals]
    colours = [c for c in dict.fromkeys(colours) if any(r_count(r, c) for r in recs)]
    fig = Figure(figsize=(WIDTH_IN, 1.3 + 0.32 * len(recs)), layout="constrained")
    ax = fig.add_subplot()
    names = [f"{r.number} {_short(r.title)}" for r in recs]
    left = [0] * len(recs)
    for colour in colours:
        counts = [r_count(r, colour) for r in recs]
        bars = ax.barh(
            names,
            counts,
            left=left,
            height=0.7,
            color=PALETTE.get(colour, PALETTE["grey"]),
            hatch=HATCHES.get(colour, ""),
            edgecolor="white",
            linewidth=0.6,
            label=f"{colour.capitalize()}: {data.label(colour)}",
        )
        text = INK if colour in LIGHT else "white"
        ax.bar_label(
            bars,
            labels=[str(n) if n else "" for n in counts],
            label_type="center",
            color=text,
            fontweight="bold",
            bbox={"boxstyle": "round,pad=0.15", "fc": PALETTE.get(colour, INK), "lw": 0},
        )
        left = [a + b for a, b in zip(left, counts, strict=True)]
    ax.set_xlabel("Actions")
    # A linear axis's own locator, AutoLocator, is a MaxNLocator.
    cast(MaxNLocator, ax.xaxis.get_major_locator()).set_params(integer=True)
    ax.spines[["top", "right"]].set_visible(False)
    fig.legend(loc="outside lower center", ncols=2, frameon=False, fontsize=8)
    described = "; ".join(
        f"{r.number}: "
        + listed([f"{c.count} {c.colour}" for c in r.counts if c.count] or ["no actions"])
        for r in shown
    )
    which = "for each recommendation"
    if len(shown) < len(data.recommendations):
        which = (
            f"for the {len(shown)} recommendations with most red and amber actions "
            "(Table 1 has them all)"
        )
    return Chart(
        f"Actions by RAG rating, {which}",
        f"Stacked bar chart of actions by RAG rating as at {long_date(data.as_at)}, {which}. "
        f"{described}.",
        _png(fig),
    )


def r_count(rec, colour: str) -> int:
    return next((c.count for c in rec.counts if c.colour == colour), 0)


def _most_troubled(recs: tuple) -> tuple:
    """All the recommendations, or, past what a page can show legibly, those with the
    most red then amber actions, in the plan's order."""
    if len(recs) <= MAX_BARS:
        return recs
    worst = sorted(recs, key=lambda r: (-r_count(r, "red"), -r_count(r, "amber")))[:MAX_BARS]
    return tuple(r for r in recs if r in worst)


@_styled
def progress_chart(data: PaperData) -> Chart:
    points = data.progress
    months = [p.on for p in points]
    fig = Figure(figsize=(WIDTH_IN, 2.8), layout="constrained")
    ax = fig.add_subplot()
    planned = [p.planned for p in points]
    ax.plot(
        months,  # type: ignore[arg-type, unused-ignore]  # plots dates; some stubs take numbers only
        planned,
        color=INK,
        linestyle="--",
        marker="s",
        markersize=4,
        label="Planned",
    )
    shown = [p for p in points if p.completed is not None]
    ax.plot(
        [p.on for p in shown],  # type: ignore[arg-type, unused-ignore]  # dates, as above
        cast("list[int]", [p.completed for p in shown]),  # none is None: `shown` is filtered
        color=PALETTE["blue"],
        linewidth=2.2,
        marker="o",
        markersize=5,
        label="Completed",
    )
    ax.axvline(data.as_at, color=INK, linestyle=":", linewidth=1)  # type: ignore[arg-type]  # a date
    ax.annotate(
        f"As at {data.as_at:%-d %b %Y}",
        (data.as_at, data.total),
        xytext=(3, -10),
        textcoords="offset points",
        fontsize=8,
    )
    for line, last in (
        ("Planned", points[-1].planned),
        ("Completed", shown[-1].completed if shown else 0),
    ):
        x = points[-1].on if line == "Planned" else shown[-1].on if shown else months[0]
        ax.annotate(
            f"{line}: {last}",
            (x, last),
            xytext=(4, 0),
            textcoords="offset points",
            va="center",
            fontsize=8,
            fontweight="bold",
        )
    ax.set_ylim(0, data.total * 1.05)
    ax.set_ylabel("Actions (cumulative)")
    ax.axhline(data.total, color="#b1b4b6", linewidth=0.8)
    ax.annotate(
        f"All {data.total} actions",
        (months[0], data.total),
        xytext=(0, 3),
        textcoords="offset points",
        fontsize=8,
    )
    ax.xaxis.set_major_formatter(DateFormatter("%b %y"))
    ax.spines[["top", "right"]].set_visible(False)
    ax.legend(loc="lower right", frameon=False, fontsize=8)
    now = next((p for p in reversed(points) if p.completed is not None), None)
    alt = (
        f"Line chart of the plan's {plural(data.total, 'action')}, month by month from "
        f"{months[0]:%B %Y} to {months[-1]:%B %Y}: those planned to be complete by each "
        f"month's end (from their due dates) and those completed."
    )
    if now:
        alt += (
            f" By {long_date(now.on)}, {now.planned} were planned to be complete and "
            f"{now.completed} had been completed."
        )
    alt += f" By {long_date(months[-1])}, {points[-1].planned} are planned to be complete."
    return Chart("Actions completed against planned, over time", alt, _png(fig))


# Each point's RAG against target has its own marker, as on the indicator's page
# (indicators/chart.py): circle on target, diamond close to it, square off it.
MARKERS = {"green": "o", "amber": "D", "red": "s"}


def trend_charts(data: PaperData) -> tuple[Chart, ...]:
    """A performance report's figures: each indicator's trend over its six months."""
    return tuple(trend_chart(t) for t in data.trends)


def trend_chart(trend: IndicatorTrend) -> Chart:
    with matplotlib.rc_context(STYLE):
        return _trend_chart(trend)


def _trend_chart(trend: IndicatorTrend) -> Chart:
    fig = Figure(figsize=(WIDTH_IN, 2.4), layout="constrained")
    ax = fig.add_subplot()
    xs = list(range(len(trend.points)))
    valued = [(x, p, p.value) for x, p in zip(xs, trend.points, strict=True) if p.value is not None]
    ax.plot(
        [x for x, _, _ in valued], [v for _, _, v in valued], color=INK, linewidth=1.8, zorder=2
    )
    for rag in (*MARKERS, None):
        shown = [(x, v) for x, p, v in valued if p.rag == rag]
        if shown:
            ax.scatter(
                [x for x, _ in shown],
                [v for _, v in shown],
                marker=MARKERS.get(rag or "", "o"),
                s=42,
                color=PALETTE.get(rag or "", "white"),
                edgecolors=INK,
                zorder=3,
                label=RAG_WORDS.get(rag or "", "Not rated"),
            )
    for x, p, v in valued:
        ax.annotate(p.text, (x, v), xytext=(0, 7), textcoords="offset points", ha="center")
    if trend.target is not None:
        ax.axhline(trend.target, color=INK, linestyle="--", linewidth=1, label="Target")
    ax.set_xticks(xs, [p.period for p in trend.points])
    ax.margins(x=0.08, y=0.25)
    ax.spines[["top", "right"]].set_visible(False)
    if valued or trend.target is not None:
        ax.legend(loc="upper left", bbox_to_anchor=(1, 1), frameon=False, fontsize=8)
    points = tuple(Point(p.period, p.value, p.text, p.rag) for p in trend.points)
    return Chart(
        f"{trend.name}: the six months to date",
        f"Line chart of {trend.name}. " + describe(points, trend.target_text),
        _png(fig),
    )


def _short(title: str, limit: int = 42) -> str:
    return title if len(title) <= limit else title[: limit - 1].rsplit(" ", 1)[0] + "…"


def _png(fig: Figure) -> bytes:
    out = io.BytesIO()
    FigureCanvasAgg(fig)
    fig.savefig(out, format="png", dpi=DPI, metadata={"Software": None})
    return out.getvalue()
