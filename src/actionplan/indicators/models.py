"""Indicators: what a plan measures to show it made a difference, and the values over time.

Only aggregates are stored: a value is a number with, where it is a proportion, its
numerator and denominator. Nothing here holds a child's identifier or date of birth.
"""

from __future__ import annotations

from decimal import Decimal
from typing import TypedDict

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models

from actionplan.indicators import rag, sandbox
from actionplan.indicators.annexa import MEASURES_BY_ID
from actionplan.plans.models import Action, Organisation, Party, Plan, Recommendation

DIGITS, PLACES = 20, 6  # every number column: values, targets, baselines, tolerances
WHOLE_DIGITS = DIGITS - PLACES


class _DecimalSize(TypedDict):
    max_digits: int
    decimal_places: int


_DECIMAL: _DecimalSize = {"max_digits": DIGITS, "decimal_places": PLACES}
# What each limit a number can break means, by the code Django's DecimalField uses for it.
LIMITS = {
    "max_whole_digits": f"more than {WHOLE_DIGITS} digits before the decimal point",
    "max_decimal_places": f"more than {PLACES} decimal places",
}


def broken_limit(number: Decimal) -> str | None:
    """Which of the number columns' limits the number breaks (a key of LIMITS, or
    "invalid" for infinity or NaN); None when it can be stored. A number that breaks one is
    refused on every way in: a database would refuse it, or SQLite store it and fail every
    later read of the row."""
    if not number.is_finite():
        return "invalid"
    if number and number.adjusted() >= WHOLE_DIGITS:
        return "max_whole_digits"
    exponent = number.normalize().as_tuple().exponent  # an int: the number is finite
    if number and isinstance(exponent, int) and exponent < -PLACES:
        return "max_decimal_places"
    return None


def validate_storable(number: Decimal | None) -> None:
    """broken_limit as a form field's validator: the field's own error messages apply."""
    if number is not None and (code := broken_limit(number)):
        raise ValidationError(f"The number has {LIMITS.get(code, 'no value')}", code=code)


class Indicator(models.Model):
    class Unit(models.TextChoices):
        PERCENT = "percent", "% (numerator as a share of denominator)"
        COUNT = "count"
        NUMBER = "number"

    class Polarity(models.TextChoices):
        HIGHER = rag.HIGHER, "higher is better"
        LOWER = rag.LOWER, "lower is better"

    class Frequency(models.TextChoices):
        MONTHLY = "monthly"
        QUARTERLY = "quarterly"
        TWICE_YEARLY = "twice yearly"
        ANNUAL = "annual"
        AD_HOC = "ad hoc"

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="indicators")
    name = models.TextField()
    definition = models.TextField(blank=True, help_text="what is counted, and from where")
    unit = models.CharField(max_length=20, choices=Unit.choices, default=Unit.PERCENT)
    polarity = models.CharField(max_length=10, choices=Polarity.choices, default=Polarity.HIGHER)
    frequency = models.CharField(
        max_length=20, choices=Frequency.choices, default=Frequency.MONTHLY
    )
    baseline_value = models.DecimalField(null=True, blank=True, **_DECIMAL)
    baseline_period = models.TextField(blank=True, help_text="e.g. Q2 2012/13")
    target = models.DecimalField(null=True, blank=True, **_DECIMAL)
    tolerance = models.DecimalField(
        default=0, **_DECIMAL, help_text="how far short of the target is still amber, in the unit"
    )
    owner = models.ForeignKey(
        Party, null=True, blank=True, on_delete=models.SET_NULL, related_name="indicators"
    )
    recommendations = models.ManyToManyField(Recommendation, blank=True, related_name="indicators")
    actions = models.ManyToManyField(Action, blank=True, related_name="indicators")
    measure_id = models.CharField(
        max_length=100,
        blank=True,
        help_text="a standard measure's id, or a local measure's, when values are computed",
    )
    order = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["plan", "order", "name"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "name"], name="indicator_unique_name")
        ]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        if self.measure_id and not self.measure_is_known():
            raise ValidationError(
                {
                    "measure_id": f"{self.measure_id!r} is neither a standard measure nor one of "
                    "the organisation's local measures"
                }
            )

    def measure_is_known(self) -> bool:
        return (
            self.measure_id in MEASURES_BY_ID
            or LocalMeasure.objects.filter(
                organisation_id=self.plan.organisation_id, key=self.measure_id
            ).exists()
        )

    def rag_of(self, value: IndicatorValue | None) -> rag.Rag | None:
        """RAG against the target for one of its values."""
        number = value.value if value else None
        return rag.rag_against_target(number, self.target, self.tolerance, self.polarity)


