"""How long building a board paper takes: its data, its charts and each format.

    .venv/bin/python bench/paper_bench.py [COPIES]

Times the CYPLT paper as at 15 March 2013 for the demo plan with its history (72 actions),
then for a plan of COPIES x the demo plan's recommendations (default 14: about 1,000
actions), stored as the demo plan is and given one progress update per action in
February 2013: one in ten off track, one in ten at risk, one in five signed off, the rest
on track (the RAG rules then make those with milestones missed amber or red). Uses a
fresh SQLite file in a temporary folder unless DATABASE_URL is set (then that database is
migrated and written to: give it a scratch one).
"""

import datetime as dt
import logging
import os
import sys
import tempfile
import time
from pathlib import Path

DEMO = Path(__file__).resolve().parents[1] / "src/actionplan/plans/demo/north_yorkshire_2013.txt"
AS_AT = dt.date(2013, 3, 15)


def timed(label: str, work):
    """Wall-clock and CPU seconds: CPU time says the same on a machine others are using."""
    start, cpu = time.perf_counter(), time.process_time()
    result = work()
    wall, cpu = time.perf_counter() - start, time.process_time() - cpu
    print(f"  {label:<26} {wall:7.2f} s   (CPU {cpu:6.2f} s)", flush=True)
    return result


def paper(plan) -> None:
    from actionplan.plans.models import Body
    from actionplan.reports.building import build_paper
    from actionplan.reports.charts import charts
    from actionplan.reports.html import render_html
    from actionplan.reports.pdf import render_pdf
    from actionplan.reports.word import render_docx

    body = Body.objects.get(organisation=plan.organisation, abbreviation="CYPLT")
    data = timed("data (build_paper)", lambda: build_paper(plan, body, AS_AT))
    figures = timed("charts", lambda: charts(data))
    html = timed("html", lambda: render_html(data, draft=False, figures=figures))
    pdf = timed("pdf (from the html)", lambda: render_pdf(html))
    docx = timed("docx", lambda: render_docx(data, draft=False, figures=figures))
    print(
        f"  {len(data.items)} items for CYPLT, {len(data.exceptions)} exceptions; "
        f"html {len(html) // 1024} KB, pdf {len(pdf) // 1024} KB, docx {len(docx) // 1024} KB"
    )


def large_plan(copies: int):
    from django.utils import timezone

    from actionplan.importing.pipeline import parse_file
    from actionplan.monitoring import statuses
    from actionplan.monitoring.history import date_plan_from
    from actionplan.plans.models import Action, ProgressRecord
    from actionplan.plans.services import store_plan

    seed = parse_file(DEMO)
    doc = seed.model_copy(deep=True)
    doc.plan.title = f"Benchmark plan x{copies}"
    doc.recommendations = []
    for copy in range(copies):
        for rec in seed.recommendations:
            rec = rec.model_copy(deep=True)
            rec.number = f"{copy + 1}.{rec.number}"
            doc.recommendations.append(rec)
    plan = store_plan(doc).plan
    date_plan_from(plan, timezone.make_aware(dt.datetime(2012, 12, 3, 9)))
    spread = [statuses.OFF_TRACK, statuses.AT_RISK] + [statuses.ON_TRACK] * 8
    written = timezone.make_aware(dt.datetime(2013, 3, 6, 10))
    records = []
    for i, action in enumerate(Action.objects.filter(recommendation__plan=plan).order_by("id")):
        complete = i % 5 == 0  # a fifth signed off
        records.append(
            ProgressRecord(
                action=action,
                as_at=dt.date(2013, 2, 28),
                status=statuses.COMPLETE if complete else spread[i % 10],
                source=ProgressRecord.Source.SIGN_OFF if complete else ProgressRecord.Source.UPDATE,
                text="Work is going to plan." if not complete else "Signed off.",
                next_steps="Report to the next meeting.",
                created_at=written,
            )
        )
    ProgressRecord.objects.bulk_create(records)
    return plan, len(records)


def main() -> None:
    copies = int(sys.argv[1]) if len(sys.argv) > 1 else 14
    folder = tempfile.mkdtemp()
    os.environ.setdefault("DATABASE_URL", f"sqlite:///{folder}/bench.sqlite3")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "actionplan.config.local")
    import django

    django.setup()
    logging.getLogger("weasyprint").setLevel(logging.ERROR)
    from io import StringIO

    from django.core.management import call_command

    from actionplan.plans.models import Plan

    call_command("migrate", verbosity=0)
    call_command("demo", stdout=StringIO())
    print(f"The demo plan (72 actions), on {django.db.connection.vendor}:")
    paper(Plan.objects.get(title="Post Inspection Action Plan"))
    plan, actions = large_plan(copies)
    print(f"The demo plan's recommendations x{copies} ({actions} actions):")
    paper(plan)


if __name__ == "__main__":
    main()
