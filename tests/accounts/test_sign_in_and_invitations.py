"""Signing in and out, changing a password, and the invitation that makes an account."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from actionplan.accounts import invitations
from actionplan.accounts.models import Invitation, Membership, Role

PASSWORD = "correct horse battery staple"


def test_argon2_hashes_passwords_outside_tests():
    from actionplan.config import settings as configured

    assert configured.PASSWORD_HASHERS[0].endswith("Argon2PasswordHasher")


def test_a_persona_signs_in_and_lands_on_their_plan(client, personas):
    response = client.post(
        reverse("accounts:sign_in"), {"username": "officer", "password": PASSWORD}, follow=True
    )
    assert response.redirect_chain[-1][0] == reverse("plans:dashboard", args=[personas.plan.pk])


def test_a_wrong_password_is_reported_the_govuk_way(client, personas):
    response = client.post(reverse("accounts:sign_in"), {"username": "officer", "password": "x"})
    html = response.content.decode()
    assert "<title>Error: Sign in – actionplan</title>" in html
    assert 'class="govuk-error-summary"' in html
    assert '<a href="#id_username">Enter a correct username and password</a>' in html


def test_an_empty_sign_in_form_gives_an_inline_error_for_each_field(client, db):
    html = client.post(reverse("accounts:sign_in"), {}).content.decode()
    assert 'id="id_username-error"' in html
    assert 'id="id_password-error"' in html
    assert 'aria-describedby="id_username-hint id_username-error"' in html
    assert "govuk-input--error" in html


def test_signing_out_needs_a_post(client, personas):
    client.force_login(personas.member)
    page = client.get(reverse("accounts:sign_out"))
    assert page.status_code == 200
    assert client.get(reverse("plans:list")).status_code == 200
    response = client.post(reverse("accounts:sign_out"))
    assert response["Location"] == reverse("accounts:sign_in")
    assert client.get(reverse("plans:list")).status_code == 302


def test_a_user_changes_their_password(client, personas):
    client.force_login(personas.member)
    response = client.post(
        reverse("accounts:password_change"),
        {
            "old_password": PASSWORD,
            "new_password1": "a much longer new passphrase",
            "new_password2": "a much longer new passphrase",
        },
    )
    assert response.status_code == 302
    personas.member.refresh_from_db()
    assert personas.member.check_password("a much longer new passphrase")


@pytest.fixture
def invited(client, personas):
    """The improvement lead invites a partner contributor for the partner party."""
    client.force_login(personas.improvement_lead)
    response = client.post(
        reverse("plans:invite", args=[personas.plan.pk]),
        {
            "full_name": "Pat Partner",
            "email": "Pat.Partner@Police.example.uk",
            "role": "partner",
            "party": personas.partner_party.pk,
        },
    )
    assert response.status_code == 302
    client.logout()
    (message,) = mail.outbox
    return message


def link_in(message) -> str:
    return re.search(r"https?://\S+", message.body).group(0)


def test_the_invitation_email_names_the_plan_and_the_role(invited, personas):
    assert invited.to == ["pat.partner@police.example.uk"]
    assert personas.plan.title in invited.body
    assert "partner contributor" in invited.body
    assert personas.partner_party.name in invited.body


def test_the_link_sets_a_password_and_gives_the_role(client, invited, personas):
    url = link_in(invited)
    page = client.get(url)
    assert "Pat.Partner" not in page.content.decode()
    response = client.post(
        url,
        {
            "full_name": "Pat Partner",
            "new_password1": "a long enough passphrase",
            "new_password2": "a long enough passphrase",
        },
    )
    assert response["Location"] == reverse("plans:dashboard", args=[personas.plan.pk])
    user = get_user_model().objects.get(username="pat.partner@police.example.uk")
    membership = Membership.objects.get(user=user)
    assert (membership.role, membership.party) == (Role.PARTNER, personas.partner_party)
    assert client.get(reverse("plans:list")).status_code == 200


def test_the_link_works_once(client, invited):
    url = link_in(invited)
    data = {
        "full_name": "Pat Partner",
        "new_password1": "a long enough passphrase",
        "new_password2": "a long enough passphrase",
    }
    client.post(url, data)
    client.logout()
    again = client.get(url)
    assert again.status_code == 410
    assert "used already" in again.content.decode()


def test_a_link_sent_just_after_someone_else_used_it_is_told_it_was_used(invited):
    # The race CI caught: this request read the invitation still open, then the other
    # sender's acceptance (and the account it made) committed before it looked for an
    # account. It must be told the link was used, not asked to sign in to that account.
    read_before = Invitation.objects.get()
    invitations.accept(Invitation.objects.get(), password="a long enough passphrase")
    with pytest.raises(invitations.InvitationError, match="used already"):
        invitations.existing_user(read_before)


def test_an_open_invitation_to_an_existing_account_finds_that_account(personas):
    invitation = Invitation.objects.create(
        email=personas.member.username, plan=personas.outsider_plan, role=Role.INSPECTOR
    )
    assert invitations.existing_user(invitation) == personas.member


def test_the_link_expires(client, invited, settings):
    invitation = Invitation.objects.get()
    token = invitations.token_for(invitation)
    later = timezone.now() + dt.timedelta(days=settings.INVITATION_DAYS + 1)
    from unittest import mock

    with mock.patch("django.core.signing.time.time", return_value=later.timestamp()):
        response = client.get(reverse("accounts:accept_invitation", args=[token]))
    assert response.status_code == 410
    assert "expired" in response.content.decode()


def test_a_tampered_link_is_refused(client, invited):
    response = client.get(link_in(invited)[:-3] + "abc/")
    assert response.status_code == 410
    assert "not a valid invitation" in response.content.decode()


def test_an_existing_account_accepts_by_signing_in_not_by_the_link_alone(client, personas):
    invitation = Invitation.objects.create(
        email="member@example.gov.uk", plan=personas.outsider_plan, role=Role.INSPECTOR
    )
    personas.member.username = "member@example.gov.uk"
    personas.member.save()
    url = reverse("accounts:accept_invitation", args=[invitations.token_for(invitation)])
    response = client.post(url, {"new_password1": "taken over!", "new_password2": "taken over!"})
    assert "already have an account" in response.content.decode()
    personas.member.refresh_from_db()
    assert personas.member.check_password(PASSWORD)

    client.force_login(personas.member)
    assert client.post(url).status_code == 302
    assert Membership.objects.get(user=personas.member, plan=personas.outsider_plan).role == (
        Role.INSPECTOR
    )


def test_a_lead_officer_must_be_linked_to_who_they_are_in_the_plan(client, personas):
    client.force_login(personas.improvement_lead)
    response = client.post(
        reverse("plans:invite", args=[personas.plan.pk]),
        {"full_name": "New Officer", "email": "new@example.gov.uk", "role": "lead_officer"},
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "<title>Error: Invite someone to the plan – actionplan</title>" in html
    assert 'href="#id_party"' in html
    assert not mail.outbox


def test_the_invite_form_reports_a_bad_address_and_a_missing_role(client, personas):
    client.force_login(personas.improvement_lead)
    html = client.post(
        reverse("plans:invite", args=[personas.plan.pk]), {"email": "not-an-address"}
    ).content.decode()
    assert "Enter an e-mail address in the correct format" in html
    assert '<a href="#id_role_0">Select the person&#x27;s role</a>' in html
    assert 'class="govuk-radios__input"' in html
