"""Forms the GOV.UK way, in one place.

Every form of the service subclasses `GovukForm` (or mixes in `GovukFormMixin` with one of
Django's own forms). Then `{{ form }}` renders each field with its label (or fieldset and
legend), hint, inline error message and the GOV.UK classes, and `error_summary_items()`
gives the error summary its links. Widgets keep Django's names and values; only their
markup changes, in core/templates/core/forms/.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, cast

from django import forms
from django.forms.boundfield import BoundField
from django.forms.renderers import DjangoTemplates
from django.http import QueryDict

from actionplan.core.calendar import MONTHS, date_parts, in_range, out_of_range
from actionplan.core.text import printable
from actionplan.core.uploads import too_large

# GOV.UK's class for each of Django's widget types; "-- error" variants are added on error.
_INPUT_CLASSES = {
    "text": "govuk-input",
    "email": "govuk-input",
    "url": "govuk-input",
    "number": "govuk-input",
    "password": "govuk-input",
    "date": "govuk-input",
    "textarea": "govuk-textarea",
    "select": "govuk-select",
    "selectmultiple": "govuk-select",
    "clearablefile": "govuk-file-upload",
    "file": "govuk-file-upload",
}
_ERROR_CLASSES = {
    "govuk-input": "govuk-input--error",
    "govuk-textarea": "govuk-textarea--error",
    "govuk-select": "govuk-select--error",
    "govuk-file-upload": "govuk-file-upload--error",
}
# Widgets with several inputs are a fieldset with a legend, not a label.
FIELDSET_WIDGETS = {"radioselect", "checkboxselectmultiple", "govukdate"}

# Our markup for the widgets whose GOV.UK form differs from Django's.
_WIDGET_TEMPLATES = {
    "django/forms/widgets/radio.html": "core/forms/widgets/radios.html",
    "django/forms/widgets/checkbox_select.html": "core/forms/widgets/checkboxes.html",
    "django/forms/widgets/checkbox.html": "core/forms/widgets/checkbox.html",
}


class GovukRenderer(DjangoTemplates):
    form_template_name = "core/forms/form.html"
    field_template_name = "core/forms/field.html"

    def get_template(self, template_name):
        return super().get_template(_WIDGET_TEMPLATES.get(template_name, template_name))


class GovukBoundField(BoundField):
    """A field whose widget carries GOV.UK's classes and points at its hint and error."""

    @property
    def is_fieldset(self) -> bool:
        return self.widget_type in FIELDSET_WIDGETS

    @property
    def hint_id(self) -> str:
        return f"{self.auto_id}-hint"

    @property
    def error_id(self) -> str:
        return f"{self.auto_id}-error"

    @property
    def anchor(self) -> str:
        """The id the error summary links to: the field's first input."""
        if self.is_fieldset:
            return f"{self.auto_id}_0"
        return self.id_for_label or self.auto_id

    def describedby(self) -> str:
        ids = []
        if self.help_text:
            ids.append(self.hint_id)
        if self.errors:
            ids.append(self.error_id)
        return " ".join(ids)

    def build_widget_attrs(self, attrs, widget=None):
        attrs = super().build_widget_attrs(attrs, widget)
        widget = widget or self.field.widget
        describedby = self.describedby()
        if describedby and not self.is_fieldset:
            attrs["aria-describedby"] = describedby
        elif "aria-describedby" in attrs and not describedby:
            del attrs["aria-describedby"]
        if self.is_fieldset:
            attrs.pop("aria-describedby", None)
            attrs.pop("aria-invalid", None)
        base = _INPUT_CLASSES.get(self.widget_type)
        if base:
            classes = [base, attrs.get("class", "")]
            if self.errors:
                classes.append(_ERROR_CLASSES[base])
            attrs["class"] = " ".join(c for c in classes if c)
        return attrs


# The mixin is only ever mixed into Django's forms; the type checker is told so.
if TYPE_CHECKING:
    _FormBase = forms.BaseForm
else:
    _FormBase = object


class GovukFormMixin(_FormBase):
    default_renderer: type[GovukRenderer] = GovukRenderer
    bound_field_class: type[GovukBoundField] = GovukBoundField
    template_name_div = "core/forms/form.html"

    def full_clean(self):
        # Every text sent, before any field reads it: without control characters, which no
        # one means to type and which Word files and PDFs cannot hold (core.text).
        if self.is_bound:
            self.data = _printable_data(self.data, self._secret_names())
        super().full_clean()

    def _secret_names(self) -> set[str]:
        """Passwords are checked as they were typed, never changed."""
        return {
            self.add_prefix(name)
            for name, field in self.fields.items()
            if isinstance(field.widget, forms.PasswordInput)
        }

    def error_summary_items(self) -> list[dict[str, str]]:
        """Each error once, in the form's order, with the id of the field it is about."""
        items = []
        # Every bound field is a GovukBoundField (bound_field_class).
        fields = [cast(GovukBoundField, field) for field in self]
        first = fields[0] if fields else None
        for message in self.non_field_errors():
            items.append({"text": str(message), "href": f"#{first.anchor}" if first else ""})
        for field in fields:
            if field.is_hidden:
                continue
            for message in field.errors:
                items.append({"text": str(message), "href": f"#{field.anchor}"})
        return items


