"""Reading an Annex A workbook (.xlsx) or folder of CSV files into typed columns.

Sheets and files are matched to lists by name ("List 7", "list_7.csv"), or failing that
by their headers. Every value that cannot be read, every row with no child id, every
end before its start and every expected column that is missing becomes a Problem; the
reader itself fails only when the path is not a workbook, a .zip or a folder of CSV files
at all, or is more than the limits allow (AnnexAError, and nothing else). Neither ever
quotes a library's own message, which may hold a cell's value: openpyxl's "Invalid datetime
value <the cell>" for a date-typed cell holding a child's id.

A workbook or .zip is checked against the limits before it is opened (packages.py), and
rows and cells are counted as they are read, so a bomb is refused before it costs anything.

Columns are stored the way the engine loads them: day numbers and counts in int32
arrays, other numbers in float arrays, text (ids, answers, codes) in numpy object arrays.
Not in lists: the garbage collector walks every item of a list each time it looks at
the oldest objects, which over a million rows costs seconds; it does not walk arrays.

Rows are read in batches, and a batch a column at a time: a column holds few distinct
dates, answers and codes, so each distinct cell is read once, by the same cell readers
(cells.py), and its value and any problem spread over the rows that have it with numpy.
Only ids, nearly all different, are read cell by cell, and by C code when they are text.
What comes out is what reading every cell on its own gives, value for value and problem
for problem (tests/indicators/test_annexa_reader_rules.py holds the two side by side).

A CSV file of 1 MB or more is split into rows by DuckDB instead, when it is plain enough
for DuckDB to split it as the csv module does (fastcsv.py); this reader is its oracle
(tests/indicators/test_annexa_fast_reader.py) and reads every file it declines.
Likewise a workbook is read by python-calamine (xlsx.py), its cells given as openpyxl gives
them; openpyxl is its oracle (tests/indicators/test_annexa_xlsx_reader.py) and reads every
workbook it declines.
"""

from __future__ import annotations

import csv
import gc
import logging
import os
import zipfile
from array import array
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from itertools import chain, islice
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, cast

import numpy as np

from actionplan.importing.readers.packages import Budget, Limits, Refused, check_office, check_zip
from actionplan.importing.readers.text import detect_encoding, open_text
from actionplan.importing.readers.workbooks import open_workbook

from . import cells
from .columns import (
    TEXT,
    Columns,
    blank_values,
    empty_values,
    joined,
    objects,
    positions,
    read_ids,
    spread,
)
from .headers import HEADER_SEARCH_ROWS, Header, find_header, guess_list, list_number_in_name
from .lists import LISTS, Field, Kind, ListSpec
from .problems import Problem, shown

if TYPE_CHECKING:
    from .fastcsv import Store

_CSV_SNIFF = 64 * 1024
BATCH_ROWS = 20_000
# CSV files of this size or more are read by DuckDB when they are plain enough (fastcsv.py);
# smaller ones cost the csv module less than starting DuckDB. None: never (the tests' oracle).
FAST_CSV_BYTES: int | None = 1_000_000
# Workbooks are read by python-calamine (xlsx.py); False: by openpyxl (the tests' oracle).
XLSX_CALAMINE = True
# Why a sheet stopped being readable, when a library failed on it: never its own message.
DAMAGED = "a cell's value does not fit its type, such as a date cell holding text, or the sheet is damaged"

logger = logging.getLogger(__name__)


class AnnexAError(Exception):
    """A path that cannot be read as Annex A at all. The message names it."""


class Column:
    """One of a list's columns: its field, its header as written (None when the sheet has
    no such column) and its values. A list the fast CSV reader left in DuckDB (Stored)
    fetches its values from there when they are first asked for."""

    __slots__ = ("_fetch", "_values", "field", "header")

    def __init__(
        self,
        field: Field,
        header: str | None,
        values: array | np.ndarray | None = None,
        fetch: Callable[[], array | np.ndarray] | None = None,
    ):
        self.field, self.header = field, header
        self._values, self._fetch = values, fetch

    @property
    def values(self) -> array | np.ndarray:
        if self._values is None:
            if self._fetch is None:
                raise ValueError("a column with neither values nor a table to fetch them from")
            self._values, self._fetch = self._fetch(), None
        return self._values

    @values.setter
    def values(self, values: array | np.ndarray) -> None:
        self._values, self._fetch = values, None

    def __repr__(self) -> str:
        return f"Column({self.field.key!r}, {self.header!r})"


