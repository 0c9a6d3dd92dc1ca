"""Who may do what in which plan: a user's membership of a plan, and invitations to one."""

from __future__ import annotations

from django.conf import settings
from django.db import models


class Role(models.TextChoices):
    IMPROVEMENT_LEAD = "improvement_lead", "Improvement lead"
    LEAD_OFFICER = "lead_officer", "Lead officer"
    PARTNER = "partner", "Partner contributor"
    MEMBER = "member", "Elected or board member"
    INSPECTOR = "inspector", "Inspector or auditor"


ROLE_DESCRIPTIONS = {
    Role.IMPROVEMENT_LEAD: "Runs the plan: assigns owners, approves completion, imports, invites",
    Role.LEAD_OFFICER: "Updates the actions they lead and sees the whole plan",
    Role.PARTNER: "Updates the actions where their organisation is a named partner",
    Role.MEMBER: "Reads the plan and raises challenges",
    Role.INSPECTOR: "Reads everything, including the history; changes nothing",
}

# The roles that act through a party of the plan: the one they lead, or are a partner as.
ROLES_WITH_PARTY = {Role.LEAD_OFFICER, Role.PARTNER}


class Membership(models.Model):
    """A user's role in one plan. `party` is the plan's Party that is this user: the person
    a lead officer is, or the partner organisation (or person) a partner contributes for."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships"
    )
    plan = models.ForeignKey("plans.Plan", on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField(max_length=20, choices=Role.choices)
    party = models.ForeignKey(
        "plans.Party",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="memberships",
        help_text="who this user is in the plan, for lead officers and partners",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["plan", "role", "user"]
        constraints = [
            models.UniqueConstraint(fields=["user", "plan"], name="membership_one_per_plan")
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.get_role_display()} – {self.plan}"


class Invitation(models.Model):
    """An e-mailed invitation to a plan. Its link is signed, expires after
    INVITATION_DAYS and works once: `accepted_at` is set when it is used."""

    email = models.EmailField()
    full_name = models.CharField(
        max_length=150, blank=True, help_text="as the inviter gave it; the person may change it"
    )
    plan = models.ForeignKey("plans.Plan", on_delete=models.CASCADE, related_name="invitations")
    role = models.CharField(max_length=20, choices=Role.choices)
    party = models.ForeignKey(
        "plans.Party", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    accepted_at = models.DateTimeField(null=True, blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="invitations",
        help_text="who accepted it",
    )

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.email} as {self.get_role_display()} in {self.plan}"


class AuditEvent(models.Model):
    """Something that happened to someone's access: a sign-in, a failed attempt, a second
    factor set up, an invitation, a role changed. Never a password, a code or a token."""

    class Kind(models.TextChoices):
        SIGNED_IN = "signed_in", "Signed in"
        SIGN_IN_FAILED = "sign_in_failed", "Failed to sign in"
        LOCKED_OUT = "locked_out", "Locked out after failed sign-ins"
        SIGNED_OUT = "signed_out", "Signed out"
        SESSION_EXPIRED = "session_expired", "Signed out: session expired"
        CODE_FAILED = "code_failed", "Entered a wrong security code"
        BACKUP_CODE_USED = "backup_code_used", "Signed in with a backup code"
        PASSWORD_CHANGED = "password_changed", "Changed their password"
        PASSWORD_RESET_REQUESTED = "password_reset_requested", "Asked to reset their password"
        PASSWORD_RESET = "password_reset", "Reset their password"
        SECOND_FACTOR_SET_UP = "second_factor_set_up", "Set up an authenticator app"
        BACKUP_CODES_MADE = "backup_codes_made", "Made new backup codes"
        SECOND_FACTOR_REMOVED = "second_factor_removed", "Turned off the second factor"
        SECOND_FACTOR_RESET = "second_factor_reset", "Second factor reset by an administrator"
        INVITATION_SENT = "invitation_sent", "Invited"
        INVITATION_ACCEPTED = "invitation_accepted", "Accepted an invitation"
        INVITATION_WITHDRAWN = "invitation_withdrawn", "Invitation withdrawn"
        INVITATION_RESENT = "invitation_resent", "Invitation sent again"
        ROLE_CHANGED = "role_changed", "Role changed"
        MEMBER_REMOVED = "member_removed", "Removed from the plan"

    at = models.DateTimeField(auto_now_add=True, db_index=True)
    kind = models.CharField(max_length=30, choices=Kind.choices)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="audit_events",
        help_text="whom it is about",
    )
    # Kept when the user is deleted, so the log still says who it was.
    username = models.CharField(max_length=254, blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="who did it, when someone did it to them",
    )
    actor_name = models.CharField(max_length=254, blank=True)
    plan = models.ForeignKey(
        "plans.Plan",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="audit_events",
        help_text="for invitations and roles: the plan",
    )
    ip_address = models.GenericIPAddressField(null=True, blank=True)
    detail = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["-at", "-pk"]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.username or '?'}: {self.get_kind_display()}"
