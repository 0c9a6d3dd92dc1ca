from django.core.management import call_command

from actionplan.core.commands import ActionplanCommand


class Command(ActionplanCommand):
    help = (
        "Run the web service with Django's development server, to try it on this machine. "
        "Not for production: a server runs gunicorn (docs/deploy.md)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "addrport",
            metavar="ADDR:PORT",
            nargs="?",
            default="127.0.0.1:8000",
            help="where to listen (default 127.0.0.1:8000)",
        )

    def handle(self, addrport, **options):
        call_command("runserver", addrport)
