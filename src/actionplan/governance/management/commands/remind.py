import datetime as dt

from actionplan.core.commands import ActionplanCommand


class Command(ActionplanCommand):
    help = (
        "Run the reminder job once: reminders to owners, escalation of overdue actions. "
        "Owners hear of milestones and reports that fall due and of missing updates; overdue "
        "actions go to the owners of their recommendations. By default the job is queued for "
        "`actionplan worker`; --now runs it here. Each e-mail goes once, however often the "
        "job runs."
    )

    def add_arguments(self, parser):
        parser.add_argument("--now", action="store_true", help="run here instead of queueing")
        parser.add_argument(
            "--today",
            type=dt.date.fromisoformat,
            metavar="YYYY-MM-DD",
            help="the day to remind as of (default: today)",
        )

    def handle(self, now, today, **options):
        from actionplan.governance.reminders import run_reminders
        from actionplan.governance.tasks import send_reminders

        if not now:
            result = send_reminders.enqueue(today=today.isoformat() if today else None)
            self.stdout.write(f"Queued the reminder job ({result.id}); `actionplan worker` runs it")
            return
        summary = run_reminders(today=today, worker="remind --now").as_dict()
        self.stdout.write(
            f"Reminders: {summary['planned']} planned, {summary['sent']} sent, "
            f"{summary['failed']} failed (retried later)"
        )
        if summary["without_address"]:
            self.stdout.write(
                "No e-mail address for: "
                + ", ".join(summary["without_address"])
                + " (add one in the admin, Governance > Contacts)"
            )
        if summary["without_owner"]:
            self.stdout.write("No owner to escalate to for: " + ", ".join(summary["without_owner"]))
