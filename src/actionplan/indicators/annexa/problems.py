"""What could not be read, or not used, and why: one line per cell, row or column."""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass

_MAX_VALUE = 80


@dataclass(frozen=True)
class Problem:
    sheet: str | None  # the sheet, or the CSV file, it is in
    list: int | None
    row: int | None  # as the spreadsheet numbers it
    column: str | None  # the header as written, or the one expected
    value: str | None  # None for blanks, and for private columns (ids, dates of birth)
    reason: str

    def as_dict(self) -> dict:
        return asdict(self)

    def __str__(self) -> str:
        where = [self.sheet or (f"List {self.list}" if self.list else "")]
        if self.row is not None:
            where.append(f"row {self.row}")
        if self.column:
            where.append(repr(self.column))
        value = f" {self.value!r}" if self.value is not None else ""
        return f"{', '.join(w for w in where if w)}:{value} {self.reason}"


def shown(value: object) -> str | None:
    """A cell's value as a problem shows it."""
    if value is None:
        return None
    if isinstance(value, dt.datetime) and value.time() != dt.time():
        return value.strftime("%d/%m/%Y %H:%M")
    if isinstance(value, dt.date):
        return value.strftime("%d/%m/%Y")  # as Annex A writes dates
    text = str(value)
    return text if len(text) <= _MAX_VALUE else text[: _MAX_VALUE - 1] + "…"
