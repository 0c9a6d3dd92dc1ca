"""The spreadsheets the service writes (CSV, .xlsx), safe to open: every writer goes
through `write_csv_rows` or `xlsx_put`. Pure Python.

A spreadsheet runs a cell that begins with = + - or @ as a formula, and some take a leading
tab or carriage return for one too: an officer's update reading =HYPERLINK(...) would run on
the reader's computer. OWASP's rule is to put an apostrophe in front. `cell` does, for every
value that starts so, and also for one that already starts with apostrophes before such a
character, so that `uncell` can take exactly one off and the importer reads our own CSV
back as it was written. Every CSV field is quoted, so a spreadsheet that splits cells on
semicolons (as Excel does in many locales) cannot make a formula's start of the middle of
one. In .xlsx, text is typed as text, which no spreadsheet runs, so values are written as
they are and read back as they are (`xlsx_text`).

Text is made printable first (core.text): openpyxl refuses control characters outright.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable
from typing import IO

from actionplan.core.text import printable

FORMULA_STARTS = frozenset("=+-@\t\r")


def _escaped_form(text: str) -> bool:
    """Apostrophes (any number, none included) and then a formula's first character."""
    return text.lstrip("'")[:1] in FORMULA_STARTS


def cell(value: str) -> str:
    """`value` as a text cell no spreadsheet will run."""
    return f"'{value}" if _escaped_form(value) else value


def uncell(text: str) -> str:
    """The value `cell` was given: one apostrophe off a cell it wrote."""
    return text[1:] if text.startswith("'") and _escaped_form(text) else text


def write_csv_rows(out: IO[str], rows: Iterable[list]) -> None:
    """Write `rows` as CSV to `out` (opened with newline=""): text through `cell`, every
    field quoted."""
    writer = csv.writer(out, quoting=csv.QUOTE_ALL)
    for row in rows:
        writer.writerow([cell(printable(v)) if isinstance(v, str) else v for v in row])


def xlsx_put(sheet, row: int, column: int, value):
    """Set a cell of an openpyxl sheet to `value`, text kept as text; the cell."""
    c = sheet.cell(row, column, printable(value) if isinstance(value, str) else value)
    xlsx_text(c)
    return c


def xlsx_text(c) -> None:
    """Keep an openpyxl cell's text as text. In .xlsx a cell typed as text is never run, so
    the value is kept as written; one that starts like a formula is also marked as typed
    with an apostrophe (Excel's quotePrefix), so that editing it in Excel keeps it text."""
    if isinstance(c.value, str):
        c.data_type = "s"
        if c.value[:1] in FORMULA_STARTS:
            c.quotePrefix = True
