"""`actionplan doctor`: is this installation ready to serve a council? Each check gives a
Finding: OK with what it saw, or the problem and what to do about it.

The checks are for a production server (DEBUG off, real e-mail, a worker running): on a
developer's machine several say so, which is the point.
"""

from __future__ import annotations

import hashlib
import importlib
import os
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from email.utils import parseaddr
from pathlib import Path

from django.conf import settings
from django.db import connection

from actionplan.operations import health

LOCAL_HOSTS = {"127.0.0.1", "localhost", "[::1]", "::1"}
PAPER_FONT = "Liberation Sans"  # the first of the papers' fonts (reports/templates/.../paper.css)
NOTIFY = "actionplan.governance.notify.NotifyEmailBackend"
SMTP = "django.core.mail.backends.smtp.EmailBackend"
NOT_SENT = {
    "django.core.mail.backends.console.EmailBackend": "printed to the log",
    "django.core.mail.backends.locmem.EmailBackend": "kept in memory",
    "django.core.mail.backends.filebased.EmailBackend": "written to files",
    "django.core.mail.backends.dummy.EmailBackend": "thrown away",
}


@dataclass(frozen=True)
class Finding:
    name: str
    ok: bool
    message: str
    fix: str = ""


def ok(name: str, message: str) -> Finding:
    return Finding(name, True, message)


def problem(name: str, message: str, fix: str) -> Finding:
    return Finding(name, False, message, fix)


# --- configuration, database, migrations -------------------------------------------------


def configuration() -> Iterator[Finding]:
    name = "configuration"
    if settings.DEBUG:
        yield problem(
            name,
            "DEBUG is on: error pages show code and settings to anyone",
            "set DEBUG=0 in the environment file",
        )
    hosts = [h for h in settings.ALLOWED_HOSTS if h not in LOCAL_HOSTS]
    if not hosts:
        yield problem(
            name,
            "ALLOWED_HOSTS names only this machine, so nobody else can reach the service",
            "set ALLOWED_HOSTS to the service's host name, e.g. plans.example.gov.uk",
        )
    if not settings.DEBUG and hosts:
        yield ok(name, f"DEBUG off; serving {', '.join(hosts)}")


def database() -> Iterator[Finding]:
    name = "database"
    checked = health.database()
    if not checked.ok:
        yield problem(
            name,
            f"cannot connect: {checked.detail}",
            "check DATABASE_URL and that the database server is running "
            "(systemctl status postgresql)",
        )
        return
    db = connection.settings_dict
    if connection.vendor == "sqlite":
        yield ok(
            name,
            f"SQLite in {db['NAME']} (one server only; PostgreSQL is recommended, docs/deploy.md)",
        )
    else:
        where = f"{db.get('HOST') or 'local socket'}:{db.get('PORT') or 'default port'}"
        version = connection.pg_version  # type: ignore[attr-defined]  # PostgreSQL's: 150014
        yield ok(
            name,
            f"PostgreSQL {version // 10000}.{version % 10000}, {db['NAME']} on {where}",
        )
    yield from migrations()


def migrations() -> Iterator[Finding]:
    from django.db.migrations.executor import MigrationExecutor

    executor = MigrationExecutor(connection)
    pending = executor.migration_plan(executor.loader.graph.leaf_nodes())
    if pending:
        names = ", ".join(f"{m.app_label}.{m.name}" for m, _ in pending[:5])
        more = f" and {len(pending) - 5} more" if len(pending) > 5 else ""
        yield problem(
            "migrations",
            f"{len(pending)} not applied: {names}{more}",
            "run: actionplan migrate (then restart the web service and the worker)",
        )
    else:
        count = len(executor.loader.applied_migrations)
        yield ok("migrations", f"all {count} applied")


# --- the worker ----------------------------------------------------------------------------


def _pause(seconds: float) -> None:
    time.sleep(seconds)


