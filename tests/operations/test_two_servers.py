"""Two web servers and two workers on one PostgreSQL database at once, as a service behind a
load balancer would run (docs/scaling.md).

Both servers are gunicorn with the repository's config and the production settings (DEBUG
off, one SECRET_KEY, one MEDIA_ROOT), each on its own port; both workers are `actionplan
worker`. A person signs in through server A (with the demo's second factor), then posts
progress updates on one action through A and B in turn: each is read back from the other
server. Papers drafted through each server are rendered by the workers, and queued jobs,
with more of them than one worker takes at a time, are each run exactly once.
"""

from __future__ import annotations

import os
import secrets
import signal
import subprocess
import sys
import time
from pathlib import Path

import dj_database_url
import psycopg
import pytest
import requests

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO / "deploy"))
from smoke_client import Browser, demo_credentials, draft_paper_pdf, sign_in  # noqa: E402

ACTIONPLAN = Path(sys.executable).with_name("actionplan")
GUNICORN = Path(sys.executable).with_name("gunicorn")
PINGS = 12  # jobs that do nothing, queued at once for both workers

URL = os.environ.get("DATABASE_URL", "")
pytestmark = [
    pytest.mark.skipif(
        not URL.startswith(("postgres://", "postgresql://")),
        reason="PostgreSQL runs when DATABASE_URL names one (as .ci/run does)",
    ),
    pytest.mark.slow,
]

FIRST_ACTION = """
from actionplan.monitoring import statuses
from actionplan.monitoring.services import current_status
from actionplan.plans.models import Action, Plan
plan = Plan.objects.get()
actions = Action.objects.filter(recommendation__plan=plan).order_by('pk')
print(plan.pk, next(a.pk for a in actions if current_status(a) in statuses.UPDATE_STATUSES))
"""
QUEUE_PINGS = f"""
from actionplan.operations.tasks import ping
for _ in range({PINGS}):
    ping.enqueue()
"""
JOBS = "SELECT task_path, status, worker_ids FROM django_tasks_database_dbtaskresult"


class PlainJar(requests.cookies.RequestsCookieJar):
    """Sends back cookies marked Secure over plain HTTP: the test talks to gunicorn where
    the proxy would, behind the browser's HTTPS."""

    def set_cookie(self, cookie, *args, **kwargs):
        cookie.secure = False
        return super().set_cookie(cookie, *args, **kwargs)


