"""Writing indicator values: computed from Annex A, or imported from a CSV file.

Both write in one transaction, and only aggregates: a number, its numerator and its
denominator. The Annex A data itself (child ids, dates of birth) stays in memory.
"""

from __future__ import annotations

import csv
import datetime as dt
import logging
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from itertools import islice
from pathlib import Path
from typing import TYPE_CHECKING

from django.db import connection, transaction
from django.db.models import Field
from django.db.models.fields.reverse_related import ForeignObjectRel
from django.utils import timezone

from actionplan.core.errors import UserError
from actionplan.core.limits import read_limits
from actionplan.importing.readers.packages import Limits
from actionplan.importing.readers.text import detect_encoding, open_text
from actionplan.indicators import sandbox
from actionplan.indicators.annexa import MEASURES_BY_ID, Period
from actionplan.indicators.annexa.headers import header_key
from actionplan.indicators.models import (
    DIGITS,
    LIMITS,
    PLACES,
    Indicator,
    IndicatorValue,
    ValuesImport,
    broken_limit,
)
from actionplan.plans.models import Organisation, Plan

if TYPE_CHECKING:
    from actionplan.indicators.annexa import Computation

logger = logging.getLogger(__name__)

_PLACES = Decimal(1).scaleb(-PLACES)
_ERRORS_SHOWN = 5


class ValueNotStorable(UserError):
    """A number too large, or too finely divided, for an indicator value's columns."""


class ValueImportError(UserError):
    """A CSV file of values that cannot be imported: nothing was written. `errors` lists the
    first problems (row and column), without the file's name; `total` counts them all; the
    message shows the first few."""

    def __init__(self, message: str, errors: list[str] | None = None, total: int | None = None):
        super().__init__(message)
        self.errors = errors if errors is not None else [message]
        self.total = total if total is not None else len(self.errors)


@dataclass
class StoredValues:
    created: int = 0
    updated: int = 0
    not_stored: list[str] = field(default_factory=list)  # indicator: measure not computed


def value_in_unit(unit: str, numerator, denominator) -> Decimal | None:
    """The value a result gives an indicator: a percentage, a count, or the ratio."""
    if numerator is None:
        return None
    n = Decimal(str(numerator))
    if unit == Indicator.Unit.COUNT or denominator is None:
        return n
    if not denominator:
        return None
    ratio = n / Decimal(str(denominator))
    ratio = ratio * 100 if unit == Indicator.Unit.PERCENT else ratio
    # Rounded to the places stored; one too large to round is left for unstorable to refuse.
    return ratio.quantize(_PLACES) if broken_limit(ratio) != "max_whole_digits" else ratio


def unstorable(**numbers: Decimal | None) -> str | None:
    """Why one of a value's numbers cannot be stored ("the value has more than 14 digits
    before the decimal point"); None when they all can. The rule is models.broken_limit."""
    for name, number in numbers.items():
        if number is not None and (code := broken_limit(number)):
            return f"the {name} has {LIMITS.get(code, 'no value')}"
    return None


def compute_from_annex_a(
    path: str | Path,
    as_at: dt.date,
    organisation: Organisation | None = None,
    limits: Limits | None = None,
) -> Computation:
    """The standard measures, and the organisation's local ones, from an Annex A file read
    within `limits` (by default those of an upload)."""
    # Here, not at the top: the reader and engine load openpyxl, DuckDB and numpy.
    from actionplan.indicators.annexa import compute, read_annex_a

    local = {}
    if organisation is not None:
        local = dict(organisation.local_measures.values_list("key", "sql"))
    result = compute(
        read_annex_a(path, limits or read_limits()),
        as_at,
        local,
        resources=sandbox.resources(),
        suppression=sandbox.suppression(),
    )
    logger.debug(
        "computed %d measures as at %s (%d problems)",
        len(result.measures),
        as_at,
        len(result.problems),
    )
    return result


