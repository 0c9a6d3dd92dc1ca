"""`actionplan doctor`: each check says OK with what it saw, or the problem and the fix; the
exit status is 1 when anything is wrong."""

from __future__ import annotations

import io
import uuid

import pytest
from django.core.management import call_command
from django.db import connection
from django.db.migrations.loader import MigrationLoader
from django_tasks_db.models import DBTaskResult
from operations_smtp import MailServer, closed_port

from actionplan.operations import doctor
from actionplan.operations.tasks import ping

NOTIFY_KEY = f"actionplan_live-{uuid.uuid4()}-{uuid.uuid4()}"


def findings(checks) -> list[tuple[bool, str]]:
    return [(f.ok, f.message) for f in checks]


@pytest.fixture
def production(settings, tmp_path):
    """Settings as a correct production installation has them (but for the worker)."""
    # The browser tests set DJANGO_ALLOW_ASYNC_UNSAFE for Playwright's event loop, which
    # stays open for the run; a deployment check rightly objects, but not to a server's.
    settings.SILENCED_SYSTEM_CHECKS = [*settings.SILENCED_SYSTEM_CHECKS, "async.E001"]
    settings.DEBUG = False
    settings.ALLOWED_HOSTS = ["plans.example.gov.uk"]
    settings.SECURE_SSL_REDIRECT = True
    settings.SECURE_HSTS_SECONDS = 31536000
    settings.SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    settings.SECURE_HSTS_PRELOAD = True
    settings.SESSION_COOKIE_SECURE = True
    settings.CSRF_COOKIE_SECURE = True
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.STATIC_ROOT = tmp_path / "static"
    settings.EMAIL_BACKEND = doctor.SMTP
    settings.EMAIL_HOST = "127.0.0.1"
    settings.DEFAULT_FROM_EMAIL = "Action plan <actionplan@example.gov.uk>"
    server = MailServer()
    settings.EMAIL_PORT = server.port
    yield server
    server.close()


@pytest.fixture
def a_worker(monkeypatch):
    """While doctor waits, a worker (django-tasks-db's, in this process) runs the queue."""

    def run_the_queue(seconds):
        call_command("db_worker", batch=True, reload=False, verbosity=0)

    monkeypatch.setattr(doctor, "_pause", run_the_queue)


# --- the command as a whole


@pytest.mark.django_db(transaction=True)
def test_a_ready_installation_is_all_ok_and_exits_0(production, a_worker, settings):
    call_command("collectstatic", interactive=False, verbosity=0)
    out = io.StringIO()

    call_command("doctor", wait=5, stdout=out)

    lines = out.getvalue().splitlines()
    assert not [line for line in lines if line.startswith("PROBLEM")]
    named = {line.split(":")[0] for line in lines if line.startswith("OK")}
    assert named == {
        f"OK       {name}"
        for name in [
            "configuration",
            "database",
            "migrations",
            "worker",
            "e-mail",
            "PDF",
            "check --deploy",
            "media",
            "static",
        ]
    }
    assert lines[-1] == "Everything checked is in order."


@pytest.mark.django_db
def test_a_development_machine_gets_each_problem_with_its_fix_and_exit_1(settings, tmp_path):
    settings.DEBUG = True
    settings.EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.STATIC_ROOT = tmp_path / "static"
    out = io.StringIO()

    with pytest.raises(SystemExit) as exit:
        call_command("doctor", wait=0, stdout=out)

    assert exit.value.code == 1
    text = out.getvalue()
    assert "PROBLEM  configuration: DEBUG is on" in text
    assert "         fix: set DEBUG=0 in the environment file" in text
    assert "PROBLEM  worker: no worker took a test job within 0 s" in text
    assert "PROBLEM  e-mail: e-mails are printed to the log, not sent" in text
    assert "PROBLEM  check --deploy: security.W018" in text
    assert "run: actionplan collectstatic --no-input" in text
    assert text.rstrip().endswith("problems found.")


