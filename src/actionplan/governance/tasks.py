"""The reminder job as background tasks (docs/adr/0008-task-queue.md).

The tasks only start work: what makes each e-mail go exactly once is in reminders.py,
so a task that runs twice, or that a killed worker leaves half done, is harmless.
"""

from __future__ import annotations

import datetime as dt

from django_tasks import TaskContext, task

from actionplan.governance.delivery import deliver_pending, write_transaction
from actionplan.governance.reminders import run_reminders
from actionplan.plans.models import Plan


def _worker(context: TaskContext) -> str:
    ids = context.task_result.worker_ids
    return ids[-1] if ids else ""


@task(takes_context=True)
def send_reminders(
    context: TaskContext, today: str | None = None, plan_id: int | None = None
) -> dict:
    """Plan today's reminders, then send every pending one: of every plan, or of `plan_id`'s."""
    day = dt.date.fromisoformat(today) if today else None
    return run_reminders(today=day, worker=_worker(context), plan_id=plan_id).as_dict()


@task(takes_context=True)
def deliver_reminders(context: TaskContext) -> dict:
    """Send every pending reminder (what an earlier run planned or left unsent)."""
    delivered = deliver_pending(worker=_worker(context))
    return {"sent": delivered.sent, "failed": delivered.failed}


def queue_plan_run(plan_id: int) -> tuple[str, bool]:
    """Queue one run of the reminder job for the plan alone, unless one for it is queued
    already and no worker has started it: (that run's task id, whether this call queued it).

    django-tasks-db keeps a row per task, so the queued run is found by its arguments. The
    look and the enqueue are one transaction holding the plan's row (PostgreSQL) or the
    write lock (SQLite), so two presses at once queue one run.
    """
    from django_tasks import TaskResultStatus
    from django_tasks_db.models import DBTaskResult

    with write_transaction():
        Plan.objects.select_for_update().filter(pk=plan_id).values_list("pk").first()
        waiting = (
            DBTaskResult.objects.filter(
                task_path=send_reminders.module_path,
                status=TaskResultStatus.READY,
                args_kwargs__kwargs__plan_id=plan_id,
            )
            .values_list("id", flat=True)
            .first()
        )
        if waiting is not None:
            return str(waiting), False
        return str(send_reminders.enqueue(today=None, plan_id=plan_id).id), True
