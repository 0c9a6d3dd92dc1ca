"""Server time of the pages that run the plan, on a large plan, through Django's test client.

    .venv/bin/python bench/pages_bench.py [UPDATES]

Builds the plan of monitoring_bench.py (1,008 actions, UPDATES progress updates, default
50,000, with overrides, challenges and met milestones), signs in an improvement lead, and
times each page's whole request (middleware, access checks, snapshot, presenters,
template) as the median of five runs, wall-clock and CPU of this process (SQLite's work
included; PostgreSQL's is not), with its SQL queries, beside Redmine's figures from
issue 13: read again (nothing written since: the cached page), and read after another
officer's update to another action (not timed), as under load, which every cached page
of the plan must hear of. "As at today", the dashboard reads the state table (ADR 0024);
the first run rates the plan for the day and is shown apart: the dashboard, the action
lists (a recommendation page, the overdue and due-soon list, and the plan's actions list
whole, searched, filtered and sorted: issue 16) and an action page.
SQLite in a temporary folder unless DATABASE_URL is set (give it a scratch database).
"""

import datetime as dt
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

RUNS = 5
# Redmine 5.0.4 (Debian, puma) on the same machine and data, issue 13: its issue list.
REDMINE = "Redmine's issue list: 64 ms for 25 rows, 114 ms for 100; goal: 3x faster, ~25 ms"


def main() -> None:
    total_updates = int(sys.argv[1]) if len(sys.argv) > 1 else 50_000
    folder = tempfile.mkdtemp()
    os.environ.setdefault("DATABASE_URL", f"sqlite:///{folder}/bench.sqlite3")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "actionplan.config.local")
    import django

    django.setup()
    import django_otp
    from django.contrib.auth import get_user_model
    from django.core.management import call_command
    from django.db import connection
    from django.db.models import Count
    from django.http import HttpRequest
    from django.test import Client
    from django.test.utils import CaptureQueriesContext, setup_test_environment
    from django.urls import reverse
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from actionplan.accounts import secondfactor
    from actionplan.accounts.models import Membership, Role
    from actionplan.plans.models import Action, ProgressRecord, Recommendation

    sys.path.insert(0, str(Path(__file__).parent))
    from monitoring_bench import build, plan_updates

    setup_test_environment()
    call_command("migrate", verbosity=0)
    started = time.perf_counter()
    plan = build(total_updates)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    actions = Action.objects.filter(recommendation__plan=plan)
    print(
        f"{actions.count()} actions, {plan_updates(plan)} updates, on {connection.vendor} "
        f"(built in {time.perf_counter() - started:.0f} s)"
    )
    lead = get_user_model().objects.create_user("lead")
    Membership.objects.create(user=lead, plan=plan, role=Role.IMPROVEMENT_LEAD)
    client = Client()
    client.force_login(lead)
    # An improvement lead must give a second factor before any plan page opens.
    request = HttpRequest()
    request.session, request.user = client.session, lead
    django_otp.login(
        request, TOTPDevice.objects.create(user=lead, name=secondfactor.APP_NAME, confirmed=True)
    )
    request.session.save()

    biggest = (
        Recommendation.objects.filter(plan=plan)
        .annotate(n=Count("actions"))
        .order_by("-n", "pk")
        .first()
    )
    busiest = actions.order_by("-pk").first()
    pages = {
        "dashboard": reverse("plans:dashboard", args=[plan.pk]),
        f"recommendation page ({biggest.n} actions)": reverse(
            "plans:recommendation", args=[plan.pk, biggest.pk]
        ),
        "overdue and due soon": reverse("plans:due", args=[plan.pk]),
        "actions list, page 1 of all": reverse("plans:actions", args=[plan.pk]),
        "actions list, filtered (RAG, status, due)": reverse("plans:actions", args=[plan.pk])
        + "?rag=red&rag=amber&status=on_track&status=at_risk&due=90",
        "actions list, searched and sorted by lead": reverse("plans:actions", args=[plan.pk])
        + "?q=review&sort=lead&order=desc",
        "actions list, sorted by end date, page 5": reverse("plans:actions", args=[plan.pk])
        + "?sort=due&page=5",
        f"action page ({busiest.progress.count()} updates)": reverse(
            "plans:action", args=[plan.pk, busiest.pk]
        ),
    }
    # Another officer's update, as under load (bench/load_bench.py): it marks one action's
    # state stale and bumps the plan's write version, so every cached page is rebuilt.
    writers = iter(actions.exclude(pk=busiest.pk).order_by("pk"))

    def write() -> None:
        ProgressRecord.objects.create(
            action=next(writers), text="Another officer's update", status="on_track", author=lead
        )

    def timed(url: str, before=None) -> tuple[float, float, int]:
        times, cpu = [], []
        for _ in range(RUNS):
            if before:
                before()
            with CaptureQueriesContext(connection) as ctx:
                start, start_cpu = time.perf_counter(), time.process_time()
                response = client.get(url)
                times.append(time.perf_counter() - start)
                cpu.append(time.process_time() - start_cpu)
            assert response.status_code == 200, (url, response.status_code)
        return statistics.median(times), statistics.median(cpu), len(ctx.captured_queries)

    print(f"{'page':<52} {'read again':>34} | after another officer's update")
    for on in (None, dt.date(2013, 3, 15)):
        for label, url in pages.items():
            query = (("&" if "?" in url else "?") + f"as_at={on.isoformat()}") if on else ""
            first = time.perf_counter()
            client.get(url + query)
            first = time.perf_counter() - first
            warm, written = timed(url + query), timed(url + query, write)
            when = "as at 15 March 2013" if on else "as at today"
            shown = (
                f"{t:6.3f} s {c * 1000:5.0f} ms CPU {q:3} queries" for t, c, q in (warm, written)
            )
            print(f"{label + ', ' + when:<52} {' | '.join(shown)}  (first run {first:.3f} s)")
    print(REDMINE)
    print(f"load average {' '.join(f'{n:.1f}' for n in os.getloadavg())}, {os.cpu_count()} CPUs")


if __name__ == "__main__":
    main()