# --- configuration, database, migrations


def test_configuration_wants_debug_off_and_a_real_host_name(settings):
    settings.DEBUG = True
    settings.ALLOWED_HOSTS = ["localhost", "127.0.0.1"]

    found = list(doctor.configuration())

    assert [f.ok for f in found] == [False, False]
    assert "ALLOWED_HOSTS names only this machine" in found[1].message
    assert "plans.example.gov.uk" in found[1].fix


def test_configuration_is_ok_when_debug_is_off_and_a_host_is_named(settings):
    settings.DEBUG = False
    settings.ALLOWED_HOSTS = ["plans.example.gov.uk", "localhost"]

    assert findings(doctor.configuration()) == [(True, "DEBUG off; serving plans.example.gov.uk")]


@pytest.mark.django_db
def test_the_database_check_names_the_server_and_every_migration_applied():
    database, migrations = doctor.database()

    assert database.ok
    assert ("SQLite" if connection.vendor == "sqlite" else "PostgreSQL") in database.message
    assert migrations.ok
    assert migrations.message.startswith("all ")


@pytest.mark.django_db
def test_a_migration_not_applied_is_named_with_the_command_that_applies_it():
    # The app's latest: one before it, with a later one applied, would not be missed.
    (_, name), *_ = MigrationLoader(connection).graph.leaf_nodes("reports")
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM django_migrations WHERE app = 'reports' AND name = %s", [name])

    (found,) = doctor.migrations()

    assert not found.ok
    assert found.message == f"1 not applied: reports.{name}"
    assert found.fix.startswith("run: actionplan migrate")


@pytest.mark.django_db
def test_a_database_that_does_not_answer_is_a_problem_that_says_why(monkeypatch):
    from django.db import OperationalError

    def refuse(*args, **kwargs):
        raise OperationalError("connection refused")

    monkeypatch.setattr(connection, "cursor", refuse)

    (found,) = doctor.database()

    assert not found.ok
    assert found.message == "cannot connect: OperationalError: connection refused"
    assert "DATABASE_URL" in found.fix


# --- the worker


@pytest.mark.django_db(transaction=True)
def test_a_running_worker_takes_the_test_job(a_worker):
    (found,) = doctor.worker(wait=5)

    assert found.ok
    assert found.message.startswith("a worker took a test job in ")


@pytest.mark.django_db
def test_without_a_worker_the_test_job_is_withdrawn_and_the_backlog_told():
    ping.enqueue()  # someone else's job, waiting

    (found,) = doctor.worker(wait=0)

    assert not found.ok
    assert found.message.startswith("no worker took a test job within 0 s; 1 other job waiting")
    assert "systemctl start actionplan-worker" in found.fix
    assert DBTaskResult.objects.count() == 1


# --- e-mail


