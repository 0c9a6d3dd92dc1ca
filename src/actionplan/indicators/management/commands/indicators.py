import argparse
import datetime as dt
import json
import re
from pathlib import Path

from django.core.management.base import CommandError

from actionplan.core.commands import ActionplanCommand, existing_file

_PROBLEMS_SHOWN = 20


def as_at_date(value: str) -> dt.date:
    """An argparse type: YYYY-MM-DD or DD/MM/YYYY."""
    iso = re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})", value.strip())
    day_first = re.fullmatch(r"(\d{1,2})/(\d{1,2})/(\d{4})", value.strip())
    try:
        if iso:
            return dt.date(*map(int, iso.groups()))
        if day_first:
            day, month, year = map(int, day_first.groups())
            return dt.date(year, month, day)
    except ValueError:
        pass
    raise argparse.ArgumentTypeError(f"{value!r} is not a date (YYYY-MM-DD or DD/MM/YYYY)")


def existing_path(value: str) -> Path:
    """An argparse type: a file or a folder that exists."""
    path = Path(value)
    if not path.exists():
        raise argparse.ArgumentTypeError(f"{value}: no such file or folder")
    return path


class Command(ActionplanCommand):
    help = (
        "Compute measures from Ofsted Annex A data, and import indicator values. "
        "compute reads an Annex A workbook (.xlsx), or a folder or .zip of CSV files, and prints the "
        "standard measures as at a date, with every row and value it could not read; "
        "import stores indicator values from a CSV file; measures lists the standard "
        "measures and their definitions; generate writes synthetic Annex A data whose "
        "answers are known."
    )

    def add_arguments(self, parser):
        commands = parser.add_subparsers(dest="action", metavar="ACTION", required=True)
        self._parsers = [parser]

        compute = commands.add_parser(
            "compute",
            help="the standard measures as at a date, from Annex A",
            description="Compute the standard measures (docs/indicators.md) as at a date. "
            "Only aggregates are printed or stored; child ids and dates of birth never are.",
        )
        compute.add_argument(
            "--annex-a",
            required=True,
            metavar="PATH",
            type=existing_path,
            help="an Annex A workbook (.xlsx), or a folder or .zip of CSV files, one per list",
        )
        compute.add_argument(
            "--as-at", required=True, metavar="DATE", type=as_at_date, help="YYYY-MM-DD"
        )
        compute.add_argument("--json", dest="as_json", action="store_true", help="print JSON")
        compute.add_argument(
            "--by-team", action="store_true", help="add each measure's counts by allocated team"
        )
        compute.add_argument(
            "--plan",
            metavar="PLAN",
            help="a plan (id or part of its title): its organisation's local measures are "
            "computed too",
        )
        compute.add_argument(
            "--store",
            action="store_true",
            help="store each value against the plan's indicators that name its measure",
        )

        imports = commands.add_parser(
            "import",
            help="store indicator values from a CSV file",
            description="Store indicator values from a CSV file with the columns indicator "
            "(its id or name), period_end (or as at), value (or numerator and denominator), "
            "and optionally period_start and note. Nothing is stored if any row is wrong.",
        )
        imports.add_argument("file", metavar="FILE", type=existing_file, help="the CSV file")
        imports.add_argument(
            "--plan", metavar="PLAN", help="the plan whose indicators the names refer to"
        )

        listing = commands.add_parser(
            "measures",
            help="the standard measures and their definitions",
            description="List the standard measures: id, list, what is counted.",
        )

        generate = commands.add_parser(
            "generate",
            help="write synthetic Annex A data with known answers",
            description="Write a synthetic Annex A workbook (or folder of CSV files) and "
            "print the answers the standard measures should give as at the date.",
        )
        generate.add_argument("output", metavar="OUT", type=Path, help="an .xlsx file or a folder")
        generate.add_argument("--rows", type=int, default=5000, help="how many rows in all")
        generate.add_argument(
            "--as-at", required=True, metavar="DATE", type=as_at_date, help="YYYY-MM-DD"
        )
        generate.add_argument("--seed", type=int, default=0)
        generate.add_argument("--csv", action="store_true", help="write a folder of CSV files")
        generate.add_argument("--clean", action="store_true", help="no junk: no problems to report")
        self._parsers += [compute, imports, listing, generate]

    def create_parser(self, prog_name, subcommand, **kwargs):
        parser = super().create_parser(prog_name, subcommand, **kwargs)
        for sub in self._parsers[1:]:
            sub.error = parser.error  # one line and exit status 2, as for the command itself
        return parser

    @property
    def user_errors(self):
        from actionplan.indicators.annexa import AnnexAError, MeasureQueryError

        return (*ActionplanCommand.user_errors, AnnexAError, MeasureQueryError)

    def handle(self, action, **options):
        getattr(self, f"_{action}")(**options)

    def _compute(self, annex_a, as_at, as_json, by_team, plan, store, **options):
        from actionplan.core.limits import read_limits
        from actionplan.indicators.services import compute_from_annex_a, store_computation
        from actionplan.plans.models import Plan

        if store and not plan:
            raise CommandError("--store needs --plan: the plan whose indicators to store")
        plan = Plan.objects.identify(plan) if plan else None
        organisation = plan.organisation if plan else None
        result = compute_from_annex_a(annex_a, as_at, organisation, read_limits(upload=False))
        if as_json:
            self._print_json(result.as_dict(by_team=by_team))
        else:
            self._print_table(result, annex_a, by_team)
        if store:
            stored = store_computation(plan, result, source=annex_a.name)
            self.stderr.write(
                f'Stored against plan {plan.pk} "{plan.title}": {stored.created} new values, '
                f"{stored.updated} updated"
                + "".join(f"\n  not stored: {line}" for line in stored.not_stored)
            )

    def _import(self, file, plan, **options):
        from actionplan.indicators.services import import_values_csv
        from actionplan.plans.models import Plan

        result = import_values_csv(file, Plan.objects.identify(plan) if plan else None)
        self.stdout.write(f"Imported {file}: {result.created} new values, {result.updated} updated")

    def _measures(self, **options):
        from actionplan.indicators.annexa import STANDARD_MEASURES

        for m in STANDARD_MEASURES:
            self.stdout.write(f"{m.id} (List {m.list}): {m.title}")
            self.stdout.write(f"  of {m.cohort},\n  {m.condition}")

    def _generate(self, output, rows, as_at, seed, csv, clean, **options):
        from actionplan.indicators.annexa.synthetic import generate

        if rows < 0:
            raise CommandError("--rows must not be negative")
        data = generate(rows, as_at, seed=seed, messy=not clean)
        workbook = output if output.suffix else output.with_suffix(".xlsx")
        written = data.write_csv(output) if csv else data.write_xlsx(workbook)
        self.stdout.write(f"Wrote {rows} rows to {written}, {len(data.problems)} problems planted")
        self.stdout.write(f"The measures as at {as_at.isoformat()} should be:")
        for measure_id, e in data.expected.items():
            self.stdout.write(f"  {measure_id:<32} {e.numerator:>8} / {e.denominator:<8}")

    def _print_json(self, data: dict) -> None:
        self.stdout.write(json.dumps(data, indent=2, ensure_ascii=False))

    def _print_table(self, result, source: Path, by_team: bool) -> None:
        out = self.stdout
        out.write(f"Measures as at {result.as_at:%d/%m/%Y} from {source}")
        out.write(f"  {'measure':<32} {'numerator':>10} {'denominator':>12} {'value':>8}")
        for m in result.measures:
            out.write(
                f"  {m.id:<32} {_count(m.numerator):>10} {_count(m.denominator):>12} "
                f"{_percent(m):>8}"
            )
            for t in m.by_team if by_team else ():
                team = t.team or "(no team recorded)"
                out.write(f"    {team:<30} {t.numerator:>10} {t.denominator:>12} {_percent(t):>8}")
        problems = result.problems
        out.write(f"{len(problems)} problem{'s' * (len(problems) != 1)}" + ":" * bool(problems))
        for problem in problems[:_PROBLEMS_SHOWN]:
            out.write(f"  {problem}")
        if len(problems) > _PROBLEMS_SHOWN:
            out.write(f"  ... and {len(problems) - _PROBLEMS_SHOWN} more (all of them with --json)")


def _count(number) -> str:
    return "-" if number is None else f"{number:g}"


def _percent(result) -> str:
    value = result.value
    if value is None:
        return "-"
    return f"{value:.1%}" if getattr(result, "denominator", None) is not None else f"{value:g}"
