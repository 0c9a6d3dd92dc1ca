"""The plan as at a date: dashboard, recommendation, action, my actions, due, an action's
history as CSV and evidence files. Each view: the object from the access layer, a presenter,
a template."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import render
from django.urls import reverse

from actionplan.accounts import access
from actionplan.core import wording
from actionplan.core.presenters.navigation import Crumb, plan_breadcrumbs
from actionplan.core.views import plan_qs
from actionplan.monitoring import cached, deadlines, finding, history, snapshot, state, todo
from actionplan.monitoring import presenters as pages
from actionplan.monitoring.models import Evidence
from actionplan.plans.models import Action, Plan, Recommendation


def action_label(action: Action) -> str:
    return wording.action_label(action.ref, action.number, action.order)


def action_qs(qs):
    return qs.select_related("recommendation__plan__organisation")


def _not_yet(request, plan, error):
    """The as-at date is before the plan (or the action) was in the service."""
    return render(
        request,
        "monitoring/not_yet.html",
        {
            "page_title": "Not in the plan on that date",
            "plan": plan,
            "message": str(error),
            "breadcrumbs": plan_breadcrumbs(request, plan),
        },
    )


@access.with_object(Plan, access.VIEW_PLAN, url_kwarg="plan_id", queryset=plan_qs)
def dashboard(request, plan):
    try:
        if request.as_at == request.today:
            # Today: counts from the state table, not the plan rebuilt (ADR 0024).
            now = state.standing(plan, request.as_at)
            page = pages.dashboard_of(now.snapshot, now.overdue, now.due_soon)
        else:
            snap = cached.plan_as_at(request, plan)
            page = pages.dashboard(snap, deadlines.deadlines(snap))
    except snapshot.NotInPlanYet as e:
        return _not_yet(request, plan, e)
    member = request.membership
    return render(
        request,
        "monitoring/dashboard.html",
        {
            "page_title": plan.title,
            "plan": plan,
            "page": page,
            "breadcrumbs": [Crumb("Plans", reverse("plans:list"))],
            "has_party": bool(member and member.party_id),
            "todo": todo.for_request(request, plan),
            "can_manage_rules": access.can(request.user, access.MANAGE_RAG_RULES, plan),
        },
    )


@access.with_object(
    Recommendation,
    access.VIEW_PLAN,
    url_kwarg="recommendation_id",
    queryset=lambda qs: qs.select_related("plan__organisation", "timescale"),
)
def recommendation(request, rec):
    plan = rec.plan
    try:
        snap = cached.plan_as_at(request, plan, recommendation_id=rec.pk)
    except snapshot.NotInPlanYet as e:
        return _not_yet(request, plan, e)
    page = pages.recommendation_page(snap, rec.pk)
    if page is None:
        return _not_yet(
            request, plan, f"Recommendation {rec.number} was not in the plan on that date"
        )
    return render(
        request,
        "monitoring/recommendation.html",
        {
            "page_title": f"Recommendation {rec.number}",
            "plan": plan,
            "rec": rec,
            "page": page,
            "challenges": snapshot.challenges(rec, request.as_at),
            "can_ask": access.can(request.user, access.RAISE_CHALLENGE, rec),
            "can_answer": access.can(request.user, access.ANSWER_CHALLENGE, rec),
            "can_correct": access.can(request.user, access.CORRECT_PLAN, rec),
            "by_objective": _by_objective(rec, page.rows),
            "breadcrumbs": plan_breadcrumbs(request, plan),
        },
    )


def _by_objective(rec, rows) -> list[tuple[str, str, list]]:
    """The actions under each of the recommendation's objectives (priority > objective >
    action), then those serving none, each with its table's id; empty when it has none."""
    objectives = list(rec.objectives.all())
    if not objectives:
        return []
    groups = [
        (f"Objective {o.number}: {o.title}", [r for r in rows if r.action.objective_id == o.pk])
        for o in objectives
    ]
    known = {o.pk for o in objectives}
    groups.append(("Other actions", [r for r in rows if r.action.objective_id not in known]))
    return [(f"actions-{i}", caption, g) for i, (caption, g) in enumerate(groups, 1) if g]


