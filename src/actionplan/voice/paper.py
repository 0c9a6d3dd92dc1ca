"""What board papers show of feedback themes and "you said, we did": plain frozen data (pure
Python, no Django), shared by voice.services.feedback_for_paper and the papers' Annex B
(reports/evidence.py)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class PaperTheme:
    name: str
    summary: str
    quotes: tuple[str, ...]  # never a flagged one


@dataclass(frozen=True)
class PaperYouSaid:
    you_said: str
    we_did: str
    actions: tuple[str, ...]
