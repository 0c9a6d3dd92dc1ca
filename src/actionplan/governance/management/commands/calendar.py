import datetime as dt

from actionplan.core.commands import ActionplanCommand


class Command(ActionplanCommand):
    help = (
        "Write a calendar (.ics) of a plan's meetings and deadlines. By default it has the "
        "meetings of the bodies the plan reports to, each with what is due at it; --body "
        "gives one body's; --person gives that person's milestones and report deadlines and "
        "the meetings of the bodies they report to. Valid RFC 5545, with stable UIDs."
    )

    def add_arguments(self, parser):
        parser.add_argument("plan", metavar="PLAN", help="the plan's id, or part of its title")
        who = parser.add_mutually_exclusive_group()
        who.add_argument("--body", metavar="NAME", help="one body: its name or abbreviation")
        who.add_argument("--person", metavar="NAME", help="one person: their name")
        parser.add_argument(
            "-o", "--output", metavar="FILE.ics", help="where to write (default: standard output)"
        )
        parser.add_argument(
            "--as-at",
            type=dt.date.fromisoformat,
            metavar="YYYY-MM-DD",
            help="progress as at this date (default today)",
        )

    def handle(self, plan, body, person, output, as_at, **options):
        from actionplan.governance import calendars
        from actionplan.governance.meetings import find_body
        from actionplan.plans.models import Plan

        plan = Plan.objects.identify(plan)
        if person:
            cal = calendars.person_calendar(plan, calendars.find_person(plan, person), as_at=as_at)
        else:
            bodies = [find_body(plan.organisation, body)] if body else None
            cal = calendars.body_calendar(plan, bodies, as_at=as_at)
        data = calendars.to_ics(cal)
        events = len(calendars.check_ics(data).walk("VEVENT"))
        if output:
            with open(output, "wb") as f:
                f.write(data)
            self.stdout.write(f"Wrote {output}: {events} events")
        else:
            self.stdout.write(data.decode("utf-8"), ending="")
