"""The pages the security defences show (docs/security.md) pass axe: the request that is too
large (413) and the busy database (503). They come from conditions a browser cannot make
on demand, so each is fetched as the service answers it and shown at the live server's
address, with its styles, for axe."""

from __future__ import annotations

from django.db import OperationalError
from django.test import Client
from django.urls import reverse

from actionplan.accounts import invitations
from support.browser import axe_violations
from support.secondfactor import VerifyingClient


def shown(page, live_server, html: str) -> None:
    page.goto(live_server.url + reverse("accounts:sign_in"))
    page.set_content(html)
    page.wait_for_load_state()


def test_the_page_for_a_request_too_large_is_accessible(page, live_server, db):
    response = Client().generic(
        "POST",
        reverse("accounts:sign_in"),
        b"",
        content_type="multipart/form-data; boundary=x",
        CONTENT_LENGTH=str(10**10),
    )
    assert response.status_code == 413

    shown(page, live_server, response.content.decode())

    assert page.get_by_role("heading", level=1).inner_text() == "The file is too large"
    assert axe_violations(page) == []


def test_the_page_for_a_busy_database_is_accessible(page, live_server, personas, monkeypatch):
    def locked(*args, **kwargs):
        raise OperationalError("database is locked")

    monkeypatch.setattr(invitations, "invite", locked)
    client = VerifyingClient()
    client.force_login(personas.improvement_lead)
    response = client.post(
        reverse("plans:invite", args=[personas.plan.pk]),
        {
            "full_name": "Pat",
            "email": "pat@example.gov.uk",
            "role": "member",
            "note": "A long line\nof text",
        },
    )
    assert response.status_code == 503

    shown(page, live_server, response.content.decode())

    assert page.get_by_role("button", name="Send again").is_visible()
    assert axe_violations(page) == []
