"""Lead officers at once against the production server on PostgreSQL: updates and pages.

    DATABASE_URL=postgres://USER:PASSWORD@HOST:5432/NAME .venv/bin/python bench/load_bench.py \
        [--seconds 120] [--officers 50] [--actions 1000] [--updates 50000] \
        [--workers N] [--threads N] [--seed 13] [--keep-db]

Makes a fresh database beside the one DATABASE_URL names (NAME_load_PID, on the same server,
as the same role, which must be allowed to create databases; NAME itself is not touched) and
builds the plan of monitoring_bench.py in it: about --actions actions (the demo plan's
recommendations copied, 72 actions a copy) with --updates progress updates of history.
Each of --officers lead officers leads an equal share of the actions (about 20 each at the
defaults). Then starts the production server as docs/deploy.md does (gunicorn with
actionplan.config.gunicorn_conf, production settings, DEBUG off; plain HTTP with the
proxy's X-Forwarded-Proto header, as nginx sends it) and an `actionplan worker`, signs
every officer in through the sign-in form, and drives them at once for --seconds. Each
officer, with a random generator of its own (seeded), thinks 0 to 2 s, then either posts a
progress update on one of its own actions through the form (GET the form, POST it with its
CSRF token), or reads a page: the dashboard, or now and then the overdue and due-soon list
or a recommendation's page.

At the end every update that got its success response (the redirect to the action) is
looked for in the database by its narrative, which is unique to the post. Prints requests
a second, latency percentiles for writes (the POST) and reads (the pages; the update
form's GET apart), errors, lost updates, the machine and gunicorn's processes and threads.
The officers run as threads of this process, on the same machine as the server: they take
a share of its CPU. Every process it starts is stopped at the end, also on Ctrl-C, and the
database is dropped unless --keep-db.
"""

from __future__ import annotations

import argparse
import collections
import concurrent.futures
import os
import platform
import random
import secrets
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import requests

HERE = Path(__file__).resolve().parent
BIN = Path(sys.executable).parent
sys.path[:0] = [str(HERE), str(HERE.parent / "deploy")]
import monitoring_bench  # noqa: E402 (bench/, the large plan)
from smoke_client import Page  # noqa: E402 (deploy/, a page's forms as a browser reads them)

ACTIONS_PER_COPY = 72  # the demo plan's actions; monitoring_bench copies its recommendations
PASSWORD = "load-bench-" + secrets.token_urlsafe(12)
# What an officer does after thinking, by weight: post an update, or read one of the pages.
CHOICES = {"write": 4, "dashboard": 4, "due": 1, "recommendation": 1}


# --- the database -------------------------------------------------------------------------


