"""RAG ratings from rules kept as data. Pure Python: no Django.

Councils define their colours differently ("Amber = up to one month behind", "Amber =
potential cause for concern"), so a rule set is data, stored per plan, and this module
both checks it and applies it. A rule set is a list of rules in order; the first rule
whose condition holds gives an action its colour. Each rule carries the label and the
meaning shown in the key, and the weight its colour has in a roll-up (rollup.py).

    {"name": "...", "order": ["red", "amber", "green", ...], "rules": [
        {"colour": "red", "label": "Off track", "meaning": "...", "weight": 0,
         "when": {"any": [{"status": ["off_track"]}, {"days_overdue_over": 31}]}},
        ...,
        {"colour": "grey", "label": "Not started", "meaning": "...", "when": {}}]}

"order", optional, is the order colours are shown in (key, roll-up, chart): rules are
evaluated in their own order, which puts "complete" first, but people read red to blue.

Conditions (every key of a condition must hold; {} always holds):
- "status": [keys]       the latest update's status is one of these (no update at all
                         counts as not_started)
- "signed_off": bool     the completion was signed off by the improvement lead (or the
                         imported plan said complete)
- "days_overdue_over": n a milestone not met by the as-at date was due more than n days
                         before it
- "any": [conditions]    one of these holds
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections.abc import Callable

from actionplan.core.wording import long_date as _date
from actionplan.monitoring import statuses


class RuleError(ValueError):
    """A rule set that cannot be used; the message says which rule and what is wrong."""


@dataclasses.dataclass(frozen=True)
class Deadline:
    """A date an action must meet: a milestone, or the action's own end date."""

    text: str
    due: dt.date | None
    done_on: dt.date | None = None

    def open_on(self, on: dt.date) -> bool:
        return self.done_on is None or self.done_on > on


@dataclasses.dataclass(frozen=True)
class ActionState:
    """What the rules look at: the latest status, its date, sign-off and the deadlines."""

    status: str | None = None
    signed_off: bool = False
    deadlines: tuple[Deadline, ...] = ()
    updated_on: dt.date | None = None

    def most_overdue(self, on: dt.date) -> tuple[Deadline, int] | None:
        """The open deadline furthest past, and by how many days, as at `on`."""
        late = [
            (d, (on - d.due).days) for d in self.deadlines if d.due and d.due < on and d.open_on(on)
        ]
        return max(late, key=lambda dl: dl[1]) if late else None


@dataclasses.dataclass(frozen=True)
class Rule:
    colour: str
    label: str
    meaning: str
    when: dict
    weight: float | None = None

    def to_data(self) -> dict:
        return {
            "colour": self.colour,
            "label": self.label,
            "meaning": self.meaning,
            "when": self.when,
            "weight": self.weight,
        }


@dataclasses.dataclass(frozen=True)
class RuleSet:
    name: str
    rules: tuple[Rule, ...]
    order: tuple[str, ...] = ()

    def colours(self) -> list[str]:
        """Each colour once, in the order they are shown."""
        return list(dict.fromkeys([*self.order, *(r.colour for r in self.rules)]))

    def weight(self, colour: str) -> float | None:
        return next((r.weight for r in self.rules if r.colour == colour), None)

    def label(self, colour: str) -> str:
        return next((r.label for r in self.rules if r.colour == colour), colour.capitalize())

    def to_data(self) -> dict:
        data = {"name": self.name, "rules": [r.to_data() for r in self.rules]}
        return data | {"order": list(self.order)} if self.order else data


@dataclasses.dataclass(frozen=True)
class Rating:
    """An action's colour, the rule's label and why. An override carries the colour the
    rules would have given as `computed`."""

    colour: str
    label: str
    reason: str
    overridden: bool = False
    computed: Rating | None = None


@dataclasses.dataclass(frozen=True)
class KeyEntry:
    colour: str
    label: str
    meaning: str


def rate(state: ActionState, on: dt.date, rules: RuleSet) -> Rating:
    """The colour the first rule that holds gives, with the reason it holds."""
    for rule in rules.rules:
        reason = _holds(rule.when, state, on)
        if reason is not None:
            return Rating(rule.colour, rule.label, reason or _plain_reason(state))
    # parse_rules insists on a last rule that always holds; a hand-built set may not.
    raise RuleError(f"no rule of {rules.name!r} applies, and its last rule must always apply")