@transaction.atomic
def store_computation(plan: Plan, result: Computation, source: str = "") -> StoredValues:
    """Each of the plan's indicators that names a measure gets its value as at the date:
    a new value, or the one for that period updated."""
    from actionplan.indicators.annexa.engine import window_start  # DuckDB: see above

    results = {m.id: m for m in result.measures}
    stored = StoredValues()
    note = f"Computed from {source or 'Annex A'} as at {result.as_at:%d/%m/%Y}"
    for indicator in plan.indicators.exclude(measure_id="").order_by("order", "name"):
        measure = results.get(indicator.measure_id)
        if measure is None or measure.not_computed:
            # Not why: this text goes into a message the session or a cookie keeps.
            stored.not_stored.append(f"{indicator.name}: {indicator.measure_id} not computed")
            continue
        value, numerator, denominator, why = computed_value(
            indicator.unit, measure.numerator, measure.denominator
        )
        if why:
            stored.not_stored.append(f"{indicator.name}: {why}")
            continue
        standard = MEASURES_BY_ID.get(indicator.measure_id)
        in_window = standard is not None and standard.period is Period.WINDOW
        _, created = IndicatorValue.objects.update_or_create(
            indicator=indicator,
            period_end=result.as_at,
            defaults={
                "period_start": window_start(result.as_at) + dt.timedelta(days=1)
                if in_window
                else None,
                "value": value,
                "numerator": numerator,
                "denominator": denominator,
                "source": IndicatorValue.Source.COMPUTED,
                "note": note,
            },
        )
        if created:
            stored.created += 1
        else:
            stored.updated += 1
    return stored


def computed_value(unit: str, numerator, denominator) -> tuple:
    """(value, numerator, denominator, why not) for a computed measure's figures, rounded to
    the places stored (a local measure's may be any float); why not is "" when they can be
    stored, else which is too large."""
    value = _rounded(value_in_unit(unit, numerator, denominator))
    numerator, denominator = _rounded(numerator), _rounded(denominator)
    why = unstorable(value=value, numerator=numerator, denominator=denominator)
    return value, numerator, denominator, why or ""


def _rounded(number: Decimal | int | float | None) -> Decimal | None:
    if number is None:
        return None
    n = Decimal(str(number))
    return n.quantize(_PLACES) if broken_limit(n) == "max_decimal_places" else n


# -- values from CSV --------------------------------------------------------------------

_COLUMNS = {
    "indicator": ("indicator", "indicator id", "indicator name"),
    "period_start": ("period start", "start", "from"),
    "period_end": ("period end", "end", "to", "as at", "date"),
    "value": ("value",),
    "numerator": ("numerator",),
    "denominator": ("denominator",),
    "note": ("note", "notes", "comment"),
}
# A column's own name (period_end, as the docs write it) is a header too.
_HEADERS = {header_key(h): column for column, names in _COLUMNS.items() for h in (column, *names)}
_ISO = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
_DAY_FIRST = re.compile(r"(\d{1,2})/(\d{1,2})/(\d{4})")
_LARGEST = f"{Decimal(10) ** (DIGITS - PLACES) - _PLACES:,}"
_ID = re.compile(r"[0-9]+")
_ID_DIGITS = 18  # a 64-bit id has at most 19 digits: longer ones are no indicator's
ERRORS_LISTED = 100  # errors a failed import lists; the rest are only counted
_BATCH = 500  # values written per statement
_FIELDS = ("period_start", "value", "numerator", "denominator", "note", "source")
KEEP_IMPORTS = dt.timedelta(days=30)  # finished imports are forgotten after this long


@dataclass
class ImportedValues:
    created: int = 0
    updated: int = 0


@dataclass(frozen=True)
class _Value:
    """A checked row: what is stored, and nothing else."""

    indicator_id: int
    period_start: dt.date | None
    period_end: dt.date
    value: Decimal | None
    numerator: Decimal | None
    denominator: Decimal | None
    note: str


def import_values_csv(
    source: str | Path | bytes,
    plan: Plan | None = None,
    today: dt.date | None = None,
    *,
    name: str | None = None,
) -> ImportedValues:
    """Values from a CSV file (a path, or its bytes) with columns indicator, period_end (or
    as at), value and/or numerator and denominator, and optionally period_start and note.

    The file is read twice as a stream, never held as rows: first every row is checked, and
    any error stops the import (ValueImportError lists the first ERRORS_LISTED, each naming
    its row and column but never quoting the cell, and counts them all); then the values
    are written in batches, in one transaction. A period may not end after `today` (by
    default, today's date where the service is)."""
    if isinstance(source, bytes):
        data, name = source, name or "values.csv"
    else:
        path = Path(source)
        if not path.is_file():
            raise _file_error(str(path), "no such file")
        data, name = path.read_bytes(), name or str(path)
    today = today or timezone.localdate()
    reader = _ValuesReader(data, name, plan, today)
    reader.check()
    return _store_values(reader.values())


