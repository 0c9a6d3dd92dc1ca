import secrets
from pathlib import Path

from actionplan.core.commands import ActionplanCommand
from actionplan.core.wording import long_date

# The command loads every app's demo, so it lives in the top layer; the plan is plans' own.
DEMO_PLAN = Path(__file__).resolve().parents[3] / "plans" / "demo" / "north_yorkshire_2013.txt"
DEMO_USER = "demo"


class Command(ActionplanCommand):
    help = (
        "Load the demo plan, with a history of progress updates, and an admin user to browse "
        "it. The plan is North Yorkshire's 2013 post-inspection action plan; its history runs "
        "from December 2012 to July 2013 (updates, sign-offs, an override, members' "
        "challenges), with its bodies' meetings, indicators, an issued board paper, case-file "
        "audits and the voice of children and families. "
        f"The admin user '{DEMO_USER}' is created if there is none, its password "
        "printed once, with backup codes for its second factor whenever it has none left. "
        "Its pages open as at 15 March 2013, inside its story, rather than today. "
        "Safe to run again."
    )

    def handle(self, **options):
        from django.contrib.auth import get_user_model

        from actionplan.importing.pipeline import parse_file
        from actionplan.monitoring.demo import STORY_DATE, load_demo_history
        from actionplan.plans.models import Plan
        from actionplan.plans.services import store_plan

        result = store_plan(parse_file(DEMO_PLAN))
        verb = "Loaded" if result.created else "Refreshed"
        self.stdout.write(f'{verb} the demo plan {result.plan.pk}: "{result.plan.title}"')
        Plan.objects.filter(pk=result.plan.pk).update(opens_as_at=STORY_DATE)
        self.stdout.write(f"Its pages open as at {long_date(STORY_DATE)}, inside its story")
        loaded = load_demo_history(result.plan)
        if loaded is None:
            self.stdout.write("Its history of updates is there already")
        else:
            self.stdout.write(
                f"Loaded its history, December 2012 to July 2013: {loaded.updates} progress "
                f"updates, {loaded.proposals} completions proposed, {loaded.sign_offs} signed "
                f"off and {loaded.returns} returned, {loaded.overrides} RAG override, "
                f"{loaded.edits} edits and {loaded.challenges} challenges answered"
            )

        from actionplan.governance.demo import load_demo_meetings
        from actionplan.indicators.demo import load_demo_indicators

        load_demo_meetings(result.plan)
        load_demo_indicators(result.plan)
        self.stdout.write("Its bodies' meetings and its indicators with their values are loaded")

        from actionplan.audits.demo import load_demo_audits
        from actionplan.voice.demo import load_demo_voice

        cases = load_demo_audits(result.plan)
        if cases is not None:
            self.stdout.write(
                f"Loaded its case-file audits: a versioned tool, three audits and {cases} "
                "cases audited, a third moderated, with findings and two indicators"
            )
        quotes = load_demo_voice(result.plan)
        if quotes is not None:
            self.stdout.write(
                f"Loaded the voice of children and families: five sources with results, "
                f"{quotes} quotes (one flagged to safeguarding) and 'you said, we did'"
            )

        from actionplan.reports.demo import load_demo_papers

        if load_demo_papers(result.plan) is not None:
            self.stdout.write(
                "Issued its CYPLT paper as at 15 March 2013 and drafted April's "
                "(see Papers in the service)"
            )

        users = get_user_model().objects
        user = users.filter(username=DEMO_USER).first()
        if user is not None:
            self.stdout.write(
                f"The admin user '{DEMO_USER}' exists already "
                f"(new password: actionplan changepassword {DEMO_USER})"
            )
        else:
            password = secrets.token_urlsafe(12)
            user = users.create_superuser(DEMO_USER, "", password, first_name="Demo administrator")
            self.stdout.write(
                f"Created the admin user '{DEMO_USER}' with password {password} (shown only now)"
            )
        self._backup_codes(user)

    def _backup_codes(self, user):
        """Administrators sign in with a second factor. The demo's admin gets backup codes, so
        that it can sign in without an authenticator app; new ones whenever it has none."""
        from actionplan.accounts import secondfactor

        if secondfactor.has_second_factor(user):
            return
        codes = secondfactor.new_backup_codes(user)
        self.stdout.write(
            "After the password, signing in asks for a security code. Each of these backup "
            "codes works once (shown only now; run actionplan demo again for more once they are "
            "used up), or set up an authenticator app from 'Your account':\n  " + " ".join(codes)
        )
