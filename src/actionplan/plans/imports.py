"""Importing a plan through the web: upload, preview, confirm.

The upload is parsed at once, so a file that is not a plan is refused on the upload page.
Its bytes are kept in a PendingImport; the preview parses them again and writes nothing;
confirm stores the plan in one transaction, once.

Confirm updates a plan only when the importer is its improvement lead (the plan of the
chosen council with the file's title and start date); otherwise it makes a new plan, of
which the importer becomes improvement lead. It never gives anyone a role in a plan that
already exists, and changes no person or body another plan uses (plans.shared).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from actionplan import interchange as ix
from actionplan.accounts import access, audit
from actionplan.accounts.models import Membership, Role
from actionplan.core.limits import plan_limits
from actionplan.core.uploads import reading, too_large
from actionplan.importing.errors import PlanReadError
from actionplan.importing.pipeline import parse_bytes
from actionplan.plans.models import PendingImport, Plan
from actionplan.plans.services import PlanStoreError, same_plans, store_plan
from actionplan.plans.showing import all_warnings

# Uploads nobody confirmed are removed after this long.
KEEP_PENDING = dt.timedelta(days=1)


def upload(user, filename: str, data: bytes) -> PendingImport:
    """Keep an uploaded file that reads as a plan. Raises PlanReadError otherwise."""
    if problem := too_large(len(data), "the file"):
        raise PlanReadError(filename, problem)
    if not data:
        raise PlanReadError(filename, "the file is empty")
    parse(data, filename)
    PendingImport.objects.filter(created_at__lt=timezone.now() - KEEP_PENDING).delete()
    return PendingImport.objects.create(user=user, filename=filename[:255], data=data)


@dataclass
class Preview:
    pending: PendingImport
    doc: ix.PlanDocument
    warnings: list[str]
    file_organisation: str
    actions: int


def parse(data: bytes, filename: str) -> ix.PlanDocument:
    """The plan in an upload, within the upload limits; PlanReadError, or UnreadableFile for
    what the reader let by."""
    with reading(filename, "a plan", keep=(PlanReadError,)):
        return parse_bytes(data, filename, limits=plan_limits())


def preview(pending: PendingImport) -> Preview:
    doc = parse(bytes(pending.data), pending.filename)
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


def target(doc: ix.PlanDocument, *, user, organisation_name: str) -> Plan | None:
    """The plan confirming would update: the chosen council's plan with the file's title and
    start date, if the user leads it; None: a new plan."""
    led = access.import_targets(user)
    plans = same_plans(doc, organisation_name)
    if led is not None:
        plans = plans.filter(pk__in=led)
    found = list(plans[:2])
    if len(found) > 1:
        raise PlanStoreError(
            f"you lead more than one plan called {doc.plan.title!r} starting on the same date: "
            "ask an administrator to import it with 'actionplan import --plan ID'"
        )
    return found[0] if found else None


def confirm(pending: PendingImport, *, user, organisation_name: str) -> tuple[Plan, bool]:
    """Store the pending plan for `organisation_name`: into the plan `target` names, or as a
    new plan with the importer as its improvement lead. Returns the plan and whether this
    call stored it (False: it was stored before)."""
    with transaction.atomic():
        locked = PendingImport.objects.select_for_update().get(pk=pending.pk)
        if locked.plan is not None:
            return locked.plan, False
        doc = parse(bytes(locked.data), locked.filename)
        into = target(doc, user=user, organisation_name=organisation_name)
        result = store_plan(
            doc,
            organisation_name=organisation_name,
            user=user,
            into=into,
            new=into is None,
            own_plans=access.import_targets(user),
        )
        plan = result.plan
        if result.created and not user.is_superuser:
            Membership.objects.create(user=user, plan=plan, role=Role.IMPROVEMENT_LEAD)
            audit.role_changed(
                user=user, plan=plan, before=None, after=Role.IMPROVEMENT_LEAD, actor=user
            )
        locked.plan = plan
        locked.data = b""
        locked.save(update_fields=["plan", "data"])
    return plan, True