def queue_values_import(
    plan: Plan, data: bytes, filename: str, *, user=None, today: dt.date | None = None
) -> ValuesImport:
    """Keep a values file to be imported on the task queue; the job and the task that runs
    it are stored together, so neither is left without the other."""
    from actionplan.indicators.tasks import import_values

    with transaction.atomic():
        ValuesImport.objects.filter(created_at__lt=timezone.now() - KEEP_IMPORTS).delete()
        job = ValuesImport.objects.create(
            plan=plan,
            created_by=user,
            filename=filename[:255],
            data=data,
            today=today or timezone.localdate(),
        )
        import_values.enqueue(job.pk)
    return job


def run_values_import(job_id: int) -> str:
    """Import a queued values file, once: the job is claimed in the transaction that stores
    its values, so a second run (two workers, or a killed worker's task done again) finds it
    done, and a run cut short stores nothing and leaves it queued. Returns its status."""
    job = ValuesImport.objects.filter(pk=job_id).first()
    if job is None or job.status != ValuesImport.Status.QUEUED:
        return job.status if job else "gone"
    reader = _ValuesReader(bytes(job.data), job.filename, job.plan, job.today)
    outcome: dict = {"data": b"", "finished_at": timezone.now()}
    try:
        reader.check()  # reads only: no lock is held while every row is checked
    except ValueImportError as e:
        outcome |= {
            "status": ValuesImport.Status.FAILED,
            "errors": e.errors,
            "error_count": e.total,
        }
        _finish(job_id, outcome)
        return ValuesImport.Status.FAILED
    with transaction.atomic():
        if not _finish(job_id, {"status": ValuesImport.Status.DONE}):
            return "done already"
        imported = _store_values(reader.values())
        _finish(
            job_id,
            outcome | {"created": imported.created, "updated": imported.updated},
            claim=False,
        )
    return ValuesImport.Status.DONE


def _finish(job_id: int, fields: dict, *, claim: bool = True) -> bool:
    """Write the job's outcome; when claiming, only if it is still queued (one run wins)."""
    jobs = ValuesImport.objects.filter(pk=job_id)
    if claim:
        jobs = jobs.filter(status=ValuesImport.Status.QUEUED)
    return jobs.update(**fields) == 1


def _column(field: Field | ForeignObjectRel) -> str:
    """A stored field's column (the reverse side of a relation has none)."""
    assert isinstance(field, Field) and field.column is not None
    return field.column


def _store_values(values: Iterator[_Value]) -> ImportedValues:
    """Upsert the values a batch at a time (INSERT ... ON CONFLICT, which SQLite and
    PostgreSQL both have): bulk_create spent 0.2 ms a row preparing its SQL."""
    meta = IndicatorValue._meta
    quote = connection.ops.quote_name
    columns = [
        _column(meta.get_field(f))
        for f in ("indicator", "period_end", *_FIELDS, "source_url", "created_at")
    ]
    key = columns[:2]
    sql = (
        f"INSERT INTO {quote(meta.db_table)} ({', '.join(map(quote, columns))}) "
        f"VALUES ({', '.join(['%s'] * len(columns))}) "
        f"ON CONFLICT ({', '.join(map(quote, key))}) DO UPDATE SET "
        + ", ".join(f"{quote(c)} = excluded.{quote(c)}" for c in columns[2:-1])
    )
    now = meta.get_field("created_at").get_db_prep_save(timezone.now(), connection)
    source = IndicatorValue.Source.CSV.value
    indicators: set[int] = set()
    written = 0
    before = 0  # the values each indicator had, counted before its first is written
    with transaction.atomic(), connection.cursor() as cursor:
        for batch in iter(lambda: list(islice(values, _BATCH)), []):
            new = {v.indicator_id for v in batch} - indicators
            if new:
                before += IndicatorValue.objects.filter(indicator_id__in=new).count()
                indicators |= new
            cursor.executemany(
                sql,
                [
                    (v.indicator_id, v.period_end, v.period_start, v.value, v.numerator,
                     v.denominator, v.note, source, "", now)
                    for v in batch
                ],
            )  # fmt: skip
            written += len(batch)
        created = IndicatorValue.objects.filter(indicator_id__in=indicators).count() - before
    return ImportedValues(created=created, updated=written - created)


