"""Finding actions in a list: search, filter and sort, all in the query string so a
filtered list can be bookmarked (issue 16, point 5). The rows are the plan's snapshot as at
a date, already in memory: filtering and sorting add no query, whatever the plan's size,
and the page is one slice of them. The Actions list "as at today" does the same in SQL where
its filters allow, building only the page's rows (monitoring/listing.py), and shows them
through `found` here."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Sequence
from typing import Any
from urllib.parse import urlencode

from django.core.paginator import Page, Paginator

from actionplan.monitoring import statuses
from actionplan.monitoring.presenters import ActionRow

PER_PAGE = 50
RAGS = {
    "red": "Red",
    "amber": "Amber",
    "green": "Green",
    "blue": "Blue",
    "grey": "No RAG",
}
DUE_WINDOWS = {
    "overdue": "Past its end date",
    "14": "End date in the next 14 days",
    "30": "End date in the next 30 days",
    "90": "End date in the next 90 days",
    "none": "No end date",
}
SORTS = {
    "action": "Action",
    "recommendation": "Recommendation",
    "rag": "RAG",
    "status": "Status",
    "lead": "Lead",
    "due": "End date",
    "updated": "Last update",
}
RAG_ORDER = {"red": 0, "amber": 1, "green": 2, "blue": 3}
_FAR = dt.date.max


@dataclasses.dataclass(frozen=True)
class Option:
    value: str
    label: str
    selected: bool


@dataclasses.dataclass(frozen=True)
class Removal:
    """A selected filter as a link that takes it away."""

    label: str
    href: str


@dataclasses.dataclass(frozen=True)
class SortLink:
    key: str
    label: str
    href: str
    aria_sort: str  # "ascending", "descending" or "none"


@dataclasses.dataclass
class Filters:
    q: str = ""
    rag: list[str] = dataclasses.field(default_factory=list)
    status: list[str] = dataclasses.field(default_factory=list)
    lead: list[str] = dataclasses.field(default_factory=list)  # party ids
    recommendation: list[str] = dataclasses.field(default_factory=list)  # numbers
    body: list[str] = dataclasses.field(default_factory=list)  # body ids
    due: str = ""
    sort: str = "action"
    descending: bool = False
    as_at: str = ""  # kept, so a filtered list of a past date stays on that date

    MULTI = ("rag", "status", "lead", "recommendation", "body")

    @classmethod
    def from_query(cls, query) -> Filters:
        """From a QueryDict; values not offered are dropped, never an error."""
        sort = query.get("sort", "action")
        return cls(
            q=" ".join(query.get("q", "").split())[:200],
            rag=[v for v in query.getlist("rag") if v in RAGS],
            status=[v for v in query.getlist("status") if v in statuses.LABELS or v == "none"],
            lead=[v for v in query.getlist("lead") if v.isdigit()],
            recommendation=[v[:20] for v in query.getlist("recommendation") if v],
            body=[v for v in query.getlist("body") if v.isdigit()],
            due=query.get("due", "") if query.get("due", "") in DUE_WINDOWS else "",
            sort=sort if sort in SORTS else "action",
            descending=query.get("order") == "desc",
            as_at=query.get("as_at", "")[:20],
        )

    def pairs(self, **change) -> list[tuple[str, str]]:
        values = dataclasses.asdict(self) | change
        out: list[tuple[str, str]] = []
        if values["as_at"]:
            out.append(("as_at", values["as_at"]))
        if values["q"]:
            out.append(("q", values["q"]))
        for name in self.MULTI:
            out += [(name, v) for v in values[name]]
        if values["due"]:
            out.append(("due", values["due"]))
        if values["sort"] != "action":
            out.append(("sort", values["sort"]))
        if values["descending"]:
            out.append(("order", "desc"))
        return out

    def query(self, **change) -> str:
        """The query string ('?…') of these filters with `change` made."""
        return "?" + urlencode(self.pairs(**change))

    @property
    def any(self) -> bool:
        return bool(self.q or self.due or any(getattr(self, n) for n in self.MULTI))


class Paged:
    """The page links of a list found from the query string (core/pagination.html): the
    filters' query with the page's number. Needs `filters` (with pairs() and query()) and
    `page`; the papers list (reports/finding.py) is paged the same way."""

    filters: Any
    page: Page

    def page_href(self, number: int) -> str:
        return self.filters.query() + ("&" if self.filters.pairs() else "") + f"page={number}"

    @property
    def previous_href(self) -> str:
        return self.page_href(self.page.number - 1)

    @property
    def next_href(self) -> str:
        return self.page_href(self.page.number + 1)

    @property
    def pages(self) -> list[tuple[int, str]]:
        return [(n, self.page_href(n)) for n in self.page.paginator.page_range]


@dataclasses.dataclass
class Found(Paged):
    """A list found: the page of rows, the panel's choices, the selected filters, the sort
    links and the total."""

    filters: Filters
    page: Page  # a Paginator page of ActionRow
    total: int
    shown_ids: list[int]
    options: dict[str, list[Option]]
    selected: list[Removal]
    sorts: dict[str, SortLink]

    @property
    def rows(self) -> list[ActionRow]:
        return list(self.page.object_list)


def _status(row: ActionRow) -> str:
    return row.action.status or "none"


def _matches(row: ActionRow, f: Filters, on: dt.date, bodies: dict[int, set[str]]) -> bool:
    a = row.action
    if f.q:
        words = f"{a.label} {a.text} {row.leads} {row.recommendation.number}".casefold()
        if not all(w in words for w in f.q.casefold().split()):
            return False
    if f.rag and (a.rating.colour or "grey") not in f.rag:
        return False
    if f.status and _status(row) not in f.status:
        return False
    if f.lead and not {str(p.id) for p in a.leads} & set(f.lead):
        return False
    if f.recommendation and row.recommendation.number not in f.recommendation:
        return False
    if f.body and not bodies.get(a.id, set()) & set(f.body):
        return False
    if f.due:
        if f.due == "none":
            return a.due is None
        if a.due is None:
            return False
        if f.due == "overdue":
            return a.due < on and not a.finished
        return on <= a.due <= on + dt.timedelta(days=int(f.due))
    return True


def _sort_key(name: str):
    return {
        "action": lambda r: 0,  # the plan's own order: rows come in it
        "recommendation": lambda r: 0,
        "rag": lambda r: RAG_ORDER.get(r.action.rating.colour or "", 9),
        "status": lambda r: statuses.label(r.action.status),
        "lead": lambda r: (not r.leads, r.leads.casefold()),
        "due": lambda r: r.action.due or _FAR,
        "updated": lambda r: r.updated_on or dt.date.min,
    }[name]


def find(
    rows: list,
    query,
    *,
    row_of=lambda r: r,
    on: dt.date,
    parties: list[tuple[int, str]],
    bodies_of: dict[int, set[str]] | None = None,
    bodies: Sequence[tuple[int, str]] = (),
    per_page: int | None = None,
) -> Found:
    """`rows` (in the plan's order) searched, filtered and sorted as `query` says, one page
    of them. Each row is an ActionRow, or holds one that `row_of` gives (a deadline).
    `parties` and `bodies` are the choices offered (id, name); `bodies_of`, each action's
    reporting bodies' ids (as strings)."""
    f = Filters.from_query(query)
    bodies_of = bodies_of or {}
    kept = [r for r in rows if _matches(row_of(r), f, on, bodies_of)]
    by = _sort_key(f.sort)
    kept.sort(key=lambda r: by(row_of(r)), reverse=f.descending)
    paginator = Paginator(kept, per_page or PER_PAGE)
    page = paginator.get_page(query.get("page"))
    numbers = list(dict.fromkeys(row_of(r).recommendation.number for r in rows))
    shown = [row_of(r).action.id for r in page.object_list]
    return found(f, page, len(kept), shown, numbers=numbers, parties=parties, bodies=bodies)


def found(
    f: Filters,
    page: Page,
    total: int,
    shown_ids: list[int],
    *,
    numbers: Sequence[str],
    parties: Sequence[tuple[int, str]],
    bodies: Sequence[tuple[int, str]],
) -> Found:
    """A page of rows already searched, filtered and sorted as `f` says (in memory by
    `find`, or in SQL by monitoring/listing.py), with the panel's choices: `numbers`, the
    recommendations' in the plan's order, `parties` and `bodies` (id, name)."""
    options = {
        "rag": [Option(v, label, v in f.rag) for v, label in RAGS.items()],
        "status": [Option(v, label, v in f.status) for v, label in statuses.LABELS.items()]
        + [Option("none", "No update yet", "none" in f.status)],
        "lead": [Option(str(i), name, str(i) in f.lead) for i, name in parties],
        "recommendation": [
            Option(n, f"Recommendation {n}", n in f.recommendation) for n in numbers
        ],
        "body": [Option(str(i), name, str(i) in f.body) for i, name in bodies],
        "due": [Option(v, label, v == f.due) for v, label in DUE_WINDOWS.items()],
    }
    selected = []
    if f.q:
        selected.append(Removal(f"Search: {f.q}", f.query(q="")))
    for name in Filters.MULTI:
        for o in options[name]:
            if o.selected:
                rest = [v for v in getattr(f, name) if v != o.value]
                selected.append(Removal(o.label, f.query(**{name: rest})))
    if f.due:
        selected.append(Removal(DUE_WINDOWS[f.due], f.query(due="")))
    sorts = {}
    for key, label in SORTS.items():
        current = f.sort == key
        sorts[key] = SortLink(
            key,
            label,
            f.query(sort=key, descending=current and not f.descending),
            ("descending" if f.descending else "ascending") if current else "none",
        )
    return Found(
        filters=f,
        page=page,
        total=total,
        shown_ids=shown_ids,
        options=options,
        selected=selected,
        sorts=sorts,
    )
