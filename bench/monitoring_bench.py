"""How long the services behind the monitoring pages take on a large plan.

    .venv/bin/python bench/monitoring_bench.py [UPDATES]

Builds a plan of 1,008 actions (the demo plan's recommendations copied 14 times), its
history dated from December 2012, and UPDATES progress updates (default 50,000: about 50
an action, weekly through 2013), with overrides on one action in twenty, a few hundred
challenges with answers, and half the milestones met. Then times, as the median of five
runs, with the number of SQL queries:

- the dashboard: the plan as at a date with its roll-ups and chart;
- the action list: the plan as at a date with its deadlines (overdue, due soon), and
  one officer's "my actions";
- one action page: the action, its updates, challenges and history, and its CSV export.

Uses a fresh SQLite file in a temporary folder unless DATABASE_URL is set (then that
database is migrated and written to: give it a scratch one).
"""

import datetime as dt
import io
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

DEMO = Path(__file__).resolve().parents[1] / "src/actionplan/plans/demo/north_yorkshire_2013.txt"
COPIES = 14
RUNS = 5


def main() -> None:
    total_updates = int(sys.argv[1]) if len(sys.argv) > 1 else 50_000
    folder = tempfile.mkdtemp()
    os.environ.setdefault("DATABASE_URL", f"sqlite:///{folder}/bench.sqlite3")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "actionplan.config.local")
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from actionplan.monitoring import chart, history, snapshot
    from actionplan.plans.models import Action, Party

    call_command("migrate", verbosity=0)
    started = time.perf_counter()
    plan = build(total_updates)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")  # the planner's statistics, as a running database has them
    actions = Action.objects.filter(recommendation__plan=plan)
    print(
        f"{actions.count()} actions, {plan_updates(plan)} updates, on {connection.vendor} "
        f"(built in {time.perf_counter() - started:.0f} s)"
    )

    def timed(label: str, fn) -> None:
        times = []
        for _ in range(RUNS):
            with CaptureQueriesContext(connection) as ctx:
                start = time.perf_counter()
                fn()
                times.append(time.perf_counter() - start)
        print(
            f"{label:<52} {statistics.median(times):6.3f} s  {len(ctx.captured_queries):3} queries"
        )

    def dashboard(on):
        s = snapshot.plan_as_at(plan, on)
        for i, rec in enumerate([s, *s.recommendations]):
            bars = chart.rollup_bars(rec.rollup)
            drawn = chart.bar_chart(bars, title="RAG", chart_id=f"c{i}")
            drawn.table_html()

    def action_list(on):
        snapshot.deadlines(snapshot.plan_as_at(plan, on))

    judith = Party.objects.get(organisation=plan.organisation, name="Judith Hay")
    busiest = actions.order_by("-pk").first()

    def action_page(on):
        page = snapshot.action_page(busiest, on)
        history.write_csv(page.history, io.StringIO())

    today, march = dt.date.today(), dt.date(2013, 3, 15)
    timed("dashboard: plan as at today, roll-ups, charts", lambda: dashboard(today))
    timed("dashboard: plan as at 15 March 2013", lambda: dashboard(march))
    timed("action list: plan as at today with deadlines", lambda: action_list(today))
    timed("my actions: Judith Hay, as at today", lambda: snapshot.my_actions(judith, today))
    timed(
        f"action page ({busiest.progress.count()} updates), history, CSV",
        lambda: action_page(today),
    )
    timed("action page as at 15 March 2013", lambda: action_page(march))


def plan_updates(plan) -> int:
    from actionplan.plans.models import ProgressRecord

    return ProgressRecord.objects.filter(action__recommendation__plan=plan).count()


def build(total_updates: int):
    from django.contrib.auth import get_user_model
    from django.db import transaction
    from django.utils import timezone
    from simple_history.utils import bulk_update_with_history

    from actionplan.importing.pipeline import parse_file
    from actionplan.monitoring.history import date_plan_from
    from actionplan.monitoring.models import Answer, Challenge, RagOverride
    from actionplan.plans.models import Action, Milestone, ProgressRecord
    from actionplan.plans.services import store_plan

    def moment(day: dt.date, hour: int = 10) -> dt.datetime:
        return timezone.make_aware(dt.datetime.combine(day, dt.time(hour)))

    seed = parse_file(DEMO)
    doc = seed.model_copy(deep=True)
    doc.plan.title = "Benchmark plan"
    doc.recommendations = []
    for copy in range(COPIES):
        for rec in seed.recommendations:
            rec = rec.model_copy(deep=True)
            rec.number = f"{copy + 1}.{rec.number}"
            doc.recommendations.append(rec)
    plan = store_plan(doc).plan
    start = dt.date(2012, 12, 3)
    date_plan_from(plan, moment(start, 9))

    rng = random.Random(2013)
    users = [
        get_user_model().objects.create_user(f"officer{i}", first_name="Officer", last_name=str(i))
        for i in range(10)
    ]
    actions = list(Action.objects.filter(recommendation__plan=plan).order_by("pk"))
    statuses = ["on_track"] * 6 + ["at_risk"] * 2 + ["off_track", "not_started"]
    with transaction.atomic():
        records = []
        per_action, extra = divmod(total_updates, len(actions))
        for n, action in enumerate(actions):
            for week in range(per_action + (n < extra)):
                written = start + dt.timedelta(days=4 + 7 * week)
                records.append(
                    ProgressRecord(
                        action=action,
                        as_at=written - dt.timedelta(days=2),
                        status=rng.choice(statuses),
                        percent_complete=min(100, 2 * week),
                        text=f"Week {week}: work continues as planned with the teams involved.",
                        next_steps="Report to SMT next month.",
                        source=ProgressRecord.Source.UPDATE,
                        author=rng.choice(users),
                        created_at=moment(written, 9 + n % 8),
                    )
                )
        ProgressRecord.objects.bulk_create(records, batch_size=2000)
        RagOverride.objects.bulk_create(
            RagOverride(
                action=a,
                colour="amber",
                reason="Watched by the improvement board",
                created_by=users[0],
                created_at=moment(dt.date(2013, 2, 1)),
            )
            for a in actions[::20]
        )
        challenges = Challenge.objects.bulk_create(
            Challenge(
                plan=plan,
                action=a,
                question="What difference has this made for children?",
                asked_by=users[1],
                asked_at=moment(dt.date(2013, 3, 1)),
            )
            for a in actions[::3]
        )
        Answer.objects.bulk_create(
            Answer(
                challenge=c,
                text="The audit shows it; the report goes to scrutiny.",
                answered_by=users[2],
                answered_at=moment(dt.date(2013, 3, 5)),
            )
            for c in challenges
        )
        milestones = list(Milestone.objects.filter(action__in=actions, due__isnull=False))
        met = milestones[::2]
        for m in met:
            m.done_on = m.due
        bulk_update_with_history(
            met, Milestone, ["done_on"], batch_size=500, default_date=moment(dt.date(2013, 7, 1))
        )
    return plan


if __name__ == "__main__":
    main()
