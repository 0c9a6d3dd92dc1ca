"""Rows read a column at a time: a batch of rows as columns, each column's distinct cells
found once, and the values read from them spread back over the rows that have them (numpy
arrays, which the garbage collector does not walk). reader.py reads every list this way.
"""

from __future__ import annotations

import math
from array import array
from collections.abc import Iterable, Sequence
from itertools import chain, count
from typing import cast

import numpy as np

from . import cells
from .lists import Kind


def empty_values(kind: Kind) -> array | np.ndarray:
    if kind in (Kind.DATE, Kind.COUNT):
        return array("i")
    if kind is Kind.NUMBER:
        return array("d")
    return np.empty(0, dtype=object)  # TEXT


def blank_values(kind: Kind, n: int) -> array | np.ndarray:
    if kind in (Kind.DATE, Kind.COUNT):
        return array("i", [cells.BLANK]) * n
    if kind is Kind.NUMBER:
        return array("d", [math.nan]) * n
    return np.full(n, None, dtype=object)


NUMBERS = frozenset({bool, int, float})
TEXT = frozenset({Kind.ID, Kind.ANSWER, Kind.CODE, Kind.TEXT})  # kept in object arrays
_RAGGED = 64  # how far past the header a row may run before it is cut back to it


def is_blank(cell: object) -> bool:
    return cell is None or (isinstance(cell, str) and not cell.strip())


class Columns:
    """A batch of rows as columns of cells, each column's distinct cells found once.

    Rows shorter than the header are blank at their end. A row running far past the
    header is cut back to it first: what is past it only says whether the row is blank."""

    def __init__(self, rows: list[Sequence[object]], width: int):
        self.n = len(rows)
        self.beyond: np.ndarray | None = None
        lengths = set(map(len, rows))
        if max(lengths) > 2 * width + _RAGGED:
            past = (not all(map(is_blank, row[width:])) for row in rows)
            self.beyond = np.fromiter(past, bool, self.n)
            rows = [row[:width] for row in rows]
            lengths = set(map(len, rows))
        longest = max(lengths)
        if len(lengths) > 1:
            rows = [
                row if len(row) == longest else [*row, *[None] * (longest - len(row))]
                for row in rows
            ]
        # One pass over the rows, then each column a strided slice: far kinder to the
        # cache than walking every row once per column.
        flat = list(chain.from_iterable(rows))
        self.cells: list[Sequence] = [flat[col::longest] for col in range(longest)]
        self.cells += [(None,) * self.n] * (width - longest)
        self._factors: dict[int, tuple[list, np.ndarray]] = {}
        self._kept: np.ndarray | None = None
        self._all_kept = True

    def kept(self, first: Iterable[int] = ()) -> np.ndarray:
        """The indices of the rows that are not blank: a row is blank when every cell in
        it is. The columns in `first`, read anyway, are looked at before the others."""
        blank = np.ones(self.n, bool) if self.beyond is None else ~self.beyond
        order = chain(first, range(len(self.cells)))
        for col in order:
            if not blank.any():
                break
            distinct, codes = self._factor(col)
            blank &= np.fromiter(map(is_blank, distinct), bool, len(distinct))[codes]
        self._kept = np.flatnonzero(~blank)
        self._all_kept = len(self._kept) == self.n
        return self._kept

    def kept_cells(self, col: int) -> Sequence[object]:
        cells = self.cells[col]
        if self._all_kept or self._kept is None:  # None: kept() not yet asked, nothing left out
            return cells
        return list(map(cells.__getitem__, self._kept.tolist()))

    def distinct(self, col: int) -> tuple[list, np.ndarray]:
        """The column's distinct cells, and for each kept row the index of its cell."""
        distinct, codes = self._factor(col)
        return distinct, codes if self._all_kept else codes[self._kept]

    def _factor(self, col: int) -> tuple[list, np.ndarray]:
        if col not in self._factors:
            self._factors[col] = _factorise(self.cells[col])
        return self._factors[col]


def _factorise(cells: Sequence[object]) -> tuple[list, np.ndarray]:
    """(distinct cells, the index of each cell among them), in one pass over the cells."""
    index, first = _first_places(cells)
    if any(type(cell) in NUMBERS for cell in index) and (
        len(NUMBERS.intersection(map(type, cells))) > 1
    ):
        # 1, 1.0 and True are one dict key but are read apart: key them by type too.
        index, first = _first_places(list(zip(map(type, cells), cells, strict=True)))
        distinct = [cell for _, cell in index]
    else:
        distinct = list(index)
    # Each cell's code is the place its value first came; number those places 0, 1, 2...
    places = np.fromiter(index.values(), np.intp, len(index))
    dense = np.empty(len(cells), np.intp)
    dense[places] = np.arange(len(places))
    return distinct, dense[first]


def _first_places(keys: Sequence[object]) -> tuple[dict, np.ndarray]:
    """{key: the place it first comes}, and for each key that place: dict.setdefault
    does both in one pass."""
    index: dict = {}
    first = np.fromiter(map(index.setdefault, keys, count()), np.intp, len(keys))
    return index, first


def spread(values: list, codes: np.ndarray, kind: Kind) -> np.ndarray:
    """Each distinct cell's value, given to every row that has that cell."""
    if kind in (Kind.DATE, Kind.COUNT):
        return np.array(values, dtype=np.int32)[codes]
    if kind is Kind.NUMBER:
        return np.array(values, dtype=np.float64)[codes]
    return objects(values)[codes]


def objects(values: list) -> np.ndarray:
    """A list of text (or None) as an object array, item for item."""
    objects = np.empty(len(values), dtype=object)
    objects[:] = values
    return objects


def joined(chunks: list[np.ndarray]) -> np.ndarray:
    return np.concatenate(chunks) if chunks else np.empty(0, dtype=object)


def read_ids(column: Sequence[object]) -> list[str | None]:
    """cells.read_id over a column; text alone (all a CSV file has) without a Python
    step per cell: trimmed, and None where that leaves nothing."""
    try:
        # cast: tried as text; a cell that is not makes str.strip raise TypeError, below.
        ids: list = list(map(str.strip, cast("Sequence[str]", column)))
    except TypeError:  # not all text
        return list(map(cells.read_id, column))
    for i in positions(ids, ""):
        ids[i] = None
    return ids


def positions(values: list, item: object) -> list[int]:
    """Where `item` is in `values`, found by list.index rather than a step per value."""
    found, i = [], -1
    try:
        while True:
            i = values.index(item, i + 1)
            found.append(i)
    except ValueError:
        return found
