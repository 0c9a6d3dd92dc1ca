"""Running a council's own measure: one SELECT over the loaded lists, and nothing else.

The engine's connection is already sandboxed (no file, network or extension access, its
memory and threads capped, its configuration locked); here the query must also be a single
SELECT, is stopped after a time limit, and must give one row of two numbers, a numerator
and the denominator it is counted from. The engine then checks that the answer does not
depend on the values of children's ids (engine.py), and suppresses small numbers.
"""

from __future__ import annotations

import decimal
import math
import re
import threading

import duckdb

_NUMBERS = (int, float, decimal.Decimal)

# Errors about the query itself, raised before any row is read: their text quotes the
# council's own SQL (a misspelt word, an unknown column or table, a file it may not read),
# which they need to correct it. Every other error is raised while rows are read and may
# quote a value from them ("Could not convert string 'AB12345' to INT32"): a child's id.
_ABOUT_THE_QUERY = (
    duckdb.ParserException,
    duckdb.SyntaxException,
    duckdb.BinderException,
    duckdb.CatalogException,
    duckdb.PermissionException,
)
# A fixed reason for the errors that come from the data, by class; others are named by it.
_ABOUT_THE_DATA = {
    duckdb.ConversionException: "conversion error (a value could not be converted)",
    duckdb.OutOfRangeException: "out of range (a number was too large for its type)",
    duckdb.InvalidInputException: "invalid input (a value could not be read, or a function "
    "could not use it)",
    duckdb.TypeMismatchException: "type mismatch (a value was not of the type needed)",
    duckdb.OutOfMemoryException: "out of memory (it needed more than the memory allowed, "
    "DUCKDB_MEMORY_LIMIT_MB)",
}


class MeasureQueryError(ValueError):
    """A local measure's SQL that cannot be run, or whose answer is not a measure."""


def check_select(con: duckdb.DuckDBPyConnection, sql: str) -> None:
    """Refuse anything but one SELECT statement (WITH ... SELECT and FROM-first included)."""
    try:
        statements = con.extract_statements(sql)
    except duckdb.Error as e:
        raise MeasureQueryError(_reason(e)) from None
    if len(statements) != 1:
        raise MeasureQueryError(
            f"the query must be one SELECT statement, not {len(statements)} statements"
        )
    if statements[0].type != duckdb.StatementType.SELECT:
        first_word = sql.split(maxsplit=1)[0].upper()
        raise MeasureQueryError(f"only a SELECT query may define a measure, not {first_word}")


def run_select(con: duckdb.DuckDBPyConnection, sql: str, timeout: float) -> tuple:
    """(numerator, denominator) from the query's one row."""
    check_select(con, sql)
    timer = threading.Timer(timeout, con.interrupt)
    timer.start()
    try:
        cursor = con.execute(sql)
        columns = [d[0].casefold() for d in cursor.description]
        rows = cursor.fetchmany(2)
    except duckdb.InterruptException:
        raise MeasureQueryError(f"the query ran for more than {timeout:g} seconds") from None
    except duckdb.Error as e:
        raise MeasureQueryError(_reason(e)) from None
    finally:
        timer.cancel()
    if "numerator" not in columns or "denominator" not in columns:
        raise MeasureQueryError(
            "the query must give a column named numerator and one named denominator (what "
            "the numerator is counted from, even for a count); it gives "
            f"{', '.join(columns)}"
        )
    if len(rows) != 1:
        raise MeasureQueryError(
            f"the query must give one row, not {'none' if not rows else 'several'}"
        )
    row = dict(zip(columns, rows[0], strict=True))
    return _number(row["numerator"], "numerator"), _number(row["denominator"], "denominator")


def _number(value: object, name: str) -> int | float:
    if value is None:  # an aggregate over no rows: SUM gives NULL where COUNT gives 0
        return 0
    if isinstance(value, bool) or not isinstance(value, _NUMBERS):
        raise MeasureQueryError(f"the {name} must be a number, not {type(value).__name__}")
    if not math.isfinite(value):
        raise MeasureQueryError(f"the {name} must be a finite number, not {value}")
    number = int(value) if value == int(value) else float(value)
    if number < 0:
        raise MeasureQueryError(f"the {name} must not be negative ({number})")
    return number


def _reason(error: duckdb.Error) -> str:
    """Why the query failed, with no value from the data in it: this text is shown on the
    compute page and printed by the command. DuckDB's own first line for an error about the
    query; a fixed reason, by the error's class, for one that may quote the data."""
    if isinstance(error, _ABOUT_THE_QUERY):
        # DuckDB follows its message with the query and a caret pointing into it.
        return str(error).strip().splitlines()[0]
    for kind, reason in _ABOUT_THE_DATA.items():
        if isinstance(error, kind):
            return f"the query failed: {reason}"
    words = re.sub(r"(?<!^)(?=[A-Z])", " ", type(error).__name__.removesuffix("Exception"))
    return f"the query failed: {words.lower()} error"
