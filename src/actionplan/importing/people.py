"""Who leads and who partners: reading the people, roles, groups and organisations in a
Lead Officer or Key Partners cell.

Plans name people every way at once: "Judith Hay", "JH", "Alan T", "Nick O'", roles
("Head of Safeguarding", "HOS"), groups ("CSC SMT/ DCS Managers"), names run together
("Simon Moss Marc Mason") and references ("As above", "As for 2(a)"). Reading happens in
two passes: `harvest` collects every full name in the document first, so that initials
and fragments met later can be resolved against them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from actionplan.importing.catalogue import Catalogue
from actionplan.importing.register import Register
from actionplan.interchange import Party, PartyKind

_APOSTROPHE = "'’"
# A word that can be part of a name: Hay, O'Brien, Smith-Jones, McDonald.
_NAME_WORD = re.compile(r"^(?:O['’])?[A-Z][a-z]+(?:[-'’][A-Z]?[a-z]+)*$|^Mc[A-Z][a-z]+$")
_INITIAL = re.compile(r"^[A-Z]\.?$")
_O_FRAGMENT = re.compile(r"^O['’]$")
_ACRONYM = re.compile(r"^[A-Z][A-Za-z0-9&]*[A-Z0-9]$")  # LSCB, CAB, RiP, C4EO, P&C
_INITIALS = re.compile(r"[A-Z]{2,3}")
_WITH = re.compile(r"\(\s*(?:jointly\s+)?with\s+(?P<who>[^()]+)\)\s*$", re.IGNORECASE)
_TRAILING_BRACKET = re.compile(r"\((?P<what>[^()]+)\)\s*$")
_PAREN = re.compile(r"\(([^()]*)\)")
# A lead cell that names no one.
_NOBODY = re.compile(r"n\s*/?\s*a\.?|none|nil|tb[cad]|to be (?:confirmed|agreed|appointed)", re.I)
# "Head of Quality and Performance", "Assistant Director of Commissioning": a job title,
# whatever capitalised words follow its "of".
_ROLE_OF = re.compile(r"^(?:[A-Z][\w'’-]*\s+){0,3}?(?P<head>[A-Z][\w-]*)\s+(?:of|for)\s+\S")

# "As above", "As (4) above", "As for 2(a)", "As above plus Penny Yeadon/ WFD",
# "Heads of Service as at * above".
_REFERENCE = re.compile(
    r"^\s*(?:(?P<star_role>.+?)\s+as\s+at\s+\*\s+above"
    r"|as\s+(?:for\s+)?(?P<ref>\(?[0-9]+[a-z]?\)?(?:\s*\([a-z]\))?|[a-z])?\s*(?P<above>above)?"
    r"(?:\s+plus\s+(?P<plus>.+))?)\s*\.?\s*$",
    re.IGNORECASE,
)


_ROLE_THEN_NAME = re.compile(
    r"(?P<role>\b[A-Z][\w ]{1,40}?\b(?:Manager|Officer|Director|Head|Chair|Lead|Coordinator))\s+[–—-]\s+"
    r"(?P<name>[A-Z][a-z]+\s+(?:[A-Z]\.?\s+)?(?:O['’])?[A-Z][a-z]+)"
)


@dataclass
class Reference:
    """A cell that points at another action's cell instead of naming anyone."""

    text: str
    ref: str | None = None  # "4", "2(a)"; None for the previous action
    star: bool = False  # "as at * above": the cell marked with an asterisk
    star_role: str = ""
    plus: list[Party] = field(default_factory=list)


@dataclass
class CellParties:
    parties: list[Party] = field(default_factory=list)
    reference: Reference | None = None
    starred: bool = False  # the cell carries the "*" that a later "as at * above" points to
    problems: list[str] = field(default_factory=list)


def _initials(text: str) -> str:
    """ "Designated Clinical Officer" -> "DCO": the capitals its words start with."""
    return "".join(w[0] for w in text.split() if w[:1].isupper())


def _unwrap(ref: str) -> str:
    """'(4)' -> '4', but '2(a)' stays '2(a)'."""
    ref = ref.replace(" ", "")
    return ref[1:-1] if ref.startswith("(") and ref.endswith(")") and ref.count("(") == 1 else ref


