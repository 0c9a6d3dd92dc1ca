import sys

from actionplan.core.commands import ActionplanCommand

WIDTH = 8


class Command(ActionplanCommand):
    help = (
        "Check that this installation is ready to serve. It checks the configuration, the "
        "database and its migrations, a running worker, e-mail, PDF rendering, Django's "
        "deployment checks, and the media and static folders. Each check prints OK or the problem and what to "
        "do; the exit status is 1 when something is wrong. Sends no e-mail unless "
        "--send-test ADDRESS."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--send-test",
            metavar="ADDRESS",
            help="also send a test e-mail to this address",
        )
        parser.add_argument(
            "--wait",
            type=float,
            default=15.0,
            metavar="SECONDS",
            help="how long to wait for a worker to take a test job (default 15)",
        )

    def handle(self, send_test, wait, **options):
        from actionplan.operations import doctor

        problems = 0
        for finding in doctor.run(worker_wait=wait, send_to=send_test):
            status = "OK" if finding.ok else "PROBLEM"
            self.stdout.write(f"{status:<{WIDTH}} {finding.name}: {finding.message}")
            if not finding.ok:
                problems += 1
                self.stdout.write(f"{'':<{WIDTH}} fix: {finding.fix}")
        if problems:
            self.stdout.write(f"\n{problems} problem{'s' if problems != 1 else ''} found.")
            sys.exit(1)
        self.stdout.write("\nEverything checked is in order.")
