"""Who may see and do what: the one place that decides.

The policy is two things:

- a table, `PERMISSIONS`: what each role may do in a plan it is a member of;
- object rules, for the permissions in `OWN_ACTION_PERMISSIONS`: a lead officer may use them
  only on the actions they lead, a partner contributor only on those where their party is a
  named partner. On a recommendation, "theirs" means they lead or partner one of its actions
  (or, for a lead officer, hold overall responsibility for it); on a thing with an owner (an
  indicator), that their party is its owner;
- assignments, for the permissions in `ASSIGNED_PERMISSIONS`: a lead officer or a partner
  conducts, moderates or reads the case audits only of the audits that name their party as
  an auditor or a moderator.

Everything else asks this module:

- `visible_plans(user)`, `visible(user, Model)`: querysets of what a user may see;
- `updatable_actions(user, plan=None)`: the actions a user may update;
- `can(user, permission, obj)`: may the user do this to that (a plan or anything in one);
- `needs_second_factor(user)`: must they sign in with a security code as well;
- `with_object(Model, permission, url_kwarg=...)`: the decorator every view that takes an
  id uses. Not signed in: to the sign-in page. Not visible to the user (or no such id):
  404, so nobody learns what exists in a plan they cannot see. Visible but not permitted:
  403.

A superuser (the administrator `actionplan createsuperuser` makes) is an improvement lead
of every plan.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import cast

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.db import models
from django.db.models import Q
from django.http import Http404

from actionplan.accounts.models import Membership, Role
from actionplan.core.asat import PARAMETER
from actionplan.plans.models import (
    Action,
    ActionParty,
    Body,
    Correction,
    CrossReference,
    ImportRun,
    ImportWarning,
    Milestone,
    Organisation,
    Party,
    Plan,
    ProgressRecord,
    Recommendation,
    ReportingRequirement,
    Responsibility,
    Timescale,
)

VIEW_PLAN = "view_plan"
VIEW_HISTORY = "view_history"
UPDATE_ACTION = "update_action"
PROPOSE_COMPLETION = "propose_completion"
SIGN_OFF = "sign_off"
RETURN_COMPLETION = "return_completion"
ASSIGN_OWNER = "assign_owner"
EDIT_ACTION = "edit_action"
IMPORT_PLAN = "import_plan"
INVITE_USER = "invite_user"
MANAGE_MEMBERS = "manage_members"
RAISE_CHALLENGE = "raise_challenge"
ANSWER_CHALLENGE = "answer_challenge"
OVERRIDE_RAG = "override_rag"
MANAGE_RAG_RULES = "manage_rag_rules"
EXPORT_HISTORY = "export_history"
# Correcting what an import read: recommendations, bodies, people and organisations.
CORRECT_PLAN = "correct_plan"
# Governance: meetings, the forward plan, reminders.
MANAGE_MEETINGS = "manage_meetings"
VIEW_REMINDERS = "view_reminders"
# Board papers: drafts are the improvement team's until issued; issued papers are the plan's.
DRAFT_PAPER = "draft_paper"
ISSUE_PAPER = "issue_paper"
# Indicators: defining them and loading data, and recording a value by hand.
MANAGE_INDICATORS = "manage_indicators"
RECORD_INDICATOR_VALUE = "record_indicator_value"
# Who signed in, failed to, was invited or changed role: the plan's people's audit log.
VIEW_AUDIT_LOG = "view_audit_log"
# Case-file audits (docs/audits.md): the improvement lead plans the programme, defines the
# tools and writes the findings; auditors and moderators are assigned per audit; findings
# are the plan's to read. Case-level audits are for those who do them, and inspectors.
PLAN_AUDITS = "plan_audits"
CONDUCT_AUDIT = "conduct_audit"
MODERATE_AUDIT = "moderate_audit"
VIEW_CASE_AUDITS = "view_case_audits"
# The voice of children and families (docs/voice.md): the improvement lead keeps it; a quote
# flagged as a possible risk to a child is the improvement lead's alone to see.
MANAGE_VOICE = "manage_voice"
VIEW_FLAGGED_QUOTES = "view_flagged_quotes"

ALL_PERMISSIONS = frozenset(
    {
        VIEW_PLAN,
        VIEW_HISTORY,
        UPDATE_ACTION,
        PROPOSE_COMPLETION,
        SIGN_OFF,
        RETURN_COMPLETION,
        ASSIGN_OWNER,
        EDIT_ACTION,
        IMPORT_PLAN,
        INVITE_USER,
        MANAGE_MEMBERS,
        RAISE_CHALLENGE,
        ANSWER_CHALLENGE,
        OVERRIDE_RAG,
        MANAGE_RAG_RULES,
        EXPORT_HISTORY,
        CORRECT_PLAN,
        MANAGE_MEETINGS,
        VIEW_REMINDERS,
        DRAFT_PAPER,
        ISSUE_PAPER,
        MANAGE_INDICATORS,
        RECORD_INDICATOR_VALUE,
        VIEW_AUDIT_LOG,
        PLAN_AUDITS,
        CONDUCT_AUDIT,
        MODERATE_AUDIT,
        VIEW_CASE_AUDITS,
        MANAGE_VOICE,
        VIEW_FLAGGED_QUOTES,
    }
)

PERMISSIONS: dict[str, frozenset[str]] = {
    Role.IMPROVEMENT_LEAD: ALL_PERMISSIONS,
    Role.LEAD_OFFICER: frozenset(
        {
            VIEW_PLAN,
            VIEW_HISTORY,
            UPDATE_ACTION,
            PROPOSE_COMPLETION,
            ANSWER_CHALLENGE,
            RECORD_INDICATOR_VALUE,
            CONDUCT_AUDIT,
            MODERATE_AUDIT,
            VIEW_CASE_AUDITS,
        }
    ),
    Role.PARTNER: frozenset(
        {VIEW_PLAN, UPDATE_ACTION, CONDUCT_AUDIT, MODERATE_AUDIT, VIEW_CASE_AUDITS}
    ),
    Role.MEMBER: frozenset({VIEW_PLAN, RAISE_CHALLENGE}),
    Role.INSPECTOR: frozenset(
        {VIEW_PLAN, VIEW_HISTORY, EXPORT_HISTORY, VIEW_REMINDERS, VIEW_CASE_AUDITS}
    ),
}

# Permissions a lead officer or partner holds only on their own actions (and, for an
# indicator's value, only on the indicators they own).
OWN_ACTION_PERMISSIONS = frozenset(
    {UPDATE_ACTION, PROPOSE_COMPLETION, ANSWER_CHALLENGE, RECORD_INDICATOR_VALUE}
)

# Permissions a lead officer or partner holds only on the audits they are assigned to (as
# auditor or moderator, by their party): an audit's relation that names who, for each.
ASSIGNED_PERMISSIONS: dict[str, tuple[str, ...]] = {
    CONDUCT_AUDIT: ("auditors",),
    MODERATE_AUDIT: ("moderators",),
    VIEW_CASE_AUDITS: ("auditors", "moderators"),
    # A question about an audit's findings is its auditors' to answer, as the improvement
    # lead's.
    ANSWER_CHALLENGE: ("auditors",),
}

# The party role through which each role owns an action.
_OWNING_PARTY_ROLE: dict[str, str] = {
    Role.LEAD_OFFICER: ActionParty.Role.LEAD,
    Role.PARTNER: ActionParty.Role.PARTNER,
}

# How to get from each model to its plan, as a lookup path ("" for Plan itself). Other apps
# add their models with `register(Model, "action__recommendation__plan")`.
PLAN_PATHS: dict[type[models.Model], str] = {
    Plan: "",
    Timescale: "plan",
    Recommendation: "plan",
    Responsibility: "recommendation__plan",
    Action: "recommendation__plan",
    ActionParty: "action__recommendation__plan",
    Milestone: "action__recommendation__plan",
    ReportingRequirement: "action__recommendation__plan",
    CrossReference: "recommendation__plan",
    ProgressRecord: "action__recommendation__plan",
    ImportWarning: "plan",
    ImportRun: "plan",
    Membership: "plan",
}
# Organisation-wide things, seen by anyone with a plan of that organisation.
ORGANISATION_PATHS: dict[type[models.Model], str] = {
    Organisation: "",
    Party: "organisation",
    Body: "organisation",
    Correction: "organisation",
}


def register(model: type[models.Model], plan_path: str) -> None:
    """Scope `model` by the plan at `plan_path` (e.g. "action__recommendation__plan")."""
    PLAN_PATHS[model] = plan_path


def register_organisation(model: type[models.Model], organisation_path: str) -> None:
    """Scope `model` by the organisation at `organisation_path` (e.g. "body__organisation"):
    seen by anyone with a plan of that organisation."""
    ORGANISATION_PATHS[model] = organisation_path


def permissions_for(role: str | None) -> frozenset[str]:
    return PERMISSIONS.get(role, frozenset()) if role else frozenset()


# --- who the user is in a plan ---------------------------------------------------------


def _memberships(user) -> dict[int, Membership]:
    """The user's memberships by plan id, read once per user object (once per request)."""
    cached = getattr(user, "_actionplan_memberships", None)
    if cached is None:
        cached = {m.plan_id: m for m in Membership.objects.filter(user=user)}
        user._actionplan_memberships = cached
    return cached


