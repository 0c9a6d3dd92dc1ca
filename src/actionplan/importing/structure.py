"""From rows of cells to recommendations and actions, before any cell is interpreted.

Two shapes of plan are read by the same walk:
- sectioned, as in Word: a heading per recommendation ("1.0 Ensure that ..."), then a
  table whose header repeats after every page break, with LEAD BODY, "Overall
  responsibility" and "Overview" rows, bullet rows and cells that spill onto a row of
  their own;
- tabular, as in a spreadsheet: one header row, with the recommendation in a column of
  its own, in heading rows, or in the action references ("2.1").
"""

from __future__ import annotations

import re

from actionplan.importing.columns import ColumnMap, Role
from actionplan.importing.dates import find_dates as find_dates_like
from actionplan.importing.headings import (
    EXPLICIT_HEADING,
    LEAD_BODY,
    LETTERED_HEADING,
    NUMBERED_HEADING,
    NUMBERED_OBJECTIVE,
    HeadingReader,
)
from actionplan.importing.layout import Layout
from actionplan.importing.numbering import Label, read_label
from actionplan.importing.readers.rows import Document, Row
from actionplan.importing.walked import (
    RawAction,
    RawRecommendation,
    Walked,
    folded,
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
_REF_WORD = re.compile(r"^[A-Za-z]{3,}\.?\s+(?=\d)")
# "HMIC recommends that the force should immediately: conduct a review": a lead-in that
# every recommendation repeats; the recommendation is what follows it.
_LEAD_IN = re.compile(
    r"^(?P<lead>[^:\n]{0,120}\b(?:recommends?|should|must)\b[^:\n]{0,60}:)\s*(?P<rest>\S.*)$",
    re.IGNORECASE | re.DOTALL,
)
_ADDRESSEE = re.compile(r"^(?P<who>.{3,120}?)\s+(?:should|must|will)\s*:?\s*$", re.IGNORECASE)

_OVERALL = re.compile(r"^overall\s+responsibility\b[.:]?\s*(?P<rest>.*)$", re.IGNORECASE)
_OVERVIEW = re.compile(r"^overview\s*[:.-]?\s*(?P<rest>.*)$", re.IGNORECASE | re.DOTALL)
_REC_IN_COLUMN = re.compile(
    r"^(?:recommendation\s*)?(?P<number>\d{1,2})(?:\.0)?[.):]?\s+(?P<title>.+)$",
    re.IGNORECASE | re.DOTALL,
)

# Roles that describe the action itself: a row with any of these filled is an action row.
_ACTION_ROLES = {
    Role.RESOURCES,
    Role.LEADS,
    Role.PARTNERS,
    Role.DUE,
    Role.MILESTONES,
    Role.REPORTING,
    Role.PROGRESS,
    Role.STATUS,
    Role.RAG,
    Role.SUCCESS_CRITERIA,
    Role.INDICATORS,
    Role.REPORTING_DATE,
    Role.START,
    Role.EVIDENCE,
    Role.PERCENT,
    Role.PARENT_REF,
    Role.PROGRESS_DATE,
    Role.RESPONSE,
}
# Columns whose colour can carry the RAG when their text does not.
_COLOURED = {Role.RAG, Role.STATUS, Role.PROGRESS, Role.PERCENT}


class _Walker(HeadingReader):
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

    # -- table rows -----------------------------------------------------------------------

    def _get(self, cells: list[str], role: Role) -> str:
        index = self.columns.roles.get(role) if self.columns else None
        value = cells[index] if index is not None and index < len(cells) else ""
        for more in self.columns.more.get(role, ()) if self.columns else ():
            if more < len(cells) and cells[more]:
                value = f"{value}\n{cells[more]}" if value else cells[more]
        return value

    @property
    def table(self) -> ColumnMap:
        """The open table's columns: only a table's rows ask for them."""
        assert self.columns is not None
        return self.columns

    @property
    def current(self) -> RawRecommendation:
        """The recommendation being read: only asked for once one has started."""
        assert self.rec is not None
        return self.rec

    def _per_row(self) -> bool:
        """A tracker of recommendations: no action column, so each row is a recommendation
        and its response (or the recommendation itself) is its one action."""
        roles = self.columns.roles if self.columns else {}
        return Role.ACTION not in roles and Role.RECOMMENDATION in roles

    def _action_text(self, cells: list[str]) -> str:
        roles = self.table.roles
        if Role.ACTION in roles:
            return self._get(cells, Role.ACTION)
        if Role.RESPONSE in roles:
            return self._get(cells, Role.RESPONSE)
        return self._get(cells, Role.RECOMMENDATION)

    def _data_row(self, cells: list[str], row: Row) -> None:
        text = self._action_text(cells)
        if self._per_row():
            started = self._recommendation_per_row(cells, row)
            if started and Role.RESPONSE not in self.table.roles:
                text = self.current.title  # the recommendation is its own action, lead-in apart
        else:
            self._recommendation_from_columns(cells, row)
        if self.table_opened:
            self.table_opened = False
            self._maybe_unheaded(text, row)
        if self.rec is None:
            self._start("1", self._title_above(), row.where, "default")
            self.notes.append(
                (
                    row.where,
                    "no recommendation heading before the first action; its actions are put "
                    "under recommendation 1"
                    + (f", titled from the line above the table ({self.current.title!r})"
                       if self.current.title else ""),
                    text[:80],
                )
            )  # fmt: skip
        rec = self.current
        if self.pending_lead_body:
            rec.lead_bodies.append(self.pending_lead_body)
            self.pending_lead_body = None
        values = {
            role: self._get(cells, role) for role in self.table.roles if role in _ACTION_ROLES
        }
        values = {role: v for role, v in values.items() if v}
        fills = {
            role: colour
            for role, i in self.table.roles.items()
            if role in _COLOURED and (colour := row.fill(i))
        }
        periods = [
            (self.table.headers[i], cells[i] if i < len(cells) else "", row.fill(i))
            for i in self.table.periods
        ]
        coloured = bool(fills) or any(text or fill for _, text, fill in periods)
        if m := _OVERALL.match(text):
            if values.get(Role.LEADS):
                rec.owners.append(values[Role.LEADS])
            if m.group("rest").strip(" .:"):
                rec.overview.append(text)
            return
        if m := _OVERVIEW.match(text):
            if m.group("rest").strip():
                rec.overview.append(m.group("rest").strip())
            if values.get(Role.LEADS) and not rec.owners:
                rec.owners.append(values[Role.LEADS])
            for role in (Role.PARTNERS,):
                if values.get(role):
                    rec.overview.append(f"Key partners: {values[role]}")
            return
        if not text and values and rec.actions:
            last = rec.actions[-1]  # a cell that spilled onto a row of its own
            for role, value in values.items():
                last.cells[role] = f"{last.cells[role]}\n{value}" if last.cells.get(role) else value
            return
        label = self._label(text, cells)
        if (
            not values
            and not coloured
            and not self._get(cells, Role.REF)
            and label.number is None
            and not label.part
            and not label.phase
        ):
            if not rec.actions:
                rec.overview.append(text)
            else:
                last = rec.actions[-1]  # a bullet that continues the action above
                last.cells[Role.ACTION] = f"{last.cells.get(Role.ACTION, '')}\n{text}"
            return
        if not text and not values:
            return
        if label.part:
            self.part, self.phase = label.part, None
        if label.phase:
            self.phase = label.phase
        # Unmapped columns and every period column's words are kept by their header.
        extra = {
            self.table.headers[k]: cells[k]
            for k in (*self.table.unmapped, *self.table.periods)
            if k < len(cells) and cells[k]
        }
        if shared := self._shared_row(text, values, row, fills, periods, extra):
            rec.actions.extend(shared)
            return
        rec.actions.append(
            RawAction(
                label=label,
                cells={Role.ACTION: label.text, **values},
                where=row.where,
                part=self.part,
                phase=self.phase,
                extra=extra,
                fills=fills,
                periods=periods,
                objective=self.objective,
                lead_columns=[
                    (self.table.headers[i], cells[i])
                    for i in self._columns_of(Role.LEADS)
                    if i < len(cells) and cells[i]
                ],
            )
        )

    def _shared_row(self, text, values, row, fills, periods, extra) -> list[RawAction]:
        """Two numbered actions in one row ("(1b) ...\n(1c) ..."), their dates and leads
        stacked in the same order: one action each, each taking its own line of a cell
        that has one line per action, and the whole of any other cell."""
        lines = [line for line in text.split("\n") if line.strip()]
        labels = [read_label(line) for line in lines]
        if len(lines) < 2 or any(label.number is None for label in labels):
            return []
        if self._get(row.cells, Role.REF):
            return []  # a Ref column numbers the row: its lines are one action's parts
        self.notes.append(
            (
                row.where,
                f"one row holds {len(lines)} numbered actions "
                f"({', '.join(str(label.number) for label in labels)}); read as one action each",
                text[:80],
            )
        )
        out = []
        for k, label in enumerate(labels):
            cells = {Role.ACTION: label.text}
            for role, value in values.items():
                parts = [p for p in value.split("\n") if p.strip()]
                cells[role] = parts[k] if len(parts) == len(lines) else value
            out.append(
                RawAction(
                    label=label,
                    cells=cells,
                    where=row.where,
                    part=self.part,
                    phase=self.phase,
                    extra=extra,
                    fills=fills,
                    periods=periods,
                    objective=self.objective,
                )
            )
        return out

    def _columns_of(self, role: Role) -> list[int]:
        first = self.table.roles.get(role)
        return ([first] if first is not None else []) + list(self.table.more.get(role, ()))

    def _title_above(self) -> str:
        """The line just above a table that has no recommendation heading, when it is a short
        phrase and not the plan's title: the one recommendation's title, by a guess."""
        lines = [" ".join(c for c in row_cells(r) if c) for r in self.front if not r.is_blank]
        if len(lines) < 2:
            return ""
        line = lines[-1]
        if len(line) > 80 or find_dates_like(line) or line.endswith((".", ":")):
            return ""
        return line

    def _label(self, text: str, cells: list[str]) -> Label:
        label = read_label(text)
        ref = self._get(cells, Role.REF)
        if self._per_row():
            # The number is the recommendation's: its action carries it only when the action
            # is the recommendation itself, not a response to it.
            own = ref or self._get(cells, Role.RECOMMENDATION_REF)
            ref = "" if Role.RESPONSE in self.table.roles else own
        if ref:
            from_ref = read_label(f"{ref} x")
            if from_ref.number is not None:
                label.number, label.top, label.suffix = (
                    from_ref.number,
                    from_ref.top,
                    from_ref.suffix,
                )
                label.dotted, label.sub_only = from_ref.dotted, from_ref.sub_only
            # "Pledge 15" is pledge 15: the word before a number only says what it numbers.
            label.given_ref = re.sub(r"\s+", "", _REF_WORD.sub("", ref)).rstrip(".")
            label.text = text
        return label

    def _recommendation_per_row(self, cells: list[str], row: Row) -> bool:
        """Start the row's recommendation; False when the row continues the one above."""
        value = self._get(cells, Role.RECOMMENDATION)
        if not value:
            return False  # a row that continues the recommendation above (a merged cell)
        number = (
            (self._get(cells, Role.RECOMMENDATION_REF) or self._get(cells, Role.REF))
            .strip()
            .rstrip(".")
        )
        title = value
        if not number and (m := _REC_IN_COLUMN.match(value)):
            number, title = m.group("number"), m.group("title").strip()
        lead = None
        if m := _LEAD_IN.match(title):
            lead, title = m.group("lead"), m.group("rest").strip()
        if (
            self.rec is not None
            and folded(title) == folded(self.rec.title)
            and (not number or number == self.rec.number)
        ):
            return False
        rec = self._start(number or str(len(self.recs) + 1), title, row.where, "column")
        if lead:
            rec.overview.append(lead)
        return True

    def _recommendation_from_columns(self, cells: list[str], row: Row) -> None:
        value = self._get(cells, Role.RECOMMENDATION)
        ref = self._get(cells, Role.REF)
        if value:
            if self.rec is not None and folded(value) in (
                folded(self.rec.title),
                folded(f"{self.rec.number} {self.rec.title}"),
                folded(self.rec.heading_text),
            ):
                return
            m = EXPLICIT_HEADING.match(value) or _REC_IN_COLUMN.match(value)
            given = self._get(cells, Role.RECOMMENDATION_REF)
            if (
                given
                and not self._paragraph_column()
                and re.fullmatch(r"\d{1,3}(?:\.0)?\.?", given)
            ):
                number, title = given.removesuffix(".").removesuffix(".0"), value
            elif given and not self._paragraph_column() and len(given) <= 30:
                number, title = given.strip(), value  # "Requirement 1", "AR 297"
            elif m:
                number, title = m.group("number"), m.group("title").strip()
            else:
                # "1.1" is the first action of recommendation 1; "P1" numbers the row's
                # recommendation and its action alike.
                dotted = re.match(r"^(\d{1,2})\.", ref)
                plain = re.fullmatch(r"[A-Z]{1,3}\d{1,3}", ref.strip())
                number = (
                    dotted.group(1)
                    if dotted
                    else plain.group(0)
                    if plain
                    else str(len(self.recs) + 1)
                )
                title = value
            rec = self._start(number, title, row.where, "column")
            rec.heading_text = value
            para = self._get(cells, Role.RECOMMENDATION_REF)
            if para and self._paragraph_column():
                rec.overview.append(f"Inspection report paragraph {para}")
        elif Role.RECOMMENDATION not in (self.columns.roles if self.columns else {}):
            dotted = re.match(r"^(\d{1,2})\.\d", ref)
            if dotted and (
                self.rec is None
                or (self.rec.source in ("ref", "default") and self.rec.number != dotted.group(1))
            ):
                if self.rec is not None and self.rec.source == "default" and not self.rec.actions:
                    self.recs.remove(self.rec)
                self._start(dotted.group(1), "", row.where, "ref")

    def _paragraph_column(self) -> bool:
        """'Ofsted Para No' cites the inspection report; 'Rec No' numbers the recommendation."""
        index = self.columns.roles.get(Role.RECOMMENDATION_REF) if self.columns else None
        return index is not None and "para" in self.table.headers[index].casefold()

    def _maybe_unheaded(self, text: str, row: Row) -> None:
        """A table that follows another with no heading of its own continues the same
        recommendation, unless it plainly starts a new one (an Overview row, or numbering
        that starts again) and the covering report lists a recommendation the plan has not
        headed: then it is that one."""
        if self.rec is None or not self.cover_items:
            return
        label = read_label(text)
        restarts = _OVERVIEW.match(text) or label.top == 1 or label.phase == "1"
        unused = [k for k in range(len(self.cover_items)) if k not in self.cover_used]
        if not restarts or not unused:
            return
        k = self._best_cover_item(text, threshold=0) if len(unused) > 1 else unused[0]
        assert k is not None  # with threshold 0 an unused item always scores
        number = str(max((int(r.number) for r in self.recs if r.number.isdigit()), default=0) + 1)
        title = self.cover_items[k][:1].upper() + self.cover_items[k][1:]
        rec = self._start(number, title, row.where, "cover")
        self.cover_used[k] = number
        rec.notes.append(
            (
                row.where,
                f"recommendation {number} has no heading in the plan; it is the covering report's item {k + 1}",
                title,
            )
        )


def walk(doc: Document, cover_items: list[str], layout: Layout | None = None) -> Walked:
    return _Walker(doc, cover_items, layout).walk()
