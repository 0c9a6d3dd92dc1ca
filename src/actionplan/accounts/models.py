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
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.email} as {self.get_role_display()} in {self.plan}"