def _file_error(name: str, problem: str) -> ValueImportError:
    return ValueImportError(f"{name}: {problem}", [problem])


class _ValuesReader:
    """One values file, read as a stream each time it is walked."""

    def __init__(self, data: bytes, name: str, plan: Plan | None, today: dt.date):
        self.data, self.name, self.plan, self.today = data, name, plan, today
        self.encoding = detect_encoding(data)
        self.indicators: dict[str, tuple[Indicator | None, str]] = {}  # cell -> found, or why not
        self.errors: list[str] = []
        self.error_count = 0

    def _rows(self) -> Iterator[tuple[int, dict[str, str]]]:
        with open_text(self.data, self.encoding, newline="") as stream:
            lines = csv.reader(stream)
            try:
                header = next(lines, None)
                if header is None:
                    raise _file_error(self.name, "the file is empty")
                wanted = [
                    (i, _HEADERS[k])
                    for i, h in enumerate(header)
                    if (k := header_key(h)) in _HEADERS
                ]
                self._check_header({column for _, column in wanted})
                for number, cells in enumerate(lines, start=2):
                    row = {column: cells[i].strip() for i, column in wanted if i < len(cells)}
                    if any(c.strip() for c in cells):
                        yield number, row
            except csv.Error as e:  # its messages never quote a cell ("line contains NUL")
                raise _file_error(self.name, f"not a valid CSV file ({e})") from None

    def _check_header(self, found: set[str]) -> None:
        missing = [c for c in ("indicator", "period_end") if c not in found]
        if not {"value", "numerator"} & found:
            missing.append("value (or numerator and denominator)")
        if missing:
            raise _file_error(self.name, f"row 1: no column for {', '.join(missing)}")

    def check(self) -> None:
        """Every row, and every pair of rows for one indicator and period: raise
        ValueImportError if any is wrong."""
        seen: dict[tuple[int, int], int] = {}
        for number, row in self._rows():
            value = self._parse(number, row)
            if value is None:
                continue
            key = (value.indicator_id, value.period_end.toordinal())
            if key in seen:
                self._error(f"row {number}: the same indicator and period as row {seen[key]}")
            else:
                seen[key] = number
        if self.error_count:
            shown = "; ".join(self.errors[:_ERRORS_SHOWN])
            more = self.error_count - min(len(self.errors), _ERRORS_SHOWN)
            raise ValueImportError(
                f"{self.name}: {shown}{f' (and {more:,} more)' if more else ''}; nothing imported",
                self.errors,
                total=self.error_count,
            )

    def values(self) -> Iterator[_Value]:
        """The rows as values to store: only after check() has passed."""
        for number, row in self._rows():
            value = self._parse(number, row)
            if value is None:  # an indicator removed since the check, say
                raise ValueImportError(
                    f"{self.name}: {'; '.join(self.errors)}; nothing imported", self.errors
                )
            yield value

    def _error(self, message: str) -> None:
        self.error_count += 1
        if len(self.errors) < ERRORS_LISTED:
            self.errors.append(message)

    def _parse(self, number: int, row: dict[str, str]) -> _Value | None:
        before = self.error_count

        def error(column: str, message: str) -> None:
            self._error(f"row {number}, column {column!r}: {message}")

        indicator = self._indicator(row.get("indicator", ""), lambda m: error("indicator", m))
        period_end = _date(row.get("period_end", ""), lambda m: error("period_end", m), True)
        period_start = _date(row.get("period_start", ""), lambda m: error("period_start", m))
        numbers = {
            c: _number(row.get(c, ""), lambda m, c=c: error(c, m))
            for c in ("value", "numerator", "denominator")
        }
        if period_end and period_end > self.today:
            error("period_end", "the period ends in the future: a period must have ended")
        if period_start and period_end and period_start > period_end:
            error("period_start", "the period starts after it ends")
        if numbers["value"] is None and numbers["numerator"] is None and self.error_count == before:
            error("value", "no value, and no numerator to make one from")
        if self.error_count > before:
            return None
        # Both are found, or an error was counted just above.
        assert indicator is not None and period_end is not None
        value = numbers["value"]
        if value is None:
            value = value_in_unit(indicator.unit, numbers["numerator"], numbers["denominator"])
            if why := unstorable(value=value):
                error("value", f"the value worked out from the numerator and denominator: {why}")
                return None
        return _Value(
            indicator.pk,
            period_start,
            period_end,
            value,
            numbers["numerator"],
            numbers["denominator"],
            row.get("note", ""),
        )

    def _indicator(self, text: str, error) -> Indicator | None:
        """The indicator a cell names, looked up once per distinct cell."""
        if text not in self.indicators:
            self.indicators[text] = _find_indicator(text, self.plan)
        indicator, why = self.indicators[text]
        if why:
            error(why)
        return indicator


