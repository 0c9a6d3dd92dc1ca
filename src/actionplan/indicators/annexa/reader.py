"""Reading an Annex A workbook (.xlsx) or folder of CSV files into typed columns.

Sheets and files are matched to lists by name ("List 7", "list_7.csv"), or failing that
by their headers. Every value that cannot be read, every row with no child id, every
end before its start and every expected column that is missing becomes a Problem; the
reader itself fails only when the path is not a workbook or a folder of CSV files at all.

Columns are stored the way the engine loads them: day numbers and counts in int32
arrays, other numbers in float arrays, text in lists.
"""

from __future__ import annotations

import csv
import math
import zipfile
from array import array
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from itertools import chain, islice
from pathlib import Path

import openpyxl
from openpyxl.utils.exceptions import InvalidFileException

from actionplan.importing.readers.text import detect_encoding, open_text

from . import cells
from .headers import HEADER_SEARCH_ROWS, Header, find_header, guess_list, list_number_in_name
from .lists import LISTS, Field, Kind, ListSpec
from .problems import Problem, shown

_CSV_SNIFF = 64 * 1024
BATCH_ROWS = 20_000


class AnnexAError(Exception):
    """A path that cannot be read as Annex A at all. The message names it."""


@dataclass
class Column:
    field: Field
    header: str | None  # as written; None when the sheet has no such column
    values: array | list


@dataclass
class ListTable:
    spec: ListSpec
    sheet: str
    row_numbers: array = field(default_factory=lambda: array("i"))
    columns: dict[str, Column] = field(default_factory=dict)
    extras: dict[str, list] = field(default_factory=dict)  # header as written -> text

    @classmethod
    def absent(cls, spec: ListSpec) -> ListTable:
        """A list the data does not have: every column, no rows."""
        columns = {f.key: Column(f, None, _empty_values(f.kind)) for f in spec.fields}
        return cls(spec=spec, sheet="", columns=columns)

    def __len__(self) -> int:
        return len(self.row_numbers)

    def has(self, key: str) -> bool:
        return self.columns[key].header is not None


@dataclass
class AnnexA:
    source: str
    lists: dict[int, ListTable]
    problems: list[Problem]


def read_annex_a(path: str | Path) -> AnnexA:
    path = Path(path)
    if path.is_dir():
        files = sorted(p for p in path.iterdir() if p.suffix.lower() == ".csv" and p.is_file())
        if not files:
            raise AnnexAError(f"{path}: the folder has no .csv files")
        return read_sheets(((p.name, _csv_rows(p)) for p in files), source=str(path))
    if not path.is_file():
        raise AnnexAError(f"{path}: no such file or folder")
    suffix = path.suffix.lower()
    if suffix == ".csv":
        return read_sheets([(path.name, _csv_rows(path))], source=str(path))
    if suffix in (".xlsx", ".xlsm"):
        return _read_workbook(path)
    if suffix == ".xls":
        raise AnnexAError(f"{path}: an old-style .xls workbook; save it as .xlsx")
    raise AnnexAError(f"{path}: not an .xlsx workbook or a folder of .csv files")


def read_sheets(
    sheets: Iterable[tuple[str, Iterable[Sequence[object]]]], source: str = ""
) -> AnnexA:
    """Read sheets given as (name, rows): what the file readers, the synthetic-data
    generator and the tests all hand over."""
    annex = AnnexA(source=source, lists={}, problems=[])
    for name, rows in sheets:
        table = _read_sheet(name, iter(rows), annex.problems)
        if table is None:
            continue
        if table.spec.number in annex.lists:
            first = annex.lists[table.spec.number].sheet
            annex.problems.append(
                Problem(
                    name,
                    table.spec.number,
                    None,
                    None,
                    None,
                    f"{table.spec.name} again (first read from {first!r}): left out",
                )
            )
            continue
        annex.lists[table.spec.number] = table
    return annex


