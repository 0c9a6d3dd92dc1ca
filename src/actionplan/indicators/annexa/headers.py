"""Finding the header row of a list and what each of its columns is.

Headers match ignoring case, spacing, quote style and a trailing "?", so "Was the child
seen alone ?" and "Number of Episodes the Child has been ‘Missing’" find their columns.
The header row is the row, among the first few, that names the most of a list's columns:
titles and notes above it are passed over.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

from .lists import LISTS, Field, ListSpec

HEADER_SEARCH_ROWS = 20
_MIN_MATCHES = 2
_QUOTES = str.maketrans(dict.fromkeys('‘’‚‛“”„‟`´′″"', "'"))
_LIST_NAME = re.compile(r"\blist\s*[-_.]?\s*([0-9]{1,2})(?![0-9])", re.IGNORECASE)


def header_key(header: object) -> str:
    text = unicodedata.normalize("NFKC", str(header)).translate(_QUOTES).casefold()
    return "".join(text.split()).rstrip("?")


_INDEX: dict[int, dict[str, Field]] = {
    n: {header_key(h): f for f in spec.fields for h in (f.header, *f.aliases)}
    for n, spec in LISTS.items()
}


def list_number_in_name(name: str) -> int | None:
    """'List 7', 'list_7.csv', 'Annex A List 7 - CP' -> 7."""
    match = _LIST_NAME.search(name)
    number = int(match.group(1)) if match else None
    return number if number in LISTS else None


@dataclass
class Header:
    row_index: int  # within the rows searched, from 0
    fields: dict[int, Field]  # column index -> the list's field
    extras: dict[int, str]  # column index -> header of a column the list does not define
    duplicates: dict[int, Field]  # a second column for a field: ignored
    written: dict[int, str]  # column index -> header as written


def find_header(rows: Sequence[Sequence[object]], spec: ListSpec) -> Header | None:
    best: tuple[int, int] | None = None  # (matches, row index)
    for i, row in enumerate(rows[:HEADER_SEARCH_ROWS]):
        matched = _matches(row, spec.number)
        if matched >= _MIN_MATCHES and (best is None or matched > best[0]):
            best = (matched, i)
    return _header(rows[best[1]], best[1], spec.number) if best else None


def guess_list(rows: Sequence[Sequence[object]]) -> int | None:
    """The list whose headers a sheet matches best, when its name does not say; None when
    two lists match equally well (their shared columns are all it has)."""
    scores = sorted(
        ((max((_matches(r, n) for r in rows[:HEADER_SEARCH_ROWS]), default=0), n) for n in LISTS),
        reverse=True,
    )
    (top, number), (second, _) = scores[0], scores[1]
    return number if top >= _MIN_MATCHES and top > second else None


def _matches(row: Sequence[object], number: int) -> int:
    index = _INDEX[number]
    return len({index[k].key for k in map(_cell_key, row) if k in index})


def _cell_key(value: object) -> str:
    return header_key(value) if isinstance(value, str) else ""


def _header(row: Sequence[object], row_index: int, number: int) -> Header:
    index = _INDEX[number]
    header = Header(row_index, {}, {}, {}, {})
    seen: set[str] = set()
    for col, value in enumerate(row):
        text = " ".join(str(value).split()) if value is not None else ""
        if not text:
            continue
        header.written[col] = text
        field = index.get(header_key(text))
        if field is None:
            header.extras[col] = text
        elif field.key in seen:
            header.duplicates[col] = field
        else:
            seen.add(field.key)
            header.fields[col] = field
    return header
