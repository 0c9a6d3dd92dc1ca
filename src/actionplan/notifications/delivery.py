"""Sending notifications, each once: through the e-mail backend the reminders use (SMTP or
GOV.UK Notify, settings.EMAIL_BACKEND), claimed in the transaction that sends it, as
governance/delivery.py claims a reminder. A failed send leaves the row pending, to be tried
again later, up to MAX_ATTEMPTS."""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass

from django.conf import settings
from django.core.mail import EmailMessage
from django.db.models import F, Q
from django.utils import timezone

from actionplan.governance.delivery import HEADER, MAX_ATTEMPTS, write_transaction
from actionplan.notifications import messages
from actionplan.notifications.models import Choice, Digest, Notification

logger = logging.getLogger(__name__)
Status = Notification.Status


@dataclass
class Sent:
    sent: int = 0
    failed: int = 0


def _email(to: str, subject: str, body: str, reference: str) -> EmailMessage:
    domain = settings.DEFAULT_FROM_EMAIL.rsplit("@", 1)[-1].strip(" >") or "actionplan"
    # The same notification always has the same Message-ID, and Notify the same reference.
    return EmailMessage(
        subject=subject,
        body=body,
        to=[to],
        headers={"Message-ID": f"<{reference}@{domain}>", HEADER: reference},
    )


def send_one(pk: int) -> str:
    """Send one immediate notification: 'sent', 'done' (sent already, or not to be sent
    alone) or 'failed' (tried again later)."""
    now = timezone.now()
    try:
        with write_transaction():
            # The claim: of two workers, one moves the row out of pending; if sending
            # fails, the claim rolls back with it.
            claimed = Notification.objects.filter(
                pk=pk, status=Status.PENDING, delivery=Choice.IMMEDIATELY
            ).update(status=Status.SENT, sent_at=now, attempts=F("attempts") + 1)
            if not claimed:
                return "done"
            row = Notification.objects.select_related("user").get(pk=pk)
            _email(
                row.user.email,
                row.subject,
                messages.single(row.subject, row.text, row.delivery),
                f"notification-{row.pk}",
            ).send()
        return "sent"
    except Exception as e:
        _record_failure(Notification.objects.filter(pk=pk), e)
        return "failed"


def _record_failure(rows, error: Exception) -> None:
    logger.warning("notification not sent: %s", error)
    for row in rows.filter(status=Status.PENDING):
        attempts = row.attempts + 1
        # Wait longer after each failure: 1, 4, 9, 16 minutes.
        rows.filter(pk=row.pk, status=Status.PENDING).update(
            attempts=attempts,
            last_error=f"{type(error).__name__}: {error}"[:2000],
            retry_after=timezone.now() + dt.timedelta(minutes=attempts**2),
            status=Status.FAILED if attempts >= MAX_ATTEMPTS else Status.PENDING,
        )


def retry_due(now: dt.datetime | None = None) -> list[int]:
    """The immediate notifications left pending whose time to try again has come."""
    now = now or timezone.now()
    return list(
        Notification.objects.filter(status=Status.PENDING, delivery=Choice.IMMEDIATELY)
        .filter(Q(retry_after__isnull=True) | Q(retry_after__lte=now))
        .values_list("pk", flat=True)
    )


def send_digests(day: dt.date) -> Sent:
    """One e-mail to each person with daily notifications of `day` or before still unsent,
    grouping them; a person's digest of a day goes once, however often this runs."""
    result = Sent()
    end = timezone.make_aware(dt.datetime.combine(day + dt.timedelta(days=1), dt.time()))
    due = Notification.objects.filter(
        status=Status.PENDING, delivery=Choice.DAILY, happened_at__lt=end
    )
    for user_id in sorted(set(due.values_list("user_id", flat=True))):
        mine = due.filter(user_id=user_id)
        try:
            with write_transaction():
                digest, created = Digest.objects.get_or_create(user_id=user_id, day=day)
                if not created:
                    continue  # sent today; what came since waits for the next one
                items = list(mine.select_related("user").order_by("happened_at", "pk"))
                mine.filter(pk__in=[i.pk for i in items]).update(
                    status=Status.SENT, sent_at=timezone.now(), digest=digest
                )
                subject, body = messages.digest(items)
                _email(items[0].user.email, subject, body, f"digest-{digest.pk}").send()
            result.sent += 1
        except Exception as e:
            _record_failure(mine, e)
            result.failed += 1
    return result
