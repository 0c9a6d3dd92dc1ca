"""The identifier check: what in a piece of free text is likely to identify a child or a
family member, and why.

What is refused (docs/privacy.md):

- NHS numbers: ten digits, written together or in groups of 3-3-4 (spaces or hyphens), whose
  last digit is the modulus 11 check digit of the first nine;
- Unique Pupil Numbers: a letter and twelve more characters (eleven digits and a digit, or a
  letter for a temporary UPN) whose first letter is the DfE check letter of the rest;
- dates of birth: a date (13/03/2009, 13 March 2009, 2009-03-13, 13th of March) with a birth
  word (born, birth, DOB, D.O.B., birthday) just before it or just after it in the same
  sentence, or a month and year right beside one ("born in April 2012"). Other dates pass:
  audits and feedback are full of the dates of visits, meetings and conferences;
- UK postcodes (YO7 1HH, yo7 1hh, EC1A 1BB, GIR 0AA, BFPO 801), except a lower-case ordinal
  as the second half ("s47 2nd"), which in practice text is a count, not a place;
- e-mail addresses;
- UK telephone numbers: 0, +44 or 0044 followed by nine or ten digits (spaces, hyphens and
  brackets allowed), starting 01, 02, 03, 05, 07 or 08;
- a person's name: a capitalised given name from data/given_names.txt followed by a
  capitalised word that is not a common heading word (a month, a day, Team, Service...), or a
  title (Mr, Mrs, Dr...) and a surname; unless that name is one of the plan's people
  (`people`) or the pair names a place ("Florence Nightingale ward").

Each finding says what kind of identifier it looks like and why; it never holds the text.
"""

from __future__ import annotations

import enum
import itertools
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

_DATA = Path(__file__).resolve().parent / "data"


class Kind(enum.StrEnum):
    NHS_NUMBER = "an NHS number"
    UPN = "a Unique Pupil Number"
    DATE_OF_BIRTH = "a date of birth"
    POSTCODE = "a postcode"
    EMAIL = "an e-mail address"
    PHONE = "a telephone number"
    NAME = "a person's name"


KINDS = tuple(Kind)

_WHY = {
    Kind.NHS_NUMBER: "ten digits whose last digit is the NHS number check digit",
    Kind.UPN: "a letter and twelve characters whose first letter is the pupil number check letter",
    Kind.DATE_OF_BIRTH: "a date next to a word such as 'born' or 'DOB'",
    Kind.POSTCODE: "it has the shape of a UK postcode",
    Kind.EMAIL: "it has the shape of an e-mail address",
    Kind.PHONE: "it has the shape of a UK telephone number",
    Kind.NAME: "a common first name or a title followed by what looks like a surname, and not "
    "one of the plan's people",
}


@dataclass(frozen=True)
class Identifier:
    """Something that looks like an identifier: its kind, why, and where it is (character
    positions). It never holds the text, so it can be logged or shown safely."""

    kind: Kind
    start: int
    end: int

    @property
    def reason(self) -> str:
        return _WHY[self.kind]


REMOVED = "[removed]"


def refusal(field: str, found: Identifier) -> str:
    """The message a form shows: which field, what kind of identifier, and why; never the
    value."""
    return (
        f"{field} seems to contain {found.kind} ({found.reason}). It has been taken out and "
        f"shown as {REMOVED}: this service keeps no names or other identifiers of children "
        "and families"
    )


def mask(text: str, found: list[Identifier]) -> str:
    """The text with each identifier found replaced by REMOVED: what a form shows back, so the
    rest of what was typed is kept and the identifier is not."""
    for f in sorted(found, key=lambda f: f.start, reverse=True):
        text = text[: f.start] + REMOVED + text[f.end :]
    return text


# --- NHS numbers ---------------------------------------------------------------------------

_NHS = re.compile(r"(?<![\w+])(\d{3})[ -]?(\d{3})[ -]?(\d{4})(?!\w)")


def nhs_check_digit(nine: str) -> int | None:
    """The check digit of the first nine digits of an NHS number; None when the weighted sum
    gives 10, which no NHS number has."""
    total = sum(int(d) * w for d, w in zip(nine, range(10, 1, -1), strict=True))
    check = 11 - total % 11
    if check == 11:
        return 0
    return None if check == 10 else check


def is_valid_nhs_number(digits: str) -> bool:
    digits = re.sub(r"[ -]", "", digits)
    if len(digits) != 10 or not digits.isdigit():
        return False
    return nhs_check_digit(digits[:9]) == int(digits[9])


# --- Unique Pupil Numbers ------------------------------------------------------------------

_UPN_LETTERS = "ABCDEFGHJKLMNPQRTUVWXYZ"  # the DfE's 23 check letters: no I, O or S
_UPN = re.compile(r"(?<![A-Za-z0-9])([A-Za-z])(\d{11}[0-9A-Za-z])(?![A-Za-z0-9])")


