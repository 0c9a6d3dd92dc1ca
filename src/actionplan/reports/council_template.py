"""A council's Word template, made safe to write board papers into.

A paper written into a council's template is opened in Word by officers, members and the
public. Word fetches whatever the file points at when it opens it or updates its fields:
an attached template on a server, a linked picture, a mail-merge data source, a frame, a
linked object, an INCLUDEPICTURE or INCLUDETEXT field (`\\\\host\\share\\logo.png` leaks the
reader's Windows credentials to that host), and DDE fields run programs. So a template is
cleaned when it is uploaded (what is stored is the clean copy) and again each time a paper
is written from it, since a template may have been stored before these checks:

- refused, with a reason: anything `check_office` refuses (zip and XML bombs, a DOCTYPE),
  and macros or active content: a macro-enabled main part (.docm, .dotm), a VBA project,
  ActiveX controls, embedded OLE objects;
- removed: every relationship that points outside the file (TargetMode="External"), with
  the XML that uses it (a hyperlink keeps its text), and what fetches content without a
  relationship (altChunk, frameset, mailMerge, linked VML pictures);
- removed: every field whose instruction is not on a short list of fields that only show
  the document's own data (PAGE, NUMPAGES, DATE, STYLEREF...), and every field whose
  instruction is built by another field. The result Word last showed stays, as plain
  content, so a footer keeps its text.

Pure Python over the zip and lxml (with a parser that resolves no entities and reads
nothing from the network); python-docx then opens the clean copy.
"""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass, field

from lxml import etree

from actionplan.core.errors import UserError
from actionplan.importing.readers.packages import Limits, Package, Refused, check_office

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
RELS = "{http://schemas.openxmlformats.org/package/2006/relationships}"
VML_NAMESPACES = ("{urn:schemas-microsoft-com:vml}", "{urn:schemas-microsoft-com:office:office}")

# Fields that show the document's own data, and nothing else; any other is removed.
SAFE_FIELDS = frozenset(
    """PAGE NUMPAGES SECTIONPAGES SECTION DATE TIME CREATEDATE SAVEDATE PRINTDATE EDITTIME
    TITLE SUBJECT AUTHOR LASTSAVEDBY KEYWORDS COMMENTS DOCPROPERTY FILENAME NUMWORDS
    NUMCHARS REVNUM STYLEREF REF PAGEREF NOTEREF SEQ TOC TOA TC XE INDEX SYMBOL EQ
    ADVANCE =""".split()  # noqa: SIM905 (a list of words reads best as words)
)
# Elements that fetch or pull in content whatever their relationships say.
_REMOVED = {W + "altChunk", W + "frameset", W + "mailMerge", W + "attachedTemplate", W + "subDoc"}
_URL = re.compile(r"\s*(\\\\|//|[a-z][a-z0-9+.-]*:)", re.IGNORECASE)
_ACTIVE_TYPES = ("macroenabled", "vbaproject", "vbadata", "activex", "oleobject")
_ACTIVE_NAMES = re.compile(
    r"(^|/)(vbaproject\.bin|vbadata\.xml|activex/|embeddings/[^/]*\.bin$)", re.I
)
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)


class TemplateError(UserError):
    """A template that cannot be used; the message says why, after the template's name."""


@dataclass
class Cleaned:
    """What cleaning removed, for the tests and for saying so."""

    content: bytes
    relationships: list[str] = field(default_factory=list)  # their types, e.g. attachedTemplate
    fields: list[str] = field(default_factory=list)  # their keywords, e.g. INCLUDEPICTURE


def clean_template(
    content: bytes, name: str = "the template", limits: Limits | None = None
) -> Cleaned:
    """The template with everything that fetches removed; TemplateError when it cannot be
    used at all (not a Word file, a bomb, macros or active content)."""
    try:
        package = check_office(content, limits or Limits(), "Word .docx file")
    except Refused as e:
        raise TemplateError(f"{name} {e}") from None
    _refuse_active_content(package, name)
    try:
        return _Cleaner(content, package).clean()
    except (etree.XMLSyntaxError, zipfile.BadZipFile, KeyError, ValueError):
        raise TemplateError(f"{name} is not a Word .docx file: it is damaged") from None


def _refuse_active_content(package: Package, name: str) -> None:
    types = " ".join(package.content_types.values()).lower()
    active = [kind for kind in _ACTIVE_TYPES if kind in types]
    if active or any(_ACTIVE_NAMES.search(part) for part in package.names):
        raise TemplateError(
            f"{name} holds macros or active content (a macro-enabled template, VBA, ActiveX "
            "controls or embedded objects), which board papers must not carry: save it as a "
            "plain Word document (.docx) without them and upload that"
        )


