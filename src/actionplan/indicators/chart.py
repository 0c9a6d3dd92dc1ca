"""An indicator's trend as an SVG line chart, with its target line. Pure Python.

The house's chart rules (monitoring/chart.py): an image with a title and a description,
presentation attributes only (a strict Content-Security-Policy strips nothing), every text
escaped here. Colour never carries the meaning alone: each point's RAG against target has
its own marker shape (circle on target, diamond close to it, square off it, a hollow
circle not rated), a legend names them, and every point is labelled with its value. Pages
show the same figures as a table beside the chart.
"""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Iterable
from html import escape

from actionplan.monitoring.chart import _ID, PALETTE

_TEXT = "#0b0c0c"
_GRID = "#b1b4b6"
_WIDTH, _HEIGHT = 640, 320
_LEFT, _RIGHT, _TOP, _BOTTOM = 64, 24, 24, 84
_MAX_LABELLED = 12  # more points than this: only some are labelled

# RAG against target: the words and the marker of each.
RAG_WORDS = {"green": "On target", "amber": "Close to target", "red": "Off target"}
NOT_RATED = "Not rated"


@dataclasses.dataclass(frozen=True)
class Point:
    label: str  # the period, short: "Mar 2013"
    value: float | None
    text: str  # the value as shown: "96.8%"
    rag: str | None  # red, amber, green; None when not rated


@dataclasses.dataclass(frozen=True)
class TrendChart:
    title: str
    description: str
    svg: str


def _nice_step(span: float) -> float:
    """A round step (1, 2, 2.5 or 5 times a power of ten) giving about four intervals."""
    raw = span / 4 or 1
    power = 10 ** math.floor(math.log10(raw))
    return next(m * power for m in (1, 2, 2.5, 5, 10) if m * power >= raw)


def _axis(numbers: list[float]) -> tuple[float, float, float]:
    lo, hi = min(numbers), max(numbers)
    if hi == lo:
        lo, hi = lo - 1, hi + 1
    step = _nice_step(hi - lo)
    bottom, top = math.floor(lo / step) * step, math.ceil(hi / step) * step
    if min(numbers) >= 0:
        bottom = max(bottom, 0.0)
    return bottom, top, step


def _tick(number: float) -> str:
    return f"{number:.10g}"


def _marker(rag: str | None, x: float, y: float) -> str:
    colour = PALETTE.get(rag or "", PALETTE["grey"])
    if rag == "green":
        return f'<circle cx="{x:.1f}" cy="{y:.1f}" r="7" fill="{colour}"/>'
    if rag == "amber":
        d = 8
        return (
            f'<polygon points="{x:.1f},{y - d:.1f} {x + d:.1f},{y:.1f} {x:.1f},{y + d:.1f} '
            f'{x - d:.1f},{y:.1f}" fill="{colour}" stroke="{_TEXT}" stroke-width="1"/>'
        )
    if rag == "red":
        return f'<rect x="{x - 6:.1f}" y="{y - 6:.1f}" width="12" height="12" fill="{colour}"/>'
    return (
        f'<circle cx="{x:.1f}" cy="{y:.1f}" r="6" fill="#ffffff" stroke="{colour}" '
        'stroke-width="2"/>'
    )


def _legend(rags: list[str | None], target_text: str | None, y: float) -> str:
    """The markers' meanings and the target line's value. The target's value is here, not on
    its line, where it collided with the labels of points near the target."""
    items, x = [], _LEFT
    for rag in ("green", "amber", "red", None):
        if rag not in rags:
            continue
        words = RAG_WORDS.get(rag or "", NOT_RATED)
        items.append(_marker(rag, x + 7, y - 5))
        items.append(f'<text x="{x + 20}" y="{y}" font-size="14" fill="{_TEXT}">{words}</text>')
        x += 36 + 7 * len(words)
    if target_text is not None:
        items.append(
            f'<line x1="{x}" y1="{y - 5}" x2="{x + 24}" y2="{y - 5}" stroke="{_TEXT}" '
            'stroke-width="2" stroke-dasharray="6 4"/>'
        )
        words = escape(f"Target {target_text}".strip())
        items.append(f'<text x="{x + 30}" y="{y}" font-size="14" fill="{_TEXT}">{words}</text>')
    return "".join(items)


