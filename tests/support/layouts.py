"""A real layout the importer refuses unaided: Reading's audit recommendation tracker
(corpus case 12) with three headings a council might write instead ("Observation", "Way
forward", "Officer"), which no rule reads. Made from the corpus workbook, so it keeps its
cover and key sheets, title rows, fills and dates."""

from __future__ import annotations

import io
from pathlib import Path

import openpyxl

TRACKER = next(
    (
        Path(__file__).parents[1] / "importing/corpus/12-reading-audit-recommendations-tracker-2023"
    ).glob("*.xlsx")
)
RENAMED = {
    "Finding / Recommendation": "Observation",
    "Management Response": "Way forward",
    "Responsible Officer": "Officer",
}
HEADER = "sheet 'Tracker', row 4"


def renamed_tracker() -> bytes:
    workbook = openpyxl.load_workbook(TRACKER)
    for cell in workbook["Tracker"][4]:
        cell.value = RENAMED.get(cell.value, cell.value)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()