@dataclass(eq=False)
class Stored:
    """Where the fast CSV reader left a list: a table of a DuckDB connection (the AnnexA's
    store), in the form the engine reads, which the engine takes over rather than loading
    the list's arrays again (engine.py)."""

    con: object  # duckdb.DuckDBPyConnection, not imported here
    name: str


@dataclass
class ListTable:
    spec: ListSpec
    sheet: str
    row_numbers: array = field(default_factory=lambda: array("i"))
    columns: dict[str, Column] = field(default_factory=dict)
    # header as written -> text (an object array, or fastcsv's column fetched when read)
    extras: dict[str, np.ndarray | Sequence[object]] = field(default_factory=dict)
    stored: Stored | None = None  # the same list in DuckDB, when the fast reader read it

    @classmethod
    def absent(cls, spec: ListSpec) -> ListTable:
        """A list the data does not have: every column, no rows."""
        columns = {f.key: Column(f, None, empty_values(f.kind)) for f in spec.fields}
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
    # The DuckDB connection holding the lists the fast CSV reader read (fastcsv.Store).
    store: Store | None = field(default=None, repr=False, compare=False)


def read_annex_a(path: str | Path, limits: Limits | None = None) -> AnnexA:
    """Read a workbook (.xlsx), a .zip of CSV files, a .csv file or a folder of them."""
    path = Path(path)
    budget = Budget(limits or Limits())
    try:
        return _read_path(path, budget)
    except AnnexAError:
        raise
    except Refused as e:
        raise AnnexAError(f"{path}: {e}") from None
    except Exception as e:  # a library's failure on a damaged file: its message may quote a cell
        logger.warning("Annex A data could not be read: %s", failure(e))
        raise AnnexAError(f"{path}: could not be read: the file is damaged") from None


def failure(error: BaseException) -> str:
    """An error as the log may show it: its kind and where it was raised, not its message."""
    frame = error.__traceback__
    while frame is not None and frame.tb_next is not None:
        frame = frame.tb_next
    where = (
        f" at {os.path.basename(frame.tb_frame.f_code.co_filename)}:{frame.tb_lineno}"
        if frame
        else ""
    )
    return f"{type(error).__name__}{where}"


def _read_path(path: Path, budget: Budget) -> AnnexA:
    if path.is_dir():
        files = sorted(p for p in path.iterdir() if p.suffix.lower() == ".csv" and p.is_file())
        if not files:
            raise AnnexAError(f"{path}: the folder has no .csv files")
        sheets = ((p.name, CsvFile(p.read_bytes(), budget)) for p in files)
        return read_sheets(sheets, source=str(path))
    if not path.is_file():
        raise AnnexAError(f"{path}: no such file or folder")
    suffix = path.suffix.lower()
    if suffix == ".csv":
        return read_sheets([(path.name, CsvFile(path.read_bytes(), budget))], str(path))
    if suffix in (".xlsx", ".xlsm"):
        return _read_workbook(path, budget)
    if suffix == ".zip":
        return _read_zip(path, budget)
    if suffix == ".xls":
        raise AnnexAError(f"{path}: an old-style .xls workbook; save it as .xlsx")
    raise AnnexAError(f"{path}: not an .xlsx workbook, a .zip of .csv files or a folder of them")


def _read_zip(path: Path, budget: Budget) -> AnnexA:
    """The .csv files of a .zip, by their own names wherever they are in it (Windows and
    macOS zip a folder's files inside the folder; macOS adds __MACOSX/ copies), read one at
    a time without being unpacked to disk."""
    with check_zip(path, budget.limits) as archive:
        members: dict[str, zipfile.ZipInfo] = {}
        for info in archive.infolist():
            name = PurePosixPath(info.filename.replace("\\", "/")).name
            if (
                info.is_dir()
                or not name.lower().endswith(".csv")
                or name.startswith(".")
                or "__MACOSX" in info.filename
            ):
                continue
            if name in members:
                raise AnnexAError(f"{path}: two files are named {name!r}")
            members[name] = info
        if not members:
            raise AnnexAError(f"{path}: the .zip has no .csv files")
        sheets = (
            (name, CsvFile(_unpack(archive, info, path), budget))
            for name, info in sorted(members.items())
        )
        return read_sheets(sheets, source=str(path))