def describe(points: tuple[Point, ...], target_text: str) -> str:
    """The chart in words: its span, the latest value and how it stands against target."""
    target = f"Target {target_text}." if target_text else "No target set."
    valued = [p for p in points if p.value is not None]
    if not valued:
        return f"No values yet. {target}"
    first, last = valued[0], valued[-1]
    standing = RAG_WORDS.get(last.rag or "", NOT_RATED).lower()
    span = (
        f"One value, {last.label}: {last.text}"
        if len(valued) == 1
        else f"{len(valued)} values from {first.label} ({first.text}) to {last.label} ({last.text})"
    )
    return f"{span}; the latest is {standing}. {target}"


def trend_chart(
    points: Iterable[Point],
    *,
    title: str,
    chart_id: str,
    target: float | None = None,
    target_text: str = "",
) -> TrendChart:
    """A line chart of `points` in order, with a dashed line at `target`. `chart_id` must
    be unique on the page (it names the title and description elements)."""
    if not _ID.match(chart_id):
        raise ValueError(f"chart_id must be a word usable as an HTML id, not {chart_id!r}")
    points = tuple(points)
    description = describe(points, target_text)
    numbers = [p.value for p in points if p.value is not None]
    if target is not None:
        numbers.append(target)
    bottom, top, step = _axis(numbers or [0.0, 1.0])
    plot_w, plot_h = _WIDTH - _LEFT - _RIGHT, _HEIGHT - _TOP - _BOTTOM

    def y_of(number: float) -> float:
        return _TOP + plot_h * (top - number) / (top - bottom)

    def x_of(i: int) -> float:
        return _LEFT + plot_w * (i + 0.5) / max(len(points), 1)

    parts = []
    tick = bottom
    while tick <= top + step / 1000:
        y = y_of(tick)
        parts.append(
            f'<line x1="{_LEFT}" y1="{y:.1f}" x2="{_WIDTH - _RIGHT}" y2="{y:.1f}" '
            f'stroke="{_GRID}" stroke-width="1"/>'
            f'<text x="{_LEFT - 8}" y="{y + 5:.1f}" text-anchor="end" font-size="14" '
            f'fill="{_TEXT}">{escape(_tick(tick))}</text>'
        )
        tick += step
    if target is not None:
        y = y_of(target)
        parts.append(
            f'<line x1="{_LEFT}" y1="{y:.1f}" x2="{_WIDTH - _RIGHT}" y2="{y:.1f}" '
            f'stroke="{_TEXT}" stroke-width="2" stroke-dasharray="6 4"/>'
        )
    # The line, broken where a period has no value.
    run: list[str] = []
    for i, p in enumerate((*points, None)):
        if p is not None and p.value is not None:
            run.append(f"{x_of(i):.1f},{y_of(p.value):.1f}")
            continue
        if len(run) > 1:
            parts.append(
                f'<polyline points="{" ".join(run)}" fill="none" stroke="{PALETTE["blue"]}" '
                'stroke-width="3"/>'
            )
        run = []
    every = max(1, math.ceil(len(points) / _MAX_LABELLED))
    for i, p in enumerate(points):
        x = x_of(i)
        labelled = i % every == 0 or i == len(points) - 1
        if labelled:
            parts.append(
                f'<text x="{x:.1f}" y="{_HEIGHT - _BOTTOM + 22}" text-anchor="middle" '
                f'font-size="14" fill="{_TEXT}">{escape(p.label)}</text>'
            )
        if p.value is None:
            continue
        y = y_of(p.value)
        parts.append(_marker(p.rag, x, y))
        if labelled:
            parts.append(
                f'<text x="{x:.1f}" y="{y - 12:.1f}" text-anchor="middle" font-size="13" '
                f'fill="{_TEXT}">{escape(p.text)}</text>'
            )
    parts.append(
        f'<line x1="{_LEFT}" y1="{_HEIGHT - _BOTTOM}" x2="{_WIDTH - _RIGHT}" '
        f'y2="{_HEIGHT - _BOTTOM}" stroke="{_TEXT}" stroke-width="1"/>'
    )
    parts.append(
        _legend(
            [p.rag for p in points if p.value is not None],
            target_text if target is not None else None,
            _HEIGHT - 16,
        )
    )
    svg = (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {_WIDTH} {_HEIGHT}" '
        f'width="100%" role="img" aria-labelledby="{chart_id}-title {chart_id}-desc" '
        f'focusable="false">'
        f'<title id="{chart_id}-title">{escape(title)}</title>'
        f'<desc id="{chart_id}-desc">{escape(description)}</desc>'
        f"{''.join(parts)}</svg>"
    )
    return TrendChart(title, description, svg)
