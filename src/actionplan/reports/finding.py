"""Finding board papers: search, filter by body, status and date, sort by the date, 25 a page,
all in the query string so a filtered list can be bookmarked (issue 16, point 5). The same
GOV.UK filter panel, selected filters and pagination as the plan's Actions page
(monitoring/finding.py); here the database filters, so a page costs the same few queries
whatever the number of papers."""

from __future__ import annotations

import dataclasses
import datetime as dt
from urllib.parse import urlencode

from django.core.paginator import Page, Paginator
from django.db.models import Q, QuerySet

from actionplan.monitoring.finding import Option, Paged, Removal, SortLink

PER_PAGE = 25
STATUSES = {"issued": "Issued", "draft": "Draft"}
WINDOWS = {
    "90": "As at a date in the last 90 days",
    "365": "As at a date in the last 12 months",
    "older": "As at a date more than 12 months ago",
}


@dataclasses.dataclass
class PaperFilters:
    q: str = ""
    body: list[str] = dataclasses.field(default_factory=list)  # body ids
    status: list[str] = dataclasses.field(default_factory=list)
    when: str = ""
    descending: bool = True  # the newest first, as the list always was
    as_at: str = ""  # never used here, kept for the shared partials

    @classmethod
    def from_query(cls, query) -> PaperFilters:
        """From a QueryDict; values not offered are dropped, never an error."""
        when = query.get("when", "")
        return cls(
            q=" ".join(query.get("q", "").split())[:200],
            body=[v for v in query.getlist("body") if v.isdigit()],
            status=[v for v in query.getlist("status") if v in STATUSES],
            when=when if when in WINDOWS else "",
            descending=query.get("order") != "asc",
        )

    def pairs(self, **change) -> list[tuple[str, str]]:
        values = dataclasses.asdict(self) | change
        out: list[tuple[str, str]] = []
        if values["q"]:
            out.append(("q", values["q"]))
        out += [("body", v) for v in values["body"]]
        out += [("status", v) for v in values["status"]]
        if values["when"]:
            out.append(("when", values["when"]))
        if not values["descending"]:
            out.append(("order", "asc"))
        return out

    def query(self, **change) -> str:
        return "?" + urlencode(self.pairs(**change))

    @property
    def any(self) -> bool:
        return bool(self.q or self.body or self.status or self.when)


@dataclasses.dataclass
class FoundPapers(Paged):
    filters: PaperFilters
    page: Page
    total: int
    options: dict[str, list[Option]]
    selected: list[Removal]
    sort: SortLink

    @property
    def rows(self) -> list:
        return list(self.page.object_list)


def find(papers: QuerySet, query, *, today: dt.date, bodies: list[tuple[int, str]]) -> FoundPapers:
    """`papers` searched (the body's name and abbreviation, the template's file name),
    filtered and ordered by their as-at date as `query` says; one page of them."""
    f = PaperFilters.from_query(query)
    for word in f.q.split():
        papers = papers.filter(
            Q(body__name__icontains=word)
            | Q(body__abbreviation__icontains=word)
            | Q(template_name__icontains=word)
        )
    if f.body:
        papers = papers.filter(body_id__in=f.body)
    if f.status:
        papers = papers.filter(status__in=f.status)
    if f.when == "older":
        papers = papers.filter(as_at__lt=today - dt.timedelta(days=365))
    elif f.when:
        papers = papers.filter(as_at__gte=today - dt.timedelta(days=int(f.when)))
    order = ("-as_at", "-pk") if f.descending else ("as_at", "pk")
    page = Paginator(papers.order_by(*order), PER_PAGE).get_page(query.get("page"))
    options = {
        "body": [Option(str(i), name, str(i) in f.body) for i, name in bodies],
        "status": [Option(v, label, v in f.status) for v, label in STATUSES.items()],
        "when": [Option(v, label, v == f.when) for v, label in WINDOWS.items()],
    }
    selected = []
    if f.q:
        selected.append(Removal(f"Search: {f.q}", f.query(q="")))
    for name in ("body", "status"):
        for o in options[name]:
            if o.selected:
                rest = [v for v in getattr(f, name) if v != o.value]
                selected.append(Removal(o.label, f.query(**{name: rest})))
    if f.when:
        selected.append(Removal(WINDOWS[f.when], f.query(when="")))
    sort = SortLink(
        "as_at",
        "As at",
        f.query(descending=not f.descending),
        "descending" if f.descending else "ascending",
    )
    return FoundPapers(f, page, page.paginator.count, options, selected, sort)
