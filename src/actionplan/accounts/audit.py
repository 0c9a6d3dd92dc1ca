"""The audit log of people's access: who signed in (or failed to), from where, what changed.

`record()` writes one event. Sign-ins, sign-outs and failed attempts come from Django's
signals and lockouts from axes' (connected in AccountsConfig.ready()); the rest are recorded
where they happen. An event never holds a password, a code or a token: what a person typed
is kept only as the username of an account that exists.
"""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.db.models import Q, QuerySet

from actionplan.accounts.addresses import client_address
from actionplan.accounts.models import AuditEvent, Membership, Role

Kind = AuditEvent.Kind


def _name(user) -> str:
    return user.get_username() if user is not None else ""


def record(
    kind: str,
    *,
    request=None,
    user=None,
    username: str = "",
    actor=None,
    plan=None,
    detail: str = "",
) -> AuditEvent:
    """One event about `user` (or, before they have an account, `username`), done by `actor`
    when someone else did it to them, from the address of `request`."""
    address = client_address(request) if request is not None else ""
    return AuditEvent.objects.create(
        kind=kind,
        user=user,
        username=(username or _name(user))[:254],
        actor=actor,
        actor_name=_name(actor)[:254],
        plan=plan,
        ip_address=address or None,
        detail=detail[:300],
    )


def role_changed(*, user, plan, before: str | None, after: str | None, actor=None, request=None):
    """A user's role in a plan changed (None: they had none, or have none now)."""

    def label(role):
        return Role(role).label.lower() if role else "none"

    record(
        Kind.ROLE_CHANGED,
        request=request,
        user=user,
        actor=actor,
        plan=plan,
        detail=f"{label(before)} → {label(after)}",
    )


def for_plan(plan) -> QuerySet[AuditEvent]:
    """What the improvement lead of `plan` sees: events about this plan (invitations, roles),
    and the sign-in events of the plan's current members; nothing about anyone else."""
    members = Membership.objects.filter(plan=plan).values("user")
    return AuditEvent.objects.filter(
        Q(plan=plan) | Q(plan__isnull=True, user__in=members)
    ).select_related("plan", "user", "actor")


# --- signal receivers -------------------------------------------------------------------


def signed_in(sender, request, user, **kwargs):
    record(Kind.SIGNED_IN, request=request, user=user)


def signed_out(sender, request, user, **kwargs):
    if user is None:
        return
    reason = getattr(request, "session_expired", "")
    kind = Kind.SESSION_EXPIRED if reason else Kind.SIGNED_OUT
    record(kind, request=request, user=user, detail=reason)


def _account(username) -> object | None:
    if not username:
        return None
    model = get_user_model()
    return model._default_manager.filter(**{model.USERNAME_FIELD: username}).first()


def sign_in_failed(sender, credentials, request=None, **kwargs):
    # Django has already replaced the password with stars; a username that is no account's
    # is not kept: it may be a password typed in the wrong box.
    user = _account(credentials.get(get_user_model().USERNAME_FIELD))
    detail = "" if user is not None else "no account has that username"
    record(Kind.SIGN_IN_FAILED, request=request, user=user, detail=detail)


def locked_out(sender, request, username, ip_address, **kwargs):
    user = _account(username)
    detail = "" if user is not None else "no account has that username"
    record(Kind.LOCKED_OUT, request=request, user=user, detail=detail)


def connect() -> None:
    from axes.signals import user_locked_out
    from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed

    user_logged_in.connect(signed_in, dispatch_uid="actionplan.audit.signed_in")
    user_logged_out.connect(signed_out, dispatch_uid="actionplan.audit.signed_out")
    user_login_failed.connect(sign_in_failed, dispatch_uid="actionplan.audit.sign_in_failed")
    user_locked_out.connect(locked_out, dispatch_uid="actionplan.audit.locked_out")