def _unpack(archive: zipfile.ZipFile, info: zipfile.ZipInfo, path: Path) -> bytes:
    try:
        return archive.read(info)
    except (zipfile.BadZipFile, OSError, EOFError, ValueError):
        raise AnnexAError(f"{path}: the .zip is damaged: a file in it cannot be unpacked") from None


def read_sheets(
    sheets: Iterable[tuple[str, Iterable[Sequence[object]] | CsvFile]], source: str = ""
) -> AnnexA:
    """Read sheets given as (name, rows): what the file readers, the synthetic-data
    generator and the tests all hand over."""
    annex = AnnexA(source=source, lists={}, problems=[])
    with _collector_paused():
        for name, rows in sheets:
            _read_into(annex, name, rows)
    return annex


@contextmanager
def _collector_paused() -> Iterator[None]:
    """The cyclic garbage collector off while the rows are read. Every CSV row is a new
    list, so it would run thousands of times over a million rows, walking the batch in
    hand each time: a fifth of the reading time. The rows make no reference cycles, so
    there is nothing for it to find: reference counting still frees each row as soon as
    its batch is read, and any cycle the xlsx reader makes waits for the collector to be
    back on. It is back on afterwards, error or not, unless it was off before."""
    was_on = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_on:
            gc.enable()


def _read_into(annex: AnnexA, name: str, rows: Iterable[Sequence[object]] | CsvFile) -> None:
    if isinstance(rows, CsvFile):
        table = rows.read(name, problems=annex.problems, annex=annex)
    else:
        table = _read_sheet(name, iter(rows), annex.problems)
    if table is None:
        return
    if table.spec.number in annex.lists:
        if table.stored is not None:  # not to be measured: not to be kept either
            fastcsv_drop(table.stored)
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
        return
    annex.lists[table.spec.number] = table


def _read_workbook(path: Path, budget: Budget) -> AnnexA:
    check_office(path, budget.limits, ".xlsx workbook")
    if XLSX_CALAMINE:
        from . import xlsx  # python-calamine: imported only when a workbook is read

        try:
            sheets = xlsx.sheets(path)  # opened now; each sheet is read as it comes
        except Exception:  # damaged, or not for calamine: openpyxl reads it, or says why not
            logger.info("Annex A workbook read by openpyxl")
        else:
            guarded = ((name, budget.guard(rows)) for name, rows in sheets)
            return read_sheets(guarded, source=str(path))
    try:
        # Streams each sheet, and gives formulas' last calculated values.
        workbook = open_workbook(path)
    except Exception:  # openpyxl raises all sorts on a damaged file, some quoting its XML
        raise AnnexAError(f"{path}: not a readable .xlsx workbook") from None
    try:
        return read_sheets(_worksheets(workbook, budget), source=str(path))
    finally:
        workbook.close()


def _worksheets(workbook, budget: Budget) -> Iterator[tuple[str, Iterable[Sequence[object]]]]:
    for ws in workbook.worksheets:  # unmeasured: read to the end, whatever they say
        yield ws.title, budget.guard(ws.iter_rows(values_only=True))


@dataclass
class CsvFile:
    """A CSV file's bytes, to be read against the budget: by DuckDB when the file is plain
    enough for it to split rows as the csv module does (fastcsv.py), else by the csv module
    (the reference reader)."""

    data: bytes
    budget: Budget

    def read(
        self, name: str, problems: list[Problem], annex: AnnexA | None = None
    ) -> ListTable | None:
        """The list in the file; read fast, it is kept in `annex`'s store."""
        if FAST_CSV_BYTES is not None and len(self.data) >= FAST_CSV_BYTES:
            from . import fastcsv  # DuckDB: imported only when a CSV file is read

            try:
                return fastcsv.read_csv_list(name, self.data, self.budget, problems, annex)
            except fastcsv.NotFast:
                pass
        return _read_sheet(name, self.budget.guard(_csv_rows(self.data)), problems)


