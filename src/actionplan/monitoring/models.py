"""What running a plan adds to it: RAG rule sets, overrides, evidence, challenges.

Progress updates themselves are `plans.ProgressRecord`: one table for imported and entered
updates. Overrides, evidence, challenges and answers are append-only like them (a
correction or a clearing is a new record), so each row is its own history: who, when,
what. Rule sets change in place and keep their history with django-simple-history.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from simple_history.models import HistoricalRecords

from actionplan.monitoring import rag
from actionplan.plans.models import Action, AppendOnlyModel, Plan, ProgressRecord, Recommendation


class RagRuleSet(models.Model):
    """A plan's own RAG definitions; a plan without one uses rag.DEFAULT_RULES."""

    plan = models.OneToOneField(Plan, on_delete=models.CASCADE, related_name="rag_rules")
    data = models.JSONField(help_text="the rule set as monitoring.rag.parse_rules reads it")
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField(default=timezone.now)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "RAG rule set"

    def __str__(self) -> str:
        return self.data.get("name", "RAG rules") if isinstance(self.data, dict) else "RAG rules"

    def rule_set(self) -> rag.RuleSet:
        return rag.parse_rules(self.data)


class RagOverride(AppendOnlyModel):
    """A manual RAG colour for an action, with the reason. The latest record for an action
    is in force; one with no colour clears the override."""

    action = models.ForeignKey(Action, on_delete=models.PROTECT, related_name="rag_overrides")
    colour = models.CharField(max_length=20, blank=True, help_text="empty: the override cleared")
    reason = models.TextField(blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering = ["action", "created_at", "id"]
        verbose_name = "RAG override"
        constraints = [
            models.CheckConstraint(
                condition=Q(colour="") | ~Q(reason=""), name="override_has_reason"
            )
        ]

    def __str__(self) -> str:
        return f"{self.colour}: {self.reason}" if self.colour else "override cleared"


def _evidence_path(evidence: Evidence, filename: str) -> str:
    return f"evidence/{evidence.update.action_id}/{filename}"


class Evidence(AppendOnlyModel):
    """A file or a link given with a progress update or a completion proposal."""

    update = models.ForeignKey(ProgressRecord, on_delete=models.PROTECT, related_name="evidence")
    file = models.FileField(upload_to=_evidence_path, blank=True, max_length=300)
    url = models.URLField(max_length=2000, blank=True)
    title = models.TextField(blank=True)
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering = ["update", "id"]
        verbose_name_plural = "evidence"
        constraints = [
            models.CheckConstraint(
                condition=(Q(file="") & ~Q(url="")) | (~Q(file="") & Q(url="")),
                name="evidence_file_or_link",
            )
        ]

    def __str__(self) -> str:
        return self.title or self.url or self.file.name or ""


class Challenge(AppendOnlyModel):
    """A member's question about an action or a recommendation."""

    plan = models.ForeignKey(Plan, on_delete=models.PROTECT, related_name="challenges")
    recommendation = models.ForeignKey(
        Recommendation,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="challenges",
    )
    action = models.ForeignKey(
        Action, null=True, blank=True, on_delete=models.PROTECT, related_name="challenges"
    )
    question = models.TextField()
    asked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    asked_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering = ["plan", "asked_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(recommendation__isnull=True, action__isnull=False)
                | Q(recommendation__isnull=False, action__isnull=True),
                name="challenge_on_one_thing",
            )
        ]

    def __str__(self) -> str:
        return self.question[:60]


class Answer(AppendOnlyModel):
    """An officer's answer to a challenge; a further answer adds to it."""

    challenge = models.ForeignKey(Challenge, on_delete=models.PROTECT, related_name="answers")
    text = models.TextField()
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    answered_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering = ["challenge", "answered_at", "id"]

    def __str__(self) -> str:
        return self.text[:60]


class ActionState(models.Model):
    """Each action's standing "today", so that the dashboard reads counts in SQL instead of
    rebuilding the plan from its history (ADR 0024). A row is fresh when `rated_on` is the
    day asked for; a write that changes the action bumps `generation` and clears `rated_on`
    in its own transaction (monitoring/state.py), and the next reader rates the stale rows
    again from the history, through the same snapshot every other page uses."""

    action = models.OneToOneField(
        Action, primary_key=True, on_delete=models.CASCADE, related_name="state"
    )
    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="+", db_index=True)
    in_plan = models.BooleanField(default=False, help_text="in the plan on rated_on")
    colour = models.CharField(max_length=40, blank=True, help_text="empty: no rating")
    overdue = models.PositiveIntegerField(default=0, help_text="deadlines overdue on rated_on")
    due_soon = models.PositiveIntegerField(default=0, help_text="deadlines due soon after it")
    rated_on = models.DateField(null=True, blank=True)
    generation = models.PositiveIntegerField(default=0)

    def __str__(self) -> str:
        return f"action {self.action_id}: {self.colour} on {self.rated_on}"


class PlanVersion(models.Model):
    """How many times the plan has been written to, bumped in the same transaction as every
    write that marks an action's state stale (monitoring/state.py), so that a snapshot of a
    past "as at" cached under the version a reader saw is never served after a write
    (ADR 0024). No row: version 0."""

    plan = models.OneToOneField(
        Plan, primary_key=True, on_delete=models.CASCADE, related_name="write_version"
    )
    version = models.PositiveBigIntegerField(default=0)

    def __str__(self) -> str:
        return f"plan {self.plan_id}: version {self.version}"