def upn_check_letter(rest: str) -> str:
    """The check letter of a UPN's characters 2 to 13: each weighted by its position (2 to
    13), summed, modulo 23. A letter in position 13 (a temporary UPN) counts as its place in
    the check letters."""
    total = 0
    for position, char in enumerate(rest.upper(), start=2):
        value = int(char) if char.isdigit() else _UPN_LETTERS.index(char)
        total += value * position
    return _UPN_LETTERS[total % 23]


def _is_upn(letter: str, rest: str) -> bool:
    last = rest[-1].upper()
    if not last.isdigit() and last not in _UPN_LETTERS:
        return False
    return upn_check_letter(rest) == letter.upper()


# --- dates of birth ------------------------------------------------------------------------

_MONTHS = (
    "jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    "|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?"
)
_DATE = re.compile(
    rf"""(?<![\w/.-])(?:
        \d{{1,2}}[/.-]\d{{1,2}}[/.-](?:\d{{4}}|\d{{2}})
      | \d{{4}}-\d{{1,2}}-\d{{1,2}}
      | \d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?(?:{_MONTHS})(?:,?\s+\d{{4}})?
      | (?:{_MONTHS})\s+\d{{1,2}}(?:st|nd|rd|th)?(?:,?\s+\d{{4}})?
    )(?![\w/-])""",
    re.IGNORECASE | re.VERBOSE,
)
_BIRTH = re.compile(r"\b(?:born|birth|birthday|dob|d\.\s?o\.\s?b\.?)(?!\w)", re.IGNORECASE)
_BEFORE, _AFTER = 40, 20  # characters around a date where a birth word makes it a birth date


# A month and year is a birth date only right beside a birth word ("born in April 2012",
# "DOB: Apr 2012", "April 2012 (DOB)"): "audit completed in April 2013" must pass.
_MONTH_YEAR = rf"((?:{_MONTHS})\.?,?\s+(?:\d{{4}}|'\d{{2}}))(?!\w)"
_BIRTH_WORD = r"(?:born|dob|d\.\s?o\.\s?b\.?|date of birth)"
_BIRTH_MONTH = re.compile(rf"\b{_BIRTH_WORD}(?:\s+(?:in|on))?[:\s]\s*{_MONTH_YEAR}", re.IGNORECASE)
_MONTH_BIRTH = re.compile(rf"(?<!\w){_MONTH_YEAR}\s*[(,-]?\s*{_BIRTH_WORD}", re.IGNORECASE)
# A birth word in another sentence or clause says nothing about this date.
_BOUNDARY = re.compile(r"[.;!?](?:\s|$)")


def _dates_of_birth(text: str) -> Iterable[tuple[int, int]]:
    for m in itertools.chain(_BIRTH_MONTH.finditer(text), _MONTH_BIRTH.finditer(text)):
        yield m.span(1)
    for m in _DATE.finditer(text):
        start = max(0, m.start() - _BEFORE)
        before = list(_BIRTH.finditer(text, start, m.start()))
        after = list(_BIRTH.finditer(text, m.end(), m.end() + _AFTER))
        if any(not _BOUNDARY.search(text, b.end(), m.start()) for b in before) or any(
            not _BOUNDARY.search(text, m.end(), b.start()) for b in after
        ):
            yield m.span()


# --- postcodes, e-mail addresses, telephone numbers ----------------------------------------

_POSTCODE = re.compile(
    r"(?<![A-Za-z0-9])([A-PR-UWYZ][A-HK-Y]?\d[A-Z\d]?)\s?(\d[ABD-HJLNP-UW-Z]{2})(?![A-Za-z0-9])",
    re.IGNORECASE,
)
_ORDINAL = re.compile(r"1st|2nd|3rd|[04-9]th")  # "s47 2nd": a count, not an inward code
_SPECIAL_POSTCODE = re.compile(r"(?<![A-Za-z0-9])(?:GIR\s?0AA|BFPO\s?\d{1,4})(?![A-Za-z0-9])", re.I)

_EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}")

_PHONE = re.compile(r"(?<![\w+])(?:\+\s?44|00\s?44|\(?0)[\d\s()-]{8,16}\d(?!\w)")
_PHONE_STARTS = "123578"


def _is_phone(candidate: str) -> bool:
    digits = re.sub(r"\D", "", candidate).removeprefix("00")
    if digits.startswith("44"):
        digits = "0" + digits[2:].removeprefix("0")  # +44 (0)1904 ...
    return len(digits) in (10, 11) and digits[0] == "0" and digits[1] in _PHONE_STARTS


# --- people's names ------------------------------------------------------------------------

