"""Word .docx files: paragraphs and table rows in the order a reader meets them."""

from __future__ import annotations

import io
import re
from collections.abc import Callable, Iterator

import docx
from lxml.etree import _Element

from .colour import WORD_THEME_NAMES, plain_rgb, theme_colours, tinted
from .packages import Budget
from .rows import Document, Row
from .text import clean

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
P, TBL, TR, TC, T = W + "p", W + "tbl", W + "tr", W + "tc", W + "t"
# Containers that only wrap paragraphs, tables, rows or cells: content controls, custom XML.
_WRAPPERS = {W + "sdt", W + "sdtContent", W + "customXml"}
# Inside a paragraph: properties, deleted text, field codes, and drawings (text boxes would
# otherwise be glued into the paragraph around them, twice over with their VML fallback).
_SKIP = {W + t for t in ("pPr", "rPr", "del", "moveFrom", "instrText", "drawing", "pict", "object")}
_SKIP.add(MC + "AlternateContent")
_MAX_SPAN = 63  # Word's column limit; a larger gridSpan is damage, not a table

ParagraphText = Callable[[_Element], str]


def read_docx(data: bytes, file: str, budget: Budget) -> Document:
    document = docx.Document(io.BytesIO(data))
    budget.check_time()
    paragraphs = _Paragraphs(document)
    shading = _Shading(document)
    doc = Document(file=file, format="docx")
    p = t = 0
    for block in _children(document.element.body, {P, TBL}):
        if block.tag == P:
            p += 1  # empty paragraphs count too, so "paragraph N" matches Word
            text = paragraphs.text(block)
            if text.strip():
                budget.take(1)
                doc.rows.append(Row((text,), where=f"paragraph {p}", in_table=False))
        else:
            t += 1
            rows = _table_rows(block, paragraphs.text, shading.fill)
            for r, (cells, fills) in enumerate(rows, start=1):
                budget.take(len(cells))
                doc.rows.append(Row(tuple(cells), where=f"table {t}, row {r}", fills=tuple(fills)))
    return doc  # a document of paragraphs alone may still be a plan (importing/labelled.py)


def _children(element: _Element, tags: set[str]) -> Iterator[_Element]:
    for child in element:
        if child.tag in tags:
            yield child
        elif child.tag in _WRAPPERS:
            yield from _children(child, tags)


def _table_rows(
    table: _Element, paragraph_text: ParagraphText, fill: Callable[[_Element], str | None]
) -> Iterator[tuple[list[str], list[str | None]]]:
    """Each row as one string per grid column, so every row lines up with the header row,
    with each cell's shading beside it.

    A cell spanning columns is given once, then "" for the other columns it covers. A cell
    merged down over rows repeats its text in each, as python-docx does: a lead officer or a
    date merged over three actions belongs to each of them.
    """
    above: dict[int, str] = {}  # grid column -> text of the cell that starts there
    for tr in _children(table, {TR}):
        cells = [""] * _number(tr, "w:trPr/w:gridBefore", 0)
        fills: list[str | None] = [None] * len(cells)
        for tc in _children(tr, {TC}):
            column, span = len(cells), _number(tc, "w:tcPr/w:gridSpan", 1)
            merge = tc.find(f"{W}tcPr/{W}vMerge")
            if merge is not None and merge.get(W + "val", "continue") == "continue":
                text = above.get(column, "")
            else:
                text = above[column] = _cell_text(tc, paragraph_text, fill)
            cells += [text] + [""] * (span - 1)
            fills += [fill(tc)] * span
        after = _number(tr, "w:trPr/w:gridAfter", 0)
        yield cells + [""] * after, fills + [None] * after


def _cell_text(
    tc: _Element, paragraph_text: ParagraphText, fill: Callable[[_Element], str | None]
) -> str:
    parts = []
    for block in _children(tc, {P, TBL}):
        if block.tag == P:
            parts.append(paragraph_text(block))
        else:  # a nested table: its rows as lines, its cells separated by " | "
            rows = _table_rows(block, paragraph_text, fill)
            parts.extend(" | ".join(c for c in cells if c.strip()) for cells, _ in rows)
    # Word ends every cell with a paragraph, often an empty one: trim those blank lines.
    return "\n".join(parts).strip("\n")


def _run_text(element: _Element, out: list[str]) -> None:
    for child in element:
        tag = child.tag
        if tag == T:
            out.append(child.text or "")
        elif tag in (W + "tab", W + "ptab"):
            out.append("\t")
        elif tag in (W + "br", W + "cr"):
            out.append("" if child.get(W + "type") == "page" else "\n")
        elif tag == W + "noBreakHyphen":
            out.append("-")
        elif tag not in _SKIP:
            _run_text(child, out)  # runs, hyperlinks, inserted text, fields, smart tags


def _val(element: _Element, path: str) -> str | None:
    found = element.find(path.replace("w:", W))
    return None if found is None else found.get(W + "val")


def _int(value: str | None, default: int) -> int:
    try:
        return int(value) if value else default
    except ValueError:
        return default


def _number(element: _Element, path: str, default: int) -> int:
    return max(0, min(_int(_val(element, path), default), _MAX_SPAN))