def shown_value(value: Decimal | None, unit: str) -> str:
    """A value as pages and board papers show it: one decimal place at most, "%" for a
    percentage; "" for none."""
    if value is None:
        return ""
    text = f"{Decimal(value).quantize(Decimal('0.1')):f}".removesuffix(".0")
    return f"{text}%" if unit == Indicator.Unit.PERCENT else text


class IndicatorValue(models.Model):
    """An indicator's value for a period, or as at a date (period_start empty)."""

    class Source(models.TextChoices):
        MANUAL = "manual"
        CSV = "csv"
        COMPUTED = "computed"
        AUDIT = "audit", "case-file audits"

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="values")
    period_start = models.DateField(null=True, blank=True)
    period_end = models.DateField(help_text="the last day of the period, or the as-at date")
    value = models.DecimalField(null=True, blank=True, **_DECIMAL)
    numerator = models.DecimalField(null=True, blank=True, **_DECIMAL)
    denominator = models.DecimalField(null=True, blank=True, **_DECIMAL)
    source = models.CharField(max_length=20, choices=Source.choices, default=Source.MANUAL)
    note = models.TextField(blank=True)
    source_url = models.CharField(
        max_length=500, blank=True, help_text="the service's page the value came from (an audit)"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["indicator", "period_end"]
        constraints = [
            # One value per indicator for each period; periods are told apart by their end.
            models.UniqueConstraint(
                fields=["indicator", "period_end"], name="indicatorvalue_unique_period"
            ),
            models.CheckConstraint(
                condition=models.Q(period_start__isnull=True)
                | models.Q(period_start__lte=models.F("period_end")),
                name="indicatorvalue_period_in_order",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.indicator}: {self.value} ({self.period_end})"


class LocalMeasure(models.Model):
    """A council's own measure: SQL over its Annex A lists (docs/indicators.md)."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="local_measures"
    )
    key = models.SlugField(max_length=100, help_text="the id indicators name it by")
    name = models.TextField()
    sql = models.TextField(help_text="one SELECT giving a numerator and its denominator")
    definition = models.TextField(blank=True)

    class Meta:
        ordering = ["organisation", "key"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "key"], name="localmeasure_unique_key")
        ]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        # The engine (DuckDB, numpy) is loaded when a local measure is checked, not with the models.
        from actionplan.indicators.annexa import MeasureQueryError, check_local_sql

        if self.key in MEASURES_BY_ID:
            raise ValidationError({"key": f"{self.key!r} is a standard measure's id"})
        try:
            check_local_sql(self.sql, sandbox.resources())
        except MeasureQueryError as e:
            raise ValidationError({"sql": str(e)}) from None


class ValuesImport(models.Model):
    """A large CSV file of values, imported on the task queue (docs/indicators.md). The file
    is kept only until it has been read; the result is what the page shows afterwards."""

    class Status(models.TextChoices):
        QUEUED = "queued"
        DONE = "done"
        FAILED = "failed"

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="values_imports")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL
    )
    filename = models.TextField()
    data = models.BinaryField(help_text="the file, until it has been read")
    today = models.DateField(help_text="no period may end after this day")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    created = models.PositiveIntegerField(default=0)
    updated = models.PositiveIntegerField(default=0)
    errors = models.JSONField(default=list, blank=True, help_text="the first errors, by row")
    error_count = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.filename} ({self.status})"
