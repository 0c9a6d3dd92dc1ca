"""Real worker processes (`actionplan worker`) against one database, SQLite file and
PostgreSQL: two at once send each reminder once, a worker killed with SIGKILL after it
claimed a reminder loses and repeats nothing when a worker starts again, and the task it
was running is run again, once, by another worker.

Each test gets a database of its own, copied from one migrated once per module, and counts
the e-mails the workers wrote to a folder (governance_mailbox.Mailbox, one file each).
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
import uuid
from pathlib import Path

import dj_database_url
import pytest
from governance_mailbox import sent

HERE = Path(__file__).resolve().parent
ACTIONPLAN = Path(sys.executable).with_name("actionplan")
TODAY = "2013-03-20"
COUNT = 40  # reminders; at 0.1 s each, two workers overlap for seconds

pytestmark = pytest.mark.slow


def _env(database_url: str, mailbox: Path, delay: float = 0.0) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        DATABASE_URL=database_url,
        EMAIL_BACKEND="governance_mailbox.Mailbox",
        GOVERNANCE_MAILBOX=str(mailbox),
        GOVERNANCE_MAIL_DELAY=str(delay),
        PYTHONPATH=os.pathsep.join([str(HERE), env.get("PYTHONPATH", "")]),
        LOG_LEVEL="WARNING",
        DJANGO_SETTINGS_MODULE="actionplan.config.settings",
    )
    return env


def _run(args: list[str], env: dict[str, str], timeout: float = 120) -> str:
    done = subprocess.run(args, env=env, capture_output=True, text=True, timeout=timeout)
    assert done.returncode == 0, f"{args} failed:\n{done.stdout}\n{done.stderr}"
    return done.stdout


# --- one migrated database per kind, copied for each test


class SqliteDatabases:
    def __init__(self, folder: Path):
        self.folder = folder
        self.template = folder / "template.sqlite3"
        _run([str(ACTIONPLAN), "migrate", "-v0"], _env(self.url(self.template), folder))

    @staticmethod
    def url(path: Path) -> str:
        return f"sqlite:///{path}"

    def new(self) -> str:
        path = self.folder / f"{uuid.uuid4().hex}.sqlite3"
        shutil.copyfile(self.template, path)
        return self.url(path)

    def rows(self, url: str, sql: str) -> list[tuple]:
        with sqlite3.connect(url.removeprefix("sqlite:///")) as db:
            return db.execute(sql).fetchall()

    def close(self) -> None:
        pass


class PostgresDatabases:
    def __init__(self, url: str, folder: Path):
        import psycopg

        self.psycopg = psycopg
        self.config = dj_database_url.parse(url)
        self.admin = psycopg.connect(self._dsn(self.config["NAME"]), autocommit=True)
        self.names: list[str] = []
        self.template = self._create(f"actionplan_governance_{os.getpid()}")
        _run([str(ACTIONPLAN), "migrate", "-v0"], _env(self.url(self.template), folder))

    def _dsn(self, name: str) -> str:
        c = self.config
        return f"host={c['HOST']} port={c['PORT'] or 5432} user={c['USER']} password={c['PASSWORD']} dbname={name}"

    def _create(self, name: str, template: str | None = None) -> str:
        self.admin.execute(f'DROP DATABASE IF EXISTS "{name}"')
        suffix = f' TEMPLATE "{template}"' if template else ""
        self.admin.execute(f'CREATE DATABASE "{name}"{suffix}')
        self.names.append(name)
        return name

    def url(self, name: str) -> str:
        c = self.config
        return f"postgres://{c['USER']}:{c['PASSWORD']}@{c['HOST']}:{c['PORT'] or 5432}/{name}"

    def new(self) -> str:
        return self.url(self._create(f"{self.template}_{len(self.names)}", self.template))

    def rows(self, url: str, sql: str) -> list[tuple]:
        with self.psycopg.connect(self._dsn(url.rsplit("/", 1)[1])) as db:
            return db.execute(sql).fetchall()

    def close(self) -> None:
        for name in reversed(self.names):
            self.admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        self.admin.close()


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def databases(request, tmp_path_factory):
    folder = tmp_path_factory.mktemp(request.param)
    if request.param == "sqlite":
        dbs = SqliteDatabases(folder)
    else:
        url = os.environ.get("DATABASE_URL", "")
        if not url.startswith(("postgres://", "postgresql://")):
            pytest.skip("PostgreSQL runs when DATABASE_URL names one (as .ci/run does)")
        dbs = PostgresDatabases(url, folder)
    yield dbs
    dbs.close()


@pytest.fixture
def setup(databases, tmp_path):
    """A seeded database of the module's kind, and an empty mailbox."""
    url = databases.new()
    mailbox = tmp_path / "mailbox"
    mailbox.mkdir()
    _run([sys.executable, str(HERE / "governance_seed.py"), str(COUNT), TODAY], _env(url, mailbox))
    return databases, url, mailbox


def _worker(url: str, mailbox: Path, name: str, *, delay: float, batch: bool = True):
    args = [str(ACTIONPLAN), "worker", "--worker-id", name, "--interval", "0.1"]
    if batch:
        args.append("--batch")
    return subprocess.Popen(
        args,
        env=_env(url, mailbox, delay),
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )


