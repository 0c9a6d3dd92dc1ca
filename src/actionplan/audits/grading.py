"""Grades and answers, and what findings and indicators count from them (pure Python).

A question is answered on one of two scales: graded (outstanding, good, requires
improvement, inadequate), or yes / partly / no. Either may be "not applicable", which is
left out of every count. Every case also has an overall grade.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping

OUTSTANDING, GOOD, REQUIRES_IMPROVEMENT, INADEQUATE = (
    "outstanding",
    "good",
    "requires_improvement",
    "inadequate",
)
YES, PARTLY, NO = "yes", "partly", "no"
NOT_APPLICABLE = "n/a"

GRADE = "grade"
YES_PARTLY_NO = "yes/partly/no"
SCALES: dict[str, tuple[tuple[str, str], ...]] = {
    GRADE: (
        (OUTSTANDING, "Outstanding"),
        (GOOD, "Good"),
        (REQUIRES_IMPROVEMENT, "Requires improvement"),
        (INADEQUATE, "Inadequate"),
    ),
    YES_PARTLY_NO: ((YES, "Yes"), (PARTLY, "Partly"), (NO, "No")),
}
GRADES = tuple(key for key, _ in SCALES[GRADE])
GOOD_OR_BETTER = frozenset({OUTSTANDING, GOOD})
OVERALL = "overall"  # the key of the overall grade, beside the questions' keys

LABELS = {key: label for scale in SCALES.values() for key, label in scale}
LABELS[NOT_APPLICABLE] = "Not applicable"


def label(value: str | None) -> str:
    return LABELS.get(value or "", value or "Not answered")


def distribution(grades: Iterable[str | None]) -> dict[str, int]:
    """How many of each grade, best first (every grade listed, with 0 where none)."""
    counts = Counter(g for g in grades if g in GRADES)
    return {g: counts.get(g, 0) for g in GRADES}


def share(values: Iterable[str | None], wanted: Iterable[str]) -> tuple[int, int]:
    """(how many values are one of `wanted`, how many were answered at all): not
    applicable and unanswered are left out of both."""
    wanted = frozenset(wanted)
    answered = [v for v in values if v and v != NOT_APPLICABLE]
    return sum(v in wanted for v in answered), len(answered)


def effective(answers: Mapping[str, str], moderated: Mapping[str, str]) -> dict[str, str]:
    """The grades that count: the auditor's, with the moderator's where they changed one."""
    return {**answers, **{k: v for k, v in moderated.items() if v}}
