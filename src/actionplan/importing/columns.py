"""Which column holds what: map a plan table's columns by what their headers mean.

Councils word their headers in many ways ("Lead Officer", "Who?", "Responsible officer",
"Owner"); the rules below read a header by its key words, in an order that settles the
ambiguous ones ("Progress against agreed action" is progress, not the action). Every column
gets a meaning, a confidence and the reason (the words that matched), so a person can see
why and correct it with a layout (importing/layout.py), which always wins.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum, auto
from functools import lru_cache

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
    SUCCESS_CRITERIA = auto()
    EVIDENCE = auto()
    PERCENT = auto()
    PARENT_REF = auto()
    PROGRESS_DATE = auto()
    RESPONSE = auto()  # the response to a recommendation: the action, in a tracker
    INDICATORS = auto()  # KPIs and measures: names of indicators
    REPORTING_DATE = auto()  # when it goes to committee: a reporting date, not the due date
    OBJECTIVE = auto()  # the middle level: priority > objective > action
    START = auto()
    PERIOD = auto()  # one of many period columns (a Gantt month, a quarter's status)
    IGNORE = auto()  # a layout's word for "not part of the plan"


@dataclass(frozen=True)
class ColumnGuess:
    """What one column was taken to mean, how sure the importer is, and why."""

    index: int
    header: str
    role: Role | None
    confidence: float  # 1.0 when a layout says so; 0 when nothing matched
    reason: str
    candidates: tuple[Role, ...] = ()


@dataclass(frozen=True)
class ColumnMap:
    roles: dict[Role, int]  # role -> column index (the first column of that role)
    headers: tuple[str, ...]  # the header cells as written
    unmapped: tuple[int, ...]  # non-empty headers with no role: the caller keeps them as text
    guesses: tuple[ColumnGuess, ...] = ()
    periods: tuple[int, ...] = ()  # the period columns, in order
    more: dict[Role, tuple[int, ...]] = field(default_factory=dict)  # a second lead column...


_REF_WORDS = r"(no|nos|num|number|numbers|ref|refs|reference|id|#)"
# Tried in order; a header's candidate roles are all the rules it matches, best first.
# None marks words that rule a header out ("Assurance opinion" is about the audit).
_RULES: tuple[tuple[Role | None, str], ...] = (
    (None, r"\bopinion\b"),
    (Role.START, r"\bstart|\bcommenc"),
    (Role.PERCENT, r"%|\bper ?cent"),
    (Role.RAG, r"\bb?rag\b|\bb? ?r a g\b|\bred amber green\b"),
    (Role.PARENT_REF, rf"^parent( action)?( {_REF_WORDS[1:-1]})?$"),
    (
        Role.PROGRESS_DATE,
        r"^(progress|update|last update|latest update) (date|as at)$|^date of (the )?update$",
    ),
    (
        Role.REPORTING_DATE,
        r"\b(committee|board|panel|meeting|cabinet|scrutiny|reporting|reported)\b.*\bdates?\b"
        r"|\bdates?\b.*\b(committee|board|meeting|cabinet|reported)\b",
    ),
    (Role.STATUS, r"^assessment of progress|\bcategor(y|ies)\b"),
    (
        Role.PROGRESS,
        r"\b(progress|updates?|comments?|commentary|notes|narrative|position)\b",
    ),
    (
        Role.RESPONSE,
        r"\b(management response|responses?|agreed actions?|actions? agreed|actions? taken"
        r"|item to be rectified|rectification)\b",
    ),
    (
        Role.RECOMMENDATION_REF,
        rf"\b(recommendations?|recs?|ofsted|report|para|paragraph|priority|area|afi|ar)\b.*"
        rf"\b({_REF_WORDS[1:-1]}|para|paragraph)$|^(para|paragraph)$",
    ),
    (Role.REF, rf"^((action|item|task|step|line|row|ref|reference) )?{_REF_WORDS}$|^item$"),
    (Role.EVIDENCE, r"\bevidence"),
    (
        Role.REPORTING,
        r"\b(reporting|reports? to|reported|governance|monitor(?:s|ing|ed)?|oversight"
        r"|scrutiny)\b",
    ),
    (
        Role.SUCCESS_CRITERIA,
        r"\b(success|criteria|outcomes?|impact|difference|how will we know|know"
        r"|evaluation|assurance|achievement|output)\b",
    ),
    (Role.OBJECTIVE, r"\b(objectives?|sub ?priority|sub ?priorities)\b"),
    (Role.MILESTONES, r"\b(milestones?|original\b.*\bdates?|key dates)\b"),
    (
        Role.DUE,
        r"\b(due|deadlines?|timescales?|time ?frames?|timeline|dates?|when|completion|end"
        r"|targets?)\b",
    ),
    (Role.INDICATORS, r"\b(kpis?|pis?|measures?|measured|measurement|indicators?|metrics?)\b"),
    (
        Role.LEADS,
        r"\b(leads?|owners?|responsible|responsibility|accountable|accountability|who|whom"
        r"|officers?|champions?|sponsors?|persons?|portfolio holder|director|directorate"
        r"|organisation)\b",
    ),
    (
        Role.PARTNERS,
        r"\b(partners?|partnership|agency|agencies|stakeholders?|contributors?|organisation)\b",
    ),
    (Role.RESOURCES, r"\b(resources?|resourcing|costs?|costing|budget|funding|finance|how)\b"),
    (Role.STATUS, r"\b(status|complete|completed|done|agreed)\b"),
    (
        Role.RECOMMENDATION,
        r"\b(recommendations?|areas? (for|of|requiring) (improvement|development)"
        r"|improvements? (area|required|needed)|priority|priorities|afi|requirements?"
        r"|findings?|themes?|key issues?)\b",
    ),
    (
        Role.ACTION,
        r"\b(actions?|activity|activities|tasks?|what|steps?|interventions?|pledges?)\b",
    ),
)
_COMPILED = tuple((role, re.compile(pattern)) for role, pattern in _RULES)
_LONGEST_HEADER = 80  # longer cells are data, not headers
_NUMBERED = re.compile(r"\s*(\d+(\.\d+)*[a-z]?[.)]?|\(?[a-z][.)])\s", re.IGNORECASE)  # "1. Audit"
# A header that is a period: "Q1", "Q3 (Oct-Dec)", "Dec-22", "2022-12-01" (an Excel date).
_PERIOD = re.compile(
    r"^(q[1-4]|quarter [1-4]|(jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*"
    r"( \d{2}| \d{4})?|\d{4} \d{2} \d{2}( 00 00( 00)?)?|(spring|summer|autumn)( term)?( \d)?"
    r"( \d{4})?)$"
)

_RAG_WORDS = {"red", "amber", "green", "blue", "black", "r", "a", "g", "b"}
# A date column that replaces another: "Revised target date", "New completion date".
_REVISED = re.compile(r"\b(revised|new|amended|updated|rescheduled|current)\b")
# How serious a finding is: "1 - Fundamental", "P2", "High", "Priority 3", "Significant".
_GRADE = re.compile(
    r"(p|priority )?[1-4]( ?[-:–] ?[a-z]+)?|(high|medium|med|low|fundamental|important"
    r"|desirable|significant|moderate|major|minor|critical|essential|urgent|routine)"
    r"( priority| risk)?"
)
_SHORT_REF = re.compile(r"[(\[]?[a-z]{0,2}\s?\d{0,3}(\.\d{1,3})*\s?\(?[a-z]{0,2}[)\]]?\.?")
_TEXT_ROLES = {Role.ACTION, Role.RECOMMENDATION, Role.RESPONSE, Role.OBJECTIVE}
_SEVERAL = {Role.LEADS, Role.PARTNERS}  # a plan may give these in more than one column

# How sure a guess is: a header that only one rule reads; one that several rules read and the
# first won; a column that took its second reading because another column had the first.
_SURE, _AMBIGUOUS, _FALLBACK, _FROM_VALUES = 0.9, 0.7, 0.5, 0.8


def normalise(text: str) -> str:
    """Lower case, bracketed notes such as "(mm/yy)" dropped, "&" as "and", no punctuation."""
    text = text.lower().replace("&", " and ")
    unbracketed = re.sub(r"\([^)]*\)|\[[^]]*\]", " ", text)
    if unbracketed.strip():  # a header that is all brackets, such as "(RAG)", keeps its words
        text = unbracketed
    return " ".join(re.sub(r"[^a-z0-9%#]+", " ", text).split())


def _unnumbered(text: str) -> str:
    """ "1. Rec. No." -> "Rec. No.": some councils number their column headers."""
    m = _NUMBERED.match(text)
    return text[m.end() :] if m else text


@lru_cache(maxsize=4096)  # a plan repeats its header on every page, and its cells often
def _matches(text: str) -> tuple[tuple[Role, str], ...]:
    """Each role whose words the header holds, best first, with the words that matched."""
    words = normalise(text)
    if not words or len(words) > _LONGEST_HEADER:
        return ()
    if _PERIOD.match(words):
        return ((Role.PERIOD, words),)
    found: list[tuple[Role, str]] = []
    for role, pattern in _COMPILED:
        if m := pattern.search(words):
            if role is None:
                break
            if all(r != role for r, _ in found):
                found.append((role, m.group(0)))
    return tuple(found)


def _candidates(text: str) -> list[Role]:
    if _NUMBERED.match(text):
        return []
    return [role for role, _ in _matches(text)]


def header_role(text: str) -> Role | None:
    """The role of one header cell, or None."""
    roles = _candidates(text)
    return roles[0] if roles else None


def map_columns(
    header: Sequence[str],
    sample: Sequence[Sequence[str]] = (),
    forced: Mapping[int, Role] | None = None,
) -> ColumnMap:
    """Map each header cell to a role. `sample`: rows below the header, to settle ambiguity.
    `forced`: column index -> role, from a layout or the command line; these always win.

    Claims are settled by confidence, then by position: the first, surest column to claim a
    role keeps it; a later claimant falls back to its other candidate roles that no column
    claimed first, or stays unmapped. Period columns can be many.
    """
    forced = dict(forced or {})
    numbered = sum(bool(_NUMBERED.match(h)) for h in header if h.strip())
    strip = numbered * 2 >= sum(bool(h.strip()) for h in header) and numbered >= 2
    matched = [list(_matches(_unnumbered(h) if strip else h)) if not _NUMBERED.match(h) or strip
               else [] for h in header]  # fmt: skip

    def values(i: int) -> list[str]:
        return [row[i].strip().lower() for row in sample if i < len(row) and row[i].strip()]

    notes: dict[int, str] = {}
    timeline = sum(bool(found) and found[0][0] == Role.PERIOD for found in matched) >= 2
    # "Action | Activity", "Pledge | Pledge text": the column of short labels numbers the other.
    claims = [i for i, found in enumerate(matched) if found[:1] and found[0][0] == Role.ACTION]
    if len(claims) > 1:
        for i in claims:
            if _mostly(values(i), _is_label, normalise(header[i]) in ("action", "actions")):
                matched[i] = [(Role.REF, "values are references"), *matched[i][1:]]
                notes[i] = "its values are references"
                break
    for i, found in enumerate(matched):
        candidates = [r for r, _ in found]
        if i in notes:
            continue
        if timeline and candidates[:1] == [Role.DUE] and len(candidates) > 1:
            # "What are we aiming for and when will it be achieved?" beside a timeline: the
            # shaded period columns say when, so the header's other reading comes first.
            matched[i] = [*found[1:], found[0]]
            notes[i] = "a timeline's period columns give the dates"
        elif candidates[:1] == [Role.STATUS] and _mostly(values(i), _is_rag):
            matched[i] = [(Role.RAG, "values are RAG words"), *found]
            notes[i] = "its values are RAG words"
        elif (
            candidates[:1] == [Role.OBJECTIVE]
            and (vals := values(i))
            and len(set(vals)) == len(vals)
        ):
            # An objective column groups actions, so its values repeat down the rows; one
            # with a value of its own on every row says what each action is for.
            matched[i] = [(Role.SUCCESS_CRITERIA, found[0][1]), *found[1:]]
            notes[i] = "each row has its own value, so it is not a grouping"
        elif (
            sample and candidates and candidates[0] in _TEXT_ROLES and _mostly(values(i), _is_short)
        ):
            matched[i] = [f for f in found if f[0] not in _TEXT_ROLES]
            notes[i] = "its values are too short to be text"
        elif candidates[:1] == [Role.RECOMMENDATION] and sample and _mostly(values(i), _is_grade):
            # "Priority: 1 - Fundamental", "High": how serious a finding is, not the finding.
            matched[i] = [f for f in found if f[0] not in _TEXT_ROLES]
            notes[i] = "its values are gradings, not text"
        elif (
            candidates[:1] == [Role.RECOMMENDATION]
            and sum(bool(f) and f[0][0] == Role.RECOMMENDATION for f in matched) > 1
            and sample
            and _mostly(values(i), _is_label)
        ):
            # "AFI | Area for improvement": "AFI 1", "AFI 2" number the recommendation beside.
            matched[i] = [(Role.RECOMMENDATION_REF, "values are references"), *found[1:]]
            notes[i] = "its values are references"
        elif candidates[:1] == [Role.SUCCESS_CRITERIA] and sample and _mostly(values(i), _is_code):
            # "CYPP Outcome 2": a reference to another plan's outcome, not a measure of success.
            matched[i] = found[1:]
            notes[i] = "its values are short references, not what success looks like"

    confidence = {
        i: (_SURE if len(found) == 1 else _AMBIGUOUS) if i not in notes else _FROM_VALUES
        for i, found in enumerate(matched)
        if found
    }
    roles: dict[Role, int] = {role: i for i, role in sorted(forced.items(), reverse=True)}
    chosen: dict[int, tuple[Role, float, str]] = {
        i: (role, 1.0, "set by the layout") for i, role in forced.items()
    }
    order = sorted(confidence, key=lambda i: (-confidence[i], i))
    firsts = {found[0][0] for found in matched if found}
    for i in order:
        if i in chosen:
            continue
        role, words = matched[i][0]
        if role == Role.PERIOD or role not in roles:
            roles.setdefault(role, i)
            chosen[i] = (role, confidence[i], _reason(words, role, notes.get(i)))
    for i in order:
        if i in chosen:
            continue
        spare = [(r, w) for r, w in matched[i][1:] if r not in roles and r not in firsts]
        role, words = matched[i][0]
        if not spare and role in _SEVERAL:
            # "Portfolio Holder | Director": two lead columns, both leads.
            chosen[i] = (role, _AMBIGUOUS, f"{_reason(words, role)}; another column also does")
            continue
        if spare:
            role, words = spare[0]
            roles[role] = i
            taken = header[roles[matched[i][0][0]]].strip()
            why = f"{_reason(words, role)}; its first reading went to {taken!r}"
            chosen[i] = (role, _FALLBACK, why)
    rec_at, ref_at = roles.get(Role.RECOMMENDATION), roles.get(Role.REF)
    if (
        rec_at is not None
        and ref_at == rec_at - 1
        and Role.RECOMMENDATION_REF not in roles
        and (Role.ACTION in roles or Role.RESPONSE in roles)
        and ref_at not in forced
        and (vals := values(ref_at))
        and not any("." in v.strip(".") for v in vals)  # "1.1" numbers an action
    ):
        # "No. | Recommendation | Action": the number beside the recommendation is its own.
        del roles[Role.REF]
        roles[Role.RECOMMENDATION_REF] = ref_at
        why = "it numbers the recommendation beside it"
        chosen[ref_at] = (Role.RECOMMENDATION_REF, _FALLBACK, why)
    revised = next(
        (
            i
            for i in order
            if i not in chosen
            and matched[i][0][0] == Role.DUE
            and _REVISED.search(normalise(header[i]))
        ),
        None,
    )
    if (
        revised is not None
        and (first := roles.get(Role.DUE)) is not None
        and first not in forced
        and Role.MILESTONES not in roles
    ):
        # "Target date | Revised target date": the revised date is when it is due now; the
        # first date stays, as a milestone, for rows with no revised date and for the record.
        roles[Role.MILESTONES], roles[Role.DUE] = first, revised
        chosen[first] = (Role.MILESTONES, _FALLBACK, "a revised date column replaces it as due")
        chosen[revised] = (Role.DUE, _FALLBACK, "'revised' marks the date now due")
    if (
        Role.ACTION not in roles
        and Role.RESPONSE not in roles
        and Role.MILESTONES in roles
        and Role.REF in roles
    ):
        # No column names the action: a "Milestone" column is then the list of things to do.
        i = roles.pop(Role.MILESTONES)
        roles[Role.ACTION] = i
        chosen[i] = (Role.ACTION, _FALLBACK, "no column names the action, so its milestones are")
    guesses = []
    for i, text in enumerate(header):
        if not text.strip():
            continue
        guessed: Role | None
        if i in chosen:
            guessed, sure, why = chosen[i]
        elif matched[i]:
            guessed, sure, why = None, 0.0, f"its readings ({_listed(matched[i])}) went to others"
        else:
            guessed, sure, why = None, 0.0, "no rule reads these words"
        guesses.append(ColumnGuess(i, text, guessed, sure, why, tuple(r for r, _ in matched[i])))
    # A layout's IGNORE and the many period columns are kept out of the role lookup.
    lookup: dict[Role, int] = {
        role: i for role, i in roles.items() if role not in (Role.IGNORE, Role.PERIOD)
    }
    for i, (role, _, _) in sorted(chosen.items()):
        if role not in (Role.IGNORE, Role.PERIOD):
            lookup.setdefault(role, i)
    mapped = set(chosen)
    unmapped = tuple(i for i, h in enumerate(header) if h.strip() and i not in mapped)
    periods = tuple(i for i, (role, _, _) in sorted(chosen.items()) if role == Role.PERIOD)
    more = {
        role: extra
        for role in _SEVERAL
        if (
            extra := tuple(
                i for i, c in sorted(chosen.items()) if c[0] == role and i != lookup.get(role)
            )
        )
    }
    return ColumnMap(
        more=more,
        roles=lookup,
        headers=tuple(header),
        unmapped=unmapped,
        guesses=tuple(guesses),
        periods=periods,
    )


def _reason(words: str, role: Role, note: str | None = None) -> str:
    if note:
        return f"{note}, so {role.value}"
    if role == Role.PERIOD:
        return f"'{words}' names a period"
    return f"'{words}' reads as {role.value}"


def _listed(found: list[tuple[Role, str]]) -> str:
    return ", ".join(role.value for role, _ in found)


def is_header(columns: ColumnMap, filled: Sequence[str]) -> bool:
    """At least three cells with a role, one of them the thing to be done (an action, a
    response, or the recommendation itself in a tracker of recommendations); and at least
    half the non-empty cells read as headers, which keeps out data rows that happen to
    contain words like "action" and "date"."""
    what = {Role.ACTION, Role.RESPONSE, Role.RECOMMENDATION} & columns.roles.keys()
    # One date among the cells is a data row's due date; period columns come in runs.
    periods = len(columns.periods) >= 2

    def reads_as_header(g: ColumnGuess) -> bool:
        if g.candidates == (Role.PERIOD,):
            return periods
        return g.role is not None or bool(g.candidates)

    with_role = sum(map(reads_as_header, columns.guesses))
    return len(columns.roles) + periods >= 3 and bool(what) and with_role * 2 >= len(filled)


def find_header(
    rows: Sequence[Row], *, start: int = 0, limit: int = 30
) -> tuple[int, ColumnMap] | None:
    """The first row from `start` (at most `limit` rows on) that reads as a table header."""
    for index in range(start, min(len(rows), start + limit)):
        cells = rows[index].cells
        filled = [c for c in cells if c.strip()]
        if len(filled) < 3:
            continue
        columns = map_columns(cells, sample_below(rows, index))
        if is_header(columns, filled):
            return index, columns
    return None


def sample_below(rows: Sequence[Row], index: int) -> list[tuple[str, ...]]:
    """Up to ten rows under a header, in its own table or sheet. Rows with one filled cell
    are headings between actions, not column values."""
    place = _place(rows[index])
    sample = []
    for r in rows[index + 1 : index + 11]:
        if _place(r) != place:
            break
        if r.in_table and sum(bool(c.strip()) for c in r.cells) > 1:
            sample.append(r.cells)
    return sample


def _place(row: Row) -> str | None:
    """ "table 3" or "sheet 'Plan'" for a row of a Word table or a sheet; None otherwise."""
    head, found, _ = row.where.rpartition(", row ")
    return head if found else None


def _mostly(values: list[str], test: Callable[[str], bool], if_none: bool = False) -> bool:
    """Whether at least four in five of the sampled values pass `test`."""
    if not values:
        return if_none
    return sum(map(test, values)) * 5 >= len(values) * 4


def _is_rag(value: str) -> bool:
    return set(re.split(r"[\s/-]+", value)) <= _RAG_WORDS


def _is_ref(value: str) -> bool:
    return len(value) <= 8 and bool(_SHORT_REF.fullmatch(value))


def _is_label(value: str) -> bool:
    """ "1.1", "2a", "Pledge 15": a short label with a number in it."""
    return _is_ref(value) or (len(value) <= 12 and any(c.isdigit() for c in value))


def _is_code(value: str) -> bool:
    """ "CYPP Outcome 2", "Objective 3a": a short reference with a number in it."""
    return len(value) <= 20 and len(value.split()) <= 3 and any(c.isdigit() for c in value)


def _is_grade(value: str) -> bool:
    return bool(_GRADE.fullmatch(value))


def _is_short(value: str) -> bool:
    """ "1", "2", "A": a priority or a grade, not text ("xxx" is a placeholder for text)."""
    return len(value) == 1 or (len(value) <= 3 and value.isdigit())
