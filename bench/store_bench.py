"""How long storing and exporting a large plan takes.

    .venv/bin/python bench/store_bench.py [COPIES]

Builds a plan of COPIES x the demo plan's recommendations (default 14: about 1,000
actions) from the parsed seed, then times store_plan creating it, store_plan importing it
again in place, plan_to_document and write_xlsx. Uses a fresh SQLite file in a temporary
folder unless DATABASE_URL is set (then that database is migrated and written to: give it
a scratch one).
"""

import os
import sys
import tempfile
import time
from contextlib import contextmanager
from io import BytesIO
from pathlib import Path

DEMO = Path(__file__).resolve().parents[1] / "src/actionplan/plans/demo/north_yorkshire_2013.txt"


@contextmanager
def timed(label: str):
    start = time.perf_counter()
    yield
    print(f"{label:<38} {time.perf_counter() - start:6.2f} s")


def main() -> None:
    copies = int(sys.argv[1]) if len(sys.argv) > 1 else 14
    folder = tempfile.mkdtemp()
    os.environ.setdefault("DATABASE_URL", f"sqlite:///{folder}/bench.sqlite3")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "actionplan.config.local")
    import django

    django.setup()
    from django.core.management import call_command

    from actionplan.importing.pipeline import parse_file
    from actionplan.plans.exporting import plan_to_document, write_xlsx
    from actionplan.plans.services import store_plan

    call_command("migrate", verbosity=0)
    seed = parse_file(DEMO)
    doc = seed.model_copy(deep=True)
    doc.plan.title = f"Benchmark plan x{copies}"
    doc.recommendations = []
    for copy in range(copies):
        for rec in seed.recommendations:
            rec = rec.model_copy(deep=True)
            rec.number = f"{copy + 1}.{rec.number}"
            doc.recommendations.append(rec)
    actions = sum(len(r.actions) for r in doc.recommendations)
    print(
        f"{len(doc.recommendations)} recommendations, {actions} actions, on "
        f"{django.db.connection.vendor}"
    )

    with timed("store_plan (new plan)"):
        plan = store_plan(doc).plan
    with timed("store_plan (same plan again, in place)"):
        store_plan(doc)
    for rec in doc.recommendations:
        for action in rec.actions:
            action.text += " (revised)"
    with timed("store_plan (every action reworded)"):
        store_plan(doc)
    with timed("plan_to_document"):
        exported = plan_to_document(plan)
    with timed("write_xlsx"):
        write_xlsx(exported, BytesIO())


if __name__ == "__main__":
    main()
