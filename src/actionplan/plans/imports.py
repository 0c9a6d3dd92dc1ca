"""Importing a plan through the web: upload, preview, confirm.

The upload is parsed at once, so a file that is not a plan is refused on the upload page.
Its bytes are kept in a PendingImport; the preview parses them again and writes nothing;
confirm stores the plan in one transaction, once.

Confirm updates a plan only when the importer is its improvement lead (the plan of the
chosen council with the file's title and start date); otherwise it makes a new plan, of
which the importer becomes improvement lead. It never gives anyone a role in a plan that
already exists, and changes no person or body another plan uses (plans.shared).

The mapping step (docs/importing.md): the preview says which row was read as the header and
what each column was taken to mean; the user may choose another row, sheet or meaning (kept
on the PendingImport as a layout) and preview again, and a file with no header the importer
recognises is kept so they can say which row it is. Confirming a chosen layout saves it as
the council's SavedLayout, which the next upload with the same header row uses.
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
from actionplan.importing.errors import NoHeaderFound, PlanReadError
from actionplan.importing.explain import Explanation, explain
from actionplan.importing.layout import Layout, LayoutError, signature
from actionplan.importing.pipeline import interpret_read, parse_bytes
from actionplan.importing.readers import read_bytes
from actionplan.importing.readers.packages import Budget
from actionplan.importing.readers.rows import Document
from actionplan.plans.models import Organisation, PendingImport, Plan, SavedLayout
from actionplan.plans.services import PlanStoreError, same_plans, store_plan
from actionplan.plans.showing import all_warnings

# Uploads nobody confirmed are removed after this long.
KEEP_PENDING = dt.timedelta(days=1)


def upload(user, filename: str, data: bytes) -> PendingImport:
    """Keep an uploaded file that reads as a plan, or has rows a person could name as its
    header (the preview then asks which). Raises PlanReadError otherwise."""
    if problem := too_large(len(data), "the file"):
        raise PlanReadError(filename, problem)
    if not data:
        raise PlanReadError(filename, "the file is empty")
    read(data, filename, organisations=layout_councils(user))
    PendingImport.objects.filter(created_at__lt=timezone.now() - KEEP_PENDING).delete()
    return PendingImport.objects.create(user=user, filename=filename[:255], data=data)


@dataclass
class Reading:
    """A file as the importer read it: the plan, or why no header was found, and how."""

    doc: ix.PlanDocument | None  # None: no row reads as the header
    document: Document | None = None  # the rows read (None for plan-interchange JSON)
    explanation: Explanation | None = None
    layout: Layout | None = None  # the layout the file was read with
    saved: SavedLayout | None = None  # when that is the council's saved layout
    problem: str = ""  # what the importer says when no header is found


def header_choices(document: Document) -> list[int]:
    """Rows a person could name as the header: those with two or more cells filled."""
    return [i for i, r in enumerate(document.rows) if sum(1 for c in r.cells if c.strip()) >= 2]


def layout_councils(user):
    """The councils whose saved layouts an upload by `user` may use: those they lead a plan
    of. Never another council's, a superuser's included (they may import for any)."""
    led = access.import_targets(user)
    if led is None:  # a superuser: the plans they are improvement lead of, if any
        led = Membership.objects.filter(user=user, role=Role.IMPROVEMENT_LEAD).values("plan")
    return Organisation.objects.filter(plans__in=led).distinct()


def find_saved(document: Document, organisations) -> SavedLayout | None:
    """The newest saved layout of these organisations whose header row is in the file."""
    saved = list(SavedLayout.objects.filter(organisation__in=organisations))
    if not saved:
        return None
    present = {signature(r.cells) for r in document.rows}
    return next((s for s in saved if s.signature in present), None)


def read(data: bytes, filename: str, *, chosen: str = "", organisations=None) -> Reading:
    """Read an upload within the upload limits, with the layout the user `chosen` (JSON),
    else the saved layout of one of `organisations` whose header is in the file, else the
    importer's own guesses. With no header, a Reading without a plan when the file has rows
    a person could choose from, else PlanReadError; UnreadableFile for what the reader let
    by."""
    with reading(filename, "a plan", keep=(PlanReadError,)):
        limits = plan_limits()
        if filename.lower().endswith(".json"):
            return Reading(doc=parse_bytes(data, filename, limits=limits))
        budget = Budget(limits)
        document = read_bytes(data, filename, limits=limits, budget=budget)
        layout, saved = None, None
        if chosen:
            try:
                layout = Layout.from_json(chosen)
            except LayoutError:
                layout = None  # a layout this version no longer takes: guess again
        elif organisations is not None:
            saved = find_saved(document, organisations)
            layout = Layout.from_json(saved.layout) if saved else None
        explained = explain(document, layout)
        try:
            doc = interpret_read(document, layout, budget)
        except NoHeaderFound as e:
            if not header_choices(document):
                raise
            return Reading(None, document, explained, layout, saved, e.problem)
        return Reading(doc, document, explained, layout, saved)


@dataclass
class Preview:
    pending: PendingImport
    read: Reading
    doc: ix.PlanDocument | None
    warnings: list[str]
    file_organisation: str
    actions: int


def preview(pending: PendingImport, organisations) -> Preview:
    """What confirming would store, read for the importer's councils as `read` reads it."""
    found = read(
        bytes(pending.data), pending.filename, chosen=pending.layout, organisations=organisations
    )
    doc = found.doc
    return Preview(
        pending=pending,
        read=found,
        doc=doc,
        warnings=all_warnings(doc) if doc else [],
        file_organisation=((doc.plan.organisation if doc else "") or "").strip(),
        actions=sum(len(r.actions) for r in doc.recommendations) if doc else 0,
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
    new plan with the importer as its improvement lead. A layout the user chose becomes that
    council's saved layout. Returns the plan and whether this call stored it (False: it was
    stored before)."""
    with transaction.atomic():
        locked = PendingImport.objects.select_for_update().get(pk=pending.pk)
        if locked.plan is not None:
            return locked.plan, False
        found = read(
            bytes(locked.data),
            locked.filename,
            chosen=locked.layout,
            organisations=layout_councils(user),
        )
        if found.doc is None:
            raise PlanStoreError("choose the header row before importing the plan")
        doc = found.doc
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
        if locked.layout and found.explanation is not None:
            save_layout(found.explanation.layout, organisation=plan.organisation, user=user)
        locked.plan = plan
        locked.data = b""
        locked.save(update_fields=["plan", "data"])
    return plan, True


def save_layout(layout: Layout, *, organisation, user) -> SavedLayout | None:
    """Keep the layout a file was read with as the council's, under its header row's
    signature; SavedLayout's history says who saved each version, and when."""
    if not layout.signature:
        return None
    saved, _ = SavedLayout.objects.update_or_create(
        organisation=organisation,
        signature=layout.signature,
        defaults={"layout": layout.to_json(), "saved_by": user, "saved_at": timezone.now()},
    )
    return saved
