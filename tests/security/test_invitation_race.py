"""Finding 11, invitations: several people accepting the same invitation at once got 500s.
Now the invitation is locked while it is used (a row lock; on SQLite the write lock every
transaction takes first), one acceptance goes through and the others are told it has been
used; none fails. The attack: twenty browsers sending the link's form at the same moment,
on SQLite (the service on its own file) and on PostgreSQL (a live server)."""

from __future__ import annotations

from collections import Counter

import pytest
import requests
from django.db import connection
from django.urls import reverse

from actionplan.accounts import invitations
from actionplan.accounts.models import Invitation, Membership, Role
from support.forms import post_forms
from support.server import at_once

PEOPLE = 20
PASSWORD = "a long enough passphrase for the plan"


def accept_all_at_once(url: str) -> list:
    """Each browser opens the link (its form and cookie), then all send it together."""
    browsers = []
    for _ in range(PEOPLE):
        browser = requests.Session()
        (form,) = post_forms(browser.get(url, timeout=60).text)
        data = {
            **dict(form.fields),
            "full_name": "Pat Ashby",
            "new_password1": PASSWORD,
            "new_password2": PASSWORD,
        }
        browsers.append((browser, data))
    return at_once(
        [
            lambda b=b, d=d: b.post(url, data=d, timeout=600, allow_redirects=False)
            for b, d in browsers
        ]
    )


def assert_one_accepted_and_the_others_told(results: list) -> None:
    failed = [r for r in results if not hasattr(r, "status_code") or r.status_code >= 500]
    assert not failed, failed[:3]
    assert Counter(r.status_code for r in results) == {302: 1, 410: PEOPLE - 1}
    for r in results:
        if r.status_code == 410:
            assert "has been used already" in r.text


@pytest.mark.slow
def test_twenty_people_accepting_one_invitation_at_once_on_sqlite(sqlite_service):
    service = sqlite_service
    admin = service.signed_in()
    plan_id = service.query("SELECT id FROM plans_plan")[0][0]
    invite = f"{service.url}{reverse('plans:invite', args=[plan_id])}"
    (form,) = post_forms(admin.get(invite, timeout=60).text)
    email = "race@example.gov.uk"
    sent = admin.post(
        invite,
        data={**dict(form.fields), "full_name": "Race", "email": email, "role": "member"},
        timeout=60,
        allow_redirects=False,
    )
    assert sent.status_code == 302
    (pk,) = service.query("SELECT id FROM accounts_invitation WHERE email = ?", email)[0]
    # The e-mailed link: signed with the key both processes keep in var/.
    token = invitations.token_for(Invitation(pk=pk, email=email))

    results = accept_all_at_once(
        f"{service.url}{reverse('accounts:accept_invitation', args=[token])}"
    )

    assert_one_accepted_and_the_others_told(results)
    assert service.query("SELECT count(*) FROM auth_user WHERE username = ?", email) == [(1,)]
    assert service.query(
        "SELECT count(*) FROM accounts_membership m JOIN auth_user u ON u.id = m.user_id "
        "WHERE u.username = ?",
        email,
    ) == [(1,)]


@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="PostgreSQL runs when DATABASE_URL names one (as .ci/run does); SQLite's test "
    "database is in memory, so SQLite is attacked through the service on a file above",
)
@pytest.mark.django_db(transaction=True)
def test_twenty_people_accepting_one_invitation_at_once_on_postgresql(live_server, seed_plan):
    invitation = Invitation.objects.create(
        email="race@example.gov.uk", plan=seed_plan, role=Role.MEMBER
    )
    url = live_server.url + reverse(
        "accounts:accept_invitation", args=[invitations.token_for(invitation)]
    )

    results = accept_all_at_once(url)

    assert_one_accepted_and_the_others_told(results)
    assert Membership.objects.filter(user__username=invitation.email).count() == 1


def test_accepting_an_invitation_another_request_has_just_used_says_so(client, personas):
    invitation = Invitation.objects.create(
        email="late@example.gov.uk", plan=personas.plan, role=Role.MEMBER
    )
    url = reverse("accounts:accept_invitation", args=[invitations.token_for(invitation)])
    page = client.get(url)  # the form, opened before the other request used the link
    assert page.status_code == 200
    original = invitations.accept

    def used_meanwhile(inv, **kwargs):
        original(inv, password="someone else's passphrase")  # the other request, first
        return original(inv, **kwargs)

    from unittest import mock

    with mock.patch.object(invitations, "accept", used_meanwhile):
        response = client.post(
            url, {"full_name": "Pat Ashby", "new_password1": PASSWORD, "new_password2": PASSWORD}
        )

    assert response.status_code == 410
    assert "has been used already" in response.content.decode()
