"""The improvement lead's members page: the plan's members and pending invitations; change a
member's role, remove a member, send an invitation again (issue 16, point 4)."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from actionplan.accounts import access, invitations, members
from actionplan.accounts.forms import MemberForm, RemoveMemberForm
from actionplan.accounts.models import Membership
from actionplan.core.presenters.navigation import plan_breadcrumbs
from actionplan.core.presenters.people import display_name
from actionplan.core.views import posted, saved
from actionplan.plans.models import Plan


def _crumbs(request, plan, *more):
    return plan_breadcrumbs(request, plan, ("People", "plans:people"), *more)


def _member(plan, membership_id) -> Membership:
    found = plan.memberships.select_related("user", "party").filter(pk=membership_id).first()
    if found is None:
        raise Http404("no member with that id in this plan")
    return found


@access.with_object(Plan, access.MANAGE_MEMBERS, url_kwarg="plan_id")
def members_page(request, plan):
    return render(
        request,
        "accounts/members.html",
        {
            "page_title": "Members and invitations",
            "plan": plan,
            "members": plan.memberships.select_related("user", "party").order_by(
                "role", "user__first_name", "user__username"
            ),
            "invitations": plan.invitations.filter(accepted_at__isnull=True).select_related(
                "party"
            ),
            "breadcrumbs": _crumbs(request, plan),
        },
    )


@require_http_methods(["GET", "POST"])
@access.with_object(Plan, access.MANAGE_MEMBERS, url_kwarg="plan_id")
def change_member(request, plan, membership_id):
    m = _member(plan, membership_id)
    name = display_name(m.user)
    form = MemberForm(*posted(request), plan=plan, initial={"role": m.role, "party": m.party_id})
    done = saved(
        request,
        form,
        lambda: members.change_role(
            m,
            role=form.cleaned_data["role"],
            party=form.cleaned_data["party"],
            by=request.user,
            reason=form.cleaned_data["reason"],
            request=request,
        ),
        done=f"{name}'s role has been changed",
        to=reverse("plans:members", args=[plan.pk]),
    )
    return done or render(
        request,
        "accounts/member_form.html",
        {
            "page_title": f"Change {name}'s role",
            "plan": plan,
            "form": form,
            "button": "Change the role",
            "breadcrumbs": _crumbs(request, plan, ("Members", "plans:members")),
        },
    )


@require_http_methods(["GET", "POST"])
@access.with_object(Plan, access.MANAGE_MEMBERS, url_kwarg="plan_id")
def remove_member(request, plan, membership_id):
    m = _member(plan, membership_id)
    name = display_name(m.user)
    form = RemoveMemberForm(*posted(request))
    done = saved(
        request,
        form,
        lambda: members.remove(
            m, by=request.user, reason=form.cleaned_data["reason"], request=request
        ),
        done=f"{name} has been removed from the plan",
        to=reverse("plans:members", args=[plan.pk]),
    )
    return done or render(
        request,
        "accounts/member_form.html",
        {
            "page_title": f"Remove {name} from the plan",
            "plan": plan,
            "form": form,
            "intro": f"{name} will no longer see this plan. What they wrote stays in its history.",
            "button": "Remove from the plan",
            "breadcrumbs": _crumbs(request, plan, ("Members", "plans:members")),
        },
    )


@require_http_methods(["POST"])
@access.with_object(Plan, access.MANAGE_MEMBERS, url_kwarg="plan_id")
def resend_invitation(request, plan, invitation_id):
    invitation = plan.invitations.filter(pk=invitation_id, accepted_at__isnull=True).first()
    if invitation is None:
        raise Http404("no invitation waiting with that id in this plan")
    invitations.resend(
        invitation,
        by=request.user,
        request=request,
        accept_url=lambda token: request.build_absolute_uri(
            reverse("accounts:accept_invitation", args=[token])
        ),
    )
    messages.success(request, f"The invitation to {invitation.email} has been sent again")
    return redirect("plans:members", plan_id=plan.pk)
