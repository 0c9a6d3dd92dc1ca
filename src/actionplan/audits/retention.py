"""Retention of case audits (docs/privacy.md): RETAIN_CASE_AUDITS_MONTHS after a case was
audited, its free text and its case reference are removed. Its grades stay, with the
audit's findings, so the indicators and papers built from them still add up."""

from __future__ import annotations

import datetime as dt

from dateutil.relativedelta import relativedelta
from django.conf import settings
from django.db import transaction
from django.utils import timezone

from actionplan.audits.models import CaseAudit

REMOVED = "removed"


@transaction.atomic
def anonymise_case_audits(today: dt.date) -> int:
    """Anonymise the case audits audited before the retention period; how many it changed
    (none the second time)."""
    cutoff = today - relativedelta(months=settings.RETAIN_CASE_AUDITS_MONTHS)
    old = CaseAudit.objects.filter(audited_on__lt=cutoff, anonymised_at__isnull=True)
    changed = 0
    for case in old.only("pk"):
        # The reference is unique in its audit, so each gets its own placeholder.
        CaseAudit.objects.filter(pk=case.pk).update(
            case_reference=f"{REMOVED}-{case.pk}",
            strengths="",
            improvements="",
            team_actions="",
            anonymised_at=timezone.now(),
        )
        changed += 1
    return changed
