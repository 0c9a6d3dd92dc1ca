"""Summaries of many actions' colours: for a recommendation, for a plan. Pure Python.

- counts: how many actions have each colour, in the order of the rule set's key (every
  colour of the set is listed, with 0 when no action has it);
- worst: of the colours present that have a weight, the one with the lowest weight (red
  in the default set), else None;
- score: the weighted figure, the mean weight of the actions whose colour has one (default:
  green and blue 1, amber 0.5, red 0; grey "not started" and black "closed" are counted but
  not weighed, so a plan that has barely begun is not scored as failing). None when no
  action is weighed. Shown as a percentage: 0.75 is "75%".

Overrides count with the colour they show: a roll-up says what readers of the plan see.
"""

from __future__ import annotations

import dataclasses
from collections import Counter
from collections.abc import Iterable

from actionplan.monitoring.rag import RuleSet


@dataclasses.dataclass(frozen=True)
class Rollup:
    counts: tuple[tuple[str, int], ...]
    total: int
    worst: str | None
    score: float | None

    def count(self, colour: str) -> int:
        return dict(self.counts).get(colour, 0)

    @property
    def percent(self) -> int | None:
        """The score as a whole percentage, for showing."""
        return None if self.score is None else round(self.score * 100)


def roll_up(colours: Iterable[str], rules: RuleSet) -> Rollup:
    tally = Counter(colours)
    order = rules.colours()
    # A colour the rules no longer have (an old override) still counts, after the others.
    order += sorted(c for c in tally if c not in order)
    # In key order, so that of two colours with the same weight the first in the key is worst.
    weighed = [(c, tally[c], w) for c in order if tally[c] and (w := rules.weight(c)) is not None]
    weight_total = sum(n for _, n, _ in weighed)
    score = sum(n * w for _, n, w in weighed) / weight_total if weight_total else None
    worst = min(weighed, key=lambda cnw: cnw[2])[0] if weighed else None
    return Rollup(
        counts=tuple((c, tally.get(c, 0)) for c in order),
        total=sum(tally.values()),
        worst=worst,
        score=score,
    )
