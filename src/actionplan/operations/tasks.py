"""A task that does nothing: `actionplan doctor` queues it to see a worker pick it up."""

from __future__ import annotations

from django_tasks import task


@task()
def ping() -> str:
    return "pong"
