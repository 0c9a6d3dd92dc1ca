"""Inviting someone to a plan: an e-mailed link, signed, that expires and works once."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core import signing
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.utils import timezone

from actionplan.accounts import audit
from actionplan.accounts.models import AuditEvent, Invitation, Membership, Role
from actionplan.core.presenters.people import display_name
from actionplan.core.wording import long_date

Kind = AuditEvent.Kind

_SALT = "actionplan.accounts.invitation"


class InvitationError(Exception):
    """A link that cannot be used: the message says why, for the person who followed it."""


def _max_age() -> dt.timedelta:
    return dt.timedelta(days=settings.INVITATION_DAYS)


def token_for(invitation: Invitation) -> str:
    return signing.TimestampSigner(salt=_SALT).sign_object(
        {"id": invitation.pk, "email": invitation.email}
    )


def expires_on(invitation: Invitation) -> dt.date:
    return timezone.localdate(invitation.created_at + _max_age())


def invite(
    *, plan, email, role, party, invited_by, accept_url, request=None, full_name: str = ""
) -> Invitation:
    """Record the invitation and e-mail its link. `accept_url(token)` makes the absolute URL."""
    invitation = Invitation.objects.create(
        plan=plan,
        email=email.strip().lower(),
        full_name=" ".join(full_name.split()),
        role=role,
        party=party,
        invited_by=invited_by,
    )
    audit.record(
        Kind.INVITATION_SENT,
        request=request,
        username=invitation.email,
        actor=invited_by,
        plan=plan,
        detail=f"as {invitation.get_role_display().lower()}",
    )
    _send(invitation, invited_by, accept_url)
    return invitation


def resend(invitation: Invitation, *, by, accept_url, request=None) -> Invitation:
    """Send a pending invitation again, with a new link valid from now."""
    invitation.created_at = timezone.now()
    invitation.save(update_fields=["created_at"])
    audit.record(
        Kind.INVITATION_RESENT,
        request=request,
        username=invitation.email,
        actor=by,
        plan=invitation.plan,
        detail=f"as {invitation.get_role_display().lower()}",
    )
    _send(invitation, by, accept_url)
    return invitation


def _send(invitation: Invitation, invited_by, accept_url) -> None:
    plan, party = invitation.plan, invitation.party
    url = accept_url(token_for(invitation))
    inviter = display_name(invited_by)
    as_whom = f" as {party.name}" if party else ""
    send_mail(
        subject=f"You are invited to the action plan: {plan.title}",
        message=(
            f"{inviter} has invited you to {plan.title} ({plan.organisation.name}) "
            f"as {invitation.get_role_display().lower()}{as_whom}.\n\n"
            f"Set your password and sign in here:\n{url}\n\n"
            f"The link works once, until {long_date(expires_on(invitation))}.\n"
        ),
        from_email=None,
        recipient_list=[invitation.email],
    )


def invitation_from_token(token: str) -> Invitation:
    try:
        data = signing.TimestampSigner(salt=_SALT).unsign_object(token, max_age=_max_age())
    except signing.SignatureExpired:
        raise InvitationError(
            "This invitation has expired. Ask the improvement lead to invite you again."
        ) from None
    except signing.BadSignature:
        raise InvitationError(
            "This link is not a valid invitation. Check you copied the entire address."
        ) from None
    invitation = (
        Invitation.objects.select_related("plan__organisation", "party")
        .filter(pk=data.get("id"), email=data.get("email"))
        .first()
    )
    if invitation is None:
        raise InvitationError("This invitation has been withdrawn.")
    if invitation.accepted_at is not None:
        raise InvitationError(
            "This invitation has been used already. Sign in with your e-mail address."
        )
    return invitation


def display_name_given(user) -> bool:
    return bool(user.first_name.strip() or user.last_name.strip())


def existing_user(invitation: Invitation):
    """The account already using the invitation's address, if any.

    Someone else sending the same link a moment ago may have made that account after this
    request read the invitation: the account and the acceptance are committed together, so
    reading the invitation again tells that case apart from a genuine earlier account.
    """
    user = get_user_model().objects.filter(username__iexact=invitation.email).first()
    if (
        user is not None
        and Invitation.objects.filter(pk=invitation.pk, accepted_at__isnull=False).exists()
    ):
        raise InvitationError(
            "This invitation has been used already. Sign in with your e-mail address."
        )
    return user


def new_user(invitation: Invitation):
    """The account the invitation will make, unsaved: password rules compare against it."""
    return get_user_model()(
        username=invitation.email, email=invitation.email, first_name=invitation.full_name
    )


def accept(
    invitation: Invitation,
    *,
    user=None,
    password: str | None = None,
    full_name: str | None = None,
    request=None,
):
    """Use the invitation once: make the account (or take `user`'s), give it the role.

    Several people (or tabs) may send the link at the same moment: the row lock (on SQLite,
    the write lock every transaction takes first) lets one through; the others find it used.
    """
    with transaction.atomic():
        locked = Invitation.objects.select_for_update().get(pk=invitation.pk)
        if locked.accepted_at is not None:
            raise InvitationError(
                "This invitation has been used already. Sign in with your e-mail address."
            )
        if user is None:
            user = new_user(invitation)
            if full_name is not None:
                user.first_name = " ".join(full_name.split())
            user.set_password(password)
            try:
                with transaction.atomic():
                    user.save()
            except IntegrityError:
                # Another invitation to the same address made the account a moment ago.
                raise InvitationError(
                    "An account with this e-mail address has just been made. Sign in with it, "
                    "then follow the link again."
                ) from None
        elif not display_name_given(user) and invitation.full_name:
            # An account that never had a name takes the one it was invited by.
            user.first_name = invitation.full_name
            user.save(update_fields=["first_name"])
        before = Membership.objects.filter(user=user, plan=invitation.plan).first()
        Membership.objects.update_or_create(
            user=user,
            plan=invitation.plan,
            defaults={"role": invitation.role, "party": invitation.party},
        )
        locked.accepted_at = timezone.now()
        locked.user = user
        locked.save(update_fields=["accepted_at", "user"])
        audit.record(
            Kind.INVITATION_ACCEPTED,
            request=request,
            user=user,
            plan=invitation.plan,
            detail=f"as {invitation.get_role_display().lower()}",
        )
        if before is not None and before.role != invitation.role:
            audit.role_changed(
                user=user,
                plan=invitation.plan,
                before=before.role,
                after=invitation.role,
                actor=invitation.invited_by,
                request=request,
            )
    return user


def withdraw(invitation: Invitation, *, by, request=None) -> None:
    """Withdraw an invitation not yet used: its link stops working."""
    with transaction.atomic():
        audit.record(
            Kind.INVITATION_WITHDRAWN,
            request=request,
            username=invitation.email,
            actor=by,
            plan=invitation.plan,
            detail=f"as {Role(invitation.role).label.lower()}",
        )
        invitation.delete()
