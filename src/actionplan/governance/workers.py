"""Workers that say they are alive, and tasks redone once when theirs stopped.

django-tasks-db marks a task RUNNING when a worker claims it and never looks at it again,
so a worker killed mid-task (out of memory, a deployment, kill -9) left it RUNNING for
ever: a reminder run lost silently, a paper never issued. Now each `actionplan worker`
writes a heartbeat (WorkerBeat) every few seconds from a thread of its own, and on each
beat looks for RUNNING tasks whose worker has been silent for TASK_STALE_SECONDS: such a
task is put back in the queue, once; a task whose second run was cut short too is marked
failed, so a task that kills its worker cannot kill them all.

Redoing a task is safe because every task is idempotent on its own terms (ADR 0008): the
reminder job sends each reminder once whatever runs it, issuing a paper refuses an issued
one, a values import is claimed in the transaction that stores it.
"""

from __future__ import annotations

import datetime as dt
import logging
import threading
from dataclasses import dataclass

from django.conf import settings
from django.db import DatabaseError, close_old_connections, connection
from django.utils import timezone
from django_tasks import TaskResultStatus
from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult

from actionplan.governance.models import WorkerBeat

logger = logging.getLogger(__name__)
RUNS = 2  # a task is run at most this many times: once, and once again after a lost worker
LOST = "actionplan.governance.workers.WorkerLost"


@dataclass
class Swept:
    redone: int = 0
    failed: int = 0


def stale_after() -> dt.timedelta:
    return dt.timedelta(seconds=settings.TASK_STALE_SECONDS)


def beat_every() -> float:
    """Seconds between heartbeats: several to each stale limit, so one slow beat is no death."""
    return max(min(settings.TASK_STALE_SECONDS / 4, 10.0), 0.2)


def beat(worker_id: str) -> None:
    WorkerBeat.objects.update_or_create(worker_id=worker_id, defaults={"beat_at": timezone.now()})


def redo_stale_tasks(now: dt.datetime | None = None) -> Swept:
    """Put back in the queue each RUNNING task whose worker has been silent for longer than
    TASK_STALE_SECONDS (or, for a worker that never beat, that started that long ago); fail
    it instead if it has been run twice. Each change is conditional on the task being as it
    was read, so two workers sweeping at once change it once."""
    now = now or timezone.now()
    limit = now - stale_after()
    alive = set(WorkerBeat.objects.filter(beat_at__gte=limit).values_list("worker_id", flat=True))
    swept = Swept()
    for task in DBTaskResult.objects.running().filter(started_at__lt=limit):
        if task.worker_ids and task.worker_ids[-1] in alive:
            continue  # a long task on a live worker
        same = DBTaskResult.objects.filter(
            pk=task.pk, status=TaskResultStatus.RUNNING, started_at=task.started_at
        )
        if len(task.worker_ids) < RUNS:
            if same.update(status=TaskResultStatus.READY, started_at=None):
                swept.redone += 1
                logger.warning(
                    "task %s (%s) lost its worker: queued again", task.pk, task.task_path
                )
            continue
        failed = same.update(
            status=TaskResultStatus.FAILED,
            finished_at=now,
            exception_class_path=LOST,
            traceback=f"The worker running this task stopped, {RUNS} times "
            f"({', '.join(task.worker_ids)}): it is not run again.",
        )
        if failed:
            swept.failed += 1
            logger.error("task %s (%s) lost its worker again: failed", task.pk, task.task_path)
    return swept


class _Heartbeat(threading.Thread):
    """Beats, and sweeps, until stopped; a database error is logged and the next beat tried."""

    def __init__(self, worker_id: str):
        super().__init__(name=f"heartbeat {worker_id}", daemon=True)
        self.worker_id = worker_id
        self.stopped = threading.Event()

    def run(self) -> None:
        try:
            while not self.stopped.is_set():
                close_old_connections()
                try:
                    beat(self.worker_id)
                    redo_stale_tasks()
                except DatabaseError as e:  # "database is locked", a dropped connection
                    logger.warning("heartbeat of worker %s missed: %s", self.worker_id, e)
                self.stopped.wait(beat_every())
        finally:
            connection.close()


class HeartbeatWorker(Worker):
    """django-tasks-db's worker, with a heartbeat beside it for as long as it runs."""

    def run(self) -> None:
        if _in_memory():
            # Only this process can see the database, so no other worker can lose a task
            # in it; and SQLite's shared in-memory cache fails a second writer at once.
            super().run()
            return
        heartbeat = _Heartbeat(self.worker_id)
        heartbeat.start()
        try:
            super().run()
        finally:
            heartbeat.stopped.set()
            heartbeat.join(timeout=30)
            WorkerBeat.objects.filter(worker_id=self.worker_id).delete()


def _in_memory() -> bool:
    # Only SQLite's connection has is_in_memory_db, and only SQLite reaches it.
    return connection.vendor == "sqlite" and connection.is_in_memory_db()  # type: ignore[attr-defined]
