"""Correcting by hand what an import read: a recommendation's title, owners and timescale;
a body's names; two bodies (or two parties) that are one. Each correction is a
`Correction` (who, when, what, why); a change to the plan's structure is also saved through
the models, so its versions say the same and "as at" shows before and after
(docs/adr/0029-corrections.md).

A corrected name stays with the record as an alias, and imports match names and aliases
(plans.shared), so a re-import of the same document finds the corrected record instead of
bringing the old one back.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import cast

from django.db import IntegrityError, models, transaction
from django.db.models import ForeignObjectRel
from django.utils import timezone

from actionplan.core.errors import UserError
from actionplan.plans.models import (
    ActionParty,
    AppendOnlyError,
    Body,
    Correction,
    Party,
    Plan,
    Recommendation,
    Responsibility,
    Timescale,
)


class CorrectionError(UserError):
    """A correction that cannot be made as asked; `field` is the form field at fault."""

    def __init__(self, message: str, field: str | None = None):
        super().__init__(message)
        self.field = field


def _stamp(obj: models.Model, user, at: dt.datetime, reason: str) -> models.Model:
    """Who, when and why, for the version that saving (or deleting) `obj` records."""
    obj._history_user = user  # type: ignore[attr-defined]
    obj._history_date = at  # type: ignore[attr-defined]
    obj._change_reason = reason  # type: ignore[attr-defined]
    return obj


def required_reason(reason: str) -> str:
    reason = (reason or "").strip()
    if not reason:
        raise CorrectionError("Say why you are making this change", "reason")
    return reason


def record(
    org_id: int, plan: Plan | None, subject: str, obj, summary: str, reason: str, user, at=None
) -> Correction:
    """One correction, of `obj` (a `subject`: "body", "meeting"...), for the history."""
    return Correction.objects.create(
        organisation_id=org_id,
        plan=plan,
        subject=subject,
        object_id=obj.pk,
        summary=summary,
        reason=reason,
        user=user,
        at=at or timezone.now(),
    )


def _aliases(names: Iterable[str], *, besides: Iterable[str] = ()) -> list[str]:
    """Names once each (any case), in order, without the empty ones or those in `besides`."""
    seen = {n.strip().casefold() for n in besides if n and n.strip()}
    kept = []
    for name in names:
        name = (name or "").strip()
        if name and name.casefold() not in seen:
            seen.add(name.casefold())
            kept.append(name)
    return kept


# --- recommendations ------------------------------------------------------------------------


def edit_recommendation(
    rec: Recommendation,
    *,
    user,
    reason: str,
    title: str,
    timescale: Timescale | None,
    owners: list[Party],
    objectives: dict[int, str] | None = None,
    at: dt.datetime | None = None,
) -> Recommendation:
    """Set the recommendation's title, timescale and overall responsibility (the parties,
    in order), and the titles of its objectives (`objectives`: by id): each change saved
    with who, when and why."""
    reason = required_reason(reason)
    title = (title or "").strip()
    if not title:
        raise CorrectionError("Enter the recommendation", "title")
    if timescale is not None and timescale.plan_id != rec.plan_id:
        raise CorrectionError("Choose one of this plan’s timescales", "timescale")
    org_id = rec.plan.organisation_id
    if any(p.organisation_id != org_id for p in owners) or len(set(owners)) != len(owners):
        raise CorrectionError("Choose each of this council’s people once", "owners")
    at = at or timezone.now()
    changes = []
    with transaction.atomic():
        if rec.title != title:
            changes.append(f"title “{rec.title}” → “{title}”")
        if rec.timescale_id != (timescale.pk if timescale else None):
            before = rec.timescale.label if rec.timescale else "none"
            changes.append(f"timescale {before} → {timescale.label if timescale else 'none'}")
        if changes:
            rec.title, rec.timescale = title, timescale
            _stamp(rec, user, at, reason).save()
        rows = {r.party_id: r for r in rec.responsibilities.select_related("party")}
        wanted = [p.pk for p in owners]
        if list(rows) != wanted:
            before = ", ".join(r.party.name for r in rows.values()) or "not stated"
            changes.append(
                f"overall responsibility {before} → "
                f"{', '.join(p.name for p in owners) or 'not stated'}"
            )
        for party_id, row in rows.items():
            if party_id not in wanted:
                _stamp(row, user, at, reason).delete()
        for order, party_id in enumerate(wanted, start=1):
            row = rows.get(party_id) or Responsibility(recommendation=rec, party_id=party_id)
            if row.pk is None or row.order != order:
                row.order = order
                _stamp(row, user, at, reason).save()
        for objective in rec.objectives.filter(pk__in=list(objectives or {})):
            new = (objectives or {})[objective.pk].strip()
            if not new:
                raise CorrectionError("Enter the objective", f"objective_{objective.pk}")
            if new != objective.title:
                changes.append(f"objective {objective.number} “{objective.title}” → “{new}”")
                objective.title = new
                _stamp(objective, user, at, reason).save()
        if changes:
            what = f"Recommendation {rec.number}: " + "; ".join(changes)
            record(org_id, rec.plan, "recommendation", rec, what, reason, user, at)
    return rec


# --- bodies -----------------------------------------------------------------------------------


def edit_body(
    body: Body,
    *,
    user,
    reason: str,
    name: str,
    abbreviation: str,
    aliases: list[str],
    plan: Plan | None = None,
    at: dt.datetime | None = None,
) -> Body:
    """Set a body's full name, abbreviation and other names. A name it loses is kept as
    another name, so that an import which still writes it finds this body."""
    reason = required_reason(reason)
    name, abbreviation = (name or "").strip(), (abbreviation or "").strip()
    if not name:
        raise CorrectionError("Enter the body’s full name", "name")
    clash = Body.objects.filter(organisation_id=body.organisation_id, name=name)
    if clash.exclude(pk=body.pk).exists():
        raise CorrectionError(
            f"Another body is called {name}: merge the two instead of renaming", "name"
        )
    lost = [body.name] if body.name != name else []
    if body.abbreviation and body.abbreviation not in (name, abbreviation):
        lost.append(body.abbreviation)
    kept = _aliases([*aliases, *lost], besides=[name])
    before = (body.name, body.abbreviation, body.aliases)
    if (name, abbreviation, kept) == before:
        return body
    at = at or timezone.now()
    with transaction.atomic():
        body.name, body.abbreviation, body.aliases = name, abbreviation, kept
        body.save(update_fields=["name", "abbreviation", "aliases"])
        summary = (
            f"{_body_label(*before[:2])} → {_body_label(name, abbreviation)}; "
            f"other names: {', '.join(kept) or 'none'}"
        )
        record(body.organisation_id, plan, "body", body, summary, reason, user, at)
    return body


def _body_label(name: str, abbreviation: str) -> str:
    return f"{name} ({abbreviation})" if abbreviation else name


def merge_bodies(
    survivor: Body,
    merged: Body,
    *,
    user,
    reason: str,
    plan: Plan | None = None,
    at: dt.datetime | None = None,
) -> Body:
    """Make `merged` part of `survivor`: everything that points at it (reporting lines,
    meetings, papers, the plans that name it) points at the survivor, and its names become
    the survivor's other names. Then it is deleted, with nothing left pointing at it."""
    reason = required_reason(reason)
    if merged.pk == survivor.pk or merged.organisation_id != survivor.organisation_id:
        raise CorrectionError("Choose another body of the same council", "other")
    at = at or timezone.now()
    with transaction.atomic():
        label = _body_label(merged.name, merged.abbreviation)
        _repoint(merged, survivor, user, at, reason)
        survivor.aliases = _aliases(
            [*survivor.aliases, merged.name, merged.abbreviation, *merged.aliases],
            besides=[survivor.name, survivor.abbreviation],
        )
        survivor.save(update_fields=["aliases"])
        merged.delete()
        summary = f"{label} merged into {_body_label(survivor.name, survivor.abbreviation)}"
        record(survivor.organisation_id, plan, "body", survivor, summary, reason, user, at)
    return survivor


