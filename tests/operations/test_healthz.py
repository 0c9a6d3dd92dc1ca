"""/healthz: JSON, 200 when the database answers, the task queue is worked and the media
folder takes files; 503 otherwise. No sign-in, no secrets, no plan data."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import OperationalError
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from actionplan.operations.tasks import ping

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def test_it_answers_200_with_every_check_when_all_is_well(client):
    response = client.get("/healthz")

    assert response.status_code == 200
    assert response.json() == {
        "status": "ok",
        "checks": {
            "database": {"ok": True},
            "tasks": {"ok": True, "waiting": 0, "oldest_waiting_seconds": None},
            "media": {"ok": True},
        },
    }
    assert response["Cache-Control"] == "no-store"
    assert not response.cookies


def test_it_needs_no_sign_in_and_answers_on_the_services_own_address_over_http(client, settings):
    settings.ALLOWED_HOSTS = ["plans.example.gov.uk"]
    settings.SECURE_SSL_REDIRECT = True

    response = client.get("/healthz", HTTP_HOST="10.0.0.5:8000")

    assert response.status_code == 200
    # Every other page still gets the host check and the redirect.
    assert client.get("/plans/", HTTP_HOST="10.0.0.5:8000").status_code == 400


def test_it_counts_waiting_tasks_and_stays_healthy_while_they_are_recent(client):
    ping.enqueue()
    ping.enqueue()

    tasks = client.get("/healthz").json()["checks"]["tasks"]

    assert tasks["ok"] is True
    assert tasks["waiting"] == 2
    assert 0 <= tasks["oldest_waiting_seconds"] < 900


def test_it_fails_with_503_when_a_task_has_waited_longer_than_the_limit(client, settings):
    settings.HEALTH_TASK_MAX_WAIT = 600
    result = ping.enqueue()
    DBTaskResult.objects.filter(pk=result.id).update(
        enqueued_at=timezone.now() - dt.timedelta(hours=1)
    )

    response = client.get("/healthz")

    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "failing"
    tasks = body["checks"]["tasks"]
    assert tasks["ok"] is False
    assert tasks["waiting"] == 1
    assert tasks["oldest_waiting_seconds"] >= 3600
    assert "is a worker running?" in tasks["problem"]


def test_it_fails_when_the_media_folder_cannot_be_written(client, settings, tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    settings.MEDIA_ROOT = blocker / "media"

    response = client.get("/healthz")

    assert response.status_code == 503
    media = response.json()["checks"]["media"]
    assert media == {"ok": False, "problem": "the media folder cannot be written"}
    assert str(tmp_path) not in response.content.decode()


def test_it_fails_when_the_database_does_not_answer_and_does_not_say_where_it_is(
    client, monkeypatch
):
    from django.db import connection

    def refuse(*args, **kwargs):
        raise OperationalError('connection to server at "db.internal" failed: password wrong')

    monkeypatch.setattr(connection, "cursor", refuse)

    response = client.get("/healthz")

    assert response.status_code == 503
    checks = response.json()["checks"]
    assert checks["database"] == {"ok": False, "problem": "the database did not answer"}
    assert checks["tasks"]["ok"] is False
    assert "db.internal" not in response.content.decode()


def test_it_shows_no_plan_data_and_no_secrets(client, seed_plan, settings):
    text = client.get("/healthz").content.decode()

    assert seed_plan.title not in text
    assert seed_plan.organisation.name not in text
    assert settings.SECRET_KEY not in text


def test_it_answers_only_get_and_head(client):
    assert client.head("/healthz").status_code == 200
    response = client.post("/healthz")
    assert response.status_code == 405
    assert response["Allow"] == "GET, HEAD"


def test_it_carries_the_request_id_like_every_response(client):
    response = client.get("/healthz", HTTP_X_REQUEST_ID="abc123")

    assert response["X-Request-ID"] == "abc123"
