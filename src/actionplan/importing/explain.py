"""Why the importer read a file as it did: the header row it chose (and the others it could
have chosen), and for each column its meaning, how sure it is and which words decided.

`actionplan parse FILE --explain` prints this; `--save-layout` writes `layout_used`, which
`--layout` (or a later import of the same kind of file) takes back.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .columns import ColumnGuess, map_columns, sample_below
from .layout import Layout, signature
from .readers.rows import Document
from .walked import header_at, row_number, sheet_of

_OTHERS = 3  # other candidate header rows shown


@dataclass
class Candidate:
    where: str
    meanings: int  # how many of its cells read as a column meaning
    cells: tuple[str, ...]


@dataclass
class Explanation:
    header_where: str | None
    header_cells: tuple[str, ...] = ()
    guesses: tuple[ColumnGuess, ...] = ()
    others: list[Candidate] = field(default_factory=list)
    layout: Layout = field(default_factory=Layout)

    def text(self) -> str:
        if self.header_where is None:
            return "No header row found.\n"
        out = [f"Header row: {self.header_where}"]
        for g in self.guesses:
            meaning = g.role.value if g.role else "(not used: kept as extra text)"
            out.append(f"  {_short(g.header)!r:34} -> {meaning:18} {g.confidence:.0%}  {g.reason}")
        if self.others:
            out.append("Other rows that could be the header:")
            out += [
                f"  {c.where}: {c.meanings} column meanings ({' | '.join(_short(x) for x in c.cells if x.strip())})"
                for c in self.others
            ]
        out.append(
            "Change a meaning with --column 'HEADER=MEANING', the row with --header-row N, "
            "and keep the result with --save-layout FILE.json."
        )
        return "\n".join(out) + "\n"


def _short(text: str, width: int = 30) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def explain(doc: Document, layout: Layout | None = None) -> Explanation:
    rows = doc.rows
    chosen = next((i for i in range(len(rows)) if header_at(rows, i, layout) is not None), None)
    others = []
    for i, row in enumerate(rows):
        filled = [c for c in row.cells if c.strip()]
        if i == chosen or len(filled) < 2 or any(len(c) > 80 for c in filled):
            continue
        columns = map_columns(row.cells, sample_below(rows, i))
        meanings = sum(g.role is not None for g in columns.guesses)
        if meanings >= 2 and meanings * 2 >= len(filled):
            others.append(Candidate(row.where, meanings, row.cells))
    others.sort(key=lambda c: -c.meanings)
    if chosen is None:
        return Explanation(None, others=others[:_OTHERS])
    header = header_at(rows, chosen, layout)
    assert header is not None  # chosen is the first row header_at reads
    columns = header
    row = rows[chosen]
    used = Layout(
        columns={g.header: g.role for g in columns.guesses if g.role is not None},
        header_row=row_number(row),
        sheet=sheet_of(row),
        signature=signature(row.cells),
    )
    same = [c for c in others if c.cells == row.cells]  # a header repeated after page breaks
    return Explanation(
        header_where=row.where,
        header_cells=row.cells,
        guesses=columns.guesses,
        others=[c for c in others if c not in same][:_OTHERS],
        layout=used,
    )


_SHOWN_ROWS = 8  # rows shown when no header is found


def no_header_problem(doc: Document, layout: Layout | None = None) -> str:
    """What to say when no row reads as a header: the first rows, to pick one from."""
    sheet = layout.sheet if layout is not None else None
    shown = [
        r for r in doc.rows if not r.is_blank and (sheet is None or sheet_of(r) in (None, sheet))
    ][:_SHOWN_ROWS]
    lines = [
        f"  {r.where}: " + " | ".join(c.strip()[:30] for c in r.cells if c.strip()) for r in shown
    ]
    asked = ""
    if layout is not None and layout.header_row:
        where = f"row {layout.header_row}" + (f" of sheet {sheet!r}" if sheet else "")
        asked = f" ({where} is missing, or names no action, response or recommendation)"
    return (
        f"no table header found{asked}: a plan needs a header row naming at least the action "
        "(or the recommendation), its lead and its date (for example 'Action | Lead officer | "
        "Due date'). Its first rows are:\n" + "\n".join(lines) + "\nName the header row with "
        "--header-row N (and --sheet NAME in a workbook; in a Word document N counts the rows "
        "of each table)."
    )
