"""Reading an Annex A CSV file with DuckDB's CSV parser: the same lists, values and problems
as reader.py's csv-module reader (the reference), without a Python step per row or cell.

The file is sniffed, decoded and its first rows read exactly as the reference does, so the
list and its header row are found by the same code (headers.py). The rows below the header
go to DuckDB through a pipe (nothing is written to disk), every field as text. Then each
column's distinct cells are read by the cell readers (cells.py) into a small table, and a
join gives every row its cells' values, in one pass that also leaves blank rows out; ids,
nearly all different, are trimmed by DuckDB with Python's own set of whitespace characters.
The problems are the rows a join finds for the cells that have one. The list stays in the
connection (Store, one per AnnexA) as a table in the engine's own form (engine.py), which
the engine takes over and sandboxes; the ListTable's values are fetched from it only when
something asks for them.

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
from array import array
from collections.abc import Sequence
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


@cache
def _quoted_space(delimiter: bytes, quote: bytes) -> re.Pattern:
    """A quote at a field's start followed by a space (now and then inside a quoted field
    too, which only costs the fast path)."""
    return re.compile(rb"(?:^|(?<=%s))%s " % (re.escape(delimiter), re.escape(quote)), re.M)


_EMPTY_LINE = re.compile(rb"^(?=\r?\n)", re.MULTILINE)


class NotFast(Exception):
    """This file is not plain enough for DuckDB to split as the csv module does."""


def read_csv_list(name: str, data: bytes, budget: Budget, problems: list[Problem], annex=None):
    """The list in one CSV file, as reader._read_sheet gives it (a ListTable, or None when
    the file is left out), or NotFast with nothing changed. The list is kept in `annex`'s
    Store (made when first needed) for the engine."""
    from . import reader  # the reference's own header search and list set-up

    rows, cells_taken = budget.rows, budget.cells
    try:
        found: list[Problem] = []
        table = _read(name, data, budget, found, reader, annex)
    except NotFast:
        budget.rows, budget.cells = rows, cells_taken
        raise
    problems.extend(found)
    return table


def _read(name: str, data: bytes, budget: Budget, problems: list[Problem], reader, annex):
    # Each check over the whole file the cheapest way: a byte found (memchr) before bytes
    # counted, and ASCII (no mark, no decoding) before UTF-8 is checked by decoding.
    crs = b"\r" in data
    if b"\x00" in data or (crs and data.count(b"\r") != data.count(b"\r\n")):
        raise NotFast("NUL or lone CR")
    encoding = "utf-8" if data.isascii() else detect_encoding(data)
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
    # With skipinitialspace the csv module drops the spaces that begin an unquoted field
    # (ListFromTable._cell), but keeps those inside quotes; DuckDB gives a quoted field's
    # cell without saying it was quoted, so a quoted cell that begins with a space is left to
    # the reference (Hypothesis found `," y "` read as 'y ').
    if dialect.skipinitialspace and _quoted_space(delimiter, quote).search(body):
        raise NotFast("a quoted field begins with a space")
    unquoted = quoted.sub(b"", body) if quote in body else body
    if quote in unquoted:
        raise NotFast("a quote inside a field")
    empty = (
        len(_EMPTY_LINE.findall(body))
        if body.startswith((b"\n", b"\r\n")) or b"\n\n" in body or (crs and b"\n\r\n" in body)
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
    store = Store.of(annex)
    con = store.con
    stored = reader.Stored(con, store.new_name())
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
        listed = lister.read(width, stored)
    except BaseException:
        drop(stored)
        raise
    finally:
        for scratch in con.execute(
            "SELECT table_name FROM duckdb_tables() WHERE temporary"
        ).fetchall():
            con.execute(f'DROP TABLE temp."{scratch[0]}"')
    return listed


class Store:
    """The DuckDB connection the fast reader leaves the lists in, one per AnnexA: each list a
    table in the form the engine reads (engine.py), which the engine takes over and
    sandboxes. Until then it may read files (the pipe DuckDB splits each file from)."""

    def __init__(self) -> None:
        self.con = duckdb.connect(":memory:", config={"threads": 1, "temp_directory": ""})
        self.con.execute("SET enable_progress_bar = false")  # it would draw on the terminal
        self.taken = False  # by an engine: sandboxed from then on
        self._names = 0

    @classmethod
    def of(cls, annex) -> Store:
        """The AnnexA's store, made when its first list is read fast."""
        if annex is None:  # read on its own: a store of its own
            return cls()
        if annex.store is None:
            annex.store = cls()
        return annex.store

    def new_name(self) -> str:
        self._names += 1
        return f"read_{self._names}"


