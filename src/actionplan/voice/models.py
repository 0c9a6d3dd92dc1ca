"""The voice of children and families: where feedback comes from, its results (aggregates
only), themes with short anonymised quotes, safeguarding alerts, and 'you said, we did'."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone

from actionplan.audits.models import MemberQuestion, OfficerAnswer
from actionplan.plans.models import Action, Plan

QUOTE_MAX = 300  # characters: a quote is a short extract, never a transcript


class FeedbackSource(models.Model):
    class Kind(models.TextChoices):
        SURVEY = "survey", "survey or questionnaire"
        PARTICIPATION = "participation", "participation event"
        YOUNG_INSPECTORS = "young_inspectors", "young inspectors"
        COMPLAINTS = "complaints", "complaints"
        COMPLIMENTS = "compliments", "compliments"

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="feedback_sources")
    name = models.TextField(help_text="e.g. ViewPoint questionnaire for children in care")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    description = models.TextField(blank=True)

    class Meta:
        ordering = ["plan", "name"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "name"], name="feedbacksource_unique_name")
        ]

    def __str__(self) -> str:
        return self.name


class FeedbackQuestion(MemberQuestion):
    """A member's question (challenge) about a feedback source, as about an audit's findings."""

    source = models.ForeignKey(FeedbackSource, on_delete=models.PROTECT, related_name="questions")

    class Meta:
        ordering = ["source", "asked_at", "id"]


class FeedbackAnswer(OfficerAnswer):
    question = models.ForeignKey(FeedbackQuestion, on_delete=models.PROTECT, related_name="answers")

    class Meta:
        ordering = ["question", "answered_at", "id"]


class FeedbackResult(models.Model):
    """One question's result for a period: how many answered, and the share positive."""

    source = models.ForeignKey(FeedbackSource, on_delete=models.CASCADE, related_name="results")
    question = models.TextField()
    period_start = models.DateField()
    period_end = models.DateField()
    responses = models.PositiveIntegerField()
    positive = models.DecimalField(
        max_digits=5, decimal_places=2, help_text="the share of responses that were positive, %"
    )
    imported_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["source", "question", "period_end"]
        constraints = [
            models.UniqueConstraint(
                fields=["source", "question", "period_end"], name="feedbackresult_one_per_period"
            )
        ]

    def __str__(self) -> str:
        return f"{self.question}: {self.positive}% ({self.period_end})"


class Theme(models.Model):
    """Something children and families said, in the council's words, with quotes."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="voice_themes")
    name = models.TextField()
    summary = models.TextField(blank=True)

    class Meta:
        ordering = ["plan", "name"]
        constraints = [models.UniqueConstraint(fields=["plan", "name"], name="theme_unique_name")]

    def __str__(self) -> str:
        return self.name


class Quote(models.Model):
    """A short anonymised quote. `flagged`: it suggests a child may be at risk; it goes to
    the safeguarding contact and is kept out of papers, exports and others' pages."""

    theme = models.ForeignKey(Theme, on_delete=models.CASCADE, related_name="quotes")
    source = models.ForeignKey(
        FeedbackSource, null=True, blank=True, on_delete=models.SET_NULL, related_name="quotes"
    )
    text = models.TextField()
    heard_on = models.DateField()
    flagged = models.BooleanField(default=False)
    flag_reasons = models.JSONField(default=list, blank=True, help_text="the risk categories")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering = ["theme", "heard_on", "id"]

    def __str__(self) -> str:
        return f"quote {self.pk}"


class SafeguardingContact(models.Model):
    """The plan's named safeguarding contact: who flagged quotes are sent to."""

    plan = models.OneToOneField(Plan, on_delete=models.CASCADE, related_name="safeguarding_contact")
    name = models.TextField()
    email = models.EmailField()
    updated_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return self.name


class SafeguardingAlert(models.Model):
    """The e-mail about one flagged quote: sent once, through the task queue (services)."""

    class Status(models.TextChoices):
        WAITING = "waiting", "waiting for a safeguarding contact"
        PENDING = "pending"
        SENT = "sent"
        FAILED = "failed", "failed (gave up)"

    quote = models.OneToOneField(Quote, on_delete=models.CASCADE, related_name="alert")
    email = models.EmailField(blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.WAITING)
    attempts = models.PositiveSmallIntegerField(default=0)
    last_error = models.TextField(blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        indexes = [models.Index(fields=["status"], name="safeguardingalert_status")]

    def __str__(self) -> str:
        return f"alert about quote {self.quote_id}: {self.status}"


class YouSaidWeDid(models.Model):
    """What children and families said, and what was done about it."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="you_said_we_did")
    theme = models.ForeignKey(
        Theme, null=True, blank=True, on_delete=models.SET_NULL, related_name="responses"
    )
    you_said = models.TextField()
    we_did = models.TextField()
    actions = models.ManyToManyField(
        Action, through="YouSaidAction", related_name="you_said_we_did", blank=True
    )
    order = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering = ["plan", "order", "id"]
        verbose_name = "you said, we did"
        verbose_name_plural = "you said, we did"

    def __str__(self) -> str:
        return self.you_said[:60]


class YouSaidAction(models.Model):
    """PROTECT, so that a re-import retires rather than deletes an action linked here."""

    entry = models.ForeignKey(YouSaidWeDid, on_delete=models.CASCADE, related_name="links")
    action = models.ForeignKey(Action, on_delete=models.PROTECT, related_name="you_said_links")

    class Meta:
        # In the plan's order, as the action pages list them.
        ordering = ["action", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["entry", "action"], name="yousaidaction_unique")
        ]

    def __str__(self) -> str:
        return f"{self.entry} → {self.action}"
