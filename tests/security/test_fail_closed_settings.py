"""Finding 2: a key published in the repository signed invitations. The settings now refuse
to start without a key unless DEBUG is asked for, and local use makes its own key; the
settings themselves are tested in tests/plans/test_settings.py."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core import signing
from django.urls import reverse

from actionplan.accounts.models import Invitation, Membership, Role

PUBLISHED_KEY = "insecure-local-development-key-do-not-use-in-production"
PASSWORD = "a long enough passphrase"


def forged_link(invitation_id: int, email: str, key: str) -> str:
    """What the attacker made: the invitation's id (they count up) and the invitee's e-mail,
    signed as invitations.token_for signs them, with a key they know."""
    token = signing.TimestampSigner(key=key, salt="actionplan.accounts.invitation").sign_object(
        {"id": invitation_id, "email": email}
    )
    return reverse("accounts:accept_invitation", args=[token])


def test_an_invitation_forged_with_the_published_key_is_refused(client, personas):
    invitation = Invitation.objects.create(
        email="new.officer@example.gov.uk", plan=personas.plan, role=Role.IMPROVEMENT_LEAD
    )
    url = forged_link(invitation.pk, invitation.email, PUBLISHED_KEY)

    page = client.get(url)
    taken = client.post(url, {"new_password1": PASSWORD, "new_password2": PASSWORD})

    assert settings.SECRET_KEY != PUBLISHED_KEY
    assert page.status_code == taken.status_code == 410
    assert "not a valid invitation" in taken.content.decode()
    assert not get_user_model().objects.filter(username=invitation.email).exists()
    assert not Membership.objects.filter(user__username=invitation.email).exists()
    invitation.refresh_from_db()
    assert invitation.accepted_at is None


def test_the_same_link_signed_with_the_services_own_key_works(client, personas):
    invitation = Invitation.objects.create(
        email="new.officer@example.gov.uk", plan=personas.plan, role=Role.MEMBER
    )
    url = forged_link(invitation.pk, invitation.email, settings.SECRET_KEY)

    taken = client.post(url, {"new_password1": PASSWORD, "new_password2": PASSWORD})

    assert taken.status_code == 302
    assert Membership.objects.get(user__username=invitation.email).role == Role.MEMBER
