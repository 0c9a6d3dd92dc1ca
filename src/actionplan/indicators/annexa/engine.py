"""Computing measures with DuckDB over the lists as read.

Each list becomes a table, list_1 ... list_11, with a column per Annex A column named by
its key in lists.py: dates as DATE (NULL when blank or unreadable, with a companion
<key>_unreadable flag), counts as INTEGER, answers ('yes', 'no' or what was written),
codes and text as VARCHAR, and row_number, the row in the spreadsheet. Lists that were
not supplied are empty tables, so every query binds.

The columns go in through numpy views of the reader's arrays, without a copy. Lists the
fast CSV reader read (fastcsv.py) are already tables of its connection, in this form: the
engine takes that connection over (once per AnnexA), keeps those tables as list_<n>, drops
anything else in it and loads the other lists beside them. Either way the connection is in
memory and sandboxed before any measure runs: no file, network or extension access, its
memory and threads capped (Resources) with nothing spilled to disk, and its configuration
locked, so a council's own SQL (local.py) can read these tables and nothing else.

A local measure must give an aggregate. Its answer is computed again on a twin of the data
in which every child, family and adopter id is renamed (the same way in every list): a
query that counts children gives the same answer, one that reads an id (its digits, its
order, one child's row) does not, and is refused. An answer equal to a child's date of
birth, as a number no count could reach, is refused too. Then small numbers are withheld
(Suppression), as official statistics do.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
import secrets
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache

import duckdb
import numpy as np

from . import cells
from .lists import LISTS, Kind
from .local import MeasureQueryError, run_select
from .measures import MEASURES_BY_ID, STANDARD_MEASURES, Measure
from .problems import Problem
from .reader import AnnexA, Column, ListTable, read_sheets
from .workdays import add_months, bank_holidays

SANDBOX = {
    "enable_external_access": False,
    "autoinstall_known_extensions": False,
    "autoload_known_extensions": False,
    "allow_community_extensions": False,
}
# Working days are counted on a calendar table; a date outside it is never "within".
CALENDAR_FIRST, CALENDAR_LAST = dt.date(1900, 1, 1), dt.date(2100, 12, 31)
LOCAL_TIMEOUT_SECONDS = 60.0
# The data a local measure is tried on before it is saved (check_local_sql).
SAMPLE_ROWS, SAMPLE_AS_AT = 2000, dt.date(2024, 3, 31)
_EXCEL_EPOCH = 25569  # 1 January 1970 as an Excel serial date
_SQL_TYPES = {"i": "INTEGER", "f": "DOUBLE", "O": "VARCHAR"}  # by numpy dtype kind

# as_at() and window_start() are replaced for each as-at date (MeasureEngine._set_as_at).
# working_days is NULL when either date is (greatest() would skip a NULL and say 0).
_MACROS = """
CREATE MACRO as_at() AS NULL::DATE;
CREATE MACRO window_start() AS NULL::DATE;
CREATE MACRO working_days(x, y) AS CASE WHEN y < x THEN 0
    ELSE (SELECT n FROM calendar WHERE day = y) - (SELECT n FROM calendar WHERE day = x) END;
CREATE MACRO in_window(d) AS d > window_start() AND d <= as_at();
CREATE MACRO open_at(start_date, end_date) AS
    start_date <= as_at() AND (end_date IS NULL OR end_date > as_at());