def overridden(computed: Rating, colour: str, reason: str, rules: RuleSet) -> Rating:
    """The rating a manual override shows: its colour and reason, and what the rules say."""
    return Rating(colour, rules.label(colour), reason, overridden=True, computed=computed)


def key(rules: RuleSet) -> list[KeyEntry]:
    """The key to show wherever RAG is shown: every rule's colour, label and meaning, in
    the order the colours are shown."""
    position = {c: i for i, c in enumerate(rules.colours())}
    ordered = sorted(rules.rules, key=lambda r: position[r.colour])
    return [KeyEntry(r.colour, r.label, r.meaning) for r in ordered]


def _days(n: int) -> str:
    return "1 day" if n == 1 else f"{n} days"


def _plain_reason(state: ActionState) -> str:
    if state.status is None:
        return "no progress update yet"
    when = f" ({_date(state.updated_on)})" if state.updated_on else ""
    return f"the latest update{when} says {statuses.label(state.status).lower()}"


def _status_holds(keys: list[str], state: ActionState, on: dt.date) -> str | None:
    if (state.status or statuses.NOT_STARTED) in keys:
        return _plain_reason(state)
    return None


def _signed_off_holds(wanted: bool, state: ActionState, on: dt.date) -> str | None:
    if state.signed_off != wanted:
        return None
    return "signed off" if wanted else "not signed off"


def _overdue_holds(days: int, state: ActionState, on: dt.date) -> str | None:
    late = state.most_overdue(on)
    if late is None or late[1] <= days:
        return None
    deadline, by = late
    return f"{deadline.text!r} was due {_date(deadline.due)}, {_days(by)} before {_date(on)}"


def _any_holds(conditions: list[dict], state: ActionState, on: dt.date) -> str | None:
    return next(
        (r for c in conditions if (r := _holds(c, state, on)) is not None),
        None,
    )


_TESTS: dict[str, Callable[..., str | None]] = {
    "status": _status_holds,
    "signed_off": _signed_off_holds,
    "days_overdue_over": _overdue_holds,
    "any": _any_holds,
}


def _holds(condition: dict, state: ActionState, on: dt.date) -> str | None:
    """None if the condition does not hold; otherwise why it does ("" for no reason)."""
    reasons = []
    for name, value in condition.items():
        reason = _TESTS[name](value, state, on)
        if reason is None:
            return None
        reasons.append(reason)
    return "; ".join(r for r in reasons if r)


_COLOUR = re.compile(r"^[a-z][a-z-]{0,19}$")
_RULE_KEYS = {"colour", "label", "meaning", "when", "weight"}


def parse_rules(data: object) -> RuleSet:
    """A rule set from its data, checked; RuleError says what is wrong and where."""
    if not isinstance(data, dict):
        raise RuleError("a rule set is an object with a name and a list of rules")
    unknown = set(data) - {"name", "rules", "order"}
    if unknown:
        raise RuleError(
            f"a rule set has a name, rules and an order, not {', '.join(sorted(unknown))}"
        )
    name = data.get("name")
    if not isinstance(name, str) or not name.strip():
        raise RuleError("the rule set needs a name")
    raw = data.get("rules")
    if not isinstance(raw, list) or not raw:
        raise RuleError("the rule set needs at least one rule")
    rules = tuple(_rule(r, i) for i, r in enumerate(raw, start=1))
    if rules[-1].when:
        raise RuleError(
            f"the last rule ({rules[-1].label}) must apply to every action (when: {{}}), "
            "so that every action gets a colour"
        )
    weights: dict[str, float | None] = {}
    for r in rules:
        if weights.setdefault(r.colour, r.weight) != r.weight:
            raise RuleError(f"every {r.colour} rule must have the same weight")
    order = data.get("order", list(weights))
    if not isinstance(order, list) or sorted(order) != sorted(weights):
        raise RuleError(f"the order must list each colour once: {', '.join(weights)}")
    return RuleSet(name.strip(), rules, tuple(order))


