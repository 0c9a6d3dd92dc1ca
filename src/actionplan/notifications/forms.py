from django import forms

from actionplan.core.forms import GovukForm
from actionplan.notifications.models import Choice, Kind


class PreferencesForm(GovukForm):
    """One choice per kind of notification."""

    def __init__(self, *args, initial_choices: dict[str, str], **kwargs):
        super().__init__(*args, **kwargs)
        for kind in Kind:
            self.fields[kind.value] = forms.ChoiceField(
                label=kind.label,
                choices=Choice.choices,
                initial=initial_choices[kind],
                widget=forms.RadioSelect,
                error_messages={
                    "required": f"Choose when to hear that {kind.label[0].lower()}{kind.label[1:]}"
                },
            )
