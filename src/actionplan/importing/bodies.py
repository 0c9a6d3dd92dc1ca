"""The boards, committees and officers a plan reports to, one record per real body.

A plan writes the same body many ways (LSCB, NYSCB, "LSCB Executive and Board"; CYPLT
and the typo CYLPT; "CSC SMT" and "SMT"). Bodies come from the catalogue, from the
plan's own definitions ("North Yorkshire Safeguarding Children Board (NYSCB)"), and from
what the reporting column names (acronyms; phrases ending in Board, Committee, ...).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from rapidfuzz.distance import DamerauLevenshtein

from actionplan.importing.catalogue import Catalogue
from actionplan.interchange import Body

_BODY_WORDS = r"Board|Committee|Council|Group|Team|Panel|Forum|Partnership|Trust"
_PHRASE = re.compile(rf"\b(?:[A-Z][\w'’&/-]*\s+){{0,5}}?(?:[A-Z][\w'’&/-]*\s+)?(?:{_BODY_WORDS})\b")
_ACRONYM = re.compile(r"\b[A-Z][A-Za-z]?[A-Z]{1,5}s?\b")
_DEFINITION = re.compile(r"((?:[A-Z][\w'’]*\s+){1,7}?(?:" + _BODY_WORDS + r"))\s*\(([A-Z]{2,8})\)")


@dataclass
class _BodyRecord:
    abbreviation: str
    name: str
    kind: str = ""
    aliases: set[str] = field(default_factory=set)
    uses: Counter[str] = field(default_factory=Counter)
    defined: bool = False  # the plan or the catalogue says what it stands for

    @property
    def key(self) -> str:
        return self.abbreviation or self.name


class Bodies:
    def __init__(self, catalogue: Catalogue, person_initials: set[str] | None = None):
        self.catalogue = catalogue
        self.person_initials = person_initials or set()
        self._records: list[_BodyRecord] = []
        self._index: dict[str, _BodyRecord] = {}
        self._catalogued: dict[str, _BodyRecord] = {}
        self._patterns = []
        self.notes: list[tuple[str, str]] = []  # (text, message) for the warnings list
        for known in catalogue.bodies:
            record = _BodyRecord(known.abbreviation, known.name, known.kind, defined=True)
            for alias in (known.abbreviation, known.name, *known.aliases):
                if alias:
                    self._catalogued[_fold(alias)] = record
            if known.pattern is not None:
                self._patterns.append((known.pattern, record))
        self._alias_re: re.Pattern[str] | None = None
        prefixes = "|".join(
            map(re.escape, sorted(catalogue.service_prefixes, key=len, reverse=True))
        )
        self._prefixed = re.compile(rf"\b(?:{prefixes})\s+[A-Z]{{2,6}}\b")

    # -- learning -----------------------------------------------------------------------

    def learn_definitions(self, text: str) -> None:
        """'North Yorkshire Safeguarding Children Board (NYSCB)' names a body."""
        for m in _DEFINITION.finditer(text):
            name, abbreviation = m.group(1).strip(), m.group(2)
            record = self._lookup(abbreviation) or self._lookup(name)
            if record is None:
                record = self._new(abbreviation, name)
            record.defined = True
            if record.name in {b.name for b in self.catalogue.bodies}:
                record.aliases.add(record.name)
                record.name = name  # the plan's own name beats the generic one
            record.aliases.add(abbreviation)
            self._alias(record, abbreviation)
            self._alias(record, name)

    def learn_usage(self, texts: list[str]) -> None:
        """First pass over the reporting column: which acronyms the plan uses, so that a
        rare near-twin of a common one (CYLPT beside CYPLT) is read as a typo."""
        counts: Counter[str] = Counter()
        for text in texts:
            counts.update(a for a in _ACRONYM.findall(text) if self._is_candidate(a))
        for acronym, n in counts.most_common():
            if self._lookup(acronym):
                continue
            twin = next(
                (
                    other
                    for other, m in counts.most_common()
                    if m > n
                    and len(other) == len(acronym) >= 4
                    and DamerauLevenshtein.distance(other, acronym) == 1
                ),
                None,
            )
            if twin:
                record = self._lookup(twin) or self._new(twin, twin)
                self._alias(record, acronym)
                record.aliases.add(acronym)
                self.notes.append(
                    (
                        acronym,
                        f"{acronym!r} is read as {twin}, which the plan uses "
                        f"{counts[twin]} times; it looks like a typo",
                    )
                )

    # -- finding ------------------------------------------------------------------------

    def find(self, text: str) -> list[tuple[str, str]]:
        """The bodies a reporting text names, in order: (body key, text as written)."""
        found: list[tuple[int, int, _BodyRecord, str]] = []
        taken: list[tuple[int, int]] = []

        def claim(start: int, end: int, record: _BodyRecord, written: str) -> None:
            if any(s < end and start < e for s, e in taken):
                return
            taken.append((start, end))
            found.append((start, end, record, written))

        for m in self._prefixed.finditer(text):
            record = self._lookup(m.group(0))
            if record is not None:
                claim(m.start(), m.end(), record, m.group(0))
        for m in self._alias_pattern().finditer(text):
            record = self._lookup(m.group(0))
            if record is not None:
                claim(m.start(), m.end(), record, m.group(0))
        for m in _PHRASE.finditer(text):
            written = _trim_phrase(m.group(0))
            if written:
                start = m.end() - len(written)
                record = self._lookup(written) or self._new("", written)
                claim(start, m.end(), record, written)
        for m in _ACRONYM.finditer(text):
            word = m.group(0)
            if not self._is_candidate(word):
                continue
            record = self._lookup(word)
            if record is None and word.endswith("s") and self._lookup(word[:-1]):
                record = self._lookup(word[:-1])
            if record is None:
                record = self._new(word, word)
            claim(m.start(), m.end(), record, word)
        out: list[tuple[str, str]] = []
        for _, _, record, written in sorted(found, key=lambda f: f[0]):
            record.uses[written] += 1
            if record.key not in [k for k, _ in out]:
                out.append((record.key, written))
        return out

    def _is_candidate(self, word: str) -> bool:
        if word in self.person_initials or self.catalogue.organisation(word):
            return False
        if self.catalogue.role(word) and not self._lookup(word):
            return False
        return len(word) >= 3 or bool(self._lookup(word))

    # -- records ------------------------------------------------------------------------

    def _fold_prefix(self, text: str) -> str:
        words = text.split()
        if len(words) == 2 and words[0] in self.catalogue.service_prefixes:
            return words[1]  # "CSC SMT" is the SMT
        return text

    def _lookup(self, text: str) -> _BodyRecord | None:
        folded = _fold(text)
        if folded in self._index:
            return self._index[folded]
        base = self._fold_prefix(text)
        if base != text:
            record = self._lookup(base)
            if record:
                self._alias(record, text)
                record.aliases.add(text)
            return record
        known = self._catalogued.get(folded)
        if known is None:
            known = next((r for p, r in self._patterns if p.match(text)), None)
        if known is not None:
            if known not in self._records:
                self._records.append(known)
                self._alias(known, known.abbreviation)
                self._alias(known, known.name)
            if text not in (known.abbreviation, known.name):
                known.aliases.add(text)
            self._alias(known, text)
            return known
        return None

    def _new(self, abbreviation: str, name: str) -> _BodyRecord:
        record = _BodyRecord(abbreviation, name)
        self._records.append(record)
        self._alias(record, abbreviation)
        self._alias(record, name)
        return record

    def _alias(self, record: _BodyRecord, alias: str) -> None:
        folded = _fold(alias)
        if alias and self._index.get(folded) is not record:
            self._index[folded] = record
            if folded not in self._catalogued:
                self._alias_re = None  # a new spelling: the pattern must learn it

    def _alias_pattern(self) -> re.Pattern[str]:
        if self._alias_re is None:
            known = set(self._index) | set(self._catalogued)
            aliases = sorted({a for a in known if len(a) > 1}, key=len, reverse=True)
            pattern = "|".join(re.escape(a) for a in aliases) or r"(?!x)x"
            self._alias_re = re.compile(rf"(?<![\w])(?:{pattern})(?![\w])", re.IGNORECASE)
        return self._alias_re

    def bodies(self) -> list[Body]:
        out = []
        for record in self._records:
            if not record.uses and not record.defined:
                continue
            if not record.uses:
                continue  # defined in the catalogue or the plan, but nothing reports to it
            aliases = sorted(
                a
                for a in record.aliases | set(record.uses)
                if a not in (record.abbreviation, record.name)
            )
            out.append(
                Body(
                    abbreviation=record.abbreviation,
                    name=record.name,
                    aliases=aliases,
                    kind=record.kind,
                )
            )
            if not record.defined and record.abbreviation and record.name == record.abbreviation:
                self.notes.append(
                    (
                        record.abbreviation,
                        f"the body {record.abbreviation!r} is not defined in the plan; its full name is unknown",
                    )
                )
        return out


def _fold(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace("’", "'")).strip().casefold()


def _trim_phrase(phrase: str) -> str:
    """'Report to Performance Board' -> 'Performance Board': drop leading words that are
    not part of a name."""
    words = phrase.split()
    while words and (
        words[0].casefold()
        in {
            "report",
            "reports",
            "reporting",
            "to",
            "the",
            "and",
            "quarterly",
            "monthly",
            "bi-annual",
            "annual",
            "draft",
            "subsequent",
            "first",
            "progress",
        }
        or not words[0][:1].isupper()
    ):
        words.pop(0)
    return " ".join(words) if len(words) >= 2 else ""
