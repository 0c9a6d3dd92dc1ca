"""The production server under load, and a backup and a restore of the demo plan.

    .venv/bin/python bench/server_bench.py [--seconds 20] [--clients 8]

Loads the demo plan (`actionplan demo`) into a scratch database: SQLite in a temporary
folder, or DATABASE_URL with RESTORE_DATABASE_URL, an empty second one, for the restore.
Times `actionplan backup` and `actionplan restore` into the empty database. Then starts
gunicorn with the repository's config (WEB_CONCURRENCY and WEB_THREADS if set, else its
defaults) and, for --seconds after a short warm-up, has --clients threads ask for the demo
plan's dashboard one request after another, signed in as a lead officer. Prints requests a
second, latency percentiles and the memory of gunicorn's processes (proportional set size,
so pages the processes share are counted once). The clients run on the same machine as the
server and take a share of its CPU.
"""

from __future__ import annotations

import argparse
import os
import re
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

import requests

BIN = Path(sys.executable).parent
SESSION = """
from django.contrib.auth import get_user_model
from django.test import Client
from actionplan.accounts.models import Membership, Role
from actionplan.plans.models import Plan
plan = Plan.objects.get()
user = get_user_model().objects.create_user("bench", "bench@example.gov.uk")
Membership.objects.create(user=user, plan=plan, role=Role.LEAD_OFFICER)
client = Client()
client.force_login(user)
print(plan.pk, client.cookies["sessionid"].value)
"""


def actionplan(env: dict, *args: str) -> tuple[float, str]:
    started = time.perf_counter()
    done = subprocess.run(
        [str(BIN / "actionplan"), *args], env=env, capture_output=True, text=True, check=False
    )
    if done.returncode:
        sys.exit(f"actionplan {' '.join(args)} failed:\n{done.stdout}{done.stderr}")
    return time.perf_counter() - started, done.stdout


def pss_mb(pid: int) -> float:
    """The proportional memory of gunicorn's master and its workers, in MB."""
    pids = [pid] + [
        int(p.name) for p in Path("/proc").iterdir() if p.name.isdigit() and _parent(p) == pid
    ]
    total = 0
    for p in pids:
        text = Path(f"/proc/{p}/smaps_rollup").read_text()
        total += int(re.search(r"^Pss:\s+(\d+) kB", text, re.M).group(1))
    return total / 1024


def _parent(proc: Path) -> int:
    try:
        return int((proc / "stat").read_text().rsplit(")", 1)[1].split()[1])
    except (OSError, IndexError, ValueError):
        return -1


def load(url: str, cookie: str, clients: int, seconds: float) -> list[float]:
    latencies: list[float] = []
    stop = time.perf_counter() + seconds
    lock = threading.Lock()
    errors: list[str] = []

    def client():
        session = requests.Session()
        session.headers.update({"Cookie": f"sessionid={cookie}", "X-Forwarded-Proto": "https"})
        mine = []
        while time.perf_counter() < stop:
            started = time.perf_counter()
            response = session.get(url, timeout=60)
            if response.status_code != 200:
                errors.append(f"HTTP {response.status_code}")
                return
            mine.append(time.perf_counter() - started)
        with lock:
            latencies.extend(mine)

    threads = [threading.Thread(target=client) for _ in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    if errors:
        sys.exit(f"{url}: {errors[0]}")
    return latencies


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=float, default=20)
    parser.add_argument("--clients", type=int, default=8)
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="actionplan-bench-"))
    port = 8000 + secrets.randbelow(1000)
    env = dict(os.environ) | {
        "DEBUG": "0",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "SECURE_PROXY_SSL_HEADER": "X-Forwarded-Proto,https",
        "MEDIA_ROOT": str(folder / "media"),
        "STATIC_ROOT": str(folder / "static"),
        "LOG_LEVEL": "WARNING",
        "WEB_BIND": f"127.0.0.1:{port}",
    }
    env.setdefault("DATABASE_URL", f"sqlite:///{folder}/bench.sqlite3")
    restore_url = env.pop("RESTORE_DATABASE_URL", f"sqlite:///{folder}/restored.sqlite3")
    vendor = env["DATABASE_URL"].split(":")[0]

    actionplan(env, "migrate", "-v0")
    actionplan(env, "collectstatic", "--no-input", "-v0")
    seconds, _ = actionplan(env, "demo")
    print(f"demo plan loaded on {vendor} in {seconds:.1f} s")
    seconds, said = actionplan(env, "backup", "-o", str(folder / "demo.tar.gz"))
    print(f"backup: {seconds:.1f} s wall clock, the command's own: {said.strip()}")
    restore_env = env | {"DATABASE_URL": restore_url, "MEDIA_ROOT": str(folder / "restored")}
    seconds, said = actionplan(restore_env, "restore", str(folder / "demo.tar.gz"))
    print(f"restore (with migrate): {seconds:.1f} s wall clock, the command's own: {said.strip()}")

    _, out = actionplan(env, "shell", "-c", SESSION)
    plan, cookie = out.split()[-2:]
    server = subprocess.Popen(
        [str(BIN / "gunicorn"), "--config", "python:actionplan.config.gunicorn_conf"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        base = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 120
        while True:
            try:
                if requests.get(f"{base}/healthz", timeout=5).status_code == 200:
                    break
            except requests.RequestException:  # not listening yet, or still starting
                pass
            if time.monotonic() > deadline or server.poll() is not None:
                sys.exit("gunicorn did not start")
            time.sleep(0.5)
        url = f"{base}/plans/{plan}/"
        load(url, cookie, args.clients, 3)  # warm-up: every worker and thread has served
        latencies = sorted(load(url, cookie, args.clients, args.seconds))
        cuts = statistics.quantiles(latencies, n=100)
        print(
            f"dashboard, {args.clients} clients for {args.seconds:.0f} s "
            f"(WEB_CONCURRENCY={env.get('WEB_CONCURRENCY') or 'default'}, "
            f"WEB_THREADS={env.get('WEB_THREADS') or 'default'}): "
            f"{len(latencies) / args.seconds:.1f} requests/s; latency median "
            f"{cuts[49] * 1000:.0f} ms, 90th {cuts[89] * 1000:.0f} ms, 99th "
            f"{cuts[98] * 1000:.0f} ms; gunicorn's memory {pss_mb(server.pid):.0f} MB"
        )
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=60)
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
