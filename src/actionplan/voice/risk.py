"""Which words in a quote suggest a child may be at risk (pure Python: no Django).

The phrases are data (data/risk_phrases.txt), matched as whole words in any case, with
curly apostrophes read as straight ones. A match does not mean a child is at risk: it means
a person should look, so the quote goes to the safeguarding contact and stays out of papers.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

PHRASES = Path(__file__).resolve().parent / "data" / "risk_phrases.txt"


@dataclass(frozen=True)
class RiskMatch:
    category: str
    phrase: str


@cache
def phrases() -> tuple[tuple[str, str, re.Pattern], ...]:
    found = []
    for line in PHRASES.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        category, _, phrase = line.partition(":")
        words = [re.escape(w) for w in phrase.split()]
        pattern = re.compile(r"(?<!\w)" + r"\s+".join(words) + r"(?!\w)", re.IGNORECASE)
        found.append((category.strip(), phrase.strip(), pattern))
    return tuple(found)


def risk_matches(text: str) -> list[RiskMatch]:
    """Each listed phrase the text contains, once, in the list's order."""
    text = text.replace("’", "'").replace("‘", "'")
    return [RiskMatch(c, p) for c, p, pattern in phrases() if pattern.search(text)]
