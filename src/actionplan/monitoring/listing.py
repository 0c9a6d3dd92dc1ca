"""The Actions list as at today, one page of it built (issue 13, ADR 0024).

Today, each action's colour and whether it is in the plan are in the state table
(monitoring/state.py), rated by the one "as at" rule; its recommendation, order and end
date are plain columns, and its leads and reporting bodies are read by that rule
(`snapshot.as_of`). Where the list's filters and sort need nothing else (no search, no
status, not "past its end date", which needs the status, not sorted by status, lead or last
update), the list is filtered, sorted, counted and paged in SQL, and only the actions of
the page shown are rebuilt from their history (`snapshot.actions_as_at`), so the page costs
the same whatever the plan's size and history. Otherwise, and for a past "as at", the list
is the whole plan's (views/lists.py), as before. Both give the same page: tests compare
them."""

from __future__ import annotations

import dataclasses
import datetime as dt

from django.core.paginator import Page, Paginator
from django.db.models import Case, F, IntegerField, Q, QuerySet, Value, When

from actionplan.monitoring import finding, state
from actionplan.monitoring import presenters as pages
from actionplan.monitoring.models import ActionState
from actionplan.monitoring.progress import end_of
from actionplan.monitoring.snapshot import PlanSnapshot, actions_as_at, as_of
from actionplan.plans.models import ActionParty, Party, Plan, Recommendation, ReportingRequirement

# The sorts SQL can do: the plan's order (what "action" and "recommendation" keep), the
# state's colour, the action's end date.
SORTS = frozenset({"action", "recommendation", "rag", "due"})
_PLAN_ORDER = (
    "action__recommendation__order",
    "action__recommendation_id",
    "action__order",
    "action_id",
)


def answerable(f: finding.Filters) -> bool:
    """Whether the state table and plain columns answer these filters and this sort."""
    return not f.q and not f.status and f.due != "overdue" and f.sort in SORTS


@dataclasses.dataclass(frozen=True)
class Listed:
    """One page of the list: what the cache keeps (no query set, no paginator)."""

    snapshot: PlanSnapshot  # the plan as at the day with only the page's actions
    ids: tuple[int, ...]  # the page's actions, in the list's order
    total: int  # actions found
    number: int  # the page's number
    per_page: int
    numbers: tuple[str, ...]  # the recommendations with an action in the plan, in its order
    leads: tuple[tuple[int, str], ...]  # who leads an action in the plan, by name

    def page(self) -> Page:
        """A Paginator's page of the rows, as `finding.find` gives."""
        # The paginator counts the list; the page holds only the rows built.
        paginator = Paginator(range(self.total), self.per_page)
        views = {a.id: (a, r) for r in self.snapshot.recommendations for a in r.actions}
        rows = [pages.action_row(*views[i], self.snapshot.on) for i in self.ids if i in views]
        return Page(rows, self.number, paginator)

    def found(self, f: finding.Filters, bodies) -> finding.Found:
        page = self.page()
        return finding.found(
            f,
            page,
            self.total,
            [r.action.id for r in page.object_list],
            numbers=self.numbers,
            parties=self.leads,
            bodies=bodies,
        )


def whole(snap: PlanSnapshot, query, bodies) -> finding.Found:
    """The list from the whole plan as at a day, searched, filtered and sorted in memory
    (`finding.find`): for a past "as at", and the filters SQL cannot answer."""
    rows = [pages.action_row(a, rec, snap.on) for rec in snap.recommendations for a in rec.actions]
    ids = [r.action.id for r in rows]
    bodies_of: dict[int, set[str]] = {}
    for action_id, body_id in as_of(
        ReportingRequirement, end_of(snap.on), action_id__in=ids, body_id__isnull=False
    ).values_list("action_id", "body_id"):
        bodies_of.setdefault(action_id, set()).add(str(body_id))
    leads = sorted(
        {(p.id, p.name) for r in rows for p in r.action.leads},
        key=lambda p: (p[1].casefold(), p[0]),
    )
    return finding.find(rows, query, on=snap.on, parties=leads, bodies_of=bodies_of, bodies=bodies)


