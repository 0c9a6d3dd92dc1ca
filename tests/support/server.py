"""The service as a person meets it: the installed program serving a SQLite file of its own
over HTTP, in another process, to as many threads as a test likes."""

from __future__ import annotations

import contextlib
import os
import socket
import sqlite3
import subprocess
import sys
import threading
from pathlib import Path

import requests

from support.forms import post_forms

PROGRAM = Path(sys.executable).with_name("actionplan")
ADMIN, PASSWORD = "admin", "a long and unguessable passphrase"


class Service:
    """`actionplan` with its own database and media folder in `folder`."""

    def __init__(self, folder: Path):
        self.folder = folder
        self.database = folder / "actionplan.sqlite3"
        self.env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "actionplan.config.local",
            "DATABASE_URL": f"sqlite:///{self.database}",
            "MEDIA_ROOT": str(folder / "media"),
            "DJANGO_SUPERUSER_PASSWORD": PASSWORD,
        }
        self.url = ""
        self.codes: list[str] = []
        self._server: subprocess.Popen | None = None

    def run(self, *args: str) -> str:
        done = subprocess.run(
            [str(PROGRAM), *args], env=self.env, capture_output=True, text=True, timeout=600
        )
        assert done.returncode == 0, done.stderr
        return done.stdout

    def set_up(self, plan_file: Path) -> None:
        """An empty database, the plan, and an administrator, as the README makes them."""
        self.run("migrate", "-v", "0")
        self.run("import", str(plan_file))
        self.run("createsuperuser", "--noinput", "--username", ADMIN, "--email", "a@example.org")
        # An administrator must give a second factor: backup codes, one per sign-in.
        self.codes = self.run(
            "shell",
            "-c",
            "from django.contrib.auth import get_user_model; "
            "from actionplan.accounts import secondfactor; "
            f"print(' '.join(secondfactor.new_backup_codes(get_user_model().objects.get(username={ADMIN!r}))))",
        ).split()

    def start(self) -> str:
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            port = s.getsockname()[1]
        # The production server: two processes of sixteen threads each, all on one file.
        self._server = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "gunicorn",
                "actionplan.config.wsgi:application",
                f"--bind=127.0.0.1:{port}",
                "--workers=2",
                "--threads=16",
            ],
            env=self.env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
        )
        self.url = f"http://127.0.0.1:{port}"
        while True:  # until it answers, or has stopped
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                return self.url
            except OSError:
                if self._server.poll() is not None:
                    stopped = f"the server stopped: {self._server.stderr.read()}"
                    raise RuntimeError(stopped) from None
                with contextlib.suppress(subprocess.TimeoutExpired):
                    self._server.wait(timeout=0.2)

    def stop(self) -> str:
        """Stop the server; what it wrote on stderr (its log)."""
        if self._server is None:
            return ""
        self._server.terminate()
        try:
            _, log = self._server.communicate(timeout=30)
        except subprocess.TimeoutExpired:
            self._server.kill()
            _, log = self._server.communicate()
        self._server = None
        return log

    def query(self, sql: str, *params) -> list[tuple]:
        with sqlite3.connect(self.database, timeout=60) as db:
            return db.execute(sql, params).fetchall()

    def signed_in(self, username: str = ADMIN, password: str = PASSWORD) -> requests.Session:
        session = requests.Session()
        page = session.get(f"{self.url}/accounts/sign-in/", timeout=60)
        (form,) = post_forms(page.text)
        data = {**dict(form.fields), "username": username, "password": password}
        signed = session.post(page.url, data=data, timeout=60, allow_redirects=False)
        assert signed.status_code == 302, signed.text
        if "/accounts/sign-in/code/" in signed.headers["Location"]:
            page = session.get(f"{self.url}{signed.headers['Location']}", timeout=60)
            (form,) = [f for f in post_forms(page.text) if "code" in dict(f.fields)]
            data = {**dict(form.fields), "code": self.codes.pop()}
            signed = session.post(page.url, data=data, timeout=60, allow_redirects=False)
            assert signed.status_code == 302, signed.text
        return session


def copy_of(session: requests.Session) -> requests.Session:
    """Another browser tab of the same person: the same cookies, its own connection."""
    tab = requests.Session()
    tab.cookies.update(session.cookies)
    return tab


def at_once(jobs: list) -> list:
    """Run every job in its own thread, all released together; their results (or the
    exception each raised: a refused connection is a failure too) in order."""
    start = threading.Barrier(len(jobs))
    results: list = [None] * len(jobs)

    def run(i, job):
        start.wait(timeout=120)
        try:
            results[i] = job()
        except Exception as e:
            results[i] = e

    threads = [threading.Thread(target=run, args=(i, job)) for i, job in enumerate(jobs)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=600)
    return results
