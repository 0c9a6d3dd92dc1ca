import sys

from django.core.management.base import CommandError

from actionplan.core.commands import ActionplanCommand, existing_file
from actionplan.plans.management.commands.parse import add_layout_arguments, layout_from


class Command(ActionplanCommand):
    stealth_options = ("stdin",)  # where the answer is read from; sys.stdin by default

    help = (
        "Read a plan file and store it as a new plan. To update a stored plan in place, "
        "keeping every progress record, name it with --plan ID: what will be added, changed "
        "and removed is shown first, and applied when you answer yes (or give --yes); "
        "--dry-run only shows it. A file whose council already "
        "has a plan of the same title and start date is refused unless --plan or --new says "
        "which is meant. --header-row, --sheet, --column and --layout correct how the file is "
        "read, as for parse (try them there first, with --explain)."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", metavar="FILE", type=existing_file, help="the plan to import")
        parser.add_argument(
            "--organisation",
            metavar="NAME",
            help="the council the plan belongs to, when the document does not say (or says "
            "it differently); not with --plan, whose council it is",
        )
        target = parser.add_mutually_exclusive_group()
        target.add_argument(
            "--plan",
            metavar="ID",
            type=int,
            help="update this stored plan in place (its title and start date become the file's)",
        )
        target.add_argument(
            "--new",
            action="store_true",
            help="store a new plan even if the council has one with the same title and start date",
        )
        parser.add_argument(
            "--yes",
            action="store_true",
            help="with --plan: apply the update without asking (needed when not at a terminal)",
        )
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="with --plan: show what the update would change, and change nothing",
        )
        add_layout_arguments(parser)

    def handle(self, file, organisation, plan, new, yes, dry_run, **options):
        from actionplan.core.limits import read_limits
        from actionplan.importing.pipeline import parse_file
        from actionplan.plans.models import Plan
        from actionplan.plans.services import same_plans, store_plan

        doc = parse_file(file, layout_from(options), limits=read_limits(upload=False))
        into = None
        if plan is not None:
            into = Plan.objects.select_related("organisation").filter(pk=plan).first()
            if into is None:
                raise CommandError(f"there is no plan with id {plan}")
            if (
                organisation
                and organisation.strip().casefold() != into.organisation.name.casefold()
            ):
                raise CommandError(
                    f"plan {plan} is {into.organisation.name}'s, not {organisation.strip()}'s"
                )
        elif not new:
            council = (organisation or doc.plan.organisation or "").strip()
            same = list(same_plans(doc, council)) if council else []
            if same:
                ids = ", ".join(str(p.pk) for p in same)
                raise CommandError(
                    f"{file}: {same[0].organisation.name} already has a plan called "
                    f"{doc.plan.title!r} starting on the same date (id {ids}): add --plan "
                    f"{same[0].pk} to update it in place, or --new to store another plan"
                )
        stdin = options.get("stdin") or sys.stdin
        if into is not None and not self._confirmed(into, doc, yes, dry_run, stdin):
            return
        result = store_plan(doc, organisation_name=organisation, into=into, new=into is None)
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

    def _confirmed(self, plan, doc, yes: bool, dry_run: bool, stdin) -> bool:
        """Show what updating `plan` with `doc` changes; whether to go on. Nothing is
        written until this says yes."""
        from actionplan.plans.difference import reimport

        self.stdout.write(f'Updating plan {plan.pk} "{plan.title}" would change:')
        for line in reimport(plan, doc).lines():
            self.stdout.write(line)
        if dry_run:
            self.stdout.write("Nothing was changed (--dry-run).")
            return False
        if yes:
            return True
        if not stdin.isatty():
            raise CommandError(
                f"plan {plan.pk} was not changed: add --yes to apply the update above"
            )
        self.stdout.write("Apply this update? [y/N] ", ending="")
        self.stdout.flush()
        answer = stdin.readline().strip().casefold()
        if answer not in ("y", "yes"):
            self.stdout.write(f"Plan {plan.pk} was not changed.")
            return False
        return True
