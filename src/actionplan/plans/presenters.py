"""What the plan's own pages show (the plan list, its people, its bodies): each function
reads one page's rows with the queries it needs and returns plain objects for the template.
The pages of a plan as at a date (dashboard, actions, RAG) are monitoring's presenters."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.core.paginator import Page, Paginator

from actionplan.plans.models import (
    Action,
    ActionParty,
    Body,
    Party,
    Plan,
    PlanBody,
    PlanPerson,
    Recommendation,
    ReportingRequirement,
)

# --- plan list ---------------------------------------------------------------------------


@dataclass
class PlanRow:
    plan: Plan
    role: str


def plan_list(plans, memberships) -> list[PlanRow]:
    roles = {m.plan_id: m.get_role_display() for m in memberships}
    return [PlanRow(p, roles.get(p.pk, "Improvement lead")) for p in plans]


# --- people ------------------------------------------------------------------------------


@dataclass
class PartyEntry:
    party: Party
    leads: list[Action] = field(default_factory=list)
    partners: list[Action] = field(default_factory=list)
    mentions: list[Action] = field(default_factory=list)
    responsible_for: list[Recommendation] = field(default_factory=list)


@dataclass
class PeoplePage:
    sections: list[tuple[str, list[PartyEntry]]]


_KIND_HEADINGS = (
    (Party.Kind.PERSON, "People"),
    (Party.Kind.ROLE, "Roles"),
    (Party.Kind.GROUP, "Groups"),
    (Party.Kind.ORGANISATION, "Organisations"),
)


def people_page(plan: Plan) -> PeoplePage:
    """Everyone the plan names, by kind: the document's people first in its order, then
    anyone else its actions and recommendations name, with what they lead or partner."""
    entries: dict[int, PartyEntry] = {}
    for pp in PlanPerson.objects.filter(plan=plan).select_related("party"):
        entries[pp.party_id] = PartyEntry(pp.party)
    links = (
        ActionParty.objects.filter(action__recommendation__plan=plan, action__retired=False)
        .select_related("party", "action__recommendation")
        .order_by(
            "party__name",
            "action__recommendation__order",
            "action__recommendation_id",
            "action__order",
            "action_id",
            "pk",
        )
    )
    for link in links:
        entry = entries.setdefault(link.party_id, PartyEntry(link.party))
        by_role: dict[str, list[Action]] = {
            ActionParty.Role.LEAD: entry.leads,
            ActionParty.Role.PARTNER: entry.partners,
            ActionParty.Role.MENTION: entry.mentions,
        }
        by_role[link.role].append(link.action)
    for rec in Recommendation.objects.filter(plan=plan).prefetch_related("responsibilities__party"):
        for resp in rec.responsibilities.all():
            entries.setdefault(resp.party_id, PartyEntry(resp.party)).responsible_for.append(rec)
    sections = []
    for kind, heading in _KIND_HEADINGS:
        of_kind = [e for e in entries.values() if e.party.kind == kind]
        if of_kind:
            sections.append(
                (heading, sorted(of_kind, key=lambda e: (e.party.name.casefold(), e.party.pk)))
            )
    return PeoplePage(sections)


PEOPLE_PER_PAGE = 25


@dataclass
class PeopleFound:
    """The People page searched (`q`: name, other forms, role, organisation), of one kind
    (`kind`), one page of 25 (`page`); all from the query string, so it can be bookmarked."""

    q: str
    kind: str
    kinds: list[tuple[str, str]]
    total: int
    page: Page  # a Paginator page of (heading, PartyEntry)
    query: str  # the query string of the search, without the page

    @property
    def sections(self) -> list[tuple[str, list[PartyEntry]]]:
        grouped: dict[str, list[PartyEntry]] = {}
        for heading, entry in self.page.object_list:
            grouped.setdefault(heading, []).append(entry)
        return list(grouped.items())

    def href(self, number: int) -> str:
        return f"?{self.query}{'&' if self.query else ''}page={number}"

    @property
    def pages(self) -> list[tuple[int, str]]:
        return [(n, self.href(n)) for n in self.page.paginator.page_range]

    @property
    def previous_href(self) -> str:
        return self.href(self.page.number - 1)

    @property
    def next_href(self) -> str:
        return self.href(self.page.number + 1)


def people_found(page: PeoplePage, query) -> PeopleFound:
    """`page` searched, filtered by kind and paged as the QueryDict `query` says."""
    q = " ".join(query.get("q", "").split())[:200]
    kind = query.get("kind", "")
    headings = {str(k): h for k, h in _KIND_HEADINGS}
    kind = kind if kind in headings else ""
    words = q.casefold().split()
    rows = [
        (heading, e)
        for heading, entries in page.sections
        for e in entries
        if (not kind or headings[kind] == heading)
        and all(
            w
            in " ".join(
                [e.party.name, *e.party.aliases, e.party.job_role, e.party.employer]
            ).casefold()
            for w in words
        )
    ]
    paged = Paginator(rows, PEOPLE_PER_PAGE).get_page(query.get("page"))
    return PeopleFound(
        q=q,
        kind=kind,
        kinds=list(headings.items()),
        total=len(rows),
        page=paged,
        query=urlencode(
            [
                (n, v)
                for n, v in (("as_at", query.get("as_at", "")[:20]), ("q", q), ("kind", kind))
                if v
            ]
        ),
    )


# --- bodies ------------------------------------------------------------------------------


@dataclass
class BodyEntry:
    body: Body | None
    label: str
    reporting: list[ReportingRequirement]


def bodies_page(plan: Plan) -> list[BodyEntry]:
    """Each body the plan names, with the reporting lines to it by date; then the lines
    whose body was not recognised, under the name the document gave."""
    reporting = (
        ReportingRequirement.objects.filter(
            action__recommendation__plan=plan, action__retired=False
        )
        .select_related("action__recommendation")
        .order_by(
            "due",
            "action__recommendation__order",
            "action__recommendation_id",
            "action__order",
            "action_id",
            "order",
            "pk",
        )
    )
    by_body: dict[int, list[ReportingRequirement]] = defaultdict(list)
    unmatched: dict[str, list[ReportingRequirement]] = defaultdict(list)
    for r in reporting:
        if r.body_id:
            by_body[r.body_id].append(r)
        else:
            unmatched[r.body_label or "No body named"].append(r)
    entries = [
        BodyEntry(pb.body, pb.body.name, by_body.pop(pb.body_id, []))
        for pb in PlanBody.objects.filter(plan=plan).select_related("body")
    ]
    if by_body:
        for body in Body.objects.filter(pk__in=by_body):
            entries.append(BodyEntry(body, body.name, by_body[body.pk]))
    entries += [BodyEntry(None, label, rows) for label, rows in sorted(unmatched.items())]
    return entries
