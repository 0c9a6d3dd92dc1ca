from django.utils.crypto import get_random_string

from actionplan.core.commands import ActionplanCommand


class Command(ActionplanCommand):
    help = (
        "Run the background worker: it runs queued jobs such as `actionplan remind`. On "
        "start it also queues one delivery of any reminder left pending, so a worker that "
        "was killed loses nothing. While it runs it writes a heartbeat, and queues again, "
        "once, any job left running by a worker silent for TASK_STALE_SECONDS. Run as many "
        "as you like; each reminder is sent once."
    )

    def add_arguments(self, parser):
        parser.add_argument("--batch", action="store_true", help="run what is queued, then stop")
        parser.add_argument(
            "--interval", type=float, default=1.0, help="seconds between looks at the queue"
        )
        parser.add_argument("--max-tasks", type=int, help="stop after this many jobs")
        parser.add_argument("--worker-id", help="a name for this worker, unique among them")
        parser.add_argument(
            "--no-sweep", action="store_true", help="do not queue a delivery on start"
        )

    def handle(self, batch, interval, max_tasks, worker_id, no_sweep, **options):
        from django_tasks_db.management.commands.db_worker import Command as DbWorker

        from actionplan.governance.tasks import deliver_reminders
        from actionplan.governance.workers import HeartbeatWorker

        if not no_sweep:
            deliver_reminders.enqueue()
        DbWorker(stdout=self.stdout, stderr=self.stderr).configure_logging(options["verbosity"])
        worker = HeartbeatWorker(
            queue_names=["default"],
            excluded_queue_names=[],
            backend_name="default",
            interval=interval,
            batch=batch,
            startup_delay=False,
            max_tasks=max_tasks,
            worker_id=worker_id or get_random_string(32),
        )
        # No autoreloader: its child process would outlive a kill.
        worker.configure_signals()
        worker.run()
