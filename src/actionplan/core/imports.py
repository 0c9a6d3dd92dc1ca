"""Importing a plan through the web: upload, preview, confirm.

The upload is parsed at once, so a file that is not a plan is refused on the upload page.
Its bytes are kept in a PendingImport; the preview parses them again and writes nothing;
confirm stores the plan in one transaction, once.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from actionplan import interchange as ix
from actionplan.accounts.models import Membership, Role
from actionplan.core.limits import plan_limits
from actionplan.core.models import PendingImport
from actionplan.importing.errors import PlanReadError
from actionplan.importing.pipeline import parse_bytes
from actionplan.plans.models import Plan
from actionplan.plans.services import store_plan
from actionplan.plans.showing import all_warnings

# Uploads nobody confirmed are removed after this long.
KEEP_PENDING = dt.timedelta(days=1)


def upload(user, filename: str, data: bytes) -> PendingImport:
    """Keep an uploaded file that reads as a plan. Raises PlanReadError otherwise."""
    if len(data) > settings.IMPORT_MAX_BYTES:
        limit = settings.IMPORT_MAX_BYTES // (1024 * 1024)
        raise PlanReadError(filename, f"the file is larger than {limit} MB")
    if not data:
        raise PlanReadError(filename, "the file is empty")
    parse_bytes(data, filename, plan_limits())
    PendingImport.objects.filter(created_at__lt=timezone.now() - KEEP_PENDING).delete()
    return PendingImport.objects.create(user=user, filename=filename[:255], data=data)


@dataclass
class Preview:
    pending: PendingImport
    doc: ix.PlanDocument
    warnings: list[str]
    file_organisation: str
    actions: int


def preview(pending: PendingImport) -> Preview:
    doc = parse_bytes(bytes(pending.data), pending.filename, plan_limits())
    return Preview(
        pending=pending,
        doc=doc,
        warnings=all_warnings(doc),
        file_organisation=(doc.plan.organisation or "").strip(),
        actions=sum(len(r.actions) for r in doc.recommendations),
    )


def default_organisation(file_organisation: str, choices: list[str]) -> str | None:
    """The file's own organisation when the user may import for it, else the only choice."""
    for name in choices:
        if name.casefold() == file_organisation.casefold():
            return name
    return choices[0] if len(choices) == 1 else None


def confirm(pending: PendingImport, *, user, organisation_name: str) -> tuple[Plan, bool]:
    """Store the pending plan for `organisation_name`; the importer becomes its improvement
    lead. Returns the plan and whether this call stored it (False: it was stored before)."""
    with transaction.atomic():
        locked = PendingImport.objects.select_for_update().get(pk=pending.pk)
        if locked.plan_id is not None:
            return locked.plan, False
        doc = parse_bytes(bytes(locked.data), locked.filename, plan_limits())
        plan = store_plan(doc, organisation_name=organisation_name, user=user).plan
        if not user.is_superuser:
            Membership.objects.update_or_create(
                user=user, plan=plan, defaults={"role": Role.IMPROVEMENT_LEAD}
            )
        locked.plan = plan
        locked.data = b""
        locked.save(update_fields=["plan", "data"])
    return plan, True