def _read_workbook(path: Path) -> AnnexA:
    try:
        # read_only streams each sheet; data_only gives formulas' last calculated values.
        workbook = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except (zipfile.BadZipFile, InvalidFileException, KeyError, OSError) as e:
        raise AnnexAError(f"{path}: not a readable .xlsx workbook ({e})") from None
    try:
        return read_sheets(_worksheets(workbook), source=str(path))
    finally:
        workbook.close()


def _worksheets(workbook) -> Iterator[tuple[str, Iterable[Sequence[object]]]]:
    for ws in workbook.worksheets:
        # The stored dimension is often wrong; without this openpyxl stops reading at it.
        ws.reset_dimensions()
        yield ws.title, ws.iter_rows(values_only=True)


def _csv_rows(path: Path) -> Iterator[list[str]]:
    data = path.read_bytes()
    with open_text(data, detect_encoding(data), newline="") as stream:
        try:
            dialect = csv.Sniffer().sniff(stream.read(_CSV_SNIFF), delimiters=",;\t")
        except csv.Error:
            dialect = csv.excel
        stream.seek(0)
        yield from csv.reader(stream, dialect)


def _read_sheet(name: str, rows: Iterator[Sequence[object]], problems: list[Problem]):
    try:
        head = list(islice(rows, HEADER_SEARCH_ROWS))
    except (csv.Error, UnicodeError) as e:
        problems.append(Problem(name, None, None, None, None, f"could not be read ({e}): left out"))
        return None
    number = list_number_in_name(name) or guess_list(head)
    if number is None:
        if any(_filled(r) for r in head):
            problems.append(
                Problem(name, None, None, None, None, "not recognised as an Annex A list: left out")
            )
        return None
    spec = LISTS[number]
    header = find_header(head, spec)
    if header is None:
        problems.append(
            Problem(
                name,
                number,
                None,
                None,
                None,
                f"no header row naming {spec.name}'s columns "
                f"in the first {HEADER_SEARCH_ROWS} rows: left out",
            )
        )
        return None
    return _ListReader(name, spec, header, problems).read(
        chain(head[header.row_index + 1 :], rows), first_row=header.row_index + 2
    )


_READERS: dict[Kind, Callable[[object], cells.Read]] = {
    Kind.DATE: cells.read_date,
    Kind.ANSWER: cells.read_answer,
    Kind.COUNT: cells.read_count,
    Kind.NUMBER: cells.read_number,
    Kind.CODE: cells.read_code,
    Kind.TEXT: cells.read_text,
}


def _empty_values(kind: Kind) -> array | list:
    if kind in (Kind.DATE, Kind.COUNT):
        return array("i")
    if kind is Kind.NUMBER:
        return array("d")
    return []


def _blank_values(kind: Kind, n: int) -> array | list:
    if kind in (Kind.DATE, Kind.COUNT):
        return array("i", [cells.BLANK]) * n
    if kind is Kind.NUMBER:
        return array("d", [math.nan]) * n
    return [None] * n


def _filled(row: Sequence[object]) -> bool:
    return any(v is not None and (not isinstance(v, str) or v.strip()) for v in row)


