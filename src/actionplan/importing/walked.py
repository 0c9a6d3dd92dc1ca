"""What the walk makes of a document's rows (recommendations and actions with their cells,
still uninterpreted), and the row helpers every step of the walk uses: where a row is, and
whether it is a table header."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from actionplan.importing.columns import ColumnMap, Role, is_header, map_columns, sample_below
from actionplan.importing.layout import Layout, signature
from actionplan.importing.numbering import Label
from actionplan.importing.readers.rows import Row

# A header must have a column that says what is to be done.
_WHAT = {Role.ACTION, Role.RESPONSE, Role.RECOMMENDATION}


@dataclass
class RawAction:
    label: Label
    cells: dict[Role, str]
    where: str
    part: str | None = None
    phase: str | None = None
    extra: dict[str, str] = field(default_factory=dict)
    fills: dict[Role, str] = field(default_factory=dict)  # RGB of the cells that had one
    periods: list[tuple[str, str, str | None]] = field(default_factory=list)  # header, text, fill
    objective: str | None = None
    impact: str = ""  # what its objective is for, when the plan says it beside the objective
    lead_columns: list[tuple[str, str]] = field(default_factory=list)  # (header, cell)

    def cell(self, role: Role) -> str:
        return self.cells.get(role, "")


@dataclass
class RawRecommendation:
    number: str
    title: str
    where: str
    timescale: str | None = None
    source: str = "heading"  # heading, cover, column, ref, default
    owners: list[str] = field(default_factory=list)
    overview: list[str] = field(default_factory=list)
    actions: list[RawAction] = field(default_factory=list)
    lead_bodies: list[tuple[str, str]] = field(default_factory=list)  # (value, where)
    notes: list[tuple[str, str, str]] = field(default_factory=list)  # (where, message, text)
    objectives: list[tuple[str, str, str]] = field(default_factory=list)  # number, title, where
    before_tables: bool = False  # headed in the front matter, before any plan table
    heading_text: str = ""  # the heading or cell as written ("Priority 1: ...")
    section: str = ""  # the row spanning the table above it, if any
    listed: list[str] = field(default_factory=list)  # objective numbers a summary lists under it
    impacts: dict[str, str] = field(default_factory=dict)  # objective -> "Impact: ..." beside it


@dataclass
class Walked:
    front: list[Row]
    recommendations: list[RawRecommendation]
    columns: ColumnMap | None
    notes: list[tuple[str, str, str]]  # document-level (where, message, text)
    cover_matches: dict[int, str] = field(default_factory=dict)
    headers: list[tuple[int, ColumnMap]] = field(default_factory=list)  # every header row


_ROW_NUMBER = re.compile(r"\b(?:row|line) (\d+)$")
_SHEET = re.compile(r"^sheet '(?P<name>.*)', row \d+$")
_TABLE = re.compile(r"^table (\d+), row \d+$")


def row_number(row: Row) -> int | None:
    """The row's number as its file counts it: the sheet's or the CSV's row, the text's line,
    or the row within its Word table (so a Word plan's header is row 1 of every table)."""
    m = _ROW_NUMBER.search(row.where)
    return int(m.group(1)) if m else None


def sheet_of(row: Row) -> str | None:
    m = _SHEET.match(row.where)
    return m.group("name") if m else None


def table_of(row: Row) -> str | None:
    m = _TABLE.match(row.where)
    return m.group(1) if m else None


def row_cells(row: Row) -> list[str]:
    return [c.strip() for c in row.cells]


def folded(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip().casefold()


def header_at(rows: list[Row], i: int, layout: Layout | None = None) -> ColumnMap | None:
    """The column map if row i is a table header, judged with the rows below it. A layout
    can name the header row (then no other row is one), or be recognised by its columns;
    the columns it names take the meaning it gives them."""
    row = rows[i]
    filled = [c for c in row.cells if c.strip()]
    if layout is not None:
        forced = layout.forced(row.cells)
        if layout.sheet is not None and sheet_of(row) not in (None, layout.sheet):
            # Another sheet is read only when it is laid out as the layout says.
            if not layout.fits(row.cells):
                return None
            return map_columns(row.cells, sample_below(rows, i), forced)
        if layout.header_row:  # 0: the plan has no header row (labelled paragraphs)
            recognised = bool(layout.signature) and signature(row.cells) == layout.signature
            if (row_number(row) != layout.header_row and not recognised) or not filled:
                return None
            # In a Word document every table's row N is a candidate: the layout's own
            # columns tell the plan's tables from a key or a list of names.
            if table_of(row) and len(layout.columns) >= 2 and not layout.fits(row.cells):
                return None
            columns = map_columns(row.cells, sample_below(rows, i), forced)
            # A named row is the header only if some column in it says what is to be done.
            return columns if _WHAT & columns.roles.keys() else None
        if layout.fits(row.cells):
            return map_columns(row.cells, sample_below(rows, i), forced)
    else:
        forced = {}
    # Headers are short labels; this keeps the full check off ordinary rows.
    if len(filled) < 3 or any(len(c) > 80 for c in filled):
        return None
    columns = map_columns(row.cells, sample_below(rows, i), forced)
    return columns if is_header(columns, filled) else None