def _printable_data(data, secret: set[str]):
    if isinstance(data, QueryDict):
        cleaned = data.copy()
        for name, values in data.lists():
            if name not in secret:
                cleaned.setlist(name, [_printable_value(v) for v in values])
        return cleaned
    return {
        name: value if name in secret else _printable_value(value) for name, value in data.items()
    }


def _printable_value(value):
    if isinstance(value, str):
        return printable(value)
    if isinstance(value, list | tuple):
        return [_printable_value(v) for v in value]
    return value


# A party picker: a plain select that frontend/autocomplete.mjs turns into GOV.UK's
# accessible-autocomplete (several choices: one box to add, the chosen listed to remove).
AUTOCOMPLETE = {"data-module": "app-autocomplete"}


class GovukForm(GovukFormMixin, forms.Form):
    pass


class GovukModelForm(GovukFormMixin, forms.ModelForm):
    pass


class GovukDateWidget(forms.MultiWidget):
    """GOV.UK's date input: day, month and year boxes."""

    template_name = "core/forms/widgets/date.html"
    parts = (("day", "Day", 2), ("month", "Month", 2), ("year", "Year", 4))

    def __init__(self, attrs=None):
        widgets = {
            name: forms.TextInput(attrs={"inputmode": "numeric"}) for name, _, _ in self.parts
        }
        super().__init__(widgets, attrs)

    def decompress(self, value):
        if isinstance(value, dt.date):
            return [value.day, value.month, value.year]
        return [None, None, None]

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        error = bool(attrs and attrs.get("aria-invalid"))
        for sub, (part, label, width) in zip(
            context["widget"]["subwidgets"], self.parts, strict=True
        ):
            sub["part_label"] = label
            classes = f"govuk-input govuk-date-input__input govuk-input--width-{width}"
            sub["attrs"]["class"] = classes + (" govuk-input--error" if error else "")
            sub["attrs"].pop("aria-invalid", None)
            sub["part"] = part
        return context


class GovukDateField(forms.MultiValueField):
    """A date given in three boxes, with GOV.UK's messages for what is wrong."""

    widget = GovukDateWidget

    def __init__(self, **kwargs):
        fields = tuple(forms.CharField(required=False) for _ in range(3))
        super().__init__(fields, require_all_fields=False, **kwargs)

    def compress(self, data_list):
        if not data_list or not any(data_list):
            return None
        day, month, year = (str(v or "").strip() for v in data_list)
        # A whole date typed or pasted into one box (15/03/2013, 15 March 2013) is read as it
        # is written, and a month may be a name (March, Mar), as GOV.UK's pattern asks.
        boxes = [v for v in (day, month, year) if v]
        if len(boxes) == 1 and (parts := date_parts(boxes[0])):
            year, month, day = parts[0], str(parts[1]), str(parts[2])
        month = str(MONTHS.get(month.casefold().rstrip("."), month))
        missing = [n for n, v in (("day", day), ("month", month), ("year", year)) if not v]
        if missing:
            raise forms.ValidationError(
                f"{self.label or 'The date'} must include a {' and '.join(missing)}"
            )
        what = self.label or "The date"
        if len(year) > 4 and year.isdigit():  # 10^20, which no date can hold
            raise forms.ValidationError(out_of_range(what))
        try:
            on = dt.date(int(year), int(month), int(day))
        except (ValueError, OverflowError):
            raise forms.ValidationError(f"{what} must be a real date") from None
        if not in_range(on):
            raise forms.ValidationError(out_of_range(what))
        return on


def check_upload_size(upload, what: str = "The file") -> None:
    """A form's field refuses an upload larger than the limit every upload shares."""
    if problem := too_large(upload.size, what):
        raise forms.ValidationError(problem)


def show_refusal(form, error) -> None:
    """Show a service's refusal on the form that asked for it, against the field at fault:
    `error.problems` (field -> messages, e.g. each identifier found), else `error.errors`
    or the message, on `error.field`; on the form as a whole when the field is not one of
    its own. Fields in `error.masked` show its text back instead of what was typed."""
    masked = getattr(error, "masked", None)
    if masked:
        # Shown back without what was refused (an identifier), and with everything else.
        form.data = form.data.copy()
        for field, text in masked.items():
            if field in form.fields:
                form.data[form.add_prefix(field)] = text
    problems = getattr(error, "problems", None)
    if problems is None:
        problems = {getattr(error, "field", None): getattr(error, "errors", None) or [str(error)]}
    for field, messages in problems.items():
        for message in messages:
            form.add_error(field if field in form.fields else None, message)


def model_choice(form: forms.BaseForm, name: str) -> forms.ModelChoiceField:
    """The form's field `name`, declared a ModelChoiceField (or ModelMultipleChoiceField),
    typed so for the checker: `form.fields` says only Field."""
    return cast(forms.ModelChoiceField, form.fields[name])


def choice(form: forms.BaseForm, name: str) -> forms.ChoiceField:
    """The form's field `name`, declared a ChoiceField, typed so for the checker."""
    return cast(forms.ChoiceField, form.fields[name])


def label_choices(field: forms.ModelChoiceField, label: Callable[[Any], str]) -> None:
    """Label each of the field's choices with `label(instance)`: Django's documented way is
    to replace the method on the instance, which the checker otherwise refuses."""
    field.label_from_instance = label  # type: ignore[method-assign, assignment]
