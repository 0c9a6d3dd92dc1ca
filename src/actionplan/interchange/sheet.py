"""The one-row-per-action spreadsheet actionplan exports (.xlsx and CSV), and reading it back
whole (docs/adr/0034-exports-come-back-whole.md). Pure Python.

The visible columns are the plan as councils lay it out. The last column carries, packed,
what those columns cannot show (who is a person and who a role, milestone dates, every
progress record, the covering report...): the plan on the first row, each recommendation on
its first row, each action on its row. Reading the file back starts from what is packed and
takes from the visible cells whatever someone changed in the spreadsheet, so a re-import
loses nothing and keeps the spreadsheet's edits. A row added in the spreadsheet has no
packed data: it is read from its cells alone, with a warning for what that guesses.
"""

from __future__ import annotations

import base64
import datetime as dt
import json
import zlib
from collections.abc import Sequence

from pydantic import ValidationError

from actionplan.interchange.model import (
    Action,
    Milestone,
    Party,
    PartyKind,
    PlanDocument,
    Progress,
    Recommendation,
    Reporting,
    Source,
    Warning,
)

DATA = "actionplan data (do not edit)"
VISIBLE = [
    "Rec No",
    "Recommendation",
    "Timescale",
    "Ref",
    "Parent ref",
    "Key action",
    "Resources",
    "Lead officer",
    "Key partners",
    "Milestones",
    "Reporting process",
    "Progress",
    "Status",
    "RAG",
    "Progress date",
    "Objective",
    "Success criteria",
    "Steps",
    "Overall responsibility",
]
HEADERS = [*VISIBLE, DATA]

STATUS_LABELS = {
    "not_started": "Not started",
    "on_track": "On track",
    "at_risk": "At risk",
    "off_track": "Off track",
    "completed_awaiting_sign_off": "Completed - awaiting sign-off",
    "complete": "Complete",
    "closed_not_completed": "Closed - not completed",
}
_PREFIX = "AP1:"
# What one cell may unpack to: far more than any action's JSON, and a bound on a file made
# to unpack to gigabytes (a compressed cell can grow a thousandfold).
MAX_UNPACKED = 4_000_000


def latest_progress(action: Action) -> Progress | None:
    """The most recent progress record: the latest date, and of equal dates the last given."""
    if not action.progress:
        return None
    dated = list(enumerate(action.progress))
    return max(dated, key=lambda ip: (ip[1].as_at or dt.date.min, ip[0]))[1]


def pack(data: dict) -> str:
    """`data` as one short line of text: JSON, compressed (a spreadsheet cell holds 32,767
    characters), in base64, so that no spreadsheet takes it for a number or a formula."""
    raw = json.dumps(data, separators=(",", ":"), ensure_ascii=False).encode()
    return _PREFIX + base64.b64encode(zlib.compress(raw, 9)).decode("ascii")


def unpack(text: str) -> dict | None:
    """What `pack` was given; None for anything else."""
    text = text.strip()
    if not text.startswith(_PREFIX):
        return None
    try:
        inflate = zlib.decompressobj()
        raw = inflate.decompress(
            base64.b64decode(text[len(_PREFIX) :], validate=True), MAX_UNPACKED
        )
        if inflate.unconsumed_tail:
            return None
        data = json.loads(raw)
    except (ValueError, zlib.error):
        return None
    return data if isinstance(data, dict) else None


def _names(parties: list[Party]) -> str:
    return "; ".join(p.name for p in parties)


def visible(doc: PlanDocument, rec: Recommendation, a: Action | None) -> list:
    """One row's visible cells, in VISIBLE's order (dates as dates)."""
    labels = {t.key: t.label for t in doc.plan.timescales}
    head = [rec.number, rec.title, labels.get(rec.timescale or "", rec.timescale or "")]
    owners = _names(rec.overall_responsibility)
    if a is None:
        return [*head, *[""] * (len(VISIBLE) - len(head) - 1), owners]
    p = latest_progress(a)
    objectives = {o.number: o for o in rec.objectives}
    objective = objectives.get(a.objective or "")
    return [
        *head,
        a.ref or "",
        a.parent_ref or "",
        a.text,
        a.resources,
        _names(a.leads),
        _names(a.partners),
        "\n".join(m.text for m in a.milestones),
        # One line per reporting line: a line naming three bodies is one line.
        "\n".join(dict.fromkeys(r.text for r in a.reporting)),
        p.text if p else "",
        STATUS_LABELS.get(p.status or "", p.status or "") if p else "",
        (p.rag or "").capitalize() if p else "",
        p.as_at if p else None,
        f"{objective.number} {objective.title}" if objective else (a.objective or ""),
        a.success_criteria,
        "\n".join(a.steps),
        owners,
    ]


