"""What board papers show of an audit's findings: plain frozen data (pure Python, no Django),
shared by audits.services.findings_for_paper and the papers' Annex B (reports/evidence.py)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class PaperFinding:
    kind: str  # "theme" or "learning point"
    text: str
    actions: tuple[str, ...]  # "Recommendation 4.0, action A.1: text"
