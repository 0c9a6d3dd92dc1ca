from actionplan.core.commands import ActionplanCommand, existing_file
from actionplan.plans.showing import summary


class Command(ActionplanCommand):
    help = (
        "Read a plan file and show what was understood, without touching the database. "
        "Reads Word-table text (.txt), .docx, .xlsx and .csv."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", metavar="FILE", type=existing_file, help="the plan to read")
        parser.add_argument(
            "--json",
            action="store_true",
            help="print the plan-interchange JSON (docs/interchange.md) instead of a summary",
        )

    def handle(self, file, json, **options):
        from actionplan.core.limits import read_limits
        from actionplan.importing.pipeline import parse_file

        doc = parse_file(file, read_limits(upload=False))
        self.stdout.write(doc.to_json() if json else summary(doc), ending="\n" if json else "")