# Capitalised words that follow a given name in ordinary council text without making it a
# person's name: months, days, and the nouns of teams, places and documents.
_HEADING_WORDS = """
    january february march april may june july august september october november december
    monday tuesday wednesday thursday friday saturday sunday
    team teams service services plan plans panel review reviews conference meeting meetings
    board group hub centre center house court school academy unit project programme
    street road lane avenue ward wing term day week month year quarter
    park lodge gardens close drive way crescent square place grove terrace hill green
    village estate farm cottage bridge field fields walk row
    nursery primary infants juniors college university hospital clinic surgery library
    church chapel hall trust foundation fund award room suite building
    period holiday holidays scheme session sessions club
"""
_NOT_SURNAMES = frozenset(_HEADING_WORDS.split())
_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*")


@cache
def given_names() -> frozenset[str]:
    lines = (_DATA / "given_names.txt").read_text(encoding="utf-8").splitlines()
    return frozenset(n.strip().casefold() for n in lines if n.strip() and not n.startswith("#"))


_TITLES = frozenset(["mr", "mrs", "ms", "miss", "mx", "dr"])


def _is_given_name(word: str) -> bool:
    """A given name from the list, or one made of them ("Sarah-Jane", "Mary-Kate")."""
    names = given_names()
    parts = re.split(r"[-’']", word.casefold())
    return word.casefold() in names or (len(parts) > 1 and all(p in names for p in parts))


def _is_capitalised(word: str) -> bool:
    return word[0].isupper() and not word.isupper() and word[1:2].islower()


def _surname_like(word: str) -> bool:
    if word.isupper() and len(word) > 1:
        return False  # an acronym: "May ICPC"
    if not word[0].isupper():
        return False
    return word.casefold() not in _NOT_SURNAMES


def _known(people: Iterable[str]) -> set[tuple[str, str]]:
    """(first, last) of each of the plan's people: "David F O'Brien" also allows
    "David O'Brien"."""
    pairs = set()
    for name in people:
        words = _WORD.findall(name)
        if len(words) >= 2:
            pairs.add((words[0].casefold(), words[-1].casefold()))
            pairs.update((a.casefold(), b.casefold()) for a, b in itertools.pairwise(words))
    return pairs


def _names(text: str, people: Iterable[str]) -> Iterable[tuple[int, int]]:
    known = _known(people)
    surnames = {last for _, last in known}
    words = list(_WORD.finditer(text))
    for i, (first, second) in enumerate(itertools.pairwise(words)):
        between = text[first.end() : second.start()]
        a, b = first.group(), second.group()
        if a.casefold() in _TITLES and a[0].isupper() and between in (" ", ". "):
            # "Mrs Evans", "Dr. Shah": a title and a surname is a person, unless one of the
            # plan's people.
            if _surname_like(b) and b.casefold() not in surnames:
                yield first.start(), second.end()
            continue
        if not between.isspace() or "\n" in between:
            continue
        if not _is_capitalised(a) or not _is_given_name(a) or not _surname_like(b):
            continue
        if (a.casefold(), b.casefold()) in known or _names_a_place(text, words, i + 2):
            continue
        yield first.start(), second.end()


def _names_a_place(text: str, words: list, after: int) -> bool:
    """Whether the pair of words before words[after] names a place or a thing after a person:
    "Florence Nightingale ward", "Grace Darling House"."""
    if after >= len(words):
        return False
    nxt = words[after]
    between = text[words[after - 1].end() : nxt.start()]
    return between.isspace() and nxt.group().casefold() in _NOT_SURNAMES


# --- all of them ---------------------------------------------------------------------------


def find_identifiers(text: str, *, people: Iterable[str] = ()) -> list[Identifier]:
    """Everything in `text` that looks like an identifier, in the order it appears; where two
    findings overlap, the first kind checked (the list above) wins. `people` are the full
    names of the plan's people, whose names are allowed."""
    if not text:
        return []
    found: list[Identifier] = []

    def add(kind: Kind, span: tuple[int, int]) -> None:
        start, end = span
        if not any(start < f.end and f.start < end for f in found):
            found.append(Identifier(kind, start, end))

    for m in _NHS.finditer(text):
        if is_valid_nhs_number(m.group(1) + m.group(2) + m.group(3)):
            add(Kind.NHS_NUMBER, m.span())
    for m in _UPN.finditer(text):
        if _is_upn(m.group(1), m.group(2)):
            add(Kind.UPN, m.span())
    for span in _dates_of_birth(text):
        add(Kind.DATE_OF_BIRTH, span)
    for m in _EMAIL.finditer(text):
        add(Kind.EMAIL, m.span())
    for m in _POSTCODE.finditer(text):
        inward = m.group(2)
        if not (inward.islower() and _ORDINAL.fullmatch(inward)):
            add(Kind.POSTCODE, m.span())
    for m in _SPECIAL_POSTCODE.finditer(text):
        add(Kind.POSTCODE, m.span())
    for m in _PHONE.finditer(text):
        if _is_phone(m.group()):
            add(Kind.PHONE, m.span())
    for span in _names(text, people):
        add(Kind.NAME, span)
    return sorted(found, key=lambda f: f.start)
