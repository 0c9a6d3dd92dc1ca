"""People's names (issue 16, point 3; ADR 0027): invitations ask for a full name, the accept
page pre-fills it, people change their own, and pages show names, not e-mail addresses."""

from types import SimpleNamespace

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from actionplan.accounts import invitations
from actionplan.accounts.models import Invitation, Role
from actionplan.core.presenters.people import display_name
from actionplan.monitoring import services

pytestmark = pytest.mark.django_db


def test_a_display_name_is_the_full_name_else_the_email_address_else_the_username():
    def user(first="", last="", email="", username="u1"):
        return SimpleNamespace(
            first_name=first, last_name=last, email=email, get_username=lambda: username
        )

    assert display_name(user("Judith Hay", email="jh@example.gov.uk")) == "Judith Hay"
    assert display_name(user("Judith", "Hay")) == "Judith Hay"  # an older, split name
    assert display_name(user(email="jh@example.gov.uk")) == "jh@example.gov.uk"
    assert display_name(user()) == "u1"
    assert display_name(None) == ""


def test_the_invitation_asks_for_the_full_name_and_the_accept_page_prefills_it(
    client, personas, mailoutbox
):
    client.force_login(personas.improvement_lead)
    url = reverse("plans:invite", args=[personas.plan.pk])
    missing = client.post(url, {"email": "pat@example.gov.uk", "role": "member"})
    assert "Enter the person&#x27;s full name" in missing.content.decode()

    client.post(
        url, {"full_name": "  Pat   Ashby ", "email": "pat@example.gov.uk", "role": "member"}
    )
    invitation = Invitation.objects.get(email="pat@example.gov.uk")
    assert invitation.full_name == "Pat Ashby"
    client.logout()

    accept = reverse("accounts:accept_invitation", args=[invitations.token_for(invitation)])
    page = client.get(accept).content.decode()
    assert 'name="full_name" value="Pat Ashby"' in page
    assert page.index('name="full_name"') < page.index('name="new_password1"')
    passphrase = "a long enough passphrase"
    client.post(
        accept,
        {"full_name": "Patricia Ashby", "new_password1": passphrase, "new_password2": passphrase},
    )
    user = get_user_model().objects.get(username="pat@example.gov.uk")
    assert (user.first_name, user.last_name) == ("Patricia Ashby", "")


def test_an_account_with_no_name_takes_the_one_it_was_invited_by(personas):
    personas.member.first_name = personas.member.last_name = ""
    personas.member.save()
    invitation = Invitation.objects.create(
        email=personas.member.email,
        full_name="Sam Ashby",
        plan=personas.outsider_plan,
        role=Role.INSPECTOR,
    )
    invitations.accept(invitation, user=personas.member)
    personas.member.refresh_from_db()
    assert personas.member.first_name == "Sam Ashby"


def test_people_change_their_own_name_on_their_account(client, personas):
    user = personas.lead_officer
    client.force_login(user)
    account = client.get(reverse("accounts:account")).content.decode()
    assert reverse("accounts:name") in account

    url = reverse("accounts:name")
    assert "Enter your full name" in client.post(url, {"full_name": " "}).content.decode()
    response = client.post(url, {"full_name": "Judith  Hay"})

    assert response["Location"] == reverse("accounts:account")
    user.refresh_from_db()
    assert (user.first_name, user.last_name) == ("Judith Hay", "")
    assert "Judith Hay" in client.get(reverse("accounts:account")).content.decode()


def test_pages_show_the_name_not_the_email_address_once_given(client, personas):
    officer = personas.lead_officer
    officer.first_name, officer.last_name = "", ""
    officer.email = "officer@example.gov.uk"
    officer.save()
    action = personas.led_action()
    services.record_update(action, user=officer, status="on_track", narrative="Audit booked")
    action_url = reverse("plans:action", args=[personas.plan.pk, action.pk])
    people_url = reverse("plans:people", args=[personas.plan.pk])
    client.force_login(personas.improvement_lead)

    assert "officer@example.gov.uk" in client.get(action_url).content.decode()

    officer.first_name = "Judith Hay"
    officer.save()
    for url in (action_url, people_url):
        html = client.get(url).content.decode()
        assert "Judith Hay" in html, url
        assert "officer@example.gov.uk" not in html, url
