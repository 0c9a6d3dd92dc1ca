"""Safeguarding alerts as a background task (docs/adr/0008-task-queue.md): the task only
starts the work; services.deliver_alerts makes each e-mail go once."""

from __future__ import annotations

from django_tasks import task

from actionplan.voice.services import deliver_alerts


@task()
def send_safeguarding_alerts() -> dict:
    return {"sent": deliver_alerts()}
