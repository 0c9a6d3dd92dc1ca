"""The forms that correct what an import read (plans.corrections does the correcting)."""

from __future__ import annotations

from typing import cast

from django import forms

from actionplan.core.forms import AUTOCOMPLETE, GovukForm, choice

REASON_HINT = "It is kept in the history with your name, for anyone who asks why"


def reason_field(label: str = "Why are you making this change?") -> forms.CharField:
    return forms.CharField(
        label=label,
        help_text=REASON_HINT,
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": "Say why you are making this change"},
    )


class RecommendationForm(GovukForm):
    title = forms.CharField(
        label="Recommendation",
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": "Enter the recommendation"},
    )
    timescale = forms.TypedChoiceField(
        label="Timescale", coerce=int, empty_value=None, required=False
    )
    owners = forms.TypedMultipleChoiceField(
        label="Overall responsibility",
        help_text="Select everyone who holds overall responsibility for it",
        coerce=int,
        widget=forms.SelectMultiple(attrs=AUTOCOMPLETE),
        required=False,
    )
    reason = reason_field()

    def __init__(self, *args, timescales=(), parties=(), objectives=(), **kwargs):
        super().__init__(*args, **kwargs)
        choice(self, "timescale").choices = [("", "Not stated")] + [
            (t.pk, t.label) for t in timescales
        ]
        choice(self, "owners").choices = [(p.pk, p.name) for p in parties]
        # The objectives between the recommendation and its actions, when the plan has them.
        for o in objectives:
            self.fields[f"objective_{o.pk}"] = forms.CharField(
                label=f"Objective {o.number}",
                widget=forms.Textarea(attrs={"rows": 2}),
                error_messages={"required": "Enter the objective"},
            )
        self.order_fields([*(n for n in self.fields if n != "reason"), "reason"])


def _names(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


class BodyForm(GovukForm):
    name = forms.CharField(
        label="Full name",
        help_text="For example, Children and Young People’s Leadership Team",
        error_messages={"required": "Enter the body’s full name"},
    )
    abbreviation = forms.CharField(
        label="Abbreviation (optional)",
        help_text="For example, CYPLT",
        required=False,
        widget=forms.TextInput(attrs={"class": "govuk-input--width-10"}),
    )
    aliases = forms.CharField(
        label="Other names (optional)",
        help_text="One a line: the ways plans write it, such as a misspelling. An import "
        "that finds one of these names links it to this body",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    reason = reason_field()

    def clean_aliases(self) -> list[str]:
        return _names(self.cleaned_data["aliases"])


class MergeForm(GovukForm):
    """Which other record (body, party) is the same as this one; the wording is the page's."""

    other = forms.TypedChoiceField(
        coerce=int, empty_value=None, widget=forms.Select(attrs=AUTOCOMPLETE)
    )
    reason = reason_field()

    def __init__(self, *args, others, label: str, hint: str, missing: str, **kwargs):
        super().__init__(*args, **kwargs)
        field = choice(self, "other")
        field.label, field.help_text = label, hint
        field.error_messages["required"] = missing
        field.choices = [("", "Choose one"), *others]


class PartyForm(GovukForm):
    name = forms.CharField(
        label="Name",
        help_text="As the plan should show it, for example Judith Hay or Head of Safeguarding",
        error_messages={"required": "Enter the name"},
    )
    kind = forms.ChoiceField(
        label="Is this a person, a role, a group or an organisation?",
        choices=[
            ("person", "A person"),
            ("role", "A role, such as Head of Safeguarding"),
            ("group", "A group or team"),
            ("organisation", "An organisation"),
        ],
        widget=forms.RadioSelect,
        error_messages={
            "required": "Select whether it is a person, a role, a group or an organisation"
        },
    )
    reason = reason_field()


ORDINALS = ("first", "second", "third", "fourth")


class SplitForm(GovukForm):
    """The names one party splits into (up to four, each with its kind) and, for each
    place it holds (`held`: key and label), which of them take it."""

    reason = reason_field()

    def __init__(self, *args, held: list[tuple[str, str]], kind: str, **kwargs):
        super().__init__(*args, **kwargs)
        kinds = PartyForm.base_fields["kind"]
        for i, ordinal in enumerate(ORDINALS, start=1):
            self.fields[f"name_{i}"] = forms.CharField(
                label=f"The {ordinal} name" + (" (optional)" if i > 2 else ""),
                required=False,
            )
            self.fields[f"kind_{i}"] = forms.ChoiceField(
                label=f"Is the {ordinal} a person, a role, a group or an organisation?",
                choices=cast(forms.ChoiceField, kinds).choices,
                initial=kind,
            )
        everyone = list(range(len(ORDINALS)))
        for key, label in held:
            self.fields[key] = forms.TypedMultipleChoiceField(
                label=f"Who takes their place as {label}?",
                help_text="All of them, unless you untick some",
                coerce=int,
                choices=[(i, f"The {o} name") for i, o in enumerate(ORDINALS)],
                initial=everyone,
                widget=forms.CheckboxSelectMultiple,
                error_messages={"required": f"Choose who takes their place as {label}"},
            )
        self.held = [key for key, _ in held]
        self.order_fields([*(f for f in self.fields if f != "reason"), "reason"])

    def clean(self):
        data = super().clean()
        if len(self.parts()) < 2:
            self.add_error("name_1", "Enter at least two names")
        return data

    def _filled(self) -> list[int]:
        data = self.cleaned_data
        return [i for i in range(len(ORDINALS)) if (data.get(f"name_{i + 1}") or "").strip()]

    def parts(self) -> list[tuple[str, str]]:
        data = self.cleaned_data
        return [(data[f"name_{i + 1}"], data.get(f"kind_{i + 1}", "")) for i in self._filled()]

    def takes(self) -> dict[str, list[int]]:
        """Who takes each place, as positions among the names given (a blank row skipped)."""
        at = {row: n for n, row in enumerate(self._filled())}
        return {key: [at[i] for i in self.cleaned_data[key] if i in at] for key in self.held}
