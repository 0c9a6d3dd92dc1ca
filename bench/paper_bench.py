"""How long building a board paper takes: its data, its charts and each format.

    .venv/bin/python bench/paper_bench.py [COPIES] [--runs N] [--profile] [--save DIR]

Times the CYPLT paper as at 15 March 2013 for the demo plan with its history (72 actions),
then for a plan of COPIES x the demo plan's recommendations (default 14: about 1,000
actions), stored as the demo plan is and given one progress update per action in
February 2013: one in ten off track, one in ten at risk, one in five signed off, the rest
on track (the RAG rules then make those with milestones missed amber or red). Uses a
fresh SQLite file in a temporary folder unless DATABASE_URL is set (then that database is
migrated and written to: give it a scratch one).

--runs N renders each format N times and prints every time and the median (the machine is
shared: one run says little). --profile prints the top of cProfile's report for the large
plan's PDF. --save DIR writes the large plan's paper data (JSON) and files there.
"""

import argparse
import datetime as dt
import json
import logging
import os
import statistics
import tempfile
import time
from pathlib import Path

DEMO = Path(__file__).resolve().parents[1] / "src/actionplan/plans/demo/north_yorkshire_2013.txt"
AS_AT = dt.date(2013, 3, 15)


def timed(label: str, work, runs: int = 1):
    """Wall-clock and CPU seconds: CPU time says the same on a machine others are using.
    With several runs, each run's wall-clock and CPU times and the medians; the load
    average (one minute) at the end."""
    walls, cpus = [], []
    for _ in range(runs):
        start, cpu = time.perf_counter(), time.process_time()
        result = work()
        walls.append(time.perf_counter() - start)
        cpus.append(time.process_time() - cpu)
    wall, cpu = statistics.median(walls), statistics.median(cpus)
    each = ", ".join(f"{w:.2f} ({c:.2f} CPU)" for w, c in zip(walls, cpus, strict=True))
    runs_text = f"   runs {each}" if runs > 1 else ""
    load = os.getloadavg()[0]  # wall-clock says little on a shared machine without it
    print(
        f"  {label:<26} {wall:7.2f} s   (CPU {cpu:6.2f} s, load {load:4.1f}){runs_text}", flush=True
    )
    return result


def profiled(label: str, work, top: int = 25):
    """cProfile's report of one run, by cumulative time then by own time."""
    import cProfile
    import pstats

    profile = cProfile.Profile()
    result = profile.runcall(work)
    print(f"  profile of {label}:")
    for order in ("cumulative", "tottime"):
        pstats.Stats(profile).sort_stats(order).print_stats(top)
    return result


def paper(plan, runs: int = 1, profile: bool = False, save: str | None = None) -> None:
    from actionplan.plans.models import Body
    from actionplan.reports.building import build_paper
    from actionplan.reports.charts import charts
    from actionplan.reports.html import render_html
    from actionplan.reports.pdf import render_pdf
    from actionplan.reports.word import render_docx

    body = Body.objects.get(organisation=plan.organisation, abbreviation="CYPLT")
    data = timed("data (build_paper)", lambda: build_paper(plan, body, AS_AT), runs)
    figures = timed("charts", lambda: charts(data), runs)
    html = timed("html", lambda: render_html(data, draft=False, figures=figures), runs)
    pdf = timed("pdf (from the html)", lambda: render_pdf(html), runs)
    docx = timed("docx", lambda: render_docx(data, draft=False, figures=figures), runs)
    if profile:
        profiled("pdf (from the html)", lambda: render_pdf(html))
    if save:
        from actionplan.reports.data import to_json

        folder = Path(save)
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "paper.json").write_text(json.dumps(to_json(data), default=str))
        (folder / "paper.html").write_text(html)
        (folder / "paper.pdf").write_bytes(pdf)
        (folder / "paper.docx").write_bytes(docx)
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
    parser = argparse.ArgumentParser(description="How long building a board paper takes.")
    parser.add_argument("copies", nargs="?", type=int, default=14)
    parser.add_argument("--runs", type=int, default=1, help="render each format N times")
    parser.add_argument("--profile", action="store_true", help="profile the large PDF")
    parser.add_argument("--save", metavar="DIR", help="write the large paper's data and files")
    args = parser.parse_args()
    copies = args.copies
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
    paper(Plan.objects.get(title="Post Inspection Action Plan"), args.runs)
    plan, actions = large_plan(copies)
    print(f"The demo plan's recommendations x{copies} ({actions} actions):")
    paper(plan, args.runs, args.profile, args.save)


if __name__ == "__main__":
    main()
