"""A plan table's data rows: the part of the walk (structure.py) that reads a row under a
header into an action, or into what the row says of its recommendation.

A row may carry its recommendation in columns of its own (a tracker with one recommendation
per row, a Recommendation column, action refs like "2.1" that number it), be an "Overall
responsibility" or "Overview" row, continue the action above (a bullet, a cell that spilled
onto a row of its own), or hold two numbered actions at once. A table with no heading of its
own that plainly starts afresh is the covering report's next recommendation.
`TableRowReader` builds on `HeadingReader`: a row starts a recommendation as a heading does.
"""

from __future__ import annotations

import dataclasses
import re

from actionplan.importing.columns import ColumnMap, Role
from actionplan.importing.dates import find_dates as find_dates_like
from actionplan.importing.headings import EXPLICIT_HEADING, HeadingReader
from actionplan.importing.numbering import Label, read_label
from actionplan.importing.readers.rows import Row
from actionplan.importing.walked import RawAction, RawRecommendation, folded, row_cells

_REF_WORD = re.compile(r"^[A-Za-z]{3,}\.?\s+(?=\d)")
# "HMIC recommends that the force should immediately: conduct a review": a lead-in that
# every recommendation repeats; the recommendation is what follows it.
_LEAD_IN = re.compile(
    r"^(?P<lead>[^:\n]{0,120}\b(?:recommends?|should|must)\b[^:\n]{0,60}:)\s*(?P<rest>\S.*)$",
    re.IGNORECASE | re.DOTALL,
)
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


class TableRowReader(HeadingReader):
    """What the walker knows that reading a table's rows needs and changes, besides what a
    heading does."""

    columns: ColumnMap | None
    table_opened: bool
    front: list[Row]

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
        action = RawAction(
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
        if shared := self._shared_row(text, values, row, action):
            rec.actions.extend(shared)
            return
        rec.actions.append(action)

    def _shared_row(self, text, values, row, whole: RawAction) -> list[RawAction]:
        """Two numbered actions in one row ("(1b) ...\n(1c) ..."), their dates and leads
        stacked in the same order: one action each, each taking its own line of a cell
        that has one line per action, and the whole of any other cell. `whole` is the row
        read as one action: each keeps its place, colours and extra columns."""
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
            out.append(dataclasses.replace(whole, label=label, cells=cells, lead_columns=[]))
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
