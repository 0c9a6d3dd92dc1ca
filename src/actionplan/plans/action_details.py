"""What hangs under each stored action, written by an import (plans/services.py): its
milestones, reporting lines, leads, partners and the people its text mentions, its
cross-references, the document's progress records not stored already, and the import's
warnings, for the plan and for each action.

Also which stored party a document's name is, for these rows and for a recommendation's
owners: a name split by hand into several parties (plans.corrections) stays the parts a row
already holds. `ActionDetailsWriter` is the part of one store_plan run that does this, once
the plan's recommendations and actions are stored and matched.
"""

from __future__ import annotations

from collections import defaultdict

from actionplan import interchange as ix
from actionplan.plans.models import (
    Action,
    ActionParty,
    CrossReference,
    ImportWarning,
    Milestone,
    Party,
    Plan,
    ProgressRecord,
    Recommendation,
    ReportingRequirement,
)
from actionplan.plans.rows import BATCH, HistoryWriter
from actionplan.plans.shared import SharedRecords
from actionplan.plans.showing import all_warnings

# A stored recommendation, the document's actions for it, and their stored rows, in step.
Placed = tuple[Recommendation, list[ix.Action], list[Action]]


class ActionDetailsWriter:
    """What one run of store_plan knows that writing the actions' details needs."""

    doc: ix.PlanDocument
    plan: Plan
    rows: HistoryWriter
    shared: SharedRecords
    parties: dict[tuple[str, str], Party]
    matched_ids: list[int]  # the stored actions the document's actions matched

    def _party_ids(self, ref: ix.Party, held: set[int]) -> list[int]:
        """The party the document's name is; a name split by hand (plans.corrections) is
        the parts this row already has, or all of them."""
        parts = self.shared.split.get((ref.kind.value, ref.name))
        if not parts:
            return [self.parties[(ref.kind.value, ref.name)].pk]
        ids = [p.pk for p in parts]
        return [i for i in ids if i in held] or ids

    def _split_held(self, model, owner: str, owner_ids, *more: str) -> dict[tuple, set[int]]:
        """Which parts of a split name each stored row group (action and role, or
        recommendation) already holds."""
        parts = {p.pk for ps in self.shared.split.values() for p in ps}
        held: dict[tuple, set[int]] = defaultdict(set)
        if parts:
            rows = model.objects.filter(**{f"{owner}__in": owner_ids, "party_id__in": parts})
            for *key, party_id in rows.values_list(owner, *more, "party_id"):
                held[tuple(key)].add(party_id)
        return held

    def _action_details(self, placed: list[Placed]) -> tuple[int, int]:
        """Write the details; return how many progress records were kept and added."""
        rec_by_number = {rec.number: rec for rec, _, _ in placed}
        stored = ProgressRecord.objects.filter(action__recommendation__plan=self.plan)
        seen = set(stored.values_list("action_id", "as_at", "status", "rag", "text"))
        kept = stored.count()
        milestones, reporting, parties = {}, {}, {}
        held = self._split_held(ActionParty, "action_id", self.matched_ids, "role")
        xrefs, progress = [], []

        def xref(rec, action, c: ix.CrossReference, order: int) -> CrossReference:
            return CrossReference(
                recommendation=rec,
                action=action,
                target=rec_by_number.get(c.recommendation),
                target_number=c.recommendation,
                text=c.text,
                order=order,
            )

        for (rec, actions, rows), r in zip(placed, self.doc.recommendations, strict=True):
            xrefs += [xref(rec, None, c, i) for i, c in enumerate(r.cross_references, 1)]
            for a, row in zip(actions, rows, strict=True):
                milestones[row.pk] = [
                    {"order": i, **_dated(m)} for i, m in enumerate(a.milestones, 1)
                ]
                reporting[row.pk] = [
                    {
                        "order": i,
                        "body_id": body.pk if (body := self.shared.body_for(rp.body)) else None,
                        "body_label": rp.body or "",
                        **_dated(rp),
                    }
                    for i, rp in enumerate(a.reporting, 1)
                ]
                parties[row.pk] = first_of_each(
                    [
                        {"party_id": party_id, "role": role.value, "text": p.text, "order": i}
                        for role, refs in (
                            (ActionParty.Role.LEAD, a.leads),
                            (ActionParty.Role.PARTNER, a.partners),
                            (ActionParty.Role.MENTION, a.mentions),
                        )
                        for i, p in enumerate(refs, 1)
                        for party_id in self._party_ids(p, held.get((row.pk, role.value), set()))
                    ],
                    "party_id",
                    "role",
                )
                xrefs += [xref(rec, row, c, i) for i, c in enumerate(a.cross_references, 1)]
                for p in a.progress:
                    same = (row.pk, p.as_at, p.status or "", p.rag or "", p.text)
                    if same in seen:
                        continue
                    seen.add(same)
                    progress.append(
                        ProgressRecord(
                            action=row,
                            as_at=p.as_at,
                            status=p.status or "",
                            rag=p.rag or "",
                            percent_complete=p.percent_complete,
                            text=p.text,
                            source="import",
                        )
                    )
        for model, wanted, identity in (
            (Milestone, milestones, ("text",)),
            (ReportingRequirement, reporting, ("text", "body_label")),
            (ActionParty, parties, ("party_id", "role")),
        ):
            stored_rows = model.objects.filter(action_id__in=self.matched_ids).order_by(
                "action_id", "order", "pk"
            )
            self.rows.sync(model, "action_id", wanted, stored_rows, identity)
        CrossReference.objects.bulk_create(xrefs, batch_size=BATCH)
        ProgressRecord.objects.bulk_create(progress, batch_size=BATCH)
        return kept, len(progress)

    def _warnings(self, placed: list[Placed]) -> int:
        """Write the import's warnings; return how many the document has."""
        ImportWarning.objects.filter(plan=self.plan).delete()
        rows = [
            ImportWarning(
                plan=self.plan,
                where=w.where,
                message=w.message,
                recommendation_number=w.recommendation or "",
                action_ref=w.action or "",
                text=w.text,
            )
            for w in self.doc.warnings
        ]
        for rec, actions, stored in placed:
            for a, row in zip(actions, stored, strict=True):
                rows += [
                    ImportWarning(
                        plan=self.plan,
                        action=row,
                        where=a.where,
                        message=message,
                        recommendation_number=rec.number,
                        action_ref=a.ref or "",
                    )
                    for message in a.warnings
                ]
        rows += [
            ImportWarning(
                plan=self.plan,
                message="another plan names it too, so what this file says of it (aliases, "
                "role, employer, abbreviation, kind) was not stored: ask an administrator",
                text=name,
            )
            for name in self.shared.kept
        ]
        for i, w in enumerate(rows, start=1):
            w.order = i
        ImportWarning.objects.bulk_create(rows, batch_size=BATCH)
        # Counted as `parse` lists them: an action's note that the plan's list repeats is one.
        return len(all_warnings(self.doc))


def _dated(d: ix.Milestone | ix.Reporting) -> dict:
    return {
        "text": d.text,
        "due": d.due,
        "start": d.start,
        "precision": d.precision or "",
        "frequency": d.frequency or "",
    }


def first_of_each(rows: list[dict], *key: str) -> list[dict]:
    """The rows without those that repeat an earlier one's `key`: two names of one party
    (merged by hand, plans.corrections) name it once."""
    seen: set[tuple] = set()
    kept = []
    for row in rows:
        k = tuple(row[name] for name in key)
        if k not in seen:
            seen.add(k)
            kept.append(row)
    return kept
