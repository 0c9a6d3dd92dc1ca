"""Which column holds what: map a plan table's columns by what their headers mean.

Councils word their headers in many ways ("Lead Officer", "Who?", "Responsible officer",
"Owner"); the rules below read a header by its key words, in an order that settles the
ambiguous ones ("Progress against agreed action" is progress, not the action).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from enum import StrEnum, auto

from .readers.rows import Row


class Role(StrEnum):
    REF = auto()
    RECOMMENDATION = auto()
    RECOMMENDATION_REF = auto()
    ACTION = auto()
    RESOURCES = auto()
    LEADS = auto()
    PARTNERS = auto()
    DUE = auto()
    MILESTONES = auto()
    REPORTING = auto()
    PROGRESS = auto()
    STATUS = auto()
    RAG = auto()
    OUTCOME = auto()
    EVIDENCE = auto()
    PERCENT = auto()
    PARENT_REF = auto()
    PROGRESS_DATE = auto()


@dataclass(frozen=True)
class ColumnMap:
    roles: dict[Role, int]  # role -> column index
    headers: tuple[str, ...]  # the header cells as written
    unmapped: tuple[int, ...]  # non-empty headers with no role: the caller keeps them as text


_REF_WORDS = r"(no|nos|num|number|numbers|ref|refs|reference|id|#)"
# Tried in order; a header's candidate roles are all the rules it matches, best first.
# None marks words that rule a header out ("Start date" is not the due date).
_RULES: tuple[tuple[Role | None, str], ...] = (
    (None, r"\bstart"),
    (Role.PERCENT, r"%|\bper ?cent"),
    (Role.RAG, r"\bb?rag\b|\bb? ?r a g\b|\bred amber green\b"),
    (Role.PARENT_REF, rf"^parent( action)?( {_REF_WORDS[1:-1]})?$"),
    (
        Role.PROGRESS_DATE,
        r"^(progress|update|last update|latest update) (date|as at)$|^date of (the )?update$",
    ),
    (
        Role.PROGRESS,
        r"\b(progress|updates?|comments?|commentary|notes|narrative|position|actions? taken)\b",
    ),
    (
        Role.RECOMMENDATION_REF,
        rf"\b(recommendations?|recs?|ofsted|report|para|paragraph|priority|area|afi)\b.*"
        rf"\b({_REF_WORDS[1:-1]}|para|paragraph)$|^(para|paragraph)$",
    ),
    (Role.REF, rf"^((action|item|task|step|line|row|ref|reference) )?{_REF_WORDS}$|^item$"),
    (Role.EVIDENCE, r"\bevidence"),
    (
        Role.MILESTONES,
        r"\b(milestones?|success|measures?|criteria|indicators?|kpis?|know|targets)\b",
    ),
    (
        Role.DUE,
        r"\b(due|deadlines?|timescales?|time ?frames?|timeline|dates?|when)\b",
    ),
    (
        Role.LEADS,
        r"\b(leads?|owners?|responsible|responsibility|accountable|accountability|who|whom"
        r"|officers?|champions?|sponsors?)\b",
    ),
    (
        Role.PARTNERS,
        r"\b(partners?|partnership|agency|agencies|stakeholders?|contributors?)\b",
    ),
    (Role.RESOURCES, r"\b(resources?|resourcing|costs?|costing|budget|funding|finance|how)\b"),
    (
        Role.REPORTING,
        r"\b(reporting|reports? to|reported|governance|monitoring|monitored|oversight"
        r"|scrutiny|assurance|evaluation)\b",
    ),
    (Role.OUTCOME, r"\b(outcomes?|impact|difference|results?)\b"),
    (Role.STATUS, r"\b(status|complete|completed|done)\b"),
    (
        Role.RECOMMENDATION,
        r"\b(recommendations?|areas? (for|of|requiring) (improvement|development)"
        r"|improvements? (area|required|needed)|priority|priorities|afi)\b",
    ),
    (Role.ACTION, r"\b(actions?|activity|activities|tasks?|what|steps?|interventions?)\b"),
)
_COMPILED = tuple((role, re.compile(pattern)) for role, pattern in _RULES)
_LONGEST_HEADER = 80  # longer cells are data, not headers
_NUMBERED = re.compile(r"\s*(\d+(\.\d+)*[a-z]?[.)]?|\(?[a-z][.)])\s", re.IGNORECASE)  # "1. Audit"

_RAG_WORDS = {"red", "amber", "green", "blue", "black", "r", "a", "g", "b"}
_SHORT_REF = re.compile(r"[(\[]?[a-z]{0,2}\s?\d{0,3}(\.\d{1,3})*\s?\(?[a-z]{0,2}[)\]]?\.?")


def _normalise(text: str) -> str:
    """Lower case, bracketed notes such as "(mm/yy)" dropped, "&" as "and", no punctuation."""
    text = text.lower().replace("&", " and ")
    unbracketed = re.sub(r"\([^)]*\)|\[[^]]*\]", " ", text)
    if unbracketed.strip():  # a header that is all brackets, such as "(RAG)", keeps its words
        text = unbracketed
    return " ".join(re.sub(r"[^a-z0-9%#]+", " ", text).split())


def _candidates(text: str) -> list[Role]:
    words = _normalise(text)
    if not words or len(words) > _LONGEST_HEADER or _NUMBERED.match(text):
        return []
    roles: list[Role] = []
    for role, pattern in _COMPILED:
        if pattern.search(words):
            if role is None:
                return roles
            if role not in roles:
                roles.append(role)
    return roles


def header_role(text: str) -> Role | None:
    """The role of one header cell, or None."""
    roles = _candidates(text)
    return roles[0] if roles else None


def map_columns(header: Sequence[str], sample: Sequence[Sequence[str]] = ()) -> ColumnMap:
    """Map each header cell to a role. `sample`: rows below the header, to settle ambiguity.

    The first column to claim a role keeps it; a later claimant falls back to its other
    candidate roles that no column claimed first, or stays unmapped.
    """
    candidates = [_candidates(h) for h in header]

    def values(i: int) -> list[str]:
        return [row[i].strip().lower() for row in sample if i < len(row) and row[i].strip()]

    for i, roles in enumerate(candidates):
        if roles[:1] == [Role.STATUS] and _mostly(values(i), _is_rag):
            candidates[i] = [Role.RAG, Role.STATUS]
    # "Action | Activity": the bare "Action" column numbers the activities.
    claims = [i for i, roles in enumerate(candidates) if roles[:1] == [Role.ACTION]]
    if len(claims) > 1:
        for i in claims:
            if _normalise(header[i]) in ("action", "actions") and _mostly(values(i), _is_ref, True):
                candidates[i] = [Role.REF]
                break

    roles: dict[Role, int] = {}
    for i, claimed in enumerate(candidates):
        if claimed and claimed[0] not in roles:
            roles[claimed[0]] = i
    firsts = {claimed[0] for claimed in candidates if claimed}
    for i, claimed in enumerate(candidates):
        if claimed and i not in roles.values():
            spare = [r for r in claimed[1:] if r not in roles and r not in firsts]
            if spare:
                roles[spare[0]] = i
    mapped = set(roles.values())
    unmapped = tuple(i for i, h in enumerate(header) if h.strip() and i not in mapped)
    return ColumnMap(roles=roles, headers=tuple(header), unmapped=unmapped)


def find_header(
    rows: Sequence[Row], *, start: int = 0, limit: int = 30
) -> tuple[int, ColumnMap] | None:
    """The first row from `start` (at most `limit` rows on) that reads as a table header.

    A header has at least three cells with a role, one of them the action; and at least
    half its non-empty cells read as headers, which keeps out data rows that happen to
    contain words like "action" and "date".
    """
    for index in range(start, min(len(rows), start + limit)):
        cells = rows[index].cells
        filled = [c for c in cells if c.strip()]
        if len(filled) < 3:
            continue
        # Rows with one filled cell are headings between actions, not column values.
        sample = [
            r.cells
            for r in rows[index + 1 : index + 11]
            if r.in_table and sum(bool(c.strip()) for c in r.cells) > 1
        ]
        columns = map_columns(cells, sample)
        if (
            len(columns.roles) >= 3
            and Role.ACTION in columns.roles
            and sum(bool(_candidates(c)) for c in filled) * 2 >= len(filled)
        ):
            return index, columns
    return None


def _mostly(values: list[str], test: Callable[[str], bool], if_none: bool = False) -> bool:
    """Whether at least four in five of the sampled values pass `test`."""
    if not values:
        return if_none
    return sum(map(test, values)) * 5 >= len(values) * 4


def _is_rag(value: str) -> bool:
    return set(re.split(r"[\s/-]+", value)) <= _RAG_WORDS


def _is_ref(value: str) -> bool:
    return len(value) <= 8 and bool(_SHORT_REF.fullmatch(value))