def _finish(process: subprocess.Popen, timeout: float = 180) -> str:
    out, _ = process.communicate(timeout=timeout)
    assert process.returncode == 0, out
    return out


def _reminders(databases, url: str) -> list[tuple]:
    return databases.rows(
        url, "SELECT id, status, sent_by, attempts FROM governance_reminder ORDER BY id"
    )


def test_two_workers_at_once_send_each_reminder_exactly_once(setup):
    databases, url, mailbox = setup
    env = _env(url, mailbox)
    # Two runs of the job queued at once (cron fired twice, say); each worker also queues a
    # delivery when it starts. Both workers plan and deliver the same reminders together.
    _run([str(ACTIONPLAN), "remind", "--today", TODAY], env)
    _run([str(ACTIONPLAN), "remind", "--today", TODAY], env)

    workers = [_worker(url, mailbox, name, delay=0.1) for name in ("worker-a", "worker-b")]
    for w in workers:
        _finish(w)

    rows = _reminders(databases, url)
    assert len(rows) == COUNT
    assert sent(mailbox) == sorted(str(r[0]) for r in rows)  # each id once, none missing
    assert {(status, attempts) for _, status, _, attempts in rows} == {("sent", 1)}
    by_worker = {name: sum(r[2] == name for r in rows) for name in ("worker-a", "worker-b")}
    assert all(by_worker.values()), f"the workers did not overlap: {by_worker}"


def test_a_worker_killed_after_its_claim_loses_and_repeats_nothing(setup):
    databases, url, mailbox = setup
    _run([str(ACTIONPLAN), "remind", "--today", TODAY], _env(url, mailbox))

    # The first worker claims a reminder, then waits inside the send; it is killed there.
    doomed = _worker(url, mailbox, "doomed", delay=60, batch=False)
    deadline = time.monotonic() + 120
    while not list(mailbox.glob(f"sending-*-{doomed.pid}")):
        assert doomed.poll() is None, doomed.communicate()[0]
        assert time.monotonic() < deadline, "the worker never claimed a reminder"
        time.sleep(0.05)
    (marker,) = mailbox.glob(f"sending-*-{doomed.pid}")
    claimed = marker.name.split("-")[1]
    os.kill(doomed.pid, signal.SIGKILL)
    doomed.wait(timeout=30)
    assert sent(mailbox) == []

    _finish(_worker(url, mailbox, "restarted", delay=0))

    rows = _reminders(databases, url)
    assert len(rows) == COUNT
    assert sent(mailbox) == sorted(str(r[0]) for r in rows)
    assert sent(mailbox).count(claimed) == 1
    # The killed worker's claim died with it: one attempt, by the restarted worker.
    assert {(status, sent_by, attempts) for _, status, sent_by, attempts in rows} == {
        ("sent", "restarted", 1)
    }


def _tasks(databases, url: str) -> list[tuple[str, str, list[str]]]:
    rows = databases.rows(
        url,
        "SELECT task_path, status, worker_ids FROM django_tasks_database_dbtaskresult "
        "ORDER BY enqueued_at",
    )
    return [
        (p.rsplit(".", 1)[-1], s, w if isinstance(w, list) else json.loads(w)) for p, s, w in rows
    ]


def test_a_task_left_running_by_a_killed_worker_is_run_again_once_by_another(setup):
    """django-tasks-db would leave the killed worker's task RUNNING for ever; the worker
    started after it (with no delivery of its own queued) finds it silent and runs it again."""
    databases, url, mailbox = setup
    _run([str(ACTIONPLAN), "remind", "--today", TODAY], _env(url, mailbox))
    doomed = subprocess.Popen(
        [str(ACTIONPLAN), "worker", "--worker-id", "doomed", "--interval", "0.1", "--no-sweep"],
        env=_env(url, mailbox, delay=60),
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    deadline = time.monotonic() + 120
    while not list(mailbox.glob(f"sending-*-{doomed.pid}")):
        assert doomed.poll() is None, doomed.communicate()[0]
        assert time.monotonic() < deadline, "the worker never claimed a reminder"
        time.sleep(0.05)
    os.kill(doomed.pid, signal.SIGKILL)
    doomed.wait(timeout=30)
    assert _tasks(databases, url) == [("send_reminders", "RUNNING", ["doomed"])]

    env = _env(url, mailbox) | {"TASK_STALE_SECONDS": "2"}
    second = subprocess.Popen(
        [str(ACTIONPLAN), "worker", "--worker-id", "second", "--interval", "0.1", "--no-sweep"],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        deadline = time.monotonic() + 180
        while _tasks(databases, url)[0][1] != "SUCCESSFUL":
            assert second.poll() is None, second.communicate()[0]
            assert time.monotonic() < deadline, "the lost task was never run again"
            time.sleep(0.2)
    finally:
        second.terminate()
        second.wait(timeout=60)

    assert _tasks(databases, url) == [("send_reminders", "SUCCESSFUL", ["doomed", "second"])]
    rows = _reminders(databases, url)
    assert len(rows) == COUNT
    assert sent(mailbox) == sorted(str(r[0]) for r in rows)  # each once, none lost
    assert {(status, sent_by) for _, status, sent_by, _ in rows} == {("sent", "second")}