# --- moving what points at one record to another ----------------------------------------------


def _pointers(model: type[models.Model]):
    """Every foreign key (or one-to-one) of any model, an M2M's own table included, that
    points at `model`."""
    for rel in model._meta.get_fields(include_hidden=True):
        if isinstance(rel, ForeignObjectRel) and (rel.one_to_many or rel.one_to_one):
            yield rel.related_model, rel.field


def _repoint(old: models.Model, new: models.Model, user, at: dt.datetime, reason: str) -> None:
    """Point every row that points at `old` at `new`, through the models (so versioned rows
    record the change with who and why). A row that would then repeat one of `new`'s (a plan
    naming the body twice, the body's two meetings on one day) is merged into that one, the
    same way, so that nothing pointing at either is lost."""
    for model, field in _pointers(type(old)):
        for row in model._base_manager.filter(**{field.attname: old.pk}):
            twin = _twin(row, field, new)
            if twin is not None:
                _repoint(row, twin, user, at, reason)
                _stamp(row, user, at, reason)
                model._base_manager.filter(pk=row.pk).delete()
                continue
            setattr(row, field.attname, new.pk)
            try:
                with transaction.atomic():
                    _stamp(row, user, at, reason).save(update_fields=[field.name])
            except AppendOnlyError:
                # A record kept as written (an update, an issued paper) still says what it
                # said; only its pointer moves to the record it was always about.
                model._base_manager.filter(pk=row.pk).update(**{field.attname: new.pk})
            except IntegrityError:
                raise CorrectionError(
                    f"Could not move a {model._meta.verbose_name} to {new}: nothing was changed"
                ) from None


