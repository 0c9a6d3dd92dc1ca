"""A layout: what a person told the importer about one kind of plan file.

    {"signature": "ref|action|lead|due date|progress|rag",
     "sheet": "Tracker", "header_row": 4,
     "columns": {"AR No.": "recommendation_ref", "Management Response": "response"}}

The signature is the header row's normalised cells, so a layout saved from one month's
tracker is found again for the next month's. Every key is optional: a layout may only force
the header row, or only say what one column means. Columns are matched by their header text
(normalised, so "Lead officer" matches "Lead Officer"); the importer guesses the rest.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from .columns import Role, normalise

# Words a person may use for a meaning, besides its own name.
_ALIASES = {
    "lead": Role.LEADS,
    "owner": Role.LEADS,
    "partner": Role.PARTNERS,
    "date": Role.DUE,
    "due_date": Role.DUE,
    "milestone": Role.MILESTONES,
    "kpi": Role.INDICATORS,
    "kpis": Role.INDICATORS,
    "indicator": Role.INDICATORS,
    "measure": Role.INDICATORS,
    "success": Role.SUCCESS_CRITERIA,
    "outcome": Role.SUCCESS_CRITERIA,
    "impact": Role.SUCCESS_CRITERIA,
    "rec": Role.RECOMMENDATION,
    "rec_ref": Role.RECOMMENDATION_REF,
    "recommendation_number": Role.RECOMMENDATION_REF,
    "number": Role.REF,
    "update": Role.PROGRESS,
    "comments": Role.PROGRESS,
    "none": Role.IGNORE,
    "skip": Role.IGNORE,
}


class LayoutError(ValueError):
    """A layout or a --column that cannot be used; the message says what is wrong."""


def meaning(word: str) -> Role:
    """A meaning as a person writes it ('lead', 'KPI', 'success criteria') as a Role."""
    key = re.sub(r"[\s-]+", "_", word.strip().casefold())
    if key in _ALIASES:
        return _ALIASES[key]
    try:
        return Role(key)
    except ValueError:
        known = ", ".join(sorted(r.value for r in Role))
        raise LayoutError(f"{word!r} is not a column meaning; use one of: {known}") from None


def signature(cells: Iterable[str]) -> str:
    return "|".join(n for c in cells if (n := normalise(c)))


@dataclass
class Layout:
    columns: dict[str, Role] = field(default_factory=dict)  # header as written -> meaning
    header_row: int | None = None  # as the file numbers it: sheet or csv row, Word table row
    sheet: str | None = None
    signature: str = ""

    def forced(self, header: Sequence[str]) -> dict[int, Role]:
        """Column index -> meaning, for the columns of `header` this layout names."""
        wanted = {normalise(h): role for h, role in self.columns.items()}
        return {i: wanted[n] for i, h in enumerate(header) if (n := normalise(h)) in wanted}

    def fits(self, header: Sequence[str]) -> bool:
        """Whether a row is this layout's header: its signature, or most of its columns."""
        if self.signature and signature(header) == self.signature:
            return True
        named = {normalise(h) for h in self.columns}
        if len(named) < 2:
            return False
        present = named & {normalise(h) for h in header}
        return len(present) * 5 >= len(named) * 3

    def merged(self, other: Layout) -> Layout:
        """This layout with `other`'s settings on top (the command line over a file)."""
        return Layout(
            columns={**self.columns, **other.columns},
            header_row=other.header_row if other.header_row is not None else self.header_row,
            sheet=other.sheet or self.sheet,
            signature=other.signature or self.signature,
        )

    def to_json(self) -> str:
        data = {
            "signature": self.signature,
            "sheet": self.sheet,
            "header_row": self.header_row,
            "columns": {h: role.value for h, role in self.columns.items()},
        }
        return json.dumps(data, indent=2, ensure_ascii=False) + "\n"

    @classmethod
    def from_json(cls, text: str | bytes, name: str = "the layout") -> Layout:
        try:
            data = json.loads(text)
        except ValueError as e:
            raise LayoutError(f"{name} is not JSON ({e})") from None
        if not isinstance(data, dict):
            raise LayoutError(f"{name} must be a JSON object")
        unknown = set(data) - {"signature", "sheet", "header_row", "columns"}
        if unknown:
            raise LayoutError(f"{name} has unknown keys: {', '.join(sorted(unknown))}")
        row = data.get("header_row")
        if row is not None and (not isinstance(row, int) or isinstance(row, bool) or row < 0):
            raise LayoutError(f"{name}: header_row must be a row number")
        columns = data.get("columns") or {}
        if not isinstance(columns, dict):
            raise LayoutError(f"{name}: columns must map each header to a meaning")
        sheet = data.get("sheet")
        return cls(
            columns={str(h): meaning(str(m)) for h, m in columns.items()},
            header_row=row,
            sheet=str(sheet) if sheet else None,
            signature=str(data.get("signature") or ""),
        )

    @classmethod
    def from_options(
        cls, columns: Sequence[str] = (), header_row: int | None = None, sheet: str | None = None
    ) -> Layout:
        """From the command line: --column "Responsibility=lead", --header-row, --sheet."""
        mapped: dict[str, Role] = {}
        for option in columns:
            header, equals, word = option.rpartition("=")
            if not equals or not header.strip():
                raise LayoutError(f"--column {option!r}: write it as 'Header=meaning'")
            mapped[header.strip()] = meaning(word)
        return cls(columns=mapped, header_row=header_row, sheet=sheet)
