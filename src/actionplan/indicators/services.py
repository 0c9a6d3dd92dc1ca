"""Writing indicator values: computed from Annex A, or imported from a CSV file.

Both write in one transaction, and only aggregates: a number, its numerator and its
denominator. The Annex A data itself (child ids, dates of birth) stays in memory.
"""

from __future__ import annotations

import csv
import datetime as dt
import logging
import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path

from django.db import transaction
from django.utils import timezone

from actionplan.core.errors import UserError
from actionplan.core.limits import read_limits
from actionplan.importing.readers.packages import Limits
from actionplan.importing.readers.text import detect_encoding, open_text
from actionplan.indicators.annexa import MEASURES_BY_ID, Computation, Period, compute, read_annex_a
from actionplan.indicators.annexa.engine import window_start
from actionplan.indicators.annexa.headers import header_key
from actionplan.indicators.models import (
    DIGITS,
    LIMITS,
    PLACES,
    Indicator,
    IndicatorValue,
    broken_limit,
)
from actionplan.plans.models import Organisation, Plan

logger = logging.getLogger(__name__)

_PLACES = Decimal(1).scaleb(-PLACES)
_ERRORS_SHOWN = 5


class ValueNotStorable(UserError):
    """A number too large, or too finely divided, for an indicator value's columns."""


class ValueImportError(UserError):
    """A CSV file of values that cannot be imported: nothing was written. `errors` lists
    every problem (row and column), without the file's name; the message shows the first."""

    def __init__(self, message: str, errors: list[str] | None = None):
        super().__init__(message)
        self.errors = errors if errors is not None else [message]


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
    local = {}
    if organisation is not None:
        local = dict(organisation.local_measures.values_list("key", "sql"))
    result = compute(read_annex_a(path, limits or read_limits()), as_at, local)
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


def _rounded(number: int | float | None) -> Decimal | None:
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


@dataclass
class ImportedValues:
    created: int = 0
    updated: int = 0


def import_values_csv(
    path: str | Path, plan: Plan | None = None, today: dt.date | None = None
) -> ImportedValues:
    """Values from a CSV file with columns indicator, period_end (or as at), value and/or
    numerator and denominator, and optionally period_start and note. Every row is checked
    before anything is written; any error stops the import and names its row and column.
    A period may not end after `today` (by default, today's date where the service is)."""
    path = Path(path)
    today = today or timezone.localdate()
    rows = _read_rows(path)
    errors: list[str] = []
    values = [_parse_row(number, row, plan, today, errors) for number, row in rows]
    seen: dict[tuple, int] = {}
    for (number, _), value in zip(rows, values, strict=True):
        if value is None:
            continue
        key = (value.indicator_id, value.period_end)
        if key in seen:
            errors.append(f"row {number}: the same indicator and period as row {seen[key]}")
        seen[key] = number
    if errors:
        more = f" (and {len(errors) - _ERRORS_SHOWN} more)" if len(errors) > _ERRORS_SHOWN else ""
        raise ValueImportError(
            f"{path}: {'; '.join(errors[:_ERRORS_SHOWN])}{more}; nothing imported", errors
        )
    return _store_values(values)


@transaction.atomic
def _store_values(values: list[IndicatorValue]) -> ImportedValues:
    imported = ImportedValues()
    for value in values:
        fields = ("period_start", "value", "numerator", "denominator", "note")
        _, created = IndicatorValue.objects.update_or_create(
            indicator=value.indicator,
            period_end=value.period_end,
            defaults={f: getattr(value, f) for f in fields} | {"source": value.source},
        )
        if created:
            imported.created += 1
        else:
            imported.updated += 1
    return imported


def _file_error(path: Path, problem: str) -> ValueImportError:
    return ValueImportError(f"{path}: {problem}", [problem])


