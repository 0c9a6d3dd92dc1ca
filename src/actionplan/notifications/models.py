"""What each person wants to hear of (Preference), and each e-mail owed to them
(Notification): one row per event and recipient, so the unique key makes each go once."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone


class Kind(models.TextChoices):
    QUESTION_RAISED = "question_raised", "A question is asked about an action you lead"
    QUESTION_ANSWERED = "question_answered", "Your question is answered"
    COMPLETION_PROPOSED = "completion_proposed", "A completion is proposed for you to sign off"
    COMPLETION_DECIDED = "completion_decided", "Your proposed completion is signed off or returned"
    ASSIGNED = "assigned", "You are made a lead or partner of an action"
    PAPER_ISSUED = "paper_issued", "A board paper is issued"


class Choice(models.TextChoices):
    IMMEDIATELY = "immediately", "Immediately"
    DAILY = "daily", "In a daily digest"
    OFF = "off", "Never"


# What needs the person to act comes at once; news of being assigned, which a bulk change
# can make many of, comes in the day's digest.
# Keyed by the kind's value (Kind is a str enum, so Kind members look up the same entries).
DEFAULTS: dict[str, str] = {kind.value: Choice.IMMEDIATELY.value for kind in Kind}
DEFAULTS[Kind.ASSIGNED.value] = Choice.DAILY.value


class Preference(models.Model):
    """A person's choice for one kind; without a row, DEFAULTS holds."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notification_choices"
    )
    kind = models.CharField(max_length=40, choices=Kind.choices)
    choice = models.CharField(max_length=20, choices=Choice.choices)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "kind"], name="notification_preference_once")
        ]

    def __str__(self) -> str:
        return f"{self.user}: {self.kind} {self.choice}"


class Notification(models.Model):
    """One e-mail owed to one person for one event: sent on its own (IMMEDIATELY) or in the
    day's digest (DAILY). `key` names the event; (user, key) is unique, so an event seen
    twice (a retried task, a double click) owes nothing more."""

    class Status(models.TextChoices):
        PENDING = "pending", "Waiting to be sent"
        SENT = "sent", "Sent"
        FAILED = "failed", "Failed, not tried again"

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications"
    )
    plan = models.ForeignKey("plans.Plan", on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=40, choices=Kind.choices)
    key = models.CharField(max_length=200)
    delivery = models.CharField(
        max_length=20, choices=[c for c in Choice.choices if c[0] != Choice.OFF]
    )
    subject = models.TextField()
    text = models.TextField()
    happened_at = models.DateTimeField(default=timezone.now)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.PENDING)
    sent_at = models.DateTimeField(null=True, blank=True)
    digest = models.ForeignKey(
        "Digest", null=True, blank=True, on_delete=models.SET_NULL, related_name="items"
    )
    attempts = models.PositiveIntegerField(default=0)
    retry_after = models.DateTimeField(null=True, blank=True)
    last_error = models.TextField(blank=True)

    class Meta:
        ordering = ["happened_at", "id"]
        constraints = [models.UniqueConstraint(fields=["user", "key"], name="notification_once")]
        indexes = [models.Index(fields=["status", "delivery"], name="notification_pending")]

    def __str__(self) -> str:
        return f"{self.subject} to {self.user} ({self.status})"


class Digest(models.Model):
    """The one e-mail of a person's day: (user, day) is unique, so a digest job run twice
    sends it once."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    day = models.DateField(help_text="the events of the days up to and including this one")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "day"], name="digest_once_a_day")]

    def __str__(self) -> str:
        return f"digest of {self.day} to {self.user}"
