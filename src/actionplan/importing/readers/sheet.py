"""Spreadsheets: .xlsx/.xlsm workbooks (openpyxl) and .csv files."""

from __future__ import annotations

import csv
import datetime as dt
import io
from typing import Any

from actionplan.core.spreadsheets import uncell

from ..errors import PlanReadError
from .colour import EXCEL_THEME_ORDER, plain_rgb, theme_colours, tinted
from .packages import Budget
from .rows import Document, Row
from .text import clean, detect_encoding, open_text

_SNIFF_SAMPLE = 64 * 1024


def read_xlsx(data: bytes, file: str, budget: Budget) -> Document:
    from .workbooks import open_workbook  # openpyxl: here, so a CSV or text plan never loads it

    doc = Document(file=file, format="xlsx")
    # read_only streams each sheet's XML rather than building the whole workbook in memory.
    workbook = open_workbook(io.BytesIO(data))
    try:
        sheets = workbook.worksheets
        visible = [ws for ws in sheets if ws.sheet_state == "visible"]
        fills = _Fills(workbook.loaded_theme)
        for ws in visible:
            for r, cells in enumerate(budget.guard(ws.iter_rows()), start=1):
                values = [cell_text(c.value, getattr(c, "number_format", None)) for c in cells]
                while values and not values[-1].strip():  # a styled row can run to column XFD
                    values.pop()
                colours = [fills.rgb(c) for c in cells]
                while colours and colours[-1] is None:
                    colours.pop()
                if values or colours:
                    doc.rows.append(
                        Row(
                            tuple(values),
                            where=f"sheet '{ws.title}', row {r}",
                            fills=tuple(colours),
                        )
                    )
    finally:
        workbook.close()
    if not doc.rows:
        hidden = len(sheets) - len(visible)
        note = f" ({hidden} hidden sheet{'s' * (hidden != 1)} skipped)" if hidden else ""
        raise PlanReadError(file, f"the workbook has no data in its visible sheets{note}")
    return doc


class _Fills:
    """A cell's solid fill as RGB, with theme colours and tints resolved through the
    workbook's own theme. Excel's default palette serves indexed colours (a workbook that
    redefines its palette is rare, and read as the default)."""

    def __init__(self, theme: bytes | None):
        colours = theme_colours(theme)
        self.theme = [colours.get(name) for name in EXCEL_THEME_ORDER]
        self.cache: dict[int, str | None] = {}

    def rgb(self, cell: Any) -> str | None:  # openpyxl's cells and fills are untyped
        style = getattr(cell, "style_array", None)
        if style is None or not style.fillId:  # fill 0 is "none", the default
            return None
        if style.fillId not in self.cache:
            self.cache[style.fillId] = self._resolve(cell.fill)
        return self.cache[style.fillId]

    def _resolve(self, fill: Any) -> str | None:
        if getattr(fill, "fill_type", None) != "solid":  # patterns and gradients: no one colour
            return None
        colour = fill.fgColor
        if colour.type == "rgb":
            return plain_rgb(colour.rgb)
        if colour.type == "indexed":
            from openpyxl.styles.colors import COLOR_INDEX  # loaded by read_xlsx already

            index = colour.indexed
            return plain_rgb(COLOR_INDEX[index]) if 0 <= index < len(COLOR_INDEX) - 2 else None
        if colour.type == "theme" and 0 <= colour.theme < len(self.theme):
            base = self.theme[colour.theme]
            return tinted(base, colour.tint) if base and colour.tint else base
        return None


def cell_text(value: object, number_format: str | None = None) -> str:
    """A cell's value as the plan's reader would read it."""
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        if value.time() == dt.time():
            return value.date().isoformat()
        return value.isoformat(sep=" ", timespec="minutes" if not value.second else "seconds")
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"  # as Excel shows them
    if isinstance(value, int | float):
        percent = number_format is not None and "%" in number_format
        if percent:
            value *= 100  # 0.5 shown as 50% means 50% complete
        # 3.0 -> "3"; 15 significant digits hide float noise such as 0.30000000000000004
        text = str(int(value)) if float(value).is_integer() else f"{value:.15g}"
        return text + "%" * percent
    return clean(str(value))


def read_csv(
    data: bytes, file: str, encoding: str | None = None, budget: Budget | None = None
) -> Document:
    doc = Document(file=file, format="csv")
    # newline="" as the csv module wants: it handles quoted line breaks itself.
    with open_text(data, encoding or detect_encoding(data), newline="") as stream:
        dialect = _sniff(stream.read(_SNIFF_SAMPLE))
        stream.seek(0)
        try:
            # Row numbers count records as a spreadsheet would show them, blank lines included.
            rows = csv.reader(stream, dialect)
            for r, cells in enumerate(budget.guard(rows) if budget else rows, start=1):
                if any(c.strip() for c in cells):
                    doc.rows.append(Row(tuple(clean(uncell(c)) for c in cells), where=f"row {r}"))
        except csv.Error as e:
            raise PlanReadError(file, f"is not a valid CSV file ({e})") from None
    return doc


def _sniff(sample: str) -> type[csv.Dialect]:
    try:
        dialect = csv.Sniffer().sniff(sample, delimiters=",;\t")
    except csv.Error:
        # The sniffer gives up on one-column or ragged files: go by the first line instead.
        first = sample.split("\n", 1)[0]
        return type("Guessed", (csv.excel,), {"delimiter": max(",;\t", key=first.count)})
    # A sample without a doubled quote makes the sniffer say quotes are not doubled, and a
    # later cell with one ("") is then split in the wrong places: every spreadsheet doubles.
    dialect.doublequote = True
    return dialect