def worker(wait: float) -> Iterator[Finding]:
    """Queue a job that does nothing and watch for a worker to take it, for up to `wait`
    seconds. A job nobody took is withdrawn, so it does not sit in the queue."""
    from django_tasks import TaskResultStatus as Status
    from django_tasks_db.models import DBTaskResult

    from actionplan.operations.tasks import ping

    name = "worker"
    started = time.monotonic()
    job = ping.enqueue()
    while True:
        status = DBTaskResult.objects.filter(pk=job.id).values_list("status", flat=True).first()
        if status in (Status.RUNNING, Status.SUCCESSFUL):
            yield ok(name, f"a worker took a test job in {time.monotonic() - started:.1f} s")
            return
        if status == Status.FAILED:
            yield problem(
                name,
                "a worker took a test job and it failed",
                "see the worker's log: journalctl -u actionplan-worker",
            )
            return
        if time.monotonic() - started >= wait:
            break
        _pause(0.2)
    DBTaskResult.objects.filter(pk=job.id, status=Status.READY).delete()
    queue = health.task_queue()
    waiting = queue.facts.get("waiting", 0)
    backlog = (
        f"; {waiting} other job{'s' if waiting != 1 else ''} waiting, the oldest for "
        f"{queue.facts['oldest_waiting_seconds']} s"
        if waiting
        else ""
    )
    yield problem(
        name,
        f"no worker took a test job within {wait:g} s{backlog}",
        "start the worker: systemctl start actionplan-worker "
        "(why it stopped: journalctl -u actionplan-worker)",
    )


# --- e-mail --------------------------------------------------------------------------------


def email(send_to: str | None = None) -> Iterator[Finding]:
    name = "e-mail"
    backend = settings.EMAIL_BACKEND
    if backend in NOT_SENT:
        yield problem(
            name,
            f"e-mails are {NOT_SENT[backend]}, not sent: nobody gets invitations or reminders",
            f"set EMAIL_BACKEND to {SMTP} (and EMAIL_HOST...) or to {NOTIFY} "
            "(and GOVUK_NOTIFY_...)",
        )
        return
    if backend == SMTP:
        yield from _smtp()
    elif backend == NOTIFY:
        yield from _notify()
    else:
        yield ok(name, f"backend {backend} (not one doctor knows how to check)")
    if send_to:
        yield _send_test(send_to)


def _smtp() -> Iterator[Finding]:
    from django.core.mail import get_connection

    name = "e-mail"
    sender = parseaddr(settings.DEFAULT_FROM_EMAIL)[1]
    if "@" not in sender or "." not in sender.rpartition("@")[2]:
        yield problem(
            name,
            f"DEFAULT_FROM_EMAIL ({settings.DEFAULT_FROM_EMAIL}) is not an address mail "
            "servers accept",
            'set DEFAULT_FROM_EMAIL, e.g. "Action plan <actionplan@example.gov.uk>"',
        )
    where = f"{settings.EMAIL_HOST}:{settings.EMAIL_PORT}"
    mail = get_connection(timeout=10)
    try:
        mail.open()
    except (TimeoutError, OSError) as e:  # smtplib's errors are OSErrors
        yield problem(
            name,
            f"cannot talk to the SMTP server {where}: {e}",
            "check EMAIL_HOST, EMAIL_PORT, EMAIL_USE_TLS, EMAIL_HOST_USER and "
            "EMAIL_HOST_PASSWORD, and that this server may reach it",
        )
        return
    finally:
        mail.close()
    signed_in = f", signed in as {settings.EMAIL_HOST_USER}" if settings.EMAIL_HOST_USER else ""
    yield ok(name, f"SMTP server {where} answered{signed_in}")


def notify_key_problem(key: str) -> str:
    """What is wrong with a GOV.UK Notify API key's form ("" if nothing): its name, then
    the service id and the secret, each a UUID."""
    if not key:
        return "GOVUK_NOTIFY_API_KEY is not set"
    if len(key) < 74 or key[-37] != "-" or key[-74] != "-":
        return "GOVUK_NOTIFY_API_KEY is not a whole Notify key (name-serviceid-secret)"
    for part in (key[-73:-37], key[-36:]):
        try:
            uuid.UUID(part)
        except ValueError:
            return "GOVUK_NOTIFY_API_KEY does not end in a service id and a secret key"
    return ""


def _uuid_problem(name: str, value: str, required: bool) -> str:
    if not value:
        return f"{name} is not set" if required else ""
    try:
        uuid.UUID(value)
    except ValueError:
        return f"{name} is not a Notify id (a UUID such as 8a5b3c0e-...)"
    return ""


