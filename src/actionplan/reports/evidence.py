"""A paper's Annex B: the case-file audits completed and what children and families told us
in the six months to the as-at date (issue 15). Pure Python: plain frozen data, filled by
building.py from the audits' and voice's paper functions, read by the renderers.

Only aggregates, findings and unflagged quotes: no case reference, no case's text, and never
a quote flagged as suggesting a child may be at risk (voice.services.feedback_for_paper).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from actionplan.audits.paper import PaperFinding
from actionplan.voice.paper import PaperTheme, PaperYouSaid

ANNEX_B = "Annex B: case-file audits and what children and families told us"
MONTHS = 6  # the period Annex B covers, up to the as-at date: a six-monthly report's


@dataclass(frozen=True)
class GradeCount:
    grade: str
    cases: int


@dataclass(frozen=True)
class AuditSummary:
    title: str
    quarter: str
    completed: dt.date
    cases: int
    sample_size: int
    moderated: int
    good_or_better: int
    grades: tuple[GradeCount, ...]
    findings: tuple[PaperFinding, ...]


@dataclass(frozen=True)
class FeedbackResult:
    source: str  # "ViewPoint questionnaire (survey)"
    question: str
    period: str
    responses: int
    positive: str  # "82%"


@dataclass(frozen=True)
class Evidence:
    start: dt.date
    end: dt.date
    audits: tuple[AuditSummary, ...] = ()
    results: tuple[FeedbackResult, ...] = ()
    themes: tuple[PaperTheme, ...] = ()
    you_said: tuple[PaperYouSaid, ...] = ()

    @property
    def empty(self) -> bool:
        return not (self.audits or self.results or self.themes or self.you_said)
