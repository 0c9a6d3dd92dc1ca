"""Text a person typed or a file carried, made safe to keep and to put into documents.
Pure Python.

`printable`: no control characters. Word writes a vertical tab (\\x0b) for a line break
inside a cell, and pasting from it carries that into a form; XML (Word files, and HTML as
WeasyPrint reads it) cannot hold it and the paper fails. Line breaks become newlines; tab,
newline and carriage return stay; the other C0 and C1 controls, lone surrogates and the two
non-characters XML refuses are dropped.
"""

from __future__ import annotations

_LINE_BREAKS = {0x0B: "\n", 0x0C: "\n", 0x85: "\n"}
_DROPPED = [
    *(c for c in range(0x20) if c not in (0x09, 0x0A, 0x0D)),
    *range(0x7F, 0xA0),
    *range(0xD800, 0xE000),
    0xFFFE,
    0xFFFF,
]
_TABLE = {**dict.fromkeys(_DROPPED), **_LINE_BREAKS}


def printable(text: str) -> str:
    return text.translate(_TABLE)
