"""A plan's own RAG key: the legend that says what each colour, or each status word, means
there ("Amber 'On Track'", "Off Track | Action will not be completed" on a red fill,
"Achieved or On-Target (green), Under Control (amber)").

Councils define RAG differently, so a status word is read through the plan's key before any
general rule: in one plan "On Track" is amber, in another green.
"""

from __future__ import annotations

import re

from actionplan.importing.colours import read_colour
from actionplan.importing.readers.rows import Row
from actionplan.interchange import RagKey

_IN_WORDS = re.compile(
    r"(?P<label>[A-Z][\w/&’' -]{1,40}?)\s*\((?P<rag>red|amber|green|blue)\)", re.IGNORECASE
)
_QUOTED = re.compile(r"[‘'\"“](?P<label>[^’'\"”]{2,40})[’'\"”]")
_CUT = re.compile(r"\s+[–—-]\s+|:\s")
_MAX_CELLS = 3  # a key line is a label and a definition, not a row of the plan


def fold(text: str) -> str:
    return " ".join(text.replace("’", "'").split()).casefold().strip(" .:;")


def read_rag_key(rows: list[Row]) -> list[RagKey]:
    key: dict[str, RagKey] = {}
    for row in rows:
        filled = [(i, c.strip()) for i, c in enumerate(row.cells) if c.strip()]
        if not filled or len(filled) > _MAX_CELLS:
            continue
        line = " ".join(c for _, c in filled)
        lowered = line.casefold()
        in_words = any(f"({rag})" in lowered for rag in ("red", "amber", "green", "blue"))
        for m in _IN_WORDS.finditer(line) if in_words else ():
            label = m.group("label").strip(" ,;:")
            label = label.rsplit(":", 1)[-1].strip()
            key.setdefault(fold(label), RagKey(label=label, rag=m.group("rag").lower(), text=line))
        coloured = [(i, row.fill(i)) for i in range(len(row.fills)) if row.fill(i)]
        for i, rgb in coloured[:1]:
            reading = read_colour(rgb)
            if not reading.rag:
                continue
            own = row.cells[i].strip() if i < len(row.cells) else ""
            text = own or filled[0][1]
            label = _label(text)
            if label and len(label) <= 40:
                key.setdefault(
                    fold(label), RagKey(label=label, rag=reading.rag, colour=rgb, text=line)
                )
    return list(key.values())


def _label(text: str) -> str:
    """ "Amber ‘On Track’" -> "On Track"; "Red – up to 25% complete" -> "Red"."""
    if m := _QUOTED.search(text):
        return m.group("label").strip()
    return _CUT.split(text, maxsplit=1)[0].strip()
