"""The governance forms: entering meetings by hand, by rule and from a CSV file.

They check what a person typed and say what is wrong the GOV.UK way; storing is the
meetings service's (meetings.py), which the views call.
"""

from __future__ import annotations

import datetime as dt
import re

from django import forms

from actionplan.core.forms import GovukDateField, GovukForm, check_upload_size
from actionplan.governance.meetings import parse_meeting_time
from actionplan.governance.rules import RuleError, parse_rule
from actionplan.plans.correction_forms import reason_field

# A rule over more years than this is a typing mistake, not a plan's calendar.
MAX_RULE_YEARS = 5


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


class BodyChoiceField(forms.TypedChoiceField):
    def __init__(self, **kwargs):
        super().__init__(coerce=int, empty_value=None, **kwargs)


class _BodyForm(GovukForm):
    body = BodyChoiceField(
        label="Which body meets?",
        error_messages={"required": "Select the body that meets"},
    )

    def __init__(self, *args, bodies, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["body"].choices = [("", "Choose a body")] + [(b.id, b.title) for b in bodies]


class TimeField(forms.CharField):
    """A time as people write it: 14:00, 14.00, 2pm, 2.30pm (meetings.parse_meeting_time)."""

    def to_python(self, value):
        text = super().to_python(value)
        try:
            return parse_meeting_time(text or "")
        except ValueError:
            raise forms.ValidationError(
                f"Enter the {self.label.lower()} like 14:00 or 2pm", code="invalid"
            ) from None


class MeetingForm(_BodyForm):
    date = GovukDateField(
        label="Date of the meeting",
        help_text="For example, 19 3 2013",
        error_messages={"required": "Enter the date of the meeting"},
    )
    time = TimeField(
        label="Start time",
        required=False,
        help_text="Optional. For example, 14:00 or 2pm. Without a time the meeting is all day "
        "in calendars",
    )
    end_time = TimeField(label="End time", required=False, help_text="Optional")
    location = forms.CharField(label="Where (optional)", required=False, max_length=500)
    notes = forms.CharField(
        label="Notes (optional)", required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def clean(self):
        data = super().clean()
        start, end = data.get("time"), data.get("end_time")
        if end and not start:
            self.add_error("time", "Enter the start time as well as the end time")
        elif start and end and end <= start:
            self.add_error("end_time", "The end time must be after the start time")
        return data


class EditMeetingForm(MeetingForm):
    """A meeting's details, changed in place; its body stays as it is."""

    papers_due = GovukDateField(
        label="Papers due (optional)",
        required=False,
        help_text="When the papers must reach the clerk. For example, 8 3 2013",
    )
    reason = reason_field()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, bodies=(), **kwargs)
        del self.fields["body"]


class RuleForm(_BodyForm):
    rule = forms.CharField(
        label="When does it meet?",
        help_text="In words, for example ‘third Tuesday of each month’, ‘every 2 weeks on "
        "Wednesday’, ‘last Thursday of each quarter’ or ‘first Monday of every other month’",
        error_messages={"required": "Enter when the body meets, like ‘first Monday of each month’"},
        max_length=200,
    )
    start = GovukDateField(
        label="From",
        help_text="The first day to add meetings on",
        error_messages={"required": "Enter the first day to add meetings on"},
    )
    end = GovukDateField(
        label="To",
        help_text="The last day to add meetings on",
        error_messages={"required": "Enter the last day to add meetings on"},
    )
    location = forms.CharField(
        label="Where (optional)",
        required=False,
        max_length=500,
        help_text="Given to every meeting added",
    )

    def clean_rule(self):
        text = " ".join(self.cleaned_data["rule"].split())
        try:
            self.parsed_rule = parse_rule(text)
        except RuleError as e:
            raise forms.ValidationError(_capital(str(e))) from None
        return text

    def clean(self):
        data = super().clean()
        start, end = data.get("start"), data.get("end")
        if start and end:
            if end < start:
                self.add_error("end", "The last day must be the same as or after the first day")
            elif end - start > dt.timedelta(days=366 * MAX_RULE_YEARS):
                self.add_error(
                    "end", f"The first and last days can be at most {MAX_RULE_YEARS} years apart"
                )
        return data


class ImportForm(GovukForm):
    file = forms.FileField(
        label="Upload a CSV file of meetings",
        help_text="Row 1 names the columns: body and date, and optionally time, end, location "
        "and notes. Dates like 2013-03-19 or 19/03/2013; times like 14:00 or 2pm",
        error_messages={"required": "Select a CSV file of meetings"},
    )

    def clean_file(self):
        f = self.cleaned_data["file"]
        check_upload_size(f)
        return f


class RemoveForm(GovukForm):
    """Nothing to fill in: the POST is the confirmation."""


class DaysField(forms.CharField):
    """Whole numbers of days, as people list them: "14, 7 and 3"."""

    def to_python(self, value):
        text = super().to_python(value) or ""
        parts = [p for p in re.split(r"[,;\s]+|\band\b", text) if p]
        if not all(p.isdigit() and int(p) <= 365 for p in parts):
            raise forms.ValidationError(
                "Enter whole numbers of days from 0 to 365, like 14, 3", code="invalid"
            )
        return [int(p) for p in parts]


def _days(label: str, hint: str, maximum: int = 365) -> forms.IntegerField:
    what = label[:1].lower() + label[1:]
    return forms.IntegerField(
        label=label,
        help_text=hint,
        min_value=0,
        max_value=maximum,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "class": "govuk-input--width-3"}),
        error_messages={
            "required": f"Enter {what}",
            "invalid": f"Enter {what} as a whole number of days",
            "min_value": f"Enter {what} as 0 days or more",
            "max_value": f"Enter {what} as {maximum} days or fewer",
        },
    )


class ReminderPolicyForm(GovukForm):
    enabled = forms.TypedChoiceField(
        label="Send reminders for this plan?",
        choices=[("yes", "Yes"), ("no", "No, send none")],
        coerce=lambda v: v == "yes",
        widget=forms.RadioSelect,
        error_messages={"required": "Select whether to send reminders"},
    )
    days_before = DaysField(
        label="Remind the leads this many days before a milestone or report",
        help_text="One or more numbers of days, for example 14, 3. Leave it empty for no "
        "reminders before milestones and reports",
        required=False,
    )
    update_missing_days = _days(
        "Days before a meeting to say an update is missing", "For example, 7"
    )
    escalate_after_days = _days("Days after an action falls due to escalate it", "For example, 1")
    escalation_window_days = _days(
        "Days to keep escalating an overdue action",
        "After this the board papers carry it. For example, 30",
        maximum=3650,
    )
    reason = reason_field()

    @classmethod
    def initial_from(cls, values: dict) -> dict:
        return {
            **values,
            "enabled": "yes" if values["enabled"] else "no",
            "days_before": ", ".join(str(d) for d in values["days_before"]),
        }
