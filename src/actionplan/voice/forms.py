"""The voice forms: field shapes here, rules (identifiers, risk) in services."""

from __future__ import annotations

import datetime as dt

from django import forms

from actionplan.audits.presenters import action_label
from actionplan.core.forms import (
    GovukDateField,
    GovukForm,
    check_upload_size,
    label_choices,
    model_choice,
)
from actionplan.plans.models import Action, Plan
from actionplan.voice.models import QUOTE_MAX, FeedbackSource


class SourceForm(GovukForm):
    name = forms.CharField(
        label="Name",
        help_text="For example, ViewPoint questionnaire for children in care",
        error_messages={"required": "Name the source"},
    )
    kind = forms.ChoiceField(
        label="What kind of source is it?",
        choices=FeedbackSource.Kind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose the kind of source"},
    )
    description = forms.CharField(
        label="Description (optional)", required=False, widget=forms.Textarea(attrs={"rows": 3})
    )


class ResultsFileForm(GovukForm):
    file = forms.FileField(
        label="Upload a CSV file",
        help_text="Columns: source, question, period start, period end, responses, positive "
        "(the share of positive responses, as a percentage)",
        error_messages={"required": "Choose a CSV file", "empty": "The file is empty"},
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        check_upload_size(upload)
        return upload


class ThemeForm(GovukForm):
    name = forms.CharField(
        label="Theme",
        help_text="For example, feeling listened to",
        error_messages={"required": "Name the theme"},
    )
    summary = forms.CharField(
        label="Summary (optional)", required=False, widget=forms.Textarea(attrs={"rows": 3})
    )


class QuoteForm(GovukForm):
    text = forms.CharField(
        label="Quote",
        help_text=f"At most {QUOTE_MAX} characters. No names or other details that could "
        "identify anyone. A quote that suggests a child may be at risk goes to the "
        "safeguarding contact and never into papers.",
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Enter the quote"},
    )
    heard_on = GovukDateField(label="When was it said?", help_text="For example, 14 3 2013")
    source = forms.ModelChoiceField(
        label="Where it came from (optional)",
        queryset=FeedbackSource.objects.none(),
        required=False,
    )

    def __init__(self, *args, plan: Plan, today: dt.date, **kwargs):
        super().__init__(*args, **kwargs)
        self.today = today
        self.fields["heard_on"].error_messages["required"] = "Enter when it was said"
        model_choice(self, "source").queryset = plan.feedback_sources.all()
        model_choice(self, "source").empty_label = "Not stated"

    def clean_heard_on(self):
        day = self.cleaned_data["heard_on"]
        if day and day > self.today:
            raise forms.ValidationError("When it was said cannot be in the future")
        return day


class ContactForm(GovukForm):
    name = forms.CharField(
        label="Name",
        help_text="The designated safeguarding lead, or their team",
        error_messages={"required": "Enter the safeguarding contact's name"},
    )
    email = forms.EmailField(
        label="E-mail address",
        error_messages={
            "required": "Enter the safeguarding contact's e-mail address",
            "invalid": "Enter an e-mail address like name@example.gov.uk",
        },
    )


class YouSaidForm(GovukForm):
    you_said = forms.CharField(
        label="You said",
        help_text="What children and families told you, in their words or plain words",
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Write what children and families said"},
    )
    we_did = forms.CharField(
        label="We did",
        help_text="What changed because of it, in plain words a child can read",
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Write what was done"},
    )
    theme: forms.ModelChoiceField = forms.ModelChoiceField(
        label="Theme (optional)", queryset=None, required=False
    )
    actions = forms.ModelMultipleChoiceField(
        label="The plan's actions that did it (optional)",
        help_text="Hold Ctrl (or Cmd) to choose more than one",
        queryset=Action.objects.none(),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 8}),
    )

    def __init__(self, *args, plan: Plan, **kwargs):
        super().__init__(*args, **kwargs)
        model_choice(self, "theme").queryset = plan.voice_themes.all()
        model_choice(self, "theme").empty_label = "None"
        model_choice(self, "actions").queryset = Action.objects.filter(
            recommendation__plan=plan, retired=False
        ).select_related("recommendation")
        label_choices(model_choice(self, "actions"), action_label)
