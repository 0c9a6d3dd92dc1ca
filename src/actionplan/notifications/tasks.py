"""Notifications on the task queue (docs/adr/0008-task-queue.md): each task only starts
work; what makes each e-mail go once is the claim in delivery.py, so a task run twice is
harmless."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone
from django_tasks import task

from actionplan.notifications import delivery


@task()
def send_notification(notification_id: int) -> str:
    """Send one notification now; after a failure, queue the next try for its time."""
    outcome = delivery.send_one(notification_id)
    if outcome == "failed":
        row = delivery.Notification.objects.filter(
            pk=notification_id, status=delivery.Status.PENDING
        ).first()
        if row is not None and row.retry_after is not None:
            send_notification.using(run_after=row.retry_after).enqueue(notification_id)
    return outcome


@task()
def send_digests(day: str | None = None) -> dict:
    """Send the daily digests of `day` (default: yesterday), and any immediate notification
    a failure left pending."""
    when = dt.date.fromisoformat(day) if day else timezone.localdate() - dt.timedelta(days=1)
    retried = [delivery.send_one(pk) for pk in delivery.retry_due()]
    sent = delivery.send_digests(when)
    return {"digests": sent.sent, "failed": sent.failed, "retried": retried.count("sent")}