def membership(user, plan: Plan | int) -> Membership | None:
    """The user's membership of `plan`; for a superuser, one as improvement lead."""
    if user is None or not user.is_authenticated or not user.is_active:
        return None
    plan_id = plan if isinstance(plan, int) else plan.pk
    if user.is_superuser:
        return Membership(user=user, plan_id=plan_id, role=Role.IMPROVEMENT_LEAD)
    return _memberships(user).get(plan_id)


def role_in(user, plan: Plan | int) -> str | None:
    m = membership(user, plan)
    return m.role if m else None


# --- querysets: what a user may see ------------------------------------------------------


def visible_plans(user) -> models.QuerySet[Plan]:
    if user is None or not user.is_authenticated or not user.is_active:
        return Plan.objects.none()
    if user.is_superuser:
        return Plan.objects.all()
    return Plan.objects.filter(memberships__user=user)


def visible(user, model: type[models.Model]) -> models.QuerySet:
    """`model`'s rows that belong to a plan (or an organisation) the user may see."""
    if user is not None and user.is_authenticated and user.is_active and user.is_superuser:
        return model._default_manager.all()
    plans = visible_plans(user).values("pk")
    if model in PLAN_PATHS:
        path = PLAN_PATHS[model]
        return model._default_manager.filter(**{f"{path}__in" if path else "pk__in": plans})
    if model in ORGANISATION_PATHS:
        path = ORGANISATION_PATHS[model]
        orgs = Plan.objects.filter(pk__in=plans).values("organisation")
        return model._default_manager.filter(**{f"{path}__in" if path else "pk__in": orgs})
    raise LookupError(f"{model.__name__} has no plan path: access.register() it")


