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
from dataclasses import dataclass, field

from rapidfuzz import fuzz

from actionplan.importing.columns import ColumnMap, Role, find_header
from actionplan.importing.numbering import Label, read_label
from actionplan.importing.readers.rows import Document, Row

_TIMESCALE_SECTION = re.compile(
    r"^FOR\s+(?P<key>IMMEDIATE|SHORT|MEDIUM|LONG)(?:\s+TERM)?\s+ACTIONS?\b", re.IGNORECASE
)
_RECOMMENDATION_MARKER = re.compile(r"^(?:ofsted\s+)?recommendations?\s*:?$", re.IGNORECASE)
_EXPLICIT_HEADING = re.compile(
    r"^(?:recommendation|area for (?:improvement|development)|afi|priority)\s*(?:no\.?\s*)?"
    r"(?P<number>\d{1,2})(?:\.0)?\s*[:.–-]?\s*(?P<title>.*)$",
    re.IGNORECASE,
)
_NUMBERED_HEADING = re.compile(r"^(?P<number>\d{1,2})(?:\.0)?\s+(?P<title>[A-Z].{15,})$")
_PART_SUFFIX = re.compile(r"\s*[–—-]\s*(?P<part>PART\s+(?P<letter>[A-Z])\b.*)$", re.IGNORECASE)
_LEAD_BODY = re.compile(r"^lead\s+body\b", re.IGNORECASE)
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
    Role.OUTCOME,
    Role.EVIDENCE,
    Role.PERCENT,
    Role.PARENT_REF,
    Role.PROGRESS_DATE,
}


@dataclass
class RawAction:
    label: Label
    cells: dict[Role, str]
    where: str
    part: str | None = None
    phase: str | None = None
    extra: dict[str, str] = field(default_factory=dict)

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


@dataclass
class Walked:
    front: list[Row]
    recommendations: list[RawRecommendation]
    columns: ColumnMap | None
    notes: list[tuple[str, str, str]]  # document-level (where, message, text)
    cover_matches: dict[int, str] = field(default_factory=dict)


def _cells(row: Row) -> list[str]:
    return [c.strip() for c in row.cells]