def _rule(raw: object, i: int) -> Rule:
    if not isinstance(raw, dict):
        raise RuleError(f"rule {i} is not an object")
    where = f"rule {i}"
    unknown = set(raw) - _RULE_KEYS
    if unknown:
        raise RuleError(f"{where}: unknown field {', '.join(sorted(unknown))}")
    colour = raw.get("colour")
    if not isinstance(colour, str) or not _COLOUR.match(colour):
        raise RuleError(f"{where}: the colour must be a lower-case word like 'amber'")
    texts = {}
    for field in ("label", "meaning"):
        value = raw.get(field)
        if not isinstance(value, str) or not value.strip():
            # A colour without a meaning is what members complain about: the key needs both.
            raise RuleError(f"{where} ({colour}): the {field} is missing")
        texts[field] = value.strip()
    weight = raw.get("weight")
    if weight is not None and (
        isinstance(weight, bool) or not isinstance(weight, int | float) or not 0 <= weight <= 1
    ):
        raise RuleError(f"{where} ({texts['label']}): the weight must be from 0 to 1, or null")
    when = raw.get("when", {})
    _check_condition(when, f"{where} ({texts['label']})")
    return Rule(colour, texts["label"], texts["meaning"], when, weight)


def _check_condition(condition: object, where: str) -> None:
    if not isinstance(condition, dict):
        raise RuleError(f"{where}: a condition is an object, e.g. {{'status': ['at_risk']}}")
    for name, value in condition.items():
        if name == "status":
            if not isinstance(value, list) or not value:
                raise RuleError(f"{where}: status takes a list of statuses")
            unknown = [v for v in value if v not in statuses.LABELS]
            if unknown:
                known = ", ".join(statuses.LABELS)
                raise RuleError(f"{where}: unknown status {unknown[0]!r} (known: {known})")
        elif name == "signed_off":
            if not isinstance(value, bool):
                raise RuleError(f"{where}: signed_off is true or false")
        elif name == "days_overdue_over":
            if isinstance(value, bool) or not isinstance(value, int) or value < 0:
                raise RuleError(f"{where}: days_overdue_over is a whole number of days, 0 or more")
        elif name == "any":
            if not isinstance(value, list) or not value:
                raise RuleError(f"{where}: any takes a list of conditions")
            for sub in value:
                _check_condition(sub, where)
        else:
            raise RuleError(f"{where}: unknown condition {name!r}")


DEFAULT_RULES = parse_rules(
    {
        "name": "actionplan default: amber up to a month late, red more than a month",
        "order": ["red", "amber", "green", "blue", "grey", "black"],
        "rules": [
            {
                "colour": "blue",
                "label": "Complete",
                "meaning": "Complete, and signed off by the improvement lead.",
                "when": {"status": [statuses.COMPLETE], "signed_off": True},
                "weight": 1,
            },
            {
                "colour": "black",
                "label": "Closed – not completed",
                "meaning": "Closed without being completed; its last update says why.",
                "when": {"status": [statuses.CLOSED]},
            },
            {
                "colour": "green",
                "label": "Completed – awaiting sign-off",
                "meaning": "The lead officer reports it complete; the improvement lead has "
                "still to sign it off.",
                "when": {"status": [statuses.AWAITING_SIGN_OFF, statuses.COMPLETE]},
                "weight": 1,
            },
            {
                "colour": "red",
                "label": "Off track",
                "meaning": "Off track, or more than a month (31 days) past a milestone "
                "that has not been met.",
                "when": {"any": [{"status": [statuses.OFF_TRACK]}, {"days_overdue_over": 31}]},
                "weight": 0,
            },
            {
                "colour": "amber",
                "label": "At risk",
                "meaning": "At risk, or up to a month (31 days) past a milestone that has "
                "not been met.",
                "when": {"any": [{"status": [statuses.AT_RISK]}, {"days_overdue_over": 0}]},
                "weight": 0.5,
            },
            {
                "colour": "green",
                "label": "On track",
                "meaning": "On track, with no milestone missed.",
                "when": {"status": [statuses.ON_TRACK]},
                "weight": 1,
            },
            {
                "colour": "grey",
                "label": "Not started",
                "meaning": "Not started, or no progress reported yet; no milestone missed.",
                "when": {},
            },
        ],
    }
)
