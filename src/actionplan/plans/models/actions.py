"""What a plan asks for: recommendations, their owners and objectives, the actions under
them with leads and partners, milestones, reporting lines and cross-references."""

from __future__ import annotations

from django.db import models
from simple_history.models import HistoricalRecords

from .plan import Body, Party, Plan, Timescale


class Recommendation(models.Model):
    """One of the inspection's recommendations, as the plan numbers it (1.0, 2.0, ...)."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="recommendations")
    number = models.TextField()
    title = models.TextField()
    timescale = models.ForeignKey(
        Timescale, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    order = models.PositiveIntegerField(default=0)
    overview = models.JSONField(default=list, blank=True)
    where = models.TextField(blank=True)
    retired = models.BooleanField(
        default=False, help_text="gone from the latest import but kept for its progress records"
    )
    overall_responsibility = models.ManyToManyField(
        Party, through="Responsibility", related_name="responsible_for"
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["plan", "order", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "number"], name="recommendation_unique_number")
        ]

    def __str__(self) -> str:
        return f"{self.number} {self.title}"


class Responsibility(models.Model):
    """Who has overall responsibility for a recommendation."""

    recommendation = models.ForeignKey(
        Recommendation, on_delete=models.CASCADE, related_name="responsibilities"
    )
    party = models.ForeignKey(Party, on_delete=models.CASCADE, related_name="+")
    text = models.TextField(blank=True, help_text="as the document wrote it, if different")
    order = models.PositiveIntegerField(default=0)
    history = HistoricalRecords()

    class Meta:
        ordering = ["recommendation", "order", "pk"]
        verbose_name_plural = "responsibilities"

    def __str__(self) -> str:
        return str(self.party)


class Objective(models.Model):
    """The middle level of a plan with three (priority > objective > action): an
    objective of a recommendation, which some of its actions serve."""

    recommendation = models.ForeignKey(
        Recommendation, on_delete=models.CASCADE, related_name="objectives"
    )
    number = models.TextField()
    title = models.TextField()
    where = models.TextField(blank=True)
    order = models.PositiveIntegerField(default=0)
    history = HistoricalRecords()

    class Meta:
        ordering = ["recommendation", "order", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["recommendation", "number"], name="objective_unique_number"
            )
        ]

    def __str__(self) -> str:
        return f"{self.number} {self.title}"


# The key of an action added in the service rather than read from a document (one made
# from an audit's finding): a document never has it, so re-importing leaves the action be.
ADDED_KEY_PREFIX = "added-"


class Action(models.Model):
    """A key action. `key` identifies it within its recommendation from one import to the
    next: the document's ref when it has a unique one, otherwise its position (or, for an
    action added in the service, ADDED_KEY_PREFIX and a number)."""

    recommendation = models.ForeignKey(
        Recommendation, on_delete=models.CASCADE, related_name="actions"
    )
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="children"
    )
    key = models.TextField()
    ref = models.TextField(blank=True)
    number = models.TextField(blank=True, help_text="the label as written, e.g. '2 (a)'")
    ref_inferred = models.BooleanField(default=False)
    part = models.TextField(blank=True)
    phase = models.TextField(blank=True)
    text = models.TextField()
    resources = models.TextField(blank=True)
    due = models.DateField(null=True, blank=True)
    order = models.PositiveIntegerField(default=0)
    lead_text = models.TextField(blank=True)
    partners_text = models.TextField(blank=True)
    milestones_text = models.TextField(blank=True)
    reporting_text = models.TextField(blank=True)
    where = models.TextField(blank=True)
    extra = models.JSONField(
        default=dict, blank=True, help_text="columns the importer did not map, by their header"
    )
    success_criteria = models.TextField(
        blank=True, help_text="how the plan will know the action worked"
    )
    steps = models.JSONField(default=list, blank=True, help_text="its steps, in order")
    objective = models.ForeignKey(
        Objective, null=True, blank=True, on_delete=models.SET_NULL, related_name="actions"
    )
    retired = models.BooleanField(
        default=False, help_text="gone from the latest import but kept for its progress records"
    )
    parties = models.ManyToManyField(Party, through="ActionParty", related_name="actions")
    version = models.PositiveIntegerField(
        default=1, help_text="counts saved changes, so that a stale edit can be refused"
    )
    # The version is bookkeeping for optimistic locking, not something that changed.
    history = HistoricalRecords(excluded_fields=["version"])

    class Meta:
        ordering = ["recommendation", "order", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["recommendation", "key"], name="action_unique_key")
        ]
        indexes = [models.Index(fields=["due"], name="action_due")]

    def __str__(self) -> str:
        label = self.ref or f"#{self.order}"
        return f"{label} {self.text[:60]}"


class ActionParty(models.Model):
    class Role(models.TextChoices):
        LEAD = "lead"
        PARTNER = "partner"
        MENTION = "mention", "mentioned"

    action = models.ForeignKey(Action, on_delete=models.CASCADE, related_name="action_parties")
    party = models.ForeignKey(Party, on_delete=models.CASCADE, related_name="action_roles")
    role = models.CharField(max_length=20, choices=Role.choices)
    text = models.TextField(blank=True, help_text="as the document wrote it, if different")
    order = models.PositiveIntegerField(default=0)
    history = HistoricalRecords()

    class Meta:
        ordering = ["action", "role", "order", "pk"]
        verbose_name = "lead or partner"
        verbose_name_plural = "leads and partners"
        indexes = [models.Index(fields=["party", "role"], name="actionparty_party_role")]

    def __str__(self) -> str:
        return f"{self.party} ({self.role})"


class _Dated(models.Model):
    """A line of a milestones or reporting cell: its text and the dates read from it."""

    text = models.TextField()
    due = models.DateField(null=True, blank=True)
    start = models.DateField(null=True, blank=True)
    precision = models.TextField(blank=True)
    frequency = models.TextField(blank=True)
    order = models.PositiveIntegerField(default=0)

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return self.text


class Milestone(_Dated):
    action = models.ForeignKey(Action, on_delete=models.CASCADE, related_name="milestones")
    done_on = models.DateField(
        null=True, blank=True, help_text="the day it was met, as its lead officer reported"
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["action", "order", "pk"]
        indexes = [models.Index(fields=["due"], name="milestone_due")]


class ReportingRequirement(_Dated):
    action = models.ForeignKey(Action, on_delete=models.CASCADE, related_name="reporting")
    body = models.ForeignKey(
        Body, null=True, blank=True, on_delete=models.SET_NULL, related_name="reporting"
    )
    body_label = models.TextField(blank=True, help_text="the body as the document named it")
    history = HistoricalRecords()

    class Meta:
        ordering = ["action", "order", "pk"]
        indexes = [models.Index(fields=["due"], name="reporting_due")]


class CrossReference(models.Model):
    """'See Recommendation 6.0': from a recommendation (or one of its actions) to another.
    The number is kept as written: the document may name a recommendation it does not have."""

    recommendation = models.ForeignKey(
        Recommendation, on_delete=models.CASCADE, related_name="cross_references"
    )
    action = models.ForeignKey(
        Action, null=True, blank=True, on_delete=models.CASCADE, related_name="cross_references"
    )
    target = models.ForeignKey(
        Recommendation, null=True, blank=True, on_delete=models.SET_NULL, related_name="cited_by"
    )
    target_number = models.TextField()
    text = models.TextField(blank=True)
    order = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["recommendation", "action", "order", "pk"]

    def __str__(self) -> str:
        return f"{self.recommendation.number} → {self.target_number}"