def rows(doc: PlanDocument) -> list[list]:
    """One row per action, in HEADERS' order; a recommendation without actions gets a row
    of its own so that it is not lost. The last cell is the row's packed data."""
    out: list[list] = []
    plan = doc.model_dump(mode="json", exclude={"recommendations"})
    for rec in doc.recommendations:
        packed_rec = rec.model_dump(mode="json", exclude={"actions"})
        for i, a in enumerate(rec.actions or [None]):
            data: dict = {"action": a.model_dump(mode="json")} if a else {}
            if i == 0:
                data["recommendation"] = packed_rec
            if not out:
                data["plan"] = plan
            out.append([*visible(doc, rec, a), pack(data)])
    if not out:
        out.append([*[""] * len(VISIBLE), pack({"plan": plan})])
    return out


def _same(cell: str, value) -> bool:
    """Whether a cell read back says what `visible` wrote, spacing aside."""
    if isinstance(value, dt.date):
        value = value.isoformat()
    elif value is None:
        value = ""
    return " ".join(cell.split()) == " ".join(str(value).split())


def _lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


def _date(text: str) -> dt.date | None:
    text = text.strip()[:10]
    for form in ("%Y-%m-%d", "%d/%m/%Y"):
        try:
            return dt.datetime.strptime(text, form).date()
        except ValueError:
            pass
    return None


def read(
    cells: Sequence[Sequence[str]],
    file: str = "",
    format: str = "",
    where: Sequence[str] | None = None,
) -> PlanDocument | None:
    """The plan in rows of cells read from an exported spreadsheet, or None when they are
    not one (no header row with the data column, or no packed plan). `where`: each row's
    place in the file, for the warnings."""
    header = next(
        (i for i, row in enumerate(cells) if DATA in [c.strip() for c in row]),
        None,
    )
    if header is None:
        return None
    return _Reader(cells, header, file, format, where).run()


