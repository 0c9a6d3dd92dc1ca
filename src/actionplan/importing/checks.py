"""Checks on what the pipeline read: dates that cannot be right, and cross-references that
probably name the wrong recommendation. Each finding is a warning, never a refusal."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable

from actionplan.interchange import Action, Recommendation

# The pipeline's warn(message, *, rec=..., action=..., text=..., where=...).
Warn = Callable[..., None]


def check_dates(action: Action, rec: str, start: dt.date | None, warn: Warn) -> None:
    """Reports due before the plan starts, and an action with no date at all."""
    latest_milestone = max((m.due for m in action.milestones if m.due), default=None)
    for report in action.reporting:
        if report.due and start and report.due < start:
            detail = (
                f"; the action's milestone is {latest_milestone:%B %Y}"
                if latest_milestone and latest_milestone > report.due
                else ""
            )
            warn(
                f"a report is due {report.due:%B %Y}, before the plan starts ({start:%B %Y}){detail}",
                rec=rec,
                action=action.ref,
                text=report.text,
            )
    if (
        not any(m.due for m in action.milestones)
        and not any(r.due for r in action.reporting)
        and not action.due
    ):
        warn(
            "the action has no date, so it can never fall due or become overdue",
            rec=rec,
            action=action.ref,
            text=action.text[:100],
        )


def check_cross_references(recs: list[Recommendation], warn: Warn) -> None:
    """A reference whose words fit another recommendation far better than the one it
    names is probably a slip ('under Recommendation 6.0' where 5.0 is meant)."""
    profiles = {
        r.number: _words(" ".join([r.title, *(a.text for a in r.actions), *r.overview]))
        for r in recs
    }
    titles = {r.number: _words(r.title) for r in recs}
    for rec in recs:
        for action in rec.actions:
            for ref in action.cross_references:
                if ref.recommendation not in profiles:
                    warn(
                        f"refers to Recommendation {ref.recommendation}, which the plan does not have",
                        rec=rec.number,
                        action=action.ref,
                        text=ref.text,
                    )
                    continue
                words = _words(action.text) - {"recommendation", "improved", "improvement"}
                named = _overlap(words, profiles[ref.recommendation], titles[ref.recommendation])
                best_number, best = max(
                    (
                        (n, _overlap(words, p, titles[n]))
                        for n, p in profiles.items()
                        if n != rec.number
                    ),
                    key=lambda x: x[1],
                )
                if best_number != ref.recommendation and best >= 2 * max(named, 0.5) and best >= 2:
                    warn(
                        f"refers to Recommendation {ref.recommendation} ({_short(profiles, recs, ref.recommendation)}) "
                        f"but its words fit Recommendation {best_number} ({_short(profiles, recs, best_number)})",
                        rec=rec.number,
                        action=action.ref,
                        text=action.text[:160],
                    )


_STOP = frozenset(
    """a an and are as at be by for from in is it of on or that the this to under with will which
    their its into all any been being can has have more not other such than these those through
    using was were""".split()  # noqa: SIM905
)


def _words(text: str) -> set[str]:
    return {w[:6] for w in re.findall(r"[a-z]{3,}", text.casefold()) if w not in _STOP}


def _overlap(words: set[str], profile: set[str], title: set[str]) -> float:
    return len(words & profile) + len(words & title)


def _short(profiles, recs, number) -> str:
    rec = next(r for r in recs if r.number == number)
    return " ".join(rec.title.split()[:8]) + ("..." if len(rec.title.split()) > 8 else "")