def _find_indicator(text: str, plan: Plan | None) -> tuple[Indicator | None, str]:
    """(the indicator, "") or (None, why not), never quoting the cell."""
    if not text:
        return None, "blank"
    indicators = Indicator.objects.all() if plan is None else plan.indicators.all()
    where = f" in plan {plan.pk}" if plan else ""
    # An id is ASCII digits ('²'.isdigit() is true too), and no more than a database id holds.
    by_id = _ID.fullmatch(text) is not None
    if by_id:
        matches = list(indicators.filter(pk=int(text))[:2]) if len(text) <= _ID_DIGITS else []
    else:
        matches = list(indicators.filter(name__iexact=text)[:2])
    if not matches:
        return None, f"no indicator {'has that id' if by_id else 'has that name'}{where}"
    if len(matches) > 1:
        return None, "more than one indicator has that name: give its id, or the plan (--plan)"
    return matches[0], ""


def _date(text: str, error, required: bool = False) -> dt.date | None:
    if not text:
        if required:
            error("blank")
        return None
    match = _ISO.fullmatch(text) or _DAY_FIRST.fullmatch(text)
    if match:
        parts = [int(g) for g in match.groups()]
        year, month, day = parts if match.re is _ISO else parts[::-1]
        try:
            return dt.date(year, month, day)
        except ValueError:
            pass
    error("not a date (DD/MM/YYYY or YYYY-MM-DD)")
    return None


def _number(text: str, error) -> Decimal | None:
    if not text:
        return None
    try:
        number = Decimal(text.removesuffix("%").replace(",", "").strip())
    except InvalidOperation:
        number = None
    if number is None or not number.is_finite():
        error("not a number")
        return None
    if code := broken_limit(number):
        largest = f": the largest number is {_LARGEST}" if code == "max_whole_digits" else ""
        error(f"the number has {LIMITS[code]}{largest}")
        return None
    return number


# -- a value typed in -------------------------------------------------------------------


@transaction.atomic
def record_value(
    indicator: Indicator,
    *,
    period_end: dt.date,
    period_start: dt.date | None = None,
    value: Decimal | None = None,
    numerator: Decimal | None = None,
    denominator: Decimal | None = None,
    note: str = "",
) -> tuple[IndicatorValue, bool]:
    """A value entered by hand (the web form): the value given, or worked out from the
    numerator and denominator in the indicator's unit. Replaces a value already stored for
    that period end; says whether it was created. A number the columns cannot hold is
    refused (ValueNotStorable); the form checks the same before it gets here."""
    if value is None:
        value = value_in_unit(indicator.unit, numerator, denominator)
    if why := unstorable(value=value, numerator=numerator, denominator=denominator):
        raise ValueNotStorable(f"{indicator.name}: {why}")
    return IndicatorValue.objects.update_or_create(
        indicator=indicator,
        period_end=period_end,
        defaults={
            "period_start": period_start,
            "value": value,
            "numerator": numerator,
            "denominator": denominator,
            "note": note,
            "source": IndicatorValue.Source.MANUAL,
        },
    )
