"""What re-importing a plan would change: the stored plan and the new file, both as
PlanDocuments, compared the way storing matches them (plans/services.py): recommendations
by number, actions by key within their recommendation. Pure Python, no Django.

Only what a person reads in the plan is compared: progress in the file is added to the
stored progress, never replaces it, so it is not a change here."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field

from actionplan.core.wording import long_date
from actionplan.interchange.model import Action, PlanDocument, Recommendation


def action_keys(actions: list[Action]) -> list[str]:
    """Each action's identity within its recommendation: its ref when no other action of the
    recommendation shares it, else its position ("#3")."""
    counts = Counter(a.ref for a in actions if a.ref)
    return [
        a.ref if a.ref and counts[a.ref] == 1 and not a.ref.startswith("#") else f"#{i}"
        for i, a in enumerate(actions, start=1)
    ]


@dataclass(frozen=True)
class Change:
    field: str  # as a person would name it: "Lead", "End date"
    before: str
    after: str


@dataclass(frozen=True)
class Item:
    """A recommendation or action added, changed or removed; `changes` only when changed."""

    recommendation: str  # its number
    key: str  # the action's key; "" for a recommendation
    text: str  # its title or text, as the file (or, when removed, the plan) has it
    changes: tuple[Change, ...] = ()

    @property
    def label(self) -> str:
        if not self.key:
            return f"Recommendation {self.recommendation}"
        shown = self.key if not self.key.startswith("#") else f"action {self.key}"
        return f"{self.recommendation}: {shown}"


@dataclass
class Difference:
    plan: list[Change] = field(default_factory=list)
    recommendations_added: list[Item] = field(default_factory=list)
    recommendations_changed: list[Item] = field(default_factory=list)
    recommendations_removed: list[Item] = field(default_factory=list)
    actions_added: list[Item] = field(default_factory=list)
    actions_changed: list[Item] = field(default_factory=list)
    actions_removed: list[Item] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not any(getattr(self, f) for f in self.__dataclass_fields__)

    def lines(self) -> list[str]:
        """The difference as plain text, one line each, for the command line."""
        out = [
            f"  plan: {c.field}: {c.before or '(none)'} -> {c.after or '(none)'}" for c in self.plan
        ]
        for heading, items in (
            ("added", self.recommendations_added + self.actions_added),
            ("changed", self.recommendations_changed + self.actions_changed),
            ("removed", self.recommendations_removed + self.actions_removed),
        ):
            for item in items:
                out.append(f"  {heading}: {item.label}: {_short(item.text)}")
                out += [
                    f"    {c.field}: {_short(c.before) or '(none)'} -> {_short(c.after) or '(none)'}"
                    for c in item.changes
                ]
        return out or ["  no changes to the plan, its recommendations or actions"]


def _short(text: str, width: int = 70) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def _date(d: dt.date | None) -> str:
    return long_date(d)


def _parties(parties) -> str:
    return "; ".join(p.name for p in parties)


def _dated(items) -> str:
    return "; ".join(
        " ".join(filter(None, [i.text, f"({_date(i.due)})" if i.due else ""])) for i in items
    )


def _compare(pairs: list[tuple[str, str, str]]) -> tuple[Change, ...]:
    return tuple(Change(name, before, after) for name, before, after in pairs if before != after)


def _action_fields(a: Action) -> list[tuple[str, str]]:
    return [
        ("Text", a.text),
        ("Parent", a.parent_ref or ""),
        ("Lead", _parties(a.leads)),
        ("Partners", _parties(a.partners)),
        ("Resources", a.resources),
        ("Milestones", _dated(a.milestones)),
        ("Reporting", _dated(a.reporting)),
        ("End date", _date(a.due)),
        ("Part", a.part or ""),
        ("Phase", a.phase or ""),
        ("Success criteria", a.success_criteria),
        ("Steps", "; ".join(a.steps)),
        ("Objective", a.objective or ""),
    ]


def _recommendation_fields(r: Recommendation, timescales: dict[str, str]) -> list[tuple[str, str]]:
    return [
        ("Title", r.title),
        ("Timescale", timescales.get(r.timescale or "", r.timescale or "")),
        ("Overall responsibility", _parties(r.overall_responsibility)),
        ("Objectives", "; ".join(f"{o.number} {o.title}" for o in r.objectives)),
    ]


def difference(
    before: PlanDocument, after: PlanDocument, *, before_keys: dict[str, list[str]] | None = None
) -> Difference:
    """What storing `after` over the plan stored as `before` would change. `before_keys`: the
    stored actions' keys by recommendation number, in the order of `before`'s actions (a
    stored key can differ from the one its ref gives now); by default they are worked out
    as for `after`."""
    diff = Difference()
    diff.plan = list(
        _compare(
            [
                ("Title", before.plan.title, after.plan.title),
                ("Start", _date(before.plan.period.start), _date(after.plan.period.start)),
                ("End", _date(before.plan.period.end), _date(after.plan.period.end)),
                ("Lead body", before.plan.lead_body, after.plan.lead_body),
            ]
        )
    )
    scales_before = {t.key: t.label for t in before.plan.timescales}
    scales_after = {t.key: t.label for t in after.plan.timescales}
    stored = {r.number: r for r in before.recommendations}
    for r in after.recommendations:
        old = stored.pop(r.number, None)
        if old is None:
            diff.recommendations_added.append(Item(r.number, "", r.title))
            diff.actions_added += [
                Item(r.number, k, a.text)
                for a, k in zip(r.actions, action_keys(r.actions), strict=True)
            ]
            continue
        changes = _compare(
            [
                (name, b, a)
                for (name, b), (_, a) in zip(
                    _recommendation_fields(old, scales_before),
                    _recommendation_fields(r, scales_after),
                    strict=True,
                )
            ]
        )
        if changes:
            diff.recommendations_changed.append(Item(r.number, "", r.title, changes))
        keys = (before_keys or {}).get(old.number) or action_keys(old.actions)
        old_actions = dict(zip(keys, old.actions, strict=True))
        for a, key in zip(r.actions, action_keys(r.actions), strict=True):
            was = old_actions.pop(key, None)
            if was is None:
                diff.actions_added.append(Item(r.number, key, a.text))
                continue
            changes = _compare(
                [
                    (name, b, n)
                    for (name, b), (_, n) in zip(
                        _action_fields(was), _action_fields(a), strict=True
                    )
                ]
            )
            if changes:
                diff.actions_changed.append(Item(r.number, key, a.text, changes))
        diff.actions_removed += [Item(r.number, k, a.text) for k, a in old_actions.items()]
    for old in stored.values():
        diff.recommendations_removed.append(Item(old.number, "", old.title))
        keys = (before_keys or {}).get(old.number) or action_keys(old.actions)
        diff.actions_removed += [
            Item(old.number, k, a.text) for k, a in zip(keys, old.actions, strict=True)
        ]
    return diff
