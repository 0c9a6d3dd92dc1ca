"""Finding 2: a key published in the repository signed invitations. The settings now refuse
to start without a key unless DEBUG is asked for, and local use makes its own key; the
settings themselves are tested in tests/plans/test_settings.py."""

from __future__ import annotations

import json
import os
import secrets
import subprocess
import sys

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
    taken = client.post(
        url, {"full_name": "Pat Ashby", "new_password1": PASSWORD, "new_password2": PASSWORD}
    )

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

    taken = client.post(
        url, {"full_name": "Pat Ashby", "new_password1": PASSWORD, "new_password2": PASSWORD}
    )

    assert taken.status_code == 302
    assert Membership.objects.get(user__username=invitation.email).role == Role.MEMBER


def test_in_production_plain_http_is_redirected_and_https_is_held_to_hsts(tmp_path):
    """The service's own settings, as a server behind a TLS proxy runs them."""
    code = (
        "import django, json; django.setup()\n"
        "from django.test import Client\n"
        "c = Client()\n"
        "plain = c.get('/accounts/sign-in/')\n"
        "tls = c.get('/accounts/sign-in/', headers={'X-Forwarded-Proto': 'https'})\n"
        "print(json.dumps({'plain': [plain.status_code, plain.get('Location')],\n"
        "  'tls': [tls.status_code, tls.get('Strict-Transport-Security'),\n"
        "          tls.cookies['csrftoken']['secure'], tls.get('Cache-Control')]}))\n"
    )
    env = {k: v for k, v in os.environ.items() if k not in ("DEBUG", "SECRET_KEY")}
    env |= {
        "DJANGO_SETTINGS_MODULE": "actionplan.config.settings",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "testserver",
        "SECURE_PROXY_SSL_HEADER": "X-Forwarded-Proto,https",
        "DATABASE_URL": f"sqlite:///{tmp_path}/db.sqlite3",
    }

    done = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=120
    )

    seen = json.loads(done.stdout.strip().splitlines()[-1])
    assert seen["plain"] == [301, "https://testserver/accounts/sign-in/"]
    status, hsts, secure_cookie, cache = seen["tls"]
    assert status == 200
    assert hsts == "max-age=31536000; includeSubDomains"
    assert secure_cookie is True
    assert "no-store" in cache
