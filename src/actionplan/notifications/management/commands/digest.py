import datetime as dt

from actionplan.core.commands import ActionplanCommand


class Command(ActionplanCommand):
    help = (
        "Send the daily digests of e-mail notifications: to each person who chose a daily "
        "digest, one e-mail of what happened up to the end of the day (default: yesterday). "
        "Also tries again any notification a failure left unsent. By default the job is "
        "queued for `actionplan worker`; --now runs it here. Each digest goes once, however "
        "often the job runs."
    )

    def add_arguments(self, parser):
        parser.add_argument("--now", action="store_true", help="run here instead of queueing")
        parser.add_argument(
            "--day",
            type=dt.date.fromisoformat,
            metavar="YYYY-MM-DD",
            help="the last day whose events go in (default: yesterday)",
        )

    def handle(self, now, day, **options):
        from actionplan.notifications.tasks import send_digests

        when = day.isoformat() if day else None
        if not now:
            result = send_digests.enqueue(day=when)
            self.stdout.write(f"Queued the digest job ({result.id}); `actionplan worker` runs it")
            return
        summary = send_digests.call(day=when)
        self.stdout.write(
            f"Digests: {summary['digests']} sent, {summary['failed']} failed (tried again "
            f"next time); {summary['retried']} earlier notification(s) sent"
        )
