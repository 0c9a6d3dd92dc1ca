"""Storing a PlanDocument: the one write that touches every table of a plan.

`store_plan` creates a plan, or updates one in place: the plan it is given (`into`), or,
for the administrator's own tools, the organisation's plan with the same title and start
date. Recommendations are matched by number and actions by key within that plan alone, so
every progress record stays attached to its action. An action the new document no longer
has is deleted if nothing points at it (no progress record, override or challenge), and
retired otherwise; an action added in the service (from an audit's finding) is left as it
is.

People, roles, groups, organisations and bodies belong to the organisation and are shared
by its plans: an import changes one already stored only where every plan using it is the
importer's (plans/shared.py). The document is checked before anything is written
(plans/checking.py). Storing keeps the plan's history, writing only what changed
(plans/rows.py). This module stores the plan, its timescales, recommendations, objectives
and actions; what hangs under each action, and the import's warnings, are written by
plans/action_details.py.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Collection

from django.db import models, transaction
from django.utils import timezone
from django.utils.text import slugify

from actionplan import interchange as ix
from actionplan.interchange.difference import action_keys
from actionplan.plans.action_details import ActionDetailsWriter, Placed, first_of_each
from actionplan.plans.checking import PlanStoreError, check_document
from actionplan.plans.models import (
    ADDED_KEY_PREFIX,
    Action,
    ActionParty,
    CrossReference,
    ImportRun,
    Milestone,
    Objective,
    Organisation,
    Plan,
    Recommendation,
    ReportingRequirement,
    Responsibility,
    Timescale,
)
from actionplan.plans.rows import HistoryWriter
from actionplan.plans.shared import SharedRecords


@dataclasses.dataclass
class StoreResult:
    plan: Plan
    created: bool
    recommendations_created: int = 0
    recommendations_updated: int = 0
    recommendations_retired: int = 0
    actions_created: int = 0
    actions_updated: int = 0
    actions_retired: int = 0
    actions_deleted: int = 0
    progress_kept: int = 0
    progress_added: int = 0
    warnings: int = 0

    def counts(self) -> dict[str, int]:
        return {
            f.name: getattr(self, f.name)
            for f in dataclasses.fields(self)
            if f.name not in ("plan", "created")
        }


def store_plan(
    doc: ix.PlanDocument,
    *,
    organisation_name: str | None = None,
    user=None,
    into: Plan | None = None,
    new: bool = False,
    own_plans: Collection[int] | None = None,
) -> StoreResult:
    """Store `doc` in one transaction and say what changed; `user` is who imports it, for
    the history.

    Where: `into` updates that plan (in its own organisation); `new` makes a new plan even
    when one has the same title and start date; otherwise the organisation's plan with the
    same title and start date is updated, or a new one made (the administrator's tools and
    the demo). `own_plans`: the ids of the plans whose shared people and bodies the import
    may change besides this one (None: any, for an administrator).

    Raises PlanStoreError, before writing anything, for a document that names no
    organisation or contradicts itself, or when more than one plan matches."""
    named = into.organisation.name if into is not None else organisation_name
    org_name = (named or doc.plan.organisation or "").strip()
    check_document(doc, org_name)
    with transaction.atomic():
        return _Store(doc, org_name, user, into=into, new=new, own_plans=own_plans).run()


def same_plans(doc: ix.PlanDocument, organisation_name: str) -> models.QuerySet[Plan]:
    """The organisation's plans with the document's title and start date: the plans an
    import of `doc` would once have updated."""
    return Plan.objects.filter(
        organisation__name__iexact=organisation_name.strip(),
        title=doc.plan.title,
        period_start=doc.plan.period.start,
    ).order_by("pk")


def referenced(model: type[models.Model], to_plan: str, plan: Plan) -> set[int]:
    """The ids of `plan`'s rows of `model` that a record points at with PROTECT (a progress
    record, an override, a challenge, a sign-off: the monitoring app adds these)."""
    ids: set[int] = set()
    for rel in model._meta.related_objects:
        if rel.on_delete is models.PROTECT:
            ids.update(
                rel.related_model._base_manager.filter(
                    **{f"{rel.field.name}__{to_plan}": plan}
                ).values_list(rel.field.attname, flat=True)
            )
    return ids


def _parent_index(actions: list[ix.Action]) -> list[int | None]:
    """For each action, the position of its parent: the nearest earlier action with the
    parent's ref, else the first one anywhere."""
    first: dict[str, int] = {}
    for i, a in enumerate(actions):
        if a.ref:
            first.setdefault(a.ref, i)
    latest: dict[str, int] = {}
    parents: list[int | None] = []
    for i, a in enumerate(actions):
        pr = a.parent_ref
        parents.append(None if pr is None else latest.get(pr, first.get(pr)))
        if a.ref:
            latest[a.ref] = i
    return parents