def _twin(row: models.Model, field, new: models.Model) -> models.Model | None:
    """The row of `new` that `row` would duplicate under one of its model's unique rules."""
    model = type(row)
    rules = [list(u) for u in model._meta.unique_together]
    rules += [
        list(c.fields)
        for c in model._meta.constraints
        if isinstance(c, models.UniqueConstraint) and c.fields and c.condition is None
    ]
    if field.unique:
        rules.append([field.name])
    for fields in rules:
        if field.name not in fields:
            continue
        match = {field.attname: new.pk}
        for name in fields:
            if name != field.name:
                # A unique rule names concrete fields only, never a reverse relation.
                attname = cast(models.Field, model._meta.get_field(name)).attname
                match[attname] = getattr(row, attname)
        twin = model._base_manager.filter(**match).exclude(pk=row.pk).first()
        if twin is not None:
            return twin
    return None


# --- people and organisations -------------------------------------------------------------


def edit_party(
    party: Party,
    *,
    user,
    reason: str,
    name: str,
    kind: str,
    plan: Plan | None = None,
    at: dt.datetime | None = None,
) -> Party:
    """Rename a party, or move it between person, role, group and organisation. A name it
    loses is kept as another name, so that an import which still writes it finds it."""
    reason = required_reason(reason)
    name = (name or "").strip()
    if not name:
        raise CorrectionError("Enter the name", "name")
    if kind not in Party.Kind.values:
        raise CorrectionError(
            "Select whether it is a person, a role, a group or an organisation", "kind"
        )
    clash = Party.objects.filter(organisation_id=party.organisation_id, kind=kind, name=name)
    if clash.exclude(pk=party.pk).exists():
        raise CorrectionError(
            f"There is already a {kind} called {name}: merge the two instead", "name"
        )
    if (name, kind) == (party.name, party.kind):
        return party
    before = f"{party.name} ({party.get_kind_display()})"
    kept = _aliases([*party.aliases, party.name], besides=[name])
    with transaction.atomic():
        party.name, party.kind, party.aliases = name, kind, kept
        party.save(update_fields=["name", "kind", "aliases"])
        summary = f"{before} → {name} ({party.get_kind_display()})"
        record(party.organisation_id, plan, "party", party, summary, reason, user, at)
    return party


def merge_parties(
    survivor: Party,
    merged: Party,
    *,
    user,
    reason: str,
    plan: Plan | None = None,
    at: dt.datetime | None = None,
) -> Party:
    """Make `merged` part of `survivor`: the actions it leads or partners, the
    recommendations it owns, memberships, reminders, audits... move to the survivor, each
    once; its names become the survivor's other names; then it is deleted."""
    reason = required_reason(reason)
    if merged.pk == survivor.pk or merged.organisation_id != survivor.organisation_id:
        raise CorrectionError("Choose another person or organisation of the same council", "other")
    at = at or timezone.now()
    with transaction.atomic():
        label = f"{merged.name} ({merged.get_kind_display()})"
        _repoint(merged, survivor, user, at, reason)
        _once(ActionParty.objects.filter(party=survivor), ("action_id", "role"), user, at, reason)
        _once(
            Responsibility.objects.filter(party=survivor), ("recommendation_id",), user, at, reason
        )
        survivor.aliases = _aliases(
            [*survivor.aliases, merged.name, *merged.aliases], besides=[survivor.name]
        )
        survivor.save(update_fields=["aliases"])
        merged.delete()
        summary = f"{label} merged into {survivor.name} ({survivor.get_kind_display()})"
        record(survivor.organisation_id, plan, "party", survivor, summary, reason, user, at)
    return survivor


def _once(rows, key: tuple[str, ...], user, at: dt.datetime, reason: str) -> None:
    """Delete the rows that repeat an earlier one's `key` (the same action and role)."""
    seen = set()
    for row in rows.order_by("order", "pk"):
        k = tuple(getattr(row, f) for f in key)
        if k in seen:
            _stamp(row, user, at, reason).delete()
        seen.add(k)