def _read_rows(path: Path) -> list[tuple[int, dict[str, str]]]:
    if not path.is_file():
        raise _file_error(path, "no such file")
    data = path.read_bytes()
    with open_text(data, detect_encoding(data), newline="") as stream:
        try:
            lines = list(csv.reader(stream))
        except csv.Error as e:
            raise _file_error(path, f"not a valid CSV file ({e})") from None
    if not lines:
        raise _file_error(path, "the file is empty")
    header, *body = lines
    columns = {i: _HEADERS.get(header_key(h)) for i, h in enumerate(header)}
    found = set(columns.values())
    missing = [c for c in ("indicator", "period_end") if c not in found]
    if not {"value", "numerator"} & found:
        missing.append("value (or numerator and denominator)")
    if missing:
        raise _file_error(path, f"row 1: no column for {', '.join(missing)}")
    return [
        (n, {columns[i]: cell.strip() for i, cell in enumerate(cells) if columns.get(i)})
        for n, cells in enumerate(body, start=2)
        if any(c.strip() for c in cells)
    ]


def _parse_row(
    number: int, row: dict[str, str], plan: Plan | None, today: dt.date, errors: list[str]
) -> IndicatorValue | None:
    before = len(errors)

    def error(column: str, message: str) -> None:
        errors.append(f"row {number}, column {column!r}: {message}")

    indicator = _find_indicator(row.get("indicator", ""), plan, lambda m: error("indicator", m))
    period_end = _date(row.get("period_end", ""), lambda m: error("period_end", m), required=True)
    period_start = _date(row.get("period_start", ""), lambda m: error("period_start", m))
    numbers = {
        c: _number(row.get(c, ""), lambda m, c=c: error(c, m))
        for c in ("value", "numerator", "denominator")
    }
    if period_end and period_end > today:
        error("period_end", f"{period_end:%d/%m/%Y} is in the future: a period must have ended")
    if period_start and period_end and period_start > period_end:
        error("period_start", "the period starts after it ends")
    if numbers["value"] is None and numbers["numerator"] is None and len(errors) == before:
        error("value", "no value, and no numerator to make one from")
    if len(errors) > before:
        return None
    value = numbers["value"]
    if value is None:
        value = value_in_unit(indicator.unit, numbers["numerator"], numbers["denominator"])
        if why := unstorable(value=value):
            error("value", f"the value worked out from the numerator and denominator: {why}")
            return None
    return IndicatorValue(
        indicator=indicator,
        period_start=period_start,
        period_end=period_end,
        value=value,
        numerator=numbers["numerator"],
        denominator=numbers["denominator"],
        note=row.get("note", ""),
        source=IndicatorValue.Source.CSV,
    )


def _find_indicator(text: str, plan: Plan | None, error) -> Indicator | None:
    if not text:
        error("blank")
        return None
    indicators = Indicator.objects.all() if plan is None else plan.indicators.all()
    where = f" in plan {plan.pk}" if plan else ""
    # An id is ASCII digits ('²'.isdigit() is true too), and no more than a database id holds.
    by_id = _ID.fullmatch(text) is not None
    if by_id:
        matches = list(indicators.filter(pk=int(text))[:2]) if len(text) <= _ID_DIGITS else []
    else:
        matches = list(indicators.filter(name__iexact=text)[:2])
    if not matches:
        error(f"no indicator {'with id' if by_id else 'named'} {text!r}{where}")
        return None
    if len(matches) > 1:
        error(f"more than one indicator is named {text!r}: give its id, or the plan (--plan)")
        return None
    return matches[0]


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
    error(f"{text!r} is not a date (DD/MM/YYYY or YYYY-MM-DD)")
    return None


def _number(text: str, error) -> Decimal | None:
    if not text:
        return None
    try:
        number = Decimal(text.removesuffix("%").replace(",", "").strip())
    except InvalidOperation:
        number = None
    if number is None or not number.is_finite():
        error(f"{text!r} is not a number")
        return None
    if code := broken_limit(number):
        largest = f": the largest number is {_LARGEST}" if code == "max_whole_digits" else ""
        error(f"{text!r} has {LIMITS[code]}{largest}")
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
