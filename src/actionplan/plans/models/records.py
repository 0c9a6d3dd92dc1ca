"""What is written about a plan rather than in it: progress records (append-only), what
each import noticed and did, uploads waiting for confirmation, saved layouts, and
corrections made by hand."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from simple_history.models import HistoricalRecords

from .actions import Action
from .base import AppendOnlyModel
from .plan import Organisation, Plan


class ProgressRecord(AppendOnlyModel):
    """What was reported about an action, as at a date: the one table of progress updates,
    imported or entered. Append-only: a correction is a new record, and an action with
    records is retired rather than deleted. The latest record (by as_at, then by when it
    was written) gives the action's status."""

    class Source(models.TextChoices):
        IMPORT = "import", "imported with the plan"
        UPDATE = "update", "progress update"
        PROPOSAL = "proposal", "completion proposed"
        SIGN_OFF = "sign_off", "completion signed off"
        RETURN = "return", "completion returned"
        REOPEN = "reopen", "reopened"

    action = models.ForeignKey(Action, on_delete=models.PROTECT, related_name="progress")
    as_at = models.DateField(null=True, blank=True, help_text="the date the record speaks for")
    status = models.TextField(
        blank=True, help_text="a status key (monitoring.statuses); imports keep their words"
    )
    rag = models.TextField(blank=True, help_text="the colour an imported document gave it")
    percent_complete = models.PositiveSmallIntegerField(null=True, blank=True)
    text = models.TextField(blank=True, verbose_name="narrative")
    next_steps = models.TextField(blank=True)
    source = models.CharField(max_length=20, choices=Source.choices, default=Source.IMPORT)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text="who wrote it; empty for imported records",
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering = ["action", "id"]
        verbose_name = "progress record"
        indexes = [models.Index(fields=["action", "as_at"], name="progress_action_as_at")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(percent_complete__lte=100), name="progress_percent_to_100"
            )
        ]

    def __str__(self) -> str:
        when = self.as_at.isoformat() if self.as_at else "undated"
        return f"{when}: {self.rag or self.status or self.text[:40]}"


class ImportWarning(models.Model):
    """Something the importer noticed. Replaced by each import. One attached to an action
    is that action's own note; the others are the plan's."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="import_warnings")
    action = models.ForeignKey(
        Action, null=True, blank=True, on_delete=models.CASCADE, related_name="import_warnings"
    )
    where = models.TextField(blank=True)
    message = models.TextField()
    recommendation_number = models.TextField(blank=True)
    action_ref = models.TextField(blank=True)
    text = models.TextField(blank=True)
    order = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["plan", "order", "pk"]

    def __str__(self) -> str:
        return f"{self.where}: {self.message}" if self.where else self.message


class ImportRun(models.Model):
    """A record of every import of a plan, with what it changed."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="import_runs")
    file = models.TextField(blank=True)
    format = models.TextField(blank=True)
    started_at = models.DateTimeField()
    counts = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["plan", "-started_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.file or 'import'} at {self.started_at:%Y-%m-%d %H:%M}"


class PendingImport(models.Model):
    """An uploaded plan file, kept so the preview can show it and confirm can store it
    without a second upload. Confirming stores it once: `plan` is set, and a repeated
    confirm (a double click, the back button) goes to that plan instead of storing again."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    filename = models.CharField(max_length=255)
    data = models.BinaryField()
    created_at = models.DateTimeField(auto_now_add=True)
    plan = models.ForeignKey(
        Plan, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # The layout the user chose on the preview (Layout.to_json()); "" while they have chosen
    # none, when a saved layout of their council, or the importer's guesses, read the file.
    layout = models.TextField(blank=True, default="")

    class Meta:
        # Made in core before it moved here (docs/adr/0020-layers.md): the table kept its name.
        db_table = "core_pendingimport"
        ordering = ["-created_at", "pk"]

    def __str__(self) -> str:
        return self.filename


class SavedLayout(models.Model):
    """How a council's plan file is laid out, as a person confirmed it on the import page
    (importing.layout.Layout as JSON): found again by the header row's signature when the
    next file of that layout is uploaded for the same council, and never for another."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="saved_layouts"
    )
    signature = models.TextField()  # importing.layout.signature of the header row
    layout = models.TextField()  # Layout.to_json()
    saved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    saved_at = models.DateTimeField(default=timezone.now)
    history = HistoricalRecords()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "signature"], name="one_layout_per_header"
            )
        ]
        ordering = ["-saved_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.organisation}: {self.signature[:60]}"


class Correction(AppendOnlyModel):
    """A correction made by hand to something an import read: what, from what to what, who
    and why (plans.corrections). Bodies, people, meetings and reminder settings keep no
    versions of their own, so this is their history; the plan's structure records the same
    change in its versions too (docs/adr/0029-corrections.md)."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="corrections"
    )
    plan = models.ForeignKey(
        Plan, null=True, blank=True, on_delete=models.SET_NULL, related_name="corrections"
    )
    subject = models.TextField(help_text="what was corrected: a body, a party, a meeting...")
    object_id = models.PositiveIntegerField(null=True, blank=True)
    summary = models.TextField(help_text="what changed, from what to what")
    reason = models.TextField()
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering = ["organisation", "at", "id"]

    def __str__(self) -> str:
        return f"{self.subject}: {self.summary}"
