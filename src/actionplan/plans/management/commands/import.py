from actionplan.core.commands import ActionplanCommand, existing_file


class Command(ActionplanCommand):
    help = (
        "Read a plan file and store it. Importing the same plan again (same organisation, "
        "title and start date) updates it in place and keeps every progress record."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", metavar="FILE", type=existing_file, help="the plan to import")
        parser.add_argument(
            "--organisation",
            metavar="NAME",
            help="the council the plan belongs to, when the document does not say (or says "
            "it differently)",
        )

    def handle(self, file, organisation, **options):
        from actionplan.core.limits import read_limits
        from actionplan.importing.pipeline import parse_file
        from actionplan.plans.services import store_plan

        doc = parse_file(file, read_limits(upload=False))
        result = store_plan(doc, organisation_name=organisation)
        plan = result.plan
        verb = "Created" if result.created else "Updated"
        r = result
        self.stdout.write(f'{verb} plan {plan.pk} "{plan.title}" of {plan.organisation}')
        self.stdout.write(
            f"  recommendations: {r.recommendations_created} new, {r.recommendations_updated} "
            f"updated, {r.recommendations_retired} retired"
        )
        self.stdout.write(
            f"  actions: {r.actions_created} new, {r.actions_updated} updated, "
            f"{r.actions_retired} retired (kept for their progress), {r.actions_deleted} removed"
        )
        self.stdout.write(f"  progress records: {r.progress_kept} kept, {r.progress_added} added")
        self.stdout.write(
            f"  warnings: {r.warnings}"
            + (f" (see them with: actionplan parse {file})" if r.warnings else "")
        )