def _action_fields(a: ix.Action, key: str, order: int, objective_id: int | None = None) -> dict:
    return {
        "key": key,
        "ref": a.ref or "",
        "number": a.number or "",
        "ref_inferred": a.ref_inferred,
        "part": a.part or "",
        "phase": a.phase or "",
        "text": a.text,
        "resources": a.resources,
        "due": a.due,
        "order": order,
        "lead_text": a.lead_text,
        "partners_text": a.partners_text,
        "milestones_text": a.milestones_text,
        "reporting_text": a.reporting_text,
        "where": a.where,
        "extra": dict(a.extra),
        "success_criteria": a.success_criteria,
        "steps": list(a.steps),
        "objective_id": objective_id,
        "retired": False,
    }


_ACTION_UPDATE_FIELDS = [f for f in _action_fields(ix.Action(text=""), "", 0) if f != "key"]


class _Store(ActionDetailsWriter):
    """One run of store_plan; holds the lookups the steps share."""

    def __init__(
        self,
        doc: ix.PlanDocument,
        org_name: str,
        user,
        *,
        into: Plan | None,
        new: bool,
        own_plans: Collection[int] | None,
    ):
        self.doc = doc
        self.org_name = org_name
        self.user = user
        self.into = into
        self.new = new
        self.own_plans = None if own_plans is None else set(own_plans)
        self.rows = HistoryWriter(user)
        self.result: StoreResult

    def run(self) -> StoreResult:
        started = timezone.now()
        self.org = self._organisation()
        self.plan, created = self._plan()
        self.result = StoreResult(plan=self.plan, created=created)
        self.shared = SharedRecords(self.doc, self.org, self.plan, self.own_plans)
        self.parties = self.shared.parties()
        self.shared.bodies()
        self.timescales = self._timescales()
        recs, gone = self._recommendations()
        self.objectives = self._objectives(recs)
        placed = self._actions(recs, gone)
        self.result.progress_kept, self.result.progress_added = self._action_details(placed)
        self.result.warnings = self._warnings(placed)
        ImportRun.objects.create(
            plan=self.plan,
            file=self.doc.source.file,
            format=self.doc.source.format,
            started_at=started,
            counts=self.result.counts(),
        )
        return self.result

    def _organisation(self) -> Organisation:
        org = Organisation.objects.filter(name__iexact=self.org_name).first()
        if org:
            return org
        base = slugify(self.org_name)[:240] or "organisation"
        slug, n = base, 1
        while Organisation.objects.filter(slug=slug).exists():
            n += 1
            slug = f"{base}-{n}"
        return Organisation.objects.create(name=self.org_name, slug=slug)

    def _plan(self) -> tuple[Plan, bool]:
        info = self.doc.plan
        fields = {
            "inspection": info.inspection,
            "inspectorate": info.inspectorate,
            "lead_body": info.lead_body,
            "period_end": info.period.end,
            "cover": info.cover.model_dump(mode="json") if info.cover else None,
            "strategic_lead": info.strategic_lead,
            "objectives": list(info.objectives),
            "rag_key": [k.model_dump(mode="json") for k in info.rag_key],
            "front_matter": list(info.front_matter),
            "source_file": self.doc.source.file,
            "source_format": self.doc.source.format,
            "schema_version": self.doc.schema_version,
        }
        if self.into is not None:
            plan = Plan.objects.select_for_update().get(pk=self.into.pk)
            fields |= {"title": info.title, "period_start": info.period.start}
        elif self.new:
            plan = None
        else:
            matches = list(
                Plan.objects.filter(
                    organisation=self.org, title=info.title, period_start=info.period.start
                ).order_by("pk")[:2]
            )
            if len(matches) > 1:
                raise PlanStoreError(
                    f"more than one plan of {self.org.name} is called {info.title!r} and "
                    "starts on the same date: say which one to update"
                )
            plan = matches[0] if matches else None
        if plan is None:
            plan = Plan(
                organisation=self.org, title=info.title, period_start=info.period.start, **fields
            )
            self.rows.stamp(plan).save()
            return plan, True
        if any(getattr(plan, name) != value for name, value in fields.items()):
            for name, value in fields.items():
                setattr(plan, name, value)
            self.rows.stamp(plan).save()
        return plan, False

    def _timescales(self) -> dict[str, Timescale]:
        existing = {t.key: t for t in Timescale.objects.filter(plan=self.plan)}
        keep = {}
        for i, t in enumerate(self.doc.plan.timescales, start=1):
            ts = existing.pop(t.key, None) or Timescale(plan=self.plan, key=t.key)
            ts.label, ts.due, ts.text, ts.order = t.label, t.due, t.text, i
            ts.save()
            keep[t.key] = ts
        Timescale.objects.filter(pk__in=[t.pk for t in existing.values()]).delete()
        return keep

    def _recommendations(self) -> tuple[list[Recommendation], list[Recommendation]]:
        """The document's recommendations, stored; and those the document no longer has."""
        existing = {r.number: r for r in Recommendation.objects.filter(plan=self.plan)}
        recs, new, changed = [], [], []
        for i, r in enumerate(self.doc.recommendations, start=1):
            rec = existing.pop(r.number, None)
            fields = {
                "title": r.title,
                "timescale_id": self.timescales[r.timescale].pk if r.timescale else None,
                "order": i,
                "overview": list(r.overview),
                "where": r.where,
                "retired": False,
            }
            if rec is None:
                rec = Recommendation(plan=self.plan, number=r.number, **fields)
                new.append(rec)
            elif any(getattr(rec, n) != v for n, v in fields.items()):
                for name, value in fields.items():
                    setattr(rec, name, value)
                changed.append(rec)
            recs.append(rec)
        self.rows.create(Recommendation, new)
        if changed:
            self.rows.update(Recommendation, changed, list(fields))
        self.result.recommendations_created = len(new)
        self.result.recommendations_updated = len(recs) - len(new)

        # A recommendation the document names no owner of keeps those it has: they were
        # set by hand (plans.corrections), and the document says nothing against them.
        held = self._split_held(Responsibility, "recommendation_id", [r.pk for r in recs])
        owners = {
            rec.pk: first_of_each(
                [
                    {"party_id": party_id, "text": p.text, "order": i}
                    for i, p in enumerate(r.overall_responsibility, start=1)
                    for party_id in self._party_ids(p, held.get((rec.pk,), set()))
                ],
                "party_id",
            )
            for rec, r in zip(recs, self.doc.recommendations, strict=True)
            if r.overall_responsibility
        }
        self.rows.sync(
            Responsibility,
            "recommendation_id",
            owners,
            Responsibility.objects.filter(
                recommendation__plan=self.plan, recommendation_id__in=list(owners)
            ),
            identity=("party_id",),
        )
        return recs, list(existing.values())

    def _objectives(self, recs: list[Recommendation]) -> dict[tuple[int, str], Objective]:
        """The recommendations' objectives, matched by number: changed in place, added, and
        deleted when the document no longer has them (their actions keep no objective)."""
        existing = {
            (o.recommendation_id, o.number): o
            for o in Objective.objects.filter(recommendation__plan=self.plan)
        }
        keep: dict[tuple[int, str], Objective] = {}
        new, changed = [], []
        for rec, r in zip(recs, self.doc.recommendations, strict=True):
            for i, o in enumerate(r.objectives, start=1):
                if (rec.pk, o.number) in keep:
                    continue  # a number given twice is its first objective
                row = existing.pop((rec.pk, o.number), None)
                fields = {"title": o.title, "where": o.where, "order": i}
                if row is None:
                    row = Objective(recommendation=rec, number=o.number, **fields)
                    new.append(row)
                elif any(getattr(row, n) != v for n, v in fields.items()):
                    for name, value in fields.items():
                        setattr(row, name, value)
                    changed.append(row)
                keep[(rec.pk, o.number)] = row
        self.rows.create(Objective, new)
        self.rows.update(Objective, changed, ["title", "where", "order"])
        self.rows.delete(existing.values())
        return keep

    def _actions(self, recs: list[Recommendation], gone: list[Recommendation]) -> list[Placed]:
        """Store the actions; return each recommendation with its document and stored actions."""
        existing = {
            (a.recommendation_id, a.key): a
            for a in Action.objects.filter(recommendation__plan=self.plan)
        }
        referenced = self._referenced(Action, "recommendation__plan")

        # Match the document's actions to the stored ones.
        placed: list[Placed] = []
        new, matched, changed = [], [], []
        for rec, r in zip(recs, self.doc.recommendations, strict=True):
            rows = []
            for i, (a, key) in enumerate(zip(r.actions, action_keys(r.actions), strict=True), 1):
                row = existing.pop((rec.pk, key), None)
                objective = self.objectives.get((rec.pk, a.objective or ""))
                fields = _action_fields(a, key, i, objective.pk if objective else None)
                if row is None:
                    row = Action(recommendation=rec, **fields)
                    new.append(row)
                else:
                    matched.append(row)
                    if any(getattr(row, name) != value for name, value in fields.items()):
                        for name, value in fields.items():
                            setattr(row, name, value)
                        changed.append(row)
                rows.append(row)
            placed.append((rec, r.actions, rows))

        # What the document no longer has: delete it, unless a record points at it. Actions
        # added in the service were never the document's to remove.
        stale = [a for a in existing.values() if not a.key.startswith(ADDED_KEY_PREFIX)]
        kept = [a for a in stale if a.pk in referenced and not a.retired]
        for retiring in kept:
            retiring.retired = True
            retiring.version += 1
        self.result.actions_retired = len(kept)
        self.rows.update(Action, kept, ["retired", "version"])
        dropped = [a.pk for a in stale if a.pk not in referenced]
        for model in (Milestone, ReportingRequirement, ActionParty):
            self.rows.delete(model.objects.filter(action_id__in=dropped))
        self.rows.delete(a for a in stale if a.pk not in referenced)
        self.result.actions_deleted = len(dropped)
        kept_recs = self._referenced(Recommendation, "plan")
        for rec in gone:
            if rec.pk in kept_recs or rec.actions.exists():
                if not rec.retired:
                    self.result.recommendations_retired += 1
                    rec.retired = True
                    self.rows.stamp(rec).save(update_fields=["retired"])
            else:
                self.rows.delete([rec])

        CrossReference.objects.filter(recommendation__plan=self.plan).delete()
        # One UPDATE per changed row: bulk_update's CASE expressions over seventeen fields
        # take seconds for a thousand rows, plain UPDATEs a fraction of one. Their history
        # goes in one bulk insert.
        for row in changed:
            row.version += 1
            # simple-history adds this method to the models it records, untyped.
            row.save_without_historical_record(  # type: ignore[attr-defined]
                update_fields=[*_ACTION_UPDATE_FIELDS, "version"]
            )
        self.rows.record_history(Action, changed, "~")
        self.rows.create(Action, new)
        self.matched_ids = [a.pk for a in matched]
        self.result.actions_created = len(new)
        self.result.actions_updated = len(matched)

        with_parent = []
        for _rec, actions, rows in placed:
            for row, parent in zip(rows, _parent_index(actions), strict=True):
                parent_id = rows[parent].pk if parent is not None else None
                if row.parent_id != parent_id:
                    row.parent_id = parent_id
                    with_parent.append(row)
        self.rows.update(Action, with_parent, ["parent"])
        return placed

    def _referenced(self, model: type[models.Model], to_plan: str) -> set[int]:
        """The plan's rows of `model` that a record points at with PROTECT (a progress
        record, an override, a challenge: the monitoring app adds these): they are retired
        when the document drops them, never deleted."""
        return referenced(model, to_plan, self.plan)
