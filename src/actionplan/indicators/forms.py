"""The indicator forms: define an indicator, record a value, import values, compute them.

Every error names its field, the GOV.UK way (the error summary links to it)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django import forms
from django.db.models import Q
from django.utils.text import Truncator

from actionplan.core.forms import (
    GovukDateField,
    GovukForm,
    GovukModelForm,
    check_upload_size,
    choice,
    label_choices,
    model_choice,
)
from actionplan.core.wording import action_label
from actionplan.indicators import services
from actionplan.indicators.annexa import STANDARD_MEASURES
from actionplan.indicators.models import DIGITS, LIMITS, PLACES, Indicator, validate_storable
from actionplan.plans.models import Action, Party, Plan, Recommendation

_MAX_DIGITS, _PLACES = DIGITS, PLACES


def _decimal_widget(width: int = 5) -> forms.TextInput:
    return forms.TextInput(attrs={"inputmode": "decimal", "class": f"govuk-input--width-{width}"})


def _number_errors(what: str) -> dict[str, str]:
    return {
        "invalid": f"Enter {what} as a number, like 80 or 12.5",
        "max_decimal_places": f"Enter {what} with no more than {_PLACES} decimal places",
        "max_digits": f"Enter {what} with no more than {_MAX_DIGITS} digits",
        "max_whole_digits": f"Enter {what} with no more than {_MAX_DIGITS - _PLACES} digits "
        "before the decimal point",
    }


def _action_label(action: Action) -> str:
    ref = action_label(action.ref, action.number, action.order)
    text = Truncator(" ".join(action.text.split())).chars(90)
    return f"Recommendation {action.recommendation.number}, action {ref}: {text}"


class IndicatorForm(GovukModelForm):
    class Meta:
        model = Indicator
        fields = [
            "name",
            "definition",
            "unit",
            "polarity",
            "frequency",
            "baseline_value",
            "baseline_period",
            "target",
            "tolerance",
            "owner",
            "recommendations",
            "actions",
            "measure_id",
        ]
        labels = {
            "name": "Name",
            "definition": "Definition",
            "unit": "Unit",
            "polarity": "Which way is better?",
            "frequency": "How often is it measured?",
            "baseline_value": "Baseline value (optional)",
            "baseline_period": "Baseline period (optional)",
            "target": "Target (optional)",
            "tolerance": "Tolerance",
            "owner": "Owner (optional)",
            "recommendations": "Recommendations it shows the impact of (optional)",
            "actions": "Actions it shows the impact of (optional)",
            "measure_id": "Computed from Annex A measure (optional)",
        }
        help_texts = {
            "definition": "What is counted, and from where",
            "baseline_period": "For example, Q2 2012/13 or September 2012",
            "target": "In the indicator's unit: 80 for 80%",
            "tolerance": "How far short of the target is still amber (close to target), in "
            "the indicator's unit. 0: anything short of the target is red.",
            "owner": "The person, role or group who answers for it. A lead officer who is "
            "the owner can record its values.",
            "actions": "The delivery RAG of these actions is shown beside the indicator",
            "measure_id": "Values are then computed when Annex A data is uploaded",
        }
        widgets = {
            "name": forms.TextInput(),
            "definition": forms.Textarea(attrs={"rows": 4}),
            "unit": forms.RadioSelect,
            "polarity": forms.RadioSelect,
            "frequency": forms.RadioSelect,
            "baseline_value": _decimal_widget(),
            "baseline_period": forms.TextInput(attrs={"class": "govuk-input--width-20"}),
            "target": _decimal_widget(),
            "tolerance": _decimal_widget(),
            "recommendations": forms.CheckboxSelectMultiple,
            "actions": forms.CheckboxSelectMultiple,
            "measure_id": forms.Select,
        }
        error_messages = {
            "name": {"required": "Enter the indicator's name"},
            "unit": {"required": "Choose the unit"},
            "polarity": {"required": "Choose which way is better"},
            "frequency": {"required": "Choose how often it is measured"},
            "baseline_value": _number_errors("the baseline value"),
            "target": _number_errors("the target"),
            "tolerance": {
                **_number_errors("the tolerance"),
                "required": "Enter the tolerance: 0 if anything short of the target is red",
            },
        }

    def __init__(self, *args, plan: Plan, **kwargs):
        kwargs.setdefault("instance", Indicator(plan=plan))
        super().__init__(*args, **kwargs)
        self.plan = plan
        choice(self, "unit").choices = Indicator.Unit.choices
        choice(self, "polarity").choices = Indicator.Polarity.choices
        choice(self, "frequency").choices = Indicator.Frequency.choices
        owner = model_choice(self, "owner")
        owner.queryset = Party.objects.filter(organisation_id=plan.organisation_id).order_by(
            "name", "pk"
        )
        owner.empty_label = "No owner"
        recs = model_choice(self, "recommendations")
        # Retired recommendations and actions are offered only when already linked.
        linked = self.instance.pk is not None
        recs.queryset = Recommendation.objects.filter(
            Q(retired=False) | Q(pk__in=self.instance.recommendations.all() if linked else []),
            plan=plan,
        ).order_by("order", "pk")
        label_choices(recs, lambda r: f"{r.number} {r.title}")
        actions = model_choice(self, "actions")
        actions.queryset = (
            Action.objects.filter(
                Q(retired=False, recommendation__retired=False)
                | Q(pk__in=self.instance.actions.all() if linked else []),
                recommendation__plan=plan,
            )
            .select_related("recommendation")
            .order_by("recommendation__order", "order", "pk")
        )
        label_choices(actions, _action_label)
        local = list(plan.organisation.local_measures.values_list("key", "name"))
        self.fields["measure_id"] = forms.ChoiceField(
            label=self.fields["measure_id"].label,
            help_text=self.fields["measure_id"].help_text,
            required=False,
            choices=[
                ("", "None: values are typed in or imported"),
                ("Ofsted Annex A standard measures", [(m.id, m.title) for m in STANDARD_MEASURES]),
                *([("Local measures", local)] if local else []),
            ],
        )
        if not self.is_bound and self.instance.pk is None:
            self.initial.setdefault("tolerance", 0)

    def clean_name(self):
        name = " ".join(self.cleaned_data["name"].split())
        taken = Indicator.objects.filter(plan=self.plan, name__iexact=name)
        if self.instance.pk:
            taken = taken.exclude(pk=self.instance.pk)
        if taken.exists():
            raise forms.ValidationError("The plan already has an indicator with this name")
        return name

    def clean_tolerance(self):
        tolerance = self.cleaned_data["tolerance"]
        if tolerance is not None and tolerance < 0:
            raise forms.ValidationError("The tolerance must be 0 or more")
        return tolerance


def _count_field(what: str, help_text: str) -> forms.DecimalField:
    return forms.DecimalField(
        label=f"{what.capitalize()} (optional)",
        help_text=help_text,
        required=False,
        min_value=0,
        validators=[validate_storable],  # the rule the CSV import and the service apply
        widget=_decimal_widget(),
        error_messages={
            **_number_errors(f"the {what}"),
            "min_value": f"The {what} must be 0 or more",
        },
    )


class ValueForm(GovukForm):
    period_start = GovukDateField(
        label="Start of the period (optional)",
        help_text="For example, 1 3 2013. Leave it empty for a value as at a date.",
        required=False,
    )
    period_end = GovukDateField(
        label="End of the period, or the date the value is as at",
        help_text="For example, 31 3 2013. A value already recorded for this date is replaced.",
        error_messages={"required": "Enter the end of the period"},
    )
    numerator = _count_field("numerator", "How many met the measure: 480 of 604 children")
    denominator = _count_field("denominator", "How many were counted: 604 children")
    value = forms.DecimalField(
        label="Value (optional if you give the numerator)",
        help_text="In the indicator's unit. Leave it empty to work it out from the numerator "
        "and denominator.",
        required=False,
        validators=[validate_storable],
        widget=_decimal_widget(),
        error_messages=_number_errors("the value"),
    )
    note = forms.CharField(
        label="Note (optional)",
        help_text="For example, where the figure comes from, or why it moved",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, indicator: Indicator, today: dt.date, **kwargs):
        super().__init__(*args, **kwargs)
        self.indicator = indicator
        self.today = today
        if indicator.unit == Indicator.Unit.PERCENT:
            self.fields["value"].label = "Value, as a percentage (optional if you give the "
            self.fields["value"].label += "numerator and denominator)"
        elif indicator.unit == Indicator.Unit.COUNT:
            del self.fields["denominator"]
            self.fields["numerator"].help_text = "The count: the value is this number"

    def clean(self):
        data = super().clean()
        start, end = data.get("period_start"), data.get("period_end")
        numerator, denominator = data.get("numerator"), data.get("denominator")
        if end and end > self.today:
            self.add_error("period_end", "The end of the period must be today or in the past")
        if start and end and start > end:
            self.add_error("period_start", "The start of the period must be on or before its end")
        if self.errors:
            return data
        if denominator is not None and numerator is None:
            self.add_error("numerator", "Enter the numerator as well as the denominator")
        elif data.get("value") is None and numerator is None:
            self.add_error("value", "Enter the value, or the numerator to work it out from")
        elif data.get("value") is None and self.indicator.unit == Indicator.Unit.PERCENT:
            if denominator is None:
                self.add_error("denominator", "Enter the denominator to work out the percentage")
            elif denominator == Decimal(0):
                self.add_error("denominator", "The denominator must be more than 0")
        if data.get("value") is None and not self.errors:
            worked_out = services.value_in_unit(self.indicator.unit, numerator, denominator)
            if services.unstorable(value=worked_out):
                self.add_error(
                    "value",
                    "The value worked out from the numerator and denominator is too large: "
                    f"it has {LIMITS['max_whole_digits']}. Enter the value itself",
                )
        return data

    def service_kwargs(self) -> dict:
        data = self.cleaned_data
        return {
            "period_start": data.get("period_start"),
            "period_end": data["period_end"],
            "value": data.get("value"),
            "numerator": data.get("numerator"),
            "denominator": data.get("denominator"),
            "note": data.get("note", "").strip(),
        }


class ValuesFileForm(GovukForm):
    file = forms.FileField(
        label="Upload a CSV file of values",
        help_text="Columns: indicator (its name or id), period_end (or as at), value, or "
        "numerator and denominator; optionally period_start and note. Dates are DD/MM/YYYY "
        "or YYYY-MM-DD.",
        error_messages={"required": "Select a CSV file of values"},
    )

    def clean_file(self):
        # Here, not on reading: a file too large to read at once goes to the task queue.
        upload = self.cleaned_data["file"]
        check_upload_size(upload)
        return upload


class AnnexAForm(GovukForm):
    file = forms.FileField(
        label="Upload Annex A data",
        help_text="An .xlsx workbook with a sheet for each list, or a .zip of .csv files, one "
        "for each list. The file is read and deleted straight away: only the figures are kept.",
        error_messages={"required": "Select an Annex A workbook or a .zip of CSV files"},
    )
    as_at = GovukDateField(
        label="Compute the measures as at",
        help_text="For example, 31 3 2013. Window measures cover the six months to this date.",
        error_messages={"required": "Enter the date to compute the measures as at"},
    )

    def __init__(self, *args, today: dt.date, **kwargs):
        super().__init__(*args, **kwargs)
        self.today = today

    def clean_as_at(self):
        as_at = self.cleaned_data["as_at"]
        if as_at > self.today:
            raise forms.ValidationError(
                "The date to compute the measures as at must be today or in the past: the "
                "data cannot yet show what happens after today, so the figures would be wrong"
            )
        return as_at

    def clean_file(self):
        f = self.cleaned_data["file"]
        suffix = f.name.lower().rsplit(".", 1)[-1] if "." in f.name else ""
        if suffix not in ("xlsx", "xlsm", "zip"):
            raise forms.ValidationError("The file must be an .xlsx workbook or a .zip of CSV files")
        check_upload_size(f)
        return f