def scratch_database(url: str) -> tuple[str, callable]:
    """A new, empty database beside the one `url` names, and a function that drops it."""
    import dj_database_url
    import psycopg

    config = dj_database_url.parse(url)
    if config["ENGINE"] != "django.db.backends.postgresql":
        sys.exit("DATABASE_URL must name a PostgreSQL database (the server's role creates one)")
    name = f"{config['NAME']}_load_{os.getpid()}"
    dsn = (
        f"host={config['HOST'] or 'localhost'} port={config['PORT'] or 5432} "
        f"user={config['USER']} password={config['PASSWORD']} dbname={config['NAME']}"
    )
    with psycopg.connect(dsn, autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')

    def drop():
        with psycopg.connect(dsn, autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    return url.rsplit("/", 1)[0] + "/" + name, drop


def build(officers: int, actions: int, updates: int) -> dict:
    """The large plan with `officers` lead officers sharing its actions; what the run needs."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.hashers import make_password
    from django.core.management import call_command
    from django.db import connection, transaction
    from django.urls import reverse
    from simple_history.utils import bulk_create_with_history

    from actionplan.accounts.models import Membership, Role
    from actionplan.plans.models import Action, ActionParty, Party, PlanPerson

    call_command("migrate", verbosity=0)
    monitoring_bench.COPIES = max(1, round(actions / ACTIONS_PER_COPY))
    plan = monitoring_bench.build(updates)
    mine = list(Action.objects.filter(recommendation__plan=plan).order_by("pk"))
    if officers > len(mine):
        sys.exit(f"{officers} officers cannot each lead one of {len(mine)} actions")

    def owner(n: int) -> int:  # shares of the actions that differ by one at most
        return n * officers // len(mine)

    hashed = make_password(PASSWORD)  # once: Argon2 is slow on purpose
    with transaction.atomic():
        people = [
            Party.objects.create(
                organisation=plan.organisation, kind=Party.Kind.PERSON, name=f"Load Officer {i}"
            )
            for i in range(officers)
        ]
        PlanPerson.objects.bulk_create(PlanPerson(plan=plan, party=p) for p in people)
        users = get_user_model().objects.bulk_create(
            get_user_model()(username=f"load{i:03}", password=hashed) for i in range(officers)
        )
        Membership.objects.bulk_create(
            Membership(user=u, plan=plan, role=Role.LEAD_OFFICER, party=p)
            for u, p in zip(users, people, strict=True)
        )
        # Each action gets one lead, an officer of the bench, in contiguous shares.
        for old in ActionParty.objects.filter(action__in=mine, role=ActionParty.Role.LEAD):
            old.delete()  # one at a time, so that the history records it
        bulk_create_with_history(
            [
                ActionParty(action=a, party=people[owner(n)], role=ActionParty.Role.LEAD)
                for n, a in enumerate(mine)
            ],
            ActionParty,
        )
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    recommendations = sorted({a.recommendation_id for a in mine})
    owned = collections.defaultdict(list)
    for n, a in enumerate(mine):
        owned[owner(n)].append(a.pk)
    return {
        "plan": plan.pk,
        "actions": len(mine),
        "recommendations": len(recommendations),
        "updates": monitoring_bench.plan_updates(plan),
        "usernames": [u.username for u in users],
        "owned": [owned[i] for i in range(officers)],
        "dashboard": reverse("plans:dashboard", args=[plan.pk]),
        "due": reverse("plans:due", args=[plan.pk]),
        "recommendation": [
            reverse("plans:recommendation", args=[plan.pk, r]) for r in recommendations
        ],
        "update": reverse("plans:add_update", args=[plan.pk, 0]).replace("/0/", "/{}/"),
    }


def stored(plan: int, run: str) -> list[tuple[str, int]]:
    """The narratives of this run's updates that are in the database, with their action."""
    from django.db import connections

    from actionplan.plans.models import ProgressRecord

    connections.close_all()  # opened before the server ran; a fresh one reads what it wrote
    return list(
        ProgressRecord.objects.filter(
            action__recommendation__plan=plan, text__startswith=f"Load bench {run} "
        ).values_list("text", "action_id")
    )


# --- the processes ------------------------------------------------------------------------


def start(args: list[str], env: dict, log: Path) -> subprocess.Popen:
    with log.open("ab") as out:
        # A session of its own, so that Ctrl-C in the terminal reaches only this script,
        # which then stops them in order.
        return subprocess.Popen(args, env=env, stdout=out, stderr=out, start_new_session=True)


def stop(process: subprocess.Popen) -> None:
    if process.poll() is None:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=40)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def children(pid: int) -> int:
    """gunicorn's worker processes: the master's children."""

    def parent(proc: Path) -> int:
        try:
            return int((proc / "stat").read_text().rsplit(")", 1)[1].split()[1])
        except (OSError, IndexError, ValueError):
            return -1

    return sum(1 for p in Path("/proc").iterdir() if p.name.isdigit() and parent(p) == pid)


def wait_for(base: str, server: subprocess.Popen, log: Path) -> None:
    deadline = time.monotonic() + 180
    while True:
        try:
            if requests.get(f"{base}/healthz", timeout=5).status_code == 200:
                return
        except requests.RequestException:  # not listening yet
            pass
        if server.poll() is not None or time.monotonic() > deadline:
            sys.exit(f"gunicorn did not start:\n{log.read_text()[-3000:]}")
        time.sleep(0.5)


# --- the officers -------------------------------------------------------------------------


class Officer:
    def __init__(self, base: str, username: str):
        self.base = base
        self.username = username
        self.session = requests.Session()
        # As nginx says of a request that came over HTTPS; a browser's form posts carry
        # Origin, which Django's CSRF check compares with the (HTTPS) host.
        self.session.headers["X-Forwarded-Proto"] = "https"
        self.session.headers["Origin"] = "https://" + urlsplit(base).netloc

    def get(self, path: str) -> requests.Response:
        return self.plain(self.session.get(self.base + path, timeout=120))

    def plain(self, response: requests.Response) -> requests.Response:
        """Cookies marked Secure are sent back over plain HTTP: the bench is where nginx
        would be, in front of gunicorn, and the browser's HTTPS ends there."""
        for cookie in self.session.cookies:
            cookie.secure = False
        return response

    def post(self, page: requests.Response, field: str, values: dict) -> requests.Response:
        """Fill in the form holding `field` on `page` and send it; the redirect is not
        followed, so that the time is the POST's own."""
        form = Page(page.text).form_with(field)
        data = [(k, v) for k, v in form.fields if k not in values] + list(values.items())
        referer = "https://" + urlsplit(page.url).netloc + urlsplit(page.url).path
        return self.plain(
            self.session.post(
                urljoin(page.url, form.action or page.url),
                data=data,
                headers={"Referer": referer},
                allow_redirects=False,
                timeout=120,
            )
        )

    def sign_in(self) -> None:
        page = self.get("/accounts/sign-in/")
        done = self.post(page, "password", {"username": self.username, "password": PASSWORD})
        if done.status_code != 302 or "/accounts/sign-in" in done.headers.get("Location", ""):
            raise RuntimeError(f"{self.username} could not sign in (HTTP {done.status_code})")


class Run:
    def __init__(self, plan: dict, base: str, seed: int, until: float, name: str):
        self.plan, self.base, self.seed, self.until, self.name = plan, base, seed, until, name
        self.stop = threading.Event()
        self.lock = threading.Lock()
        self.times: dict[str, list[float]] = collections.defaultdict(list)
        self.errors: collections.Counter = collections.Counter()
        self.posted: dict[str, int] = {}  # narrative -> action, for each success response

    def timed(self, kind: str, call) -> requests.Response | None:
        started = time.perf_counter()
        try:
            response = call()
        except Exception as e:  # a timeout, a page without its form: counted, not fatal
            with self.lock:
                self.errors[f"{kind}: {type(e).__name__}"] += 1
            return None
        with self.lock:
            self.times[kind].append(time.perf_counter() - started)
        return response

    def fail(self, kind: str, response: requests.Response) -> None:
        with self.lock:
            self.errors[f"{kind}: HTTP {response.status_code}"] += 1

    def officer(self, n: int, officer: Officer) -> None:
        rng = random.Random(self.seed * 1000 + n)
        posts = 0
        kinds, weights = list(CHOICES), list(CHOICES.values())
        while not self.stop.wait(rng.uniform(0, 2)) and time.monotonic() < self.until:
            kind = rng.choices(kinds, weights)[0]
            if kind != "write":
                path = self.plan[kind]
                if kind == "recommendation":
                    path = rng.choice(path)
                response = self.timed(kind, lambda p=path: officer.get(p))
                if response is not None and response.status_code != 200:
                    self.fail(kind, response)
                continue
            action = rng.choice(self.plan["owned"][n])
            form = self.timed("form", lambda a=action: officer.get(self.plan["update"].format(a)))
            if form is None:
                continue
            if form.status_code != 200:
                self.fail("form", form)
                continue
            posts += 1
            narrative = f"Load bench {self.name} officer {n} post {posts}: the audit went ahead."
            values = {"status": rng.choice(["on_track", "at_risk"]), "narrative": narrative}
            done = self.timed("write", lambda f=form, v=values: officer.post(f, "narrative", v))
            if done is None:
                continue
            if done.status_code == 302 and f"/actions/{action}/" in done.headers["Location"]:
                with self.lock:
                    self.posted[narrative] = action
            else:  # the form again (a busy database), or an error page
                self.fail("write", done)


def percentiles(times: list[float]) -> str:
    if len(times) < 2:
        return f"{len(times)} requests"
    cuts = statistics.quantiles(times, n=100)
    return (
        f"{len(times):6} requests  p50 {cuts[49] * 1000:6.0f} ms  p95 {cuts[94] * 1000:6.0f} ms  "
        f"p99 {cuts[98] * 1000:6.0f} ms"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=float, default=120, help="how long the officers work")
    parser.add_argument("--officers", type=int, default=50, help="lead officers at once")
    parser.add_argument(
        "--actions", type=int, default=1000, help="about this many: 72 (the demo plan) a copy"
    )
    parser.add_argument("--updates", type=int, default=50_000, help="progress updates of history")
    parser.add_argument("--workers", type=int, help="gunicorn's processes (WEB_CONCURRENCY)")
    parser.add_argument("--threads", type=int, help="threads a process (WEB_THREADS)")
    parser.add_argument("--seed", type=int, default=13, help="for the officers' random choices")
    parser.add_argument("--keep-db", action="store_true", help="keep the database it made")
    args = parser.parse_args()
    if args.officers < 1:
        sys.exit("Give at least one officer")
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith(("postgres://", "postgresql://")):
        sys.exit("Set DATABASE_URL to a PostgreSQL database; a fresh one is made beside it")
    load_at_start = os.getloadavg()
    folder = Path(tempfile.mkdtemp(prefix="actionplan-load-"))
    processes: list[subprocess.Popen] = []
    database, drop = scratch_database(url)
    try:
        os.environ["DATABASE_URL"] = database
        os.environ["DJANGO_SETTINGS_MODULE"] = "actionplan.config.local"
        import django

        django.setup()
        started = time.perf_counter()
        plan = build(args.officers, args.actions, args.updates)
        print(
            f"plan: {plan['actions']} actions over {plan['recommendations']} recommendations, "
            f"{plan['updates']} progress updates, {args.officers} lead officers leading about "
            f"{plan['actions'] // args.officers} each (built in "
            f"{time.perf_counter() - started:.0f} s)"
        )
        port = 20000 + secrets.randbelow(20000)
        env = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"} | {
            "DJANGO_SETTINGS_MODULE": "actionplan.config.settings",
            "DEBUG": "0",
            "SECRET_KEY": secrets.token_urlsafe(50),
            "ALLOWED_HOSTS": "127.0.0.1",
            "SECURE_PROXY_SSL_HEADER": "X-Forwarded-Proto,https",
            "MEDIA_ROOT": str(folder / "media"),
            "STATIC_ROOT": str(folder / "static"),
            "LOG_LEVEL": "WARNING",
            "WEB_BIND": f"127.0.0.1:{port}",
            "DATABASE_URL": database,
        }
        if args.workers:
            env["WEB_CONCURRENCY"] = str(args.workers)
        if args.threads:
            env["WEB_THREADS"] = str(args.threads)
        subprocess.run(
            [str(BIN / "actionplan"), "collectstatic", "--no-input", "-v0"], env=env, check=True
        )
        log = folder / "server.log"
        gunicorn = [str(BIN / "gunicorn"), "--config", "python:actionplan.config.gunicorn_conf"]
        processes.append(start(gunicorn, env, log))
        processes.append(start([str(BIN / "actionplan"), "worker"], env, folder / "worker.log"))
        base = f"http://127.0.0.1:{port}"
        wait_for(base, processes[0], log)

        officers = [Officer(base, name) for name in plan["usernames"]]
        with concurrent.futures.ThreadPoolExecutor(max_workers=8) as pool:
            list(pool.map(Officer.sign_in, officers))
        print(f"{len(officers)} officers signed in through the sign-in form")

        name = secrets.token_hex(4)
        began = time.monotonic()
        run = Run(plan, base, args.seed, began + args.seconds, name)
        threads = [
            threading.Thread(target=run.officer, args=(n, o), daemon=True)
            for n, o in enumerate(officers)
        ]
        for t in threads:
            t.start()
        try:
            for t in threads:
                t.join()
        except KeyboardInterrupt:
            run.stop.set()
            raise
        elapsed = time.monotonic() - began
        workers = children(processes[0].pid)

        rows = stored(plan["plan"], name)
        found = dict(rows)
        lost = [n for n, action in run.posted.items() if found.get(n) != action]
        reads = [t for kind in ("dashboard", "due", "recommendation") for t in run.times[kind]]
        total = sum(len(t) for t in run.times.values())
        cores = os.cpu_count()
        threads_each = env.get("WEB_THREADS", "4")  # gunicorn_conf's default
        print(
            f"\nmachine: {cores} cores, {platform.machine()}, Python "
            f"{platform.python_version()}; load average at start "
            f"{' '.join(f'{x:.2f}' for x in load_at_start)}"
        )
        print(
            f"gunicorn: {workers} worker processes x {threads_each} threads "
            f"(gthread), one `actionplan worker`; PostgreSQL on the same machine"
        )
        print(
            f"{args.officers} officers for {elapsed:.0f} s, think time 0-2 s: "
            f"{total / elapsed:.1f} requests/s"
        )
        print(f"  writes (POST update)     {percentiles(run.times['write'])}")
        print(f"  reads (all pages)        {percentiles(reads)}")
        for kind, label in (
            ("dashboard", "dashboard"),
            ("due", "overdue and due soon"),
            ("recommendation", "recommendation page"),
            ("form", "update form (GET)"),
        ):
            print(f"    {label:<22} {percentiles(run.times[kind])}")
        print(f"errors: {sum(run.errors.values())}", *([dict(run.errors)] if run.errors else []))
        print(
            f"updates: {len(run.posted)} posted with a success response, "
            f"{sum(1 for n in run.posted if n in found)} of them stored; "
            f"{len(rows)} of the run's in the database ({len(rows) - len(found)} twice); "
            f"lost: {len(lost)}"
        )
    finally:
        for process in reversed(processes):
            stop(process)
        from django.db import connections

        connections.close_all()
        if args.keep_db:
            print(f"database kept: {database}")
        else:
            drop()
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