class _Reader:
    def __init__(
        self,
        cells: Sequence[Sequence[str]],
        header: int,
        file: str,
        format: str,
        where: Sequence[str] | None,
    ):
        self.cells = cells
        self.where = where
        self.header = header
        self.column = {c.strip(): i for i, c in enumerate(cells[header]) if c.strip()}
        self.source = Source(file=file, format=format)
        self.warnings: list[Warning] = []
        self.recs: list[Recommendation] = []

    def cell(self, row: Sequence[str], name: str) -> str:
        i = self.column.get(name)
        return row[i] if i is not None and i < len(row) else ""

    def run(self) -> PlanDocument | None:
        doc: PlanDocument | None = None
        recs = self.recs
        for n, row in enumerate(self.cells[self.header + 1 :], start=self.header + 1):
            data = unpack(self.cell(row, DATA)) or {}
            try:
                if "plan" in data and doc is None:
                    doc = PlanDocument.model_validate({**data["plan"], "recommendations": []})
                if doc is None:
                    return None  # the packed plan comes first: without it, not an export
                rec_data = data.get("recommendation")
                packed = Action.model_validate(data["action"]) if "action" in data else None
                if rec_data is not None:
                    recs.append(Recommendation.model_validate({**rec_data, "actions": []}))
            except (ValidationError, TypeError, KeyError):
                return None
            if not packed and not rec_data and not any(c.strip() for c in row):
                continue
            where = self.where[n] if self.where else f"row {n + 1}"
            number = self.cell(row, "Rec No").strip()
            if rec_data is not None or not number:
                rec = recs[-1] if recs else self.added(number or "1", row, where)
            else:  # a row of the spreadsheet's own: its recommendation by number
                rec = next((r for r in recs if r.number == number), None) or self.added(
                    number, row, where
                )
            if rec_data is not None:  # its first row says what it is
                self.recommendation(doc, rec, row, where)
            if packed is not None:
                rec.actions.append(self.action(doc, rec, packed, row, where))
            elif self.cell(row, "Key action").strip():
                self.note(where, "an action added in the spreadsheet", number)
                added = Action(text=self.cell(row, "Key action").strip(), where=where)
                rec.actions.append(self.action(doc, rec, added, row, where, added=True))
        if doc is None:
            return None
        doc.recommendations = recs
        doc.source = self.source
        doc.warnings += self.warnings
        return doc

    def added(self, number: str, row, where: str) -> Recommendation:
        """A recommendation added in the spreadsheet."""
        rec = Recommendation(number=number, title=self.cell(row, "Recommendation"), where=where)
        self.recs.append(rec)
        self.note(where, "a recommendation added in the spreadsheet", number)
        return rec

    def note(self, where: str, message: str, recommendation: str | None = None) -> None:
        self.warnings.append(Warning(where=where, message=message, recommendation=recommendation))

    def changed(self, doc, rec, action, row, name: str) -> str | None:
        """The cell's text when it differs from what the export wrote there, else None."""
        if name not in self.column:
            return None  # a column taken out of the spreadsheet changes nothing
        text = self.cell(row, name)
        written = visible(doc, rec, action)[VISIBLE.index(name)]
        return None if _same(text, written) else text.strip()

    def recommendation(self, doc, rec: Recommendation, row, where: str) -> None:
        if (number := self.changed(doc, rec, None, row, "Rec No")) is not None and number:
            # Renumbered: storing it would retire the recommendation and make a new one.
            self.note(
                where,
                f"the spreadsheet renumbers it {number}: it keeps its number (change it in "
                "actionplan)",
                rec.number,
            )
        if (title := self.changed(doc, rec, None, row, "Recommendation")) is not None:
            rec.title = title
        if (label := self.changed(doc, rec, None, row, "Timescale")) is not None:
            keys = {t.label.casefold(): t.key for t in doc.plan.timescales}
            rec.timescale = keys.get(label.casefold())
            if label and rec.timescale is None:
                self.note(where, f"no timescale {label!r} in this plan", rec.number)
        if (owners := self.changed(doc, rec, None, row, "Overall responsibility")) is not None:
            rec.overall_responsibility = self.parties(doc, rec.overall_responsibility, owners)

    def action(self, doc, rec, a: Action, row, where: str, *, added: bool = False) -> Action:
        def changed(name: str) -> str | None:
            return self.changed(doc, rec, None if added else a, row, name)

        if (ref := changed("Ref")) is not None:
            a.ref = ref or None
        if (parent := changed("Parent ref")) is not None:
            a.parent_ref = parent or None
        if (text := changed("Key action")) is not None:
            a.text = text
        if (resources := changed("Resources")) is not None:
            a.resources = resources
        if (criteria := changed("Success criteria")) is not None:
            a.success_criteria = criteria
        if (steps := changed("Steps")) is not None:
            a.steps = _lines(steps)
        if (leads := changed("Lead officer")) is not None:
            a.leads = self.parties(doc, a.leads, leads, where, rec.number)
        if (partners := changed("Key partners")) is not None:
            a.partners = self.parties(doc, a.partners, partners, where, rec.number)
        if (milestones := changed("Milestones")) is not None:
            kept = {m.text: m for m in a.milestones}
            a.milestones = [kept.get(t) or Milestone(text=t) for t in _lines(milestones)]
            if any(t not in kept for t in _lines(milestones)):
                self.note(where, "a milestone written in the spreadsheet has no date", rec.number)
        if (reporting := changed("Reporting process")) is not None:
            lines = _lines(reporting)
            a.reporting = [r for r in a.reporting if r.text in lines] + [
                Reporting(text=t) for t in lines if t not in {r.text for r in a.reporting}
            ]
        if (objective := changed("Objective")) is not None:
            numbers = {o.number for o in rec.objectives}
            first = objective.split(" ", 1)[0] if objective else ""
            a.objective = first if first in numbers else None
            if objective and first not in numbers:
                self.note(where, f"no objective {first} in this recommendation", rec.number)
        self.progress(doc, rec, a, row, added)
        return a

    def progress(self, doc, rec, a: Action, row, added: bool) -> None:
        """A progress update written in the spreadsheet is a new progress record."""
        names = ("Progress", "Status", "RAG", "Progress date")
        if all(self.changed(doc, rec, None if added else a, row, n) is None for n in names):
            return
        text, status, rag, date = (self.cell(row, n).strip() for n in names)
        if not (text or status or rag or date):
            return
        keys = {label.lower(): key for key, label in STATUS_LABELS.items()}
        a.progress.append(
            Progress(
                as_at=_date(date),
                status=keys.get(status.lower(), status) or None,
                rag=rag.lower() or None,
                text=text,
            )
        )

    def parties(
        self, doc, before: list[Party], text: str, where: str = "", rec: str | None = None
    ) -> list[Party]:
        """The names in a cell: each a party the plan already knows by that name, or a new
        person (with a warning: it may be a role or a group)."""
        known = {p.name: p for p in before}
        for r in self.recs:
            for x in r.actions:
                for p in [*x.leads, *x.partners]:
                    known.setdefault(p.name, p)
        out = []
        for name in (n.strip() for n in text.split(";")):
            if not name:
                continue
            party = known.get(name)
            if party is None:
                party = Party(name=name, kind=PartyKind.PERSON)
                self.note(where, f"{name!r} is taken to be a person: correct it if not", rec)
            out.append(party)
        return out
