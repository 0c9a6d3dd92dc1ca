"""Reading an Annex A CSV file with DuckDB's CSV parser: the same lists, values and problems
as reader.py's csv-module reader (the reference), without a Python step per row or cell.

The file is sniffed, decoded and its first rows read exactly as the reference does, so the
list and its header row are found by the same code (headers.py). The rows below the header
go to DuckDB through a pipe (nothing is written to disk), every field as text. Then, column
by column, DuckDB finds the distinct cells and numbers each row's cell among them (an ENUM);
the distinct cells are read by the cell readers (cells.py), and their values and problems
spread over the rows with numpy, as columns.py does batch by batch. Ids, nearly all
different, are trimmed by DuckDB with Python's own set of whitespace characters.

DuckDB does not split every file the way the csv module does: it skips empty lines (the
csv module gives an empty row, which keeps its row number), reads `"a" b` as `a`, and knows
no line ending but \\n and \\r\\n. So a file is read here only when it is plain enough for the
two to agree: UTF-8, the sniffed dialect the usual one with its delimiter, every quote
opening or closing a whole field, no lone \\r, no NUL, no empty line inside quotes, every
row no wider than the widest of the first rows. Empty lines are given a delimiter first, so
they stay rows. Anything else, and any error of DuckDB's (whose messages quote the line,
and so a child's id, and are never shown), returns NotFast: the caller reads the file with
the reference reader, from the start, with the budget as it was.
tests/indicators/test_annexa_fast_reader.py holds the two readers equal.
"""

from __future__ import annotations

import csv
import os
import re
import threading
from functools import cache
from itertools import islice

import duckdb
import numpy as np

from actionplan.importing.readers.packages import Budget, Refused
from actionplan.importing.readers.text import detect_encoding, open_text

from . import cells
from .columns import TEXT, blank_values, is_blank, objects
from .headers import HEADER_SEARCH_ROWS
from .lists import Kind
from .problems import Problem

# Every character str.strip() strips (str.isspace), for DuckDB's trim(); a test checks it.
WHITESPACE = (
    "\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005"
    "\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000"
)
_SNIFF = 64 * 1024


@cache
def _quoted(delimiter: bytes, quote: bytes, doubled: bool) -> re.Pattern:
    """A whole quoted field: opened at a field's start, closed at its end, with the quote
    doubled inside it when the dialect says so."""
    d, q = re.escape(delimiter), re.escape(quote)
    inside = rb"(?:[^%s]|%s%s)*" % (q, q, q) if doubled else rb"[^%s]*" % q
    return re.compile(rb"(?<![^%s\n])%s%s%s(?=[%s\r\n]|\Z)" % (d, q, inside, q, d))


_EMPTY_LINE = re.compile(rb"^(?=\r?\n)", re.MULTILINE)


class NotFast(Exception):
    """This file is not plain enough for DuckDB to split as the csv module does."""


def read_csv_list(name: str, data: bytes, budget: Budget, problems: list[Problem]):
    """The list in one CSV file, as reader._read_sheet gives it (a ListTable, or None when
    the file is left out), or NotFast with nothing changed."""
    from . import reader  # the reference's own header search and list set-up

    rows, cells_taken = budget.rows, budget.cells
    try:
        found: list[Problem] = []
        table = _read(name, data, budget, found, reader)
    except NotFast:
        budget.rows, budget.cells = rows, cells_taken
        raise
    problems.extend(found)
    return table