def _fold(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip().casefold()


def header_at(rows: list[Row], i: int) -> ColumnMap | None:
    """The column map if row i is a table header, judged with the rows below it."""
    filled = [c for c in rows[i].cells if c.strip()]
    # Headers are short labels; this keeps the full check off ordinary rows.
    if len(filled) < 3 or any(len(c) > 80 for c in filled):
        return None
    found = find_header(rows, start=i, limit=1)
    return found[1] if found else None


class _Walker:
    def __init__(self, doc: Document, cover_items: list[str]):
        self.doc = doc
        self.rows = doc.rows
        self.cover_items = cover_items
        self.cover_used: dict[int, str] = {}
        self.front: list[Row] = []
        self.recs: list[RawRecommendation] = []
        self.rec: RawRecommendation | None = None
        self.columns: ColumnMap | None = None
        self.timescale: str | None = None
        self.heading_since_table = False
        self.table_opened = False  # the first data row of a table is still to come
        self.part: str | None = None
        self.phase: str | None = None
        self.notes: list[tuple[str, str, str]] = []
        self.pending_lead_body: tuple[str, str] | None = None

    # -- the walk -----------------------------------------------------------------------

    def walk(self) -> Walked:
        for i, row in enumerate(self.rows):
            cells = _cells(row)
            filled = [c for c in cells if c]
            if not filled:
                continue
            first = filled[0]
            if (columns := header_at(self.rows, i)) is not None:
                self._open_table(columns)
                continue
            if _LEAD_BODY.match(first):
                self._lead_body(cells, row.where)
                continue
            if m := _TIMESCALE_SECTION.match(first):
                self.timescale = m.group("key").lower()
                continue
            if _RECOMMENDATION_MARKER.match(first) and len(filled) == 1:
                continue
            if len(filled) == 1 and self._heading(first, row, i):
                continue
            if self.columns is None:
                self.front.append(row)
                continue
            self._data_row(cells, row)
        return Walked(self.front, self.recs, self.columns, self.notes, self.cover_used)

    def _open_table(self, columns: ColumnMap) -> None:
        first_table = self.columns is None
        self.columns = columns
        self.table_opened = not first_table and not self.heading_since_table
        self.heading_since_table = False

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

    def _heading(self, text: str, row: Row, i: int) -> bool:
        explicit = _EXPLICIT_HEADING.match(text)
        numbered = None if explicit else _NUMBERED_HEADING.match(text)
        if numbered and not (
            (not row.in_table or self.doc.format != "text") and self._table_follows(i)
        ):
            return False
        if not explicit and not numbered:
            return False
        m = explicit or numbered
        number, title = m.group("number"), m.group("title").strip()
        part = None
        if p := _PART_SUFFIX.search(title):
            part = p.group("letter").upper()
            title = title[: p.start()].strip()
        self.heading_since_table = True
        if self.rec is not None and self.rec.number == number:
            if fuzz.token_set_ratio(_fold(title), _fold(self.rec.title)) < 80:
                self.rec.notes.append(
                    (
                        row.where,
                        f"the heading repeats number {number} with a different title",
                        title,
                    )
                )
            if part:
                self.part = part
            return True
        self._start(number, title, row.where, "heading")
        if part:
            self.part = part
        return True

    def _table_follows(self, i: int) -> bool:
        seen = 0
        for j in range(i + 1, len(self.rows)):
            cells = _cells(self.rows[j])
            if not any(cells):
                continue
            if _LEAD_BODY.match(cells[0]) or header_at(self.rows, j) is not None:
                return True
            seen += 1
            if seen >= 3:
                return False
        return False

    def _start(self, number: str, title: str, where: str, source: str) -> RawRecommendation:
        rec = RawRecommendation(
            number=number, title=title, where=where, timescale=self.timescale, source=source
        )
        if self.pending_lead_body:
            rec.lead_bodies.append(self.pending_lead_body)
            self.pending_lead_body = None
        self.recs.append(rec)
        self.rec = rec
        self.part = self.phase = None
        if source in ("heading", "column") and self.cover_items:
            best = self._best_cover_item(title)
            if best is not None:
                self.cover_used[best] = number
        return rec

    def _best_cover_item(self, text: str, threshold: int = 70) -> int | None:
        scored = [
            (fuzz.token_set_ratio(_fold(text), _fold(item)), k)
            for k, item in enumerate(self.cover_items)
            if k not in self.cover_used
        ]
        best = max(scored, default=(0, None))
        return best[1] if best[0] >= threshold else None

    # -- table rows -----------------------------------------------------------------------

    def _get(self, cells: list[str], role: Role) -> str:
        index = self.columns.roles.get(role) if self.columns else None
        return cells[index] if index is not None and index < len(cells) else ""

    def _data_row(self, cells: list[str], row: Row) -> None:
        text = self._get(cells, Role.ACTION)
        self._recommendation_from_columns(cells, row)
        if self.table_opened:
            self.table_opened = False
            self._maybe_unheaded(text, row)
        if self.rec is None:
            self._start("1", "", row.where, "default")
            self.notes.append(
                (
                    row.where,
                    "no recommendation heading before the first action; its actions are put under recommendation 1",
                    text[:80],
                )
            )
        rec = self.rec
        if self.pending_lead_body:
            rec.lead_bodies.append(self.pending_lead_body)
            self.pending_lead_body = None
        values = {
            role: self._get(cells, role) for role in self.columns.roles if role in _ACTION_ROLES
        }
        values = {role: v for role, v in values.items() if v}
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
        extra = {
            self.columns.headers[k]: cells[k]
            for k in self.columns.unmapped
            if k < len(cells) and cells[k]
        }
        rec.actions.append(
            RawAction(
                label=label,
                cells={Role.ACTION: label.text, **values},
                where=row.where,
                part=self.part,
                phase=self.phase,
                extra=extra,
            )
        )

    def _label(self, text: str, cells: list[str]) -> Label:
        label = read_label(text)
        ref = self._get(cells, Role.REF)
        if ref:
            from_ref = read_label(f"{ref} x")
            if from_ref.number is not None:
                label.number, label.top, label.suffix = (
                    from_ref.number,
                    from_ref.top,
                    from_ref.suffix,
                )
                label.dotted, label.sub_only = from_ref.dotted, from_ref.sub_only
            label.given_ref = re.sub(r"\s+", "", ref)
            label.text = text
        return label

    def _recommendation_from_columns(self, cells: list[str], row: Row) -> None:
        value = self._get(cells, Role.RECOMMENDATION)
        ref = self._get(cells, Role.REF)
        if value:
            if self.rec is not None and _fold(value) in (
                _fold(self.rec.title),
                _fold(f"{self.rec.number} {self.rec.title}"),
            ):
                return
            m = _REC_IN_COLUMN.match(value)
            given = self._get(cells, Role.RECOMMENDATION_REF)
            if given and not self._paragraph_column() and re.fullmatch(r"\d{1,3}(?:\.0)?", given):
                number, title = given.removesuffix(".0"), value  # "Rec No | Recommendation"
            elif m:
                number, title = m.group("number"), m.group("title").strip()
            else:
                dotted = re.match(r"^(\d{1,2})\.", ref)
                number = dotted.group(1) if dotted else str(len(self.recs) + 1)
                title = value
            rec = self._start(number, title, row.where, "column")
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
        return index is not None and "para" in self.columns.headers[index].casefold()

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


def walk(doc: Document, cover_items: list[str]) -> Walked:
    return _Walker(doc, cover_items).walk()
