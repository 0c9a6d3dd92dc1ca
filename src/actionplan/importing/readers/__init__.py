"""Turn a plan file into rows of cells, choosing the reader by what the file is.

Content decides first (a .txt that is really a .docx is read as a .docx), the name second.
Whatever is wrong with a file, the only exception is PlanReadError, naming file and problem,
and never quoting a value from inside the file: a library's own message may (openpyxl's
"Invalid datetime value <the cell>"), so none is passed on. Zipped files are checked
against `Limits` before they are opened (packages.py) and counted while they are read.
"""

from __future__ import annotations

import io
import math
import os
import re
import stat
import zipfile
from pathlib import Path, PureWindowsPath

from ..errors import PlanReadError
from .packages import Budget, Limits, Refused, check_office, size_text
from .rows import Document, Row
from .text import detect_encoding, has_bom, read_text

__all__ = ["MAX_BYTES", "Document", "Limits", "Row", "read_bytes", "read_document"]

MAX_BYTES = 20 * 1024 * 1024
_TEXT_SAMPLE = 64 * 1024
# What a text plan never holds: undecodable bytes and control characters other than the
# whitespace ones (tab, newlines, form feed). One regex pass, not a Python loop per character.
_ODD = re.compile("[\ufffd\x00-\x08\x0e-\x1f]")

_LOOKS_LIKE = (
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"II*\x00", "a TIFF image"),
    (b"MM\x00*", "a TIFF image"),
    (b"%PDF-", "a PDF file"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
    (b"Rar!\x1a\x07", "a RAR archive"),
)
_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # Office 97-2003 files, and encrypted Office files
_ZIP = (b"PK\x03\x04", b"PK\x05\x06")
_OFFICE_EXTS = (".docx", ".xlsx", ".xlsm")
_OTHER_ZIPS = (  # (what the archive holds, the problem), checked before word/ and xl/
    ("xl/workbook.bin", "is an Excel binary workbook (.xlsb); save it as .xlsx and try again"),
    ("content.xml", "is an OpenDocument file; save it as .docx or .xlsx and try again"),
    ("ppt/", "looks like a PowerPoint presentation, not a plan"),
)
_LEGACY = {
    "doc": "is a Word 97-2003 .doc file; save it as .docx and try again",
    "xls": "is an Excel 97-2003 .xls file; save it as .xlsx and try again",
}


def read_document(
    path: str | os.PathLike[str],
    *,
    max_bytes: int = MAX_BYTES,
    limits: Limits | None = None,
    budget: Budget | None = None,
) -> Document:
    """Read the plan at `path`. Document.file and error messages use the file's name."""
    name = Path(path).name or os.fspath(path)
    try:
        info = os.stat(path)
        if stat.S_ISDIR(info.st_mode):
            raise PlanReadError(name, "is a folder, not a file")
        if not stat.S_ISREG(info.st_mode):
            raise PlanReadError(name, "is not a regular file")
        # Size from stat, so an oversized file is refused before any of it is read.
        _check_size(name, info.st_size, max_bytes)
        with open(path, "rb") as f:
            data = f.read(max_bytes + 1)  # +1: a file that grew since stat is still caught
    except FileNotFoundError:
        raise PlanReadError(name, "the file does not exist") from None
    except OSError as e:
        raise PlanReadError(name, f"the file cannot be read ({e.strerror or e})") from None
    return read_bytes(data, name, max_bytes=max_bytes, limits=limits, budget=budget)


def read_bytes(
    data: bytes,
    filename: str,
    *,
    max_bytes: int = MAX_BYTES,
    limits: Limits | None = None,
    budget: Budget | None = None,
) -> Document:
    """Read a plan held in memory, e.g. an upload. `filename` may carry a browser's path.
    Rows, cells and time are counted against `budget` (by default a new one of `limits`)."""
    name = PureWindowsPath(filename).name or filename  # splits on both / and \
    _check_size(name, len(data), max_bytes)
    if not data or data.isspace():
        raise PlanReadError(name, "the file is empty")
    limits = limits or Limits()
    budget = budget or Budget(limits)
    try:
        doc = _read(data, name, os.path.splitext(name)[1].lower(), limits, budget)
    except Refused as e:
        raise PlanReadError(name, str(e)) from None
    if all(row.is_blank for row in doc.rows):
        raise PlanReadError(name, "the file is empty")
    return doc


