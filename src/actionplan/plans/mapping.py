"""The mapping step of the web import: the header row the importer chose, and each column's
meaning with how sure it is, as a form the user may change (plain selects and radios, no
JavaScript). What it posts becomes a layout (importing.layout.Layout) kept on the pending
import; confirming saves it as the council's (plans.imports.save_layout).

One choice at a time, as the page is read top to bottom: another sheet is read afresh; another
header row is read afresh with the importer's guesses for its columns; otherwise the columns'
meanings are taken as chosen.
"""

from __future__ import annotations

from django import forms

from actionplan.core.forms import GovukForm
from actionplan.importing.columns import ColumnGuess, Role, map_columns, sample_below
from actionplan.importing.layout import Layout, signature
from actionplan.importing.readers.rows import Row
from actionplan.importing.walked import row_number, sheet_of
from actionplan.plans.imports import Reading, header_choices

_ROWS_OFFERED = 12  # rows offered as the header, besides the one chosen
_CELL = 30  # characters of each cell shown in a row's label

# What each meaning is called on the page, in the order offered.
MEANINGS: dict[Role, str] = {
    Role.ACTION: "Action (what is to be done)",
    Role.RESPONSE: "Response to the recommendation (the action, in a tracker)",
    Role.RECOMMENDATION: "Recommendation",
    Role.RECOMMENDATION_REF: "Recommendation number",
    Role.OBJECTIVE: "Objective (between recommendation and action)",
    Role.REF: "Action number",
    Role.PARENT_REF: "Number of the action it belongs to",
    Role.LEADS: "Lead",
    Role.PARTNERS: "Partners",
    Role.RESOURCES: "Resources",
    Role.START: "Start date",
    Role.DUE: "Due date",
    Role.MILESTONES: "Milestones",
    Role.REPORTING: "Reporting to",
    Role.REPORTING_DATE: "Reporting date",
    Role.PROGRESS: "Progress",
    Role.PROGRESS_DATE: "Date of the progress",
    Role.STATUS: "Status",
    Role.RAG: "RAG",
    Role.PERCENT: "Percentage complete",
    Role.EVIDENCE: "Evidence",
    Role.SUCCESS_CRITERIA: "Success criteria",
    Role.INDICATORS: "Indicators (KPIs, measures)",
    Role.PERIOD: "One of a run of period columns",
}
NOT_USED = ""  # the choice for a column kept only as extra text
_WHAT = {Role.ACTION, Role.RESPONSE, Role.RECOMMENDATION}


def _short(text: str, width: int = _CELL) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def _row_label(row: Row) -> str:
    cells = " | ".join(_short(c) for c in row.cells if c.strip())
    return f"{row.where[:1].upper()}{row.where[1:]}: {cells}"


def _sheets(rows: list[Row]) -> list[str]:
    return list(dict.fromkeys(s for r in rows if (s := sheet_of(r)) is not None))


class Shown:
    """What the page shows of a reading: the header row (an index into the document's rows)
    and its columns' guesses, the rows offered instead, the sheets."""

    def __init__(self, found: Reading):
        document = found.document
        assert document is not None  # interchange JSON has no mapping step
        rows = document.rows
        self.rows = rows
        self.sheets = _sheets(rows)
        self.header: int | None = None
        self.guesses: tuple[ColumnGuess, ...] = ()
        explained = found.explanation
        if explained is not None and explained.header_where is not None:
            self.header = next(i for i, r in enumerate(rows) if r.where == explained.header_where)
            self.guesses = explained.guesses
        elif found.layout is not None and found.layout.header_row:
            # A row the user named that has no column for what is to be done: show its
            # columns, so they can say which one is.
            self.header = self._named(found.layout)
            if self.header is not None:
                row = rows[self.header]
                forced = found.layout.forced(row.cells)
                self.guesses = map_columns(
                    row.cells, sample_below(rows, self.header), forced
                ).guesses
        sheet = found.layout.sheet if found.layout is not None else None
        choosable = [
            i
            for i in header_choices(document)
            if row_number(rows[i]) is not None and (sheet is None or sheet_of(rows[i]) == sheet)
        ]
        offered = choosable[:_ROWS_OFFERED]
        if explained is not None:
            others = {c.where for c in explained.others}
            offered += [i for i in choosable if rows[i].where in others]
        if self.header is not None:
            offered.append(self.header)
        self.offered = sorted(set(offered))

    def _named(self, layout: Layout) -> int | None:
        return next(
            (
                i
                for i, r in enumerate(self.rows)
                if row_number(r) == layout.header_row
                and (layout.sheet is None or sheet_of(r) in (None, layout.sheet))
                and not r.is_blank
            ),
            None,
        )

    @property
    def sheet(self) -> str | None:
        return sheet_of(self.rows[self.header]) if self.header is not None else None