def fastcsv_drop(stored: Stored) -> None:
    from . import fastcsv

    fastcsv.drop(stored)


def _csv_rows(data: bytes) -> Iterator[list[str]]:
    """The csv module's reader itself: it holds the in-memory stream, which holds the
    file's bytes, until it is dropped."""
    stream = open_text(data, detect_encoding(data), newline="")
    try:
        dialect = csv.Sniffer().sniff(stream.read(_CSV_SNIFF), delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    stream.seek(0)
    return csv.reader(stream, dialect)


def _read_sheet(name: str, rows: Iterator[Sequence[object]], problems: list[Problem]):
    head: list[Sequence[object]] = []
    try:
        head.extend(islice(rows, HEADER_SEARCH_ROWS))
    except Refused:
        raise
    except Exception as e:
        why = f"this row and the rest could not be read ({_unreadable(e)}): the sheet is left out"
        problems.append(Problem(name, None, len(head) + 1, None, None, why))
        return None
    identified = _identify(name, head, problems)
    if identified is None:
        return None
    spec, header = identified
    return _ListReader(name, spec, header, problems).read(
        chain(head[header.row_index + 1 :], rows), first_row=header.row_index + 2
    )


def _identify(
    name: str, head: list[Sequence[object]], problems: list[Problem]
) -> tuple[ListSpec, Header] | None:
    """The list a sheet holds and its header row, from its first rows; None, with the
    problem listed, when it is left out."""
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
    return spec, header


_READERS: dict[Kind, Callable[[object], cells.Read]] = {
    Kind.DATE: cells.read_date,
    Kind.ANSWER: cells.read_answer,
    Kind.COUNT: cells.read_count,
    Kind.NUMBER: cells.read_number,
    Kind.CODE: cells.read_code,
    Kind.TEXT: cells.read_text,
}


def _filled(row: Sequence[object]) -> bool:
    return any(v is not None and (not isinstance(v, str) or v.strip()) for v in row)


def _unreadable(error: Exception) -> str:
    """Why rows could not be read, in words that quote nothing from the file: the csv
    module's own messages never hold a cell ("line contains NUL"); any other library's may."""
    if isinstance(error, csv.Error):
        return str(error)
    logger.warning("Annex A rows could not be read: %s", failure(error))
    return DAMAGED


class _ListReader:
    def __init__(self, sheet: str, spec: ListSpec, header: Header, problems: list[Problem]):
        self.sheet, self.spec, self.header, self.problems = sheet, spec, header, problems
        self.table = ListTable(spec=spec, sheet=sheet)
        self.header_row = header.row_index + 1
        found = {f.key: col for col, f in header.fields.items()}
        for f in spec.fields:
            col = found.get(f.key)
            written = header.written[col] if col is not None else None
            self.table.columns[f.key] = Column(f, written, empty_values(f.kind))
            if col is None:
                self._problem(self.header_row, f.header, None, "column not found")
        for col, f in header.duplicates.items():
            self._problem(
                self.header_row,
                header.written[col],
                None,
                f"a second {f.header!r} column: left out",
            )
        # Text is gathered batch by batch and joined at the end.
        self.text: dict[str, list[np.ndarray]] = {
            f.key: [] for f in header.fields.values() if f.kind in TEXT
        }
        self.extras: dict[str, list[np.ndarray]] = {text: [] for text in header.extras.values()}
        self.width = 1 + max([*header.fields, *header.extras])
        self.column_order = {text: col for col, text in header.written.items()}

    def read(self, rows: Iterable[Sequence[object]], first_row: int) -> ListTable:
        guarded = self._guarded(rows)
        n = first_row
        while True:
            batch = list(islice(guarded, BATCH_ROWS))
            if self.broken is not None:
                # Found while gathering the batch: listed before the batch's own problems.
                why = f"this row and the rest could not be read ({self.broken})"
                self._problem(n + len(batch), None, None, why)
                self.broken = None
            if not batch:
                break
            self._read_batch(batch, n)
            n += len(batch)
        for key, chunks in self.text.items():
            self.table.columns[key].values = joined(chunks)
        for text, chunks in self.extras.items():
            self.table.extras[text] = joined(chunks)
        self._fill_missing()
        return self.table

    broken: str | None = None

    def _guarded(self, rows: Iterable[Sequence[object]]) -> Iterator[Sequence[object]]:
        """The rows, up to one that cannot be read (why, in self.broken). Past a limit,
        the whole file is refused."""
        try:
            yield from rows
        except Refused:
            raise
        except Exception as e:
            self.broken = _unreadable(e)

    def _read_batch(self, batch: list[Sequence[object]], first_row: int) -> None:
        """A batch of rows, read a column at a time: each column's distinct cells are read
        once by the cell readers and their values spread back over the rows with numpy, so
        there is no Python step per cell. Blank rows are dropped first."""
        columns = Columns(batch, self.width)
        read = [col for col, f in self.header.fields.items() if f.kind is not Kind.ID]
        kept = columns.kept(first=[*read, *self.header.extras])
        if not len(kept):
            return
        first_problem = len(self.problems)
        numbers = kept + first_row
        table = self.table
        table.row_numbers.frombytes(numbers.astype(np.int32).tobytes())
        typed: dict[str, np.ndarray | list] = {}
        for col, f in self.header.fields.items():
            if f.kind is Kind.ID:
                ids = read_ids(columns.kept_cells(col))
                self.text[f.key].append(objects(ids))
                typed[f.key] = ids
                continue
            distinct, codes = columns.distinct(col)
            results = [_READERS[f.kind](cell) for cell in distinct]
            values = spread([value for value, _ in results], codes, f.kind)
            if f.key in self.text:
                self.text[f.key].append(values)
            else:
                # A number or date column: empty_values' array until the list is read.
                cast(array, table.columns[f.key].values).frombytes(values.tobytes())
            typed[f.key] = values
            reasons = [why for _, why in results]
            if any(reasons):
                failed = np.fromiter((bool(why) for why in reasons), bool, len(reasons))
                written, raw = self.header.written[col], columns.cells[col]
                for i in np.flatnonzero(failed[codes]).tolist():
                    self.problems.append(
                        self._cell_problem(
                            int(numbers[i]), written, f, raw[kept[i]], reasons[codes[i]]
                        )
                    )
        for col, text in self.header.extras.items():
            distinct, codes = columns.distinct(col)
            texts = [cells.read_text(cell)[0] for cell in distinct]
            self.extras[text].append(spread(texts, codes, Kind.TEXT))
        if self.spec.has_children and "child_id" in typed:
            header = table.columns["child_id"].header
            for i in positions(cast(list, typed["child_id"]), None):  # ids: read_ids' list
                self._problem(
                    int(numbers[i]), header, None, "no child id: the row is not counted as a child"
                )
        for start_key, end_key in self.spec.spans:
            if start_key in typed and end_key in typed:
                starts, ends = typed[start_key], typed[end_key]  # dates: spread's arrays
                self._check_span(numbers, cast(np.ndarray, starts), cast(np.ndarray, ends), end_key)
        # Found column by column; listed row by row, as the sheet reads.
        self.problems[first_problem:] = sorted(self.problems[first_problem:], key=self._place)

    def _place(self, problem: Problem) -> tuple[int, int]:
        return problem.row or 0, self.column_order.get(problem.column or "", 0)

    def _check_span(
        self, numbers: np.ndarray, starts: np.ndarray, ends: np.ndarray, key: str
    ) -> None:
        for i in np.flatnonzero((ends > cells.UNREADABLE) & (ends < starts)).tolist():
            start_day = cells.from_day_number(int(starts[i]))
            end_day = cells.from_day_number(int(ends[i]))
            self._problem(
                int(numbers[i]),
                self.table.columns[key].header,
                shown(end_day),
                f"ends before it starts, on {shown(start_day)}",
            )

    def _fill_missing(self) -> None:
        n = len(self.table)
        for column in self.table.columns.values():
            if column.header is None:
                column.values = blank_values(column.field.kind, n)

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
