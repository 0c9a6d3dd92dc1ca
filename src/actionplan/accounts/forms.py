from django import forms
from django.contrib.auth.forms import (
    AuthenticationForm,
    PasswordChangeForm,
    PasswordResetForm,
    SetPasswordForm,
)

from actionplan.accounts.models import ROLE_DESCRIPTIONS, ROLES_WITH_PARTY, Role
from actionplan.core.forms import GovukForm, GovukFormMixin
from actionplan.plans.models import Party


class SignInForm(GovukFormMixin, AuthenticationForm):
    error_messages = {
        "invalid_login": "Enter a correct username and password",
        "inactive": "This account is not active. Ask your improvement lead.",
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["username"].label = "Username"
        self.fields["username"].help_text = "If you were invited, this is your e-mail address"
        self.fields["username"].widget.attrs["spellcheck"] = "false"


class ChangePasswordForm(GovukFormMixin, PasswordChangeForm):
    pass


class NewPasswordForm(GovukFormMixin, SetPasswordForm):
    pass


class ResetPasswordForm(GovukFormMixin, PasswordResetForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        email = self.fields["email"]
        email.label = "E-mail address"
        email.help_text = "The address your invitation was sent to"
        email.error_messages["required"] = "Enter your e-mail address"
        email.error_messages["invalid"] = (
            "Enter an e-mail address in the correct format, like name@example.gov.uk"
        )


class CodeForm(GovukForm):
    """A security code: six digits from the app, or a backup code."""

    code = forms.CharField(
        label="Security code",
        max_length=40,
        error_messages={"required": "Enter the security code"},
        widget=forms.TextInput(
            attrs={
                "autocomplete": "one-time-code",
                "spellcheck": "false",
                "autocapitalize": "none",
                "class": "govuk-input--width-10",
            }
        ),
    )

    def __init__(self, *args, hint: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["code"].help_text = hint


def full_name_field(**kwargs) -> forms.CharField:
    """GOV.UK's one "Full name" field (ADR 0027), kept in User.first_name (150 characters)."""
    return forms.CharField(
        label="Full name",
        max_length=150,
        error_messages={
            "required": "Enter the full name",
            "max_length": "Full name must be 150 characters or fewer",
        },
        widget=forms.TextInput(attrs={"autocomplete": "name", "spellcheck": "false"}),
        **kwargs,
    )


class NameForm(GovukForm):
    full_name = full_name_field(help_text="How your name is shown to others in the service")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["full_name"].error_messages["required"] = "Enter your full name"


class NewAccountForm(GovukFormMixin, SetPasswordForm):
    """An invited person's name (pre-filled from the invitation) and their new password."""

    full_name = full_name_field()
    field_order = ["full_name", "new_password1", "new_password2"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["full_name"].error_messages["required"] = "Enter your full name"
        self.order_fields(self.field_order)


class RoleForm(GovukForm):
    """A role in the plan and, for lead officers and partners, who they are in it."""

    role = forms.ChoiceField(
        label="Role",
        widget=forms.RadioSelect,
        choices=[(r.value, f"{r.label}: {ROLE_DESCRIPTIONS[r].lower()}") for r in Role],
        error_messages={"required": "Select the person's role"},
    )
    party = forms.ModelChoiceField(
        label="Who they are in the plan",
        help_text="For a lead officer, the person who leads actions; for a partner, "
        "their organisation",
        queryset=Party.objects.none(),
        required=False,
        empty_label="Nobody in particular",
    )

    def __init__(self, *args, plan, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["party"].queryset = Party.objects.filter(organisation=plan.organisation_id)
        self.fields["party"].label_from_instance = lambda p: f"{p.name} ({p.kind})"
        if self.field_order:
            self.order_fields(self.field_order)

    def clean(self):
        data = super().clean()
        if data.get("role") in ROLES_WITH_PARTY and not data.get("party"):
            self.add_error(
                "party",
                "Select who this person is in the plan: lead officers and partners act for one",
            )
        return data


def reason_field() -> forms.CharField:
    return forms.CharField(
        label="Why",
        help_text="Kept in the plan's access log with your name",
        max_length=250,
        error_messages={"required": "Say why"},
    )


class MemberForm(RoleForm):
    reason = reason_field()


class RemoveMemberForm(GovukForm):
    reason = reason_field()


class InviteForm(RoleForm):
    full_name = full_name_field()
    email = forms.EmailField(
        label="E-mail address", widget=forms.EmailInput(attrs={"autocomplete": "off"})
    )
    field_order = ["full_name", "email", "role", "party"]

    def __init__(self, *args, plan, **kwargs):
        super().__init__(*args, plan=plan, **kwargs)
        self.fields["full_name"].error_messages["required"] = "Enter the person's full name"
        self.fields["full_name"].widget.attrs["autocomplete"] = "off"
        self.fields["email"].error_messages["required"] = "Enter the person's e-mail address"
        self.fields["email"].error_messages["invalid"] = (
            "Enter an e-mail address in the correct format, like name@example.gov.uk"
        )