class MappingForm(GovukForm):
    """The header row, the sheet and each column's meaning, as the page shows them."""

    shown_header = forms.CharField(widget=forms.HiddenInput, required=False)
    shown_sheet = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, shown: Shown, **kwargs):
        super().__init__(*args, **kwargs)
        self.shown = shown
        if len(shown.sheets) > 1:
            self.fields["sheet"] = forms.ChoiceField(
                label="Sheet the plan is on",
                choices=[(s, s) for s in shown.sheets],
                initial=shown.sheet,
                required=False,
                error_messages={"invalid_choice": "Choose a sheet from the list"},
            )
        self.fields["header"] = forms.ChoiceField(
            label="Row that holds the column headings",
            widget=forms.RadioSelect,
            choices=[(str(i), _row_label(shown.rows[i])) for i in shown.offered],
            initial=str(shown.header) if shown.header is not None else None,
            required=False,
            error_messages={
                "invalid_choice": "Choose the row that holds the column headings from the list",
            },
        )
        choices = [(NOT_USED, "Not used: kept as extra text")]
        choices += [(role.value, label) for role, label in MEANINGS.items()]
        for g in shown.guesses:
            if not g.header.strip():
                continue
            if g.role is None or g.role is Role.IGNORE:
                hint = "Not recognised: kept as extra text"
                if g.role is Role.IGNORE:
                    hint = "Not used, as you chose"
            else:
                hint = f"{g.confidence:.0%} sure: {g.reason}"
            self.fields[f"column_{g.index}"] = forms.ChoiceField(
                label=f"Column ‘{_short(g.header, 80)}’",
                choices=choices,
                initial=g.role.value if g.role and g.role is not Role.IGNORE else NOT_USED,
                required=False,
                help_text=hint,
                error_messages={"invalid_choice": "Choose a meaning from the list"},
            )
        self.initial.setdefault("shown_header", "" if shown.header is None else str(shown.header))
        self.initial.setdefault("shown_sheet", shown.sheet or "")

    def _changed(self, name: str, shown: str) -> bool:
        return name in self.cleaned_data and (self.cleaned_data[name] or "") != shown

    def choice(self) -> str:
        """What was changed, in the order it wins: "header", "sheet" or "columns"."""
        shown = self.shown
        if self.cleaned_data.get("header") and self._changed("header", str(shown.header)):
            return "header"
        if self._changed("sheet", shown.sheet or ""):
            return "sheet"
        return "columns"

    def clean(self):
        cleaned = super().clean()
        if self.errors:
            return cleaned
        choice = self.choice()
        if choice == "columns" and self.shown.header is None:
            self.add_error("header", "Choose the row that holds the column headings")
        elif choice == "columns":
            columns = [n for n in self.fields if n.startswith("column_")]
            if columns and not any(cleaned.get(n) in {r.value for r in _WHAT} for n in columns):
                self.add_error(
                    columns[0],
                    "Choose the column that says what is to be done: an action, a response "
                    "or a recommendation",
                )
        return cleaned

    def layout(self) -> Layout:
        """The layout the user chose (call after is_valid())."""
        shown = self.shown
        choice = self.choice()
        if choice == "sheet":
            return Layout(sheet=self.cleaned_data["sheet"])
        header = int(self.cleaned_data["header"]) if choice == "header" else shown.header
        assert header is not None  # clean() asked for one
        row = shown.rows[header]
        named = Layout(header_row=row_number(row), sheet=sheet_of(row))
        if choice == "header":
            return named  # its columns are guessed afresh, then shown to be changed
        for g in shown.guesses:
            value = self.cleaned_data.get(f"column_{g.index}")
            if value is not None:
                named.columns[g.header] = Role(value) if value else Role.IGNORE
        named.signature = signature(row.cells)
        return named
