import io

from django.core.management.base import CommandError

from actionplan.core.commands import ActionplanCommand


class Command(ActionplanCommand):
    help = (
        "Write a stored plan as JSON, Excel or CSV. JSON is the plan-interchange format; "
        "Excel and CSV have one row per action, as councils lay plans out."
    )

    def add_arguments(self, parser):
        parser.add_argument("plan", metavar="PLAN", help="the plan's id, or part of its title")
        parser.add_argument(
            "--format", required=True, choices=["json", "xlsx", "csv"], help="what to write"
        )
        parser.add_argument(
            "-o",
            "--output",
            metavar="FILE",
            help="where to write (json and csv go to standard output without it; xlsx needs it)",
        )

    def handle(self, plan, format, output, **options):
        from actionplan.plans.exporting import plan_to_document, write_csv, write_xlsx
        from actionplan.plans.models import Plan

        if format == "xlsx" and not output:
            raise CommandError("xlsx needs a file to write to: add -o FILE.xlsx")
        doc = plan_to_document(Plan.objects.identify(plan))
        if format == "xlsx":
            with open(output, "wb") as f:
                write_xlsx(doc, f)
        else:
            if format == "json":
                text = doc.to_json() + "\n"
            else:
                buffer = io.StringIO(newline="")
                write_csv(doc, buffer)
                text = buffer.getvalue()
            if output:
                with open(output, "w", encoding="utf-8", newline="") as f:
                    f.write(text)
            else:
                self.stdout.write(text, ending="")
        if output:
            self.stdout.write(f"Wrote {output}")
