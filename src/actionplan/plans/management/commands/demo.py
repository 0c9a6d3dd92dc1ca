import secrets
from pathlib import Path

from actionplan.core.commands import ActionplanCommand

DEMO_PLAN = Path(__file__).resolve().parents[2] / "demo" / "north_yorkshire_2013.txt"
DEMO_USER = "demo"


class Command(ActionplanCommand):
    help = (
        "Load the demo plan and an admin user to browse it. The plan is North Yorkshire's "
        f"2013 post-inspection action plan; the admin user '{DEMO_USER}' is created if there "
        "is none, its password printed once. Safe to run again."
    )

    def handle(self, **options):
        from django.contrib.auth import get_user_model

        from actionplan.importing.pipeline import parse_file
        from actionplan.plans.services import store_plan

        result = store_plan(parse_file(DEMO_PLAN))
        verb = "Loaded" if result.created else "Refreshed"
        self.stdout.write(f'{verb} the demo plan {result.plan.pk}: "{result.plan.title}"')

        users = get_user_model().objects
        if users.filter(username=DEMO_USER).exists():
            self.stdout.write(
                f"The admin user '{DEMO_USER}' exists already "
                f"(new password: actionplan changepassword {DEMO_USER})"
            )
            return
        password = secrets.token_urlsafe(12)
        users.create_superuser(DEMO_USER, "", password)
        self.stdout.write(
            f"Created the admin user '{DEMO_USER}' with password {password} (shown only now)"
        )
