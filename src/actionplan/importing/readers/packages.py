"""Zip files checked before any reader opens them, and limits on what is read from them.

Every reader of a zipped upload calls `check_zip` (a .zip of CSV files) or `check_office`
(.xlsx, .xlsm, .docx) first, then counts what it reads against a `Budget`. Pure Python, no
Django: the settings (UPLOAD_MAX_...) are turned into `Limits` by the callers.

Why the declared sizes can be trusted: a zip's central directory gives each member's packed
and unpacked size before anything is unpacked, and Python's zipfile, which openpyxl and
python-docx read through, stops a member at its declared size (one that runs past it fails
its CRC check). So a file is refused for what it says it holds, in milliseconds: the
830 KB shared-strings bomb unpacks to 324 MB, 412 times its packed size.

What the declared sizes cannot show (a row padded to column XFD by one cell, millions of
tiny rows in a small sheet) is stopped while reading: readers count rows and cells as they
go, and stop when a count or the time allowed runs out.
"""

from __future__ import annotations

import dataclasses
import io
import math
import os
import re
import time
import zipfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import IO, TypeVar
from xml.etree.ElementTree import ParseError

import defusedxml.ElementTree as SafeET
from defusedxml import DefusedXmlException

T = TypeVar("T")

MB = 1 << 20
# Below this, a part's ratio says nothing: a few KB of blank styles pack 200 to 1 honestly.
RATIO_FLOOR = MB
_HEAD = 64 * 1024  # how much of each XML part is looked at before its first element
_CHUNK = MB

SHARED_STRINGS = "application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"
WORKSHEET = "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"
_CONTENT_TYPES = "[content_types].xml"
_EXCEL_ROWS = 1_048_576


class Refused(ValueError):
    """A file refused before or while it is read. The message is the problem, in words a
    user can act on, without the file's name (the caller adds it) and without anything
    read from inside the file."""


@dataclass(frozen=True)
class Limits:
    """What an upload may hold. None: no limit (the command line reads an administrator's
    own files without the row, cell and time limits). The defaults are the settings'."""

    unpacked_bytes: int = 256 * MB  # all the members of a zip, unpacked
    part_bytes: int = 64 * MB  # one member, unpacked (styles, a document: parsed whole)
    ratio: int = 100  # a member's (or the whole zip's) unpacked size over its packed size
    parts: int = 1_000  # members of a zip
    shared_strings: int = 1_000_000  # distinct strings in a workbook
    rows: int | None = _EXCEL_ROWS  # rows read, all sheets together
    cells: int | None = 5_000_000  # cells read, all sheets together
    seconds: float | None = 30.0  # time allowed to read the file

    def untimed(self) -> Limits:
        """The same package checks without the row, cell and time limits."""
        return dataclasses.replace(self, rows=None, cells=None, seconds=None)


@dataclass
class Package:
    """What check_office learnt about an Office file: its parts and their content types."""

    names: list[str]
    content_types: dict[str, str] = field(default_factory=dict)  # part name -> content type

    def parts_of_type(self, *types: str) -> list[str]:
        return [name for name in self.names if self.content_types.get(name) in types]

    def is_xml(self, name: str) -> bool:
        """By its name or its content type: a part may be called anything."""
        kind = self.content_types.get(name, "")
        return name.lower().endswith((".xml", ".rels")) or kind.endswith("xml")


def size_text(n: int, rounding: Callable[[float], float] = round) -> str:
    """A size as people read it: 830.2 KB, 340.0 MB, 12 bytes."""
    for unit, scale in (("GB", 1 << 30), ("MB", MB), ("KB", 1 << 10)):
        if n >= scale:
            return f"{rounding(n * 10 / scale) / 10:.1f} {unit}"
    return f"{n} bytes"


Source = bytes | IO[bytes] | str | os.PathLike[str]


def _open(source: Source, what: str) -> zipfile.ZipFile:
    try:
        return zipfile.ZipFile(io.BytesIO(source) if isinstance(source, bytes) else source)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError):
        raise Refused(f"is not a readable {what}: it may be damaged or cut short") from None


