"""Tasks left running by a worker that stopped: which are queued again, once, and which are
left alone (tests/governance/test_governance_workers.py kills real workers)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from actionplan.governance.models import WorkerBeat
from actionplan.governance.tasks import deliver_reminders
from actionplan.governance.workers import LOST, beat_every, redo_stale_tasks

pytestmark = pytest.mark.django_db
NOW = timezone.now()


def running(worker_ids: list[str], started_minutes_ago: float) -> DBTaskResult:
    task = DBTaskResult.objects.get(pk=deliver_reminders.enqueue().id)
    task.status = TaskResultStatus.RUNNING
    task.worker_ids = worker_ids
    task.started_at = NOW - dt.timedelta(minutes=started_minutes_ago)
    task.save()
    return task


def beats(worker_id: str, minutes_ago: float) -> None:
    WorkerBeat.objects.create(worker_id=worker_id, beat_at=NOW - dt.timedelta(minutes=minutes_ago))


def test_a_task_whose_worker_fell_silent_is_queued_again(settings):
    settings.TASK_STALE_SECONDS = 120
    lost = running(["killed"], started_minutes_ago=10)
    beats("killed", minutes_ago=5)

    swept = redo_stale_tasks(NOW)

    lost.refresh_from_db()
    assert (swept.redone, lost.status, lost.started_at) == (1, TaskResultStatus.READY, None)
    assert lost.worker_ids == ["killed"]  # a worker claiming it again makes it two runs
    assert DBTaskResult.objects.ready().filter(pk=lost.pk).exists()


def test_a_long_task_on_a_live_worker_is_left_alone(settings):
    settings.TASK_STALE_SECONDS = 120
    long_task = running(["busy"], started_minutes_ago=60)
    beats("busy", minutes_ago=0.1)

    assert redo_stale_tasks(NOW).redone == 0
    long_task.refresh_from_db()
    assert long_task.status == TaskResultStatus.RUNNING


def test_a_task_of_a_worker_that_never_beat_waits_for_the_limit(settings):
    settings.TASK_STALE_SECONDS = 120
    just_started = running(["old-style"], started_minutes_ago=1)
    long_ago = running(["old-style"], started_minutes_ago=3)

    redo_stale_tasks(NOW)

    just_started.refresh_from_db()
    long_ago.refresh_from_db()
    assert (just_started.status, long_ago.status) == ("RUNNING", "READY")


def test_a_task_lost_a_second_time_fails_instead_of_running_a_third(settings):
    settings.TASK_STALE_SECONDS = 120
    twice = running(["killed", "killed again"], started_minutes_ago=10)

    swept = redo_stale_tasks(NOW)

    twice.refresh_from_db()
    assert (swept.redone, swept.failed, twice.status) == (0, 1, TaskResultStatus.FAILED)
    assert twice.exception_class_path == LOST
    assert "killed, killed again" in twice.traceback
    assert twice.finished_at == NOW


def test_two_sweeps_at_once_queue_it_once(settings):
    settings.TASK_STALE_SECONDS = 120
    running(["killed"], started_minutes_ago=10)

    assert (redo_stale_tasks(NOW).redone, redo_stale_tasks(NOW).redone) == (1, 0)


def test_a_worker_beats_several_times_within_the_limit(settings):
    settings.TASK_STALE_SECONDS = 120
    assert beat_every() == 10
    settings.TASK_STALE_SECONDS = 2
    assert beat_every() == 0.5
