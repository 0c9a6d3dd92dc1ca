"""The reminder job as background tasks (docs/adr/0008-task-queue.md).

The tasks only start work: what makes each e-mail go exactly once is in reminders.py,
so a task that runs twice, or that a killed worker leaves half done, is harmless.
"""

from __future__ import annotations

import datetime as dt

from django_tasks import TaskContext, task

from actionplan.governance.reminders import deliver_pending, run_reminders


def _worker(context: TaskContext) -> str:
    ids = context.task_result.worker_ids
    return ids[-1] if ids else ""


@task(takes_context=True)
def send_reminders(context: TaskContext, today: str | None = None) -> dict:
    """Plan today's reminders, then send every pending one."""
    day = dt.date.fromisoformat(today) if today else None
    return run_reminders(today=day, worker=_worker(context)).as_dict()


@task(takes_context=True)
def deliver_reminders(context: TaskContext) -> dict:
    """Send every pending reminder (what an earlier run planned or left unsent)."""
    delivered = deliver_pending(worker=_worker(context))
    return {"sent": delivered.sent, "failed": delivered.failed}
