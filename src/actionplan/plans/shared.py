"""The organisation's shared records an import writes: its parties (people, roles, groups,
organisations) and bodies, which its plans share.

An import may add new ones, but it changes one that is already stored only when every plan
that uses it is one the importer may change (`own_plans`); otherwise it is left as it is
and its name is kept in `SharedRecords.kept`, for the plan's import warnings. So a file
imported into one plan never changes what another plan shows (docs/security.md).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from typing import TypeVar

from django.db import models
from django.db.models import ForeignObjectRel

from actionplan import interchange as ix
from actionplan.plans.models import Body, Organisation, Party, Plan, PlanBody, PlanPerson
from actionplan.plans.rows import BATCH

# A shared record: what `_ours` weighs a change to.
_Shared = TypeVar("_Shared", Party, Body)


class SharedRecords:
    """Upserts the parties and bodies `doc` names into `org`, and lists them for `plan`."""

    def __init__(
        self,
        doc: ix.PlanDocument,
        org: Organisation,
        plan: Plan,
        own_plans: set[int] | None,
    ) -> None:
        self.doc = doc
        self.org = org
        self.plan = plan
        self.own_plans = own_plans
        # The shared records this import would have changed but may not.
        self.kept: list[str] = []
        self.body_lookup: dict[str, Body] = {}
        # The document's names that were split by hand into several parties.
        self.split: dict[tuple[str, str], list[Party]] = {}

    def parties(self) -> dict[tuple[str, str], Party]:
        """Upsert every party the document names, by kind and name within the organisation."""
        wanted: dict[tuple[str, str], dict] = {}
        for person in self.doc.people:
            w = wanted.setdefault((Party.Kind.PERSON.value, person.name), {"aliases": []})
            w["aliases"] = _merge(w["aliases"], person.aliases)
            w["job_role"] = person.role or w.get("job_role", "")
            w["employer"] = person.organisation or w.get("employer", "")
        for ref in self._party_refs():
            wanted.setdefault((ref.kind.value, ref.name), {"aliases": []})

        stored = list(Party.objects.filter(organisation=self.org))
        existing = {(p.kind, p.name): p for p in stored}
        # Corrected by hand (plans.corrections): renamed or merged away, the old name is an
        # alias; moved to another kind, the name is the same. Either way the document's
        # name finds the corrected party, unless a party of that very kind and name exists.
        corrected = {n.casefold(): p for p in stored for n in p.aliases}
        corrected |= {p.name.casefold(): p for p in stored}
        # Split by hand, the joined name is an alias of each part: it gives them all.
        sharing: dict[str, list[Party]] = defaultdict(list)
        for p in stored:
            for n in p.aliases:
                sharing[n.casefold()].append(p)
        new: list[Party] = []
        proposed: list[tuple[Party, tuple]] = []
        for (kind, name), w in wanted.items():
            party = existing.get((kind, name))
            if party is None and (party := corrected.get(name.casefold())) is not None:
                existing[(kind, name)] = party
                if len(parts := sharing.get(name.casefold(), [])) > 1:
                    self.split[(kind, name)] = parts
            if party is None:
                party = Party(
                    organisation=self.org,
                    kind=kind,
                    name=name,
                    aliases=w["aliases"],
                    job_role=w.get("job_role", ""),
                    employer=w.get("employer", ""),
                )
                new.append(party)
                existing[(kind, name)] = party
                continue
            merged = _merge(party.aliases, w["aliases"])
            job_role = w.get("job_role") or party.job_role
            employer = w.get("employer") or party.employer
            if (merged, job_role, employer) != (party.aliases, party.job_role, party.employer):
                proposed.append((party, (merged, job_role, employer)))
        changed = []
        for ours, (aliases, job_role, employer) in self._ours(proposed):
            ours.aliases, ours.job_role, ours.employer = aliases, job_role, employer
            changed.append(ours)
        Party.objects.bulk_create(new, batch_size=BATCH)
        Party.objects.bulk_update(changed, ["aliases", "job_role", "employer"], batch_size=BATCH)

        PlanPerson.objects.filter(plan=self.plan).delete()
        # Two of the document's names may be one party (one merged into the other).
        people = {
            id(party): party
            for party in (existing[(Party.Kind.PERSON.value, p.name)] for p in self.doc.people)
        }
        PlanPerson.objects.bulk_create(
            PlanPerson(plan=self.plan, party=party, order=i)
            for i, party in enumerate(people.values(), start=1)
        )
        return existing

    def _ours(self, changes: list[tuple[_Shared, tuple]]) -> list[tuple[_Shared, tuple]]:
        """The changes to shared records (parties, bodies) that this import may make: those
        whose every plan is one the importer may change. The others are noted and dropped."""
        if self.own_plans is None or not changes:
            return changes
        allowed = self.own_plans | {self.plan.pk}
        model = type(changes[0][0])
        using = plans_using(model, [row.pk for row, _ in changes])
        ours = []
        for row, values in changes:
            if using.get(row.pk, set()) <= allowed:
                ours.append((row, values))
            else:
                self.kept.append(row.name)
        return ours

    def _party_refs(self) -> Iterable[ix.Party]:
        for rec in self.doc.recommendations:
            yield from rec.overall_responsibility
            for a in rec.actions:
                yield from a.leads
                yield from a.partners
                yield from a.mentions

    def bodies(self) -> dict[str, Body]:
        """Upsert the document's bodies by name; keep (for `body_for`) and return a lookup by
        abbreviation, name and alias, the document's own bodies taking precedence over others
        of the organisation."""
        stored = list(Body.objects.filter(organisation=self.org))
        existing = {b.name: b for b in stored}
        # A name corrected by hand, or a body merged into another, is kept as an alias: an
        # import that still writes it finds the body it became (plans.corrections).
        renamed = {a.casefold(): b for b in stored for a in b.aliases}
        new, proposed, mine = [], [], {}
        for b in self.doc.bodies:
            body = existing.get(b.name) or renamed.get(b.name.casefold())
            if body is None:
                body = Body(
                    organisation=self.org,
                    name=b.name,
                    abbreviation=b.abbreviation,
                    aliases=list(b.aliases),
                    kind=b.kind,
                )
                new.append(body)
                existing[b.name] = body
            else:
                merged = _merge(body.aliases, b.aliases)
                # A stored abbreviation may be a correction: a document only fills an empty one.
                abbreviation = body.abbreviation or b.abbreviation
                kind = b.kind or body.kind
                if (merged, abbreviation, kind) != (body.aliases, body.abbreviation, body.kind):
                    proposed.append((body, (merged, abbreviation, kind)))
            mine[b.name] = body
        changed = []
        for ours, (aliases, abbreviation, kind) in self._ours(proposed):
            ours.aliases, ours.abbreviation, ours.kind = aliases, abbreviation, kind
            changed.append(ours)
        Body.objects.bulk_create(new, batch_size=BATCH)
        Body.objects.bulk_update(changed, ["aliases", "abbreviation", "kind"], batch_size=BATCH)

        PlanBody.objects.filter(plan=self.plan).delete()
        # Two of the document's names may be one body (one merged into the other).
        named = {id(body): body for body in mine.values()}.values()
        PlanBody.objects.bulk_create(
            PlanBody(plan=self.plan, body=body, order=i) for i, body in enumerate(named, start=1)
        )
        lookup: dict[str, Body] = {}
        for body in [*existing.values(), *mine.values()]:  # the plan's own win
            for label in [*body.aliases, body.name, body.abbreviation]:
                if label:
                    lookup[label] = body
                    lookup[label.casefold()] = body
        self.body_lookup = lookup
        return lookup

    def body_for(self, label: str | None) -> Body | None:
        if not label:
            return None
        return self.body_lookup.get(label) or self.body_lookup.get(label.casefold())


def plans_using(model: type[models.Model], ids: Iterable[int]) -> dict[int, set[int]]:
    """For rows of `model` (parties, bodies), the plans that use each: through every row of
    any model that points at it (a plan's people, an action's leads, a membership, a
    reminder, an indicator's owner...) and belongs to a plan, found by its foreign keys."""
    using: dict[int, set[int]] = defaultdict(set)
    for rel in model._meta.get_fields(include_hidden=True):
        if not isinstance(rel, ForeignObjectRel) or not (
            rel.auto_created and not rel.concrete and (rel.one_to_many or rel.one_to_one)
        ):
            continue
        path = _path_to_plan(rel.related_model)
        if path is None:
            continue
        pointer = rel.field.attname
        rows = rel.related_model._base_manager.filter(**{f"{pointer}__in": list(ids)})
        for row_id, plan_id in rows.values_list(pointer, path or "pk"):
            if plan_id is not None:
                using[row_id].add(plan_id)
    return using


def _path_to_plan(model: type[models.Model], depth: int = 4) -> str | None:
    """The shortest chain of foreign keys from `model` to Plan ("action__recommendation__plan"),
    or None when it has none (a meeting belongs to a body, not a plan)."""
    if model is Plan:
        return ""
    frontier = [(model, "")]
    for _ in range(depth):
        following = []
        for current, path in frontier:
            for field in current._meta.concrete_fields:
                target = field.related_model
                if not (field.many_to_one or field.one_to_one) or target in (None, current):
                    continue
                step = f"{path}__{field.name}" if path else field.name
                if target is Plan:
                    return step
                following.append((target, step))
        frontier = following
    return None


def _merge(old: list[str], new: Iterable[str]) -> list[str]:
    merged = list(old)
    merged.extend(a for a in new if a not in merged)
    return merged
