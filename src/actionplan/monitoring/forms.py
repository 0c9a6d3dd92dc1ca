"""The forms of the pages that run the plan. They check what a form can check (a date is a
date, a number a number); the services check the rest and raise MonitoringError with the
field at fault, which `add_service_error` shows on the form the GOV.UK way."""

from __future__ import annotations

from django import forms
from django.utils.functional import lazy

from actionplan.core.forms import AUTOCOMPLETE, GovukDateField, GovukForm, choice
from actionplan.core.uploads import largest_upload_mb
from actionplan.core.wording import long_date
from actionplan.monitoring import rag, statuses
from actionplan.monitoring.services import Link, MonitoringError, update_problems


def add_service_error(form: forms.Form, error: MonitoringError, fields: dict | None = None):
    """Show a service's error on the field it names (renamed by `fields`), or at the top."""
    name = (fields or {}).get(error.field, error.field)
    form.add_error(name if name in form.fields else None, str(error))


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    widget = MultipleFileInput

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)
        self.widget.attrs["class"] = "govuk-file-upload"

    def clean(self, data, initial=None):
        if isinstance(data, list | tuple):
            return [super(MultipleFileField, self).clean(d, initial) for d in data if d]
        return [super().clean(data, initial)] if data else []


def _links(text: str) -> list[Link]:
    links = []
    for line in text.splitlines():
        line = line.strip()
        if line:
            links.append(Link(url=line))
    return links


def _evidence_help() -> str:
    return (
        "Documents, spreadsheets, presentations, PDFs or images, each "
        f"{largest_upload_mb()} MB or smaller. You can choose more than one file."
    )


