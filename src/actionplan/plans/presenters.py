"""What the plan pages show: each function reads one page's rows with the queries it needs
and returns plain objects for the template. The monitoring pages extend these (RAG,
updates, sign-off, history, challenges) by adding fields, not by querying in templates."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, Prefetch, Q

from actionplan.core.presenters.tags import DEFAULT_RAG_KEY, RagKey
from actionplan.plans.models import (
    Action,
    ActionParty,
    Body,
    CrossReference,
    ImportWarning,
    Milestone,
    Party,
    Plan,
    PlanBody,
    PlanPerson,
    ProgressRecord,
    Recommendation,
    ReportingRequirement,
)

DUE_SOON_DAYS = 14


def names(links) -> str:
    return ", ".join(link.party.name for link in links)


def action_label(action: Action) -> str:
    return action.number or action.ref or f"#{action.order}"


# --- plan list ---------------------------------------------------------------------------


@dataclass
class PlanRow:
    plan: Plan
    role: str


def plan_list(plans, memberships) -> list[PlanRow]:
    roles = {m.plan_id: m.get_role_display() for m in memberships}
    return [PlanRow(p, roles.get(p.pk, "Improvement lead")) for p in plans]


# --- dashboard ---------------------------------------------------------------------------


@dataclass
class RecommendationRow:
    recommendation: Recommendation
    actions: int
    owners: str
    timescale: str


@dataclass
class Dashboard:
    plan: Plan
    recommendations: list[RecommendationRow]
    actions: int
    warnings: int
    timescales: list


def dashboard(plan: Plan) -> Dashboard:
    recs = (
        Recommendation.objects.filter(plan=plan)
        .select_related("timescale")
        .annotate(n_actions=Count("actions", filter=Q(actions__retired=False)))
        .prefetch_related("responsibilities__party")
    )
    rows = [
        RecommendationRow(
            recommendation=r,
            actions=r.n_actions,
            owners=names(r.responsibilities.all()),
            timescale=r.timescale.label if r.timescale else "",
        )
        for r in recs
    ]
    return Dashboard(
        plan=plan,
        recommendations=rows,
        actions=sum(r.actions for r in rows),
        warnings=ImportWarning.objects.filter(plan=plan).count(),
        timescales=list(plan.timescales.all()),
    )


# --- recommendation ----------------------------------------------------------------------


@dataclass
class ActionRow:
    action: Action
    label: str
    leads: str
    partners: str
    next_milestone: Milestone | None


@dataclass
class RecommendationPage:
    recommendation: Recommendation
    owners: str
    actions: list[ActionRow]
    cross_references: list[CrossReference]
    cited_by: list[CrossReference]
    warnings: list[ImportWarning]


def _parties_by_role(action: Action) -> dict[str, list[ActionParty]]:
    by_role = defaultdict(list)
    for link in action.action_parties.all():
        by_role[link.role].append(link)
    return by_role


def action_rows(actions, as_at: dt.date) -> list[ActionRow]:
    """Rows for a table of actions prefetched with `ACTION_ROW_PREFETCH`."""
    rows = []
    for a in actions:
        by_role = _parties_by_role(a)
        upcoming = [m for m in a.milestones.all() if m.due and m.due >= as_at]
        rows.append(
            ActionRow(
                action=a,
                label=action_label(a),
                leads=names(by_role[ActionParty.Role.LEAD]) or a.lead_text,
                partners=names(by_role[ActionParty.Role.PARTNER]) or a.partners_text,
                next_milestone=min(upcoming, key=lambda m: m.due, default=None),
            )
        )
    return rows


ACTION_ROW_PREFETCH = (
    Prefetch("action_parties", ActionParty.objects.select_related("party")),
    "milestones",
)


def recommendation_page(rec: Recommendation, as_at: dt.date) -> RecommendationPage:
    actions = rec.actions.filter(retired=False).prefetch_related(*ACTION_ROW_PREFETCH)
    return RecommendationPage(
        recommendation=rec,
        owners=names(rec.responsibilities.select_related("party")),
        actions=action_rows(actions, as_at),
        cross_references=list(rec.cross_references.filter(action=None).select_related("target")),
        cited_by=list(
            CrossReference.objects.filter(target=rec).select_related("recommendation", "action")
        ),
        warnings=list(
            ImportWarning.objects.filter(
                plan_id=rec.plan_id, recommendation_number=rec.number, action=None
            )
        ),
    )


# --- action ------------------------------------------------------------------------------


@dataclass
class ActionPage:
    action: Action
    label: str
    leads: list[ActionParty]
    partners: list[ActionParty]
    mentions: list[ActionParty]
    milestones: list[Milestone]
    reporting: list[ReportingRequirement]
    cross_references: list[CrossReference]
    warnings: list[ImportWarning]
    progress: list[ProgressRecord]
    later_progress: int
    children: list[Action]
    rag_key: RagKey = field(default=DEFAULT_RAG_KEY)


def action_page(action: Action, as_at: dt.date) -> ActionPage:
    """The action as at `as_at`: progress reported for that date or earlier, newest first."""
    by_role = _parties_by_role(action)
    progress = list(action.progress.order_by("-as_at", "-id"))
    shown = [p for p in progress if p.as_at is None or p.as_at <= as_at]
    return ActionPage(
        action=action,
        label=action_label(action),
        leads=by_role[ActionParty.Role.LEAD],
        partners=by_role[ActionParty.Role.PARTNER],
        mentions=by_role[ActionParty.Role.MENTION],
        milestones=list(action.milestones.all()),
        reporting=list(action.reporting.select_related("body")),
        cross_references=list(action.cross_references.select_related("target")),
        warnings=list(action.import_warnings.all()),
        progress=shown,
        later_progress=len(progress) - len(shown),
        children=list(action.children.filter(retired=False)),
    )


ACTION_PAGE_PREFETCH = (Prefetch("action_parties", ActionParty.objects.select_related("party")),)


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
        .order_by("party__name", "action__recommendation__order", "action__order")
    )
    for link in links:
        entry = entries.setdefault(link.party_id, PartyEntry(link.party))
        {
            ActionParty.Role.LEAD: entry.leads,
            ActionParty.Role.PARTNER: entry.partners,
            ActionParty.Role.MENTION: entry.mentions,
        }[link.role].append(link.action)
    for rec in Recommendation.objects.filter(plan=plan).prefetch_related("responsibilities__party"):
        for resp in rec.responsibilities.all():
            entries.setdefault(resp.party_id, PartyEntry(resp.party)).responsible_for.append(rec)
    sections = []
    for kind, heading in _KIND_HEADINGS:
        of_kind = [e for e in entries.values() if e.party.kind == kind]
        if of_kind:
            sections.append((heading, sorted(of_kind, key=lambda e: e.party.name.casefold())))
    return PeoplePage(sections)


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
        .order_by("due", "action__recommendation__order", "action__order", "order")
    )
    by_body: dict[int | None, list[ReportingRequirement]] = defaultdict(list)
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


# --- my actions, and what is due --------------------------------------------------------


@dataclass
class DueItem:
    action: Action
    what: str
    due: dt.date
    days: int


@dataclass
class DuePage:
    overdue: list[DueItem]
    due_soon: list[DueItem]
    days: int = DUE_SOON_DAYS

    @property
    def soon_caption(self) -> str:
        return f"Due in the next {self.days} days"


def due_page(actions, as_at: dt.date, days: int = DUE_SOON_DAYS) -> DuePage:
    """Milestones and action end dates that fell due before `as_at` (overdue), and those
    due within `days` after it. Completion is not taken into account yet."""
    until = as_at + dt.timedelta(days=days)
    actions = actions.filter(retired=False).select_related("recommendation")
    items: list[DueItem] = []
    for a in actions.filter(due__lte=until):
        items.append(DueItem(a, "Action end date", a.due, (a.due - as_at).days))
    for m in Milestone.objects.filter(action__in=actions, due__lte=until).select_related(
        "action__recommendation"
    ):
        items.append(DueItem(m.action, m.text, m.due, (m.due - as_at).days))
    items.sort(key=lambda i: (i.due, i.action.recommendation.order, i.action.order))
    return DuePage(
        overdue=[i for i in items if i.due < as_at],
        due_soon=[i for i in items if i.due >= as_at],
        days=days,
    )
