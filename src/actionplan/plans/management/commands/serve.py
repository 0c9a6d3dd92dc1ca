from django.core.management import call_command

from actionplan.core.commands import ActionplanCommand


class Command(ActionplanCommand):
    help = "Run the web service. For now this is Django's development server: not for production."

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
