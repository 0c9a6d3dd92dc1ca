"""A session ends after SESSION_IDLE_MINUTES without a request, and SESSION_MAX_HOURS after
signing in; a form sent to an ended session is kept to be sent again."""

from __future__ import annotations

import time

import pytest
from django.urls import reverse

from actionplan.accounts import sessions
from actionplan.accounts.models import AuditEvent


@pytest.mark.parametrize(
    ("signed_in_ago", "seen_ago", "expected"),
    [
        (60, 60, ""),
        (3600, 29 * 60, ""),
        (3600, 30 * 60, "you had not used actionplan for 30 minutes"),
        (10 * 3600, 0, "you signed in more than 10 hours ago"),
    ],
)
def test_the_rule(signed_in_ago, seen_ago, expected):
    now = 1_000_000.0
    reason = sessions.expiry_reason(
        now, now - signed_in_ago, now - seen_ago, idle_minutes=30, max_hours=10
    )

    assert reason == expected


def age(client, *, signed_in_ago, seen_ago):
    session = client.session
    now = time.time()
    session[sessions.SIGNED_IN_AT] = now - signed_in_ago
    session[sessions.SEEN_AT] = now - seen_ago
    session.save()


def test_an_idle_session_is_signed_out_with_a_message(client, personas):
    client.force_login(personas.member)
    age(client, signed_in_ago=3600, seen_ago=31 * 60)
    url = reverse("plans:dashboard", args=[personas.plan.pk])

    response = client.get(url)

    assert response["Location"] == f"{reverse('accounts:sign_in')}?next=/plans/{personas.plan.pk}/"
    page = client.get(response["Location"]).content.decode()
    assert "You were signed out because you had not used actionplan for 30 minutes." in page
    assert "Important" in page
    assert client.get(url).status_code == 302
    event = AuditEvent.objects.get(kind=AuditEvent.Kind.SESSION_EXPIRED)
    assert event.user == personas.member


def test_a_session_in_use_lasts_until_the_maximum(client, personas, settings):
    settings.SESSION_MAX_HOURS = 2
    client.force_login(personas.member)
    url = reverse("plans:dashboard", args=[personas.plan.pk])
    age(client, signed_in_ago=3600, seen_ago=60)
    assert client.get(url).status_code == 200

    age(client, signed_in_ago=2 * 3600, seen_ago=60)

    assert client.get(url).status_code == 302


def test_a_request_moves_the_idle_clock_on(client, personas):
    client.force_login(personas.member)
    age(client, signed_in_ago=3600, seen_ago=29 * 60)
    client.get(reverse("accounts:account"))

    assert time.time() - client.session[sessions.SEEN_AT] < 60


def test_a_form_sent_after_expiry_is_kept_to_send_again(client, personas):
    action = personas.led_action()
    client.force_login(personas.lead_officer)
    age(client, signed_in_ago=3600, seen_ago=45 * 60)
    url = reverse("plans:add_update", args=[personas.plan.pk, action.pk])

    response = client.post(
        url, {"status": "on_track", "narrative": "Audit of 40 files done", "password": "x"}
    )

    assert response["Location"] == f"{reverse('accounts:sign_in')}?next=/accounts/resubmit/"
    client.force_login(personas.lead_officer)
    html = client.get(reverse("accounts:resubmit")).content.decode()
    assert f'<form method="post" action="{url}">' in html
    assert '<input type="hidden" name="narrative" value="Audit of 40 files done">' in html
    assert 'name="password"' not in html


def test_the_kept_form_is_not_shown_to_someone_else(client, personas):
    client.force_login(personas.member)
    age(client, signed_in_ago=3600, seen_ago=45 * 60)
    client.post(reverse("accounts:password_change"), {"old_password": "x"})

    client.force_login(personas.inspector)

    assert client.get(reverse("accounts:resubmit"))["Location"] == reverse("home")


@pytest.mark.parametrize(
    ("variable", "value", "problem"),
    [
        ("SESSION_IDLE_MINUTES", "0", "SESSION_IDLE_MINUTES must be 1 or more, not 0"),
        ("SIGN_IN_FAILURE_LIMIT", "-1", "SIGN_IN_FAILURE_LIMIT must be 1 or more, not -1"),
        ("TRUSTED_PROXY_COUNT", "one", "TRUSTED_PROXY_COUNT must be a whole number"),
    ],
)
def test_a_setting_that_makes_no_sense_stops_the_service(variable, value, problem):
    import os
    import subprocess
    import sys

    env = {**os.environ, variable: value}
    run = subprocess.run(
        [sys.executable, "-c", "import actionplan.config.settings"],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )

    assert run.returncode != 0
    assert problem in run.stderr


def test_a_post_with_nothing_typed_is_not_kept(client, personas):
    client.force_login(personas.member)
    age(client, signed_in_ago=3600, seen_ago=45 * 60)

    response = client.post(reverse("accounts:sign_out"))

    assert response["Location"] == f"{reverse('accounts:sign_in')}?next=/accounts/sign-out/"
