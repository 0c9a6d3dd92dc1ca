"""Retention of notifications (docs/privacy.md): a notification's row keeps the words of the
e-mail, which name staff and quote the action. RETAIN_NOTIFICATIONS_MONTHS after it was sent
(or, failed, after its event) it is deleted, and so are the digests of those days that have
no notification left. A row still waiting to be sent stays: it is owed."""

from __future__ import annotations

import datetime as dt

from dateutil.relativedelta import relativedelta
from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from actionplan.notifications.models import Digest, Notification


@transaction.atomic
def delete_old_notifications(today: dt.date) -> int:
    """Delete the notifications sent (or failed) before the retention period; how many (none
    the second time)."""
    cutoff_day = today - relativedelta(months=settings.RETAIN_NOTIFICATIONS_MONTHS)
    cutoff = timezone.make_aware(dt.datetime.combine(cutoff_day, dt.time.min))
    done = Q(status=Notification.Status.SENT, sent_at__lt=cutoff) | Q(
        status=Notification.Status.FAILED, happened_at__lt=cutoff
    )
    _, deleted = Notification.objects.filter(done).delete()
    Digest.objects.filter(day__lt=cutoff_day, items__isnull=True).delete()
    return deleted.get(Notification._meta.label, 0)
