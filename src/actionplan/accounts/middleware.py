"""Sign-in rules applied to every request: session expiry, then the second factor."""

from __future__ import annotations

import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import urlencode

from actionplan.accounts import access, secondfactor, sessions

# What someone signed in with a password but not yet a second factor may open.
OPEN_BEFORE_SECOND_FACTOR = frozenset(
    {
        "accounts:verify",
        "accounts:set_up",
        "accounts:set_up_qr",
        "accounts:sign_out",
        "admin:logout",
    }
)
# The form a session expired under, kept for the person to send again once signed in.
KEPT_FORM = "actionplan_kept_form"


def with_next(url_name: str, next_url: str) -> str:
    """The URL of `url_name`, to go on to `next_url` after it."""
    return f"{reverse(url_name)}?{urlencode({'next': next_url})}"


def second_factor_step(user) -> str | None:
    """The page a user signed in with a password must go through next ("accounts:verify" or
    "accounts:set_up"), or None. Anyone with a second factor uses it; anyone who must have
    one and has none sets one up."""
    if secondfactor.has_second_factor(user):
        return "accounts:verify"
    if access.needs_second_factor(user):
        return "accounts:set_up"
    return None


class SecondFactorMiddleware:
    """Until the second factor is given, only its own pages (and signing out) open."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        user = request.user
        if not user.is_authenticated or user.is_verified():
            return None
        step = second_factor_step(user)
        request.second_factor_pending = step is not None
        if step is None or request.resolver_match.view_name in OPEN_BEFORE_SECOND_FACTOR:
            return None
        return redirect(with_next(step, request.get_full_path()))


class SessionExpiryMiddleware:
    """Signs out a session idle for SESSION_IDLE_MINUTES, or older than SESSION_MAX_HOURS.
    A form posted to an expired session is kept, to be sent again after signing in."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.user.is_authenticated:
            session, now = request.session, time.time()
            signed_in_at = session.get(sessions.SIGNED_IN_AT)
            seen_at = session.get(sessions.SEEN_AT, signed_in_at)
            if signed_in_at is None:
                sessions.stamp(session, now)
            else:
                reason = sessions.expiry_reason(
                    now,
                    signed_in_at,
                    seen_at,
                    idle_minutes=settings.SESSION_IDLE_MINUTES,
                    max_hours=settings.SESSION_MAX_HOURS,
                )
                if reason:
                    return self._expire(request, reason)
                if now - seen_at >= sessions.SEEN_RESOLUTION:
                    session[sessions.SEEN_AT] = now
        return self.get_response(request)

    def _expire(self, request, reason):
        user_id = request.user.pk
        kept = None
        if request.method == "POST":
            fields = [
                (name, value)
                for name, values in request.POST.lists()
                for value in values
                if name != "csrfmiddlewaretoken" and "password" not in name
            ]
            # Nothing typed (signing out, a button): nothing to send again.
            if fields or request.FILES:
                kept = {
                    "user": user_id,
                    "path": request.get_full_path(),
                    "fields": fields,
                    "files": bool(request.FILES),
                }
        request.session_expired = reason
        logout(request)
        if kept is not None:
            request.session[KEPT_FORM] = kept
        messages.info(
            request,
            f"You were signed out because {reason}. Sign in again"
            + (" to send what you entered." if kept else "."),
        )
        return redirect_to_login(reverse("accounts:resubmit") if kept else request.get_full_path())