class People(Register):
    """The people of one plan, and the reader of its party cells."""

    def __init__(self, catalogue: Catalogue):
        super().__init__()
        self.catalogue = catalogue
        self._stop = (
            catalogue.not_names | catalogue.role_words | catalogue.group_words
        ) | catalogue.organisation_words
        self._mention_re: tuple[frozenset[str], re.Pattern[str]] | None = None
        self._title_words = (
            catalogue.role_words
            | catalogue.organisation_words
            | {w for w in catalogue.group_words if w[:1].isupper()}
        )

    # -- pass 1 -------------------------------------------------------------------------

    def harvest(self, text: str) -> None:
        """Record every full name (given name, optional initial, surname) in a cell."""
        for chunk in self._chunks(self._dedupe(text)[0]):
            for name, _ in self._names_in(chunk):
                self._add(name)

    # -- pass 2 -------------------------------------------------------------------------

    def parse(self, text: str) -> CellParties:
        """Read a Lead Officer or Key Partners cell."""
        text, repeated = self._dedupe(text)
        out = CellParties()
        if repeated:
            out.problems.append(f"the cell repeats itself ({repeated!r}); read once")
        if not text.strip() or _NOBODY.fullmatch(text.strip()):
            return out
        if "*" in text:
            out.starred = not _REFERENCE.match(text)
            text = text.replace("*", " ") if out.starred else text
        match = _REFERENCE.match(text)
        if match and (match["star_role"] or match["above"] or match["ref"]):
            out.reference = Reference(
                text=text.strip(),
                ref=_unwrap(match["ref"] or "") or None,
                star=bool(match["star_role"]),
                star_role=self.catalogue.role(match["star_role"] or "")
                or (match["star_role"] or ""),
            )
            if match["plus"]:
                plus = self.parse(match["plus"])
                out.reference.plus = plus.parties
                out.problems += plus.problems
            return out
        with_whom = None
        if m := _WITH.search(text):  # "(with Wye Valley NHS Trust)": a joint lead
            with_whom, text = m.group("who").strip(), text[: m.start()].strip()
        where = ""
        if m := _TRAILING_BRACKET.search(text):
            bare = text[: m.start()].strip()
            if self._name_and_role(bare) and self._organisation_like(m.group("what")):
                text, where = bare, m.group("what").strip()  # "Director, People (HBC)"
            elif _initials(bare) == m.group("what").strip():
                text = bare  # "Designated Clinical Officer (DCO)": the role and its short form
        if group := self._listed_group(text):
            out.parties.append(group)
            return out
        if whole := self._name_and_role(text):
            out.parties.append(whole.model_copy(update={"organisation": where}))
            if with_whom:
                out.parties += [p for p, _ in self._unnamed(with_whom, "")]
            return out
        seen: set[tuple[str, str]] = set()
        # "NYSCB Manager – Dallas Frank": the person, in that role.
        for m in _ROLE_THEN_NAME.finditer(text):
            if self._people.get(self._key_of(m.group("name"))):
                self.note_role(m.group("name"), m.group("role").strip())
                seen.add((PartyKind.ROLE, m.group("role").strip()))
        for chunk in self._chunks(text):
            for party, problem in self._parties_in(chunk):
                if (party.kind, party.name) not in seen:
                    seen.add((party.kind, party.name))
                    out.parties.append(party)
                if problem:
                    out.problems.append(problem)
        if with_whom:
            out.parties += [p for p, _ in self._unnamed(with_whom, "")]
        return out

    def _mention_pattern(self) -> re.Pattern[str] | None:
        givens = frozenset(r.given for r in self._people.values())
        if not givens:
            return None
        if self._mention_re is None or self._mention_re[0] != givens:
            alternatives = "|".join(map(re.escape, sorted(givens, key=len, reverse=True)))
            self._mention_re = (
                givens,
                re.compile(
                    rf"\b({alternatives})\s+((?:O['’]|Mc)?[A-Z][a-z'’-]*\.?|O['’])(?![A-Za-z])"
                ),
            )
        return self._mention_re[1]

    def _listed_group(self, text: str) -> Party | None:
        """ "Performance, Quality and Audit Sub-Group": one group whose name lists its remit,
        single words before a group's head noun, none of them a party of its own."""
        pieces = [p.strip() for p in re.split(r",|\s+(?:and|&)\s+", text)]
        if len(pieces) < 3 or "/" in text or "(" in text:
            return None
        *remit, last = pieces
        if not all(len(p.split()) == 1 and p[:1].isupper() for p in remit):
            return None
        if self._head_kind(last.split()) != PartyKind.GROUP or any(
            self._stands_alone(p) or _ACRONYM.match(p) for p in remit
        ):
            return None
        return Party(name=text.strip(), kind=PartyKind.GROUP)

    def _name_and_role(self, text: str) -> Party | None:
        """Two shapes that are one party, though they hold a comma: 'Jane Smith, Head of
        Service' (a person and their job) and 'Team Manager, Assessment Team' (a role
        and where it sits)."""
        parts = re.split(r"(,|\s[–—-]\s)", text, maxsplit=1)
        if len(parts) < 3:
            return None
        head, comma, rest = parts[0].strip(), parts[1].strip(), parts[2].strip()
        if not rest or "," in rest or "/" in text or "(" in text:
            return None
        role = self.catalogue.role(head) or (
            head if self._head_kind(head.split()) == PartyKind.ROLE else None
        )
        # Names in the qualifier ("Child Protection") are only names when they make most of
        # it: "NYSCB Manager – Dallas Frank Judith Hay" is a role, then people.
        named = sum(len(words) for words, _ in self._names_in(rest))
        if role and " and " not in head and named * 2 < len(rest.split()):
            # "Director, Children and Families": one role, its "and" and comma included.
            joined = f"{role}, {rest}" if comma == "," else f"{role} {comma} {rest}"
            return Party(name=joined, kind=PartyKind.ROLE)
        if " and " in text:
            return None
        names = self._names_in(head)
        if len(names) == 1 and len(names[0][0]) == len(head.split()):
            if self._head_kind(rest.split()) == PartyKind.ROLE or self.catalogue.role(rest):
                record = self._add(names[0][0])
                record.role = record.role or (self.catalogue.role(rest) or rest)
                return Party(name=record.name, kind=PartyKind.PERSON, text=text)
            return None
        return None

    def _head_kind(self, words: list[str]) -> PartyKind | None:
        """The kind a phrase's head noun gives it: 'Team Manager' is a role, 'Group
        Managers' a group, 'Assessment Team' a group, 'Head of Safeguarding' a role."""
        if not words:
            return None
        lowered = [w.casefold() for w in words]
        head = words[lowered.index("of") - 1] if "of" in lowered[1:] else words[-1]
        head = head.strip("().,").rsplit("-", 1)[-1]
        written_lower = head.islower()
        if written_lower:  # "English subject leader": the same head noun, in lower case
            head = head.capitalize()
        if head in self.catalogue.role_words:
            return PartyKind.ROLE
        if head.endswith("s") and head[:-1] in self.catalogue.role_words:
            # "Operations Managers", "Assistant Directors": a job several people hold; "DCS
            # Managers": the managers of an office or body, a group.
            # A plural written in lower case ("Agency partners") or of a collection ("Chairs of
            # all Groups") is a group of people too.
            before = words[: words.index(head)] if head in words else words[:-1]
            collective = written_lower or bool({"all", "each", "every"} & set(lowered))
            if collective or any(_ACRONYM.match(w) for w in before):
                return PartyKind.GROUP
            return PartyKind.ROLE
        if head in self.catalogue.group_words:
            return PartyKind.GROUP
        if head in self.catalogue.organisation_words:
            return PartyKind.ORGANISATION
        return None

    def mentions(self, text: str) -> tuple[list[Party], list[str]]:
        """People named in running text, by full name or by a fragment of a known name
        ("Alan T", "Nick O'"); fragments that fit no one are reported."""
        found: list[Party] = []
        problems: list[str] = []
        pattern = self._mention_pattern()
        if pattern is None:
            return found, problems
        for m in pattern.finditer(text):
            given, rest = m.group(1), m.group(2)
            record = self._fragment(given, rest)
            if record is None:
                problems.append(m.group(0))
                continue
            party = Party(name=record.name, kind=PartyKind.PERSON, text=m.group(0))
            if m.group(0) != record.name:
                self._alias(record, m.group(0))
            if all(p.name != party.name for p in found):
                found.append(party)
        return found, problems

    # -- reading a chunk --------------------------------------------------------------

    @staticmethod
    def _dedupe(text: str) -> tuple[str, str]:
        """Word tables sometimes hold a cell's text twice over ("Key group of workers ...
        Key groups of workers ..."). Keep the first copy and say so."""
        words = text.split()
        n = len(words)
        if n >= 6 and n % 2 == 0:
            first, second = words[: n // 2], words[n // 2 :]
            same = sum(
                a.rstrip("s").casefold() == b.rstrip("s").casefold()
                for a, b in zip(first, second, strict=True)
            )
            if same >= len(first) - 1:
                return " ".join(first), " ".join(second)
        return text, ""

    def _chunks(self, text: str) -> list[str]:
        """Split a cell at its separators: newlines, ';', ',', ' & ', dashes, and '/'
        (but not 'workers/ facilitators', where the slash means 'or'); ' and ' only
        where both sides stand alone as parties."""
        text = text.replace("’", "'")
        parts = re.split(r"\n|;|,|\s+[–—-]\s+|\s+plus\s+", text)
        out: list[str] = []
        for part in parts:
            pieces = re.split(r"(?<=[^\s])\s*/\s*|\s+/\s*", part)
            merged: list[str] = []
            for piece in pieces:
                if merged and piece[:1].islower() and merged[-1][-1:].islower():
                    merged[-1] += "/" + piece
                else:
                    merged.append(piece)
            for piece in merged:
                out.extend(self._split_and(piece))
        return [c.strip(" .:") for c in out if c.strip(" .:")]

    def _split_and(self, text: str) -> list[str]:
        """ "Judith Hay and Carolyn Bird" is two; "Data and Performance Manager", "Head of
        Quality and Performance" and "Victim and Restorative Justice Lead" are one role."""
        pieces = re.split(r"\s+(?:and|&)\s+", text)
        if len(pieces) == 1:
            return [text]
        if self._role_of(text):
            # "Director of Children's Services and BCCG Chief Nurse": a second job title after
            # the remit's "and" (two words or more, its own role noun) is a second role.
            last = pieces[-1].split()
            if len(last) > 1 and self._head_kind(last) == PartyKind.ROLE:
                return [" and ".join(pieces[:-1]), pieces[-1]]
            return [text]
        shared_head = (
            self._head_kind(pieces[-1].split()) == PartyKind.ROLE
            and self._head_kind(pieces[0].split()) is None
            and not self._names_in(pieces[0])
        )  # "Financial Assessment & Benefits Manager": one job
        if (
            " for " not in pieces[0]
            and not shared_head
            and (len(pieces[0].split()) > 1 or self._stands_alone(pieces[0]))
            and all(self._stands_alone(p) for p in pieces[1:])
        ):
            return pieces
        # "SNAP Parent and Carer Forum and Head of SEND Service": one "and" parts two parties
        # whose own names hold the others.
        for k in range(1, len(pieces)):
            left, right = " and ".join(pieces[:k]), " and ".join(pieces[k:])
            if (
                len(left.split()) > 1
                and len(right.split()) > 1
                and self._stands_alone(left)
                and (self._role_of(right) or self._stands_alone(right))
            ):
                return [left, right]
        return [text]

    def _stands_alone(self, text: str) -> bool:
        text = text.strip(" .")
        words = text.split()
        return bool(
            self.catalogue.role(text)
            or self.catalogue.organisation(text)
            or self._known_body(text)
            or (len(words) > 1 and self._head_kind(words) is not None)
            or (
                len(words) in (2, 3)
                and all(_NAME_WORD.match(w) or _INITIAL.match(w) for w in words)
                and _NAME_WORD.match(words[0])
                and words[0] not in self._stop
            )
        )

    def _known_body(self, text: str) -> bool:
        folded = text.casefold()
        return any(
            folded
            in {b.abbreviation.casefold(), b.name.casefold(), *(a.casefold() for a in b.aliases)}
            or (b.pattern is not None and b.pattern.match(text))
            for b in self.catalogue.bodies
        )

    def _names_in(self, chunk: str) -> list[tuple[list[str], tuple[int, int]]]:
        """Full names in a chunk, as word lists with their word span. Names run together
        ("Simon Moss Marc Mason") are paired off: given name, optional initial, surname."""
        if self._role_of(chunk):
            return []  # "Head of Education Planning": a job title, not a person called that
        words = chunk.split()
        names: list[tuple[list[str], tuple[int, int]]] = []
        i = 0
        while i < len(words):
            run_start = i
            while i < len(words) and self._name_like(words[i], first=(i == run_start)):
                i += 1
            if run_start > 0 and words[run_start - 1] in self._title_words:
                i = max(i, run_start + 1)  # "Principal Social Worker": a title
                continue
            j = run_start
            if i < len(words) and self._is_title_word(words[i]):
                i += 1  # "Independent Reviewing Officer", "Training Sub-Group": not a name
                continue
            while i - j >= 2:
                if i - j >= 3 and _INITIAL.match(words[j + 1]) and _NAME_WORD.match(words[j + 2]):
                    names.append((words[j : j + 3], (j, j + 3)))
                    j += 3
                elif _NAME_WORD.match(words[j + 1]):
                    names.append((words[j : j + 2], (j, j + 2)))
                    j += 2
                else:
                    break
            i = max(i, run_start + 1)
        return names

    def _is_title_word(self, word: str) -> bool:
        return word in self._title_words or word.rsplit("-", 1)[-1] in self._title_words

    def _role_of(self, text: str) -> bool:
        """ "Head of Quality and Performance": a role word, then 'of' or 'for' and its remit."""
        m = _ROLE_OF.match(text)
        return m is not None and m.group("head") in self.catalogue.role_words and "(" not in text

    def _name_like(self, word: str, *, first: bool) -> bool:
        if word in self._stop or word.rstrip("'s") in self._stop:
            return False
        if first:
            return bool(_NAME_WORD.match(word)) and not word.startswith("O'")
        return bool(_NAME_WORD.match(word) or _INITIAL.match(word))

    def _parties_in(self, chunk: str) -> list[tuple[Party, str]]:
        if self._role_of(chunk):
            return [(Party(name=self.catalogue.role(chunk) or chunk, kind=PartyKind.ROLE), "")]
        out: list[tuple[Party, str]] = []
        # A bracket after a name says where they work: "Iain Spittle (Police)". Brackets
        # become one placeholder word each, so they stay beside the name they follow.
        brackets = [m.strip() for m in _PAREN.findall(chunk)]
        words = _PAREN.sub(" \x00 ", chunk).split()
        names = self._names_in(" ".join(w for w in words))
        used: set[int] = set()
        marks = iter(brackets)
        bracket_at = {k: next(marks) for k, w in enumerate(words) if w == "\x00"}
        for name_words, (a, b) in names:
            record = self._add(name_words)
            used.update(range(a, b))
            if b in bracket_at:
                used.add(b)
                record.organisation = record.organisation or bracket_at[b]
            elif words[b : b + 1] == ["for"]:
                # "Marion Sadler for CYPS": what follows 'for' is where they work.
                end = b + 1
                while end < len(words) and not any(s == end for _, (s, _e) in names):
                    end += 1
                used.update(range(b, end))
                record.organisation = record.organisation or " ".join(words[b + 1 : end])
            written = " ".join(name_words)
            out.append(
                (
                    Party(
                        name=record.name,
                        kind=PartyKind.PERSON,
                        text="" if written == record.name else written,
                        organisation=bracket_at.get(b, ""),
                    ),
                    "",
                )
            )
        titled = {}
        for _, (a, _b) in names:
            if a > 0 and words[a - 1] in self.catalogue.honorifics:
                used.add(a - 1)  # "DI Sarah Penrose": a rank or title, not someone else
                titled[a] = words[a - 1]
        for party_index, (_, (a, _b)) in enumerate(names):
            if a in titled:
                party = out[party_index][0]
                out[party_index] = (
                    party.model_copy(update={"text": f"{titled[a]} {party.text or party.name}"}),
                    "",
                )
        leftover = [w for k, w in enumerate(words) if k not in used and w != "\x00"]
        if names:
            # Whatever is left beside a name is initials ("Marc Mason CAB to oversee").
            for w in leftover:
                if _ACRONYM.match(w):
                    out.extend(self._short_form(w))
            return out
        core = " ".join(leftover)
        initials = [b for b in brackets if _INITIALS.fullmatch(b)]
        if initials and len(initials) == len(brackets):
            # "Operations Manager (PH)", "(KW)": the person, by initials, in that role.
            found = [p for b in initials for p in self._short_form(b)]
            if core and self._head_kind(core.split()) == PartyKind.ROLE:
                for party, _ in found:
                    self.note_role(party.name, core)
            return found
        qualifier = ", ".join(brackets)
        if not core:
            return out
        return self._unnamed(core, qualifier)

    def _short_form(self, word: str) -> list[tuple[Party, str]]:
        """An acronym: a known role or organisation or body, a person's initials, or a
        team we do not know."""
        if known := self._catalogued(word, word):
            return [(known, "")]
        if self._known_body(word) or word in self.catalogue.service_prefixes:
            return [(Party(name=word, kind=PartyKind.GROUP), "")]
        record = self._initials(word)
        if record is not None:
            self._alias(record, word)
            return [(Party(name=record.name, kind=PartyKind.PERSON, text=word), "")]
        if len(word) == 2 and word.isupper():
            return [
                (
                    Party(name=word, kind=PartyKind.PERSON, text=word),
                    f"initials {word!r} match no one named in the plan",
                )
            ]
        return [(Party(name=word, kind=PartyKind.GROUP), "")]

    def _unnamed(self, text: str, qualifier: str) -> list[tuple[Party, str]]:
        words = text.split()
        if words[0] in self.catalogue.service_prefixes and len(words) == 2:
            return [(Party(name=text, kind=PartyKind.GROUP), "")]  # "CSC SMT" is one team
        if all(_ACRONYM.match(w) for w in words):
            return [p for w in words for p in self._short_form(w)]
        rest = " ".join(words[1:]).removeprefix("NY ")
        if (
            len(words) > 2
            and _ACRONYM.match(words[0])
            and self._known_body(words[0])
            and self._known_body(rest)
        ):
            return self._short_form(words[0]) + self._unnamed(" ".join(words[1:]), qualifier)
        if (
            len(words) == 2
            and _NAME_WORD.match(words[0])
            and (_INITIAL.match(words[1]) or _O_FRAGMENT.match(words[1]))
        ):
            record = self._fragment(words[0], words[1])
            if record is not None:
                self._alias(record, text)
                return [(Party(name=record.name, kind=PartyKind.PERSON, text=text), "")]
            return [
                (
                    Party(name=text, kind=PartyKind.PERSON),
                    f"{text!r} matches no one named in the plan",
                )
            ]
        full = f"{text} ({qualifier})" if qualifier else text
        if known := self._catalogued(text, full):
            return [(known, "")]
        if self._known_body(text):
            return [(Party(name=full, kind=PartyKind.GROUP), "")]
        kind = self._kind_of_phrase(words)
        where = re.sub(r"^(?:with|at|from|in)\s+", "", qualifier, flags=re.IGNORECASE)
        if where and kind in (PartyKind.ROLE, PartyKind.GROUP) and self._organisation_like(where):
            # "Service Director, Early Help (with Wye Valley NHS Trust)": a role and its employer.
            return [(Party(name=text, kind=kind, text=full, organisation=where), "")]
        return [(Party(name=full, kind=kind), "")]

    def _organisation_like(self, text: str) -> bool:
        words = {w.strip("().,") for w in text.split()}
        return bool(
            self.catalogue.organisation(text)
            or words & self.catalogue.organisation_words
            or _ACRONYM.fullmatch(text)
        )

    def _catalogued(self, text: str, written: str) -> Party | None:
        """A role or organisation the catalogue knows, by its canonical name."""
        for kind, name in (
            (PartyKind.ROLE, self.catalogue.role(text)),
            (PartyKind.ORGANISATION, self.catalogue.organisation(text)),
        ):
            if name:
                return Party(name=name, kind=kind, text=written if written != name else "")
        return None

    def _kind_of_phrase(self, words: list[str]) -> PartyKind:
        if (kind := self._head_kind(words)) is not None:
            return kind
        bare = {w.strip("()'.,") for w in words}
        if bare & self.catalogue.organisation_words and not bare & {
            "Managers",
            "Manager",
            "Mgr",
            "Heads",
        }:
            return PartyKind.ORGANISATION
        if bare & self.catalogue.group_words or words[0][:1].islower():
            return PartyKind.GROUP
        if bare & self.catalogue.role_words:
            return PartyKind.ROLE
        return PartyKind.GROUP