def updatable_actions(user, plan: Plan | int | None = None) -> models.QuerySet[Action]:
    """The actions the user may update, in one plan or in all of theirs."""
    if user is None or not user.is_authenticated or not user.is_active:
        return Action.objects.none()
    if user.is_superuser:
        actions = Action.objects.all()
    else:
        mine = Q(pk__in=[])
        for m in _memberships(user).values():
            if UPDATE_ACTION not in permissions_for(m.role):
                continue
            if m.role in _OWNING_PARTY_ROLE:
                if m.party_id is None:
                    continue
                owned = ActionParty.objects.filter(
                    party_id=m.party_id, role=_OWNING_PARTY_ROLE[m.role]
                ).values("action")
                mine |= Q(recommendation__plan_id=m.plan_id, pk__in=owned)
            else:
                mine |= Q(recommendation__plan_id=m.plan_id)
        actions = Action.objects.filter(mine)
    if plan is not None:
        actions = actions.filter(recommendation__plan=plan)
    return actions


def import_targets(user) -> set[int] | None:
    """The plans an import by `user` may update, and whose shared people and bodies it may
    change: those they are improvement lead of (None, meaning every plan, for a superuser).
    An import never reaches another plan, whoever leads it (docs/security.md)."""
    if user is None or not user.is_authenticated or not user.is_active:
        return set()
    if user.is_superuser:
        return None
    return {
        m.plan_id for m in _memberships(user).values() if IMPORT_PLAN in permissions_for(m.role)
    }


def import_organisations(user) -> models.QuerySet[Organisation]:
    """The organisations the user may import plans for: those where they are an improvement
    lead (any, for a superuser)."""
    if user is None or not user.is_authenticated or not user.is_active:
        return Organisation.objects.none()
    if user.is_superuser:
        return Organisation.objects.all()
    targets = import_targets(user)
    assert targets is not None  # None is a superuser's, answered above
    return Organisation.objects.filter(plans__in=targets).distinct()


# --- may the user do this? ---------------------------------------------------------------


def plan_of(obj: models.Model) -> Plan | int:
    """The plan (or its id) that `obj` belongs to, following its PLAN_PATHS entry."""
    path = PLAN_PATHS.get(type(obj))
    if path is None:
        raise LookupError(f"{type(obj).__name__} has no plan path: access.register() it")
    if not path:
        return cast(Plan, obj)  # the empty path is Plan's own
    *hops, last = path.split("__")
    target = obj
    for hop in hops:
        target = getattr(target, hop)
    return getattr(target, f"{last}_id")


def _owns(m: Membership, obj: models.Model) -> bool:
    """Is `obj` (an action, a recommendation, or a thing of an action) the member's own?"""
    party_role = _OWNING_PARTY_ROLE.get(m.role)
    if party_role is None:
        return True
    if m.party_id is None:
        return False
    links = ActionParty.objects.filter(party_id=m.party_id, role=party_role)
    if isinstance(obj, Action):
        return links.filter(action=obj).exists()
    if isinstance(obj, Recommendation):
        if (
            m.role == Role.LEAD_OFFICER
            and obj.responsibilities.filter(party_id=m.party_id).exists()
        ):
            return True
        return links.filter(action__recommendation=obj).exists()
    action_id = getattr(obj, "action_id", None)
    if action_id is not None:
        return links.filter(action_id=action_id).exists()
    # Things with an owning party (an indicator): theirs when they are its owner.
    if hasattr(obj, "owner_id"):
        return obj.owner_id is not None and obj.owner_id == m.party_id
    return False


