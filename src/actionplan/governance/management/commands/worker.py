from django.core.management import call_command
from django.utils.crypto import get_random_string

from actionplan.core.commands import ActionplanCommand


class Command(ActionplanCommand):
    help = (
        "Run the background worker: it runs queued jobs such as `actionplan remind`. On "
        "start it also queues one delivery of any reminder left pending, so a worker that "
        "was killed loses nothing. Run as many as you like; each reminder is sent once."
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
        from actionplan.governance.tasks import deliver_reminders

        if not no_sweep:
            deliver_reminders.enqueue()
        args = {
            "batch": batch,
            "interval": interval,
            "worker_id": worker_id or get_random_string(32),
            "reload": False,  # the autoreloader's child process would outlive a kill
            "verbosity": options["verbosity"],
        }
        if max_tasks:
            args["max_tasks"] = max_tasks
        call_command("db_worker", **args)