def _check_size(name: str, size: int, max_bytes: int) -> None:
    if size > max_bytes:
        # Rounded up, so a file just over 20 MB never reads as "20.0 MB".
        actual, largest = size_text(size, math.ceil), size_text(max_bytes).replace(".0 ", " ")
        raise PlanReadError(name, f"the file is {actual}; the largest plan accepted is {largest}")


def _read(data: bytes, name: str, ext: str, limits: Limits, budget: Budget) -> Document:
    for magic, what in _LOOKS_LIKE:
        if data.startswith(magic):
            raise PlanReadError(name, f"looks like {what}, not a plan")
    if data.startswith(_OLE2):
        raise PlanReadError(name, _legacy_problem(data, ext))
    if data.startswith(_ZIP):
        return _read_office(data, name, ext, limits, budget)
    if ext in _OFFICE_EXTS:
        raise PlanReadError(name, f"is not a valid {ext} file")
    return _read_text(data, name, ext, budget)


def _legacy_problem(data: bytes, ext: str) -> str:
    # The compound file's directory names its streams in UTF-16.
    if "EncryptedPackage".encode("utf-16-le") in data:
        return "is password-protected; remove the password and try again"
    if "WordDocument".encode("utf-16-le") in data:
        return _LEGACY["doc"]
    if "Workbook".encode("utf-16-le") in data:
        return _LEGACY["xls"]
    return _LEGACY.get(
        ext.lstrip("."), "is an Office 97-2003 file; save it as .docx or .xlsx and try again"
    )


def _read_office(data: bytes, name: str, ext: str, limits: Limits, budget: Budget) -> Document:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = archive.namelist()
    except Exception:  # zipfile raises several kinds of error on a damaged archive
        problem = f"is not a valid {ext} file" if ext in _OFFICE_EXTS else None
        raise PlanReadError(
            name, problem or "looks like a damaged zip archive, not a plan"
        ) from None

    def holds(prefix: str) -> bool:
        return any(n.startswith(prefix) for n in names)

    for prefix, problem in _OTHER_ZIPS:
        if holds(prefix):
            raise PlanReadError(name, problem)
    # By folder, not the main part's name: Word Online writes word/document2.xml. Each
    # reader is imported when its kind of file comes: python-docx and openpyxl are slow to load.
    exts: tuple[str, ...]
    if holds("word/"):
        from .docx import read_docx

        reader, exts = read_docx, (".docx",)
    elif holds("xl/"):
        from .sheet import read_xlsx

        reader, exts = read_xlsx, (".xlsx", ".xlsm")
    elif ext in _OFFICE_EXTS:
        raise PlanReadError(name, f"is not a valid {ext} file")
    else:
        raise PlanReadError(name, "looks like a zip archive, not a plan")
    try:
        check_office(data, limits)
        return reader(data, name, budget)
    except PlanReadError:
        raise
    except Refused as e:
        raise PlanReadError(name, str(e)) from None
    except Exception:  # python-docx and openpyxl raise all sorts on damaged XML or parts
        raise PlanReadError(
            name, f"is not a valid {ext if ext in exts else exts[0]} file"
        ) from None


def _read_text(data: bytes, name: str, ext: str, budget: Budget) -> Document:
    if b"\x00" in data and not has_bom(data):  # UTF-16 text has NULs, but then a BOM too
        raise PlanReadError(name, "looks like a binary file, not a plan")
    head = data[:1024].removeprefix(b"\xef\xbb\xbf").lstrip().lower()
    if head.startswith(b"{\\rtf"):
        raise PlanReadError(name, "is an RTF file; save it as .docx and try again")
    if head.startswith((b"<!doctype html", b"<html")):
        problem = "is a web page (HTML); save it from Word or Excel as .docx or .xlsx and try again"
        raise PlanReadError(name, problem)
    encoding = detect_encoding(data)
    sample = data[:_TEXT_SAMPLE].decode(encoding, errors="replace")
    odd = len(_ODD.findall(sample))
    if odd > len(sample) / 10:
        raise PlanReadError(name, "looks like a binary file, not a plan")
    if ext in (".csv", ".tsv"):
        from .sheet import read_csv

        return read_csv(data, name, encoding, budget)
    return read_text(data, name, encoding, budget)
