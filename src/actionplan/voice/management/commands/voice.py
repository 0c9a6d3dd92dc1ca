from actionplan.core.commands import ActionplanCommand, existing_file


class Command(ActionplanCommand):
    help = (
        "The voice of children and families: import feedback results from a CSV file. "
        "import reads a CSV of aggregates (source, question, period start, period end, "
        "responses, positive) into a plan: every row is checked first, and nothing is stored "
        "unless all are good. alerts sends any safeguarding alerts still waiting to go."
    )

    def add_arguments(self, parser):
        commands = parser.add_subparsers(dest="action", metavar="ACTION", required=True)
        self._parsers = [parser]
        found = commands.add_parser(
            "import",
            help="feedback results from a CSV file, all rows or none",
            description="Import feedback results (aggregates only) from a CSV file into a "
            "plan's feedback sources (docs/voice.md).",
        )
        found.add_argument("file", metavar="FILE.csv", type=existing_file)
        found.add_argument(
            "--plan", required=True, metavar="PLAN", help="the plan: its id or part of its title"
        )
        commands.add_parser(
            "alerts",
            help="send the safeguarding alerts still pending (the worker does this too)",
            description="Send every pending safeguarding alert, each once.",
        )
        self._parsers.append(found)

    def handle(self, action, **options):
        from actionplan.voice import services

        if action == "alerts":
            self.stdout.write(f"{services.deliver_alerts()} safeguarding alerts sent")
            return
        from actionplan.plans.models import Plan

        plan = Plan.objects.identify(options["plan"])
        path = options["file"]
        try:
            imported = services.import_results_csv(path.read_bytes(), plan)
        except services.VoiceError as e:
            raise services.VoiceError(f"{path}: {e}") from None
        self.stdout.write(
            f"Imported {imported.created} new results and replaced {imported.updated} "
            f"into {plan.title!r}"
        )