def check_zip(source: Source, limits: Limits, what: str = ".zip file") -> zipfile.ZipFile:
    """Open a zip and refuse it for what its directory declares: too many members, too large
    unpacked, packed too tightly, encrypted or compressed in a way Office never writes.
    Returns the open archive (the caller closes it). `what` names it in the messages."""
    archive = _open(source, what)
    try:
        _check_members(archive, limits)
    except BaseException:
        archive.close()
        raise
    return archive


def _check_members(archive: zipfile.ZipFile, limits: Limits) -> None:
    infos = archive.infolist()
    if len(infos) > limits.parts:
        raise Refused(f"holds {len(infos):,} files; at most {limits.parts:,} are accepted")
    total = packed = 0
    for info in infos:
        if info.flag_bits & 0x1:
            raise Refused("is password-protected; remove the password and try again")
        if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
            raise Refused("is compressed in a way Excel and Word never use")
        _check_ratio(info.file_size, info.compress_size, limits, "one of its parts")
        if info.file_size > limits.part_bytes:
            raise Refused(
                f"one of its parts unpacks to {size_text(info.file_size, math.ceil)}; at most "
                f"{size_text(limits.part_bytes)} is accepted for one part"
            )
        total += info.file_size
        packed += info.compress_size
    if total > limits.unpacked_bytes:
        raise Refused(
            f"unpacks to {size_text(total, math.ceil)}; "
            f"at most {size_text(limits.unpacked_bytes)} is accepted"
        )
    _check_ratio(total, packed, limits, "it")


def _check_ratio(unpacked: int, packed: int, limits: Limits, what: str) -> None:
    if unpacked > RATIO_FLOOR and unpacked > limits.ratio * max(packed, 1):
        raise Refused(
            f"{what} unpacks to {size_text(unpacked)} from {size_text(packed)}, "
            f"{unpacked // max(packed, 1):,} times its packed size; at most {limits.ratio:,} "
            "times is accepted (more is the mark of a zip bomb)"
        )


def check_office(source: Source, limits: Limits, what: str = "Office file") -> Package:
    """check_zip, then what an Office file's parts declare: no XML part may carry a DOCTYPE
    (Office never writes one; it is how entity bombs and external entities get in), and a
    workbook's shared strings and its sheets' declared dimensions must be within the limits."""
    with check_zip(source, limits, what) as archive:
        names = archive.namelist()
        package = Package(names, _content_types(archive))
        for info in archive.infolist():
            _check_prolog(archive, info, xml=package.is_xml(info.filename))
        strings = 0
        for name in package.parts_of_type(SHARED_STRINGS):
            strings += _count_strings(archive, name, limits.shared_strings - strings)
        _check_dimensions(archive, package.parts_of_type(WORKSHEET), limits)
    return package


def _content_types(archive: zipfile.ZipFile) -> dict[str, str]:
    """Each part's content type, from [Content_Types].xml (an override, else its extension's
    default), as openpyxl and python-docx look them up."""
    found = [i for i in archive.infolist() if i.filename.lower() == _CONTENT_TYPES]
    if not found:
        return {}
    if found[0].file_size > MB:  # a line for each of at most UPLOAD_MAX_PARTS parts
        raise Refused("is damaged: its list of parts is far longer than Office writes")
    _check_prolog(archive, found[0], xml=True)
    try:
        root = SafeET.fromstring(archive.read(found[0]))
    except (ParseError, DefusedXmlException, zipfile.BadZipFile, OSError):
        raise Refused("is damaged: its list of parts cannot be read") from None
    defaults, overrides = {}, {}
    for element in root:
        tag = element.tag.rsplit("}", 1)[-1]
        kind = element.get("ContentType", "")
        if tag == "Default":
            defaults[element.get("Extension", "").lower()] = kind
        elif tag == "Override":
            overrides[element.get("PartName", "").lstrip("/").lower()] = kind
    types = {}
    for name in archive.namelist():
        extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
        kind = overrides.get(name.lower(), defaults.get(extension))
        if kind:
            types[name] = kind
    return types


