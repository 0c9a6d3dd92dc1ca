"""The audit forms. Services check the rules (identifiers, complete answers); these forms
check the shape of each field and show the services' errors against their fields."""

from __future__ import annotations

import datetime as dt

from django import forms
from django.utils.text import Truncator

from actionplan.audits import grading
from actionplan.audits.models import Audit, AuditMeasure, Finding
from actionplan.audits.presenters import action_label
from actionplan.audits.services import quarter_choices
from actionplan.audits.tools import Tool, tool_text
from actionplan.core.forms import (
    GovukDateField,
    GovukForm,
    GovukModelForm,
    choice,
    label_choices,
    model_choice,
)
from actionplan.plans.models import Action, Body, Party, Plan, PlanBody, Recommendation

CASE_REFERENCE = r"\A[A-Za-z0-9][A-Za-z0-9/-]{0,29}\Z"
NOT_APPLICABLE = (grading.NOT_APPLICABLE, "Not applicable")


def plan_people(plan: Plan):
    """Who can audit or moderate: the people and organisations of the plan's council."""
    return Party.objects.filter(
        organisation_id=plan.organisation_id, kind__in=[Party.Kind.PERSON, Party.Kind.ORGANISATION]
    ).order_by("name", "pk")


class ToolForm(GovukForm):
    name = forms.CharField(label="Name", error_messages={"required": "Name the tool"})
    description = forms.CharField(
        label="Description (optional)", required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    definition = forms.CharField(
        label="Sections and questions",
        help_text="One line each. 'Section: title' starts a section. 'Question KEY (SCALE): "
        "text' adds a question: KEY is a short name that stays the same in later versions "
        "(letters, digits, hyphens), SCALE is grade or yes/partly/no. 'Guidance: text' gives "
        "the question above it guidance. Every case also gets an overall grade.",
        widget=forms.Textarea(attrs={"rows": 16}),
        error_messages={"required": "Write the tool's sections and questions"},
    )

    @classmethod
    def initial_for(cls, tool, spec: Tool) -> dict:
        return {"name": tool.name, "description": tool.description, "definition": tool_text(spec)}


class AuditForm(GovukModelForm):
    quarter_start = forms.TypedChoiceField(
        label="Quarter", coerce=dt.date.fromisoformat, choices=()
    )
    due = GovukDateField(
        label="Due date",
        help_text="When every case in the sample should be audited, for example 31 3 2013",
    )

    class Meta:
        model = Audit
        fields = [
            "title",
            "scope",
            "quarter_start",
            "due",
            "sample_size",
            "tool",
            "report_to",
            "auditors",
            "moderators",
            "recommendations",
            "actions",
        ]
        labels = {
            "title": "Theme",
            "scope": "Scope (optional)",
            "sample_size": "Sample size",
            "tool": "Audit tool",
            "report_to": "Findings go to (optional)",
            "auditors": "Auditors",
            "moderators": "Moderators",
            "recommendations": "Recommendations it evidences (optional)",
            "actions": "Actions it evidences (optional)",
        }
        help_texts = {
            "title": "For example, quality of child in need plans",
            "scope": "Which cases: teams, case types, the period their work was done in",
            "sample_size": "How many cases to audit",
            "report_to": "The body that hears the findings: the audit appears on its forward "
            "plan at its first meeting after the due date",
            "moderators": "They review a share of the audited cases and agree or change the grades",
        }
        widgets = {
            "title": forms.TextInput(),
            "scope": forms.Textarea(attrs={"rows": 3}),
            "sample_size": forms.TextInput(
                attrs={"inputmode": "numeric", "class": "govuk-input--width-4"}
            ),
            "auditors": forms.CheckboxSelectMultiple,
            "moderators": forms.CheckboxSelectMultiple,
            "recommendations": forms.CheckboxSelectMultiple,
            "actions": forms.SelectMultiple(attrs={"size": 8}),
        }
        error_messages = {
            "title": {"required": "Enter the audit's theme"},
            "sample_size": {
                "required": "Enter how many cases to audit",
                "invalid": "Enter the sample size as a whole number, like 30",
            },
            "tool": {"required": "Choose the audit tool"},
        }

    def __init__(self, *args, plan: Plan, today: dt.date, **kwargs):
        super().__init__(*args, **kwargs)
        choice(self, "quarter_start").choices = quarter_choices(plan, today)
        self.fields["quarter_start"].error_messages["required"] = "Choose the quarter"
        self.fields["due"].error_messages["required"] = "Enter the due date"
        model_choice(self, "tool").queryset = plan.audit_tools.all()
        model_choice(self, "tool").empty_label = None
        bodies = PlanBody.objects.filter(plan=plan).values("body")
        model_choice(self, "report_to").queryset = Body.objects.filter(
            organisation_id=plan.organisation_id, pk__in=bodies
        )
        people = plan_people(plan)
        model_choice(self, "auditors").queryset = people
        model_choice(self, "moderators").queryset = people
        model_choice(self, "recommendations").queryset = plan.recommendations.filter(retired=False)
        label_choices(
            model_choice(self, "recommendations"),
            lambda r: f"{r.number} {Truncator(r.title).chars(90)}",
        )
        model_choice(self, "actions").queryset = Action.objects.filter(
            recommendation__plan=plan, retired=False
        ).select_related("recommendation")
        label_choices(model_choice(self, "actions"), action_label)
        self.fields["actions"].help_text = "Hold Ctrl (or Cmd) to choose more than one"

    def clean_sample_size(self):
        size = self.cleaned_data["sample_size"]
        if size is not None and not 1 <= size <= 1000:
            raise forms.ValidationError("The sample size must be from 1 to 1000 cases")
        return size

    def clean(self):
        data = super().clean()
        start, due = data.get("quarter_start"), data.get("due")
        if start and due and due < start:
            self.add_error("due", "The due date must be in or after the audit's quarter")
        return data


def _answer_field(question, required_message: str) -> forms.ChoiceField:
    return forms.ChoiceField(
        label=question.text,
        help_text=question.guidance,
        choices=[*question.choices, NOT_APPLICABLE],
        widget=forms.RadioSelect,
        error_messages={"required": required_message},
    )


def _overall_field() -> forms.ChoiceField:
    return forms.ChoiceField(
        label="Overall grade",
        choices=grading.SCALES[grading.GRADE],
        widget=forms.RadioSelect,
        error_messages={"required": "Choose the case's overall grade"},
    )


class CaseAuditForm(GovukForm):
    """A case audit: its reference, the tool version's questions and the overall grade, and
    what the auditor found. `sections` lists the question fields section by section."""

    moderating = False

    case_reference = forms.RegexField(
        regex=CASE_REFERENCE,
        label="Case reference",
        help_text="The case's reference in the case-recording system, not a name or NHS "
        "number: letters, digits, hyphens and slashes",
        error_messages={
            "required": "Enter the case reference",
            "invalid": "Enter the case reference as letters, digits, hyphens and slashes "
            "(at most 30), with no spaces",
        },
        widget=forms.TextInput(attrs={"class": "govuk-input--width-20", "spellcheck": "false"}),
    )
    audited_on = GovukDateField(label="Date audited", help_text="For example, 14 3 2013")

    def __init__(self, *args, spec: Tool, today: dt.date, **kwargs):
        super().__init__(*args, **kwargs)
        self.today = today
        self.fields["audited_on"].error_messages["required"] = "Enter the date audited"
        self.sections = []
        for section in spec.sections:
            names = []
            for q in section.questions:
                name = f"q_{q.key}"
                self.fields[name] = _answer_field(q, f"Answer the question: {q.text}")
                names.append(name)
            self.sections.append((section.title, [self[n] for n in names]))
        self.fields["overall_grade"] = _overall_field()
        for name, label in (
            ("strengths", "Strengths"),
            ("improvements", "Areas to improve"),
            ("team_actions", "Actions for the case's team"),
        ):
            self.fields[name] = forms.CharField(
                label=f"{label} (optional)",
                required=False,
                widget=forms.Textarea(attrs={"rows": 4}),
            )
        self.fields["strengths"].help_text = (
            "No names, dates of birth, addresses or other identifiers: say 'the child', "
            "'the mother', 'the social worker'"
        )

    def clean_audited_on(self):
        day = self.cleaned_data["audited_on"]
        if day and day > self.today:
            raise forms.ValidationError("The date audited cannot be in the future")
        return day

    def answers(self) -> dict[str, str]:
        return {
            name.removeprefix("q_"): value
            for name, value in self.cleaned_data.items()
            if name.startswith("q_")
        }

    def service_kwargs(self) -> dict:
        data = self.cleaned_data
        return {
            "case_reference": data["case_reference"],
            "audited_on": data["audited_on"],
            "answers": self.answers(),
            "overall_grade": data["overall_grade"],
            "strengths": data["strengths"],
            "improvements": data["improvements"],
            "team_actions": data["team_actions"],
        }

    @staticmethod
    def initial_for(case) -> dict:
        return {
            "case_reference": case.case_reference,
            "audited_on": case.audited_on,
            "overall_grade": case.overall_grade,
            "strengths": case.strengths,
            "improvements": case.improvements,
            "team_actions": case.team_actions,
            **{f"q_{k}": v for k, v in case.answers.items()},
        }


class ModerationForm(GovukForm):
    """Every grade of the case, set to the grade the moderator is looking at: they agree by
    leaving it, or change it and say why."""

    moderating = True

    def __init__(self, *args, spec: Tool, **kwargs):
        super().__init__(*args, **kwargs)
        self.sections = []
        for section in spec.sections:
            names = []
            for q in section.questions:
                name = f"q_{q.key}"
                self.fields[name] = _answer_field(q, f"Choose a grade for: {q.text}")
                names.append(name)
            self.sections.append((section.title, [self[n] for n in names]))
        self.fields["overall_grade"] = _overall_field()
        self.fields["reason"] = forms.CharField(
            label="Why you changed a grade",
            help_text="Needed when you change any grade; a note when you agree with them all",
            required=False,
            widget=forms.Textarea(attrs={"rows": 4}),
        )

    def grades(self) -> dict[str, str]:
        grades = {
            n.removeprefix("q_"): v for n, v in self.cleaned_data.items() if n.startswith("q_")
        }
        grades[grading.OVERALL] = self.cleaned_data["overall_grade"]
        return grades

    @staticmethod
    def initial_for(grades: dict[str, str]) -> dict:
        initial: dict[str, str | None] = {
            f"q_{k}": v for k, v in grades.items() if k != grading.OVERALL
        }
        initial["overall_grade"] = grades.get(grading.OVERALL)
        return initial


class FindingForm(GovukForm):
    kind = forms.ChoiceField(
        label="What kind of finding?",
        choices=Finding.Kind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose a theme or a learning point"},
    )
    text = forms.CharField(
        label="Finding",
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": "Write the finding"},
    )
    actions = forms.ModelMultipleChoiceField(
        label="Actions of the plan it bears on (optional)",
        help_text="Hold Ctrl (or Cmd) to choose more than one",
        queryset=Action.objects.none(),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 10}),
    )

    def __init__(self, *args, plan: Plan, **kwargs):
        super().__init__(*args, **kwargs)
        model_choice(self, "actions").queryset = Action.objects.filter(
            recommendation__plan=plan, retired=False
        ).select_related("recommendation")
        label_choices(model_choice(self, "actions"), action_label)


