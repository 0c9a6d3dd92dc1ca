"""The register of the people a plan names: each person's full name, the other forms it is
written in, their role and organisation; and who initials ("JH") and fragments ("Alan T")
stand for. `People` (people.py) fills it from the plan's cells and reads cells against it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from actionplan.interchange import Person


@dataclass
class PersonRecord:
    given: str
    surname: str
    middle: str = ""
    forms: set[str] = field(default_factory=set)
    role: str = ""
    organisation: str = ""

    @property
    def name(self) -> str:
        return " ".join(p for p in (self.given, self.middle, self.surname) if p)

    @property
    def key(self) -> tuple[str, str]:
        return (self.given.casefold(), self.surname.casefold())


class Register:
    """Who the plan names, as met so far."""

    def __init__(self) -> None:
        self._people: dict[tuple[str, str], PersonRecord] = {}
        self._aliases: dict[tuple[str, str], set[str]] = {}

    def note_organisation(self, name: str, organisation: str) -> None:
        record = self._people.get(self._key_of(name))
        if record and not record.organisation:
            record.organisation = organisation

    def note_role(self, name: str, role: str) -> None:
        record = self._people.get(self._key_of(name))
        if record and not record.role:
            record.role = role

    def _add(self, words: list[str]) -> PersonRecord:
        given, surname = words[0], words[-1]
        middle = words[1].rstrip(".") if len(words) == 3 else ""
        key = (given.casefold(), surname.casefold())
        record = self._people.get(key)
        if record is None:
            record = self._people[key] = PersonRecord(given, surname, middle)
        elif middle and not record.middle:
            record.middle = middle  # "David F O'Brien" is fuller than "David O'Brien"
        record.forms.add(" ".join(words))
        return record

    @staticmethod
    def _key_of(name: str) -> tuple[str, str]:
        words = name.split()
        return (words[0].casefold(), words[-1].casefold()) if words else ("", "")

    def initials(self) -> set[str]:
        return {r.given[0] + r.surname.lstrip("O'’")[0] for r in self._people.values()}

    def people(self) -> list[Person]:
        out = []
        for record in sorted(self._people.values(), key=lambda r: (r.surname, r.given)):
            aliases = sorted(f for f in record.forms if f != record.name)
            aliases += sorted(a for a in self._aliases.get(record.key, ()) if a not in aliases)
            out.append(
                Person(
                    name=record.name,
                    aliases=aliases,
                    role=record.role,
                    organisation=record.organisation,
                )
            )
        return out

    def _alias(self, record: PersonRecord, form: str) -> None:
        if form != record.name:
            self._aliases.setdefault(record.key, set()).add(form)

    # -- resolving short forms ---------------------------------------------------------

    def _initials(self, word: str) -> PersonRecord | None:
        """'JH' is Judith Hay; 'CAB' is Carolyn (A.) Bird: first and last letters must fit
        exactly one person named in the plan."""
        if not (2 <= len(word) <= 3 and word.isupper()):
            return None
        found = [
            r
            for r in self._people.values()
            if r.given[0] == word[0]
            and r.surname.lstrip("O'’")[0] == word[-1]
            and (len(word) == 2 or not r.middle or r.middle[0] == word[1])
        ]
        return found[0] if len(found) == 1 else None

    def _fragment(self, given: str, rest: str) -> PersonRecord | None:
        """'Alan T' is Alan Tucker; "Nick O'" is Nick O'Brien."""
        rest = rest.rstrip(".").replace("’", "'")
        candidates = [
            r
            for r in self._people.values()
            if r.given == given and r.surname.replace("’", "'").startswith(rest)
        ]
        return candidates[0] if len(candidates) == 1 else None


def people_table(rows) -> list[tuple[str, str, str]]:
    """A plan's list of key individuals ("Initials | Name | Role | Organisation"): who the
    initials in its lead cells are. (name, role, organisation) for each row."""
    out: list[tuple[str, str, str]] = []
    columns: dict[str, int] | None = None
    place = None
    for row in rows:
        head, found, _ = row.where.rpartition(", row ")
        if columns is not None and (head if found else None) == place:
            cells = [c.strip() for c in row.cells]
            name = cells[columns["name"]] if columns["name"] < len(cells) else ""
            if name:
                out.append(
                    (
                        name,
                        cells[columns["role"]] if 0 <= columns["role"] < len(cells) else "",
                        cells[columns["org"]] if 0 <= columns["org"] < len(cells) else "",
                    )
                )
            continue
        words = [" ".join(c.casefold().split()) for c in row.cells]
        if "initials" in words and "name" in words:
            columns = {
                "name": words.index("name"),
                "role": next(
                    (i for i, w in enumerate(words) if w in ("role", "job title", "title")), -1
                ),
                "org": next(
                    (i for i, w in enumerate(words) if w in ("organisation", "agency")), -1
                ),
            }
            place = head if found else None
        else:
            columns = None
    return out
