import shutil

from actionplan.core.commands import ActionplanCommand


class Command(ActionplanCommand):
    help = (
        "Draw a stored plan as a tree in the terminal. Recommendations, their actions, leads, "
        "milestones, reporting and latest RAG."
    )

    def add_arguments(self, parser):
        parser.add_argument("plan", metavar="PLAN", help="the plan's id, or part of its title")

    def handle(self, plan, **options):
        from actionplan.plans.exporting import plan_to_document
        from actionplan.plans.models import Plan
        from actionplan.plans.showing import render_tree

        doc = plan_to_document(Plan.objects.identify(plan))
        colour = self.stdout.isatty()
        width = shutil.get_terminal_size().columns if colour else None
        self.stdout.write(render_tree(doc, colour=colour, width=width), ending="")