def run(args: list[str], env: dict) -> str:
    done = subprocess.run(args, env=env, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, f"{args} failed:\n{done.stdout}\n{done.stderr}"
    return done.stdout


def until(condition, what: str, seconds: float = 120):
    """Polls `condition` until it gives something true, up to a deadline."""
    deadline = time.monotonic() + seconds
    while not (value := condition()):
        assert time.monotonic() < deadline, f"gave up waiting: {what}"
        time.sleep(0.2)
    return value


@pytest.fixture
def database():
    c = dj_database_url.parse(URL)
    dsn = f"host={c['HOST']} port={c['PORT'] or 5432} user={c['USER']} password={c['PASSWORD']}"
    name = f"{c['NAME']}_two_servers_{os.getpid()}"
    with psycopg.connect(f"{dsn} dbname={c['NAME']}", autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.execute(f'CREATE DATABASE "{name}"')
    yield URL.rsplit("/", 1)[0] + "/" + name, f"{dsn} dbname={name}"
    with psycopg.connect(f"{dsn} dbname={c['NAME']}", autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture
def service(database, tmp_path):
    """The demo plan in a fresh database, two servers and two workers; yields their
    addresses, the environment, what `actionplan demo` printed and the database's DSN."""
    ports = [20000 + secrets.randbelow(20000) for _ in "ab"]
    env = dict(os.environ) | {
        "DATABASE_URL": database[0],
        "DJANGO_SETTINGS_MODULE": "actionplan.config.settings",
        "DEBUG": "0",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "0",
        "MEDIA_ROOT": str(tmp_path / "media"),
        "STATIC_ROOT": str(tmp_path / "static"),
        "LOG_LEVEL": "WARNING",
    }
    run([str(ACTIONPLAN), "migrate", "-v0"], env)
    run([str(ACTIONPLAN), "collectstatic", "--no-input", "-v0"], env)
    demo = tmp_path / "demo.txt"
    demo.write_text(run([str(ACTIONPLAN), "demo"], env))
    processes = []
    try:
        for port, log in zip(ports, ("server-a", "server-b"), strict=True):
            with (tmp_path / f"{log}.log").open("w") as out:
                processes.append(
                    subprocess.Popen(
                        [str(GUNICORN), "--config", "python:actionplan.config.gunicorn_conf"],
                        env=env | {"WEB_BIND": f"127.0.0.1:{port}", "WEB_CONCURRENCY": "2"},
                        stdout=out,
                        stderr=subprocess.STDOUT,
                    )
                )
        for name in ("worker-a", "worker-b"):
            with (tmp_path / f"{name}.log").open("w") as out:
                processes.append(
                    subprocess.Popen(
                        [str(ACTIONPLAN), "worker", "--worker-id", name, "--interval", "0.2"],
                        env=env,
                        stdout=out,
                        stderr=subprocess.STDOUT,
                    )
                )
        bases = [f"http://127.0.0.1:{port}" for port in ports]
        for base, server in zip(bases, processes[:2], strict=True):
            until(lambda b=base, s=server: _healthy(b, s), f"{base}/healthz")
        yield bases, env, demo, database[1]
    finally:
        for process in processes:
            process.send_signal(signal.SIGTERM)
        for process in processes:
            try:
                process.wait(timeout=60)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


def _healthy(base: str, server: subprocess.Popen) -> bool:
    assert server.poll() is None, f"the server at {base} stopped"
    try:
        return requests.get(f"{base}/healthz", timeout=10).status_code == 200
    except requests.RequestException:  # not listening yet
        return False


def test_two_servers_and_two_workers_share_one_database(service):
    (a_base, b_base), env, demo, dsn = service
    plan, action = run([str(ACTIONPLAN), "shell", "-c", FIRST_ACTION], env).split()[-2:]
    a, b = Browser(a_base, None), Browser(b_base, None)
    a.session.cookies = b.session.cookies = PlainJar()  # one browser, two addresses
    sign_in(a, *demo_credentials(str(demo)))

    # Signed in through A, the session is known to B: sessions are rows in the database.
    assert "Post Inspection Action Plan" in b.get(f"/plans/{plan}/").text
    page = f"/plans/{plan}/actions/{action}/"
    for n, (writer, reader) in enumerate([(a, b), (b, a), (a, b), (b, a)]):
        narrative = f"Update {n} through {writer.base}: the audit of case files goes on."
        form = writer.get(page + "update/")
        writer.submit(form, "narrative", {"status": "on_track", "narrative": narrative})
        assert narrative in reader.get(page).text, f"update {n} not seen through the other"

    # A paper drafted through each server; a worker renders each one's PDF.
    deadline = time.monotonic() + 240
    assert draft_paper_pdf(a, int(plan), deadline).startswith(b"%PDF")
    assert draft_paper_pdf(b, int(plan), deadline).startswith(b"%PDF")

    run([str(ACTIONPLAN), "shell", "-c", QUEUE_PINGS], env)

    def finished():
        with psycopg.connect(dsn) as db:
            jobs = db.execute(JOBS).fetchall()
        pings = [j for j in jobs if j[0].endswith(".ping")]
        done = len(pings) == PINGS and all(j[1] in ("SUCCESSFUL", "FAILED") for j in jobs)
        return jobs if done else None

    jobs = until(finished, "the workers to run every queued job", seconds=240)
    assert sum(path.endswith(".render_draft") for path, _, _ in jobs) >= 2
    for path, status, workers in jobs:
        assert status == "SUCCESSFUL", (path, status)
        assert len(workers) == 1, f"{path} was run by {workers}: not exactly once"
    assert {w for _, _, (w,) in jobs} <= {"worker-a", "worker-b"}
