import argparse
import datetime as dt

from actionplan.core.commands import ActionplanCommand, existing_file
from actionplan.core.errors import UserError
from actionplan.core.wording import long_date
from actionplan.governance.rules import RuleError


def a_date(value: str) -> dt.date:
    from actionplan.governance.meetings import parse_meeting_date

    try:
        return parse_meeting_date(value)
    except ValueError as e:
        raise argparse.ArgumentTypeError(str(e)) from None


def a_time(value: str) -> dt.time | None:
    from actionplan.governance.meetings import parse_meeting_time

    try:
        return parse_meeting_time(value)
    except ValueError as e:
        raise argparse.ArgumentTypeError(str(e)) from None


class Command(ActionplanCommand):
    help = (
        "List, add, import or generate the meetings of the bodies a plan reports to. "
        "With no option, lists each body's meetings with what is due at them (the forward "
        "plan). --rule generates meetings from a phrase such as 'third Tuesday of each "
        "month', over the plan period unless --from/--to say otherwise; running it again adds "
        "nothing. --import reads a CSV file with the columns body, date and optionally time, "
        "end, location, notes: all rows or none."
    )
    user_errors = (*ActionplanCommand.user_errors, RuleError)

    def add_arguments(self, parser):
        parser.add_argument("plan", metavar="PLAN", help="the plan's id, or part of its title")
        parser.add_argument("--body", metavar="NAME", help="a body: its name or abbreviation")
        what = parser.add_mutually_exclusive_group()
        what.add_argument("--add", metavar="DATE", type=a_date, help="add a meeting of --body")
        what.add_argument("--remove", metavar="DATE", type=a_date, help="remove one of --body")
        what.add_argument("--rule", metavar="PHRASE", help="generate meetings of --body")
        what.add_argument(
            "--import", dest="import_file", metavar="FILE.csv", type=existing_file,
            help="import meetings from a CSV file",
        )  # fmt: skip
        parser.add_argument("--time", type=a_time, help="with --add: when it starts, e.g. 14:00")
        parser.add_argument("--end", type=a_time, help="with --add: when it ends")
        parser.add_argument("--location", default="", help="with --add or --rule: where")
        parser.add_argument("--from", dest="start", type=a_date, help="with --rule: first date")
        parser.add_argument("--to", dest="end_date", type=a_date, help="with --rule: last date")
        parser.add_argument(
            "--as-at", type=a_date, help="the listing's updates as at this date (default today)"
        )

    def handle(self, plan, body, add, remove, rule, import_file, **options):
        from actionplan.governance import meetings as svc
        from actionplan.plans.models import Plan

        plan = Plan.objects.identify(plan)
        org = plan.organisation
        if (add or remove or rule) and not body:
            raise UserError("say which body meets: add --body NAME")
        found = svc.find_body(org, body) if body else None
        if add:
            meeting, created = svc.add_meeting(
                found,
                add,
                time=options["time"],
                end_time=options["end"],
                location=options["location"],
            )
            self.stdout.write(f"{'Added' if created else 'Updated'} {meeting}")
        elif remove:
            removed = svc.remove_meetings(found, [remove])
            if not removed:
                raise UserError(f"{found} has no meeting on {long_date(remove)}")
            self.stdout.write(f"Removed {found} {long_date(remove)}")
        elif rule:
            start, end = svc.plan_range(plan)
            start, end = options["start"] or start, options["end_date"] or end
            result = svc.generate_meetings(found, rule, start, end, location=options["location"])
            self.stdout.write(
                f"{found}: {len(result.created)} meetings added, {len(result.existing)} there "
                f"already, {long_date(start)} to {long_date(end)} ({rule})"
            )
        elif import_file:
            result = svc.import_meetings_file(org, import_file)
            self.stdout.write(
                f"{import_file}: {result.created} meetings added, {result.updated} updated, "
                f"{result.unchanged} unchanged"
            )
        else:
            self._list(plan, found, options["as_at"])

    def _list(self, plan, body, as_at):
        from actionplan.governance.agenda import forward_plan

        fp = forward_plan(plan, bodies=[body] if body else None, as_at=as_at)
        self.stdout.write(f"{plan.title}: the forward plan as at {long_date(fp.as_at)}")
        for b in fp.bodies:
            if not b.meetings and not b.unscheduled:
                continue
            self.stdout.write(f"\n{b.name}" + (f" ({b.abbreviation})" if b.abbreviation else ""))
            for m in b.meetings:
                missing = len(m.missing_updates)
                note = f", {missing} without an update" if missing else ""
                self.stdout.write(f"  {m.date:%a %d %b %Y}  {len(m.actions)} actions due{note}")
                for a in m.actions:
                    flags = " [update missing]" if a.update_missing else ""
                    flags += " [late]" if a.late else ""
                    self.stdout.write(
                        f"      {a.recommendation_number}/{a.label}  {a.text[:60]}{flags}"
                    )
            for a in b.unscheduled:
                self.stdout.write(
                    f"  no meeting yet for {a.recommendation_number}/{a.label}, due "
                    f"{long_date(a.due)}"
                )
        if not any(b.meetings for b in fp.bodies):
            self.stdout.write(
                "\nNo meetings yet: add them with --add, --rule or --import "
                "(actionplan meetings --help)."
            )
