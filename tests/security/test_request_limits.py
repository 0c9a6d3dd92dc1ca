"""Finding 13, the request's size: a body of any size was spooled to disk before sign-in.
A body larger than the largest upload (and its form) is now refused from its
Content-Length, unread, before sessions, CSRF or sign-in (core.middleware.RequestLimitMiddleware);
every limit comes from IMPORT_MAX_BYTES. No caching of pages and files is walked in
tests/web/test_url_walk.py (test_no_page_or_file_with_plan_data_may_be_kept_in_a_cache)."""

from __future__ import annotations

from unittest import mock

from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from actionplan.plans.models import PendingImport


def test_every_size_limit_comes_from_the_one_upload_limit():
    assert settings.FILE_UPLOAD_MAX_MEMORY_SIZE == settings.IMPORT_MAX_BYTES
    assert settings.REQUEST_MAX_BYTES == settings.IMPORT_MAX_BYTES + 1024 * 1024
    assert settings.DATA_UPLOAD_MAX_MEMORY_SIZE == settings.REQUEST_MAX_BYTES


def test_a_huge_body_sent_to_sign_in_is_refused_unread_before_any_sign_in_work(client, db):
    # Ten gigabytes announced, ten bytes sent: reading past them would fail the test client.
    with mock.patch("django.contrib.auth.authenticate") as authenticate:
        response = client.generic(
            "POST",
            reverse("accounts:sign_in"),
            b"0123456789",
            content_type="multipart/form-data; boundary=xyz",
            CONTENT_LENGTH=str(10 * 1024**3),
        )

    assert response.status_code == 413
    assert response["Connection"] == "close"
    assert "none of it has been read or saved" in response.content.decode()
    assert "no-store" in response["Cache-Control"]
    authenticate.assert_not_called()


def test_an_upload_over_the_limit_is_refused_and_nothing_is_kept(client, personas, settings):
    settings.IMPORT_MAX_BYTES = 1024
    settings.REQUEST_MAX_BYTES = 2048
    client.force_login(personas.improvement_lead)

    response = client.post(
        reverse("plans:import"), {"file": SimpleUploadedFile("plan.txt", b"x" * 4096)}
    )

    assert response.status_code == 413
    assert "A file must be smaller than 1 MB" in response.content.decode()
    assert not PendingImport.objects.exists()


def test_a_body_within_the_limit_goes_through(client, personas, settings):
    settings.REQUEST_MAX_BYTES = 64 * 1024
    client.force_login(personas.improvement_lead)

    response = client.post(
        reverse("plans:import"), {"file": SimpleUploadedFile("notes.txt", b"just words\n")}
    )

    assert response.status_code == 200
    assert "notes.txt: " in response.content.decode()
