"""Storing a PlanDocument: the one write that touches every table of a plan.

`store_plan` creates a plan, or updates one in place: the plan it is given (`into`), or,
for the administrator's own tools, the organisation's plan with the same title and start
date. Recommendations are matched by number and actions by key within that plan alone, so
every progress record stays attached to its action. An action the new document no longer
has is deleted if nothing points at it (no progress record, override or challenge), and
retired otherwise; an action added in the service (from an audit's finding) is left as it
is.

People, roles, groups, organisations and bodies belong to the organisation and are shared
by its plans. An import may add new ones, but it changes one that is already stored (its
aliases, job role, employer; a body's abbreviation, aliases, kind) only when every plan
that uses it is one the importer may change (`own_plans`); otherwise it is left as it is and
the plan's import warnings say so. So a file imported into one plan never changes what
another plan shows (docs/security.md).

Storing keeps the plan's history (django-simple-history): only what changed is written,
so importing the same document again adds no history; rows written in bulk get theirs
in bulk too (`_record_history`), marked "import" and with the importing user.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections import Counter, defaultdict
from collections.abc import Collection, Iterable, Iterator

from django.db import connection, models, transaction
from django.utils import timezone
from django.utils.text import slugify
from pydantic import BaseModel

from actionplan import interchange as ix
from actionplan.core.calendar import in_range
from actionplan.core.errors import UserError
from actionplan.plans.models import (
    ADDED_KEY_PREFIX,
    Action,
    ActionParty,
    Body,
    CrossReference,
    ImportRun,
    ImportWarning,
    Milestone,
    Organisation,
    Party,
    Plan,
    PlanBody,
    PlanPerson,
    ProgressRecord,
    Recommendation,
    ReportingRequirement,
    Responsibility,
    Timescale,
)
from actionplan.plans.showing import all_warnings

_BATCH = 500
_REASON = "import"
# Field types whose values the database drivers take as Python gives them.
_PLAIN = {
    "CharField",
    "TextField",
    "SlugField",
    "BooleanField",
    "IntegerField",
    "BigIntegerField",
    "PositiveIntegerField",
    "PositiveSmallIntegerField",
    "SmallIntegerField",
}

# A stored recommendation, the document's actions for it, and their stored rows, in step.
_Placed = tuple[Recommendation, list[ix.Action], list[Action]]


class PlanStoreError(UserError):
    """A document that cannot be stored as it is; the message says what to change."""


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


def action_keys(actions: list[ix.Action]) -> list[str]:
    """Each action's identity within its recommendation: its ref when no other action of the
    recommendation shares it, else its position ("#3")."""
    counts = Counter(a.ref for a in actions if a.ref)
    return [
        a.ref if a.ref and counts[a.ref] == 1 and not a.ref.startswith("#") else f"#{i}"
        for i, a in enumerate(actions, start=1)
    ]


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
    _check(doc, org_name)
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


def _check(doc: ix.PlanDocument, org_name: str) -> None:
    if not org_name:
        raise PlanStoreError(
            "the plan does not name its organisation: give one with --organisation"
        )
    if len(org_name) > Organisation._meta.get_field("name").max_length:
        raise PlanStoreError(f"the organisation's name is too long: {org_name[:60]!r}...")
    if not doc.plan.title.strip():
        raise PlanStoreError("the plan has no title")
    for place, day in _dates(doc):
        if not in_range(day):
            # A typo (a year of 20130) that the pages' date arithmetic could not take.
            raise PlanStoreError(f"{place}: {day.isoformat()} is not a date between 1900 and 2100")
    keys = [t.key for t in doc.plan.timescales]
    if len(set(keys)) != len(keys):
        raise PlanStoreError(f"two timescales share a key: {', '.join(keys)}")
    numbers = Counter(r.number for r in doc.recommendations)
    for number, n in numbers.items():
        if n > 1:
            raise PlanStoreError(f"recommendation {number} appears {n} times")
    for rec in doc.recommendations:
        if rec.timescale is not None and rec.timescale not in keys:
            raise PlanStoreError(
                f"recommendation {rec.number}: timescale {rec.timescale!r} is not one of the "
                f"plan's ({', '.join(keys) or 'none'})"
            )
        refs = {a.ref for a in rec.actions if a.ref}
        for i, action in enumerate(rec.actions, start=1):
            name = f"recommendation {rec.number}, action {action.ref or f'#{i}'}"
            if action.parent_ref is not None and action.parent_ref not in refs:
                raise PlanStoreError(
                    f"{name}: parent_ref {action.parent_ref!r} is not the ref of an action "
                    "of the same recommendation"
                )
            for p in action.progress:
                if p.percent_complete is not None and not 0 <= p.percent_complete <= 100:
                    raise PlanStoreError(f"{name}: percent_complete must be 0 to 100")


def _dates(model: BaseModel, place: str = "") -> Iterator[tuple[str, dt.date]]:
    """Every date in the document, with where it is ("recommendation 1.0, action 4a, due")."""
    for name, value in model:
        here = f"{place}, {name}" if place else name
        if isinstance(value, dt.date):
            yield here, value
        elif isinstance(value, BaseModel):
            yield from _dates(value, here)
        elif isinstance(value, list):
            for i, item in enumerate(value, start=1):
                if isinstance(item, ix.Recommendation):
                    yield from _dates(item, f"recommendation {item.number}")
                elif isinstance(item, ix.Action):
                    yield from _dates(item, f"{place}, action {item.ref or f'#{i}'}".lstrip(", "))
                elif isinstance(item, BaseModel):
                    yield from _dates(item, f"{here} {i}")


def _merge(old: list[str], new: Iterable[str]) -> list[str]:
    merged = list(old)
    merged.extend(a for a in new if a not in merged)
    return merged


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


def _action_fields(a: ix.Action, key: str, order: int) -> dict:
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
        "retired": False,
    }


_ACTION_UPDATE_FIELDS = [f for f in _action_fields(ix.Action(text=""), "", 0) if f != "key"]


class _Store:
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
        self.kept_shared: list[str] = []
        self.result: StoreResult

    def _stamp(self, obj: models.Model) -> models.Model:
        """Mark a row saved or deleted one by one, for its history record."""
        obj._change_reason = _REASON
        if self.user is not None:
            obj._history_user = self.user
        return obj

    def _record_history(self, model: type[models.Model], rows: list, kind: str) -> None:
        """What simple-history's bulk_history_create does ("+" created, "~" changed), as one
        executemany: the ORM's per-row SQL compilation doubled the time of a first import.
        Dates and JSON are prepared by their fields, as the ORM would; text, numbers, flags
        and ids go to the driver as they are, which is all the ORM would do with them."""
        if not rows:
            return
        history = model.history.model
        fields = [f for f in history._meta.concrete_fields if not f.primary_key]
        given = {
            "history_date": timezone.now(),
            "history_type": kind,
            "history_user_id": self.user.pk if self.user is not None else None,
            "history_change_reason": _REASON,
        }
        prepared = [f.get_internal_type() not in _PLAIN and not f.is_relation for f in fields]
        values = [
            [
                f.get_db_prep_save(value, connection) if prepare else value
                for f, prepare, value in zip(
                    fields,
                    prepared,
                    (
                        given[f.attname] if f.attname in given else getattr(row, f.attname)
                        for f in fields
                    ),
                    strict=True,
                )
            ]
            for row in rows
        ]
        quote = connection.ops.quote_name
        columns = ", ".join(quote(f.column) for f in fields)
        marks = ", ".join(["%s"] * len(fields))
        with connection.cursor() as cursor:
            cursor.executemany(
                f"INSERT INTO {quote(history._meta.db_table)} ({columns}) VALUES ({marks})",
                values,
            )

    def _create(self, model: type[models.Model], rows: list) -> None:
        model.objects.bulk_create(rows, batch_size=_BATCH)
        self._record_history(model, rows, "+")

    def _update(self, model: type[models.Model], rows: list, fields: list[str]) -> None:
        model.objects.bulk_update(rows, fields, batch_size=_BATCH)
        self._record_history(model, rows, "~")

    def _delete(self, rows: Iterable[models.Model]) -> None:
        # One by one, so that each history record says who deleted it and why.
        for row in rows:
            self._stamp(row).delete()

    def run(self) -> StoreResult:
        started = timezone.now()
        self.org = self._organisation()
        self.plan, created = self._plan()
        self.result = StoreResult(plan=self.plan, created=created)
        self.parties = self._parties()
        self.bodies = self._bodies()
        self.timescales = self._timescales()
        recs, gone = self._recommendations()
        placed = self._actions(recs, gone)
        self._action_details(placed)
        self._warnings(placed)
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
            self._stamp(plan).save()
            return plan, True
        if any(getattr(plan, name) != value for name, value in fields.items()):
            for name, value in fields.items():
                setattr(plan, name, value)
            self._stamp(plan).save()
        return plan, False

    def _parties(self) -> dict[tuple[str, str], Party]:
        """Upsert every party the document names, by kind and name within the organisation."""
        wanted: dict[tuple[str, str], dict] = {}
        for person in self.doc.people:
            w = wanted.setdefault((Party.Kind.PERSON.value, person.name), {"aliases": []})
            w["aliases"] = _merge(w["aliases"], person.aliases)
            w["job_role"] = person.role or w.get("job_role", "")
            w["employer"] = person.organisation or w.get("employer", "")
        for ref in self._party_refs():
            wanted.setdefault((ref.kind.value, ref.name), {"aliases": []})

        existing = {(p.kind, p.name): p for p in Party.objects.filter(organisation=self.org)}
        new, proposed = [], []
        for (kind, name), w in wanted.items():
            party = existing.get((kind, name))
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
        for party, (aliases, job_role, employer) in self._ours(proposed):
            party.aliases, party.job_role, party.employer = aliases, job_role, employer
            changed.append(party)
        Party.objects.bulk_create(new, batch_size=_BATCH)
        Party.objects.bulk_update(changed, ["aliases", "job_role", "employer"], batch_size=_BATCH)

        PlanPerson.objects.filter(plan=self.plan).delete()
        people = {p.name: existing[(Party.Kind.PERSON.value, p.name)] for p in self.doc.people}
        PlanPerson.objects.bulk_create(
            PlanPerson(plan=self.plan, party=party, order=i)
            for i, party in enumerate(people.values(), start=1)
        )
        return existing

    def _ours(self, changes: list[tuple[models.Model, tuple]]) -> list[tuple[models.Model, tuple]]:
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
                self.kept_shared.append(row.name)
        return ours

    def _party_refs(self) -> Iterable[ix.Party]:
        for rec in self.doc.recommendations:
            yield from rec.overall_responsibility
            for a in rec.actions:
                yield from a.leads
                yield from a.partners
                yield from a.mentions

    def _bodies(self) -> dict[str, Body]:
        """Upsert the document's bodies by name; return a lookup by abbreviation, name and
        alias, the document's own bodies taking precedence over others of the organisation."""
        existing = {b.name: b for b in Body.objects.filter(organisation=self.org)}
        new, proposed, mine = [], [], {}
        for b in self.doc.bodies:
            body = existing.get(b.name)
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
                abbreviation = b.abbreviation or body.abbreviation
                kind = b.kind or body.kind
                if (merged, abbreviation, kind) != (body.aliases, body.abbreviation, body.kind):
                    proposed.append((body, (merged, abbreviation, kind)))
            mine[b.name] = body
        changed = []
        for body, (aliases, abbreviation, kind) in self._ours(proposed):
            body.aliases, body.abbreviation, body.kind = aliases, abbreviation, kind
            changed.append(body)
        Body.objects.bulk_create(new, batch_size=_BATCH)
        Body.objects.bulk_update(changed, ["aliases", "abbreviation", "kind"], batch_size=_BATCH)

        PlanBody.objects.filter(plan=self.plan).delete()
        PlanBody.objects.bulk_create(
            PlanBody(plan=self.plan, body=body, order=i)
            for i, body in enumerate(mine.values(), start=1)
        )
        lookup: dict[str, Body] = {}
        for body in [*existing.values(), *mine.values()]:  # the plan's own win
            for label in [*body.aliases, body.name, body.abbreviation]:
                if label:
                    lookup[label] = body
                    lookup[label.casefold()] = body
        return lookup

    def _body_for(self, label: str | None) -> Body | None:
        if not label:
            return None
        return self.bodies.get(label) or self.bodies.get(label.casefold())

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
        self._create(Recommendation, new)
        if changed:
            self._update(Recommendation, changed, list(fields))
        self.result.recommendations_created = len(new)
        self.result.recommendations_updated = len(recs) - len(new)

        self._sync(
            Responsibility,
            "recommendation_id",
            {
                rec.pk: [
                    {
                        "party_id": self.parties[(p.kind.value, p.name)].pk,
                        "text": p.text,
                        "order": i,
                    }
                    for i, p in enumerate(r.overall_responsibility, start=1)
                ]
                for rec, r in zip(recs, self.doc.recommendations, strict=True)
            },
            Responsibility.objects.filter(recommendation__plan=self.plan),
            identity=("party_id",),
        )
        return recs, list(existing.values())

    def _sync(
        self,
        model: type[models.Model],
        owner: str,
        wanted: dict[int, list[dict]],
        stored: Iterable[models.Model],
        identity: tuple[str, ...],
    ) -> None:
        """Make the rows of each owner (an action, a recommendation) match `wanted`, writing
        only the differences. A stored row is matched to a wanted one by identity first (a
        milestone by its text), then by position; so an unchanged list costs no write, and
        a row keeps what the service added to it (a milestone's done_on). Rows of owners
        not in `wanted` are deleted."""
        old_rows: dict[int, list] = defaultdict(list)
        for row in stored:
            old_rows[getattr(row, owner)].append(row)
        new, changed, gone, names = [], [], [], set()
        for owner_id, items in wanted.items():
            spare = old_rows.pop(owner_id, [])
            matched = []
            for item in items:
                key = tuple(item[f] for f in identity)
                row = next(
                    (r for r in spare if tuple(getattr(r, f) for f in identity) == key), None
                )
                if row is not None:
                    spare.remove(row)
                matched.append(row)
            for item, row in zip(items, matched, strict=True):
                row = row or (spare.pop(0) if spare else None)
                if row is None:
                    new.append(model(**{owner: owner_id}, **item))
                    continue
                diff = [name for name, value in item.items() if getattr(row, name) != value]
                for name in diff:
                    setattr(row, name, item[name])
                if diff:
                    names.update(diff)
                    changed.append(row)
            gone += spare
        for rows in old_rows.values():
            gone += rows
        self._delete(gone)
        if changed:
            self._update(model, changed, sorted(names))
        self._create(model, new)

    def _actions(self, recs: list[Recommendation], gone: list[Recommendation]) -> list[_Placed]:
        """Store the actions; return each recommendation with its document and stored actions."""
        existing = {
            (a.recommendation_id, a.key): a
            for a in Action.objects.filter(recommendation__plan=self.plan)
        }
        referenced = self._referenced(Action, "recommendation__plan")

        # Match the document's actions to the stored ones.
        placed: list[_Placed] = []
        new, matched, changed = [], [], []
        for rec, r in zip(recs, self.doc.recommendations, strict=True):
            rows = []
            for i, (a, key) in enumerate(zip(r.actions, action_keys(r.actions), strict=True), 1):
                row = existing.pop((rec.pk, key), None)
                fields = _action_fields(a, key, i)
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
        for a in kept:
            a.retired = True
            a.version += 1
        self.result.actions_retired = len(kept)
        self._update(Action, kept, ["retired", "version"])
        dropped = [a.pk for a in stale if a.pk not in referenced]
        for model in (Milestone, ReportingRequirement, ActionParty):
            self._delete(model.objects.filter(action_id__in=dropped))
        self._delete(a for a in stale if a.pk not in referenced)
        self.result.actions_deleted = len(dropped)
        kept_recs = self._referenced(Recommendation, "plan")
        for rec in gone:
            if rec.pk in kept_recs or rec.actions.exists():
                if not rec.retired:
                    self.result.recommendations_retired += 1
                    rec.retired = True
                    self._stamp(rec).save(update_fields=["retired"])
            else:
                self._delete([rec])

        CrossReference.objects.filter(recommendation__plan=self.plan).delete()
        # One UPDATE per changed row: bulk_update's CASE expressions over seventeen fields
        # take seconds for a thousand rows, plain UPDATEs a fraction of one. Their history
        # goes in one bulk insert.
        for row in changed:
            row.version += 1
            row.save_without_historical_record(update_fields=[*_ACTION_UPDATE_FIELDS, "version"])
        self._record_history(Action, changed, "~")
        self._create(Action, new)
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
        self._update(Action, with_parent, ["parent"])
        return placed

    def _referenced(self, model: type[models.Model], to_plan: str) -> set[int]:
        """The plan's rows of `model` that a record points at with PROTECT (a progress
        record, an override, a challenge: the monitoring app adds these): they are retired
        when the document drops them, never deleted."""
        ids: set[int] = set()
        for rel in model._meta.related_objects:
            if rel.on_delete is models.PROTECT:
                ids.update(
                    rel.related_model._base_manager.filter(
                        **{f"{rel.field.name}__{to_plan}": self.plan}
                    ).values_list(rel.field.attname, flat=True)
                )
        return ids

    def _action_details(self, placed: list[_Placed]) -> None:
        rec_by_number = {rec.number: rec for rec, _, _ in placed}
        stored = ProgressRecord.objects.filter(action__recommendation__plan=self.plan)
        seen = set(stored.values_list("action_id", "as_at", "status", "rag", "text"))
        self.result.progress_kept = stored.count()
        milestones, reporting, parties = {}, {}, {}
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
                        "body_id": body.pk if (body := self._body_for(rp.body)) else None,
                        "body_label": rp.body or "",
                        **_dated(rp),
                    }
                    for i, rp in enumerate(a.reporting, 1)
                ]
                parties[row.pk] = [
                    {
                        "party_id": self.parties[(p.kind.value, p.name)].pk,
                        "role": role.value,
                        "text": p.text,
                        "order": i,
                    }
                    for role, refs in (
                        (ActionParty.Role.LEAD, a.leads),
                        (ActionParty.Role.PARTNER, a.partners),
                        (ActionParty.Role.MENTION, a.mentions),
                    )
                    for i, p in enumerate(refs, 1)
                ]
                xrefs += [xref(rec, row, c, i) for i, c in enumerate(a.cross_references, 1)]
                for p in a.progress:
                    identity = (row.pk, p.as_at, p.status or "", p.rag or "", p.text)
                    if identity in seen:
                        continue
                    seen.add(identity)
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
            self._sync(model, "action_id", wanted, stored_rows, identity)
        CrossReference.objects.bulk_create(xrefs, batch_size=_BATCH)
        ProgressRecord.objects.bulk_create(progress, batch_size=_BATCH)
        self.result.progress_added = len(progress)

    def _warnings(self, placed: list[_Placed]) -> None:
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
            for name in self.kept_shared
        ]
        for i, w in enumerate(rows, start=1):
            w.order = i
        ImportWarning.objects.bulk_create(rows, batch_size=_BATCH)
        # Counted as `parse` lists them: an action's note that the plan's list repeats is one.
        self.result.warnings = len(all_warnings(self.doc))


def plans_using(model: type[models.Model], ids: Iterable[int]) -> dict[int, set[int]]:
    """For rows of `model` (parties, bodies), the plans that use each: through every row of
    any model that points at it (a plan's people, an action's leads, a membership, a
    reminder, an indicator's owner...) and belongs to a plan, found by its foreign keys."""
    using: dict[int, set[int]] = defaultdict(set)
    for rel in model._meta.get_fields(include_hidden=True):
        if not (rel.auto_created and not rel.concrete and (rel.one_to_many or rel.one_to_one)):
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


def _dated(d: ix.Milestone | ix.Reporting) -> dict:
    return {
        "text": d.text,
        "due": d.due,
        "start": d.start,
        "precision": d.precision or "",
        "frequency": d.frequency or "",
    }