# Before the first element an XML part may only hold its declaration, comments, processing
# instructions and white space: what is left once those are removed must start an element.
_PROLOG_NOISE = re.compile(rb"<!--.*?-->|<\?.*?\?>|\s+", re.S)
_ELEMENT_START = re.compile(rb"<[A-Za-z_]")


def _check_prolog(archive: zipfile.ZipFile, info: zipfile.ZipInfo, *, xml: bool) -> None:
    head = _read_head(archive, info)
    if head is None:
        if xml:  # XML in an encoding Office never writes may hide what is checked here
            raise Refused("is damaged: one of its parts does not start as Office XML")
        return  # an image or another binary part
    if b"<!DOCTYPE" in head or b"<!ENTITY" in head:
        raise Refused(
            "holds XML with a document type declaration, which Excel and Word never write "
            "(it is how entity expansion and external entity attacks work)"
        )
    if not _ELEMENT_START.match(_PROLOG_NOISE.sub(b"", head)):
        raise Refused("is damaged: one of its parts does not start as Office XML")


def _read_head(archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> bytes | None:
    """The start of a part, as UTF-8, if it is XML; None if it is not."""
    try:
        with archive.open(info) as part:
            head = part.read(_HEAD)
    except (zipfile.BadZipFile, OSError, EOFError, ValueError, NotImplementedError):
        raise Refused("is damaged: one of its parts cannot be unpacked") from None
    encoding = _utf16(head)
    if encoding:
        head = head.decode(encoding, errors="replace").encode()
    head = head.removeprefix(b"\xef\xbb\xbf").removeprefix("\ufeff".encode())
    return head if head.lstrip().startswith(b"<") else None


def _utf16(head: bytes) -> str | None:
    """UTF-16 XML, by its byte-order mark or its first character '<' (which XML parsers
    detect too), so that a DOCTYPE cannot hide in it."""
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "utf-16"
    if head.startswith(b"<\x00"):
        return "utf-16-le"
    if head.startswith(b"\x00<"):
        return "utf-16-be"
    return None


def _count_strings(archive: zipfile.ZipFile, name: str, allowed: int) -> int:
    """The strings in a shared-strings part, counted as it unpacks; Refused past `allowed`.
    "<si" opens a string; ":si" is in both tags of a prefixed one ("<x:si>...</x:si>"), so
    it counts half."""
    count = _count(archive, name, (b"<si",), (b":si",), allowed)
    if count > allowed:
        raise Refused(
            f"holds more than {allowed:,} different text values; at most that many are read"
        )
    return count


def _count(
    archive: zipfile.ZipFile,
    name: str,
    whole: tuple[bytes, ...],
    halved: tuple[bytes, ...] = (),
    stop_above: int | None = None,
) -> int:
    """How many tags a part holds: each of `whole` counts one, each of `halved` (in both
    tags of an element) half."""
    counts = _counts(archive, name, whole + halved, stop_above)
    return sum(counts[: len(whole)]) + sum(counts[len(whole) :]) // 2


def _counts(
    archive: zipfile.ZipFile, name: str, patterns: tuple[bytes, ...], stop_above: int | None
) -> list[int]:
    """How often each pattern comes in a part, counted with bytes.count as it unpacks, in
    one pass (a regular expression took a second a million). A made-up tag that starts the
    same counts too, which only errs on the safe side. Stops early once any count passes
    `stop_above`."""
    counts = [0] * len(patterns)
    tail = b""
    keep = max(map(len, patterns)) - 1
    try:
        with archive.open(name) as part:
            while chunk := part.read(_CHUNK):
                # Bytes carried over, so a tag cut in two is counted, and only once.
                text = tail + chunk
                for i, pattern in enumerate(patterns):
                    counts[i] += text.count(pattern)
                tail = text[-keep:]
                if stop_above is not None and max(counts) > stop_above:
                    break
    except (zipfile.BadZipFile, OSError, EOFError, ValueError):
        raise Refused("is damaged: one of its parts cannot be unpacked") from None
    return counts


_DIMENSION = re.compile(rb"<(?:[\w.-]{1,30}:)?dimension\s+ref\s*=\s*[\"']([A-Za-z0-9:$]+)[\"']")
_CELL = re.compile(r"\$?([A-Za-z]{1,3})\$?([0-9]{1,7})")


def _check_dimensions(archive: zipfile.ZipFile, sheets: list[str], limits: Limits) -> None:
    """Refuse a workbook whose sheets hold more rows or cells than are read: as each says
    (<dimension ref="A1:K5000"/>, often missing or wrong), and as its tags count. Counting
    matters: without a dimension openpyxl parses a whole sheet before it reads a row. What
    neither shows (one cell at column XFD padding its row) the readers count as they read."""
    if limits.rows is None and limits.cells is None:
        return
    declared_rows = declared_cells = rows = cells = 0
    for name in sheets:
        head = _read_head(archive, archive.getinfo(name)) or b""
        found = _DIMENSION.search(head)
        corners = [_CELL.fullmatch(c) for c in found[1].decode().split(":")] if found else []
        if len(corners) == 2 and None not in corners:
            (c1, r1), (c2, r2) = ((m[1], m[2]) for m in corners)  # type: ignore[index]
            height = abs(int(r2) - int(r1)) + 1
            declared_rows += height
            declared_cells += height * (abs(_column(c2) - _column(c1)) + 1)
        # "<c" also starts <col> and <cfRule>: a few, and only ever too many.
        counted = _counts(archive, name, (b"<row", b":row ", b"<c", b":c "), _most(limits))
        rows += counted[0] + counted[1]
        cells += counted[2] + counted[3]
    for say, count, limit in (
        ("say they run to", declared_rows, limits.rows),
        ("hold", rows, limits.rows),
    ):
        if limit is not None and count > limit:
            raise Refused(f"its sheets {say} {count:,} rows; at most {limit:,} are read")
    for say, count, limit in (
        ("say they hold", declared_cells, limits.cells),
        ("hold", cells, limits.cells),
    ):
        if limit is not None and count > limit:
            raise Refused(f"its sheets {say} {count:,} cells; at most {limit:,} are read")


def _most(limits: Limits) -> int | None:
    return max((n for n in (limits.rows, limits.cells) if n is not None), default=None)


def _column(letters: str) -> int:
    n = 0
    for letter in letters.upper():
        n = n * 26 + ord(letter) - 64
    return n


class Budget:
    """Rows and cells read so far, and the time left, against the limits. A reader calls
    `take` for each row (or wraps its rows in `guard`); Refused when a limit is passed."""

    _CLOCK_EVERY = 256  # rows between looks at the clock

    def __init__(self, limits: Limits, clock: Callable[[], float] = time.monotonic):
        self.limits = limits
        self.clock = clock
        self.deadline = clock() + limits.seconds if limits.seconds is not None else None
        self.rows = self.cells = 0

    def take(self, cells: int) -> None:
        self.rows += 1
        self.cells += cells
        limits = self.limits
        if limits.rows is not None and self.rows > limits.rows:
            raise Refused(f"has more than {limits.rows:,} rows; at most that many are read")
        if limits.cells is not None and self.cells > limits.cells:
            raise Refused(f"has more than {limits.cells:,} cells; at most that many are read")
        if self.rows % self._CLOCK_EVERY == 0:
            self.check_time()

    def check_time(self) -> None:
        if self.deadline is not None and self.clock() > self.deadline:
            raise Refused(
                f"could not be read in {self.limits.seconds:g} seconds, the time allowed; "
                "send a smaller file"
            )

    def remaining(self) -> float | None:
        """Seconds left, or None when there is no time limit."""
        return None if self.deadline is None else max(self.deadline - self.clock(), 0.0)

    def guard(self, rows: Iterable[T]) -> Iterator[T]:
        for row in rows:
            self.take(len(row))  # type: ignore[arg-type]
            yield row