def _read(name: str, data: bytes, budget: Budget, problems: list[Problem], reader):
    if b"\x00" in data or data.count(b"\r") != data.count(b"\r\n"):
        raise NotFast("NUL or lone CR")
    encoding = detect_encoding(data)
    if encoding not in ("utf-8", "utf-8-sig"):
        raise NotFast("not UTF-8")
    if encoding == "utf-8-sig":  # detect_encoding trusts the mark; the reference would not fail
        try:
            data[3:].decode("utf-8")
        except UnicodeDecodeError:
            raise NotFast("not UTF-8 after its mark") from None
    stream = open_text(data, encoding, newline="")
    try:
        dialect = csv.Sniffer().sniff(stream.read(_SNIFF), delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    if (
        dialect.quotechar is None
        or dialect.quotechar not in "\"'"
        or dialect.escapechar is not None
        or dialect.delimiter not in ",;\t"
    ):
        raise NotFast("an unusual dialect")
    stream.seek(0)
    lines = csv.reader(stream, dialect)
    head: list[list[str]] = []
    ends: list[int] = []  # the line each row ends on
    try:
        for row in islice(lines, HEADER_SEARCH_ROWS):
            budget.take(len(row))
            head.append(row)
            ends.append(lines.line_num)
    except Refused:
        raise
    except Exception:  # the reference says why, in its own words
        raise NotFast("its first rows cannot be read") from None
    identified = reader._identify(name, head, problems)
    if identified is None:
        return None
    spec, header = identified
    # The body starts on the line after the header: no row down to it may span lines.
    if ends[header.row_index] != header.row_index + 1:
        raise NotFast("a row above the body spans lines")
    start = 0
    for _ in range(header.row_index + 1):
        start = data.find(b"\n", start) + 1
        if start == 0:
            start = len(data)
            break
    body = data[start:]
    delimiter = dialect.delimiter.encode()
    quote = dialect.quotechar.encode()
    quoted = _quoted(delimiter, quote, dialect.doublequote)
    unquoted = quoted.sub(b"", body) if quote in body else body
    if quote in unquoted:
        raise NotFast("a quote inside a field")
    empty = (
        len(_EMPTY_LINE.findall(body))
        if body.startswith((b"\n", b"\r\n")) or b"\n\n" in body or b"\n\r\n" in body
        else 0
    )
    if empty:
        if unquoted is not body and any(b"\n" in field for field in quoted.findall(body)):
            raise NotFast("an empty line, and a quoted field over lines")
        body = _EMPTY_LINE.sub(delimiter, body)
    records = body.count(b"\n") + (1 if body and not body.endswith(b"\n") else 0)
    width = max(map(len, head))
    # The budget as the reference takes it: every row, and every cell the csv module gives.
    limits = budget.limits
    body_cells = unquoted.count(delimiter) + records - empty
    if (limits.rows is not None and budget.rows + records > limits.rows) or (
        limits.cells is not None and budget.cells + body_cells > limits.cells
    ):
        raise NotFast(
            "past the row or cell limit"
        )  # the reference refuses it, at the row where it passes the limit
    con = duckdb.connect(":memory:", config={"threads": 1, "temp_directory": ""})
    con.execute("SET enable_progress_bar = false")  # it would draw on the terminal
    try:
        try:
            table = _split(con, body, width, dialect.delimiter, dialect.quotechar)
        except duckdb.Error:  # its message quotes the line: never shown
            raise NotFast("DuckDB could not split it") from None
        if table != records and unquoted is body:
            raise NotFast("DuckDB split it into other rows")
        budget.rows += table
        budget.cells += body_cells
        budget.check_time()
        lister = _ListFromTable(con, name, spec, header, problems, reader)
        lister.skip_spaces = dialect.skipinitialspace
        return lister.read(table)
    finally:
        con.close()


def _split(
    con: duckdb.DuckDBPyConnection, body: bytes, width: int, delimiter: str, quote: str
) -> int:
    """The body's rows as table `body`, every field text (NULL when empty); how many."""
    read, write = os.pipe()

    def feed() -> None:
        try:
            with open(write, "wb") as pipe:
                pipe.write(body)
        except OSError:  # DuckDB stopped reading: it has failed, and says so
            pass

    feeder = threading.Thread(target=feed, daemon=True)
    feeder.start()
    columns = ", ".join(f"'c{i}': 'VARCHAR'" for i in range(width))
    try:
        con.execute(
            f"""CREATE TABLE body AS SELECT * FROM read_csv('/dev/fd/{read}',
                columns = {{{columns}}}, header = false, auto_detect = false,
                delim = $delim, quote = $quote, escape = $quote, null_padding = true,
                strict_mode = true, parallel = false)""",
            {"delim": delimiter, "quote": quote},
        )
    finally:
        os.close(read)
        feeder.join()
    counted = con.execute("SELECT count(*) FROM body").fetchone()
    assert counted is not None  # count(*) always gives one row
    return counted[0]


def _text(column) -> np.ndarray:
    """A fetched text column as an object array, None where DuckDB had NULL."""
    values = np.asarray(column, dtype=object)
    mask = np.ma.getmask(column)
    if mask is not np.ma.nomask and mask.any():
        values = values.copy()
        values[mask] = None
    return values


class _ListFromTable:
    """reader._ListReader's reading of a list, over the whole table at once."""

    skip_spaces: bool  # the dialect's skipinitialspace, set before read()

    def __init__(self, con, sheet, spec, header, problems, reader):
        self.con, self.sheet, self.spec, self.header = con, sheet, spec, header
        self.reader = reader
        # The reference's own set-up: the columns, and the problems of the header row.
        self.base = reader._ListReader(sheet, spec, header, problems)
        self.table = self.base.table
        self.problems = problems

    def _cell(self, col: int) -> str:
        """Column `col` as the csv module gives it: skipinitialspace drops leading spaces."""
        return f"ltrim(c{col}, ' ')" if self.skip_spaces else f"c{col}"

    def _factors(self, columns: list[int]) -> dict[int, tuple[list, np.ndarray]]:
        """For each column, its distinct cells (None first) and each row's index among
        them: DuckDB makes an ENUM of the cells and gives each row's code, for all the
        columns in three queries."""
        con, cell = self.con, self._cell
        if not columns:
            return {}
        con.execute(
            ";".join(
                f"CREATE TYPE e{c} AS ENUM "
                f"(SELECT DISTINCT {cell(c)} FROM body WHERE {cell(c)} IS NOT NULL)"
                for c in columns
            )
        )
        ranges = con.execute(
            "SELECT " + ", ".join(f"enum_range(NULL::e{c})" for c in columns)
        ).fetchone()
        codes = con.execute(
            "SELECT "
            + ", ".join(
                f"coalesce(enum_code(({cell(c)})::e{c})::INTEGER + 1, 0) AS k{c}" for c in columns
            )
            + " FROM body"
        ).fetchnumpy()
        return {
            c: ([None, *values], np.asarray(codes[f"k{c}"]))
            for c, values in zip(columns, ranges, strict=True)
        }

    def _ids(self, col: int) -> np.ndarray:
        """cells.read_id of every cell: trimmed as str.strip() trims, None when empty. Most
        ids begin and end with a printable ASCII character and need no trimming."""
        ids = self.con.execute(
            f"""SELECT CASE WHEN regexp_matches(c{col}, '^[!-~](.*[!-~])?$') THEN c{col}
                ELSE nullif(trim(c{col}, $ws), '') END AS v FROM body""",
            {"ws": WHITESPACE},
        ).fetchnumpy()["v"]
        return _text(ids)

    def read(self, n: int) -> object:
        header, table = self.header, self.table
        first_row = header.row_index + 2
        width = len(self.con.execute("SELECT * FROM body LIMIT 0").description)
        # Every column's cells once: a row is blank when all its cells are.
        ids = {col: self._ids(col) for col, f in header.fields.items() if f.kind is Kind.ID}
        factors = self._factors([col for col in range(width) if col not in ids])
        blank = np.ones(n, bool)
        for col in range(width):
            left = np.flatnonzero(blank)
            if not len(left):
                break
            if col in ids:
                blank[left] = ids[col][left] == None  # noqa: E711
                continue
            # Only the cells of rows still blank need looking at.
            distinct, codes = factors[col]
            used = np.unique(codes[left])
            empty = np.zeros(len(distinct), bool)
            empty[used] = np.fromiter(
                map(is_blank, map(distinct.__getitem__, used.tolist())), bool, len(used)
            )
            blank[left] = empty[codes[left]]
        kept = np.flatnonzero(~blank)
        numbers = (kept + first_row).astype(np.int32)
        table.row_numbers.frombytes(numbers.tobytes())
        typed: dict[str, np.ndarray] = {}
        found: list[Problem] = []
        for col, f in header.fields.items():
            if f.kind is Kind.ID:
                values = ids[col][kept]
                table.columns[f.key].values = values
                typed[f.key] = values
                continue
            distinct, codes = factors[col]
            codes = codes[kept]
            results = [self.reader._READERS[f.kind](cell) for cell in distinct]
            read = [value for value, _ in results]
            if f.kind in TEXT:
                values = objects(read)[codes]
            elif f.kind is Kind.NUMBER:
                values = np.array(read, dtype=np.float64)[codes]
            else:
                values = np.array(read, dtype=np.int32)[codes]
            table.columns[f.key].values = values if f.kind in TEXT else _array(values, f.kind)
            typed[f.key] = values
            reasons = [why for _, why in results]
            if any(reasons):
                failed = np.fromiter((bool(why) for why in reasons), bool, len(reasons))
                written = header.written[col]
                for i in np.flatnonzero(failed[codes]).tolist():
                    found.append(
                        self.base._cell_problem(
                            int(numbers[i]), written, f, distinct[codes[i]], reasons[codes[i]]
                        )
                    )
        for col, text in header.extras.items():
            distinct, codes = factors[col]
            texts = [cells.read_text(cell)[0] for cell in distinct]
            table.extras[text] = objects(texts)[codes[kept]]
        problems, self.base.problems = self.base.problems, found
        if self.spec.has_children and "child_id" in typed:
            column = table.columns["child_id"].header
            for i in np.flatnonzero(typed["child_id"] == None).tolist():  # noqa: E711
                self.base._problem(
                    int(numbers[i]), column, None, "no child id: the row is not counted as a child"
                )
        for start_key, end_key in self.spec.spans:
            if start_key in typed and end_key in typed:
                self.base._check_span(numbers, typed[start_key], typed[end_key], end_key)
        problems.extend(sorted(found, key=self.base._place))
        self.base.problems = problems
        for column in table.columns.values():
            if column.header is None:
                column.values = blank_values(column.field.kind, len(kept))
        return table


def _array(values: np.ndarray, kind: Kind):
    """Dates, counts and numbers as the reference keeps them: array('i') or array('d')."""
    from array import array

    out = array("d" if kind is Kind.NUMBER else "i")
    out.frombytes(values.tobytes())
    return out
