"""From rows of cells to recommendations and actions, before any cell is interpreted.

Two shapes of plan are read by the same walk:
- sectioned, as in Word: a heading per recommendation ("1.0 Ensure that ..."), then a
  table whose header repeats after every page break, with LEAD BODY, "Overall
  responsibility" and "Overview" rows, bullet rows and cells that spill onto a row of
  their own;
- tabular, as in a spreadsheet: one header row, with the recommendation in a column of
  its own, in heading rows, or in the action references ("2.1").

This module holds the walk itself: where a sheet or table starts, which rows are its
header, LEAD BODY and timescale rows, and rows that span the table. Headings are read by
headings.py, a table's data rows by tablerows.py; the walker is both.
"""

from __future__ import annotations

import re

from actionplan.importing.columns import ColumnMap, Role
from actionplan.importing.headings import (
    EXPLICIT_HEADING,
    LEAD_BODY,
    LETTERED_HEADING,
    NUMBERED_HEADING,
    NUMBERED_OBJECTIVE,
)
from actionplan.importing.layout import Layout
from actionplan.importing.readers.rows import Document, Row
from actionplan.importing.tablerows import TableRowReader
from actionplan.importing.walked import (
    RawRecommendation,
    Walked,
    header_at,
    row_cells,
    sheet_of,
    table_of,
)

_TIMESCALE_SECTION = re.compile(
    r"^FOR\s+(?P<key>IMMEDIATE|SHORT|MEDIUM|LONG)(?:\s+TERM)?\s+ACTIONS?\b", re.IGNORECASE
)
_RECOMMENDATION_MARKER = re.compile(r"^(?:ofsted\s+)?recommendations?\s*:?$", re.IGNORECASE)
_IMPACT = re.compile(
    r"^(?:intended\s+)?(?:impact|outcome|success)s?\s*:\s*(?P<what>.+)$", re.I | re.DOTALL
)
_ADDRESSEE = re.compile(r"^(?P<who>.{3,120}?)\s+(?:should|must|will)\s*:?\s*$", re.IGNORECASE)