"""


@dataclass(frozen=True)
class Resources:
    """What DuckDB may use (DUCKDB_MEMORY_LIMIT_MB, DUCKDB_THREADS). Its default would be 80%
    of the machine's memory and every core; a query that needs more memory than this fails
    rather than spilling the data (children's ids included) to a temporary folder."""

    memory_mb: int = 1024
    threads: int = 1

    def config(self) -> dict:
        return {
            **SANDBOX,
            "memory_limit": f"{self.memory_mb}MB",
            "threads": self.threads,
            "temp_directory": "",
        }


@dataclass(frozen=True)
class Suppression:
    """Small numbers withheld, as in official statistics (docs/indicators.md): a local
    measure whose cohort (its denominator) is under `min_cohort` (LOCAL_MEASURE_MIN_COHORT),
    or whose numerator is from 1 to 5 (the Department for Education's rule for children's
    social care statistics, shown there as "c"), is not computed."""

    min_cohort: int = 10
    largest_withheld: int = 5

    def apply(self, result: MeasureResult) -> MeasureResult:
        numerator, denominator = result.numerator, result.denominator
        if denominator is not None and denominator < self.min_cohort:
            why = f"a cohort (denominator) of fewer than {self.min_cohort}"
        elif numerator is not None and 0 < numerator <= self.largest_withheld:
            why = f"a count from 1 to {self.largest_withheld}"
        else:
            return result
        return MeasureResult(result.id, None, None, not_computed=f"suppressed (c): {why}")


@dataclass(frozen=True)
class TeamCount:
    team: str | None
    numerator: int
    denominator: int

    @property
    def value(self) -> float | None:
        return self.numerator / self.denominator if self.denominator else None


@dataclass(frozen=True)
class MeasureResult:
    id: str
    numerator: float | None
    denominator: float | None  # None for a count (a local measure with no denominator)
    by_team: tuple[TeamCount, ...] = ()
    not_computed: str | None = None  # why, when it could not be

    @property
    def value(self) -> float | None:
        if self.numerator is None or self.denominator == 0:
            return None
        return self.numerator if self.denominator is None else self.numerator / self.denominator

    def as_dict(self, *, by_team: bool = False) -> dict:
        d: dict[str, object] = {
            "id": self.id,
            "numerator": self.numerator,
            "denominator": self.denominator,
            "value": self.value,
        }
        if by_team:
            d["by_team"] = [
                {
                    "team": t.team,
                    "numerator": t.numerator,
                    "denominator": t.denominator,
                    "value": t.value,
                }
                for t in self.by_team
            ]
        return d


@dataclass
class Computation:
    as_at: dt.date
    measures: list[MeasureResult]
    problems: list[Problem] = field(default_factory=list)

    def as_dict(self, *, by_team: bool = False) -> dict:
        return {
            "as_at": self.as_at.isoformat(),
            "measures": [m.as_dict(by_team=by_team) for m in self.measures],
            "problems": [p.as_dict() for p in self.problems],
        }


def window_start(as_at: dt.date) -> dt.date:
    """The day before the window W: W holds the days d with window_start < d <= as_at."""
    return add_months(as_at, -6)


def compute(
    annex: AnnexA,
    as_at: dt.date,
    local: dict[str, str] | None = None,
    *,
    resources: Resources | None = None,
    suppression: Suppression | None = Suppression(),
) -> Computation:
    """Every standard measure, then each local measure (id -> SQL), as at a date."""
    with MeasureEngine(annex, resources) as engine:
        return engine.compute(as_at, local, suppression)


def check_local_sql(sql: str, resources: Resources | None = None) -> None:
    """Raise MeasureQueryError unless `sql` runs as a measure on representative data:
    synthetic lists of every kind of row, junk included (empty lists would pass a query
    that fails on real rows, or gives a row per child)."""
    with MeasureEngine(_sample(), resources) as engine:
        engine.local(sql, SAMPLE_AS_AT)


@cache
def _sample() -> AnnexA:
    from .synthetic import generate

    return read_sheets(generate(SAMPLE_ROWS, SAMPLE_AS_AT, seed=0).sheets.items(), "sample")


class MeasureEngine:
    def __init__(self, annex: AnnexA, resources: Resources | None = None):
        self.annex = annex
        self.resources = resources or Resources()
        self._twin: MeasureEngine | None = None
        self._private: set[int] | None = None
        store = annex.store
        taken: set[int] = set()
        if store is not None and not store.taken:
            # The lists the fast CSV reader left in DuckDB are measured where they are.
            store.taken = True
            self.con, self._owns_con = store.con, False
            # The limits first: once file access is off, temp_directory cannot be set.
            config = sorted(self.resources.config().items(), key=lambda kv: kv[0] in SANDBOX)
            for name, value in config:
                self.con.execute(f"SET {name} = {_literal(value)}")
            taken = self._take_stored()
        else:
            self.con = duckdb.connect(":memory:", config=self.resources.config())
            self._owns_con = True
            self.con.execute("SET enable_progress_bar = false")  # it would draw on the terminal
        for spec in LISTS.values():
            if spec.number not in taken:
                self._load(annex.lists.get(spec.number, ListTable.absent(spec)))
        self._load_calendar()
        self.con.execute(_MACROS)
        self._as_at: dt.date | None = None
        self.con.execute("SET lock_configuration = true")

    def __enter__(self) -> MeasureEngine:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def close(self) -> None:
        if self._owns_con:  # else the AnnexA's store: its lists' values are fetched from it
            self.con.close()
        if self._twin is not None:
            self._twin.close()

    def compute(
        self,
        as_at: dt.date,
        local: dict[str, str] | None = None,
        suppression: Suppression | None = None,
    ) -> Computation:
        results = self.standard(as_at)
        for measure_id, sql in (local or {}).items():
            try:
                result = self.local(sql, as_at, measure_id=measure_id)
                results.append(suppression.apply(result) if suppression else result)
            except MeasureQueryError as e:  # one council's bad query must not lose the rest
                results.append(MeasureResult(measure_id, None, None, not_computed=str(e)))
        problems = list(self.annex.problems)
        problems += [
            Problem(
                None, _list_of(r.id), None, None, None, f"{r.id} not computed: {r.not_computed}"
            )
            for r in results
            if r.not_computed
        ]
        return Computation(as_at, results, problems)

    def standard(self, as_at: dt.date, measures=STANDARD_MEASURES) -> list[MeasureResult]:
        self._set_as_at(as_at)
        return [self._standard(m) for m in measures]

    def local(
        self,
        sql: str,
        as_at: dt.date,
        *,
        measure_id: str = "local",
        timeout: float = LOCAL_TIMEOUT_SECONDS,
    ) -> MeasureResult:
        """A council's own measure: its SQL must give one row with a numerator column and a
        denominator, an aggregate of the children and not a value read from one of them.
        Raises MeasureQueryError when it does not. Nothing is suppressed here."""
        self._set_as_at(as_at)
        answer = run_select(self.con, sql, timeout)
        if self._has_ids():
            twin = self._renamed_twin()
            twin._set_as_at(as_at)
            if run_select(twin.con, sql, timeout) != answer:
                raise MeasureQueryError(
                    "the answer depends on the values of children's ids, not only on counting "
                    "children: a measure may count them (count(DISTINCT child_id)) but not "
                    "read them"
                )
        for name, number in zip(("numerator", "denominator"), answer, strict=True):
            if (
                number == int(number)
                and int(number) > self._rows()
                and int(number) in self._dates_of_birth()
            ):
                raise MeasureQueryError(
                    f"the {name} is a child's date of birth written as a number, not a count: "
                    "a measure must give an aggregate"
                )
        return MeasureResult(measure_id, *answer)

    def _private_id_columns(self):
        for table in self.annex.lists.values():
            for key, column in table.columns.items():
                if column.field.private and column.field.kind is Kind.ID:
                    yield table, key, column

    def _has_ids(self) -> bool:
        return any(
            any(v is not None for v in column.values) for _, _, column in self._private_id_columns()
        )

    def _rows(self) -> int:
        return sum(len(t) for t in self.annex.lists.values())

    def _renamed_twin(self) -> MeasureEngine:
        """The same data with every child, family and adopter id renamed, one way in every
        list, so joins and distinct counts are kept: built once, for the first local measure."""
        if self._twin is None:
            names: dict[str, str] = {}

            def renamed(values) -> np.ndarray:
                out = np.empty(len(values), dtype=object)
                out[:] = [
                    None if v is None else names.setdefault(v, secrets.token_hex(8)) for v in values
                ]
                return out

            lists = {}
            for number, table in self.annex.lists.items():
                columns = dict(table.columns)
                for t, key, column in self._private_id_columns():
                    if t is table:
                        columns[key] = Column(column.field, column.header, renamed(column.values))
                lists[number] = dataclasses.replace(table, columns=columns, stored=None)
            self._twin = MeasureEngine(AnnexA(self.annex.source, lists, []), self.resources)
        return self._twin

    def _dates_of_birth(self) -> set[int]:
        """Every child's date of birth as the numbers a query could turn it into: days since
        1970, an Excel serial, seconds since 1970, YYYYMMDD and DDMMYYYY."""
        if self._private is None:
            numbers: set[int] = set()
            for table in self.annex.lists.values():
                for column in table.columns.values():
                    if not (column.field.private and column.field.kind is Kind.DATE):
                        continue
                    days = _ints(column.values)
                    for day in np.unique(days[days > cells.UNREADABLE]).tolist():
                        date = cells.from_day_number(day)
                        numbers |= {day, day + _EXCEL_EPOCH, day * 86_400}
                        numbers |= {int(f"{date:%Y%m%d}"), int(f"{date:%d%m%Y}")}
            self._private = numbers
        return self._private

    def _standard(self, m: Measure) -> MeasureResult:
        table = self.annex.lists.get(m.list)
        if table is None:
            return MeasureResult(m.id, None, None, not_computed=f"the data has no List {m.list}")
        missing = [table.columns[k].field.header for k in m.reads if not table.has(k)]
        if missing:
            names = ", ".join(repr(h) for h in missing)
            return MeasureResult(
                m.id, None, None, not_computed=f"List {m.list} has no column {names}"
            )
        counted = "DISTINCT child_id" if m.counts_children else "*"
        readable = " AND ".join(f"NOT {k}_unreadable" for k in m.dates)
        # GROUPING tells the total row apart from the group of rows with no team.
        rows = self.con.execute(
            f"""
            SELECT allocated_team, grouping(allocated_team) = 1 AS total,
                   count({counted}) FILTER (WHERE {m.condition_sql}) AS numerator,
                   count({counted}) AS denominator
            FROM list_{m.list}
            WHERE ({m.cohort_sql}) AND {readable}
                  {"AND child_id IS NOT NULL" if m.counts_children else ""}
            GROUP BY GROUPING SETS ((), (allocated_team))
            ORDER BY total DESC, allocated_team NULLS LAST
            """
        ).fetchall()
        total = next((r for r in rows if r[1]), None)
        teams = tuple(
            TeamCount(team, num, den) for team, is_total, num, den in rows if not is_total
        )
        return MeasureResult(m.id, total[2] if total else 0, total[3] if total else 0, teams)

    def _set_as_at(self, as_at: dt.date) -> None:
        if as_at == self._as_at:
            return
        self.con.execute(f"CREATE OR REPLACE MACRO as_at() AS DATE '{as_at.isoformat()}'")
        self.con.execute(
            f"CREATE OR REPLACE MACRO window_start() AS DATE '{window_start(as_at).isoformat()}'"
        )
        self._as_at = as_at

    def _take_stored(self) -> set[int]:
        """The store's lists renamed list_<n>, and every other table in it dropped, so that a
        local measure sees what it would see in an engine of its own. Their numbers."""
        con, kept = self.con, {}
        for number, table in self.annex.lists.items():
            if table.stored is not None and table.stored.con is con:
                kept[table.stored.name] = (number, table.stored)
        for (name,) in con.execute("SELECT table_name FROM duckdb_tables()").fetchall():
            if name not in kept:
                con.execute(f'DROP TABLE "{name}"')
        for name, (number, stored) in kept.items():
            con.execute(f'ALTER TABLE "{name}" RENAME TO list_{number}')
            stored.name = f"list_{number}"
        return {number for number, _ in kept.values()}

    def _load(self, table: ListTable) -> None:
        arrays: dict[str, np.ndarray] = {"row_number": _ints(table.row_numbers)}
        selects = ["row_number"]
        for key, column in table.columns.items():
            arrays[key] = _numpy(column.values, column.field.kind)
            selects += stored_select(key, column.field.kind)
        for name, values in zip(extra_names(table), table.extras.values(), strict=True):
            arrays[name] = np.asarray(values, dtype=object)
            selects.append(f'CAST("{name}" AS VARCHAR) AS "{name}"')
        create = f"CREATE TABLE list_{table.spec.number} AS SELECT {', '.join(selects)} FROM"
        if not len(table):
            # DuckDB reads a dict of empty arrays as one column: type each one instead.
            nulls = ", ".join(
                f'NULL::{_SQL_TYPES[a.dtype.kind]} AS "{k}"' for k, a in arrays.items()
            )
            self.con.execute(f"{create} (SELECT {nulls} WHERE false)")
            return
        self.con.register("incoming", arrays)
        try:
            self.con.execute(f"{create} incoming")
        finally:
            self.con.unregister("incoming")

    def _load_calendar(self) -> None:
        self.con.register("incoming", _calendar())
        try:
            self.con.execute(
                "CREATE TABLE calendar AS SELECT DATE '1970-01-01' + day AS day, n FROM incoming"
            )
        finally:
            self.con.unregister("incoming")


@cache
def _calendar() -> dict[str, np.ndarray]:
    """Every day of the calendar with its running count of working days, so that the
    working days between x and y are n(y) - n(x). Built once per process."""
    days = np.arange(cells.day_number(CALENDAR_FIRST), cells.day_number(CALENDAR_LAST) + 1)
    bank = [cells.day_number(d) for d in bank_holidays(CALENDAR_FIRST.year, CALENDAR_LAST.year)]
    weekday = (days + 3) % 7  # day 0, 1 January 1970, was a Thursday
    working = (weekday < 5) & ~np.isin(days, bank)
    return {"day": days.astype(np.int32), "n": np.cumsum(working, dtype=np.int32)}


def _literal(value: bool | int | str) -> str:
    """A setting's value as SQL (SET takes no parameters): from Resources.config alone."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    return "'" + value.replace("'", "''") + "'"


def _list_of(measure_id: str) -> int | None:
    measure = MEASURES_BY_ID.get(measure_id)
    return measure.list if measure else None


def _ints(values) -> np.ndarray:
    return np.frombuffer(values, dtype=np.int32) if len(values) else np.zeros(0, np.int32)


def _numpy(values, kind: Kind) -> np.ndarray:
    """A view of the reader's array, without a copy."""
    if kind in (Kind.DATE, Kind.COUNT):
        return _ints(values)
    if kind is Kind.NUMBER:
        return np.frombuffer(values, dtype=np.float64) if len(values) else np.zeros(0)
    return np.asarray(values, dtype=object)


def stored_select(key: str, kind: Kind, source: str | None = None) -> list[str]:
    """The SQL turning a column as the reader keeps it (day numbers and counts with the
    BLANK and UNREADABLE markers, numbers with NaN, text with None), found in `source`
    (the column named `key` by default), into the engine's columns."""
    s = source or key
    if kind is Kind.DATE:
        return [
            f"CASE WHEN {s} > {cells.UNREADABLE} THEN DATE '1970-01-01' + {s} END AS {key}",
            f"{s} = {cells.UNREADABLE} AS {key}_unreadable",
        ]
    if kind is Kind.COUNT:
        return [f"CASE WHEN {s} <> {cells.BLANK} THEN {s} END AS {key}"]
    if kind is Kind.NUMBER:
        return [f"CASE WHEN NOT isnan({s}) THEN {s} END AS {key}"]
    return [f"CAST({s} AS VARCHAR) AS {key}"]


def extra_names(table: ListTable, headers: Iterable[str] | None = None) -> list[str]:
    """Columns the list does not define (its extras, or `headers`), named for SQL: 'Social
    Worker Grade' becomes social_worker_grade, kept clear of the list's own names and of
    each other."""
    taken = set(table.columns) | {f"{k}_unreadable" for k in table.columns} | {"row_number"}
    names = []
    for header in table.extras if headers is None else headers:
        base = re.sub(r"[^0-9a-z]+", "_", header.casefold()).strip("_") or "column"
        name, n = base, 1
        while name in taken:
            n += 1
            name = f"{base}_{n}"
        taken.add(name)
        names.append(name)
    return names
