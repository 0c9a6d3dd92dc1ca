"""Too many failed sign-ins lock out that username from that address for a while, on our
sign-in page and the admin's, without telling whether the account exists."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from actionplan.accounts.addresses import forwarded_address
from actionplan.accounts.models import AuditEvent

PASSWORD = "correct horse battery staple"


@pytest.fixture(autouse=True)
def _three_failures(settings):
    settings.AXES_FAILURE_LIMIT = 3


def attempt(client, username, password="wrong", **extra):
    return client.post(
        reverse("accounts:sign_in"), {"username": username, "password": password}, **extra
    )


def test_the_limit_th_failure_locks_the_username_out_with_a_govuk_page(db, django_user_model):
    django_user_model.objects.create_user("pat", "pat@example.gov.uk", PASSWORD)
    client = Client()
    assert [attempt(client, "pat").status_code for _ in range(2)] == [200, 200]

    locked = attempt(client, "pat")

    html = locked.content.decode()
    assert locked.status_code == 429
    assert "<title>You cannot sign in yet – actionplan</title>" in html
    assert "Wait 15 minutes, then" in html
    assert reverse("accounts:password_reset") in html


def test_the_right_password_does_not_get_in_while_locked_out(db, django_user_model):
    django_user_model.objects.create_user("pat", "pat@example.gov.uk", PASSWORD)
    client = Client()
    for _ in range(3):
        attempt(client, "pat")

    response = attempt(client, "pat", PASSWORD)

    assert response.status_code == 429
    assert client.get(reverse("plans:list")).status_code == 302


def test_a_username_with_no_account_is_locked_out_the_same_way(db, django_user_model):
    django_user_model.objects.create_user("pat", "pat@example.gov.uk", PASSWORD)
    pages = {}
    for username in ("pat", "nobody"):
        client = Client()
        for _ in range(2):
            attempt(client, username)
        pages[username] = attempt(client, username)

    assert pages["pat"].status_code == pages["nobody"].status_code == 429
    assert pages["pat"].content == pages["nobody"].content


def test_the_lockout_is_for_that_username_and_that_address_only(db, django_user_model):
    django_user_model.objects.create_user("pat", "pat@example.gov.uk", PASSWORD)
    django_user_model.objects.create_user("sam", "sam@example.gov.uk", PASSWORD)
    client = Client()
    for _ in range(3):
        attempt(client, "pat")

    assert attempt(client, "sam", PASSWORD).status_code == 302
    elsewhere = Client(REMOTE_ADDR="192.0.2.7")
    assert attempt(elsewhere, "pat", PASSWORD).status_code == 302


def test_the_lockout_ends_after_the_cool_off(db, django_user_model, settings):
    import datetime as dt

    from axes.models import AccessAttempt

    django_user_model.objects.create_user("pat", "pat@example.gov.uk", PASSWORD)
    client = Client()
    for _ in range(3):
        attempt(client, "pat")
    cool_off = settings.AXES_COOLOFF_TIME + dt.timedelta(seconds=1)
    attempts = AccessAttempt.objects.all()
    for a in attempts:
        a.attempt_time -= cool_off
        a.save()

    assert attempt(client, "pat", PASSWORD).status_code == 302


def test_a_success_clears_the_count(db, django_user_model):
    django_user_model.objects.create_user("pat", "pat@example.gov.uk", PASSWORD)
    client = Client()
    attempt(client, "pat")
    attempt(client, "pat")
    assert attempt(client, "pat", PASSWORD).status_code == 302
    client.logout()

    assert [attempt(client, "pat").status_code for _ in range(2)] == [200, 200]


def test_the_admin_sign_in_is_throttled_too(db, django_user_model):
    django_user_model.objects.create_superuser("root", "root@example.gov.uk", PASSWORD)
    client = Client()
    url = reverse("admin:login")
    statuses = [
        client.post(url, {"username": "root", "password": "wrong"}).status_code for _ in range(3)
    ]

    assert statuses == [200, 200, 429]
    assert (
        "You cannot sign in yet"
        in client.post(url, {"username": "root", "password": PASSWORD}).content.decode()
    )


def test_a_forged_forwarded_for_header_does_not_escape_the_lockout(db, django_user_model):
    # With no proxy configured the header is the client's own words, and ignored.
    django_user_model.objects.create_user("pat", "pat@example.gov.uk", PASSWORD)
    client = Client()
    for n in range(3):
        attempt(client, "pat", HTTP_X_FORWARDED_FOR=f"203.0.113.{n}")

    assert attempt(client, "pat", PASSWORD, HTTP_X_FORWARDED_FOR="203.0.113.99").status_code == (
        429
    )


def test_behind_a_proxy_each_client_address_is_counted_apart(db, django_user_model, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    django_user_model.objects.create_user("pat", "pat@example.gov.uk", PASSWORD)
    proxy = Client(REMOTE_ADDR="10.0.0.2")
    for _ in range(3):
        attempt(proxy, "pat", HTTP_X_FORWARDED_FOR="198.51.100.1")

    # The client cannot choose its address: the proxy appends the one it saw.
    forged = "203.0.113.5, 198.51.100.1"
    assert attempt(proxy, "pat", PASSWORD, HTTP_X_FORWARDED_FOR=forged).status_code == 429
    other = attempt(proxy, "pat", PASSWORD, HTTP_X_FORWARDED_FOR="198.51.100.2")
    assert other.status_code == 302
    event = AuditEvent.objects.filter(kind=AuditEvent.Kind.SIGNED_IN).get()
    assert event.ip_address == "198.51.100.2"


@pytest.mark.parametrize(
    ("remote", "header", "proxies", "expected"),
    [
        ("10.0.0.2", "198.51.100.1", 0, "10.0.0.2"),
        ("10.0.0.2", "198.51.100.1", 1, "198.51.100.1"),
        ("10.0.0.2", "203.0.113.5, 198.51.100.1", 1, "198.51.100.1"),
        ("10.0.0.3", "203.0.113.5, 198.51.100.1, 10.0.0.2", 2, "198.51.100.1"),
        ("10.0.0.2", "", 1, "10.0.0.2"),
        ("10.0.0.2", "198.51.100.1", 2, "10.0.0.2"),
        ("10.0.0.2", "not-an-address", 1, "10.0.0.2"),
        ("10.0.0.2", " 2001:db8::1 ", 1, "2001:db8::1"),
    ],
)
def test_the_client_address_is_the_one_the_trusted_proxies_saw(remote, header, proxies, expected):
    assert forwarded_address(remote, header, proxies) == expected