def listed(plan: Plan, on: dt.date, f: finding.Filters, page: str | int | None) -> Listed | None:
    """The page `page` of the plan's actions as at `on` found as `f` says, from the state
    rows rated as at `on` (rating the stale ones first). None when the rows could not be
    rated (the database busy): the caller reads the whole plan instead."""
    if not state.rated(plan.pk, on):
        return None
    before = end_of(on)
    in_plan = ActionState.objects.filter(plan_id=plan.pk, in_plan=True)
    found = _sorted(_filtered(in_plan, plan, f, on), f)
    total = found.count()
    per_page = finding.PER_PAGE
    window = Paginator(range(total), per_page).get_page(page)
    first = max(window.start_index() - 1, 0)  # start_index() is 0 for an empty list
    ids = list(found.values_list("action_id", flat=True)[first : window.end_index()])
    leading = as_of(
        ActionParty, before, role=ActionParty.Role.LEAD, action_id__in=in_plan.values("action_id")
    ).values("party_id")
    leads = sorted(
        Party.objects.filter(organisation_id=plan.organisation_id, pk__in=leading)
        .order_by()
        .values_list("pk", "name"),
        key=lambda p: (p[1].casefold(), p[0]),
    )
    numbers = (
        Recommendation.objects.filter(plan=plan, actions__state__in_plan=True)
        .order_by("order", "id")
        .values_list("number", flat=True)
        .distinct()
    )
    return Listed(
        snapshot=actions_as_at(plan, on, ids),
        ids=tuple(ids),
        total=total,
        number=window.number,
        per_page=per_page,
        numbers=tuple(dict.fromkeys(numbers)),
        leads=tuple(leads),
    )


def _filtered(rows: QuerySet, plan: Plan, f: finding.Filters, on: dt.date) -> QuerySet:
    """`finding._matches` in SQL, for the filters `answerable` allows."""
    before = end_of(on)
    if f.rag:
        # The list shows an action without a rating as "grey" (finding._matches).
        rows = rows.filter(Q(colour__in=f.rag) | (Q(colour="") if "grey" in f.rag else Q()))
    if f.recommendation:
        rows = rows.filter(action__recommendation__number__in=f.recommendation)
    if f.lead:
        # Only the council's own people are shown as leads (snapshot._Loader).
        theirs = Party.objects.filter(organisation_id=plan.organisation_id, pk__in=f.lead)
        leading = as_of(
            ActionParty, before, role=ActionParty.Role.LEAD, party_id__in=theirs.values("pk")
        )
        rows = rows.filter(action_id__in=leading.values("action_id"))
    if f.body:
        reporting = as_of(ReportingRequirement, before, body_id__in=f.body)
        rows = rows.filter(action_id__in=reporting.values("action_id"))
    if f.due == "none":
        rows = rows.filter(action__due__isnull=True)
    elif f.due:
        rows = rows.filter(action__due__gte=on, action__due__lte=on + dt.timedelta(days=int(f.due)))
    return rows


def _sorted(rows: QuerySet, f: finding.Filters) -> QuerySet:
    """`finding._sort_key` in SQL: the key, then the plan's order (a stable sort keeps it,
    descending too)."""
    if f.sort == "rag":
        rank = Case(
            *(When(colour=c, then=Value(n)) for c, n in finding.RAG_ORDER.items()),
            default=Value(9),
            output_field=IntegerField(),
        )
        rows = rows.annotate(rank=rank)
        return rows.order_by(F("rank").desc() if f.descending else F("rank"), *_PLAN_ORDER)
    if f.sort == "due":
        due = F("action__due")
        key = due.desc(nulls_first=True) if f.descending else due.asc(nulls_last=True)
        return rows.order_by(key, *_PLAN_ORDER)
    return rows.order_by(*_PLAN_ORDER)
