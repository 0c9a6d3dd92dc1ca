"""Files made to attack a reader: XML bombs and external entities inside real .xlsx and
.docx packages, as an attacker would upload them."""

from __future__ import annotations

import io
import re
import zipfile

import docx
import openpyxl

# The billion laughs: ten entities of ten, nine deep, a gigabyte from a few hundred bytes.
BILLION_LAUGHS = (
    '<!DOCTYPE lolz [<!ENTITY lol "lol">'
    + "".join(
        f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">'
        for i in range(1, 10)
    )
    + "]>"
)
LAUGH = "&lol9;"
# An external entity: the server's password file, or a request to another machine.
EXTERNAL = '<!DOCTYPE x [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
XXE = "&xxe;"
LEAKED = "root:x:0:0"  # what /etc/passwd would show if it were read


def _package(data: bytes, part: str, doctype: str, reference: str) -> bytes:
    """`data` (a zip package) with `doctype` declared in `part` and `reference` put into the
    part's first text element, so that reading the text expands it."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w") as dst:
        for item in src.infolist():
            content = src.read(item.filename)
            if item.filename == part:
                text = content.decode("utf-8")
                text = re.sub(r"^<\?xml[^>]*\?>\s*", "", text)
                text = re.sub(r"(<(?:\w+:)?t(?: [^>]*)?>)", rf"\1{reference}", text, count=1)
                content = ('<?xml version="1.0" encoding="UTF-8"?>' + doctype + text).encode()
            dst.writestr(item, content)
    return out.getvalue()


def _xlsx() -> bytes:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["Recommendation", "Action", "Lead officer"])
    ws.append(["1.0 Views", "Audit case files", "Judith Hay"])
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def _docx() -> bytes:
    document = docx.Document()
    document.add_paragraph("Post inspection action plan")
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text, table.cell(0, 1).text = "Action", "Lead officer"
    table.cell(1, 0).text, table.cell(1, 1).text = "Audit case files", "Judith Hay"
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def hostile_files() -> dict[str, bytes]:
    """Name -> content: each attack in each format, in the part a reader reads first for text."""
    xlsx, word = _xlsx(), _docx()
    return {
        "billion-laughs.xlsx": _package(xlsx, "xl/worksheets/sheet1.xml", BILLION_LAUGHS, LAUGH),
        "external-entity.xlsx": _package(xlsx, "xl/worksheets/sheet1.xml", EXTERNAL, XXE),
        "billion-laughs.docx": _package(word, "word/document.xml", BILLION_LAUGHS, LAUGH),
        "external-entity.docx": _package(word, "word/document.xml", EXTERNAL, XXE),
    }
