"""What /healthz reports, and `actionplan doctor` with it: the database answers, the task
queue is being worked, the media folder takes files.

A check's `problem` is said to anyone who asks /healthz, so it names no host, path, user
or plan; `detail` (the exception, the folder) is for the administrator running doctor.
"""

from __future__ import annotations

import logging
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.db import connection
from django.db.models import Count, Min
from django.utils import timezone

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Check:
    ok: bool
    problem: str = ""
    detail: str = ""
    facts: dict = field(default_factory=dict)

    def public(self) -> dict:
        return {"ok": self.ok, **self.facts} | ({"problem": self.problem} if self.problem else {})


def database() -> Check:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception as e:
        log.warning("health: the database did not answer: %s", e)
        return Check(False, "the database did not answer", detail=f"{type(e).__name__}: {e}")
    return Check(True)


def task_queue() -> Check:
    """Waiting tasks and how long the oldest has waited. One waiting longer than
    HEALTH_TASK_MAX_WAIT most likely has no worker to run it."""
    from django_tasks_db.models import DBTaskResult

    try:
        waiting = DBTaskResult.objects.ready().aggregate(
            oldest=Min("enqueued_at"), count=Count("pk")
        )
    except Exception as e:
        log.warning("health: could not read the task queue: %s", e)
        return Check(False, "the task queue could not be read", detail=f"{type(e).__name__}: {e}")
    oldest = waiting["oldest"]
    age = round((timezone.now() - oldest).total_seconds()) if oldest else None
    facts = {"waiting": waiting["count"], "oldest_waiting_seconds": age}
    limit = settings.HEALTH_TASK_MAX_WAIT
    if age is not None and age > limit:
        return Check(
            False,
            f"a task has waited longer than {limit} seconds: is a worker running?",
            facts=facts,
        )
    return Check(True, facts=facts)


def media() -> Check:
    """A file can be written to MEDIA_ROOT and removed (the folder is made if missing, as
    the storage does when the first file is uploaded)."""
    root = Path(settings.MEDIA_ROOT)
    try:
        root.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=root, prefix=".health-") as probe:
            probe.write(b"ok")
            probe.flush()
    except OSError as e:
        log.warning("health: the media folder %s cannot be written: %s", root, e)
        return Check(
            False,
            "the media folder cannot be written",
            detail=f"{root}: {e.strerror or e}",
        )
    return Check(True)


def report() -> tuple[bool, dict]:
    """(healthy, what /healthz says)."""
    db = database()
    checks = {
        "database": db,
        "tasks": task_queue() if db.ok else Check(False, "the database did not answer"),
        "media": media(),
    }
    healthy = all(c.ok for c in checks.values())
    return healthy, {
        "status": "ok" if healthy else "failing",
        "checks": {name: c.public() for name, c in checks.items()},
    }