def drop(stored) -> None:
    """A list left out (read again, or failed part way): its table goes."""
    stored.con.execute(f'DROP TABLE IF EXISTS "{stored.name}"')


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
            f"""CREATE TEMP TABLE body AS SELECT * FROM read_csv('/dev/fd/{read}',
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


# Each kind as the reference keeps it, and its blank: what the engine's SQL form
# (engine._select) is turned back into when the values are asked for.
_SENTINEL_SQL = {
    Kind.DATE: f"CAST({cells.BLANK} AS INTEGER)",
    Kind.COUNT: f"CAST({cells.BLANK} AS INTEGER)",
    Kind.NUMBER: "'NaN'::DOUBLE",
}
_MAP_TYPES = {Kind.DATE: "INTEGER", Kind.COUNT: "INTEGER", Kind.NUMBER: "DOUBLE"}


class _ListFromTable:
    """reader._ListReader's reading of a list, over the whole table at once, in DuckDB: each
    column's distinct cells are read by the cell readers (cells.py) and joined back to the
    rows; the list is left in the connection as a table in the engine's form."""

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
        return f"ltrim(b.c{col}, ' ')" if self.skip_spaces else f"b.c{col}"

    def _map(self, col: int, kind: Kind | None, extra: bool) -> list:
        """Table m<col>: each distinct cell of the column (NULL, an empty field, left out:
        blank, and blank for every reader), whether it is blank, its value as the engine
        keeps it before engine._select (for a field or an extra column), and the index of
        its problem's cell when it has one, or -1. The distinct cells, for the problems."""
        distinct = [
            cell
            for (cell,) in self.con.execute(
                f"SELECT DISTINCT {self._cell(col)} FROM temp.body b WHERE b.c{col} IS NOT NULL"
            ).fetchall()
        ]
        arrays: dict[str, np.ndarray] = {
            "cell": objects(distinct),
            "blank": np.fromiter(map(is_blank, distinct), bool, len(distinct)),
        }
        selects = ["cell::VARCHAR AS cell", "blank"]
        if kind is not None:
            results = [self.reader._READERS[kind](cell) for cell in distinct]
            values = [value for value, _ in results]
            arrays["v"] = (
                objects(values)
                if kind in TEXT
                else np.array(values, dtype=np.float64 if kind is Kind.NUMBER else np.int32)
            )
            arrays["p"] = np.array(
                [i if why else -1 for i, (_, why) in enumerate(results)], np.int32
            )
            selects += [f"v::{_MAP_TYPES.get(kind, 'VARCHAR')} AS v", "p"]
            self.reasons[col] = [why for _, why in results]
        elif extra:
            arrays["v"] = objects([cells.read_text(cell)[0] for cell in distinct])
            selects.append("v::VARCHAR AS v")
        self.con.register("incoming", arrays)
        try:
            self.con.execute(
                f"CREATE TEMP TABLE m{col} AS SELECT {', '.join(selects)} FROM incoming"
            )
        finally:
            self.con.unregister("incoming")
        return distinct

    def read(self, width: int, stored) -> object:
        from .engine import extra_names, stored_select

        con, header, table = self.con, self.header, self.table
        first_row = header.row_index + 2
        self.reasons: dict[int, list[str | None]] = {}
        distinct: dict[int, list] = {}
        joins, values, blank = [], ["b.rowid AS i"], []
        ids = [col for col, f in header.fields.items() if f.kind is Kind.ID]
        for col in range(width):
            f = header.fields.get(col)
            if col in ids:
                # cells.read_id: trimmed as str.strip() trims, None when empty. Most ids
                # begin and end with a printable ASCII character and need no trimming.
                cell = f"b.c{col}"
                values.append(
                    f"""CASE WHEN regexp_matches({cell}, '^[!-~](.*[!-~])?$') THEN {cell}
                    ELSE nullif(trim({cell}, $ws), '') END AS k{col}"""
                )
                blank.append(f"k{col} IS NULL")
                continue
            distinct[col] = self._map(col, f.kind if f else None, col in header.extras)
            joins.append(f"LEFT JOIN temp.m{col} ON m{col}.cell = {self._cell(col)}")
            blank.append(f"coalesce(m{col}.blank, true)")
            if f is not None:
                default = _SENTINEL_SQL.get(f.kind)
                values.append(
                    f"coalesce(m{col}.v, {default}) AS k{col}" if default else f"m{col}.v AS k{col}"
                )
            elif col in header.extras:
                values.append(f"m{col}.v AS k{col}")
        values.append(f"{' AND '.join(blank) or 'true'} AS blank")
        # The list as the engine keeps it, blank rows left out, in the file's order: each
        # cell's value joined from its column's distinct cells, in one pass over the rows.
        keys = {f.key: col for col, f in header.fields.items()}
        selects = ["(i + $first)::INTEGER AS row_number"]
        for key, column in table.columns.items():
            kind = column.field.kind
            at = keys.get(key)
            # A column not in the file is blank.
            source = _SENTINEL_SQL.get(kind, "NULL::VARCHAR") if at is None else f"k{at}"
            selects += stored_select(key, kind, source)
        extra = extra_names(table, header.extras.values())
        for (col, _), name in zip(header.extras.items(), extra, strict=True):
            selects.append(f'k{col}::VARCHAR AS "{name}"')
        con.execute(
            f'CREATE TABLE "{stored.name}" AS SELECT {", ".join(selects)} FROM '
            f"(SELECT {', '.join(values)} FROM temp.body b {' '.join(joins)}) "
            "WHERE NOT blank ORDER BY i",
            {"first": first_row, **({"ws": WHITESPACE} if ids else {})},
        )
        numbers = con.execute(f'SELECT row_number FROM "{stored.name}"').fetchnumpy()
        table.row_numbers.frombytes(np.asarray(numbers["row_number"], np.int32).tobytes())
        table.stored = stored
        for key, column in table.columns.items():
            if key in keys:
                column._values, column._fetch = None, _fetcher(stored, key, column.field.kind)
            else:
                column.values = blank_values(column.field.kind, len(table))
        for text, name in zip(header.extras.values(), extra, strict=True):
            table.extras[text] = _Fetched(stored, name)
        self._problems(distinct, first_row, stored.name)
        return table

    def _problems(self, distinct: dict[int, list], first_row: int, stored: str) -> None:
        """The reference's problems, in its order: each unreadable cell (its column's,
        then the next column's), each row with no child id, each end before its start;
        then all of them row by row. A cell that cannot be read is not blank, so its row
        is never a blank row."""
        con, header = self.con, self.header
        found: list[Problem] = []
        problems, self.base.problems = self.base.problems, found
        for col, f in header.fields.items():
            reasons = self.reasons.get(col)
            if not reasons or not any(reasons):
                continue
            written, cells_ = header.written[col], distinct[col]
            rows = con.execute(
                f"SELECT b.rowid + $first, m.p FROM temp.body b JOIN temp.m{col} m "
                f"ON m.cell = {self._cell(col)} WHERE m.p >= 0 ORDER BY b.rowid",
                {"first": first_row},
            ).fetchall()
            found += [
                self.base._cell_problem(row, written, f, cells_[p], reasons[p]) for row, p in rows
            ]
        keys = {f.key for f in header.fields.values()}
        if self.spec.has_children and "child_id" in keys:
            column = self.table.columns["child_id"].header
            for (row,) in con.execute(
                f'SELECT row_number FROM "{stored}" WHERE child_id IS NULL ORDER BY row_number'
            ).fetchall():
                self.base._problem(
                    row, column, None, "no child id: the row is not counted as a child"
                )
        for start, end in self.spec.spans:
            if start in keys and end in keys:
                spans = con.execute(
                    f"SELECT row_number, ({start} - DATE '1970-01-01')::INTEGER, "
                    f"({end} - DATE '1970-01-01')::INTEGER FROM \"{stored}\" "
                    f"WHERE {end} < {start} ORDER BY row_number"
                ).fetchall()
                if spans:
                    numbers = np.array([row for row, _, _ in spans])
                    starts = np.array([s for _, s, _ in spans], np.int32)
                    ends = np.array([e for _, _, e in spans], np.int32)
                    self.base._check_span(numbers, starts, ends, end)
        problems.extend(sorted(found, key=self.base._place))
        self.base.problems = problems