def test_an_email_backend_that_sends_nothing_is_a_problem(settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"

    (found,) = doctor.email()

    assert not found.ok
    assert "nobody gets invitations or reminders" in found.message


def test_the_smtp_server_is_asked_and_nothing_is_sent(production):
    assert findings(doctor.email()) == [(True, f"SMTP server 127.0.0.1:{production.port} answered")]
    assert production.messages == []


def test_send_test_sends_one_message_to_the_address_given(production):
    found = list(doctor.email(send_to="it@example.gov.uk"))

    assert [f.ok for f in found] == [True, True]
    assert found[1].message == "sent a test message to it@example.gov.uk: check that it arrived"
    (message,) = production.messages
    assert "To: it@example.gov.uk" in message
    assert "Subject: actionplan: a test message" in message


def test_an_smtp_server_that_cannot_be_reached_is_a_problem(production, settings):
    settings.EMAIL_PORT = closed_port()

    (found,) = doctor.email()

    assert not found.ok
    assert found.message.startswith(
        f"cannot talk to the SMTP server 127.0.0.1:{settings.EMAIL_PORT}"
    )
    assert "EMAIL_HOST" in found.fix


def test_a_sender_mail_servers_refuse_is_a_problem(production, settings):
    settings.DEFAULT_FROM_EMAIL = "actionplan <actionplan@localhost>"

    sender, server = doctor.email()

    assert not sender.ok
    assert "DEFAULT_FROM_EMAIL" in sender.message
    assert server.ok


def test_a_well_formed_notify_key_and_template_pass(settings, monkeypatch):
    settings.EMAIL_BACKEND = doctor.NOTIFY
    monkeypatch.setenv("GOVUK_NOTIFY_API_KEY", NOTIFY_KEY)
    monkeypatch.setenv("GOVUK_NOTIFY_TEMPLATE_ID", str(uuid.uuid4()))
    monkeypatch.delenv("GOVUK_NOTIFY_REPLY_TO_ID", raising=False)

    (found,) = doctor.email()

    assert found.ok
    assert found.message.startswith("GOV.UK Notify key and template id are well formed")


@pytest.mark.parametrize(
    ("key", "template", "said"),
    [
        ("", str(uuid.uuid4()), "GOVUK_NOTIFY_API_KEY is not set"),
        ("just-a-secret", str(uuid.uuid4()), "is not a whole Notify key"),
        (NOTIFY_KEY[:-1] + "x", str(uuid.uuid4()), "does not end in a service id and a secret"),
        (NOTIFY_KEY, "template-1", "GOVUK_NOTIFY_TEMPLATE_ID is not a Notify id"),
    ],
)
def test_a_notify_key_or_template_of_the_wrong_form_is_named(
    settings, monkeypatch, key, template, said
):
    settings.EMAIL_BACKEND = doctor.NOTIFY
    monkeypatch.setenv("GOVUK_NOTIFY_API_KEY", key)
    monkeypatch.setenv("GOVUK_NOTIFY_TEMPLATE_ID", template)

    (found,) = doctor.email()

    assert not found.ok
    assert said in found.message
    assert key[-36:] not in found.message or not key


# --- PDF, deployment checks, folders


def test_weasyprint_renders_a_page_in_the_papers_font():
    (found,) = doctor.pdf()

    assert found.ok, found.message
    assert found.message.endswith("rendered a test page in Liberation Sans")


def test_weasyprint_without_its_libraries_is_a_problem_with_the_packages_to_install(monkeypatch):
    import weasyprint

    def missing(*args, **kwargs):
        raise OSError("cannot load library 'libpango-1.0-0'")

    monkeypatch.setattr(weasyprint, "HTML", missing)

    (found,) = doctor.pdf()

    assert not found.ok
    assert "libpango-1.0-0" in found.message
    assert found.fix.startswith("install its libraries: apt-get install")


def test_deployment_warnings_are_each_a_problem(settings):
    settings.DEBUG = True

    ids = [f.message.split(":")[0] for f in doctor.deploy_checks() if not f.ok]

    assert "security.W018" in ids


def test_deployment_checks_pass_with_production_settings(production):
    assert findings(doctor.deploy_checks()) == [(True, "no warnings")]


def test_a_media_folder_that_cannot_be_written_is_named(settings, tmp_path):
    (tmp_path / "a-file").write_text("")
    settings.MEDIA_ROOT = tmp_path / "a-file" / "media"

    (found,) = doctor.media()

    assert not found.ok
    assert str(tmp_path / "a-file" / "media") in found.message


@pytest.mark.django_db
def test_static_files_must_be_collected_and_up_to_date(settings, tmp_path):
    settings.STATIC_ROOT = tmp_path / "static"
    (missing,) = doctor.static()
    call_command("collectstatic", interactive=False, verbosity=0)
    (collected,) = doctor.static()
    (tmp_path / "static" / "application.css").write_text("body{}")
    (stale,) = doctor.static()

    assert not missing.ok
    assert collected.ok
    assert not stale.ok
    assert stale.message.startswith("1 of ")