class _Shading:
    """A cell's shading (w:shd) as RGB: its theme colour with tint or shade when it names
    one (Word recomputes the fill from the theme), else its fill; None when clear or auto."""

    def __init__(self, document: docx.document.Document):
        theme = next(
            (
                part.blob
                for part in document.part.package.iter_parts()
                if part.partname.startswith("/word/theme/")
            ),
            None,
        )
        self.theme = theme_colours(theme)

    def fill(self, tc: _Element) -> str | None:
        shd = tc.find(f"{W}tcPr/{W}shd")
        if shd is None:
            return None
        name = shd.get(W + "themeFill")
        base = self.theme.get(WORD_THEME_NAMES.get(name or "", name or ""))
        if base is None:
            return plain_rgb(shd.get(W + "fill"))
        # themeFillTint "99" keeps 0x99/255 of the colour and lightens the rest.
        if tint := _hex_byte(shd.get(W + "themeFillTint")):
            return tinted(base, 1 - tint / 255)
        if shade := _hex_byte(shd.get(W + "themeFillShade")):
            return tinted(base, shade / 255 - 1)
        return base


def _hex_byte(value: str | None) -> int | None:
    try:
        return int(value, 16) if value else None
    except ValueError:
        return None


class _Paragraphs:
    """Paragraph text as Word shows it, with the automatic list numbers python-docx leaves out.

    List counters run per abstract list, as in Word; a list instance with a start override
    restarts them when first used. Decimal, letter and roman levels are rendered ("1. ",
    "2.1 ", "(a) "), bullets as "• "; other formats get no prefix.
    """

    def __init__(self, document: docx.document.Document):
        # A list's abstract numbering id and a level's suffix may be absent (None).
        self.levels: dict[tuple[str | None, int], tuple[str, str, int, str | None]] = {}
        self.lists: dict[str, tuple[str | None, dict[int, int]]] = {}
        self.counts: dict[str | None, dict[int, int]] = {}
        self.started: set[str] = set()
        try:
            root = document.part.numbering_part.element
        except (KeyError, NotImplementedError):  # no numbering part: nothing is numbered
            root = None
        for abstract in root.iterfind(f"{W}abstractNum") if root is not None else ():
            for lvl in abstract.iterfind(f"{W}lvl"):
                key = (abstract.get(W + "abstractNumId"), _int(lvl.get(W + "ilvl"), 0))
                fmt, text = _val(lvl, "w:numFmt") or "decimal", _val(lvl, "w:lvlText") or ""
                self.levels[key] = (fmt, text, _int(_val(lvl, "w:start"), 1), _val(lvl, "w:suff"))
        for num in root.iterfind(f"{W}num") if root is not None else ():
            overrides = {
                _int(o.get(W + "ilvl"), 0): _int(_val(o, "w:startOverride"), 1)
                for o in num.iterfind(f"{W}lvlOverride")
                if _val(o, "w:startOverride")
            }
            self.lists[num.get(W + "numId")] = (_val(num, "w:abstractNumId"), overrides)
        self.styles = {
            s.get(W + "styleId"): (
                _val(s, "w:pPr/w:numPr/w:numId"),
                _val(s, "w:pPr/w:numPr/w:ilvl"),
                _val(s, "w:basedOn"),
            )
            for s in document.styles.element.iterfind(f"{W}style")
        }

    def text(self, p: _Element) -> str:
        """A paragraph's text as Word shows it, list number included."""
        out: list[str] = []
        _run_text(p, out)
        text = clean("".join(out))
        prefix = self._prefix(p)  # counted even when empty: Word numbers empty items too
        return prefix + text if text.strip() else text

    def _prefix(self, p: _Element) -> str:
        num_id, level = _val(p, "w:pPr/w:numPr/w:numId"), _val(p, "w:pPr/w:numPr/w:ilvl")
        style = _val(p, "w:pPr/w:pStyle")
        for _ in range(10):  # list numbering inherited through the style and its bases
            if style not in self.styles or (num_id and level):
                break
            style_num, style_level, style = self.styles[style]
            num_id, level = num_id or style_num, level or style_level
        if num_id not in self.lists:  # includes numId 0, Word's "numbering removed"
            return ""
        abstract, overrides = self.lists[num_id]
        counts = self.counts.setdefault(abstract, {})
        if num_id not in self.started:
            self.started.add(num_id)
            for lvl in overrides:
                counts.pop(lvl, None)
        n = _int(level, 0)
        fmt, pattern, start, suffix = self.levels.get((abstract, n), ("decimal", "%1.", 1, None))
        counts[n] = counts[n] + 1 if n in counts else overrides.get(n, start)
        for deeper in [k for k in counts if k > n]:
            del counts[deeper]
        if fmt == "bullet":  # a bullet as a bullet: a list of steps stays a list
            return "• "
        if fmt not in _FORMATS:  # formats we do not render (ordinal, ...)
            return ""
        try:
            rendered = re.sub(r"%(\d)", lambda m: self._render(abstract, int(m[1]) - 1), pattern)
        except KeyError:  # "%2" pointing at a level in a format we do not render
            return ""
        return rendered + ("" if suffix == "nothing" or not rendered else " ")

    def _render(self, abstract: str | None, level: int) -> str:
        fmt, _, start, _ = self.levels.get((abstract, level), ("decimal", "", 1, None))
        return _FORMATS[fmt](self.counts[abstract].get(level, start))


def _letter(n: int) -> str:
    return chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1) if n > 0 else str(n)


def _roman(n: int) -> str:
    out = ""
    for value, numeral in zip(
        (1000, 900, 500, 400, 100, 90, 50, 40, 10, 9, 5, 4, 1),
        ("m", "cm", "d", "cd", "c", "xc", "l", "xl", "x", "ix", "v", "iv", "i"),
        strict=True,
    ):
        count, n = divmod(n, value)
        out += numeral * count
    return out


_FORMATS: dict[str, Callable[[int], str]] = {
    "decimal": str,
    "decimalZero": lambda n: f"{n:02d}",
    "lowerLetter": _letter,
    "upperLetter": lambda n: _letter(n).upper(),
    "lowerRoman": _roman,
    "upperRoman": lambda n: _roman(n).upper(),
}