def _fetcher(stored, key: str, kind: Kind):
    """The column's values as the reference keeps them, fetched from the stored table."""

    def fetch():
        if kind is Kind.DATE:
            sql = (
                f"CASE WHEN {key}_unreadable THEN {cells.UNREADABLE} WHEN {key} IS NULL "
                f"THEN {cells.BLANK} ELSE ({key} - DATE '1970-01-01')::INTEGER END"
            )
        elif kind is Kind.COUNT:
            sql = f"coalesce({key}, {cells.BLANK})"
        elif kind is Kind.NUMBER:
            sql = f"coalesce({key}, 'NaN'::DOUBLE)"
        else:
            sql = key
        fetched = stored.con.execute(f'SELECT {sql} AS v FROM "{stored.name}"').fetchnumpy()["v"]
        if kind in TEXT:
            return _text(fetched)
        out = array("d" if kind is Kind.NUMBER else "i")
        out.frombytes(
            np.asarray(fetched, np.float64 if kind is Kind.NUMBER else np.int32).tobytes()
        )
        return out

    return fetch


class _Fetched(Sequence):
    """An extra column's text, fetched from the stored table when first read."""

    def __init__(self, stored, name: str):
        self._stored, self._name = stored, name
        self._values: np.ndarray | None = None

    def _get(self) -> np.ndarray:
        if self._values is None:
            self._values = _text(
                self._stored.con.execute(
                    f'SELECT "{self._name}" AS v FROM "{self._stored.name}"'
                ).fetchnumpy()["v"]
            )
        return self._values

    def __len__(self) -> int:
        return len(self._get())

    def __getitem__(self, i):
        return self._get()[i]

    def __iter__(self):
        return iter(self._get())

    def __array__(self, dtype=None, copy=None) -> np.ndarray:
        return self._get() if dtype is None else self._get().astype(dtype)