@access.with_object(Action, access.VIEW_PLAN, url_kwarg="action_id", queryset=action_qs)
def action(request, action):
    rec, plan = action.recommendation, action.recommendation.plan
    try:
        page = pages.action_page(cached.action_page(request, action))
    except snapshot.NotInPlanYet as e:
        return _not_yet(request, plan, e)
    user = request.user

    def may(permission):
        return access.can(user, permission, action)

    return render(
        request,
        "monitoring/action.html",
        {
            "page_title": f"Action {page.action.label}, recommendation {rec.number}",
            "plan": plan,
            "page": page,
            "reporting": list(action.reporting.select_related("body")),
            "may": {
                "update": may(access.UPDATE_ACTION),
                "propose": may(access.PROPOSE_COMPLETION),
                "sign_off": may(access.SIGN_OFF),
                "return": may(access.RETURN_COMPLETION),
                "reopen": may(access.SIGN_OFF),
                "override": may(access.OVERRIDE_RAG),
                "edit": may(access.EDIT_ACTION),
                "ask": may(access.RAISE_CHALLENGE),
                "answer": may(access.ANSWER_CHALLENGE),
                "history": may(access.VIEW_HISTORY),
                "export": may(access.EXPORT_HISTORY),
            },
            "breadcrumbs": plan_breadcrumbs(
                request, plan, (f"Recommendation {rec.number}", "plans:recommendation", rec.pk)
            ),
        },
    )


@access.with_object(Plan, access.VIEW_PLAN, url_kwarg="plan_id", queryset=plan_qs)
def my_actions(request, plan):
    member = request.membership
    party = member.party if member and member.party_id else None
    page = found = None
    if party is not None:
        try:
            mine = deadlines.my_actions(party, request.as_at)
        except snapshot.NotInPlanYet as e:
            return _not_yet(request, plan, e)
        snap = next((s for s in mine.plans if s.plan_id == plan.pk), None)
        in_plan = {a.id for a in snap.actions()} if snap else set()
        page = pages.my_actions_page(
            party.name,
            snap,
            mine.roles,
            deadlines.Deadlines(
                mine.deadlines.on,
                tuple(d for d in mine.deadlines.overdue if d.action.id in in_plan),
                tuple(d for d in mine.deadlines.due_soon if d.action.id in in_plan),
            ),
        )
        # Few rows (one person's): searched, filtered and sorted in memory, all on one
        # page, then split into open and finished as before.
        found = finding.find(
            list(page.rows),
            request.GET,
            on=mine.on,
            parties=[],
            per_page=max(len(page.rows), 1),
        )
        page = dataclasses.replace(page, rows=tuple(found.rows))
    return render(
        request,
        "monitoring/my_actions.html",
        {
            "page_title": "My actions",
            "plan": plan,
            "page": page,
            "found": found,
            "breadcrumbs": plan_breadcrumbs(request, plan),
        },
    )


@access.with_object(Plan, access.VIEW_PLAN, url_kwarg="plan_id", queryset=plan_qs)
def due(request, plan):
    try:
        # Today, only the actions with a deadline to show (cached.due, ADR 0024).
        snap = cached.due(request, plan)
    except snapshot.NotInPlanYet as e:
        return _not_yet(request, plan, e)
    due = pages.due_page(snap.rules, deadlines.deadlines(snap))
    leads = sorted(
        {(p.id, p.name) for d in due.overdue + due.due_soon for p in d.row.action.leads},
        key=lambda p: p[1].casefold(),
    )

    whole = request.GET.copy()
    whole["page"] = "1"

    def found(items, paged: bool):
        # Overdue can run to hundreds: paged. Due soon is a fortnight's: whole.
        return finding.find(
            list(items),
            request.GET if paged else whole,
            on=snap.on,
            parties=leads,
            row_of=lambda d: d.row,
            per_page=None if paged else max(len(items), 1),
        )

    return render(
        request,
        "monitoring/due.html",
        {
            "page_title": "Overdue and due soon",
            "plan": plan,
            "due": due,
            "overdue": found(due.overdue, True),
            "due_soon": found(due.due_soon, False),
            "breadcrumbs": plan_breadcrumbs(request, plan),
        },
    )


@access.with_object(Action, access.EXPORT_HISTORY, url_kwarg="action_id", queryset=action_qs)
def action_history_csv(request, action):
    entries = history.action_history(action, until=snapshot.end_of(request.as_at))
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    name = f"action-{action.pk}-history-{request.as_at.isoformat()}.csv"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    history.write_csv(entries, response)
    return response


@access.with_object(Evidence, access.VIEW_PLAN, url_kwarg="evidence_id")
def evidence_file(request, evidence):
    if not evidence.file:
        raise Http404("this evidence is a link")
    return FileResponse(
        evidence.file.open("rb"), as_attachment=True, filename=Path(evidence.file.name).name
    )
