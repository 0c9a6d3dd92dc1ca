"""The improvement lead's changes to who is in a plan: a member's role changed, a member
removed. Each is in the access log with who did it and why. A plan always keeps at least
one improvement lead: the last cannot be removed or given another role."""

from __future__ import annotations

from django.db import transaction

from actionplan.accounts import audit
from actionplan.accounts.models import AuditEvent, Membership, Role
from actionplan.core.errors import UserError

Kind = AuditEvent.Kind


class MembershipError(UserError):
    """A change refused; the message says why."""


def _reason(reason: str) -> str:
    reason = " ".join((reason or "").split())
    if not reason:
        raise MembershipError("Say why")
    return reason


def _keeps_a_lead(membership: Membership) -> None:
    if membership.role != Role.IMPROVEMENT_LEAD:
        return
    others = (
        Membership.objects.select_for_update()
        .filter(plan_id=membership.plan_id, role=Role.IMPROVEMENT_LEAD)
        .exclude(pk=membership.pk)
    )
    if not others.exists():
        raise MembershipError(
            "The plan needs an improvement lead: make someone else improvement lead first"
        )


def change_role(membership: Membership, *, role: str, party, by, reason: str, request=None):
    """Give a member another role (and who they are in the plan, for lead officers and
    partners)."""
    reason = _reason(reason)
    with transaction.atomic():
        membership = Membership.objects.select_for_update().get(pk=membership.pk)
        before = membership.role
        if role != Role.IMPROVEMENT_LEAD:
            _keeps_a_lead(membership)
        membership.role, membership.party = role, party
        membership.save(update_fields=["role", "party"])
        audit.record(
            Kind.ROLE_CHANGED,
            request=request,
            user=membership.user,
            actor=by,
            plan=membership.plan,
            detail=f"{Role(before).label.lower()} → {Role(role).label.lower()}: {reason}",
        )
    return membership


def remove(membership: Membership, *, by, reason: str, request=None) -> None:
    """Take a member out of the plan: they no longer see it. What they wrote stays."""
    reason = _reason(reason)
    with transaction.atomic():
        membership = Membership.objects.select_for_update().get(pk=membership.pk)
        _keeps_a_lead(membership)
        audit.record(
            Kind.MEMBER_REMOVED,
            request=request,
            user=membership.user,
            actor=by,
            plan=membership.plan,
            detail=f"was {membership.get_role_display().lower()}: {reason}",
        )
        membership.delete()