class NewActionForm(GovukForm):
    recommendation = forms.ModelChoiceField(
        label="Recommendation", queryset=Recommendation.objects.none(), empty_label=None
    )
    text = forms.CharField(
        label="Action",
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": "Enter the action"},
    )
    leads = forms.ModelMultipleChoiceField(
        label="Lead (optional)",
        queryset=Party.objects.none(),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 6}),
        help_text="Hold Ctrl (or Cmd) to choose more than one",
    )
    due = GovukDateField(
        label="End date (optional)", required=False, help_text="For example, 30 6 2013"
    )

    def __init__(self, *args, plan: Plan, **kwargs):
        super().__init__(*args, **kwargs)
        model_choice(self, "recommendation").queryset = plan.recommendations.filter(retired=False)
        label_choices(
            model_choice(self, "recommendation"),
            lambda r: f"{r.number} {Truncator(r.title).chars(80)}",
        )
        model_choice(self, "leads").queryset = plan_people(plan)

    def service_kwargs(self) -> dict:
        data = self.cleaned_data
        return {**data, "leads": [p.pk for p in data["leads"]]}


class MeasureForm(GovukForm):
    name = forms.CharField(
        label="Indicator name", error_messages={"required": "Name the indicator"}
    )
    measure = forms.ChoiceField(
        label="What it counts",
        choices=AuditMeasure.Measure.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose what the indicator counts"},
    )
    question_key = forms.ChoiceField(
        label="The question (for a yes answer)",
        required=False,
        choices=(),
        help_text="Questions on the yes/partly/no scale, from the plan's audit tools",
    )
    target = forms.DecimalField(
        label="Target (optional)",
        required=False,
        min_value=0,
        max_value=100,
        help_text="A percentage: 80 for 80%",
        error_messages={"invalid": "Enter the target as a number, like 80"},
        widget=forms.TextInput(attrs={"inputmode": "decimal", "class": "govuk-input--width-5"}),
    )

    def __init__(self, *args, questions: list[tuple[str, str]], **kwargs):
        super().__init__(*args, **kwargs)
        choice(self, "question_key").choices = [("", "Choose a question"), *questions]
