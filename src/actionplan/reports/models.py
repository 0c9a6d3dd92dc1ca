"""A board paper: drafted from the live plan, then issued and frozen.

A draft stores only what to build (plan, body, dates, options): its content is rebuilt
from the plan each time it is read. Issuing stores the data it was built from and the
three files rendered from that data, once, with their SHA-256; from then on the row is
never changed, so the paper downloads byte for byte as it was issued.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

from actionplan.core.wording import long_date
from actionplan.plans.models import AppendOnlyError, Body, Plan
from actionplan.reports.data import KINDS, PROGRESS

FORMATS = ("html", "pdf", "docx")


class FrozenPaperError(AppendOnlyError):
    """Code tried to change or delete an issued paper: like an append-only record, it is
    kept as it was written."""


class PaperQuerySet(models.QuerySet):
    def issued(self) -> PaperQuerySet:
        return self.filter(status=Paper.Status.ISSUED)


class Paper(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft"
        ISSUED = "issued"

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="papers")
    # A body with issued papers is part of the record: it cannot be deleted from under them.
    body = models.ForeignKey(Body, on_delete=models.PROTECT, related_name="papers")
    as_at = models.DateField()
    period_end = models.DateField(help_text="items due to the body up to this date are picked")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)
    options = models.JSONField(default=dict, blank=True, help_text="author and asks, if given")
    template = models.BinaryField(null=True, blank=True, help_text="the council's .docx, if any")
    template_name = models.TextField(blank=True)
    data = models.JSONField(null=True, blank=True, help_text="what the issued paper was built from")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    issued_at = models.DateTimeField(null=True, blank=True)
    html = models.BinaryField(null=True, blank=True)
    html_sha256 = models.CharField(max_length=64, blank=True)
    pdf = models.BinaryField(null=True, blank=True)
    pdf_sha256 = models.CharField(max_length=64, blank=True)
    docx = models.BinaryField(null=True, blank=True)
    docx_sha256 = models.CharField(max_length=64, blank=True)
    # Issuing from the web pages runs in the task queue (tasks.py): who asked and when, the
    # queued task, and why it failed, if it did. A draft asked for and not failed is
    # "being issued".
    issue_requested_at = models.DateTimeField(null=True, blank=True)
    issue_requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    issue_task_id = models.CharField(max_length=64, blank=True)
    issue_error = models.TextField(blank=True)

    objects = PaperQuerySet.as_manager()

    class Meta:
        ordering = ["plan", "body", "-as_at", "-created_at", "-pk"]
        indexes = [models.Index(fields=["plan", "body", "status", "as_at"], name="paper_lookup")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(status="draft")
                | models.Q(data__isnull=False, issued_at__isnull=False),
                name="paper_issued_has_data",
            )
        ]

    def __str__(self) -> str:
        return f"{self.body} paper as at {long_date(self.as_at)} ({self.status})"

    def save(self, *args, **kwargs):
        if self.pk and Paper.objects.issued().filter(pk=self.pk).exists():
            raise FrozenPaperError("an issued paper is never changed: draft a new one")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        if self.issued:
            raise FrozenPaperError("an issued paper is never deleted")
        return super().delete(*args, **kwargs)

    @property
    def kind(self) -> str:
        """The paper type (reports.data.KINDS): kept in the options, the progress report
        when they name none (every paper drafted before there were types)."""
        return (self.options or {}).get("kind", PROGRESS)

    @property
    def kind_label(self) -> str:
        return KINDS.get(self.kind, self.kind).capitalize()

    @property
    def issued(self) -> bool:
        return self.status == self.Status.ISSUED

    @property
    def being_issued(self) -> bool:
        """Asked to be issued, the task not yet done (nor failed)."""
        return not self.issued and self.issue_requested_at is not None and not self.issue_error

    @property
    def issue_failed(self) -> bool:
        return not self.issued and bool(self.issue_error)


class DraftRendering(models.Model):
    """A draft's PDF or Word file, rendered in the task queue (tasks.render_draft) because
    a large plan's takes about a minute.

    `fingerprint` is the SHA-256 of what the file is made from (services.fingerprint: the
    paper's data as built now, its template, the renderer's version): a rendering whose
    fingerprint is not the draft's current one is stale and never served. One row per
    paper, format and fingerprint: asked for twice, it is queued once. Without content it
    is being prepared (or failed, with `error`).
    """

    FORMATS = ("pdf", "docx")

    paper = models.ForeignKey(Paper, on_delete=models.CASCADE, related_name="renderings")
    format = models.CharField(max_length=4, choices=[(f, f) for f in FORMATS])
    fingerprint = models.CharField(max_length=64)
    content = models.BinaryField(null=True, blank=True)
    sha256 = models.CharField(max_length=64, blank=True)
    requested_at = models.DateTimeField()
    task_id = models.CharField(max_length=64, blank=True)
    error = models.TextField(blank=True)
    created = models.DateTimeField(null=True, blank=True, help_text="when it was rendered")

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["paper", "format", "fingerprint"], name="draft_rendering_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.format} of paper {self.paper_id} ({self.fingerprint[:12]})"

    @property
    def ready(self) -> bool:
        return self.content is not None

    @property
    def failed(self) -> bool:
        return not self.ready and bool(self.error)

    @property
    def pending(self) -> bool:
        return not self.ready and not self.error


class Resolution(models.Model):
    """What the body resolved on an issued paper, recorded after the meeting by the clerk
    (the improvement lead). The paper itself stays frozen: its resolutions are stored beside
    it, and what each made (a reporting line, a challenge, an action) is linked here and
    carries its own history. The next paper to the body lists them as matters arising."""

    class Kind(models.TextChoices):
        NOTED = "noted", "Noted"
        APPROVED = "approved", "Approved"
        FURTHER_REPORT = "further-report", "A further report requested"
        QUESTION = "question", "A question on an action"
        NEW_ACTION = "new-action", "A new action"

    paper = models.ForeignKey(Paper, on_delete=models.PROTECT, related_name="resolutions")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    text = models.TextField(help_text="what the body resolved, as minuted")
    resolved_on = models.DateField(help_text="the meeting's date")
    action = models.ForeignKey(
        "plans.Action",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text="the action a further report or a question is about",
    )
    due = models.DateField(null=True, blank=True, help_text="a further report: by when")
    reporting = models.ForeignKey(
        "plans.ReportingRequirement",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="the reporting line a further report became",
    )
    challenge = models.ForeignKey(
        "monitoring.Challenge", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    new_action = models.ForeignKey(
        "plans.Action",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="resolutions",
        help_text="the action a resolution added to the plan",
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField()

    class Meta:
        ordering = ["paper", "recorded_at", "id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.text[:60]}"
