"""Signing in with the second factor in tests, through django-otp's own API.

`VerifyingClient` is the `client` fixture (tests/conftest.py): its `force_login` also gives
the second factor, as a person would at the code page, for a user who must have one (an
improvement lead, an administrator) or has one. Tests of the requirement itself use
`django.test.Client`, which does not.
"""

from __future__ import annotations

import time

import django_otp
from django.http import HttpRequest
from django.test import Client
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from actionplan.accounts import access, secondfactor


def authenticator(user) -> TOTPDevice:
    """The user's confirmed authenticator app, made if they have none."""
    device = secondfactor.app(user)
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=secondfactor.APP_NAME, confirmed=True)
    return device


def next_code(device: TOTPDevice) -> str:
    """The code the app shows for the first time step the device has not yet accepted (each
    step's code works once), within the steps it accepts now."""
    device.refresh_from_db()
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = time.time()
    while totp.t() <= device.last_t:
        totp.time += device.step
    return f"{totp.token():0{device.digits}d}"


def must_verify(user) -> bool:
    return access.needs_second_factor(user) or secondfactor.has_second_factor(user)


class VerifyingClient(Client):
    def force_login(self, user, backend=None):
        super().force_login(user, backend)
        if must_verify(user):
            request = HttpRequest()
            request.session = self.session
            request.user = user
            django_otp.login(request, authenticator(user))
            request.session.save()