class EvidenceMixin(forms.Form):
    # The form's metaclass moves a declared field out of the class: it never hides
    # BaseForm.files, the uploaded files, which the stubs cannot know.
    files = MultipleFileField(  # type: ignore[assignment]
        label="Upload evidence files (optional)",
        help_text=lazy(_evidence_help, str)(),
    )
    links = forms.CharField(
        label="Links to evidence (optional)",
        help_text="One web address a line, starting with https://",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def evidence(self) -> dict:
        return {"files": self.cleaned_data["files"], "links": _links(self.cleaned_data["links"])}


class VersionedForm(GovukForm):
    """A form that acts on the action as the user saw it: the version travels with it."""

    version = forms.IntegerField(widget=forms.HiddenInput)


class UpdateForm(EvidenceMixin, GovukForm):
    status = forms.ChoiceField(
        label="Status",
        widget=forms.RadioSelect,
        choices=[(s, statuses.label(s)) for s in statuses.UPDATE_STATUSES],
        error_messages={"required": "Choose the action's status"},
    )
    percent_complete = forms.IntegerField(
        label="Percent complete (optional)",
        help_text="A whole number from 0 to 100",
        required=False,
        min_value=0,
        max_value=100,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "class": "govuk-input--width-3"}),
        error_messages={
            "invalid": "Enter the percent complete as a whole number, like 60",
            "min_value": "The percent complete must be 0 or more",
            "max_value": "The percent complete must be 100 or less",
        },
    )
    narrative = forms.CharField(
        label="What has happened since the last update",
        widget=forms.Textarea(attrs={"rows": 6}),
        error_messages={"required": "Say what has happened since the last update"},
    )
    next_steps = forms.CharField(
        label="Next steps (optional)", required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    as_at = GovukDateField(
        label="The date this update is for",
        help_text="For example, 28 2 2013. Usually today, or the end of the month it reports on.",
        error_messages={"required": "Enter the date this update is for"},
    )
    milestones_done = forms.MultipleChoiceField(
        label="Milestones met by that date (optional)",
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    field_order = [
        "status",
        "percent_complete",
        "narrative",
        "next_steps",
        "milestones_done",
        "as_at",
        "files",
        "links",
    ]
    SERVICE_FIELDS = {"milestones": "milestones_done"}

    def __init__(self, *args, milestones=(), **kwargs):
        super().__init__(*args, **kwargs)
        choice(self, "milestones_done").choices = [
            (str(m.id), f"{m.text}" + (f" (due {long_date(m.due)})" if m.due else ""))
            for m in milestones
        ]
        if not milestones:
            del self.fields["milestones_done"]

    def clean(self):
        # The service's own checks too, so every problem shows at once (GOV.UK's summary).
        data = super().clean()
        for problem in update_problems(
            data.get("as_at"), data.get("files") or [], _links(data.get("links") or "")
        ):
            add_service_error(self, problem, self.SERVICE_FIELDS)
        return data

    def service_kwargs(self) -> dict:
        data = self.cleaned_data
        done = {int(i): data["as_at"] for i in data.get("milestones_done", [])}
        return {
            "status": data["status"],
            "percent_complete": data["percent_complete"],
            "narrative": data["narrative"],
            "next_steps": data["next_steps"],
            "as_at": data["as_at"],
            "milestones_done": done,
            **self.evidence(),
        }


class ProposeForm(EvidenceMixin, VersionedForm):
    impact = forms.CharField(
        label="Evidence of impact",
        help_text="What has changed because of this action, and for whom",
        widget=forms.Textarea(attrs={"rows": 6}),
        error_messages={
            "required": "Describe the evidence of impact: what has changed, and for whom"
        },
    )
    field_order = ["impact", "files", "links"]


class AcceptForm(VersionedForm):
    note = forms.CharField(
        label="Note (optional)",
        help_text="For example, what you checked before signing it off",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class ReturnForm(VersionedForm):
    reason = forms.CharField(
        label="Why are you returning it?",
        help_text="The lead officer sees this with the action",
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": "Say why the completion is returned"},
    )


class OverrideForm(GovukForm):
    colour = forms.ChoiceField(
        label="Colour to show",
        widget=forms.RadioSelect,
        error_messages={"required": "Choose the colour to show"},
    )
    reason = forms.CharField(
        label="Reason for overriding the rules",
        help_text="Everyone who sees the action sees this reason",
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": "Give the reason for overriding the RAG rating"},
    )

    def __init__(self, *args, rules: rag.RuleSet, **kwargs):
        super().__init__(*args, **kwargs)
        choice(self, "colour").choices = [(c, c.capitalize()) for c in rules.colours()]


class ClearOverrideForm(GovukForm):
    reason = forms.CharField(
        label="Reason (optional)", required=False, widget=forms.Textarea(attrs={"rows": 3})
    )


class QuestionForm(GovukForm):
    question = forms.CharField(
        label="Your question",
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": "Enter your question"},
    )


class AnswerForm(GovukForm):
    text = forms.CharField(
        label="Your answer",
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={"required": "Enter the answer"},
    )


# --- editing an action -----------------------------------------------------------------


class EditActionForm(VersionedForm):
    """The action's text, resources, end date, leads, partners and milestones. Milestones
    are rows m0, m1, ... (text, due, met on, remove) and one new row."""

    text = forms.CharField(
        label="Action",
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={"required": "Enter the action"},
    )
    resources = forms.CharField(
        label="Resources", required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    success_criteria = forms.CharField(
        label="Success criteria",
        help_text="How you will know the action worked",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    steps = forms.CharField(
        label="Steps",
        help_text="One step a line, in order",
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    due = GovukDateField(label="End date", required=False, help_text="For example, 30 6 2013")
    # Pickers, not a checkbox for each of the organisation's parties twice over.
    leads = forms.MultipleChoiceField(
        label="Lead", widget=forms.SelectMultiple(attrs=AUTOCOMPLETE), required=False
    )
    partners = forms.MultipleChoiceField(
        label="Partners", widget=forms.SelectMultiple(attrs=AUTOCOMPLETE), required=False
    )
    # Optional, so that a quick fix needs no essay; empty, the history says "edited".
    reason = forms.CharField(
        label="Why are you making this change? (optional)",
        help_text="It is kept in the action’s history with your name, for anyone who asks why",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args, parties=(), milestones=(), **kwargs):
        super().__init__(*args, **kwargs)
        choices = [(str(p.pk), p.name) for p in parties]
        choice(self, "leads").choices = choices
        choice(self, "partners").choices = choices
        self.milestone_ids = []
        for i, m in enumerate([*milestones, None]):
            n = i + 1
            prefix = f"m{i}"
            if m is not None:
                self.fields[f"{prefix}_id"] = forms.IntegerField(widget=forms.HiddenInput)
                self.milestone_ids.append(m["id"])
            what = f"Milestone {n}" if m is not None else "New milestone (optional)"
            self.fields[f"{prefix}_text"] = forms.CharField(
                label=what, required=False, widget=forms.Textarea(attrs={"rows": 2})
            )
            self.fields[f"{prefix}_due"] = GovukDateField(
                label=f"{what}: due (optional)", required=False
            )
            self.fields[f"{prefix}_done"] = GovukDateField(
                label=f"{what}: met on (optional)", required=False
            )
            if m is not None:
                self.fields[f"{prefix}_remove"] = forms.BooleanField(
                    label=f"Remove milestone {n}", required=False
                )
        self.milestone_count = len(milestones)

    @classmethod
    def initial_from(cls, state: dict) -> dict:
        initial = {
            "version": state["version"],
            "text": state["text"],
            "resources": state["resources"],
            "success_criteria": state["success_criteria"],
            "steps": "\n".join(state["steps"]),
            "due": state["due"],
            "leads": [str(i) for i in state["leads"]],
            "partners": [str(i) for i in state["partners"]],
        }
        for i, m in enumerate(state["milestones"]):
            initial |= {
                f"m{i}_id": m["id"],
                f"m{i}_text": m["text"],
                f"m{i}_due": m["due"],
                f"m{i}_done": m["done_on"],
            }
        return initial

    def milestone_rows(self) -> list[list]:
        """The milestone fields grouped per milestone, for the template."""
        rows = []
        for i in range(self.milestone_count + 1):
            names = [f"m{i}_text", f"m{i}_due", f"m{i}_done", f"m{i}_remove"]
            rows.append([self[n] for n in names if n in self.fields])
        return rows

    def main_fields(self) -> list:
        names = ("text", "resources", "success_criteria", "steps", "due", "leads", "partners")
        return [self[n] for n in names]

    def given_reason(self) -> str:
        """Why, for the history: the user's words, or "edited" when they gave none."""
        return (self.cleaned_data.get("reason") or "").strip() or "edited"

    def clean(self):
        data = super().clean()
        for i in range(self.milestone_count + 1):
            if i < self.milestone_count and data.get(f"m{i}_remove"):
                continue
            text = (data.get(f"m{i}_text") or "").strip()
            dated = data.get(f"m{i}_due") or data.get(f"m{i}_done")
            if not text and (i < self.milestone_count or dated):
                self.add_error(f"m{i}_text", "Describe the milestone, or tick remove")
        return data

    def ordered(self, field: str, before: list[int]) -> list[int]:
        """The parties chosen, those there before first in their order, then the new."""
        ticked = [int(i) for i in self.cleaned_data[field]]
        return [i for i in before if i in ticked] + [i for i in ticked if i not in before]

    def changes(self, state: dict) -> dict:
        data = self.cleaned_data
        milestones = []
        for i in range(self.milestone_count + 1):
            if data.get(f"m{i}_remove"):
                continue
            text = (data.get(f"m{i}_text") or "").strip()
            if not text:
                continue
            item = {"text": text, "due": data.get(f"m{i}_due"), "done_on": data.get(f"m{i}_done")}
            if i < self.milestone_count:
                item["id"] = data[f"m{i}_id"]
            milestones.append(item)
        return {
            "text": data["text"],
            "resources": data["resources"],
            "success_criteria": data["success_criteria"],
            "steps": data["steps"].splitlines(),
            "due": data["due"],
            "leads": self.ordered("leads", state["leads"]),
            "partners": self.ordered("partners", state["partners"]),
            "milestones": milestones,
        }


# --- the plan's RAG rules --------------------------------------------------------------


def _threshold(when: dict) -> int | None:
    if "days_overdue_over" in when:
        return when["days_overdue_over"]
    for sub in when.get("any", []):
        if "days_overdue_over" in sub:
            return sub["days_overdue_over"]
    return None


def _set_threshold(when: dict, days: int) -> dict:
    when = dict(when)
    if "days_overdue_over" in when:
        when["days_overdue_over"] = days
    if "any" in when:
        when["any"] = [
            {**s, "days_overdue_over": days} if "days_overdue_over" in s else s for s in when["any"]
        ]
    return when


class RagRulesForm(GovukForm):
    """The council's own words for each rule, and the days past a milestone at which a
    rule applies; the conditions' shape stays the plan's (see rag.py)."""

    def __init__(self, *args, rules: rag.RuleSet, **kwargs):
        super().__init__(*args, **kwargs)
        self.rules = rules
        for i, rule in enumerate(rules.rules):
            what = f"Rule {i + 1} ({rule.colour})"
            self.fields[f"r{i}_label"] = forms.CharField(
                label=f"{what}: label",
                initial=rule.label,
                error_messages={"required": f"Enter the label of rule {i + 1}"},
            )
            self.fields[f"r{i}_meaning"] = forms.CharField(
                label=f"{what}: what it means",
                initial=rule.meaning,
                widget=forms.Textarea(attrs={"rows": 2}),
                error_messages={"required": f"Enter what rule {i + 1} means"},
            )
            days = _threshold(rule.when)
            if days is not None:
                self.fields[f"r{i}_days"] = forms.IntegerField(
                    label=f"{what}: applies more than this many days past a milestone",
                    initial=days,
                    min_value=0,
                    max_value=366,
                    widget=forms.TextInput(
                        attrs={"inputmode": "numeric", "class": "govuk-input--width-3"}
                    ),
                    error_messages={
                        "required": f"Enter the days for rule {i + 1}",
                        "invalid": f"Enter the days for rule {i + 1} as a whole number",
                        "min_value": "The days must be 0 or more",
                        "max_value": "The days must be 366 or fewer",
                    },
                )

    def rule_rows(self) -> list[tuple[rag.Rule, list]]:
        return [
            (
                rule,
                [
                    self[n]
                    for n in (f"r{i}_label", f"r{i}_meaning", f"r{i}_days")
                    if n in self.fields
                ],
            )
            for i, rule in enumerate(self.rules.rules)
        ]

    def data_for_service(self, name: str = "The council's own rules") -> dict:
        data = self.rules.to_data()
        data["name"] = name
        rules = []
        for i, raw in enumerate(data["rules"]):
            raw = dict(raw)
            raw["label"] = self.cleaned_data[f"r{i}_label"].strip()
            raw["meaning"] = self.cleaned_data[f"r{i}_meaning"].strip()
            if f"r{i}_days" in self.cleaned_data:
                raw["when"] = _set_threshold(raw["when"], self.cleaned_data[f"r{i}_days"])
            rules.append(raw)
        data["rules"] = rules
        return data
