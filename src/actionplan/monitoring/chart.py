"""A small horizontal bar chart as SVG, and the same numbers as a table. Pure Python.

The SVG is an image with a title and a description (role="img", aria-labelledby), and each
bar is labelled with its name and number in text, so colour never carries the meaning
alone. Pages show `table_html()` beside it: the figures for screen readers and for anyone
reading without styles. Only presentation attributes are used (no style attributes), so a
strict Content-Security-Policy does not strip anything. Every text is escaped here; the
caller may mark both strings safe.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterable
from html import escape

from actionplan.monitoring.rollup import Rollup

# GOV.UK Design System colours; any other colour name is drawn dark grey.
PALETTE = {
    "red": "#d4351c",
    "amber": "#f47738",
    "orange": "#f47738",
    "yellow": "#ffdd00",
    "green": "#00703c",
    "blue": "#1d70b8",
    "light-blue": "#5694ca",
    "turquoise": "#28a197",
    "purple": "#4c2c92",
    "pink": "#d53880",
    "grey": "#505a5f",
    "black": "#0b0c0c",
}
_TEXT = "#0b0c0c"
_ID = re.compile(r"^[A-Za-z][\w-]*$")

_WIDTH, _LABEL_W, _VALUE_W, _ROW, _BAR = 480, 120, 48, 32, 22


@dataclasses.dataclass(frozen=True)
class Bar:
    label: str
    colour: str
    value: int


@dataclasses.dataclass(frozen=True)
class BarChart:
    title: str
    description: str
    bars: tuple[Bar, ...]
    svg: str
    label_heading: str
    value_heading: str

    def table_html(self) -> str:
        """The chart's figures as a GOV.UK table, captioned with the chart's title."""
        rows = "".join(
            '<tr class="govuk-table__row">'
            f'<th scope="row" class="govuk-table__header">{escape(b.label)}</th>'
            f'<td class="govuk-table__cell govuk-table__cell--numeric">{b.value}</td></tr>'
            for b in self.bars
        )
        return (
            '<table class="govuk-table">'
            '<caption class="govuk-table__caption govuk-table__caption--s">'
            f"{escape(self.title)}</caption>"
            '<thead class="govuk-table__head"><tr class="govuk-table__row">'
            f'<th scope="col" class="govuk-table__header">{escape(self.label_heading)}</th>'
            '<th scope="col" class="govuk-table__header govuk-table__header--numeric">'
            f"{escape(self.value_heading)}</th></tr></thead>"
            f'<tbody class="govuk-table__body">{rows}</tbody></table>'
        )


def rollup_bars(rollup: Rollup) -> list[Bar]:
    """One bar per colour of the roll-up, named by colour ("Red"): the key gives meanings."""
    return [Bar(colour.capitalize(), colour, n) for colour, n in rollup.counts]


def bar_chart(
    bars: Iterable[Bar],
    *,
    title: str,
    chart_id: str,
    unit: str = "actions",
    label_heading: str = "Colour",
    value_heading: str = "Actions",
) -> BarChart:
    """An SVG bar chart; `chart_id` must be unique on the page (it names the title and
    description elements)."""
    if not _ID.match(chart_id):
        raise ValueError(f"chart_id must be a word usable as an HTML id, not {chart_id!r}")
    bars = tuple(bars)
    total = sum(b.value for b in bars)
    parts = ", ".join(f"{b.label} {b.value}" for b in bars)
    description = f"{parts}; {total} {unit} in all." if bars else f"No {unit}."
    top = max((b.value for b in bars), default=0) or 1
    span = _WIDTH - _LABEL_W - _VALUE_W
    height = max(len(bars), 1) * _ROW
    rows = []
    for i, b in enumerate(bars):
        y = i * _ROW
        width = round(span * b.value / top)
        middle = y + _ROW / 2 + 5
        rows.append(
            f'<text x="{_LABEL_W - 8}" y="{middle}" text-anchor="end" font-size="16" '
            f'fill="{_TEXT}">{escape(b.label)}</text>'
            f'<rect x="{_LABEL_W}" y="{y + (_ROW - _BAR) / 2}" width="{width}" height="{_BAR}" '
            f'fill="{PALETTE.get(b.colour, PALETTE["grey"])}"/>'
            f'<text x="{_LABEL_W + width + 6}" y="{middle}" font-size="16" '
            f'fill="{_TEXT}">{b.value}</text>'
        )
    svg = (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {_WIDTH} {height}" '
        f'width="100%" role="img" aria-labelledby="{chart_id}-title {chart_id}-desc" '
        f'focusable="false">'
        f'<title id="{chart_id}-title">{escape(title)}</title>'
        f'<desc id="{chart_id}-desc">{escape(description)}</desc>'
        f"{''.join(rows)}</svg>"
    )
    return BarChart(title, description, bars, svg, label_heading, value_heading)