def _assigned(m: Membership, obj: models.Model, relations: tuple[str, ...]) -> bool:
    """Is the member's party one of those `relations` of the audit name (the audit being
    `obj`, or what `obj` belongs to: a case audit's audit)?"""
    if m.party_id is None:
        return False
    audit = getattr(obj, "audit", obj)
    return any(getattr(audit, rel).filter(pk=m.party_id).exists() for rel in relations)


def can(user, permission: str, obj: models.Model) -> bool:
    """May `user` do `permission` to `obj` (a plan, or anything that belongs to one)?

    On a plan, the own-action permissions ask whether the role has them at all ("may this
    user update some action here?"); on an action or a recommendation, whether it is theirs.
    """
    if permission not in ALL_PERMISSIONS:
        raise ValueError(f"unknown permission {permission!r}")
    m = membership(user, plan_of(obj))
    if m is None or permission not in permissions_for(m.role):
        return False
    if isinstance(obj, Plan) or m.role not in _OWNING_PARTY_ROLE:
        return True
    relations = ASSIGNED_PERMISSIONS.get(permission)
    if relations and hasattr(getattr(obj, "audit", obj), relations[0]):
        return _assigned(m, obj, relations)
    if permission in OWN_ACTION_PERMISSIONS:
        return _owns(m, obj)
    return True


def can_import(user) -> bool:
    return import_organisations(user).exists()


def needs_second_factor(user) -> bool:
    """Must this user sign in with a second factor? Administrators (staff and superusers)
    and the improvement lead of any plan must; anyone else may choose to
    (docs/adr/0015-second-factor.md)."""
    if user is None or not user.is_authenticated or not user.is_active:
        return False
    if user.is_staff or user.is_superuser:
        return True
    return any(m.role == Role.IMPROVEMENT_LEAD for m in _memberships(user).values())


# --- the one way views load what they show -----------------------------------------------


def with_object(
    model: type[models.Model],
    permission: str,
    *,
    url_kwarg: str,
    plan_kwarg: str | None = "plan_id",
    queryset: Callable[[models.QuerySet], models.QuerySet] | None = None,
):
    """Load `model` by the id in `url_kwarg`, check `permission`, and call the view with it.

        @with_object(Action, access.VIEW_PLAN, url_kwarg="action_id")
        def action_page(request, action): ...

    The object must also belong to the plan in `plan_kwarg` (when the URL has one), so
    /plans/1/actions/99/ is a 404 when action 99 is in plan 2. `queryset` may add
    select_related or prefetch_related.
    """

    def decorator(view):
        @functools.wraps(view)
        def wrapper(request, *args, **kwargs):
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            pk = kwargs.pop(url_kwarg)
            qs = visible(request.user, model)
            if plan_kwarg and plan_kwarg != url_kwarg and plan_kwarg in kwargs:
                qs = qs.filter(**{PLAN_PATHS[model]: kwargs.pop(plan_kwarg)})
            if queryset is not None:
                qs = queryset(qs)
            try:
                obj = qs.get(pk=pk)
            except model.DoesNotExist:
                raise Http404(f"no {model._meta.verbose_name} {pk} that you can see") from None
            if not can(request.user, permission, obj):
                raise PermissionDenied(f"you may not {permission.replace('_', ' ')} here")
            request.membership = membership(request.user, plan_of(obj))
            if isinstance(obj, Plan):
                _open_as_at(request, obj)
            return view(request, obj, *args, **kwargs)

        return wrapper

    return decorator


def _open_as_at(request, plan: Plan) -> None:
    """A plan that opens on a date of its own (the demo's, inside its story) is shown as at
    that date when the URL asks for none; links from it then carry the date."""
    if plan.opens_as_at and hasattr(request, "as_at"):
        request.as_at_default = plan.opens_as_at
        if not request.GET.get(PARAMETER):
            request.as_at = plan.opens_as_at


def permission_required(permission: str):
    """For a view that takes no object: `permission` in some plan (e.g. import_plan)."""

    def decorator(view):
        @functools.wraps(view)
        def wrapper(request, *args, **kwargs):
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            allowed = request.user.is_superuser or any(
                permission in permissions_for(m.role) for m in _memberships(request.user).values()
            )
            if not allowed:
                raise PermissionDenied(f"you may not {permission.replace('_', ' ')}")
            return view(request, *args, **kwargs)

        return wrapper

    return decorator
