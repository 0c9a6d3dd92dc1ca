"""Plans written as paragraphs, not tables: each recommendation a paragraph followed by the
same labels every time ("Action Taken", then the response; "Status: In Progress"), as a
council's web page of responses is.

`as_table` turns such paragraphs into the rows of a table, with a header of the labels, so
the one walk reads them like any tracker: each record a recommendation with its response.
"""

from __future__ import annotations

import re
from collections import Counter

from .columns import header_role
from .readers.rows import Document, Row

_INLINE = re.compile(r"^(?P<label>[A-Za-z][\w /&'’-]{1,30}?)\s*:\s*(?P<value>\S.*)$", re.DOTALL)
_LONGEST_LABEL = 40
_FEWEST_RECORDS = 2


def _label(text: str) -> tuple[str, str | None] | None:
    """(label, value) when a paragraph is a label: alone ('Action Taken') with its value in
    the paragraphs after it (value None), or inline ('Status: In Progress')."""
    text = text.strip()
    if (m := _INLINE.match(text)) and header_role(m.group("label")) is not None:
        return m.group("label").strip(), m.group("value").strip()
    if len(text) <= _LONGEST_LABEL and header_role(text.rstrip(":")) is not None:
        return text.rstrip(":").strip(), None
    return None


def as_table(doc: Document) -> Document | None:
    """The document's labelled paragraphs as a table, or None when it has no such records."""
    lines = [r for r in doc.rows if not r.in_table and not r.is_blank]
    labels = [_label(r.cells[0]) for r in lines]
    counts = Counter(found[0] for found in labels if found)
    repeated = {label for label, n in counts.items() if n >= _FEWEST_RECORDS}
    if not repeated:
        return None
    order = [found[0] for found in labels if found and found[0] in repeated]
    first = order[0]  # the label that opens each record
    starts = [i for i, found in enumerate(labels) if found and found[0] == first]
    if len(starts) < _FEWEST_RECORDS or starts[0] == 0:
        return None
    columns = list(dict.fromkeys(order))
    header = Row(("Recommendation", *columns), where=f"the labels of {lines[starts[0]].where}")
    rows = [header]
    end_of_previous = starts[0] - 1
    for k, start in enumerate(starts):
        stop = starts[k + 1] - 1 if k + 1 < len(starts) else len(lines)
        title = "\n".join(r.cells[0].strip() for r in lines[end_of_previous:start])
        values: dict[str, list[str]] = {}
        current: str | None = None
        last_label = start
        for i in range(start, stop):
            label = labels[i]
            found = label if label and label[0] in repeated else None
            if found:
                current, last_label = found[0], i
                if found[1] is not None:
                    values.setdefault(current, []).append(found[1])
                    current = None  # an inline label holds its whole value
            elif current is not None:
                values.setdefault(current, []).append(lines[i].cells[0].strip())
        # Paragraphs after the record's last inline label open the next record.
        last = labels[last_label]
        assert last is not None  # a record's first line, and each it reads, has a label
        end_of_previous = last_label + 1 if last[1] is not None else stop
        cells = (title, *("\n".join(values.get(c, [])) for c in columns))
        rows.append(Row(cells, where=lines[start - 1].where if start else lines[start].where))
    front = doc.rows[: doc.rows.index(lines[starts[0] - 1])]
    return Document(file=doc.file, format=doc.format, rows=[*front, *rows])
