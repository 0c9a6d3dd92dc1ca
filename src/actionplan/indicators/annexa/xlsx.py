"""Reading an Annex A workbook's sheets with python-calamine: the rows openpyxl gives
(reader._read_workbook's reference, importing/readers/workbooks.py), without openpyxl's
cell objects, several times faster.

calamine gives some cells otherwise than openpyxl, and each is given here as openpyxl gives
it, so that the reader's rules see the same cells:
- an empty cell is '' (openpyxl: None);
- every number is a float (openpyxl: an int when the cell holds a whole number written
  without a point, as Excel writes them): whole floats become ints;
- a date cell is a date (openpyxl: a datetime at midnight);
- an error cell (#N/A, #REF! ...) is '' too, indistinguishable from an empty one. The
  errors are found in the sheet's XML (`t="e"` cells, which name their place) and put back.
  A workbook with an error cell that does not name its place is read by openpyxl instead
  (NotCalamine), and so is one with a sheet whose cells are far apart (one at A1 and one at
  XFD1048576: calamine would make a grid of every cell between them), and one with a cell
  openpyxl stops at and calamine reads on (a number cell holding text, a style index that
  is no number...), so that a damaged workbook gives openpyxl's problems, and one with a
  chart sheet (openpyxl's worksheets leave it out).
- rows start at the sheet's first row, but columns at the first column used: the columns
  before it are put back, and the empty cells after a row's last are dropped, as openpyxl
  gives a row only as long as its cells.
tests/indicators/test_annexa_xlsx_reader.py holds the two readers equal on every test
workbook.
"""

from __future__ import annotations

import datetime as dt
import re
import zipfile
from collections.abc import Iterator
from pathlib import Path, PurePosixPath
from typing import cast

import defusedxml.ElementTree as SafeET
import python_calamine

_CHUNK = 4 * 1024 * 1024
# An error cell: <c r="B7" s="1" t="e"><f>...</f><v>#N/A</v></c>, attributes in any order.
_ERROR_CELL = re.compile(rb'<c\b([^>]*\bt="e"[^>]*)>(?:<f\b[^>]*/>|<f\b.*?</f>)?<v>([^<]*)</v>')
_PLACE = re.compile(rb'\br="([A-Z]{1,3})([0-9]+)"')
# Cells openpyxl stops at and calamine reads on (a date cell, which Excel never writes; a
# place, row number or style index that is none; a true/false cell that is neither): such
# a workbook goes to openpyxl. Each pattern starts with text, which re finds quickly.
_BAD_PLACE = re.compile(rb' r="(?![A-Z]{0,3}[0-9]{1,7}")')
_BAD_ROW = re.compile(rb'<row\b[^>]*? r="(?![0-9]{1,7}")')
_BAD_STYLE = re.compile(rb' s="(?![0-9]{1,9}")')
_BAD_BOOLEAN = re.compile(rb't="b"[^>]*>(?:<f\b[^>]*/>|<f\b.*?</f>)?<v>(?![01]</v>)')
# A value that is no number: only a formula's text (t="str") or an error (t="e") has one.
_NOT_A_NUMBER = re.compile(rb"<v>[0-9.eE+-]*[^0-9.eE+<-]")
_OPEN_CELL = b"<c "
_ROW = re.compile(rb'<row\b[^>]*?\br="([0-9]+)"')
_WIDE = re.compile(rb' r="([A-Z]{2,3})[0-9]')  # a cell past column Z
# calamine holds a sheet as a grid from its first cell to its last: read by openpyxl, which
# streams, a sheet whose grid has this many more cells than twice the cells it holds.
_SPARSE_CELLS = 1_000_000
_RELS = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_PACKAGE_RELS = "{http://schemas.openxmlformats.org/package/2006/relationships}"


class NotCalamine(Exception):
    """A workbook calamine should not read (see above): openpyxl reads it."""


def sheets(path: Path) -> Iterator[tuple[str, Iterator[list[object]]]]:
    """(sheet name, rows) for every sheet, in the workbook's order, as openpyxl's
    read-only, values-only rows would be (tuples there, lists here). Raises NotCalamine,
    or the error of a damaged file, before any sheet is read."""
    with zipfile.ZipFile(path) as archive:
        parts = _sheet_parts(archive)
        errors = {name: _errors(archive, part) for name, part in parts.items()}
    workbook = python_calamine.CalamineWorkbook.from_path(str(path))
    if any(m.typ != python_calamine.SheetTypeEnum.WorkSheet for m in workbook.sheets_metadata):
        workbook.close()  # openpyxl's worksheets leave chart sheets out
        raise NotCalamine("a sheet that is not a worksheet")
    return _each(workbook, errors)


def _each(workbook, errors: dict[str, dict[tuple[int, int], str]]):
    try:
        for name in workbook.sheet_names:
            yield name, _rows(workbook.get_sheet_by_name(name), errors.get(name, {}))
    finally:
        workbook.close()