def split_roles(party: Party) -> list[ActionParty | Responsibility]:
    """What `party` holds that a split shares out: its places as lead, partner or named
    party of actions, and as overall owner of recommendations, in plan order."""
    held: list[ActionParty | Responsibility] = list(
        ActionParty.objects.filter(party=party)
        .select_related("action__recommendation")
        .order_by(
            "action__recommendation__number",
            "action__recommendation_id",
            "action__order",
            "action_id",
            "role",
            "pk",
        )
    )
    held += Responsibility.objects.filter(party=party).select_related("recommendation")
    return held


def split_party(
    party: Party,
    *,
    user,
    reason: str,
    parts: list[tuple[str, str]],
    takes: dict[str, list[int]] | None = None,
    plan: Plan | None = None,
    at: dt.datetime | None = None,
) -> list[Party]:
    """Split a party an import joined ("North Yorkshire Police Harrogate NHS Foundation
    Trust") into `parts` (name, kind), in order. The party becomes the first part (or, if
    that is another party already, is merged into it); a part that is already a party is
    that party. Each action role and ownership it held goes to the parts `takes[key]`
    (indexes into `parts`; all of them if not given; key from `split_key`). Every part
    keeps the joined name as another name, so a re-import of the document gives the parts,
    not the joined party back (plans.shared)."""
    reason = required_reason(reason)
    wanted: list[tuple[str, str]] = []
    for name, kind in parts:
        name = (name or "").strip()
        if kind not in Party.Kind.values:
            raise CorrectionError(f"Select whether {name} is a person or an organisation", "parts")
        if name and (name.casefold(), kind) not in {(n.casefold(), k) for n, k in wanted}:
            wanted.append((name, kind))
    if len(wanted) < 2:
        raise CorrectionError("Enter at least two names, one a line", "parts")
    takes = takes or {}
    at = at or timezone.now()
    org_id, joined = party.organisation_id, party.name
    label = f"{joined} ({party.get_kind_display()})"
    with transaction.atomic():
        found = [
            Party.objects.filter(organisation_id=org_id, kind=kind, name=name).first()
            for name, kind in wanted
        ]
        kept = found[0] is None or found[0].pk == party.pk
        if kept:
            party.name, party.kind = wanted[0]
            found[0] = party
        news: list[Party] = []
        for (name, kind), existing in zip(wanted, found, strict=True):
            p = existing or Party.objects.create(organisation_id=org_id, kind=kind, name=name)
            p.aliases = _aliases([*p.aliases, joined, *party.aliases], besides=[p.name])
            p.save(update_fields=["name", "kind", "aliases"])
            news.append(p)
        for row in split_roles(party):
            chosen = takes.get(split_key(row), list(range(len(news))))
            if not chosen or any(not 0 <= i < len(news) for i in chosen):
                raise CorrectionError(f"Choose who takes {held_label(row)}", split_key(row))
            _share_out(row, [news[i] for i in chosen], user, at, reason)
        if not kept:
            _repoint(party, news[0], user, at, reason)
            party.delete()
        summary = f"{label} split into " + ", ".join(
            f"{p.name} ({p.get_kind_display()})" for p in news
        )
        record(org_id, plan, "party", news[0], summary, reason, user, at)
    return news


def split_key(row: ActionParty | Responsibility) -> str:
    return f"{'role' if isinstance(row, ActionParty) else 'owner'}-{row.pk}"


def held_label(row: ActionParty | Responsibility) -> str:
    if isinstance(row, ActionParty):
        action = row.action
        return f"{row.get_role_display().lower()} of action {action.ref or action.number}"
    return f"overall responsibility for recommendation {row.recommendation.number}"


def _share_out(row, chosen: list[Party], user, at: dt.datetime, reason: str) -> None:
    """Put `chosen` where `row` is among its action role's (or recommendation's) parties,
    each once and in the same place, saved through the model for the history."""
    model = type(row)
    group = (
        {"action_id": row.action_id, "role": row.role}
        if isinstance(row, ActionParty)
        else {"recommendation_id": row.recommendation_id}
    )
    siblings = list(model.objects.filter(**group).order_by("order", "pk"))
    have = {s.party_id for s in siblings if s.pk != row.pk}
    ordered: list = []
    for s in siblings:
        if s.pk != row.pk:
            ordered.append(s)
            continue
        for p in chosen:
            if p.pk in have:
                continue
            have.add(p.pk)
            if p.pk == row.party_id:
                ordered.append(row)
            else:
                ordered.append(model(**group, party=p, text=row.text, order=0))
    if row not in ordered:
        _stamp(row, user, at, reason).delete()
    for order, s in enumerate(ordered, start=1):
        if s.pk is None or s.order != order:
            s.order = order
            _stamp(s, user, at, reason).save()
