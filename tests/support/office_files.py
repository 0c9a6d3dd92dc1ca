"""Hand-made Office files for the attack tests: damaged, bombed and malicious workbooks and
Word documents, built from a clean one by rewriting its parts."""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from collections.abc import Callable
from functools import cache
from typing import IO

import docx
import openpyxl

CHILD_ID = "SYN7306512"  # looks like a synthetic child's id; must never be seen again
MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
SHARED_STRINGS_TYPE = (
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"
)
SHARED_STRINGS_REL = (
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings"
)

BILLION_LAUGHS = (
    '<?xml version="1.0"?>\n<!DOCTYPE lolz [<!ENTITY lol "lol">'
    + "".join(
        f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">'
        for i in range(1, 10)
    )
    + "]>\n"
)
XXE = '<?xml version="1.0"?>\n<!DOCTYPE r [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n'


def workbook(rows: list[list[object]], title: str = "List 3") -> bytes:
    """A plain workbook, its text as inline strings (as openpyxl writes it)."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = title
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def rewrite(
    data: bytes, parts: dict[str, Callable[[str], str]], extra: dict[str, bytes] | None = None
) -> bytes:
    """The zip with each named part's text changed, and extra parts added."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            content = source.read(info)
            if info.filename in parts:
                content = parts[info.filename](content.decode("utf-8")).encode("utf-8")
            target.writestr(info.filename, content)
        for name, content in (extra or {}).items():
            target.writestr(name, content)
    return out.getvalue()


def sheet_name(data: bytes) -> str:
    return next(n for n in zipfile.ZipFile(io.BytesIO(data)).namelist() if "worksheets/sheet" in n)


def cell_replaced(data: bytes, old: str, new: str) -> bytes:
    """The first sheet with the XML of one cell replaced: a damaged or crafted cell."""

    def change(xml: str) -> str:
        assert old in xml, old
        return xml.replace(old, new, 1)

    return rewrite(data, {sheet_name(data): change})


def with_shared_strings(data: bytes, write: Callable[[IO[bytes]], None]) -> bytes:
    """The workbook with a shared-strings part that `write` writes, declared as Excel
    declares it."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as target:
        for info in source.infolist():
            content = source.read(info)
            if info.filename == "[Content_Types].xml":
                override = f'<Override PartName="/xl/sharedStrings.xml" ContentType="{SHARED_STRINGS_TYPE}"/>'
                content = content.replace(b"</Types>", override.encode() + b"</Types>")
            if info.filename == "xl/_rels/workbook.xml.rels":
                rel = f'<Relationship Id="rIdS" Type="{SHARED_STRINGS_REL}" Target="sharedStrings.xml"/>'
                content = content.replace(b"</Relationships>", rel.encode() + b"</Relationships>")
            target.writestr(info, content)
        with target.open("xl/sharedStrings.xml", "w", force_zip64=True) as part:
            part.write(f'<?xml version="1.0" encoding="UTF-8"?><sst xmlns="{MAIN}">'.encode())
            write(part)
            part.write(b"</sst>")
    return out.getvalue()


@cache
def shared_strings_bomb(strings: int = 20_000_000) -> bytes:
    """The attack of issue 9: a small workbook whose shared strings unpack to hundreds of MB
    (20 million strings: 830 KB packed, 340 MB unpacked)."""

    def write(part: IO[bytes]) -> None:
        block = b"<si><t>x</t></si>" * 100_000
        for _ in range(strings // 100_000):
            part.write(block)

    base = workbook([["Child Unique ID", "Referral Date"], ["1", "01/02/2024"]])
    return with_shared_strings(base, write)


def word_document(paragraphs: int = 1) -> bytes:
    document = docx.Document()
    for n in range(paragraphs):
        document.add_paragraph(f"Paragraph {n + 1}")
    table = document.add_table(rows=2, cols=3)
    for cell, text in zip(table.rows[0].cells, ("Action", "Lead Officer", "Due date"), strict=True):
        cell.text = text
    for cell, text in zip(table.rows[1].cells, ("Do it", "Judith Hay", "March 2013"), strict=True):
        cell.text = text
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def with_doctype(xml: str, doctype: str = BILLION_LAUGHS, entity: str = "&lol9;") -> str:
    """The XML part with a document type declaration before its root, and an entity used
    in it, the shape of billion-laughs and XXE attacks."""
    body = xml.split("?>", 1)[1] if xml.startswith("<?xml") else xml
    root_end = body.index(">")
    return doctype + body[: root_end + 1] + entity + body[root_end + 1 :]


ANNEX_HEADER = [
    "Child Unique ID",
    "Date of Birth",
    "Referral Date",
    "Number of Referrals in Last 12 Months",
]


def referrals(extra_rows: int = 30) -> bytes:
    """List 3 with the attack's child in row 2, and enough children to count."""
    rows = [ANNEX_HEADER, [CHILD_ID, dt.datetime(2011, 2, 3), dt.datetime(2013, 1, 5), 1]]
    rows += [
        [f"SYN{n:07d}", dt.datetime(2010, 1, 1), dt.datetime(2013, 1, 5), 0]
        for n in range(extra_rows)
    ]
    return workbook(rows, title="List 3")


def attacked_cell(content: bytes, cell_xml: str) -> bytes:
    """Row 2's Referral Date cell replaced by crafted XML."""
    xml = zip_text(content, sheet_name(content))
    old = re.search(r'<c r="C2"[^>]*>.*?</c>', xml).group(0)
    return cell_replaced(content, old, cell_xml)


def zip_text(content: bytes, part: str) -> str:
    return zipfile.ZipFile(io.BytesIO(content)).read(part).decode()


def _broken_shared_strings() -> bytes:
    def write(part):
        part.write(f"<si><t>{CHILD_ID}</t></si><si><t>unclosed</si>".encode())

    return with_shared_strings(referrals(), write)


def _truncated() -> bytes:
    content = referrals(3000)
    return content[: len(content) * 2 // 3]


MALFORMED = {
    "a date cell holding an id": lambda: attacked_cell(
        referrals(), f'<c r="C2" t="d"><v>{CHILD_ID}</v></c>'
    ),
    "a number cell holding an id": lambda: attacked_cell(
        referrals(), f'<c r="C2" t="n"><v>{CHILD_ID}</v></c>'
    ),
    "a shared string index that is an id": lambda: attacked_cell(
        referrals(), f'<c r="C2" t="s"><v>{CHILD_ID}</v></c>'
    ),
    "a true/false cell holding an id": lambda: attacked_cell(
        referrals(), f'<c r="C2" t="b"><v>{CHILD_ID}</v></c>'
    ),
    "a style index that is an id": lambda: attacked_cell(
        referrals(), f'<c r="C2" s="{CHILD_ID}"><v>1</v></c>'
    ),
    "broken shared strings": _broken_shared_strings,
    "a row number that is an id": lambda: cell_replaced(
        referrals(), '<row r="2">', f'<row r="{CHILD_ID}">'
    ),
    "a truncated zip": _truncated,
    "damaged XML": lambda: rewrite(
        referrals(), {"xl/workbook.xml": lambda x: x.replace("</workbook>", f"<{CHILD_ID}>")}
    ),
}