def _notify() -> Iterator[Finding]:
    # The Notify backend reads these from the environment.
    key = os.environ.get("GOVUK_NOTIFY_API_KEY", "")
    problems = [
        p
        for p in (
            notify_key_problem(key),
            _uuid_problem(
                "GOVUK_NOTIFY_TEMPLATE_ID", os.environ.get("GOVUK_NOTIFY_TEMPLATE_ID", ""), True
            ),
            _uuid_problem(
                "GOVUK_NOTIFY_REPLY_TO_ID", os.environ.get("GOVUK_NOTIFY_REPLY_TO_ID", ""), False
            ),
        )
        if p
    ]
    if problems:
        yield problem(
            "e-mail",
            "GOV.UK Notify: " + "; ".join(problems),
            "copy the API key, the template id and the reply-to id from Notify's "
            "API integration and Templates pages",
        )
        return
    yield ok(
        "e-mail",
        "GOV.UK Notify key and template id are well formed (only --send-test shows Notify "
        "accepts them)",
    )


def _send_test(address: str) -> Finding:
    from django.core.mail import send_mail

    try:
        send_mail(
            "actionplan: a test message",
            "This message was sent by `actionplan doctor --send-test` to check that the "
            "service's e-mail works. Nothing needs doing.",
            None,
            [address],
        )
    except Exception as e:
        return problem(
            "e-mail", f"sending a test message to {address} failed: {e}", "see the check above"
        )
    return ok("e-mail", f"sent a test message to {address}: check that it arrived")


# --- PDF, deployment checks, folders -------------------------------------------------------


def pdf() -> Iterator[Finding]:
    name = "PDF"
    try:
        import actionplan.reports.pdf  # noqa: F401 (quietens WeasyPrint's progress log)

        # Imported by name so that it comes after the line above, whatever sorts imports.
        weasyprint = importlib.import_module("weasyprint")

        document = weasyprint.HTML(
            string=f"<p style=\"font-family: '{PAPER_FONT}', sans-serif\">actionplan doctor</p>"
        ).render()
        content = document.write_pdf()
    except (OSError, ImportError) as e:
        yield problem(
            name,
            f"WeasyPrint cannot render: {e}",
            "install its libraries: apt-get install libpango-1.0-0 libpangoft2-1.0-0 "
            "libharfbuzz-subset0",
        )
        return
    fonts = sorted({f.family for f in document.fonts.values()})
    if not content.startswith(b"%PDF") or not fonts:
        yield problem(
            name,
            "WeasyPrint made a PDF with no font in it: papers would have no text",
            "install fonts: apt-get install fonts-liberation fonts-dejavu-core",
        )
    elif PAPER_FONT not in fonts:
        yield problem(
            name,
            f"papers are set in {PAPER_FONT}, which is not installed (used {', '.join(fonts)})",
            "apt-get install fonts-liberation",
        )
    else:
        yield ok(name, f"WeasyPrint {weasyprint.__version__} rendered a test page in {PAPER_FONT}")


def deploy_checks() -> Iterator[Finding]:
    from django.core import checks

    found = [
        m
        for m in checks.run_checks(include_deployment_checks=True)
        if m.level >= checks.WARNING and not m.is_silenced()
    ]
    if not found:
        yield ok("check --deploy", "no warnings")
        return
    for message in found:
        yield problem(
            "check --deploy",
            f"{message.id}: {message.msg}",
            message.hint or "see docs/deploy.md and docs/security.md",
        )


def media() -> Iterator[Finding]:
    checked = health.media()
    if checked.ok:
        yield ok("media", f"{settings.MEDIA_ROOT} takes files")
    else:
        yield problem(
            "media",
            f"cannot write: {checked.detail}",
            "make MEDIA_ROOT a folder the service's user owns: "
            "chown -R actionplan: /var/lib/actionplan/media",
        )


def static() -> Iterator[Finding]:
    from django.contrib.staticfiles.finders import get_finders

    root = Path(settings.STATIC_ROOT)
    stale = total = 0
    for finder in get_finders():
        for path, storage in finder.list([]):
            total += 1
            collected = root / path
            if not collected.is_file() or _sha256(collected) != _sha256(Path(storage.path(path))):
                stale += 1
    if stale:
        yield problem(
            "static",
            f"{stale} of {total} static files missing or out of date in {root}",
            "run: actionplan collectstatic --no-input",
        )
    else:
        yield ok("static", f"all {total} static files collected in {root}")


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def run(*, worker_wait: float, send_to: str | None = None) -> Iterator[Finding]:
    """Every check, in the order a broken installation is best mended."""
    yield from configuration()
    found = list(database())
    yield from found
    if all(f.ok for f in found if f.name == "database"):
        yield from worker(worker_wait)
    yield from email(send_to)
    yield from pdf()
    yield from deploy_checks()
    yield from media()
    yield from static()