class _ListReader:
    def __init__(self, sheet: str, spec: ListSpec, header: Header, problems: list[Problem]):
        self.sheet, self.spec, self.header, self.problems = sheet, spec, header, problems
        self.table = ListTable(spec=spec, sheet=sheet)
        self.header_row = header.row_index + 1
        found = {f.key: col for col, f in header.fields.items()}
        for f in spec.fields:
            col = found.get(f.key)
            written = header.written[col] if col is not None else None
            self.table.columns[f.key] = Column(f, written, _empty_values(f.kind))
            if col is None:
                self._problem(self.header_row, f.header, None, "column not found")
        for col, f in header.duplicates.items():
            self._problem(
                self.header_row,
                header.written[col],
                None,
                f"a second {f.header!r} column: left out",
            )
        for text in header.extras.values():
            self.table.extras.setdefault(text, [])
        self.width = 1 + max([*header.fields, *header.extras])
        self.column_order = {text: col for col, text in header.written.items()}

    def read(self, rows: Iterable[Sequence[object]], first_row: int) -> ListTable:
        numbered = self._numbered(rows, first_row)
        while batch := list(islice(numbered, BATCH_ROWS)):
            self._read_batch(batch)
        self._fill_missing()
        return self.table

    def _numbered(self, rows: Iterable[Sequence[object]], n: int) -> Iterator[tuple[int, Sequence]]:
        try:
            for row in rows:
                yield n, row
                n += 1
        except (csv.Error, UnicodeError) as e:
            self._problem(n, None, None, f"this row and the rest could not be read ({e})")

    def _read_batch(self, batch: list[tuple[int, Sequence[object]]]) -> None:
        """A batch of rows, read a column at a time: the memoised cell readers then run
        over each column without a Python step per cell."""
        kept = [(n, row) for n, row in batch if _filled(row)]
        if not kept:
            return
        first_problem = len(self.problems)
        numbers = [n for n, _ in kept]
        width = self.width
        padded = [
            row if len(row) >= width else (*row, *([None] * (width - len(row)))) for _, row in kept
        ]
        table = self.table
        table.row_numbers.extend(numbers)
        typed: dict[str, list] = {}
        for col, f in self.header.fields.items():
            written, raw = self.header.written[col], [row[col] for row in padded]
            if f.kind is Kind.ID:
                values = list(map(cells.read_id, raw))
            else:
                results = list(map(_READERS[f.kind], raw))
                values = [value for value, _ in results]
                for i, (_, why) in enumerate(results):
                    if why:
                        self.problems.append(
                            self._cell_problem(numbers[i], written, f, raw[i], why)
                        )
            table.columns[f.key].values.extend(values)
            typed[f.key] = values
        for col, text in self.header.extras.items():
            table.extras[text].extend(cells.read_text(row[col])[0] for row in padded)
        if self.spec.has_children and "child_id" in typed:
            for i, child in enumerate(typed["child_id"]):
                if child is None:
                    self._problem(
                        numbers[i],
                        table.columns["child_id"].header,
                        None,
                        "no child id: the row is not counted as a child",
                    )
        for start_key, end_key in self.spec.spans:
            if start_key in typed and end_key in typed:
                self._check_span(numbers, typed[start_key], typed[end_key], end_key)
        # Found column by column; listed row by row, as the sheet reads.
        self.problems[first_problem:] = sorted(self.problems[first_problem:], key=self._place)

    def _place(self, problem: Problem) -> tuple[int, int]:
        return problem.row or 0, self.column_order.get(problem.column, 0)

    def _check_span(self, numbers: list[int], starts: list[int], ends: list[int], key: str) -> None:
        for i, (start, end) in enumerate(zip(starts, ends, strict=True)):
            if cells.UNREADABLE < end < start:
                start_day, end_day = cells.from_day_number(start), cells.from_day_number(end)
                self._problem(
                    numbers[i],
                    self.table.columns[key].header,
                    shown(end_day),
                    f"ends before it starts, on {shown(start_day)}",
                )

    def _fill_missing(self) -> None:
        n = len(self.table)
        for column in self.table.columns.values():
            if column.header is None:
                column.values = _blank_values(column.field.kind, n)

    def _cell_problem(self, row: int, written: str, f: Field, raw: object, why: str) -> Problem:
        if f.private:
            return Problem(
                self.sheet,
                self.spec.number,
                row,
                written,
                None,
                f"{why} (the value is not shown: {f.header} is personal data)",
            )
        return Problem(self.sheet, self.spec.number, row, written, shown(raw), why)

    def _problem(self, row: int | None, column: str | None, value: str | None, why: str) -> None:
        self.problems.append(Problem(self.sheet, self.spec.number, row, column, value, why))
