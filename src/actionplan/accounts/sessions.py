"""Session expiry: after SESSION_IDLE_MINUTES without a request, and SESSION_MAX_HOURS after
signing in, whatever happens in between.

The times are kept in the session itself (seconds since the epoch), stamped at sign-in; a
session from before this rule (or a test's force_login) is stamped on its first request.
"""

from __future__ import annotations

import time

SIGNED_IN_AT = "actionplan_signed_in_at"
SEEN_AT = "actionplan_seen_at"
# The last-seen time is written at most this often, so a burst of requests does not write
# the session each time; idle time is measured to within this.
SEEN_RESOLUTION = 60


def expiry_reason(
    now: float, signed_in_at: float, seen_at: float, *, idle_minutes: int, max_hours: int
) -> str:
    """Why a session stamped so must end now ("" if it need not), in words for the person."""
    if now - signed_in_at >= max_hours * 3600:
        return f"you signed in more than {_hours(max_hours)} ago"
    if now - seen_at >= idle_minutes * 60:
        return f"you had not used actionplan for {_minutes(idle_minutes)}"
    return ""


def _hours(n: int) -> str:
    return "1 hour" if n == 1 else f"{n} hours"


def _minutes(n: int) -> str:
    return "1 minute" if n == 1 else f"{n} minutes"


def stamp(session, now: float | None = None) -> None:
    now = time.time() if now is None else now
    session[SIGNED_IN_AT] = now
    session[SEEN_AT] = now


def _stamp_at_sign_in(sender, request, user, **kwargs):
    stamp(request.session)


def connect() -> None:
    from django.contrib.auth.signals import user_logged_in

    user_logged_in.connect(_stamp_at_sign_in, dispatch_uid="actionplan.sessions.stamp")