def _sheet_parts(archive: zipfile.ZipFile) -> dict[str, str]:
    """Each sheet's name -> its XML part, from the workbook's part and its relationships."""
    book = SafeET.fromstring(archive.read("xl/workbook.xml"))
    rels = SafeET.fromstring(archive.read("xl/_rels/workbook.xml.rels"))
    targets = {r.get("Id"): r.get("Target", "") for r in rels.iter(f"{_PACKAGE_RELS}Relationship")}
    parts = {}
    for sheet in book.iter(f"{_MAIN}sheet"):
        target = targets.get(sheet.get(_RELS), "")
        part = target.lstrip("/") if target.startswith("/") else f"xl/{target}"
        parts[sheet.get("name", "")] = str(PurePosixPath(part))
    return parts


def _errors(archive: zipfile.ZipFile, part: str) -> dict[tuple[int, int], str]:
    """The error cells of a sheet's XML, by (row, column) from 0, read in chunks: a cell cut
    by a chunk's end is looked at again with the next chunk."""
    found: dict[tuple[int, int], str] = {}
    try:
        stream = archive.open(part)
    except KeyError:
        return found
    cells, last_row, width = 0, 0, 0
    with stream:
        rest = b""
        while True:
            chunk = stream.read(_CHUNK)
            data = rest + chunk
            if not chunk:
                cut = len(data)
            else:
                cut = data.rfind(_OPEN_CELL)
                cut = len(data) if cut <= 0 else cut
            cells += data.count(_OPEN_CELL, 0, cut)
            row = data.rfind(b"<row ", 0, cut)
            if row >= 0 and (number := _ROW.match(data, row)) is not None:
                last_row = int(number.group(1))
            for wide in _WIDE.findall(data, 0, cut):
                width = max(width, _column(wide) + 1)
            # The widest single-letter column: a search from Z down, past what is known.
            for letter in range(26, width, -1):
                if data.find(b' r="%c' % (64 + letter), 0, cut) >= 0:
                    width = letter
                    break
            _check(data, cut)
            at = data.find(b't="e"', 0, cut)
            while at >= 0:
                match = _ERROR_CELL.match(data, data.rfind(b"<c", 0, at))
                place = _PLACE.search(match.group(1)) if match else None
                if match is None or place is None:
                    raise NotCalamine("an error cell without its place")
                letters, digits = place.groups()
                found[int(digits) - 1, _column(letters)] = match.group(2).decode()
                at = data.find(b't="e"', match.end(), cut)
            rest = data[cut:]
            if not chunk:
                break
    if last_row * width > 2 * cells + _SPARSE_CELLS:
        raise NotCalamine("cells far apart")
    return found


def _check(data: bytes, end: int) -> None:
    """NotCalamine when data[:end] has a cell openpyxl would stop at."""
    if (
        data.find(b't="d"', 0, end) >= 0
        or _BAD_PLACE.search(data, 0, end)
        or _BAD_ROW.search(data, 0, end)
        or _BAD_STYLE.search(data, 0, end)
        or (data.find(b't="b"', 0, end) >= 0 and _BAD_BOOLEAN.search(data, 0, end))
    ):
        raise NotCalamine("a malformed cell")
    for value in _NOT_A_NUMBER.finditer(data, 0, end):
        opened = data.rfind(b"<c", 0, value.start())
        tag = data[opened : data.find(b">", opened) + 1]
        if b't="str"' not in tag and b't="e"' not in tag:
            raise NotCalamine("a malformed cell")


def _column(letters: bytes) -> int:
    n = 0
    for letter in letters:
        n = n * 26 + letter - 64
    return n - 1


def _rows(sheet, errors: dict[tuple[int, int], str]) -> Iterator[list[object]]:
    start = sheet.start
    first_col = start[1] if start is not None else 0
    pad = [None] * first_col
    by_row: dict[int, list[tuple[int, str]]] = {}
    for (row, col), text in errors.items():
        by_row.setdefault(row, []).append((col, text))
    for r, cells in enumerate(sheet.iter_rows()):
        # Most cells are text, kept without a call.
        out = [*pad, *[c if c.__class__ is str and c else _cell(c) for c in cells]]
        for col, text in by_row.get(r, ()):
            if col >= len(out):
                out.extend([None] * (col + 1 - len(out)))
            out[col] = text
        while out and out[-1] is None:
            out.pop()
        yield out


def _cell(cell: object) -> object:
    """A cell other than non-empty text, as openpyxl gives it."""
    kind = type(cell)
    if kind is str:
        return None  # '': calamine's empty cell
    if kind is float:
        number = cast(float, cell)
        return int(number) if number.is_integer() and abs(number) < 2**53 else number
    if kind is dt.date:
        day = cast(dt.date, cell)
        return dt.datetime(day.year, day.month, day.day)
    return cell
