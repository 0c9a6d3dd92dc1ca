"""What the database says when it is busy rather than wrong, and which saves a signal handler
should see."""

from __future__ import annotations

import functools

from django.db import OperationalError

# PostgreSQL: lock_not_available (a lock timeout), deadlock_detected, serialization_failure.
_BUSY_STATES = {"55P03", "40P01", "40001"}


def database_busy(error: BaseException) -> bool:
    """Was `error` a write refused because others held the database, which the same write may
    do later: SQLite's lock outlasting its timeout, or PostgreSQL's lock states above?"""
    if not isinstance(error, OperationalError):
        return False
    cause = error.__cause__
    if getattr(cause, "sqlstate", None) in _BUSY_STATES:
        return True
    text = str(error).lower()
    return "database is locked" in text or "database table is locked" in text


BUSY_MESSAGE = (
    "Many people were saving at the same moment and yours could not be saved. Nothing has "
    "been saved: what you entered is still here, so send it again"
)


def ignoring_loaded_rows(handler):
    """A save or delete signal handler that runs for rows the service writes, not for rows a
    restore loads (loaddata's `raw` save): those arrive with their state and plan versions
    already as the backup holds them, so there is nothing to mark."""

    @functools.wraps(handler)
    def handle(sender, instance, **kwargs) -> None:
        if not kwargs.get("raw"):
            handler(sender, instance, **kwargs)

    return handle