class _Cleaner:
    def __init__(self, content: bytes, package: Package):
        self.package = package
        self.archive = zipfile.ZipFile(io.BytesIO(content))
        self.result = Cleaned(content)
        self.changed: dict[str, bytes] = {}

    def clean(self) -> Cleaned:
        external = self._drop_external_relationships()
        for info in self.archive.infolist():
            name = info.filename
            if name.endswith(".rels") or not self.package.is_xml(name):
                continue  # a header may be called anything: its content type says it is XML
            root = etree.fromstring(self.archive.read(info), _PARSER)
            if self._clean_part(root, external.get(name, set())):
                self.changed[name] = etree.tostring(
                    root, xml_declaration=True, encoding="UTF-8", standalone=True
                )
        if self.changed:
            self.result.content = self._rewritten()
        return self.result

    def _drop_external_relationships(self) -> dict[str, set[str]]:
        """Remove every relationship with an external target: {part: the ids removed}."""
        removed: dict[str, set[str]] = {}
        for name in self.archive.namelist():
            if not name.endswith(".rels"):
                continue
            root = etree.fromstring(self.archive.read(name), _PARSER)
            dropped = [r for r in root if (r.get("TargetMode") or "").lower() == "external"]
            if not dropped:
                continue
            folder, _, file = name.rpartition("_rels/")
            source = folder + file.removesuffix(".rels")
            for rel in dropped:
                removed.setdefault(source, set()).add(rel.get("Id"))
                self.result.relationships.append((rel.get("Type") or "").rsplit("/", 1)[-1])
                root.remove(rel)
            self.changed[name] = etree.tostring(
                root, xml_declaration=True, encoding="UTF-8", standalone=True
            )
        return removed

    def _clean_part(self, root, dropped: set[str]) -> bool:
        changed = False
        for element in list(root.iter(etree.Element)):
            if element.getparent() is None and element is not root:
                continue  # inside something already removed
            if element.tag in _REMOVED:
                _remove(element)
                changed = True
                continue
            for attribute, value in list(element.attrib.items()):
                if attribute.startswith(REL) and value in dropped:
                    changed = True
                    if element.tag == W + "hyperlink":
                        _unwrap(element)
                    elif attribute == REL + "link":
                        del element.attrib[attribute]  # a picture linked as well as embedded
                    else:
                        _remove(element)
                    break
                if _linked_vml(element, attribute, value):
                    del element.attrib[attribute]
                    changed = True
        return self._remove_fields(root) or changed

    def _remove_fields(self, root) -> bool:
        changed = False
        for simple in list(root.iter(W + "fldSimple")):
            keyword = _keyword(simple.get(W + "instr", ""))
            if keyword not in SAFE_FIELDS:
                self.result.fields.append(keyword)
                _unwrap(simple)
                changed = True
        for found in _complex_fields(root):
            if found.keyword in SAFE_FIELDS and not found.nested:
                continue
            self.result.fields.append(found.keyword)
            for run in found.code_runs:
                _remove(run)
            if found.end is not None:
                _remove(found.end)
            changed = True
        return changed

    def _rewritten(self) -> bytes:
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
            for info in self.archive.infolist():
                content = self.changed.get(info.filename)
                target.writestr(info, content if content is not None else self.archive.read(info))
        return out.getvalue()


@dataclass
class _Field:
    """A field in runs: begin, instruction, separate, result, end."""

    code_runs: list = field(default_factory=list)  # the runs from begin to separate
    instruction: list[str] = field(default_factory=list)
    in_result: bool = False
    nested: bool = False  # another field inside its instruction
    end: object = None  # the end marker's element

    @property
    def keyword(self) -> str:
        return _keyword("".join(self.instruction))


def _complex_fields(root) -> list[_Field]:
    """Every field spread over runs (fldChar begin ... separate ... end), nested or not,
    in the order they end."""
    found: list[_Field] = []
    open_fields: list[_Field] = []
    for run in root.iter(W + "r"):
        for child in run:
            kind = child.get(W + "fldCharType") if child.tag == W + "fldChar" else None
            if kind == "begin":
                if open_fields and not open_fields[-1].in_result:
                    open_fields[-1].nested = True
                open_fields.append(_Field())
            elif kind == "separate" and open_fields:
                open_fields[-1].in_result = True
                _add_run(open_fields[-1], run)
            elif kind == "end" and open_fields:
                finished = open_fields.pop()
                if not finished.in_result:  # no result: the whole field is code
                    _add_run(finished, run)
                else:
                    finished.end = child
                found.append(finished)
            elif child.tag == W + "instrText" and open_fields and not open_fields[-1].in_result:
                open_fields[-1].instruction.append(child.text or "")
        for open_field in open_fields:
            if not open_field.in_result:
                _add_run(open_field, run)
    found.extend(open_fields)  # never ended: all code
    return found


def _add_run(f: _Field, run) -> None:
    if not f.code_runs or f.code_runs[-1] is not run:
        f.code_runs.append(run)


def _keyword(instruction: str) -> str:
    words = instruction.strip().split()
    if not words:
        return ""
    return "=" if words[0].startswith("=") else words[0].upper()


def _linked_vml(element, attribute: str, value: str) -> bool:
    """A VML picture or fill given by a path or address (src, o:href), not a relationship."""
    local = attribute.rsplit("}", 1)[-1]
    in_vml = element.tag.startswith(VML_NAMESPACES)
    return in_vml and local in ("src", "href") and bool(_URL.match(value))


def _remove(element) -> None:
    parent = element.getparent()
    if parent is not None:
        parent.remove(element)


def _unwrap(element) -> None:
    """Replace the element with its children (a hyperlink's runs, a field's result)."""
    parent = element.getparent()
    if parent is None:
        return
    at = parent.index(element)
    for child in list(element):
        if child.tag == W + "fldData":  # a field's private data: not content
            continue
        parent.insert(at, child)
        at += 1
    parent.remove(element)
