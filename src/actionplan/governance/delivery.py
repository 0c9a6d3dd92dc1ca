"""Step 2 of the reminder job: sending the reminders step 1 (reminders.py) planned. Each
worker claims one pending reminder at a time, sends it and records what happened; a failure
is tried again later, up to MAX_ATTEMPTS."""

from __future__ import annotations

import datetime as dt
import logging
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import OperationalError, transaction
from django.db.models import F, Q
from django.utils import timezone

from actionplan.governance.models import Reminder

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 5
SQLITE_PAUSE = 0.05  # seconds between two sends on SQLite
HEADER = "X-Actionplan-Reminder"


@dataclass
class Delivered:
    sent: int = 0
    failed: int = 0
    gave_up: int = 0
    busy: int = 0


@contextmanager
def write_transaction() -> Iterator[None]:
    """A transaction that takes SQLite's write lock when it begins (BEGIN IMMEDIATE): two
    workers then queue for the lock instead of both reading and failing to upgrade."""
    connection = transaction.get_connection()
    if connection.vendor != "sqlite" or connection.in_atomic_block:
        with transaction.atomic():
            yield
        return
    connection.ensure_connection()
    mode = connection.transaction_mode
    connection.transaction_mode = "IMMEDIATE"
    try:
        with transaction.atomic():
            yield
    finally:
        connection.transaction_mode = mode


def _message(reminder: Reminder) -> EmailMessage:
    domain = settings.DEFAULT_FROM_EMAIL.rsplit("@", 1)[-1].strip(" >") or "actionplan"
    return EmailMessage(
        subject=reminder.subject,
        body=reminder.text,
        to=[reminder.email],
        headers={
            # The same reminder always has the same Message-ID: a mail system that sees it
            # twice (see docs/governance.md, "The one window left") can drop the second.
            "Message-ID": f"<reminder-{reminder.pk}-{reminder.created_at:%Y%m%d%H%M%S}@{domain}>",
            HEADER: str(reminder.pk),
        },
    )


def _deliver_next(worker: str, plan_id: int | None = None) -> str | None:
    """Send one pending reminder (of that plan, if given): 'sent', 'failed', 'busy', or
    None when none is left."""
    now = timezone.now()
    chosen = None
    pending = Reminder.objects.filter(status=Reminder.Status.PENDING)
    if plan_id is not None:
        pending = pending.filter(plan_id=plan_id)
    try:
        with write_transaction():
            chosen = (
                pending.select_for_update(skip_locked=True)
                .filter(Q(retry_after__isnull=True) | Q(retry_after__lte=now))
                .order_by("pk")
                .values_list("pk", flat=True)
                .first()
            )
            if chosen is None:
                return None
            # The claim. Only one transaction can move the row out of pending; if this one
            # does not commit, neither does the claim, and the row is pending again.
            claimed = Reminder.objects.filter(pk=chosen, status=Reminder.Status.PENDING).update(
                status=Reminder.Status.SENT,
                sent_at=now,
                sent_by=worker,
                attempts=F("attempts") + 1,
            )
            if not claimed:
                return "busy"
            _message(Reminder.objects.get(pk=chosen)).send()
        return "sent"
    except OperationalError as e:
        if chosen is None and "locked" in str(e).lower():
            return "busy"  # another worker holds SQLite's write lock for longer than its timeout
        _record_failure(chosen, e)
        return "failed"
    except Exception as e:
        if chosen is None:
            raise
        _record_failure(chosen, e)
        return "failed"


def _record_failure(pk: int | None, error: Exception) -> None:
    if pk is None:
        return
    logger.warning("reminder %s not sent: %s", pk, error)
    reminder = Reminder.objects.filter(pk=pk, status=Reminder.Status.PENDING).first()
    if reminder is None:
        return
    attempts = reminder.attempts + 1
    # Wait longer after each failure: 1, 4, 9, 16 minutes.
    Reminder.objects.filter(pk=pk, status=Reminder.Status.PENDING).update(
        attempts=attempts,
        last_error=f"{type(error).__name__}: {error}"[:2000],
        retry_after=timezone.now() + dt.timedelta(minutes=attempts**2),
        status=Reminder.Status.FAILED if attempts >= MAX_ATTEMPTS else Reminder.Status.PENDING,
    )


def deliver_pending(
    *, worker: str = "", limit: int | None = None, plan_id: int | None = None
) -> Delivered:
    """Send every pending reminder whose time has come (at most `limit`; only the plan's,
    given `plan_id`). The claim is the same either way, so each is still sent once."""
    result = Delivered()
    busy_in_a_row = 0
    while limit is None or result.sent + result.failed < limit:
        outcome = _deliver_next(worker, plan_id)
        if outcome is None:
            break
        if outcome == "busy":
            result.busy += 1
            busy_in_a_row += 1
            if busy_in_a_row >= 5:
                break  # another worker is delivering; it, or the next run, sends the rest
            time.sleep(0.05 * busy_in_a_row)
            continue
        busy_in_a_row = 0
        if outcome == "sent":
            result.sent += 1
        else:
            result.failed += 1
        if transaction.get_connection().vendor == "sqlite":
            # SQLite's write lock is the queue: leave it free a moment, or a worker waiting
            # for it would only get it once this one has sent everything.
            time.sleep(SQLITE_PAUSE)
    failed = Reminder.objects.filter(status=Reminder.Status.FAILED)
    result.gave_up = (failed.filter(plan_id=plan_id) if plan_id is not None else failed).count()
    return result
