"""How long importing indicator values from CSV takes, and how much memory it holds.

    .venv/bin/python bench/values_import_bench.py [ROWS]

Writes a values file of ROWS rows (default 300,000: about 4.5 MB, the size of issue 9's
attack) over 60 indicators, and a file of the same size whose every row is wrong, then
imports each with `import_values_csv` and prints the seconds and the growth of the peak
RSS. Uses a fresh SQLite file in a temporary folder unless DATABASE_URL is set (then that
database is migrated and written to: give it a scratch one).
"""

import datetime as dt
import os
import resource
import sys
import tempfile
import time
from pathlib import Path


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    rows = int(sys.argv[1]) if len(sys.argv) > 1 else 300_000
    folder = Path(tempfile.mkdtemp())
    os.environ.setdefault("DATABASE_URL", f"sqlite:///{folder}/bench.sqlite3")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "actionplan.config.settings")
    import django

    django.setup()
    from django.core.management import call_command

    from actionplan.importing.pipeline import parse_file
    from actionplan.indicators.models import Indicator
    from actionplan.indicators.services import ValueImportError, import_values_csv
    from actionplan.plans.services import store_plan

    call_command("migrate", verbosity=0)
    demo = Path(__file__).resolve().parents[1] / "src/actionplan/plans/demo"
    plan = store_plan(parse_file(demo / "north_yorkshire_2013.txt")).plan
    indicators = [
        Indicator.objects.create(plan=plan, name=f"Indicator {n}", unit="percent")
        for n in range(60)
    ]
    first = dt.date(1990, 1, 1)
    good, bad = folder / "values.csv", folder / "wrong.csv"
    with good.open("w") as out, bad.open("w") as wrong:
        # By id, as a council's export writes them: 4.5 MB for 300,000 rows.
        out.write("indicator,period_end,value\n")
        wrong.write("indicator,period_end,value\n")
        for n in range(rows):
            day = first + dt.timedelta(days=n // len(indicators))
            pk = indicators[n % len(indicators)].pk
            out.write(f"{pk},{day:%d/%m/%Y},{n % 97}\n")
            wrong.write(f"{pk},{day:%d/%m/%Y}x,{n % 97}\n")
    print(f"{rows:,} rows, {good.stat().st_size / 2**20:.1f} MB, on {django.db.connection.vendor}")

    before = peak_mb()
    start = time.perf_counter()
    imported = import_values_csv(good, plan, today=dt.date(2026, 1, 1))
    print(
        f"import, every row good: {time.perf_counter() - start:7.1f} s, "
        f"{imported.created:,} values, peak RSS +{peak_mb() - before:.0f} MB"
    )
    before = peak_mb()
    start = time.perf_counter()
    try:
        import_values_csv(bad, plan, today=dt.date(2026, 1, 1))
    except ValueImportError as e:
        listed = len(getattr(e, "errors", []))
        print(
            f"import, every row wrong: {time.perf_counter() - start:7.1f} s, "
            f"{listed:,} errors listed, message of {len(str(e)):,} characters, "
            f"peak RSS +{peak_mb() - before:.0f} MB"
        )


if __name__ == "__main__":
    main()
