"""Text saved from Word tables: one table row per line, cells separated by tabs.

Also home to the decoding every text-based reader shares (this one and the csv reader).
"""

from __future__ import annotations

import codecs
import io

import charset_normalizer

from actionplan.core.text import printable

from .packages import Budget
from .rows import Document, Row

# Byte-order marks, longest first: UTF-32 LE starts with the UTF-16 LE mark.
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_CHUNK = 1 << 20
_GUESS_SAMPLE = 512 * 1024  # charset-normalizer is slow on whole 20 MB files; a sample decides


def has_bom(data: bytes) -> bool:
    return any(data.startswith(bom) for bom, _ in _BOMS)


def detect_encoding(data: bytes) -> str:
    """UTF-8 (with or without BOM) first, then a guess biased to Windows-1252.

    English councils' text comes from Word on Windows, so when the guesser finds Windows-1252
    as plausible as its favourite (it often prefers cp1250 for short English text), we take
    Windows-1252.
    """
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return encoding
    if _is_utf8(data):
        return "utf-8"
    matches = charset_normalizer.from_bytes(data[:_GUESS_SAMPLE])
    if not matches or any("cp1252" in m.could_be_from_charset for m in matches):
        return "cp1252"
    best = matches.best()
    assert best is not None  # there are matches
    return best.encoding


def _is_utf8(data: bytes) -> bool:
    # Chunked so a 20 MB file is checked without holding a decoded copy.
    decoder = codecs.getincrementaldecoder("utf-8")()
    view = memoryview(data)
    try:
        for start in range(0, len(view), _CHUNK):
            decoder.decode(view[start : start + _CHUNK])
        decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        return False
    return True


def open_text(data: bytes, encoding: str, *, newline: str | None = None) -> io.TextIOWrapper:
    """A streaming text view of `data`: nothing is decoded until it is read.

    errors="replace" because a guessed encoding may still meet a stray byte further on,
    and one odd character must not lose the plan.
    """
    return io.TextIOWrapper(io.BytesIO(data), encoding=encoding, errors="replace", newline=newline)


def clean(text: str) -> str:
    """What every reader does to cell text: one kind of line break, and Word's non-breaking
    spaces as plain spaces (they would otherwise defeat matching of names and headers); no
    control characters (Word's in-cell line break \x0b becomes a newline; core.text)."""
    text = printable(text.replace("\r\n", "\n").replace("\r", "\n"))
    return text.replace("\u00a0", " ").replace("\u202f", " ")


def read_text(
    data: bytes, file: str, encoding: str | None = None, budget: Budget | None = None
) -> Document:
    doc = Document(file=file, format="text")
    # newline=None turns \r\n and lone \r into \n as it reads.
    with open_text(data, encoding or detect_encoding(data)) as lines:
        for n, line in enumerate(lines, start=1):
            line = clean(line.removesuffix("\n"))
            if budget:
                budget.take(line.count("\t") + 1)
            doc.rows.append(Row(tuple(line.split("\t")), where=f"line {n}", in_table="\t" in line))
    return doc
