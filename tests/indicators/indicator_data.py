"""Annex A data made by hand for the indicator tests: lists of rows as {column key: cell}."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from actionplan.indicators.annexa import AnnexA, compute, read_sheets
from actionplan.indicators.annexa.lists import LISTS

SHARED = Path(__file__).resolve().parents[2].parent / "shared"
SAMPLE_WORKBOOK = SHARED / "data" / "annex-a" / "annex_a_synthetic_2024_jan.xlsx"


def excel(y: int, m: int, d: int, hour: int = 0, minute: int = 0) -> dt.datetime:
    """A date as openpyxl gives an Excel date cell."""
    return dt.datetime(y, m, d, hour, minute)


def sheet(number: int, rows: list[dict]) -> tuple[str, list[list[object]]]:
    """A list laid out as Ofsted's template lays it out: every column, in order."""
    fields = LISTS[number].fields
    return f"List {number}", [
        [f.header for f in fields],
        *[[row.get(f.key) for f in fields] for row in rows],
    ]


def annex_of(lists: dict[int, list[dict]]) -> AnnexA:
    return read_sheets([sheet(n, rows) for n, rows in lists.items()])


def measure(lists: dict[int, list[dict]], measure_id: str, as_at: dt.date):
    result = compute(annex_of(lists), as_at)
    return next(m for m in result.measures if m.id == measure_id)
