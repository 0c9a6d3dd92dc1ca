"""The common form every reader produces: rows of cells, in document order."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Row:
    """One table row, or one paragraph outside a table (a single cell, in_table False)."""

    cells: tuple[str, ...]
    where: str  # "line 57", "table 3, row 4", "sheet 'Plan', row 12"
    in_table: bool = True
    # Each cell's fill or shading as RGB hex ("FFC000"), None where uncoloured; () when the
    # format has no colour (text, csv). A RAG given only by colour is here.
    fills: tuple[str | None, ...] = ()

    def fill(self, index: int) -> str | None:
        return self.fills[index] if index < len(self.fills) else None

    @property
    def is_blank(self) -> bool:
        return not any(c.strip() for c in self.cells)


@dataclass
class Document:
    file: str
    format: str  # text, docx, xlsx, csv
    rows: list[Row] = field(default_factory=list)