class _Walker(TableRowReader):
    def __init__(self, doc: Document, cover_items: list[str], layout: Layout | None = None):
        self.doc = doc
        self.rows = doc.rows
        self.layout = layout
        self.cover_items = cover_items
        self.cover_used: dict[int, str] = {}
        self.front: list[Row] = []
        self.recs: list[RawRecommendation] = []
        self.rec: RawRecommendation | None = None
        self.objective: str | None = None
        self.columns: ColumnMap | None = None
        self.headers: list[tuple[int, ColumnMap]] = []
        self.timescale: str | None = None
        self.heading_since_table = False
        self.table_opened = False  # the first data row of a table is still to come
        self.part: str | None = None
        self.phase: str | None = None
        self.notes: list[tuple[str, str, str]] = []
        self.pending_lead_body: tuple[str, str] | None = None
        self.grouping: list[str] = []  # headings that group recommendations ("Theme 1: ...")
        self.section: str = ""  # a row spanning a tracker's table ("Safety")
        self.addressee: str = ""  # "The YJS manager should:": owner of what follows
        self.place: tuple[str | None, str | None] = (None, None)  # (sheet, table) of the row
        self.skipping: str | None = None  # why the current sheet or table is not read

    # -- the walk -----------------------------------------------------------------------

    def walk(self) -> Walked:
        for i, row in enumerate(self.rows):
            cells = row_cells(row)
            filled = [c for c in cells if c]
            if not filled:
                continue
            self._new_place(row, i)
            first = filled[0]
            if (columns := header_at(self.rows, i, self.layout)) is not None:
                self.skipping = None
                self.headers.append((i, columns))
                self._open_table(columns)
                continue
            if self.skipping:
                continue
            if LEAD_BODY.match(first):
                self._lead_body(cells, row.where)
                continue
            if m := _TIMESCALE_SECTION.match(first):
                self.timescale = m.group("key").lower()
                continue
            if _RECOMMENDATION_MARKER.match(first) and len(filled) == 1:
                continue
            if self._spanning(filled, row, i):
                continue
            if self.columns is None:
                self.front.append(row)
                if self.rec is not None and (item := NUMBERED_OBJECTIVE.match(first)):
                    self.rec.listed.append(item.group("number"))  # a summary of the plan
                continue
            if not row.in_table and self.doc.format == "docx":
                # Text between Word tables belongs to the recommendation above them.
                if self.rec is not None:
                    self.rec.overview.append(first)
                continue
            self._data_row(cells, row)
        for rec in self.recs:
            if rec.before_tables and not rec.actions:
                self.notes.append(
                    (
                        rec.where,
                        f"{rec.number} is headed before the plan's tables but has no actions; "
                        "it is not taken as a recommendation",
                        rec.title,
                    )
                )
        self.recs = [r for r in self.recs if r.actions or not r.before_tables]
        self._number_by_section()
        walked = Walked(self.front, self.recs, self.columns, self.notes, self.cover_used)
        walked.headers = self.headers
        return walked

    def _number_by_section(self) -> None:
        """Numbering that restarts in each section of a table ("Waverley Care Home:
        Requirement 1", "Saltgreens Care Home: Requirement 1") needs the section to tell the
        recommendations apart."""
        numbers = [r.number for r in self.recs]
        if len(set(numbers)) == len(numbers) or not all(r.section for r in self.recs):
            return
        for rec in self.recs:
            short = re.split(r"\s+[–—-]\s+|:\s", rec.section, maxsplit=1)[0].strip()
            rec.number = f"{short}: {rec.number}"
        self.notes.append(
            ("", "numbering restarts in each section, so each number carries its section", "")
        )

    def _new_place(self, row: Row, i: int) -> None:
        """A new sheet, or a new Word table: one without a header row of its own that is not
        laid out like the plan's tables (a key, a list of names) is not read as actions."""
        place = (sheet_of(row), table_of(row))
        if place == self.place:
            return
        new_sheet = place[0] != self.place[0]
        self.place = place
        self.skipping = None
        if self.columns is None or header_at(self.rows, i, self.layout) is not None:
            return
        if new_sheet and place[0] is not None:
            self.skipping = f"sheet '{place[0]}' has no header row"
        elif place[1] is not None and len(row.cells) != len(self.table.headers):
            width = len(self.table.headers)
            self.skipping = (
                f"table {place[1]} has {len(row.cells)} columns, not the plan's {width}, "
                "and no header row"
            )
        if self.skipping:
            self.notes.append((row.where, f"{self.skipping}; its rows are not read as actions", ""))

    def _open_table(self, columns: ColumnMap) -> None:
        first_table = self.columns is None
        self.columns = columns
        self.table_opened = not first_table and not self.heading_since_table
        self.heading_since_table = False
        if first_table:
            for rec in self.recs:
                rec.before_tables = not rec.actions

    def _lead_body(self, cells: list[str], where: str) -> None:
        fragments = [c for c in cells[1:] if c]
        self.pending_lead_body = (
            "".join(fragments) if len(fragments) > 1 else " ".join(fragments),
            where,
        )
        if len(fragments) > 1:
            self.notes.append(
                (
                    where,
                    f"the LEAD BODY cell is split in two ({' | '.join(fragments)}); read as {''.join(fragments)!r}",
                    " ".join(fragments),
                )
            )
        if self.rec is not None and not self.table_opened and self.heading_since_table:
            self.rec.lead_bodies.append(self.pending_lead_body)
            self.pending_lead_body = None

    # -- headings -----------------------------------------------------------------------

    def _spanning(self, filled: list[str], row: Row, i: int) -> bool:
        """A heading: a paragraph, or a row whose only text (beside a note) spans the table."""
        first = filled[0]
        if len(filled) == 1 and self._heading(first, row, i):
            return True
        if self.columns is None or not row.in_table:
            return False
        action_at = self.table.roles.get(Role.ACTION, self.table.roles.get(Role.RESPONSE))
        at = row.cells.index(next(c for c in row.cells if c.strip()))
        numbered = NUMBERED_HEADING.match(first)
        if (
            numbered
            and len(filled) == 1
            and self.doc.format == "docx"
            and len(set(row.fills)) == 1
            and row.fill(0) is not None
            and len(first) <= 80
            and not first.endswith(".")
        ):
            # "1 School Improvement" in one shaded Word cell spanning the row: a section
            # heading. Every cell has the same shading; a lone action's row beside a timeline
            # has shaded and unshaded cells, and an unshaded row may be an action alone.
            self._start(
                numbered.group("number"), numbered.group("title").strip(), row.where, "heading"
            )
            return True
        if at == action_at or len(filled) > 2:
            return False
        m = EXPLICIT_HEADING.match(first) or LETTERED_HEADING.match(first)
        if len(filled) == 2 and not (m and m.groupdict().get("objective")):
            return False
        if m:  # "Sub-priority 1.2: ... | Impact: ...": the level, and a note on it
            self._explicit(m, row)
            if len(filled) == 2 and self.rec is not None:
                self.rec.overview.append(f"{m.group('number')} {filled[1]}")
                if impact := _IMPACT.match(filled[1]):
                    self.rec.impacts[m.group("number")] = impact.group("what")
            return True
        if len(first) < 3:
            return False
        if who := _ADDRESSEE.match(first):
            self.addressee = who.group("who").removeprefix("The ").strip()
            return True
        if len(filled) == 1:
            # "Safety", "Waverley Care Home – inspection report": a grouping of the rows below.
            self.section = first
            return True
        return False


def walk(doc: Document, cover_items: list[str], layout: Layout | None = None) -> Walked:
    return _Walker(doc, cover_items, layout).walk()
